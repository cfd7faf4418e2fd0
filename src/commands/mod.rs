//! One module per subcommand.

pub mod generate;
pub mod inspect;
pub mod stress;
pub mod tts;
pub mod validate;

use std::path::Path;
use std::process::ExitCode;

use kuroshio_core::{CoreError, Scenario};

use crate::render::{self, MessageOptions};

/// Loads a scenario, printing diagnostics. `Err(code)` when it did not load.
pub fn load(path: &Path, messages: &MessageOptions) -> anyhow::Result<Result<Scenario, ExitCode>> {
    match kuroshio_core::load(path) {
        Ok(s) => {
            render::print(&s.warnings, messages);
            Ok(Ok(s))
        }
        Err(CoreError::Invalid(diags)) => {
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
        Err(e) => Err(e.into()),
    }
}
