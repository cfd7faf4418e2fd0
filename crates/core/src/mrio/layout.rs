//! The layouts MRIO tables come in, read into one dense form ([`Tables`]).
//!
//! - **wide** (pymrio `save`/`save_all`, any separator): two header rows naming the columns'
//!   region and sector (Z) or region and category (Y), an optional row naming the index columns
//!   (`region`, `sector`, then empty cells), then one row per industry: region, sector, values.
//! - **long** (`pymrio.to_long(df).to_csv(...)`): a header row, then one row per entry:
//!   `region,sector,region,sector,value` (Z) or `region,sector,region,category,value` (Y). Entries
//!   not listed are 0; an entry listed twice is an error.
//! - **x** in either case: `region,sector,value` rows after an optional header row (pymrio writes
//!   `region,sector,indout`), or `region,sector,indout,value` (`pymrio.to_long(x)`).
//! - **OECD ICIO** (one file): the first column labels rows, the first row labels columns.
//!   Industries are `REG_SECTOR` (split at the first `_`: `AUS_D01T02`, `AUS_A01_02`); final
//!   demand columns are `REG_CODE` (or `CODE_REG`, as the 2016 release has them) with CODE one of
//!   [`ICIO_FINAL_DEMAND`]; the column `OUT` (or `TOTAL`) is gross output x; the rows `TLS`,
//!   `VA` and any row whose label contains `VALU` or `TAX` are value added and taxes (not read);
//!   the rows `OUT`/`OUTPUT` are totals (not read); a final-demand column without a region (the
//!   2016 `DISC` discrepancy column) is not read, and reported.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Diagnostics, Location, Problem};
use crate::mrio::read::{Record, TextFile};

/// Final-demand codes of the OECD ICIO files (2016 to 2023 releases).
pub const ICIO_FINAL_DEMAND: &[&str] =
    &["HFCE", "NPISH", "NPS", "GGFC", "GFCF", "INVNT", "INV", "DIRP", "DPABR", "P33", "FD", "DISC"];

/// How the tables are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Layout {
    /// Decide from each file: long when its first row has five fields, the last `value`.
    Auto,
    /// pymrio's matrix layout.
    Wide,
    /// One row per entry.
    Long,
}

/// An industry: a sector in a region.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Industry {
    /// Region label as in the file.
    pub region: String,
    /// Sector label as in the file.
    pub sector: String,
}

/// A final-demand column: a category of a consuming region.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FinalDemand {
    /// Consuming region label.
    pub region: String,
    /// Category label (`Final consumption expenditure by households`, `HFCE`).
    pub category: String,
}

/// Where the entries of a matrix were read, for `source` cells.
#[derive(Debug, Clone)]
pub enum Cites {
    /// A matrix: the line of each row (by industry) and the field (1-based) of each column.
    Wide {
        /// Line of each industry's row.
        row_line: Vec<u32>,
        /// Field of each column.
        field: Vec<u32>,
    },
    /// One line per entry (0: not listed), row-major.
    Long {
        /// Line of each entry.
        line: Vec<u32>,
        /// Columns per row.
        width: usize,
    },
}

impl Cites {
    /// "FILE line L field F" or "FILE line L".
    pub fn cite(&self, file: &str, i: usize, j: usize) -> String {
        match self {
            Cites::Wide { row_line, field } => format!("{file} line {} field {}", row_line[i], field[j]),
            Cites::Long { line, width } => format!("{file} line {}", line[i * width + j]),
        }
    }

    /// The line of row `i` (wide), or of the first listed entry of row `i` (long).
    pub fn row_line(&self, i: usize) -> u32 {
        match self {
            Cites::Wide { row_line, .. } => row_line[i],
            Cites::Long { line, width } => {
                line[i * width..(i + 1) * width].iter().copied().find(|&l| l > 0).unwrap_or(0)
            }
        }
    }
}

