//! `scenario.toml`: the scenario's name, settings, where its tables are, and inline tables.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{Diagnostics, Location, Problem};
use crate::scenario::schemas::TABLES;
use crate::scenario::settings::Settings;
use crate::scenario::table::{RowSource, Schema};
use crate::suggest::closest;

/// Top-level keys of `scenario.toml`.
const TOP_KEYS: &[&str] = &[
    "scenario",
    "settings",
    "files",
    "products",
    "regions",
    "chokepoints",
    "routes",
    "facilities",
    "markets",
    "recipes",
    "links",
    "hazard",
    "intervention",
    "ario",
];

/// Keys of the `[scenario]` section.
const SCENARIO_KEYS: &[&str] = &["name", "description", "source"];

/// What `scenario.toml` says.
#[derive(Debug, Default)]
pub struct Manifest {
    /// The scenario's name (defaults to the directory name).
    pub name: Option<String>,
    /// A description.
    pub description: String,
    /// Settings.
    pub settings: Settings,
    /// Table file overrides from `[files]`: table -> (path, where it was given).
    pub files: BTreeMap<&'static str, (String, Location)>,
    /// Inline tables: table -> rows.
    pub inline: BTreeMap<&'static str, Vec<InlineRow>>,
    /// The product ids `[ario.inventory_duration_by_product]` names, with where (checked once
    /// products are loaded).
    pub ario_products: crate::scenario::ario::ProductKeys,
}

/// One row of an inline TOML table (`[[facilities]]`).
#[derive(Debug)]
pub struct InlineRow {
    cells: Vec<Option<(String, Location)>>,
    /// Keys the row does not have (reported once, as missing keys).
    absent: Vec<bool>,
    row: Location,
}

impl RowSource for InlineRow {
    fn line(&self) -> usize {
        self.row.line
    }

    fn has_column(&self, col: usize) -> bool {
        !self.absent.get(col).copied().unwrap_or(true)
    }

    fn text(&self, col: usize) -> Option<&str> {
        self.cells.get(col)?.as_ref().map(|(s, _)| s.as_str()).filter(|s| !s.is_empty())
    }

    fn location(&self, col: Option<usize>) -> Location {
        col.and_then(|c| self.cells.get(c)?.as_ref().map(|(_, l)| l.clone()))
            .unwrap_or_else(|| self.row.clone())
    }
}

/// Parses `scenario.toml`, recording every problem found.
pub fn parse(path: &Path, text: &str, diags: &mut Diagnostics) -> Manifest {
    let mut m = Manifest::default();
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            diags.error(
                Location::in_text(path, text, span),
                None,
                Problem::TomlSyntax { message: e.message().trim().to_string() },
            );
            return m;
        }
    };
    let at = |span: Range<usize>| Location::in_text(path, text, span);
    let mut ario = None;
    for (key, value) in root.get_ref().iter() {
        let k = key.get_ref().as_ref();
        match k {
            "scenario" => {
                let Some(t) = expect_table(value, "scenario", &at, diags) else { continue };
                for (sk, sv) in t.iter() {
                    match sk.get_ref().as_ref() {
                        "name" => m.name = expect_string(sv, "scenario.name", &at, diags),
                        "description" => {
                            m.description =
                                expect_string(sv, "scenario.description", &at, diags).unwrap_or_default()
                        }
                        "source" => {}
                        other => unknown_key(other, sk.span(), "scenario.", SCENARIO_KEYS, &at, diags),
                    }
                }
            }
            "settings" => {
                if let Some(t) = expect_table(value, "settings", &at, diags) {
                    m.settings = Settings::parse(t, &at, diags);
                }
            }
            "files" => {
                let Some(t) = expect_table(value, "files", &at, diags) else { continue };
                for (fk, fv) in t.iter() {
                    let name = fk.get_ref().as_ref();
                    match TABLES.iter().find(|s| s.table == name) {
                        Some(schema) => {
                            if let Some(p) = expect_string(fv, &format!("files.{name}"), &at, diags) {
                                m.files.insert(schema.table, (p, at(fv.span())));
                            }
                        }
                        None => unknown_key(
                            name,
                            fk.span(),
                            "files.",
                            &TABLES.iter().map(|s| s.table).collect::<Vec<_>>(),
                            &at,
                            diags,
                        ),
                    }
                }
            }
            "ario" => {
                if let Some(t) = expect_table(value, "ario", &at, diags) {
                    ario = Some(crate::scenario::ario::ArioSettings::parse(t, &at, diags));
                }
            }
            "hazard" | "intervention" => {
                // Reserved for the Monte Carlo layer, which parses them from the same text.
                if !matches!(value.get_ref(), DeValue::Array(_)) {
                    diags.error(
                        at(value.span()),
                        Some(k.to_string()),
                        Problem::InvalidValue {
                            value: value.get_ref().type_str().to_string(),
                            expected: format!("an array of tables ([[{k}]])"),
                        },
                    );
                }
            }
            _ => match TABLES.iter().find(|s| s.table == k) {
                Some(schema) => {
                    let rows = inline_rows(schema, value, &at, diags);
                    m.inline.insert(schema.table, rows);
                }
                None => unknown_key(k, key.span(), "", TOP_KEYS, &at, diags),
            },
        }
    }
    // `[ario]` may come before or after `[settings]`.
    if let Some((a, products)) = ario {
        m.settings.ario = a;
        m.ario_products = products;
    }
    m
}

