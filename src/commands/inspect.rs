//! `kuroshio inspect`: structural chokepoints, as tables or JSON.

use std::path::Path;
use std::process::ExitCode;

use kuroshio_core::analysis;

use super::validate::group_thousands;
use crate::render::MessageOptions;

pub fn run(
    path: &Path,
    with_backups: bool,
    json: bool,
    out: Option<&Path>,
    messages: &MessageOptions,
) -> anyhow::Result<ExitCode> {
    let s = match super::load(path, messages)? {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let net = &s.network;
    let ins = analysis::inspect(net, &s.baseline, with_backups);
    if let Some(dir) = out {
        let mut text = serde_json::to_string_pretty(&ins.to_json(net))?;
        text.push('\n');
        kuroshio_report::write_atomic(&dir.join("inspect.json"), text.as_bytes())?;
        let hash = kuroshio_montecarlo::part::scenario_hash(&s)?;
        let st = kuroshio_report::structure::Structure::new(&s, &hash, &ins, None, &Default::default());
        kuroshio_report::write_structural(dir, &st)?;
        eprintln!("wrote {}: inspect.json, structure.json, network.geojson, network.graphml", dir.display());
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&ins.to_json(net))?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "Single points of failure ({}):",
        if with_backups { "backup links count" } else { "backup links not counted; try --with-backups" }
    );
    for m in &ins.spof {
        let f: Vec<&str> = m.facilities.iter().map(|&f| net.facility(f).id.as_str()).collect();
        let c: Vec<&str> = m.chokepoints.iter().map(|&c| net.chokepoints[c.index()].id.as_str()).collect();
        println!("  market {}:", net.facility(m.market).id);
        println!("    facilities:  {}", if f.is_empty() { "none".to_string() } else { f.join(", ") });
        println!("    chokepoints: {}", if c.is_empty() { "none".to_string() } else { c.join(", ") });
    }
    println!();
    println!("Country concentration of capacity (HHI > 2,500 flagged):");
    println!("  {:<28} {:>7}  {:<5} {:>6}  flag", "product", "HHI", "top", "share");
    for c in ins.concentration.iter().take(20) {
        println!(
            "  {:<28} {:>7.0}  {:<5} {:>5.1}%  {}",
            net.products[c.product.index()].id,
            c.hhi,
            c.top_country.code(),
            100.0 * c.top_share,
            if c.concentrated { "concentrated" } else { "" }
        );
    }
    if ins.concentration.len() > 20 {
        println!("  ... {} more products (see --json)", ins.concentration.len() - 20);
    }
    println!();
    println!("Route exposure (share of each market's baseline supply passing the chokepoint):");
    for e in &ins.exposure {
        println!(
            "  {} ({}): {} USD/day exposed",
            net.chokepoints[e.chokepoint.index()].id,
            net.chokepoints[e.chokepoint.index()].name,
            group_thousands(e.total_value)
        );
        for m in e.markets.iter().take(5) {
            println!(
                "    {:<24} {:>5.1}%  {:>14} USD/day",
                net.facility(m.market).id,
                100.0 * m.share,
                group_thousands(m.value)
            );
        }
        if e.markets.len() > 5 {
            println!("    ... {} more markets", e.markets.len() - 5);
        }
    }
    Ok(ExitCode::SUCCESS)
}
