//! Impact bookkeeping of an ARIO trial and its [`TrialOutcome`], with the same definitions as
//! the native engine (MODEL.md §5): lost output, time to impact and to recover with epsilon,
//! unmet final demand per market (lost sales: ARIO's final demand is not postponed).

use kuroshio_core::{FacilityId, Network, Settings};

use crate::ario::ArioModel;
use crate::ario::state::State;
use crate::outcome::{FacilitySeries, OutcomeTally, TrialOutcome};
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
        let mut tally = OutcomeTally::new(onset, horizon, self.markets.len());
        for (i, imp) in self.impact.iter().enumerate() {
            if model.market[i] {
                continue;
            }
            let below = (imp.first_below, imp.last_below);
            tally.facility(FacilityId::from_index(i), imp.lost, imp.min_ratio, model.value[i], below);
        }
        for (k, daily) in self.daily.into_iter().enumerate() {
            let m = self.markets[k];
            let units: f64 = daily.iter().sum();
            let threshold = settings.epsilon * model.x0[m.index()];
            tally.market(m, daily, units, model.value[m.index()], threshold);
        }
        tally.finish(tl.first_onset, self.series, u64::from(days) * model.x0.len() as u64)
    }
}
