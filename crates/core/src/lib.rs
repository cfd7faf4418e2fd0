//! # kuroshio-core
//!
//! The ground floor of Kuroshio: the supply-network model, scenario files with located errors,
//! the steady-state baseline, structural (simulation-free) chokepoint analysis, and a synthetic
//! network generator. Core does no simulation.
//!
//! ## Map
//! - [`model`]: [`Network`] and its entities ([`Product`], [`Facility`], [`Recipe`], [`Link`],
//!   [`Route`], [`Chokepoint`], [`Region`]), addressed by dense ids ([`FacilityId`], ...), with
//!   compressed adjacency ([`model::csr::Csr`]) for hot loops.
//! - [`scenario`]: [`scenario::load::load`] reads a scenario directory into a [`Scenario`]
//!   (network, settings, baseline, warnings) or fails with every problem found
//!   ([`CoreError::Invalid`] holding [`Diagnostics`], each with file, line, column and field).
//! - [`baseline`]: [`Baseline`], the steady state (MODEL.md §2).
//! - [`cache`]: the binary cache of a loaded scenario (`scenario.kcache`), [`cache::load_cached`].
//! - [`analysis`]: single points of failure, country concentration, route exposure.
//! - [`generate`]: deterministic synthetic scenarios of any size.
//! - [`mrio`]: multi-regional input-output tables (pymrio wide/long, OECD ICIO) imported as a
//!   scenario: industries as facilities, input coefficients as recipes, flows as link shares,
//!   final demand as markets ([`mrio::import`]).
//! - [`countries`]: ISO 3166-1 alpha-3 codes.
#![deny(missing_docs)]

pub mod analysis;
pub mod baseline;
pub mod cache;
pub mod countries;
pub mod error;
pub mod generate;
pub mod model;
pub mod mrio;
pub mod scenario;
pub mod suggest;

pub use baseline::Baseline;
pub use error::{CoreError, Diagnostic, Diagnostics, Location, Problem, Severity};
pub use model::entities::*;
pub use model::ids::*;
pub use model::{Network, NetworkParts};
pub use scenario::load::load;
pub use scenario::{ArioCompat, ArioSettings, Model, OrderType, Scenario, Settings};
