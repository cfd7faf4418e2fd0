//! From MRIO tables to scenario rows: industries become facilities, sectors products, final
//! demand markets; input coefficients become per-facility recipes and flows become link shares.
//! Every rule here is documented in docs/file-formats.md §10.

use std::collections::HashMap;
use std::sync::Arc;

use crate::countries;
use crate::mrio::layout::Tables;

/// How to turn tables into a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildOptions {
    /// Days per year: yearly table values are divided by this to give flows per day.
    pub days_per_year: f64,
    /// Entries below this (in the table's unit per year) are dropped. 0 keeps all.
    pub min_flow: f64,
    /// Links whose share of their customer's input (or market) is below this are dropped (the
    /// entry is treated as 0). 0 keeps all.
    pub min_share: f64,
    /// One market per final-demand category instead of one per consuming region and product.
    pub keep_categories: bool,
    /// Lead time of every link, days (at least 1).
    pub lead_time_days: u32,
    /// The country of each region label, from a regions file; others follow [`country_of`].
    pub countries: HashMap<String, RegionInfo>,
    /// Country for regions with no other country.
    pub default_country: Option<String>,
}

/// What a regions file says about one region.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RegionInfo {
    /// ISO 3166-1 alpha-3 code.
    pub country: Option<String>,
    /// Readable name.
    pub name: Option<String>,
    /// Latitude, degrees.
    pub lat: Option<f64>,
    /// Longitude, degrees.
    pub lon: Option<f64>,
}

/// The country of a region label with no regions-file entry: the label itself when it is an
/// ISO 3166-1 alpha-3 code (any case), `CHN`/`MEX` for the OECD's `CN1`, `CN2`, `MX1`, `MX2`
/// splits, else `None`.
pub fn country_of(label: &str) -> Option<String> {
    let upper = label.trim().to_ascii_uppercase();
    if countries::lookup(&upper).is_some() {
        return Some(upper);
    }
    let b = upper.as_bytes();
    if b.len() == 3 && b[2].is_ascii_digit() {
        match &upper[..2] {
            "CN" => return Some("CHN".into()),
            "MX" => return Some("MEX".into()),
            _ => {}
        }
    }
    None
}

/// An id made of a label: ASCII letters, digits, `-`, `_` and `.` kept; every other run of
/// characters (spaces, `/`, `;`, `,`, `:`, quotes, non-ASCII) becomes one `-`; `-` trimmed from
/// the ends; `x` if nothing is left.
pub fn sanitise(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut dash = false;
    for ch in label.trim().chars() {
        if ch.is_ascii_alphanumeric() || ch == '_' || ch == '.' || ch == '-' {
            if ch == '-' {
                if !dash && !out.is_empty() {
                    out.push('-');
                }
                dash = true;
            } else {
                out.push(ch);
                dash = false;
            }
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "x".into() } else { out }
}

/// Makes ids unique: the second `a` becomes `a-2`, and so on.
#[derive(Default)]
struct Ids(HashMap<String, u32>);

impl Ids {
    fn unique(&mut self, base: String) -> String {
        let n = self.0.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            return base;
        }
        let mut k = *n;
        loop {
            let candidate = format!("{base}-{k}");
            if !self.0.contains_key(&candidate) {
                self.0.insert(candidate.clone(), 1);
                return candidate;
            }
            k += 1;
        }
    }
}

/// A product row.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductRow {
    /// Id (the sanitised sector).
    pub id: String,
    /// The sector label.
    pub name: String,
    /// Sector label, for reports.
    pub sector: String,
}

/// A region row.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionRow {
    /// Id (the sanitised region).
    pub id: String,
    /// Name.
    pub name: String,
    /// Country code.
    pub country: String,
    /// Latitude of the region's facilities and markets.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
}

/// A facility (industry) or market row.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteRow {
    /// Id.
    pub id: String,
    /// Original labels.
    pub name: String,
    /// Index into [`ScenarioRows::regions`].
    pub region: usize,
    /// Index into [`ScenarioRows::products`].
    pub product: usize,
    /// Markets: demand per day.
    pub demand_per_day: f64,
    /// Citation.
    pub source: String,
}

