//! What a trial reports (MODEL.md §5).

use kuroshio_core::FacilityId;

/// Time to recover, observed within the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// Never below 1 - epsilon.
    NotImpacted,
    /// Back to at least 1 - epsilon for good, this many days after the first onset.
    Recovered(u32),
    /// Still below 1 - epsilon on the last day: recovery lies beyond the horizon. Never reported
    /// as the horizon itself.
    Censored,
}

/// One facility's outcome (only facilities that lost output or were impacted are listed).
#[derive(Debug, Clone, PartialEq)]
pub struct FacilityOutcome {
    /// The facility.
    pub facility: FacilityId,
    /// Output lost, sum over days of max(0, baseline - output), in units.
    pub lost_units: f64,
    /// The same in USD.
    pub lost_value: f64,
    /// Lowest output ratio r = output / baseline.
    pub min_ratio: f64,
    /// Days from the first event's onset to the first day with r < 1 - epsilon.
    pub time_to_impact: Option<u32>,
    /// Days from the first onset until r stays >= 1 - epsilon.
    pub time_to_recover: Recovery,
}

/// One market's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketOutcome {
    /// The market.
    pub market: FacilityId,
    /// Unmet demand summed over the horizon, units (lost sales; with backlog: the backlog still
    /// open on the last day).
    pub unmet_units: f64,
    /// The same in USD.
    pub unmet_value: f64,
    /// First day with unmet demand above epsilon of baseline demand.
    pub first_shortage_day: Option<u32>,
    /// Days from the first onset until unmet demand stays below epsilon of baseline demand.
    pub recovery: Recovery,
    /// Unmet demand per day, units (with backlog: the open backlog at the end of each day).
    pub daily_unmet: Vec<f64>,
}

/// A facility's daily series, for facilities asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct FacilitySeries {
    /// The facility.
    pub facility: FacilityId,
    /// Output per day.
    pub output: Vec<f64>,
    /// Stock of each recipe input at the end of each day (input-major: input k's days are
    /// `stock[k * horizon .. (k + 1) * horizon]`).
    pub stock: Vec<f64>,
    /// Arrivals of each recipe input per day, same layout as `stock`.
    pub arrivals: Vec<f64>,
}

/// Everything one trial reports.
#[derive(Debug, Clone, PartialEq)]
pub struct TrialOutcome {
    /// Days simulated.
    pub horizon: u32,
    /// Onset of the first event, if any.
    pub onset: Option<u32>,
    /// Unmet final demand value, USD: the headline loss of the trial.
    pub unmet_value: f64,
    /// Lost gross output value, USD, over all facilities (markets excluded).
    pub lost_output_value: f64,
    /// Time until every facility and market is back for good.
    pub system_recovery: Recovery,
    /// Facilities that lost output or were impacted, by id.
    pub facilities: Vec<FacilityOutcome>,
    /// Every market, by id.
    pub markets: Vec<MarketOutcome>,
    /// Daily series of the facilities asked for.
    pub series: Vec<FacilitySeries>,
    /// Facility-days the engine stepped (work done; the dense engine steps facilities x days).
    pub facility_steps: u64,
}

impl TrialOutcome {
    /// A facility's outcome, if it was hit or impacted.
    pub fn facility(&self, f: FacilityId) -> Option<&FacilityOutcome> {
        self.facilities.binary_search_by_key(&f, |o| o.facility).ok().map(|i| &self.facilities[i])
    }

    /// A market's outcome.
    pub fn market(&self, m: FacilityId) -> Option<&MarketOutcome> {
        self.markets.iter().find(|o| o.market == m)
    }
}

