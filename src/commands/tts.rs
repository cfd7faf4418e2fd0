//! `kuroshio tts`: time to survive against time to recover for every facility.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use kuroshio_sim::Simulator;
use kuroshio_sim::tts::{Survival, analyse, analyse_facilities};

use super::validate::group_thousands;
use crate::render::MessageOptions;
use kuroshio_report::write_atomic;

#[derive(Debug, Clone, clap::Args)]
pub struct TtsArgs {
    /// Scenario directory (holding scenario.toml) or the .toml file.
    pub scenario: PathBuf,
    /// Directory for tts.csv, structure.json, network.geojson and network.graphml.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Rows to print (all are written to --out and --json).
    #[arg(long, default_value_t = 25)]
    pub top: usize,
    /// Analyse only these facilities (repeat the option or separate ids with commas); the risk
    /// exposure index is then relative to the largest PI among them. Each row is the one the
    /// whole sweep gives (rows do not depend on each other), so this answers a question about a
    /// few suppliers of a large network in seconds.
    #[arg(long = "facility", value_name = "ID", value_delimiter = ',')]
    pub facilities: Vec<String>,
    /// Rule set: native or ario (default: the scenario's `settings.model`).
    #[arg(long, value_enum)]
    pub model: Option<super::model::ModelArg>,
    #[command(flatten)]
    pub messages: MessageOptions,
}

fn tts_text(t: Survival) -> String {
    match t {
        Survival::Days(d) => d.to_string(),
        Survival::AtLeast(d) => format!(">={d}"),
    }
}

pub fn run(a: &TtsArgs) -> anyhow::Result<ExitCode> {
    let mut s = match super::load(&a.scenario, &a.messages)? {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    super::model::apply(&mut s.settings, a.model);
    let net = &s.network;
    let sim = Simulator::new(net, &s.baseline, &s.settings);
    let rows = if a.facilities.is_empty() {
        analyse(&sim)
    } else {
        let mut ids = Vec::with_capacity(a.facilities.len());
        for id in &a.facilities {
            let f = super::facility_arg(net, id)?;
            if net.facility(f).is_market() {
                bail!("--facility: `{id}` is a market; time to survive is defined for producing facilities");
            }
            if !ids.contains(&f) {
                ids.push(f);
            }
        }
        analyse_facilities(&sim, &ids)
    };
    if a.json {
        let v: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "facility": net.facility(r.facility).id,
                    "tts_days": r.tts.days(),
                    "tts_at_least_horizon": matches!(r.tts, Survival::AtLeast(_)),
                    "ttr_days": r.ttr,
                    "performance_impact_usd": r.performance_impact,
                    "risk_exposure_index": r.risk_exposure_index,
                    "exposed": r.exposed,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({"schema": "kuroshio.tts", "version": 1, "horizon_days": s.settings.horizon_days, "facilities": v})
            )?
        );
    } else {
        println!("time to survive (TTS) against time to recover (TTR), by risk exposure index:");
        println!("  {:<24} {:>7} {:>7} {:>16} {:>6}  exposed", "facility", "TTS d", "TTR d", "PI USD", "REI");
        for r in rows.iter().take(a.top) {
            println!(
                "  {:<24} {:>7} {:>7} {:>16} {:>6}  {}",
                net.facility(r.facility).id,
                tts_text(r.tts),
                r.ttr.map_or("-".into(), |t| format!("{t:.0}")),
                r.performance_impact.map_or("-".into(), group_thousands),
                r.risk_exposure_index.map_or("-".into(), |x| format!("{x:.3}")),
                match r.exposed {
                    Some(true) => "EXPOSED",
                    Some(false) => "",
                    None => "(no TTR)",
                }
            );
        }
        let exposed = rows.iter().filter(|r| r.exposed == Some(true)).count();
        println!("  {exposed} of {} facilities exposed (TTS < TTR)", rows.len());
    }
    if let Some(dir) = &a.out {
        let mut csv = String::from(
            "facility,tts_days,tts_at_least_horizon,ttr_days,performance_impact_usd,risk_exposure_index,exposed\n",
        );
        for r in &rows {
            let opt = |v: Option<f64>| v.map_or(String::new(), |x| x.to_string());
            let _ = writeln!(
                csv,
                "{},{},{},{},{},{},{}",
                net.facility(r.facility).id,
                r.tts.days(),
                matches!(r.tts, Survival::AtLeast(_)),
                opt(r.ttr),
                opt(r.performance_impact),
                opt(r.risk_exposure_index),
                r.exposed.map_or(String::new(), |e| e.to_string())
            );
        }
        write_atomic(&dir.join("tts.csv"), csv.as_bytes())?;
        let hash = kuroshio_montecarlo::part::scenario_hash(&s)?;
        let ins = kuroshio_core::analysis::inspect(net, &s.baseline, false);
        let st =
            kuroshio_report::structure::Structure::new(&s, &hash, &ins, Some(&rows), &Default::default());
        kuroshio_report::write_structural(dir, &st)?;
        eprintln!("wrote {}: tts.csv, structure.json, network.geojson, network.graphml", dir.display());
    }
    Ok(ExitCode::SUCCESS)
}
