//! `kuroshio import-mrio`: a multi-regional input-output table (pymrio wide or long layout, or
//! OECD ICIO) written as a scenario directory. The rules are in docs/file-formats.md §10.

use std::path::PathBuf;
use std::process::ExitCode;

use kuroshio_core::CoreError;
use kuroshio_core::mrio::{ImportOptions, Input, Layout, import};

use super::validate::group_thousands;
use crate::render::{self, MessageOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LayoutArg {
    /// Long when a file's first row has five fields and the last is `value`, else wide.
    Auto,
    /// pymrio's matrix layout (two header rows, two index columns).
    Wide,
    /// One row per entry: region,sector,region,sector|category,value.
    Long,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ImportMrioArgs {
    /// Intermediate flows Z (pymrio Z.txt / Z.csv, wide or long).
    #[arg(long, required_unless_present = "icio", conflicts_with = "icio")]
    pub z: Option<PathBuf>,
    /// Final demand Y (pymrio Y.txt / Y.csv, wide or long).
    #[arg(long, required_unless_present = "icio", conflicts_with = "icio")]
    pub y: Option<PathBuf>,
    /// Gross output x (region,sector,value). Without it, x = row sums of Z + row sums of Y.
    #[arg(long, conflicts_with = "icio")]
    pub x: Option<PathBuf>,
    /// One OECD ICIO CSV file (rows and columns REG_SECTOR, final demand REG_HFCE..., OUT).
    #[arg(long)]
    pub icio: Option<PathBuf>,
    /// Layout of the pymrio files.
    #[arg(long, value_enum, default_value_t = LayoutArg::Auto)]
    pub layout: LayoutArg,
    /// Value unit of the table, e.g. "Mill USD" (default: pymrio's unit.txt beside Z; ICIO:
    /// "Million USD").
    #[arg(long)]
    pub unit: Option<String>,
    /// USD per unit of the table (required when the unit is not in USD).
    #[arg(long)]
    pub usd_per_unit: Option<f64>,
    /// Days per year: yearly values are divided by this to give flows per day.
    #[arg(long, default_value_t = 365.0)]
    pub days_per_year: f64,
    /// Drop entries below this value (table unit per year); 0 keeps all.
    #[arg(long, default_value_t = 0.0)]
    pub min_flow: f64,
    /// Drop links below this share of their customer's input (or market); 0 keeps all.
    #[arg(long, default_value_t = 0.0)]
    pub min_share: f64,
    /// One market per final-demand category instead of one per consuming region and product.
    #[arg(long)]
    pub keep_categories: bool,
    /// Lead time of every link, days.
    #[arg(long, default_value_t = 1)]
    pub lead_time_days: u32,
    /// Write settings.inventory_days (days of each input in stock at baseline).
    #[arg(long)]
    pub inventory_days: Option<f64>,
    /// CSV of region,country[,name,lat,lon] for the table's regions.
    #[arg(long)]
    pub regions: Option<PathBuf>,
    /// ISO alpha-3 country for regions that have none otherwise (labels that are not codes).
    #[arg(long)]
    pub default_country: Option<String>,
    /// Scenario name (default: the output directory's name).
    #[arg(long)]
    pub name: Option<String>,
    /// Directory to write the scenario into (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub messages: MessageOptions,
}

fn count(n: (usize, f64), what: &str, unit: &str) -> Option<String> {
    (n.0 > 0).then(|| format!("{} {what} (sum {} {unit} per year)", group_thousands(n.0 as f64), n.1))
}

pub fn run(a: &ImportMrioArgs) -> anyhow::Result<ExitCode> {
    let input = match (&a.icio, &a.z, &a.y) {
        (Some(p), _, _) => Input::Icio(p.clone()),
        (None, Some(z), Some(y)) => Input::Pymrio {
            z: z.clone(),
            y: y.clone(),
            x: a.x.clone(),
            layout: match a.layout {
                LayoutArg::Auto => Layout::Auto,
                LayoutArg::Wide => Layout::Wide,
                LayoutArg::Long => Layout::Long,
            },
        },
        _ => anyhow::bail!("give --z and --y, or --icio"),
    };
    let mut o = ImportOptions::new(input);
    o.unit = a.unit.clone();
    o.usd_per_unit = a.usd_per_unit;
    o.days_per_year = a.days_per_year;
    o.min_flow = a.min_flow;
    o.min_share = a.min_share;
    o.keep_categories = a.keep_categories;
    o.lead_time_days = a.lead_time_days;
    o.inventory_days = a.inventory_days;
    o.regions = a.regions.clone();
    o.default_country = a.default_country.clone();
    o.name = a.name.clone();
    let s = match import(&o, &a.out) {
        Ok(s) => s,
        Err(CoreError::Invalid(diags)) => {
            render::print(&diags, &a.messages);
            let n = diags.error_count();
            eprintln!(
                "error: the MRIO tables have {n} error{}; nothing was written",
                if n == 1 { "" } else { "s" }
            );
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e.into()),
    };
    let unit = &s.unit.0;
    let d = &s.rows.dropped;
    let mut notes: Vec<String> = Vec::new();
    if !d.zero_output.is_empty() {
        let shown: Vec<&str> = d.zero_output.iter().take(10).map(String::as_str).collect();
        notes.push(format!(
            "{} industries with gross output x <= 0 (not facilities): {}{}",
            d.zero_output.len(),
            shown.join(", "),
            if d.zero_output.len() > 10 { ", ..." } else { "" }
        ));
    }
    notes.extend(count(d.zero_output_entries, "entries of those industries' rows and columns", unit));
    notes.extend(count(d.negative_z, "negative Z entries", unit));
    notes.extend(count(
        d.negative_y,
        if a.keep_categories {
            "negative final-demand entries"
        } else {
            "negative final demand after summing each region's categories"
        },
        unit,
    ));
    notes.extend(count(d.tiny_z, "Z entries below --min-flow", unit));
    notes.extend(count(d.tiny_y, "final-demand entries below --min-flow", unit));
    notes.extend(count(d.small_share_z, "Z entries below --min-share", unit));
    notes.extend(count(d.small_share_y, "final-demand entries below --min-share", unit));
    for (col, sum) in &s.dropped_columns {
        notes.push(format!("final-demand column {col} without a region (sum {sum} {unit} per year)"));
    }
    for n in &notes {
        eprintln!("warning: dropped {n}");
    }
    if d.x_mismatch.0 > 0 {
        eprintln!(
            "warning: x differs from Z row sum + Y row sum by more than 1e-6 (relative) for {} industries (largest {:e}, {}); the baseline follows the rows",
            d.x_mismatch.0, d.x_mismatch.1, d.x_mismatch.2
        );
    }
    if !s.not_read.is_empty() {
        eprintln!("note: rows not read (value added and totals): {}", s.not_read.join(", "));
    }
    let r = &s.rows;
    println!(
        "wrote {}: {} facilities (industries of {} in the {} table), {} products, {} regions, {} markets, {} recipe rows, {} links; values per day = table / {} in units of {} ({} USD)",
        a.out.display(),
        group_thousands(r.facilities.len() as f64),
        group_thousands(s.industries as f64),
        s.layout,
        r.products.len(),
        r.regions.len(),
        group_thousands(r.markets.len() as f64),
        group_thousands(r.recipes.len() as f64),
        group_thousands(r.links.len() as f64),
        a.days_per_year,
        unit,
        s.unit.1
    );
    Ok(ExitCode::SUCCESS)
}
