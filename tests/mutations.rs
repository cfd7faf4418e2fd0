//! Mutation test: the shipped tutorial scenario and a small generated network, corrupted
//! thousands of ways, through the whole library stack.
//!
//! Each mutant applies one to three seeded corruptions to the files of a scenario: a CSV cell
//! replaced by text, `NaN`, `-1`, `1e400`, an empty string and other odd values; a header name
//! misspelt; a row dropped or duplicated; a file truncated at a random byte; a random byte
//! replaced; a `scenario.toml` key removed or its value changed (inside `[[hazard]]` and
//! `[[intervention]]` too, and inside inline tables such as `duration = { ... }`). The mutant is
//! written to a temporary directory and, inside `catch_unwind`:
//!
//! - loaded with `kuroshio_core::load`;
//! - if it loads, its `[[hazard]]` and `[[intervention]]` sections are read
//!   (`kuroshio_montecarlo::hazards`, `interventions`);
//! - if those are valid too, three sampled trials run with `kuroshio_sim::Simulator` (horizon
//!   capped at 60 days), and every intervention is applied and one trial run on its variant.
//!
//! It asserts that nothing panics and that every rejection is located: each error diagnostic
//! names a file and a line > 0, except the problems that concern a whole file (missing, empty,
//! unreadable, a diverging baseline). A typed error from `Intervention::apply` or the simulator
//! is accepted (it is not a panic), and counted.
//!
//! The number of mutants is `KUROSHIO_MUTANTS` (default 3,000 in debug builds, 30,000 with
//! `--release`); `KUROSHIO_MUTANT_SEED` changes the seed; `KUROSHIO_MUTANTS_KEEP=DIR` copies
//! every failing mutant into `DIR/<n>/` to reproduce it with `kuroshio validate`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use kuroshio_core::{CoreError, Diagnostics, Problem, Severity};
use kuroshio_sim::{RunOptions, Simulator};

/// A scenario as file name -> bytes.
type Files = BTreeMap<String, Vec<u8>>;

/// SplitMix64: small, seeded, and enough for choosing mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Values a CSV cell is replaced by.
const CELL_VALUES: &[&str] = &[
    "abc",
    "NaN",
    "nan",
    "-1",
    "1e400",
    "-1e400",
    "",
    "inf",
    "-inf",
    "0",
    "-0",
    "1e308",
    "1e-320",
    "0.5",
    "2",
    "99999999999",
    "1.5",
    "true",
    "maybe",
    " ",
    "\"\"",
    "a;b;;",
    "x\u{1F3ED}",
    "\u{1}",
    "1,5",
    "0x10",
    "JPN",
    "fab",
    "market",
    "step",
    "36500",
    "4294967296",
];

/// Values a TOML value is replaced by.
const TOML_VALUES: &[&str] = &[
    "-1",
    "0",
    "1e400",
    "nan",
    "-inf",
    "\"x\"",
    "\"\"",
    "true",
    "[]",
    "{}",
    "1.5",
    "99999999",
    "1e6",
    "0.5",
    "2",
    "[\"x\"]",
    "{ dist = \"beta\", a = 0, b = 1 }",
    "{ dist = \"lognormal\", median = 10, p90 = 5 }",
    "{ dist = \"uniform\", min = 5, max = 1 }",
    "{ dist = \"gamma\", shape = 1e-300, scale = 1e300 }",
    "{ dist = \"weibull\", shape = 0.01, scale = 1e6 }",
    "{ dist = \"pert\", min = 0, mode = 0, max = 0 }",
    "{ dist = \"triangular\", min = 1, mode = 1, max = 1 }",
    "{ dist = \"fixed\", value = 1e-9 }",
    "\"delay-ramp:99999\"",
    "1979-05-27T07:32:00Z",
];

/// Splits a CSV line into (start, end) byte ranges of its fields, honouring quotes.
fn field_ranges(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push((start, line.len()));
    out
}

fn lines_of(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes).split_inclusive('\n').map(str::to_string).collect()
}

