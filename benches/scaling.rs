//! How do time and memory grow with the size of the network, the number of trials and the
//! number of threads? Sweeps generated networks of 1,000 to 1,000,000 facilities (about 5.5 links
//! each) and, per size, measures: writing and loading the scenario, the scenario cache, the
//! engines' constants and state, one trial of a local and of a regional event (sparse engine),
//! one dense trial, the TTS analysis of a sample of facilities, and a small Monte Carlo run of the generated hazard catalog at 1 and 2
//! threads; then sweeps the number of trials at one size.
//!
//! `cargo bench --bench scaling` (about 15 minutes on the 2-core machine with the defaults).
//! Settings (environment):
//! - `KUROSHIO_SCALING_SIZES`: facility counts, default `1000,10000,100000,1000000`;
//! - `KUROSHIO_SCALING_MC_MAX`: largest size given the Monte Carlo run, default 100000 (a
//!   regional event on a million facilities takes minutes per trial: see docs/benchmarks.md);
//! - `KUROSHIO_SCALING_MC_TRIALS`: trials of that run, default 32;
//! - `KUROSHIO_SCALING_TRIALS_AT`: the size of the trials sweep, default 10000 (trials 16 to
//!   256 at 1 and 2 threads);
//! - `KUROSHIO_SCALING_TTS_MAX`: largest size given a TTS sample, default 100000;
//! - `KUROSHIO_SCALING_TTS_SAMPLE`: facilities in the TTS sample (every k-th producing facility,
//!   on 2 threads), default 200; the whole sweep is estimated as the sample's time times
//!   facilities / sample;
//! - `KUROSHIO_SCALING_OUT`: where to write `scaling.csv` and `scaling.svg`, default
//!   `target/scaling`.
//!
//! This is a plain program (`harness = false`, no criterion): a criterion measurement needs at
//! least ten samples, which is hours at a million facilities. Each point is the median of
//! `reps` runs (5 under 10 s a run, else 1), printed with its range. Memory is the peak of
//! bytes allocated on the heap during the step (a counting allocator), which is what the
//! program asks of the machine apart from its code and stack.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use kuroshio_core::generate::{GenerateOptions, write};
use kuroshio_core::{FacilityId, Scenario};
use kuroshio_montecarlo::record::layout;
use kuroshio_montecarlo::{Arm, Flow, Hazard, Model, Plan};
use kuroshio_sim::tts::{Survival, analyse_facilities};
use kuroshio_sim::{Engine, RunOptions, Simulator};

/// Counts the bytes live on the heap and their peak since the last [`reset_peak`].
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now =
                    LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn reset_peak() {
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
}

fn peak() -> usize {
    PEAK.load(Ordering::Relaxed)
}

fn env_list(name: &str, default: &str) -> Vec<usize> {
    std::env::var(name)
        .unwrap_or_else(|_| default.to_string())
        .split(',')
        .map(|v| {
            v.trim().replace('_', "").parse().unwrap_or_else(|_| panic!("{name}: not a list of numbers"))
        })
        .collect()
}

fn env_num(name: &str, default: usize) -> usize {
    env_list(name, &default.to_string())[0]
}

/// One measured point of the sweep.
struct Point {
    what: &'static str,
    facilities: usize,
    links: usize,
    trials: usize,
    threads: usize,
    /// Median, min and max seconds.
    secs: (f64, f64, f64),
    /// Peak heap bytes during the step.
    heap: usize,
    note: String,
}

/// Runs `f` `reps` times (5 when a first run is under 10 s, else just the first) and returns
/// the median, min and max seconds and the peak heap of the runs.
fn measure<T>(mut f: impl FnMut() -> T) -> ((f64, f64, f64), usize, T) {
    reset_peak();
    let t = Instant::now();
    let mut out = f();
    let first = t.elapsed().as_secs_f64();
    let mut times = vec![first];
    if first < 10.0 {
        for _ in 0..4 {
            let t = Instant::now();
            out = f();
            times.push(t.elapsed().as_secs_f64());
        }
    }
    times.sort_by(f64::total_cmp);
    ((times[times.len() / 2], times[0], times[times.len() - 1]), peak(), out)
}

/// Trials `0..trials` of the generated hazard catalog through the whole Monte Carlo loop;
/// returns the number of trials with a loss.
fn monte_carlo(s: &Scenario, hazards: &[Hazard], trials: usize, threads: usize) -> usize {
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
    let plan = Plan { seed: 1, trials: 0..trials as u64, target_rel_ci: None };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
    let r =
        pool.install(|| kuroshio_montecarlo::run(&model, &plan, None, &mut |_| Flow::Continue)).expect("run");
    r.accumulators[0].rows.iter().filter(|row| row.loss > 0.0).count()
}

