//! The map: facilities (sized by expected contribution to loss), chokepoints and the routes
//! through them, at the latitude and longitude the scenario gives, in an equirectangular
//! projection fitted to the data. When the data spans Asia and the Americas, negative
//! longitudes are shifted by +360 so that the Pacific is in the middle.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::html::escape;
use crate::input::{ElementType, RankRow};
use crate::structure::Structure;

use super::{
    BLUE, Chart, Frame, GREEN, GREY, INK, Labels, ORANGE, Scale, close, legend_item, n, open, x_axis, y_axis,
};

/// The chart's title.
pub(crate) const TITLE: &str = "Map of facilities, chokepoints and routes";

/// Facilities drawn at most (the largest by expected contribution, then baseline value).
pub(crate) const MAX_FACILITIES: usize = 2_000;

/// Facility labels written at most; chokepoint labels likewise.
const FACILITY_LABELS: usize = 8;
const CHOKEPOINT_LABELS: usize = 6;

/// The map and the note to print under it.
pub(crate) struct Map {
    /// The chart.
    pub chart: Chart,
    /// What the reader should know about it.
    pub note: String,
}

struct Point<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    lat: f64,
    lon: f64,
    contribution: f64,
    weight: f64,
    market: bool,
}

fn coords(lat: Option<f64>, lon: Option<f64>) -> Option<(f64, f64)> {
    let (lat, lon) = (lat?, lon?);
    (lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat) && (-180.0..=360.0).contains(&lon))
        .then_some((lat, lon))
}

