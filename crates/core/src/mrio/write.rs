//! Writing the imported scenario: `scenario.toml` and the six CSV tables of
//! docs/file-formats.md §3. Numbers are written with Rust's shortest round-trip form of `f64`,
//! so reading them back gives exactly the values computed.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::CoreError;
use crate::mrio::build::ScenarioRows;

/// What `scenario.toml` records about the import.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// Scenario name.
    pub name: String,
    /// Layout read (`wide`, `long`, `icio`).
    pub layout: String,
    /// Input files, as given: (`z`, path), (`y`, path), (`x`, path), (`icio`, path), ...
    pub inputs: Vec<(&'static str, String)>,
    /// Value unit label (`Mill USD`).
    pub unit: String,
    /// USD per unit.
    pub usd_per_unit: f64,
    /// Days per year.
    pub days_per_year: f64,
    /// Lead time of every link.
    pub lead_time_days: u32,
    /// Absolute threshold.
    pub min_flow: f64,
    /// Relative threshold.
    pub min_share: f64,
    /// One market per final-demand category.
    pub keep_categories: bool,
    /// `settings.inventory_days`, when given.
    pub inventory_days: Option<f64>,
}

struct Out {
    path: PathBuf,
    tmp: PathBuf,
    w: BufWriter<File>,
}

impl Out {
    fn create(dir: &Path, name: &str) -> Result<Out, CoreError> {
        let path = dir.join(name);
        let tmp = dir.join(format!(".{name}.tmp"));
        let file = File::create(&tmp).map_err(|source| CoreError::Write { path: tmp.clone(), source })?;
        Ok(Out { path, tmp, w: BufWriter::new(file) })
    }

    fn line(&mut self, cells: &[&str]) -> Result<(), CoreError> {
        let mut first = true;
        for c in cells {
            if !first {
                self.w.write_all(b",").map_err(|e| self.err(e))?;
            }
            first = false;
            self.w.write_all(csv_cell(c).as_bytes()).map_err(|e| self.err(e))?;
        }
        self.w.write_all(b"\n").map_err(|e| self.err(e))
    }

    fn text(&mut self, s: &str) -> Result<(), CoreError> {
        self.w.write_all(s.as_bytes()).map_err(|e| self.err(e))
    }

    fn err(&self, source: std::io::Error) -> CoreError {
        CoreError::Write { path: self.tmp.clone(), source }
    }

    fn finish(mut self) -> Result<(), CoreError> {
        self.w.flush().map_err(|e| self.err(e))?;
        drop(self.w);
        std::fs::rename(&self.tmp, &self.path)
            .map_err(|source| CoreError::Write { path: self.path.clone(), source })
    }
}

