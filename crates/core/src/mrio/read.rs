//! Reading the delimited text files an MRIO comes in: separator detection, records with their
//! line numbers, located cells and numbers.
//!
//! pymrio writes tab-separated files by default (`save_all` names them `.txt`, or `.csv` with
//! `table_format="csv"`, still tab-separated), pandas' `to_csv` and the OECD write commas. The
//! separator is taken from the first line: a tab if it has one, else a comma if it has one, else a
//! semicolon if it has one, else a comma.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostics, Location, Problem};
use crate::scenario::csv_table::read_text;

/// One input file's text, ready to be split into records.
pub struct TextFile {
    /// The path as given.
    pub path: PathBuf,
    /// The file name, for `source` cells.
    pub name: String,
    text: String,
    /// Bytes of a byte-order mark removed from the front.
    skipped: usize,
    /// The field separator.
    pub sep: u8,
}

/// One record (row) of a [`TextFile`].
pub struct Record<'a> {
    file: &'a TextFile,
    fields: &'a csv::ByteRecord,
    /// 1-based line where the record starts.
    pub line: usize,
    start: usize,
}

impl TextFile {
    /// Reads a file as UTF-8 text; a missing, unreadable or non-UTF-8 file is a located error.
    pub fn open(path: &Path, what: &str, diags: &mut Diagnostics) -> Option<TextFile> {
        if !path.exists() {
            diags.error(Location::file(path), None, Problem::MissingFile { expected: what.to_string() });
            return None;
        }
        let (text, skipped) = read_text(path, diags)?;
        if text.trim().is_empty() {
            diags.error(Location::file(path), None, Problem::EmptyTable { expected: what.to_string() });
            return None;
        }
        let first = text.lines().next().unwrap_or("");
        let sep = if first.contains('\t') {
            b'\t'
        } else if first.contains(',') {
            b','
        } else if first.contains(';') {
            b';'
        } else {
            b','
        };
        let name =
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into());
        Some(TextFile { path: path.to_path_buf(), name, text, skipped, sep })
    }

    /// Calls `f` for every record that is not blank, in order. Syntax errors of the CSV reader are
    /// recorded and the record skipped.
    pub fn for_each(&self, diags: &mut Diagnostics, mut f: impl FnMut(&Record<'_>, &mut Diagnostics)) {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.sep)
            .trim(csv::Trim::All)
            .from_reader(self.text.as_bytes());
        let mut record = csv::ByteRecord::new();
        let bytes = self.text.as_bytes();
        let mut line = 1usize;
        let mut counted_to = 0usize;
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let l = e.position().map_or(0, |p| p.line() as usize);
                    diags.error(
                        Location { line: l, column: usize::from(l > 0), span: None, file: self.path.clone() },
                        None,
                        Problem::CsvSyntax { message: e.to_string() },
                    );
                    continue;
                }
            }
            let pos = record.position().cloned().unwrap_or_else(csv::Position::new);
            let mut start = pos.byte() as usize;
            while start < bytes.len() && (bytes[start] == b'\r' || bytes[start] == b'\n') {
                start += 1;
            }
            line += newlines(&bytes[counted_to.min(start)..start]);
            counted_to = start;
            if record.iter().all(|c| c.is_empty()) {
                continue; // a blank line
            }
            f(&Record { file: self, fields: &record, line, start }, diags);
        }
    }

    /// The fields of the first record that is not blank (trimmed), without reading further.
    pub fn first_fields(&self) -> Vec<String> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.sep)
            .trim(csv::Trim::All)
            .from_reader(self.text.as_bytes());
        let mut record = csv::StringRecord::new();
        while let Ok(true) = reader.read_record(&mut record) {
            if record.iter().any(|c| !c.is_empty()) {
                return record.iter().map(str::to_string).collect();
            }
        }
        Vec::new()
    }

    fn line_end(&self, start: usize) -> usize {
        self.text[start..].find(['\n', '\r']).map_or(self.text.len(), |i| start + i)
    }
}

impl Record<'_> {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether the record has no fields.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Field `i` (0-based), trimmed; empty when absent.
    pub fn get(&self, i: usize) -> &str {
        // The file was checked to be UTF-8 and split at ASCII separators.
        self.fields.get(i).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }

    /// The location of field `i`.
    pub fn loc(&self, i: usize) -> Location {
        let text = &self.file.text;
        let span = field_span(text.as_bytes(), self.start, i, self.file.sep);
        let before = &text[self.start..span.start];
        let extra = newlines(before.as_bytes());
        let line_start = before.rfind(['\n', '\r']).map_or(self.start, |k| self.start + k + 1);
        let column = text[line_start..span.start].chars().count() + 1;
        Location {
            file: self.file.path.clone(),
            line: self.line + extra,
            column,
            span: Some(span.start + self.file.skipped..span.end + self.file.skipped),
        }
    }

    /// The location of the whole record.
    pub fn row_loc(&self) -> Location {
        Location {
            file: self.file.path.clone(),
            line: self.line,
            column: 1,
            span: Some(self.start + self.file.skipped..self.file.line_end(self.start) + self.file.skipped),
        }
    }

    /// Field `i` as a finite number; records a located error and returns `None` otherwise.
    pub fn number(&self, i: usize, expected: &str, diags: &mut Diagnostics) -> Option<f64> {
        let text = self.get(i);
        if text.is_empty() {
            diags.error(self.loc(i), None, Problem::MissingValue { expected: expected.to_string() });
            return None;
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            Ok(_) => {
                diags.error(
                    self.loc(i),
                    None,
                    Problem::NotFinite { value: text.to_string(), expected: expected.to_string() },
                );
                None
            }
            Err(_) => {
                diags.error(
                    self.loc(i),
                    None,
                    Problem::InvalidValue { value: text.to_string(), expected: expected.to_string() },
                );
                None
            }
        }
    }
}

/// Line breaks in `b`: LF, CRLF and a lone CR.
fn newlines(b: &[u8]) -> usize {
    b.iter().enumerate().filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n'))).count()
}

/// Byte range of field `field` in the record starting at `start`, respecting quotes.
fn field_span(bytes: &[u8], start: usize, field: usize, sep: u8) -> Range<usize> {
    let mut i = start;
    let mut current = 0;
    let mut field_start = start;
    let mut in_quotes = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes && (b == sep || b == b'\n' || b == b'\r') {
            if current == field {
                return trim(bytes, field_start, i);
            }
            if b != sep {
                break;
            }
            current += 1;
            field_start = i + 1;
        }
        i += 1;
    }
    if current == field { trim(bytes, field_start, i) } else { i..i }
}

fn trim(bytes: &[u8], mut s: usize, mut e: usize) -> Range<usize> {
    while s < e && (bytes[s] == b' ' || bytes[s] == b'\t') {
        s += 1;
    }
    while e > s && (bytes[e - 1] == b' ' || bytes[e - 1] == b'\t') {
        e -= 1;
    }
    s..e
}

#[cfg(test)]
mod tests {
    use super::field_span;

    #[test]
    fn spans_fields_for_tabs_and_commas() {
        let t = b"region\t\treg1\treg2\n";
        assert_eq!(&t[field_span(t, 0, 0, b'\t')], b"region");
        assert_eq!(field_span(t, 0, 1, b'\t'), 7..7);
        assert_eq!(&t[field_span(t, 0, 3, b'\t')], b"reg2");
        let c = b"a,\"b,c\",d";
        assert_eq!(&c[field_span(c, 0, 2, b',')], b"d");
    }
}
