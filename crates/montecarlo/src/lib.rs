//! # kuroshio-montecarlo
//!
//! The Monte Carlo layer (MODEL.md §6). It owns all of Kuroshio's randomness: trial n draws its
//! events from a random stream determined only by (seed, n), so results are bit-identical
//! whatever the thread count, and shards of the trial range merged together equal a single run.
//!
//! This first part holds the random streams and the probability distributions that hazards
//! draw from; sampling hazards, running trials in parallel and aggregating losses come later.
//!
//! ## Map
//! - [`trial_rng`]: the [`ChaCha8Rng`] for one [`Component`] of one trial. Seed = key, global
//!   trial index = ChaCha stream, component = a disjoint window of 2^32 words in that stream, so
//!   one component's draw count never shifts another's ([`stream`] documents the layout).
//! - [`Component`]: a source (a hazard's index, or a correlation group) and the [`Part`] it
//!   draws for (event count, onset, footprint, severity, duration, recovery, correlation).
//! - [`Distribution`]: fixed, uniform, triangular, PERT, lognormal (by median and p90 or by mu
//!   and sigma), Weibull, gamma and beta, with parameters validated at construction or by
//!   [`Distribution::from_params`] from a name and named parameters; `sample`, closed-form `mean`
//!   and `variance`. Sampling uses `rand_distr`, which computes through `libm` unless a crate in
//!   the build enables `num-traits/std` ([`distribution`] explains what that means for
//!   reproducibility).
//! - [`hazard`]: the `[[hazard]]` catalog of `scenario.toml` parsed into [`Hazard`]s with
//!   located diagnostics ([`hazards`], [`parse_hazards`]), and [`sample_trial`], which draws one
//!   trial's [`kuroshio_sim::Disruption`]s from them.
//! - [`intervention`]: the `[[intervention]]` entries (stockpile, backup, harden,
//!   alternate_route, share_shift) parsed into [`Intervention`]s with located diagnostics
//!   ([`interventions`], [`parse_interventions`]); [`Intervention::apply`] builds a [`Variant`]
//!   (changed network, re-solved baseline, settings, hardening) that runs on the same sampled
//!   disruptions as the base, after [`Variant::adjust`].
//! - [`MonteCarloError`]: the crate's one error type; its messages name the distribution and
//!   parameter and say what was expected.
//!
//! ## Example
//!
//! ```
//! use kuroshio_montecarlo::{Component, Distribution, Part, trial_rng};
//!
//! // As a scenario would give it: `duration = { dist = "lognormal", median = 14, p90 = 45 }`.
//! let duration = Distribution::from_params("lognormal", &[("median", 14.0), ("p90", 45.0)])?;
//! let hazard = 3; // the hazard's index in the scenario
//! let mut rng = trial_rng(2026, 41_999, Component::new(hazard, Part::Duration));
//! let days = duration.sample(&mut rng);
//! assert!(days > 0.0);
//! // The same (seed, trial, component) gives the same draw, on any thread, in any shard.
//! let again = duration.sample(&mut trial_rng(2026, 41_999, Component::new(hazard, Part::Duration)));
//! assert_eq!(days.to_bits(), again.to_bits());
//! # Ok::<(), kuroshio_montecarlo::MonteCarloError>(())
//! ```
#![deny(missing_docs)]

pub mod accumulate;
pub mod attribution;
pub mod compare;
pub mod distribution;
mod error;
pub mod fixed;
pub mod hazard;
pub mod intervention;
mod parse;
pub mod part;
pub mod record;
pub mod runner;
pub mod stream;
pub mod summary;

pub use accumulate::{Accumulator, Layout, Recovered, TrialRecord, TrialRow};
pub use distribution::{Distribution, KNOWN_DISTRIBUTIONS, PERT_LAMBDA, Z_90};
pub use error::MonteCarloError;
pub use hazard::{
    Effect, Frequency, Hazard, HazardKind, SeverityDistribution, Site, event_count, hazards, parse_hazards,
    sample_trial,
};
pub use intervention::{
    Change, Hardening, INTERVENTION_KINDS, Intervention, InterventionKind, Variant, interventions,
    parse_interventions,
};
pub use rand::rngs::ChaCha8Rng;
pub use runner::{Arm, BLOCK_TRIALS, Flow, Model, Plan, RunResult, Stop, run};
pub use stream::{COMPONENT_WORDS, Component, PARTS, Part, SITE_WORDS, trial_rng};
pub use summary::{RunInfo, Summary};
