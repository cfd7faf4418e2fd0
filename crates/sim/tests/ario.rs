//! The ARIO rule set (docs/model.md §7) on small scenarios whose days are worked out by hand,
//! each expected number with its arithmetic beside it. Each case is a scenario snippet in and
//! numbers out.
//!
//! Conventions: raw-material industry S (no inputs), plant P making p from 1 s per p, markets
//! buying p (or s) per day. Unless a case says otherwise: `inventory_duration = 2` (target stock
//! 2 days of use), `psi = 0.8`, `inventory_restoration_tau = 2` (half the gap ordered a day),
//! `alpha_max = 1` (no overproduction), papers' rules (`compat = "paper"`).

use kuroshio_core::{FacilityId, Model, Scenario, load};
use kuroshio_sim::{Disruption, Goods, RecoveryProfile, RunOptions, Simulator, TrialOutcome};

// ---------------------------------------------------------------------------------------------
// Fixtures

const ARIO: &str = "inventory_duration = 2\npsi = 0.8\ninventory_restoration_tau = 2\nalpha_max = 1";

fn scenario(toml: &str) -> Scenario {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("scenario.toml"), toml).expect("write");
    match load(dir.path()) {
        Ok(s) => s,
        Err(kuroshio_core::CoreError::Invalid(d)) => panic!("fixture invalid:\n{d}\n{toml}"),
        Err(e) => panic!("{e}"),
    }
}

/// The header every case shares: settings (ARIO, `horizon` days), regions, products s and p.
fn head(horizon: u32, ario: &str) -> String {
    format!(
        r#"
[settings]
model = "ario"
horizon_days = {horizon}
[ario]
{ario}
[[regions]]
id = "JPN-Kanto"
country = "JPN"
[[regions]]
id = "USA-West"
country = "USA"
[[products]]
id = "s"
unit_value = 1
sector = "materials"
[[products]]
id = "p"
unit_value = 1
sector = "parts"
"#
    )
}

fn facility(id: &str, product: &str, country: &str) -> String {
    let region = if country == "USA" { "USA-West" } else { "JPN-Kanto" };
    format!(
        "[[facilities]]\nid = \"{id}\"\nkind = \"sector\"\ncountry = \"{country}\"\nregion = \"{region}\"\nproduct = \"{product}\"\ncapacity = 1000\n"
    )
}

fn market(id: &str, product: &str, demand: f64, country: &str) -> String {
    let region = if country == "USA" { "USA-West" } else { "JPN-Kanto" };
    format!(
        "[[markets]]\nid = \"{id}\"\ncountry = \"{country}\"\nregion = \"{region}\"\nproduct = \"{product}\"\ndemand_per_day = {demand}\n"
    )
}

fn link(supplier: &str, customer: &str, product: &str, share: f64) -> String {
    format!(
        "[[links]]\nsupplier = \"{supplier}\"\ncustomer = \"{customer}\"\nproduct = \"{product}\"\nshare = {share}\nlead_time_days = 1\n"
    )
}

/// S -> P -> M (10 p a day): the chain of most cases.
fn chain(horizon: u32, ario: &str) -> Scenario {
    scenario(&format!(
        "{}\n[[recipes]]\nproduct = \"p\"\ninput = \"s\"\nper_unit = 1\n{}{}{}{}{}",
        head(horizon, ario),
        facility("S", "s", "JPN"),
        facility("P", "p", "JPN"),
        market("M", "p", 10.0, "JPN"),
        link("S", "P", "s", 1.0),
        link("P", "M", "p", 1.0),
    ))
}

fn id(s: &Scenario, name: &str) -> FacilityId {
    s.network.facility_id(name).expect("facility")
}

fn run(s: &Scenario, d: &[Disruption], record: &[&str]) -> TrialOutcome {
    let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
    assert_eq!(sim.model(), Model::Ario);
    let record = record.iter().map(|r| id(s, r)).collect();
    sim.run(d, &RunOptions { record, ..Default::default() }).expect("run")
}

fn outage(s: &Scenario, f: &str, severity: f64, duration: u32, profile: RecoveryProfile) -> Disruption {
    Disruption::Outage { facility: id(s, f), start: 0, duration, severity, profile }
}

