//! Reading one CSV table: header check, field counts, located cells.

use std::ops::Range;
use std::path::Path;

use crate::error::{Diagnostics, Location, Problem};
use crate::scenario::table::{RowSource, Schema};

/// A CSV file's text (BOM removed) and its path.
pub struct CsvText<'t> {
    path: &'t Path,
    text: &'t str,
    /// Bytes removed from the front of the file (a UTF-8 byte-order mark).
    skipped: usize,
}

/// Reads a file as UTF-8 text, removing a byte-order mark. Records a located error and returns
/// `None` when the file cannot be read or is not UTF-8.
pub fn read_text(path: &Path, diags: &mut Diagnostics) -> Option<(String, usize)> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.error(Location::file(path), None, Problem::Unreadable { reason: e.to_string() });
            return None;
        }
    };
    let (skipped, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest.to_vec()),
        None => (0, bytes),
    };
    match String::from_utf8(body) {
        Ok(s) => Some((s, skipped)),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            // Locate the bad byte: line and column of the valid prefix's end.
            let prefix = String::from_utf8_lossy(&bytes[..good]);
            let loc = Location::in_text(path, &prefix, prefix.len()..prefix.len());
            diags.error(
                Location { span: Some(good + skipped..good + skipped + 1), ..loc },
                None,
                Problem::NotUtf8,
            );
            None
        }
    }
}

impl<'t> CsvText<'t> {
    /// Wraps text read by [`read_text`].
    pub fn new(path: &'t Path, text: &'t str, skipped: usize) -> Self {
        CsvText { path, text, skipped }
    }

    /// Parses every row, checking the header against `schema`, and calls `on_row` for each row
    /// whose field count matches the header.
    pub fn for_each_row(
        &self,
        schema: &'static Schema,
        diags: &mut Diagnostics,
        mut on_row: impl FnMut(&dyn RowSource, &mut Diagnostics),
    ) {
        if self.text.trim().is_empty() {
            diags.error(
                Location::file(self.path),
                None,
                Problem::EmptyTable { expected: schema.column_list() },
            );
            return;
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(self.text.as_bytes());
        let mut record = csv::ByteRecord::new();
        // Header.
        let header_pos = match reader.read_byte_record(&mut record) {
            Ok(true) => record.position().cloned().unwrap_or_else(csv::Position::new),
            Ok(false) => {
                diags.error(
                    Location::file(self.path),
                    None,
                    Problem::EmptyTable { expected: schema.column_list() },
                );
                return;
            }
            Err(e) => {
                self.csv_error(&e, diags);
                return;
            }
        };
        let header_line = header_pos.line() as usize;
        let header_start = header_pos.byte() as usize;
        let names: Vec<String> = record.iter().map(|b| String::from_utf8_lossy(b).into_owned()).collect();
        let map = schema.map_header(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.as_str(), self.cell_location(header_line, header_start, i))),
            Location { line: header_line, column: 1, ..Location::file(self.path) },
            "column",
            diags,
        );
        let width = names.len();
        // Lines are counted here rather than taken from the csv reader, which counts a CRLF
        // record end as ending the record at '\r'.
        let bytes = self.text.as_bytes();
        let mut line = 1usize;
        let mut counted_to = 0usize;
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    self.csv_error(&e, diags);
                    // The csv reader recovers at the next record.
                    continue;
                }
            }
            let pos = record.position().cloned().unwrap_or_else(csv::Position::new);
            let mut start = pos.byte() as usize;
            while start < bytes.len() && (bytes[start] == b'\r' || bytes[start] == b'\n') {
                start += 1;
            }
            line += bytecount_newlines(&bytes[counted_to.min(start)..start]);
            counted_to = start;
            if record.len() == 1 && record.get(0) == Some(b"") {
                continue; // a blank line
            }
            if record.len() != width {
                diags.error(
                    Location {
                        span: Some(self.skipped + start..self.skipped + self.line_end(start)),
                        line,
                        column: 1,
                        file: self.path.to_path_buf(),
                    },
                    None,
                    Problem::FieldCount { expected: width, found: record.len() },
                );
                continue;
            }
            let row = CsvRow { csv: self, record: &record, map: &map, line, start };
            // (line is the record's first line; a quoted cell may continue on later lines)
            on_row(&row, diags);
        }
    }

    fn csv_error(&self, e: &csv::Error, diags: &mut Diagnostics) {
        let line = e.position().map_or(0, |p| p.line() as usize);
        diags.error(
            Location { line, column: usize::from(line > 0), span: None, file: self.path.to_path_buf() },
            None,
            Problem::CsvSyntax { message: e.to_string() },
        );
    }

    fn line_end(&self, start: usize) -> usize {
        self.text[start..].find(['\n', '\r']).map_or(self.text.len(), |i| start + i)
    }

    /// Location of field `field` of the record starting at byte `start` on line `line`. Only
    /// computed on error paths: it rescans the record's text.
    fn cell_location(&self, line: usize, start: usize, field: usize) -> Location {
        let span = field_span(self.text.as_bytes(), start, field);
        // A quoted cell earlier in the record may span lines.
        let before = &self.text[start..span.start];
        let extra = bytecount_newlines(before.as_bytes());
        let line_start = before.rfind(['\n', '\r']).map_or(start, |i| start + i + 1);
        let column = self.text[line_start..span.start].chars().count() + 1;
        Location {
            file: self.path.to_path_buf(),
            line: line + extra,
            column,
            span: Some(span.start + self.skipped..span.end + self.skipped),
        }
    }
}

