//! `kuroshio stress`: one deterministic disruption, its impacted markets and facilities, and
//! daily series as CSV.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use kuroshio_core::{FacilityId, Scenario};
use kuroshio_sim::{
    Disruption, Engine, Goods, Recovery, RecoveryProfile, RunOptions, Simulator, TrialOutcome,
};

use super::validate::group_thousands;
use crate::render::MessageOptions;
use kuroshio_report::write_atomic;

/// What to disrupt, from the command line.
#[derive(Debug, Clone, clap::Args)]
#[group(required = true, multiple = false)]
pub struct Target {
    /// A facility outage.
    #[arg(long)]
    pub facility: Option<String>,
    /// A chokepoint closure.
    #[arg(long)]
    pub chokepoint: Option<String>,
    /// A route closure.
    #[arg(long)]
    pub route: Option<String>,
    /// An export ban FROM:TO:PRODUCT (ISO alpha-3 countries; TO may be `*` for any; PRODUCT may
    /// be `*` for everything).
    #[arg(long, value_name = "FROM:TO:PRODUCT")]
    pub export_ban: Option<String>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct StressArgs {
    /// Scenario directory (holding scenario.toml) or the .toml file.
    pub scenario: PathBuf,
    #[command(flatten)]
    pub target: Target,
    /// Duration of the disruption, days.
    #[arg(long)]
    pub days: u32,
    /// Share of capacity or throughput lost at onset, (0, 1].
    #[arg(long, default_value_t = 1.0)]
    pub severity: f64,
    /// Recovery profile of a facility outage: step, linear, exponential, delay-ramp:D.
    #[arg(long, default_value = "step")]
    pub profile: String,
    /// Onset day.
    #[arg(long, default_value_t = 0)]
    pub start: u32,
    /// Directory for the daily series CSV files.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print JSON instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Use the dense reference engine instead of the sparse one.
    #[arg(long)]
    pub dense: bool,
    /// Rule set: native or ario (default: the scenario's `settings.model`).
    #[arg(long, value_enum)]
    pub model: Option<super::model::ModelArg>,
    /// With --out: the daily series of every facility, not only the 20 most impacted.
    #[arg(long)]
    pub all_series: bool,
    #[command(flatten)]
    pub messages: MessageOptions,
}

fn disruption(s: &Scenario, a: &StressArgs) -> anyhow::Result<Disruption> {
    let net = &s.network;
    if !(a.severity > 0.0 && a.severity <= 1.0) {
        bail!("--severity {} is not in (0, 1]", a.severity);
    }
    if a.days == 0 {
        bail!("--days 0: a disruption lasts at least one day");
    }
    if a.start >= s.settings.horizon_days {
        bail!(
            "--start {} is not within the horizon of {} days (days count from 0)",
            a.start,
            s.settings.horizon_days
        );
    }
    let t = &a.target;
    if let Some(id) = &t.facility {
        let f = super::facility_arg(net, id)?;
        let profile = RecoveryProfile::parse(&a.profile).with_context(|| {
            format!("--profile `{}`: expected step, linear, exponential or delay-ramp:DAYS", a.profile)
        })?;
        return Ok(Disruption::Outage {
            facility: f,
            start: a.start,
            duration: a.days,
            severity: a.severity,
            profile,
        });
    }
    if let Some(id) = &t.chokepoint {
        let c = net
            .chokepoint_id(id)
            .with_context(|| format!("--chokepoint: no chokepoint `{id}` in the scenario"))?;
        return Ok(Disruption::ChokepointClosure {
            chokepoint: c,
            start: a.start,
            duration: a.days,
            severity: a.severity,
        });
    }
    if let Some(id) = &t.route {
        let r = net.route_id(id).with_context(|| format!("--route: no route `{id}` in the scenario"))?;
        return Ok(Disruption::RouteClosure {
            route: r,
            start: a.start,
            duration: a.days,
            severity: a.severity,
        });
    }
    let spec = t.export_ban.as_deref().unwrap_or_default();
    let parts: Vec<&str> = spec.split(':').collect();
    if parts.len() != 3 {
        bail!(
            "--export-ban `{spec}`: expected FROM:TO:PRODUCT, for example CHN:USA:gallium or JPN:*:photoresist"
        );
    }
    let country = |c: &str| {
        kuroshio_core::countries::lookup(c)
            .with_context(|| format!("--export-ban: `{c}` is not an ISO 3166-1 alpha-3 country code"))
    };
    let from = country(parts[0])?;
    let to = if parts[1] == "*" { None } else { Some(country(parts[1])?) };
    let goods = if parts[2] == "*" {
        Goods::All
    } else {
        let p = net
            .product_id(parts[2])
            .with_context(|| format!("--export-ban: no product `{}` in the scenario", parts[2]))?;
        Goods::Products(vec![p])
    };
    Ok(Disruption::ExportBan { from, to, goods, start: a.start, duration: a.days })
}

fn recovery(r: Recovery) -> String {
    match r {
        Recovery::NotImpacted => "-".into(),
        Recovery::Recovered(d) => format!("{d} d"),
        Recovery::Censored => "censored".into(),
    }
}

fn recovery_json(r: Recovery) -> serde_json::Value {
    match r {
        Recovery::NotImpacted => serde_json::Value::Null,
        Recovery::Recovered(d) => serde_json::json!({"days": d, "censored": false}),
        Recovery::Censored => serde_json::json!({"days": null, "censored": true}),
    }
}

pub fn run(a: &StressArgs) -> anyhow::Result<ExitCode> {
    let mut s = match super::load(&a.scenario, &a.messages)? {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    super::model::apply(&mut s.settings, a.model);
    let d = disruption(&s, a)?;
    let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
    let engine = if a.dense { Engine::Dense } else { Engine::Sparse };
    let first =
        sim.run(std::slice::from_ref(&d), &RunOptions { engine, record: Vec::new(), ..Default::default() })?;
    // The most impacted facilities, by lost value, get their daily series recorded.
    let mut top: Vec<&kuroshio_sim::FacilityOutcome> = first.facilities.iter().collect();
    top.sort_by(|x, y| y.lost_value.total_cmp(&x.lost_value).then(x.facility.cmp(&y.facility)));
    top.truncate(20);
    let record: Vec<FacilityId> = top.iter().map(|f| f.facility).collect();
    let all: Vec<FacilityId> = (0..s.network.facilities.len())
        .map(FacilityId::from_index)
        .filter(|&f| !s.network.facility(f).is_market())
        .collect();
    let series = if a.all_series { &all } else { &record };
    let outcome = if a.out.is_some() {
        sim.run(
            std::slice::from_ref(&d),
            &RunOptions { engine, record: series.clone(), ..Default::default() },
        )?
    } else {
        first.clone()
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&to_json(&s, &outcome, &record))?);
    } else {
        print_tables(&s, &outcome, &record);
    }
    if let Some(dir) = &a.out {
        write_series(dir, &s, &outcome)?;
        if !a.json {
            println!(
                "\nwrote {}/markets_daily.csv and {}/facilities_daily.csv",
                dir.display(),
                dir.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_tables(s: &Scenario, o: &TrialOutcome, top: &[FacilityId]) {
    let net = &s.network;
    println!(
        "headline: unmet final demand {} USD; lost gross output {} USD; system recovery {}",
        group_thousands(o.unmet_value),
        group_thousands(o.lost_output_value),
        recovery(o.system_recovery)
    );
    println!();
    println!("impacted markets:");
    println!(
        "  {:<24} {:>14} {:>16} {:>14} {:>10}",
        "market", "unmet units", "unmet USD", "first short", "recovery"
    );
    let mut any = false;
    for m in &o.markets {
        if m.unmet_units > 0.0 {
            any = true;
            println!(
                "  {:<24} {:>14.1} {:>16} {:>14} {:>10}",
                net.facility(m.market).id,
                m.unmet_units,
                group_thousands(m.unmet_value),
                m.first_shortage_day.map_or("-".into(), |d| format!("day {d}")),
                recovery(m.recovery)
            );
        }
    }
    if !any {
        println!("  none: inventories and the sourcing response absorb the disruption");
    }
    println!();
    println!("most impacted facilities (by lost output value):");
    println!("  {:<24} {:>8} {:>10} {:>10} {:>16}", "facility", "min r", "TTI", "TTR", "lost USD");
    for &f in top.iter().take(10) {
        if let Some(x) = o.facility(f) {
            println!(
                "  {:<24} {:>8.3} {:>10} {:>10} {:>16}",
                net.facility(f).id,
                x.min_ratio,
                x.time_to_impact.map_or("-".into(), |d| format!("{d} d")),
                recovery(x.time_to_recover),
                group_thousands(x.lost_value)
            );
        }
    }
}

fn to_json(s: &Scenario, o: &TrialOutcome, top: &[FacilityId]) -> serde_json::Value {
    use serde_json::json;
    let net = &s.network;
    json!({
        "schema": "kuroshio.stress",
        "version": 1,
        "horizon_days": o.horizon,
        "unmet_final_demand_usd": o.unmet_value,
        "lost_gross_output_usd": o.lost_output_value,
        "system_recovery": recovery_json(o.system_recovery),
        "markets": o.markets.iter().map(|m| json!({
            "market": net.facility(m.market).id,
            "unmet_units": m.unmet_units,
            "unmet_usd": m.unmet_value,
            "first_shortage_day": m.first_shortage_day,
            "recovery": recovery_json(m.recovery),
        })).collect::<Vec<_>>(),
        "facilities": top.iter().filter_map(|&f| o.facility(f)).map(|x| json!({
            "facility": net.facility(x.facility).id,
            "lost_units": x.lost_units,
            "lost_usd": x.lost_value,
            "min_ratio": x.min_ratio,
            "time_to_impact_days": x.time_to_impact,
            "time_to_recover": recovery_json(x.time_to_recover),
        })).collect::<Vec<_>>(),
    })
}

fn write_series(dir: &Path, s: &Scenario, o: &TrialOutcome) -> anyhow::Result<()> {
    let net = &s.network;
    let mut m = String::from("day,market,unmet_units\n");
    for mo in &o.markets {
        for (t, u) in mo.daily_unmet.iter().enumerate() {
            let _ = writeln!(m, "{t},{},{u}", net.facility(mo.market).id);
        }
    }
    write_atomic(&dir.join("markets_daily.csv"), m.as_bytes())?;
    let mut f = String::from("day,facility,output,baseline_output,ratio\n");
    for series in &o.series {
        let x0 = s.baseline.output[series.facility.index()];
        for (t, x) in series.output.iter().enumerate() {
            let r = if x0 > 0.0 { x / x0 } else { 1.0 };
            let _ = writeln!(f, "{t},{},{x},{x0},{r}", net.facility(series.facility).id);
        }
    }
    write_atomic(&dir.join("facilities_daily.csv"), f.as_bytes())?;
    Ok(())
}
