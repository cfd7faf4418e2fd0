//! Fuzz target: one CSV table of the tutorial scenario replaced by the input (its first byte
//! chooses the table, the rest is the file's bytes), then the whole loader, and for a valid
//! scenario the `[[hazard]]` and `[[intervention]]` sections read against the new network.
//! Inputs are written to a scenario directory of this process under /dev/shm (or the temporary
//! directory).

use std::path::PathBuf;

use kuroshio_core::CoreError;
use kuroshio_fuzz::{TABLES, assert_located, tutorial};

fn main() {
    let base = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let dir = base.join(format!("kuroshio-fuzz-table-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(tutorial()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv" || e == "toml") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    let originals: Vec<Vec<u8>> =
        TABLES.iter().map(|t| std::fs::read(dir.join(format!("{t}.csv"))).unwrap()).collect();
    let mut last: Option<usize> = None;
    afl::fuzz!(|data: &[u8]| {
        let Some((&which, body)) = data.split_first() else { return };
        let t = which as usize % TABLES.len();
        if let Some(prev) = last.replace(t) {
            if prev != t {
                std::fs::write(dir.join(format!("{}.csv", TABLES[prev])), &originals[prev]).unwrap();
            }
        }
        std::fs::write(dir.join(format!("{}.csv", TABLES[t])), body).unwrap();
        match kuroshio_core::load(&dir) {
            Ok(s) => {
                if let Err(d) = kuroshio_montecarlo::hazards(&s) {
                    assert_located(&d);
                }
                if let Err(d) = kuroshio_montecarlo::interventions(&s) {
                    assert_located(&d);
                }
            }
            Err(CoreError::Invalid(d)) => {
                assert!(d.has_errors(), "rejected without an error");
                assert_located(&d);
            }
            Err(e) => panic!("unexpected error kind: {e}"),
        }
    });
}
