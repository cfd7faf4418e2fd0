//! `kuroshio compare`: the base case and each intervention on the same trials (common random
//! numbers): paired loss reduction with its CI, change in VaR 99%, benefit per unit of cost.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;
use kuroshio_montecarlo::compare::{Comparison, compare};
use kuroshio_montecarlo::part::scenario_hash;
use kuroshio_montecarlo::record::layout;
use kuroshio_montecarlo::runner::Adjust;
use kuroshio_montecarlo::{Accumulator, Arm, Flow, Model, Plan, RunInfo, Summary, Variant};
use kuroshio_report::terminal::{percent, usd, use_color};
use kuroshio_report::write_atomic;
use kuroshio_sim::{Disruption, Simulator};

use super::run::{DEFAULT_TRIALS, load_with_hazards, pool, progress};
use crate::render::{self, MessageOptions};

#[derive(Debug, Clone, clap::Args)]
pub struct CompareArgs {
    /// Scenario directory (holding scenario.toml) or the .toml file. Default: the shipped
    /// default scenario, as for `run`.
    pub scenario: Option<PathBuf>,
    /// An intervention to compare (repeat for several; default: every [[intervention]]).
    #[arg(long = "intervention", value_name = "NAME")]
    pub interventions: Vec<String>,
    /// Number of trials.
    #[arg(long)]
    pub trials: Option<u64>,
    /// Seed of the run.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Horizon in days (default: the scenario's horizon_days).
    #[arg(long)]
    pub horizon: Option<u32>,
    /// Rule set: native or ario (default: the scenario's `settings.model`), for the base case
    /// and every intervention.
    #[arg(long, value_enum)]
    pub model: Option<super::model::ModelArg>,
    /// Output directory (default: out/<scenario name>/compare/).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// No progress bar and no table on the terminal.
    #[arg(long)]
    pub quiet: bool,
    /// Whether to run the time-to-survive analysis for the report (as for `run`).
    #[arg(long, value_enum, default_value_t = super::run::TtsMode::Auto)]
    pub tts: super::run::TtsMode,
    #[command(flatten)]
    pub messages: MessageOptions,
}

