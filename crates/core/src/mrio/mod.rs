//! Importing multi-regional input-output (MRIO) tables as a scenario (`kuroshio import-mrio`).
//!
//! An MRIO gives, per year, the intermediate flows Z between industries (a sector in a region),
//! the final demand Y of each region's categories, and gross output x. [`import`] reads them in
//! pymrio's wide or long layout or the OECD ICIO layout ([`layout`]), turns them into scenario
//! rows ([`build`]): industries become facilities making their sector's product, each with its
//! own recipe (ARIO's A^S: input of sector s per unit of output of j, summed over supplier
//! regions) and links whose shares split each input among supplier regions; final demand becomes
//! markets per consuming region and product. [`write`] writes the tables and `scenario.toml`.
//! The scenario then loads like any other; its baseline reproduces x per day.
//!
//! Map: [`read`] (delimited text, located cells), [`layout`] (the three layouts into
//! [`layout::Tables`]), [`units`] (value units), [`regions`] (the regions file), [`build`]
//! (rules: negative and zero entries, thresholds, ids), [`write`] (the files). Every rule is
//! documented in docs/file-formats.md §10.

pub mod build;
pub mod layout;
pub mod read;
pub mod regions;
pub mod units;
pub mod write;

use std::path::{Path, PathBuf};

use crate::error::{CoreError, Diagnostics};
pub use build::{BuildOptions, Dropped, ScenarioRows};
pub use layout::{Layout, Tables};

/// Where the tables are.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// pymrio files: Z, Y and optionally x (else x = Z row sums + Y row sums).
    Pymrio {
        /// The Z matrix.
        z: PathBuf,
        /// The Y matrix.
        y: PathBuf,
        /// The x vector.
        x: Option<PathBuf>,
        /// Their layout.
        layout: Layout,
    },
    /// One OECD ICIO CSV file.
    Icio(PathBuf),
}

/// Everything `import` needs besides the output directory.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    /// The tables.
    pub input: Input,
    /// The value unit label; `None`: pymrio's `unit.txt`/`unit.csv` beside Z (one unit for every
    /// industry), or `Million USD` for ICIO.
    pub unit: Option<String>,
    /// USD per unit, overriding what the unit implies (required for non-USD units).
    pub usd_per_unit: Option<f64>,
    /// Days per year (> 0).
    pub days_per_year: f64,
    /// Absolute threshold, in the table's unit per year (>= 0).
    pub min_flow: f64,
    /// Relative threshold, a share in [0, 1).
    pub min_share: f64,
    /// One market per final-demand category.
    pub keep_categories: bool,
    /// Lead time of every link, days (>= 1).
    pub lead_time_days: u32,
    /// `settings.inventory_days` to write, if any.
    pub inventory_days: Option<f64>,
    /// The regions file.
    pub regions: Option<PathBuf>,
    /// Country of regions that have none otherwise.
    pub default_country: Option<String>,
    /// Scenario name (default: the output directory's name).
    pub name: Option<String>,
}

impl ImportOptions {
    /// Options with the documented defaults for `input`.
    pub fn new(input: Input) -> Self {
        ImportOptions {
            input,
            unit: None,
            usd_per_unit: None,
            days_per_year: 365.0,
            min_flow: 0.0,
            min_share: 0.0,
            keep_categories: false,
            lead_time_days: 1,
            inventory_days: None,
            regions: None,
            default_country: None,
            name: None,
        }
    }
}

/// What an import wrote and left out.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportSummary {
    /// The layout read.
    pub layout: &'static str,
    /// Industries in the table.
    pub industries: usize,
    /// The rows written.
    pub rows: ScenarioRows,
    /// The unit and USD per unit used.
    pub unit: (String, f64),
    /// Rows and columns of the input not read (ICIO value added and totals).
    pub not_read: Vec<String>,
    /// Final-demand columns dropped (no region), with their sums.
    pub dropped_columns: Vec<(String, f64)>,
}

fn parameter(name: &'static str, message: String) -> CoreError {
    CoreError::Parameter { name, message }
}

