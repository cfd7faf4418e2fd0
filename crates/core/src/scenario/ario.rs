//! `[ario]` and `settings.model`: which rule set steps the days, and the parameters of the
//! ARIO rule set (Hallegatte 2008, 2014; docs/model.md §7), each with a documented default
//! (docs/file-formats.md §2.3.1).

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::error::{Diagnostics, Location, Problem};
use crate::scenario::manifest::unknown_key;

/// The rule set a trial is stepped with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Model {
    /// Kuroshio's own rules (MODEL.md §3): lead times, order-up-to inventories, supplier
    /// switching, rerouting.
    #[default]
    Native,
    /// The ARIO rule set with the psi inventory constraint (docs/model.md §7).
    Ario,
}

impl Model {
    /// The names `settings.model` and `--model` accept.
    pub const NAMED: &'static [(&'static str, Model)] = &[("native", Model::Native), ("ario", Model::Ario)];

    /// Parses `native` or `ario`.
    pub fn parse(text: &str) -> Option<Model> {
        Model::NAMED.iter().find(|(n, _)| *n == text).map(|(_, m)| *m)
    }

    /// The file spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Model::Native => "native",
            Model::Ario => "ario",
        }
    }
}

/// How ARIO splits a customer's order for a product among the suppliers of that product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum OrderType {
    /// In proportion to baseline flow times the supplier's current production ratio (Guan et al.
    /// 2020; BoARIO's default `"alt"`): business moves towards suppliers that still produce.
    #[default]
    Alt,
    /// In proportion to baseline flow (Hallegatte 2013; BoARIO's `"noalt"`).
    Static,
}

/// Where BoARIO 0.7.2's code departs from the published equations. Each switch `true` is
/// BoARIO's behaviour, `false` the papers' (docs/model.md §7.7). Default: [`ArioCompat::PAPER`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ArioCompat {
    /// Overproduction: alpha is first updated on day 2, relaxes towards `alpha_base` only when
    /// scarcity is exactly 0.0, and a negative scarcity lowers it (floored at 1). Papers: updated
    /// from day 1, rising with positive scarcity and relaxing whenever scarcity is not positive.
    pub alpha_exact_zero: bool,
    /// numpy `allclose` shortcuts: the inventory update is skipped when every input received is
    /// within 1e-8 + 1e-5 |used| of the input used, and the inventory gap is taken as zero when
    /// every stock is within 1e-8 + 1e-5 |target| of its target.
    pub tolerance_shortcuts: bool,
    /// A capital loss stays at full depth one day longer before its recovery profile starts
    /// (BoARIO starts recovering at the end of the step after the event's duration).
    pub recovery_lag: bool,
    /// The `alt` order split weighs suppliers by production capacity over baseline output
    /// (alpha included), as BoARIO's code does; `false`: realised production over baseline
    /// output, as Guan et al. (2020) and BoARIO's docs write it. `true` in both presets: with
    /// production weights a supplier that made nothing one day (banned, blocked, fully
    /// destroyed) is never ordered from again, and one that made less keeps its smaller share.
    pub capacity_weights: bool,
    /// The input mask: an input constrains production only when its annual flow exceeds 1e-5
    /// times the customer's daily output (BoARIO compares annual Z with daily x). Papers: every
    /// input with a positive flow constrains.
    pub annual_input_mask: bool,
}

impl ArioCompat {
    /// Every switch at BoARIO 0.7.2's behaviour.
    pub const BOARIO: ArioCompat = ArioCompat {
        alpha_exact_zero: true,
        tolerance_shortcuts: true,
        recovery_lag: true,
        capacity_weights: true,
        annual_input_mask: true,
    };
    /// The published equations (the default), with capacity weights in the order split (see
    /// [`ArioCompat::capacity_weights`]).
    pub const PAPER: ArioCompat = ArioCompat {
        alpha_exact_zero: false,
        tolerance_shortcuts: false,
        recovery_lag: false,
        capacity_weights: true,
        annual_input_mask: false,
    };

    /// The preset named `paper` or `boario`.
    pub fn preset(name: &str) -> Option<ArioCompat> {
        match name {
            "paper" => Some(ArioCompat::PAPER),
            "boario" => Some(ArioCompat::BOARIO),
            _ => None,
        }
    }
}

