//! The CSV tables of a run (docs/output-formats.md): one header row, then one row per trial,
//! facility, chokepoint, market or market-day. Numbers are written in Rust's shortest
//! round-trip form; an empty cell means "not applicable" (no recovery because never impacted).

use kuroshio_montecarlo::Recovered;
use kuroshio_montecarlo::TrialRow;
use kuroshio_montecarlo::compare::Comparison;
use kuroshio_montecarlo::summary::{DayQuantile, ElementSummary, MarketSummary, RecoveryStats};

use crate::ReportError;

fn table(
    name: &'static str,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, ReportError> {
    let err = |source| ReportError::Csv { table: name, source };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(err)?;
    for r in rows {
        w.write_record(&r).map_err(err)?;
    }
    w.into_inner().map_err(|e| ReportError::Csv { table: name, source: e.into_error().into() })
}

fn quantile(q: Option<DayQuantile>) -> String {
    match q {
        None => String::new(),
        Some(DayQuantile::Days(d)) => d.to_string(),
        Some(DayQuantile::BeyondHorizon) => "beyond_horizon".into(),
    }
}

fn recovery_cells(r: &RecoveryStats) -> [String; 4] {
    [quantile(r.p50), quantile(r.p90), quantile(r.p99), r.beyond_horizon_share.to_string()]
}

/// `trials.csv`: one row per trial.
pub fn trials(rows: &[TrialRow]) -> Result<Vec<u8>, ReportError> {
    let header = [
        "trial",
        "loss_usd",
        "lost_output_usd",
        "disruptions",
        "first_shortage_day",
        "recovery_days",
        "recovery",
    ];
    table(
        "trials.csv",
        &header,
        rows.iter().map(|r| {
            let (days, state) = match r.recovery {
                Recovered::NotImpacted => (String::new(), "not_impacted"),
                Recovered::Days(d) => (d.to_string(), "recovered"),
                Recovered::BeyondHorizon => (String::new(), "beyond_horizon"),
            };
            vec![
                r.trial.to_string(),
                r.loss.to_string(),
                r.lost_output.to_string(),
                r.disruptions.to_string(),
                r.first_shortage_day.map_or(String::new(), |d| d.to_string()),
                days,
                state.into(),
            ]
        }),
    )
}

/// `facilities.csv` (with lost output columns) or `chokepoints.csv`: ranked elements.
pub fn elements(v: &[ElementSummary], facilities: bool) -> Result<Vec<u8>, ReportError> {
    let mut header = vec![
        "rank",
        "id",
        "name",
        "kind",
        "country",
        "expected_contribution_usd",
        "contribution_ci95_low",
        "contribution_ci95_high",
        "expected_shock_usd",
        "p_hit",
    ];
    if facilities {
        header.extend([
            "p_impacted",
            "expected_lost_output_usd",
            "expected_lost_output_units",
            "ttr_p50_days",
            "ttr_p90_days",
            "ttr_p99_days",
            "ttr_beyond_horizon_share",
        ]);
    }
    let name = if facilities { "facilities.csv" } else { "chokepoints.csv" };
    table(
        name,
        &header,
        v.iter().enumerate().map(|(i, e)| {
            let mut r = vec![
                (i + 1).to_string(),
                e.id.clone(),
                e.name.clone(),
                e.kind.clone(),
                e.country.clone(),
                e.expected_contribution_usd.to_string(),
                e.contribution_ci95[0].to_string(),
                e.contribution_ci95[1].to_string(),
                e.expected_shock_usd.to_string(),
                e.p_hit.to_string(),
            ];
            if facilities {
                r.extend([
                    e.p_impacted.to_string(),
                    e.expected_lost_output_usd.to_string(),
                    e.expected_lost_output_units.to_string(),
                ]);
                r.extend(recovery_cells(&e.recovery_days));
            }
            r
        }),
    )
}

