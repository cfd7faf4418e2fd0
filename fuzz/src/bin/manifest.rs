//! Fuzz target: the input as the text of `scenario.toml`, in memory: the manifest parser
//! (`[scenario]`, `[settings]`, `[files]`, inline tables) and the `[[hazard]]` and
//! `[[intervention]]` parsers against the tutorial network.

use kuroshio_core::Diagnostics;
use kuroshio_core::scenario::manifest;
use kuroshio_fuzz::{assert_located, tutorial};

fn main() {
    let scenario = kuroshio_core::load(&tutorial()).expect("the tutorial loads");
    let path = scenario.path.clone();
    afl::fuzz!(|data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else { return };
        let mut diags = Diagnostics::new();
        let _ = manifest::parse(&path, text, &mut diags);
        let _ = kuroshio_montecarlo::parse_hazards(&path, text, &scenario.network, &mut diags);
        let _ = kuroshio_montecarlo::parse_interventions(&path, text, &scenario.network, &mut diags);
        assert_located(&diags);
    });
}
