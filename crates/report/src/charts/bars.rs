//! The chokepoint bar chart: the largest expected contributions to loss, with their 95%
//! confidence intervals as error bars.

use std::fmt::Write as _;

use crate::html::escape;
use crate::input::{ElementType, RankRow};

use super::{
    BLUE, Chart, Frame, INK, ORANGE, Scale, close, legend_item, n, nice_ticks, open, text_width, truncate,
    usd_tick, x_axis,
};

/// The chart's title.
pub(crate) const TITLE: &str = "Top chokepoints by expected contribution to loss";

/// Bars drawn at most.
pub(crate) const TOP: usize = 15;

/// The bar chart of the first [`TOP`] rows of the ranking with a positive contribution.
pub(crate) fn chart(ranking: &[RankRow]) -> Chart {
    let mut rows: Vec<&RankRow> = ranking.iter().filter(|r| r.expected_contribution_usd > 0.0).collect();
    rows.sort_by(|a, b| b.expected_contribution_usd.total_cmp(&a.expected_contribution_usd));
    rows.truncate(TOP);
    if rows.is_empty() {
        return Chart::Skipped(
            "Not drawn: no facility or chokepoint started any loss in these trials.".into(),
        );
    }
    let label = |r: &RankRow| truncate(&r.id, 28);
    let label_w = rows.iter().map(|r| text_width(&label(r), super::TICK_PX)).fold(0.0, f64::max);
    let row_h = 26.0;
    let top = 82.0;
    let f = Frame {
        w: 900.0,
        h: top + row_h * rows.len() as f64 + 58.0,
        left: (label_w + 24.0).clamp(90.0, 260.0),
        right: 110.0,
        top,
        bottom: 58.0,
    };
    let lo = rows.iter().map(|r| r.contribution_ci95[0].min(r.expected_contribution_usd)).fold(0.0, f64::min);
    let hi = rows.iter().map(|r| r.contribution_ci95[1].max(r.expected_contribution_usd)).fold(0.0, f64::max);
    let step = super::nice_step(lo, hi, 8);
    let (d0, d1) = ((lo / step).floor() * step, (hi / step).ceil() * step);
    let xs = Scale::linear(d0, d1, f.x0(), f.x1());

    let mut o = String::new();
    open(
        &mut o,
        f.w,
        f.h,
        TITLE,
        &format!("The {} largest, per trial; whiskers: 95% confidence interval", rows.len()),
    );
    let ticks: Vec<(f64, String)> =
        nice_ticks(d0, d1, 8).into_iter().map(|v| (xs.at(v), usd_tick(v))).collect();
    x_axis(&mut o, &f, &ticks, "Expected contribution to loss of final demand per trial (USD)", true);
    let bar_sw = |c: &str| format!("<rect x=\"0\" y=\"-5\" width=\"12\" height=\"10\" fill=\"{c}\"/>");
    let x = legend_item(&mut o, f.x0(), 60.0, &bar_sw(BLUE), "facility");
    let x = legend_item(&mut o, x, 60.0, &bar_sw(ORANGE), "chokepoint (port, strait, ...)");
    let whisker = format!(
        "<line x1=\"0\" y1=\"0\" x2=\"12\" y2=\"0\" stroke=\"{INK}\"/><line x1=\"0\" y1=\"-4\" x2=\"0\" y2=\"4\" stroke=\"{INK}\"/><line x1=\"12\" y1=\"-4\" x2=\"12\" y2=\"4\" stroke=\"{INK}\"/>"
    );
    legend_item(&mut o, x, 60.0, &whisker, "95% CI");

    let x_zero = xs.at(0.0);
    for (i, r) in rows.iter().enumerate() {
        let yc = f.y1() + row_h * (i as f64 + 0.5);
        let colour = if r.element == ElementType::Chokepoint { ORANGE } else { BLUE };
        let xv = xs.at(r.expected_contribution_usd);
        let (c0, c1) = (xs.at(r.contribution_ci95[0]), xs.at(r.contribution_ci95[1]));
        let _ = write!(
            o,
            "<g><title>{id}: {name} ({kind}, {country}): {v} per trial, 95% CI {l} to {h}</title>\
             <text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{lab}</text>\
             <rect x=\"{x0}\" y=\"{y0}\" width=\"{bw}\" height=\"{bh}\" fill=\"{colour}\"/>\
             <line x1=\"{c0}\" y1=\"{yc}\" x2=\"{c1}\" y2=\"{yc}\" stroke=\"{INK}\"/>\
             <line x1=\"{c0}\" y1=\"{w0}\" x2=\"{c0}\" y2=\"{w1}\" stroke=\"{INK}\"/>\
             <line x1=\"{c1}\" y1=\"{w0}\" x2=\"{c1}\" y2=\"{w1}\" stroke=\"{INK}\"/>\
             <text x=\"{vx}\" y=\"{ty}\">{v}</text></g>",
            id = escape(&r.id),
            name = escape(&r.name),
            kind = escape(&r.kind),
            country = escape(&r.country),
            v = crate::html::usd(r.expected_contribution_usd),
            l = crate::html::usd(r.contribution_ci95[0]),
            h = crate::html::usd(r.contribution_ci95[1]),
            lx = n(f.x0() - 8.0),
            ty = n(yc + 4.0),
            lab = escape(&label(r)),
            x0 = n(x_zero.min(xv)),
            y0 = n(yc - 8.0),
            bw = n((xv - x_zero).abs()),
            bh = n(16.0),
            c0 = n(c0),
            c1 = n(c1),
            yc = n(yc),
            w0 = n(yc - 5.0),
            w1 = n(yc + 5.0),
            vx = n(c1.max(xv) + 6.0),
        );
    }
    if d0 < 0.0 {
        let _ = write!(
            o,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{INK}\"/>",
            n(f.y1()),
            n(f.y0()),
            x = n(x_zero)
        );
    }
    close(&mut o);
    Chart::Svg(o)
}
