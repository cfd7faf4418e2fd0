//! The recovery fan of a market: the median and the 25-75 and 5-95 percentile bands of the
//! share of its demand served, by days since its first shortage, over the trials with one.

use std::fmt::Write as _;

use kuroshio_montecarlo::summary::{Bands, MarketSummary};

use super::{BLUE, Chart, Frame, close, legend_item, n, nice_ticks, open, points_attr, x_axis, y_axis};

/// The charts' title (each is followed by the market id).
pub(crate) const TITLE: &str = "Recovery fan";

/// The fan of market `m`, or why there is none.
pub(crate) fn chart(m: &MarketSummary) -> Chart {
    let Some(b) = &m.bands else {
        return Chart::Skipped(format!("{}: no daily bands kept for this market.", m.id));
    };
    let days = b.p50.len();
    if days == 0 {
        return Chart::Skipped(format!("{}: no trial had a shortage at this market.", m.id));
    }
    let trials = b.trials.first().copied().unwrap_or(0);
    let f = Frame { w: 560.0, h: 330.0, left: 64.0, right: 18.0, top: 74.0, bottom: 56.0 };
    let x_hi = days as f64;
    let xs = super::Scale::linear(0.0, x_hi, f.x0(), f.x1());
    let ys = super::Scale::linear(0.0, 1.0, f.y0(), f.y1());
    let mut o = String::new();
    let subtitle = format!(
        "{} - the {trials} trial{} with a shortage, from its first day",
        super::truncate(&m.name, 60),
        if trials == 1 { "" } else { "s" }
    );
    open(&mut o, f.w, f.h, &format!("{TITLE}: {}", m.id), &subtitle);
    let yt: Vec<(f64, String)> =
        [0.0, 0.25, 0.5, 0.75, 1.0].iter().map(|&v| (ys.at(v), format!("{v}"))).collect();
    y_axis(&mut o, &f, &yt, "Share of demand served (0-1)", true);
    let xt: Vec<(f64, String)> =
        nice_ticks(0.0, x_hi, 6).into_iter().map(|v| (xs.at(v), super::num_tick(v))).collect();
    x_axis(&mut o, &f, &xt, "Days since the market's first shortage", true);

    let band = |lo: &[f64], hi: &[f64]| {
        let mut pts: Vec<(f64, f64)> =
            keep_changes(hi).into_iter().map(|i| (xs.at(i as f64), ys.at(hi[i]))).collect();
        let back: Vec<(f64, f64)> =
            keep_changes(lo).into_iter().rev().map(|i| (xs.at(i as f64), ys.at(lo[i]))).collect();
        pts.extend(back);
        points_attr(&pts)
    };
    let _ = write!(
        o,
        "<polygon fill=\"{BLUE}\" fill-opacity=\"0.15\" stroke=\"none\" points=\"{}\"/>\
         <polygon fill=\"{BLUE}\" fill-opacity=\"0.35\" stroke=\"none\" points=\"{}\"/>",
        band(&b.p5, &b.p95),
        band(&b.p25, &b.p75)
    );
    let median: Vec<(f64, f64)> =
        keep_changes(&b.p50).into_iter().map(|i| (xs.at(i as f64), ys.at(b.p50[i]))).collect();
    let _ = write!(
        o,
        "<polyline fill=\"none\" stroke=\"{BLUE}\" stroke-width=\"2\" points=\"{}\"/>",
        points_attr(&median)
    );
    legend(&mut o, f.x0(), 58.0);
    if flat_at_one(b) {
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">Every band is at 1: the shortages \
             lasted less than a day</text>",
            n((f.x0() + f.x1()) / 2.0),
            n(ys.at(0.5)),
            super::GREY
        );
    }
    close(&mut o);
    Chart::Svg(o)
}

fn legend(o: &mut String, x: f64, y: f64) {
    let sw = |op: f64| {
        format!("<rect x=\"0\" y=\"-5\" width=\"12\" height=\"10\" fill=\"{BLUE}\" fill-opacity=\"{op}\"/>")
    };
    let line = format!("<line x1=\"0\" y1=\"0\" x2=\"12\" y2=\"0\" stroke=\"{BLUE}\" stroke-width=\"2\"/>");
    let x = legend_item(o, x, y, &line, "median");
    let x = legend_item(o, x, y, &sw(0.5), "25th-75th percentile");
    legend_item(o, x, y, &sw(0.15), "5th-95th percentile");
}

fn flat_at_one(b: &Bands) -> bool {
    b.p5.iter().all(|&v| v >= 1.0)
}

/// Indices of a daily series that a polyline needs: the ends and each point where the value
/// changes on either side (a run of equal values is drawn by its two ends).
fn keep_changes(v: &[f64]) -> Vec<usize> {
    let last = v.len().saturating_sub(1);
    (0..v.len()).filter(|&i| i == 0 || i == last || v[i] != v[i - 1] || v[i] != v[i + 1]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_drawn_by_their_ends() {
        assert_eq!(keep_changes(&[1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 1.0, 1.0]), vec![0, 2, 3, 5, 6, 7]);
        assert_eq!(keep_changes(&[1.0]), vec![0]);
    }
}