/// Reads the tables (located errors in [`CoreError::Invalid`]).
pub fn read_tables(input: &Input) -> Result<Tables, CoreError> {
    let mut diags = Diagnostics::new();
    let tables = match input {
        Input::Pymrio { z, y, x, layout } => layout::read_pymrio(z, y, x.as_deref(), *layout, &mut diags),
        Input::Icio(path) => layout::read_icio(path, &mut diags),
    };
    match tables {
        Some(t) if t.industries.is_empty() => {
            let file = match input {
                Input::Pymrio { z, .. } => z,
                Input::Icio(p) => p,
            };
            diags.error(
                crate::error::Location::file(file),
                None,
                crate::error::Problem::EmptyTable {
                    expected: "at least one industry (a region and sector)".into(),
                },
            );
            Err(CoreError::Invalid(diags))
        }
        Some(t) if !diags.has_errors() => Ok(t),
        _ => Err(CoreError::Invalid(diags)),
    }
}

/// The unit pymrio saved beside Z (`unit.txt` or `unit.csv`: region, sector, unit), when every
/// industry has the same one.
fn pymrio_unit(z: &Path) -> Option<String> {
    let dir = z.parent()?;
    let path = ["unit.txt", "unit.csv"].iter().map(|n| dir.join(n)).find(|p| p.exists())?;
    let file = read::TextFile::open(&path, "", &mut Diagnostics::new())?;
    let mut units: Vec<String> = Vec::new();
    let mut first = true;
    file.for_each(&mut Diagnostics::new(), |r, _| {
        if std::mem::take(&mut first) || r.len() < 3 {
            return;
        }
        let u = r.get(r.len() - 1).to_string();
        if !units.contains(&u) {
            units.push(u);
        }
    });
    (units.len() == 1).then(|| units.remove(0))
}

/// The first line of the `scenario.toml` an import writes; an existing output directory is
/// replaced only if it is empty or its `scenario.toml` starts with this.
pub const MARKER: &str = "# Written by `kuroshio import-mrio`";

/// Refuses an output directory that holds anything but an earlier import: the tables written
/// would mix with files (`routes.csv`, a hand-written `scenario.toml`) that the loader would read.
fn check_out(out: &Path) -> Result<(), CoreError> {
    let Ok(entries) = std::fs::read_dir(out) else { return Ok(()) };
    let mut names: Vec<String> =
        entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    if names.is_empty() {
        return Ok(());
    }
    let earlier = std::fs::read_to_string(out.join("scenario.toml")).is_ok_and(|t| t.starts_with(MARKER));
    let ours = [
        "scenario.toml",
        "scenario.kcache",
        "products.csv",
        "regions.csv",
        "facilities.csv",
        "markets.csv",
        "recipes.csv",
        "links.csv",
    ];
    names.retain(|n| !ours.contains(&n.as_str()));
    if earlier && names.is_empty() {
        return Ok(());
    }
    names.sort();
    Err(parameter(
        "out",
        format!(
            "{} is not empty and is not an earlier import{}; choose a new or empty directory",
            out.display(),
            if earlier { format!(" alone (it also holds {})", names.join(", ")) } else { String::new() }
        ),
    ))
}

