//! Probability distributions for hazard severities, durations and other sampled quantities.
//!
//! A [`Distribution`] is built by a checked constructor ([`Distribution::triangular`], ...) or
//! from a name and named parameters ([`Distribution::from_params`], the form a scenario file
//! gives), so every value of the type has valid parameters: sampling never fails and never
//! returns NaN. Its variants are `#[non_exhaustive]`, so code outside this crate can read the
//! parameters by matching (`Distribution::Gamma { shape, scale, .. }`) but cannot build a
//! variant without the checks.
//!
//! | name | parameters | constraint | mean |
//! | --- | --- | --- | --- |
//! | `fixed` | value | finite | value |
//! | `uniform` | min, max | min < max | (min + max) / 2 |
//! | `triangular` | min, mode, max | min <= mode <= max, min < max | (min + mode + max) / 3 |
//! | `pert` | min, mode, max | as triangular | (min + 4 mode + max) / 6 |
//! | `lognormal` | median, p90 | 0 < median < p90 | exp(mu + sigma² / 2) |
//! | `lognormal` | mu, sigma | sigma > 0 | exp(mu + sigma² / 2) |
//! | `weibull` | shape, scale | both > 0 | scale Γ(1 + 1/shape) |
//! | `gamma` | shape, scale | both > 0 | shape × scale |
//! | `beta` | a, b | both > 0 | a / (a + b) |
//!
//! Every parameter must also be finite, and the width max - min of a range must not overflow.
//!
//! # Numerics and reproducibility
//!
//! Sampling uses `rand_distr`'s algorithms (inverse CDF for triangular and Weibull, the
//! ziggurat normal for lognormal, Marsaglia-Tsang for gamma, Cheng's BB/BC for beta and PERT),
//! drawing from the generator it is given: with [`trial_rng`](crate::trial_rng) the draws of a
//! trial depend only on (seed, trial, component). A draw count is not fixed for gamma, beta and
//! PERT (rejection sampling) and is zero for `fixed`; components have separate windows
//! precisely so this does not matter.
//!
//! `rand_distr` computes `exp`, `ln`, `powf` and `sqrt` through `num-traits`, which uses the
//! pure-Rust `libm` unless some crate in the build enables `num-traits/std` (as `statrs`'s default
//! features do), in which case it uses the platform's math library. A given binary is
//! deterministic either way; identical results across operating systems need `libm`, so this
//! crate does not enable `num-traits/std`, and a dependency that does should be noticed.
//!
//! Cargo unifies features over everything one command builds, dev-dependencies included. In this
//! workspace `proptest` and `criterion` (dev-dependencies of other members) enable
//! `num-traits/std`, so `cargo test --workspace` samples with the platform's math while
//! `cargo build` of the binary and `cargo test -p kuroshio-montecarlo` use `libm`. The two differ
//! in the last bits of many draws: on x86_64 Linux, of 100,000 draws from one stream, about 10% of
//! lognormal, 15% of Weibull and 9% of beta draws, 0.08% of gamma draws and none of uniform or
//! triangular ones (only arithmetic and `sqrt`, which are exact in both). So a test that pins
//! sampled values bit for bit must compare values made within one build, never numbers the
//! binary printed.

use std::fmt;

use rand::Rng;
use rand_distr::Distribution as _;

use crate::MonteCarloError;

/// The standard normal quantile at 0.9: a lognormal's p90 is `median * exp(Z_90 * sigma)`.
pub const Z_90: f64 = 1.2815515655446004;

/// The shape parameter λ of the beta-PERT distribution: mean = (min + λ mode + max) / (λ + 2).
pub const PERT_LAMBDA: f64 = 4.0;

/// The names [`Distribution::from_params`] accepts, in the order error messages list them.
pub const KNOWN_DISTRIBUTIONS: [&str; 8] =
    ["fixed", "uniform", "triangular", "pert", "lognormal", "weibull", "gamma", "beta"];

