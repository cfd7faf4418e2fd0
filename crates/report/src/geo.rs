//! `network.geojson` (for GIS tools) and `network.graphml` (for Gephi and yEd): the network with
//! the chokepoint metrics of a run on its nodes.
//!
//! - GeoJSON (RFC 7946): a FeatureCollection of Points for facilities, markets and chokepoints
//!   with coordinates (longitude, latitude as given in the scenario), and LineStrings for routes
//!   through their chokepoints. Properties carry the ranking's metrics.
//! - GraphML: one directed graph; nodes are facilities, markets and chokepoints, edges are
//!   supplier links (only when `structure.json` lists every facility, see
//!   [`crate::structure::MAX_LISTED_FACILITIES`]). Attributes are declared with `<key>` elements
//!   so that tools read their types.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::input::{ElementType, RankRow};
use crate::structure::Structure;

fn metrics(ranking: &[RankRow], element: ElementType) -> BTreeMap<&str, &RankRow> {
    ranking.iter().filter(|r| r.element == element).map(|r| (r.id.as_str(), r)).collect()
}

/// `network.geojson` of a structure, with the metrics of `ranking`.
///
/// The text is what `serde_json::to_string_pretty` gives for the whole FeatureCollection, but
/// assembled one feature at a time: a `serde_json::Value` of a million features takes several
/// GiB, the text a few hundred MB.
pub fn geojson(st: &Structure, ranking: &[RankRow]) -> String {
    let mut text = String::from("{\n  \"features\": [");
    let mut first = true;
    for_each_feature(st, ranking, |feature| {
        let pretty = serde_json::to_string_pretty(&feature)
            .unwrap_or_else(|e| unreachable!("geojson serializes: {e}"));
        text.push_str(if first { "\n" } else { ",\n" });
        first = false;
        for (k, line) in pretty.lines().enumerate() {
            if k > 0 {
                text.push('\n');
            }
            text.push_str("    ");
            text.push_str(line);
        }
    });
    text.push_str(if first { "],\n" } else { "\n  ],\n" });
    text.push_str("  \"type\": \"FeatureCollection\"\n}\n");
    text
}

/// Calls `emit` with each feature of `network.geojson`, in order: facilities and markets with a
/// location, chokepoints with a location, routes through two or more located chokepoints.
fn for_each_feature(st: &Structure, ranking: &[RankRow], mut emit: impl FnMut(Value)) {
    let fac = metrics(ranking, ElementType::Facility);
    let cps = metrics(ranking, ElementType::Chokepoint);
    for f in &st.facilities {
        let (Some(lat), Some(lon)) = (f.lat, f.lon) else { continue };
        let r = fac.get(f.id.as_str());
        emit(json!({
            "type": "Feature",
            "geometry": { "type": "Point", "coordinates": [lon, lat] },
            "properties": {
                "element": if f.kind == "market" { "market" } else { "facility" },
                "id": f.id, "name": f.name, "kind": f.kind, "country": f.country, "sector": f.sector,
                "baseline_value_usd_per_day": f.baseline_value_usd_per_day,
                "expected_contribution_usd": r.map_or(0.0, |r| r.expected_contribution_usd),
                "p_hit": r.map_or(0.0, |r| r.p_hit),
                "p_impacted": r.map_or(0.0, |r| r.p_impacted),
                "rank": r.map(|r| r.rank),
                "spof_for": f.spof_for.join(";"),
                "tts_days": f.tts_days,
                "ttr_days": f.ttr_days,
                "risk_exposure_index": f.risk_exposure_index,
                "exposed": f.exposed,
            }
        }));
    }
    let mut at: BTreeMap<&str, [f64; 2]> = BTreeMap::new();
    for c in &st.chokepoints {
        let (Some(lat), Some(lon)) = (c.lat, c.lon) else { continue };
        at.insert(c.id.as_str(), [lon, lat]);
        let r = cps.get(c.id.as_str());
        emit(json!({
            "type": "Feature",
            "geometry": { "type": "Point", "coordinates": [lon, lat] },
            "properties": {
                "element": "chokepoint",
                "id": c.id, "name": c.name, "kind": c.kind, "country": c.country,
                "expected_contribution_usd": r.map_or(0.0, |r| r.expected_contribution_usd),
                "p_hit": r.map_or(0.0, |r| r.p_hit),
                "rank": r.map(|r| r.rank),
                "spof_for": c.spof_for.join(";"),
                "route_exposure": c.max_market_share,
                "exposed_value_usd_per_day": c.exposed_value_usd_per_day,
            }
        }));
    }
    for route in &st.routes {
        let line: Vec<[f64; 2]> =
            route.chokepoints.iter().filter_map(|c| at.get(c.as_str()).copied()).collect();
        if line.len() < 2 {
            continue;
        }
        emit(json!({
            "type": "Feature",
            "geometry": { "type": "LineString", "coordinates": line },
            "properties": {
                "element": "route",
                "id": route.id, "name": route.name, "mode": route.mode,
                "chokepoints": route.chokepoints.join(";"),
                "flow_value_usd_per_day": route.flow_value_usd_per_day,
            }
        }));
    }
}

