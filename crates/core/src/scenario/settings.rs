//! `[settings]`: scenario-wide parameters, each with a documented default
//! (docs/file-formats.md).

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::error::{Diagnostics, Location, Problem};
use crate::scenario::ario::{ArioSettings, Model};
use crate::scenario::manifest::unknown_key;

/// Scenario-wide settings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    /// Days simulated in one trial.
    pub horizon_days: u32,
    /// Default days of each input held in stock, for facilities that do not say.
    pub inventory_days: f64,
    /// Output-ratio tolerance epsilon for impact and recovery (MODEL.md §5).
    pub epsilon: f64,
    /// Default baseline utilization, for facilities that give neither capacity nor utilization.
    pub utilization: f64,
    /// Allowed deviation of one customer's shares of one product from 1.
    pub share_tolerance: f64,
    /// Relative tolerance of the iterative (cyclic) baseline solve.
    pub baseline_tolerance: f64,
    /// Iteration cap of the iterative baseline solve.
    pub baseline_max_iterations: u32,
    /// Inventory adjustment time tau (days): orders close the gap to target stock over tau days.
    pub adjustment_days: f64,
    /// Unmet market demand carries over as backlog (true) or is lost (false: lost sales).
    pub backlog: bool,
    /// Days of shortfall from a supplier before its customer shifts share to other suppliers.
    pub switch_after_days: u32,
    /// Whether shifted shares return to the baseline once the shortfall is over.
    pub shares_return: bool,
    /// Relative size below which a deviation from the baseline is treated as zero.
    pub snap_tolerance: f64,
    /// The rule set trials are stepped with (`native` or `ario`).
    pub model: Model,
    /// Parameters of the ARIO rule set (`[ario]`), read when `model` is `ario`.
    pub ario: ArioSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            horizon_days: 365,
            inventory_days: 30.0,
            epsilon: 0.01,
            utilization: 0.85,
            share_tolerance: 1e-6,
            baseline_tolerance: 1e-10,
            baseline_max_iterations: 100_000,
            adjustment_days: 7.0,
            backlog: false,
            switch_after_days: 7,
            shares_return: true,
            snap_tolerance: 1e-6,
            model: Model::Native,
            ario: ArioSettings::default(),
        }
    }
}

/// Names of the keys `[settings]` accepts.
pub const SETTINGS_KEYS: &[&str] = &[
    "horizon_days",
    "inventory_days",
    "epsilon",
    "utilization",
    "share_tolerance",
    "baseline_tolerance",
    "baseline_max_iterations",
    "adjustment_days",
    "backlog",
    "switch_after_days",
    "shares_return",
    "snap_tolerance",
    "model",
];

impl Settings {
    /// Parses `[settings]`, keeping the default for keys not given and recording located errors.
    pub fn parse(
        t: &DeTable<'_>,
        at: &dyn Fn(Range<usize>) -> Location,
        diags: &mut Diagnostics,
    ) -> Settings {
        let mut s = Settings::default();
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let loc = || at(v.span());
            let field = Some(format!("settings.{key}"));
            let number = |diags: &mut Diagnostics, lo: f64, hi: f64, open_lo: bool| -> Option<f64> {
                let expected = if open_lo {
                    format!("a number greater than {lo} and at most {hi}")
                } else {
                    format!("a number from {lo} to {hi}")
                };
                let text = match v.get_ref() {
                    DeValue::Integer(i) => i.as_str().replace('_', ""),
                    DeValue::Float(f) => f.as_str().replace('_', ""),
                    other => {
                        diags.error(
                            loc(),
                            field.clone(),
                            Problem::InvalidValue { value: other.type_str().into(), expected },
                        );
                        return None;
                    }
                };
                match text.parse::<f64>() {
                    Ok(x) if !x.is_finite() => {
                        diags.error(loc(), field.clone(), Problem::NotFinite { value: text, expected });
                        None
                    }
                    Ok(x) if x > hi || x < lo || (open_lo && x == lo) => {
                        diags.error(loc(), field.clone(), Problem::OutOfRange { value: text, expected });
                        None
                    }
                    Ok(x) => Some(x),
                    Err(_) => {
                        diags.error(loc(), field.clone(), Problem::InvalidValue { value: text, expected });
                        None
                    }
                }
            };
            let whole = |diags: &mut Diagnostics, lo: f64, hi: f64| -> Option<u32> {
                let x = number(diags, lo, hi, false)?;
                if x.fract() != 0.0 {
                    diags.error(
                        loc(),
                        Some(format!("settings.{key}")),
                        Problem::InvalidValue {
                            value: x.to_string(),
                            expected: format!("a whole number from {lo} to {hi}"),
                        },
                    );
                    return None;
                }
                Some(x as u32)
            };
            match key {
                "horizon_days" => s.horizon_days = whole(diags, 1.0, 36_500.0).unwrap_or(s.horizon_days),
                "inventory_days" => {
                    s.inventory_days = number(diags, 0.0, 3650.0, false).unwrap_or(s.inventory_days)
                }
                "epsilon" => s.epsilon = number(diags, 0.0, 0.5, true).unwrap_or(s.epsilon),
                "utilization" => s.utilization = number(diags, 0.0, 1.0, true).unwrap_or(s.utilization),
                "share_tolerance" => {
                    s.share_tolerance = number(diags, 0.0, 0.1, true).unwrap_or(s.share_tolerance)
                }
                "baseline_tolerance" => {
                    s.baseline_tolerance = number(diags, 0.0, 0.01, true).unwrap_or(s.baseline_tolerance)
                }
                "baseline_max_iterations" => {
                    s.baseline_max_iterations = whole(diags, 1.0, 1e8).unwrap_or(s.baseline_max_iterations)
                }
                "adjustment_days" => {
                    s.adjustment_days = number(diags, 1.0, 365.0, false).unwrap_or(s.adjustment_days)
                }
                "switch_after_days" => {
                    s.switch_after_days = whole(diags, 0.0, 3650.0).unwrap_or(s.switch_after_days)
                }
                "snap_tolerance" => {
                    s.snap_tolerance = number(diags, 0.0, 1e-3, false).unwrap_or(s.snap_tolerance)
                }
                "model" => match v.get_ref() {
                    DeValue::String(m) if Model::parse(m).is_some() => {
                        s.model = Model::parse(m).unwrap_or_default()
                    }
                    other => diags.error(
                        loc(),
                        field.clone(),
                        Problem::InvalidValue {
                            value: match other {
                                DeValue::String(m) => m.to_string(),
                                o => o.type_str().into(),
                            },
                            expected: "`native` or `ario`".into(),
                        },
                    ),
                },
                "backlog" | "shares_return" => match v.get_ref() {
                    DeValue::Boolean(b) => {
                        if key == "backlog" {
                            s.backlog = *b
                        } else {
                            s.shares_return = *b
                        }
                    }
                    other => diags.error(
                        loc(),
                        field.clone(),
                        Problem::InvalidValue {
                            value: other.type_str().into(),
                            expected: "true or false".into(),
                        },
                    ),
                },
                other => unknown_key(other, k.span(), "settings.", SETTINGS_KEYS, at, diags),
            }
        }
        s
    }
}
