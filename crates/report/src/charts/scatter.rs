//! Time to survive against time to recover, one point per facility, with the diagonal TTS = TTR:
//! facilities below it (TTS < TTR) are exposed.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::html::escape;
use crate::structure::{FacilityInfo, Structure};

use super::{
    BLUE, Chart, Frame, GREY, Labels, ORANGE, Scale, close, legend_item, n, nice_ceil, nice_ticks, num_tick,
    open, x_axis, y_axis,
};

/// The chart's title.
pub(crate) const TITLE: &str = "Time to survive against time to recover";

/// Points drawn at most (exposed facilities first, by risk exposure index).
pub(crate) const MAX_POINTS: usize = 2_000;

/// Labels written at most.
const MAX_LABELS: usize = 12;

/// The scatter, or why there is none.
pub(crate) fn chart(st: Option<&Structure>) -> Chart {
    let Some(st) = st else {
        return Chart::Skipped(
            "Not drawn: structure.json is not in the result directory, so time to survive and time to \
             recover are not known."
                .into(),
        );
    };
    if !st.tts_computed {
        return Chart::Skipped(
            "Not drawn: the time-to-survive analysis was not run for this network (it is skipped on large \
             networks unless asked for)."
                .into(),
        );
    }
    let mut pts: Vec<(&FacilityInfo, f64, f64)> = st
        .facilities
        .iter()
        .filter(|f| f.kind != "market")
        .filter_map(|f| Some((f, f64::from(f.tts_days?), f.ttr_days?)))
        .filter(|(_, s, r)| s.is_finite() && r.is_finite())
        .collect();
    if pts.is_empty() {
        return Chart::Skipped(
            "Not drawn: no facility has both a time to survive and a time to recover.".into(),
        );
    }
    let total = pts.len();
    // Most exposed first: these are kept under the cap and labelled first.
    pts.sort_by(|a, b| {
        let rei = |f: &FacilityInfo| f.risk_exposure_index.unwrap_or(0.0);
        is_exposed(b.0)
            .cmp(&is_exposed(a.0))
            .then(rei(b.0).total_cmp(&rei(a.0)))
            .then((a.1 - a.2).total_cmp(&(b.1 - b.2)))
            .then_with(|| a.0.id.cmp(&b.0.id))
    });
    pts.truncate(MAX_POINTS);

    let f = Frame { w: 760.0, h: 520.0, left: 72.0, right: 24.0, top: 78.0, bottom: 58.0 };
    let x_hi = nice_ceil(pts.iter().map(|p| p.2).fold(1.0, f64::max) * 1.05, 6);
    let y_hi = nice_ceil(pts.iter().map(|p| p.1).fold(1.0, f64::max) * 1.05, 6);
    let xs = Scale::linear(0.0, x_hi, f.x0(), f.x1());
    let ys = Scale::linear(0.0, y_hi, f.y0(), f.y1());
    let mut o = String::new();
    let sub = if total > pts.len() {
        format!(
            "{} of {} facilities (the most exposed); below the diagonal a facility runs out before it recovers",
            pts.len(),
            total
        )
    } else {
        format!("{total} facilities; below the diagonal a facility runs out before it recovers")
    };
    open(&mut o, f.w, f.h, TITLE, &sub);
    let xt: Vec<_> = nice_ticks(0.0, x_hi, 6).into_iter().map(|v| (xs.at(v), num_tick(v))).collect();
    let yt: Vec<_> = nice_ticks(0.0, y_hi, 6).into_iter().map(|v| (ys.at(v), num_tick(v))).collect();
    x_axis(&mut o, &f, &xt, "Time to recover, TTR (days)", true);
    y_axis(&mut o, &f, &yt, "Time to survive, TTS (days)", true);

    // The diagonal TTS = TTR, clipped to the plot.
    let d = x_hi.min(y_hi);
    let _ = write!(
        o,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{GREY}\" stroke-dasharray=\"6 4\"/>\
         <text x=\"{}\" y=\"{}\" fill=\"{GREY}\" text-anchor=\"end\">TTS = TTR</text>",
        n(xs.at(0.0)),
        n(ys.at(0.0)),
        n(xs.at(d)),
        n(ys.at(d)),
        n(xs.at(d) - 4.0),
        n(ys.at(d) - 6.0)
    );
    // Legend.
    let x = legend_item(&mut o, f.x0(), 60.0, &triangle(0.0, 0.0, ORANGE, true), "exposed: TTS < TTR");
    let x = legend_item(&mut o, x, 60.0, &circle(0.0, 0.0, BLUE, true), "not exposed: TTS >= TTR");
    legend_item(&mut o, x, 60.0, &circle(0.0, 0.0, BLUE, false), "hollow: TTS is at least the horizon");

    // Points at the same place share a label.
    let mut groups: BTreeMap<(i64, i64), Vec<&FacilityInfo>> = BTreeMap::new();
    let mut order: Vec<(i64, i64)> = Vec::new();
    for &(fi, s, r) in &pts {
        let key = ((xs.at(r) * 2.0).round() as i64, (ys.at(s) * 2.0).round() as i64);
        let g = groups.entry(key).or_default();
        if g.is_empty() {
            order.push(key);
        }
        g.push(fi);
    }
    // Draw the others first so that exposed markers are on top.
    for &(fi, s, r) in pts.iter().rev() {
        let (x, y) = (xs.at(r), ys.at(s));
        let tts = if fi.tts_at_least { format!("at least {s}") } else { format!("{s}") };
        let shape = if is_exposed(fi) {
            triangle(x, y, ORANGE, !fi.tts_at_least)
        } else {
            circle(x, y, BLUE, !fi.tts_at_least)
        };
        let _ = write!(
            o,
            "<g><title>{}: {} ({}); TTS {tts} d, TTR {r} d{}</title>{shape}</g>",
            escape(&fi.id),
            escape(&fi.name),
            escape(&fi.kind),
            fi.risk_exposure_index.map(|v| format!(", risk exposure index {v:.3}")).unwrap_or_default()
        );
    }
    let mut labels = Labels::new([f.x0(), f.y1(), f.x1(), f.y0()]);
    for &(_, s, r) in &pts {
        labels.obstacle(xs.at(r), ys.at(s), 5.0);
    }
    for key in order.iter().take(MAX_LABELS) {
        let g = &groups[key];
        let text = match g.len() {
            1 => g[0].id.clone(),
            2 => format!("{}, {}", g[0].id, g[1].id),
            k => format!("{} +{}", g[0].id, k - 1),
        };
        let (x, y) = (key.0 as f64 / 2.0, key.1 as f64 / 2.0);
        labels.place(&mut o, x, y, 5.0, &super::truncate(&text, 40));
    }
    close(&mut o);
    Chart::Svg(o)
}

fn is_exposed(f: &FacilityInfo) -> bool {
    f.exposed == Some(true)
}

fn circle(x: f64, y: f64, colour: &str, filled: bool) -> String {
    let fill = if filled { colour } else { "#ffffff" };
    format!(
        "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"1.5\"/>",
        n(x),
        n(y)
    )
}

fn triangle(x: f64, y: f64, colour: &str, filled: bool) -> String {
    let fill = if filled { colour } else { "#ffffff" };
    format!(
        "<path d=\"M{} {}L{} {}L{} {}Z\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"1.5\"/>",
        n(x),
        n(y - 6.0),
        n(x + 6.0),
        n(y + 5.0),
        n(x - 6.0),
        n(y + 5.0)
    )
}