/// An MRIO read into dense matrices, industries in the order of Z's columns (long: of first
/// appearance).
#[derive(Debug, Clone)]
pub struct Tables {
    /// Which layout the tables were read in (`wide`, `long`, `icio`).
    pub layout: &'static str,
    /// The industries.
    pub industries: Vec<Industry>,
    /// Intermediate flows, row-major: `z[i * n + j]` from industry i to industry j, per year.
    pub z: Vec<f64>,
    /// The final-demand columns.
    pub final_demand: Vec<FinalDemand>,
    /// Final demand, row-major: `y[i * f + c]` from industry i to column c, per year.
    pub y: Vec<f64>,
    /// Gross output per industry, when given.
    pub x: Option<Vec<f64>>,
    /// File names for citing: Z, Y and x.
    pub files: [String; 3],
    /// Where Z's entries are.
    pub z_cites: Cites,
    /// Where Y's entries are.
    pub y_cites: Cites,
    /// Where x's entries are (a matrix with one column).
    pub x_cites: Option<Cites>,
    /// Rows or columns read but not used (ICIO value added, totals), with how many.
    pub not_read: Vec<String>,
    /// Final-demand columns dropped because they have no region, with their sum.
    pub dropped_columns: Vec<(String, f64)>,
}

fn is_long(file: &TextFile, layout: Layout) -> bool {
    match layout {
        Layout::Long => true,
        Layout::Wide => false,
        Layout::Auto => {
            let first = file.first_fields();
            first.len() == 5 && first[4].eq_ignore_ascii_case("value")
        }
    }
}

/// A matrix read from a file: row labels, column labels, values.
struct Matrix {
    rows: Vec<(String, String)>,
    row_line: Vec<u32>,
    row_loc: Vec<Location>,
    cols: Vec<(String, String)>,
    col_field: Vec<u32>,
    col_loc: Vec<Location>,
    /// Row-major, rows in file order, columns in file order.
    values: Vec<f64>,
    /// Long layout: the line of each entry.
    lines: Option<Vec<u32>>,
}

fn label_error(r: &Record<'_>, i: usize, expected: &str, diags: &mut Diagnostics) {
    diags.error(r.loc(i), None, Problem::MissingValue { expected: expected.to_string() });
}

/// pymrio's wide layout: `level2` is `sector` (Z) or `category` (Y).
fn read_wide(file: &TextFile, level2: &str, diags: &mut Diagnostics) -> Option<Matrix> {
    let errors_before = diags.error_count();
    let mut m = Matrix {
        rows: Vec::new(),
        row_line: Vec::new(),
        row_loc: Vec::new(),
        cols: Vec::new(),
        col_field: Vec::new(),
        col_loc: Vec::new(),
        values: Vec::new(),
        lines: None,
    };
    let mut width = 0usize;
    let mut index = 0usize;
    let mut regions: Vec<String> = Vec::new();
    let expected_layout = format!(
        "pymrio's wide layout: a header row of regions and one of {level2} labels, each after two index columns (region, {level2}), then one row per industry: region, sector, numbers"
    );
    file.for_each(diags, |r, diags| {
        index += 1;
        match index {
            1 => {
                width = r.len();
                if width < 3 || !r.get(1).is_empty() {
                    diags.error(
                        r.loc(if width < 3 { 0 } else { 1 }),
                        None,
                        Problem::InvalidValue {
                            value: r.get(if width < 3 { 0 } else { 1 }).to_string(),
                            expected: expected_layout.clone(),
                        },
                    );
                    width = 0;
                    return;
                }
                for i in 2..width {
                    if r.get(i).is_empty() {
                        label_error(r, i, "a region label for this column", diags);
                    }
                    regions.push(r.get(i).to_string());
                }
            }
            2 if width > 0 => {
                if r.len() != width {
                    diags.error(r.row_loc(), None, Problem::FieldCount { expected: width, found: r.len() });
                    width = 0;
                    return;
                }
                for (k, region) in regions.iter().enumerate() {
                    let i = k + 2;
                    if r.get(i).is_empty() {
                        label_error(r, i, &format!("a {level2} label for this column"), diags);
                    }
                    m.cols.push((region.clone(), r.get(i).to_string()));
                    m.col_field.push(i as u32 + 1);
                    m.col_loc.push(r.loc(i));
                }
            }
            _ if width > 0 => {
                if index == 3 && (2..r.len()).all(|i| r.get(i).is_empty()) {
                    return; // the index-names row (`region,sector,,,...`)
                }
                if r.len() != width {
                    diags.error(r.row_loc(), None, Problem::FieldCount { expected: width, found: r.len() });
                    return;
                }
                for i in 0..2 {
                    if r.get(i).is_empty() {
                        label_error(r, i, if i == 0 { "a region label" } else { "a sector label" }, diags);
                    }
                }
                m.rows.push((r.get(0).to_string(), r.get(1).to_string()));
                m.row_line.push(r.line as u32);
                m.row_loc.push(r.loc(0));
                for i in 2..width {
                    m.values.push(
                        r.number(i, "a number (a flow in the table's unit per year)", diags).unwrap_or(0.0),
                    );
                }
            }
            _ => {}
        }
    });
    if index < 2 && width > 0 {
        diags.error(
            Location::file(&file.path),
            None,
            Problem::EmptyTable { expected: format!("{expected_layout}; found only one row") },
        );
    }
    (diags.error_count() == errors_before).then_some(m)
}

