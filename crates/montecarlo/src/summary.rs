//! The statistics of a run, computed from an [`Accumulator`]: the content of `summary.json`
//! (docs/output-formats.md documents every field).
//!
//! Everything here is a pure function of the accumulator, the network and the run's settings: no
//! timestamps, durations or thread counts, so the same run gives the same bytes, and merged
//! shards the same bytes as the single run.
//!
//! # Estimators (docs/model.md §6)
//!
//! For the N per-trial losses L_1..L_N (sorted: L_(1) <= ... <= L_(N)):
//! - mean = Σ L_i / N (summed in trial order), standard deviation s with N − 1, 95% CI
//!   mean ± 1.96 s / √N;
//! - VaR_p = L_(⌈pN⌉), the empirical p-quantile;
//! - CVaR_p = VaR_p + Σ max(L_i − VaR_p, 0) / ((1 − p) N) (Rockafellar–Uryasev), the mean of
//!   the worst (1 − p) share of trials;
//! - exceedance: for p = 0.5, 0.2, 0.1, ... down to 1/N, the loss VaR_{1−p} exceeded with
//!   probability at most p, and its return period (horizon in years) / p;
//! - annual expected loss = mean × 365 / horizon days.
//!
//! Recovery quantiles come from histograms over the trials in which the market (facility) was
//! impacted; when the rank falls among trials still impacted at the horizon the quantile is
//! `"beyond_horizon"`. Facility recovery days are binned ([`crate::accumulate::ttr_bin`]) and
//! reported as the bin's last day.

use kuroshio_core::Network;
use serde::{Deserialize, Serialize};

use crate::accumulate::{Accumulator, ElementAcc, RATIO_BINS, ttr_bin_last_day};
use crate::fixed::Scale;
use crate::runner::{Stop, Z_95, mean_half_width};

/// Version of the `summary.json` schema; bumped on any incompatible change.
pub const SUMMARY_VERSION: u32 = 1;

/// Exceedance probabilities reported (those at least 1/N).
pub const EXCEEDANCE_PROBABILITIES: [f64; 13] =
    [0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 5e-4, 2e-4, 1e-4, 1e-5];

/// Percentiles of the daily output-ratio bands.
pub const BAND_PERCENTILES: [f64; 5] = [0.05, 0.25, 0.5, 0.75, 0.95];

/// What a run was, for the summary's header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunInfo {
    /// Scenario name.
    pub scenario: String,
    /// Hash of the scenario's files.
    pub scenario_hash: String,
    /// Hazard names, in catalog order.
    pub hazards: Vec<String>,
    /// Seed.
    pub seed: u64,
    /// Horizon, days.
    pub horizon_days: u32,
    /// Trials asked for (the cap when stopping on a target).
    pub planned_trials: u64,
    /// Target relative 95% half-width of the mean loss, if any.
    pub target_rel_ci: Option<f64>,
    /// Kuroshio's version.
    pub tool_version: String,
}

/// A quantile of days: a number, or beyond the horizon.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DayQuantile {
    /// Within the horizon.
    Days(u32),
    /// Among the trials still impacted at the horizon.
    BeyondHorizon,
}

impl<'de> Deserialize<'de> for DayQuantile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DayQuantile, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) if s == "beyond_horizon" => Ok(DayQuantile::BeyondHorizon),
            v => v.as_u64().and_then(|n| u32::try_from(n).ok()).map(DayQuantile::Days).ok_or_else(|| {
                serde::de::Error::custom(format!("expected days or \"beyond_horizon\", got {v}"))
            }),
        }
    }
}

impl Serialize for DayQuantile {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            DayQuantile::Days(d) => s.serialize_u32(*d),
            DayQuantile::BeyondHorizon => s.serialize_str("beyond_horizon"),
        }
    }
}

/// Recovery time statistics over the trials with an impact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecoveryStats {
    /// Trials with an impact.
    pub impacted_trials: u64,
    /// Median days to recover (null when never impacted).
    pub p50: Option<DayQuantile>,
    /// 90th percentile.
    pub p90: Option<DayQuantile>,
    /// 99th percentile.
    pub p99: Option<DayQuantile>,
    /// Share of impacted trials still impacted at the horizon.
    pub beyond_horizon_share: f64,
}

