//! The bad-input corpus, end to end through the binary.
//!
//! Every directory of `tests/bad-inputs/` is one malformed (or deliberately odd) scenario and an
//! `expected.txt` holding the exit code of `kuroshio validate CASE --message-format short` and
//! its stderr, line for line:
//!
//! ```text
//! exit: 2
//! error: facilities.csv:3:37: field `capacity`: invalid value `3OO`; expected a non-negative number
//! error: number_not_numeric is not valid: 1 error, 0 warnings
//! ```
//!
//! Each case is copied to a temporary directory first (a few cases have their large file
//! written there, see [`generate`]), and the path of that copy is removed from the output, so
//! `facilities.csv:3:37` reads as in the case directory and the last line names the case.
//!
//! The rules: every case exits 2 with located errors, or exits 0 (cases whose name contains
//! `accepted`, and `valid_base`, the scenario the others were derived from); never 101 (a panic)
//! or 1. `tests/bad-inputs/README.md` says what each case is.
//!
//! After a deliberate change of messages, `UPDATE_EXPECT=1 cargo test --test bad_inputs`
//! rewrites the `expected.txt` files; check the diff by hand before committing it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("bad-inputs")
}

fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("tests/bad-inputs exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else if entry.file_name() != "expected.txt" {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Files too large to keep in the repository, written into the copy of their case.
fn generate(name: &str, dir: &Path) {
    let header = "id,name,kind,country,region,product,capacity\n";
    let rest = "fab_tw,Wafer fab TW,fab,TWN,hsinchu,wafer,300\n\
                fab_jp,Wafer fab JP,fab,JPN,kanto,wafer,300\n\
                plant,Chip plant,assembly,USA,california,chip,150\n";
    match name {
        // One 1 MiB cell (a name), then a bad number after it on the same line: the error's
        // column is counted in characters past the long cell.
        "long_line_1mb_cell" => {
            let long = "x".repeat(1 << 20);
            let text = format!("{header}mine,{long},mine,JPN,kanto,ore,1e3x\n{rest}");
            std::fs::write(dir.join("facilities.csv"), text).unwrap();
        }
        // A row of 100,000 fields.
        "long_line_100k_fields" => {
            let wide = vec!["1"; 100_000].join(",");
            let text = format!("{header}mine,Ore mine,mine,JPN,kanto,ore,1000\n{wide}\n{rest}");
            std::fs::write(dir.join("facilities.csv"), text).unwrap();
        }
        _ => {}
    }
}

/// The exit code and stderr of `kuroshio validate` on a copy of the case, as in `expected.txt`.
fn run_case(case: &Path, tmp: &Path) -> String {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let dir = tmp.join(&name);
    copy_dir(case, &dir);
    generate(&name, &dir);
    let out = Command::new(env!("CARGO_BIN_EXE_kuroshio"))
        .arg("validate")
        .arg(&dir)
        .args(["--message-format", "short"])
        .env("NO_COLOR", "1")
        .output()
        .expect("run kuroshio");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let sep = std::path::MAIN_SEPARATOR;
    let stderr = stderr
        .replace(&format!("{}{sep}", dir.display()), "")
        .replace(&dir.display().to_string(), &name)
        .replace(sep, "/");
    let code = out.status.code().map_or_else(|| "signal".to_string(), |c| c.to_string());
    let mut text = format!("exit: {code}\n");
    for line in stderr.lines() {
        writeln!(text, "{line}").unwrap();
    }
    text
}

fn lines(text: &str) -> Vec<&str> {
    let mut v: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    while v.last().is_some_and(|l| l.trim().is_empty()) {
        v.pop();
    }
    v
}

#[test]
fn bad_input_corpus() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v == "1");
    let dirs = case_dirs();
    assert!(dirs.len() >= 40, "expected at least 40 cases in {}, found {}", corpus().display(), dirs.len());
    let readme = std::fs::read_to_string(corpus().join("README.md")).expect("tests/bad-inputs/README.md");
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for case in &dirs {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let actual = run_case(case, tmp.path());
        let first = actual.lines().next().unwrap_or_default();
        let accepted = name.contains("accepted") || name == "valid_base";
        let wanted = if accepted { "exit: 0" } else { "exit: 2" };
        if first != wanted {
            failures.push(format!("--- `{name}`: {first}, expected {wanted}\n{actual}"));
        }
        if !accepted && !actual.lines().any(|l| l.starts_with("error: ")) {
            failures.push(format!("--- `{name}`: rejected without an error line\n{actual}"));
        }
        if !readme.contains(&format!("`{name}`")) {
            failures.push(format!("--- `{name}`: not described in tests/bad-inputs/README.md"));
        }
        let path = case.join("expected.txt");
        let expected = std::fs::read_to_string(&path).ok();
        if expected.as_deref().is_some_and(|e| lines(e) == lines(&actual)) {
            continue;
        }
        if update {
            std::fs::write(&path, &actual).unwrap();
            eprintln!("UPDATE_EXPECT=1: rewrote {}", path.display());
            continue;
        }
        let mut s = format!("--- `{name}` does not match expected.txt\n  expected:\n");
        for l in lines(expected.as_deref().unwrap_or("(no expected.txt)")) {
            writeln!(s, "    {l}").unwrap();
        }
        s.push_str("  actual:\n");
        for l in lines(&actual) {
            writeln!(s, "    {l}").unwrap();
        }
        failures.push(s);
    }
    assert!(
        failures.is_empty(),
        "{} problem(s) in the bad-input corpus:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every error line of every rejected case is located: `error: FILE:LINE...` with a line number,
/// except for the problems that concern a whole file (missing, empty, unreadable, not
/// converging), which name the file.
#[test]
fn every_error_names_a_file() {
    for case in case_dirs() {
        let Ok(expected) = std::fs::read_to_string(case.join("expected.txt")) else { continue };
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        for line in expected.lines().filter(|l| l.starts_with("error: ")) {
            if line.starts_with(&format!("error: {name} is not valid")) {
                continue;
            }
            let rest = &line["error: ".len()..];
            let file = rest.split(':').next().unwrap_or_default();
            assert!(
                file.ends_with(".csv") || file.ends_with(".toml"),
                "case `{name}`: error without a file: {line}"
            );
            let whole_file =
                ["file not found", "empty file", "cannot read file", "baseline does not converge"]
                    .iter()
                    .any(|w| rest.contains(w));
            let located = rest[file.len()..].starts_with(':')
                && rest[file.len() + 1..]
                    .split(':')
                    .next()
                    .is_some_and(|n| n.parse::<u32>().is_ok_and(|n| n > 0));
            assert!(located || whole_file, "case `{name}`: error without a line: {line}");
        }
    }
}
