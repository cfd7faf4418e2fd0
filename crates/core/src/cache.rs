//! A compact binary cache of a loaded scenario, written next to its `scenario.toml` so that the
//! next load of an unchanged scenario skips parsing, validation and the baseline solve
//! (docs/file-formats.md, "The binary cache").
//!
//! # Format (version 2)
//!
//! | bytes | content |
//! | --- | --- |
//! | 0..8 | magic `KRSHKCCH` |
//! | 8..12 | format version, `u32` little-endian |
//! | 12..20 | payload length in bytes, `u64` little-endian |
//! | 20..28 | checksum of the payload, `u64` little-endian ([`checksum`]) |
//! | 28.. | payload: the postcard encoding (postcard 1.x wire format) of [`CachePayload`] |
//!
//! The payload holds the Kuroshio version that wrote it, a stamp of every input file (path
//! relative to the scenario directory, size, modification time to the nanosecond), the full text
//! of `scenario.toml`, the loaded scenario (name, description, settings, [`NetworkParts`],
//! [`Baseline`]) and its warnings as text.
//!
//! # Invalidation
//!
//! A cache is used only if its magic, version, length and checksum are right, it was written by
//! the same Kuroshio version, `scenario.toml` has exactly the recorded text, every other input
//! file has the recorded size and modification time, and every id in the decoded network is in
//! range. Anything else is a miss: the scenario is loaded from its files and the cache rewritten.
//! (An edit that keeps a table's size and modification time, which needs a clock set back or a
//! tool that restores times, is not seen; delete the `.kcache` file to force a reload.)

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::baseline::Baseline;
use crate::error::{CoreError, Diagnostics};
use crate::model::{Network, NetworkParts};
use crate::scenario::load::{load, manifest_path};
use crate::scenario::{Scenario, Settings};

/// The first 8 bytes of a cache file.
pub const MAGIC: [u8; 8] = *b"KRSHKCCH";

/// The format version this build writes and reads.
pub const CACHE_VERSION: u32 = 2;

const HEADER: usize = 28;

/// One input file as it was when the cache was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputStamp {
    /// Path relative to the scenario directory.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time: seconds and nanoseconds since the Unix epoch.
    pub modified: (u64, u32),
}

/// What a cache file holds (its field order is part of the format).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachePayload {
    /// Kuroshio version that wrote it.
    pub tool_version: String,
    /// Every input file but `scenario.toml`, in load order.
    pub inputs: Vec<InputStamp>,
    /// The text of `scenario.toml`.
    pub toml_text: String,
    /// Scenario name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Settings.
    pub settings: Settings,
    /// The network.
    pub parts: NetworkParts,
    /// The baseline.
    pub baseline: Baseline,
    /// The warnings of the full load, as one line each.
    pub warnings: Vec<String>,
}

/// [`CachePayload`] borrowed from a loaded scenario, for writing (same fields, same order).
#[derive(Serialize)]
struct CachePayloadRef<'a> {
    tool_version: &'a str,
    inputs: &'a [InputStamp],
    toml_text: &'a str,
    name: &'a str,
    description: &'a str,
    settings: &'a Settings,
    parts: NetworkPartsRef<'a>,
    baseline: &'a Baseline,
    warnings: Vec<String>,
}

/// [`NetworkParts`] borrowed (same fields, same order).
#[derive(Serialize)]
struct NetworkPartsRef<'a> {
    products: &'a [crate::Product],
    recipes: &'a [crate::Recipe],
    facilities: &'a [crate::Facility],
    links: &'a [crate::Link],
    routes: &'a [crate::Route],
    chokepoints: &'a [crate::Chokepoint],
    regions: &'a [crate::Region],
    sources: &'a std::collections::BTreeSet<String>,
}

/// How a cached load went.
#[derive(Debug, Clone, PartialEq)]
pub enum CacheStatus {
    /// Loaded from the cache; the scenario's `warnings` are empty and these are the warnings of
    /// the load that wrote it, as text.
    Hit {
        /// The cache file.
        path: PathBuf,
        /// Warnings, one line each.
        warnings: Vec<String>,
    },
    /// Loaded from the files; the cache was written (`Ok`) or could not be (`Err`, with why).
    Miss {
        /// The cache file, or why it could not be written.
        written: Result<PathBuf, String>,
    },
}

/// The cache file of a scenario: `scenario.kcache` next to `scenario.toml` (the `.toml`'s name
/// with the extension `kcache`).
pub fn cache_path(path: &Path) -> PathBuf {
    manifest_path(path).with_extension("kcache")
}

/// A fast checksum of the payload: over 8-byte little-endian words w (the last one zero-padded),
/// h = (h ^ w) * 0x100000001b3 rotated left by 29, from h = 0xcbf29ce484222325, then h ^ length.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = ((h ^ w).wrapping_mul(0x0000_0100_0000_01b3)).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = ((h ^ u64::from_le_bytes(last)).wrapping_mul(0x0000_0100_0000_01b3)).rotate_left(29);
    }
    h ^ bytes.len() as u64
}

fn stamp(dir: &Path, file: &Path) -> Option<InputStamp> {
    let meta = std::fs::metadata(file).ok()?;
    let t = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    let rel = file.strip_prefix(dir).unwrap_or(file);
    Some(InputStamp {
        path: rel.to_string_lossy().into_owned(),
        size: meta.len(),
        modified: (t.as_secs(), t.subsec_nanos()),
    })
}

