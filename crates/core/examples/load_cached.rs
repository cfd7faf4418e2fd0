//! How long does a scenario take to load from its files, and from its binary cache?
//!
//! `cargo run --release -p kuroshio-core --example load_cached -- DIR` (e.g. a network written by
//! `kuroshio generate --facilities 1000000 --out DIR`). Deletes DIR's `scenario.kcache` first,
//! then loads three times: from the files (writing the cache), then twice from the cache.

use std::time::Instant;

use kuroshio_core::cache::{CacheStatus, cache_path, load_cached};

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: load_cached DIR");
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(dir);
    let _ = std::fs::remove_file(cache_path(&dir));
    for round in 0..3 {
        let t = Instant::now();
        match load_cached(&dir) {
            Ok((s, status)) => {
                let how = match status {
                    CacheStatus::Hit { .. } => "from the cache".to_string(),
                    CacheStatus::Miss { written: Ok(_) } => "from the files (cache written)".to_string(),
                    CacheStatus::Miss { written: Err(e) } => {
                        format!("from the files (cache not written: {e})")
                    }
                };
                println!(
                    "load {round}: {:.2} s {how}: {} facilities, {} links",
                    t.elapsed().as_secs_f64(),
                    s.network.facilities.len(),
                    s.network.links.len()
                );
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }
    let size = std::fs::metadata(cache_path(&dir)).map(|m| m.len()).unwrap_or(0);
    println!("cache file: {:.0} MB", size as f64 / 1e6);
}