fn main() {
    // `cargo bench` passes `--bench`; a filter is not supported.
    let sizes = env_list("KUROSHIO_SCALING_SIZES", "1000,10000,100000,1000000");
    let mc_max = env_num("KUROSHIO_SCALING_MC_MAX", 100_000);
    let mc_trials = env_num("KUROSHIO_SCALING_MC_TRIALS", 32);
    let trials_at = env_num("KUROSHIO_SCALING_TRIALS_AT", 10_000);
    let tts_max = env_num("KUROSHIO_SCALING_TTS_MAX", 100_000);
    let tts_sample = env_num("KUROSHIO_SCALING_TTS_SAMPLE", 200);
    let out = std::env::var_os("KUROSHIO_SCALING_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/scaling"));
    std::fs::create_dir_all(&out).expect("output directory");
    let mut points: Vec<Point> = Vec::new();
    let mut report = |p: Point| {
        println!(
            "{:<22} {:>9} facilities {:>9} links {:>5} trials {} thr: {:>9.4} s [{:.4}, {:.4}] heap {:>8.1} MiB {}",
            p.what,
            p.facilities,
            p.links,
            p.trials,
            p.threads,
            p.secs.0,
            p.secs.1,
            p.secs.2,
            p.heap as f64 / 1048576.0,
            p.note
        );
        points.push(p);
    };

    for &n in &sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        let (secs, heap, _) =
            measure(|| write(dir.path(), GenerateOptions { facilities: n, seed: 1 }).expect("generate"));
        let point = |what, links, trials, threads, secs, heap, note: String| Point {
            what,
            facilities: n,
            links,
            trials,
            threads,
            secs,
            heap,
            note,
        };
        report(point("generate (write CSV)", 0, 0, 1, secs, heap, String::new()));
        // Loading from the files writes the cache; loading again reads it.
        let _ = std::fs::remove_file(kuroshio_core::cache::cache_path(dir.path()));
        reset_peak();
        let t = Instant::now();
        let (s, _) = kuroshio_core::cache::load_cached(dir.path()).expect("load");
        let load_files = t.elapsed().as_secs_f64();
        let load_heap = peak();
        let links = s.network.links.len();
        report(point(
            "load (files)",
            links,
            0,
            1,
            (load_files, load_files, load_files),
            load_heap,
            String::new(),
        ));
        drop(s);
        let (secs, heap, s) = measure(|| kuroshio_core::cache::load_cached(dir.path()).expect("load").0);
        report(point("load (cache)", links, 0, 1, secs, heap, String::new()));
        let resident = LIVE.load(Ordering::Relaxed);
        report(point(
            "scenario in memory",
            links,
            0,
            1,
            (0.0, 0.0, 0.0),
            resident,
            "network + baseline + settings".into(),
        ));

        let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
        let mut ws = sim.workspace();
        let engine_bytes = sim.heap_bytes() + ws.heap_bytes();
        report(point(
            "engine constants+state",
            links,
            0,
            1,
            (0.0, 0.0, 0.0),
            engine_bytes,
            format!("constants {:.1} MiB", sim.heap_bytes() as f64 / 1048576.0),
        ));
        for (what, d, engine) in [
            ("trial sparse local", common::local_event(&s), Engine::Sparse),
            ("trial sparse regional", common::regional_event(&s), Engine::Sparse),
            ("trial dense local", common::local_event(&s), Engine::Dense),
        ] {
            let opts = RunOptions { engine, ..Default::default() };
            let (secs, heap, o) = measure(|| sim.run_in(&mut ws, &d, &opts).expect("runs"));
            let days = f64::from(s.settings.horizon_days) * s.network.facilities.len() as f64;
            report(point(
                what,
                links,
                1,
                1,
                secs,
                heap,
                format!(
                    "{} facility-steps ({:.1}% of facility-days)",
                    o.facility_steps,
                    100.0 * o.facility_steps as f64 / days
                ),
            ));
        }
        drop(ws);
        if n <= tts_max {
            // A systematic sample (every k-th producing facility, so every tier in proportion):
            // each row of the sweep is independent of the others, so the sample's time scaled
            // by the number of facilities estimates the whole sweep's.
            let producers: Vec<FacilityId> = (0..s.network.facilities.len())
                .map(FacilityId::from_index)
                .filter(|&f| !s.network.facility(f).is_market())
                .collect();
            let k = tts_sample.min(producers.len()).max(1);
            let step = producers.len() / k;
            let sample: Vec<FacilityId> = (0..k).map(|j| producers[j * step + step / 2]).collect();
            let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("pool");
            let (secs, heap, rows) = measure(|| pool.install(|| analyse_facilities(&sim, &sample)));
            let whole = secs.0 * producers.len() as f64 / k as f64;
            let survive = rows.iter().filter(|r| matches!(r.tts, Survival::AtLeast(_))).count();
            report(point(
                "tts sample",
                links,
                k,
                2,
                secs,
                heap,
                format!(
                    "{k} of {} producing facilities ({survive} survive the horizon); whole sweep about {whole:.0} s",
                    producers.len()
                ),
            ));
            let scale = producers.len() as f64 / k as f64;
            report(point(
                "tts sweep (estimated)",
                links,
                producers.len(),
                2,
                (secs.0 * scale, secs.1 * scale, secs.2 * scale),
                heap,
                "the sample's time x producing facilities / sample".into(),
            ));
        }
        if n <= mc_max {
            let hazards = kuroshio_montecarlo::hazards(&s).expect("generated hazards");
            for threads in [1, 2] {
                let (secs, heap, lossy) = measure(|| monte_carlo(&s, &hazards, mc_trials, threads));
                report(point(
                    "monte carlo",
                    links,
                    mc_trials,
                    threads,
                    secs,
                    heap,
                    format!("{lossy} trials with a loss"),
                ));
            }
        }
        if n == trials_at {
            let hazards = kuroshio_montecarlo::hazards(&s).expect("generated hazards");
            for trials in [16usize, 64, 256] {
                for threads in [1, 2] {
                    let (secs, heap, lossy) = measure(|| monte_carlo(&s, &hazards, trials, threads));
                    report(point(
                        "monte carlo (trials)",
                        links,
                        trials,
                        threads,
                        secs,
                        heap,
                        format!("{lossy} with a loss"),
                    ));
                }
            }
        }
    }

    let mut csv = String::from("what,facilities,links,trials,threads,median_s,min_s,max_s,heap_bytes,note\n");
    for p in &points {
        let _ = writeln!(
            csv,
            "{},{},{},{},{},{:.6},{:.6},{:.6},{},\"{}\"",
            p.what, p.facilities, p.links, p.trials, p.threads, p.secs.0, p.secs.1, p.secs.2, p.heap, p.note
        );
    }
    std::fs::write(out.join("scaling.csv"), csv).expect("write scaling.csv");
    std::fs::write(out.join("scaling.svg"), plot(&points)).expect("write scaling.svg");
    println!("wrote {} and {}", out.join("scaling.csv").display(), out.join("scaling.svg").display());
}

