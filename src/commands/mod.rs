//! One module per subcommand.

pub mod checkpoint;
pub mod compare;
pub mod generate;
pub mod import_mrio;
pub mod inspect;
pub mod merge;
pub mod model;
pub mod report;
pub mod run;
pub mod stress;
pub mod tts;
pub mod validate;

use std::path::Path;
use std::process::ExitCode;

use kuroshio_core::{CoreError, Scenario};

use crate::render::{self, MessageOptions};

/// The facility a `--facility ID` option names, or an error saying there is none.
pub fn facility_arg(net: &kuroshio_core::Network, id: &str) -> anyhow::Result<kuroshio_core::FacilityId> {
    net.facility_id(id).ok_or_else(|| anyhow::anyhow!("--facility: no facility `{id}` in the scenario"))
}

/// Loads a scenario, printing diagnostics. `Err(code)` when it did not load.
pub fn load(path: &Path, messages: &MessageOptions) -> anyhow::Result<Result<Scenario, ExitCode>> {
    load_with(path, messages, true)
}

/// As [`load`]; with `show_warnings` false, warnings of a valid scenario are only counted (for
/// commands whose output is not about the scenario's quality, such as `run`).
pub fn load_with(
    path: &Path,
    messages: &MessageOptions,
    show_warnings: bool,
) -> anyhow::Result<Result<Scenario, ExitCode>> {
    if !show_warnings && std::env::var_os("KUROSHIO_NO_CACHE").is_none() {
        // Through the binary cache (scenario.kcache next to scenario.toml).
        match kuroshio_core::cache::load_cached(path) {
            Ok((s, status)) => {
                let n = match &status {
                    kuroshio_core::cache::CacheStatus::Hit { warnings, .. } => warnings.len(),
                    kuroshio_core::cache::CacheStatus::Miss { written } => {
                        if let Err(why) = written {
                            eprintln!(
                                "note: the scenario cache was not written ({why}); loads will not be faster"
                            );
                        }
                        s.warnings.warnings().count()
                    }
                };
                if n > 0 {
                    eprintln!(
                        "note: {} has {n} warning{} (`kuroshio validate {}` lists them)",
                        path.display(),
                        if n == 1 { "" } else { "s" },
                        path.display()
                    );
                }
                return Ok(Ok(s));
            }
            Err(e) => return report_load_error(path, messages, e),
        }
    }
    match kuroshio_core::load(path) {
        Ok(s) => {
            let n = s.warnings.warnings().count();
            if show_warnings {
                render::print(&s.warnings, messages);
            } else if n > 0 {
                eprintln!(
                    "note: {} has {n} warning{} (`kuroshio validate {}` lists them)",
                    path.display(),
                    if n == 1 { "" } else { "s" },
                    path.display()
                );
            }
            Ok(Ok(s))
        }
        Err(e) => report_load_error(path, messages, e),
    }
}

/// Prints why a scenario did not load: every diagnostic (exit code 2), or another error.
fn report_load_error(
    path: &Path,
    messages: &MessageOptions,
    e: CoreError,
) -> anyhow::Result<Result<Scenario, ExitCode>> {
    match e {
        CoreError::Invalid(diags) => {
            render::print(&diags, messages);
            let errors = diags.error_count();
            let warnings = diags.warnings().count();
            eprintln!(
                "error: {} is not valid: {errors} error{}, {warnings} warning{}",
                path.display(),
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            );
            Ok(Err(ExitCode::from(2)))
        }
        e => Err(e.into()),
    }
}
