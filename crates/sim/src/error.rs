//! Errors of the propagation engine.

/// A trial's input that the engine cannot use.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SimError {
    /// A disruption's parameter is outside its domain.
    #[error("disruption {index}: {message}")]
    InvalidDisruption {
        /// Position in the disruption list.
        index: usize,
        /// What is wrong.
        message: String,
    },
    /// A facility chosen for daily series does not exist.
    #[error("facility index {0} is not in the network")]
    UnknownFacility(u32),
}
