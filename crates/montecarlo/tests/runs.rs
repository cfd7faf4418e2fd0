//! Whole runs: bit-identical at any thread count, shards merged equal the single run, the
//! adaptive stop is deterministic, and the attribution rule by hand.

use std::path::{Path, PathBuf};

use kuroshio_core::{ChokepointId, CountryId, FacilityId, Scenario, load};
use kuroshio_montecarlo::attribution::{Attribution, Element, Shock, contributions};
use kuroshio_montecarlo::part::{PART_FORMAT, PART_VERSION, Part, Shard, merge_parts, scenario_hash};
use kuroshio_montecarlo::record::layout;
use kuroshio_montecarlo::{Arm, BLOCK_TRIALS, Flow, Hazard, Model, Plan, RunInfo, RunResult, Stop, Summary};
use kuroshio_sim::{Disruption, Goods, RecoveryProfile, Simulator};

fn tutorial() -> (Scenario, Vec<Hazard>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/tutorial");
    let s = load(&dir).unwrap_or_else(|e| panic!("tutorial: {e}"));
    let h = kuroshio_montecarlo::hazards(&s).unwrap_or_else(|d| panic!("tutorial hazards:\n{d}"));
    assert!(!h.is_empty(), "the tutorial ships a hazard catalog");
    (s, h)
}

