//! `kuroshio report`: re-render every report format of a result directory from its saved files.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// A result directory written by `kuroshio run` (or `merge`).
    pub dir: PathBuf,
}

pub fn run(a: &ReportArgs) -> anyhow::Result<ExitCode> {
    let written = kuroshio_report::render_dir(&a.dir)?;
    let names: Vec<String> =
        written.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
    println!("wrote {}: {}", a.dir.display(), names.join(", "));
    Ok(ExitCode::SUCCESS)
}
