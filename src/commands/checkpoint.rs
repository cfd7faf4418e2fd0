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

/// Saves the accumulators of the trials done so far: streamed into a temporary file beside
/// `path`, synced, then renamed over it, so that a crash leaves the previous checkpoint whole and
/// no copy of the results (or of their JSON) is held in memory while the trials' workspaces are.
pub fn save(path: &Path, header: &Part, accs: &[Accumulator]) -> anyhow::Result<()> {
    write_part(path, header, accs, false)
}

/// Writes a part file (`header` with `accs`), streamed and atomic as [`save`] describes.
pub fn write_part(path: &Path, header: &Part, accs: &[Accumulator], complete: bool) -> anyhow::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        header.with_accumulators(accs, complete).write_json(&mut w)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", tmp.display()));
    }
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
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