/// A CSV cell: quoted when it holds a comma, quote or line break, or starts or ends with spaces.
fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.trim() != s {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML float (always with a decimal point or exponent).
fn toml_float(v: f64) -> String {
    let s = format!("{v:?}");
    if s.contains(['.', 'e', 'E']) { s } else { format!("{s}.0") }
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

/// Writes the scenario into `dir` (created if missing). Each file is written under a temporary
/// name and renamed into place.
pub fn write(dir: &Path, rows: &ScenarioRows, meta: &Meta) -> Result<(), CoreError> {
    std::fs::create_dir_all(dir).map_err(|source| CoreError::Write { path: dir.to_path_buf(), source })?;
    let usd = meta.usd_per_unit.to_string();

    let mut o = Out::create(dir, "products.csv")?;
    o.line(&["id", "name", "unit", "unit_value", "sector", "source"])?;
    for p in &rows.products {
        let source = format!("sector label of the MRIO; unit_value = USD per {}", meta.unit);
        o.line(&[&p.id, &p.name, &meta.unit, &usd, &p.sector, &source])?;
    }
    o.finish()?;

    let mut o = Out::create(dir, "regions.csv")?;
    o.line(&["id", "name", "country", "source"])?;
    for r in &rows.regions {
        o.line(&[&r.id, &r.name, &r.country, "region label of the MRIO"])?;
    }
    o.finish()?;

    let mut o = Out::create(dir, "facilities.csv")?;
    o.line(&["id", "name", "kind", "country", "region", "product", "lat", "lon", "source"])?;
    for f in &rows.facilities {
        let r = &rows.regions[f.region];
        o.line(&[
            &f.id,
            &f.name,
            "sector",
            &r.country,
            &r.id,
            &rows.products[f.product].id,
            &opt(r.lat),
            &opt(r.lon),
            &f.source,
        ])?;
    }
    o.finish()?;

    let mut o = Out::create(dir, "markets.csv")?;
    o.line(&["id", "name", "country", "region", "product", "demand_per_day", "lat", "lon", "source"])?;
    for m in &rows.markets {
        let r = &rows.regions[m.region];
        o.line(&[
            &m.id,
            &m.name,
            &r.country,
            &r.id,
            &rows.products[m.product].id,
            &m.demand_per_day.to_string(),
            &opt(r.lat),
            &opt(r.lon),
            &m.source,
        ])?;
    }
    o.finish()?;

    let mut o = Out::create(dir, "recipes.csv")?;
    o.line(&["product", "input", "per_unit", "facility", "source"])?;
    for rec in &rows.recipes {
        let f = &rows.facilities[rec.facility];
        o.line(&[
            &rows.products[f.product].id,
            &rows.products[rec.input].id,
            &rec.per_unit.to_string(),
            &f.id,
            &*rec.source,
        ])?;
    }
    o.finish()?;

    let mut o = Out::create(dir, "links.csv")?;
    o.line(&["supplier", "customer", "product", "share", "lead_time_days", "source"])?;
    let lead = meta.lead_time_days.to_string();
    for l in &rows.links {
        let customer =
            if l.to_market { &rows.markets[l.customer].id } else { &rows.facilities[l.customer].id };
        o.line(&[
            &rows.facilities[l.supplier].id,
            customer,
            &rows.products[l.product].id,
            &l.share.to_string(),
            &lead,
            &*l.source,
        ])?;
    }
    o.finish()?;

    let mut o = Out::create(dir, "scenario.toml")?;
    o.text(&manifest(rows, meta))?;
    o.finish()
}

fn manifest(rows: &ScenarioRows, m: &Meta) -> String {
    let inputs: Vec<String> = m.inputs.iter().map(|(k, v)| format!("{k} = {}", toml_string(v))).collect();
    let mut s = String::new();
    s.push_str(crate::mrio::MARKER);
    s.push_str(" from a multi-regional input-output table\n");
    s.push_str("# (docs/file-formats.md §10). Facilities are the table's industries (region x sector),\n");
    s.push_str("# products its sectors, markets its final demand; recipes are the input coefficients\n");
    s.push_str("# sum over supplier regions of Z[(r,s),j] / x_j, and link shares each supplier's part.\n");
    s.push_str(&format!(
        "# Values: the table is in {} per year; every flow, demand and output here is per day,\n",
        m.unit
    ));
    s.push_str(&format!(
        "# the table's value / {} (days_per_year), counted in units of 1 {} (unit_value = {} USD).\n\n",
        m.days_per_year, m.unit, m.usd_per_unit
    ));
    s.push_str("[scenario]\n");
    s.push_str(&format!("name = {}\n", toml_string(&m.name)));
    s.push_str(&format!(
        "description = {}\n",
        toml_string(&format!(
            "MRIO import: {} industries in {} regions, {} sectors, {} markets, {} links",
            rows.facilities.len(),
            rows.regions.len(),
            rows.products.len(),
            rows.markets.len(),
            rows.links.len()
        ))
    ));
    s.push_str(&format!(
        "source = {{ importer = \"kuroshio import-mrio\", layout = {}, {}, unit = {}, usd_per_unit = {}, days_per_year = {}, lead_time_days = {}, min_flow = {}, min_share = {}, keep_categories = {} }}\n\n",
        toml_string(&m.layout),
        inputs.join(", "),
        toml_string(&m.unit),
        toml_float(m.usd_per_unit),
        toml_float(m.days_per_year),
        m.lead_time_days,
        toml_float(m.min_flow),
        toml_float(m.min_share),
        m.keep_categories
    ));
    s.push_str("[settings]\n");
    s.push_str("# Input-output networks are cyclic: the baseline is solved iteratively, here to 1e-12.\n");
    s.push_str("baseline_tolerance = 1e-12\n");
    match m.inventory_days {
        Some(d) => s.push_str(&format!("inventory_days = {}\n", toml_float(d))),
        None => s.push_str(
            "# inventory_days = 90.0  # ARIO's (BoARIO's) default stock of every input, in days of use\n",
        ),
    }
    s.push_str("# model = \"ario\"  # ARIO rule set, see docs/model.md\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_cells_and_strings() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(toml_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(toml_float(365.0), "365.0");
        assert_eq!(toml_float(1e6), "1000000.0");
        assert_eq!(toml_float(1e-7), "1e-7");
    }
}
