//! Scenario files: `scenario.toml` plus CSV tables (or inline TOML tables), loaded into a
//! validated [`Network`] with its [`Baseline`]. See docs/file-formats.md for every key and column.

pub mod ario;
mod checks;
pub mod csv_table;
pub mod idkey;
pub mod ids;
pub mod load;
pub mod manifest;
pub mod schemas;
pub mod settings;
pub mod table;

use std::path::PathBuf;

use crate::baseline::Baseline;
use crate::error::Diagnostics;
use crate::model::Network;
pub use ario::{ArioCompat, ArioSettings, Model, OrderType};
pub use settings::Settings;

/// A loaded, validated scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Its name (`[scenario] name`, or the directory name).
    pub name: String,
    /// Its description.
    pub description: String,
    /// The `scenario.toml` it was loaded from.
    pub path: PathBuf,
    /// Settings.
    pub settings: Settings,
    /// The network.
    pub network: Network,
    /// The steady state.
    pub baseline: Baseline,
    /// Warnings found while loading (no errors: a scenario with errors does not load).
    pub warnings: Diagnostics,
    /// The text of `scenario.toml`, for later layers that read their own sections
    /// (`[[hazard]]`, `[[intervention]]`) with spans.
    pub toml_text: String,
    /// Every file the scenario was read from: `scenario.toml` first, then its tables in the
    /// order they were loaded (for hashing the inputs of a run).
    pub files: Vec<PathBuf>,
}
