//! Baseline and structural analysis on small scenarios, each expected value computed by hand in
//! the comment beside it.

use kuroshio_core::analysis::{concentration, exposure, spof};
use kuroshio_core::{Scenario, load};

/// Loads an inline-TOML scenario from a temporary directory.
fn scenario(toml: &str) -> Scenario {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("scenario.toml"), toml).expect("write");
    match load(dir.path()) {
        Ok(s) => s,
        Err(kuroshio_core::CoreError::Invalid(d)) => panic!("fixture invalid:\n{d}"),
        Err(e) => panic!("{e}"),
    }
}

fn output(s: &Scenario, id: &str) -> f64 {
    s.baseline.output[s.network.facility_id(id).expect(id).index()]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

const REGIONS: &str = r#"
[[regions]]
id = "JPN-Kanto"
country = "JPN"
[[regions]]
id = "TWN-North"
country = "TWN"
[[regions]]
id = "USA-Michigan"
country = "USA"
"#;

/// Diamond with 60/40 sourcing: market M wants 50 P/day; P needs 2 Q per unit; Q comes 60% from
/// S1 and 40% from S2; each Q needs 1.5 R from the raw source R0.
fn diamond() -> String {
    format!(
        r#"
[scenario]
name = "diamond"
{REGIONS}
[[products]]
id = "r"
unit_value = 1
[[products]]
id = "q"
unit_value = 10
[[products]]
id = "p"
unit_value = 100
[[recipes]]
product = "p"
input = "q"
per_unit = 2
[[recipes]]
product = "q"
input = "r"
per_unit = 1.5
[[facilities]]
id = "R0"
kind = "mine"
country = "JPN"
region = "JPN-Kanto"
product = "r"
capacity = 150
[[facilities]]
id = "S1"
kind = "tier2"
country = "JPN"
region = "JPN-Kanto"
product = "q"
capacity = 60
[[facilities]]
id = "S2"
kind = "tier2"
country = "TWN"
region = "TWN-North"
product = "q"
capacity = 40
[[facilities]]
id = "P"
kind = "assembly"
country = "USA"
region = "USA-Michigan"
product = "p"
utilization = 0.5
[[markets]]
id = "M"
country = "USA"
region = "USA-Michigan"
product = "p"
demand_per_day = 50
[[links]]
supplier = "R0"
customer = "S1"
product = "r"
share = 1
lead_time_days = 2
[[links]]
supplier = "R0"
customer = "S2"
product = "r"
share = 1
lead_time_days = 5
[[links]]
supplier = "S1"
customer = "P"
product = "q"
share = 0.6
lead_time_days = 14
[[links]]
supplier = "S2"
customer = "P"
product = "q"
share = 0.4
lead_time_days = 17
[[links]]
supplier = "P"
customer = "M"
product = "p"
share = 1
lead_time_days = 1
"#
    )
}

#[test]
fn diamond_baseline_by_hand() {
    let s = scenario(&diamond());
    // P = 50; Q needed = 2 * 50 = 100, S1 = 0.6 * 100 = 60, S2 = 0.4 * 100 = 40;
    // R0 = 1.5 * (60 + 40) = 150 (exactly its capacity: allowed).
    let expected = [("M", 50.0), ("P", 50.0), ("S1", 60.0), ("S2", 40.0), ("R0", 150.0)];
    for (id, x) in expected {
        assert!(close(output(&s, id), x), "{id}: {} != {x}", output(&s, id));
    }
    assert!(!s.baseline.cyclic);
    // Capacity from utilization: 50 / 0.5 = 100.
    let p = s.network.facility_id("P").unwrap();
    assert!(close(s.network.facility(p).capacity, 100.0));
    // Link flows: S1 -> P carries 60, its pipeline holds 14 days of it = 840.
    let l = s
        .network
        .links
        .iter()
        .position(|l| l.supplier == s.network.facility_id("S1").unwrap() && l.customer == p)
        .unwrap();
    assert!(close(s.baseline.link_flow[l], 60.0));
    assert!(close(s.baseline.pipeline(&s.network, kuroshio_core::LinkId::from_index(l)), 840.0));
    // P's stock of q: default 30 inventory days * 2 per unit * 50/day = 3000.
    assert!(close(s.baseline.inventory(&s.network, p, 0), 3000.0));
}

#[test]
fn three_sector_cycle_matches_the_leontief_inverse() {
    // Sectors A, B, C; C uses 0.1 a per unit, A uses 0.2 b, B uses 0.3 c; final demand 100 a
    // and 50 b. x = A x + d:
    //   x_A = 100 + 0.1 x_C,  x_B = 50 + 0.2 x_A,  x_C = 0.3 x_B
    // => x_C = 15 + 0.06 x_A, x_A = 101.5 + 0.006 x_A = 101.5 / 0.994 = 102.112676056338...
    //    x_B = 50 + 0.2 x_A = 70.422535211267..., x_C = 0.3 x_B = 21.126760563380...
    let toml = format!(
        r#"
[scenario]
name = "cycle"
[settings]
baseline_tolerance = 1e-13
{REGIONS}
[[products]]
id = "a"
unit_value = 1
[[products]]
id = "b"
unit_value = 1
[[products]]
id = "c"
unit_value = 1
[[recipes]]
product = "a"
input = "b"
per_unit = 0.2
[[recipes]]
product = "b"
input = "c"
per_unit = 0.3
[[recipes]]
product = "c"
input = "a"
per_unit = 0.1
[[facilities]]
id = "A"
kind = "sector"
country = "JPN"
region = "JPN-Kanto"
product = "a"
[[facilities]]
id = "B"
kind = "sector"
country = "JPN"
region = "JPN-Kanto"
product = "b"
[[facilities]]
id = "C"
kind = "sector"
country = "JPN"
region = "JPN-Kanto"
product = "c"
[[markets]]
id = "MA"
country = "JPN"
region = "JPN-Kanto"
product = "a"
demand_per_day = 100
[[markets]]
id = "MB"
country = "JPN"
region = "JPN-Kanto"
product = "b"
demand_per_day = 50
[[links]]
supplier = "B"
customer = "A"
product = "b"
share = 1
lead_time_days = 1
[[links]]
supplier = "C"
customer = "B"
product = "c"
share = 1
lead_time_days = 1
[[links]]
supplier = "A"
customer = "C"
product = "a"
share = 1
lead_time_days = 1
[[links]]
supplier = "A"
customer = "MA"
product = "a"
share = 1
lead_time_days = 1
[[links]]
supplier = "B"
customer = "MB"
product = "b"
share = 1
lead_time_days = 1
"#
    );
    let s = scenario(&toml);
    assert!(s.baseline.cyclic);
    let x_a = 101.5 / 0.994;
    let x_b = 50.0 + 0.2 * x_a;
    let x_c = 0.3 * x_b;
    for (id, x) in [("A", x_a), ("B", x_b), ("C", x_c)] {
        assert!((output(&s, id) - x).abs() / x < 1e-11, "{id}: {} != {x}", output(&s, id));
    }
    assert!((x_a - 102.112_676_056_338).abs() < 1e-9);
}

#[test]
fn single_points_of_failure_follow_and_or_logic() {
    let s = scenario(&diamond());
    let net = &s.network;
    let spof = spof::single_points_of_failure(net, false);
    assert_eq!(spof.len(), 1);
    let ids: Vec<&str> = spof[0].facilities.iter().map(|&f| net.facility(f).id.as_str()).collect();
    // R0 feeds both Q suppliers (AND through each recipe), P is alone; S1 or S2 alone is not
    // fatal because the other still supplies q (OR).
    assert_eq!(ids, ["R0", "P"]);
    assert!(spof[0].chokepoints.is_empty());
}

#[test]
fn backups_count_only_when_asked() {
    // P's only regular supplier of q is S1; S2 is a qualified backup.
    let toml = diamond()
        .replace("share = 0.6\nlead_time_days = 14", "share = 1\nlead_time_days = 14")
        .replace("share = 0.4\nlead_time_days = 17", "backup = true\nlead_time_days = 17")
        .replace("capacity = 40", "capacity = 100")
        .replace("capacity = 60", "capacity = 100");
    let s = scenario(&toml);
    let net = &s.network;
    let names = |with| -> Vec<String> {
        spof::single_points_of_failure(net, with)[0]
            .facilities
            .iter()
            .map(|&f| net.facility(f).id.clone())
            .collect()
    };
    assert_eq!(names(false), ["R0", "S1", "P"]);
    assert_eq!(names(true), ["R0", "P"]);
}

#[test]
fn concentration_hhi_by_hand() {
    let s = scenario(&diamond());
    let net = &s.network;
    let c = concentration::by_country(net);
    let q = c.iter().find(|c| net.products[c.product.index()].id == "q").unwrap();
    // Capacity of q: JPN 60, TWN 40 => HHI = 60^2 + 40^2 = 3600 + 1600 = 5200 > 2500.
    assert!(close(q.hhi, 5200.0));
    assert_eq!(q.top_country.code(), "JPN");
    assert!(close(q.top_share, 0.6));
    assert!(q.concentrated);
    // One country only: 10,000.
    let r = c.iter().find(|c| net.products[c.product.index()].id == "r").unwrap();
    assert!(close(r.hhi, 10_000.0));
}

#[test]
fn route_exposure_takes_the_max_over_inputs_and_the_share_over_suppliers() {
    // Add chokepoints: S2 -> P (40% of q) passes the Taiwan Strait and the LA port; P -> M passes
    // nothing; R0 -> S1 passes nothing.
    let toml = diamond()
        .replace(
            "[[products]]\nid = \"r\"",
            r#"[[chokepoints]]
id = "strait"
kind = "strait"
country = "TWN"
[[chokepoints]]
id = "la"
kind = "port"
country = "USA"
[[chokepoints]]
id = "keihin"
kind = "port"
country = "JPN"
[[routes]]
id = "tw-us"
chokepoints = "strait;la"
transit_days = 16
alternate_chokepoints = "la"
alternate_extra_days = 2
alternate_capacity = 0.5
[[routes]]
id = "jp-tw"
chokepoints = ["keihin"]
transit_days = 4
[[products]]
id = "r""#,
        )
        .replace("share = 0.4\nlead_time_days = 17", "share = 0.4\nlead_time_days = 17\nroute = \"tw-us\"")
        .replace(
            "customer = \"S2\"\nproduct = \"r\"\nshare = 1\nlead_time_days = 5",
            "customer = \"S2\"\nproduct = \"r\"\nshare = 1\nlead_time_days = 5\nroute = \"jp-tw\"",
        );
    let s = scenario(&toml);
    let net = &s.network;
    let ex = exposure::route_exposure(net, &s.baseline);
    let get = |id: &str| ex.iter().find(|e| net.chokepoints[e.chokepoint.index()].id == id).unwrap();
    // P's q comes 40% via S2 on tw-us (strait, la): e_P(strait) = 0.4, so M's share is 0.4 and
    // its value 0.4 * 50/day * 100 USD = 2,000 USD/day. The keihin port sits upstream of S2 (its
    // only r supply), so e_S2(keihin) = 1 and e_P(keihin) = 0.4 * 1 = 0.4 too.
    for id in ["strait", "la", "keihin"] {
        let e = get(id);
        assert_eq!(e.markets.len(), 1);
        assert!(close(e.markets[0].share, 0.4), "{id}: {}", e.markets[0].share);
        assert!(close(e.markets[0].value, 2000.0));
    }
    // The strait has an alternate avoiding it: not a single point of failure; the LA port is on
    // both paths of tw-us but S1 still supplies q, so neither is.
    assert!(spof::single_points_of_failure(net, false)[0].chokepoints.is_empty());
}