/// The long layout: `region,sector,region,<level2>,value` rows after a header row.
fn read_long(file: &TextFile, level2: &str, diags: &mut Diagnostics) -> Option<Matrix> {
    let errors_before = diags.error_count();
    let mut rows: HashMap<(String, String), usize> = HashMap::new();
    let mut cols: HashMap<(String, String), usize> = HashMap::new();
    let mut m = Matrix {
        rows: Vec::new(),
        row_line: Vec::new(),
        row_loc: Vec::new(),
        cols: Vec::new(),
        col_field: Vec::new(),
        col_loc: Vec::new(),
        values: Vec::new(),
        lines: None,
    };
    let mut entries: Vec<(usize, usize, f64, u32, Location)> = Vec::new();
    let mut first = true;
    file.for_each(diags, |r, diags| {
        if std::mem::take(&mut first) {
            if r.len() != 5 {
                diags.error(r.row_loc(), None, Problem::FieldCount { expected: 5, found: r.len() });
            }
            return; // the header row
        }
        if r.len() != 5 {
            diags.error(r.row_loc(), None, Problem::FieldCount { expected: 5, found: r.len() });
            return;
        }
        let names = ["a region label", "a sector label", "a region label", level2];
        for (i, what) in names.iter().enumerate() {
            if r.get(i).is_empty() {
                let what = if i == 3 { format!("a {what} label") } else { (*what).to_string() };
                label_error(r, i, &what, diags);
                return;
            }
        }
        let Some(v) = r.number(4, "a number (a flow in the table's unit per year)", diags) else { return };
        let rk = (r.get(0).to_string(), r.get(1).to_string());
        let ck = (r.get(2).to_string(), r.get(3).to_string());
        let ri = *rows.entry(rk.clone()).or_insert_with(|| {
            m.rows.push(rk);
            m.row_line.push(r.line as u32);
            m.row_loc.push(r.loc(0));
            m.rows.len() - 1
        });
        let ci = *cols.entry(ck.clone()).or_insert_with(|| {
            m.cols.push(ck);
            m.col_field.push(5);
            m.col_loc.push(r.loc(2));
            m.cols.len() - 1
        });
        entries.push((ri, ci, v, r.line as u32, r.loc(4)));
    });
    if first {
        diags.error(
            Location::file(&file.path),
            None,
            Problem::EmptyTable { expected: "a header row".into() },
        );
    }
    let (nr, nc) = (m.rows.len(), m.cols.len());
    m.values = vec![0.0; nr * nc];
    let mut lines = vec![0u32; nr * nc];
    for (ri, ci, v, line, loc) in entries {
        let k = ri * nc + ci;
        if lines[k] != 0 {
            diags.error(
                loc,
                None,
                Problem::DuplicateId {
                    id: format!("{}/{} to {}/{}", m.rows[ri].0, m.rows[ri].1, m.cols[ci].0, m.cols[ci].1),
                    first: format!("{}:{}", file.path.display(), lines[k]),
                },
            );
            continue;
        }
        lines[k] = line;
        m.values[k] = v;
    }
    m.lines = Some(lines);
    (diags.error_count() == errors_before).then_some(m)
}

fn read_matrix(
    file: &TextFile,
    level2: &str,
    layout: Layout,
    diags: &mut Diagnostics,
) -> Option<(Matrix, bool)> {
    let long = is_long(file, layout);
    let m = if long { read_long(file, level2, diags) } else { read_wide(file, level2, diags) }?;
    Some((m, long))
}