/// XML text escaping.
pub fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => {}
            c => o.push(c),
        }
    }
    o
}

const NODE_KEYS: [(&str, &str); 13] = [
    ("element", "string"),
    ("name", "string"),
    ("kind", "string"),
    ("country", "string"),
    ("lat", "double"),
    ("lon", "double"),
    ("expected_contribution_usd", "double"),
    ("p_hit", "double"),
    ("p_impacted", "double"),
    ("spof_for", "string"),
    ("tts_days", "double"),
    ("ttr_days", "double"),
    ("route_exposure", "double"),
];

const EDGE_KEYS: [(&str, &str); 6] = [
    ("product", "string"),
    ("share", "double"),
    ("lead_time_days", "int"),
    ("route", "string"),
    ("backup", "boolean"),
    ("flow_value_usd_per_day", "double"),
];

fn data(o: &mut String, key: &str, v: &Value) {
    let text = match v {
        Value::Null => return,
        Value::String(s) => xml_escape(s),
        other => other.to_string(),
    };
    let _ = write!(o, "<data key=\"{key}\">{text}</data>");
}

/// `network.graphml` of a structure, with the metrics of `ranking`.
pub fn graphml(st: &Structure, ranking: &[RankRow]) -> String {
    let fac = metrics(ranking, ElementType::Facility);
    let cps = metrics(ranking, ElementType::Chokepoint);
    let mut o = String::new();
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (k, t) in NODE_KEYS {
        let _ = writeln!(o, "  <key id=\"{k}\" for=\"node\" attr.name=\"{k}\" attr.type=\"{t}\"/>");
    }
    for (k, t) in EDGE_KEYS {
        let _ = writeln!(o, "  <key id=\"e_{k}\" for=\"edge\" attr.name=\"{k}\" attr.type=\"{t}\"/>");
    }
    let _ = writeln!(o, "  <graph id=\"{}\" edgedefault=\"directed\">", xml_escape(&st.scenario.name));
    for f in &st.facilities {
        let r = fac.get(f.id.as_str());
        let _ = write!(o, "    <node id=\"f:{}\">", xml_escape(&f.id));
        let fields = [
            json!(if f.kind == "market" { "market" } else { "facility" }),
            json!(f.name),
            json!(f.kind),
            json!(f.country),
            json!(f.lat),
            json!(f.lon),
            json!(r.map_or(0.0, |r| r.expected_contribution_usd)),
            json!(r.map_or(0.0, |r| r.p_hit)),
            json!(r.map_or(0.0, |r| r.p_impacted)),
            json!(f.spof_for.join(";")),
            json!(f.tts_days),
            json!(f.ttr_days),
            Value::Null,
        ];
        for ((k, _), v) in NODE_KEYS.iter().zip(&fields) {
            data(&mut o, k, v);
        }
        o.push_str("</node>\n");
    }
    for c in &st.chokepoints {
        let r = cps.get(c.id.as_str());
        let _ = write!(o, "    <node id=\"c:{}\">", xml_escape(&c.id));
        let fields = [
            json!("chokepoint"),
            json!(c.name),
            json!(c.kind),
            json!(c.country),
            json!(c.lat),
            json!(c.lon),
            json!(r.map_or(0.0, |r| r.expected_contribution_usd)),
            json!(r.map_or(0.0, |r| r.p_hit)),
            Value::Null,
            json!(c.spof_for.join(";")),
            Value::Null,
            Value::Null,
            json!(c.max_market_share),
        ];
        for ((k, _), v) in NODE_KEYS.iter().zip(&fields) {
            data(&mut o, k, v);
        }
        o.push_str("</node>\n");
    }
    for (i, l) in st.links.iter().enumerate() {
        let _ = write!(
            o,
            "    <edge id=\"l{i}\" source=\"f:{}\" target=\"f:{}\">",
            xml_escape(&l.supplier),
            xml_escape(&l.customer)
        );
        let fields = [
            json!(l.product),
            json!(l.share),
            json!(l.lead_time_days),
            json!(l.route),
            json!(l.backup),
            json!(l.flow_value_usd_per_day),
        ];
        for ((k, _), v) in EDGE_KEYS.iter().zip(&fields) {
            data(&mut o, &format!("e_{k}"), v);
        }
        o.push_str("</edge>\n");
    }
    o.push_str("  </graph>\n</graphml>\n");
    o
}
