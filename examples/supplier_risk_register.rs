//! Which of our suppliers could stop our plants before they can recover, and which ports and
//! straits do our parts depend on? A corporate risk team keeps a supplier register (supplier,
//! country, region, part, buyer plant, share, lead time, route, the plant's days of stock, the
//! supplier's time to recover, volume per day) and a list of plants. This example turns the two
//! CSV files in `examples/data/` into a Kuroshio scenario (written to a temporary directory, on
//! the shipped cross-pacific regions, chokepoints and routes), loads it with the validator, and
//! prints the time-to-survive against time-to-recover ranking (Simchi-Levi), the single points of
//! failure and the most exposed chokepoints.
//!
//! Run: `cargo run --release --example supplier_risk_register [REGISTER.csv PLANTS.csv]`
//!
//! The shipped register is illustrative, not sourced: replace it with your own.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use kuroshio_core::analysis::inspect;
use kuroshio_sim::Simulator;
use kuroshio_sim::tts::{Survival, analyse};

/// Rows of a simple CSV file (no quoted fields), skipping `#` comments: (header, rows).
fn read_csv(path: &Path) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
    let header: Vec<String> = lines.next().expect("a header").split(',').map(str::to_string).collect();
    let rows = lines
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            assert_eq!(
                cells.len(),
                header.len(),
                "{}: {l}: expected {} fields",
                path.display(),
                header.len()
            );
            header.iter().cloned().zip(cells.iter().map(|c| c.to_string())).collect()
        })
        .collect();
    (header, rows)
}

/// Writes the scenario files for the register and the plants into `dir`.
fn write_scenario(dir: &Path, register: &[BTreeMap<String, String>], plants: &[BTreeMap<String, String>]) {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/cross-pacific");
    let toml = format!(
        "[scenario]\nname = \"supplier-register\"\ndescription = \"A supplier register on the cross-Pacific routes\"\n\n\
         [settings]\nhorizon_days = 365\n\n[files]\nregions = {:?}\nchokepoints = {:?}\nroutes = {:?}\n",
        shipped.join("regions.csv"),
        shipped.join("chokepoints.csv"),
        shipped.join("routes.csv"),
    );
    let mut products = String::from("id,unit,unit_value,sector\n");
    let mut facilities = String::from("id,name,kind,country,region,product,inventory_days,ttr_days\n");
    let mut markets = String::from("id,name,country,region,product,demand_per_day,inventory_days\n");
    let mut recipes = String::from("product,input,per_unit,inventory_days\n");
    let mut links = String::from("supplier,customer,product,share,lead_time_days,route\n");
    let mut parts = BTreeMap::new();
    let mut suppliers = BTreeMap::new();
    for r in register {
        parts.insert(r["part"].clone(), r["unit_value"].clone());
        suppliers.insert(r["supplier"].clone(), r);
    }
    for (part, value) in &parts {
        writeln!(products, "{part},unit,{value},parts").unwrap();
    }
    for (id, r) in &suppliers {
        let (name, kind, country, region, part, ttr) = (
            &r["supplier_name"],
            &r["kind"],
            &r["country"],
            &r["region"],
            &r["part"],
            &r["supplier_ttr_days"],
        );
        writeln!(facilities, "{id},{name},{kind},{country},{region},{part},,{ttr}").unwrap();
    }
    let per_day: BTreeMap<&str, f64> = plants
        .iter()
        .map(|p| (p["plant"].as_str(), p["vehicles_per_day"].parse().expect("vehicles_per_day")))
        .collect();
    for p in plants {
        let (id, name, country, region) = (&p["plant"], &p["name"], &p["country"], &p["region"]);
        writeln!(products, "vehicle-{id},vehicle,{},vehicles", p["vehicle_value"]).unwrap();
        // The plant's days of finished vehicles are not modelled: its program is the market,
        // with no stock, so a lost vehicle is lost production.
        writeln!(facilities, "ASSY-{id},{name},assembly,{country},{region},vehicle-{id},,").unwrap();
        writeln!(
            markets,
            "{id}-PROGRAM,{name} production program,{country},{region},vehicle-{id},{},0",
            per_day[id.as_str()]
        )
        .unwrap();
        writeln!(links, "ASSY-{id},{id}-PROGRAM,vehicle-{id},1,1,").unwrap();
    }
    let mut bom = BTreeMap::new();
    for r in register {
        let plant = r["plant"].as_str();
        let per_unit = r["volume_per_day"].parse::<f64>().expect("volume_per_day") / per_day[plant];
        bom.insert((plant, r["part"].as_str()), (per_unit, r["plant_inventory_days"].as_str()));
        writeln!(
            links,
            "{},ASSY-{plant},{},{},{},{}",
            r["supplier"], r["part"], r["share"], r["lead_time_days"], r["route"]
        )
        .unwrap();
    }
    for ((plant, part), (per_unit, days)) in bom {
        writeln!(recipes, "vehicle-{plant},{part},{per_unit},{days}").unwrap();
    }
    for (name, text) in [
        ("scenario.toml", toml),
        ("products.csv", products),
        ("facilities.csv", facilities),
        ("markets.csv", markets),
        ("recipes.csv", recipes),
        ("links.csv", links),
    ] {
        std::fs::write(dir.join(name), text).expect("write");
    }
}

