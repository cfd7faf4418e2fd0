//! `kuroshio run`: the Monte Carlo job. Samples trials from the scenario's hazard catalog, runs
//! them in parallel, writes `summary.json`, `run-info.json` and the CSV tables (or, with
//! `--shard`, one part file for `kuroshio merge`).

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kuroshio_core::Scenario;
use kuroshio_montecarlo::part::{PART_FORMAT, PART_VERSION, Part, Shard, scenario_hash};
use kuroshio_montecarlo::record::layout;
use kuroshio_montecarlo::{Accumulator, Arm, Flow, Hazard, Model, Plan, RunInfo, Stop, Summary};
use kuroshio_report::terminal::{summary_text, use_color};
use kuroshio_report::write_atomic;
use kuroshio_sim::Simulator;

use super::checkpoint;
use crate::render::{self, MessageOptions};

/// Trials when neither `--trials` nor `--target-rel-ci` is given.
pub const DEFAULT_TRIALS: u64 = 1000;
/// The cap on trials with `--target-rel-ci` and no `--trials`.
pub const DEFAULT_TRIAL_CAP: u64 = 100_000;

#[derive(Debug, Clone, clap::Args)]
pub struct RunArgs {
    /// Scenario directory (holding scenario.toml) or the .toml file. Default: the shipped
    /// scenarios/cross-pacific, or scenarios/tutorial while that does not exist.
    pub scenario: Option<PathBuf>,
    /// Number of trials (with --target-rel-ci: the most to run; default 100000 then, else 1000).
    #[arg(long)]
    pub trials: Option<u64>,
    /// Seed of the run: trial n draws from a stream determined by (seed, n) only.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Horizon in days (default: the scenario's horizon_days).
    #[arg(long)]
    pub horizon: Option<u32>,
    /// Rule set: native or ario (default: the scenario's `settings.model`). Every shard of a
    /// run must use the same.
    #[arg(long, value_enum)]
    pub model: Option<super::model::ModelArg>,
    /// Stop at the first block of 64 trials where the 95% confidence half-width of the mean
    /// loss is at most this share of the mean (e.g. 0.05).
    #[arg(long, value_name = "X")]
    pub target_rel_ci: Option<f64>,
    /// Output directory (default: out/<scenario name>/).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Run only shard K of N (K from 0) of the trials and write a part file for `kuroshio merge`;
    /// `auto/N` takes K from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or
    /// AWS_BATCH_JOB_ARRAY_INDEX.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// No progress bar and no summary on the terminal.
    #[arg(long)]
    pub quiet: bool,
    /// Chokepoints and markets to list in the terminal summary.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Continue an interrupted run from the checkpoint in the output directory (same scenario,
    /// seed, trials, horizon and shard; the result is the same as an uninterrupted run's).
    #[arg(long)]
    pub resume: bool,
    /// Save a checkpoint at the first block boundary after this many seconds (0: only when
    /// interrupted).
    #[arg(long, default_value_t = 10.0, value_name = "SECS")]
    pub checkpoint_secs: f64,
    /// Whether to run the time-to-survive analysis for the report (auto: on networks of at most
    /// 5,000 facilities).
    #[arg(long, value_enum, default_value_t = TtsMode::Auto)]
    pub tts: TtsMode,
    #[command(flatten)]
    pub messages: MessageOptions,
}

/// When to run the TTS analysis for the report's ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TtsMode {
    /// On networks of at most [`AUTO_TTS_FACILITIES`] facilities.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Largest network on which `--tts auto` runs the TTS analysis (it runs one search per facility).
pub const AUTO_TTS_FACILITIES: usize = 5_000;

/// The structural side of the report: inspection, TTS (per `mode`), geometry.
pub fn structure(
    s: &Scenario,
    hash: &str,
    summary: &Summary,
    mode: TtsMode,
) -> kuroshio_report::structure::Structure {
    let inspection = kuroshio_core::analysis::inspect(&s.network, &s.baseline, false);
    let run_tts = match mode {
        TtsMode::Always => true,
        TtsMode::Never => false,
        TtsMode::Auto => s.network.facilities.len() <= AUTO_TTS_FACILITIES,
    };
    let tts =
        run_tts.then(|| kuroshio_sim::tts::analyse(&Simulator::new(&s.network, &s.baseline, &s.settings)));
    let named = summary.facilities.iter().map(|f| f.id.clone()).collect();
    kuroshio_report::structure::Structure::new(s, hash, &inspection, tts.as_deref(), &named)
}

