//! `[[intervention]]`: parsing, located errors, and each kind's change to the network, the
//! baseline and the disruptions, with values checked by hand.

use std::path::Path;

use kuroshio_core::{Diagnostics, FacilityId, LinkId, Scenario, load};
use kuroshio_montecarlo::intervention::{Change, Hardening, InterventionKind};
use kuroshio_montecarlo::{Intervention, Variant, hazards, interventions, parse_interventions, sample_trial};
use kuroshio_sim::{Disruption, RecoveryProfile, RunOptions, Simulator};

/// The network most tests use. Facilities (id order): M1 mine (JPN), F1 fab (JPN-Kanto, given
/// capacity 100), F2 fab (JPN-Kansai, utilization 0.5), F3 fab (TWN-North, capacity 15), F4 fab
/// (KOR, capacity 100, no customer), F5 fab (KOR, a backup of A1), A1 assembly (JPN, 10 days of
/// stock), markets MK1 (JPN) and MK2 (TWN), 10/day each, holding no stock.
///
/// Baseline: A1 makes 20/day; chips into A1 by share F1 0.4, F2 0.3, F3 0.3, so F1 = 8, F2 = 6
/// (capacity 6 / 0.5 = 12), F3 = 6, F4 = F5 = 0; M1 = 20.
const NETWORK: &str = r#"
[scenario]
name = "interventions"
[settings]
horizon_days = 120
[[regions]]
id = "JPN-Kanto"
country = "JPN"
[[regions]]
id = "JPN-Kansai"
country = "JPN"
[[regions]]
id = "TWN-North"
country = "TWN"
[[regions]]
id = "KOR-Gyeonggi"
country = "KOR"
[[chokepoints]]
id = "strait"
kind = "strait"
country = "TWN"
region = "TWN-North"
[[chokepoints]]
id = "port"
kind = "port"
country = "JPN"
region = "JPN-Kanto"
[[chokepoints]]
id = "luzon"
kind = "strait"
country = "PHL"
[[routes]]
id = "tw-jp"
chokepoints = "strait;port"
transit_days = 3
[[products]]
id = "raw"
unit_value = 1
sector = "materials"
[[products]]
id = "chip"
unit_value = 10
sector = "semiconductors"
qualification_days = 30
[[products]]
id = "car"
unit_value = 100
sector = "vehicles"
[[recipes]]
product = "chip"
input = "raw"
per_unit = 1
[[recipes]]
product = "car"
input = "chip"
per_unit = 1
[[facilities]]
id = "M1"
kind = "mine"
country = "JPN"
region = "JPN-Kanto"
product = "raw"
capacity = 1000
[[facilities]]
id = "F1"
kind = "fab"
country = "JPN"
region = "JPN-Kanto"
product = "chip"
capacity = 100
tags = ["coastal"]
[[facilities]]
id = "F2"
kind = "fab"
country = "JPN"
region = "JPN-Kansai"
product = "chip"
utilization = 0.5
[[facilities]]
id = "F3"
kind = "fab"
country = "TWN"
region = "TWN-North"
product = "chip"
capacity = 15
tags = ["coastal"]
[[facilities]]
id = "F4"
kind = "fab"
country = "KOR"
region = "KOR-Gyeonggi"
product = "chip"
capacity = 100
[[facilities]]
id = "F5"
kind = "fab"
country = "KOR"
region = "KOR-Gyeonggi"
product = "chip"
capacity = 100
[[facilities]]
id = "A1"
kind = "assembly"
country = "JPN"
region = "JPN-Kanto"
product = "car"
capacity = 100
inventory_days = 10
[[markets]]
id = "MK1"
country = "JPN"
region = "JPN-Kanto"
product = "car"
demand_per_day = 10
inventory_days = 0
[[markets]]
id = "MK2"
country = "TWN"
region = "TWN-North"
product = "car"
demand_per_day = 10
inventory_days = 0
[[links]]
supplier = "M1"
customer = "F1"
product = "raw"
share = 1
lead_time_days = 2
[[links]]
supplier = "M1"
customer = "F2"
product = "raw"
share = 1
lead_time_days = 2
[[links]]
supplier = "M1"
customer = "F3"
product = "raw"
share = 1
lead_time_days = 5
route = "tw-jp"
[[links]]
supplier = "M1"
customer = "F4"
product = "raw"
share = 1
lead_time_days = 2
[[links]]
supplier = "M1"
customer = "F5"
product = "raw"
share = 1
lead_time_days = 2
[[links]]
supplier = "F1"
customer = "A1"
product = "chip"
share = 0.4
lead_time_days = 2
[[links]]
supplier = "F2"
customer = "A1"
product = "chip"
share = 0.3
lead_time_days = 2
[[links]]
supplier = "F3"
customer = "A1"
product = "chip"
share = 0.3
lead_time_days = 5
route = "tw-jp"
[[links]]
supplier = "F5"
customer = "A1"
product = "chip"
backup = true
lead_time_days = 4
[[links]]
supplier = "A1"
customer = "MK1"
product = "car"
share = 1
lead_time_days = 1
[[links]]
supplier = "A1"
customer = "MK2"
product = "car"
share = 1
lead_time_days = 1
"#;

