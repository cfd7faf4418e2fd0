//! The `[[hazard]]` catalog: parsing, located errors, footprints, and sampling statistics with
//! fixed seeds and stated tolerances.

use std::path::Path;

use kuroshio_core::{Diagnostics, Problem, Scenario, Severity as DiagSeverity, load};
use kuroshio_montecarlo::{
    Effect, Frequency, Hazard, HazardKind, Site, hazards, parse_hazards, sample_trial,
};
use kuroshio_sim::{Disruption, Goods, RecoveryProfile};

/// The network every test uses. Regions: JPN-Kanto, JPN-Kansai, TWN-North. Facilities (id order):
/// M1 mine (Kanto), F1 fab (Kanto, coastal), F2 fab (Kansai), F3 fab (TWN-North, coastal),
/// A1 assembly (Kanto), then markets MK1 (JPN, Kanto) and MK2 (TWN, TWN-North). Chokepoints:
/// strait (TWN, TWN-North), port (JPN, JPN-Kanto).
const NETWORK: &str = r#"
[scenario]
name = "hazards"
[settings]
horizon_days = 365
[[regions]]
id = "JPN-Kanto"
country = "JPN"
[[regions]]
id = "JPN-Kansai"
country = "JPN"
[[regions]]
id = "TWN-North"
country = "TWN"
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
capacity = 100
[[facilities]]
id = "F3"
kind = "fab"
country = "TWN"
region = "TWN-North"
product = "chip"
capacity = 100
tags = ["coastal"]
[[facilities]]
id = "A1"
kind = "assembly"
country = "JPN"
region = "JPN-Kanto"
product = "car"
capacity = 100
[[markets]]
id = "MK1"
country = "JPN"
region = "JPN-Kanto"
product = "car"
demand_per_day = 10
[[markets]]
id = "MK2"
country = "TWN"
region = "TWN-North"
product = "car"
demand_per_day = 10
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

/// Loads the network with `hazards` appended to its `scenario.toml`.
fn scenario(hazards: &str) -> Scenario {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!("{NETWORK}\n{hazards}");
    std::fs::write(dir.path().join("scenario.toml"), &text).expect("write");
    match load(dir.path()) {
        Ok(s) => s,
        Err(kuroshio_core::CoreError::Invalid(d)) => panic!("fixture invalid:\n{d}"),
        Err(e) => panic!("{e}"),
    }
}

fn parsed(hazard_toml: &str) -> (Scenario, Vec<Hazard>) {
    let s = scenario(hazard_toml);
    match hazards(&s) {
        Ok(h) => (s, h),
        Err(d) => panic!("hazards invalid:\n{d}"),
    }
}

