//! Statistical and error-path tests of `Distribution`.
//!
//! Every statistical test draws N = 20,000 values from a fixed (seed, trial, component), so each
//! test is deterministic: it either always passes or always fails, never flakes. The tolerances
//! are chosen so that a correct sampler would pass at almost any seed:
//!
//! - **Mean**: |sample mean - closed-form mean| <= 5 standard errors, SE = sqrt(variance / N)
//!   from the closed-form variance (a correct sampler fails at a given seed with probability
//!   about 6e-7).
//! - **Kolmogorov-Smirnov**: sup |empirical CDF - closed-form CDF| < 1.949 / sqrt(N) = 0.01378,
//!   the critical value at the 0.1% level, for the distributions with a simple CDF: uniform,
//!   triangular, lognormal, Weibull, and gamma, beta and PERT at integer shapes (where their CDFs
//!   are finite sums).
//! - **Variance**: sample variance within 10% of the closed form, for the distributions whose
//!   fourth moment keeps that at 4 or more standard errors (not the heavy-tailed lognormal and
//!   Weibull with shape < 1).
//! - **Quantiles** (lognormal by median and p90): the share of draws at or below the median and
//!   the p90 is within 5 binomial standard errors, 5 sqrt(p (1 - p) / N), of 0.5 and 0.9.
//! - **Support**: every draw within `support()`, and strictly inside (0, 1) for beta.

use kuroshio_montecarlo::{
    Component, Distribution, KNOWN_DISTRIBUTIONS, MonteCarloError, Part, Z_90, trial_rng,
};

const N: usize = 20_000;
const SEED: u64 = 20_261_101;
const KS_CRITICAL_0_1_PERCENT: f64 = 1.949;

/// N draws from `d`; `case` picks the trial and the component, so cases use different streams.
fn draws(d: &Distribution, case: u32) -> Vec<f64> {
    let mut rng = trial_rng(SEED, u64::from(case), Component::new(case, Part::Severity));
    (0..N).map(|_| d.sample(&mut rng)).collect()
}

fn sample_mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

fn sample_variance(xs: &[f64]) -> f64 {
    let m = sample_mean(xs);
    xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (xs.len() - 1) as f64
}

fn check_mean(d: &Distribution, xs: &[f64]) {
    let se = (d.variance() / xs.len() as f64).sqrt();
    let (got, want) = (sample_mean(xs), d.mean());
    assert!(
        (got - want).abs() <= 5.0 * se,
        "{d}: sample mean {got} vs closed form {want}: {:.2} standard errors (limit 5)",
        (got - want).abs() / se
    );
}

fn check_variance(d: &Distribution, xs: &[f64]) {
    let (got, want) = (sample_variance(xs), d.variance());
    assert!((got - want).abs() <= 0.1 * want, "{d}: sample variance {got} vs closed form {want} (limit 10%)");
}

/// The Kolmogorov-Smirnov statistic of `xs` against `cdf`.
fn ks_statistic(xs: &[f64], cdf: impl Fn(f64) -> f64) -> f64 {
    let mut sorted = xs.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len() as f64;
    sorted
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let f = cdf(x);
            (f - i as f64 / n).max((i + 1) as f64 / n - f)
        })
        .fold(0.0, f64::max)
}

fn check_ks(d: &Distribution, xs: &[f64], cdf: impl Fn(f64) -> f64) {
    let critical = KS_CRITICAL_0_1_PERCENT / (xs.len() as f64).sqrt();
    let stat = ks_statistic(xs, cdf);
    assert!(stat < critical, "{d}: KS statistic {stat} >= {critical} (0.1% critical value)");
}

fn check_support(d: &Distribution, xs: &[f64]) {
    let (lo, hi) = d.support();
    for &x in xs {
        assert!(x.is_finite() && lo <= x && x <= hi, "{d}: draw {x} outside [{lo}, {hi}]");
    }
}

/// Mean, support and (unless heavy-tailed) variance: what every case checks.
fn check_moments(d: &Distribution, xs: &[f64], light_tailed: bool) {
    check_support(d, xs);
    check_mean(d, xs);
    if light_tailed {
        check_variance(d, xs);
    }
}