fn industry_label(k: &(String, String)) -> String {
    format!("{}/{}", k.0, k.1)
}

/// Reads Z, Y and (optionally) x in pymrio's wide or long layout.
pub fn read_pymrio(
    z_path: &Path,
    y_path: &Path,
    x_path: Option<&Path>,
    layout: Layout,
    diags: &mut Diagnostics,
) -> Option<Tables> {
    let z_file = TextFile::open(z_path, "the Z matrix (intermediate flows)", diags);
    let y_file = TextFile::open(y_path, "the Y matrix (final demand)", diags);
    let x_file = x_path.and_then(|p| TextFile::open(p, "the x vector (gross output)", diags));
    let (z_file, y_file) = (z_file?, y_file?);
    if x_path.is_some() && x_file.is_none() {
        return None;
    }
    let (zm, z_long) = read_matrix(&z_file, "sector", layout, diags)?;
    // Industries: Z's columns (wide) or every label of Z in order of first appearance (long).
    let mut industries: Vec<Industry> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut add = |k: &(String, String), loc: &Location, diags: &mut Diagnostics, dup_is_error: bool| {
        if let Some(&i) = index.get(k) {
            if dup_is_error {
                diags.error(
                    loc.clone(),
                    None,
                    Problem::DuplicateId {
                        id: industry_label(k),
                        first: format!("an earlier column (industry {i})"),
                    },
                );
            }
            return;
        }
        index.insert(k.clone(), industries.len());
        industries.push(Industry { region: k.0.clone(), sector: k.1.clone() });
    };
    if z_long {
        for (k, loc) in zm.rows.iter().zip(&zm.row_loc) {
            add(k, loc, diags, false);
        }
        for (k, loc) in zm.cols.iter().zip(&zm.col_loc) {
            add(k, loc, diags, false);
        }
    } else {
        for (k, loc) in zm.cols.iter().zip(&zm.col_loc) {
            add(k, loc, diags, true);
        }
    }
    let n = industries.len();
    let mut z = vec![0.0; n * n];
    let mut row_line = vec![0u32; n];
    let mut row_seen = vec![false; n];
    let col_map: Vec<usize> = zm.cols.iter().map(|k| index[k]).collect();
    let mut long_lines = z_long.then(|| vec![0u32; n * n]);
    let nc = zm.cols.len();
    for (r, k) in zm.rows.iter().enumerate() {
        let Some(&i) = index.get(k) else {
            diags.error(
                zm.row_loc[r].clone(),
                None,
                Problem::UnknownReference {
                    what: "industry (not a column of Z)",
                    id: industry_label(k),
                    suggestion: None,
                },
            );
            continue;
        };
        if row_seen[i] && !z_long {
            diags.error(
                zm.row_loc[r].clone(),
                None,
                Problem::DuplicateId {
                    id: industry_label(k),
                    first: format!("{}:{}", z_file.path.display(), row_line[i]),
                },
            );
            continue;
        }
        row_seen[i] = true;
        row_line[i] = zm.row_line[r];
        for c in 0..nc {
            let j = col_map[c];
            z[i * n + j] = zm.values[r * nc + c];
            if let (Some(ll), Some(src)) = (long_lines.as_mut(), zm.lines.as_ref()) {
                ll[i * n + j] = src[r * nc + c];
            }
        }
    }
    if !z_long {
        missing_rows(&industries, &row_seen, &z_file, "Z", diags);
    }
    let z_cites = match long_lines {
        Some(line) => Cites::Long { line, width: n },
        None => Cites::Wide {
            row_line,
            field: {
                let mut f = vec![0u32; n];
                for (c, &j) in col_map.iter().enumerate() {
                    f[j] = zm.col_field[c];
                }
                f
            },
        },
    };
    // Y: rows are Z's industries, columns (region, category).
    let (ym, y_long) = read_matrix(&y_file, "category", layout, diags)?;
    let fcount = ym.cols.len();
    let final_demand: Vec<FinalDemand> =
        ym.cols.iter().map(|(r, c)| FinalDemand { region: r.clone(), category: c.clone() }).collect();
    let mut y = vec![0.0; n * fcount];
    let mut y_row_line = vec![0u32; n];
    let mut y_seen = vec![false; n];
    let mut y_lines = y_long.then(|| vec![0u32; n * fcount]);
    for (r, k) in ym.rows.iter().enumerate() {
        let Some(&i) = index.get(k) else {
            diags.error(
                ym.row_loc[r].clone(),
                None,
                Problem::UnknownReference {
                    what: "industry (not an industry of Z)",
                    id: industry_label(k),
                    suggestion: None,
                },
            );
            continue;
        };
        if y_seen[i] && !y_long {
            diags.error(
                ym.row_loc[r].clone(),
                None,
                Problem::DuplicateId {
                    id: industry_label(k),
                    first: format!("{}:{}", y_file.path.display(), y_row_line[i]),
                },
            );
            continue;
        }
        y_seen[i] = true;
        y_row_line[i] = ym.row_line[r];
        y[i * fcount..(i + 1) * fcount].copy_from_slice(&ym.values[r * fcount..(r + 1) * fcount]);
        if let (Some(ll), Some(src)) = (y_lines.as_mut(), ym.lines.as_ref()) {
            ll[i * fcount..(i + 1) * fcount].copy_from_slice(&src[r * fcount..(r + 1) * fcount]);
        }
    }
    if !y_long {
        missing_rows(&industries, &y_seen, &y_file, "Y", diags);
    }
    let y_cites = match y_lines {
        Some(line) => Cites::Long { line, width: fcount },
        None => Cites::Wide { row_line: y_row_line, field: ym.col_field.clone() },
    };
    let (x, x_cites) = match &x_file {
        Some(f) => {
            let (x, lines) = read_x(f, &index, &industries, diags)?;
            (Some(x), Some(Cites::Wide { row_line: lines, field: vec![3] }))
        }
        None => (None, None),
    };
    if diags.has_errors() {
        return None;
    }
    Some(Tables {
        layout: if z_long { "long" } else { "wide" },
        industries,
        z,
        final_demand,
        y,
        x,
        files: [
            z_file.name.clone(),
            y_file.name.clone(),
            x_file.as_ref().map(|f| f.name.clone()).unwrap_or_default(),
        ],
        z_cites,
        y_cites,
        x_cites,
        not_read: Vec::new(),
        dropped_columns: Vec::new(),
    })
}

