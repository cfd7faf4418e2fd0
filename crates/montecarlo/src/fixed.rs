//! Exact sums: money totals kept as integer multiples of a fixed unit, so that adding trials in
//! any grouping gives the same bits.
//!
//! # Why
//!
//! Floating-point addition is not associative: the sum of trials 0..300 computed as one run
//! differs in its last bits from the sum of shards 0..100, 100..200 and 200..300 added together.
//! Shards merged must give a `summary.json` byte-identical to the single run, and a run must not
//! keep one accumulator per block (that would grow with the trial count). So every total that a
//! run accumulates over trials (expected lost output, contributions to loss, unmet demand) is an
//! [`ExactSum`]: each trial's value is rounded once, to the nearest multiple of a unit 2^e, and
//! the multiples are added as 128-bit integers, which is exact and associative.
//!
//! # The unit
//!
//! [`Scale::for_magnitude`] picks e from a bound M on one trial's values (the run uses the
//! network's gross output value over the horizon): e = ceil(log2 M) - 80. A trial's value is then
//! resolved to 2^-80 of M (about 1e-24 relative to the whole network's output), far below any
//! figure a report shows, and 2^47 (1.4e14) trials of value M fit in an `i128` before it could
//! overflow; additions saturate rather than wrap beyond that. Squares (for confidence intervals)
//! use their own scale from M².
//!
//! The scale depends only on the network and horizon, so every shard of a run uses the same one;
//! [`ExactSum`] does not store it, its owner does.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Bits of resolution below a scale's magnitude.
pub const RESOLUTION_BITS: i32 = 80;

/// The unit 2^`exp` of a family of [`ExactSum`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    /// The unit is 2^exp.
    pub exp: i32,
}

impl Scale {
    /// The scale for values of magnitude up to `max` (see the [module documentation](self)).
    /// A non-positive or non-finite `max` gives the scale of 1.
    pub fn for_magnitude(max: f64) -> Scale {
        let e = if max.is_finite() && max > 0.0 { max.log2().ceil() as i32 } else { 0 };
        // Keep 2^exp and 2^-exp representable as normal f64s.
        Scale { exp: (e - RESOLUTION_BITS).clamp(-1000, 1000) }
    }

    /// `v` as a whole number of units, rounded to nearest (ties away from zero). NaN counts as
    /// 0; values beyond the i128 range saturate.
    pub fn quantize(self, v: f64) -> i128 {
        // Multiplying by a power of two is exact (barring overflow to infinity, which the
        // saturating cast turns into i128::MAX).
        (v * pow2(-self.exp)).round() as i128
    }

    /// An exact sum holding one value.
    pub fn sum_of(self, v: f64) -> ExactSum {
        ExactSum(self.quantize(v))
    }

    /// The value of a sum, as the nearest f64.
    pub fn value(self, s: ExactSum) -> f64 {
        s.0 as f64 * pow2(self.exp)
    }
}

/// 2^k for |k| <= 1000, exactly.
fn pow2(k: i32) -> f64 {
    f64::from_bits(((1023 + k as i64) as u64) << 52)
}

/// A sum of values in units of some [`Scale`]: exact and independent of the order of addition.
/// Serialized as a decimal string (JSON readers commonly lose integers beyond 2^53).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExactSum(pub i128);

impl ExactSum {
    /// Adds a sum (saturating at the i128 range).
    pub fn add(&mut self, other: ExactSum) {
        self.0 = self.0.saturating_add(other.0);
    }

    /// Adds a quantized value.
    pub fn add_units(&mut self, units: i128) {
        self.0 = self.0.saturating_add(units);
    }
}

impl Serialize for ExactSum {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ExactSum {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ExactSum, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map(ExactSum).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_is_2_to_the_minus_80_of_the_magnitude_bound() {
        // 1000 rounds up to 1024 = 2^10, so the unit is 2^-70.
        let s = Scale::for_magnitude(1000.0);
        assert_eq!(s.exp, -70);
        assert_eq!(s.quantize(1.0), 1i128 << 70);
        assert_eq!(s.value(ExactSum(3i128 << 69)), 1.5);
    }

    #[test]
    fn sums_are_the_same_in_any_grouping() {
        // 0.1 + 0.2 + 0.3 is not associative in f64; the exact sums are.
        let s = Scale::for_magnitude(1.0);
        let (a, b, c) = (s.sum_of(0.1), s.sum_of(0.2), s.sum_of(0.3));
        assert_ne!((0.1 + 0.2) + 0.3, 0.1 + (0.2 + 0.3));
        let mut left = a;
        left.add(b);
        left.add(c);
        let mut right = b;
        right.add(c);
        let mut total = a;
        total.add(right);
        assert_eq!(left, total);
        assert!((s.value(left) - 0.6).abs() < 1e-15);
    }

    #[test]
    fn round_trips_through_json_as_a_string() {
        let x = ExactSum(-(1i128 << 100) - 7);
        let text = serde_json::to_string(&x).unwrap();
        assert_eq!(text, "\"-1267650600228229401496703205383\"");
        assert_eq!(serde_json::from_str::<ExactSum>(&text).unwrap(), x);
    }

    #[test]
    fn nan_counts_as_zero_and_overflow_saturates() {
        let s = Scale::for_magnitude(1.0);
        assert_eq!(s.quantize(f64::NAN), 0);
        assert_eq!(s.quantize(1e300), i128::MAX);
        let mut x = ExactSum(i128::MAX);
        x.add(ExactSum(5));
        assert_eq!(x.0, i128::MAX);
    }
}