// ---------------------------------------------------------------------------------------------
// Closed-form CDFs

fn binomial(n: u32, k: u32) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * f64::from(n - i) / f64::from(i + 1))
}

/// The regularized incomplete beta I_x(a, b) for integer a, b >= 1: P(Binomial(a + b - 1, x) >= a).
fn beta_cdf_integer(x: f64, a: u32, b: u32) -> f64 {
    let x = x.clamp(0.0, 1.0);
    let n = a + b - 1;
    (a..=n).map(|j| binomial(n, j) * x.powi(j as i32) * (1.0 - x).powi((n - j) as i32)).sum()
}

/// The gamma CDF for integer shape k (Erlang): 1 - exp(-y) sum_{j<k} y^j / j!, y = x / scale.
fn gamma_cdf_integer(x: f64, k: u32, scale: f64) -> f64 {
    let y = x.max(0.0) / scale;
    let mut term = 1.0;
    let mut sum = 0.0;
    for j in 0..k {
        if j > 0 {
            term *= y / f64::from(j);
        }
        sum += term;
    }
    1.0 - (-y).exp() * sum
}

/// erfc by the Chebyshev fit of Numerical Recipes (`erfcc`), fractional error < 1.2e-7: far
/// below the KS critical value of 0.0138.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

fn normal_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

// ---------------------------------------------------------------------------------------------
// One test per distribution

#[test]
fn fixed_is_its_value_and_draws_nothing() {
    let d = Distribution::fixed(3.5).unwrap();
    let mut rng = trial_rng(SEED, 0, Component::new(0, Part::Duration));
    let before = rng.get_word_pos();
    assert!((0..1000).all(|_| d.sample(&mut rng).to_bits() == 3.5_f64.to_bits()));
    assert_eq!(rng.get_word_pos(), before, "fixed must not consume randomness");
    assert_eq!((d.mean(), d.variance(), d.support()), (3.5, 0.0, (3.5, 3.5)));
}

#[test]
fn uniform() {
    let d = Distribution::uniform(2.0, 5.0).unwrap();
    let xs = draws(&d, 1);
    check_moments(&d, &xs, true);
    assert!(xs.iter().all(|&x| x < 5.0), "uniform's upper bound is exclusive");
    check_ks(&d, &xs, |x| ((x - 2.0) / 3.0).clamp(0.0, 1.0));
}

#[test]
fn triangular() {
    for (case, (a, c, b)) in [(1.0, 2.0, 6.0), (0.0, 0.0, 1.0), (-3.0, 4.0, 4.0)].into_iter().enumerate() {
        let d = Distribution::triangular(a, c, b).unwrap();
        let xs = draws(&d, 10 + case as u32);
        check_moments(&d, &xs, true);
        let cdf = |x: f64| {
            if x <= a {
                0.0
            } else if x >= b {
                1.0
            } else if x <= c {
                (x - a).powi(2) / ((b - a) * (c - a))
            } else {
                1.0 - (b - x).powi(2) / ((b - a) * (b - c))
            }
        };
        check_ks(&d, &xs, cdf);
    }
}

#[test]
fn pert() {
    // Mode at a quarter of the range: shapes 1 + 4 * 2/8 = 2 and 1 + 4 * 6/8 = 4, an integer beta.
    let d = Distribution::pert(2.0, 4.0, 10.0).unwrap();
    assert!((d.mean() - (2.0 + 4.0 * 4.0 + 10.0) / 6.0).abs() < 1e-14);
    let xs = draws(&d, 20);
    check_moments(&d, &xs, true);
    check_ks(&d, &xs, |x| beta_cdf_integer((x - 2.0) / 8.0, 2, 4));
    // Non-integer shapes and a mode at an end.
    for (case, (a, c, b)) in
        [(0.0, 7.0, 10.0), (0.0, 0.0, 10.0), (100.0, 130.0, 400.0)].into_iter().enumerate()
    {
        let d = Distribution::pert(a, c, b).unwrap();
        check_moments(&d, &draws(&d, 21 + case as u32), true);
    }
}