/// A recipe row: `per_unit` of `input` per unit of `facility`'s output.
#[derive(Debug, Clone, PartialEq)]
pub struct RecipeRow {
    /// Facility index.
    pub facility: usize,
    /// Product index of the input.
    pub input: usize,
    /// Coefficient.
    pub per_unit: f64,
    /// Citation (shared by the rows of one recipe).
    pub source: Arc<str>,
}

/// A link row.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRow {
    /// Supplier facility index.
    pub supplier: usize,
    /// Customer: a facility index, or a market index when `to_market`.
    pub customer: usize,
    /// Whether the customer is a market.
    pub to_market: bool,
    /// Product index.
    pub product: usize,
    /// Share of the customer's need.
    pub share: f64,
    /// Citation (shared by the links of one row of a wide table).
    pub source: Arc<str>,
}

/// Counts and sums of what was left out, for the report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dropped {
    /// Industries with x <= 0 (labels).
    pub zero_output: Vec<String>,
    /// Entries of those industries' rows and columns dropped with them, and their sum.
    pub zero_output_entries: (usize, f64),
    /// Negative Z entries, and their sum.
    pub negative_z: (usize, f64),
    /// Negative final demand (after summing categories unless kept separate), and its sum.
    pub negative_y: (usize, f64),
    /// Z entries below `min_flow`, and their sum.
    pub tiny_z: (usize, f64),
    /// Final-demand entries below `min_flow`, and their sum.
    pub tiny_y: (usize, f64),
    /// Z entries below `min_share`, and their sum.
    pub small_share_z: (usize, f64),
    /// Final-demand entries below `min_share`, and their sum.
    pub small_share_y: (usize, f64),
    /// Industries whose x differs from Z row sum + Y row sum by more than 1e-6 relative: count,
    /// and the largest relative difference with its industry.
    pub x_mismatch: (usize, f64, String),
}

/// The scenario's tables, ready to write.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScenarioRows {
    /// Products (sectors).
    pub products: Vec<ProductRow>,
    /// Regions.
    pub regions: Vec<RegionRow>,
    /// Facilities (industries with x > 0).
    pub facilities: Vec<SiteRow>,
    /// Markets.
    pub markets: Vec<SiteRow>,
    /// Recipes.
    pub recipes: Vec<RecipeRow>,
    /// Links.
    pub links: Vec<LinkRow>,
    /// Gross output per facility, per day (x / days_per_year): what the baseline should give.
    pub output_per_day: Vec<f64>,
    /// What was dropped.
    pub dropped: Dropped,
    /// Regions that have no country (when no default was given): the build fails with these.
    pub regions_without_country: Vec<String>,
}