/// The shipped default scenario: cross-pacific if present, else the tutorial; looked up under
/// the working directory, then under the source tree the binary was built from.
pub fn default_scenario() -> PathBuf {
    let roots = [PathBuf::new(), PathBuf::from(env!("CARGO_MANIFEST_DIR"))];
    for name in ["cross-pacific", "tutorial"] {
        for root in &roots {
            let dir = root.join("scenarios").join(name);
            if dir.join("scenario.toml").is_file() {
                return dir;
            }
        }
    }
    PathBuf::from("scenarios/tutorial")
}

/// A scenario loaded with its hazard catalog, or the exit code after printing why not.
pub fn load_with_hazards(
    path: &Path,
    messages: &MessageOptions,
) -> anyhow::Result<Result<(Scenario, Vec<Hazard>), ExitCode>> {
    let s = match super::load_with(path, messages, false)? {
        Ok(s) => s,
        Err(code) => return Ok(Err(code)),
    };
    match kuroshio_montecarlo::hazards(&s) {
        Ok(h) => Ok(Ok((s, h))),
        Err(diags) => {
            render::print(&diags, messages);
            eprintln!("error: {}: the hazard catalog has {} error(s)", path.display(), diags.error_count());
            Ok(Err(ExitCode::from(2)))
        }
    }
}

