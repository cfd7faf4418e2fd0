//! Tables of a scenario (CSV files or inline TOML arrays) as rows of named cells, with typed,
//! located cell parsing. Every parse failure is recorded as a diagnostic naming the file, line,
//! column and field; the caller gets a neutral value back so that one bad cell does not hide the
//! errors in the rest of the table.

use crate::error::{Diagnostics, Location, Problem};
use crate::suggest::closest;

/// One column of a table schema.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Header name.
    pub name: &'static str,
    /// Whether the header must be present.
    pub required: bool,
}

/// The columns of one table.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    /// Table name (also the inline TOML array name and the default file stem).
    pub table: &'static str,
    /// What the table holds, for "missing file" messages.
    pub what: &'static str,
    /// Its columns.
    pub columns: &'static [Column],
    /// Whether a scenario must have this table.
    pub required: bool,
}

impl Schema {
    /// The column names joined for messages.
    pub fn column_list(&self) -> String {
        self.columns.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
    }

    /// Maps header names to schema columns, recording unknown, duplicate and missing columns.
    /// Returns, for each schema column, the position of that column in the header.
    pub fn map_header<'a>(
        &self,
        names: impl Iterator<Item = (&'a str, Location)>,
        whole: Location,
        what: &'static str,
        diags: &mut Diagnostics,
    ) -> Vec<Option<usize>> {
        let mut map = vec![None; self.columns.len()];
        let mut suggested: Vec<&str> = Vec::new();
        for (pos, (name, loc)) in names.enumerate() {
            match self.columns.iter().position(|c| c.name == name) {
                Some(ci) if map[ci].is_some() => diags.error(
                    loc,
                    Some(name.to_string()),
                    Problem::DuplicateName { what, name: name.to_string() },
                ),
                Some(ci) => map[ci] = Some(pos),
                None => {
                    let suggestion = closest(name, self.columns.iter().map(|c| c.name));
                    if let Some(sug) = &suggestion
                        && let Some(c) = self.columns.iter().find(|c| c.name == sug)
                    {
                        suggested.push(c.name);
                    }
                    diags.error(
                        loc,
                        Some(name.to_string()),
                        Problem::UnknownName {
                            what,
                            name: name.to_string(),
                            suggestion,
                            expected: self.column_list(),
                        },
                    )
                }
            }
        }
        for (ci, col) in self.columns.iter().enumerate() {
            // A misspelt header was already reported with its suggestion.
            if col.required && map[ci].is_none() && !suggested.contains(&col.name) {
                diags.error(
                    whole.clone(),
                    Some(col.name.to_string()),
                    Problem::MissingName { what, name: col.name.to_string() },
                );
            }
        }
        map
    }
}

/// Shorthand for a required column.
pub const fn req(name: &'static str) -> Column {
    Column { name, required: true }
}

/// Shorthand for an optional column.
pub const fn opt(name: &'static str) -> Column {
    Column { name, required: false }
}

/// A row of cells addressed by schema column index.
pub trait RowSource {
    /// The trimmed text of a cell; `None` when the column is absent or the cell is empty.
    fn text(&self, col: usize) -> Option<&str>;
    /// Where a cell is (`None`: the row as a whole).
    fn location(&self, col: Option<usize>) -> Location;
    /// The row's 1-based line (cheap; for remembering where an entity was defined).
    fn line(&self) -> usize;
    /// Whether the table has this column at all (a missing column is reported once, at the
    /// header, not again on every row).
    fn has_column(&self, col: usize) -> bool;
}

/// Typed access to one row's cells, recording located errors.
pub struct Cells<'r> {
    row: &'r dyn RowSource,
    schema: &'static Schema,
    diags: &'r mut Diagnostics,
    /// Whether any cell of this row failed to parse.
    pub failed: bool,
}

/// A constraint on a number.
#[derive(Debug, Clone, Copy)]
pub enum Bound {
    /// >= 0.
    NonNegative,
    /// > 0.
    Positive,
    /// In [lo, hi].
    Within(f64, f64),
    /// In (0, 1].
    UnitOpenClosed,
}

impl Bound {
    fn holds(self, v: f64) -> bool {
        match self {
            Bound::NonNegative => v >= 0.0,
            Bound::Positive => v > 0.0,
            Bound::Within(lo, hi) => (lo..=hi).contains(&v),
            Bound::UnitOpenClosed => v > 0.0 && v <= 1.0,
        }
    }

    fn describe(self) -> String {
        match self {
            Bound::NonNegative => "a non-negative number".into(),
            Bound::Positive => "a positive number".into(),
            Bound::Within(lo, hi) => format!("a number from {lo} to {hi}"),
            Bound::UnitOpenClosed => "a number greater than 0 and at most 1".into(),
        }
    }
}

impl<'r> Cells<'r> {
    /// Wraps a row.
    pub fn new(row: &'r dyn RowSource, schema: &'static Schema, diags: &'r mut Diagnostics) -> Self {
        Cells { row, schema, diags, failed: false }
    }

    /// The row's location.
    pub fn row_location(&self) -> Location {
        self.row.location(None)
    }

    /// A cell's location.
    pub fn location(&self, col: usize) -> Location {
        self.row.location(Some(col))
    }

    /// Records an error at a cell.
    pub fn error(&mut self, col: usize, problem: Problem) {
        self.failed = true;
        if matches!(problem, Problem::MissingValue { .. })
            && !self.row.has_column(col)
            && self.schema.columns[col].required
        {
            return; // already reported at the header
        }
        let loc = self.row.location(Some(col));
        self.diags.error(loc, Some(self.schema.columns[col].name.to_string()), problem);
    }

