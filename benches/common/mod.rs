//! The two events the trial benches share (`trial`, `bandwidth`, `scaling`), on generated
//! networks.

use kuroshio_core::{FacilityId, FacilityKind, Scenario};
use kuroshio_sim::{Disruption, RecoveryProfile};

/// Every non-market facility of region JPN-Tohoku (about 4% of a generated network) loses half
/// its capacity on day 10 for 30 days, recovering linearly.
pub fn regional_event(s: &Scenario) -> Vec<Disruption> {
    let region = s.network.region_id("JPN-Tohoku").expect("generated networks have JPN-Tohoku");
    (s.network.facilities.iter().enumerate())
        .filter(|(_, f)| f.region == region && !f.is_market())
        .map(|(i, _)| Disruption::Outage {
            facility: FacilityId::from_index(i),
            start: 10,
            duration: 30,
            severity: 0.5,
            profile: RecoveryProfile::Linear,
        })
        .collect()
}

/// The first tier-2 facility fully out for 30 days from day 10.
pub fn local_event(s: &Scenario) -> Vec<Disruption> {
    let f = (s.network.facilities.iter())
        .position(|f| f.kind == FacilityKind::Tier2)
        .expect("generated networks have tier-2 facilities");
    vec![Disruption::Outage {
        facility: FacilityId::from_index(f),
        start: 10,
        duration: 30,
        severity: 1.0,
        profile: RecoveryProfile::Step,
    }]
}