/// `markets.csv`: one row per market.
pub fn markets(v: &[MarketSummary]) -> Result<Vec<u8>, ReportError> {
    let header = [
        "id",
        "name",
        "country",
        "expected_unmet_usd",
        "unmet_ci95_low",
        "unmet_ci95_high",
        "expected_unmet_units",
        "p_shortage",
        "impacted_trials",
        "ttr_p50_days",
        "ttr_p90_days",
        "ttr_p99_days",
        "ttr_beyond_horizon_share",
    ];
    table(
        "markets.csv",
        &header,
        v.iter().map(|m| {
            let mut r = vec![
                m.id.clone(),
                m.name.clone(),
                m.country.clone(),
                m.expected_unmet_usd.to_string(),
                m.expected_unmet_ci95[0].to_string(),
                m.expected_unmet_ci95[1].to_string(),
                m.expected_unmet_units.to_string(),
                m.p_shortage.to_string(),
                m.recovery_days.impacted_trials.to_string(),
            ];
            r.extend(recovery_cells(&m.recovery_days));
            r
        }),
    )
}

/// `hazards.csv`: one row per hazard, by expected contribution to loss.
pub fn hazards(v: &[kuroshio_montecarlo::summary::HazardSummary]) -> Result<Vec<u8>, ReportError> {
    let header = [
        "hazard",
        "p_struck",
        "expected_contribution_usd",
        "contribution_ci95_low",
        "contribution_ci95_high",
        "share_of_loss",
    ];
    table(
        "hazards.csv",
        &header,
        v.iter().map(|h| {
            vec![
                h.name.clone(),
                h.p_struck.to_string(),
                h.expected_contribution_usd.to_string(),
                h.contribution_ci95[0].to_string(),
                h.contribution_ci95[1].to_string(),
                h.share_of_loss.to_string(),
            ]
        }),
    )
}

/// `market_bands.csv`: per banded market and day since its first shortage, the served-ratio
/// percentiles over the trials with a shortage.
pub fn bands(v: &[MarketSummary]) -> Result<Vec<u8>, ReportError> {
    let header = ["market", "days_since_first_shortage", "trials", "p5", "p25", "p50", "p75", "p95"];
    table(
        "market_bands.csv",
        &header,
        v.iter().filter_map(|m| m.bands.as_ref().map(|b| (m, b))).flat_map(|(m, b)| {
            (0..b.p50.len()).map(move |d| {
                vec![
                    m.id.clone(),
                    d.to_string(),
                    b.trials.get(d).map_or(String::new(), |t| t.to_string()),
                    b.p5[d].to_string(),
                    b.p25[d].to_string(),
                    b.p50[d].to_string(),
                    b.p75[d].to_string(),
                    b.p95[d].to_string(),
                ]
            })
        }),
    )
}

/// `interventions.csv`: one row per intervention compared with the base case.
pub fn interventions(v: &[Comparison]) -> Result<Vec<u8>, ReportError> {
    let header = [
        "intervention",
        "trials",
        "base_mean_loss_usd",
        "mean_loss_usd",
        "mean_reduction_usd",
        "reduction_ci95_low",
        "reduction_ci95_high",
        "base_var99_usd",
        "var99_usd",
        "var99_change_usd",
        "annual_benefit_usd",
        "cost_per_year_usd",
        "benefit_per_cost",
    ];
    let opt = |x: Option<f64>| x.map_or(String::new(), |v| v.to_string());
    table(
        "interventions.csv",
        &header,
        v.iter().map(|c| {
            vec![
                c.intervention.clone(),
                c.trials.to_string(),
                c.base_mean_loss.to_string(),
                c.mean_loss.to_string(),
                c.mean_reduction.to_string(),
                c.reduction_ci95[0].to_string(),
                c.reduction_ci95[1].to_string(),
                c.base_var99.to_string(),
                c.var99.to_string(),
                c.var99_change.to_string(),
                c.annual_benefit.to_string(),
                opt(c.cost_per_year),
                opt(c.benefit_per_cost),
            ]
        }),
    )
}
