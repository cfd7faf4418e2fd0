//! Comparing interventions with the base case on common random numbers (MODEL.md §6).
//!
//! Every arm of a `compare` run meets the same sampled disruptions in every trial, so the
//! per-trial difference d_i = L_i(base) − L_i(intervention) isolates the intervention's effect
//! from the luck of the draw. Reported, per intervention:
//!
//! - the mean loss reduction per trial d̄ = Σ d_i / N (summed in trial order) with its 95% CI
//!   d̄ ± 1.96 s_d / √N (s_d the sample standard deviation of the d_i): a paired interval, much
//!   narrower than the difference of two independent means when the arms are correlated;
//! - the change in VaR 99%: VaR99(intervention) − VaR99(base) (negative = tail risk reduced);
//! - the annual benefit d̄ · 365 / horizon and, when the intervention states a cost per year,
//!   the benefit per unit of cost (annual benefit / annual cost).
//!
//! An intervention that changes nothing gives d_i = 0 in every trial, so exactly 0 and [0, 0].

use serde::{Deserialize, Serialize};

use crate::accumulate::Accumulator;
use crate::runner::mean_half_width;
use crate::summary::var_cvar;

/// One intervention against the base case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The intervention.
    pub intervention: String,
    /// Trials compared.
    pub trials: u64,
    /// Mean loss per trial, base case, USD.
    pub base_mean_loss: f64,
    /// Mean loss per trial with the intervention, USD.
    pub mean_loss: f64,
    /// Mean paired loss reduction per trial, USD (positive = the intervention helps).
    pub mean_reduction: f64,
    /// Its 95% confidence interval.
    pub reduction_ci95: [f64; 2],
    /// VaR 99% of the base case, USD.
    pub base_var99: f64,
    /// VaR 99% with the intervention, USD.
    pub var99: f64,
    /// var99 − base_var99, USD.
    pub var99_change: f64,
    /// Mean reduction scaled to a year, USD per year.
    pub annual_benefit: f64,
    /// Stated annual cost, USD per year.
    pub cost_per_year: Option<f64>,
    /// annual_benefit / cost_per_year (none without a positive cost).
    pub benefit_per_cost: Option<f64>,
}

/// Compares the accumulator of an intervention's arm with the base arm's (same trials).
pub fn compare(name: &str, base: &Accumulator, arm: &Accumulator, cost_per_year: Option<f64>) -> Comparison {
    debug_assert_eq!(base.first_trial, arm.first_trial);
    debug_assert_eq!(base.trials(), arm.trials());
    let diffs = base.rows.iter().zip(&arm.rows).map(|(b, a)| b.loss - a.loss);
    let (mean_reduction, half) = mean_half_width(diffs);
    let half = if half.is_finite() { half } else { 0.0 };
    let (base_mean_loss, _) = mean_half_width(base.rows.iter().map(|r| r.loss));
    let (mean_loss, _) = mean_half_width(arm.rows.iter().map(|r| r.loss));
    let var99 = |acc: &Accumulator| {
        let mut v: Vec<f64> = acc.rows.iter().map(|r| r.loss).collect();
        v.sort_by(f64::total_cmp);
        var_cvar(&v, 0.99).0
    };
    let (base_var99, arm_var99) = (var99(base), var99(arm));
    let horizon = f64::from(base.layout.horizon.max(1));
    let annual_benefit = mean_reduction * 365.0 / horizon;
    Comparison {
        intervention: name.to_string(),
        trials: base.trials(),
        base_mean_loss,
        mean_loss,
        mean_reduction,
        reduction_ci95: [mean_reduction - half, mean_reduction + half],
        base_var99,
        var99: arm_var99,
        var99_change: arm_var99 - base_var99,
        annual_benefit,
        cost_per_year,
        benefit_per_cost: cost_per_year.filter(|&c| c > 0.0).map(|c| annual_benefit / c),
    }
}