/// A loss at an exceedance probability.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ExceedancePoint {
    /// Probability that a trial's loss exceeds `loss` (at most).
    pub probability: f64,
    /// Return period, years: (horizon / 365) / probability.
    pub return_period_years: f64,
    /// Loss, USD.
    pub loss: f64,
}

/// The distribution of the headline loss (unmet final demand value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LossStats {
    /// Always "USD".
    pub unit: String,
    /// Trials.
    pub trials: u64,
    /// Mean loss per trial (per horizon).
    pub mean: f64,
    /// 95% confidence interval of the mean.
    pub ci95: [f64; 2],
    /// Sample standard deviation.
    pub std_dev: f64,
    /// Value at risk at 95%.
    pub var95: f64,
    /// Conditional value at risk at 95%.
    pub cvar95: f64,
    /// Value at risk at 99%.
    pub var99: f64,
    /// Conditional value at risk at 99%.
    pub cvar99: f64,
    /// Largest loss.
    pub max: f64,
    /// Mean loss scaled to a year.
    pub annual_expected_loss: f64,
    /// Share of trials with a loss.
    pub p_any_loss: f64,
    /// Share of trials with a shortage at any market.
    pub p_any_shortage: f64,
    /// The exceedance curve.
    pub exceedance: Vec<ExceedancePoint>,
}

/// The recovery fan of a market: percentiles of its served ratio (served / baseline demand) by
/// day since its first shortage, over the trials with a shortage that were still within the
/// horizon that many days later; lower bin edges at 1% resolution. Day d of each array is d days
/// after the first shortage; the arrays end at the last day any trial was observed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bands {
    /// Trials observed on each day (trials with a shortage whose first shortage was at least
    /// that many days before the horizon).
    #[serde(default)]
    pub trials: Vec<u64>,
    /// 5th percentile per day.
    pub p5: Vec<f64>,
    /// 25th.
    pub p25: Vec<f64>,
    /// Median.
    pub p50: Vec<f64>,
    /// 75th.
    pub p75: Vec<f64>,
    /// 95th.
    pub p95: Vec<f64>,
}

/// A market's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarketSummary {
    /// Market id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Country (ISO alpha-3).
    pub country: String,
    /// Expected unmet demand per trial, USD.
    pub expected_unmet_usd: f64,
    /// Its 95% confidence interval.
    pub expected_unmet_ci95: [f64; 2],
    /// Expected unmet demand per trial, units.
    pub expected_unmet_units: f64,
    /// Share of trials with a shortage.
    pub p_shortage: f64,
    /// Recovery time.
    pub recovery_days: RecoveryStats,
    /// Daily output-ratio bands (the largest markets only).
    pub bands: Option<Bands>,
}

/// A sector's recovery: impacted in a trial when any of its facilities is, recovered when the
/// last of them is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectorSummary {
    /// The sector (of the facilities' products).
    pub sector: String,
    /// Share of trials in which the sector was impacted.
    pub p_impacted: f64,
    /// Recovery time.
    pub recovery_days: RecoveryStats,
}

/// A hazard's part of the loss: each trial's loss split among the hazards that struck in it, in
/// proportion to the direct shocks of their disruptions (docs/model.md §6.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HazardSummary {
    /// The hazard's name.
    pub name: String,
    /// Share of trials in which it struck.
    pub p_struck: f64,
    /// Expected contribution to the headline loss per trial, USD.
    pub expected_contribution_usd: f64,
    /// Its 95% confidence interval.
    pub contribution_ci95: [f64; 2],
    /// Its share of the expected loss.
    pub share_of_loss: f64,
}

/// A facility's or chokepoint's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementSummary {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind (facility kind, or chokepoint kind).
    pub kind: String,
    /// Country (ISO alpha-3).
    pub country: String,
    /// Share of trials in which a disruption hit it.
    pub p_hit: f64,
    /// Share of trials in which its output fell below 1 − epsilon (facilities).
    pub p_impacted: f64,
    /// Expected lost output per trial, USD (facilities).
    pub expected_lost_output_usd: f64,
    /// The same in units of its product.
    pub expected_lost_output_units: f64,
    /// Expected direct shock per trial, USD.
    pub expected_shock_usd: f64,
    /// Expected contribution to the headline loss per trial, USD.
    pub expected_contribution_usd: f64,
    /// Its 95% confidence interval.
    pub contribution_ci95: [f64; 2],
    /// Time to recover over trials with an impact (facilities).
    pub recovery_days: RecoveryStats,
}