/// Loads a scenario through its cache: from the cache when it is valid for the files as they
/// are now, else from the files (writing the cache for next time). Errors are those of
/// [`load`]; a cache that cannot be read or written only makes this a miss.
pub fn load_cached(path: &Path) -> Result<(Scenario, CacheStatus), CoreError> {
    let toml_path = manifest_path(path);
    let cache = cache_path(path);
    if let Some((s, warnings)) = read(&cache, &toml_path) {
        return Ok((s, CacheStatus::Hit { path: cache, warnings }));
    }
    let s = load(path)?;
    let written = write(&cache, &s).map(|()| cache.clone());
    Ok((s, CacheStatus::Miss { written }))
}

/// Writes the cache of a loaded scenario (atomically: a temporary file, then a rename).
pub fn write(cache: &Path, s: &Scenario) -> Result<(), String> {
    let dir = s.path.parent().unwrap_or(Path::new(""));
    let mut inputs = Vec::new();
    for f in s.files.iter().filter(|f| **f != s.path) {
        inputs.push(
            stamp(dir, f).ok_or_else(|| format!("cannot read the modification time of {}", f.display()))?,
        );
    }
    // The same fields as CachePayload, borrowed (postcard writes a slice like a Vec), so that
    // writing the cache of a million-facility network does not copy it.
    let net = &s.network;
    let payload = CachePayloadRef {
        tool_version: env!("CARGO_PKG_VERSION"),
        inputs: &inputs,
        toml_text: &s.toml_text,
        name: &s.name,
        description: &s.description,
        settings: &s.settings,
        parts: NetworkPartsRef {
            products: &net.products,
            recipes: &net.recipes,
            facilities: &net.facilities,
            links: &net.links,
            routes: &net.routes,
            chokepoints: &net.chokepoints,
            regions: &net.regions,
            sources: &net.sources,
        },
        baseline: &s.baseline,
        warnings: s.warnings.warnings().map(|d| d.to_string()).collect(),
    };
    let body = postcard::to_stdvec(&payload).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(HEADER + body.len());
    bytes.extend_from_slice(&MAGIC);
    bytes.extend_from_slice(&CACHE_VERSION.to_le_bytes());
    bytes.extend_from_slice(&(body.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&checksum(&body).to_le_bytes());
    bytes.extend_from_slice(&body);
    let name = cache.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = cache.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, &bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, cache).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("{}: {e}", cache.display())
    })
}

/// The scenario from a valid cache, with its warnings; `None` for any reason to reload.
fn read(cache: &Path, toml_path: &Path) -> Option<(Scenario, Vec<String>)> {
    let bytes = std::fs::read(cache).ok()?;
    if bytes.len() < HEADER || bytes[..8] != MAGIC {
        return None;
    }
    let word = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or([0; 8]));
    let version = u32::from_le_bytes(bytes[8..12].try_into().ok()?);
    let (len, sum) = (word(12), word(20));
    let body = &bytes[HEADER..];
    if version != CACHE_VERSION || body.len() as u64 != len || checksum(body) != sum {
        return None;
    }
    let payload: CachePayload = postcard::from_bytes(body).ok()?;
    if payload.tool_version != env!("CARGO_PKG_VERSION") {
        return None;
    }
    if std::fs::read_to_string(toml_path).ok()? != payload.toml_text {
        return None;
    }
    let dir = toml_path.parent().unwrap_or(Path::new(""));
    for input in &payload.inputs {
        if stamp(dir, &dir.join(&input.path)).as_ref() != Some(input) {
            return None;
        }
    }
    if !in_range(&payload.parts, &payload.baseline) {
        return None;
    }
    let mut files = vec![toml_path.to_path_buf()];
    files.extend(payload.inputs.iter().map(|i| dir.join(&i.path)));
    let s = Scenario {
        name: payload.name,
        description: payload.description,
        path: toml_path.to_path_buf(),
        settings: payload.settings,
        network: Network::new(payload.parts),
        baseline: payload.baseline,
        warnings: Diagnostics::new(),
        toml_text: payload.toml_text,
        files,
    };
    Some((s, payload.warnings))
}

/// Whether every id of the decoded network points inside its vector (so that nothing indexes out
/// of bounds later), and the baseline has one value per facility and link.
fn in_range(p: &NetworkParts, b: &Baseline) -> bool {
    let countries = crate::countries::COUNTRIES.len();
    let (np, nr, nf, nrt, nc, nreg) = (
        p.products.len(),
        p.recipes.len(),
        p.facilities.len(),
        p.routes.len(),
        p.chokepoints.len(),
        p.regions.len(),
    );
    let country_ok = |c: crate::CountryId| (c.0 as usize) < countries;
    b.output.len() == nf
        && b.link_flow.len() == p.links.len()
        && p.products.iter().all(|x| x.recipe.is_none_or(|r| r.index() < nr))
        && p.recipes.iter().all(|r| r.inputs.iter().all(|i| i.product.index() < np))
        && p.facilities.iter().all(|f| {
            f.product.index() < np
                && f.recipe.is_none_or(|r| r.index() < nr)
                && f.region.index() < nreg
                && country_ok(f.country)
        })
        && p.links.iter().all(|l| {
            l.supplier.index() < nf
                && l.customer.index() < nf
                && l.product.index() < np
                && l.route.is_none_or(|r| r.index() < nrt)
        })
        && p.routes.iter().all(|r| {
            r.chokepoints.iter().all(|c| c.index() < nc)
                && r.alternate.as_ref().is_none_or(|a| a.chokepoints.iter().all(|c| c.index() < nc))
        })
        && p.chokepoints.iter().all(|c| country_ok(c.country) && c.region.is_none_or(|r| r.index() < nreg))
        && p.regions.iter().all(|r| r.country.is_none_or(country_ok))
}