/// Builds the scenario rows from the tables.
pub fn build(t: &Tables, o: &BuildOptions) -> ScenarioRows {
    let n = t.industries.len();
    let f = t.final_demand.len();
    let mut rows = ScenarioRows::default();
    let d = &mut rows.dropped;
    // x: given, or Z row sums + Y row sums of the values as read.
    let sums: Vec<f64> = (0..n)
        .map(|i| t.z[i * n..(i + 1) * n].iter().sum::<f64>() + t.y[i * f..(i + 1) * f].iter().sum::<f64>())
        .collect();
    let x: Vec<f64> = t.x.clone().unwrap_or_else(|| sums.clone());
    if t.x.is_some() {
        for i in 0..n {
            let rel = (x[i] - sums[i]).abs() / x[i].abs().max(sums[i].abs()).max(f64::MIN_POSITIVE);
            if rel > 1e-6 {
                d.x_mismatch.0 += 1;
                if rel > d.x_mismatch.1 {
                    d.x_mismatch.1 = rel;
                    d.x_mismatch.2 = label(t, i);
                }
            }
        }
    }
    let active: Vec<bool> = x.iter().map(|&v| v > 0.0).collect();
    // Working copies with the dropped entries zeroed.
    let mut z = t.z.clone();
    for i in 0..n {
        for j in 0..n {
            let k = i * n + j;
            let v = z[k];
            if v == 0.0 {
                continue;
            }
            if !active[i] || !active[j] {
                d.zero_output_entries.0 += 1;
                d.zero_output_entries.1 += v;
                z[k] = 0.0;
            } else if v < 0.0 {
                d.negative_z.0 += 1;
                d.negative_z.1 += v;
                z[k] = 0.0;
            } else if v < o.min_flow {
                d.tiny_z.0 += 1;
                d.tiny_z.1 += v;
                z[k] = 0.0;
            }
        }
    }
    // Final demand: per (supplier, consuming region) summed over categories, or per column.
    let mut consumers: Vec<(String, Option<String>)> = Vec::new();
    let mut consumer_of_col = vec![0usize; f];
    {
        let mut seen: HashMap<(String, Option<String>), usize> = HashMap::new();
        for (c, fd) in t.final_demand.iter().enumerate() {
            let key = (fd.region.clone(), o.keep_categories.then(|| fd.category.clone()));
            let k = *seen.entry(key.clone()).or_insert_with(|| {
                consumers.push(key);
                consumers.len() - 1
            });
            consumer_of_col[c] = k;
        }
    }
    let nc = consumers.len();
    let mut yd = vec![0.0; n * nc];
    for i in 0..n {
        for c in 0..f {
            yd[i * nc + consumer_of_col[c]] += t.y[i * f + c];
        }
    }
    for (i, &on) in active.iter().enumerate() {
        for c in 0..nc {
            let k = i * nc + c;
            let v = yd[k];
            if v == 0.0 {
                continue;
            }
            if !on {
                d.zero_output_entries.0 += 1;
                d.zero_output_entries.1 += v;
                yd[k] = 0.0;
            } else if v < 0.0 {
                d.negative_y.0 += 1;
                d.negative_y.1 += v;
                yd[k] = 0.0;
            } else if v < o.min_flow {
                d.tiny_y.0 += 1;
                d.tiny_y.1 += v;
                yd[k] = 0.0;
            }
        }
    }
    for (i, &on) in active.iter().enumerate() {
        if !on {
            d.zero_output.push(label(t, i));
        }
    }

    // Products: sectors in order of first appearance.
    let mut product_of: HashMap<&str, usize> = HashMap::new();
    let mut ids = Ids::default();
    for ind in &t.industries {
        if !product_of.contains_key(ind.sector.as_str()) {
            product_of.insert(&ind.sector, rows.products.len());
            rows.products.push(ProductRow {
                id: ids.unique(sanitise(&ind.sector)),
                name: ind.sector.clone(),
                sector: ind.sector.clone(),
            });
        }
    }
    let sector: Vec<usize> = t.industries.iter().map(|ind| product_of[ind.sector.as_str()]).collect();
    let ns = rows.products.len();
    // Regions: of industries, then of final demand, in order of first appearance.
    let mut region_of: HashMap<&str, usize> = HashMap::new();
    let mut region_ids = Ids::default();
    let labels = t.industries.iter().map(|i| i.region.as_str()).chain(consumers.iter().map(|c| c.0.as_str()));
    for l in labels {
        if region_of.contains_key(l) {
            continue;
        }
        region_of.insert(l, rows.regions.len());
        let info = o.countries.get(l).cloned().unwrap_or_default();
        let country = info.country.clone().or_else(|| country_of(l)).or_else(|| o.default_country.clone());
        if country.is_none() {
            rows.regions_without_country.push(l.to_string());
        }
        rows.regions.push(RegionRow {
            id: region_ids.unique(sanitise(l)),
            name: info.name.clone().unwrap_or_else(|| l.to_string()),
            country: country.unwrap_or_default(),
            lat: info.lat,
            lon: info.lon,
        });
    }

    // Facilities.
    let mut site_ids = Ids::default();
    let mut facility_of = vec![usize::MAX; n];
    let [zf, yf, xf] = &t.files;
    for i in 0..n {
        if !active[i] {
            continue;
        }
        let ind = &t.industries[i];
        let mut source = format!("{zf} line {}", t.z_cites.row_line(i));
        if let Some(xc) = &t.x_cites {
            source.push_str(&format!("; x: {}", xc.cite(xf, i, 0)));
        }
        facility_of[i] = rows.facilities.len();
        rows.facilities.push(SiteRow {
            id: site_ids.unique(format!("{}_{}", sanitise(&ind.region), sanitise(&ind.sector))),
            name: format!("{} {}", ind.region, ind.sector),
            region: region_of[ind.region.as_str()],
            product: sector[i],
            demand_per_day: 0.0,
            source,
        });
        rows.output_per_day.push(x[i] / o.days_per_year);
    }

    // Link sources: the supplier's row of a wide table (the column is the customer's), or the
    // entry's line of a long one.
    let row_sources = |c: &crate::mrio::layout::Cites, file: &str| -> Option<Vec<Arc<str>>> {
        match c {
            crate::mrio::layout::Cites::Wide { row_line, .. } => {
                Some(row_line.iter().map(|l| Arc::from(format!("{file} line {l}"))).collect())
            }
            crate::mrio::layout::Cites::Long { .. } => None,
        }
    };
    let z_row_source = row_sources(&t.z_cites, zf);
    let y_row_source = row_sources(&t.y_cites, yf);

    // Recipes and links into industries: per customer j and input sector s.
    let mut total = vec![0.0; ns];
    for j in 0..n {
        if !active[j] {
            continue;
        }
        // Relative threshold on the shares within (s, j), computed on the kept entries.
        if o.min_share > 0.0 {
            total.iter_mut().for_each(|v| *v = 0.0);
            for i in 0..n {
                total[sector[i]] += z[i * n + j];
            }
            for i in 0..n {
                let v = z[i * n + j];
                if v > 0.0 && v / total[sector[i]] < o.min_share {
                    d.small_share_z.0 += 1;
                    d.small_share_z.1 += v;
                    z[i * n + j] = 0.0;
                }
            }
        }
        total.iter_mut().for_each(|v| *v = 0.0);
        for i in 0..n {
            total[sector[i]] += z[i * n + j];
        }
        let column = match &t.z_cites {
            crate::mrio::layout::Cites::Wide { field, .. } => format!("field {}", field[j]),
            crate::mrio::layout::Cites::Long { .. } => "entries".to_string(),
        };
        let recipe_source: Arc<str> = format!(
            "{zf} column {} ({column}) summed by sector / x {}",
            label(t, j),
            t.x_cites.as_ref().map_or_else(|| "= row sums of Z and Y".to_string(), |c| c.cite(xf, j, 0))
        )
        .into();
        for (s, &sum) in total.iter().enumerate() {
            if sum > 0.0 {
                rows.recipes.push(RecipeRow {
                    facility: facility_of[j],
                    input: s,
                    per_unit: sum / x[j],
                    source: recipe_source.clone(),
                });
            }
        }
        for i in 0..n {
            let v = z[i * n + j];
            if v > 0.0 {
                let source = match &z_row_source {
                    Some(rows_src) => rows_src[i].clone(),
                    None => t.z_cites.cite(zf, i, j).into(),
                };
                rows.links.push(LinkRow {
                    supplier: facility_of[i],
                    customer: facility_of[j],
                    to_market: false,
                    product: sector[i],
                    share: v / total[sector[i]],
                    source,
                });
            }
        }
    }

    // Markets: per consumer (region[, category]) and product.
    let mut market_total = vec![0.0; ns];
    let mut cols_of: Vec<Vec<usize>> = vec![Vec::new(); nc];
    for (c, &k) in consumer_of_col.iter().enumerate() {
        cols_of[k].push(c);
    }
    for (c, (region, category)) in consumers.iter().enumerate() {
        if o.min_share > 0.0 {
            market_total.iter_mut().for_each(|v| *v = 0.0);
            for i in 0..n {
                market_total[sector[i]] += yd[i * nc + c];
            }
            for i in 0..n {
                let v = yd[i * nc + c];
                if v > 0.0 && v / market_total[sector[i]] < o.min_share {
                    d.small_share_y.0 += 1;
                    d.small_share_y.1 += v;
                    yd[i * nc + c] = 0.0;
                }
            }
        }
        market_total.iter_mut().for_each(|v| *v = 0.0);
        for i in 0..n {
            market_total[sector[i]] += yd[i * nc + c];
        }
        let mut market_of = vec![usize::MAX; ns];
        for (s, &sum) in market_total.iter().enumerate() {
            if sum <= 0.0 {
                continue;
            }
            let p = &rows.products[s];
            let (id, name) = match category {
                Some(cat) => (
                    format!("{}_{}_{}", sanitise(region), p.id, sanitise(cat)),
                    format!("{region} {cat}: {}", p.name),
                ),
                None => (
                    format!("{}_{}_final", sanitise(region), p.id),
                    format!("{region} final demand: {}", p.name),
                ),
            };
            let fields = &cols_of[c];
            let source = match &t.y_cites {
                crate::mrio::layout::Cites::Wide { field, .. } => {
                    let list: Vec<u32> = fields.iter().map(|&k| field[k]).collect();
                    format!(
                        "{yf}: rows of {}, {} {}",
                        p.name,
                        if list.len() == 1 { "field" } else { "fields" },
                        ranges(&list)
                    )
                }
                crate::mrio::layout::Cites::Long { .. } => {
                    format!(
                        "{yf}: rows of {} to {region}{}",
                        p.name,
                        category.as_ref().map_or(String::new(), |c| format!(" {c}"))
                    )
                }
            };
            market_of[s] = rows.markets.len();
            rows.markets.push(SiteRow {
                id: site_ids.unique(id),
                name,
                region: region_of[region.as_str()],
                product: s,
                demand_per_day: sum / o.days_per_year,
                source,
            });
        }
        for i in 0..n {
            let v = yd[i * nc + c];
            if v > 0.0 {
                let source: Arc<str> = match &y_row_source {
                    Some(rows_src) => rows_src[i].clone(),
                    None => {
                        let lines: Vec<String> = cols_of[c]
                            .iter()
                            .map(|&k| t.y_cites.cite(yf, i, k))
                            .filter(|s| !s.ends_with(" line 0"))
                            .collect();
                        match lines.len() {
                            0 => yf.as_str().into(),
                            1 => lines[0].as_str().into(),
                            k => format!("{} (+{} more lines)", lines[0], k - 1).into(),
                        }
                    }
                };
                rows.links.push(LinkRow {
                    supplier: facility_of[i],
                    customer: market_of[sector[i]],
                    to_market: true,
                    product: sector[i],
                    share: v / market_total[sector[i]],
                    source,
                });
            }
        }
    }
    rows
}