/// Everything `summary.json` holds for one arm of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Always "kuroshio-summary".
    pub format: String,
    /// [`SUMMARY_VERSION`].
    pub version: u32,
    /// The run.
    pub run: RunInfo,
    /// The arm (`base`, or an intervention).
    pub arm: String,
    /// Trials in this summary.
    pub trials: u64,
    /// "completed", "target_reached" or "interrupted" (partial results).
    pub stop: String,
    /// Network size.
    pub network: NetworkSize,
    /// The headline loss.
    pub loss: LossStats,
    /// Lost gross output value per trial, USD: mean and 95% CI.
    pub lost_output: MeanCi,
    /// Expected loss not attributed to any element, USD per trial.
    pub unattributed_loss_usd: f64,
    /// Markets, in network order.
    pub markets: Vec<MarketSummary>,
    /// Sectors, sorted by name.
    pub sectors: Vec<SectorSummary>,
    /// Hazards, by expected contribution to loss (largest first), then name.
    #[serde(default)]
    pub hazards: Vec<HazardSummary>,
    /// Facilities ever hit or impacted, by expected contribution (largest first), then impact
    /// probability, then id.
    pub facilities: Vec<ElementSummary>,
    /// Chokepoints ever hit, in the same order.
    pub chokepoints: Vec<ElementSummary>,
}

/// A mean with its 95% confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MeanCi {
    /// Mean.
    pub mean: f64,
    /// 95% confidence interval.
    pub ci95: [f64; 2],
}

/// Counts of the network's parts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NetworkSize {
    /// Facilities, markets included.
    pub facilities: usize,
    /// Markets.
    pub markets: usize,
    /// Links.
    pub links: usize,
    /// Chokepoints.
    pub chokepoints: usize,
}

impl Stop {
    /// The name written in summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            Stop::Completed => "completed",
            Stop::TargetReached => "target_reached",
            Stop::Interrupted => "interrupted",
        }
    }
}

/// The empirical p-quantile L_(⌈pN⌉) of sorted values.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let n = sorted.len();
    let k = ((p * n as f64).ceil() as usize).clamp(1, n);
    sorted[k - 1]
}

/// VaR and CVaR at level p of sorted losses.
pub fn var_cvar(sorted: &[f64], p: f64) -> (f64, f64) {
    if sorted.is_empty() {
        return (0.0, 0.0);
    }
    let var = quantile_sorted(sorted, p);
    let excess: f64 = sorted.iter().map(|&l| (l - var).max(0.0)).sum();
    (var, var + excess / ((1.0 - p) * sorted.len() as f64))
}

/// Loss statistics of per-trial losses in trial order.
pub fn loss_stats(losses: &[f64], shortages: usize, horizon: u32) -> LossStats {
    let n = losses.len();
    let (mean, half) = mean_half_width(losses.iter().copied());
    let half = if half.is_finite() { half } else { 0.0 };
    let std_dev = if n > 1 { half * (n as f64).sqrt() / Z_95 } else { 0.0 };
    let mut sorted = losses.to_vec();
    sorted.sort_by(f64::total_cmp);
    let (var95, cvar95) = var_cvar(&sorted, 0.95);
    let (var99, cvar99) = var_cvar(&sorted, 0.99);
    let years = f64::from(horizon) / 365.0;
    let exceedance = EXCEEDANCE_PROBABILITIES
        .iter()
        .filter(|&&p| n > 0 && p * n as f64 >= 1.0)
        .map(|&p| ExceedancePoint {
            probability: p,
            return_period_years: years / p,
            loss: quantile_sorted(&sorted, 1.0 - p),
        })
        .collect();
    let share = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    LossStats {
        unit: "USD".into(),
        trials: n as u64,
        mean,
        ci95: [mean - half, mean + half],
        std_dev,
        var95,
        cvar95,
        var99,
        cvar99,
        max: sorted.last().copied().unwrap_or(0.0),
        annual_expected_loss: if horizon == 0 { 0.0 } else { mean / years },
        p_any_loss: share(losses.iter().filter(|&&l| l > 0.0).count()),
        p_any_shortage: share(shortages),
        exceedance,
    }
}

