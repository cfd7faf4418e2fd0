//! Is the dense engine limited by memory bandwidth, and how far from it is it? Measures, in one
//! criterion run, a dense trial (365 days) on a generated network and two streaming kernels over
//! a buffer as large as the data a dense day streams: a read (sum of u64) and a triad
//! (`a[i] = b[i] + s * c[i]`, three arrays of a third each).
//!
//! The data a dense day streams (its *day volume*) is the engine's per-network constants and
//! per-trial state (`Simulator::heap_bytes + Workspace::heap_bytes`) except the rings of
//! in-transit cells, of which a day touches one cell per link (`Simulator::ring_bytes` out, 8
//! bytes per link in). Criterion reports each case in bytes per second, the trial's throughput
//! being its day volume times the horizon. The engine is "within a factor of 2 of the machine's
//! memory bandwidth for its data volume" when its figure is at least half the read kernel's. Two
//! events: a local one (most facilities stay at the baseline and take the fast path, touching
//! only their own few bytes, so the figure is above what memory could deliver) and a regional
//! one (most of the network off the baseline for months: the honest case), as in `trial`; the
//! regional one also without prefetching (`Prefetch::Never`), to show what the prefetch buys.
//!
//! `cargo bench --bench bandwidth` (KUROSHIO_BENCH_FACILITIES sets the network's size, default
//! 100,000: about 110 MiB a day, far beyond the caches).

mod common;

use std::hint::black_box;
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

fn bandwidth(c: &mut Criterion) {
    let n: usize =
        std::env::var("KUROSHIO_BENCH_FACILITIES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let s = scenario(n);
    let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
    let mut ws = sim.workspace();
    let links = s.network.links.len();
    let bytes = (sim.heap_bytes() + ws.heap_bytes() - sim.ring_bytes() + 8 * links) as u64;
    let days = u64::from(s.settings.horizon_days);
    let mib = |b: usize| b as f64 / 1048576.0;
    eprintln!(
        "bandwidth: {n} facilities, {links} links; day volume {:.1} MiB (constants {:.1} MiB, state {:.1} MiB \
         of which rings {:.1} MiB, counted as one cell per link)",
        mib(bytes as usize),
        mib(sim.heap_bytes()),
        mib(ws.heap_bytes()),
        mib(sim.ring_bytes())
    );

    let mut g = c.benchmark_group(format!("bandwidth_{n}"));
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    for (name, event, d, prefetch) in [
        ("trial_dense", "local", common::local_event(&s), Prefetch::Auto),
        ("trial_dense", "regional", common::regional_event(&s), Prefetch::Auto),
        ("trial_dense_noprefetch", "regional", common::regional_event(&s), Prefetch::Never),
    ] {
        let opts = RunOptions { engine: Engine::Dense, prefetch, ..Default::default() };
        g.throughput(Throughput::Bytes(bytes * days));
        g.bench_function(format!("{name}/{event}"), |b| {
            b.iter(|| sim.run_in(&mut ws, &d, &opts).expect("runs"))
        });
    }
    drop(ws);

    // The streaming kernels, over buffers of the same total size.
    let words = (bytes / 8) as usize;
    let read: Vec<u64> = (0..words as u64).collect();
    g.throughput(Throughput::Bytes(bytes));
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("stream_read", |b| {
        b.iter(|| black_box(&read).iter().fold(0u64, |a, &x| a.wrapping_add(x)))
    });
    drop(read);
    let third = words / 3;
    let (mut a, bv, cv) = (vec![0f64; third], vec![1f64; third], vec![2f64; third]);
    g.bench_function("stream_triad", |b| {
        b.iter(|| {
            let s = black_box(3.0);
            for ((x, y), z) in a.iter_mut().zip(&bv).zip(&cv) {
                *x = y + s * z;
            }
            black_box(&a);
        })
    });
    g.finish();
}

criterion_group!(benches, bandwidth);
criterion_main!(benches);
