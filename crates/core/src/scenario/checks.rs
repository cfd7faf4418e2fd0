//! Network-level checks after the tables have loaded: shares, missing suppliers, the baseline
//! against capacity, and warnings.

use crate::baseline::{self, Baseline};
use crate::error::{CoreError, Diagnostics, Location, Problem};
use crate::model::Network;
use crate::model::ids::{FacilityId, LinkId};
use crate::scenario::csv_table::CellLocator;
use crate::scenario::ids::{Origin, Origins};
use crate::scenario::load::RowOrigins;
use crate::scenario::settings::Settings;

/// The location of a named cell of a row, or the row when the cell cannot be found.
fn at_field(origins: &Origins, o: Origin, name: &str, locator: &mut CellLocator) -> Location {
    let row = origins.location(o);
    locator.locate(&row.file, row.line, name).unwrap_or(row)
}

/// Pass 2: every input slot has suppliers, and their shares add up to one.
pub fn consistency(net: &Network, ro: &RowOrigins, settings: &Settings, diags: &mut Diagnostics) {
    let mut locator = CellLocator::default();
    let (mut sums, mut counts, mut first_link) = (Vec::new(), Vec::new(), Vec::new());
    for f in 0..net.facilities.len() {
        let fid = FacilityId::from_index(f);
        let inputs = net.inputs(fid);
        if inputs.is_empty() {
            continue;
        }
        let first = net.first_slot(fid);
        sums.clear();
        sums.resize(inputs.len(), 0.0f64);
        counts.clear();
        counts.resize(inputs.len(), 0u32);
        first_link.clear();
        first_link.resize(inputs.len(), u32::MAX);
        for &l in net.in_links(fid) {
            let link = net.link(LinkId(l));
            if link.backup {
                continue;
            }
            let k = net.link_slot(LinkId(l)) - first;
            sums[k] += link.share;
            counts[k] += 1;
            if first_link[k] == u32::MAX {
                first_link[k] = l;
            }
        }
        let fac = net.facility(fid);
        for (k, input) in inputs.iter().enumerate() {
            let product = &net.products[input.product.index()].id;
            if counts[k] == 0 {
                diags.error(
                    ro.origins.location(ro.facility[f]),
                    None,
                    Problem::MissingSupplier { facility: fac.id.clone(), input: product.clone() },
                );
            } else if (sums[k] - 1.0).abs() > settings.share_tolerance {
                diags.error(
                    at_field(&ro.origins, ro.link[first_link[k] as usize], "share", &mut locator),
                    Some("share".into()),
                    Problem::SharesDoNotSum {
                        customer: fac.id.clone(),
                        product: product.clone(),
                        sum: round_for_message(sums[k]),
                        tolerance: settings.share_tolerance,
                    },
                );
            }
        }
    }
}

fn round_for_message(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
}

/// The largest strongly connected component of the supplier graph (non-backup links): the
/// facilities whose mutual input coefficients feed the divergence. Up to ten ids, and its size.
fn largest_cycle(net: &Network) -> (Vec<String>, usize) {
    let mut g: petgraph::Graph<u32, ()> =
        petgraph::Graph::with_capacity(net.facilities.len(), net.links.len());
    let nodes: Vec<_> = (0..net.facilities.len() as u32).map(|i| g.add_node(i)).collect();
    for l in net.links.iter().filter(|l| !l.backup) {
        g.add_edge(nodes[l.supplier.index()], nodes[l.customer.index()], ());
    }
    // Kosaraju, not Tarjan: petgraph's Tarjan recurses and overflows the stack near a million
    // nodes.
    let sccs = petgraph::algo::kosaraju_scc(&g);
    let Some(big) = sccs.into_iter().filter(|c| c.len() > 1).max_by_key(|c| c.len()) else {
        return (Vec::new(), 0);
    };
    let mut ids: Vec<u32> = big.iter().map(|&n| g[n]).collect();
    ids.sort_unstable();
    let size = ids.len();
    (ids.iter().take(10).map(|&i| net.facilities[i as usize].id.clone()).collect(), size)
}

