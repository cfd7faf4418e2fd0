//! `mrio::import` on small hand-made tables (tests/data/mrio/two-by-two: wide, long and ICIO
//! layouts) whose recipes, shares and market demands are computed by hand in the comments, and on
//! pymrio's test MRIO (6 regions x 8 sectors, tests/data/mrio/pymrio-test), whose imported
//! baseline must reproduce x / 365.

use std::path::{Path, PathBuf};

use kuroshio_core::mrio::{ImportOptions, Input, Layout, import};
use kuroshio_core::{CoreError, Scenario, load};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/mrio").join(rel)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

fn load_ok(dir: &Path) -> Scenario {
    match load(dir) {
        Ok(s) => s,
        Err(CoreError::Invalid(d)) => panic!("imported scenario invalid:\n{d}"),
        Err(e) => panic!("{e}"),
    }
}

fn rel_close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(f64::MIN_POSITIVE)
}

/// Reads a CSV the importer wrote into (header, rows) with naive splitting (no quoted commas in
/// the columns compared).
fn table(dir: &Path, name: &str) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(dir.join(name)).expect("read");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().expect("header").iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            let rec = rec.expect("record");
            header.iter().cloned().zip(rec.iter().map(str::to_string)).collect()
        })
        .collect()
}

fn find<'a>(
    rows: &'a [std::collections::HashMap<String, String>],
    pairs: &[(&str, &str)],
) -> &'a std::collections::HashMap<String, String> {
    rows.iter()
        .find(|r| pairs.iter().all(|(k, v)| r.get(*k).map(String::as_str) == Some(*v)))
        .unwrap_or_else(|| panic!("no row with {pairs:?}"))
}

fn num(row: &std::collections::HashMap<String, String>, col: &str) -> f64 {
    row[col].parse().expect("number")
}

// A 2 regions (JPN, USA) x 2 sectors (agri, manu) table in Mill USD per year
// (tests/data/mrio/two-by-two: wide, long and ICIO files of the same numbers).
//
//              JPN/agri JPN/manu USA/agri USA/manu | JPN hh  JPN inv  USA hh | x
// JPN/agri        10       20        0        5    |   50      -5      20   | 100
// JPN/manu        30       40       10       20    |  100       0     200   | 400
// USA/agri         0       10       20       10    |   10       0     250   | 300
// USA/manu        20       30       70       80    |   30       0     270   | 500
//
// Row sums: JPN/agri 35 + 65 = 100, JPN/manu 100 + 300 = 400, USA/agri 40 + 260 = 300,
// USA/manu 200 + 300 = 500: x equals the row sums.
const WIDE_Z: &str = include_str!("../../../tests/data/mrio/two-by-two/Z.csv");
const WIDE_Y: &str = include_str!("../../../tests/data/mrio/two-by-two/Y.csv");
const X: &str = include_str!("../../../tests/data/mrio/two-by-two/x.csv");