fn run_on(s: &Scenario, hazards: &[Hazard], plan: &Plan, threads: usize) -> RunResult {
    let horizon = s.settings.horizon_days;
    let lay = layout(&s.network, &s.baseline, horizon);
    let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
    let model = Model {
        network: &s.network,
        hazards,
        horizon,
        layout: lay.clone(),
        arms: vec![Arm::new("base", sim, &lay, None)],
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
    pool.install(|| kuroshio_montecarlo::run(&model, plan, None, &mut |_| Flow::Continue)).expect("run")
}

fn info(s: &Scenario, hazards: &[Hazard], seed: u64, trials: u64) -> RunInfo {
    RunInfo {
        scenario: s.name.clone(),
        scenario_hash: scenario_hash(s).expect("hash"),
        hazards: hazards.iter().map(|h| h.name.clone()).collect(),
        seed,
        horizon_days: s.settings.horizon_days,
        planned_trials: trials,
        target_rel_ci: None,
        tool_version: "test".into(),
    }
}

fn summary_json(s: &Scenario, hazards: &[Hazard], r: &RunResult, seed: u64, trials: u64) -> String {
    let summary =
        Summary::new(&info(s, hazards, seed, trials), "base", r.stop, &s.network, &r.accumulators[0]);
    serde_json::to_string_pretty(&summary).expect("json")
}

#[test]
fn summary_is_identical_at_one_and_two_threads() {
    let (s, h) = tutorial();
    let plan = Plan { seed: 7, trials: 0..3000, target_rel_ci: None };
    let one = run_on(&s, &h, &plan, 1);
    let two = run_on(&s, &h, &plan, 2);
    assert_eq!(one.stop, Stop::Completed);
    assert_eq!(one.accumulators[0].trials(), 3000);
    // The run must have seen losses for the comparison to mean anything.
    assert!(one.accumulators[0].rows.iter().any(|r| r.loss > 0.0));
    assert_eq!(summary_json(&s, &h, &one, 7, 3000), summary_json(&s, &h, &two, 7, 3000));
}

fn part(s: &Scenario, r: &RunResult, shard: Shard, trials: u64, seed: u64) -> Part {
    Part {
        format: PART_FORMAT.into(),
        version: PART_VERSION,
        tool_version: "test".into(),
        scenario: s.name.clone(),
        scenario_path: s.path.clone(),
        scenario_hash: scenario_hash(s).expect("hash"),
        seed,
        horizon_days: s.settings.horizon_days,
        planned_trials: trials,
        shard,
        trials: shard.range(trials),
        arms: vec!["base".into()],
        complete: r.stop == Stop::Completed,
        accumulators: r.accumulators.clone(),
    }
}

#[test]
fn three_shards_merged_equal_the_single_run() {
    let (s, h) = tutorial();
    let (seed, trials) = (11, 2000);
    let whole = run_on(&s, &h, &Plan { seed, trials: 0..trials, target_rel_ci: None }, 2);
    let mut parts = Vec::new();
    // Shards run out of order and travel through their JSON files.
    for k in [2, 0, 1] {
        let shard = Shard { index: k, count: 3 };
        let r = run_on(&s, &h, &Plan { seed, trials: shard.range(trials), target_rel_ci: None }, 1);
        let p = part(&s, &r, shard, trials, seed);
        let path = PathBuf::from(format!("part-{k}.json"));
        let back = Part::from_json(&path, &p.to_json()).expect("part reads back");
        assert_eq!(back, p);
        parts.push((path, back));
    }
    let merged = merge_parts(parts).expect("merge");
    assert_eq!(merged.trials, 0..trials);
    assert_eq!(merged.accumulators[0], whole.accumulators[0]);
    let merged_result = RunResult { accumulators: merged.accumulators, stop: Stop::Completed };
    assert_eq!(
        summary_json(&s, &h, &merged_result, seed, trials),
        summary_json(&s, &h, &whole, seed, trials)
    );
}

/// Checkpoints stream a part with borrowed accumulators (`PartRef`): the bytes must be those of
/// `Part::to_json` for the same contents, or a resumed run would read something else.
#[test]
fn a_part_written_from_borrowed_accumulators_is_byte_identical_to_the_owned_part() {
    let (s, h) = tutorial();
    let (seed, trials) = (5, 640);
    let r = run_on(&s, &h, &Plan { seed, trials: 0..trials, target_rel_ci: None }, 2);
    let owned = part(&s, &r, Shard { index: 0, count: 1 }, trials, seed);
    let header = Part { accumulators: Vec::new(), complete: true, ..owned.clone() };
    for complete in [false, true] {
        let mut streamed = Vec::new();
        header.with_accumulators(&r.accumulators, complete).write_json(&mut streamed).expect("writes");
        let expected = Part { complete, ..owned.clone() }.to_json();
        assert_eq!(String::from_utf8(streamed).expect("utf-8"), expected);
    }
}

#[test]
fn merge_names_the_part_that_overlaps_leaves_a_gap_or_belongs_elsewhere() {
    let (s, h) = tutorial();
    let (seed, trials) = (3, 300);
    let shard = |k| Shard { index: k, count: 3 };
    let runs: Vec<Part> = (0..3)
        .map(|k| {
            let r = run_on(&s, &h, &Plan { seed, trials: shard(k).range(trials), target_rel_ci: None }, 1);
            part(&s, &r, shard(k), trials, seed)
        })
        .collect();
    let named =
        |ps: Vec<(&str, Part)>| ps.into_iter().map(|(n, p)| (PathBuf::from(n), p)).collect::<Vec<_>>();
    // A gap: shard 1 missing.
    let e = merge_parts(named(vec![("a.json", runs[0].clone()), ("c.json", runs[2].clone())]))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("c.json: leaves a gap after a.json: trials 64..192 are missing"), "{e}");
    // An overlap: shard 0 twice.
    let e = merge_parts(named(vec![
        ("a.json", runs[0].clone()),
        ("a2.json", runs[0].clone()),
        ("b.json", runs[1].clone()),
        ("c.json", runs[2].clone()),
    ]))
    .unwrap_err()
    .to_string();
    assert!(e.contains("overlaps a.json: both hold trials 0..64"), "{e}");
    // Another seed.
    let mut other = runs[1].clone();
    other.seed = 4;
    let e =
        merge_parts(named(vec![("a.json", runs[0].clone()), ("b.json", other), ("c.json", runs[2].clone())]))
            .unwrap_err()
            .to_string();
    assert_eq!(e, "b.json: belongs to another run: its seed is 4 but a.json has 3");
    // The end missing.
    let e = merge_parts(named(vec![("a.json", runs[0].clone()), ("b.json", runs[1].clone())]))
        .unwrap_err()
        .to_string();
    assert!(e.contains("b.json: is the last part but ends at trial 192; trials 192..300 are missing"), "{e}");
    // Not a part file.
    let e = Part::from_json(Path::new("x.json"), "{\"format\": \"other\"}").unwrap_err().to_string();
    assert!(e.contains("x.json: not a Kuroshio part file"), "{e}");
}

