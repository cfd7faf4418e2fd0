//! # kuroshio-sim
//!
//! One trial of a disruption, day by day: how an outage, a closed strait or an export ban travels
//! through inventories, lead times, rationing, supplier switching and rerouting to the markets,
//! and how everything recovers (MODEL.md §3-5; docs/model.md). Deterministic: no I/O, no
//! randomness.
//!
//! ## Map
//! - [`Disruption`] and [`RecoveryProfile`]: what happens, and when.
//! - [`Simulator`]: per-network constants; [`Simulator::run`] runs a trial with a [`RunOptions`]
//!   choosing the [`Engine`] (dense reference or sparse) and the facilities to record.
//! - [`TrialOutcome`]: per facility ([`FacilityOutcome`]), per market ([`MarketOutcome`]) and
//!   system results, with [`Recovery`] times that are censored at the horizon.
//! - [`tts`]: time to survive per facility (Simchi-Levi), by search over outage length.
//! - State lives in a reusable [`Workspace`], in deviations from the baseline.
//! - `ario` (private): the ARIO rule set (psi variant, BoARIO-compatible switches), chosen once
//!   when the [`Simulator`] is built with `settings.model = ario`; [`Simulator::model`] says
//!   which rule set runs. Same inputs, same [`TrialOutcome`] (docs/model.md §7).
#![deny(missing_docs)]

mod ario;
mod disruption;
mod engine;
mod error;
mod outcome;
mod simulator;
mod state;
mod timeline;
pub mod tts;

pub use disruption::{Disruption, Goods, RecoveryProfile};
pub use error::SimError;
pub use outcome::{FacilityOutcome, FacilitySeries, MarketOutcome, Recovery, TrialOutcome};
pub use simulator::{Engine, Prefetch, RunOptions, Simulator};
pub use state::Workspace;
