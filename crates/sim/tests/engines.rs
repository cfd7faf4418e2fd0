//! The two engines on generated networks: no disruption reproduces the baseline exactly; dense
//! and sparse agree on every metric.

use kuroshio_core::generate::{GenerateOptions, write};
use kuroshio_core::{FacilityId, Scenario, load};
use kuroshio_sim::{Disruption, Engine, Prefetch, RecoveryProfile, RunOptions, Simulator, TrialOutcome};

// The benches' two events (the regional one: every facility of JPN-Tohoku at half capacity for
// 30 days from day 10, recovering linearly).
#[allow(dead_code)]
#[path = "../../../benches/common/mod.rs"]
mod common;

fn generated(n: usize, seed: u64) -> Scenario {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), GenerateOptions { facilities: n, seed }).unwrap();
    load(dir.path()).unwrap()
}

fn run(sim: &Simulator<'_>, d: &[Disruption], engine: Engine) -> TrialOutcome {
    sim.run(d, &RunOptions { engine, record: vec![], ..Default::default() }).unwrap()
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(1e-300)
}

fn assert_same(a: &TrialOutcome, b: &TrialOutcome) {
    assert!(rel(a.unmet_value, b.unmet_value) <= 1e-9, "unmet {} vs {}", a.unmet_value, b.unmet_value);
    assert!(rel(a.lost_output_value, b.lost_output_value) <= 1e-9);
    assert_eq!(a.system_recovery, b.system_recovery);
    assert_eq!(a.facilities.len(), b.facilities.len());
    for (x, y) in a.facilities.iter().zip(&b.facilities) {
        assert_eq!(x.facility, y.facility);
        assert!(rel(x.lost_units, y.lost_units) <= 1e-9);
        assert!(rel(x.min_ratio, y.min_ratio) <= 1e-9);
        assert_eq!(x.time_to_impact, y.time_to_impact);
        assert_eq!(x.time_to_recover, y.time_to_recover);
    }
    for (x, y) in a.markets.iter().zip(&b.markets) {
        assert_eq!(x.first_shortage_day, y.first_shortage_day);
        assert_eq!(x.recovery, y.recovery);
        for (u, v) in x.daily_unmet.iter().zip(&y.daily_unmet) {
            assert!(rel(*u, *v) <= 1e-9 || (u - v).abs() < 1e-12);
        }
    }
}

#[test]
fn no_disruption_reproduces_the_baseline_exactly_on_10000_facilities() {
    let s = generated(10_000, 1);
    let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
    for engine in [Engine::Dense, Engine::Sparse] {
        let o = run(&sim, &[], engine);
        assert_eq!(o.horizon, 365);
        assert_eq!(o.unmet_value, 0.0);
        assert_eq!(o.lost_output_value, 0.0);
        assert!(o.facilities.is_empty());
    }
}

#[test]
fn engines_agree_on_an_outage() {
    let s = generated(2_000, 3);
    let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
    // Knock out a tier-2 facility hard for 60 days.
    let f = FacilityId(1_000);
    let d = [Disruption::Outage {
        facility: f,
        start: 10,
        duration: 60,
        severity: 1.0,
        profile: RecoveryProfile::Step,
    }];
    let dense = run(&sim, &d, Engine::Dense);
    let sparse = run(&sim, &d, Engine::Sparse);
    assert!(dense.lost_output_value > 0.0);
    assert_same(&dense, &sparse);
}

#[test]
fn stopping_early_keeps_the_shortage_answer() {
    // The TTS search stops a trial at its first shortage, or once the network has settled; both
    // must give the same yes/no answer about shortages as the full run.
    let s = generated(300, 5);
    let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
    for f in (0..290).step_by(17) {
        let f = FacilityId(f);
        let d = [Disruption::Outage {
            facility: f,
            start: 0,
            duration: u32::MAX,
            severity: 1.0,
            profile: RecoveryProfile::Step,
        }];
        let full = sim.run(&d, &RunOptions::default()).unwrap();
        let quick = sim
            .run(
                &d,
                &RunOptions { stop_at_first_shortage: true, stop_when_steady: true, ..Default::default() },
            )
            .unwrap();
        assert_eq!(full.unmet_value > 0.0, quick.unmet_value > 0.0, "facility {f:?}");
        assert!(quick.facility_steps <= full.facility_steps);
        if full.unmet_value > 0.0 {
            let first = |o: &TrialOutcome| o.markets.iter().filter_map(|m| m.first_shortage_day).min();
            assert_eq!(first(&full), first(&quick));
        }
    }
}

#[test]
fn engines_agree_on_a_regional_event_and_prefetching_changes_nothing() {
    let s = generated(3_000, 1);
    let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
    let d = common::regional_event(&s);
    let with =
        |engine, prefetch| sim.run(&d, &RunOptions { engine, prefetch, ..Default::default() }).unwrap();
    let dense = with(Engine::Dense, Prefetch::Never);
    let sparse = with(Engine::Sparse, Prefetch::Never);
    assert!(dense.lost_output_value > 0.0);
    assert_same(&dense, &sparse);
    // A prefetch is a hint to the memory system: every number is the same, bit for bit.
    for engine in [Engine::Dense, Engine::Sparse] {
        let plain = with(engine, Prefetch::Never);
        for prefetch in [Prefetch::Always, Prefetch::Auto] {
            let o = with(engine, prefetch);
            assert_eq!(format!("{o:?}"), format!("{plain:?}"), "{engine:?} {prefetch:?}");
        }
    }
}