// ---------------------------------------------------------------------------------------------
// Helpers

/// Loads `network` with `extra` appended to its `scenario.toml`.
fn load_text(network: &str, extra: &str) -> Scenario {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!("{network}\n{extra}");
    std::fs::write(dir.path().join("scenario.toml"), &text).expect("write");
    match load(dir.path()) {
        Ok(s) => s,
        Err(kuroshio_core::CoreError::Invalid(d)) => panic!("fixture invalid:\n{d}"),
        Err(e) => panic!("{e}"),
    }
}

fn scenario(extra: &str) -> Scenario {
    load_text(NETWORK, extra)
}

/// The fixture with `toml` appended, and its interventions.
fn parsed(toml: &str) -> (Scenario, Vec<Intervention>) {
    let s = scenario(toml);
    match interventions(&s) {
        Ok(i) => (s, i),
        Err(d) => panic!("interventions invalid:\n{d}"),
    }
}

/// The fixture with one intervention, applied.
fn variant(toml: &str) -> (Scenario, Intervention, Variant) {
    let (s, mut i) = parsed(toml);
    assert_eq!(i.len(), 1);
    let i = i.remove(0);
    let v = i.apply(&s.network, &s.baseline, &s.settings).unwrap_or_else(|e| panic!("{e}"));
    (s, i, v)
}

fn fid(s: &Scenario, id: &str) -> FacilityId {
    s.network.facility_id(id).unwrap_or_else(|| panic!("no facility {id}"))
}

/// The link supplier -> customer in `net`.
fn link(net: &kuroshio_core::Network, supplier: &str, customer: &str) -> LinkId {
    let (s, c) = (net.facility_id(supplier).unwrap(), net.facility_id(customer).unwrap());
    let l = net.links.iter().position(|l| l.supplier == s && l.customer == c);
    LinkId::from_index(l.unwrap_or_else(|| panic!("no link {supplier} -> {customer}")))
}

/// Parses an interventions-only text against the fixture network (errors are expected).
fn diagnostics(text: &str) -> Diagnostics {
    let s = scenario("");
    let mut d = Diagnostics::new();
    let i = parse_interventions(Path::new("i.toml"), text, &s.network, &mut d);
    assert!(d.has_errors(), "expected errors, parsed {i:?}");
    d
}

/// 1-based line and column of the `nth` (from 0) occurrence of `needle` in `text`.
fn position(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let at = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("`{needle}` not in text")).0;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

/// Asserts that `d` holds an error at `(line, col)` with `field`, whose message contains `text`.
fn assert_error(d: &Diagnostics, at: (usize, usize), field: &str, text: &str) {
    let found = d.errors().any(|e| {
        (e.location.line, e.location.column) == at
            && e.field.as_deref() == Some(field)
            && e.problem.to_string().contains(text)
    });
    assert!(found, "no error at {at:?} on `{field}` containing `{text}`; got:\n{d}");
}

fn assert_close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0), "{what}: {a} != {b}");
}

/// Baseline stock target of `product` at `facility`.
fn stock_target(
    net: &kuroshio_core::Network,
    base: &kuroshio_core::Baseline,
    f: FacilityId,
    product: &str,
) -> f64 {
    let p = net.product_id(product).unwrap();
    let k = net.inputs(f).iter().position(|i| i.product == p).expect("input");
    base.inventory(net, f, k)
}

