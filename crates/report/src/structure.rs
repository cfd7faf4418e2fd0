//! `structure.json`: what a report needs to know about the network itself, beside the Monte Carlo
//! results: the scenario card (size, settings, cited sources), each facility's and chokepoint's
//! place and structural indicators (single point of failure, country concentration of its
//! product, route exposure, time to survive against time to recover), and the routes for the map.
//!
//! It is written next to `summary.json` by `run` (and `compare`), so that `kuroshio report DIR`
//! can re-render every format from the directory alone.

use std::collections::{BTreeMap, BTreeSet};

use kuroshio_core::analysis::Inspection;
use kuroshio_core::{FacilityId, Scenario};
use kuroshio_sim::tts::{Exposure, Survival};
use serde::{Deserialize, Serialize};

/// Version of the `structure.json` schema.
pub const STRUCTURE_VERSION: u32 = 1;

/// Facilities listed in full up to this many; beyond it, only those in the Monte Carlo results,
/// the single points of failure and the markets (so the file stays small at a million).
pub const MAX_LISTED_FACILITIES: usize = 20_000;

/// The network side of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Structure {
    /// Always "kuroshio-structure".
    pub format: String,
    /// [`STRUCTURE_VERSION`].
    pub version: u32,
    /// The scenario card.
    pub scenario: ScenarioCard,
    /// Whether every facility is listed (else see [`MAX_LISTED_FACILITIES`]).
    pub all_facilities_listed: bool,
    /// Facilities (and markets), in id order.
    pub facilities: Vec<FacilityInfo>,
    /// Chokepoints, in id order.
    pub chokepoints: Vec<ChokepointInfo>,
    /// Routes, in id order.
    pub routes: Vec<RouteInfo>,
    /// Links, in file order (only when every facility is listed; empty otherwise).
    pub links: Vec<LinkInfo>,
    /// Country concentration per product.
    pub concentration: Vec<ConcentrationInfo>,
    /// Whether the TTS analysis ran (it is skipped on large networks unless asked for).
    pub tts_computed: bool,
}

/// Who made the scenario, how big it is, and how it was set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioCard {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// SHA-256 of its files.
    pub hash: String,
    /// Counts of facilities (markets excluded), markets, products, links, routes, chokepoints.
    pub counts: BTreeMap<String, usize>,
    /// Every setting, as `scenario.toml`'s `[settings]` names it.
    pub settings: BTreeMap<String, serde_json::Value>,
    /// The sources cited in the scenario's `source` columns, deduplicated and sorted.
    pub sources: Vec<String>,
}

/// A facility or market.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacilityInfo {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind (`market` for markets).
    pub kind: String,
    /// Country (ISO alpha-3).
    pub country: String,
    /// Region id.
    pub region: String,
    /// Product id.
    pub product: String,
    /// The product's sector.
    pub sector: String,
    /// Latitude, if given.
    pub lat: Option<f64>,
    /// Longitude, if given.
    pub lon: Option<f64>,
    /// Baseline output per day, units (demand for markets).
    pub baseline_output: f64,
    /// Baseline output value per day, USD.
    pub baseline_value_usd_per_day: f64,
    /// Markets for which it is a single point of failure.
    pub spof_for: Vec<String>,
    /// HHI of its product's capacity by country (0 to 10,000).
    pub product_hhi: Option<f64>,
    /// Time to survive, days (with `tts_at_least`: no shortage even over the whole horizon).
    pub tts_days: Option<u32>,
    /// Whether `tts_days` is a lower bound (the horizon).
    pub tts_at_least: bool,
    /// Time to recover used, days.
    pub ttr_days: Option<f64>,
    /// Risk exposure index (0 to 1).
    pub risk_exposure_index: Option<f64>,
    /// TTS < TTR.
    pub exposed: Option<bool>,
}

/// A chokepoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChokepointInfo {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Country.
    pub country: String,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Markets for which it is a single point of failure.
    pub spof_for: Vec<String>,
    /// Largest share of any market's baseline supply whose path passes it (route exposure).
    pub max_market_share: f64,
    /// Baseline value per day whose path passes it, USD.
    pub exposed_value_usd_per_day: f64,
}

/// A route, for the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteInfo {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `sea`, `air` or `land`.
    pub mode: String,
    /// Chokepoint ids in order.
    pub chokepoints: Vec<String>,
    /// The alternate's chokepoints, if any.
    pub alternate: Option<Vec<String>>,
    /// Baseline value shipped on it per day, USD.
    pub flow_value_usd_per_day: f64,
}

