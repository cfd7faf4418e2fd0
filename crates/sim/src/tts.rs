//! Time to survive and risk exposure (Simchi-Levi), computed on the dynamic model.
//!
//! For facility i: TTS_i is the longest full outage of i alone (severity 1, step profile, from
//! day 0) with zero unmet final demand, found by bisection over the outage length (unmet demand
//! does not decrease with a longer outage of one facility on chains and trees; docs/model.md says
//! where this can fail). PI_i is the unmet final demand value when i is fully out for its TTR_i
//! (the facility's `ttr_days`, else its product's). REI_i = PI_i / max_j PI_j. A facility with
//! TTS_i < TTR_i is exposed. Facilities run in parallel, each thread with its own workspace;
//! results do not depend on the thread count.

use rayon::prelude::*;

use kuroshio_core::FacilityId;

use crate::disruption::{Disruption, RecoveryProfile};
use crate::simulator::{Engine, RunOptions, Simulator};
use crate::state::Workspace;

/// Time to survive of one facility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Survival {
    /// The longest outage with no unmet demand, in days.
    Days(u32),
    /// No unmet demand even with an outage as long as the horizon.
    AtLeast(u32),
}

impl Survival {
    /// Days, treating "at least the horizon" as the horizon (for sorting and comparison).
    pub fn days(self) -> u32 {
        match self {
            Survival::Days(d) | Survival::AtLeast(d) => d,
        }
    }
}

/// One facility's row of the TTS/TTR analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Exposure {
    /// The facility.
    pub facility: FacilityId,
    /// Time to survive.
    pub tts: Survival,
    /// Time to recover used (days), if the facility or its product gives one.
    pub ttr: Option<f64>,
    /// Performance impact: unmet final demand value (USD) of an outage lasting TTR.
    pub performance_impact: Option<f64>,
    /// PI / max PI over all facilities.
    pub risk_exposure_index: Option<f64>,
    /// TTS < TTR.
    pub exposed: Option<bool>,
}

/// Unmet demand (in total units over markets) below this share of one day's demand counts as
/// none: rounding, not a shortage.
const ZERO_UNMET: f64 = 1e-9;

/// What one outage trial answered: unmet demand in units and USD, and the last day simulated
/// (with `full` false, the day of the first shortage if there was one).
struct Answer {
    units: f64,
    value: f64,
    last_day: Option<u32>,
}

/// Unmet demand of a full outage of `f` for `days`; with `full` false the trial stops at the
/// first shortage (enough to tell whether there is one).
fn unmet(sim: &Simulator<'_>, ws: &mut Workspace, f: FacilityId, days: u32, full: bool) -> Answer {
    // An outage as long as the horizon is open-ended, so that the run can stop once the network
    // settles into its new steady state.
    let duration = if days >= sim.settings.horizon_days { u32::MAX } else { days };
    let d = [Disruption::Outage {
        facility: f,
        start: 0,
        duration,
        severity: 1.0,
        profile: RecoveryProfile::Step,
    }];
    let opts = RunOptions {
        engine: Engine::Sparse,
        record: Vec::new(),
        stop_at_first_shortage: !full,
        stop_when_steady: !full,
        ..RunOptions::default()
    };
    match sim.run_in(ws, &d, &opts) {
        Ok(o) => Answer {
            units: o.markets.iter().map(|m| m.unmet_units).sum(),
            value: o.unmet_value,
            last_day: o
                .markets
                .iter()
                .filter_map(|m| m.daily_unmet.iter().rposition(|&u| u > 0.0))
                .max()
                .map(|d| d as u32),
        },
        Err(_) => Answer { units: f64::INFINITY, value: f64::INFINITY, last_day: None },
    }
}

/// The TTS/TTR table of every facility (markets excluded), sorted by risk exposure index
/// (highest first; facilities without a TTR last, by TTS).
pub fn analyse(sim: &Simulator<'_>) -> Vec<Exposure> {
    let all: Vec<FacilityId> = (0..sim.net.facilities.len()).map(FacilityId::from_index).collect();
    analyse_facilities(sim, &all)
}

/// The TTS/TTR table of the given facilities (markets among them are skipped), sorted as
/// [`analyse`] sorts; the risk exposure index is relative to the largest PI among them. Each
/// facility's row is what [`analyse`] gives it (rows do not depend on each other), so a sample
/// of facilities estimates the cost and the spread of the whole sweep.
pub fn analyse_facilities(sim: &Simulator<'_>, facilities: &[FacilityId]) -> Vec<Exposure> {
    let net = sim.net;
    let horizon = sim.settings.horizon_days;
    let daily_demand: f64 = net.markets.iter().map(|m| sim.x0[m.index()]).sum();
    let threshold = ZERO_UNMET * daily_demand.max(1.0);
    let ids: Vec<FacilityId> = facilities.iter().copied().filter(|&f| !net.facility(f).is_market()).collect();
    let mut rows: Vec<Exposure> = ids
        .par_iter()
        .map_init(
            || sim.workspace(),
            |ws, &f| {
                let fac = net.facility(f);
                let ttr = fac.ttr_days.or(net.products[fac.product.index()].ttr_days);
                // Bisection: lo survives, hi does not. The open-ended outage stopped at its first
                // shortage, on day d; every outage longer than d days is the same trial up to day
                // d, so it fails too: hi starts at d + 1 instead of the horizon.
                let whole = unmet(sim, ws, f, horizon, false);
                let tts = if whole.units <= threshold {
                    Survival::AtLeast(horizon)
                } else {
                    let first_shortage = whole.last_day.map_or(horizon, |d| d + 1);
                    let (mut lo, mut hi) = (0u32, first_shortage.min(horizon));
                    while hi - lo > 1 {
                        let mid = lo + (hi - lo) / 2;
                        if unmet(sim, ws, f, mid, false).units <= threshold { lo = mid } else { hi = mid }
                    }
                    Survival::Days(lo)
                };
                // An outage as long as the horizon leaves no unmet demand, so a shorter one (TTR)
                // leaves none either (the same monotonicity the bisection relies on).
                let pi = ttr.map(|t| match tts {
                    Survival::AtLeast(_) => 0.0,
                    Survival::Days(_) => unmet(sim, ws, f, t.round().min(horizon as f64) as u32, true).value,
                });
                let exposed = ttr.map(|t| (tts.days() as f64) < t && matches!(tts, Survival::Days(_)));
                Exposure { facility: f, tts, ttr, performance_impact: pi, risk_exposure_index: None, exposed }
            },
        )
        .collect();
    let max_pi = rows.iter().filter_map(|r| r.performance_impact).fold(0.0f64, f64::max);
    for r in &mut rows {
        r.risk_exposure_index = r.performance_impact.map(|p| if max_pi > 0.0 { p / max_pi } else { 0.0 });
    }
    rows.sort_by(|a, b| {
        let ka = a.risk_exposure_index.unwrap_or(-1.0);
        let kb = b.risk_exposure_index.unwrap_or(-1.0);
        kb.total_cmp(&ka).then(a.tts.days().cmp(&b.tts.days())).then(a.facility.cmp(&b.facility))
    });
    rows
}