// ---------------------------------------------------------------------------------------------
// Each kind, by hand

#[test]
fn stockpile_raises_the_stock_target_by_extra_days_a_x() {
    // (intervention body, facility, input, expected rise of the stock target)
    #[rustfmt::skip]
    let table: &[(&str, &str, &str, f64)] = &[
        // A1 makes 20/day of cars with 1 chip each: 60 * 1 * 20 = 1200.
        (r#"product = "chip"
extra_days = 60
footprint = { facilities = ["A1"] }"#, "A1", "chip", 1200.0),
        // Fabs of Kanto: F1 makes 8/day with 1 raw each: 45 * 1 * 8 = 360.
        (r#"product = "raw"
extra_days = 45
footprint = { regions = ["JPN-Kanto"], kinds = ["fab"] }"#, "F1", "raw", 360.0),
        // No footprint: every user of chip; A1 (the only one): 7.5 * 20 = 150.
        ("product = \"chip\"\nextra_days = 7.5", "A1", "chip", 150.0),
    ];
    for &(body, facility, product, rise) in table {
        let (s, i, v) = variant(&format!("[[intervention]]\nname = \"x\"\nkind = \"stockpile\"\n{body}\n"));
        assert_eq!(i.kind(), InterventionKind::Stockpile);
        let f = fid(&s, facility);
        let before = stock_target(&s.network, &s.baseline, f, product);
        let after = stock_target(&v.network, &v.baseline, f, product);
        assert_close(after - before, rise, body);
        // Flows do not change, and nothing else is stocked.
        assert_eq!(v.baseline.output, s.baseline.output, "{body}");
        for g in 0..s.network.facilities.len() {
            let g = FacilityId::from_index(g);
            if g == f {
                continue;
            }
            for k in 0..s.network.inputs(g).len() {
                assert_eq!(v.baseline.inventory(&v.network, g, k), s.baseline.inventory(&s.network, g, k));
            }
        }
    }
    // F1, F2, F3 share chip's recipe: F1 gets its own copy, F2 and F3 keep the shared one.
    let (s, _, v) = variant(
        "[[intervention]]\nname = \"x\"\nkind = \"stockpile\"\nproduct = \"raw\"\nextra_days = 45\nfootprint = { facilities = [\"F1\"] }\n",
    );
    let recipe = |net: &kuroshio_core::Network, id: &str| net.facility(net.facility_id(id).unwrap()).recipe;
    assert_eq!(v.network.recipes.len(), s.network.recipes.len() + 1);
    assert_ne!(recipe(&v.network, "F1"), recipe(&s.network, "F1"));
    assert_eq!(recipe(&v.network, "F2"), recipe(&s.network, "F2"));
    assert_eq!(
        v.network.recipes[recipe(&v.network, "F1").unwrap().index()].inputs[0].inventory_days,
        Some(75.0)
    );
}

#[test]
fn share_shift_moves_the_share_pro_rata() {
    // (from, to, share, expected shares F1, F2, F3 into A1)
    #[rustfmt::skip]
    let table: &[(&str, &str, f64, [f64; 3])] = &[
        // Half of JPN's 0.4 + 0.3 moves to TWN: 0.2, 0.15, 0.3 + 0.35.
        ("JPN", "TWN", 0.5, [0.2, 0.15, 0.65]),
        // Half of TWN's 0.3 (0.15) to JPN pro rata 4:3: 0.4 + 0.15 * 4/7, 0.3 + 0.15 * 3/7.
        ("TWN", "JPN", 0.5, [0.4 + 0.15 * 4.0 / 7.0, 0.3 + 0.15 * 3.0 / 7.0, 0.15]),
        // All of it.
        ("TWN", "JPN", 1.0, [0.4 + 0.3 * 4.0 / 7.0, 0.3 + 0.3 * 3.0 / 7.0, 0.0]),
    ];
    for &(from, to, share, expected) in table {
        let toml = format!(
            "[[intervention]]\nname = \"x\"\nkind = \"share_shift\"\nproduct = \"chip\"\nfrom_countries = [\"{from}\"]\nto_countries = \"{to}\"\nshare = {share}\n"
        );
        let (s, i, v) = variant(&toml);
        let case = format!("{from} -> {to} {share}");
        match &i.change {
            Change::ShareShift { customers, .. } => assert_eq!(customers, &[fid(&s, "A1")]),
            other => panic!("{other:?}"),
        }
        let net = &v.network;
        for (f, w) in ["F1", "F2", "F3"].iter().zip(expected) {
            assert_close(net.link(link(net, f, "A1")).share, w, &format!("{case}: {f}"));
            // The baseline follows: A1 makes 20.
            assert_close(v.baseline.output[fid(&s, f).index()], 20.0 * w, &format!("{case}: x {f}"));
        }
        // F2's capacity came from utilization 0.5: at least its 12, and x / 0.5 when it grows.
        let f2 = fid(&s, "F2");
        let x2 = v.baseline.output[f2.index()];
        assert_close(v.network.facility(f2).capacity, (x2 / 0.5).max(12.0), &format!("{case}: F2 capacity"));
        // F1 and F3 have given capacities, which stay.
        assert_eq!(v.network.facility(fid(&s, "F3")).capacity, 15.0);
    }
}

#[test]
fn share_shift_beyond_a_given_capacity_is_an_error() {
    // All of JPN's 0.7 to F3: 20 * 1.0 = 20 > 15.
    let (s, i) = parsed(
        "[[intervention]]\nname = \"all-to-twn\"\nkind = \"share_shift\"\nproduct = \"chip\"\nfrom_countries = \"JPN\"\nto_countries = \"TWN\"\nshare = 1\n",
    );
    let e = i[0].apply(&s.network, &s.baseline, &s.settings).unwrap_err();
    assert_eq!(
        e.to_string(),
        "intervention `all-to-twn`: baseline output of `F3` would be 20.000000 units/day but its capacity is 15.000000 units/day; move less share to it, or raise its capacity"
    );
}

#[test]
fn backup_adds_a_backup_link_or_prequalifies_an_existing_one() {
    let (s, i, v) = variant(
        "[[intervention]]\nname = \"kr\"\nkind = \"backup\"\nsupplier = \"F4\"\ncustomer = \"A1\"\nproduct = \"chip\"\nlead_time_days = 6\nroute = \"tw-jp\"\n",
    );
    assert_eq!(i.kind(), InterventionKind::Backup);
    assert_eq!(v.network.links.len(), s.network.links.len() + 1);
    let new = v.network.link(link(&v.network, "F4", "A1"));
    assert!(new.backup && !new.prequalified);
    assert_eq!((new.share, new.lead_time_days), (0.0, 6));
    assert_eq!(new.route, v.network.route_id("tw-jp"));
    // Existing links keep their ids; flows do not change; the new link carries nothing.
    assert_eq!(&v.network.links[..s.network.links.len()], &s.network.links[..]);
    assert_eq!(v.baseline.output, s.baseline.output);
    assert_eq!(v.baseline.link_flow[s.network.links.len()], 0.0);

    // F5 is already a backup of A1: it is prequalified, and no link is added.
    let (s, _, v) = variant(
        "[[intervention]]\nname = \"kr\"\nkind = \"backup\"\nsupplier = \"F5\"\ncustomer = \"A1\"\nprequalified = true\n",
    );
    assert_eq!(v.network.links.len(), s.network.links.len());
    let l = v.network.link(link(&v.network, "F5", "A1"));
    assert!(l.backup && l.prequalified);
    assert_eq!(l.lead_time_days, 4);
}

/// The sim's `backup_starts_after_qualification` case: S1 (share 1) -> M (10/day, no stock),
/// lead 2, switch after 3 days; S1 is out from day 5 for good. A backup S2 qualified after
/// Q = 10 days first ships on day 16: M is short 10/day on days 7 ..= 17, 110 units. Prequalified
/// it is as if Q = 0: short on days 7 ..= 9, 30 units.
#[test]
fn a_prequalified_backup_is_usable_at_once() {
    let network = r#"
[scenario]
name = "backup"
[settings]
horizon_days = 40
adjustment_days = 1
switch_after_days = 3
shares_return = false
[[regions]]
id = "JPN-Kanto"
country = "JPN"
[[products]]
id = "p"
unit_value = 1
qualification_days = 10
[[facilities]]
id = "S1"
kind = "tier1"
country = "JPN"
region = "JPN-Kanto"
product = "p"
capacity = 1000
[[facilities]]
id = "S2"
kind = "tier1"
country = "JPN"
region = "JPN-Kanto"
product = "p"
capacity = 1000
[[markets]]
id = "M"
country = "JPN"
region = "JPN-Kanto"
product = "p"
demand_per_day = 10
inventory_days = 0
[[links]]
supplier = "S1"
customer = "M"
product = "p"
share = 1
lead_time_days = 2
"#;
    let unmet = |prequalified: Option<bool>| -> f64 {
        let extra = match prequalified {
            None => String::new(),
            Some(p) => format!(
                "[[intervention]]\nname = \"b\"\nkind = \"backup\"\nsupplier = \"S2\"\ncustomer = \"M\"\nlead_time_days = 2\nprequalified = {p}\n"
            ),
        };
        let s = load_text(network, &extra);
        let i = interventions(&s).unwrap_or_else(|d| panic!("{d}"));
        let v = match i.first() {
            Some(i) => i.apply(&s.network, &s.baseline, &s.settings).unwrap(),
            None => Variant {
                network: s.network.clone(),
                baseline: s.baseline.clone(),
                settings: s.settings.clone(),
                hardening: None,
            },
        };
        let s1 = v.network.facility_id("S1").unwrap();
        let out = Disruption::Outage {
            facility: s1,
            start: 5,
            duration: 1000,
            severity: 1.0,
            profile: RecoveryProfile::Step,
        };
        let o =
            Simulator::new(&v.network, &v.baseline, &v.settings).run(&[out], &RunOptions::default()).unwrap();
        o.markets[0].unmet_units
    };
    let (none, later, at_once) = (unmet(None), unmet(Some(false)), unmet(Some(true)));
    // No backup: short 10/day from day 7 to the last day 39.
    assert_close(none, 330.0, "no backup");
    assert_close(later, 110.0, "backup after qualification");
    assert_close(at_once, 30.0, "prequalified backup");
}

#[test]
fn harden_scales_sampled_outages_and_closures_of_its_sites() {
    let (s, i, v) = variant(
        r#"[[hazard]]
name = "quake"
kind = "outage"
probability = 1
footprint = { facilities = ["F1", "F2"], chokepoints = ["strait"] }
severity = 0.8
duration = 10
profile = "delay-ramp:4"

[[intervention]]
name = "harden-f1"
kind = "harden"
cost_per_year = 1e6
footprint = { facilities = ["F1"], chokepoints = "strait" }
severity_factor = 0.5
duration_factor = 0.5
"#,
    );
    assert_eq!(i.cost_per_year, Some(1e6));
    assert_eq!(
        v.hardening,
        Some(Hardening {
            sites: vec![
                kuroshio_montecarlo::Site::Facility(fid(&s, "F1")),
                kuroshio_montecarlo::Site::Chokepoint(s.network.chokepoint_id("strait").unwrap())
            ],
            severity_factor: 0.5,
            duration_factor: 0.5,
        })
    );
    let h = hazards(&s).unwrap();
    let mut d = sample_trial(&h, &s.network, 120, 1, 0);
    let before = d.clone();
    v.adjust(&mut d);
    assert_eq!(d.len(), 3);
    for (a, b) in before.iter().zip(&d) {
        match (a, b) {
            (
                Disruption::Outage { facility, duration: t0, severity: s0, profile: p0, .. },
                Disruption::Outage { duration: t1, severity: s1, profile: p1, .. },
            ) => {
                if *facility == fid(&s, "F1") {
                    // 0.8 * 0.5, 10 * 0.5 days, the delay 4 * 0.5.
                    assert_eq!((*s1, *t1, *p1), (0.4, 5, RecoveryProfile::DelayThenRamp { delay: 2 }));
                } else {
                    assert_eq!((s1, t1, p1), (s0, t0, p0), "F2 is not hardened");
                }
            }
            (
                Disruption::ChokepointClosure { .. },
                Disruption::ChokepointClosure { duration, severity, .. },
            ) => {
                assert_eq!((*severity, *duration), (0.4, 5));
            }
            other => panic!("{other:?}"),
        }
    }
    // The network and baseline are the base's.
    assert_eq!(v.baseline, s.baseline);
    assert_eq!(v.network.links, s.network.links);
}

#[test]
fn alternate_route_replaces_the_routes_alternate() {
    let (s, _, v) = variant(
        "[[intervention]]\nname = \"detour\"\nkind = \"alternate_route\"\nroute = \"tw-jp\"\nvia = [\"luzon\", \"port\"]\nextra_days = 4\ncapacity_share = 0.6\n",
    );
    let r = s.network.route_id("tw-jp").unwrap();
    assert_eq!(s.network.routes[r.index()].alternate, None);
    let alt = v.network.routes[r.index()].alternate.clone().expect("alternate");
    let ids: Vec<&str> =
        alt.chokepoints.iter().map(|c| s.network.chokepoints[c.index()].id.as_str()).collect();
    assert_eq!(ids, ["luzon", "port"]);
    assert_eq!((alt.extra_days, alt.capacity_share), (4, 0.6));
    assert_eq!(v.baseline, s.baseline);
}

// ---------------------------------------------------------------------------------------------
// An intervention that changes nothing changes no outcome

#[test]
fn a_null_intervention_reproduces_the_base_outcome_bit_for_bit() {
    let hazard = r#"
[[hazard]]
name = "fabs"
kind = "outage"
rate_per_year = 6
footprint = { kinds = ["fab"] }
share_hit = 0.8
severity = { dist = "uniform", min = 0.9, max = 1 }
duration = { dist = "lognormal", median = 20, p90 = 60 }
correlation = 0.3
[[hazard]]
name = "strait"
kind = "closure"
rate_per_year = 2
footprint = { chokepoints = ["strait"] }
duration = 12
"#;
    // (intervention body, whether it changes nothing); the two that change something show the
    // comparison can tell.
    let cases = [
        ("kind = \"stockpile\"\nproduct = \"chip\"\nextra_days = 0", true),
        ("kind = \"stockpile\"\nproduct = \"chip\"\nextra_days = 60", false),
        ("kind = \"harden\"\nfootprint = { kinds = [\"fab\"] }\nduration_factor = 0.5", false),
        ("kind = \"stockpile\"\nproduct = \"raw\"\nextra_days = 0\nfootprint = { kinds = [\"fab\"] }", true),
        (
            "kind = \"harden\"\nfootprint = { kinds = [\"fab\"], chokepoints = [\"strait\"] }\nseverity_factor = 1",
            true,
        ),
        (
            "kind = \"share_shift\"\nproduct = \"chip\"\nfrom_countries = \"JPN\"\nto_countries = \"TWN\"\nshare = 0",
            true,
        ),
    ];
    for (body, null) in cases {
        let (s, i) = parsed(&format!("{hazard}\n[[intervention]]\nname = \"null\"\n{body}\n"));
        let v = i[0].apply(&s.network, &s.baseline, &s.settings).unwrap();
        let h = hazards(&s).unwrap();
        let base = Simulator::new(&s.network, &s.baseline, &s.settings);
        let var = Simulator::new(&v.network, &v.baseline, &v.settings);
        let (mut hit, mut differ) = (0, 0);
        for trial in 0..12 {
            let d = sample_trial(&h, &s.network, s.settings.horizon_days, 2026, trial);
            let mut dv = d.clone();
            v.adjust(&mut dv);
            let a = base.run(&d, &RunOptions::default()).unwrap();
            let b = var.run(&dv, &RunOptions::default()).unwrap();
            // Debug prints every f64 exactly (shortest round trip), so equal text is equal bits.
            let same = format!("{a:?}") == format!("{b:?}");
            if null {
                assert_eq!(format!("{d:?}"), format!("{dv:?}"), "{body}: trial {trial} disruptions");
                assert!(same, "{body}: trial {trial}:\n{a:?}\n{b:?}");
            }
            hit += usize::from(a.unmet_value > 0.0);
            differ += usize::from(!same);
        }
        assert!(hit >= 3, "{body}: only {hit} trials with losses; the comparison would mean little");
        if !null {
            assert!(differ > 0, "{body}: a real change must change some outcome");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Located errors

#[test]
fn bad_parameters_are_located_errors() {
    let text = r#"[[intervention]]
name = "bad-kind"
kind = "stockpil"

[[intervention]]
name = "typo"
kind = "stockpile"
product = "chip"
extra_day = 30

[[intervention]]
name = "negative-cost"
kind = "harden"
cost_per_year = -1
footprint = { facilities = ["F1"] }

[[intervention]]
name = "unknown-supplier"
kind = "backup"
supplier = "F9"
customer = "A1"
lead_time_days = 3

[[intervention]]
name = "too-hard"
kind = "harden"
footprint = { facilities = ["F1"] }
severity_factor = 1.5

[[intervention]]
name = "nowhere"
kind = "share_shift"
product = "chip"
from_countries = ["TWN"]
to_countries = ["KOR"]
share = 0.5

[[intervention]]
name = "typo"
kind = "alternate_route"
route = "tw-jp"
extra_days = 2
"#;
    let d = diagnostics(text);
    assert_error(
        &d,
        position(text, "\"stockpil\"", 0),
        "intervention[0].kind",
        "unknown intervention kind `stockpil` (did you mean `stockpile`?); expected one of: stockpile, backup, harden, alternate_route, share_shift",
    );
    assert_error(
        &d,
        position(text, "extra_day ", 0),
        "intervention[1].extra_day",
        "unknown key `extra_day` (did you mean `extra_days`?)",
    );
    // ... and, with `extra_days` missing, a missing key at the entry.
    assert_error(&d, (5, 1), "intervention[1].extra_days", "missing required key `extra_days`");
    assert_error(
        &d,
        position(text, "-1", 0),
        "intervention[2].cost_per_year",
        "value `-1` is out of range; expected a number >= 0 (USD per year)",
    );
    assert_error(
        &d,
        position(text, "\"F9\"", 0),
        "intervention[3].supplier",
        "unknown facility `F9` (did you mean `F1`?)",
    );
    assert_error(
        &d,
        position(text, "1.5", 0),
        "intervention[4].severity_factor",
        "value `1.5` is out of range; expected a number from 0 to 1",
    );
    assert_error(
        &d,
        position(text, "[\"KOR\"]", 0),
        "intervention[5].to_countries",
        "customer `A1` has none there (its suppliers of `chip` are in JPN, TWN)",
    );
    assert_error(
        &d,
        position(text, "\"typo\"", 1),
        "intervention[6].name",
        "duplicate id `typo`; first defined at i.toml:6:8",
    );
    assert_eq!(d.error_count(), 8, "{d}");
    assert!(d.errors().all(|e| e.location.file == Path::new("i.toml")));
}

#[test]
fn kind_specific_errors() {
    let text = r#"[[intervention]]
name = "market-supplier"
kind = "backup"
supplier = "MK1"
customer = "A1"
lead_time_days = 3

[[intervention]]
name = "active"
kind = "backup"
supplier = "F1"
customer = "A1"
lead_time_days = 3

[[intervention]]
name = "not-used"
kind = "backup"
supplier = "F4"
customer = "MK1"
lead_time_days = 3

[[intervention]]
name = "no-lead"
kind = "backup"
supplier = "F4"
customer = "A1"

[[intervention]]
name = "wrong-product"
kind = "backup"
supplier = "F4"
customer = "A1"
product = "raw"
lead_time_days = 3

[[intervention]]
name = "stock-nowhere"
kind = "stockpile"
product = "chip"
extra_days = 10
footprint = { kinds = ["mine"], chokepoints = ["port"] }

[[intervention]]
name = "stock-none"
kind = "stockpile"
product = "chip"
extra_days = 10
footprint = { kinds = ["mine"] }

[[intervention]]
name = "route"
kind = "alternate_route"
route = "tw-jpp"
via = ["luzonn"]
extra_days = 1.5
capacity_share = 0

[[intervention]]
name = "overlap"
kind = "share_shift"
product = "chip"
from_countries = ["JPN", "TWN"]
to_countries = ["TWN"]
share = 2
"#;
    let d = diagnostics(text);
    assert_error(&d, position(text, "\"MK1\"", 0), "intervention[0].supplier", "markets cannot supply");
    assert_error(
        &d,
        position(text, "\"F1\"", 0),
        "intervention[1].supplier",
        "not already an active supplier of `chip` to `A1` (it supplies share 0.4)",
    );
    assert_error(
        &d,
        position(text, "\"MK1\"", 1),
        "intervention[2].customer",
        "customer `MK1` does not use `chip`; its recipe takes: car",
    );
    assert_error(&d, (22, 1), "intervention[3].lead_time_days", "missing required key `lead_time_days`");
    assert_error(
        &d,
        position(text, "\"raw\"", 0),
        "intervention[4].product",
        "supplier `F4` makes `chip`, not `raw`",
    );
    assert_error(
        &d,
        position(text, "chokepoints", 0),
        "intervention[5].footprint.chokepoints",
        "expected one of: regions, countries, kinds, tags, facilities",
    );
    assert_error(
        &d,
        position(text, "{ kinds = [\"mine\"] }", 0),
        "intervention[6].footprint",
        "a footprint that selects at least one facility whose recipe uses `chip`",
    );
    assert_error(
        &d,
        position(text, "\"tw-jpp\"", 0),
        "intervention[7].route",
        "unknown route `tw-jpp` (did you mean `tw-jp`?)",
    );
    assert_error(
        &d,
        position(text, "\"luzonn\"", 0),
        "intervention[7].via",
        "unknown chokepoint `luzonn` (did you mean `luzon`?)",
    );
    assert_error(
        &d,
        position(text, "1.5", 0),
        "intervention[7].extra_days",
        "a whole number from 0 to 1000000",
    );
    assert_error(
        &d,
        position(text, "0\n\n", 0),
        "intervention[7].capacity_share",
        "greater than 0 and at most 1",
    );
    assert_error(&d, position(text, "2\n", 0), "intervention[8].share", "from 0 to 1");
    assert_eq!(d.error_count(), 12, "{d}");
}

#[test]
fn an_empty_harden_footprint_is_a_warning() {
    let s = scenario("");
    let text = "[[intervention]]\nname = \"x\"\nkind = \"harden\"\nfootprint = { regions = [\"TWN-North\"], kinds = [\"mine\"] }\n";
    let mut d = Diagnostics::new();
    let i = parse_interventions(Path::new("i.toml"), text, &s.network, &mut d);
    assert!(!d.has_errors(), "{d}");
    assert_eq!(d.warnings().count(), 1);
    assert_eq!(d.all()[0].field.as_deref(), Some("intervention[0].footprint"));
    assert!(matches!(&i[0].change, Change::Harden(h) if h.sites.is_empty()));
}

#[test]
fn every_kind_parses_from_a_loaded_scenario() {
    let (_, i) = parsed(
        r#"
[[intervention]]
name = "a"
kind = "stockpile"
product = "chip"
extra_days = 30
[[intervention]]
name = "b"
kind = "backup"
supplier = "F4"
customer = "A1"
lead_time_days = 3
[[intervention]]
name = "c"
kind = "harden"
footprint = { countries = ["TWN"] }
duration_factor = 0.5
[[intervention]]
name = "d"
kind = "alternate_route"
route = "tw-jp"
extra_days = 0
[[intervention]]
name = "e"
kind = "share_shift"
product = "chip"
customers = { facilities = ["A1"] }
from_countries = "TWN"
to_countries = "JPN"
share = 0.25
cost_per_year = 0
"#,
    );
    let kinds: Vec<InterventionKind> = i.iter().map(Intervention::kind).collect();
    assert_eq!(
        kinds,
        [
            InterventionKind::Stockpile,
            InterventionKind::Backup,
            InterventionKind::Harden,
            InterventionKind::AlternateRoute,
            InterventionKind::ShareShift
        ]
    );
    let costs: Vec<Option<f64>> = i.iter().map(|i| i.cost_per_year).collect();
    assert_eq!(costs, [None, None, None, None, Some(0.0)]);
    assert!(matches!(&i[2].change, Change::Harden(h) if h.severity_factor == 1.0 && h.sites.len() == 1));
}