/// Two log-log panels against facilities: seconds (load from cache, sparse local and regional
/// trial, dense trial, Monte Carlo at 2 threads, the estimated TTS sweep) and heap MiB (scenario in memory, engine,
/// peak of the Monte Carlo run).
fn plot(points: &[Point]) -> String {
    let series_time: [(&str, &str, usize, &str); 6] = [
        ("load (cache)", "load from cache", 1, "#4477aa"),
        ("trial sparse local", "trial, sparse, local event", 1, "#228833"),
        ("trial sparse regional", "trial, sparse, regional event", 1, "#ccbb44"),
        ("trial dense local", "trial, dense engine", 1, "#ee6677"),
        ("monte carlo", "Monte Carlo run, 2 threads", 2, "#aa3377"),
        ("tts sweep (estimated)", "TTS sweep (from a sample), 2 threads", 2, "#66ccee"),
    ];
    let series_mem: [(&str, &str, usize, &str); 3] = [
        ("scenario in memory", "scenario in memory", 1, "#4477aa"),
        ("engine constants+state", "engine constants + state", 1, "#228833"),
        ("monte carlo", "peak of the Monte Carlo run", 2, "#aa3377"),
    ];
    let pick = |what: &str, threads: usize, f: &dyn Fn(&Point) -> f64| -> Vec<(f64, f64)> {
        points
            .iter()
            .filter(|p| p.what == what && p.threads == threads && f(p) > 0.0)
            .map(|p| (p.facilities as f64, f(p)))
            .collect()
    };
    let mut svg = String::new();
    let (w, h) = (1000.0, 450.0);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"sans-serif\" font-size=\"12\"><rect width=\"{w}\" height=\"{h}\" fill=\"white\"/>"
    );
    let time: Vec<_> = series_time.iter().map(|(k, l, t, c)| (*l, *c, pick(k, *t, &|p| p.secs.0))).collect();
    let mem: Vec<_> =
        series_mem.iter().map(|(k, l, t, c)| (*l, *c, pick(k, *t, &|p| p.heap as f64 / 1048576.0))).collect();
    panel(&mut svg, 60.0, "Time against network size", "seconds (log scale)", &time);
    panel(&mut svg, 560.0, "Memory against network size", "heap MiB (log scale)", &mem);
    svg.push_str("</svg>\n");
    svg
}