/// Parses a hazards-only text against the fixture network (errors are expected).
fn diagnostics(text: &str) -> Diagnostics {
    let s = scenario("");
    let mut d = Diagnostics::new();
    let h = parse_hazards(Path::new("h.toml"), text, &s.network, &mut d);
    assert!(d.has_errors(), "expected errors, parsed {h:?}");
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

fn sites(s: &Scenario, h: &Hazard) -> Vec<String> {
    h.sites
        .iter()
        .map(|site| match *site {
            Site::Facility(f) => s.network.facility(f).id.clone(),
            Site::Chokepoint(c) => s.network.chokepoints[c.index()].id.clone(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Parsing

#[test]
fn parses_a_valid_catalog() {
    let (s, h) = parsed(
        r#"
[[hazard]]
name = "kanto-quake"
kind = "outage"
rate_per_year = 0.05
footprint = { regions = ["JPN-Kanto"] }
share_hit = 0.8
severity = { dist = "beta", a = 2, b = 3 }
duration = { dist = "lognormal", median = 14, p90 = 45 }
profile = "delay-ramp:7"
correlation = 0.5

[[hazard]]
name = "strait-blockade"
kind = "closure"
probability = 0.1
footprint = { chokepoints = ["strait"] }
duration = 30

[[hazard]]
name = "gallium-ban"
kind = "export_ban"
rate_per_year = 0.2
from = "TWN"
to = "*"
sectors = ["semiconductors"]
duration = { dist = "triangular", min = 30, mode = 90, max = 365 }

[[hazard]]
name = "jp-demand-slump"
kind = "demand"
probability = 0.3
footprint = { countries = ["JPN"] }
factor = { dist = "uniform", min = 0.6, max = 0.9 }
duration = { dist = "fixed", value = 60 }
"#,
    );
    assert_eq!(h.len(), 4);
    let names: Vec<&str> = h.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["kanto-quake", "strait-blockade", "gallium-ban", "jp-demand-slump"]);
    assert_eq!(h[0].kind, HazardKind::Outage);
    assert_eq!(h[0].frequency, Frequency::RatePerYear(0.05));
    assert_eq!(sites(&s, &h[0]), ["M1", "F1", "A1"]); // markets are not outage sites
    assert_eq!((h[0].share_hit, h[0].correlation), (0.8, 0.5));
    match &h[0].effect {
        Effect::Outage { severity, profile } => {
            assert_eq!(*profile, RecoveryProfile::DelayThenRamp { delay: 7 });
            assert_eq!(severity.distribution.name(), "beta");
            assert!(severity.clamped, "a beta's draws can round to 0");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(h[1].frequency, Frequency::Probability(0.1));
    assert_eq!(sites(&s, &h[1]), ["strait"]);
    match &h[1].effect {
        Effect::Closure { severity } => {
            assert_eq!(severity.distribution.mean(), 1.0);
            assert!(!severity.clamped);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(h[1].duration.mean(), 30.0);
    match &h[2].effect {
        Effect::ExportBan { from, to, goods } => {
            assert_eq!(from.code(), "TWN");
            assert_eq!(*to, None);
            assert_eq!(*goods, Goods::Sectors(vec!["semiconductors".into()]));
        }
        other => panic!("{other:?}"),
    }
    assert!(h[2].sites.is_empty());
    assert_eq!(sites(&s, &h[3]), ["MK1"]); // demand hazards hit markets only
    assert!(matches!(h[3].effect, Effect::Demand { .. }));
}

#[test]
fn severity_clamping_depends_on_support() {
    let (_, h) = parsed(
        r#"
[[hazard]]
name = "inside"
kind = "outage"
probability = 1
footprint = { facilities = "F1" }
severity = { dist = "uniform", min = 0.2, max = 0.6 }
duration = 5
[[hazard]]
name = "leaves"
kind = "outage"
probability = 1
footprint = { facilities = "F1" }
severity = { dist = "uniform", min = 0.5, max = 1.5 }
duration = 5
"#,
    );
    let clamped = |h: &Hazard| match &h.effect {
        Effect::Outage { severity, .. } => severity.clamped,
        _ => unreachable!(),
    };
    assert!(!clamped(&h[0]));
    assert!(clamped(&h[1]));
    // Clamped draws stay in (0, 1]; about half of uniform(0.5, 1.5) is above 1, so clamps to 1.
    let s = scenario("");
    let mut ones = 0;
    for trial in 0..1000 {
        for d in sample_trial(&h[1..], &s.network, 365, 5, trial) {
            let Disruption::Outage { severity, .. } = d else { unreachable!() };
            assert!(severity > 0.0 && severity <= 1.0);
            ones += usize::from(severity == 1.0);
        }
    }
    // Binomial(1000, 0.5): sd 15.8; 5 sd = 79.
    assert!((ones as i64 - 500).abs() < 80, "{ones}");
}

// ---------------------------------------------------------------------------------------------
// Located errors

/// Asserts that `d` holds an error at `(line, col)` with `field`, whose message contains `text`.
fn assert_error(d: &Diagnostics, at: (usize, usize), field: &str, text: &str) {
    let found = d.errors().any(|e| {
        (e.location.line, e.location.column) == at
            && e.field.as_deref() == Some(field)
            && e.problem.to_string().contains(text)
    });
    assert!(found, "no error at {at:?} on `{field}` containing `{text}`; got:\n{d}");
}

#[test]
fn every_error_is_located() {
    let text = r#"[[hazard]]
name = "typo"
kind = "outage"
rate_per_yer = 0.1
footprint = { facilities = ["F1"] }
duration = 5

[[hazard]]
name = "negative"
kind = "outage"
rate_per_year = -0.5
footprint = { facilities = ["F1"] }
duration = 5

[[hazard]]
name = "both"
kind = "closure"
rate_per_year = 1
probability = 0.5
footprint = { chokepoints = ["strait"] }
duration = 5

[[hazard]]
name = "p90-low"
kind = "outage"
probability = 0.5
footprint = { facilities = ["F1"] }
duration = { dist = "lognormal", median = 14, p90 = 10 }

[[hazard]]
name = "unknown-ids"
kind = "outage"
probability = 0.5
footprint = { regions = ["JPN-Kantoo"], facilities = ["F1", "F9"] }
duration = 5

[[hazard]]
name = "bad-kind"
kind = "outtage"
probability = 0.5
duration = 5

[[hazard]]
name = "typo"
kind = "export_ban"
probability = 0.5
from = "TWM"
duration = { dist = "lognormal", median = 14, p90 = 45, sigma = 1 }
"#;
    let d = diagnostics(text);
    // Unknown key, with a suggestion, at the key.
    assert_error(
        &d,
        position(text, "rate_per_yer", 0),
        "hazard[0].rate_per_yer",
        "did you mean `rate_per_year`?",
    );
    // ... and, since neither frequency key is then given, a missing key at the hazard.
    assert!(d.errors().any(|e| e.field.as_deref() == Some("hazard[0].rate_per_year")));
    // Negative rate, at the value.
    assert_error(&d, position(text, "-0.5", 0), "hazard[1].rate_per_year", "out of range");
    // Both frequencies: at the second key.
    assert_error(&d, position(text, "probability = 0.5", 0), "hazard[2].probability", "not both");
    // p90 below the median: at p90's value, with the distribution's message.
    assert_error(&d, position(text, "10 }", 0), "hazard[3].duration.p90", "p90 > median");
    // Unknown region and facility ids, each at its own entry, with "did you mean".
    assert_error(
        &d,
        position(text, "\"JPN-Kantoo\"", 0),
        "hazard[4].footprint.regions",
        "unknown region `JPN-Kantoo` (did you mean `JPN-Kanto`?)",
    );
    assert_error(
        &d,
        position(text, "\"F9\"", 0),
        "hazard[4].footprint.facilities",
        "unknown facility `F9` (did you mean `F1`?)",
    );
    // Unknown kind, with a suggestion.
    assert_error(&d, position(text, "\"outtage\"", 0), "hazard[5].kind", "did you mean `outage`?");
    // Duplicate name, unknown country, conflicting lognormal parameters.
    assert_error(
        &d,
        position(text, "\"typo\"", 1),
        "hazard[6].name",
        "duplicate id `typo`; first defined at h.toml:2:8",
    );
    assert_error(&d, position(text, "\"TWM\"", 0), "hazard[6].from", "unknown country `TWM`");
    assert_error(&d, position(text, "1 }", 0), "hazard[6].duration.sigma", "cannot be given together");
    assert!(d.errors().all(|e| e.location.file == Path::new("h.toml")));
}

#[test]
fn kind_specific_and_value_errors() {
    let text = r#"[[hazard]]
name = "closure-with-kinds"
kind = "closure"
probability = 1
footprint = { kinds = ["fab"] }
severity = { dist = "uniform", min = 2, max = 3 }
profile = "linear"
duration = { dist = "lognormall", median = 1, p90 = 2 }

[[hazard]]
name = "share"
kind = "outage"
probability = 1
footprint = { tags = ["coastl"] }
share_hit = 0
correlation = 1.5
profile = "ramp"
duration = 3
"#;
    let d = diagnostics(text);
    assert_error(
        &d,
        position(text, "kinds", 1),
        "hazard[0].footprint.kinds",
        "expected one of: regions, countries, chokepoints",
    );
    assert_error(&d, position(text, "{ dist = \"uniform\"", 0), "hazard[0].severity", "(0, 1]");
    assert_error(&d, position(text, "profile", 0), "hazard[0].profile", "unknown key `profile`");
    assert_error(
        &d,
        position(text, "\"lognormall\"", 0),
        "hazard[0].duration.dist",
        "did you mean `lognormal`?",
    );
    assert_error(&d, position(text, "\"coastl\"", 0), "hazard[1].footprint.tags", "did you mean `coastal`?");
    assert_error(&d, position(text, "0\ncorr", 0), "hazard[1].share_hit", "greater than 0 and at most 1");
    assert_error(&d, position(text, "1.5", 0), "hazard[1].correlation", "from 0 to 1");
    assert_error(&d, position(text, "\"ramp\"", 0), "hazard[1].profile", "delay-ramp:D");
    assert_eq!(d.error_count(), 8, "{d}");
}

#[test]
fn empty_footprint_is_a_warning() {
    let s = scenario("");
    let text = "[[hazard]]\nname = \"x\"\nkind = \"outage\"\nprobability = 1\nfootprint = { regions = [\"TWN-North\"], kinds = [\"mine\"] }\nduration = 1\n";
    let mut d = Diagnostics::new();
    let h = parse_hazards(Path::new("h.toml"), text, &s.network, &mut d);
    assert!(!d.has_errors());
    assert_eq!(d.warnings().count(), 1);
    let w = d.all()[0].clone();
    assert_eq!(w.severity, DiagSeverity::Warning);
    assert!(matches!(w.problem, Problem::MissingValue { .. }));
    assert!(h[0].sites.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Footprints

#[test]
fn footprints_select_by_region_and_intersect_filters() {
    let (s, h) = parsed(
        r#"
[[hazard]]
name = "kanto"
kind = "outage"
probability = 1
footprint = { regions = "JPN-Kanto" }
duration = 1
[[hazard]]
name = "kanto-fabs"
kind = "outage"
probability = 1
footprint = { regions = ["JPN-Kanto"], kinds = ["fab"] }
duration = 1
[[hazard]]
name = "japan-fabs"
kind = "outage"
probability = 1
footprint = { countries = ["JPN"], kinds = ["fab"] }
duration = 1
[[hazard]]
name = "coastal-or-named"
kind = "outage"
probability = 1
footprint = { tags = ["coastal"], facilities = ["M1"], chokepoints = ["port"] }
duration = 1
[[hazard]]
name = "taiwan-chokepoints"
kind = "closure"
probability = 1
footprint = { countries = ["TWN"] }
duration = 1
[[hazard]]
name = "kanto-and-taiwan"
kind = "outage"
probability = 1
footprint = { regions = ["JPN-Kanto", "TWN-North"], countries = ["TWN"] }
duration = 1
"#,
    );
    // Exactly the non-market facilities of Kanto, in id order.
    let kanto: Vec<String> = s
        .network
        .facilities
        .iter()
        .filter(|f| !f.is_market() && s.network.regions[f.region.index()].id == "JPN-Kanto")
        .map(|f| f.id.clone())
        .collect();
    assert_eq!(sites(&s, &h[0]), kanto);
    assert_eq!(sites(&s, &h[0]), ["M1", "F1", "A1"]);
    assert_eq!(sites(&s, &h[1]), ["F1"]);
    assert_eq!(sites(&s, &h[2]), ["F1", "F2"]);
    // Named sites are added to the filtered ones.
    assert_eq!(sites(&s, &h[3]), ["M1", "F1", "F3", "port"]);
    assert_eq!(sites(&s, &h[4]), ["strait"]);
    // Two filters intersect: Kanto or TWN-North, and in Taiwan.
    assert_eq!(sites(&s, &h[5]), ["F3"]);
    // Sampling with probability 1 and share_hit 1 hits every site once.
    let d = sample_trial(&h[..1], &s.network, 365, 1, 0);
    let hit: Vec<String> = d
        .iter()
        .map(|d| match d {
            Disruption::Outage { facility, severity, .. } => {
                assert_eq!(*severity, 1.0);
                s.network.facility(*facility).id.clone()
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(hit, kanto);
}

// ---------------------------------------------------------------------------------------------
// Sampling statistics

#[test]
fn poisson_event_counts_have_the_right_mean_and_variance() {
    // An export ban emits one disruption per event, so counting disruptions counts events.
    let (s, h) = parsed(
        r#"
[[hazard]]
name = "ban"
kind = "export_ban"
rate_per_year = 3
from = "TWN"
duration = 10
"#,
    );
    for horizon in [365u32, 180] {
        let lambda = 3.0 * horizon as f64 / 365.0;
        let n = 20_000u64;
        let counts: Vec<f64> =
            (0..n).map(|t| sample_trial(&h, &s.network, horizon, 2026, t).len() as f64).collect();
        let mean = counts.iter().sum::<f64>() / n as f64;
        let var = counts.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        // Mean: standard error sqrt(lambda / n) (0.012 at lambda = 3); tolerance 5 standard errors.
        let se = (lambda / n as f64).sqrt();
        assert!((mean - lambda).abs() < 5.0 * se, "horizon {horizon}: mean {mean}, lambda {lambda}");
        // Variance: for a Poisson the sample variance has standard error about
        // sqrt((lambda + 2 lambda^2) / n) (0.032 at lambda = 3); tolerance 5 of those.
        let se_var = ((lambda + 2.0 * lambda * lambda) / n as f64).sqrt();
        assert!((var - mean).abs() < 5.0 * se_var, "horizon {horizon}: variance {var}, mean {mean}");
        // Onsets fall inside the horizon.
        for t in 0..100 {
            assert!(sample_trial(&h, &s.network, horizon, 2026, t).iter().all(|d| d.start() < horizon));
        }
    }
}

#[test]
fn probability_gives_at_most_one_event() {
    let (s, h) = parsed(
        r#"
[[hazard]]
name = "blockade"
kind = "closure"
probability = 0.25
footprint = { chokepoints = "strait" }
duration = { dist = "lognormal", median = 14, p90 = 45 }
"#,
    );
    let n = 20_000u64;
    let mut events = 0;
    for t in 0..n {
        let d = sample_trial(&h, &s.network, 365, 9, t);
        assert!(d.len() <= 1);
        events += d.len();
        for d in &d {
            let Disruption::ChokepointClosure { duration, severity, .. } = d else { unreachable!() };
            assert!(*duration >= 1);
            assert_eq!(*severity, 1.0);
        }
    }
    // Binomial(20,000, 0.25): sd 61; tolerance 5 sd.
    assert!((events as f64 - 5000.0).abs() < 5.0 * 61.3, "{events}");
}

#[test]
fn share_hit_half_hits_about_half_the_sites() {
    let (s, h) = parsed(
        r#"
[[hazard]]
name = "fab-fire"
kind = "outage"
probability = 1
footprint = { kinds = ["fab"] }
share_hit = 0.5
duration = 3
"#,
    );
    assert_eq!(h[0].sites.len(), 3);
    let trials = 4_000u64;
    let hits: usize = (0..trials).map(|t| sample_trial(&h, &s.network, 365, 77, t).len()).sum();
    let share = hits as f64 / (3 * trials) as f64;
    // 12,000 Bernoulli(0.5) draws: standard error 0.0046; tolerance 5 standard errors.
    assert!((share - 0.5).abs() < 5.0 * 0.0046, "{share}");
}

#[test]
fn correlation_shares_or_separates_severities() {
    let hazard = |corr: f64| {
        format!(
            r#"
[[hazard]]
name = "quake"
kind = "outage"
probability = 1
footprint = {{ kinds = ["fab"] }}
severity = {{ dist = "uniform", min = 0.1, max = 0.9 }}
correlation = {corr}
duration = 3
"#
        )
    };
    let severities = |h: &[Hazard], s: &Scenario, t: u64| -> Vec<f64> {
        sample_trial(h, &s.network, 365, 3, t)
            .iter()
            .map(|d| match d {
                Disruption::Outage { severity, .. } => *severity,
                other => panic!("{other:?}"),
            })
            .collect()
    };
    let (s, full) = parsed(&hazard(1.0));
    let (_, none) = parsed(&hazard(0.0));
    let (_, half) = parsed(&hazard(0.5));
    let mut shared_pairs = 0;
    let trials = 2_000u64;
    for t in 0..trials {
        let v = severities(&full, &s, t);
        assert!(v.iter().all(|x| *x == v[0]), "correlation 1 shares one draw");
        let v = severities(&none, &s, t);
        assert!(v[0] != v[1] && v[1] != v[2] && v[0] != v[2], "correlation 0: independent draws");
        let v = severities(&half, &s, t);
        shared_pairs += usize::from(v[0] == v[1]);
    }
    // Two sites have equal severities when both take the shared draw: probability 0.25
    // (Binomial(2000, 0.25): sd 19.4; tolerance 5 sd).
    assert!((shared_pairs as f64 - 500.0).abs() < 5.0 * 19.4, "{shared_pairs}");
}

// ---------------------------------------------------------------------------------------------
// Determinism

#[test]
fn same_seed_and_trial_give_identical_disruptions() {
    let (s, h) = parsed(
        r#"
[[hazard]]
name = "kanto-quake"
kind = "outage"
rate_per_year = 4
footprint = { regions = ["JPN-Kanto", "JPN-Kansai"], chokepoints = ["port"] }
share_hit = 0.7
severity = { dist = "beta", a = 2, b = 3 }
duration = { dist = "lognormal", median = 14, p90 = 45 }
correlation = 0.4
[[hazard]]
name = "demand"
kind = "demand"
rate_per_year = 2
footprint = { regions = ["JPN-Kanto", "TWN-North"] }
factor = { dist = "gamma", shape = 4, scale = 0.25 }
correlation = 0
duration = 20
"#,
    );
    let mut differ = 0;
    for t in 0..200 {
        let a = sample_trial(&h, &s.network, 365, 42, t);
        let b = sample_trial(&h, &s.network, 365, 42, t);
        assert_eq!(a, b, "trial {t}");
        let bits = |d: &[Disruption]| format!("{d:?}");
        assert_eq!(bits(&a), bits(&b));
        differ += usize::from(a != sample_trial(&h, &s.network, 365, 42, t + 1));
    }
    assert!(differ > 190, "different trials give different disruptions ({differ} of 200 differ)");
    // A different seed changes the result.
    let a: Vec<_> = (0..50).map(|t| sample_trial(&h, &s.network, 365, 42, t)).collect();
    let b: Vec<_> = (0..50).map(|t| sample_trial(&h, &s.network, 365, 43, t)).collect();
    assert_ne!(a, b);
}

#[test]
fn a_hazard_draws_do_not_depend_on_other_hazards_draws() {
    // Changing hazard 0's rate (so its draw counts change) leaves hazard 1's events unchanged.
    let catalog = |rate: f64| {
        format!(
            r#"
[[hazard]]
name = "a"
kind = "outage"
rate_per_year = {rate}
footprint = {{ kinds = ["fab"] }}
severity = {{ dist = "beta", a = 2, b = 2 }}
duration = 5
[[hazard]]
name = "b"
kind = "closure"
rate_per_year = 2
footprint = {{ chokepoints = ["strait", "port"] }}
share_hit = 0.5
duration = {{ dist = "weibull", shape = 1.5, scale = 20 }}
"#
        )
    };
    let (s, low) = parsed(&catalog(1.0));
    let (_, high) = parsed(&catalog(9.0));
    let closures = |d: Vec<Disruption>| -> Vec<Disruption> {
        d.into_iter().filter(|d| matches!(d, Disruption::ChokepointClosure { .. })).collect()
    };
    for t in 0..200 {
        let a = closures(sample_trial(&low, &s.network, 365, 7, t));
        let b = closures(sample_trial(&high, &s.network, 365, 7, t));
        assert_eq!(a, b, "trial {t}");
    }
}

#[test]
fn missing_keys_point_at_the_hazard_header() {
    let text = "[[hazard]]\nname = \"ok\"\nkind = \"outage\"\nprobability = 1\nfootprint = { facilities = \"F1\" }\nduration = 1\n\n[[hazard]]\nname = \"x\"\nkind = \"outage\"\nfootprint = { facilities = \"F1\" }\n";
    let d = diagnostics(text);
    assert_error(
        &d,
        (8, 1),
        "hazard[1].rate_per_year",
        "missing required key `rate_per_year` or `probability`",
    );
    assert_error(&d, (8, 1), "hazard[1].duration", "missing required key `duration`");
    assert_eq!(d.error_count(), 2, "{d}");
}