impl Recovery {
    /// Time to impact and the recovery of a series from its first and last day below
    /// 1 - epsilon (`u32::MAX` when never below), counted from the first onset; censored when
    /// the last day of the horizon is still below (MODEL.md §5).
    pub(crate) fn observed(
        first_below: u32,
        last_below: u32,
        onset: u32,
        horizon: u32,
    ) -> (Option<u32>, Recovery) {
        if first_below == u32::MAX {
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

    /// The later of two recoveries (censored beats any day, any day beats not impacted): how
    /// the system's recovery is folded from its facilities' and markets'.
    pub(crate) fn later(self, other: Recovery) -> Recovery {
        match (self, other) {
            (Recovery::Censored, _) | (_, Recovery::Censored) => Recovery::Censored,
            (Recovery::Recovered(a), Recovery::Recovered(b)) => Recovery::Recovered(a.max(b)),
            (Recovery::NotImpacted, x) | (x, Recovery::NotImpacted) => x,
        }
    }
}

impl FacilityOutcome {
    /// A facility's outcome from its impact bookkeeping, with its recovery; `None` when it
    /// neither lost output nor fell below 1 - epsilon (such facilities are not listed).
    fn from_impact(
        facility: FacilityId,
        lost_units: f64,
        min_ratio: f64,
        unit_value: f64,
        (first_below, last_below): (u32, u32),
        (onset, horizon): (u32, u32),
    ) -> (Recovery, Option<FacilityOutcome>) {
        let (tti, ttr) = Recovery::observed(first_below, last_below, onset, horizon);
        let listed = lost_units > 0.0 || tti.is_some();
        let outcome = listed.then_some(FacilityOutcome {
            facility,
            lost_units,
            lost_value: lost_units * unit_value,
            min_ratio,
            time_to_impact: tti,
            time_to_recover: ttr,
        });
        (ttr, outcome)
    }
}

impl MarketOutcome {
    /// A market's outcome from its unmet demand per day: a shortage day is one with more than
    /// `threshold` (epsilon times its baseline demand) unmet; `units` is the trial's unmet total
    /// (the sum of the days, or the final backlog).
    fn from_daily(
        market: FacilityId,
        daily_unmet: Vec<f64>,
        unmet_units: f64,
        unit_value: f64,
        threshold: f64,
        (onset, horizon): (u32, u32),
    ) -> MarketOutcome {
        let first = daily_unmet.iter().position(|&u| u > threshold).map(|d| d as u32);
        let last = daily_unmet.iter().rposition(|&u| u > threshold).map(|d| d as u32);
        let recovery = match (first, last) {
            (Some(a), Some(b)) => Recovery::observed(a, b, onset, horizon).1,
            _ => Recovery::NotImpacted,
        };
        MarketOutcome {
            market,
            unmet_units,
            unmet_value: unmet_units * unit_value,
            first_shortage_day: first,
            recovery,
            daily_unmet,
        }
    }
}

/// A trial's outcome as both rule sets assemble it: facilities in id order, then markets, with
/// the value totals and the system recovery folded in as each is added.
pub(crate) struct OutcomeTally {
    /// First onset (0 without events) and horizon, the window recoveries are counted in.
    window: (u32, u32),
    system: Recovery,
    facilities: Vec<FacilityOutcome>,
    lost_output_value: f64,
    markets: Vec<MarketOutcome>,
    unmet_value: f64,
}

impl OutcomeTally {
    pub(crate) fn new(onset: u32, horizon: u32, markets: usize) -> Self {
        OutcomeTally {
            window: (onset, horizon),
            system: Recovery::NotImpacted,
            facilities: Vec::new(),
            lost_output_value: 0.0,
            markets: Vec::with_capacity(markets),
            unmet_value: 0.0,
        }
    }

    /// A (non-market) facility's impact bookkeeping: its lost output and first and last day
    /// below 1 - epsilon (see [`FacilityOutcome::from_impact`]).
    pub(crate) fn facility(
        &mut self,
        facility: FacilityId,
        lost_units: f64,
        min_ratio: f64,
        unit_value: f64,
        below: (u32, u32),
    ) {
        let (ttr, outcome) =
            FacilityOutcome::from_impact(facility, lost_units, min_ratio, unit_value, below, self.window);
        self.system = self.system.later(ttr);
        self.lost_output_value += lost_units * unit_value;
        self.facilities.extend(outcome);
    }

    /// A market's unmet demand per day (see [`MarketOutcome::from_daily`]).
    pub(crate) fn market(
        &mut self,
        market: FacilityId,
        daily_unmet: Vec<f64>,
        unmet_units: f64,
        unit_value: f64,
        threshold: f64,
    ) {
        let outcome =
            MarketOutcome::from_daily(market, daily_unmet, unmet_units, unit_value, threshold, self.window);
        self.system = self.system.later(outcome.recovery);
        self.unmet_value += outcome.unmet_value;
        self.markets.push(outcome);
    }

    pub(crate) fn finish(
        self,
        onset: Option<u32>,
        series: Vec<FacilitySeries>,
        facility_steps: u64,
    ) -> TrialOutcome {
        TrialOutcome {
            horizon: self.window.1,
            onset,
            unmet_value: self.unmet_value,
            lost_output_value: self.lost_output_value,
            system_recovery: self.system,
            facilities: self.facilities,
            markets: self.markets,
            series,
            facility_steps,
        }
    }
}