/// A supplier link, for the network files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkInfo {
    /// Supplier facility id.
    pub supplier: String,
    /// Customer facility id.
    pub customer: String,
    /// Product id.
    pub product: String,
    /// Baseline share of the customer's need of the product.
    pub share: f64,
    /// Lead time, days.
    pub lead_time_days: u32,
    /// Route id, if any.
    pub route: Option<String>,
    /// A backup link.
    pub backup: bool,
    /// Baseline value shipped per day, USD.
    pub flow_value_usd_per_day: f64,
}

/// A product's country concentration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConcentrationInfo {
    /// Product id.
    pub product: String,
    /// Sector.
    pub sector: String,
    /// HHI.
    pub hhi: f64,
    /// The country with the largest share of capacity.
    pub top_country: String,
    /// Its share.
    pub top_share: f64,
    /// HHI above 2,500.
    pub concentrated: bool,
}

impl Structure {
    /// Builds the document from a loaded scenario, its structural analysis, the TTS rows (if
    /// computed) and the facilities the Monte Carlo results name (always listed).
    pub fn new(
        s: &Scenario,
        hash: &str,
        inspection: &Inspection,
        tts: Option<&[Exposure]>,
        named: &BTreeSet<String>,
    ) -> Structure {
        let net = &s.network;
        let fid = |f: FacilityId| net.facility(f).id.clone();
        let mut spof: BTreeMap<FacilityId, Vec<String>> = BTreeMap::new();
        let mut cp_spof: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for m in &inspection.spof {
            for &f in &m.facilities {
                spof.entry(f).or_default().push(fid(m.market));
            }
            for &c in &m.chokepoints {
                cp_spof.entry(c.index()).or_default().push(fid(m.market));
            }
        }
        let hhi: BTreeMap<usize, f64> =
            inspection.concentration.iter().map(|c| (c.product.index(), c.hhi)).collect();
        let tts_of: BTreeMap<FacilityId, &Exposure> =
            tts.unwrap_or(&[]).iter().map(|e| (e.facility, e)).collect();
        let all = net.facilities.len() <= MAX_LISTED_FACILITIES;
        let facilities = net
            .facilities
            .iter()
            .enumerate()
            .filter(|(i, f)| {
                all || f.is_market()
                    || named.contains(&f.id)
                    || spof.contains_key(&FacilityId::from_index(*i))
            })
            .map(|(i, f)| {
                let id = FacilityId::from_index(i);
                let p = &net.products[f.product.index()];
                let x = s.baseline.output[i];
                let t = tts_of.get(&id);
                FacilityInfo {
                    id: f.id.clone(),
                    name: f.name.clone(),
                    kind: f.kind.as_str().to_string(),
                    country: f.country.code().to_string(),
                    region: net.regions[f.region.index()].id.clone(),
                    product: p.id.clone(),
                    sector: p.sector.clone(),
                    lat: f.lat,
                    lon: f.lon,
                    baseline_output: x,
                    baseline_value_usd_per_day: x * p.unit_value,
                    spof_for: spof.get(&id).cloned().unwrap_or_default(),
                    product_hhi: hhi.get(&f.product.index()).copied(),
                    tts_days: t.map(|e| e.tts.days()),
                    tts_at_least: t.is_some_and(|e| matches!(e.tts, Survival::AtLeast(_))),
                    ttr_days: t.and_then(|e| e.ttr),
                    risk_exposure_index: t.and_then(|e| e.risk_exposure_index),
                    exposed: t.and_then(|e| e.exposed),
                }
            })
            .collect();
        let exposure: BTreeMap<usize, &kuroshio_core::analysis::exposure::ChokepointExposure> =
            inspection.exposure.iter().map(|e| (e.chokepoint.index(), e)).collect();
        let chokepoints = net
            .chokepoints
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let e = exposure.get(&i);
                ChokepointInfo {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    kind: kind_name(c.kind),
                    country: c.country.code().to_string(),
                    lat: c.lat,
                    lon: c.lon,
                    spof_for: cp_spof.get(&i).cloned().unwrap_or_default(),
                    max_market_share: e
                        .map_or(0.0, |e| e.markets.iter().map(|m| m.share).fold(0.0, f64::max)),
                    exposed_value_usd_per_day: e.map_or(0.0, |e| e.total_value),
                }
            })
            .collect();
        let mut route_flow = vec![0.0; net.routes.len()];
        for (l, link) in net.links.iter().enumerate() {
            if let Some(r) = link.route {
                route_flow[r.index()] +=
                    s.baseline.link_flow[l] * net.products[link.product.index()].unit_value;
            }
        }
        let cp = |ids: &[kuroshio_core::ChokepointId]| {
            ids.iter().map(|c| net.chokepoints[c.index()].id.clone()).collect()
        };
        let routes = net
            .routes
            .iter()
            .enumerate()
            .map(|(i, r)| RouteInfo {
                id: r.id.clone(),
                name: r.name.clone(),
                mode: mode_name(r.mode),
                chokepoints: cp(&r.chokepoints),
                alternate: r.alternate.as_ref().map(|a| cp(&a.chokepoints)),
                flow_value_usd_per_day: route_flow[i],
            })
            .collect();
        let links = if all {
            net.links
                .iter()
                .enumerate()
                .map(|(l, link)| LinkInfo {
                    supplier: fid(link.supplier),
                    customer: fid(link.customer),
                    product: net.products[link.product.index()].id.clone(),
                    share: link.share,
                    lead_time_days: link.lead_time_days,
                    route: link.route.map(|r| net.routes[r.index()].id.clone()),
                    backup: link.backup,
                    flow_value_usd_per_day: s.baseline.link_flow[l]
                        * net.products[link.product.index()].unit_value,
                })
                .collect()
        } else {
            Vec::new()
        };
        let concentration = inspection
            .concentration
            .iter()
            .map(|c| {
                let p = &net.products[c.product.index()];
                ConcentrationInfo {
                    product: p.id.clone(),
                    sector: p.sector.clone(),
                    hhi: c.hhi,
                    top_country: c.top_country.code().to_string(),
                    top_share: c.top_share,
                    concentrated: c.concentrated,
                }
            })
            .collect();
        Structure {
            format: "kuroshio-structure".into(),
            version: STRUCTURE_VERSION,
            scenario: card(s, hash),
            all_facilities_listed: all,
            facilities,
            chokepoints,
            routes,
            links,
            concentration,
            tts_computed: tts.is_some(),
        }
    }
}

