//! `report.html` rendered from checked-in results of the tutorial (tests/data: `kuroshio run
//! --trials 5000 --seed 3` and `kuroshio compare --trials 2000`): the SVG charts are well-formed
//! XML, the page references nothing on the network, every chart is there, user text is escaped,
//! missing inputs are explained, and large networks stay bounded. The page is also loaded in a
//! real browser by `.ci/html-check`.

use std::path::Path;

use kuroshio_report::html::{CHART_TITLES, MAX_RANKING_ROWS, html};
use kuroshio_report::input::{ReportInput, ranking};

fn tutorial() -> ReportInput {
    ReportInput::read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")).expect("tests/data")
}

fn render(input: &ReportInput) -> String {
    html(input, &ranking(input))
}

/// Every `<svg>...</svg>` of the page, parsed as XML; returns the documents' texts.
fn svgs(page: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").expect("closed svg") + start + "</svg>".len();
        let svg = &rest[start..end];
        if let Err(e) = roxmltree::Document::parse(svg) {
            panic!("SVG is not well-formed XML: {e}\n{}", &svg[..svg.len().min(2000)]);
        }
        out.push(svg);
        rest = &rest[end..];
    }
    out
}

/// The `<title>` of each chart (its first element).
fn chart_titles(page: &str) -> Vec<String> {
    svgs(page)
        .into_iter()
        .map(|svg| {
            let doc = roxmltree::Document::parse(svg).expect("xml");
            let root = doc.root_element();
            assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
            root.children()
                .find(|n| n.has_tag_name("title"))
                .and_then(|n| n.text())
                .expect("every chart has a title")
                .to_string()
        })
        .collect()
}

#[test]
fn tutorial_page_has_every_chart_and_section() {
    let input = tutorial();
    let page = render(&input);
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.trim_end().ends_with("</html>"));
    let titles = chart_titles(&page);
    for t in CHART_TITLES {
        assert!(titles.iter().any(|x| x.starts_with(t)), "chart {t:?} missing; have {titles:?}");
        assert!(page.contains(t));
    }
    assert!(titles.contains(&"Recovery fan: US-VEHICLES".to_string()), "{titles:?}");
    // Sections in order.
    let at = |s: &str| page.find(s).unwrap_or_else(|| panic!("{s} missing"));
    let order = [
        "id=\"headline\"",
        "id=\"ranking-table\"",
        kuroshio_report::input::RANKING_ORDER_NOTE.split(':').next().expect("note"),
        "id=\"recovery\"",
        "id=\"interventions\"",
        "id=\"scenario\"",
    ];
    for w in order.windows(2) {
        assert!(at(w[0]) < at(w[1]), "{} before {}", w[0], w[1]);
    }
    // Headline figures, a ranking row per element, the interventions, the card.
    assert!(page.contains("Expected annual loss of final demand"));
    assert!(page.contains(&kuroshio_report::html::usd(input.summary.loss.annual_expected_loss)));
    for r in ranking(&input) {
        assert!(page.contains(&format!("<code>{}</code>", r.id)), "{} not in the ranking", r.id);
    }
    for c in &input.comparison.as_ref().expect("comparison").comparisons {
        assert!(page.contains(&c.intervention));
    }
    assert!(page.contains(&input.summary.run.scenario_hash));
    for s in &input.structure.as_ref().expect("structure").scenario.sources {
        assert!(page.contains(&kuroshio_report::html::escape(s)), "source {s:?} missing");
    }
    // The tutorial crosses the Pacific: western longitudes are shifted.
    assert!(page.contains("the Pacific is in the middle"));
}

#[test]
fn page_is_self_contained() {
    let page = render(&tutorial());
    let mut rest = page.as_str();
    while let Some(i) = rest.find("http") {
        let tail = &rest[i..];
        if tail.starts_with("http://") || tail.starts_with("https://") {
            assert!(
                tail.starts_with("http://www.w3.org/2000/svg\""),
                "external reference: {}",
                &tail[..60.min(tail.len())]
            );
        }
        rest = &rest[i + 4..];
    }
    for bad in ["<link rel=\"stylesheet\"", "src=\"", "@import", "url(", "@font-face"] {
        assert!(!page.contains(bad), "{bad} in the page");
    }
    assert_eq!(page.matches("<script").count(), 1, "one inline script only");
    // Chart text is readable: no font size below 11 px.
    for size in page.split("font-size=\"").skip(1) {
        let px: f64 = size.split('"').next().expect("value").parse().expect("number");
        assert!(px >= 11.0, "font-size {px}");
    }
}