/// `3-9`, `3-5 8 10-11`: runs of consecutive numbers as ranges.
fn ranges(v: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut k = 0;
    while k < v.len() {
        let mut e = k;
        while e + 1 < v.len() && v[e + 1] == v[e] + 1 {
            e += 1;
        }
        out.push(if e > k { format!("{}-{}", v[k], v[e]) } else { v[k].to_string() });
        k = e + 1;
    }
    out.join(" ")
}

fn label(t: &Tables, i: usize) -> String {
    let ind = &t.industries[i];
    format!("{}/{}", ind.region, ind.sector)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitises_labels_into_ids() {
        assert_eq!(sanitise("Final consumption; households"), "Final-consumption-households");
        assert_eq!(sanitise("  reg1 "), "reg1");
        assert_eq!(sanitise("D01T02"), "D01T02");
        assert_eq!(sanitise("M.EUR/a:b"), "M.EUR-a-b");
        assert_eq!(sanitise("Ölraffinerie"), "lraffinerie");
        assert_eq!(sanitise("///"), "x");
    }

    #[test]
    fn maps_region_labels_to_countries() {
        assert_eq!(country_of("jpn").as_deref(), Some("JPN"));
        assert_eq!(country_of("CN1").as_deref(), Some("CHN"));
        assert_eq!(country_of("MX2").as_deref(), Some("MEX"));
        assert_eq!(country_of("ROW"), None);
        assert_eq!(country_of("reg1"), None);
    }

    #[test]
    fn writes_runs_of_fields_as_ranges() {
        assert_eq!(ranges(&[3, 4, 5, 6]), "3-6");
        assert_eq!(ranges(&[3, 4, 5, 8, 10, 11]), "3-5 8 10-11");
        assert_eq!(ranges(&[7]), "7");
    }

    #[test]
    fn makes_ids_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("a".into()), "a");
        assert_eq!(ids.unique("a".into()), "a-2");
        assert_eq!(ids.unique("a-2".into()), "a-2-2");
        assert_eq!(ids.unique("a".into()), "a-3");
    }
}