/// Pass 3: solves the baseline, derives capacities from utilization, and checks capacity.
pub fn baseline(
    mut net: Network,
    ro: &RowOrigins,
    settings: &Settings,
    diags: &mut Diagnostics,
) -> Result<(Network, Baseline), CoreError> {
    let base = match baseline::solve(&net, settings.baseline_tolerance, settings.baseline_max_iterations) {
        Ok(b) => b,
        Err(d) => {
            let file = ro.link.first().map(|o| ro.origins.location(*o).file).unwrap_or_default();
            let (cycle, cycle_size) = largest_cycle(&net);
            diags.error(
                Location::file(&file),
                None,
                Problem::BaselineDiverges {
                    cycle,
                    cycle_size,
                    iterations: d.iterations as usize,
                    residual: d.residual,
                    tolerance: settings.baseline_tolerance,
                },
            );
            return Err(CoreError::Invalid(std::mem::take(diags)));
        }
    };
    let mut locator = CellLocator::default();
    for (i, f) in net.facilities.iter_mut().enumerate() {
        let x = base.output[i];
        // An acyclic solve multiplies demands by coefficients along every chain: with numbers
        // near the top of the f64 range that overflows to infinity. Report it (a cyclic solve
        // reports it as divergence) rather than carry infinities into every later layer.
        let unit_value = net.products[f.product.index()].unit_value;
        let what = if !x.is_finite() {
            Some("its output in units/day")
        } else if !(x * unit_value).is_finite() {
            Some("its output value in USD/day")
        } else {
            None
        };
        if let Some(what) = what {
            diags.error(
                ro.origins.location(ro.facility[i]),
                None,
                Problem::BaselineOverflow { facility: f.id.clone(), what },
            );
            continue;
        }
        if f.is_market() {
            continue;
        }
        match f.utilization {
            Some(u) => f.capacity = x / u,
            None => {
                // Relative slack for rounding in the upstream sums.
                if x > f.capacity * (1.0 + 1e-9) + 1e-12 {
                    diags.error(
                        at_field(&ro.origins, ro.facility[i], "capacity", &mut locator),
                        Some("capacity".into()),
                        Problem::OverCapacity { facility: f.id.clone(), required: x, available: f.capacity },
                    );
                }
            }
        }
    }
    if diags.has_errors() {
        return Err(CoreError::Invalid(std::mem::take(diags)));
    }
    Ok((net, base))
}

/// Warnings: facilities no market depends on, products with a single source.
pub fn warnings(net: &Network, facility_origin: &[Origin], origins: &Origins, diags: &mut Diagnostics) {
    let n = net.facilities.len();
    let mut reached = vec![false; n];
    let mut stack: Vec<u32> = net.markets.iter().map(|m| m.0).collect();
    for &m in &stack {
        reached[m as usize] = true;
    }
    while let Some(c) = stack.pop() {
        for &l in net.in_links(FacilityId(c)) {
            let s = net.link(LinkId(l)).supplier.index();
            if !reached[s] {
                reached[s] = true;
                stack.push(s as u32);
            }
        }
    }
    for (i, f) in net.facilities.iter().enumerate() {
        if !reached[i] {
            diags.warning(
                origins.location(facility_origin[i]),
                None,
                Problem::Unused { facility: f.id.clone() },
            );
        }
    }
    let mut makers = vec![(0u32, 0u32); net.products.len()];
    for (i, f) in net.facilities.iter().enumerate() {
        if !f.is_market() {
            let m = &mut makers[f.product.index()];
            m.0 += 1;
            m.1 = i as u32;
        }
    }
    let mut used = vec![false; net.products.len()];
    for f in &net.facilities {
        for input in net.recipe_of(f) {
            used[input.product.index()] = true;
        }
    }
    for (p, &(count, fi)) in makers.iter().enumerate() {
        if count == 1 && used[p] {
            diags.warning(
                origins.location(facility_origin[fi as usize]),
                None,
                Problem::SingleSource {
                    product: net.products[p].id.clone(),
                    facility: net.facilities[fi as usize].id.clone(),
                },
            );
        }
    }
}