#[test]
fn user_text_is_escaped() {
    let mut input = tutorial();
    let evil = "<script>alert(\"x\" & 'y')</script>";
    let id = input.summary.facilities[0].id.clone();
    input.summary.facilities[0].name = evil.into();
    input.summary.markets[0].name = evil.into();
    input.summary.run.scenario = evil.into();
    let st = input.structure.as_mut().expect("structure");
    for f in st.facilities.iter_mut().filter(|f| f.id == id) {
        f.name = evil.into();
    }
    st.chokepoints[0].name = evil.into();
    st.scenario.sources.push(evil.into());
    st.scenario.description = evil.into();
    input.comparison.as_mut().expect("comparison").comparisons[0].intervention = evil.into();
    let page = render(&input);
    assert!(!page.contains("<script>alert"), "unescaped name");
    assert!(page.contains("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"));
    assert_eq!(page.matches("<script").count(), 1);
    let _ = svgs(&page);
}

#[test]
fn missing_inputs_are_explained() {
    let mut input = tutorial();
    input.structure = None;
    input.comparison = None;
    input.losses.clear();
    let page = render(&input);
    let titles = chart_titles(&page);
    // Bars and fans need neither structure.json nor trials.csv.
    assert!(titles.iter().any(|t| t.starts_with("Top chokepoints")), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("Recovery fan")), "{titles:?}");
    assert!(!titles.iter().any(|t| t.starts_with("Map")
        || t.starts_with("Time to survive")
        || t.starts_with("Loss exceedance")));
    assert!(page.contains("trials.csv) are not in the result directory"));
    assert!(page.contains("structure.json is not in the result directory, so positions are not known"));
    assert!(!page.contains("id=\"interventions\""));

    // Structure without coordinates: no map, the rest stays.
    let mut input = tutorial();
    let st = input.structure.as_mut().expect("structure");
    for f in &mut st.facilities {
        f.lat = None;
        f.lon = None;
    }
    for c in &mut st.chokepoints {
        c.lat = None;
    }
    let page = render(&input);
    assert!(page.contains("no facility or chokepoint in the scenario has a latitude and longitude"));
    assert_eq!(chart_titles(&page).len(), 4);

    // No trial with a loss.
    let mut input = tutorial();
    input.losses.iter_mut().for_each(|l| *l = 0.0);
    assert!(render(&input).contains("none of the 5000 trials had a loss"));
}

#[test]
fn large_networks_stay_bounded() {
    let mut input = tutorial();
    let st = input.structure.as_mut().expect("structure");
    let template = st.facilities[0].clone();
    for i in 0..6_000 {
        let mut f = template.clone();
        f.id = format!("GEN-{i:05}");
        f.name = format!("Generated facility {i}");
        f.lat = Some(-40.0 + (i % 80) as f64);
        f.lon = Some(-170.0 + (i * 7 % 340) as f64);
        f.exposed = Some(i % 3 == 0);
        f.tts_days = Some((i % 200) as u32);
        f.ttr_days = Some((i % 90) as f64);
        if i == 5_999 {
            f.spof_for = (0..3_000).map(|m| format!("MARKET-{m:04}")).collect();
        }
        st.facilities.push(f);
    }
    let extra: Vec<_> = (0..6_000)
        .map(|i| {
            let mut e = input.summary.facilities[0].clone();
            e.id = format!("GEN-{i:05}");
            e.expected_contribution_usd = 1000.0 + i as f64;
            e
        })
        .collect();
    input.summary.facilities.extend(extra);
    let rows = ranking(&input);
    assert!(rows.len() > MAX_RANKING_ROWS);
    let page = html(&input, &rows);
    let table = &page[page.find("id=\"ranking-table\"").expect("table")..];
    let table = &table[..table.find("</table>").expect("end")];
    assert_eq!(table.matches("<tr>").count(), MAX_RANKING_ROWS + 1, "header and capped rows");
    assert!(page.contains(&format!("Showing the first {}", "500")));
    assert!(
        page.contains("MARKET-0003 and 2,996 more") && !page.contains("MARKET-0004"),
        "SPOF lists capped"
    );
    let svgs = svgs(&page);
    let map = svgs.iter().find(|s| s.contains("<title>Map of")).expect("map");
    assert!(map.matches("<circle").count() <= 2_001, "map facilities capped");
    assert!(page.len() < 4_000_000, "page is {} bytes", page.len());
}