/// Parameters of the ARIO rule set (`[ario]`), read when `settings.model = "ario"`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArioSettings {
    /// Base overproduction factor alpha_b.
    pub alpha_base: f64,
    /// Maximum overproduction factor alpha_max.
    pub alpha_max: f64,
    /// Characteristic time of overproduction tau_alpha, days.
    pub alpha_tau: f64,
    /// Share psi of the target inventory below which production is constrained.
    pub psi: f64,
    /// Target inventory of every input, in days of use (BoARIO's `main_inv_dur`).
    pub inventory_duration: f64,
    /// Per-product overrides of `inventory_duration`: (product id, days), in file order.
    pub inventory_duration_by_product: Vec<(String, f64)>,
    /// Inventory restoration time tau_inv, days: the inventory gap is ordered at 1/tau_inv a day.
    pub inventory_restoration_tau: f64,
    /// Productive capital over annual value added (K = ratio * VA).
    pub capital_to_va: f64,
    /// How orders are split among the suppliers of a product.
    pub order_type: OrderType,
    /// The BoARIO-compatibility switches.
    pub compat: ArioCompat,
}

impl Default for ArioSettings {
    fn default() -> Self {
        ArioSettings {
            alpha_base: 1.0,
            alpha_max: 1.25,
            alpha_tau: 365.0,
            psi: 0.8,
            inventory_duration: 90.0,
            inventory_duration_by_product: Vec::new(),
            inventory_restoration_tau: 60.0,
            capital_to_va: 4.0,
            order_type: OrderType::Alt,
            compat: ArioCompat::PAPER,
        }
    }
}

/// Names of the keys `[ario]` accepts.
pub const ARIO_KEYS: &[&str] = &[
    "alpha_base",
    "alpha_max",
    "alpha_tau",
    "psi",
    "inventory_duration",
    "inventory_duration_by_product",
    "inventory_restoration_tau",
    "capital_to_va",
    "order_type",
    "compat",
    "alpha_exact_zero",
    "tolerance_shortcuts",
    "recovery_lag",
    "capacity_weights",
    "annual_input_mask",
];

/// A number from a TOML value, within [lo, hi] (or (lo, hi] with `open_lo`), or a located
/// error naming `field` and what was expected.
pub(crate) fn toml_number(
    v: &DeValue<'_>,
    loc: Location,
    field: &str,
    (lo, hi, open_lo): (f64, f64, bool),
    diags: &mut Diagnostics,
) -> Option<f64> {
    let expected = if open_lo {
        format!("a number greater than {lo} and at most {hi}")
    } else {
        format!("a number from {lo} to {hi}")
    };
    let field = Some(field.to_string());
    let text = match v {
        DeValue::Integer(i) => i.as_str().replace('_', ""),
        DeValue::Float(f) => f.as_str().replace('_', ""),
        other => {
            diags.error(loc, field, Problem::InvalidValue { value: other.type_str().into(), expected });
            return None;
        }
    };
    match text.parse::<f64>() {
        Ok(x) if !x.is_finite() => {
            diags.error(loc, field, Problem::NotFinite { value: text, expected });
            None
        }
        Ok(x) if x > hi || x < lo || (open_lo && x == lo) => {
            diags.error(loc, field, Problem::OutOfRange { value: text, expected });
            None
        }
        Ok(x) => Some(x),
        Err(_) => {
            diags.error(loc, field, Problem::InvalidValue { value: text, expected });
            None
        }
    }
}

/// Per-product inventory overrides as written, with where, for checking the product ids once
/// the products table is loaded.
pub type ProductKeys = Vec<(String, Location)>;

