//! What a report is rendered from, read back from a result directory, and the chokepoint ranking
//! that joins the Monte Carlo results with the structural indicators.

use std::path::Path;

use kuroshio_montecarlo::Summary;
use kuroshio_montecarlo::compare::Comparison;
use kuroshio_montecarlo::summary::{ElementSummary, RecoveryStats, RunInfo};
use serde::{Deserialize, Serialize};

use crate::ReportError;
use crate::structure::Structure;

/// `comparison.json`, as `compare` writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonFile {
    /// Always "kuroshio-comparison".
    pub format: String,
    /// Schema version.
    pub version: u32,
    /// The run.
    pub run: RunInfo,
    /// Trials compared.
    pub trials: u64,
    /// One per intervention.
    pub comparisons: Vec<Comparison>,
}

/// Everything a report is rendered from.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportInput {
    /// `summary.json`.
    pub summary: Summary,
    /// The per-trial losses of `trials.csv`, in trial order.
    pub losses: Vec<f64>,
    /// `structure.json`, if present.
    pub structure: Option<Structure>,
    /// `comparison.json` (in the directory, or in its `compare/` subdirectory), if present.
    pub comparison: Option<ComparisonFile>,
}

fn read(path: &Path) -> Result<Option<String>, ReportError> {
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ReportError::Read { path: path.to_path_buf(), reason: source.to_string() }),
    }
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, ReportError> {
    serde_json::from_str(text)
        .map_err(|e| ReportError::Read { path: path.to_path_buf(), reason: e.to_string() })
}

impl ReportInput {
    /// Reads a result directory written by `run`: `summary.json` and `trials.csv` are required;
    /// `structure.json` and `comparison.json` (or `compare/comparison.json`) are used if present.
    pub fn read_dir(dir: &Path) -> Result<ReportInput, ReportError> {
        let summary_path = dir.join("summary.json");
        let Some(text) = read(&summary_path)? else {
            return Err(ReportError::Read {
                path: summary_path,
                reason: "not found: expected a result directory written by `kuroshio run`".into(),
            });
        };
        let summary: Summary = parse(&summary_path, &text)?;
        let trials_path = dir.join("trials.csv");
        let losses = match read(&trials_path)? {
            Some(t) => losses_of(&trials_path, &t)?,
            None => Vec::new(),
        };
        let structure_path = dir.join("structure.json");
        let structure = read(&structure_path)?.map(|t| parse(&structure_path, &t)).transpose()?;
        let mut comparison = None;
        for p in [dir.join("comparison.json"), dir.join("compare").join("comparison.json")] {
            if let Some(t) = read(&p)? {
                comparison = Some(parse(&p, &t)?);
                break;
            }
        }
        Ok(ReportInput { summary, losses, structure, comparison })
    }
}

/// The `loss_usd` column of `trials.csv`.
fn losses_of(path: &Path, text: &str) -> Result<Vec<f64>, ReportError> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let bad = |line: u64, reason: String| ReportError::Read {
        path: path.to_path_buf(),
        reason: format!("line {line}: {reason}"),
    };
    let col = r
        .headers()
        .map_err(|e| bad(1, e.to_string()))?
        .iter()
        .position(|h| h == "loss_usd")
        .ok_or_else(|| bad(1, "no `loss_usd` column".into()))?;
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let line = i as u64 + 2;
        let rec = rec.map_err(|e| bad(line, e.to_string()))?;
        let cell = rec.get(col).unwrap_or("");
        out.push(cell.parse().map_err(|_| bad(line, format!("loss_usd `{cell}` is not a number")))?);
    }
    Ok(out)
}

/// Facility or chokepoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ElementType {
    /// A facility (or market).
    Facility,
    /// A chokepoint.
    Chokepoint,
}

/// One row of the chokepoint ranking: Monte Carlo results and structural indicators together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankRow {
    /// Rank in the default order (1 = first).
    pub rank: usize,
    /// Facility or chokepoint.
    pub element: ElementType,
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Country.
    pub country: String,
    /// Expected contribution to the headline loss per trial, USD.
    pub expected_contribution_usd: f64,
    /// Its 95% CI.
    pub contribution_ci95: [f64; 2],
    /// Probability of being hit.
    pub p_hit: f64,
    /// Probability of being impacted (facilities).
    pub p_impacted: f64,
    /// Median recovery when impacted, as text (`-` never, `>H` beyond the horizon).
    pub ttr_p50: Option<kuroshio_montecarlo::summary::DayQuantile>,
    /// Time to survive, days (facilities, when computed).
    pub tts_days: Option<u32>,
    /// Whether TTS is only a lower bound.
    pub tts_at_least: bool,
    /// Time to recover, days (facilities).
    pub ttr_days: Option<f64>,
    /// Risk exposure index.
    pub risk_exposure_index: Option<f64>,
    /// TTS < TTR.
    pub exposed: Option<bool>,
    /// Markets it is a single point of failure for.
    pub spof_for: Vec<String>,
    /// HHI of its product by country (facilities).
    pub product_hhi: Option<f64>,
    /// Largest share of a market's supply passing it (chokepoints).
    pub route_exposure: Option<f64>,
}

/// Why the ranking is in its default order, written under the table.
pub const RANKING_ORDER_NOTE: &str = "Sorted by expected contribution to loss: the share of the expected loss of final \
demand that starts at the element (its direct shock's share of each trial's loss, docs/model.md §6.3), which \
is what removing the element's disruptions would at most save. Ties (elements that never started a loss) \
are broken by risk exposure index, then by being a single point of failure, then by impact probability. The \
other columns rank differently: structural indicators say what could happen, not how likely it is.";

