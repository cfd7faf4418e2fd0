//! Properties on random generated networks and random disruptions: the sparse engine equals the
//! dense reference on every metric, and no number is NaN or infinite.

use kuroshio_core::generate::{GenerateOptions, write};
use kuroshio_core::{ChokepointId, FacilityId, Scenario, load};
use kuroshio_sim::{Disruption, Engine, Goods, RecoveryProfile, RunOptions, Simulator, TrialOutcome};
use proptest::prelude::*;

fn network(seed: u64) -> Scenario {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), GenerateOptions { facilities: 300, seed }).unwrap();
    let mut s = load(dir.path()).unwrap();
    s.settings.horizon_days = 200;
    s
}

fn rel(a: f64, b: f64) -> f64 {
    if a == b { 0.0 } else { (a - b).abs() / a.abs().max(b.abs()) }
}

fn assert_agree(a: &TrialOutcome, b: &TrialOutcome) -> Result<(), TestCaseError> {
    prop_assert!(rel(a.unmet_value, b.unmet_value) <= 1e-9, "unmet {} vs {}", a.unmet_value, b.unmet_value);
    prop_assert!(rel(a.lost_output_value, b.lost_output_value) <= 1e-9);
    prop_assert_eq!(a.system_recovery, b.system_recovery);
    prop_assert_eq!(a.facilities.len(), b.facilities.len());
    for (x, y) in a.facilities.iter().zip(&b.facilities) {
        prop_assert_eq!(x.facility, y.facility);
        prop_assert!(rel(x.lost_units, y.lost_units) <= 1e-9);
        prop_assert!(rel(x.min_ratio, y.min_ratio) <= 1e-9);
        prop_assert_eq!(x.time_to_impact, y.time_to_impact);
        prop_assert_eq!(x.time_to_recover, y.time_to_recover);
    }
    for (x, y) in a.markets.iter().zip(&b.markets) {
        prop_assert!(rel(x.unmet_units, y.unmet_units) <= 1e-9);
        prop_assert_eq!(x.first_shortage_day, y.first_shortage_day);
        prop_assert_eq!(x.recovery, y.recovery);
    }
    Ok(())
}

fn finite(o: &TrialOutcome) -> bool {
    o.unmet_value.is_finite()
        && o.lost_output_value.is_finite()
        && o.facilities.iter().all(|f| f.lost_units.is_finite() && f.min_ratio.is_finite())
        && o.markets.iter().all(|m| m.daily_unmet.iter().all(|u| u.is_finite() && *u >= 0.0))
}

#[derive(Debug, Clone)]
enum Pick {
    Outage(u32, u32, u32, f64, u8),
    Closure(u32, u32, u32, f64),
    Ban(u32, u32),
    Shock(u32, u32, f64),
}

fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![
        (0u32..300, 0u32..100, 1u32..150, 0.05f64..=1.0, 0u8..4)
            .prop_map(|(f, s, d, v, p)| Pick::Outage(f, s, d, v, p)),
        (0u32..10, 0u32..100, 1u32..120, 0.1f64..=1.0).prop_map(|(c, s, d, v)| Pick::Closure(c, s, d, v)),
        (0u32..100, 1u32..120).prop_map(|(s, d)| Pick::Ban(s, d)),
        (0u32..100, 1u32..60, 0.0f64..2.0).prop_map(|(s, d, f)| Pick::Shock(s, d, f)),
    ]
}

fn disruptions(s: &Scenario, picks: &[Pick]) -> Vec<Disruption> {
    let net = &s.network;
    let mut out = Vec::new();
    for p in picks {
        match *p {
            Pick::Outage(f, start, duration, severity, profile) => {
                let f = FacilityId(f % net.facilities.len() as u32);
                if net.facility(f).is_market() {
                    continue;
                }
                let profile = match profile {
                    0 => RecoveryProfile::Step,
                    1 => RecoveryProfile::Linear,
                    2 => RecoveryProfile::Exponential,
                    _ => RecoveryProfile::DelayThenRamp { delay: duration / 2 },
                };
                out.push(Disruption::Outage { facility: f, start, duration, severity, profile });
            }
            Pick::Closure(c, start, duration, severity) => out.push(Disruption::ChokepointClosure {
                chokepoint: ChokepointId(c % net.chokepoints.len() as u32),
                start,
                duration,
                severity,
            }),
            Pick::Ban(start, duration) => out.push(Disruption::ExportBan {
                from: kuroshio_core::countries::lookup("JPN").unwrap(),
                to: None,
                goods: Goods::All,
                start,
                duration,
            }),
            Pick::Shock(start, duration, factor) => {
                out.push(Disruption::DemandShock { market: net.markets[0], start, duration, factor })
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn sparse_equals_dense(seed in 0u64..1000, picks in proptest::collection::vec(pick(), 1..4)) {
        let s = network(seed);
        let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
        let d = disruptions(&s, &picks);
        let dense = sim.run(&d, &RunOptions { engine: Engine::Dense, record: vec![], ..Default::default() }).unwrap();
        let sparse = sim.run(&d, &RunOptions { engine: Engine::Sparse, record: vec![], ..Default::default() }).unwrap();
        prop_assert!(finite(&dense));
        assert_agree(&dense, &sparse)?;
        // A reused workspace gives the same answer as a fresh one.
        let mut ws = sim.workspace();
        let _ = sim.run_in(&mut ws, &d, &RunOptions { engine: Engine::Sparse, record: vec![], ..Default::default() }).unwrap();
        let again = sim.run_in(&mut ws, &d, &RunOptions { engine: Engine::Sparse, record: vec![], ..Default::default() }).unwrap();
        assert_agree(&sparse, &again)?;
    }
}
