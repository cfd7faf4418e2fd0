//! `kuroshio generate`: write a synthetic scenario.

use std::path::Path;
use std::process::ExitCode;

use kuroshio_core::generate::{GenerateOptions, write};

pub fn run(facilities: usize, seed: u64, out: &Path) -> anyhow::Result<ExitCode> {
    let summary = write(out, GenerateOptions { facilities, seed })?;
    println!(
        "wrote {}: {} facilities ({} markets), {} products, {} links (seed {seed})",
        out.display(),
        summary.facilities,
        summary.markets,
        summary.products,
        summary.links
    );
    Ok(ExitCode::SUCCESS)
}
