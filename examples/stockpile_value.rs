//! What does a photoresist or gallium stockpile buy, per dollar? This example compares 30, 60 and
//! 90 extra days of photoresist at the fabs outside Japan and of high-purity gallium at every user
//! with the cross-pacific scenario as shipped, on the same sampled years (common random numbers:
//! every arm simulates the same disruptions), and prints the paired reduction in expected annual
//! loss with its 95% confidence interval, the stated carrying cost, and the benefit per dollar.
//!
//! Run: `cargo run --release --example stockpile_value [TRIALS]` (default 640 trials)
//!
//! `kuroshio compare` does the same for the scenario's own `[[intervention]]` list.

use std::path::Path;

use kuroshio_core::Diagnostics;
use kuroshio_montecarlo::compare::compare;
use kuroshio_montecarlo::record::layout;
use kuroshio_montecarlo::runner::Adjust;
use kuroshio_montecarlo::{Arm, Flow, Model, Plan, Variant, parse_interventions};
use kuroshio_sim::{Disruption, Simulator};

/// Carrying cost of stock: 25% of its value a year (assumption: a common rule of thumb, as in
/// scenarios/cross-pacific/scenario.toml).
const CARRYING: f64 = 0.25;
/// Photoresist to the fabs outside Japan: ~8,920 wafer-kits a day at $25.64 (cross-pacific
/// baseline and products.csv; scenario.toml's `resist-stockpile-60d`).
const RESIST_PER_DAY_USD: f64 = 8_920.0 * 25.64;
/// High-purity gallium to every user: 210.7 kg a day at $725/kg (facts.md C1, May 2025 price;
/// scenario.toml's `gallium-stockpile-90d`).
const GALLIUM_PER_DAY_USD: f64 = 210.7 * 725.0;

fn main() {
    let trials: u64 = std::env::args().nth(1).map_or(640, |t| t.parse().expect("TRIALS: a number"));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/cross-pacific");
    let scenario = kuroshio_core::load(&dir).expect("cross-pacific");
    let hazards = kuroshio_montecarlo::hazards(&scenario).expect("hazards");
    let net = &scenario.network;

    // The six stockpiles, written as [[intervention]] entries (docs/file-formats.md 2.7).
    let mut toml = String::new();
    for days in [30, 60, 90] {
        toml += &format!(
            "[[intervention]]\nname = \"resist-{days}d\"\nkind = \"stockpile\"\ncost_per_year = {}\n\
             product = \"photoresist\"\nextra_days = {days}\n\
             footprint = {{ kinds = [\"fab\"], countries = [\"TWN\", \"KOR\", \"CHN\", \"USA\", \"SGP\", \"DEU\"] }}\n\n",
            RESIST_PER_DAY_USD * f64::from(days) * CARRYING
        );
        toml += &format!(
            "[[intervention]]\nname = \"gallium-{days}d\"\nkind = \"stockpile\"\ncost_per_year = {}\n\
             product = \"gallium_hp\"\nextra_days = {days}\n\n",
            GALLIUM_PER_DAY_USD * f64::from(days) * CARRYING
        );
    }
    let mut diags = Diagnostics::new();
    let chosen = parse_interventions(Path::new("<stockpiles>"), &toml, net, &mut diags);
    assert!(!diags.has_errors(), "{diags}");

    let horizon = scenario.settings.horizon_days;
    let variants: Vec<Variant> = chosen
        .iter()
        .map(|i| i.apply(net, &scenario.baseline, &scenario.settings).expect("variant"))
        .collect();
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
    let plan = Plan { seed: 1, trials: 0..trials, target_rel_ci: None };
    let result = kuroshio_montecarlo::run(&model, &plan, None, &mut |_| Flow::Continue).expect("run");
    let accs = &result.accumulators;

    println!(
        "cross-pacific, {trials} years, every hazard of the catalog; losses are unmet final demand per year\n"
    );
    println!(
        "{:<12} {:>16} {:>34} {:>14} {:>12}",
        "stockpile", "reduction USD", "95% CI", "cost USD/yr", "per dollar"
    );
    for (i, acc) in chosen.iter().zip(&accs[1..]) {
        let c = compare(&i.name, &accs[0], acc, i.cost_per_year);
        println!(
            "{:<12} {:>16.0} {:>16.0} .. {:>14.0} {:>14.0} {:>12}",
            c.intervention,
            c.annual_benefit,
            c.reduction_ci95[0],
            c.reduction_ci95[1],
            c.cost_per_year.unwrap_or(0.0),
            c.benefit_per_cost.map_or("-".into(), |b| format!("{b:.2}"))
        );
    }
    println!(
        "\nbase expected loss: {:.0} USD per year. A CI that spans 0 means these trials cannot tell the",
        compare("base", &accs[0], &accs[0], None).base_mean_loss
    );
    println!("stockpile from nothing: raise TRIALS. Costs: 25% a year of the stock's value (assumption).");
}
