//! Data-driven tests of the scenario loader's validation.
//!
//! Every directory under `tests/cases/` is one scenario (a `scenario.toml` with CSV tables or
//! inline `[[table]]` rows) and an `expected.txt` holding exactly what loading it must report:
//!
//! - a scenario that fails to load: every diagnostic, one per line, in the order found, as
//!   [`Diagnostic`]'s `Display` form;
//! - a scenario that loads: the line `ok`, followed by its warnings, one per line.
//!
//! File paths are shown relative to the case directory with `/` separators
//! (`error: links.csv:3:27: field `share`: ...`), so the expectations do not depend on where the
//! repository is checked out or on the platform.
//!
//! The test runs every case and fails once, listing every mismatch. After a deliberate change of
//! messages, `UPDATE_EXPECT=1 cargo test -p kuroshio-core --test validation` rewrites the
//! `expected.txt` files from the actual output; review the diff by hand (line and column must
//! point at the bad cell, the message must say what is wrong) before committing it.
//!
//! The second half of this file checks the contents of loaded scenarios through the public API.

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Component, Path, PathBuf};

use kuroshio_core::{CoreError, Diagnostic, FacilityId, Scenario, Severity, load};

/// `tests/cases`, from the crate's manifest directory (independent of the working directory).
fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("cases")
}

/// One case directory.
fn case_dir(name: &str) -> PathBuf {
    cases_dir().join(name)
}

/// Every case directory, sorted by name.
fn case_dirs() -> Vec<PathBuf> {
    let dir = cases_dir();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// `path` relative to `base` when it is inside it, with `/` separators on every platform.
fn portable(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            Component::RootDir => String::new(),
            other => other.as_os_str().to_string_lossy().into_owned(),
        })
        .collect();
    parts.join("/")
}

/// One diagnostic as a line of `expected.txt`.
fn render_diagnostic(d: &Diagnostic, case: &Path) -> String {
    let mut d = d.clone();
    d.location.file = PathBuf::from(portable(&d.location.file, case));
    let line = d.to_string();
    // Messages may quote other paths too ("first defined at <path>:2", "expected ... at <path>").
    let mut prefix = case.display().to_string();
    prefix.push(std::path::MAIN_SEPARATOR);
    let line = line.replace(&prefix, "");
    if std::path::MAIN_SEPARATOR == '/' { line } else { line.replace(std::path::MAIN_SEPARATOR, "/") }
}

/// What loading a case reports, in the form of `expected.txt`.
fn render_case(case: &Path) -> String {
    let mut out = String::new();
    match catch_unwind(AssertUnwindSafe(|| load(case))) {
        Ok(Ok(scenario)) => {
            out.push_str("ok\n");
            for d in scenario.warnings.all() {
                if d.severity == Severity::Error {
                    // A loaded scenario must not carry errors; show it so the case fails.
                    out.push_str("loaded with an error: ");
                }
                writeln!(out, "{}", render_diagnostic(d, case)).unwrap();
            }
        }
        Ok(Err(CoreError::Invalid(diags))) => {
            if !diags.has_errors() {
                out.push_str("invalid without an error:\n");
            }
            for d in diags.all() {
                writeln!(out, "{}", render_diagnostic(d, case)).unwrap();
            }
        }
        Ok(Err(other)) => writeln!(out, "unexpected error: {other}").unwrap(),
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(non-string panic payload)".into());
            writeln!(out, "panic: {msg}").unwrap();
        }
    }
    out
}

/// `expected.txt` as lines: CRLF-tolerant, trailing blank lines ignored.
fn lines(text: &str) -> Vec<&str> {
    let mut v: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    while v.last().is_some_and(|l| l.trim().is_empty()) {
        v.pop();
    }
    v
}

/// A readable account of how `actual` differs from `expected`.
fn describe_mismatch(name: &str, expected: &[&str], actual: &[&str]) -> String {
    let mut s = format!("--- case `{name}`\n");
    for (i, line) in expected.iter().enumerate() {
        if actual.get(i) != Some(line) {
            if !actual.contains(line) {
                writeln!(s, "  missing:    {line}").unwrap();
            } else {
                writeln!(s, "  misplaced:  {line}").unwrap();
            }
        }
    }
    for line in actual {
        if !expected.contains(line) {
            writeln!(s, "  unexpected: {line}").unwrap();
        }
    }
    s.push_str("  expected:\n");
    for line in expected {
        writeln!(s, "    {line}").unwrap();
    }
    s.push_str("  actual:\n");
    for line in actual {
        writeln!(s, "    {line}").unwrap();
    }
    s
}