#[test]
fn lognormal_by_median_and_p90() {
    let (median, p90) = (10.0, 25.0);
    let d = Distribution::lognormal_median_p90(median, p90).unwrap();
    let Distribution::Lognormal { mu, sigma, .. } = d else { panic!("{d}") };
    assert!((mu - median.ln()).abs() < 1e-15);
    assert!((sigma - (p90 / median).ln() / Z_90).abs() < 1e-15);
    let xs = draws(&d, 30);
    check_moments(&d, &xs, false);
    check_ks(&d, &xs, |x| if x <= 0.0 { 0.0 } else { normal_cdf((x.ln() - mu) / sigma) });
    for (q, p) in [(median, 0.5), (p90, 0.9)] {
        let share = xs.iter().filter(|&&x| x <= q).count() as f64 / N as f64;
        let tolerance = 5.0 * (p * (1.0 - p) / N as f64).sqrt();
        assert!((share - p).abs() <= tolerance, "{d}: {share} of draws <= {q}, expected {p} ± {tolerance}");
    }
}

#[test]
fn lognormal_by_mu_and_sigma() {
    let (mu, sigma) = (0.5, 0.3);
    let d = Distribution::lognormal_mu_sigma(mu, sigma).unwrap();
    let xs = draws(&d, 31);
    check_moments(&d, &xs, false);
    check_ks(&d, &xs, |x| if x <= 0.0 { 0.0 } else { normal_cdf((x.ln() - mu) / sigma) });
}

#[test]
fn weibull() {
    for (case, (shape, scale)) in [(1.5, 20.0), (0.8, 5.0), (3.0, 2.0), (1.0, 7.0)].into_iter().enumerate() {
        let d = Distribution::weibull(shape, scale).unwrap();
        let xs = draws(&d, 40 + case as u32);
        check_moments(&d, &xs, shape >= 1.0);
        check_ks(&d, &xs, |x: f64| 1.0 - (-(x.max(0.0) / scale).powf(shape)).exp());
    }
}

#[test]
fn gamma() {
    let d = Distribution::gamma(3.0, 2.0).unwrap();
    let xs = draws(&d, 50);
    check_moments(&d, &xs, true);
    check_ks(&d, &xs, |x| gamma_cdf_integer(x, 3, 2.0));
    // shape < 1, = 1 and > 1 take three different code paths in rand_distr.
    for (case, (shape, scale)) in [(0.5, 4.0), (1.0, 3.0), (7.5, 0.2)].into_iter().enumerate() {
        let d = Distribution::gamma(shape, scale).unwrap();
        let xs = draws(&d, 51 + case as u32);
        check_moments(&d, &xs, true);
        assert!(xs.iter().all(|&x| x > 0.0), "{d}: a draw is not positive");
    }
    let exponential = Distribution::gamma(1.0, 3.0).unwrap();
    check_ks(&exponential, &draws(&exponential, 52), |x| gamma_cdf_integer(x, 1, 3.0));
}

#[test]
fn beta() {
    let d = Distribution::beta(2.0, 5.0).unwrap();
    let xs = draws(&d, 60);
    check_moments(&d, &xs, true);
    check_ks(&d, &xs, |x| beta_cdf_integer(x, 2, 5));
    // Both of rand_distr's algorithms (BB for min(a, b) > 1, BC otherwise), U-shaped included.
    for (case, (a, b)) in [(0.5, 0.5), (3.0, 1.5), (1.0, 1.0), (8.0, 2.0)].into_iter().enumerate() {
        let d = Distribution::beta(a, b).unwrap();
        let xs = draws(&d, 61 + case as u32);
        check_moments(&d, &xs, true);
        assert!(xs.iter().all(|&x| x > 0.0 && x < 1.0), "{d}: a draw is outside (0, 1)");
    }
    let flat = Distribution::beta(1.0, 1.0).unwrap();
    check_ks(&flat, &draws(&flat, 63), |x| x.clamp(0.0, 1.0));
}

// ---------------------------------------------------------------------------------------------
// Determinism and independence

