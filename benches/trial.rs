//! How fast is one trial, with the dense reference engine and the sparse engine, and how fast is
//! the TTS sweep? Two events: a regional one (every facility in one region, about 4% of a
//! generated network, loses half its capacity for 30 days, recovering linearly) and a local one
//! (one tier-2 facility fully out for 30 days).
//!
//! `cargo bench --bench trial` (KUROSHIO_BENCH_FACILITIES sets the size of the dense bench's
//! network; default 100,000).

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kuroshio_core::generate::{GenerateOptions, write};
use kuroshio_core::{FacilityId, Scenario};
use kuroshio_sim::{Disruption, Engine, RecoveryProfile, RunOptions, Simulator};

fn scenario(n: usize) -> Scenario {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), GenerateOptions { facilities: n, seed: 1 }).expect("generate");
    kuroshio_core::load(dir.path()).expect("valid")
}

/// Every facility of the network's first region loses half its capacity on day 10 for 30 days.
fn regional_event(s: &Scenario) -> Vec<Disruption> {
    let region = s.network.region_id("JPN-Tohoku").expect("generated networks have JPN-Tohoku");
    s.network
        .facilities
        .iter()
        .enumerate()
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

/// One tier-2 facility (the first in the middle of the tier list) fully out for 30 days.
fn local_event(s: &Scenario) -> Vec<Disruption> {
    let f = s
        .network
        .facilities
        .iter()
        .position(|f| f.kind == kuroshio_core::FacilityKind::Tier2)
        .expect("generated networks have tier-2 facilities");
    vec![Disruption::Outage {
        facility: FacilityId::from_index(f),
        start: 10,
        duration: 30,
        severity: 1.0,
        profile: RecoveryProfile::Step,
    }]
}

fn trials(c: &mut Criterion) {
    let big: usize =
        std::env::var("KUROSHIO_BENCH_FACILITIES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    for (n, engines) in
        [(2_000usize, &[Engine::Dense, Engine::Sparse][..]), (big, &[Engine::Dense, Engine::Sparse][..])]
    {
        let s = scenario(n);
        let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
        let link_days = s.network.links.len() as u64 * s.settings.horizon_days as u64;
        let mut group = c.benchmark_group(format!("trial_{n}"));
        group.sample_size(10).measurement_time(Duration::from_secs(if n > 10_000 { 20 } else { 5 }));
        for (event, d) in [("regional", regional_event(&s)), ("local", local_event(&s))] {
            for &engine in engines {
                let mut ws = sim.workspace();
                let opts = RunOptions { engine, record: Vec::new(), ..Default::default() };
                group.throughput(Throughput::Elements(link_days));
                let name = if engine == Engine::Dense { "trial_dense" } else { "trial_sparse" };
                group.bench_function(format!("{name}/{event}"), |b| {
                    b.iter(|| sim.run_in(&mut ws, &d, &opts).expect("runs"))
                });
            }
        }
        group.finish();
    }
}

fn tts_sweep(c: &mut Criterion) {
    let s = scenario(2_000);
    let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
    let mut group = c.benchmark_group("tts_sweep_2000");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("tts_sweep", |b| b.iter(|| kuroshio_sim::tts::analyse(&sim)));
    group.finish();
}

criterion_group!(benches, trials, tts_sweep);
criterion_main!(benches);
