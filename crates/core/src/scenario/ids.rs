//! String ids at the file boundary: resolution to dense ids, duplicate detection and
//! "did you mean" suggestions, with where each id was first defined.

use std::path::PathBuf;

use crate::error::{Location, Problem};
use crate::scenario::idkey::IdKey;
use crate::scenario::table::Cells;
use crate::suggest::closest;

/// Above this many ids, unknown references get no suggestion (the scan would cost more than it
/// helps on a million-facility file full of errors).
const SUGGEST_LIMIT: usize = 20_000;

/// Where rows come from: the files (or `scenario.toml` for inline tables) in load order.
#[derive(Debug, Default)]
pub struct Origins {
    files: Vec<PathBuf>,
}

impl Origins {
    /// Registers a file and returns its index.
    pub fn add(&mut self, path: PathBuf) -> u16 {
        if let Some(i) = self.files.iter().position(|p| *p == path) {
            return i as u16;
        }
        self.files.push(path);
        (self.files.len() - 1) as u16
    }

    /// The files registered, in order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The location of a row: a line of a registered file.
    pub fn location(&self, origin: Origin) -> Location {
        Location {
            file: self.files[origin.file as usize].clone(),
            line: origin.line as usize,
            column: 0,
            span: None,
        }
    }
}

/// A row's file and line, kept compactly for later messages.
#[derive(Debug, Clone, Copy, Default)]
pub struct Origin {
    /// Index into [`Origins`].
    pub file: u16,
    /// 1-based line.
    pub line: u32,
}

/// One id namespace (products, facilities and markets, ...).
#[derive(Debug, Default)]
pub struct IdTable {
    map: foldhash::HashMap<IdKey, u32>,
    /// Where each id was defined, by dense index.
    pub origin: Vec<Origin>,
    /// Set when the table could not be read: references into it fail without a message (the
    /// table's own error says what is wrong).
    pub incomplete: bool,
    /// Ids defined more than once: references to them are ambiguous and fail without a message.
    duplicates: foldhash::HashSet<String>,
}

impl IdTable {
    /// Takes the id -> index map out (for the network's index), leaving this table empty.
    pub fn take_map(&mut self) -> foldhash::HashMap<IdKey, u32> {
        std::mem::take(&mut self.map)
    }

    /// Resolves through a one-entry cache of the last hit of one column: files are often sorted
    /// by a column (links by customer), and on a million ids each hash lookup is a cache miss.
    pub fn resolve_cached(
        &self,
        id: &str,
        what: &'static str,
        cells: &mut Cells<'_>,
        col: usize,
        last: &mut (String, u32),
    ) -> Option<u32> {
        if last.1 != u32::MAX && last.0 == id {
            return Some(last.1);
        }
        let hit = self.resolve(id, what, cells, col)?;
        last.0.clear();
        last.0.push_str(id);
        last.1 = hit;
        Some(hit)
    }

    /// Number of ids.
    pub fn len(&self) -> usize {
        self.origin.len()
    }

    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.origin.is_empty()
    }

    /// Defines an id; on a duplicate, records an error and returns `None`.
    pub fn define(
        &mut self,
        id: &str,
        origin: Origin,
        origins: &Origins,
        cells: &mut Cells<'_>,
        col: usize,
    ) -> Option<u32> {
        if let Some(&first) = self.map.get(id) {
            self.duplicates.insert(id.to_string());
            let first = origins.location(self.origin[first as usize]);
            cells.error(col, Problem::DuplicateId { id: id.to_string(), first: first.to_string() });
            return None;
        }
        let index = self.origin.len() as u32;
        self.map.insert(IdKey::new(id), index);
        self.origin.push(origin);
        Some(index)
    }

    /// Looks an id up without recording anything.
    pub fn get(&self, id: &str) -> Option<u32> {
        self.map.get(id).copied()
    }

    /// Resolves a reference; on failure records an error with a suggestion.
    pub fn resolve(&self, id: &str, what: &'static str, cells: &mut Cells<'_>, col: usize) -> Option<u32> {
        if !self.duplicates.is_empty() && self.duplicates.contains(id) {
            cells.failed = true;
            return None;
        }
        match self.map.get(id) {
            Some(&i) => Some(i),
            None if self.incomplete => {
                cells.failed = true;
                None
            }
            None => {
                let suggestion = if self.map.len() <= SUGGEST_LIMIT {
                    // Sorted so that ties resolve the same way every run.
                    let mut ids: Vec<&str> = self.map.keys().map(IdKey::as_str).collect();
                    ids.sort_unstable();
                    closest(id, ids)
                } else {
                    None
                };
                cells.error(col, Problem::UnknownReference { what, id: id.to_string(), suggestion });
                None
            }
        }
    }
}
