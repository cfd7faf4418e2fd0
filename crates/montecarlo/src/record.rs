//! Reducing one trial's outcome to the sparse [`TrialRecord`] a run keeps.

use kuroshio_core::{Baseline, Network};
use kuroshio_sim::{Disruption, TrialOutcome};

use crate::accumulate::{
    ElementTrial, HazardTrial, Layout, MarketTrial, RATIO_BINS, Recovered, TrialRecord, TrialRow,
};
use crate::attribution::{Attribution, Element, contributions};
use crate::fixed::Scale;

/// Markets given daily bands at most (the largest by baseline demand value): bands cost
/// horizon × 100 counters per market.
pub const MAX_BANDED_MARKETS: usize = 64;

/// A served ratio at or above 1 - this counts as fully served in the daily bands.
pub const SERVED_TOLERANCE: f64 = 1e-9;

/// The layout of a run on `net` over `horizon` days: money scales from the network's gross
/// output value over the horizon, and the banded markets (the runner fills in the hazard count).
pub fn layout(net: &Network, base: &Baseline, horizon: u32) -> Layout {
    let value = |f: usize| net.products[net.facilities[f].product.index()].unit_value;
    let gross: f64 = (0..net.facilities.len()).map(|f| value(f) * base.output[f]).sum();
    let bound = gross * f64::from(horizon.max(1));
    let mut by_value: Vec<(f64, u32)> = net
        .markets
        .iter()
        .enumerate()
        .map(|(i, m)| (value(m.index()) * base.output[m.index()], i as u32))
        .collect();
    by_value.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut banded_markets: Vec<u32> = by_value.iter().take(MAX_BANDED_MARKETS).map(|p| p.1).collect();
    banded_markets.sort_unstable();
    let mut sectors: Vec<String> = net.products.iter().map(|p| p.sector.clone()).collect();
    sectors.sort_unstable();
    sectors.dedup();
    Layout {
        horizon,
        facilities: net.facilities.len() as u32,
        markets: net.markets.len() as u32,
        chokepoints: net.chokepoints.len() as u32,
        scale: Scale::for_magnitude(bound),
        scale_sq: Scale::for_magnitude(bound * bound),
        banded_markets,
        sectors,
        hazards: 0,
    }
}

/// The hazards that struck in a trial with no simulation (no loss to share).
fn struck(hazard_of: &[u32]) -> Vec<HazardTrial> {
    let mut hs: Vec<u32> = hazard_of.to_vec();
    hs.dedup();
    hs.into_iter().map(|hazard| HazardTrial { hazard, contribution: 0, contribution_sq: 0 }).collect()
}

/// Builds trial records for one network (one arm of a run).
#[derive(Debug)]
pub struct Recorder<'n> {
    net: &'n Network,
    base: &'n Baseline,
    attribution: Attribution,
    scale: Scale,
    scale_sq: Scale,
    /// Per market position: whether it has daily bands.
    banded: Vec<bool>,
    /// Per product: its sector's index in the layout.
    sector_of_product: Vec<u32>,
}