/// Mean and 95% CI from a sum and a sum of squares over n trials.
fn mean_ci(sum: f64, sum_sq: f64, n: u64) -> (f64, [f64; 2]) {
    if n == 0 {
        return (0.0, [0.0, 0.0]);
    }
    let nf = n as f64;
    let mean = sum / nf;
    if n < 2 {
        return (mean, [mean, mean]);
    }
    let var = ((sum_sq - nf * mean * mean) / (nf - 1.0)).max(0.0);
    let half = Z_95 * (var / nf).sqrt();
    (mean, [mean - half, mean + half])
}

/// Quantile p over `impacted` trials: the `counts` histogram (bin b reported as `last_day(b)`),
/// then `beyond` trials beyond the horizon.
fn day_quantile(
    counts: &[u64],
    beyond: u64,
    impacted: u64,
    p: f64,
    last_day: impl Fn(usize) -> u32,
) -> Option<DayQuantile> {
    if impacted == 0 {
        return None;
    }
    let rank = ((p * impacted as f64).ceil() as u64).clamp(1, impacted);
    let mut seen = 0;
    for (b, &c) in counts.iter().enumerate() {
        seen += c;
        if seen >= rank {
            return Some(DayQuantile::Days(last_day(b)));
        }
    }
    debug_assert!(seen + beyond >= rank);
    Some(DayQuantile::BeyondHorizon)
}

fn recovery_stats(
    counts: &[u64],
    beyond: u64,
    impacted: u64,
    last_day: impl Fn(usize) -> u32 + Copy,
) -> RecoveryStats {
    RecoveryStats {
        impacted_trials: impacted,
        p50: day_quantile(counts, beyond, impacted, 0.5, last_day),
        p90: day_quantile(counts, beyond, impacted, 0.9, last_day),
        p99: day_quantile(counts, beyond, impacted, 0.99, last_day),
        beyond_horizon_share: if impacted == 0 { 0.0 } else { beyond as f64 / impacted as f64 },
    }
}

/// Percentile p of one day's ratio histogram (`low` counts bins 0..100; the rest of `n` trials
/// were fully served).
fn band_value(low: &[u64], n: u64, p: f64) -> f64 {
    let rank = ((p * n as f64).ceil() as u64).clamp(1, n.max(1));
    let mut seen = 0;
    for (b, &c) in low.iter().enumerate() {
        seen += c;
        if seen >= rank {
            return b as f64 / RATIO_BINS as f64;
        }
    }
    1.0
}

fn element_summary(
    acc: &ElementAcc,
    n: u64,
    scale: Scale,
    scale_sq: Scale,
    unit_value: f64,
    names: [String; 4],
) -> ElementSummary {
    let nf = n.max(1) as f64;
    let (contribution, ci) = mean_ci(scale.value(acc.contribution), scale_sq.value(acc.contribution_sq), n);
    let lost = scale.value(acc.lost_value) / nf;
    let [id, name, kind, country] = names;
    ElementSummary {
        id,
        name,
        kind,
        country,
        p_hit: acc.hit_trials as f64 / nf,
        p_impacted: acc.impacted_trials as f64 / nf,
        expected_lost_output_usd: lost,
        expected_lost_output_units: if unit_value > 0.0 { lost / unit_value } else { 0.0 },
        expected_shock_usd: scale.value(acc.shock) / nf,
        expected_contribution_usd: contribution,
        contribution_ci95: ci,
        recovery_days: recovery_stats(
            &acc.recovery_bins,
            acc.beyond_horizon,
            acc.impacted_trials,
            ttr_bin_last_day,
        ),
    }
}

fn rank(v: &mut [ElementSummary]) {
    v.sort_by(|a, b| {
        b.expected_contribution_usd
            .total_cmp(&a.expected_contribution_usd)
            .then(b.p_impacted.total_cmp(&a.p_impacted))
            .then(b.p_hit.total_cmp(&a.p_hit))
            .then_with(|| a.id.cmp(&b.id))
    });
}

