//! `kuroshio validate`: load, report every problem, summarise a valid scenario.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use crate::render::MessageOptions;

pub fn run(path: &Path, messages: &MessageOptions) -> anyhow::Result<ExitCode> {
    let s = match super::load(path, messages)? {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    // The Monte Carlo sections are checked too: a scenario is valid only if `run` can use it.
    let mut mc = kuroshio_core::Diagnostics::new();
    let hazards = kuroshio_montecarlo::parse_hazards(&s.path, &s.toml_text, &s.network, &mut mc);
    let interventions = kuroshio_montecarlo::parse_interventions(&s.path, &s.toml_text, &s.network, &mut mc);
    if !mc.all().is_empty() {
        crate::render::print(&mc, messages);
    }
    if mc.has_errors() {
        let errors = mc.error_count();
        eprintln!(
            "error: {} is not valid: {errors} error{} in [[hazard]] or [[intervention]]",
            path.display(),
            if errors == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::from(2));
    }
    let net = &s.network;
    let markets = net.markets.len();
    let backups = net.links.iter().filter(|l| l.backup).count();
    println!("scenario `{}` ({}): valid", s.name, s.path.display());
    println!(
        "  {} facilities and {markets} market{}, {} products, {} links ({backups} backup), {} routes, {} chokepoints, {} regions",
        net.facilities.len() - markets,
        if markets == 1 { "" } else { "s" },
        net.products.len(),
        net.links.len(),
        net.routes.len(),
        net.chokepoints.len(),
        net.regions.len()
    );
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_country: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_sector: BTreeMap<&str, usize> = BTreeMap::new();
    for f in net.facilities.iter().filter(|f| !f.is_market()) {
        *by_kind.entry(f.kind.as_str()).or_default() += 1;
        *by_country.entry(f.country.code()).or_default() += 1;
        let sector = net.products[f.product.index()].sector.as_str();
        *by_sector.entry(if sector.is_empty() { "(none)" } else { sector }).or_default() += 1;
    }
    let line =
        |m: &BTreeMap<&str, usize>| m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ");
    println!("  facilities by kind: {}", line(&by_kind));
    println!(
        "  hazards: {}; interventions: {}",
        if hazards.is_empty() { "none".to_string() } else { hazards.len().to_string() },
        if interventions.is_empty() { "none".to_string() } else { interventions.len().to_string() }
    );
    println!("  facilities by country: {}", line(&by_country));
    println!("  facilities by sector: {}", line(&by_sector));
    let demand_value: f64 = net
        .markets
        .iter()
        .map(|&m| {
            let f = net.facility(m);
            f.demand_per_day * net.products[f.product.index()].unit_value
        })
        .sum();
    if s.baseline.cyclic {
        println!("  baseline: cyclic network, solved in {} iterations", s.baseline.iterations);
    } else {
        println!("  baseline: acyclic network, solved exactly");
    }
    println!("  final demand: {} USD/day", group_thousands(demand_value));
    let warnings = s.warnings.warnings().count();
    if warnings > 0 {
        println!("  {warnings} warning{} (on stderr)", if warnings == 1 { "" } else { "s" });
    }
    // The process is about to exit: skip freeing millions of small allocations one by one
    // (about half a second on a million-facility network).
    std::mem::forget(s);
    Ok(ExitCode::SUCCESS)
}

/// 1234567.8 -> "1,234,568".
pub fn group_thousands(v: f64) -> String {
    let s = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}
