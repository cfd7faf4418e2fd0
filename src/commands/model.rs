//! `--model`: the rule set a command's trials run with, overriding `settings.model`.

use kuroshio_core::{Model, Settings};

/// The rule set named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ModelArg {
    /// Kuroshio's own rules (lead times, order-up-to stocks, supplier switching, rerouting).
    Native,
    /// The ARIO rules with the `[ario]` parameters (docs/model.md §7).
    Ario,
}

impl From<ModelArg> for Model {
    fn from(m: ModelArg) -> Model {
        match m {
            ModelArg::Native => Model::Native,
            ModelArg::Ario => Model::Ario,
        }
    }
}

/// Sets `settings.model` from `--model`, if given.
pub fn apply(settings: &mut Settings, m: Option<ModelArg>) {
    if let Some(m) = m {
        settings.model = m.into();
    }
}