fn one_of_each() -> Vec<Distribution> {
    vec![
        Distribution::fixed(1.25).unwrap(),
        Distribution::uniform(-1.0, 1.0).unwrap(),
        Distribution::triangular(1.0, 2.0, 6.0).unwrap(),
        Distribution::pert(0.0, 7.0, 10.0).unwrap(),
        Distribution::lognormal_median_p90(14.0, 45.0).unwrap(),
        Distribution::lognormal_mu_sigma(0.0, 1.0).unwrap(),
        Distribution::weibull(0.8, 5.0).unwrap(),
        Distribution::gamma(0.5, 4.0).unwrap(),
        Distribution::gamma(2.5, 4.0).unwrap(),
        Distribution::beta(0.5, 0.5).unwrap(),
        Distribution::beta(2.0, 5.0).unwrap(),
    ]
}

#[test]
fn same_seed_gives_bit_identical_samples() {
    for (i, d) in one_of_each().iter().enumerate() {
        let component = Component::new(i as u32, Part::Duration);
        let run = |trial| {
            let mut rng = trial_rng(SEED, trial, component);
            (0..2000).map(|_| d.sample(&mut rng).to_bits()).collect::<Vec<u64>>()
        };
        assert_eq!(run(9), run(9), "{d}");
        if !matches!(d, Distribution::Fixed { .. }) {
            assert_ne!(run(9), run(10), "{d}: trials 9 and 10 drew the same values");
        }
    }
}

#[test]
fn changing_one_components_distribution_leaves_the_others_alone() {
    // A toy trial: a count, then per event a severity and a duration. Switching the duration
    // from fixed (no draws) to gamma (a varying number of draws) must not move counts or
    // severities: the basis of common random numbers.
    let count = Distribution::uniform(0.0, 5.0).unwrap();
    let severity = Distribution::beta(2.0, 5.0).unwrap();
    let trial = |duration: &Distribution, n: u64| {
        let rng = |part| trial_rng(SEED, n, Component::new(4, part));
        let (mut c, mut s, mut d) = (rng(Part::EventCount), rng(Part::Severity), rng(Part::Duration));
        let events = count.sample(&mut c) as usize;
        (0..events).map(|_| (severity.sample(&mut s), duration.sample(&mut d))).collect::<Vec<_>>()
    };
    let fixed = Distribution::fixed(10.0).unwrap();
    let gamma = Distribution::gamma(0.7, 10.0).unwrap();
    let mut events = 0;
    for n in 0..200 {
        let (a, b) = (trial(&fixed, n), trial(&gamma, n));
        assert_eq!(a.len(), b.len(), "trial {n}: event counts differ");
        for ((sa, _), (sb, _)) in a.iter().zip(&b) {
            assert_eq!(sa.to_bits(), sb.to_bits(), "trial {n}: severities differ");
        }
        events += a.len();
    }
    assert!(events > 300, "the toy trial should have events ({events})");
}

// ---------------------------------------------------------------------------------------------
// Parameters and errors

fn message(r: Result<Distribution, MonteCarloError>) -> String {
    r.expect_err("should be rejected").to_string()
}

#[test]
fn out_of_domain_parameters_are_rejected() {
    assert_eq!(
        Distribution::weibull(-1.0, 2.0),
        Err(MonteCarloError::OutOfRange {
            distribution: "weibull",
            parameter: "shape",
            value: -1.0,
            expected: "a number > 0"
        })
    );
    assert_eq!(
        message(Distribution::weibull(-1.0, 2.0)),
        "weibull distribution: `shape` is -1; expected a number > 0"
    );
    assert_eq!(
        message(Distribution::weibull(1.0, 0.0)),
        "weibull distribution: `scale` is 0; expected a number > 0"
    );
    assert_eq!(
        message(Distribution::gamma(2.0, -0.5)),
        "gamma distribution: `scale` is -0.5; expected a number > 0"
    );
    assert_eq!(message(Distribution::beta(0.0, 1.0)), "beta distribution: `a` is 0; expected a number > 0");
    assert_eq!(
        message(Distribution::beta(-0.5, 1.0)),
        "beta distribution: `a` is -0.5; expected a number > 0"
    );
    assert_eq!(message(Distribution::beta(1.0, 0.0)), "beta distribution: `b` is 0; expected a number > 0");
    assert_eq!(
        message(Distribution::lognormal_mu_sigma(1.0, 0.0)),
        "lognormal distribution: `sigma` is 0; expected a number > 0"
    );
    assert_eq!(
        message(Distribution::lognormal_median_p90(-2.0, 5.0)),
        "lognormal distribution: `median` is -2; expected a number > 0"
    );
}

