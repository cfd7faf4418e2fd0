//! How does the model replay the 2021 fire at Renesas Naka, next to what happened? The fire
//! (2021-03-19, day 0) took out the N3 300 mm line; Renesas restarted it on day 29, reached 88%
//! at the end of May and 100% on day 97 (events.md E1 #9). This example runs that recovery on the
//! cross-pacific network, as shipped (2019 stocks, 10% spare fab capacity) and under 2021
//! conditions (chip users' stocks of <5 days, full fabs), and prints the simulated timeline beside
//! the documented one. The replay is the one of `tests/history.rs` (scenarios/history/replays.rs);
//! docs/validation.md discusses the result.
//!
//! Run: `cargo run --release --example naka_fire_2021`

#[path = "../scenarios/history/replays.rs"]
mod replays;

use kuroshio_core::FacilityId;
use kuroshio_sim::{RunOptions, Simulator, TrialOutcome};
use replays::World;

/// Earliest time to impact of facilities whose id starts with `prefix`, and which one.
fn first(w: &World, o: &TrialOutcome, prefix: &str) -> String {
    replays::plants(w, prefix)
        .filter_map(|f| Some((o.facility(f)?.time_to_impact?, f)))
        .min()
        .map_or("not impacted".into(), |(d, f)| format!("day {d} ({})", w.network.facility(f).id))
}

fn main() {
    let shipped = replays::cross_pacific();
    let y2021 = replays::conditions_2021(&shipped);
    let documented = [
        (0, "fire in the N3 300 mm line (2021-03-19)"),
        (21, "clean room back (04-09)"),
        (29, "production resumed (04-17)"),
        (42, "Honda cuts some models (end of April, ~6 weeks)"),
        (73, "88% of capacity (end of May)"),
        (97, "100% of capacity (06-24)"),
        (103, "Toyota: chips enough through June"),
        (150, "shipments 100% (mid-August)"),
    ];
    for (label, w) in [("network as shipped", &shipped), ("2021 conditions", &y2021)] {
        let naka = w.id("FAB-NAKA");
        let mut record: Vec<FacilityId> = vec![naka];
        record.extend(replays::plants(w, "ASSY-"));
        let sim = Simulator::new(&w.network, &w.baseline, &w.settings);
        let o = sim
            .run(&replays::naka_fire_2021(w), &RunOptions { record, ..RunOptions::default() })
            .expect("trial");
        let x0 = w.baseline.output[naka.index()];
        let naka_series = &o.series[0].output;
        println!("== {label} ==");
        println!("{:>5}  {:<48} {:>22}", "day", "documented (events.md E1 #9)", "simulated Naka output");
        for (day, what) in documented {
            println!("{day:>5}  {what:<48} {:>21.0}%", 100.0 * naka_series[day] / x0);
        }
        println!("first impact, MCU assembly/test: {}", first(w, &o, "OSAT-"));
        println!("first impact, ECU makers:        {}", first(w, &o, "ECU-"));
        println!("first impact, vehicle plants:    {}", first(w, &o, "ASSY-"));
        let vehicles: f64 = o
            .markets
            .iter()
            .filter(|m| w.network.facility(m.market).id.ends_with("-VEHICLES"))
            .map(|m| m.unmet_units)
            .sum();
        let lost_naka = o.facility(naka).map_or(0.0, |f| f.lost_value);
        println!(
            "Naka lost output: ${lost_naka:.0} (a slice of the real fab; Renesas: ~$160M a month of revenue)"
        );
        println!(
            "vehicles not sold: {vehicles:.0} (Nomura forecast: -1.6M vehicles in Q2 2021, all brands)\n"
        );
    }
    println!("Both runs absorb the fire: Naka is 10% of the modelled MCU wafers, the assembly/test sites");
    println!("hold 30 days of wafers and re-source after 7 days; see docs/validation.md.");
}