/// Checks the options, reads the tables, builds the scenario and writes it into `out`.
pub fn import(o: &ImportOptions, out: &Path) -> Result<ImportSummary, CoreError> {
    check_out(out)?;
    if !(o.days_per_year > 0.0 && o.days_per_year.is_finite()) {
        return Err(parameter("days-per-year", format!("{} is not a positive number", o.days_per_year)));
    }
    if !(o.min_flow >= 0.0 && o.min_flow.is_finite()) {
        return Err(parameter("min-flow", format!("{} is not a number >= 0", o.min_flow)));
    }
    if !(0.0..1.0).contains(&o.min_share) {
        return Err(parameter(
            "min-share",
            format!("{} is not a share from 0 to 1 (exclusive)", o.min_share),
        ));
    }
    if o.lead_time_days == 0 {
        return Err(parameter("lead-time-days", "lead times are at least 1 day".into()));
    }
    if let Some(d) = o.inventory_days
        && !(0.0..=3650.0).contains(&d)
    {
        return Err(parameter("inventory-days", format!("{d} is not from 0 to 3,650 days")));
    }
    let default_country = match &o.default_country {
        Some(c) => {
            let up = c.to_ascii_uppercase();
            if crate::countries::lookup(&up).is_none() {
                return Err(parameter("default-country", format!("`{c}` is not an ISO 3166-1 alpha-3 code")));
            }
            Some(up)
        }
        None => None,
    };
    let unit_label = match (&o.unit, &o.input) {
        (Some(u), _) => u.clone(),
        (None, Input::Icio(_)) => "Million USD".to_string(),
        (None, Input::Pymrio { z, .. }) => pymrio_unit(z).ok_or_else(|| {
            parameter(
                "unit",
                "the value unit is not known: give it with --unit (for example \"Mill USD\"); pymrio's unit.txt beside Z was not found or names several units".into(),
            )
        })?,
    };
    let unit = units::parse(&unit_label).ok_or_else(|| {
        parameter(
            "unit",
            format!("`{unit_label}` is not a value unit; expected a scale and a currency such as \"Mill USD\", \"USD\", \"kUSD\", \"M.EUR\""),
        )
    })?;
    let usd_per_unit = match o.usd_per_unit.or_else(|| unit.usd_per_unit()) {
        Some(v) if v > 0.0 && v.is_finite() => v,
        Some(v) => return Err(parameter("usd-per-unit", format!("{v} is not a positive number"))),
        None => {
            return Err(parameter(
                "usd-per-unit",
                format!(
                    "the unit `{unit_label}` is not in USD; give --usd-per-unit (USD per 1 {unit_label}, with the exchange rate of the table's year)"
                ),
            ));
        }
    };
    let countries = match &o.regions {
        Some(p) => {
            let mut diags = Diagnostics::new();
            regions::read(p, &mut diags).ok_or(CoreError::Invalid(diags))?
        }
        None => Default::default(),
    };
    let tables = read_tables(&o.input)?;
    let rows = build::build(
        &tables,
        &BuildOptions {
            days_per_year: o.days_per_year,
            min_flow: o.min_flow,
            min_share: o.min_share,
            keep_categories: o.keep_categories,
            lead_time_days: o.lead_time_days,
            countries,
            default_country,
        },
    );
    if !rows.regions_without_country.is_empty() {
        let list = rows.regions_without_country.iter().take(10).cloned().collect::<Vec<_>>().join(", ");
        return Err(parameter(
            "regions",
            format!(
                "{} region{} of the table {} no ISO 3166-1 alpha-3 country: {list}{}; give a regions file (--regions, columns region,country) or --default-country CODE",
                rows.regions_without_country.len(),
                if rows.regions_without_country.len() == 1 { "" } else { "s" },
                if rows.regions_without_country.len() == 1 { "has" } else { "have" },
                if rows.regions_without_country.len() > 10 { ", ..." } else { "" }
            ),
        ));
    }
    let inputs: Vec<(&'static str, String)> = match &o.input {
        Input::Pymrio { z, y, x, .. } => {
            let mut v = vec![("z", z.display().to_string()), ("y", y.display().to_string())];
            if let Some(x) = x {
                v.push(("x", x.display().to_string()));
            }
            v
        }
        Input::Icio(p) => vec![("icio", p.display().to_string())],
    };
    let name = o.name.clone().unwrap_or_else(|| {
        out.file_name().map_or_else(|| "mrio".to_string(), |n| n.to_string_lossy().into_owned())
    });
    write::write(
        out,
        &rows,
        &write::Meta {
            name,
            layout: tables.layout.to_string(),
            inputs,
            unit: unit.label.clone(),
            usd_per_unit,
            days_per_year: o.days_per_year,
            lead_time_days: o.lead_time_days,
            min_flow: o.min_flow,
            min_share: o.min_share,
            keep_categories: o.keep_categories,
            inventory_days: o.inventory_days,
        },
    )?;
    Ok(ImportSummary {
        layout: tables.layout,
        industries: tables.industries.len(),
        rows,
        unit: (unit.label, usd_per_unit),
        not_read: tables.not_read,
        dropped_columns: tables.dropped_columns,
    })
}