pub fn run(a: &CompareArgs) -> anyhow::Result<ExitCode> {
    let path = a.scenario.clone().unwrap_or_else(super::run::default_scenario);
    if a.trials == Some(0) {
        bail!("--trials 0: give at least 1");
    }
    let (mut scenario, hazards) = match load_with_hazards(&path, &a.messages)? {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    let all = match kuroshio_montecarlo::interventions(&scenario) {
        Ok(v) => v,
        Err(diags) => {
            render::print(&diags, &a.messages);
            eprintln!("error: {}: the interventions have {} error(s)", path.display(), diags.error_count());
            return Ok(ExitCode::from(2));
        }
    };
    if all.is_empty() {
        bail!(
            "{} has no [[intervention]] to compare (docs/file-formats.md shows how to add one)",
            path.display()
        );
    }
    let chosen: Vec<_> = if a.interventions.is_empty() {
        all.iter().collect()
    } else {
        let mut v = Vec::new();
        for name in &a.interventions {
            match all.iter().find(|i| &i.name == name) {
                Some(i) => v.push(i),
                None => {
                    let names: Vec<&str> = all.iter().map(|i| i.name.as_str()).collect();
                    bail!(
                        "--intervention {name}: no such intervention; the scenario has: {}",
                        names.join(", ")
                    )
                }
            }
        }
        v
    };
    if let Some(h) = a.horizon {
        if h == 0 {
            bail!("--horizon 0: give at least 1 day");
        }
        scenario.settings.horizon_days = h;
    }
    super::model::apply(&mut scenario.settings, a.model);
    let horizon = scenario.settings.horizon_days;
    let trials = a.trials.unwrap_or(DEFAULT_TRIALS);
    let net = &scenario.network;
    let mut variants: Vec<Variant> = Vec::new();
    for i in &chosen {
        let mut v = i.apply(net, &scenario.baseline, &scenario.settings)?;
        v.settings.horizon_days = horizon;
        v.settings.model = scenario.settings.model;
        variants.push(v);
    }
    let lay = layout(net, &scenario.baseline, horizon);
    let mut arms =
        vec![Arm::new("base", Simulator::new(net, &scenario.baseline, &scenario.settings), &lay, None)];
    for (i, v) in chosen.iter().zip(&variants) {
        let adjust: Adjust<'_> = Box::new(move |d: &mut Vec<Disruption>| v.adjust(d));
        arms.push(Arm::new(
            i.name.clone(),
            Simulator::new(&v.network, &v.baseline, &v.settings),
            &lay,
            Some(adjust),
        ));
    }
    let model = Model { network: net, hazards: &hazards, horizon, layout: lay, arms };
    let plan = Plan { seed: a.seed, trials: 0..trials, target_rel_ci: None };
    let pool = pool(a.threads)?;
    super::run::check_memory(&model, pool.current_num_threads(), trials)?;
    let bar = progress(trials, a.quiet);
    let result = pool.install(|| {
        kuroshio_montecarlo::run(&model, &plan, None, &mut |accs: &[Accumulator]| {
            bar.set_position(accs[0].end_trial());
            Flow::Continue
        })
    })?;
    bar.finish_and_clear();
    let accs = &result.accumulators;
    let comparisons: Vec<Comparison> = chosen
        .iter()
        .zip(&accs[1..])
        .map(|(i, acc)| compare(&i.name, &accs[0], acc, i.cost_per_year))
        .collect();
    let info = RunInfo {
        scenario: scenario.name.clone(),
        scenario_hash: scenario_hash(&scenario)?,
        hazards: hazards.iter().map(|h| h.name.clone()).collect(),
        seed: a.seed,
        horizon_days: horizon,
        planned_trials: trials,
        target_rel_ci: None,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
    };
    let out = a.out.clone().unwrap_or_else(|| Path::new("out").join(&scenario.name).join("compare"));
    let json = serde_json::json!({
        "format": "kuroshio-comparison",
        "version": 1,
        "run": info,
        "trials": accs[0].trials(),
        "comparisons": comparisons,
    });
    let mut text = serde_json::to_string_pretty(&json)?;
    text.push('\n');
    write_atomic(&out.join("comparison.json"), text.as_bytes())?;
    write_atomic(&out.join("interventions.csv"), &kuroshio_report::tables::interventions(&comparisons)?)?;
    // Each arm's full results, for reports and for checking.
    let mut base_summary = None;
    for (arm, acc) in model.arms.iter().zip(accs) {
        let arm_net = if arm.name == "base" { net } else { arm.network() };
        let summary = Summary::new(&info, &arm.name, result.stop, arm_net, acc);
        kuroshio_report::write_run(&out.join("arms").join(&arm.name), &summary, acc)?;
        if base_summary.is_none() {
            base_summary = Some(summary);
        }
    }
    // The report: the base case's results with the comparison.
    if let Some(summary) = base_summary {
        let st = pool.install(|| super::run::structure(&scenario, &info.scenario_hash, &summary, a.tts));
        kuroshio_report::write_structure(&out.join("arms").join("base"), &st)?;
        let comparison: kuroshio_report::input::ComparisonFile = serde_json::from_value(json.clone())?;
        let input = kuroshio_report::input::ReportInput {
            losses: accs[0].rows.iter().map(|r| r.loss).collect(),
            summary,
            structure: Some(st),
            comparison: Some(comparison),
        };
        kuroshio_report::render(&out, &input)?;
    }
    if !a.quiet {
        let color = use_color(std::io::stdout().is_terminal(), std::env::var_os("NO_COLOR"));
        let (b, r) = if color { ("\x1b[1m", "\x1b[0m") } else { ("", "") };
        println!(
            "{b}{}{r}: {} trials of {horizon} days, seed {}; base case expected loss {} per trial",
            scenario.name,
            accs[0].trials(),
            a.seed,
            usd(comparisons.first().map_or(0.0, |c| c.base_mean_loss))
        );
        let w = comparisons.iter().map(|c| c.intervention.len()).max().unwrap_or(0).max(12);
        println!(
            "  {:<w$}  {:>12}  {:>27}  {:>11}  {:>12}  {:>10}",
            "intervention", "E[reduction]", "95% CI", "VaR99 chg", "cost/yr", "benefit/$"
        );
        for c in &comparisons {
            println!(
                "  {:<w$}  {:>12}  {:>27}  {:>11}  {:>12}  {:>10}",
                c.intervention,
                usd(c.mean_reduction),
                format!("{} to {}", usd(c.reduction_ci95[0]), usd(c.reduction_ci95[1])),
                usd(c.var99_change),
                c.cost_per_year.map_or("-".into(), usd),
                c.benefit_per_cost.map_or("-".into(), |x| format!("{x:.2}")),
            );
        }
        let share =
            |c: &Comparison| if c.base_mean_loss > 0.0 { c.mean_reduction / c.base_mean_loss } else { 0.0 };
        if let Some(best) = comparisons.iter().max_by(|x, y| x.mean_reduction.total_cmp(&y.mean_reduction)) {
            println!(
                "\n  largest expected reduction: {} ({} of the base loss)",
                best.intervention,
                percent(share(best))
            );
        }
        println!(
            "\nwrote {}: comparison.json, interventions.csv, report.md, report.html, arms/<name>/",
            out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