impl ArioSettings {
    /// Parses `[ario]`, keeping the default for keys not given and recording located errors.
    /// Returns the settings and the location of every per-product key.
    pub fn parse(
        t: &DeTable<'_>,
        at: &dyn Fn(Range<usize>) -> Location,
        diags: &mut Diagnostics,
    ) -> (ArioSettings, ProductKeys) {
        let mut s = ArioSettings::default();
        let mut products = Vec::new();
        // Individual switches apply over the preset whatever their order in the file.
        let mut switches: Vec<(&str, bool)> = Vec::new();
        let mut alpha_max_at: Option<Location> = None;
        let mut alpha_base_at: Option<Location> = None;
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let loc = || at(v.span());
            let field = format!("ario.{key}");
            let num = |diags: &mut Diagnostics, range: (f64, f64, bool)| {
                toml_number(v.get_ref(), loc(), &field, range, diags)
            };
            match key {
                "alpha_base" => {
                    s.alpha_base = num(diags, (1.0, 10.0, false)).unwrap_or(s.alpha_base);
                    alpha_base_at = Some(loc());
                }
                "alpha_max" => {
                    s.alpha_max = num(diags, (1.0, 10.0, false)).unwrap_or(s.alpha_max);
                    alpha_max_at = Some(loc());
                }
                "alpha_tau" => s.alpha_tau = num(diags, (1.0, 36_500.0, false)).unwrap_or(s.alpha_tau),
                "psi" => s.psi = num(diags, (0.0, 1.0, true)).unwrap_or(s.psi),
                "inventory_duration" => {
                    s.inventory_duration = num(diags, (1.0, 3650.0, true)).unwrap_or(s.inventory_duration)
                }
                "inventory_restoration_tau" => {
                    s.inventory_restoration_tau =
                        num(diags, (1.0, 3650.0, false)).unwrap_or(s.inventory_restoration_tau)
                }
                "capital_to_va" => {
                    s.capital_to_va = num(diags, (0.0, 1000.0, true)).unwrap_or(s.capital_to_va)
                }
                "inventory_duration_by_product" => match v.get_ref() {
                    DeValue::Table(pt) => {
                        for (pk, pv) in pt.iter() {
                            let id = pk.get_ref().to_string();
                            let f = format!("ario.inventory_duration_by_product.{id}");
                            if let Some(d) =
                                toml_number(pv.get_ref(), at(pv.span()), &f, (1.0, 3650.0, true), diags)
                            {
                                s.inventory_duration_by_product.push((id.clone(), d));
                                products.push((id, at(pk.span())));
                            }
                        }
                    }
                    other => diags.error(
                        loc(),
                        Some(field.clone()),
                        Problem::InvalidValue {
                            value: other.type_str().into(),
                            expected: "a table of product id = days ([ario.inventory_duration_by_product])"
                                .into(),
                        },
                    ),
                },
                "order_type" | "compat" => {
                    let (names, expected): (&[&str], &str) = if key == "order_type" {
                        (&["alt", "noalt"], "`alt` or `noalt`")
                    } else {
                        (&["paper", "boario"], "`paper` or `boario`")
                    };
                    let text = match v.get_ref() {
                        DeValue::String(x) => x.to_string(),
                        other => other.type_str().to_string(),
                    };
                    if !names.contains(&text.as_str()) || !matches!(v.get_ref(), DeValue::String(_)) {
                        diags.error(
                            loc(),
                            Some(field.clone()),
                            Problem::InvalidValue { value: text, expected: expected.into() },
                        );
                    } else if key == "order_type" {
                        s.order_type = if text == "alt" { OrderType::Alt } else { OrderType::Static };
                    } else if let Some(p) = ArioCompat::preset(&text) {
                        s.compat = p;
                    }
                }
                "alpha_exact_zero"
                | "tolerance_shortcuts"
                | "recovery_lag"
                | "capacity_weights"
                | "annual_input_mask" => match v.get_ref() {
                    DeValue::Boolean(b) => {
                        let name = ARIO_KEYS.iter().copied().find(|n| *n == key).unwrap_or("");
                        switches.push((name, *b));
                    }
                    other => diags.error(
                        loc(),
                        Some(field.clone()),
                        Problem::InvalidValue {
                            value: other.type_str().into(),
                            expected: "true or false".into(),
                        },
                    ),
                },
                other => unknown_key(other, k.span(), "ario.", ARIO_KEYS, at, diags),
            }
        }
        for (name, b) in switches {
            let c = &mut s.compat;
            match name {
                "alpha_exact_zero" => c.alpha_exact_zero = b,
                "tolerance_shortcuts" => c.tolerance_shortcuts = b,
                "recovery_lag" => c.recovery_lag = b,
                "capacity_weights" => c.capacity_weights = b,
                _ => c.annual_input_mask = b,
            }
        }
        if s.alpha_max < s.alpha_base
            && let Some(loc) = alpha_max_at.or(alpha_base_at)
        {
            diags.error(
                loc,
                Some("ario.alpha_max".into()),
                Problem::OutOfRange {
                    value: s.alpha_max.to_string(),
                    expected: format!("a number at least alpha_base ({})", s.alpha_base),
                },
            );
        }
        (s, products)
    }

    /// Target inventory days of `product` (its override, else `inventory_duration`).
    pub fn inventory_days(&self, product: &str) -> f64 {
        self.inventory_duration_by_product
            .iter()
            .rev()
            .find(|(p, _)| p == product)
            .map_or(self.inventory_duration, |(_, d)| *d)
    }
}