fn missing_rows(
    industries: &[Industry],
    seen: &[bool],
    file: &TextFile,
    what: &str,
    diags: &mut Diagnostics,
) {
    let missing: Vec<String> = industries
        .iter()
        .zip(seen)
        .filter(|(_, s)| !**s)
        .map(|(ind, _)| format!("{}/{}", ind.region, ind.sector))
        .collect();
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
        diags.error(
            Location::file(&file.path),
            None,
            Problem::MissingValue {
                expected: format!(
                    "a row of {what} for every industry of Z ({} industries); {} missing: {}{}",
                    industries.len(),
                    missing.len(),
                    shown.join(", "),
                    if missing.len() > 5 { ", ..." } else { "" }
                ),
            },
        );
    }
}

/// x: `region,sector,value` (or `region,sector,name,value`) rows, after a header row when the
/// first row's value is not a number.
fn read_x(
    file: &TextFile,
    index: &HashMap<(String, String), usize>,
    industries: &[Industry],
    diags: &mut Diagnostics,
) -> Option<(Vec<f64>, Vec<u32>)> {
    let errors_before = diags.error_count();
    let n = industries.len();
    let mut x = vec![0.0; n];
    let mut lines = vec![0u32; n];
    let mut first = true;
    file.for_each(diags, |r, diags| {
        let header = std::mem::take(&mut first) && r.get(r.len().saturating_sub(1)).parse::<f64>().is_err();
        if header {
            return;
        }
        // `region,sector,value`, or `region,sector,indout,value` as pymrio.to_long(x) writes it.
        if r.len() != 3 && r.len() != 4 {
            diags.error(
                r.row_loc(),
                None,
                Problem::InvalidValue {
                    value: format!("a row of {} fields", r.len()),
                    expected: "x rows of 3 fields (region,sector,value) or 4 (region,sector,name,value)"
                        .into(),
                },
            );
            return;
        }
        let k = (r.get(0).to_string(), r.get(1).to_string());
        let Some(&i) = index.get(&k) else {
            diags.error(
                r.loc(0),
                None,
                Problem::UnknownReference {
                    what: "industry (not an industry of Z)",
                    id: industry_label(&k),
                    suggestion: None,
                },
            );
            return;
        };
        if lines[i] != 0 {
            diags.error(
                r.loc(0),
                None,
                Problem::DuplicateId {
                    id: industry_label(&k),
                    first: format!("{}:{}", file.path.display(), lines[i]),
                },
            );
            return;
        }
        if let Some(v) = r.number(r.len() - 1, "a number (gross output in the table's unit per year)", diags)
        {
            x[i] = v;
            lines[i] = r.line as u32;
        }
    });
    if diags.error_count() == errors_before {
        let seen: Vec<bool> = lines.iter().map(|&l| l > 0).collect();
        missing_rows(industries, &seen, file, "x", diags);
    }
    (diags.error_count() == errors_before).then_some((x, lines))
}