/// Checks the scenario imported from the 2x2 table above against hand-computed values.
fn check_two_by_two(out: &Path) {
    let recipes = table(out, "recipes.csv");
    // Recipe of JPN_manu (x = 400): agri input = (20 + 10) / 400 = 0.075; manu = (40 + 30) / 400
    // = 0.175 (its own sector: allowed in a facility's own recipe).
    assert!(rel_close(
        num(find(&recipes, &[("facility", "JPN_manu"), ("input", "agri")]), "per_unit"),
        0.075,
        1e-15
    ));
    assert!(rel_close(
        num(find(&recipes, &[("facility", "JPN_manu"), ("input", "manu")]), "per_unit"),
        0.175,
        1e-15
    ));
    // USA_agri (x = 300): agri = (0 + 20) / 300 = 1/15; manu = (10 + 70) / 300 = 4/15.
    assert!(rel_close(
        num(find(&recipes, &[("facility", "USA_agri"), ("input", "agri")]), "per_unit"),
        1.0 / 15.0,
        1e-15
    ));
    assert!(rel_close(
        num(find(&recipes, &[("facility", "USA_agri"), ("input", "manu")]), "per_unit"),
        4.0 / 15.0,
        1e-15
    ));
    // 4 industries x 2 input sectors, every sum positive: 8 rows.
    assert_eq!(recipes.len(), 8);

    let links = table(out, "links.csv");
    // Into JPN_manu, agri comes from JPN_agri 20 and USA_agri 10: shares 2/3 and 1/3.
    let s = num(find(&links, &[("supplier", "JPN_agri"), ("customer", "JPN_manu")]), "share");
    assert!(rel_close(s, 2.0 / 3.0, 1e-15));
    let s = num(find(&links, &[("supplier", "USA_agri"), ("customer", "JPN_manu")]), "share");
    assert!(rel_close(s, 1.0 / 3.0, 1e-15));
    // Into USA_agri, agri comes only from USA_agri itself (JPN_agri's 0 is no link): share 1.
    assert_eq!(num(find(&links, &[("supplier", "USA_agri"), ("customer", "USA_agri")]), "share"), 1.0);
    assert!(!links.iter().any(|l| l["supplier"] == "JPN_agri" && l["customer"] == "USA_agri"));
    // 14 positive Z entries (16 less the two zeros) and every lead time 1.
    let to_facilities = links.iter().filter(|l| !l["customer"].ends_with("_final")).count();
    assert_eq!(to_facilities, 14);
    assert!(links.iter().all(|l| l["lead_time_days"] == "1"));

    let markets = table(out, "markets.csv");
    // JPN buys agri: hh 50 + inv -5 = 45 from JPN_agri (netted), 10 from USA_agri: 55 / 365.
    let m = find(&markets, &[("id", "JPN_agri_final")]);
    assert!(rel_close(num(m, "demand_per_day"), 55.0 / 365.0, 1e-15));
    assert_eq!(m["country"], "JPN");
    // USA buys manu: 200 + 270 = 470 / 365.
    assert!(rel_close(
        num(find(&markets, &[("id", "USA_manu_final")]), "demand_per_day"),
        470.0 / 365.0,
        1e-15
    ));
    assert_eq!(markets.len(), 4);
    // Shares into JPN_agri_final: 45/55 and 10/55.
    let s = num(find(&links, &[("supplier", "JPN_agri"), ("customer", "JPN_agri_final")]), "share");
    assert!(rel_close(s, 45.0 / 55.0, 1e-15));

    // Products in Mill USD, 1e6 USD per unit.
    let products = table(out, "products.csv");
    assert_eq!(products.len(), 2);
    assert!(products.iter().all(|p| p["unit"] == "Mill USD" && p["unit_value"] == "1000000"));

    // The scenario loads and its baseline is x / 365.
    let s = load_ok(out);
    for (id, x) in [("JPN_agri", 100.0), ("JPN_manu", 400.0), ("USA_agri", 300.0), ("USA_manu", 500.0)] {
        let f = s.network.facility_id(id).expect(id);
        let got = s.baseline.output[f.index()];
        assert!(rel_close(got, x / 365.0, 1e-9), "{id}: {got} vs {}", x / 365.0);
    }
    // Every row cites the input.
    for name in ["facilities.csv", "markets.csv", "recipes.csv", "links.csv", "products.csv", "regions.csv"] {
        assert!(table(out, name).iter().all(|r| !r["source"].is_empty()), "{name}");
    }
}

fn opts(z: PathBuf, y: PathBuf, x: Option<PathBuf>) -> ImportOptions {
    let mut o = ImportOptions::new(Input::Pymrio { z, y, x, layout: Layout::Auto });
    o.unit = Some("Mill USD".into());
    o
}

#[test]
fn wide_two_by_two_gives_hand_computed_recipes_shares_and_demands() {
    let dir = tempfile::tempdir().unwrap();
    let z = write(dir.path(), "Z.csv", WIDE_Z);
    let y = write(dir.path(), "Y.csv", WIDE_Y);
    let x = write(dir.path(), "x.csv", X);
    let out = dir.path().join("out");
    let s = import(&opts(z, y, Some(x)), &out).expect("import");
    assert_eq!(s.layout, "wide");
    assert_eq!(s.rows.dropped.negative_y.0, 0, "-5 is netted with the region's other categories");
    check_two_by_two(&out);
    let facilities = table(&out, "facilities.csv");
    assert_eq!(find(&facilities, &[("id", "USA_manu")])["source"], "Z.csv line 7; x: x.csv line 5 field 3");
    let links = table(&out, "links.csv");
    // Links cite their supplier's row (the Z entry JPN/manu -> USA/agri is on line 5; its
    // column is the customer's); market links the supplier's row of Y.
    assert_eq!(find(&links, &[("supplier", "JPN_manu"), ("customer", "USA_agri")])["source"], "Z.csv line 5");
    assert_eq!(
        find(&links, &[("supplier", "JPN_agri"), ("customer", "JPN_agri_final")])["source"],
        "Y.csv line 4"
    );
    // A recipe cites its Z column and the x cell it divides by; a market the Y fields it sums.
    let recipes = table(&out, "recipes.csv");
    assert_eq!(
        find(&recipes, &[("facility", "USA_agri"), ("input", "manu")])["source"],
        "Z.csv column USA/agri (field 5) summed by sector / x x.csv line 4 field 3"
    );
    let markets = table(&out, "markets.csv");
    assert_eq!(find(&markets, &[("id", "JPN_agri_final")])["source"], "Y.csv: rows of agri, fields 3-4");
}