#[test]
fn the_adaptive_stop_is_deterministic_and_stops_at_the_first_block_meeting_the_target() {
    let (s, h) = tutorial();
    let x = 0.4;
    let plan = Plan { seed: 5, trials: 0..50_000, target_rel_ci: Some(x) };
    let one = run_on(&s, &h, &plan, 1);
    let two = run_on(&s, &h, &plan, 2);
    assert_eq!(one.stop, Stop::TargetReached);
    assert_eq!(one.accumulators[0], two.accumulators[0]);
    let n = one.accumulators[0].trials();
    assert_eq!(n % BLOCK_TRIALS, 0);
    assert!(n < 50_000);
    let losses: Vec<f64> = one.accumulators[0].rows.iter().map(|r| r.loss).collect();
    let rel = |k: usize| {
        let (m, half) = kuroshio_montecarlo::runner::mean_half_width(losses[..k].iter().copied());
        if m > 0.0 { half / m } else { f64::INFINITY }
    };
    assert!(rel(n as usize) <= x);
    // No earlier block boundary (from the second block on) met it.
    for k in (2..n / BLOCK_TRIALS).map(|b| (b * BLOCK_TRIALS) as usize) {
        assert!(rel(k) > x, "the target was already met after {k} trials");
    }
}

/// A chain S (JPN, raw, $2) -> F (TWN, chip, $10, capacity 50) -> market M (40 chips a day),
/// the S -> F link (80 raw a day) through chokepoint C.
const CHAIN: &str = r#"
[scenario]
name = "chain"
[settings]
horizon_days = 30
[[regions]]
id = "J"
country = "JPN"
[[regions]]
id = "T"
country = "TWN"
[[chokepoints]]
id = "C"
kind = "strait"
country = "TWN"
[[routes]]
id = "R"
chokepoints = "C"
transit_days = 2
[[products]]
id = "raw"
unit_value = 2
sector = "materials"
[[products]]
id = "chip"
unit_value = 10
sector = "semiconductors"
[[recipes]]
product = "chip"
input = "raw"
per_unit = 2
[[facilities]]
id = "S"
kind = "mine"
country = "JPN"
region = "J"
product = "raw"
capacity = 100
[[facilities]]
id = "F"
kind = "fab"
country = "TWN"
region = "T"
product = "chip"
capacity = 50
[[markets]]
id = "M"
country = "TWN"
region = "T"
product = "chip"
demand_per_day = 40
[[links]]
supplier = "S"
customer = "F"
product = "raw"
share = 1
lead_time_days = 2
route = "R"
[[links]]
supplier = "F"
customer = "M"
product = "chip"
share = 1
lead_time_days = 1
"#;

