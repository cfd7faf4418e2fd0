//! `kuroshio`: the command line. Thin glue over the library crates: parse arguments, call a
//! library, print. Exit codes: 0 success, 2 invalid input (a scenario with errors), 1 any other
//! failure.

mod commands;
mod render;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Supply-chain resilience simulation for cross-Pacific networks.
#[derive(Debug, Parser)]
#[command(name = "kuroshio", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a scenario and print a summary; lists every error found (exit 2 if any).
    Validate {
        /// Scenario directory (holding scenario.toml) or the .toml file.
        scenario: PathBuf,
        #[command(flatten)]
        messages: render::MessageOptions,
    },
    /// Structural chokepoints without simulation: single points of failure, country
    /// concentration, route exposure.
    Inspect {
        /// Scenario directory (holding scenario.toml) or the .toml file.
        scenario: PathBuf,
        /// Count backup links as suppliers in the single-point-of-failure analysis.
        #[arg(long)]
        with_backups: bool,
        /// Print the machine-readable JSON form (docs/file-formats.md) instead of tables.
        #[arg(long)]
        json: bool,
        /// Also write inspect.json, structure.json, network.geojson and network.graphml here.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        messages: render::MessageOptions,
    },
    /// One deterministic disruption: impacted markets and facilities, time to impact and to
    /// recover, daily series.
    Stress(commands::stress::StressArgs),
    /// Time to survive against time to recover for every facility (Simchi-Levi), on the dynamic
    /// model.
    Tts(commands::tts::TtsArgs),
    /// The Monte Carlo job: sample trials from the hazard catalog, run them in parallel, write
    /// summary.json, run-info.json and CSV tables (or a part file with --shard).
    Run(commands::run::RunArgs),
    /// Compare interventions with the base case on the same trials: paired loss reduction with
    /// its CI, change in VaR 99%, benefit per unit of annual cost.
    Compare(commands::compare::CompareArgs),
    /// Re-render report.md, report.html, network.geojson and network.graphml of a result
    /// directory from its saved files.
    Report(commands::report::ReportArgs),
    /// Merge the part files of a sharded run into the files the unsharded run writes.
    Merge(commands::merge::MergeArgs),
    /// Import a multi-regional input-output table (pymrio wide/long files or an OECD ICIO CSV)
    /// as a scenario directory.
    ImportMrio(commands::import_mrio::ImportMrioArgs),
    /// Write a synthetic scenario (deterministic for a seed).
    Generate {
        /// Number of facilities, markets included.
        #[arg(long)]
        facilities: usize,
        /// Seed of the generator's random stream.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Directory to write into (created if missing).
        #[arg(long)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate { scenario, messages } => commands::validate::run(&scenario, &messages),
        Command::Inspect { scenario, with_backups, json, out, messages } => {
            commands::inspect::run(&scenario, with_backups, json, out.as_deref(), &messages)
        }
        Command::Generate { facilities, seed, out } => commands::generate::run(facilities, seed, &out),
        Command::Stress(args) => commands::stress::run(&args),
        Command::Tts(args) => commands::tts::run(&args),
        Command::Run(args) => commands::run::run(&args),
        Command::Merge(args) => commands::merge::run(&args),
        Command::Compare(args) => commands::compare::run(&args),
        Command::Report(args) => commands::report::run(&args),
        Command::ImportMrio(args) => commands::import_mrio::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}