fn main() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let (register, plants) = match args.as_slice() {
        [r, p] => (r.clone(), p.clone()),
        _ => (data.join("supplier_register.csv"), data.join("plants.csv")),
    };
    let (_, reg_rows) = read_csv(&register);
    let (_, plant_rows) = read_csv(&plants);
    let dir = tempfile::tempdir().expect("temporary directory");
    write_scenario(dir.path(), &reg_rows, &plant_rows);
    let scenario = match kuroshio_core::load(dir.path()) {
        Ok(s) => s,
        Err(e) => {
            // The validator names every bad cell of the generated files.
            eprintln!(
                "the register does not make a valid scenario (files in {}):\n{e}",
                dir.path().display()
            );
            let _ = dir.keep();
            std::process::exit(2);
        }
    };
    let net = &scenario.network;
    println!(
        "{} suppliers and plants, {} links, final demand ${:.0} a day (register {})\n",
        net.facilities.len() - net.markets.len(),
        net.links.len(),
        net.markets
            .iter()
            .map(|&m| scenario.baseline.output[m.index()]
                * net.products[net.facility(m).product.index()].unit_value)
            .sum::<f64>(),
        register.display()
    );

    // Time to survive against time to recover: exposed when TTS < TTR.
    let sim = Simulator::new(net, &scenario.baseline, &scenario.settings);
    println!("Exposure ranking (full outage of one supplier from day 0; PI = lost production over its TTR)");
    println!(
        "{:<16} {:>10} {:>8} {:>8} {:>16} {:>6}",
        "facility", "TTS days", "TTR", "exposed", "PI (USD)", "REI"
    );
    for e in analyse(&sim) {
        let tts = match e.tts {
            Survival::Days(d) => d.to_string(),
            Survival::AtLeast(d) => format!(">={d}"),
        };
        println!(
            "{:<16} {:>10} {:>8} {:>8} {:>16} {:>6}",
            net.facility(e.facility).id,
            tts,
            e.ttr.map_or("-".into(), |t| format!("{t:.0}")),
            e.exposed.map_or("-", |x| if x { "YES" } else { "no" }),
            e.performance_impact.map_or("-".into(), |p| format!("{p:.0}")),
            e.risk_exposure_index.map_or("-".into(), |r| format!("{r:.2}")),
        );
    }

    // Structure: single points of failure and route exposure (an upper bound: no stock,
    // rerouting or re-sourcing).
    let ins = inspect(net, &scenario.baseline, false);
    println!("\nSingle points of failure");
    for s in &ins.spof {
        let names = |ids: &[kuroshio_core::FacilityId]| {
            ids.iter().map(|&f| net.facility(f).id.clone()).collect::<Vec<_>>()
        };
        let cps: Vec<String> = s.chokepoints.iter().map(|&c| net.chokepoints[c.index()].id.clone()).collect();
        println!(
            "  {:<14} facilities {:?}, chokepoints {:?}",
            net.facility(s.market).id,
            names(&s.facilities),
            cps
        );
    }
    println!("\nTop chokepoints by exposed production value (upper bound, USD a day)");
    for c in ins.exposure.iter().take(8) {
        let markets: Vec<String> = c
            .markets
            .iter()
            .map(|m| format!("{} {:.0}%", net.facility(m.market).id, 100.0 * m.share))
            .collect();
        println!(
            "  {:<14} {:>14.0}  {}",
            net.chokepoints[c.chokepoint.index()].id,
            c.total_value,
            markets.join(", ")
        );
    }
}