fn unmet(o: &TrialOutcome, s: &Scenario, m: &str) -> Vec<f64> {
    o.market(id(s, m)).expect("market").daily_unmet.clone()
}

fn output(o: &TrialOutcome, s: &Scenario, f: &str) -> Vec<f64> {
    o.series.iter().find(|x| x.facility == id(s, f)).expect("series").output.clone()
}

fn assert_days(what: &str, got: &[f64], want: &[f64]) {
    for (t, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= 1e-12 * w.abs().max(1.0), "{what} day {t}: got {g}, want {w}\n{got:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Cases

/// Two industries buying from each other (A needs 0.2 b per a, B 0.1 a per b) and final demand
/// of 100 a and 50 b a day: x_A = 100 + 0.1 x_B, x_B = 50 + 0.2 x_A, so x_A = 105 / 0.98 =
/// 107.142857.., x_B = 71.428571... With no disruption every day repeats the baseline bit for
/// bit: same output, full stocks, no unmet demand, no facility impacted.
#[test]
fn two_industries_without_a_shock_stay_at_equilibrium_exactly() {
    let toml = format!(
        "{}\n[[recipes]]\nproduct = \"s\"\ninput = \"p\"\nper_unit = 0.2\n[[recipes]]\nproduct = \"p\"\ninput = \"s\"\nper_unit = 0.1\n{}{}{}{}{}{}{}{}",
        head(400, "compat = \"boario\"\nalpha_max = 1.25"),
        facility("A", "s", "JPN"),
        facility("B", "p", "JPN"),
        market("MA", "s", 100.0, "JPN"),
        market("MB", "p", 50.0, "JPN"),
        link("B", "A", "p", 1.0),
        link("A", "B", "s", 1.0),
        link("A", "MA", "s", 1.0),
        link("B", "MB", "p", 1.0),
    );
    for compat in ["compat = \"boario\"", "compat = \"paper\""] {
        let s = scenario(&toml.replace("compat = \"boario\"", compat));
        let o = run(&s, &[], &["A", "B"]);
        assert_eq!(o.unmet_value, 0.0, "{compat}");
        assert_eq!(o.lost_output_value, 0.0);
        assert!(o.facilities.is_empty());
        for f in ["A", "B"] {
            let x = output(&o, &s, f);
            assert!(x.iter().all(|&v| v == x[0]), "{f} drifts under {compat}");
            let series = o.series.iter().find(|x| x.facility == id(&s, f)).expect("series");
            assert!(series.stock.iter().all(|&v| v == series.stock[0]), "{f}'s stock drifts");
        }
        assert!((output(&o, &s, "A")[0] - 105.0 / 0.98).abs() < 1e-8);
        assert!((output(&o, &s, "B")[0] - (50.0 + 0.2 * 105.0 / 0.98)).abs() < 1e-8);
    }
}

/// Supplier S loses half its capital for days 0-2 (step). P holds 20 s (2 days), so psi s_p a x =
/// 0.8 * 2 * 10 = 16 is the stock below which P is constrained.
///
/// day 0: S makes 5 (cap 10 * 0.5) of the 10 ordered, all to P. P makes 10 (stock 20 >= 16),
///        stock 20 - 10 + 5 = 15. Order: gap (20 - 15) / 2 = 2.5, plus 10 used = 12.5.
/// day 1: S makes 5 of 12.5. P: 15 < 16, x = 10 * 15/16 = 9.375; M short 0.625.
///        stock 15 - 9.375 + 5 = 10.625. Order (20 - 10.625) / 2 + 9.375 = 14.0625.
/// day 2: S 5. P: 10 * 10.625/16 = 6.640625; M short 3.359375. Stock 10.625 - 6.640625 + 5 =
///        8.984375. Order (20 - 8.984375) / 2 + 6.640625 = 12.1484375.
/// day 3: S back (cap 10) makes 10 of 12.1484375. P: 10 * 8.984375/16 = 5.615234375; short
///        4.384765625. Stock 8.984375 - 5.615234375 + 10 = 13.369140625.
///        Order (20 - 13.369140625) / 2 + 5.615234375 = 8.9306640625.
/// day 4: S makes the 8.9306640625 asked. P: 10 * 13.369140625/16 = 8.355712890625; short
///        1.644287109375.
#[test]
fn capital_loss_with_the_psi_constraint_by_hand() {
    let s = chain(6, ARIO);
    let d = [outage(&s, "S", 0.5, 3, RecoveryProfile::Step)];
    let o = run(&s, &d, &["S", "P"]);
    assert_days("S output", &output(&o, &s, "S"), &[5.0, 5.0, 5.0, 10.0, 8.9306640625]);
    assert_days("P output", &output(&o, &s, "P"), &[10.0, 9.375, 6.640625, 5.615234375, 8.355712890625]);
    assert_days("M unmet", &unmet(&o, &s, "M"), &[0.0, 0.625, 3.359375, 4.384765625, 1.644287109375]);
    let p = o.series.iter().find(|x| x.facility == id(&s, "P")).expect("series");
    assert_days("P stock", &p.stock[..4], &[15.0, 10.625, 8.984375, 13.369140625]);
    assert_days("P received", &p.arrivals[..4], &[5.0, 5.0, 5.0, 10.0]);
    // Outcome bookkeeping: P lost 0.625 + 3.359375 + 4.384765625 + 1.644287109375 + day 5's.
    let p_out = o.facility(id(&s, "P")).expect("P impacted");
    assert_eq!(p_out.time_to_impact, Some(1));
    assert!((p_out.min_ratio - 0.5615234375).abs() < 1e-15);
}

/// Overproduction on a demand surge: S sells straight to M, whose demand is 15 (1.5 x 10) for days
/// 0-4; alpha_max 1.25, tau_alpha 10 days.
///
/// Papers: day 0 no update (no yesterday), x = 10, short 5. Day 1: zeta = (15 - 10)/15 = 1/3,
/// alpha = 1 + 0.25 * (1/3) / 10 = 1.008333.., x = 10.08333... Day 2: zeta = (15 - x1)/15,
/// alpha2 = alpha1 + (1.25 - alpha1) zeta / 10, x = 10 alpha2.
/// BoARIO (`alpha_exact_zero`): no update before day 2: x = 10 on days 0 and 1; day 2: zeta =
/// (15 - 10)/15, alpha = 1.008333.., x = 10.08333...
/// After the surge (day 5) demand is 10 < capacity: x = 10. Papers: zeta = (10 - x4)/10 < 0,
/// alpha relaxes: alpha5 = alpha4 + (1 - alpha4)/10. BoARIO: alpha5 = alpha4 + (1.25 - alpha4)
/// zeta / 10, lower too; a second surge on day 6 shows alpha5 through capacity.
#[test]
fn overproduction_alpha_update_by_hand() {
    let toml = |compat: &str| {
        format!(
            "{}{}{}{}",
            head(8, &format!("alpha_max = 1.25\nalpha_tau = 10\ncompat = \"{compat}\"")),
            facility("S", "s", "JPN"),
            market("M", "s", 10.0, "JPN"),
            link("S", "M", "s", 1.0),
        )
    };
    let surge = |s: &Scenario, start: u32, duration: u32| Disruption::DemandShock {
        market: id(s, "M"),
        start,
        duration,
        factor: 1.5,
    };
    // Papers.
    let s = scenario(&toml("paper"));
    let o = run(&s, &[surge(&s, 0, 5), surge(&s, 6, 2)], &["S"]);
    let mut alpha = 1.0f64;
    let mut want = vec![10.0];
    let mut x = 10.0;
    for _ in 1..5 {
        let zeta = (15.0 - x) / 15.0;
        alpha += (1.25 - alpha) * zeta * 0.1;
        x = 10.0 * alpha;
        want.push(x);
    }
    assert!((want[1] - 10.083333333333334).abs() < 1e-12);
    let zeta5 = (10.0 - x) / 10.0;
    assert!(zeta5 < 0.0);
    alpha += (1.0 - alpha) * 0.1; // day 5: relaxes
    want.push(10.0);
    // Day 6: zeta = (15 - 10)/15 > 0 again.
    alpha += (1.25 - alpha) * (5.0 / 15.0) * 0.1;
    want.push(10.0 * alpha);
    assert_days("paper output", &output(&o, &s, "S"), &want);

    // BoARIO.
    let s = scenario(&toml("boario"));
    let o = run(&s, &[surge(&s, 0, 5), surge(&s, 6, 2)], &["S"]);
    let mut alpha = 1.0f64;
    let mut want = vec![10.0, 10.0];
    let mut x = 10.0;
    for _ in 2..5 {
        let zeta = (15.0 - x) / 15.0;
        alpha += (1.25 - alpha) * zeta * 0.1;
        x = 10.0 * alpha;
        want.push(x);
    }
    assert!((want[2] - 10.083333333333334).abs() < 1e-12);
    let zeta5 = (10.0 - x) / 10.0;
    alpha = (alpha + (1.25 - alpha) * zeta5 * 0.1).max(1.0); // negative scarcity lowers alpha
    want.push(10.0);
    alpha += (1.25 - alpha) * (5.0 / 15.0) * 0.1;
    want.push(10.0 * alpha);
    assert_days("boario output", &output(&o, &s, "S"), &want);
}

/// Proportional rationing over intermediate and final demand, no priority: S sells 10 s a day
/// to P (for M's 10 p) and 30 s a day straight to market F. Half of S's capital is lost on day
/// 0: S makes 20 of the 40 asked, so P gets 10 * 20/40 = 5 and F 30 * 20/40 = 15 (F short 15).
#[test]
fn rationing_is_proportional_over_intermediate_and_final_demand() {
    let s = scenario(&format!(
        "{}\n[[recipes]]\nproduct = \"p\"\ninput = \"s\"\nper_unit = 1\n{}{}{}{}{}{}{}",
        head(2, ARIO),
        facility("S", "s", "JPN"),
        facility("P", "p", "JPN"),
        market("M", "p", 10.0, "JPN"),
        market("F", "s", 30.0, "JPN"),
        link("S", "P", "s", 1.0),
        link("P", "M", "p", 1.0),
        link("S", "F", "s", 1.0),
    ));
    let o = run(&s, &[outage(&s, "S", 0.5, 1, RecoveryProfile::Step)], &["S", "P"]);
    assert_days("S output", &output(&o, &s, "S")[..1], &[20.0]);
    let p = o.series.iter().find(|x| x.facility == id(&s, "P")).expect("series");
    assert_days("P received", &p.arrivals[..1], &[5.0]);
    assert_days("F unmet", &unmet(&o, &s, "F")[..1], &[15.0]);
    assert_days("M unmet", &unmet(&o, &s, "M")[..1], &[0.0]);
}

/// The linear capital-loss recovery, and BoARIO's extra day at full depth: S (selling 10 a day
/// straight to M) loses half its capital, recovering linearly over 4 days.
/// Papers: Delta = 0.5 (1 - t/4): 0.5, 0.375, 0.25, 0.125, 0; M short 5, 3.75, 2.5, 1.25, 0.
/// `recovery_lag`: the profile starts a day later: short 5, 5, 3.75, 2.5, 1.25, 0.
#[test]
fn linear_recovery_and_the_recovery_lag() {
    let toml = |lag: bool| {
        format!(
            "{}{}{}{}",
            head(7, &format!("alpha_max = 1\nrecovery_lag = {lag}")),
            facility("S", "s", "JPN"),
            market("M", "s", 10.0, "JPN"),
            link("S", "M", "s", 1.0),
        )
    };
    let s = scenario(&toml(false));
    let o = run(&s, &[outage(&s, "S", 0.5, 4, RecoveryProfile::Linear)], &[]);
    assert_days("paper", &unmet(&o, &s, "M"), &[5.0, 3.75, 2.5, 1.25, 0.0, 0.0, 0.0]);
    let s = scenario(&toml(true));
    let o = run(&s, &[outage(&s, "S", 0.5, 4, RecoveryProfile::Linear)], &[]);
    assert_days("lag", &unmet(&o, &s, "M"), &[5.0, 5.0, 3.75, 2.5, 1.25, 0.0, 0.0]);
    // The outcome: 5 + 5 + 3.75 + 2.5 + 1.25 = 17.5 units short, first short on day 0.
    let m = o.market(id(&s, "M")).expect("M");
    assert!((m.unmet_units - 17.5).abs() < 1e-12);
    assert_eq!(m.first_shortage_day, Some(0));
}

/// Several capital losses of one industry add up (destroyed capital adds; the native rules
/// multiply capacity factors): 0.3 + 0.4 = 0.7 lost, S makes 3 of 10.
#[test]
fn capital_losses_add_up() {
    let s = scenario(&format!(
        "{}{}{}{}",
        head(2, ARIO),
        facility("S", "s", "JPN"),
        market("M", "s", 10.0, "JPN"),
        link("S", "M", "s", 1.0),
    ));
    let d = [outage(&s, "S", 0.3, 1, RecoveryProfile::Step), outage(&s, "S", 0.4, 1, RecoveryProfile::Step)];
    let o = run(&s, &d, &[]);
    assert_days("M unmet", &unmet(&o, &s, "M"), &[7.0, 0.0]);
}

/// An export ban blocks the links it covers: orders move to the open suppliers of the same
/// product (ARIO's substitution) and final demand on a blocked link is unmet.
///
/// S1 (JPN) and S2 (USA) each sell 5 s a day to P (JPN), which sells 10 p to M. USA -> JPN is
/// banned on days 0-1, so orders (weights Z0 rho phi) all go to S1, which can make only its 5.
/// day 0: S1 5 of 10, S2 0. P makes 10 (stock 20 >= 16); stock 15; orders 2.5 + 10 = 12.5, all
///        to S1 (the ban holds on day 1).
/// day 1: S1 5. P: 10 * 15/16 = 9.375 (M short 0.625); stock 10.625; orders 4.6875 + 9.375 =
///        14.0625, split 7.03125 each (both open on day 2, both at full capacity: rho = 1).
/// day 2: S1 makes 5 of 7.03125, S2 5. P: 10 * 10.625/16 = 6.640625 (short 3.359375); stock
///        10.625 - 6.640625 + 10 = 13.984375; orders (20 - 13.984375)/2 + 6.640625 = 9.6484375.
/// day 3: S1 and S2 4.82421875 each. P: 10 * 13.984375/16 = 8.740234375 (short 1.259765625).
/// And the US market U buying 4 s a day from S1: all of it unmet while JPN -> USA is banned.
#[test]
fn blocked_links_move_orders_and_leave_final_demand_unmet() {
    let country = |c: &str| kuroshio_core::countries::lookup(c).expect("country");
    let ban = |from: &str, to: &str| Disruption::ExportBan {
        from: country(from),
        to: Some(country(to)),
        goods: Goods::All,
        start: 0,
        duration: 2,
    };
    let s = scenario(&format!(
        "{}\n[[recipes]]\nproduct = \"p\"\ninput = \"s\"\nper_unit = 1\n{}{}{}{}{}{}{}",
        head(4, ARIO),
        facility("S1", "s", "JPN"),
        facility("S2", "s", "USA"),
        facility("P", "p", "JPN"),
        market("M", "p", 10.0, "JPN"),
        link("S1", "P", "s", 0.5),
        link("S2", "P", "s", 0.5),
        link("P", "M", "p", 1.0),
    ));
    let o = run(&s, &[ban("USA", "JPN")], &["S1", "S2", "P"]);
    assert_days("S1", &output(&o, &s, "S1"), &[5.0, 5.0, 5.0, 4.82421875]);
    assert_days("S2", &output(&o, &s, "S2"), &[0.0, 0.0, 5.0, 4.82421875]);
    assert_days("P", &output(&o, &s, "P"), &[10.0, 9.375, 6.640625, 8.740234375]);
    assert_days("M unmet", &unmet(&o, &s, "M"), &[0.0, 0.625, 3.359375, 1.259765625]);

    let s = scenario(&format!(
        "{}{}{}{}",
        head(4, ARIO),
        facility("S1", "s", "JPN"),
        market("U", "s", 4.0, "USA"),
        link("S1", "U", "s", 1.0),
    ));
    let o = run(&s, &[ban("JPN", "USA")], &["S1"]);
    assert_days("U unmet", &unmet(&o, &s, "U"), &[4.0, 4.0, 0.0, 0.0]);
    assert_days("S1", &output(&o, &s, "S1"), &[0.0, 0.0, 4.0, 4.0]);
}

/// `[ario]` reaches the rule set: a preset with one switch overridden, parameters and a
/// per-product inventory (crates/core/tests/cases/valid_ario_settings, and its invalid twin
/// toml_ario_bad_values for the located errors).
#[test]
fn ario_settings_are_read_from_the_scenario() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/cases/valid_ario_settings");
    let s = load(std::path::Path::new(dir)).expect("valid");
    assert_eq!(s.settings.model, Model::Ario);
    let a = &s.settings.ario;
    assert_eq!(
        a.compat,
        kuroshio_core::ArioCompat { tolerance_shortcuts: false, ..kuroshio_core::ArioCompat::BOARIO }
    );
    assert_eq!(a.psi, 0.9);
    assert_eq!(a.inventory_days("wafer"), 10.0);
    assert_eq!(a.inventory_days("chip"), 5.0);
    assert_eq!(a.inventory_days("ore"), 30.0);
    assert_eq!(a.alpha_max, 1.25, "defaults stay");
    let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
    assert_eq!(sim.model(), Model::Ario);
    // Default: native rules, papers' ARIO switches.
    assert_eq!(kuroshio_core::Settings::default().model, Model::Native);
    assert_eq!(kuroshio_core::ArioSettings::default().compat, kuroshio_core::ArioCompat::PAPER);
}

/// A chokepoint closure on S's route to M (10 a day) with an alternate carrying half the route's
/// baseline flow: phi = (0 + 0.5 x 10) / 10 = 0.5 on days 0-2. Half of M's final demand cannot be
/// carried (short 5 a day); S is asked, and makes, only the 5 that can go; the alternate's extra
/// days play no part (no lead times in ARIO).
#[test]
fn a_closure_limits_links_to_what_the_alternate_carries() {
    let s = scenario(&format!(
        "{}{}{}[[chokepoints]]\nid = \"strait\"\nkind = \"strait\"\ncountry = \"JPN\"\n[[routes]]\nid = \"r\"\nchokepoints = \"strait\"\ntransit_days = 1\nalternate_chokepoints = \"\"\nalternate_extra_days = 4\nalternate_capacity = 0.5\n{}route = \"r\"\n",
        head(5, ARIO),
        facility("S", "s", "JPN"),
        market("M", "s", 10.0, "USA"),
        link("S", "M", "s", 1.0),
    ));
    let strait = s.network.chokepoint_id("strait").expect("chokepoint");
    let d = [Disruption::ChokepointClosure { chokepoint: strait, start: 0, duration: 3, severity: 1.0 }];
    let o = run(&s, &d, &["S"]);
    assert_days("M unmet", &unmet(&o, &s, "M"), &[5.0, 5.0, 5.0, 0.0, 0.0]);
    assert_days("S", &output(&o, &s, "S"), &[5.0, 5.0, 5.0, 10.0, 10.0]);
}

/// Time to survive under the ARIO rules (the search stops each trial at its first shortage).
/// The chain with 10 days of stock at P (target 100, constrained below psi x 100 = 80). While S
/// has no capacity its weight in P's order split is 0 (capacity / X0), and as the only supplier
/// it gets no order at all (BoARIO's 0/0 -> 0), so S makes nothing the day after it is back
/// either. Outage of 1 day: S makes 0, 0 (no orders), then 10 from day 2; P's stock goes 90, 80
/// and stays at 80 (not below 80): no shortage. Outage of 2 days: S makes 0 on days 0-2, P's
/// stock reaches 70 on day 2, and P is short on day 3 (M short 10 - 10 x 70/80 = 1.25). So
/// TTS(S) = 1 day; an outage of P itself leaves M short at once: TTS(P) = 0.
#[test]
fn time_to_survive_under_ario() {
    let s = chain(30, "inventory_duration = 10\npsi = 0.8\ninventory_restoration_tau = 2\nalpha_max = 1");
    let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
    let rows = kuroshio_sim::tts::analyse(&sim);
    let tts = |f: &str| rows.iter().find(|r| r.facility == id(&s, f)).expect("row").tts;
    assert_eq!(tts("S"), kuroshio_sim::tts::Survival::Days(1));
    let o = run(&s, &[outage(&s, "S", 1.0, 2, RecoveryProfile::Step)], &["S"]);
    assert_days("S", &output(&o, &s, "S")[..4], &[0.0, 0.0, 0.0, 10.0]);
    assert_days("M unmet", &unmet(&o, &s, "M")[..4], &[0.0, 0.0, 0.0, 1.25]);
    assert_eq!(tts("P"), kuroshio_sim::tts::Survival::Days(0));
}
