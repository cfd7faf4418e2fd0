//! `kuroshio merge`: combines the part files of a sharded run into the files the unsharded run
//! writes (`summary.json` byte-identical).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use kuroshio_montecarlo::part::{Part, merge_parts, scenario_hash};
use kuroshio_montecarlo::{RunInfo, Stop, Summary};
use kuroshio_report::write_atomic;

use super::run::{finish, load_with_hazards, run_info_json};
use crate::render::MessageOptions;

#[derive(Debug, Clone, clap::Args)]
pub struct MergeArgs {
    /// Part files written by `kuroshio run --shard K/N`.
    #[arg(required = true)]
    pub parts: Vec<PathBuf>,
    /// Output directory.
    #[arg(long)]
    pub out: PathBuf,
    /// The scenario, when it is no longer where the shards ran (its content must not have
    /// changed: the hash is checked).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// No summary on the terminal.
    #[arg(long)]
    pub quiet: bool,
    /// Chokepoints and markets to list in the terminal summary.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Whether to run the time-to-survive analysis for the report (as for `run`).
    #[arg(long, value_enum, default_value_t = super::run::TtsMode::Auto)]
    pub tts: super::run::TtsMode,
    #[command(flatten)]
    pub messages: MessageOptions,
}

pub fn run(a: &MergeArgs) -> anyhow::Result<ExitCode> {
    let mut parts = Vec::new();
    for p in &a.parts {
        let text = std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
        parts.push((p.clone(), Part::from_json(p, &text)?));
    }
    let merged = merge_parts(parts)?;
    let path = a.scenario.clone().unwrap_or_else(|| merged.scenario_path.clone());
    let (mut scenario, hazards) = match load_with_hazards(&path, &a.messages)? {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    let hash = scenario_hash(&scenario)?;
    if hash != merged.scenario_hash {
        bail!(
            "{} has changed since the shards ran (its files hash to {hash}, the parts to {}); \
             merge needs the scenario exactly as it was",
            path.display(),
            merged.scenario_hash
        );
    }
    scenario.settings.horizon_days = merged.horizon_days;
    let info = RunInfo {
        scenario: scenario.name.clone(),
        scenario_hash: hash,
        hazards: hazards.iter().map(|h| h.name.clone()).collect(),
        seed: merged.seed,
        horizon_days: merged.horizon_days,
        planned_trials: merged.planned_trials,
        target_rel_ci: None,
        tool_version: merged.tool_version.clone(),
    };
    let acc = &merged.accumulators[0];
    let summary = Summary::new(&info, &merged.arms[0], Stop::Completed, &scenario.network, acc);
    let st = super::run::structure(&scenario, &merged.scenario_hash, &summary, a.tts);
    finish(&a.out, &summary, acc, Some(&st), a.quiet, a.top)?;
    let run_info = run_info_json(&info, &scenario, acc.trials(), 0, 0.0);
    write_atomic(&a.out.join("run-info.json"), run_info.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
