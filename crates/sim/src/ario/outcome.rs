//! Impact bookkeeping of an ARIO trial and its [`TrialOutcome`], with the same definitions as
//! the native engine (MODEL.md §5): lost output, time to impact and to recover with epsilon,
//! unmet final demand per market (lost sales: ARIO's final demand is not postponed).

use kuroshio_core::{FacilityId, Network, Settings};

use crate::ario::ArioModel;
use crate::ario::state::State;
use crate::outcome::{FacilityOutcome, FacilitySeries, MarketOutcome, Recovery, TrialOutcome};
use crate::simulator::RunOptions;
use crate::timeline::Timeline;

const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Impact {
    lost: f64,
    min_ratio: f64,
    first_below: u32,
    last_below: u32,
}

/// Running totals of one trial.
pub(crate) struct Acc {
    impact: Vec<Impact>,
    eps: f64,
    horizon: u32,
    /// Per market (in `Network::markets` order): unmet demand per day.
    daily: Vec<Vec<f64>>,
    markets: Vec<FacilityId>,
    series: Vec<FacilitySeries>,
    /// Unmet demand in a day at or below this is rounding, not a shortage, for stopping at the
    /// first shortage: 1e-9 of the total baseline final demand per day (at least 1e-9), the
    /// threshold the time-to-survive search applies to a trial's total.
    shortage_floor: f64,
}

impl Acc {
    pub fn new(model: &ArioModel, net: &Network, settings: &Settings, options: &RunOptions) -> Acc {
        let horizon = settings.horizon_days;
        let h = horizon as usize;
        let series = options
            .record
            .iter()
            .map(|&f| {
                let slots = model.slots(f.index()).len();
                FacilitySeries {
                    facility: f,
                    output: vec![model.x0[f.index()]; h],
                    stock: vec![0.0; slots * h],
                    arrivals: vec![0.0; slots * h],
                }
            })
            .collect();
        Acc {
            impact: vec![
                Impact { lost: 0.0, min_ratio: 1.0, first_below: NONE, last_below: NONE };
                model.x0.len()
            ],
            eps: settings.epsilon,
            horizon,
            daily: vec![vec![0.0; h]; net.markets.len()],
            markets: net.markets.clone(),
            series,
            shortage_floor: 1e-9 * net.markets.iter().map(|m| model.x0[m.index()]).sum::<f64>().max(1.0),
        }
    }

    /// Records day `t`; returns whether some final demand went unmet (beyond rounding).
    pub fn record(&mut self, model: &ArioModel, st: &State, t: u32) -> bool {
        for (i, imp) in self.impact.iter_mut().enumerate() {
            let x0 = model.x0[i];
            let x = st.x[i];
            if model.market[i] || x == x0 {
                continue;
            }
            if x < x0 {
                imp.lost += x0 - x;
            }
            if x0 > 0.0 {
                let r = x / x0;
                if r < imp.min_ratio {
                    imp.min_ratio = r;
                }
                if r < 1.0 - self.eps {
                    if imp.first_below == NONE {
                        imp.first_below = t;
                    }
                    imp.last_below = t;
                }
            }
        }
        let mut shortage = false;
        for (k, m) in self.markets.iter().enumerate() {
            let u = st.unmet[m.index()].max(0.0);
            self.daily[k][t as usize] = u;
            shortage |= u > self.shortage_floor;
        }
        let h = self.horizon as usize;
        for s in &mut self.series {
            let f = s.facility.index();
            s.output[t as usize] = if model.market[f] { model.x0[f] - st.unmet[f].max(0.0) } else { st.x[f] };
            for (j, slot) in model.slots(f).enumerate() {
                s.stock[j * h + t as usize] = st.stock[slot];
                s.arrivals[j * h + t as usize] = st.received[slot];
            }
        }
        shortage
    }

    pub fn finish(self, model: &ArioModel, tl: &Timeline, settings: &Settings, days: u32) -> TrialOutcome {
        let horizon = self.horizon;
        let onset = tl.first_onset.unwrap_or(0);
        let mut system = Recovery::NotImpacted;
        let mut worse = |r: Recovery| {
            system = match (system, r) {
                (Recovery::Censored, _) | (_, Recovery::Censored) => Recovery::Censored,
                (Recovery::Recovered(a), Recovery::Recovered(b)) => Recovery::Recovered(a.max(b)),
                (Recovery::NotImpacted, x) | (x, Recovery::NotImpacted) => x,
            }
        };
        let mut facilities = Vec::new();
        let mut lost_output_value = 0.0;
        for (i, imp) in self.impact.iter().enumerate() {
            if model.market[i] {
                continue;
            }
            let (tti, ttr) = recovery_of(imp.first_below, imp.last_below, onset, horizon);
            worse(ttr);
            let value = imp.lost * model.value[i];
            lost_output_value += value;
            if imp.lost > 0.0 || tti.is_some() {
                facilities.push(FacilityOutcome {
                    facility: FacilityId::from_index(i),
                    lost_units: imp.lost,
                    lost_value: value,
                    min_ratio: imp.min_ratio,
                    time_to_impact: tti,
                    time_to_recover: ttr,
                });
            }
        }
        let mut unmet_value = 0.0;
        let mut markets = Vec::with_capacity(self.markets.len());
        for (k, daily) in self.daily.into_iter().enumerate() {
            let m = self.markets[k];
            let d0 = model.x0[m.index()];
            let units: f64 = daily.iter().sum();
            let threshold = settings.epsilon * d0;
            let first = daily.iter().position(|&u| u > threshold).map(|d| d as u32);
            let last = daily.iter().rposition(|&u| u > threshold).map(|d| d as u32);
            let recovery = match (first, last) {
                (Some(a), Some(b)) => recovery_of(a, b, onset, horizon).1,
                _ => Recovery::NotImpacted,
            };
            worse(recovery);
            let value = units * model.value[m.index()];
            unmet_value += value;
            markets.push(MarketOutcome {
                market: m,
                unmet_units: units,
                unmet_value: value,
                first_shortage_day: first,
                recovery,
                daily_unmet: daily,
            });
        }
        TrialOutcome {
            horizon,
            onset: tl.first_onset,
            unmet_value,
            lost_output_value,
            system_recovery: system,
            facilities,
            markets,
            series: self.series,
            facility_steps: u64::from(days) * model.x0.len() as u64,
        }
    }
}

/// Time to impact and to recover from the first and last day below 1 - epsilon (censored when
/// the last day of the horizon is still below).
fn recovery_of(first_below: u32, last_below: u32, onset: u32, horizon: u32) -> (Option<u32>, Recovery) {
    if first_below == NONE {
        return (None, Recovery::NotImpacted);
    }
    let tti = first_below.saturating_sub(onset);
    let rec = if last_below + 1 >= horizon {
        Recovery::Censored
    } else {
        Recovery::Recovered(last_below + 1 - onset.min(last_below + 1))
    };
    (Some(tti), rec)
}