#[test]
fn direct_shocks_and_contributions_by_hand() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("scenario.toml"), CHAIN).expect("write");
    let s = load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let (net, base) = (&s.network, &s.baseline);
    let id = |x: &str| net.facility_id(x).expect("id");
    let a = Attribution::new(net, base);
    let shock = |d: Disruption| a.shocks(net, base, &[d], 30);
    // F loses half its capacity for 10 days: 50 * 0.5 = 25 < 40 a day, 15 chips x $10 x 10 days.
    let f_out = Disruption::Outage {
        facility: id("F"),
        start: 0,
        duration: 10,
        severity: 0.5,
        profile: RecoveryProfile::Step,
    };
    assert_eq!(shock(f_out.clone()), vec![Shock { element: Element::Facility(id("F")), value: 1500.0 }]);
    // S loses 10%: 90 is still above its 80 a day: hit, but no direct shock.
    let s_out = Disruption::Outage {
        facility: id("S"),
        start: 0,
        duration: 10,
        severity: 0.1,
        profile: RecoveryProfile::Step,
    };
    assert_eq!(shock(s_out), vec![Shock { element: Element::Facility(id("S")), value: 0.0 }]);
    // Half of C for 4 days: 80 raw x $2 x 0.5 x 4 = $320. Days past the horizon do not count:
    // from day 28 only 2 of the 4 days are inside 30.
    let c = ChokepointId(0);
    let close = |start| Disruption::ChokepointClosure { chokepoint: c, start, duration: 4, severity: 0.5 };
    assert_eq!(shock(close(0)), vec![Shock { element: Element::Chokepoint(c), value: 320.0 }]);
    assert_eq!(shock(close(28))[0].value, 160.0);
    // A ban on JPN -> TWN raw for 3 days: 80 x $2 x 3 = $480 to the exporter S.
    let jpn: CountryId = kuroshio_core::countries::lookup("JPN").expect("JPN");
    let ban = Disruption::ExportBan {
        from: jpn,
        to: None,
        goods: Goods::Products(vec![net.product_id("raw").expect("raw")]),
        start: 0,
        duration: 3,
    };
    assert_eq!(shock(ban), vec![Shock { element: Element::Facility(id("S")), value: 480.0 }]);
    // Demand x1.5 for 2 days: 0.5 x 40 x $10 x 2 = $400; a fall in demand adds nothing.
    let m = id("M");
    let surge = |factor| Disruption::DemandShock { market: m, start: 0, duration: 2, factor };
    assert_eq!(shock(surge(1.5)), vec![Shock { element: Element::Facility(m), value: 400.0 }]);
    assert!(shock(surge(0.5)).is_empty());
    // Two outages of F combine multiplicatively: 0.5 then 0.5 again -> 12.5 a day, 27.5 lost.
    let f_out2 = Disruption::Outage {
        facility: id("F"),
        start: 5,
        duration: 5,
        severity: 0.5,
        profile: RecoveryProfile::Step,
    };
    let both = a.shocks(net, base, &[f_out, f_out2], 30);
    assert_eq!(both[0].value, 15.0 * 10.0 * 5.0 + 27.5 * 10.0 * 5.0);
    // A loss of 1000 split 1500 : 500 gives 750 and 250; no shock leaves it unattributed.
    let shocks = [
        Shock { element: Element::Facility(FacilityId(0)), value: 1500.0 },
        Shock { element: Element::Chokepoint(c), value: 500.0 },
    ];
    assert_eq!(contributions(1000.0, &shocks), vec![750.0, 250.0]);
    assert_eq!(contributions(1000.0, &[Shock { element: Element::Chokepoint(c), value: 0.0 }]), vec![0.0]);
}

/// The tutorial copied to a temporary directory with `extra` appended to its scenario.toml.
fn tutorial_with(extra: &str) -> (tempfile::TempDir, Scenario) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/tutorial");
    let dir = tempfile::tempdir().expect("tempdir");
    for e in std::fs::read_dir(&src).expect("tutorial") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), dir.path().join(e.file_name())).expect("copy");
    }
    let toml = dir.path().join("scenario.toml");
    let text = std::fs::read_to_string(&toml).expect("read") + extra;
    std::fs::write(&toml, text).expect("write");
    let s = load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    (dir, s)
}