/// Line breaks in `b`: LF, CRLF, and a lone CR (old Mac files; the CSV reader ends records
/// there too), so that line numbers match what an editor shows.
fn bytecount_newlines(b: &[u8]) -> usize {
    b.iter().enumerate().filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n'))).count()
}

/// The start of the line after the one holding byte `start` (see [`bytecount_newlines`]).
fn next_line_start(text: &str, start: usize) -> Option<usize> {
    let i = start + text[start..].find(['\n', '\r'])?;
    Some(if text[i..].starts_with("\r\n") { i + 2 } else { i + 1 })
}

/// Byte range of field `field` in the CSV record starting at `start`, respecting quotes.
fn field_span(bytes: &[u8], start: usize, field: usize) -> Range<usize> {
    let mut i = start;
    let mut current = 0;
    let mut field_start = start;
    let mut in_quotes = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes && (b == b',' || b == b'\n' || b == b'\r') {
            if current == field {
                return trim_span(bytes, field_start, i);
            }
            if b != b',' {
                break;
            }
            current += 1;
            field_start = i + 1;
        }
        i += 1;
    }
    if current == field { trim_span(bytes, field_start, i) } else { i..i }
}

fn trim_span(bytes: &[u8], mut s: usize, mut e: usize) -> Range<usize> {
    while s < e && (bytes[s] == b' ' || bytes[s] == b'\t') {
        s += 1;
    }
    while e > s && (bytes[e - 1] == b' ' || bytes[e - 1] == b'\t') {
        e -= 1;
    }
    s..e
}

struct CsvRow<'a> {
    csv: &'a CsvText<'a>,
    record: &'a csv::ByteRecord,
    map: &'a [Option<usize>],
    line: usize,
    start: usize,
}

impl RowSource for CsvRow<'_> {
    fn line(&self) -> usize {
        self.line
    }

    fn has_column(&self, col: usize) -> bool {
        self.map.get(col).copied().flatten().is_some()
    }

    fn text(&self, col: usize) -> Option<&str> {
        let i = self.map.get(col).copied().flatten()?;
        // The whole file was checked to be UTF-8 and fields split at ASCII bytes, so this
        // cannot fail; an empty cell reads as absent.
        self.record.get(i).filter(|s| !s.is_empty()).and_then(|b| std::str::from_utf8(b).ok())
    }

    fn location(&self, col: Option<usize>) -> Location {
        match col.and_then(|c| self.map.get(c).copied().flatten()) {
            Some(i) => self.csv.cell_location(self.line, self.start, i),
            None => Location {
                file: self.csv.path.to_path_buf(),
                line: self.line,
                column: 1,
                span: Some(self.start + self.csv.skipped..self.csv.line_end(self.start) + self.csv.skipped),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::field_span;

    #[test]
    fn finds_fields_with_quotes() {
        let text = b"a,\"b,c\", d ,e\nx,y";
        assert_eq!(&text[field_span(text, 0, 0)], b"a");
        assert_eq!(&text[field_span(text, 0, 1)], b"\"b,c\"");
        assert_eq!(&text[field_span(text, 0, 2)], b"d");
        assert_eq!(&text[field_span(text, 0, 3)], b"e");
        assert_eq!(&text[field_span(text, 14, 1)], b"y");
    }
}

/// Finds a named cell on a line of a CSV file after loading, for errors found once the whole
/// network is known (capacity, shares). Files are read once and kept while locating.
#[derive(Default)]
pub struct CellLocator {
    files: std::collections::HashMap<std::path::PathBuf, Option<String>>,
}

impl CellLocator {
    /// The location of column `name` on line `line` of `path`; `None` when the file is not a
    /// CSV file with that column (an inline TOML table) or the line is not there.
    pub fn locate(&mut self, path: &Path, line: usize, name: &str) -> Option<Location> {
        if path.extension().is_some_and(|e| e == "toml") {
            return None;
        }
        let text = self
            .files
            .entry(path.to_path_buf())
            .or_insert_with(|| std::fs::read_to_string(path).ok())
            .as_deref()?;
        let skipped = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let header_end = text.find(['\n', '\r']).unwrap_or(text.len());
        let header = &text[skipped..header_end];
        let field = header.split(',').position(|h| h.trim().trim_matches('"') == name)?;
        let mut start = 0usize;
        for _ in 1..line {
            start = next_line_start(text, start)?;
        }
        let span = field_span(text.as_bytes(), start, field);
        let column = text[start..span.start].chars().count() + 1;
        Some(Location { file: path.to_path_buf(), line, column, span: Some(span) })
    }
}
