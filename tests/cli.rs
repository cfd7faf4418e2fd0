//! The `kuroshio` binary end to end: exit codes, located messages, JSON output.

use std::path::Path;
use std::process::Command;

fn kuroshio(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kuroshio"))
        .args(args)
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run kuroshio");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn validate_tutorial_succeeds_with_a_summary() {
    let (code, out, _) = kuroshio(&["validate", "scenarios/tutorial"]);
    assert_eq!(code, 0);
    assert!(out.contains("valid"), "{out}");
    assert!(out.contains("facilities by country"), "{out}");
}

#[test]
fn invalid_scenario_exits_2_listing_every_error_located() {
    let dir = tempfile::tempdir().unwrap();
    let tutorial = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/tutorial");
    for entry in std::fs::read_dir(&tutorial).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    // Break two cells of links.csv: a share and a lead time on the first data row.
    let links = std::fs::read_to_string(dir.path().join("links.csv")).unwrap();
    let mut lines: Vec<String> = links.lines().map(str::to_string).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let share = header.iter().position(|h| *h == "share").unwrap();
    let lead = header.iter().position(|h| *h == "lead_time_days").unwrap();
    let mut cells: Vec<String> = lines[1].split(',').map(str::to_string).collect();
    cells[share] = "lots".into();
    cells[lead] = "0".into();
    lines[1] = cells.join(",");
    std::fs::write(dir.path().join("links.csv"), lines.join("\n") + "\n").unwrap();

    let path = dir.path().to_str().unwrap();
    let (code, _, err) = kuroshio(&["validate", path, "--message-format", "short"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("links.csv:2:"), "{err}");
    assert!(err.contains("field `share`: invalid value `lots`; expected a number from 0 to 1"), "{err}");
    assert!(err.contains("field `lead_time_days`: value `0` is out of range"), "{err}");
    assert!(err.contains("2 errors"), "{err}");
    // The human format shows the same with a snippet.
    let (code, _, err) = kuroshio(&["validate", path]);
    assert_eq!(code, 2);
    assert!(err.contains("lots"), "{err}");
}

#[test]
fn missing_scenario_exits_2_naming_the_file() {
    let (code, _, err) = kuroshio(&["validate", "no/such/dir", "--message-format", "short"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/dir: file not found; expected a scenario directory"), "{err}");
}

#[test]
fn inspect_json_is_machine_readable() {
    let (code, out, err) = kuroshio(&["inspect", "scenarios/tutorial", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["schema"], "kuroshio.inspect");
    assert!(v["single_points_of_failure"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(v["concentration"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(v["route_exposure"].as_array().is_some());
}

#[test]
fn generate_then_validate_and_inspect() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net");
    let p = path.to_str().unwrap();
    let (code, out, err) = kuroshio(&["generate", "--facilities", "300", "--seed", "3", "--out", p]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("300 facilities"), "{out}");
    assert_eq!(kuroshio(&["validate", p]).0, 0);
    let (code, out, _) = kuroshio(&["inspect", p]);
    assert_eq!(code, 0);
    assert!(out.contains("Single points of failure"));
}

#[test]
fn import_mrio_then_validate_the_pymrio_test_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mrio-test");
    let o = out.to_str().unwrap();
    let (code, stdout, err) = kuroshio(&[
        "import-mrio",
        "--z",
        "tests/data/mrio/pymrio-test/wide/Z.txt",
        "--y",
        "tests/data/mrio/pymrio-test/wide/Y.txt",
        "--x",
        "tests/data/mrio/pymrio-test/wide/x.txt",
        "--default-country",
        "JPN",
        "--out",
        o,
    ]);
    assert_eq!(code, 0, "{err}");
    // 6 regions x 8 sectors; one market per region and sector; unit from pymrio's unit.txt.
    assert!(
        stdout.contains(
            "48 facilities (industries of 48 in the wide table), 8 products, 6 regions, 48 markets"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("units of Mill USD (1000000 USD)"), "{stdout}");
    assert!(!err.contains("dropped"), "nothing is dropped from this table: {err}");
    let (code, stdout, err) = kuroshio(&["validate", o]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("48 facilities and 48 markets, 8 products"), "{stdout}");
    assert!(stdout.contains("cyclic network"), "{stdout}");

    // The same table with one bad number: exit 2, the cell located, nothing written.
    let z = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mrio/pymrio-test/wide/Z.txt"),
    )
    .unwrap()
    .replacen("23697.221", "23697,221", 1);
    let bad = dir.path().join("Z.txt");
    std::fs::write(&bad, z).unwrap();
    let out2 = dir.path().join("bad-out");
    let (code, _, err) = kuroshio(&[
        "import-mrio",
        "--z",
        bad.to_str().unwrap(),
        "--y",
        "tests/data/mrio/pymrio-test/wide/Y.txt",
        "--unit",
        "Mill USD",
        "--default-country",
        "JPN",
        "--message-format",
        "short",
        "--out",
        out2.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("Z.txt:4:11: invalid value `23697,221`; expected a number"), "{err}");
    assert!(!out2.exists());

    // Region labels that are not countries need --default-country or --regions.
    let (code, _, err) = kuroshio(&[
        "import-mrio",
        "--z",
        "tests/data/mrio/pymrio-test/wide/Z.txt",
        "--y",
        "tests/data/mrio/pymrio-test/wide/Y.txt",
        "--out",
        dir.path().join("x").to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("6 regions of the table have no ISO 3166-1 alpha-3 country: reg1, reg2"), "{err}");
}

#[test]
fn stress_a_facility_reports_markets_and_writes_series() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let (code, stdout, err) = kuroshio(&[
        "stress",
        "scenarios/tutorial",
        "--facility",
        "FAB-HSINCHU",
        "--days",
        "90",
        "--out",
        out,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("US-VEHICLES"), "{stdout}");
    let markets = std::fs::read_to_string(dir.path().join("markets_daily.csv")).unwrap();
    assert!(markets.starts_with("day,market,unmet_units\n"));
    assert_eq!(markets.lines().count(), 1 + 365);
    let facilities = std::fs::read_to_string(dir.path().join("facilities_daily.csv")).unwrap();
    assert!(facilities.contains("FAB-HSINCHU"));
    // The JSON form parses and agrees that the market is short.
    let (code, stdout, _) =
        kuroshio(&["stress", "scenarios/tutorial", "--facility", "FAB-HSINCHU", "--days", "90", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(v["unmet_final_demand_usd"].as_f64().unwrap() > 0.0);
    assert_eq!(v["markets"][0]["market"], "US-VEHICLES");
}

#[test]
fn stress_rejects_unknown_targets_naming_them() {
    let (code, _, err) = kuroshio(&["stress", "scenarios/tutorial", "--facility", "NOPE", "--days", "9"]);
    assert_eq!(code, 1);
    assert!(err.contains("no facility `NOPE`"), "{err}");
    let (code, _, err) =
        kuroshio(&["stress", "scenarios/tutorial", "--export-ban", "JAP:USA:*", "--days", "9"]);
    assert_eq!(code, 1);
    assert!(err.contains("`JAP` is not an ISO 3166-1 alpha-3 country code"), "{err}");
    let (code, _, err) = kuroshio(&[
        "stress",
        "scenarios/tutorial",
        "--chokepoint",
        "TAIWAN-STRAIT",
        "--days",
        "9",
        "--severity",
        "1.5",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("--severity 1.5 is not in (0, 1]"), "{err}");
    let (code, _, err) = kuroshio(&[
        "stress",
        "scenarios/tutorial",
        "--route",
        "TWN-USWC-SEA",
        "--days",
        "9",
        "--start",
        "400",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("--start 400 is not within the horizon of 365 days"), "{err}");
}

#[test]
fn tts_ranks_facilities_and_marks_exposure() {
    let (code, stdout, err) = kuroshio(&["tts", "scenarios/tutorial", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let rows = v["facilities"].as_array().unwrap();
    assert_eq!(rows.len(), 9);
    // Sorted by risk exposure index, the top one has REI 1.
    assert_eq!(rows[0]["risk_exposure_index"].as_f64(), Some(1.0));
    for r in rows {
        if let (Some(tts), Some(ttr), Some(exposed)) =
            (r["tts_days"].as_f64(), r["ttr_days"].as_f64(), r["exposed"].as_bool())
        {
            let at_least = r["tts_at_least_horizon"].as_bool().unwrap();
            assert_eq!(exposed, !at_least && tts < ttr, "{r}");
        }
    }
}

#[test]
fn tts_of_chosen_facilities_gives_the_rows_of_the_whole_sweep() {
    let (code, whole, err) = kuroshio(&["tts", "scenarios/tutorial", "--json"]);
    assert_eq!(code, 0, "{err}");
    let whole: serde_json::Value = serde_json::from_str(&whole).unwrap();
    let rows = whole["facilities"].as_array().unwrap();
    // Two facilities with a TTR, so both get a PI; the subset's REI is relative to its own
    // largest PI.
    let chosen: Vec<&serde_json::Value> = rows.iter().filter(|r| r["ttr_days"].is_number()).take(2).collect();
    assert_eq!(chosen.len(), 2);
    let ids: Vec<&str> = chosen.iter().map(|r| r["facility"].as_str().unwrap()).collect();
    let (code, sub, err) =
        kuroshio(&["tts", "scenarios/tutorial", "--json", "--facility", &format!("{},{}", ids[0], ids[1])]);
    assert_eq!(code, 0, "{err}");
    let sub: serde_json::Value = serde_json::from_str(&sub).unwrap();
    let sub = sub["facilities"].as_array().unwrap();
    assert_eq!(sub.len(), 2);
    let max_pi = chosen.iter().map(|r| r["performance_impact_usd"].as_f64().unwrap()).fold(0.0, f64::max);
    for r in &chosen {
        let s = sub.iter().find(|x| x["facility"] == r["facility"]).expect("row of a chosen facility");
        for key in ["tts_days", "tts_at_least_horizon", "ttr_days", "performance_impact_usd", "exposed"] {
            assert_eq!(s[key], r[key], "{key} of {}", r["facility"]);
        }
        let pi = r["performance_impact_usd"].as_f64().unwrap();
        let rei = if max_pi > 0.0 { pi / max_pi } else { 0.0 };
        assert_eq!(s["risk_exposure_index"].as_f64(), Some(rei));
    }

    let (code, _, err) = kuroshio(&["tts", "scenarios/tutorial", "--facility", "no-such-plant"]);
    assert_eq!(code, 1);
    assert!(err.contains("--facility: no facility `no-such-plant` in the scenario"), "{err}");

    let (code, _, err) = kuroshio(&["tts", "scenarios/tutorial", "--facility", "US-VEHICLES"]);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "--facility: `US-VEHICLES` is a market; time to survive is defined for producing facilities"
        ),
        "{err}"
    );
}

#[test]
fn run_writes_a_summary_identical_at_one_and_two_threads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    for (out, threads) in [(&one, "1"), (&two, "2")] {
        let (code, stdout, stderr) = kuroshio(&[
            "run",
            "scenarios/tutorial",
            "--trials",
            "500",
            "--seed",
            "9",
            "--threads",
            threads,
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("tutorial: 500 trials of 365 days, seed 9, completed"), "{stdout}");
        assert!(stdout.contains("expected loss"), "{stdout}");
    }
    let a = std::fs::read(one.join("summary.json")).expect("summary");
    assert_eq!(a, std::fs::read(two.join("summary.json")).expect("summary"));
    let summary: serde_json::Value = serde_json::from_slice(&a).expect("json");
    assert_eq!(summary["format"], "kuroshio-summary");
    assert_eq!(summary["trials"], 500);
    let trials = std::fs::read_to_string(one.join("trials.csv")).expect("trials.csv");
    assert_eq!(trials.lines().count(), 501);
    assert!(trials.starts_with(
        "trial,loss_usd,lost_output_usd,disruptions,first_shortage_day,recovery_days,recovery\n"
    ));
    for f in ["facilities.csv", "chokepoints.csv", "markets.csv", "market_bands.csv", "run-info.json"] {
        assert!(one.join(f).is_file(), "{f} missing");
    }
    let info: serde_json::Value =
        serde_json::from_slice(&std::fs::read(one.join("run-info.json")).expect("run-info")).expect("json");
    assert_eq!(info["threads"], 1);
}

#[test]
fn sharded_run_merged_equals_the_single_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = |p: &str| dir.path().join(p).to_str().expect("utf-8").to_string();
    let (code, _, stderr) = kuroshio(&[
        "run",
        "scenarios/tutorial",
        "--trials",
        "700",
        "--seed",
        "4",
        "--out",
        &d("whole"),
        "--quiet",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let mut parts = Vec::new();
    for k in 0..3 {
        let shard = format!("{k}/3");
        let (code, _, stderr) = kuroshio(&[
            "run",
            "scenarios/tutorial",
            "--trials",
            "700",
            "--seed",
            "4",
            "--shard",
            &shard,
            "--out",
            &d("parts"),
        ]);
        assert_eq!(code, 0, "{stderr}");
        parts.push(d(&format!("parts/part-{k:04}-of-0003.json")));
    }
    // Merging two of three names the gap.
    let (code, _, stderr) = kuroshio(&["merge", &parts[0], &parts[2], "--out", &d("bad")]);
    assert_eq!(code, 1);
    assert!(stderr.contains("leaves a gap"), "{stderr}");
    let mut args = vec!["merge"];
    args.extend(parts.iter().map(String::as_str));
    let merged = d("merged");
    args.extend(["--out", &merged, "--quiet"]);
    let (code, _, stderr) = kuroshio(&args);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read(dir.path().join("merged/summary.json")).expect("merged"),
        std::fs::read(dir.path().join("whole/summary.json")).expect("whole")
    );
    assert_eq!(
        std::fs::read(dir.path().join("merged/trials.csv")).expect("merged"),
        std::fs::read(dir.path().join("whole/trials.csv")).expect("whole")
    );
}

#[test]
fn run_rejects_bad_options_before_any_work() {
    let (code, _, stderr) = kuroshio(&["run", "scenarios/tutorial", "--shard", "3/3"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("--shard 3/3: K is counted from 0, so it must be below N = 3"), "{stderr}");
    let (code, _, stderr) =
        kuroshio(&["run", "scenarios/tutorial", "--shard", "0/2", "--target-rel-ci", "0.1"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("cannot be combined"), "{stderr}");
    let (code, _, stderr) = kuroshio(&["run", "scenarios/tutorial", "--target-rel-ci", "0"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("expected a share above 0"), "{stderr}");
}

#[test]
fn compare_reports_paired_reductions_and_writes_each_arm() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("cmp");
    let (code, stdout, stderr) = kuroshio(&[
        "compare",
        "scenarios/tutorial",
        "--intervention",
        "harden-mcu-fabs",
        "--intervention",
        "resist-stockpile-60d",
        "--trials",
        "300",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("harden-mcu-fabs"), "{stdout}");
    let c: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("comparison.json")).expect("comparison"))
            .expect("json");
    assert_eq!(c["comparisons"].as_array().expect("array").len(), 2);
    assert_eq!(c["comparisons"][0]["intervention"], "harden-mcu-fabs");
    // The base arm of compare is the plain run: the same losses as `run` with the same seed.
    let run_out = dir.path().join("run");
    let (code, _, stderr) = kuroshio(&[
        "run",
        "scenarios/tutorial",
        "--trials",
        "300",
        "--out",
        run_out.to_str().expect("utf-8"),
        "--quiet",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read(out.join("arms/base/trials.csv")).expect("arm"),
        std::fs::read(run_out.join("trials.csv")).expect("run")
    );
    let (code, _, stderr) = kuroshio(&["compare", "scenarios/tutorial", "--intervention", "nope"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("--intervention nope: no such intervention; the scenario has: resist-stockpile-60d"),
        "{stderr}"
    );
}

#[test]
fn validate_reports_hazard_errors_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    for e in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/tutorial")).expect("dir")
    {
        let e = e.expect("entry");
        std::fs::copy(e.path(), dir.path().join(e.file_name())).expect("copy");
    }
    let toml = dir.path().join("scenario.toml");
    let text = std::fs::read_to_string(&toml).expect("read")
        + "\n[[hazard]]\nname = \"bad\"\nkind = \"outage\"\nrate_per_year = 0.1\nfootprint = { facilities = [\"FAB-NAKA\"] }\nduration = { dist = \"lognormal\", median = 30, p90 = 10 }\n";
    std::fs::write(&toml, &text).expect("write");
    let line = text.lines().count();
    let (code, _, err) =
        kuroshio(&["validate", dir.path().to_str().expect("utf-8"), "--message-format", "short"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("scenario.toml:{line}:")), "{err}");
    assert!(err.contains("hazard[7].duration"), "{err}");
    assert!(err.contains("p90"), "{err}");
}

/// Starts `kuroshio run` on the tutorial writing into `out` with frequent checkpoints, and waits
/// until its first checkpoint exists (so the run is under way).
fn start_checkpointed_run(out: &Path, trials: &str) -> std::process::Child {
    let child = Command::new(env!("CARGO_BIN_EXE_kuroshio"))
        .args(["run", "scenarios/tutorial", "--trials", trials, "--seed", "5", "--tts", "never", "--quiet"])
        .args(["--checkpoint-secs", "0.01", "--out", out.to_str().expect("utf-8")])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn kuroshio");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !out.join("checkpoint.json").exists() {
        assert!(std::time::Instant::now() < deadline, "no checkpoint written");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child
}

fn uninterrupted(dir: &Path, trials: &str) -> Vec<u8> {
    let whole = dir.join("whole");
    let (code, _, err) = kuroshio(&[
        "run",
        "scenarios/tutorial",
        "--trials",
        trials,
        "--seed",
        "5",
        "--tts",
        "never",
        "--quiet",
        "--out",
        whole.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    std::fs::read(whole.join("summary.json")).expect("summary")
}

fn resume(out: &Path, trials: &str) -> Vec<u8> {
    let (code, _, err) = kuroshio(&[
        "run",
        "scenarios/tutorial",
        "--trials",
        trials,
        "--seed",
        "5",
        "--tts",
        "never",
        "--quiet",
        "--resume",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.join("checkpoint.json").exists(), "the checkpoint is removed once the run is complete");
    std::fs::read(out.join("summary.json")).expect("summary")
}

#[test]
fn a_run_killed_at_a_random_moment_resumes_to_the_same_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let trials = "20000";
    let expected = uninterrupted(dir.path(), trials);
    let out = dir.path().join("killed");
    let mut child = start_checkpointed_run(&out, trials);
    // A moment from the clock's nanoseconds: 0 to 255 ms after the first checkpoint.
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").subsec_nanos();
    std::thread::sleep(std::time::Duration::from_millis(u64::from(nanos % 256)));
    let running = child.try_wait().expect("try_wait").is_none();
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    if running {
        assert!(!out.join("summary.json").exists(), "a killed run leaves no summary");
    }
    assert_eq!(resume(&out, trials), expected);
}

#[test]
fn sigint_stops_at_a_block_boundary_with_partial_results_then_resumes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let trials = "20000";
    let expected = uninterrupted(dir.path(), trials);
    let out = dir.path().join("interrupted");
    let mut child = start_checkpointed_run(&out, trials);
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill -INT");
    assert!(status.success());
    let out_status = child.wait().expect("wait");
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().expect("stderr"), &mut err).expect("stderr");
    assert_eq!(out_status.code(), Some(130), "{err}");
    assert!(err.contains("partial results written"), "{err}");
    let partial: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).expect("partial summary"))
            .expect("json");
    assert_eq!(partial["stop"], "interrupted");
    let done = partial["trials"].as_u64().expect("trials");
    assert!(done > 0 && done < 20_000 && done.is_multiple_of(64), "{done}");
    assert_eq!(resume(&out, trials), expected);
}

#[test]
fn a_run_that_would_not_fit_in_memory_is_refused_before_it_starts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_kuroshio"))
        .args([
            "run",
            "scenarios/tutorial",
            "--trials",
            "100",
            "--quiet",
            "--out",
            dir.path().to_str().expect("utf-8"),
        ])
        .env("KUROSHIO_MEMORY_LIMIT", "1K")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run kuroshio");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("more than the 0.0 GiB available"), "{err}");
    assert!(err.contains("--threads 1"), "{err}");
    assert!(!dir.path().join("summary.json").exists());
}

#[test]
fn stress_with_model_ario_on_an_imported_table_writes_every_series() {
    // pymrio's test table imported, then a 30% capital loss of reg2 manufacturing from day 5 under
    // the ARIO rules (docs/model.md §7). Before day 5 every industry is exactly at its baseline;
    // on day 5 the shocked industry can make only 0.7 of it (alpha is still 1: demand equalled
    // output every day before, so scarcity was 0).
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("mrio");
    let s = scenario.to_str().unwrap();
    let (code, _, err) = kuroshio(&[
        "import-mrio",
        "--z",
        "tests/data/mrio/pymrio-test/wide/Z.txt",
        "--y",
        "tests/data/mrio/pymrio-test/wide/Y.txt",
        "--x",
        "tests/data/mrio/pymrio-test/wide/x.txt",
        "--default-country",
        "JPN",
        "--out",
        s,
    ]);
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("out");
    let args = [
        "stress",
        s,
        "--facility",
        "reg2_manufactoring",
        "--severity",
        "0.3",
        "--start",
        "5",
        "--days",
        "90",
        "--profile",
        "linear",
        "--all-series",
        "--out",
        out.to_str().unwrap(),
    ];
    let (code, stdout, err) = kuroshio(&[&args[..], &["--model", "ario"]].concat());
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("reg2_manufactoring"), "{stdout}");
    let series = std::fs::read_to_string(out.join("facilities_daily.csv")).unwrap();
    assert_eq!(series.lines().count(), 1 + 48 * 365, "every industry, every day");
    for line in series.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (day, ratio): (u32, f64) = (f[0].parse().unwrap(), f[4].parse().unwrap());
        if day < 5 {
            assert!((ratio - 1.0).abs() < 1e-12, "{line}");
        }
        if day == 5 && f[1] == "reg2_manufactoring" {
            assert!((ratio - 0.7).abs() < 1e-12, "{line}");
        }
    }
    // The native rules on the same disruption give another answer; a bad --model is refused.
    let (code, native, err) = kuroshio(&[&args[..], &["--model", "native"]].concat());
    assert_eq!(code, 0, "{err}");
    assert_ne!(native.lines().next(), stdout.lines().next(), "the headlines differ");
    let (code, _, err) = kuroshio(&[&args[..], &["--model", "leontief"]].concat());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("invalid value 'leontief'"), "{err}");

    // A Monte Carlo run under --model ario says so on its scenario card, with the parameters.
    let run = dir.path().join("run");
    let (code, _, err) = kuroshio(&[
        "run",
        "scenarios/tutorial",
        "--model",
        "ario",
        "--trials",
        "64",
        "--quiet",
        "--out",
        run.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let st: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(run.join("structure.json")).unwrap()).unwrap();
    assert_eq!(st["scenario"]["settings"]["model"], "ario");
    assert_eq!(st["scenario"]["settings"]["ario"]["psi"], 0.8);
}