#[test]
fn tab_separated_wide_without_x_computes_x_from_row_sums() {
    let dir = tempfile::tempdir().unwrap();
    let z = write(dir.path(), "Z.txt", &WIDE_Z.replace(',', "\t"));
    let y = write(dir.path(), "Y.txt", &WIDE_Y.replace(',', "\t"));
    let out = dir.path().join("out");
    import(&opts(z, y, None), &out).expect("import");
    check_two_by_two(&out);
}

#[test]
fn long_two_by_two_matches_the_wide_import() {
    let dir = tempfile::tempdir().unwrap();
    // The same table, one row per entry as pymrio.to_long writes it, zero entries left out; x
    // as pymrio.to_long(x) writes it: region,sector,indout,value.
    let (z, y, x) =
        (data("two-by-two/Z_long.csv"), data("two-by-two/Y_long.csv"), data("two-by-two/x_long.csv"));
    let out = dir.path().join("out");
    let s = import(&opts(z, y, Some(x)), &out).expect("import");
    assert_eq!(s.layout, "long");
    check_two_by_two(&out);
    let links = table(&out, "links.csv");
    // JPN/manu -> USA/agri is the 6th entry listed (JPN/agri -> USA/agri is 0 and left out):
    // line 7 of Z_long.csv.
    assert_eq!(
        find(&links, &[("supplier", "JPN_manu"), ("customer", "USA_agri")])["source"],
        "Z_long.csv line 7"
    );
}

#[test]
fn icio_two_by_two_reads_labels_final_demand_and_output() {
    let dir = tempfile::tempdir().unwrap();
    // The same table in the OECD layout (tests/data/mrio/two-by-two/icio.csv): TLS and VA rows,
    // OUT row and column, final demand columns REG_HFCE and REG_INVNT.
    let p = data("two-by-two/icio.csv");
    let out = dir.path().join("out");
    let s = import(&ImportOptions::new(Input::Icio(p)), &out).expect("import");
    assert_eq!(s.layout, "icio");
    assert_eq!(s.unit, ("Million USD".to_string(), 1e6));
    assert_eq!(s.not_read, vec!["TLS", "VA", "OUT"]);
    // Same numbers as the pymrio table, but the unit label is ICIO's.
    let products = table(&out, "products.csv");
    assert!(products.iter().all(|p| p["unit"] == "Million USD"));
    let text = std::fs::read_to_string(out.join("products.csv")).unwrap();
    std::fs::write(out.join("products.csv"), text.replace("Million USD", "Mill USD")).unwrap();
    check_two_by_two(&out);
    let markets = table(&out, "markets.csv");
    assert!(find(&markets, &[("id", "USA_manu_final")])["source"].starts_with("icio.csv"));
}