impl Summary {
    /// The summary of arm `arm` of a run on `net`, from its accumulator.
    pub fn new(run: &RunInfo, arm: &str, stop: Stop, net: &Network, acc: &Accumulator) -> Summary {
        let n = acc.trials();
        let layout = &acc.layout;
        let (scale, sq) = (layout.scale, layout.scale_sq);
        let losses: Vec<f64> = acc.rows.iter().map(|r| r.loss).collect();
        let shortages = acc.rows.iter().filter(|r| r.first_shortage_day.is_some()).count();
        let loss = loss_stats(&losses, shortages, layout.horizon);
        let (lo_mean, lo_half) = mean_half_width(acc.rows.iter().map(|r| r.lost_output));
        let lo_half = if lo_half.is_finite() { lo_half } else { 0.0 };
        let nf = n.max(1) as f64;
        let country = |c: kuroshio_core::CountryId| c.code().to_string();
        let markets = net
            .markets
            .iter()
            .zip(&acc.markets)
            .map(|(&m, a)| {
                let f = net.facility(m);
                let unit_value = net.products[f.product.index()].unit_value;
                let (mean, ci) = mean_ci(scale.value(a.unmet), sq.value(a.unmet_sq), n);
                let bands = (!a.bands.is_empty()).then(|| {
                    // Trials observed d days after their first shortage: those observed longer.
                    let mut observed = vec![0u64; a.band_lengths.len()];
                    let mut longer = 0;
                    for d in (0..a.band_lengths.len()).rev() {
                        observed[d] = longer;
                        longer += a.band_lengths[d];
                    }
                    let mut per = [Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new()];
                    let mut trials = Vec::new();
                    for (day, counts) in a.bands.chunks(RATIO_BINS).enumerate() {
                        let obs = observed.get(day).copied().unwrap_or(0);
                        if obs == 0 {
                            break;
                        }
                        trials.push(obs);
                        for (k, &p) in BAND_PERCENTILES.iter().enumerate() {
                            per[k].push(band_value(counts, obs, p));
                        }
                    }
                    let [p5, p25, p50, p75, p95] = per;
                    Bands { trials, p5, p25, p50, p75, p95 }
                });
                MarketSummary {
                    id: f.id.clone(),
                    name: f.name.clone(),
                    country: country(f.country),
                    expected_unmet_usd: mean,
                    expected_unmet_ci95: ci,
                    expected_unmet_units: if unit_value > 0.0 { mean / unit_value } else { 0.0 },
                    p_shortage: a.shortage_trials as f64 / nf,
                    recovery_days: recovery_stats(
                        &a.recovery_days,
                        a.beyond_horizon,
                        a.impacted_trials,
                        |d| d as u32,
                    ),
                    bands,
                }
            })
            .collect();
        let mut facilities: Vec<ElementSummary> = acc
            .facilities
            .sorted()
            .into_iter()
            .map(|(id, a)| {
                let f = &net.facilities[id as usize];
                let unit_value = net.products[f.product.index()].unit_value;
                let names = [f.id.clone(), f.name.clone(), f.kind.as_str().to_string(), country(f.country)];
                element_summary(a, n, scale, sq, unit_value, names)
            })
            .collect();
        rank(&mut facilities);
        let mut chokepoints: Vec<ElementSummary> = acc
            .chokepoints
            .iter()
            .enumerate()
            .filter(|(_, a)| a.hit_trials > 0)
            .map(|(i, a)| {
                let c = &net.chokepoints[i];
                let kind = kuroshio_core::ChokepointKind::NAMED
                    .iter()
                    .find(|(_, k)| *k == c.kind)
                    .map_or("chokepoint", |(s, _)| s);
                let names = [c.id.clone(), c.name.clone(), kind.to_string(), country(c.country)];
                element_summary(a, n, scale, sq, 0.0, names)
            })
            .collect();
        rank(&mut chokepoints);
        let sectors = layout
            .sectors
            .iter()
            .zip(&acc.sectors)
            .map(|(name, a)| SectorSummary {
                sector: name.clone(),
                p_impacted: a.impacted_trials as f64 / nf,
                recovery_days: recovery_stats(&a.recovery_days, a.beyond_horizon, a.impacted_trials, |d| {
                    d as u32
                }),
            })
            .collect();
        let mut hazards: Vec<HazardSummary> = acc
            .hazards
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let (mean, ci) = mean_ci(scale.value(h.contribution), sq.value(h.contribution_sq), n);
                HazardSummary {
                    name: run.hazards.get(i).cloned().unwrap_or_else(|| format!("hazard[{i}]")),
                    p_struck: h.struck_trials as f64 / nf,
                    expected_contribution_usd: mean,
                    contribution_ci95: ci,
                    share_of_loss: if loss.mean > 0.0 { mean / loss.mean } else { 0.0 },
                }
            })
            .collect();
        hazards.sort_by(|a, b| {
            b.expected_contribution_usd
                .total_cmp(&a.expected_contribution_usd)
                .then_with(|| a.name.cmp(&b.name))
        });
        Summary {
            hazards,
            sectors,
            format: "kuroshio-summary".into(),
            version: SUMMARY_VERSION,
            run: run.clone(),
            arm: arm.to_string(),
            trials: n,
            stop: stop.as_str().into(),
            network: NetworkSize {
                facilities: net.facilities.len(),
                markets: net.markets.len(),
                links: net.links.len(),
                chokepoints: net.chokepoints.len(),
            },
            loss,
            lost_output: MeanCi { mean: lo_mean, ci95: [lo_mean - lo_half, lo_mean + lo_half] },
            unattributed_loss_usd: scale.value(acc.unattributed) / nf,
            markets,
            facilities,
            chokepoints,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn var_and_cvar_by_hand() {
        // Ten trials, losses 1..=10. VaR95 = L_(ceil(9.5)) = L_(10) = 10; CVaR95 = 10 + 0 = 10.
        // VaR 0.8 = L_(8) = 8; CVaR 0.8 = 8 + (1 + 2) / (0.2 * 10) = 9.5 = mean of {9, 10}.
        let sorted: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(var_cvar(&sorted, 0.95), (10.0, 10.0));
        let (v, c) = var_cvar(&sorted, 0.8);
        assert_eq!(v, 8.0);
        assert!((c - 9.5).abs() < 1e-12);
        // Median = L_(5).
        assert_eq!(quantile_sorted(&sorted, 0.5), 5.0);
    }

    #[test]
    fn loss_stats_by_hand() {
        // Losses 0, 0, 0, 4 over a 365-day horizon: mean 1, s = 2, half-width 1.96 * 2 / 2.
        let s = loss_stats(&[0.0, 4.0, 0.0, 0.0], 1, 365);
        assert_eq!(s.mean, 1.0);
        assert!((s.std_dev - 2.0).abs() < 1e-12);
        assert!((s.ci95[1] - (1.0 + Z_95)).abs() < 1e-12);
        assert_eq!(s.p_any_loss, 0.25);
        assert_eq!(s.p_any_shortage, 0.25);
        assert_eq!(s.annual_expected_loss, 1.0);
        // Only p = 0.5 is at least 1/4: the median is 0.
        assert_eq!(s.exceedance.len(), 1);
        assert_eq!(s.exceedance[0].loss, 0.0);
        assert_eq!(s.exceedance[0].return_period_years, 2.0);
    }

    #[test]
    fn day_quantiles_fall_beyond_the_horizon_past_the_observed_ranks() {
        // Impacted 4 times: recovered on day 2, 3, 3; one beyond the horizon.
        let counts = [0, 0, 1, 2];
        let q = |p| day_quantile(&counts, 1, 4, p, |b| b as u32);
        assert_eq!(q(0.5), Some(DayQuantile::Days(3)));
        assert_eq!(q(0.25), Some(DayQuantile::Days(2)));
        assert_eq!(q(0.9), Some(DayQuantile::BeyondHorizon));
        assert_eq!(day_quantile(&counts, 0, 0, 0.5, |b| b as u32), None);
    }

    #[test]
    fn band_values_are_lower_bin_edges_and_full_service_is_one() {
        // 10 trials: 1 at ratio bin 20, 1 at bin 50, 8 fully served.
        let mut low = vec![0u64; RATIO_BINS];
        low[20] = 1;
        low[50] = 1;
        assert_eq!(band_value(&low, 10, 0.05), 0.2);
        assert_eq!(band_value(&low, 10, 0.2), 0.5);
        assert_eq!(band_value(&low, 10, 0.25), 1.0);
    }
}