#[test]
fn validation_cases() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v == "1");
    let dirs = case_dirs();
    assert!(
        dirs.len() >= 40,
        "expected the validation cases under {}, found {}",
        cases_dir().display(),
        dirs.len()
    );
    let mut failures = Vec::new();
    let mut updated = Vec::new();
    for case in &dirs {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected_path = case.join("expected.txt");
        let actual = render_case(case);
        let expected = std::fs::read_to_string(&expected_path).ok();
        if lines(expected.as_deref().unwrap_or("")) == lines(&actual) && expected.is_some() {
            continue;
        }
        if update {
            std::fs::write(&expected_path, &actual)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", expected_path.display()));
            updated.push(name);
            continue;
        }
        match expected {
            Some(text) => failures.push(describe_mismatch(&name, &lines(&text), &lines(&actual))),
            None => failures.push(format!(
                "--- case `{name}`: no expected.txt; actual output:\n{actual}(run with UPDATE_EXPECT=1 to create it, then check it by hand)\n"
            )),
        }
    }
    if !updated.is_empty() {
        eprintln!(
            "UPDATE_EXPECT=1: rewrote expected.txt of {} case(s): {}",
            updated.len(),
            updated.join(", ")
        );
    }
    if !failures.is_empty() {
        panic!(
            "{} of {} validation case(s) do not match their expected.txt \
             (UPDATE_EXPECT=1 rewrites them; check every line by hand):\n\n{}",
            failures.len(),
            dirs.len(),
            failures.join("\n")
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Contents of loaded scenarios, through the public API.

fn load_case(name: &str) -> Scenario {
    match load(&case_dir(name)) {
        Ok(s) => s,
        Err(CoreError::Invalid(d)) => panic!("case `{name}` should load, but:\n{d}"),
        Err(e) => panic!("case `{name}` should load, but: {e}"),
    }
}

fn facility(s: &Scenario, id: &str) -> FacilityId {
    s.network.facility_id(id).unwrap_or_else(|| panic!("no facility `{id}`"))
}

fn output(s: &Scenario, id: &str) -> f64 {
    s.baseline.output[facility(s, id).index()]
}

fn assert_close(actual: f64, expected: f64, what: &str) {
    let tol = 1e-9 * expected.abs().max(1.0);
    assert!((actual - expected).abs() <= tol, "{what}: expected {expected}, got {actual}");
}

/// The 3-tier chain: market demand 100 chips/day; a chip takes 2 wafers, a wafer 3 kg of ore.
/// By hand: plant makes 100 chips, fab 200 wafers, mine 600 kg of ore.
#[test]
fn three_tier_chain_contents_and_baseline() {
    let s = load_case("valid_three_tier");
    let net = &s.network;
    assert_eq!(s.name, "three-tier");
    assert_eq!(net.products.len(), 3);
    assert_eq!(net.facilities.len(), 4, "3 facilities and 1 market");
    assert_eq!(net.markets.len(), 1);
    assert_eq!(net.links.len(), 3);
    assert_eq!(net.regions.len(), 3);
    assert!(net.routes.is_empty() && net.chokepoints.is_empty());
    assert!(!s.baseline.cyclic);
    assert_eq!(s.baseline.iterations, 0);

    assert_close(output(&s, "us_market"), 100.0, "market");
    assert_close(output(&s, "plant"), 100.0, "chip plant");
    assert_close(output(&s, "fab"), 200.0, "wafer fab");
    assert_close(output(&s, "mine"), 600.0, "ore mine");

    // Link flows: the same numbers, per link.
    for (l, link) in net.links.iter().enumerate() {
        let supplier = &net.facility(link.supplier).id;
        let expected = match supplier.as_str() {
            "mine" => 600.0,
            "fab" => 200.0,
            "plant" => 100.0,
            other => panic!("unexpected supplier {other}"),
        };
        assert_close(s.baseline.link_flow[l], expected, &format!("flow out of {supplier}"));
    }

    // Recipes as written: 2 wafers per chip, 3 ore per wafer; markets take 1 unit.
    let per_unit = |id: &str| -> Vec<(String, f64)> {
        net.inputs(facility(&s, id))
            .iter()
            .map(|i| (net.products[i.product.index()].id.clone(), i.per_unit))
            .collect()
    };
    assert_eq!(per_unit("plant"), vec![("wafer".to_string(), 2.0)]);
    assert_eq!(per_unit("fab"), vec![("ore".to_string(), 3.0)]);
    assert_eq!(per_unit("mine"), vec![]);
    assert_eq!(per_unit("us_market"), vec![("chip".to_string(), 1.0)]);

    // Capacities are as given (no utilization derivation when capacity is given).
    assert_eq!(net.facility(facility(&s, "fab")).capacity, 300.0);
    let market = net.facility(facility(&s, "us_market"));
    assert!(market.is_market());
    assert_eq!(market.demand_per_day, 100.0);
    assert_eq!(market.country.code(), "USA");

    // Only warnings, and the ones expected.txt lists.
    assert_eq!(s.warnings.error_count(), 0);
    assert_eq!(s.warnings.all().len(), 3, "single-source ore, wafer and chip:\n{}", s.warnings);
}

/// Loading the directory or its `scenario.toml` is the same.
#[test]
fn directory_and_toml_path_load_the_same() {
    let by_dir = load_case("valid_three_tier");
    let by_file = load(&case_dir("valid_three_tier").join("scenario.toml")).expect("loads by file");
    assert_eq!(by_dir.baseline, by_file.baseline);
    assert_eq!(by_dir.network.facilities, by_file.network.facilities);
    assert_eq!(by_dir.path, by_file.path);
}

/// The inline-TOML scenario is the 3-tier chain written as `[[table]]` rows: same network,
/// same baseline.
#[test]
fn inline_toml_equals_csv() {
    let csv = load_case("valid_three_tier");
    let inline = load_case("valid_inline_toml");
    assert_eq!(inline.name, "three-tier-inline");
    assert_eq!(csv.network.products, inline.network.products);
    assert_eq!(csv.network.facilities, inline.network.facilities);
    assert_eq!(csv.network.links, inline.network.links);
    assert_eq!(csv.network.recipes, inline.network.recipes);
    assert_eq!(csv.baseline, inline.baseline);
    assert_close(output(&inline, "mine"), 600.0, "ore mine (inline)");
}

/// A cycle whose coefficients multiply to less than one converges to the Leontief solution:
/// x1 = 100 + 0.4 x2, x2 = 0.5 x1, so x1 = 125 and x2 = 62.5.
#[test]
fn convergent_cycle_baseline() {
    let s = load_case("cycle_converges");
    assert!(s.baseline.cyclic);
    assert!(s.baseline.iterations > 0);
    let tol = 1e-6;
    let x1 = output(&s, "sector_a");
    let x2 = output(&s, "sector_b");
    assert!((x1 - 125.0).abs() < tol * 125.0, "sector_a: {x1}");
    assert!((x2 - 62.5).abs() < tol * 62.5, "sector_b: {x2}");
    // Capacities follow from the default utilization 0.85.
    let cap = s.network.facility(facility(&s, "sector_a")).capacity;
    assert!((cap - x1 / 0.85).abs() < 1e-9 * cap, "capacity {cap}");
}

/// A raw-material source (no recipe) needs no supplier, and a backup link carries no baseline
/// flow and does not count toward the shares.
#[test]
fn raw_material_and_backup_link() {
    let s = load_case("valid_raw_material_no_supplier");
    let net = &s.network;
    assert!(net.inputs(facility(&s, "mine")).is_empty());
    assert_close(output(&s, "mine"), 40.0, "mine");
    let backup: Vec<usize> = (0..net.links.len()).filter(|&l| net.links[l].backup).collect();
    assert_eq!(backup.len(), 1);
    assert_eq!(s.baseline.link_flow[backup[0]], 0.0);
    assert_eq!(output(&s, "spare_mine"), 0.0);
}

/// The failure of a scenario with errors holds every error, and the errors come first-found
/// first: two independent bad cells in one file are both reported, in file order.
#[test]
fn every_error_is_reported() {
    let err = load(&case_dir("number_not_numeric")).expect_err("has errors");
    let CoreError::Invalid(diags) = err else { panic!("expected CoreError::Invalid") };
    assert!(diags.error_count() >= 2, "{diags}");
    let lines: Vec<usize> = diags.errors().map(|d| d.location.line).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "file order: {lines:?}");
    assert!(diags.errors().all(|d| d.location.column > 0 && d.field.is_some()), "{diags}");
}