/// One line of a panel: legend label, colour and (x, y) points.
type Series<'a> = (&'a str, &'a str, Vec<(f64, f64)>);

fn panel(svg: &mut String, x0: f64, title: &str, ylabel: &str, series: &[Series<'_>]) {
    let (pw, ph, top) = (380.0, 260.0, 40.0);
    let all: Vec<(f64, f64)> = series.iter().flat_map(|s| s.2.iter().copied()).collect();
    if all.is_empty() {
        return;
    }
    let lx = |v: f64| v.log10();
    let (xmin, xmax) = (
        all.iter().map(|p| lx(p.0)).fold(f64::INFINITY, f64::min).floor(),
        all.iter().map(|p| lx(p.0)).fold(f64::NEG_INFINITY, f64::max).ceil().max(1.0),
    );
    let (ymin, ymax) = (
        all.iter().map(|p| lx(p.1)).fold(f64::INFINITY, f64::min).floor(),
        all.iter().map(|p| lx(p.1)).fold(f64::NEG_INFINITY, f64::max).ceil(),
    );
    let ymax = if ymax <= ymin { ymin + 1.0 } else { ymax };
    let xmax = if xmax <= xmin { xmin + 1.0 } else { xmax };
    let px = |v: f64| x0 + (lx(v) - xmin) / (xmax - xmin) * pw;
    let py = |v: f64| top + ph - (lx(v) - ymin) / (ymax - ymin) * ph;
    let _ = write!(svg, "<text x=\"{}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{title}</text>", x0);
    let _ = write!(
        svg,
        "<rect x=\"{x0}\" y=\"{top}\" width=\"{pw}\" height=\"{ph}\" fill=\"none\" stroke=\"#444\"/>"
    );
    for e in xmin as i32..=xmax as i32 {
        let x = px(10f64.powi(e));
        let _ = write!(
            svg,
            "<line x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{}\" stroke=\"#ddd\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            top + ph,
            top + ph + 16.0,
            pow_label(e)
        );
    }
    for e in ymin as i32..=ymax as i32 {
        let y = py(10f64.powi(e));
        let _ = write!(
            svg,
            "<line x1=\"{x0}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            x0 + pw,
            x0 - 6.0,
            y + 4.0,
            pow_label(e)
        );
    }
    let _ = write!(
        svg,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">facilities (log scale)</text>\
         <text transform=\"translate({},{}) rotate(-90)\" text-anchor=\"middle\">{ylabel}</text>",
        x0 + pw / 2.0,
        top + ph + 34.0,
        x0 - 42.0,
        top + ph / 2.0
    );
    for (k, (label, colour, pts)) in series.iter().enumerate() {
        let path: Vec<String> = pts.iter().map(|&(x, y)| format!("{:.1},{:.1}", px(x), py(y))).collect();
        let _ = write!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
            path.join(" ")
        );
        for &(x, y) in pts {
            let _ =
                write!(svg, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"/>", px(x), py(y));
        }
        let ly = top + ph + 56.0 + 15.0 * k as f64;
        let _ = write!(
            svg,
            "<line x1=\"{x0}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"2\"/><text x=\"{}\" y=\"{ly}\">{label}</text>",
            ly - 4.0,
            x0 + 20.0,
            ly - 4.0,
            x0 + 26.0
        );
    }
}

fn pow_label(e: i32) -> String {
    match e {
        0 => "1".into(),
        1 => "10".into(),
        2 => "100".into(),
        3 => "1k".into(),
        4 => "10k".into(),
        5 => "100k".into(),
        6 => "1M".into(),
        -1 => "0.1".into(),
        -2 => "0.01".into(),
        _ => format!("1e{e}"),
    }
}
