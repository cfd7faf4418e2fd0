//! Who a trial's loss is attributed to: the direct shock of each disrupted facility and
//! chokepoint, and the rule that splits the headline loss among them (docs/model.md, "Contribution
//! to loss").
//!
//! # The rule
//!
//! A trial's disruptions remove value from the network directly, before any propagation. For each
//! element e that a disruption names, its *direct shock* D_e (USD over the horizon H) is:
//!
//! - facility f with outages: D_f = v_f Σ_{d<H} max(0, x_f − c_f κ_f(d)), the baseline output
//!   its capacity can no longer make, where κ_f(d) = Π (1 − loss_i(d)) combines its outages
//!   (MODEL.md §4), x_f its baseline output, c_f its capacity, v_f its unit value;
//! - chokepoint c closed with severity s for days [a, b): D_c = s · V_c · |[a, b) ∩ [0, H)|,
//!   V_c = Σ_l v_l φ_l the baseline value per day shipped on links whose primary route passes c;
//! - exporter f under an export ban: D_f += v_l φ_l per banned day for each of its links the ban
//!   blocks (the sim's rule: from the ban's country to another country, matching goods);
//! - market m with a demand shock of factor k > 1: D_m = (k − 1) v_m x_m per day (a fall in
//!   demand adds no shortage and no share).
//!
//! Element e's **contribution** to the trial's loss L is L · D_e / Σ D. Contributions sum to L,
//! so expected contributions sum to the expected loss. A trial with loss but no direct shock
//! (route closures, which no hazard draws, or outages that only eat spare capacity) leaves its
//! loss **unattributed**, reported as such.

use std::collections::BTreeMap;

use kuroshio_core::{Baseline, ChokepointId, FacilityId, Network};
use kuroshio_sim::{Disruption, Goods};

/// Per-network constants for the rule.
#[derive(Debug, Clone)]
pub struct Attribution {
    /// Baseline value shipped per day through each chokepoint on primary routes, USD.
    chokepoint_flow_value: Vec<f64>,
}

/// A disrupted element and its direct shock, USD.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shock {
    /// What was disrupted.
    pub element: Element,
    /// D_e, USD over the horizon.
    pub value: f64,
}

/// A facility or a chokepoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Element {
    /// A facility (or market).
    Facility(FacilityId),
    /// A chokepoint.
    Chokepoint(ChokepointId),
}

impl Attribution {
    /// Computes the per-chokepoint flow values of `net` at `base`.
    pub fn new(net: &Network, base: &Baseline) -> Attribution {
        let mut chokepoint_flow_value = vec![0.0; net.chokepoints.len()];
        for (l, link) in net.links.iter().enumerate() {
            let Some(route) = link.route else { continue };
            let v = net.products[link.product.index()].unit_value * base.link_flow[l];
            for c in &net.routes[route.index()].chokepoints {
                chokepoint_flow_value[c.index()] += v;
            }
        }
        Attribution { chokepoint_flow_value }
    }

    /// The direct shock of every element the disruptions name (those with D > 0 and every
    /// facility or chokepoint hit by an outage or closure, with D possibly 0), by element.
    pub fn shocks(
        &self,
        net: &Network,
        base: &Baseline,
        disruptions: &[Disruption],
        horizon: u32,
    ) -> Vec<Shock> {
        let mut out: BTreeMap<Element, f64> = BTreeMap::new();
        let mut outages: BTreeMap<FacilityId, Vec<&Disruption>> = BTreeMap::new();
        let overlap =
            |start: u32, duration: u32| start.saturating_add(duration).min(horizon).saturating_sub(start);
        for d in disruptions {
            match d {
                Disruption::Outage { facility, .. } => outages.entry(*facility).or_default().push(d),
                Disruption::ChokepointClosure { chokepoint, start, duration, severity } => {
                    let v = self.chokepoint_flow_value[chokepoint.index()]
                        * severity
                        * overlap(*start, *duration) as f64;
                    *out.entry(Element::Chokepoint(*chokepoint)).or_default() += v;
                }
                Disruption::RouteClosure { .. } => {}
                Disruption::ExportBan { from, to, goods, start, duration } => {
                    let days = overlap(*start, *duration) as f64;
                    if days == 0.0 {
                        continue;
                    }
                    for (l, link) in net.links.iter().enumerate() {
                        let s = net.facility(link.supplier);
                        let c = net.facility(link.customer);
                        let product = &net.products[link.product.index()];
                        let covered = match goods {
                            Goods::All => true,
                            Goods::Products(p) => p.contains(&link.product),
                            Goods::Sectors(sectors) => sectors.contains(&product.sector),
                        };
                        let flow = base.link_flow[l];
                        if s.country == *from
                            && to.is_none_or(|to| c.country == to)
                            && c.country != s.country
                            && covered
                            && flow > 0.0
                        {
                            *out.entry(Element::Facility(link.supplier)).or_default() +=
                                product.unit_value * flow * days;
                        }
                    }
                }
                Disruption::DemandShock { market, start, duration, factor } => {
                    if *factor > 1.0 {
                        let m = market.index();
                        let v = net.products[net.facilities[m].product.index()].unit_value;
                        *out.entry(Element::Facility(*market)).or_default() +=
                            (factor - 1.0) * v * base.output[m] * overlap(*start, *duration) as f64;
                    }
                }
            }
        }
        for (f, events) in outages {
            let fac = net.facility(f);
            let x = base.output[f.index()];
            let cap = fac.capacity.max(x);
            let v = net.products[fac.product.index()].unit_value;
            let first = events.iter().map(|d| d.start()).min().unwrap_or(0).min(horizon);
            let last = events.iter().map(|d| d.end()).max().unwrap_or(0).min(horizon);
            let mut lost = 0.0;
            for day in first..last {
                let mut kappa = 1.0;
                for e in &events {
                    if let Disruption::Outage { start, duration, severity, profile, .. } = e
                        && day >= *start
                    {
                        kappa *= 1.0 - profile.loss(*severity, *duration, day - start);
                    }
                }
                lost += (x - cap * kappa).max(0.0);
            }
            *out.entry(Element::Facility(f)).or_default() += v * lost;
        }
        out.into_iter().map(|(element, value)| Shock { element, value }).collect()
    }
}

/// Splits `loss` over `shocks` in proportion to their values: the contribution of each, in the
/// same order. All zero when the shocks sum to 0 (the loss is then unattributed).
pub fn contributions(loss: f64, shocks: &[Shock]) -> Vec<f64> {
    let total: f64 = shocks.iter().map(|s| s.value).sum();
    if total <= 0.0 || loss == 0.0 {
        return vec![0.0; shocks.len()];
    }
    shocks.iter().map(|s| loss * (s.value / total)).collect()
}
