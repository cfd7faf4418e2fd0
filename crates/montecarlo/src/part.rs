//! Shards and part files: a run's trial range cut into block-aligned slices that run anywhere
//! (a Slurm array, a Kubernetes Indexed Job), each writing a self-describing part file, merged
//! afterwards into the accumulators of the whole run (docs/distributed.md).
//!
//! Shard K of N (K counted from 0) runs blocks ⌊K·B/N⌋ .. ⌊(K+1)·B/N⌋ of the run's
//! B = ⌈trials / [`BLOCK_TRIALS`]⌉ blocks. Because trial n depends only on (seed, n) and the
//! accumulators add exactly, merging the parts in trial order gives the single run's
//! accumulators, and so the same `summary.json`, byte for byte.
//!
//! A part file is JSON: a header (format, version, tool version, scenario name, path and content
//! hash, seed, horizon, planned trials, shard, trial range, arm names) and one accumulator per
//! arm. [`merge_parts`] refuses parts of different runs (any header field differs), parts that
//! overlap, and sets that leave a gap or stop short of the planned trials, naming the files.

use std::ops::Range;
use std::path::{Path, PathBuf};

use kuroshio_core::Scenario;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::MonteCarloError;
use crate::accumulate::Accumulator;
use crate::runner::BLOCK_TRIALS;

/// The `format` field of a part file.
pub const PART_FORMAT: &str = "kuroshio-part";

/// The part file version this build writes and reads.
pub const PART_VERSION: u32 = 1;

/// Shard K of N (K from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// K.
    pub index: u64,
    /// N.
    pub count: u64,
}

/// Environment variables a shard index is taken from by `--shard auto/N`, in order.
pub const SHARD_INDEX_VARIABLES: [&str; 3] =
    ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"];

impl Shard {
    /// The whole run as one shard.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// Parses `K/N` or `auto/N`, taking K for `auto` from `env` (a lookup such as
    /// `std::env::var`) of the first of [`SHARD_INDEX_VARIABLES`] that is set.
    pub fn parse(text: &str, env: impl Fn(&str) -> Option<String>) -> Result<Shard, MonteCarloError> {
        let bad = |why: String| MonteCarloError::InvalidRun { reason: format!("--shard {text}: {why}") };
        let (k, n) = text.split_once('/').ok_or_else(|| bad("expected K/N or auto/N, e.g. 0/8".into()))?;
        let count: u64 =
            n.trim().parse().map_err(|_| bad(format!("N must be a whole number >= 1, not `{n}`")))?;
        if count == 0 {
            return Err(bad("N must be at least 1".into()));
        }
        let index_text = if k.trim() == "auto" {
            SHARD_INDEX_VARIABLES.iter().find_map(|v| env(v).map(|x| (v, x))).map(|(_, x)| x).ok_or_else(
                || bad(format!("auto needs one of {} to be set", SHARD_INDEX_VARIABLES.join(", "))),
            )?
        } else {
            k.to_string()
        };
        let index: u64 = index_text.trim().parse().map_err(|_| {
            bad(format!("K must be a whole number from 0 to {}, not `{index_text}`", count - 1))
        })?;
        if index >= count {
            return Err(bad(format!("K is counted from 0, so it must be below N = {count}; got {index}")));
        }
        Ok(Shard { index, count })
    }

    /// This shard's trials of a run of `trials`.
    pub fn range(self, trials: u64) -> Range<u64> {
        let blocks = trials.div_ceil(BLOCK_TRIALS) as u128;
        let cut = |k: u64| {
            let b = (k as u128 * blocks / self.count as u128) as u64;
            (b * BLOCK_TRIALS).min(trials)
        };
        cut(self.index)..cut(self.index + 1)
    }
}

/// A shard's results, as written to a part file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// [`PART_FORMAT`].
    pub format: String,
    /// [`PART_VERSION`].
    pub version: u32,
    /// Kuroshio's version that wrote it.
    pub tool_version: String,
    /// Scenario name.
    pub scenario: String,
    /// Where the scenario was (merge reloads it from here unless told otherwise).
    pub scenario_path: PathBuf,
    /// [`scenario_hash`] of the scenario's files.
    pub scenario_hash: String,
    /// Seed.
    pub seed: u64,
    /// Horizon, days.
    pub horizon_days: u32,
    /// Trials of the whole run.
    pub planned_trials: u64,
    /// Which shard.
    pub shard: Shard,
    /// Its trials.
    pub trials: Range<u64>,
    /// Arm names.
    pub arms: Vec<String>,
    /// Whether every trial of the range ran.
    pub complete: bool,
    /// One per arm.
    pub accumulators: Vec<Accumulator>,
}

