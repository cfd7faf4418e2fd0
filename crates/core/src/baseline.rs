//! The steady state (MODEL.md §2): market demand flows upstream through recipes and shares.
//!
//! Acyclic networks are solved exactly in one reverse-topological pass. Networks with cycles
//! (input-output tables) are solved by Jacobi iteration of x = A x + d until the largest relative
//! change is below the tolerance; Jacobi (not Gauss-Seidel) so the result does not depend on the
//! order facilities are stored in.

use crate::model::Network;
use crate::model::ids::{FacilityId, LinkId};

/// Baseline flows of a network.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Baseline {
    /// Output per day of each facility (markets: their demand).
    pub output: Vec<f64>,
    /// Flow per day on each link (backup links: 0).
    pub link_flow: Vec<f64>,
    /// Whether the network has a cycle (and was solved iteratively).
    pub cyclic: bool,
    /// Iterations of the iterative solve (0 for the acyclic pass).
    pub iterations: u32,
}

/// The iterative solve did not reach its tolerance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Divergence {
    /// Iterations run.
    pub iterations: u32,
    /// Relative change at the last iteration.
    pub residual: f64,
}

/// The coefficient of a link: units of the supplier's product per unit of the customer's output
/// that travel on it, `share * a`.
fn link_coefficients(net: &Network) -> Vec<f64> {
    net.links
        .iter()
        .map(|l| {
            if l.backup {
                return 0.0;
            }
            let a =
                net.inputs(l.customer).iter().find(|i| i.product == l.product).map_or(0.0, |i| i.per_unit);
            l.share * a
        })
        .collect()
}

/// Solves the baseline. `tolerance` and `max_iterations` apply only to cyclic networks.
pub fn solve(net: &Network, tolerance: f64, max_iterations: u32) -> Result<Baseline, Divergence> {
    let n = net.facilities.len();
    let coef = link_coefficients(net);
    let demand: Vec<f64> = net.facilities.iter().map(|f| f.demand_per_day).collect();

    // Reverse-topological pass: a facility is final once all its customers are.
    let mut pending: Vec<u32> = vec![0; n];
    for l in &net.links {
        if !l.backup {
            pending[l.supplier.index()] += 1;
        }
    }
    let mut queue: Vec<u32> = (0..n as u32).filter(|&f| pending[f as usize] == 0).collect();
    let mut output = demand.clone();
    let mut head = 0;
    while head < queue.len() {
        let c = queue[head] as usize;
        head += 1;
        let x = output[c];
        for &l in net.in_links(FacilityId::from_index(c)) {
            let link = &net.links[l as usize];
            if link.backup {
                continue;
            }
            let s = link.supplier.index();
            output[s] += coef[l as usize] * x;
            pending[s] -= 1;
            if pending[s] == 0 {
                queue.push(s as u32);
            }
        }
    }
    let mut cyclic = false;
    let mut iterations = 0;
    if queue.len() < n {
        cyclic = true;
        let (x, it) = jacobi(net, &coef, &demand, tolerance, max_iterations)?;
        output = x;
        iterations = it;
    }
    let link_flow =
        net.links.iter().enumerate().map(|(l, link)| coef[l] * output[link.customer.index()]).collect();
    Ok(Baseline { output, link_flow, cyclic, iterations })
}

fn jacobi(
    net: &Network,
    coef: &[f64],
    demand: &[f64],
    tolerance: f64,
    max_iterations: u32,
) -> Result<(Vec<f64>, u32), Divergence> {
    let n = demand.len();
    let mut x = demand.to_vec();
    let mut next = vec![0.0; n];
    let mut residual = f64::INFINITY;
    for it in 1..=max_iterations {
        for (i, nx) in next.iter_mut().enumerate() {
            let mut v = demand[i];
            for &l in net.out_links(FacilityId::from_index(i)) {
                v += coef[l as usize] * x[net.link(LinkId(l)).customer.index()];
            }
            *nx = v;
        }
        residual = 0.0;
        for i in 0..n {
            let scale = next[i].abs().max(f64::MIN_POSITIVE);
            let r = (next[i] - x[i]).abs() / scale;
            if r > residual || r.is_nan() {
                residual = r;
            }
        }
        std::mem::swap(&mut x, &mut next);
        if !residual.is_finite() || x.iter().any(|v| !v.is_finite()) {
            return Err(Divergence { iterations: it, residual });
        }
        if residual <= tolerance {
            return Ok((x, it));
        }
    }
    Err(Divergence { iterations: max_iterations, residual })
}

impl Baseline {
    /// Baseline stock of input slot `k` of facility `f`: inventory days * a * x (MODEL.md §2).
    pub fn inventory(&self, net: &Network, f: FacilityId, k: usize) -> f64 {
        let fac = net.facility(f);
        let input = net.inputs(f)[k];
        input.inventory_days.unwrap_or(fac.inventory_days) * input.per_unit * self.output[f.index()]
    }

    /// Baseline quantity in transit on link `l`: lead time * flow.
    pub fn pipeline(&self, net: &Network, l: LinkId) -> f64 {
        net.link(l).lead_time_days as f64 * self.link_flow[l.index()]
    }
}