fn card(s: &Scenario, hash: &str) -> ScenarioCard {
    let net = &s.network;
    let markets = net.markets.len();
    let counts = [
        ("facilities", net.facilities.len() - markets),
        ("markets", markets),
        ("products", net.products.len()),
        ("links", net.links.len()),
        ("routes", net.routes.len()),
        ("chokepoints", net.chokepoints.len()),
        ("regions", net.regions.len()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let st = &s.settings;
    let mut settings: BTreeMap<String, serde_json::Value> = [
        ("horizon_days", serde_json::json!(st.horizon_days)),
        ("inventory_days", serde_json::json!(st.inventory_days)),
        ("epsilon", serde_json::json!(st.epsilon)),
        ("utilization", serde_json::json!(st.utilization)),
        ("adjustment_days", serde_json::json!(st.adjustment_days)),
        ("backlog", serde_json::json!(st.backlog)),
        ("switch_after_days", serde_json::json!(st.switch_after_days)),
        ("shares_return", serde_json::json!(st.shares_return)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    // Under the ARIO rules (docs/model.md §7) the card says so, with the `[ario]` parameters.
    if st.model == kuroshio_core::Model::Ario {
        settings.insert("model".into(), serde_json::json!(st.model.as_str()));
        settings.insert("ario".into(), serde_json::to_value(&st.ario).unwrap_or(serde_json::Value::Null));
    }
    ScenarioCard {
        name: s.name.clone(),
        description: s.description.clone(),
        hash: hash.to_string(),
        counts,
        settings,
        sources: net.sources.iter().cloned().collect(),
    }
}

fn kind_name(k: kuroshio_core::ChokepointKind) -> String {
    kuroshio_core::ChokepointKind::NAMED
        .iter()
        .find(|(_, v)| *v == k)
        .map_or("chokepoint", |(s, _)| s)
        .to_string()
}

fn mode_name(m: kuroshio_core::TransportMode) -> String {
    kuroshio_core::TransportMode::NAMED.iter().find(|(_, v)| *v == m).map_or("sea", |(s, _)| s).to_string()
}
