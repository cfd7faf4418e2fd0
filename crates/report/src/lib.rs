//! # kuroshio-report
//!
//! Turns Monte Carlo results into files and text for people and programs. It only reads
//! results ([`kuroshio_montecarlo::Summary`], [`kuroshio_montecarlo::Accumulator`]); it never
//! runs a simulation.
//!
//! ## Map
//! - [`write_run`]: the output directory of `kuroshio run` (and `merge`): `summary.json` and the
//!   CSV tables (`trials.csv`, `facilities.csv`, `chokepoints.csv`, `markets.csv`,
//!   `market_bands.csv`), each written atomically ([`write_atomic`]). docs/output-formats.md
//!   documents every file and column.
//! - [`tables`]: the CSV tables one by one.
//! - [`terminal`]: the short aligned summary printed after a run, with units, coloured only
//!   when the output is a terminal and `NO_COLOR` is unset.
//! - [`ReportError`]: the crate's one error type.
#![deny(missing_docs)]

mod error;
pub mod files;
pub mod tables;
pub mod terminal;

use std::path::{Path, PathBuf};

pub use error::ReportError;
pub use files::write_atomic;
use kuroshio_montecarlo::{Accumulator, Summary};

/// Writes `summary.json` and the CSV tables of one arm's results into `dir` (created if
/// missing). Returns the paths written, in order.
pub fn write_run(dir: &Path, summary: &Summary, acc: &Accumulator) -> Result<Vec<PathBuf>, ReportError> {
    let mut written = Vec::new();
    let mut put = |name: &str, bytes: Vec<u8>| -> Result<(), ReportError> {
        let path = dir.join(name);
        write_atomic(&path, &bytes)?;
        written.push(path);
        Ok(())
    };
    put("summary.json", summary_json(summary).into_bytes())?;
    put("trials.csv", tables::trials(&acc.rows)?)?;
    put("facilities.csv", tables::elements(&summary.facilities, true)?)?;
    put("chokepoints.csv", tables::elements(&summary.chokepoints, false)?)?;
    put("markets.csv", tables::markets(&summary.markets)?)?;
    put("market_bands.csv", tables::bands(&summary.markets)?)?;
    Ok(written)
}

/// `summary.json`'s text: pretty-printed JSON with a final newline. Floats are written in their
/// shortest round-trip form, so the text is a function of the numbers alone.
pub fn summary_json(summary: &Summary) -> String {
    let mut s =
        serde_json::to_string_pretty(summary).unwrap_or_else(|e| unreachable!("summary serializes: {e}"));
    s.push('\n');
    s
}