#[test]
fn parameters_in_the_wrong_order_are_rejected() {
    assert_eq!(
        Distribution::lognormal_median_p90(10.0, 5.0),
        Err(MonteCarloError::Order {
            distribution: "lognormal",
            expected: "p90 > median",
            parameters: vec![("median", 10.0), ("p90", 5.0)]
        })
    );
    assert_eq!(
        message(Distribution::lognormal_median_p90(10.0, 5.0)),
        "lognormal distribution: expected p90 > median, got median = 10, p90 = 5"
    );
    assert!(matches!(Distribution::lognormal_median_p90(10.0, 10.0), Err(MonteCarloError::Order { .. })));
    // A p90 one ulp above the median would give sigma = 0.
    let median = 3.0_f64;
    let next = f64::from_bits(median.to_bits() + 1);
    assert!(matches!(Distribution::lognormal_median_p90(median, next), Err(MonteCarloError::Order { .. })));
    assert_eq!(
        message(Distribution::triangular(0.0, 3.0, 2.0)),
        "triangular distribution: expected min <= mode <= max with min < max, got min = 0, mode = 3, max = 2"
    );
    assert_eq!(
        message(Distribution::pert(1.0, 1.0, 1.0)),
        "pert distribution: expected min <= mode <= max with min < max, got min = 1, mode = 1, max = 1"
    );
    assert_eq!(
        message(Distribution::uniform(5.0, 5.0)),
        "uniform distribution: expected min < max, got min = 5, max = 5"
    );
    assert_eq!(
        message(Distribution::uniform(-1e308, 1e308)),
        "uniform distribution: expected max - min within the range of f64, got min = -1e308, max = 1e308"
    );
    assert!(matches!(Distribution::triangular(-1e308, 0.0, 1e308), Err(MonteCarloError::Order { .. })));
}

#[test]
fn non_finite_parameters_are_rejected() {
    // NaN != NaN, so match rather than compare.
    assert!(matches!(
        Distribution::triangular(f64::NAN, 1.0, 2.0),
        Err(MonteCarloError::NonFinite { distribution: "triangular", parameter: "min", value }) if value.is_nan()
    ));
    assert_eq!(
        message(Distribution::triangular(f64::NAN, 1.0, 2.0)),
        "triangular distribution: `min` is NaN; expected a finite number"
    );
    assert_eq!(
        message(Distribution::fixed(f64::INFINITY)),
        "fixed distribution: `value` is inf; expected a finite number"
    );
    assert_eq!(
        message(Distribution::gamma(f64::NAN, 1.0)),
        "gamma distribution: `shape` is NaN; expected a finite number"
    );
    assert_eq!(
        message(Distribution::lognormal_median_p90(1.0, f64::INFINITY)),
        "lognormal distribution: `p90` is inf; expected a finite number"
    );
    assert_eq!(
        message(Distribution::beta(1.0, f64::NEG_INFINITY)),
        "beta distribution: `b` is -inf; expected a finite number"
    );
    for r in [
        Distribution::uniform(0.0, f64::NAN),
        Distribution::pert(0.0, f64::NAN, 1.0),
        Distribution::lognormal_mu_sigma(f64::NAN, 1.0),
        Distribution::weibull(1.0, f64::INFINITY),
    ] {
        assert!(matches!(r, Err(MonteCarloError::NonFinite { .. })), "{r:?}");
    }
}

