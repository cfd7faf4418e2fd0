//! The optional regions file of `import-mrio --regions`: the country, name and coordinates of
//! each MRIO region label. Columns (header required, any order): `region` and `country`
//! (required), `name`, `lat`, `lon` (optional).

use std::collections::HashMap;
use std::path::Path;

use crate::countries;
use crate::error::{Diagnostics, Problem};
use crate::mrio::build::RegionInfo;
use crate::mrio::read::TextFile;

const COLUMNS: &[&str] = &["region", "country", "name", "lat", "lon"];

/// Reads a regions file; every problem is a located error in `diags`.
pub fn read(path: &Path, diags: &mut Diagnostics) -> Option<HashMap<String, RegionInfo>> {
    let file = TextFile::open(path, "a regions file with columns region,country[,name,lat,lon]", diags)?;
    let before = diags.error_count();
    let mut map: HashMap<String, RegionInfo> = HashMap::new();
    let mut cols: [Option<usize>; 5] = [None; 5];
    let mut width = 0;
    let mut first = true;
    file.for_each(diags, |r, diags| {
        if std::mem::take(&mut first) {
            width = r.len();
            for i in 0..r.len() {
                let name = r.get(i).to_ascii_lowercase();
                match COLUMNS.iter().position(|c| *c == name) {
                    Some(k) if cols[k].is_none() => cols[k] = Some(i),
                    Some(_) => diags.error(r.loc(i), None, Problem::DuplicateName { what: "column", name }),
                    None => diags.error(
                        r.loc(i),
                        None,
                        Problem::UnknownName {
                            what: "column",
                            name,
                            suggestion: None,
                            expected: COLUMNS.join(", "),
                        },
                    ),
                }
            }
            for k in 0..2 {
                if cols[k].is_none() {
                    diags.error(
                        r.row_loc(),
                        None,
                        Problem::MissingName { what: "column", name: COLUMNS[k].into() },
                    );
                }
            }
            return;
        }
        let (Some(rc), Some(cc)) = (cols[0], cols[1]) else { return };
        if r.len() != width {
            diags.error(r.row_loc(), None, Problem::FieldCount { expected: width, found: r.len() });
            return;
        }
        let region = r.get(rc);
        if region.is_empty() {
            diags.error(
                r.loc(rc),
                None,
                Problem::MissingValue { expected: "a region label of the MRIO".into() },
            );
            return;
        }
        let code = r.get(cc).to_ascii_uppercase();
        let country = if code.is_empty() {
            None
        } else if countries::lookup(&code).is_some() {
            Some(code)
        } else {
            diags.error(
                r.loc(cc),
                None,
                Problem::UnknownReference {
                    what: "country (ISO 3166-1 alpha-3)",
                    id: r.get(cc).to_string(),
                    suggestion: crate::suggest::closest(&code, countries::COUNTRIES.iter().map(|(c, _)| *c)),
                },
            );
            return;
        };
        let num = |k: usize, lo: f64, hi: f64, diags: &mut Diagnostics| -> Option<f64> {
            let i = cols[k]?;
            if r.get(i).is_empty() {
                return None;
            }
            let expected = format!("a number from {lo} to {hi} (degrees)");
            let v = r.number(i, &expected, diags)?;
            if !(lo..=hi).contains(&v) {
                diags.error(r.loc(i), None, Problem::OutOfRange { value: r.get(i).to_string(), expected });
                return None;
            }
            Some(v)
        };
        let lat = num(3, -90.0, 90.0, diags);
        let lon = num(4, -180.0, 180.0, diags);
        let name = cols[2].map(|i| r.get(i)).filter(|s| !s.is_empty()).map(str::to_string);
        if map.insert(region.to_string(), RegionInfo { country, name, lat, lon }).is_some() {
            diags.error(
                r.loc(rc),
                None,
                Problem::DuplicateId { id: region.to_string(), first: "an earlier row of this file".into() },
            );
        }
    });
    (diags.error_count() == before).then_some(map)
}
