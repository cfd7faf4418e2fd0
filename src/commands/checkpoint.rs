//! Checkpoints of a long run and stopping it cleanly: `run` saves its accumulators atomically at
//! block boundaries (a part file of the trials done so far), `--resume` continues from them, and
//! SIGINT or SIGTERM stop the run at the next block boundary with partial results written. A
//! second signal exits at once (the last checkpoint is kept).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, bail};
use kuroshio_montecarlo::Accumulator;
use kuroshio_montecarlo::part::Part;
use kuroshio_report::write_atomic;

/// A flag set by the first SIGINT or SIGTERM. The handler is installed once per process.
pub fn interrupt_flag() -> anyhow::Result<Arc<AtomicBool>> {
    static FLAG: std::sync::OnceLock<Arc<AtomicBool>> = std::sync::OnceLock::new();
    if let Some(f) = FLAG.get() {
        return Ok(f.clone());
    }
    let flag = Arc::new(AtomicBool::new(false));
    let f = flag.clone();
    ctrlc::set_handler(move || {
        if f.swap(true, Ordering::SeqCst) {
            eprintln!("\nsecond interrupt: exiting now (the last checkpoint is kept)");
            std::process::exit(130);
        }
        eprintln!("\ninterrupt: stopping at the next block boundary (interrupt again to exit now)");
    })
    .context("cannot install the interrupt handler")?;
    let _ = FLAG.set(flag.clone());
    Ok(flag)
}

/// Saves the accumulators of the trials done so far.
pub fn save(path: &Path, header: &Part, accs: &[Accumulator]) -> anyhow::Result<()> {
    let part = Part { accumulators: accs.to_vec(), complete: false, ..header.clone() };
    write_atomic(path, part.to_json().as_bytes())?;
    Ok(())
}

/// Removes a checkpoint once the run's outputs are written.
pub fn remove(path: &Path) {
    let _ = std::fs::remove_file(path);
}

/// The accumulators to resume from, checked against this run's `header`; `None` (with a note)
/// when there is no checkpoint, so that a scheduler's retry with `--resume` simply starts.
pub fn load(path: &Path, header: &Part, quiet: bool) -> anyhow::Result<Option<Vec<Accumulator>>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !quiet {
                eprintln!(
                    "note: --resume: no checkpoint at {}; starting from the first trial",
                    path.display()
                );
            }
            return Ok(None);
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let saved = Part::from_json(path, &text)?;
    let differ = |what: &str, saved: String, now: String| {
        bail!(
            "{}: the checkpoint is of another run: its {what} is {saved}, this run's is {now}; \
             rerun with the checkpoint's options or without --resume",
            path.display()
        )
    };
    if saved.tool_version != header.tool_version {
        differ("Kuroshio version", saved.tool_version.clone(), header.tool_version.clone())?;
    }
    if saved.scenario_hash != header.scenario_hash {
        differ(
            "scenario hash (the scenario's files changed)",
            saved.scenario_hash.clone(),
            header.scenario_hash.clone(),
        )?;
    }
    if saved.seed != header.seed {
        differ("seed", saved.seed.to_string(), header.seed.to_string())?;
    }
    if saved.planned_trials != header.planned_trials {
        differ("--trials", saved.planned_trials.to_string(), header.planned_trials.to_string())?;
    }
    if saved.horizon_days != header.horizon_days {
        differ("horizon", saved.horizon_days.to_string(), header.horizon_days.to_string())?;
    }
    if saved.shard != header.shard || saved.trials != header.trials {
        differ(
            "shard",
            format!("{}/{}", saved.shard.index, saved.shard.count),
            format!("{}/{}", header.shard.index, header.shard.count),
        )?;
    }
    if !quiet {
        let done = saved.accumulators.first().map_or(0, |a| a.end_trial());
        eprintln!("resuming from {} at trial {done}", path.display());
    }
    Ok(Some(saved.accumulators))
}
