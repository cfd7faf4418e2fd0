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
//! - [`structure`]: `structure.json`, the network side of a report (scenario card, places,
//!   structural indicators, TTS), so that a result directory is self-contained.
//! - [`input`]: [`input::ReportInput`] read back from a result directory, and
//!   [`input::ranking`], the chokepoint ranking joining results and structure.
//! - [`render`] / [`render_dir`]: `report.md` ([`markdown`]), `report.html` ([`html`]),
//!   `network.geojson` and `network.graphml` ([`geo`]).
//! - [`tables`]: the CSV tables one by one.
//! - [`terminal`]: the short aligned summary printed after a run, with units, coloured only
//!   when the output is a terminal and `NO_COLOR` is unset.
//! - [`ReportError`]: the crate's one error type.
#![deny(missing_docs)]

mod charts;
mod error;
pub mod files;
pub mod geo;
pub mod html;
pub mod input;
pub mod markdown;
pub mod structure;
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
    put("hazards.csv", tables::hazards(&summary.hazards)?)?;
    put("market_bands.csv", tables::bands(&summary.markets)?)?;
    Ok(written)
}

/// Renders the reports of `input` into `dir`: `report.md`, `report.html`, and, with a
/// structure, `network.geojson` and `network.graphml`. Returns the paths written.
pub fn render(dir: &Path, input: &input::ReportInput) -> Result<Vec<PathBuf>, ReportError> {
    let ranking = input::ranking(input);
    let mut written = Vec::new();
    let mut put = |name: &str, text: String| -> Result<(), ReportError> {
        let path = dir.join(name);
        write_atomic(&path, text.as_bytes())?;
        written.push(path);
        Ok(())
    };
    put("report.md", markdown::markdown(input, &ranking))?;
    put("report.html", html::html(input, &ranking))?;
    if let Some(st) = &input.structure {
        put("network.geojson", geo::geojson(st, &ranking))?;
        put("network.graphml", geo::graphml(st, &ranking))?;
    }
    Ok(written)
}

/// The structural outputs of `inspect --out` and `tts --out`, without Monte Carlo results:
/// `structure.json`, `network.geojson` and `network.graphml` (ranked by structure alone).
pub fn write_structural(dir: &Path, st: &structure::Structure) -> Result<Vec<PathBuf>, ReportError> {
    let mut written = write_structure(dir, st)?;
    let ranking = input::structural_ranking(st);
    for (name, text) in
        [("network.geojson", geo::geojson(st, &ranking)), ("network.graphml", geo::graphml(st, &ranking))]
    {
        let path = dir.join(name);
        write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// Re-renders every report of a result directory from its saved files (`kuroshio report`).
pub fn render_dir(dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
    let input = input::ReportInput::read_dir(dir)?;
    render(dir, &input)
}

/// Writes `structure.json`. Returns the path written.
pub fn write_structure(dir: &Path, structure: &structure::Structure) -> Result<Vec<PathBuf>, ReportError> {
    let path = dir.join("structure.json");
    let mut text =
        serde_json::to_string_pretty(structure).unwrap_or_else(|e| unreachable!("structure serializes: {e}"));
    text.push('\n');
    write_atomic(&path, text.as_bytes())?;
    Ok(vec![path])
}

/// `summary.json`'s text: pretty-printed JSON with a final newline. Floats are written in their
/// shortest round-trip form, so the text is a function of the numbers alone.
pub fn summary_json(summary: &Summary) -> String {
    let mut s =
        serde_json::to_string_pretty(summary).unwrap_or_else(|e| unreachable!("summary serializes: {e}"));
    s.push('\n');
    s
}
