//! How do I use Kuroshio as a library? This example builds a four-site gallium-to-chips network
//! in Rust (no files), solves its baseline, runs one 60-day refinery outage through the daily
//! model, then samples 2,000 years of a small hazard catalog in a Monte Carlo run and prints the
//! same summary `kuroshio run` prints.
//!
//! Run: `cargo run --release --example build_network_in_code`
//!
//! The numbers are illustrative, not sourced: this is an API tour. Scenarios with sources are in
//! `scenarios/`.

use std::path::Path;

use kuroshio_core::baseline::solve;
use kuroshio_core::countries::lookup;
use kuroshio_core::{
    Diagnostics, Facility, FacilityId, FacilityKind, Input, Link, Network, NetworkParts, Product, ProductId,
    Recipe, RecipeId, Region, RegionId, Settings,
};
use kuroshio_montecarlo::record::layout;
use kuroshio_montecarlo::{Arm, Flow, Model, Plan, RunInfo, Summary, parse_hazards};
use kuroshio_sim::{Disruption, RecoveryProfile, RunOptions, Simulator};

/// A product with its unit value (USD) and, if made from inputs, its recipe.
fn product(id: &str, unit_value: f64, recipe: Option<usize>) -> Product {
    Product {
        id: id.into(),
        name: id.into(),
        unit: "unit".into(),
        unit_value,
        sector: "semiconductors".into(),
        qualification_days: 90,
        ttr_days: None,
        recipe: recipe.map(RecipeId::from_index),
    }
}

/// A facility making `product` by `recipe` at `capacity` per day, holding `inventory_days` of its
/// inputs. (The file loader gives each facility its product's recipe; in code, say which.)
fn facility(
    id: &str,
    kind: FacilityKind,
    country: &str,
    (product, recipe): (usize, Option<usize>),
    capacity: f64,
    inventory_days: f64,
) -> Facility {
    Facility {
        id: id.into(),
        name: id.into(),
        kind,
        country: lookup(country).expect("ISO alpha-3 code"),
        region: RegionId::from_index(0),
        lat: None,
        lon: None,
        product: ProductId::from_index(product),
        recipe: recipe.map(RecipeId::from_index),
        capacity,
        utilization: None,
        inventory_days,
        ttr_days: Some(120.0),
        demand_per_day: 0.0,
        tags: Vec::new(),
    }
}

fn link(supplier: usize, customer: usize, product: usize, lead_time_days: u32) -> Link {
    Link {
        supplier: FacilityId::from_index(supplier),
        customer: FacilityId::from_index(customer),
        product: ProductId::from_index(product),
        share: 1.0,
        lead_time_days,
        route: None,
        backup: false,
        prequalified: false,
    }
}

fn main() {
    // Products 0..3: ore -> gallium -> chip; recipes 0 (gallium from ore), 1 (chip from
    // gallium), 2 (the market's one-unit recipe: it "uses" chips).
    let products =
        vec![product("ore", 2.0, None), product("gallium", 300.0, Some(0)), product("chip", 50.0, Some(1))];
    let recipes = vec![
        Recipe { inputs: vec![Input { product: ProductId(0), per_unit: 1.5, inventory_days: None }] },
        Recipe { inputs: vec![Input { product: ProductId(1), per_unit: 0.01, inventory_days: None }] },
        Recipe { inputs: vec![Input { product: ProductId(2), per_unit: 1.0, inventory_days: None }] },
    ];
    let mut market = facility("US-MARKET", FacilityKind::Market, "USA", (2, Some(2)), f64::INFINITY, 0.0);
    market.demand_per_day = 10_000.0;
    market.ttr_days = None;
    let facilities = vec![
        facility("MINE", FacilityKind::Mine, "AUS", (0, None), 400.0, 0.0),
        facility("REFINERY", FacilityKind::Refinery, "CHN", (1, Some(0)), 120.0, 20.0),
        facility("FAB", FacilityKind::Fab, "TWN", (2, Some(1)), 12_000.0, 45.0),
        market,
    ];
    let links = vec![link(0, 1, 0, 20), link(1, 2, 1, 10), link(2, 3, 2, 25)];
    let regions = vec![Region { id: "WORLD".into(), name: "World".into(), country: None }];
    let net =
        Network::new(NetworkParts { products, recipes, facilities, links, regions, ..Default::default() });
    let settings = Settings::default();
    let base = solve(&net, settings.baseline_tolerance, settings.baseline_max_iterations).expect("baseline");
    for (f, x) in net.facilities.iter().zip(&base.output) {
        println!("baseline {:<10} {x:>10.1} per day", f.id);
    }

    // One trial: the refinery loses everything for 60 days from day 10.
    let sim = Simulator::new(&net, &base, &settings);
    let refinery = net.facility_id("REFINERY").expect("id");
    let outage = Disruption::Outage {
        facility: refinery,
        start: 10,
        duration: 60,
        severity: 1.0,
        profile: RecoveryProfile::Step,
    };
    let o = sim.run(&[outage], &RunOptions::default()).expect("trial");
    let m = &o.markets[0];
    println!(
        "\nrefinery out 60 days: unmet demand {:.0} chips (${:.0}), first shortage day {:?}, recovery {:?}",
        m.unmet_units, m.unmet_value, m.first_shortage_day, m.recovery
    );

    // A Monte Carlo run: hazards are read from TOML text, as in a scenario.toml.
    let catalog = r#"
[[hazard]]
name = "refinery-fire"
kind = "outage"
rate_per_year = 0.1
footprint = { facilities = ["REFINERY"] }
severity = { dist = "uniform", min = 0.3, max = 1.0 }
duration = { dist = "lognormal", median = 45, p90 = 150 }

[[hazard]]
name = "export-control"
kind = "export_ban"
probability = 0.05
from = "CHN"
products = ["gallium"]
duration = { dist = "lognormal", median = 120, p90 = 365 }
"#;
    let mut diags = Diagnostics::new();
    let hazards = parse_hazards(Path::new("<catalog>"), catalog, &net, &mut diags);
    assert!(!diags.has_errors(), "{diags}");
    let horizon = settings.horizon_days;
    let lay = layout(&net, &base, horizon);
    let model = Model {
        network: &net,
        hazards: &hazards,
        horizon,
        layout: lay.clone(),
        arms: vec![Arm::new("base", Simulator::new(&net, &base, &settings), &lay, None)],
    };
    let plan = Plan { seed: 7, trials: 0..2000, target_rel_ci: None };
    let result = kuroshio_montecarlo::run(&model, &plan, None, &mut |_| Flow::Continue).expect("run");
    let info = RunInfo {
        scenario: "built-in-code".into(),
        scenario_hash: "-".into(),
        hazards: hazards.iter().map(|h| h.name.clone()).collect(),
        seed: 7,
        horizon_days: horizon,
        planned_trials: 2000,
        target_rel_ci: None,
        tool_version: env!("CARGO_PKG_VERSION").into(),
    };
    let summary = Summary::new(&info, "base", result.stop, &net, &result.accumulators[0]);
    println!("\n{}", kuroshio_report::terminal::summary_text(&summary, 5, false));
}
