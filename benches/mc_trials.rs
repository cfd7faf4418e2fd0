//! How many Monte Carlo trials per second, and how well do they scale from 1 to 2 threads? Runs
//! the whole trial loop (sampling, simulation, recording, in-order reduction) of `kuroshio run` on
//! the shipped tutorial (7 hazards, 10 facilities) and on a generated 10,000-facility network with
//! its synthetic catalog of regional outages, at 1 and 2 threads in the same run.
//!
//! `cargo bench --bench mc_trials` (KUROSHIO_BENCH_MC_FACILITIES sets the generated network's
//! size, default 10,000; KUROSHIO_BENCH_MC_TRIALS its trials per iteration, default 64).

use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kuroshio_core::Scenario;
use kuroshio_core::generate::{GenerateOptions, write};
use kuroshio_montecarlo::record::layout;
use kuroshio_montecarlo::{Arm, Flow, Hazard, Model, Plan};
use kuroshio_sim::Simulator;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Runs trials 0..n with `threads` workers; returns the number of trials with a loss (so the
/// work cannot be optimised away).
fn run(s: &Scenario, hazards: &[Hazard], n: u64, threads: usize) -> usize {
    let horizon = s.settings.horizon_days;
    let lay = layout(&s.network, &s.baseline, horizon);
    let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
    let model = Model {
        network: &s.network,
        hazards,
        horizon,
        layout: lay.clone(),
        arms: vec![Arm::new("base", sim, &lay, None)],
    };
    let plan = Plan { seed: 1, trials: 0..n, target_rel_ci: None };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
    let r =
        pool.install(|| kuroshio_montecarlo::run(&model, &plan, None, &mut |_| Flow::Continue)).expect("run");
    r.accumulators[0].rows.iter().filter(|row| row.loss > 0.0).count()
}

fn mc_trials(c: &mut Criterion) {
    let tutorial_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/tutorial");
    let tutorial = kuroshio_core::load(&tutorial_dir).expect("tutorial");
    let tutorial_hazards = kuroshio_montecarlo::hazards(&tutorial).expect("tutorial hazards");
    let n_gen = env("KUROSHIO_BENCH_MC_FACILITIES", 10_000) as usize;
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), GenerateOptions { facilities: n_gen, seed: 1 }).expect("generate");
    let generated = kuroshio_core::load(dir.path()).expect("generated");
    let generated_hazards = kuroshio_montecarlo::hazards(&generated).expect("generated hazards");

    let mut g = c.benchmark_group("mc_trials");
    let cases: [(&str, &Scenario, &[Hazard], u64, Duration); 2] = [
        ("tutorial", &tutorial, &tutorial_hazards, 32_000, Duration::from_secs(10)),
        (
            "generated",
            &generated,
            &generated_hazards,
            env("KUROSHIO_BENCH_MC_TRIALS", 64),
            Duration::from_secs(60),
        ),
    ];
    for (name, s, hazards, n, time) in cases {
        g.throughput(Throughput::Elements(n));
        g.sample_size(10);
        g.measurement_time(time);
        for threads in [1usize, 2] {
            let id = BenchmarkId::new(
                format!("{name}_{}", s.network.facilities.len()),
                format!("threads_{threads}"),
            );
            g.bench_function(id, |b| b.iter(|| run(s, hazards, n, threads)));
        }
    }
    g.finish();
}

criterion_group!(benches, mc_trials);
criterion_main!(benches);