/// What an ICIO column holds.
enum IcioColumn {
    Industry(usize),
    Final(usize),
    Output,
    Dropped(usize),
}

/// Reads one OECD ICIO CSV file.
pub fn read_icio(path: &Path, diags: &mut Diagnostics) -> Option<Tables> {
    let file = TextFile::open(path, "an OECD ICIO table (rows and columns labelled REG_SECTOR)", diags)?;
    let errors_before = diags.error_count();
    let mut industries: Vec<Industry> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut final_demand: Vec<FinalDemand> = Vec::new();
    let mut columns: Vec<IcioColumn> = Vec::new();
    let mut dropped: Vec<(String, f64)> = Vec::new();
    let mut field = Vec::new();
    let mut fd_field = Vec::new();
    let mut out_field = 0u32;
    let mut width = 0usize;
    let mut z: Vec<f64> = Vec::new();
    let mut y: Vec<f64> = Vec::new();
    let mut x: Vec<f64> = Vec::new();
    let mut has_out = false;
    let mut row_line: Vec<u32> = Vec::new();
    let mut not_read: Vec<String> = Vec::new();
    let mut first = true;
    file.for_each(diags, |r, diags| {
        if std::mem::take(&mut first) {
            width = r.len();
            for c in 1..width {
                let label = r.get(c);
                let col = classify_column(label, &mut industries, &mut index, &mut final_demand, &mut dropped);
                match col {
                    Some(IcioColumn::Industry(_)) => field.push(c as u32 + 1),
                    Some(IcioColumn::Final(_)) => fd_field.push(c as u32 + 1),
                    Some(IcioColumn::Output) => {
                        has_out = true;
                        out_field = c as u32 + 1;
                    }
                    _ => {}
                }
                match col {
                    Some(col) => columns.push(col),
                    None if label.split_once('_').is_some_and(|(a, b)| {
                        index.contains_key(&(a.to_string(), b.to_string()))
                    }) =>
                    {
                        diags.error(
                            r.loc(c),
                            None,
                            Problem::DuplicateId { id: label.to_string(), first: "an earlier column".into() },
                        );
                        columns.push(IcioColumn::Dropped(usize::MAX));
                    }
                    None => {
                        diags.error(
                            r.loc(c),
                            None,
                            Problem::InvalidValue {
                                value: label.to_string(),
                                expected: "a column label REG_SECTOR (an industry), REG_HFCE/NPISH/GGFC/GFCF/INVNT/DPABR (final demand), or OUT".into(),
                            },
                        );
                        columns.push(IcioColumn::Dropped(usize::MAX));
                    }
                }
            }
            let n = industries.len();
            z = vec![0.0; n * n];
            y = vec![0.0; n * final_demand.len()];
            x = vec![0.0; n];
            row_line = vec![0; n];
            return;
        }
        let label = r.get(0);
        let upper = label.to_ascii_uppercase();
        if ["OUT", "OUTPUT", "TOTAL"].contains(&upper.as_str()) || upper == "TLS" || upper == "VA"
            || upper.contains("VALU") || upper.contains("TAX")
        {
            not_read.push(label.to_string());
            return;
        }
        if r.len() != width {
            diags.error(r.row_loc(), None, Problem::FieldCount { expected: width, found: r.len() });
            return;
        }
        let Some((reg, sec)) = label.split_once('_') else {
            diags.error(
                r.loc(0),
                None,
                Problem::InvalidValue {
                    value: label.to_string(),
                    expected: "a row label REG_SECTOR (an industry), or TLS, VA, OUT".into(),
                },
            );
            return;
        };
        let Some(&i) = index.get(&(reg.to_string(), sec.to_string())) else {
            diags.error(
                r.loc(0),
                None,
                Problem::UnknownReference { what: "industry (no column of that label)", id: label.to_string(), suggestion: None },
            );
            return;
        };
        if row_line[i] != 0 {
            diags.error(
                r.loc(0),
                None,
                Problem::DuplicateId { id: label.to_string(), first: format!("{}:{}", file.path.display(), row_line[i]) },
            );
            return;
        }
        row_line[i] = r.line as u32;
        let n = industries.len();
        let f = final_demand.len();
        for (c, col) in columns.iter().enumerate() {
            let v = r.number(c + 1, "a number (a flow in USD million per year)", diags).unwrap_or(0.0);
            match *col {
                IcioColumn::Industry(j) => z[i * n + j] = v,
                IcioColumn::Final(k) => y[i * f + k] = v,
                IcioColumn::Output => x[i] = v,
                IcioColumn::Dropped(k) => {
                    if let Some(d) = dropped.get_mut(k) {
                        d.1 += v;
                    }
                }
            }
        }
    });
    if diags.error_count() == errors_before {
        let seen: Vec<bool> = row_line.iter().map(|&l| l > 0).collect();
        missing_rows(&industries, &seen, &file, "the ICIO table", diags);
    }
    if diags.error_count() > errors_before {
        return None;
    }
    let mut industry_field = vec![0u32; industries.len()];
    let mut k = 0;
    for col in &columns {
        if let IcioColumn::Industry(j) = col {
            industry_field[*j] = field[k];
            k += 1;
        }
    }
    let mut nr: Vec<(String, usize)> = Vec::new();
    for l in not_read {
        match nr.iter_mut().find(|(x, _)| *x == l) {
            Some(e) => e.1 += 1,
            None => nr.push((l, 1)),
        }
    }
    let name = file.name.clone();
    Some(Tables {
        layout: "icio",
        industries,
        z,
        final_demand,
        y,
        x: has_out.then_some(x),
        files: [name.clone(), name.clone(), if has_out { name } else { String::new() }],
        z_cites: Cites::Wide { row_line: row_line.clone(), field: industry_field },
        y_cites: Cites::Wide { row_line: row_line.clone(), field: fd_field },
        x_cites: has_out.then(|| Cites::Wide { row_line, field: vec![out_field] }),
        not_read: nr.into_iter().map(|(l, c)| if c > 1 { format!("{l} ({c} rows)") } else { l }).collect(),
        dropped_columns: dropped,
    })
}

