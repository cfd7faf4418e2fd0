//! Reports of the tutorial with a fixed seed: snapshots of the Markdown and JSON, the network
//! files parsed with real parsers, and `kuroshio report` re-rendering the same bytes.

use std::collections::BTreeSet;
use std::path::Path;

use kuroshio_core::analysis::inspect;
use kuroshio_montecarlo::part::scenario_hash;
use kuroshio_montecarlo::record::layout;
use kuroshio_montecarlo::{Arm, Flow, Model, Plan, RunInfo, Summary};
use kuroshio_report::input::{ReportInput, ranking};
use kuroshio_report::structure::Structure;
use kuroshio_sim::Simulator;

/// Runs the tutorial (seed 42, 1,000 trials) and writes its result directory into `dir`.
fn tutorial_results(dir: &Path) -> (Summary, Structure) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/tutorial");
    let s = kuroshio_core::load(&path).expect("tutorial");
    let hazards = kuroshio_montecarlo::hazards(&s).expect("hazards");
    let horizon = s.settings.horizon_days;
    let lay = layout(&s.network, &s.baseline, horizon);
    let sim = Simulator::new(&s.network, &s.baseline, &s.settings);
    let model = Model {
        network: &s.network,
        hazards: &hazards,
        horizon,
        layout: lay.clone(),
        arms: vec![Arm::new("base", sim, &lay, None)],
    };
    let plan = Plan { seed: 42, trials: 0..1000, target_rel_ci: None };
    let r = kuroshio_montecarlo::run(&model, &plan, None, &mut |_| Flow::Continue).expect("run");
    let hash = scenario_hash(&s).expect("hash");
    let info = RunInfo {
        scenario: s.name.clone(),
        scenario_hash: hash.clone(),
        hazards: hazards.iter().map(|h| h.name.clone()).collect(),
        seed: 42,
        horizon_days: horizon,
        planned_trials: 1000,
        target_rel_ci: None,
        tool_version: "snapshot".into(),
    };
    let acc = &r.accumulators[0];
    let summary = Summary::new(&info, "base", r.stop, &s.network, acc);
    let tts = kuroshio_sim::tts::analyse(&Simulator::new(&s.network, &s.baseline, &s.settings));
    let named: BTreeSet<String> = summary.facilities.iter().map(|f| f.id.clone()).collect();
    let st = Structure::new(&s, &hash, &inspect(&s.network, &s.baseline, false), Some(&tts), &named);
    kuroshio_report::write_run(dir, &summary, acc).expect("write");
    kuroshio_report::write_structure(dir, &st).expect("structure");
    kuroshio_report::render_dir(dir).expect("render");
    (summary, st)
}

#[test]
fn markdown_and_json_snapshots_of_the_tutorial() {
    let dir = tempfile::tempdir().expect("tempdir");
    tutorial_results(dir.path());
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).expect(name);
    insta::assert_snapshot!("tutorial_report_md", read("report.md"));
    insta::assert_snapshot!("tutorial_summary_json", read("summary.json"));
}

#[test]
fn the_report_command_re_renders_the_same_bytes_from_the_saved_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    tutorial_results(dir.path());
    let names = ["report.md", "report.html", "network.geojson", "network.graphml"];
    let before: Vec<Vec<u8>> =
        names.iter().map(|n| std::fs::read(dir.path().join(n)).expect("file")).collect();
    for n in names {
        std::fs::remove_file(dir.path().join(n)).expect("remove");
    }
    kuroshio_report::render_dir(dir.path()).expect("re-render");
    for (n, b) in names.iter().zip(&before) {
        assert_eq!(&std::fs::read(dir.path().join(n)).expect("file"), b, "{n}");
    }
}