/// A progress bar on stderr when it is a terminal and not `quiet`; hidden otherwise.
pub fn progress(total: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} trials  {per_sec}  elapsed {elapsed}  ETA {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// Memory the run may use: /proc/meminfo's MemAvailable, or `KUROSHIO_MEMORY_LIMIT` (bytes, or
/// with a K, M or G suffix) when set and smaller. None when neither is known.
fn available_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok().and_then(|text| {
        let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    });
    let limit = std::env::var("KUROSHIO_MEMORY_LIMIT").ok().and_then(|v| {
        let v = v.trim();
        let (num, mult) = match v.chars().last() {
            Some('K' | 'k') => (&v[..v.len() - 1], 1u64 << 10),
            Some('M' | 'm') => (&v[..v.len() - 1], 1 << 20),
            Some('G' | 'g') => (&v[..v.len() - 1], 1 << 30),
            _ => (v, 1),
        };
        num.trim().parse::<f64>().ok().map(|x| (x * mult as f64) as u64)
    });
    match (meminfo, limit) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn gib(bytes: u64) -> String {
    format!("{:.1} GiB", bytes as f64 / (1u64 << 30) as f64)
}

/// Refuses, before any trial runs, a run that would need more memory than the machine has left,
/// saying how much and what to change.
pub fn check_memory(model: &Model<'_>, threads: usize, trials: u64) -> anyhow::Result<()> {
    let Some(available) = available_memory() else { return Ok(()) };
    let ws = model.arms.first().map_or(0, |a| a.workspace_bytes());
    let e = kuroshio_montecarlo::runner::memory_estimate(model, threads, trials, ws as u64);
    if e.total() > available {
        bail!(
            "this run needs about {} of memory beyond the loaded network, more than the {} available \
             (MemAvailable, or KUROSHIO_MEMORY_LIMIT): {} for {} workspace(s) \
             ({} each: one per thread and arm), {} for the results, {} for trials in flight, {} for the \
             simulators. Use fewer threads (--threads 1 needs {} for workspaces), fewer interventions at once, or \
             a machine with more memory",
            gib(e.total()),
            gib(available),
            gib(e.workspaces),
            threads * model.arms.len(),
            gib(ws as u64),
            gib(e.results),
            gib(e.in_flight),
            gib(e.simulators),
            gib(ws as u64 * model.arms.len() as u64),
        );
    }
    Ok(())
}

/// A rayon pool of `threads` (all cores when `None`).
pub fn pool(threads: Option<usize>) -> anyhow::Result<rayon::ThreadPool> {
    if threads == Some(0) {
        bail!("--threads 0: give at least 1");
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .context("cannot start worker threads")
}

pub fn run(a: &RunArgs) -> anyhow::Result<ExitCode> {
    let path = a.scenario.clone().unwrap_or_else(default_scenario);
    if let Some(x) = a.target_rel_ci
        && !(x > 0.0 && x.is_finite())
    {
        bail!("--target-rel-ci {x}: expected a share above 0, such as 0.05");
    }
    if a.trials == Some(0) {
        bail!("--trials 0: give at least 1");
    }
    let shard = match &a.shard {
        Some(text) => {
            if a.target_rel_ci.is_some() {
                bail!(
                    "--shard and --target-rel-ci cannot be combined: a shard cannot know when the whole run \
                     reaches its target; give --trials instead"
                );
            }
            Some(Shard::parse(text, |v| std::env::var(v).ok())?)
        }
        None => None,
    };
    let (mut scenario, hazards) = match load_with_hazards(&path, &a.messages)? {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    if let Some(h) = a.horizon {
        if h == 0 {
            bail!("--horizon 0: give at least 1 day");
        }
        scenario.settings.horizon_days = h;
    }
    super::model::apply(&mut scenario.settings, a.model);
    if hazards.is_empty() && !a.quiet {
        eprintln!(
            "warning: {} has no [[hazard]]: every trial stays at the baseline (docs/file-formats.md shows how to add one)",
            path.display()
        );
    }
    let trials =
        a.trials.unwrap_or(if a.target_rel_ci.is_some() { DEFAULT_TRIAL_CAP } else { DEFAULT_TRIALS });
    let horizon = scenario.settings.horizon_days;
    let hash = scenario_hash(&scenario)?;
    let info = RunInfo {
        scenario: scenario.name.clone(),
        scenario_hash: hash.clone(),
        hazards: hazards.iter().map(|h| h.name.clone()).collect(),
        seed: a.seed,
        horizon_days: horizon,
        planned_trials: trials,
        target_rel_ci: a.target_rel_ci,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
    };
    let net = &scenario.network;
    let lay = layout(net, &scenario.baseline, horizon);
    let sim = Simulator::new(net, &scenario.baseline, &scenario.settings);
    let model = Model {
        network: net,
        hazards: &hazards,
        horizon,
        layout: lay.clone(),
        arms: vec![Arm::new("base", sim, &lay, None)],
    };
    let range = shard.map_or(0..trials, |s| s.range(trials));
    let plan = Plan { seed: a.seed, trials: range.clone(), target_rel_ci: a.target_rel_ci };
    let out = a.out.clone().unwrap_or_else(|| Path::new("out").join(&scenario.name));
    // The header shared by the shard's part file and the checkpoint: what a resumed or merged
    // run must agree on.
    let header = Part {
        format: PART_FORMAT.into(),
        version: PART_VERSION,
        tool_version: info.tool_version.clone(),
        scenario: scenario.name.clone(),
        scenario_path: std::fs::canonicalize(&scenario.path).unwrap_or(scenario.path.clone()),
        scenario_hash: hash.clone(),
        seed: a.seed,
        horizon_days: horizon,
        planned_trials: trials,
        shard: shard.unwrap_or(Shard::WHOLE),
        trials: range.clone(),
        arms: vec!["base".into()],
        complete: false,
        accumulators: Vec::new(),
    };
    let checkpoint_path = out.join(match shard {
        Some(s) => format!("checkpoint-{:04}-of-{:04}.json", s.index, s.count),
        None => "checkpoint.json".into(),
    });
    let resume = if a.resume { checkpoint::load(&checkpoint_path, &header, a.quiet)? } else { None };
    let interrupted = checkpoint::interrupt_flag()?;
    let pool = pool(a.threads)?;
    check_memory(&model, pool.current_num_threads(), range.end - range.start)?;
    let bar = progress(range.end - range.start, a.quiet);
    let started = Instant::now();
    let mut last_save = Instant::now();
    let mut save_error = None;
    let every = std::time::Duration::from_secs_f64(a.checkpoint_secs.max(0.0));
    let result = pool.install(|| {
        kuroshio_montecarlo::run(&model, &plan, resume, &mut |accs: &[Accumulator]| {
            bar.set_position(accs[0].end_trial() - range.start);
            let stop = interrupted.load(std::sync::atomic::Ordering::SeqCst);
            if (a.checkpoint_secs > 0.0 && last_save.elapsed() >= every) || stop {
                if let Err(e) = checkpoint::save(&checkpoint_path, &header, accs) {
                    save_error = Some(e);
                    return Flow::Stop;
                }
                last_save = Instant::now();
            }
            if stop { Flow::Stop } else { Flow::Continue }
        })
    })?;
    bar.finish_and_clear();
    // The simulators' constants are not needed for the outputs: free them before the summary,
    // the structure and the reports are built (0.7 GiB on a million facilities).
    drop(model);
    if let Some(e) = save_error {
        return Err(e.context(
            "cannot write the checkpoint; the run stopped so as not to lose finished work silently",
        ));
    }
    let wall = started.elapsed().as_secs_f64();
    let acc = &result.accumulators[0];
    let threads = pool.current_num_threads();
    let partial = result.stop == Stop::Interrupted;
    if partial {
        // Printed even with --quiet: the results on disk are partial.
        eprintln!(
            "interrupted after trial {}: partial results written; `--resume` with the same options continues from {}",
            acc.end_trial(),
            checkpoint_path.display()
        );
    }
    if let Some(shard) = shard {
        let file = out.join(format!("part-{:04}-of-{:04}.json", shard.index, shard.count));
        checkpoint::write_part(&file, &header, &result.accumulators, result.stop == Stop::Completed)?;
        if !partial {
            checkpoint::remove(&checkpoint_path);
        }
        if !a.quiet {
            println!(
                "shard {}/{}: trials {}..{} in {wall:.1} s on {threads} threads; wrote {}",
                shard.index,
                shard.count,
                range.start,
                acc.end_trial(),
                file.display()
            );
        }
        return Ok(if partial { ExitCode::from(130) } else { ExitCode::SUCCESS });
    }
    let summary = Summary::new(&info, "base", result.stop, net, acc);
    let st = pool.install(|| structure(&scenario, &info.scenario_hash, &summary, a.tts));
    finish(&out, &summary, acc, Some(&st), a.quiet, a.top)?;
    let run_info = run_info_json(&info, &scenario, acc.trials(), threads, wall);
    write_atomic(&out.join("run-info.json"), run_info.as_bytes())?;
    if partial {
        return Ok(ExitCode::from(130));
    }
    checkpoint::remove(&checkpoint_path);
    Ok(ExitCode::SUCCESS)
}

/// Writes a run's files and prints its summary.
pub fn finish(
    out: &Path,
    summary: &Summary,
    acc: &Accumulator,
    structure: Option<&kuroshio_report::structure::Structure>,
    quiet: bool,
    top: usize,
) -> anyhow::Result<()> {
    let mut written = kuroshio_report::write_run(out, summary, acc)?;
    if let Some(st) = structure {
        written.extend(kuroshio_report::write_structure(out, st)?);
    }
    written.extend(kuroshio_report::render_dir(out)?);
    if !quiet {
        let color = use_color(std::io::stdout().is_terminal(), std::env::var_os("NO_COLOR"));
        print!("{}", summary_text(summary, top, color));
        let names: Vec<String> =
            written.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
        println!("\nwrote {}: {}, run-info.json", out.display(), names.join(", "));
    }
    Ok(())
}

/// `run-info.json`: how the run went on this machine (not deterministic, unlike summary.json).
pub fn run_info_json(info: &RunInfo, scenario: &Scenario, trials: u64, threads: usize, wall: f64) -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_default();
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() - wall)
        .unwrap_or(0.0);
    let v = serde_json::json!({
        "format": "kuroshio-run-info",
        "version": 1,
        "tool_version": info.tool_version,
        "scenario": info.scenario,
        "scenario_path": scenario.path,
        "scenario_hash": info.scenario_hash,
        "seed": info.seed,
        "trials": trials,
        "threads": threads,
        "wall_seconds": wall,
        "trials_per_second": if wall > 0.0 { trials as f64 / wall } else { 0.0 },
        "started_unix_seconds": started.floor(),
        "host": {
            "name": host,
            "os": std::env::consts::OS,
            "arch": std::env::consts::ARCH,
            "cpus": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        },
        "command_line": std::env::args().collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