/// One corruption of `files`; returns what it did.
fn mutate(files: &mut Files, rng: &mut Rng) -> String {
    let names: Vec<String> = files.keys().cloned().collect();
    let csvs: Vec<String> = names.iter().filter(|n| n.ends_with(".csv")).cloned().collect();
    let toml = "scenario.toml".to_string();
    match rng.below(10) {
        // A cell replaced (the most common corruption: three draws in ten).
        0..=2 => {
            let name = rng.pick(&csvs).clone();
            let mut lines = lines_of(&files[&name]);
            if lines.len() < 2 {
                return format!("{name}: too short for a cell");
            }
            let l = 1 + rng.below(lines.len() - 1);
            let body = lines[l].trim_end_matches(['\n', '\r']).to_string();
            let ranges = field_ranges(&body);
            let f = rng.below(ranges.len());
            let value = *rng.pick(CELL_VALUES);
            let (s, e) = ranges[f];
            let new = format!("{}{}{}", &body[..s], value, &body[e..]);
            lines[l] = format!("{new}\n");
            files.insert(name.clone(), lines.concat().into_bytes());
            format!("{name}:{}: field {f} := {value:?}", l + 1)
        }
        // A header name misspelt or dropped.
        3 => {
            let name = rng.pick(&csvs).clone();
            let mut lines = lines_of(&files[&name]);
            if lines.is_empty() {
                return format!("{name}: empty");
            }
            let body = lines[0].trim_end_matches(['\n', '\r']).to_string();
            let ranges = field_ranges(&body);
            let f = rng.below(ranges.len());
            let (s, e) = ranges[f];
            let value = if rng.below(2) == 0 { format!("{}x", &body[s..e]) } else { String::new() };
            lines[0] = format!("{}{}{}\n", &body[..s], value, &body[e..]);
            files.insert(name.clone(), lines.concat().into_bytes());
            format!("{name}:1: header {f} := {value:?}")
        }
        // A row dropped or duplicated.
        4 => {
            let name = rng.pick(&csvs).clone();
            let mut lines = lines_of(&files[&name]);
            let l = rng.below(lines.len().max(1));
            if lines.is_empty() {
                return format!("{name}: empty");
            }
            let what = if rng.below(2) == 0 {
                lines.remove(l);
                "dropped"
            } else {
                let copy = lines[l].clone();
                let at = rng.below(lines.len() + 1);
                lines.insert(at, copy);
                "duplicated"
            };
            files.insert(name.clone(), lines.concat().into_bytes());
            format!("{name}:{}: row {what}", l + 1)
        }
        // A file truncated at a random byte (possibly inside a UTF-8 character).
        5 => {
            let name = rng.pick(&names).clone();
            let bytes = files.get_mut(&name).unwrap();
            let at = rng.below(bytes.len() + 1);
            bytes.truncate(at);
            format!("{name}: truncated at byte {at}")
        }
        // A random byte replaced.
        6 => {
            let name = rng.pick(&names).clone();
            let bytes = files.get_mut(&name).unwrap();
            if bytes.is_empty() {
                return format!("{name}: empty");
            }
            let at = rng.below(bytes.len());
            let b =
                *rng.pick(&[0u8, b'\n', b'\r', b'"', b',', b';', b'=', b'[', b'{', 0xFF, 0xC3, b'9', b'-']);
            bytes[at] = b;
            format!("{name}: byte {at} := {b:#04x}")
        }
        // A TOML key line removed.
        7 => {
            let mut lines = lines_of(&files[&toml]);
            let keys: Vec<usize> = (0..lines.len()).filter(|&i| is_key_line(&lines[i])).collect();
            if keys.is_empty() {
                return "scenario.toml: no key".into();
            }
            let l = *rng.pick(&keys);
            let removed = lines.remove(l);
            files.insert(toml, lines.concat().into_bytes());
            format!("scenario.toml:{}: removed {:?}", l + 1, removed.trim())
        }
        // A TOML value changed: the whole value, or one number inside an inline table.
        _ => {
            let mut lines = lines_of(&files[&toml]);
            let keys: Vec<usize> = (0..lines.len()).filter(|&i| is_key_line(&lines[i])).collect();
            if keys.is_empty() {
                return "scenario.toml: no key".into();
            }
            let l = *rng.pick(&keys);
            let line = lines[l].trim_end().to_string();
            let eq = line.find('=').unwrap();
            let numbers: Vec<(usize, usize)> = number_spans(&line[eq + 1..]);
            let new = if !numbers.is_empty() && rng.below(2) == 0 {
                let (s, e) = *rng.pick(&numbers);
                let value = *rng.pick(&["-1", "0", "1e400", "nan", "1e-300", "1e300", "\"x\"", "2"]);
                format!("{}{}{}", &line[..eq + 1 + s], value, &line[eq + 1 + e..])
            } else {
                format!("{}= {}", &line[..eq], rng.pick(TOML_VALUES))
            };
            lines[l] = format!("{new}\n");
            files.insert(toml, lines.concat().into_bytes());
            format!("scenario.toml:{}: {:?} := {:?}", l + 1, line.trim(), new.trim())
        }
    }
}

