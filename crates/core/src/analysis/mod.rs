//! Structural analysis: exact, simulation-free answers about where a network is fragile
//! (docs/model.md, "Structural chokepoints").
//!
//! - [`spof`]: single points of failure per market (AND over recipe inputs, OR over suppliers).
//! - [`concentration`]: Herfindahl-Hirschman index of capacity by country, per product.
//! - [`exposure`]: share of each market's baseline supply whose path passes each chokepoint.

pub mod concentration;
pub mod exposure;
pub mod spof;

use crate::Baseline;
use crate::model::Network;

/// Everything `kuroshio inspect` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    /// Single points of failure per market.
    pub spof: Vec<spof::MarketSpof>,
    /// Country concentration per product.
    pub concentration: Vec<concentration::ProductConcentration>,
    /// Route exposure per chokepoint.
    pub exposure: Vec<exposure::ChokepointExposure>,
    /// Whether backup links counted as suppliers in the single-point-of-failure analysis.
    pub with_backups: bool,
}

/// Runs all three analyses.
pub fn inspect(net: &Network, baseline: &Baseline, with_backups: bool) -> Inspection {
    Inspection {
        spof: spof::single_points_of_failure(net, with_backups),
        concentration: concentration::by_country(net),
        exposure: exposure::route_exposure(net, baseline),
        with_backups,
    }
}

impl Inspection {
    /// The machine-readable form documented in docs/file-formats.md ("inspect --json").
    pub fn to_json(&self, net: &Network) -> serde_json::Value {
        use serde_json::json;
        let fid = |f: crate::FacilityId| net.facility(f).id.clone();
        json!({
            "schema": "kuroshio.inspect",
            "version": 1,
            "with_backups": self.with_backups,
            "single_points_of_failure": self.spof.iter().map(|m| json!({
                "market": fid(m.market),
                "facilities": m.facilities.iter().map(|&f| fid(f)).collect::<Vec<_>>(),
                "chokepoints": m.chokepoints.iter().map(|&c| net.chokepoints[c.index()].id.clone()).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "concentration": self.concentration.iter().map(|c| json!({
                "product": net.products[c.product.index()].id,
                "hhi": c.hhi,
                "top_country": c.top_country.code(),
                "top_share": c.top_share,
                "concentrated": c.concentrated,
                "facilities": c.facilities,
                "countries": c.shares.iter().map(|(k, s)| json!({"country": k.code(), "share": s})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "route_exposure": self.exposure.iter().map(|e| json!({
                "chokepoint": net.chokepoints[e.chokepoint.index()].id,
                "exposed_value_usd_per_day": e.total_value,
                "markets": e.markets.iter().map(|m| json!({
                    "market": fid(m.market),
                    "share": m.share,
                    "value_usd_per_day": m.value,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}