/// Parameters were checked when the distribution was built; `rand_distr`'s checks are weaker.
const VALIDATED: &str = "distribution parameters are validated at construction";

/// A probability distribution over `f64` with validated parameters. See the
/// [module documentation](self) for the parameters, constraints and means.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Distribution {
    /// Always `value`. Draws nothing from the generator.
    #[non_exhaustive]
    Fixed {
        /// The value.
        value: f64,
    },
    /// Uniform on [min, max).
    #[non_exhaustive]
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound (exclusive).
        max: f64,
    },
    /// Triangular on [min, max] with its peak at `mode`.
    #[non_exhaustive]
    Triangular {
        /// Lower bound.
        min: f64,
        /// Most likely value.
        mode: f64,
        /// Upper bound.
        max: f64,
    },
    /// Beta-PERT on [min, max] with most likely value `mode` and λ = [`PERT_LAMBDA`]: a beta
    /// distribution with shapes 1 + 4 (mode - min) / (max - min) and 1 + 4 (max - mode) /
    /// (max - min), scaled to [min, max].
    #[non_exhaustive]
    Pert {
        /// Lower bound.
        min: f64,
        /// Most likely value.
        mode: f64,
        /// Upper bound.
        max: f64,
    },
    /// Lognormal: `exp(mu + sigma Z)` with Z standard normal. Median `exp(mu)`, p90
    /// `exp(mu + Z_90 sigma)`.
    #[non_exhaustive]
    Lognormal {
        /// Mean of the logarithm.
        mu: f64,
        /// Standard deviation of the logarithm (> 0).
        sigma: f64,
    },
    /// Weibull: P(X > x) = exp(-(x / scale)^shape).
    #[non_exhaustive]
    Weibull {
        /// Shape k (> 0): below 1 the hazard rate falls with time, above 1 it rises.
        shape: f64,
        /// Scale λ (> 0), the 63rd percentile.
        scale: f64,
    },
    /// Gamma with density ∝ x^(shape - 1) exp(-x / scale).
    #[non_exhaustive]
    Gamma {
        /// Shape k (> 0).
        shape: f64,
        /// Scale θ (> 0).
        scale: f64,
    },
    /// Beta on (0, 1), for severities such as the share of capacity lost. With very small
    /// shapes a draw can round to exactly 0 or 1.
    #[non_exhaustive]
    Beta {
        /// First shape (> 0).
        a: f64,
        /// Second shape (> 0).
        b: f64,
    },
}

impl Distribution {
    /// Always `value`.
    pub fn fixed(value: f64) -> Result<Self, MonteCarloError> {
        let value = finite("fixed", "value", value)?;
        Ok(Self::Fixed { value })
    }

    /// Uniform on [min, max); needs min < max.
    pub fn uniform(min: f64, max: f64) -> Result<Self, MonteCarloError> {
        let d = "uniform";
        let (min, max) = (finite(d, "min", min)?, finite(d, "max", max)?);
        let parameters = || vec![("min", min), ("max", max)];
        if min >= max {
            return Err(MonteCarloError::Order {
                distribution: d,
                expected: "min < max",
                parameters: parameters(),
            });
        }
        finite_width(d, max - min, parameters)?;
        Ok(Self::Uniform { min, max })
    }

    /// Triangular on [min, max] peaking at `mode`; needs min <= mode <= max and min < max.
    pub fn triangular(min: f64, mode: f64, max: f64) -> Result<Self, MonteCarloError> {
        let (min, mode, max) = range_with_mode("triangular", min, mode, max)?;
        Ok(Self::Triangular { min, mode, max })
    }

    /// Beta-PERT (λ = 4) on [min, max] with most likely value `mode`; needs min <= mode <= max
    /// and min < max.
    pub fn pert(min: f64, mode: f64, max: f64) -> Result<Self, MonteCarloError> {
        let (min, mode, max) = range_with_mode("pert", min, mode, max)?;
        Ok(Self::Pert { min, mode, max })
    }