fn is_key_line(line: &str) -> bool {
    let t = line.trim_start();
    !t.starts_with('#') && !t.starts_with('[') && t.contains('=')
}

/// Byte ranges of the numbers in a TOML value.
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts =
            b[i].is_ascii_digit() && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'));
        if starts {
            let s = i;
            while i < b.len() && (b[i].is_ascii_digit() || b"._eE+-".contains(&b[i])) {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

fn read_dir(dir: &Path) -> Files {
    let mut files = Files::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".csv") || name.ends_with(".toml") {
            files.insert(name, std::fs::read(&path).unwrap());
        }
    }
    files
}

fn write_dir(dir: &Path, files: &Files) {
    if dir.exists() {
        std::fs::remove_dir_all(dir).unwrap();
    }
    std::fs::create_dir_all(dir).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// Problems that concern a whole file and so have no line.
fn whole_file(p: &Problem) -> bool {
    matches!(
        p,
        Problem::MissingFile { .. }
            | Problem::Unreadable { .. }
            | Problem::EmptyTable { .. }
            | Problem::BaselineDiverges { .. }
    )
}

/// Every error of `d` is located; `Err` names the first that is not.
fn check_located(d: &Diagnostics) -> Result<(), String> {
    if !d.has_errors() {
        return Err(format!("rejected without an error:\n{d}"));
    }
    for e in d.all().iter().filter(|e| e.severity == Severity::Error) {
        if e.location.file.as_os_str().is_empty() {
            return Err(format!("error without a file: {e}"));
        }
        if e.location.line == 0 && !whole_file(&e.problem) {
            return Err(format!("error without a line: {e}"));
        }
    }
    Ok(())
}

#[derive(Default, Debug)]
struct Tally {
    valid: usize,
    rejected_core: usize,
    rejected_hazards: usize,
    rejected_interventions: usize,
    trials: usize,
    sim_errors: usize,
    variants: usize,
    variant_errors: usize,
}

/// Loads and exercises one mutant. `Err` is a failure of the test (not of the scenario).
fn exercise(dir: &Path, tally: &mut Tally) -> Result<(), String> {
    let scenario = match kuroshio_core::load(dir) {
        Ok(s) => s,
        Err(CoreError::Invalid(d)) => {
            tally.rejected_core += 1;
            return check_located(&d);
        }
        Err(e) => return Err(format!("unexpected error kind: {e}")),
    };
    if scenario.warnings.has_errors() {
        return Err(format!("loaded with errors:\n{}", scenario.warnings));
    }
    let hazards = match kuroshio_montecarlo::hazards(&scenario) {
        Ok(h) => h,
        Err(d) => {
            tally.rejected_hazards += 1;
            return check_located(&d);
        }
    };
    let interventions = match kuroshio_montecarlo::interventions(&scenario) {
        Ok(i) => i,
        Err(d) => {
            tally.rejected_interventions += 1;
            return check_located(&d);
        }
    };
    tally.valid += 1;
    let mut settings = scenario.settings.clone();
    settings.horizon_days = settings.horizon_days.min(60);
    let horizon = settings.horizon_days;
    let sim = Simulator::new(&scenario.network, &scenario.baseline, &settings);
    let options = RunOptions::default();
    let mut first = Vec::new();
    for trial in 0..3u64 {
        let disruptions =
            kuroshio_montecarlo::sample_trial(&hazards, &scenario.network, horizon, 2026, trial);
        if disruptions.len() > 10_000 {
            continue; // a mutated rate of up to 10^6 a year: valid, but not worth simulating here
        }
        match sim.run(&disruptions, &options) {
            Ok(_) => tally.trials += 1,
            Err(_) => tally.sim_errors += 1,
        }
        if trial == 0 {
            first = disruptions;
        }
    }
    for i in &interventions {
        match i.apply(&scenario.network, &scenario.baseline, &settings) {
            Ok(v) => {
                tally.variants += 1;
                let mut d = first.clone();
                v.adjust(&mut d);
                let vsim = Simulator::new(&v.network, &v.baseline, &settings);
                match vsim.run(&d, &options) {
                    Ok(_) => tally.trials += 1,
                    Err(_) => tally.sim_errors += 1,
                }
            }
            Err(_) => tally.variant_errors += 1,
        }
    }
    Ok(())
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

#[test]
fn mutants_are_valid_or_located_never_a_panic() {
    let default = if cfg!(debug_assertions) { 3_000 } else { 30_000 };
    let count = env_u64("KUROSHIO_MUTANTS").unwrap_or(default);
    let seed = env_u64("KUROSHIO_MUTANT_SEED").unwrap_or(0x6B75_726F);
    let keep = std::env::var_os("KUROSHIO_MUTANTS_KEEP").map(std::path::PathBuf::from);

    let tmp = tempfile::tempdir().unwrap();
    let tutorial = read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios").join("tutorial"));
    let generated_dir = tmp.path().join("generated");
    kuroshio_core::generate::write(
        &generated_dir,
        kuroshio_core::generate::GenerateOptions { facilities: 40, seed: 7 },
    )
    .expect("generate");
    let generated = read_dir(&generated_dir);
    let bases = [("tutorial", tutorial), ("generated", generated)];
    // The originals are valid (so a mutant's rejection is the mutation's doing).
    for (name, files) in &bases {
        let dir = tmp.path().join(format!("base-{name}"));
        write_dir(&dir, files);
        let mut tally = Tally::default();
        exercise(&dir, &mut tally).unwrap();
        assert_eq!(tally.valid, 1, "base scenario `{name}` must be valid: {tally:?}");
    }

    let mut tally = Tally::default();
    let mut failures = Vec::new();
    let dir = tmp.path().join("mutant");
    for n in 0..count {
        let mut rng = Rng(seed ^ n.wrapping_mul(0xA076_1D64_78BD_642F));
        let (base, files) = &bases[rng.below(bases.len())];
        let mut files = files.clone();
        let mut what = Vec::new();
        for _ in 0..1 + rng.below(3) {
            what.push(mutate(&mut files, &mut rng));
        }
        write_dir(&dir, &files);
        let result = catch_unwind(AssertUnwindSafe(|| exercise(&dir, &mut tally)));
        let failure = match result {
            Ok(Ok(())) => continue,
            Ok(Err(e)) => e,
            Err(payload) => {
                let msg = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                format!("panic: {msg}")
            }
        };
        let mut s = format!("mutant {n} of {base}:\n");
        for w in &what {
            writeln!(s, "  {w}").unwrap();
        }
        writeln!(s, "  -> {failure}").unwrap();
        if let Some(keep) = &keep {
            write_dir(&keep.join(n.to_string()), &files);
        }
        failures.push(s);
    }
    eprintln!("{count} mutants (seed {seed:#x}): {tally:?}, {} failures", failures.len());
    assert!(tally.valid > 0 && tally.rejected_core > 0, "the mutations should both keep and break scenarios");
    assert!(failures.is_empty(), "{} of {count} mutants failed:\n{}", failures.len(), failures.join("\n"));
}
