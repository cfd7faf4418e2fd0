//! How many vehicles a year could chip disruptions cost Japanese-brand assembly, and how fat is
//! the tail? This example samples years of the cross-pacific hazard catalog restricted to what
//! hits chips: the outage hazards (earthquakes, fab fires, materials-plant accidents, the neon
//! outage) with their footprints cut down to semiconductor and semiconductor-materials sites, and
//! the export controls on chip materials (Japanese resist/HF/polyimide, Chinese gallium and
//! germanium). Strait and port closures are left out: they stop parts of every kind. Each year
//! runs through the daily model, and the vehicles not built at the eight assembly plants are
//! summed; the example prints the distribution's quantiles.
//!
//! Run: `cargo run --release --example chip_shortage_monte_carlo [TRIALS]` (default 5,000)
//!
//! For scale: AFS counted ~10.2M vehicles cut from schedules worldwide in 2021 and ~4.5M in 2022,
//! all brands (events.md E1 #10); the network makes ~10M Japanese-brand vehicles a year.

use std::path::Path;

use kuroshio_montecarlo::{HazardKind, Site, sample_trial};
use kuroshio_sim::{RunOptions, Simulator};
use rayon::prelude::*;

const SEED: u64 = 2021;

fn main() {
    let trials: u64 = std::env::args().nth(1).map_or(5000, |t| t.parse().expect("TRIALS: a number"));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/cross-pacific");
    let scenario = kuroshio_core::load(&dir).expect("cross-pacific");
    let net = &scenario.network;
    let is_chip = |site: &Site| match *site {
        Site::Facility(f) => {
            let sector = &net.products[net.facility(f).product.index()].sector;
            sector == "semiconductors" || sector == "semiconductor-materials"
        }
        Site::Chokepoint(_) => false,
    };
    let chip_controls = [
        "japan-materials-controls-korea",
        "japan-materials-controls-china",
        "china-gallium-germanium-controls",
    ];
    let mut hazards = kuroshio_montecarlo::hazards(&scenario).expect("hazards");
    hazards.retain_mut(|h| match h.kind {
        HazardKind::Outage => {
            h.sites.retain(is_chip);
            !h.sites.is_empty()
        }
        HazardKind::ExportBan => chip_controls.contains(&h.name.as_str()),
        _ => false,
    });
    println!("hazards kept: {}", hazards.iter().map(|h| h.name.as_str()).collect::<Vec<_>>().join(", "));

    let horizon = scenario.settings.horizon_days;
    let plants: Vec<_> = (0..net.facilities.len())
        .map(kuroshio_core::FacilityId::from_index)
        .filter(|&f| net.facility(f).id.starts_with("ASSY-"))
        .collect();
    let per_year: f64 = plants.iter().map(|f| scenario.baseline.output[f.index()]).sum::<f64>() * 365.0;
    let sim = Simulator::new(net, &scenario.baseline, &scenario.settings);
    let mut lost: Vec<f64> = (0..trials)
        .into_par_iter()
        .map(|n| {
            let d = sample_trial(&hazards, net, horizon, SEED, n);
            if d.is_empty() {
                return 0.0;
            }
            let o = sim.run(&d, &RunOptions::default()).expect("trial");
            plants.iter().filter_map(|&f| o.facility(f)).map(|f| f.lost_units).sum::<f64>().max(0.0)
        })
        .collect();
    lost.sort_by(f64::total_cmp);
    let q = |p: f64| lost[((p * trials as f64).ceil() as usize).clamp(1, lost.len()) - 1];
    let mean = lost.iter().sum::<f64>() / trials as f64;
    let any = lost.iter().filter(|&&x| x > 0.5).count() as f64 / trials as f64;
    println!(
        "\n{trials} years (seed {SEED}); the eight plants build {:.2}M vehicles a year at the baseline\n",
        per_year / 1e6
    );
    println!("{:<34} {:>14}", "vehicles not built in a year", "vehicles");
    println!("{:<34} {:>14.0}", "mean", mean);
    for (label, p) in [
        ("median", 0.5),
        ("90th percentile", 0.9),
        ("95th percentile (1 in 20)", 0.95),
        ("99th percentile (1 in 100)", 0.99),
    ] {
        println!("{label:<34} {:>14.0}", q(p));
    }
    println!("{:<34} {:>14.0}", "worst year sampled", lost[lost.len() - 1]);
    println!("{:<34} {:>13.1}%", "years with any vehicle lost", 100.0 * any);
}
