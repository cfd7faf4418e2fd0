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