fn classify_column(
    label: &str,
    industries: &mut Vec<Industry>,
    index: &mut HashMap<(String, String), usize>,
    final_demand: &mut Vec<FinalDemand>,
    dropped: &mut Vec<(String, f64)>,
) -> Option<IcioColumn> {
    let upper = label.to_ascii_uppercase();
    if upper == "OUT" || upper == "TOTAL" {
        return Some(IcioColumn::Output);
    }
    if ICIO_FINAL_DEMAND.contains(&upper.as_str()) {
        dropped.push((label.to_string(), 0.0));
        return Some(IcioColumn::Dropped(dropped.len() - 1));
    }
    let (a, b) = label.split_once('_')?;
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let fd = |s: &str| ICIO_FINAL_DEMAND.contains(&s.to_ascii_uppercase().as_str());
    let (region, category) = if fd(b) && !b.contains('_') {
        (a, Some(b))
    } else if fd(a) {
        (b, Some(a))
    } else {
        (a, None)
    };
    match category {
        Some(c) => {
            final_demand.push(FinalDemand { region: region.to_string(), category: c.to_string() });
            Some(IcioColumn::Final(final_demand.len() - 1))
        }
        None => {
            let k = (a.to_string(), b.to_string());
            if index.contains_key(&k) {
                return None;
            }
            index.insert(k, industries.len());
            industries.push(Industry { region: a.to_string(), sector: b.to_string() });
            Some(IcioColumn::Industry(industries.len() - 1))
        }
    }
}