/// A part whose accumulators are borrowed: written field for field as [`Part`] is, without
/// copying the accumulators or building the text in memory (a checkpoint of a run on a million
/// facilities would otherwise hold a copy of its results and their JSON, over half a GiB, while
/// the trials' workspaces are allocated).
#[derive(Debug, Serialize)]
pub struct PartRef<'a> {
    format: &'a str,
    version: u32,
    tool_version: &'a str,
    scenario: &'a str,
    scenario_path: &'a Path,
    scenario_hash: &'a str,
    seed: u64,
    horizon_days: u32,
    planned_trials: u64,
    shard: Shard,
    trials: Range<u64>,
    arms: &'a [String],
    complete: bool,
    accumulators: &'a [Accumulator],
}

impl PartRef<'_> {
    /// Writes the part as the JSON text [`Part::to_json`] gives for the same contents.
    pub fn write_json(&self, w: impl std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer(w, self).map_err(std::io::Error::from)
    }
}

impl Part {
    /// The part as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| unreachable!("a part always serializes: {e}"))
    }

    /// This part's header with `accumulators` (borrowed) and `complete` in place of its own.
    pub fn with_accumulators<'a>(&'a self, accumulators: &'a [Accumulator], complete: bool) -> PartRef<'a> {
        PartRef {
            format: &self.format,
            version: self.version,
            tool_version: &self.tool_version,
            scenario: &self.scenario,
            scenario_path: &self.scenario_path,
            scenario_hash: &self.scenario_hash,
            seed: self.seed,
            horizon_days: self.horizon_days,
            planned_trials: self.planned_trials,
            shard: self.shard,
            trials: self.trials.clone(),
            arms: &self.arms,
            complete,
            accumulators,
        }
    }

    /// Reads a part from JSON text found at `path`.
    pub fn from_json(path: &Path, text: &str) -> Result<Part, MonteCarloError> {
        let bad = |reason: String| MonteCarloError::BadPart { path: path.to_path_buf(), reason };
        // The header first, skipping the rest without building it (a part of a million-facility
        // run is hundreds of MB of JSON; a `serde_json::Value` of it would be several times that).
        #[derive(Deserialize)]
        struct Head {
            format: Option<serde_json::Value>,
            version: Option<serde_json::Value>,
        }
        let head = match serde_json::from_str::<Head>(text) {
            Ok(head) => head,
            // Valid JSON of another shape (not an object): not a part.
            Err(e) if e.classify() == serde_json::error::Category::Data => {
                Head { format: None, version: None }
            }
            Err(e) => return Err(bad(e.to_string())),
        };
        if head.format.as_ref().and_then(|f| f.as_str()) != Some(PART_FORMAT) {
            return Err(bad(format!("expected \"format\": \"{PART_FORMAT}\"")));
        }
        let version = head.version.as_ref().and_then(|v| v.as_u64());
        if version != Some(u64::from(PART_VERSION)) {
            return Err(bad(format!(
                "written as version {}, this build reads version {PART_VERSION}",
                version.map_or("?".to_string(), |v| v.to_string())
            )));
        }
        let part: Part = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        if part.accumulators.len() != part.arms.len()
            || part
                .accumulators
                .iter()
                .any(|a| a.first_trial != part.trials.start || a.end_trial() > part.trials.end)
        {
            return Err(bad("its accumulators do not match its trial range and arms".into()));
        }
        Ok(part)
    }
}

