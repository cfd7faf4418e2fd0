//! How fast does a generated network load, validate and solve its baseline, and how fast does it
//! load from its binary cache (`scenario.kcache`)?
//!
//! `cargo bench --bench load_network` (100,000 facilities by default;
//! `KUROSHIO_BENCH_FACILITIES=1000000` for the million-facility figure in docs/benchmarks.md).

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kuroshio_core::generate::{GenerateOptions, write};

fn load_network(c: &mut Criterion) {
    let facilities: usize =
        std::env::var("KUROSHIO_BENCH_FACILITIES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let summary = write(dir.path(), GenerateOptions { facilities, seed: 1 }).expect("generate");
    let mut group = c.benchmark_group("load_network");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(summary.links as u64));
    group.bench_function(format!("{facilities}_facilities_{}_links", summary.links), |b| {
        b.iter(|| kuroshio_core::load(dir.path()).expect("valid"))
    });
    // The binary cache: written once, then every load is a hit.
    let (_, status) = kuroshio_core::cache::load_cached(dir.path()).expect("valid");
    assert!(matches!(status, kuroshio_core::cache::CacheStatus::Miss { written: Ok(_) }), "{status:?}");
    group.bench_function(format!("cached_{facilities}_facilities_{}_links", summary.links), |b| {
        b.iter(|| {
            let (s, status) = kuroshio_core::cache::load_cached(dir.path()).expect("valid");
            assert!(matches!(status, kuroshio_core::cache::CacheStatus::Hit { .. }));
            s
        })
    });
    let scenario = kuroshio_core::load(dir.path()).expect("valid");
    group.bench_function(format!("inspect_{facilities}_facilities"), |b| {
        b.iter(|| kuroshio_core::analysis::inspect(&scenario.network, &scenario.baseline, false))
    });
    group.finish();
}

criterion_group!(benches, load_network);
criterion_main!(benches);
