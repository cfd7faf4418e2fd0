//! Shared by the fuzz targets: the tutorial scenario, and the check that every rejection is
//! located (a violation is turned into a panic, so AFL records it as a crash).

use std::path::{Path, PathBuf};

use kuroshio_core::{Diagnostics, Problem, Severity};

/// The tables of a scenario, in the order the `table` target's first input byte selects them.
pub const TABLES: [&str; 8] =
    ["products", "regions", "chokepoints", "routes", "facilities", "markets", "recipes", "links"];

/// `scenarios/tutorial` in the repository.
pub fn tutorial() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("scenarios").join("tutorial")
}

/// Panics unless every error of `d` names a file and, for problems that are not about a whole
/// file, a line.
pub fn assert_located(d: &Diagnostics) {
    for e in d.all().iter().filter(|e| e.severity == Severity::Error) {
        assert!(!e.location.file.as_os_str().is_empty(), "error without a file: {e}");
        let whole_file = matches!(
            e.problem,
            Problem::MissingFile { .. }
                | Problem::Unreadable { .. }
                | Problem::EmptyTable { .. }
                | Problem::BaselineDiverges { .. }
        );
        assert!(e.location.line > 0 || whole_file, "error without a line: {e}");
    }
}