/// SHA-256 of a scenario's files (each as its name relative to `scenario.toml`'s directory, its
/// length and its bytes, in load order), as lowercase hex. Moving the directory keeps the hash;
/// changing any byte of any file changes it.
pub fn scenario_hash(scenario: &Scenario) -> Result<String, MonteCarloError> {
    let dir = scenario.path.parent().unwrap_or(Path::new(""));
    let mut h = Sha256::new();
    for file in &scenario.files {
        let bytes = std::fs::read(file)
            .map_err(|e| MonteCarloError::Io { path: file.clone(), reason: e.to_string() })?;
        let name = file.strip_prefix(dir).unwrap_or(file).to_string_lossy().replace('\\', "/");
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Merges the parts of one run into a single part covering all its trials (shard 0/1), or says
/// which part is at fault: one of another run (named field differs), an overlap, a gap, a
/// missing end, an incomplete part.
pub fn merge_parts(mut parts: Vec<(PathBuf, Part)>) -> Result<Part, MonteCarloError> {
    let Some((first_path, first)) = parts.first().cloned() else {
        return Err(MonteCarloError::InvalidRun { reason: "no part files to merge".into() });
    };
    let conflict =
        |path: &Path, reason: String| MonteCarloError::PartConflict { path: path.to_path_buf(), reason };
    for (path, p) in &parts[1..] {
        let differ = |field: &str, a: String, b: String| {
            conflict(
                path,
                format!("belongs to another run: its {field} is {b} but {} has {a}", first_path.display()),
            )
        };
        if p.tool_version != first.tool_version {
            return Err(differ("tool version", first.tool_version.clone(), p.tool_version.clone()));
        }
        if p.scenario_hash != first.scenario_hash {
            return Err(differ("scenario hash", first.scenario_hash.clone(), p.scenario_hash.clone()));
        }
        if p.seed != first.seed {
            return Err(differ("seed", first.seed.to_string(), p.seed.to_string()));
        }
        if p.horizon_days != first.horizon_days {
            return Err(differ("horizon", first.horizon_days.to_string(), p.horizon_days.to_string()));
        }
        if p.planned_trials != first.planned_trials {
            return Err(differ(
                "planned trials",
                first.planned_trials.to_string(),
                p.planned_trials.to_string(),
            ));
        }
        if p.arms != first.arms {
            return Err(differ("arms", first.arms.join(","), p.arms.join(",")));
        }
    }
    for (path, p) in &parts {
        if !p.complete {
            return Err(conflict(
                path,
                format!("is incomplete: trials {}..{} did not all run", p.trials.start, p.trials.end),
            ));
        }
    }
    parts.sort_by_key(|(_, p)| (p.trials.start, p.trials.end));
    let mut iter = parts.into_iter();
    let (mut prev_path, mut merged) = iter.next().unwrap_or((first_path, first));
    if merged.trials.start != 0 {
        return Err(conflict(
            &prev_path,
            format!("starts at trial {}: trials 0..{} are missing", merged.trials.start, merged.trials.start),
        ));
    }
    for (path, p) in iter {
        if p.trials.start < merged.trials.end {
            return Err(conflict(
                &path,
                format!(
                    "overlaps {}: both hold trials {}..{}",
                    prev_path.display(),
                    p.trials.start,
                    merged.trials.end.min(p.trials.end)
                ),
            ));
        }
        if p.trials.start > merged.trials.end {
            return Err(conflict(
                &path,
                format!(
                    "leaves a gap after {}: trials {}..{} are missing",
                    prev_path.display(),
                    merged.trials.end,
                    p.trials.start
                ),
            ));
        }
        for (a, b) in merged.accumulators.iter_mut().zip(&p.accumulators) {
            a.merge(b).map_err(|e| conflict(&path, e.to_string()))?;
        }
        merged.trials.end = p.trials.end;
        prev_path = path;
    }
    if merged.trials.end != merged.planned_trials {
        return Err(conflict(
            &prev_path,
            format!(
                "is the last part but ends at trial {}; trials {}..{} are missing",
                merged.trials.end, merged.trials.end, merged.planned_trials
            ),
        ));
    }
    merged.shard = Shard::WHOLE;
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_block_aligned_and_cover_the_run() {
        // 1000 trials = 16 blocks (the last one short); 3 shards get 5, 5 and 6 blocks.
        let r: Vec<_> = (0..3).map(|k| Shard { index: k, count: 3 }.range(1000)).collect();
        assert_eq!(r, vec![0..320, 320..640, 640..1000]);
        // More shards than blocks: some are empty.
        let r: Vec<_> = (0..4).map(|k| Shard { index: k, count: 4 }.range(100)).collect();
        assert_eq!(r, vec![0..0, 0..64, 64..64, 64..100]);
    }

    #[test]
    fn shard_parsing() {
        let none = |_: &str| None;
        assert_eq!(Shard::parse("2/8", none).unwrap(), Shard { index: 2, count: 8 });
        let slurm = |v: &str| (v == "JOB_COMPLETION_INDEX").then(|| "5".to_string());
        assert_eq!(Shard::parse("auto/8", slurm).unwrap(), Shard { index: 5, count: 8 });
        let e = Shard::parse("8/8", none).unwrap_err().to_string();
        assert!(e.contains("must be below N = 8"), "{e}");
        let e = Shard::parse("auto/4", none).unwrap_err().to_string();
        assert!(e.contains("SLURM_ARRAY_TASK_ID"), "{e}");
        assert!(Shard::parse("x", none).is_err());
        assert!(Shard::parse("1/0", none).is_err());
    }
}