#[test]
fn from_params_builds_every_known_distribution() {
    type Case = (&'static str, &'static [(&'static str, f64)], Distribution);
    let cases: [Case; 9] = [
        ("fixed", &[("value", 2.0)], Distribution::fixed(2.0).unwrap()),
        ("uniform", &[("max", 3.0), ("min", 1.0)], Distribution::uniform(1.0, 3.0).unwrap()),
        (
            "triangular",
            &[("min", 1.0), ("mode", 2.0), ("max", 4.0)],
            Distribution::triangular(1.0, 2.0, 4.0).unwrap(),
        ),
        ("pert", &[("min", 1.0), ("mode", 2.0), ("max", 4.0)], Distribution::pert(1.0, 2.0, 4.0).unwrap()),
        (
            "lognormal",
            &[("median", 14.0), ("p90", 45.0)],
            Distribution::lognormal_median_p90(14.0, 45.0).unwrap(),
        ),
        ("LogNormal", &[("mu", 0.5), ("sigma", 0.3)], Distribution::lognormal_mu_sigma(0.5, 0.3).unwrap()),
        ("Weibull", &[("shape", 1.5), ("scale", 20.0)], Distribution::weibull(1.5, 20.0).unwrap()),
        ("gamma", &[("shape", 2.0), ("scale", 3.0)], Distribution::gamma(2.0, 3.0).unwrap()),
        ("beta", &[("a", 2.0), ("b", 5.0)], Distribution::beta(2.0, 5.0).unwrap()),
    ];
    let mut names = Vec::new();
    for (kind, params, want) in cases {
        let got = Distribution::from_params(kind, params).unwrap();
        assert_eq!(got, want, "{kind}");
        assert_eq!(got.name(), kind.to_ascii_lowercase());
        if !names.contains(&got.name()) {
            names.push(got.name());
        }
    }
    assert_eq!(names, KNOWN_DISTRIBUTIONS);
    assert_eq!(
        Distribution::from_params("triangular", &[("min", 1.0), ("mode", 2.0), ("max", 5.0)])
            .unwrap()
            .to_string(),
        "triangular(min = 1, mode = 2, max = 5)"
    );
}

#[test]
fn from_params_errors_name_the_problem() {
    let from = |kind, params: &[(&str, f64)]| message(Distribution::from_params(kind, params));
    assert_eq!(
        from("normal", &[("mu", 0.0)]),
        "unknown distribution `normal`; expected one of: fixed, uniform, triangular, pert, lognormal, weibull, gamma, beta"
    );
    assert_eq!(
        from("triangular", &[("min", 1.0), ("max", 3.0)]),
        "triangular distribution: missing parameter `mode`; expected parameters min, mode and max"
    );
    assert_eq!(
        from("gamma", &[("shape", 2.0), ("rate", 0.5)]),
        "gamma distribution: unknown parameter `rate`; expected parameters shape and scale"
    );
    assert_eq!(
        from("beta", &[("a", 2.0), ("a", 3.0), ("b", 1.0)]),
        "beta distribution: parameter `a` is given more than once"
    );
    assert_eq!(
        from("lognormal", &[("median", 10.0), ("sigma", 0.5)]),
        "lognormal distribution: `median` and `sigma` cannot be given together; expected parameters median and p90, or mu and sigma"
    );
    assert_eq!(
        from("lognormal", &[("median", 10.0)]),
        "lognormal distribution: missing parameter `p90`; expected parameters median and p90, or mu and sigma"
    );
    assert_eq!(
        from("lognormal", &[("sigma", 0.5)]),
        "lognormal distribution: missing parameter `mu`; expected parameters median and p90, or mu and sigma"
    );
    assert_eq!(
        from("lognormal", &[]),
        "lognormal distribution: missing parameter `median`; expected parameters median and p90, or mu and sigma"
    );
    // Value errors come through unchanged.
    assert_eq!(
        Distribution::from_params("beta", &[("a", 0.0), ("b", 1.0)]),
        Err(MonteCarloError::OutOfRange {
            distribution: "beta",
            parameter: "a",
            value: 0.0,
            expected: "a number > 0"
        })
    );
    assert_eq!(
        from("lognormal", &[("median", 10.0), ("p90", 8.0)]),
        "lognormal distribution: expected p90 > median, got median = 10, p90 = 8"
    );
    assert_eq!(
        from("weibull", &[("shape", f64::NAN), ("scale", 1.0)]),
        "weibull distribution: `shape` is NaN; expected a finite number"
    );
}
