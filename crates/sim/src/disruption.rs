//! Disruptions: what happens in a trial, and when (MODEL.md §4). A trial's disruptions are a
//! plain list; the Monte Carlo layer samples them, `kuroshio stress` builds one by hand.

use kuroshio_core::{ChokepointId, CountryId, FacilityId, ProductId, RouteId};

/// How a facility's lost capacity comes back over an outage's duration T (days).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RecoveryProfile {
    /// Lost at full severity for T days, then back at once.
    Step,
    /// Severity falls linearly from s at onset to 0 at T.
    Linear,
    /// Severity decays as s * 100^(-t/T): down to 1% of s at T, then 0.
    Exponential,
    /// Full severity for `delay` days, then a linear ramp to 0 at T.
    DelayThenRamp {
        /// Days before the ramp starts (at most T).
        delay: u32,
    },
}

impl RecoveryProfile {
    /// Share of capacity lost on day `d` after onset (d = 0 is the onset day), for severity
    /// `s` and duration `t_days`. Zero from day T on.
    pub fn loss(self, s: f64, t_days: u32, d: u32) -> f64 {
        if d >= t_days {
            return 0.0;
        }
        let (d, t) = (d as f64, t_days as f64);
        match self {
            RecoveryProfile::Step => s,
            RecoveryProfile::Linear => s * (1.0 - d / t),
            RecoveryProfile::Exponential => s * 100f64.powf(-d / t),
            RecoveryProfile::DelayThenRamp { delay } => {
                let delay = (delay as f64).min(t);
                if d < delay { s } else { s * (1.0 - (d - delay) / (t - delay)) }
            }
        }
    }

    /// Parses `step`, `linear`, `exponential` or `delay-ramp:D`.
    pub fn parse(text: &str) -> Option<RecoveryProfile> {
        match text {
            "step" => Some(RecoveryProfile::Step),
            "linear" => Some(RecoveryProfile::Linear),
            "exponential" => Some(RecoveryProfile::Exponential),
            _ => {
                let d = text.strip_prefix("delay-ramp:")?.parse().ok()?;
                Some(RecoveryProfile::DelayThenRamp { delay: d })
            }
        }
    }
}

/// What an export control covers.
#[derive(Debug, Clone, PartialEq)]
pub enum Goods {
    /// These products.
    Products(Vec<ProductId>),
    /// Products of these sectors.
    Sectors(Vec<String>),
    /// Everything.
    All,
}

/// One disruption event. Days count from 0, the first day of the trial.
#[derive(Debug, Clone, PartialEq)]
pub enum Disruption {
    /// A facility loses `severity` (0, 1] of its capacity at `start`, recovering over
    /// `duration` days by `profile`. Several outages of one facility combine multiplicatively.
    Outage {
        /// The facility.
        facility: FacilityId,
        /// Onset day.
        start: u32,
        /// Days until fully recovered.
        duration: u32,
        /// Share of capacity lost at onset.
        severity: f64,
        /// How capacity returns.
        profile: RecoveryProfile,
    },
    /// A chokepoint closes (severity 1) or loses part of its throughput, for `duration` days.
    /// Links whose primary route passes it shift to their route's alternate or are blocked.
    ChokepointClosure {
        /// The chokepoint.
        chokepoint: ChokepointId,
        /// Onset day.
        start: u32,
        /// Days closed.
        duration: u32,
        /// Share of throughput lost (1 = closed).
        severity: f64,
    },
    /// A route's primary path closes (as if all its chokepoints closed).
    RouteClosure {
        /// The route.
        route: RouteId,
        /// Onset day.
        start: u32,
        /// Days closed.
        duration: u32,
        /// Share of throughput lost (1 = closed).
        severity: f64,
    },
    /// Links from `from` to `to` (`None`: any country) carrying `goods` are blocked.
    ExportBan {
        /// Exporting country.
        from: CountryId,
        /// Importing country, or any.
        to: Option<CountryId>,
        /// What is banned.
        goods: Goods,
        /// First day.
        start: u32,
        /// Days in force.
        duration: u32,
    },
    /// A market's demand is multiplied by `factor` for `duration` days.
    DemandShock {
        /// The market.
        market: FacilityId,
        /// First day.
        start: u32,
        /// Days.
        duration: u32,
        /// Demand multiplier (0 = no demand; 1.2 = 20% more).
        factor: f64,
    },
}

impl Disruption {
    /// The first day after the event (start + duration).
    pub fn end(&self) -> u32 {
        match self {
            Disruption::Outage { start, duration, .. }
            | Disruption::ChokepointClosure { start, duration, .. }
            | Disruption::RouteClosure { start, duration, .. }
            | Disruption::ExportBan { start, duration, .. }
            | Disruption::DemandShock { start, duration, .. } => start.saturating_add(*duration),
        }
    }

    /// Onset day.
    pub fn start(&self) -> u32 {
        match self {
            Disruption::Outage { start, .. }
            | Disruption::ChokepointClosure { start, .. }
            | Disruption::RouteClosure { start, .. }
            | Disruption::ExportBan { start, .. }
            | Disruption::DemandShock { start, .. } => *start,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_by_hand() {
        // Severity 0.5 over 10 days.
        assert_eq!(RecoveryProfile::Step.loss(0.5, 10, 0), 0.5);
        assert_eq!(RecoveryProfile::Step.loss(0.5, 10, 9), 0.5);
        assert_eq!(RecoveryProfile::Step.loss(0.5, 10, 10), 0.0);
        // Linear: 0.5 * (1 - 4/10) = 0.3.
        assert!((RecoveryProfile::Linear.loss(0.5, 10, 4) - 0.3).abs() < 1e-15);
        // Exponential: 0.5 * 100^(-5/10) = 0.5 / 10 = 0.05.
        assert!((RecoveryProfile::Exponential.loss(0.5, 10, 5) - 0.05).abs() < 1e-15);
        // Delay 4 then ramp over the remaining 6: day 3 -> 0.5; day 7 -> 0.5 * (1 - 3/6) = 0.25.
        let p = RecoveryProfile::DelayThenRamp { delay: 4 };
        assert_eq!(p.loss(0.5, 10, 3), 0.5);
        assert!((p.loss(0.5, 10, 7) - 0.25).abs() < 1e-15);
        assert_eq!(RecoveryProfile::parse("delay-ramp:4"), Some(p));
        assert_eq!(RecoveryProfile::parse("ramp"), None);
    }
}