    /// Lognormal with the given median and 90th percentile; needs 0 < median < p90. Then
    /// mu = ln(median) and sigma = ln(p90 / median) / [`Z_90`].
    pub fn lognormal_median_p90(median: f64, p90: f64) -> Result<Self, MonteCarloError> {
        let d = "lognormal";
        let median = positive(d, "median", median)?;
        let p90 = finite(d, "p90", p90)?;
        let mu = median.ln();
        // ln(p90) - ln(median) rather than ln(p90 / median): the quotient can overflow.
        let sigma = (p90.ln() - mu) / Z_90;
        // Also catches a p90 so close to the median that sigma rounds to 0.
        if !(p90 > median && sigma > 0.0) {
            return Err(MonteCarloError::Order {
                distribution: d,
                expected: "p90 > median",
                parameters: vec![("median", median), ("p90", p90)],
            });
        }
        Ok(Self::Lognormal { mu, sigma })
    }

    /// Lognormal with log-mean `mu` and log-standard deviation `sigma` > 0.
    pub fn lognormal_mu_sigma(mu: f64, sigma: f64) -> Result<Self, MonteCarloError> {
        let d = "lognormal";
        let mu = finite(d, "mu", mu)?;
        let sigma = positive(d, "sigma", sigma)?;
        Ok(Self::Lognormal { mu, sigma })
    }

    /// Weibull with `shape` > 0 and `scale` > 0.
    pub fn weibull(shape: f64, scale: f64) -> Result<Self, MonteCarloError> {
        let d = "weibull";
        Ok(Self::Weibull { shape: positive(d, "shape", shape)?, scale: positive(d, "scale", scale)? })
    }

    /// Gamma with `shape` > 0 and `scale` > 0.
    pub fn gamma(shape: f64, scale: f64) -> Result<Self, MonteCarloError> {
        let d = "gamma";
        Ok(Self::Gamma { shape: positive(d, "shape", shape)?, scale: positive(d, "scale", scale)? })
    }

    /// Beta with shapes `a` > 0 and `b` > 0.
    pub fn beta(a: f64, b: f64) -> Result<Self, MonteCarloError> {
        let d = "beta";
        Ok(Self::Beta { a: positive(d, "a", a)?, b: positive(d, "b", b)? })
    }

