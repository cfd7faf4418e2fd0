//! The ARIO parameters resolved for the day loop: reciprocals taken once, per-input inventory
//! durations looked up once.

use kuroshio_core::{ArioCompat, ArioSettings, OrderType};

/// Scalars of the ARIO rule set (docs/model.md §7.2).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params {
    pub alpha_base: f64,
    pub alpha_max: f64,
    /// 1 / tau_alpha (BoARIO multiplies by the reciprocal; so do we, for identical rounding).
    pub inv_alpha_tau: f64,
    pub psi: f64,
    /// 1 / tau_inv.
    pub restoration: f64,
    pub order_type: OrderType,
    pub compat: ArioCompat,
}

impl Params {
    pub fn new(s: &ArioSettings) -> Params {
        Params {
            alpha_base: s.alpha_base,
            alpha_max: s.alpha_max,
            inv_alpha_tau: 1.0 / s.alpha_tau,
            psi: s.psi,
            restoration: 1.0 / s.inventory_restoration_tau,
            order_type: s.order_type,
            compat: s.compat,
        }
    }
}

/// numpy's `allclose(a, b)` for one pair: |a - b| <= atol + rtol |b| with the defaults
/// rtol = 1e-5, atol = 1e-8 (in the network's units).
#[inline(always)]
pub(crate) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-8 + 1e-5 * b.abs()
}
