//! How fast is one trial, with the dense reference engine and the sparse engine, and how fast is
//! the TTS sweep? Two events: a regional one (every facility in one region, about 4% of a
//! generated network, loses half its capacity for 30 days, recovering linearly) and a local one
//! (one tier-2 facility fully out for 30 days).
//!
//! `cargo bench --bench trial` (KUROSHIO_BENCH_FACILITIES sets the size of the dense bench's
//! network; default 100,000).

mod common;

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kuroshio_core::Scenario;
use kuroshio_core::generate::{GenerateOptions, write};
use kuroshio_sim::{Engine, Prefetch, RunOptions, Simulator};

fn scenario(n: usize) -> Scenario {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), GenerateOptions { facilities: n, seed: 1 }).expect("generate");
    kuroshio_core::load(dir.path()).expect("valid")
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
        for (event, d) in [("regional", common::regional_event(&s)), ("local", common::local_event(&s))] {
            // On the large network the regional event is also run without prefetching, to
            // measure what the prefetch buys in the same run (it changes no result).
            let prefetches: &[Prefetch] = if n > 10_000 && event == "regional" {
                &[Prefetch::Auto, Prefetch::Never]
            } else {
                &[Prefetch::Auto]
            };
            for &engine in engines {
                for &prefetch in prefetches {
                    let mut ws = sim.workspace();
                    let opts = RunOptions { engine, record: Vec::new(), prefetch, ..Default::default() };
                    group.throughput(Throughput::Elements(link_days));
                    let name = match (engine, prefetch) {
                        (Engine::Dense, Prefetch::Never) => "trial_dense_noprefetch",
                        (Engine::Dense, _) => "trial_dense",
                        (_, Prefetch::Never) => "trial_sparse_noprefetch",
                        _ => "trial_sparse",
                    };
                    group.bench_function(format!("{name}/{event}"), |b| {
                        b.iter(|| sim.run_in(&mut ws, &d, &opts).expect("runs"))
                    });
                }
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