/// The map, or why there is none.
pub(crate) fn chart(st: Option<&Structure>, ranking: &[RankRow]) -> Map {
    let skipped = |why: &str| Map { chart: Chart::Skipped(why.into()), note: String::new() };
    let Some(st) = st else {
        return skipped(
            "Not drawn: structure.json is not in the result directory, so positions are not known.",
        );
    };
    let contribution = |t: ElementType, id: &str| {
        ranking
            .iter()
            .find(|r| r.element == t && r.id == id)
            .map_or(0.0, |r| r.expected_contribution_usd.max(0.0))
    };
    let contrib_f: HashMap<&str, f64> = ranking
        .iter()
        .filter(|r| r.element == ElementType::Facility)
        .map(|r| (r.id.as_str(), r.expected_contribution_usd.max(0.0)))
        .collect();
    let mut fac: Vec<Point> = st
        .facilities
        .iter()
        .filter_map(|f| {
            let (lat, lon) = coords(f.lat, f.lon)?;
            Some(Point {
                id: &f.id,
                name: &f.name,
                kind: &f.kind,
                lat,
                lon,
                contribution: contrib_f.get(f.id.as_str()).copied().unwrap_or(0.0),
                weight: f.baseline_value_usd_per_day,
                market: f.kind == "market",
            })
        })
        .collect();
    let without = st.facilities.len() - fac.len();
    fac.sort_by(|a, b| {
        b.contribution
            .total_cmp(&a.contribution)
            .then(b.weight.total_cmp(&a.weight))
            .then_with(|| a.id.cmp(b.id))
    });
    let shown_total = fac.len();
    fac.truncate(MAX_FACILITIES);
    let cps: Vec<Point> = st
        .chokepoints
        .iter()
        .filter_map(|c| {
            let (lat, lon) = coords(c.lat, c.lon)?;
            Some(Point {
                id: &c.id,
                name: &c.name,
                kind: &c.kind,
                lat,
                lon,
                contribution: contribution(ElementType::Chokepoint, &c.id),
                weight: c.exposed_value_usd_per_day,
                market: false,
            })
        })
        .collect();
    if fac.is_empty() && cps.is_empty() {
        return skipped("Not drawn: no facility or chokepoint in the scenario has a latitude and longitude.");
    }

    // Longitudes: shift negatives by +360 when the data spans Asia and the Americas (the Pacific
    // in the middle, so that trans-Pacific routes cross it), or when that makes the span smaller
    // (data around the antimeridian).
    let lons: Vec<f64> = fac.iter().chain(&cps).map(|p| p.lon).collect();
    let span = |v: &mut dyn Iterator<Item = f64>| {
        let (lo, hi) = v.fold((f64::MAX, f64::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
        (lo, hi)
    };
    let (r0, r1) = span(&mut lons.iter().copied());
    let (s0, s1) = span(&mut lons.iter().map(|&l| if l < 0.0 { l + 360.0 } else { l }));
    let asia = lons.iter().any(|&l| (60.0..=180.0).contains(&l));
    let americas = lons.iter().any(|&l| (-180.0..=-30.0).contains(&l));
    let shift = (asia && americas) || s1 - s0 < r1 - r0 - 1e-9;
    let lon_of = |l: f64| if shift && l < 0.0 { l + 360.0 } else { l };
    let (mut lon0, mut lon1) = if shift { (s0, s1) } else { (r0, r1) };
    let (mut lat0, mut lat1) = span(&mut fac.iter().chain(&cps).map(|p| p.lat));
    // Margins, and a minimum extent for a single place.
    let pad_lon = ((lon1 - lon0) * 0.08).max(3.0);
    let pad_lat = ((lat1 - lat0) * 0.12).max(3.0);
    lon0 -= pad_lon;
    lon1 += pad_lon;
    lat0 -= pad_lat;
    lat1 += pad_lat;

    // Fit: the plot's width is fixed; its height follows the aspect ratio within bounds, and the
    // shorter extent is widened (about its centre) to fill the plot at one scale for both axes.
    let (left, right, top, bottom) = (64.0, 20.0, 78.0, 58.0);
    let pw = 960.0 - left - right;
    let ph = ((lat1 - lat0) * pw / (lon1 - lon0)).clamp(280.0, 600.0);
    let k = (pw / (lon1 - lon0)).min(ph / (lat1 - lat0));
    let (clon, clat) = ((lon0 + lon1) / 2.0, (lat0 + lat1) / 2.0);
    lon0 = clon - pw / k / 2.0;
    lon1 = clon + pw / k / 2.0;
    lat0 = clat - ph / k / 2.0;
    lat1 = clat + ph / k / 2.0;
    let f = Frame { w: 960.0, h: top + ph + bottom, left, right, top, bottom };
    let xs = Scale::linear(lon0, lon1, f.x0(), f.x1());
    let ys = Scale::linear(lat0, lat1, f.y0(), f.y1());
    let px = |p: &Point| (xs.at(lon_of(p.lon)), ys.at(p.lat));

    let mut o = String::new();
    open(
        &mut o,
        f.w,
        f.h,
        TITLE,
        "Circle area: expected contribution to loss per trial (small dot: none); line width: baseline value shipped",
    );
    let step = graticule_step(lon1 - lon0);
    let lon_ticks: Vec<(f64, String)> = grid(lon0, lon1, step).map(|v| (xs.at(v), lon_label(v))).collect();
    let lat_ticks: Vec<(f64, String)> = grid(lat0.max(-90.0), lat1.min(90.0), graticule_step(lat1 - lat0))
        .map(|v| (ys.at(v), lat_label(v)))
        .collect();
    let _ = write!(
        o,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f3f8fc\"/>",
        n(f.x0()),
        n(f.y1()),
        n(pw),
        n(ph)
    );
    x_axis(&mut o, &f, &lon_ticks, "Longitude (degrees)", true);
    y_axis(&mut o, &f, &lat_ticks, "Latitude (degrees)", true);

    // Routes through their chokepoints.
    let cp_at: HashMap<&str, (f64, f64)> = cps.iter().map(|p| (p.id, px(p))).collect();
    let max_flow = st.routes.iter().map(|r| r.flow_value_usd_per_day).fold(0.0, f64::max);
    let mut drawn_routes = 0;
    for r in &st.routes {
        let width = if max_flow > 0.0 {
            1.5 + 5.0 * (r.flow_value_usd_per_day.max(0.0) / max_flow).sqrt()
        } else {
            2.0
        };
        let path: Vec<(f64, f64)> =
            r.chokepoints.iter().filter_map(|c| cp_at.get(c.as_str()).copied()).collect();
        if let Some(alt) = &r.alternate {
            let apath: Vec<(f64, f64)> = alt.iter().filter_map(|c| cp_at.get(c.as_str()).copied()).collect();
            if apath.len() >= 2 {
                let _ = write!(
                    o,
                    "<polyline fill=\"none\" stroke=\"{GREY}\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\" \
                     points=\"{}\"><title>{}: alternate</title></polyline>",
                    super::points_attr(&apath),
                    escape(&r.id)
                );
            }
        }
        if path.len() >= 2 {
            drawn_routes += 1;
            let _ = write!(
                o,
                "<polyline fill=\"none\" stroke=\"#4b5563\" stroke-opacity=\"0.75\" stroke-width=\"{}\" \
                 stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"{}\"><title>{}: {} ({}, {} per day)\
                 </title></polyline>",
                n(width),
                super::points_attr(&path),
                escape(&r.id),
                escape(&r.name),
                escape(&r.mode),
                crate::html::usd(r.flow_value_usd_per_day)
            );
        }
    }

    // Facilities, the largest first so that small ones stay visible on top.
    let cmax = fac.iter().map(|p| p.contribution).fold(0.0, f64::max);
    let radius = |c: f64| if c > 0.0 && cmax > 0.0 { 4.5 + 14.0 * (c / cmax).sqrt() } else { 3.5 };
    let mut order: Vec<&Point> = fac.iter().collect();
    order.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
    let mut labels = Labels::new([f.x0(), f.y1(), f.x1(), f.y0()]);
    for p in &order {
        let (x, y) = px(p);
        let r = radius(p.contribution);
        labels.obstacle(x, y, r);
        let tip = format!(
            "<title>{}: {} ({}); expected contribution {} per trial</title>",
            escape(p.id),
            escape(p.name),
            escape(p.kind),
            crate::html::usd(p.contribution)
        );
        if p.market {
            let _ = write!(
                o,
                "<g>{tip}<rect x=\"{}\" y=\"{}\" width=\"9\" height=\"9\" fill=\"{GREEN}\" stroke=\"#ffffff\"/></g>",
                n(x - 4.5),
                n(y - 4.5)
            );
        } else {
            let _ = write!(
                o,
                "<g>{tip}<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{BLUE}\" fill-opacity=\"0.7\" \
                 stroke=\"#ffffff\"/></g>",
                n(x),
                n(y),
                n(r)
            );
        }
    }
    for p in &cps {
        let (x, y) = px(p);
        labels.obstacle(x, y, 6.0);
        let _ = write!(
            o,
            "<g><title>{}: {} ({}); expected contribution {} per trial</title>{}</g>",
            escape(p.id),
            escape(p.name),
            escape(p.kind),
            crate::html::usd(p.contribution),
            diamond(x, y)
        );
    }
    // Labels: the largest contributors, then the busiest chokepoints.
    for p in order.iter().filter(|p| p.contribution > 0.0).take(FACILITY_LABELS) {
        let (x, y) = px(p);
        labels.place(&mut o, x, y, radius(p.contribution), &super::truncate(p.id, 28));
    }
    let mut cp_order: Vec<&Point> = cps.iter().collect();
    cp_order.sort_by(|a, b| b.contribution.total_cmp(&a.contribution).then(b.weight.total_cmp(&a.weight)));
    for p in cp_order.iter().filter(|p| p.contribution > 0.0 || p.weight > 0.0).take(CHOKEPOINT_LABELS) {
        let (x, y) = px(p);
        labels.place(&mut o, x, y, 6.0, &super::truncate(p.id, 28));
    }
    // Then the largest facilities by baseline value that did not contribute, while there is room.
    let mut by_value: Vec<&&Point> = order.iter().filter(|p| p.contribution <= 0.0 && !p.market).collect();
    by_value.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    for p in by_value.into_iter().take(FACILITY_LABELS / 2) {
        let (x, y) = px(p);
        labels.place(&mut o, x, y, radius(p.contribution), &super::truncate(p.id, 28));
    }
    for p in order.iter().filter(|p| p.market).take(4) {
        let (x, y) = px(p);
        labels.place(&mut o, x, y, 5.0, &super::truncate(p.id, 28));
    }

    // Legend.
    let ly = 60.0;
    let x = legend_item(
        &mut o,
        f.x0(),
        ly,
        &format!("<circle cx=\"6\" cy=\"0\" r=\"6\" fill=\"{BLUE}\" fill-opacity=\"0.7\"/>"),
        "facility",
    );
    let x = legend_item(&mut o, x, ly, &diamond(6.0, 0.0), "chokepoint");
    let x = legend_item(
        &mut o,
        x,
        ly,
        &format!("<rect x=\"1.5\" y=\"-4.5\" width=\"9\" height=\"9\" fill=\"{GREEN}\"/>"),
        "market",
    );
    let x = legend_item(
        &mut o,
        x,
        ly,
        "<line x1=\"0\" y1=\"0\" x2=\"12\" y2=\"0\" stroke=\"#4b5563\" stroke-width=\"3\"/>",
        "route",
    );
    legend_item(
        &mut o,
        x,
        ly,
        &format!("<line x1=\"0\" y1=\"0\" x2=\"12\" y2=\"0\" stroke=\"{GREY}\" stroke-dasharray=\"4 3\"/>"),
        "alternate route",
    );
    close(&mut o);

    let mut note = String::from(
        "Positions are as given in the scenario files (latitude and longitude), drawn in an equirectangular \
         projection fitted to the data, without coastlines. Routes are straight lines through their \
         chokepoints in order, not shipping lanes.",
    );
    if shift {
        note.push_str(" Western longitudes are drawn east of 180° so that the Pacific is in the middle.");
    }
    if shown_total > MAX_FACILITIES {
        let _ = write!(
            note,
            " Only the {} facilities with the largest expected contribution (then baseline value) of {} are drawn.",
            super::group(MAX_FACILITIES as i64),
            super::group(shown_total as i64)
        );
    }
    if without > 0 {
        let _ = write!(
            note,
            " {} {} without coordinates {} not shown.",
            super::group(without as i64),
            if without == 1 { "facility (or market)" } else { "facilities (or markets)" },
            if without == 1 { "is" } else { "are" }
        );
    }
    if !st.routes.is_empty() && drawn_routes < st.routes.len() {
        let _ = write!(
            note,
            " {} of {} routes have fewer than two chokepoints with coordinates and are not drawn.",
            st.routes.len() - drawn_routes,
            st.routes.len()
        );
    }
    Map { chart: Chart::Svg(o), note }
}

fn diamond(x: f64, y: f64) -> String {
    format!(
        "<path d=\"M{} {}L{} {}L{} {}L{} {}Z\" fill=\"{ORANGE}\" stroke=\"{INK}\" stroke-width=\"0.8\"/>",
        n(x),
        n(y - 6.5),
        n(x + 6.5),
        n(y),
        n(x),
        n(y + 6.5),
        n(x - 6.5),
        n(y)
    )
}

/// Degrees between graticule lines for an extent: about five to eight lines.
fn graticule_step(extent: f64) -> f64 {
    [1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 90.0]
        .into_iter()
        .find(|s| extent / s <= 8.0)
        .unwrap_or(90.0)
}

fn grid(lo: f64, hi: f64, step: f64) -> impl Iterator<Item = f64> {
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(move |k| k as f64 * step)
}

/// A longitude (possibly shifted past 180) as `120°E`, `118°W`, `0°`, `180°`.
fn lon_label(v: f64) -> String {
    let mut l = v % 360.0;
    if l > 180.0 {
        l -= 360.0;
    } else if l <= -180.0 {
        l += 360.0;
    }
    let a = l.abs();
    let a_text = super::num_tick(a);
    if a < 1e-9 || (a - 180.0).abs() < 1e-9 {
        format!("{a_text}°")
    } else if l > 0.0 {
        format!("{a_text}°E")
    } else {
        format!("{a_text}°W")
    }
}

fn lat_label(v: f64) -> String {
    let a_text = super::num_tick(v.abs());
    if v.abs() < 1e-9 {
        "0°".into()
    } else if v > 0.0 {
        format!("{a_text}°N")
    } else {
        format!("{a_text}°S")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degree_labels() {
        assert_eq!(lon_label(120.0), "120°E");
        assert_eq!(lon_label(240.0), "120°W");
        assert_eq!(lon_label(-75.0), "75°W");
        assert_eq!(lon_label(180.0), "180°");
        assert_eq!(lat_label(-10.0), "10°S");
        assert_eq!(lat_label(0.0), "0°");
    }
}