impl<'n> Recorder<'n> {
    /// A recorder for `net` at `base` with the run's `layout`.
    pub fn new(net: &'n Network, base: &'n Baseline, layout: &Layout) -> Recorder<'n> {
        let mut banded = vec![false; net.markets.len()];
        for &m in &layout.banded_markets {
            banded[m as usize] = true;
        }
        let sector_of_product = net
            .products
            .iter()
            .map(|p| layout.sectors.binary_search(&p.sector).map_or(u32::MAX, |i| i as u32))
            .collect();
        Recorder {
            sector_of_product,
            net,
            base,
            attribution: Attribution::new(net, base),
            scale: layout.scale,
            scale_sq: layout.scale_sq,
            banded,
        }
    }

    /// Per hazard that struck: its index, its contribution to `loss` (quantized) and the square.
    /// A hazard's direct shock is the sum of its disruptions' shocks, each taken alone
    /// (docs/model.md §6.3); the loss is split in proportion, like elements'.
    fn hazard_shares(
        &self,
        disruptions: &[Disruption],
        hazard_of: &[u32],
        loss: f64,
        horizon: u32,
    ) -> Vec<HazardTrial> {
        let mut shock: std::collections::BTreeMap<u32, f64> = std::collections::BTreeMap::new();
        for (d, &h) in disruptions.iter().zip(hazard_of) {
            let v: f64 = self
                .attribution
                .shocks(self.net, self.base, std::slice::from_ref(d), horizon)
                .iter()
                .map(|s| s.value)
                .sum();
            *shock.entry(h).or_default() += v;
        }
        let total: f64 = shock.values().sum();
        shock
            .into_iter()
            .map(|(hazard, v)| {
                let c = if total > 0.0 && loss > 0.0 { loss * (v / total) } else { 0.0 };
                HazardTrial {
                    hazard,
                    contribution: self.scale.quantize(c),
                    contribution_sq: self.scale_sq.quantize(c * c),
                }
            })
            .collect()
    }

    /// The record of trial `trial`, which met `disruptions` and ended as `outcome` (`None`: no
    /// disruption, so the trial stayed at the baseline and was not simulated).
    pub fn record(
        &self,
        trial: u64,
        disruptions: &[Disruption],
        hazard_of: &[u32],
        outcome: Option<&TrialOutcome>,
    ) -> TrialRecord {
        let Some(out) = outcome else {
            return TrialRecord {
                row: TrialRow {
                    trial,
                    loss: 0.0,
                    lost_output: 0.0,
                    disruptions: disruptions.len() as u32,
                    first_shortage_day: None,
                    recovery: Recovered::NotImpacted,
                },
                markets: Vec::new(),
                facilities: Vec::new(),
                chokepoints: Vec::new(),
                sectors: Vec::new(),
                hazards: struck(hazard_of),
                unattributed: 0,
            };
        };
        let (scale, sq) = (self.scale, self.scale_sq);
        let shocks = self.attribution.shocks(self.net, self.base, disruptions, out.horizon);
        let shares = contributions(out.unmet_value, &shocks);
        let attributed = shares.iter().any(|&c| c > 0.0);

        // Facilities: the union of those the outcome lists and those a disruption named, by id.
        let mut facilities: Vec<ElementTrial> = Vec::new();
        let mut chokepoints: Vec<ElementTrial> = Vec::new();
        let blank = |id: u32| ElementTrial {
            id,
            hit: false,
            impacted: false,
            lost_value: 0,
            shock: 0,
            contribution: 0,
            contribution_sq: 0,
            recovery: Recovered::NotImpacted,
        };
        let from_outcome = |o: &kuroshio_sim::FacilityOutcome| {
            let mut e = blank(o.facility.0);
            e.impacted = o.time_to_impact.is_some();
            e.lost_value = scale.quantize(o.lost_value);
            e.recovery = o.time_to_recover.into();
            e
        };
        // Both lists are in id order: merge them.
        let mut fo = out.facilities.iter().peekable();
        for (s, &c) in shocks.iter().zip(&shares) {
            match s.element {
                Element::Facility(f) => {
                    while let Some(o) = fo.next_if(|o| o.facility < f) {
                        facilities.push(from_outcome(o));
                    }
                    let mut e = match fo.next_if(|o| o.facility == f) {
                        Some(o) => from_outcome(o),
                        None => blank(f.0),
                    };
                    e.hit = true;
                    e.shock = scale.quantize(s.value);
                    e.contribution = scale.quantize(c);
                    e.contribution_sq = sq.quantize(c * c);
                    facilities.push(e);
                }
                Element::Chokepoint(k) => {
                    let mut e = blank(k.0);
                    e.hit = true;
                    e.shock = scale.quantize(s.value);
                    e.contribution = scale.quantize(c);
                    e.contribution_sq = sq.quantize(c * c);
                    chokepoints.push(e);
                }
            }
        }
        facilities.extend(fo.map(from_outcome));

        // Sectors: impacted when any of their facilities is; recovered when the last one is.
        let mut sectors: std::collections::BTreeMap<u32, Recovered> = std::collections::BTreeMap::new();
        for o in out.facilities.iter().filter(|o| o.time_to_impact.is_some()) {
            let f = &self.net.facilities[o.facility.index()];
            if f.is_market() {
                continue;
            }
            let k = self.sector_of_product[f.product.index()];
            let r: Recovered = o.time_to_recover.into();
            let e = sectors.entry(k).or_insert(Recovered::NotImpacted);
            *e = match (*e, r) {
                (Recovered::BeyondHorizon, _) | (_, Recovered::BeyondHorizon) => Recovered::BeyondHorizon,
                (Recovered::Days(a), Recovered::Days(b)) => Recovered::Days(a.max(b)),
                (Recovered::NotImpacted, x) | (x, Recovered::NotImpacted) => x,
            };
        }
        let mut markets = Vec::new();
        for m in &out.markets {
            let Ok(pos) = self.net.markets.binary_search(&m.market) else { continue };
            let recovery: Recovered = m.recovery.into();
            let shortage = m.first_shortage_day.is_some();
            if !shortage && m.unmet_value == 0.0 && recovery == Recovered::NotImpacted {
                continue;
            }
            // Bands are kept by days since the market's first shortage, over trials with one.
            let mut low_days = Vec::new();
            let mut observed_days = 0;
            if let (true, Some(first)) = (self.banded[pos], m.first_shortage_day) {
                let demand = self.base.output[m.market.index()];
                observed_days = (m.daily_unmet.len() as u32).saturating_sub(first);
                for (day, &unmet) in m.daily_unmet.iter().enumerate().skip(first as usize) {
                    let day = day - first as usize;
                    let ratio = if demand > 0.0 { (1.0 - unmet / demand).clamp(0.0, 1.0) } else { 1.0 };
                    if ratio < 1.0 - SERVED_TOLERANCE {
                        let bin = ((ratio * RATIO_BINS as f64) as usize).min(RATIO_BINS - 1);
                        low_days.push((day as u32, bin as u8));
                    }
                }
            }
            markets.push(MarketTrial {
                market: pos as u32,
                unmet: scale.quantize(m.unmet_value),
                unmet_sq: sq.quantize(m.unmet_value * m.unmet_value),
                shortage,
                recovery,
                low_days,
                observed_days,
            });
        }
        TrialRecord {
            row: TrialRow {
                trial,
                loss: out.unmet_value,
                lost_output: out.lost_output_value,
                disruptions: disruptions.len() as u32,
                first_shortage_day: out.markets.iter().filter_map(|m| m.first_shortage_day).min(),
                recovery: out.system_recovery.into(),
            },
            markets,
            facilities,
            chokepoints,
            sectors: sectors.into_iter().collect(),
            hazards: self.hazard_shares(disruptions, hazard_of, out.unmet_value, out.horizon),
            unattributed: if attributed { 0 } else { scale.quantize(out.unmet_value) },
        }
    }
}