fn inline_rows(
    schema: &'static Schema,
    value: &Spanned<DeValue<'_>>,
    at: &dyn Fn(Range<usize>) -> Location,
    diags: &mut Diagnostics,
) -> Vec<InlineRow> {
    let DeValue::Array(items) = value.get_ref() else {
        diags.error(
            at(value.span()),
            Some(schema.table.to_string()),
            Problem::InvalidValue {
                value: value.get_ref().type_str().to_string(),
                expected: format!("an array of tables ([[{}]])", schema.table),
            },
        );
        return Vec::new();
    };
    let mut rows = Vec::new();
    for item in items.iter() {
        let DeValue::Table(t) = item.get_ref() else {
            diags.error(
                at(item.span()),
                Some(schema.table.to_string()),
                Problem::InvalidValue {
                    value: item.get_ref().type_str().to_string(),
                    expected: "a table of column = value".into(),
                },
            );
            continue;
        };
        let row_loc = at(item.span());
        let mut cells: Vec<Option<(String, Location)>> = vec![None; schema.columns.len()];
        let mut misspelt: Vec<&str> = Vec::new();
        for (k, v) in t.iter() {
            let name = k.get_ref().as_ref();
            let Some(ci) = schema.columns.iter().position(|c| c.name == name) else {
                if let Some(s) = closest(name, schema.columns.iter().map(|c| c.name))
                    && let Some(c) = schema.columns.iter().find(|c| c.name == s)
                {
                    misspelt.push(c.name);
                }
                diags.error(
                    at(k.span()),
                    Some(name.to_string()),
                    Problem::UnknownName {
                        what: "key",
                        name: name.to_string(),
                        suggestion: closest(name, schema.columns.iter().map(|c| c.name)),
                        expected: schema.column_list(),
                    },
                );
                continue;
            };
            match cell_text(v.get_ref()) {
                Some(text) => cells[ci] = Some((text, at(v.span()))),
                None => diags.error(
                    at(v.span()),
                    Some(name.to_string()),
                    Problem::InvalidValue {
                        value: v.get_ref().type_str().to_string(),
                        expected: "a string, number, boolean or array of strings".into(),
                    },
                ),
            }
        }
        let absent: Vec<bool> = cells.iter().map(Option::is_none).collect();
        for (ci, col) in schema.columns.iter().enumerate() {
            let misspelt = misspelt.contains(&col.name);
            if col.required && cells[ci].is_none() && !misspelt {
                diags.error(
                    row_loc.clone(),
                    Some(col.name.to_string()),
                    Problem::MissingName { what: "key", name: col.name.to_string() },
                );
            }
        }
        rows.push(InlineRow { cells, absent, row: row_loc });
    }
    rows
}

/// The text of a scalar TOML value, as a CSV cell would hold it; arrays become `a;b;c`.
pub fn cell_text(v: &DeValue<'_>) -> Option<String> {
    Some(match v {
        DeValue::String(s) => s.to_string(),
        DeValue::Integer(i) => integer_text(i.as_str(), i.radix()),
        DeValue::Float(f) => f.as_str().replace('_', ""),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Array(a) => {
            let mut parts = Vec::new();
            for item in a.iter() {
                match item.get_ref() {
                    DeValue::Array(_) | DeValue::Table(_) => return None,
                    other => parts.push(cell_text(other)?),
                }
            }
            parts.join(";")
        }
        DeValue::Datetime(_) | DeValue::Table(_) => return None,
    })
}

fn integer_text(digits: &str, radix: u32) -> String {
    let clean = digits.replace('_', "");
    if radix == 10 {
        return clean;
    }
    let (sign, body) = match clean.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", clean.trim_start_matches('+')),
    };
    let body = body.trim_start_matches("0x").trim_start_matches("0o").trim_start_matches("0b");
    match i128::from_str_radix(body, radix) {
        Ok(v) => format!("{sign}{v}"),
        Err(_) => clean,
    }
}

pub(crate) fn expect_table<'a, 'i>(
    value: &'a Spanned<DeValue<'i>>,
    name: &str,
    at: &dyn Fn(Range<usize>) -> Location,
    diags: &mut Diagnostics,
) -> Option<&'a DeTable<'i>> {
    match value.get_ref() {
        DeValue::Table(t) => Some(t),
        other => {
            diags.error(
                at(value.span()),
                Some(name.to_string()),
                Problem::InvalidValue {
                    value: other.type_str().to_string(),
                    expected: format!("a table [{name}]"),
                },
            );
            None
        }
    }
}

pub(crate) fn expect_string(
    value: &Spanned<DeValue<'_>>,
    name: &str,
    at: &dyn Fn(Range<usize>) -> Location,
    diags: &mut Diagnostics,
) -> Option<String> {
    match value.get_ref() {
        DeValue::String(s) => Some(s.to_string()),
        other => {
            diags.error(
                at(value.span()),
                Some(name.to_string()),
                Problem::InvalidValue { value: other.type_str().to_string(), expected: "a string".into() },
            );
            None
        }
    }
}

pub(crate) fn unknown_key(
    key: &str,
    span: Range<usize>,
    prefix: &str,
    known: &[&str],
    at: &dyn Fn(Range<usize>) -> Location,
    diags: &mut Diagnostics,
) {
    diags.error(
        at(span),
        Some(format!("{prefix}{key}")),
        Problem::UnknownName {
            what: "key",
            name: key.to_string(),
            suggestion: closest(key, known.iter().copied()),
            expected: known.join(", "),
        },
    );
}