/// `network.geojson` is assembled one feature at a time (a million features as one JSON tree
/// take several GiB); the text must be exactly serde_json's pretty printing of the whole document.
#[test]
fn geojson_text_is_the_pretty_printed_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, mut st) = tutorial_results(dir.path());
    let text = std::fs::read_to_string(dir.path().join("network.geojson")).expect("geojson");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert!(doc["features"].as_array().is_some_and(|f| f.len() > 10), "features written");
    let again = serde_json::to_string_pretty(&doc).expect("serializes") + "\n";
    assert_eq!(text, again);
    // An empty collection keeps the same shape.
    let empty = serde_json::json!({ "type": "FeatureCollection", "features": [] });
    st.facilities.clear();
    st.chokepoints.clear();
    st.routes.clear();
    let empty_text = kuroshio_report::geo::geojson(&st, &[]);
    assert_eq!(empty_text, serde_json::to_string_pretty(&empty).expect("serializes") + "\n");
}

#[test]
fn graphml_and_geojson_parse_with_real_parsers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (summary, st) = tutorial_results(dir.path());
    let xml = std::fs::read_to_string(dir.path().join("network.graphml")).expect("graphml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed GraphML");
    let graphml = doc.root_element();
    assert_eq!(graphml.tag_name().name(), "graphml");
    assert_eq!(graphml.tag_name().namespace(), Some("http://graphml.graphdrawing.org/xmlns"));
    let nodes = doc.descendants().filter(|n| n.has_tag_name("node")).count();
    let edges = doc.descendants().filter(|n| n.has_tag_name("edge")).count();
    assert_eq!(nodes, st.facilities.len() + st.chokepoints.len());
    assert_eq!(edges, st.links.len());
    assert_eq!(edges, 13, "the tutorial has 13 links");
    // The top chokepoint's contribution is on its node.
    let top = &ranking(&ReportInput::read_dir(dir.path()).expect("read")).clone()[0];
    let node = doc
        .descendants()
        .find(|n| n.has_tag_name("node") && n.attribute("id").is_some_and(|id| id.ends_with(&top.id)))
        .expect("top node");
    let value: f64 = node
        .children()
        .find(|d| d.attribute("key") == Some("expected_contribution_usd"))
        .and_then(|d| d.text())
        .and_then(|t| t.parse().ok())
        .expect("contribution attribute");
    assert_eq!(value, top.expected_contribution_usd);

    let text = std::fs::read_to_string(dir.path().join("network.geojson")).expect("geojson");
    let gj: geojson::GeoJson = text.parse().expect("valid GeoJSON");
    let geojson::GeoJson::FeatureCollection(fc) = gj else { panic!("expected a FeatureCollection") };
    let points = fc
        .features
        .iter()
        .filter(|f| matches!(f.geometry.as_ref().map(|g| &g.value), Some(geojson::Value::Point(_))))
        .count();
    let lines = fc
        .features
        .iter()
        .filter(|f| matches!(f.geometry.as_ref().map(|g| &g.value), Some(geojson::Value::LineString(_))))
        .count();
    // Every located facility, market and chokepoint is a point (the national market has no
    // coordinates); every route has two or more located chokepoints.
    let located = st.facilities.iter().filter(|f| f.lat.is_some() && f.lon.is_some()).count()
        + st.chokepoints.iter().filter(|c| c.lat.is_some() && c.lon.is_some()).count();
    assert_eq!(located, 17);
    assert_eq!(points, located);
    assert_eq!(lines, st.routes.len());
    let fab = fc
        .features
        .iter()
        .find(|f| f.property("id").and_then(|v| v.as_str()) == Some("FAB-HSINCHU"))
        .expect("FAB-HSINCHU");
    let expected = summary.facilities.iter().find(|f| f.id == "FAB-HSINCHU").expect("in summary");
    assert_eq!(
        fab.property("expected_contribution_usd").and_then(|v| v.as_f64()),
        Some(expected.expected_contribution_usd)
    );
    // Longitude first (RFC 7946): Hsinchu is at 121.00 E, 24.78 N.
    let Some(geojson::Value::Point(p)) = fab.geometry.as_ref().map(|g| g.value.clone()) else { panic!() };
    assert_eq!(p, vec![121.0, 24.78]);
}