    /// Builds a distribution from its name (one of [`KNOWN_DISTRIBUTIONS`], in any ASCII case)
    /// and named parameters, as a scenario file gives them, e.g.
    /// `from_params("lognormal", &[("median", 14.0), ("p90", 45.0)])`. The parameter names are
    /// those of the [module documentation](self)'s table; a lognormal takes either `median` and
    /// `p90` or `mu` and `sigma`.
    ///
    /// Errors name the distribution and the parameter: an unknown name lists the known ones, an
    /// unknown, repeated or missing parameter lists the expected ones, and a bad value says what
    /// was expected.
    pub fn from_params(kind: &str, params: &[(&str, f64)]) -> Result<Self, MonteCarloError> {
        let lower = kind.to_ascii_lowercase();
        let (name, accepted, expected): (&'static str, &'static [&'static str], &'static str) = match lower
            .as_str()
        {
            "fixed" => ("fixed", &["value"], "parameter value"),
            "uniform" => ("uniform", &["min", "max"], "parameters min and max"),
            "triangular" => ("triangular", &["min", "mode", "max"], "parameters min, mode and max"),
            "pert" => ("pert", &["min", "mode", "max"], "parameters min, mode and max"),
            "lognormal" => {
                ("lognormal", &["median", "p90", "mu", "sigma"], "parameters median and p90, or mu and sigma")
            }
            "weibull" => ("weibull", &["shape", "scale"], "parameters shape and scale"),
            "gamma" => ("gamma", &["shape", "scale"], "parameters shape and scale"),
            "beta" => ("beta", &["a", "b"], "parameters a and b"),
            _ => return Err(MonteCarloError::UnknownDistribution { kind: kind.to_string() }),
        };
        let mut values: [Option<f64>; 4] = [None; 4];
        for &(parameter, value) in params {
            let Some(i) = accepted.iter().position(|a| *a == parameter) else {
                return Err(MonteCarloError::UnknownParameter {
                    distribution: name,
                    parameter: parameter.to_string(),
                    expected,
                });
            };
            if values[i].replace(value).is_some() {
                return Err(MonteCarloError::DuplicateParameter {
                    distribution: name,
                    parameter: accepted[i],
                });
            }
        }
        let get = |i: usize| {
            values[i].ok_or(MonteCarloError::MissingParameter {
                distribution: name,
                parameter: accepted[i],
                expected,
            })
        };
        match name {
            "fixed" => Self::fixed(get(0)?),
            "uniform" => Self::uniform(get(0)?, get(1)?),
            "triangular" => Self::triangular(get(0)?, get(1)?, get(2)?),
            "pert" => Self::pert(get(0)?, get(1)?, get(2)?),
            "lognormal" => {
                // Indices into `accepted`: 0 median, 1 p90 (quantile form); 2 mu, 3 sigma.
                let quantile = (0..2).find(|&i| values[i].is_some());
                let moment = (2..4).find(|&i| values[i].is_some());
                match (quantile, moment) {
                    (Some(q), Some(m)) => Err(MonteCarloError::ConflictingParameters {
                        distribution: name,
                        first: accepted[q],
                        second: accepted[m],
                        expected,
                    }),
                    (None, Some(_)) => Self::lognormal_mu_sigma(get(2)?, get(3)?),
                    _ => Self::lognormal_median_p90(get(0)?, get(1)?),
                }
            }
            "weibull" => Self::weibull(get(0)?, get(1)?),
            "gamma" => Self::gamma(get(0)?, get(1)?),
            "beta" => Self::beta(get(0)?, get(1)?),
            _ => unreachable!("every name matched above is handled"),
        }
    }

    /// The distribution's name, as [`from_params`](Self::from_params) accepts it.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Fixed { .. } => "fixed",
            Self::Uniform { .. } => "uniform",
            Self::Triangular { .. } => "triangular",
            Self::Pert { .. } => "pert",
            Self::Lognormal { .. } => "lognormal",
            Self::Weibull { .. } => "weibull",
            Self::Gamma { .. } => "gamma",
            Self::Beta { .. } => "beta",
        }
    }

    /// One draw. How many numbers it takes from `rng` depends on the distribution (none for
    /// `fixed`, a varying count for the rejection samplers), so give each independent quantity
    /// its own [`Component`](crate::Component) stream.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match *self {
            Self::Fixed { value } => value,
            Self::Uniform { min, max } => rand_distr::Uniform::new(min, max).expect(VALIDATED).sample(rng),
            Self::Triangular { min, mode, max } => {
                rand_distr::Triangular::new(min, max, mode).expect(VALIDATED).sample(rng)
            }
            Self::Pert { min, mode, max } => rand_distr::Pert::new(min, max)
                .with_shape(PERT_LAMBDA)
                .with_mode(mode)
                .expect(VALIDATED)
                .sample(rng),
            Self::Lognormal { mu, sigma } => {
                rand_distr::LogNormal::new(mu, sigma).expect(VALIDATED).sample(rng)
            }
            // rand_distr takes (scale, shape).
            Self::Weibull { shape, scale } => {
                rand_distr::Weibull::new(scale, shape).expect(VALIDATED).sample(rng)
            }
            Self::Gamma { shape, scale } => {
                rand_distr::Gamma::new(shape, scale).expect(VALIDATED).sample(rng)
            }
            Self::Beta { a, b } => rand_distr::Beta::new(a, b).expect(VALIDATED).sample(rng),
        }
    }

    /// The mean, in closed form. Infinite if it overflows `f64` (a lognormal with a very large
    /// sigma, a Weibull with a shape near 0).
    pub fn mean(&self) -> f64 {
        match *self {
            Self::Fixed { value } => value,
            // Written from `min` so that a wide range does not overflow.
            Self::Uniform { min, max } => min + (max - min) / 2.0,
            Self::Triangular { min, mode, max } => min + ((mode - min) + (max - min)) / 3.0,
            Self::Pert { min, mode, max } => {
                min + (PERT_LAMBDA * (mode - min) + (max - min)) / (PERT_LAMBDA + 2.0)
            }
            Self::Lognormal { mu, sigma } => (mu + sigma * sigma / 2.0).exp(),
            Self::Weibull { shape, scale } => scale * ln_gamma(1.0 + 1.0 / shape).exp(),
            Self::Gamma { shape, scale } => shape * scale,
            Self::Beta { a, b } => a / (a + b),
        }
    }

    /// The variance, in closed form. Infinite if it overflows `f64`.
    pub fn variance(&self) -> f64 {
        match *self {
            Self::Fixed { .. } => 0.0,
            Self::Uniform { min, max } => (max - min).powi(2) / 12.0,
            Self::Triangular { min, mode, max } => {
                // (a² + b² + c² - ab - ac - bc) / 18 with a shifted to 0.
                let (c, b) = (mode - min, max - min);
                (b * b + c * c - b * c) / 18.0
            }
            Self::Pert { min, mode, max } => {
                let (alpha, beta) = pert_shapes(min, mode, max);
                let s = alpha + beta;
                alpha * beta * (max - min).powi(2) / (s * s * (s + 1.0))
            }
            Self::Lognormal { mu, sigma } => {
                let s2 = sigma * sigma;
                s2.exp_m1() * (2.0 * mu + s2).exp()
            }
            Self::Weibull { shape, scale } => {
                let g1 = ln_gamma(1.0 + 1.0 / shape).exp();
                let g2 = ln_gamma(1.0 + 2.0 / shape).exp();
                scale * scale * (g2 - g1 * g1)
            }
            Self::Gamma { shape, scale } => shape * scale * scale,
            Self::Beta { a, b } => {
                let s = a + b;
                a * b / (s * s * (s + 1.0))
            }
        }
    }

    /// The smallest and largest values a draw can take (inclusive; infinite when unbounded).
    pub fn support(&self) -> (f64, f64) {
        match *self {
            Self::Fixed { value } => (value, value),
            Self::Uniform { min, max } => (min, max),
            Self::Triangular { min, max, .. } | Self::Pert { min, max, .. } => (min, max),
            Self::Lognormal { .. } | Self::Weibull { .. } | Self::Gamma { .. } => (0.0, f64::INFINITY),
            Self::Beta { .. } => (0.0, 1.0),
        }
    }
}