    /// Records a warning at a cell.
    pub fn warning(&mut self, col: usize, problem: Problem) {
        let loc = self.row.location(Some(col));
        self.diags.warning(loc, Some(self.schema.columns[col].name.to_string()), problem);
    }

    /// An optional text cell.
    pub fn opt_str(&self, col: usize) -> Option<&'r str> {
        // Safety of lifetimes: the row outlives `self`.
        self.row.text(col)
    }

    /// A required text cell.
    pub fn str(&mut self, col: usize, expected: &str) -> Option<&'r str> {
        let v = self.row.text(col);
        if v.is_none() {
            self.error(col, Problem::MissingValue { expected: expected.to_string() });
        }
        v
    }

    /// An optional number with a bound.
    pub fn opt_f64(&mut self, col: usize, bound: Bound) -> Option<f64> {
        let text = self.row.text(col)?;
        self.parse_f64(col, text, bound)
    }

    /// A required number with a bound.
    pub fn f64(&mut self, col: usize, bound: Bound) -> Option<f64> {
        match self.row.text(col) {
            Some(text) => self.parse_f64(col, text, bound),
            None => {
                self.error(col, Problem::MissingValue { expected: bound.describe() });
                None
            }
        }
    }

    fn parse_f64(&mut self, col: usize, text: &str, bound: Bound) -> Option<f64> {
        match parse_number(text) {
            Some(v) if !v.is_finite() => {
                self.error(col, Problem::NotFinite { value: text.into(), expected: bound.describe() });
                None
            }
            Some(v) if !bound.holds(v) => {
                self.error(col, Problem::OutOfRange { value: text.into(), expected: bound.describe() });
                None
            }
            Some(v) => Some(v),
            None => {
                self.error(col, Problem::InvalidValue { value: text.into(), expected: bound.describe() });
                None
            }
        }
    }

    /// An optional whole number of days, at least `min`.
    pub fn opt_days(&mut self, col: usize, min: u32) -> Option<u32> {
        let text = self.row.text(col)?;
        self.parse_days(col, text, min)
    }

    /// A required whole number of days, at least `min`.
    pub fn days(&mut self, col: usize, min: u32) -> Option<u32> {
        match self.row.text(col) {
            Some(text) => self.parse_days(col, text, min),
            None => {
                self.error(col, Problem::MissingValue { expected: days_expected(min) });
                None
            }
        }
    }

    fn parse_days(&mut self, col: usize, text: &str, min: u32) -> Option<u32> {
        match text.parse::<i64>() {
            Ok(v) if v < min as i64 || v > 1_000_000 => {
                self.error(col, Problem::OutOfRange { value: text.into(), expected: days_expected(min) });
                None
            }
            Ok(v) => Some(v as u32),
            Err(_) => {
                // "30.0" is a whole number written as a float: accept it; "30.5" is not.
                match parse_number(text) {
                    Some(f) if f.is_finite() && f.fract() == 0.0 && f >= min as f64 && f <= 1e6 => {
                        Some(f as u32)
                    }
                    _ => {
                        self.error(
                            col,
                            Problem::InvalidValue { value: text.into(), expected: days_expected(min) },
                        );
                        None
                    }
                }
            }
        }
    }

    /// An optional boolean (`true`/`false`, `yes`/`no`, `1`/`0`).
    pub fn opt_bool(&mut self, col: usize) -> Option<bool> {
        let text = self.row.text(col)?;
        match text.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Some(true),
            "false" | "no" | "0" => Some(false),
            _ => {
                self.error(
                    col,
                    Problem::InvalidValue { value: text.into(), expected: "true or false".into() },
                );
                None
            }
        }
    }

    /// A required choice among named values.
    pub fn choice<T: Copy>(&mut self, col: usize, named: &[(&'static str, T)]) -> Option<T> {
        let expected = || format!("one of: {}", named.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "));
        let Some(text) = self.row.text(col) else {
            self.error(col, Problem::MissingValue { expected: expected() });
            return None;
        };
        self.parse_choice(col, text, named, expected())
    }

    /// An optional choice among named values.
    pub fn opt_choice<T: Copy>(&mut self, col: usize, named: &[(&'static str, T)]) -> Option<T> {
        let text = self.row.text(col)?;
        let expected = format!("one of: {}", named.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "));
        self.parse_choice(col, text, named, expected)
    }

    fn parse_choice<T: Copy>(
        &mut self,
        col: usize,
        text: &str,
        named: &[(&'static str, T)],
        expected: String,
    ) -> Option<T> {
        let lower = text.to_ascii_lowercase();
        if let Some((_, v)) = named.iter().find(|(n, _)| *n == lower) {
            return Some(*v);
        }
        let hint = closest(text, named.iter().map(|(n, _)| *n));
        let expected = match hint {
            Some(h) => format!("{expected} (did you mean `{h}`?)"),
            None => expected,
        };
        self.error(col, Problem::InvalidValue { value: text.into(), expected });
        None
    }
}

fn days_expected(min: u32) -> String {
    format!("a whole number of days, at least {min}")
}

/// Parses a decimal number. Accepts what Rust's `f64::from_str` accepts except the words
/// `inf`/`nan` spelled any way, which are returned as such so the caller can say "not finite".
/// Thousands separators are not accepted: "1,000" is ambiguous in CSV.
pub fn parse_number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok()
}

/// Splits a list cell (`a;b;c`), trimming items and dropping empty ones.
pub fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty())
}