/// The ranking of every element that the results or the structural analysis single out, in
/// the default order ([`RANKING_ORDER_NOTE`]).
pub fn ranking(input: &ReportInput) -> Vec<RankRow> {
    rank_rows(Some(&input.summary), input.structure.as_ref())
}

/// The ranking from the structure alone (no Monte Carlo results: contributions and probabilities
/// are 0), for `inspect --out` and `tts --out`.
pub fn structural_ranking(st: &Structure) -> Vec<RankRow> {
    rank_rows(None, Some(st))
}

fn rank_rows(summary: Option<&Summary>, st: Option<&Structure>) -> Vec<RankRow> {
    // Lookups by id through maps (the first entry of an id wins, as a linear search would): a
    // run on a million facilities ranks a million rows, and searching the structure for each
    // was quadratic (minutes of string comparisons).
    let mut fac_by_id = std::collections::HashMap::new();
    let mut cp_by_id = std::collections::HashMap::new();
    if let Some(st) = st {
        for f in &st.facilities {
            fac_by_id.entry(f.id.as_str()).or_insert(f);
        }
        for c in &st.chokepoints {
            cp_by_id.entry(c.id.as_str()).or_insert(c);
        }
    }
    let fac_info = |id: &str| fac_by_id.get(id).copied();
    let cp_info = |id: &str| cp_by_id.get(id).copied();
    let from_summary = |e: &ElementSummary, element: ElementType| RankRow {
        rank: 0,
        element,
        id: e.id.clone(),
        name: e.name.clone(),
        kind: e.kind.clone(),
        country: e.country.clone(),
        expected_contribution_usd: e.expected_contribution_usd,
        contribution_ci95: e.contribution_ci95,
        p_hit: e.p_hit,
        p_impacted: e.p_impacted,
        ttr_p50: e.recovery_days.p50,
        tts_days: None,
        tts_at_least: false,
        ttr_days: None,
        risk_exposure_index: None,
        exposed: None,
        spof_for: Vec::new(),
        product_hhi: None,
        route_exposure: None,
    };
    let mut rows: Vec<RankRow> = summary
        .map(|s| {
            s.facilities
                .iter()
                .map(|e| from_summary(e, ElementType::Facility))
                .chain(s.chokepoints.iter().map(|e| from_summary(e, ElementType::Chokepoint)))
                .collect()
        })
        .unwrap_or_default();
    // Elements the results never name but the structure singles out.
    if let Some(st) = st {
        let mut named: std::collections::HashSet<(bool, String)> =
            rows.iter().map(|r| (r.element == ElementType::Facility, r.id.clone())).collect();
        for f in &st.facilities {
            let notable = !f.spof_for.is_empty() || f.exposed == Some(true);
            if notable && f.kind != "market" && named.insert((true, f.id.clone())) {
                rows.push(blank(ElementType::Facility, &f.id, &f.name, &f.kind, &f.country));
            }
        }
        for c in &st.chokepoints {
            if (!c.spof_for.is_empty() || c.max_market_share > 0.0) && named.insert((false, c.id.clone())) {
                rows.push(blank(ElementType::Chokepoint, &c.id, &c.name, &c.kind, &c.country));
            }
        }
    }
    rows.retain(|r| r.kind != "market");
    for r in &mut rows {
        match r.element {
            ElementType::Facility => {
                if let Some(f) = fac_info(&r.id) {
                    r.tts_days = f.tts_days;
                    r.tts_at_least = f.tts_at_least;
                    r.ttr_days = f.ttr_days;
                    r.risk_exposure_index = f.risk_exposure_index;
                    r.exposed = f.exposed;
                    r.spof_for = f.spof_for.clone();
                    r.product_hhi = f.product_hhi;
                }
            }
            ElementType::Chokepoint => {
                if let Some(c) = cp_info(&r.id) {
                    r.spof_for = c.spof_for.clone();
                    r.route_exposure = Some(c.max_market_share);
                }
            }
        }
    }
    rows.sort_by(|a, b| {
        b.expected_contribution_usd
            .total_cmp(&a.expected_contribution_usd)
            .then(b.risk_exposure_index.unwrap_or(0.0).total_cmp(&a.risk_exposure_index.unwrap_or(0.0)))
            .then(a.spof_for.is_empty().cmp(&b.spof_for.is_empty()))
            .then(b.p_impacted.total_cmp(&a.p_impacted))
            .then_with(|| a.id.cmp(&b.id))
    });
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    rows
}

fn blank(element: ElementType, id: &str, name: &str, kind: &str, country: &str) -> RankRow {
    RankRow {
        rank: 0,
        element,
        id: id.to_string(),
        name: name.to_string(),
        kind: kind.to_string(),
        country: country.to_string(),
        expected_contribution_usd: 0.0,
        contribution_ci95: [0.0, 0.0],
        p_hit: 0.0,
        p_impacted: 0.0,
        ttr_p50: None,
        tts_days: None,
        tts_at_least: false,
        ttr_days: None,
        risk_exposure_index: None,
        exposed: None,
        spof_for: Vec::new(),
        product_hhi: None,
        route_exposure: None,
    }
}

/// Recovery statistics as short text: `P50 / P90 / P99`.
pub fn recovery_text(r: &RecoveryStats, horizon: u32) -> String {
    let q = |q: Option<kuroshio_montecarlo::summary::DayQuantile>| match q {
        None => "-".to_string(),
        Some(kuroshio_montecarlo::summary::DayQuantile::Days(d)) => d.to_string(),
        Some(kuroshio_montecarlo::summary::DayQuantile::BeyondHorizon) => format!(">{horizon}"),
    };
    format!("{} / {} / {}", q(r.p50), q(r.p90), q(r.p99))
}