impl fmt::Display for Distribution {
    /// `name(parameter = value, ...)`, e.g. `triangular(min = 1, mode = 2, max = 5)`. A lognormal
    /// shows mu and sigma.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}(", self.name())?;
        match *self {
            Self::Fixed { value } => write!(f, "value = {value}"),
            Self::Uniform { min, max } => write!(f, "min = {min}, max = {max}"),
            Self::Triangular { min, mode, max } | Self::Pert { min, mode, max } => {
                write!(f, "min = {min}, mode = {mode}, max = {max}")
            }
            Self::Lognormal { mu, sigma } => write!(f, "mu = {mu}, sigma = {sigma}"),
            Self::Weibull { shape, scale } | Self::Gamma { shape, scale } => {
                write!(f, "shape = {shape}, scale = {scale}")
            }
            Self::Beta { a, b } => write!(f, "a = {a}, b = {b}"),
        }?;
        write!(f, ")")
    }
}

/// The beta shapes of a PERT on [min, max] with mode `mode`.
fn pert_shapes(min: f64, mode: f64, max: f64) -> (f64, f64) {
    let range = max - min;
    (1.0 + PERT_LAMBDA * (mode - min) / range, 1.0 + PERT_LAMBDA * (max - mode) / range)
}

fn finite(distribution: &'static str, parameter: &'static str, value: f64) -> Result<f64, MonteCarloError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(MonteCarloError::NonFinite { distribution, parameter, value })
    }
}