#[test]
fn icio_2016_style_labels_split_regions_and_discrepancy_column() {
    let dir = tempfile::tempdir().unwrap();
    // 2016-release style: final demand written CODE_REG, a DISC column without a region, a
    // TOTAL column and an OUTPUT row, value added rows named VALU and TAXSUB; CN1 is one of the
    // OECD's split regions (country CHN), ROW has no country until --default-country gives one.
    //
    //            CN1_C10  ROW_C10 | HFCE_CN1 HFCE_ROW DISC | TOTAL
    // CN1_C10       5        15   |    20       60     0   | 100
    // ROW_C10      10        30   |     0      158     2   | 200
    let icio = ",CN1_C10,ROW_C10,HFCE_CN1,HFCE_ROW,DISC,TOTAL
CN1_C10,5,15,20,60,0,100
ROW_C10,10,30,0,158,2,200
TAXSUB,1,1,0,0,0,2
VALU,84,154,0,0,0,238
OUTPUT,100,200,0,0,0,300
";
    let p = write(dir.path(), "ICIO2016_2011.csv", icio);
    let out = dir.path().join("out");
    let mut o = ImportOptions::new(Input::Icio(p));
    match import(&o, &out) {
        Err(CoreError::Parameter { message, .. }) => assert!(message.contains("country: ROW;"), "{message}"),
        other => panic!("{other:?}"),
    }
    o.default_country = Some("usa".into());
    let s = import(&o, &out).expect("import");
    assert_eq!(s.dropped_columns, vec![("DISC".to_string(), 2.0)]);
    assert_eq!(s.not_read, vec!["TAXSUB", "VALU", "OUTPUT"]);
    let regions = table(&out, "regions.csv");
    assert_eq!(find(&regions, &[("id", "CN1")])["country"], "CHN");
    assert_eq!(find(&regions, &[("id", "ROW")])["country"], "USA");
    let recipes = table(&out, "recipes.csv");
    // ROW_C10 (x = 200) buys C10 from CN1 (15) and itself (30): 45 / 200 = 0.225.
    assert!(rel_close(num(find(&recipes, &[("facility", "ROW_C10")]), "per_unit"), 0.225, 1e-15));
    let markets = table(&out, "markets.csv");
    // CN1 consumes 20 from CN1_C10; ROW consumes 60 + 158 = 218 (shares 60/218 and 158/218).
    assert!(rel_close(
        num(find(&markets, &[("id", "CN1_C10_final")]), "demand_per_day"),
        20.0 / 365.0,
        1e-15
    ));
    assert!(rel_close(
        num(find(&markets, &[("id", "ROW_C10_final")]), "demand_per_day"),
        218.0 / 365.0,
        1e-15
    ));
    let links = table(&out, "links.csv");
    let sh = num(find(&links, &[("supplier", "CN1_C10"), ("customer", "ROW_C10_final")]), "share");
    assert!(rel_close(sh, 60.0 / 218.0, 1e-15));
    // The DISC column (2 of ROW_C10's output) is not demand, so the baseline solves, per year,
    // with the coefficients Z / x of the TOTAL column:
    //   x_CN1 = 5/100 x_CN1 + 15/200 x_ROW + 80,   x_ROW = 10/100 x_CN1 + 30/200 x_ROW + 158.
    // From the second, x_ROW = (158 + 0.1 x_CN1) / 0.85; into the first,
    // x_CN1 (0.95 - 0.0075 / 0.85) = 80 + 0.075 * 158 / 0.85, so x_CN1 = 99.8125 and
    // x_ROW = 197.625: both below the table's x, by the 2 of DISC and its knock-on effect.
    let sc = load_ok(&out);
    let got = |id: &str| sc.baseline.output[sc.network.facility_id(id).unwrap().index()] * 365.0;
    assert!(rel_close(got("CN1_C10"), 99.8125, 1e-9), "{}", got("CN1_C10"));
    assert!(rel_close(got("ROW_C10"), 197.625, 1e-9), "{}", got("ROW_C10"));

    // A row label that is neither an industry nor a known row is a located error (and the rows
    // it leaves missing are not reported again as missing).
    let p = write(dir.path(), "bad.csv", &icio.replace("ROW_C10,10", "ROWC10,10"));
    match import(&ImportOptions::new(Input::Icio(p)), &dir.path().join("out2")) {
        Err(CoreError::Invalid(d)) => {
            let d = d.to_string();
            assert!(
                d.contains("bad.csv:3:1: invalid value `ROWC10`; expected a row label REG_SECTOR"),
                "{d}"
            );
            assert_eq!(d.lines().count(), 1, "{d}");
        }
        other => panic!("{other:?}"),
    }
    // An industry column without a row.
    let p = write(dir.path(), "bad2.csv", &icio.replace("HFCE_ROW", "ROW_C20"));
    match import(&ImportOptions::new(Input::Icio(p)), &dir.path().join("out2")) {
        Err(CoreError::Invalid(d)) => {
            let d = d.to_string();
            assert!(
                d.contains("bad2.csv: missing value; expected a row of the ICIO table for every industry of Z (3 industries); 1 missing: ROW/C20"),
                "{d}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_given_x_that_differs_from_the_row_sums_is_reported_and_divides_the_coefficients() {
    let dir = tempfile::tempdir().unwrap();
    let z = write(dir.path(), "Z.csv", WIDE_Z);
    let y = write(dir.path(), "Y.csv", WIDE_Y);
    // JPN/agri's x is 200 where its row sums to 100: relative difference 100 / 200 = 0.5.
    let x = write(dir.path(), "x.csv", &X.replace("JPN,agri,100", "JPN,agri,200"));
    let out = dir.path().join("out");
    let s = import(&opts(z, y, Some(x)), &out).expect("import");
    assert_eq!(s.rows.dropped.x_mismatch, (1, 0.5, "JPN/agri".to_string()));
    let recipes = table(&out, "recipes.csv");
    // JPN_agri's agri input: (10 + 0) / 200 = 0.05 (the table's A = Z / x, as BoARIO takes it).
    assert!(rel_close(
        num(find(&recipes, &[("facility", "JPN_agri"), ("input", "agri")]), "per_unit"),
        0.05,
        1e-15
    ));
}

#[test]
fn an_output_directory_is_replaced_only_when_it_holds_an_earlier_import() {
    let dir = tempfile::tempdir().unwrap();
    let z = write(dir.path(), "Z.csv", WIDE_Z);
    let y = write(dir.path(), "Y.csv", WIDE_Y);
    let out = dir.path().join("out");
    import(&opts(z.clone(), y.clone(), None), &out).expect("first import");
    import(&opts(z.clone(), y.clone(), None), &out).expect("an earlier import is replaced");
    std::fs::write(out.join("routes.csv"), "id,chokepoints,transit_days\n").unwrap();
    match import(&opts(z.clone(), y.clone(), None), &out) {
        Err(CoreError::Parameter { name: "out", message }) => {
            assert!(message.ends_with("is not empty and is not an earlier import alone (it also holds routes.csv); choose a new or empty directory"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    // A directory with a hand-written scenario is never overwritten.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("scenario.toml"), "[scenario]\nname = \"mine\"\n").unwrap();
    assert!(matches!(import(&opts(z, y, None), &other), Err(CoreError::Parameter { name: "out", .. })));
    assert_eq!(
        std::fs::read_to_string(other.join("scenario.toml")).unwrap(),
        "[scenario]\nname = \"mine\"\n"
    );
}

#[test]
fn keep_categories_drops_negative_entries_and_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    let z = write(dir.path(), "Z.csv", WIDE_Z);
    let y = write(dir.path(), "Y.csv", WIDE_Y);
    let out = dir.path().join("out");
    let mut o = opts(z, y, None);
    o.keep_categories = true;
    let s = import(&o, &out).expect("import");
    // JPN inv of JPN/agri (-5) is the one negative entry; with categories kept it cannot be
    // netted and is dropped.
    assert_eq!(s.rows.dropped.negative_y, (1, -5.0));
    let markets = table(&out, "markets.csv");
    // Markets: JPN hh x {agri, manu}, USA hh x {agri, manu}; JPN inv has no positive entry.
    assert_eq!(markets.len(), 4);
    assert!(rel_close(num(find(&markets, &[("id", "JPN_agri_hh")]), "demand_per_day"), 60.0 / 365.0, 1e-15));
    // x (the row sums as read) keeps its values, so the recipes are the table's coefficients
    // Z / x, and the baseline x' solves x' = A x' + d' with the kept final demand d' per year
    // (JPN/agri 50 + 20 = 70, JPN/manu 300, USA/agri 260, USA/manu 300): 5 more final demand for
    // JPN/agri than the table's net 65.
    let s = load_ok(&out);
    let z =
        [[10.0, 20.0, 0.0, 5.0], [30.0, 40.0, 10.0, 20.0], [0.0, 10.0, 20.0, 10.0], [20.0, 30.0, 70.0, 80.0]];
    let x = [100.0, 400.0, 300.0, 500.0];
    let d = [70.0, 300.0, 260.0, 300.0];
    let ids = ["JPN_agri", "JPN_manu", "USA_agri", "USA_manu"];
    let xp: Vec<f64> =
        ids.iter().map(|id| s.baseline.output[s.network.facility_id(id).unwrap().index()]).collect();
    for i in 0..4 {
        let rhs: f64 = (0..4).map(|j| z[i][j] / x[j] * xp[j]).sum::<f64>() + d[i] / 365.0;
        assert!(rel_close(xp[i], rhs, 1e-9), "{}: {} vs {rhs}", ids[i], xp[i]);
    }
    assert!(xp[0] > 105.0 / 365.0, "more than the 5 added directly: its suppliers' growth feeds back");
}

#[test]
fn thresholds_drop_small_flows_and_renormalise_shares() {
    let dir = tempfile::tempdir().unwrap();
    let z = write(dir.path(), "Z.csv", WIDE_Z);
    let y = write(dir.path(), "Y.csv", WIDE_Y);
    let x = write(dir.path(), "x.csv", X);
    let out = dir.path().join("out");
    let mut o = opts(z, y, Some(x));
    // Z entries below 6: JPN/agri -> USA/manu (5). Final demand below 6: none.
    o.min_flow = 6.0;
    // Then shares below 0.2 within an input: into USA/manu, manu comes 20 (JPN) and 80 (USA):
    // 20/100 = 0.2 is kept; into JPN/agri, manu 30 and 20 (0.6, 0.4) kept; into USA/agri, manu
    // 10 and 70: 10/80 = 0.125 dropped. Markets: JPN agri 45/55, 10/55 = 0.18 dropped; USA agri
    // 20/270 = 0.074 dropped; JPN manu 30/130 = 0.23 and USA manu 200/470 kept.
    o.min_share = 0.2;
    let s = import(&o, &out).expect("import");
    assert_eq!(s.rows.dropped.tiny_z, (1, 5.0));
    assert_eq!(s.rows.dropped.small_share_z, (1, 10.0));
    assert_eq!(s.rows.dropped.small_share_y, (2, 30.0));
    let recipes = table(&out, "recipes.csv");
    // USA/agri's manu input is now 70 / 300 (the dropped entry is treated as 0).
    assert!(rel_close(
        num(find(&recipes, &[("facility", "USA_agri"), ("input", "manu")]), "per_unit"),
        70.0 / 300.0,
        1e-15
    ));
    // USA/manu's agri input: only USA/agri's 10 is left: 10 / 500, from one supplier.
    assert!(rel_close(
        num(find(&recipes, &[("facility", "USA_manu"), ("input", "agri")]), "per_unit"),
        0.02,
        1e-15
    ));
    let links = table(&out, "links.csv");
    assert_eq!(num(find(&links, &[("supplier", "USA_agri"), ("customer", "USA_manu")]), "share"), 1.0);
    assert_eq!(num(find(&links, &[("supplier", "JPN_agri"), ("customer", "JPN_agri_final")]), "share"), 1.0);
    assert_eq!(num(find(&links, &[("supplier", "USA_agri"), ("customer", "USA_agri_final")]), "share"), 1.0);
    assert!(!links.iter().any(|l| l["supplier"] == "JPN_agri" && l["customer"] == "USA_agri_final"));
    load_ok(&out);
}

#[test]
fn industries_with_zero_output_are_dropped_with_their_flows() {
    let dir = tempfile::tempdir().unwrap();
    // USA/agri produces nothing: its row and column are 0 and x is 0.
    let z = "region,,JPN,JPN,USA,USA
sector,,agri,manu,agri,manu
JPN,agri,10,20,0,5
JPN,manu,30,40,0,20
USA,agri,0,0,0,0
USA,manu,20,30,0,80
";
    let y = "region,,JPN,USA
category,,hh,hh
JPN,agri,50,20
JPN,manu,100,200
USA,agri,0,0
USA,manu,30,270
";
    let z = write(dir.path(), "Z.csv", z);
    let y = write(dir.path(), "Y.csv", y);
    let out = dir.path().join("out");
    let s = import(&opts(z, y, None), &out).expect("import");
    assert_eq!(s.rows.dropped.zero_output, vec!["USA/agri"]);
    assert_eq!(s.rows.facilities.len(), 3);
    let s = load_ok(&out);
    assert!(s.network.facility_id("USA_agri").is_none());
    // JPN/agri: 35 + 70 = 105 per year.
    let got = s.baseline.output[s.network.facility_id("JPN_agri").unwrap().index()];
    assert!(rel_close(got, 105.0 / 365.0, 1e-9));
}

/// Every diagnostic of a failed import, one line each.
fn import_errors(z: &str, y: &str, x: Option<&str>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let zp = write(dir.path(), "Z.csv", z);
    let yp = write(dir.path(), "Y.csv", y);
    let xp = x.map(|x| write(dir.path(), "x.csv", x));
    match import(&opts(zp, yp, xp), &dir.path().join("out")) {
        Err(CoreError::Invalid(d)) => {
            assert!(!dir.path().join("out").exists(), "nothing is written on error");
            d.to_string().replace(&format!("{}/", dir.path().display()), "")
        }
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("import succeeded"),
    }
}

#[test]
fn bad_numbers_ragged_rows_and_unknown_labels_are_located_errors() {
    let z =
        WIDE_Z.replace("JPN,manu,30,40", "JPN,manu,30,4o").replace("USA,agri,0,10,20,10", "USA,agri,0,10,20");
    let e = import_errors(&z, WIDE_Y, Some(X));
    assert!(e.contains("error: Z.csv:5:13: invalid value `4o`; expected a number"), "{e}");
    assert!(e.contains("error: Z.csv:6:1: row has 5 fields but the header has 6"), "{e}");

    // Y names an industry Z does not have; x misses one.
    let y = WIDE_Y.replace("USA,manu,30", "USA,mine,30");
    let x = X.replace("USA,manu,500\n", "");
    let e = import_errors(WIDE_Z, &y, Some(&x));
    assert!(e.contains("error: Y.csv:7:1: unknown industry (not an industry of Z) `USA/mine`"), "{e}");
    assert!(e.contains("error: Y.csv: missing value; expected a row of Y for every industry of Z (4 industries); 1 missing: USA/manu"), "{e}");
    assert!(e.contains("error: x.csv: missing value; expected a row of x for every industry of Z (4 industries); 1 missing: USA/manu"), "{e}");

    // A column label missing in the second header row; an empty region label; an infinite value.
    let z = WIDE_Z
        .replace("sector,,agri,manu,agri,manu", "sector,,agri,,agri,manu")
        .replace("USA,manu,20", ",manu,20")
        .replace("JPN,agri,10", "JPN,agri,inf");
    let e = import_errors(&z, WIDE_Y, None);
    assert!(e.contains("error: Z.csv:2:14: missing value; expected a sector label for this column"), "{e}");
    assert!(e.contains("error: Z.csv:4:10: value `inf` is not a finite number"), "{e}");
    assert!(e.contains("error: Z.csv:7:1: missing value; expected a region label"), "{e}");

    // An x row of the wrong width.
    let e = import_errors(WIDE_Z, WIDE_Y, Some(&X.replace("USA,agri,300", "USA,agri,300,1,2")));
    assert!(
        e.contains("error: x.csv:4:1: invalid value `a row of 5 fields`; expected x rows of 3 fields (region,sector,value) or 4"),
        "{e}"
    );

    // Long layout: a duplicate entry and a bad value.
    let z =
        "region,sector,region,sector,value\nJPN,agri,JPN,agri,1\nJPN,agri,JPN,agri,2\nJPN,agri,JPN,manu,x\n";
    let e = import_errors(z, WIDE_Y, None);
    assert!(
        e.contains("error: Z.csv:3:19: duplicate id `JPN/agri to JPN/agri`; first defined at Z.csv:2"),
        "{e}"
    );
    assert!(e.contains("error: Z.csv:4:19: invalid value `x`; expected a number"), "{e}");
}

#[test]
fn regions_need_a_country() {
    let dir = tempfile::tempdir().unwrap();
    let z = write(dir.path(), "Z.csv", &WIDE_Z.replace("JPN", "reg1"));
    let y = write(dir.path(), "Y.csv", &WIDE_Y.replace("JPN", "reg1"));
    match import(&opts(z.clone(), y.clone(), None), &dir.path().join("out")) {
        Err(CoreError::Parameter { name, message }) => {
            assert_eq!(name, "regions");
            assert!(
                message.starts_with("1 region of the table has no ISO 3166-1 alpha-3 country: reg1;"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    // A regions file gives it (with coordinates); a bad code in it is a located error.
    let regions = write(dir.path(), "regions.csv", "region,country,lat,lon\nreg1,KOR,37.5,127\n");
    let mut o = opts(z.clone(), y.clone(), None);
    o.regions = Some(regions);
    let out = dir.path().join("out");
    import(&o, &out).expect("import");
    let f = table(&out, "facilities.csv");
    let r = find(&f, &[("id", "reg1_agri")]);
    assert_eq!((r["country"].as_str(), r["lat"].as_str(), r["lon"].as_str()), ("KOR", "37.5", "127"));
    load_ok(&out);
    let bad = write(dir.path(), "bad.csv", "region,country\nreg1,Korea\n");
    o.regions = Some(bad);
    match import(&o, &dir.path().join("out2")) {
        Err(CoreError::Invalid(d)) => assert!(
            d.to_string().contains("bad.csv:2:6: unknown country (ISO 3166-1 alpha-3) `Korea`"),
            "{d}"
        ),
        other => panic!("{other:?}"),
    }
}

/// pymrio's test MRIO (tests/data/mrio/pymrio-test, exported with pymrio 0.7.0): the imported
/// scenario validates and its baseline reproduces x / 365 to 1e-9 relative, in both layouts.
#[test]
fn pymrio_test_mrio_baseline_reproduces_gross_output() {
    let x_text = std::fs::read_to_string(data("pymrio-test/wide/x.txt")).unwrap();
    let x: Vec<(String, f64)> = x_text
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (format!("{}_{}", f[0], f[1]), f[2].parse().unwrap())
        })
        .collect();
    assert_eq!(x.len(), 48);
    let cases = [
        (
            data("pymrio-test/wide/Z.txt"),
            data("pymrio-test/wide/Y.txt"),
            Some(data("pymrio-test/wide/x.txt")),
            "wide",
        ),
        (data("pymrio-test/wide/Z.txt"), data("pymrio-test/wide/Y.txt"), None, "wide"),
        (
            data("pymrio-test/Z_long.csv"),
            data("pymrio-test/Y_long.csv"),
            Some(data("pymrio-test/wide/x.txt")),
            "long",
        ),
    ];
    for (z, y, xp, layout) in cases {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("mrio-test");
        let mut o = ImportOptions::new(Input::Pymrio { z, y, x: xp, layout: Layout::Auto });
        o.default_country = Some("JPN".into());
        // The unit comes from pymrio's unit.txt beside Z.txt; the long files have none beside them.
        if layout == "long" {
            o.unit = Some("Mill USD".into());
        }
        let summary = import(&o, &out).expect("import");
        assert_eq!(summary.layout, layout);
        assert_eq!(summary.unit, ("Mill USD".to_string(), 1e6));
        assert_eq!(summary.rows.facilities.len(), 48);
        assert_eq!(summary.rows.dropped, Default::default(), "nothing dropped");
        let s = load_ok(&out);
        assert!(s.baseline.cyclic);
        for (id, xv) in &x {
            let got = s.baseline.output[s.network.facility_id(id).expect(id).index()];
            assert!(rel_close(got, xv / 365.0, 1e-9), "{layout} {id}: {got} vs {}", xv / 365.0);
        }
        // Final demand: 6 regions x 8 products.
        assert_eq!(s.network.markets.len(), 48);
    }
}

/// Truncated files (every prefix of the 2x2 table in each layout) never panic: each import
/// either writes a scenario or fails with located errors.
#[test]
fn truncated_inputs_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let y = write(dir.path(), "Y.csv", WIDE_Y);
    let long_z = std::fs::read_to_string(data("two-by-two/Z_long.csv")).unwrap();
    let icio = std::fs::read_to_string(data("two-by-two/icio.csv")).unwrap();
    let mut outcomes = (0, 0);
    for (k, text) in [WIDE_Z, long_z.as_str(), WIDE_Y, X, icio.as_str()].iter().enumerate() {
        for cut in 0..text.len() {
            let prefix = &text[..cut];
            let out = dir.path().join(format!("out-{k}-{cut}"));
            let result = match k {
                0 | 1 => import(&opts(write(dir.path(), "Zc.csv", prefix), y.clone(), None), &out),
                2 => import(
                    &opts(write(dir.path(), "Zc.csv", WIDE_Z), write(dir.path(), "Yc.csv", prefix), None),
                    &out,
                ),
                3 => {
                    let z = write(dir.path(), "Zc.csv", WIDE_Z);
                    import(&opts(z, y.clone(), Some(write(dir.path(), "xc.csv", prefix))), &out)
                }
                _ => {
                    let mut o = ImportOptions::new(Input::Icio(write(dir.path(), "icio-cut.csv", prefix)));
                    o.default_country = Some("JPN".into());
                    import(&o, &out)
                }
            };
            match result {
                Ok(_) => outcomes.0 += 1,
                Err(CoreError::Invalid(d)) => {
                    assert!(d.has_errors());
                    outcomes.1 += 1;
                }
                Err(CoreError::Parameter { .. }) => outcomes.1 += 1,
                Err(e) => panic!("{e}"),
            }
        }
    }
    // Most prefixes fail; an ICIO file cut within its TLS, VA or OUT rows (not read) imports.
    assert!(outcomes.1 > outcomes.0 && outcomes.0 > 0, "{outcomes:?}");
}

/// A facility's own recipe may use the facility's own product (an industry buying from its own
/// sector): plant P needs 0.5 good per good, half from itself and half from Q (which needs
/// nothing, having no recipe of its own and the product no default recipe); the market takes 10 a
/// day from P. P supplies the market (10) and half of its own need (0.25 x), so x = 10 + 0.25 x,
/// x = 40/3; Q makes the other half of P's need, 0.25 x = 10/3.
#[test]
fn a_facility_recipe_may_use_its_own_product() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("scenario.toml"),
        r#"
[[products]]
id = "good"
unit_value = 1
[[regions]]
id = "r"
[[facilities]]
id = "P"
kind = "sector"
country = "JPN"
region = "r"
product = "good"
[[facilities]]
id = "Q"
kind = "sector"
country = "JPN"
region = "r"
product = "good"
[[markets]]
id = "M"
country = "JPN"
region = "r"
product = "good"
demand_per_day = 10
[[recipes]]
product = "good"
input = "good"
per_unit = 0.5
facility = "P"
[[links]]
supplier = "P"
customer = "P"
product = "good"
share = 0.5
lead_time_days = 1
[[links]]
supplier = "Q"
customer = "P"
product = "good"
share = 0.5
lead_time_days = 1
[[links]]
supplier = "P"
customer = "M"
product = "good"
share = 1
lead_time_days = 1
"#,
    )
    .unwrap();
    let s = load_ok(dir.path());
    let out = |id: &str| s.baseline.output[s.network.facility_id(id).unwrap().index()];
    assert!(s.baseline.cyclic);
    assert!(rel_close(out("P"), 40.0 / 3.0, 1e-9), "{}", out("P"));
    assert!(rel_close(out("Q"), 10.0 / 3.0, 1e-9), "{}", out("Q"));
}