#[test]
fn an_intervention_that_changes_nothing_gives_exactly_zero_difference() {
    let (_dir, s) = tutorial_with(
        r#"
[[intervention]]
name = "no-op-hardening"
kind = "harden"
footprint = { kinds = ["fab"] }
severity_factor = 1
duration_factor = 1

[[intervention]]
name = "no-op-stockpile"
kind = "stockpile"
product = "photoresist"
extra_days = 0
"#,
    );
    let hazards = kuroshio_montecarlo::hazards(&s).expect("hazards");
    let all = kuroshio_montecarlo::interventions(&s).expect("interventions");
    let chosen: Vec<_> = all.iter().filter(|i| i.name.starts_with("no-op")).collect();
    assert_eq!(chosen.len(), 2);
    let variants: Vec<_> =
        chosen.iter().map(|i| i.apply(&s.network, &s.baseline, &s.settings).expect("apply")).collect();
    let horizon = s.settings.horizon_days;
    let lay = layout(&s.network, &s.baseline, horizon);
    let mut arms = vec![Arm::new("base", Simulator::new(&s.network, &s.baseline, &s.settings), &lay, None)];
    for (i, v) in chosen.iter().zip(&variants) {
        let adjust: kuroshio_montecarlo::runner::Adjust<'_> =
            Box::new(move |d: &mut Vec<Disruption>| v.adjust(d));
        arms.push(Arm::new(
            i.name.clone(),
            Simulator::new(&v.network, &v.baseline, &v.settings),
            &lay,
            Some(adjust),
        ));
    }
    let model = Model { network: &s.network, hazards: &hazards, horizon, layout: lay, arms };
    let plan = Plan { seed: 21, trials: 0..1500, target_rel_ci: None };
    let r = kuroshio_montecarlo::run(&model, &plan, None, &mut |_| Flow::Continue).expect("run");
    let base = &r.accumulators[0];
    assert!(base.rows.iter().any(|x| x.loss > 0.0), "the base case must lose something");
    for (i, acc) in chosen.iter().zip(&r.accumulators[1..]) {
        let c = kuroshio_montecarlo::compare::compare(&i.name, base, acc, None);
        assert_eq!(c.mean_reduction, 0.0, "{}", i.name);
        assert_eq!(c.reduction_ci95, [0.0, 0.0], "{}", i.name);
        assert_eq!(c.var99_change, 0.0, "{}", i.name);
        assert_eq!(c.benefit_per_cost, None);
    }
    // And a real intervention does change the losses, with a paired interval around its mean.
    let hardening = all.iter().find(|i| i.name == "harden-mcu-fabs").expect("tutorial intervention");
    let v = hardening.apply(&s.network, &s.baseline, &s.settings).expect("apply");
    let lay = layout(&s.network, &s.baseline, horizon);
    let adjust: kuroshio_montecarlo::runner::Adjust<'_> = Box::new(|d: &mut Vec<Disruption>| v.adjust(d));
    let arms = vec![
        Arm::new("base", Simulator::new(&s.network, &s.baseline, &s.settings), &lay, None),
        Arm::new("harden", Simulator::new(&v.network, &v.baseline, &v.settings), &lay, Some(adjust)),
    ];
    let model = Model { network: &s.network, hazards: &hazards, horizon, layout: lay, arms };
    let r = kuroshio_montecarlo::run(&model, &plan, None, &mut |_| Flow::Continue).expect("run");
    let c =
        kuroshio_montecarlo::compare::compare("harden", &r.accumulators[0], &r.accumulators[1], Some(2e6));
    assert!(c.mean_reduction > 0.0, "{c:?}");
    assert!(c.reduction_ci95[0] < c.mean_reduction && c.mean_reduction < c.reduction_ci95[1]);
    assert_eq!(c.benefit_per_cost, Some(c.annual_benefit / 2e6));
}

#[test]
fn element_and_hazard_contributions_add_up_to_the_expected_loss() {
    let (s, h) = tutorial();
    let plan = Plan { seed: 13, trials: 0..3000, target_rel_ci: None };
    let r = run_on(&s, &h, &plan, 2);
    let summary = Summary::new(&info(&s, &h, 13, 3000), "base", r.stop, &s.network, &r.accumulators[0]);
    let mean = summary.loss.mean;
    assert!(mean > 0.0);
    let elements: f64 = summary
        .facilities
        .iter()
        .chain(&summary.chokepoints)
        .map(|e| e.expected_contribution_usd)
        .sum::<f64>()
        + summary.unattributed_loss_usd;
    let hazards: f64 = summary.hazards.iter().map(|x| x.expected_contribution_usd).sum::<f64>()
        + summary.unattributed_loss_usd;
    // Exact sums are rounded once per trial to 2^-80 of the network's output: far below 1e-9.
    assert!((elements - mean).abs() <= 1e-9 * mean, "elements {elements} vs loss {mean}");
    assert!((hazards - mean).abs() <= 1e-9 * mean, "hazards {hazards} vs loss {mean}");
    assert_eq!(summary.hazards.len(), h.len());
    let shares: f64 = summary.hazards.iter().map(|x| x.share_of_loss).sum();
    assert!(shares <= 1.0 + 1e-9);
    // Sorted by contribution, largest first.
    assert!(
        summary.hazards.windows(2).all(|w| w[0].expected_contribution_usd >= w[1].expected_contribution_usd)
    );
}
