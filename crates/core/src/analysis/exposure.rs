//! Route exposure: for every chokepoint, the share of each market's baseline supply whose path,
//! at any tier, passes through it.
//!
//! With e_i(c) the share of facility i's output that depends on chokepoint c,
//!
//!   e_i(c) = max over inputs k of  sum over i's non-backup links l for k of
//!            share_l * (1 if l's primary route passes c, else e_supplier(l)(c))
//!
//! Raw-material sources have e = 0. The max over inputs is the Leontief rule: output needs every
//! input, so losing a fraction of one input loses that fraction of output. The sum over suppliers
//! weights each by its share; a supplier's exposure passes pro rata to all its customers. So
//! e_m(c) is the fraction of market m's supply that closing c would cut if nothing else adapted
//! (no inventory, alternate route or re-sourcing): an upper bound on the direct effect that the
//! simulation refines. Acyclic networks are solved in one topological pass; cyclic ones by
//! iteration to a fixed point.

use rayon::prelude::*;

use crate::model::Network;
use crate::{Baseline, ChokepointId, FacilityId, LinkId};

/// One market's exposure to one chokepoint.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketExposure {
    /// The market.
    pub market: FacilityId,
    /// Share of its baseline supply through the chokepoint (0 to 1).
    pub share: f64,
    /// That share of its baseline supply value, USD per day.
    pub value: f64,
}

/// Exposure of every market to one chokepoint.
#[derive(Debug, Clone, PartialEq)]
pub struct ChokepointExposure {
    /// The chokepoint.
    pub chokepoint: ChokepointId,
    /// Markets with a positive exposure, largest value first.
    pub markets: Vec<MarketExposure>,
    /// Sum of the markets' exposed value, USD per day.
    pub total_value: f64,
}

/// Facilities in supplier-before-customer order (Kahn over non-backup links), and whether every
/// facility got an order (false: the network has a cycle).
fn topological(net: &Network) -> (Vec<u32>, bool) {
    let n = net.facilities.len();
    let mut pending = vec![0u32; n];
    for l in &net.links {
        if !l.backup {
            pending[l.customer.index()] += 1;
        }
    }
    let mut order: Vec<u32> = (0..n as u32).filter(|&f| pending[f as usize] == 0).collect();
    let mut head = 0;
    while head < order.len() {
        let s = order[head];
        head += 1;
        for &l in net.out_links(FacilityId(s)) {
            let link = net.link(LinkId(l));
            if link.backup {
                continue;
            }
            let c = link.customer.index();
            pending[c] -= 1;
            if pending[c] == 0 {
                order.push(c as u32);
            }
        }
    }
    let complete = order.len() == n;
    if !complete {
        // Append the facilities on cycles so that the iteration below visits everything.
        let mut seen = vec![false; n];
        for &f in &order {
            seen[f as usize] = true;
        }
        order.extend((0..n as u32).filter(|&f| !seen[f as usize]));
    }
    (order, complete)
}

/// Exposure of facility `f` given its suppliers' exposures.
fn facility_exposure(net: &Network, f: FacilityId, through: &[bool], e: &[f64]) -> f64 {
    let inputs = net.inputs(f);
    if inputs.is_empty() {
        return 0.0;
    }
    let first = net.first_slot(f);
    let mut per_input = [0.0f64; 8];
    let mut spill: Vec<f64> = Vec::new();
    if inputs.len() > per_input.len() {
        spill = vec![0.0; inputs.len()];
    }
    for &l in net.in_links(f) {
        let link = net.link(LinkId(l));
        if link.backup {
            continue;
        }
        let k = net.link_slot(LinkId(l)) - first;
        let x = if through[l as usize] { 1.0 } else { e[link.supplier.index()] };
        let add = link.share * x;
        if spill.is_empty() { per_input[k] += add } else { spill[k] += add }
    }
    let vals: &[f64] = if spill.is_empty() { &per_input[..inputs.len()] } else { &spill };
    vals.iter().fold(0.0f64, |m, &v| m.max(v)).min(1.0)
}

/// Exposure of every market to every chokepoint that some link's primary route passes.
pub fn route_exposure(net: &Network, baseline: &Baseline) -> Vec<ChokepointExposure> {
    let (order, acyclic) = topological(net);
    let used: Vec<ChokepointId> = (0..net.chokepoints.len())
        .map(ChokepointId::from_index)
        .filter(|&c| net.links.iter().any(|l| net.link_chokepoints(l).contains(&c)))
        .collect();
    let mut out: Vec<ChokepointExposure> = used
        .par_iter()
        .map(|&c| {
            let through: Vec<bool> = net.links.iter().map(|l| net.link_chokepoints(l).contains(&c)).collect();
            let mut e = vec![0.0f64; net.facilities.len()];
            let passes = if acyclic { 1 } else { 1000 };
            for _ in 0..passes {
                let mut change = 0.0f64;
                for &f in &order {
                    let v = facility_exposure(net, FacilityId(f), &through, &e);
                    change = change.max((v - e[f as usize]).abs());
                    e[f as usize] = v;
                }
                if change < 1e-12 {
                    break;
                }
            }
            let mut markets: Vec<MarketExposure> = net
                .markets
                .iter()
                .filter_map(|&m| {
                    let share = e[m.index()];
                    let fac = net.facility(m);
                    let value =
                        share * baseline.output[m.index()] * net.products[fac.product.index()].unit_value;
                    (share > 0.0).then_some(MarketExposure { market: m, share, value })
                })
                .collect();
            markets.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.market.cmp(&b.market)));
            let total_value = markets.iter().map(|m| m.value).sum();
            ChokepointExposure { chokepoint: c, markets, total_value }
        })
        .collect();
    out.sort_by(|a, b| b.total_value.total_cmp(&a.total_value).then(a.chokepoint.cmp(&b.chokepoint)));
    out
}
