//! Errors of the Monte Carlo layer.

use std::fmt::Write as _;

/// Something the Monte Carlo layer cannot use, each variant a mistake the user can fix. The
/// `Display` form is the message: it names the distribution and parameter and says what was
/// expected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum MonteCarloError {
    /// An intervention applied to a network it was not parsed against (an id out of range).
    #[error(
        "intervention `{intervention}` refers to {what}, which the network does not have; apply an intervention to the network it was parsed against"
    )]
    InterventionNetwork {
        /// The intervention's name.
        intervention: String,
        /// What it refers to, e.g. "facility index 12 of 10".
        what: String,
    },
    /// After an intervention, one customer's shares of one product no longer add up to one.
    #[error(
        "intervention `{intervention}`: shares of `{product}` into `{customer}` would sum to {sum}; expected 1 (tolerance {tolerance:e})"
    )]
    InterventionShares {
        /// The intervention's name.
        intervention: String,
        /// Customer facility id.
        customer: String,
        /// The product.
        product: String,
        /// The sum found.
        sum: f64,
        /// `settings.share_tolerance`.
        tolerance: f64,
    },
    /// After an intervention, the cyclic baseline x = A x + d no longer converges.
    #[error(
        "intervention `{intervention}`: the baseline does not converge after {iterations} iterations (relative change {residual:e}, tolerance {tolerance:e}); the changed shares make the input coefficients around a cycle too large: move less share, or raise `settings.baseline_max_iterations`"
    )]
    InterventionDiverges {
        /// The intervention's name.
        intervention: String,
        /// Iterations run.
        iterations: u32,
        /// Relative change at the last iteration.
        residual: f64,
        /// `settings.baseline_tolerance`.
        tolerance: f64,
    },
    /// After an intervention, a facility with a given capacity would have to make more than it.
    #[error(
        "intervention `{intervention}`: baseline output of `{facility}` would be {required:.6} units/day but its capacity is {available:.6} units/day; move less share to it, or raise its capacity"
    )]
    InterventionOverCapacity {
        /// The intervention's name.
        intervention: String,
        /// Facility id.
        facility: String,
        /// Output the new baseline requires.
        required: f64,
        /// Its capacity.
        available: f64,
    },
    /// A distribution name that is not one of [`KNOWN_DISTRIBUTIONS`](crate::KNOWN_DISTRIBUTIONS).
    #[error("unknown distribution `{kind}`; expected one of: {}", crate::KNOWN_DISTRIBUTIONS.join(", "))]
    UnknownDistribution {
        /// The name as given.
        kind: String,
    },
    /// A parameter the distribution does not take.
    #[error("{distribution} distribution: unknown parameter `{parameter}`; expected {expected}")]
    UnknownParameter {
        /// The distribution's name.
        distribution: &'static str,
        /// The parameter's name as given.
        parameter: String,
        /// The parameters the distribution takes.
        expected: &'static str,
    },
    /// A parameter given more than once.
    #[error("{distribution} distribution: parameter `{parameter}` is given more than once")]
    DuplicateParameter {
        /// The distribution's name.
        distribution: &'static str,
        /// The parameter's name.
        parameter: &'static str,
    },
    /// A parameter the distribution needs is missing.
    #[error("{distribution} distribution: missing parameter `{parameter}`; expected {expected}")]
    MissingParameter {
        /// The distribution's name.
        distribution: &'static str,
        /// The missing parameter.
        parameter: &'static str,
        /// The parameters the distribution takes.
        expected: &'static str,
    },
    /// Two parameters that belong to different ways of giving the distribution (a lognormal's
    /// `median`/`p90` and `mu`/`sigma`).
    #[error(
        "{distribution} distribution: `{first}` and `{second}` cannot be given together; expected {expected}"
    )]
    ConflictingParameters {
        /// The distribution's name.
        distribution: &'static str,
        /// One parameter of the conflicting pair.
        first: &'static str,
        /// The other.
        second: &'static str,
        /// The parameters the distribution takes.
        expected: &'static str,
    },
    /// A parameter is NaN or infinite.
    #[error("{distribution} distribution: `{parameter}` is {}; expected a finite number", number(*.value))]
    NonFinite {
        /// The distribution's name.
        distribution: &'static str,
        /// The parameter.
        parameter: &'static str,
        /// Its value.
        value: f64,
    },
    /// A parameter is outside its domain (a shape that is not positive, say).
    #[error("{distribution} distribution: `{parameter}` is {}; expected {expected}", number(*.value))]
    OutOfRange {
        /// The distribution's name.
        distribution: &'static str,
        /// The parameter.
        parameter: &'static str,
        /// Its value.
        value: f64,
        /// What the value must be, e.g. "a number > 0".
        expected: &'static str,
    },
    /// Parameters that are fine one by one but not together (a triangular mode outside
    /// [min, max], a lognormal p90 not above its median).
    #[error("{distribution} distribution: expected {expected}, got {}", list(parameters))]
    Order {
        /// The distribution's name.
        distribution: &'static str,
        /// The relation that must hold, e.g. "min <= mode <= max".
        expected: &'static str,
        /// The parameters involved, by name, with their values.
        parameters: Vec<(&'static str, f64)>,
    },
    /// The propagation engine refused a trial's disruptions (a bug in sampling: hazards are
    /// validated when parsed).
    #[error("trial {trial}")]
    Trial {
        /// The trial.
        trial: u64,
        /// Why.
        source: kuroshio_sim::SimError,
    },
    /// Run options that do not fit together or do not fit the scenario.
    #[error("{reason}")]
    InvalidRun {
        /// What is wrong and what to change.
        reason: String,
    },
    /// Two accumulators that cannot be merged.
    #[error("cannot merge: {what}")]
    Mismatch {
        /// What differs.
        what: String,
    },
    /// A file could not be read or written.
    #[error("{}: {reason}", path.display())]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The system's message.
        reason: String,
    },
    /// A file is not a part file this version can read.
    #[error("{}: not a Kuroshio part file: {reason}", path.display())]
    BadPart {
        /// The file.
        path: std::path::PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Part files of different runs, or parts that overlap or leave a gap.
    #[error("{}: {reason}", path.display())]
    PartConflict {
        /// The part at fault.
        path: std::path::PathBuf,
        /// How it conflicts, naming the other part.
        reason: String,
    },
}

/// `name = value, name = value`.
fn list(parameters: &[(&'static str, f64)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in parameters.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        let _ = write!(out, "{sep}{name} = {}", number(*value));
    }
    out
}

/// A number as a user would write it: `2.5`, `-1`, `NaN`, `inf`, and exponent notation when very
/// large or very small (`1e308`, not 309 digits).
fn number(value: f64) -> String {
    let magnitude = value.abs();
    if value.is_finite() && magnitude != 0.0 && !(1e-4..1e15).contains(&magnitude) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}