fn positive(distribution: &'static str, parameter: &'static str, value: f64) -> Result<f64, MonteCarloError> {
    let value = finite(distribution, parameter, value)?;
    if value > 0.0 {
        Ok(value)
    } else {
        Err(MonteCarloError::OutOfRange { distribution, parameter, value, expected: "a number > 0" })
    }
}

/// max - min must be finite for the samplers' arithmetic (e.g. min = -1e308, max = 1e308).
fn finite_width(
    distribution: &'static str,
    width: f64,
    parameters: impl FnOnce() -> Vec<(&'static str, f64)>,
) -> Result<(), MonteCarloError> {
    if width.is_finite() {
        Ok(())
    } else {
        Err(MonteCarloError::Order {
            distribution,
            expected: "max - min within the range of f64",
            parameters: parameters(),
        })
    }
}

/// The checks shared by triangular and PERT.
fn range_with_mode(
    distribution: &'static str,
    min: f64,
    mode: f64,
    max: f64,
) -> Result<(f64, f64, f64), MonteCarloError> {
    let min = finite(distribution, "min", min)?;
    let mode = finite(distribution, "mode", mode)?;
    let max = finite(distribution, "max", max)?;
    let parameters = || vec![("min", min), ("mode", mode), ("max", max)];
    if !(min < max && min <= mode && mode <= max) {
        return Err(MonteCarloError::Order {
            distribution,
            expected: "min <= mode <= max with min < max",
            parameters: parameters(),
        });
    }
    finite_width(distribution, max - min, parameters)?;
    Ok((min, mode, max))
}

/// ln Γ(x) for x >= 0.5 by the Lanczos approximation (g = 7, 9 terms), relative error about
/// 1e-15. Only used for Weibull moments, where x = 1 + k/shape >= 1.
pub(crate) fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEFFICIENTS: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    debug_assert!(x >= 0.5, "ln_gamma is only accurate for x >= 0.5");
    let z = x - 1.0;
    let mut sum = COEFFICIENTS[0];
    for (i, c) in COEFFICIENTS.iter().enumerate().skip(1) {
        sum += c / (z + i as f64);
    }
    let t = z + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (z + 0.5) * t.ln() - t + sum.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: f64, want: f64, rel: f64) -> bool {
        (got - want).abs() <= rel * want.abs()
    }

    #[test]
    fn ln_gamma_matches_known_values() {
        // Γ(n) = (n - 1)!
        let mut factorial = 1.0_f64;
        for n in 1..=20 {
            assert!(close(ln_gamma(n as f64).exp(), factorial, 1e-13), "Γ({n})");
            factorial *= n as f64;
        }
        let sqrt_pi = std::f64::consts::PI.sqrt();
        assert!(close(ln_gamma(0.5).exp(), sqrt_pi, 1e-14));
        assert!(close(ln_gamma(1.5).exp(), sqrt_pi / 2.0, 1e-14));
        assert!(close(ln_gamma(2.5).exp(), 0.75 * sqrt_pi, 1e-14));
        // Γ(1 + 1/1.5) = Γ(5/3) = 0.902745292950934 (tables).
        assert!(close(ln_gamma(5.0 / 3.0).exp(), 0.902_745_292_950_934, 1e-13));
        // A large argument: ln Γ(171) = ln(170!) = 706.5730622457874.
        assert!(close(ln_gamma(171.0), 706.573_062_245_787_4, 1e-14));
    }

    #[test]
    fn weibull_shape_one_is_exponential() {
        let d = Distribution::weibull(1.0, 3.0).unwrap();
        assert!(close(d.mean(), 3.0, 1e-14));
        assert!(close(d.variance(), 9.0, 1e-13));
    }
}
