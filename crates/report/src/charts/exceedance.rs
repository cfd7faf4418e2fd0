//! The loss exceedance curve: the share of trials whose loss exceeds x, against x, on log axes.

use std::fmt::Write as _;

use super::{
    BLUE, Chart, Frame, GREY, Scale, close, decades, n, nice_ceil, nice_ticks, open, thin, usd_tick, x_axis,
    y_axis,
};

/// The chart's title.
pub(crate) const TITLE: &str = "Loss exceedance curve";

/// The empirical exceedance curve of the per-trial `losses` (USD) over a horizon of `horizon`
/// days. Only positive losses can be drawn on the log axes; the caption says how many were zero.
pub(crate) fn chart(losses: &[f64], horizon: u32) -> Chart {
    let total = losses.len();
    if total == 0 {
        return Chart::Skipped(
            "Not drawn: the per-trial losses (trials.csv) are not in the result directory.".into(),
        );
    }
    let mut pos: Vec<f64> = losses.iter().copied().filter(|l| *l > 0.0 && l.is_finite()).collect();
    if pos.is_empty() {
        return Chart::Skipped(format!("Not drawn: none of the {total} trials had a loss."));
    }
    pos.sort_by(|a, b| b.total_cmp(a));
    let k = pos.len();
    let nf = total as f64;
    let f = Frame { w: 900.0, h: 440.0, left: 84.0, right: 130.0, top: 52.0, bottom: 56.0 };

    // Probability axis: decades from 1/N up to the share of trials with a loss.
    let p_lo = 10f64.powf((1.0 / nf).log10().floor());
    let mut p_hi = 10f64.powf((k as f64 / nf).log10().ceil()).min(1.0);
    if p_hi <= p_lo {
        p_hi = p_lo * 10.0;
    }
    let ys = Scale::log(p_lo, p_hi, f.y0(), f.y1());
    // Loss axis: logarithmic when the losses span more than two decades.
    let (lmin, lmax) = (pos[k - 1], pos[0]);
    let log_x = lmax / lmin > 100.0;
    let (xs, xticks) = if log_x {
        let lo = 10f64.powf(lmin.log10().floor());
        let hi = 10f64.powf(lmax.log10().ceil());
        let xs = Scale::log(lo, hi, f.x0(), f.x1());
        let d = decades(lo, hi);
        let step = d.len().div_ceil(9).max(1);
        let ticks = d.iter().step_by(step).map(|&v| (xs.at(v), usd_tick(v))).collect::<Vec<_>>();
        (xs, ticks)
    } else {
        let hi = nice_ceil(lmax, 6);
        let xs = Scale::linear(0.0, hi, f.x0(), f.x1());
        let ticks = nice_ticks(0.0, hi, 6).into_iter().map(|v| (xs.at(v), usd_tick(v))).collect();
        (xs, ticks)
    };
    let x_left = if log_x { f.x0() } else { xs.at(0.0) };

    let mut o = String::new();
    let zero = total - k;
    let sub = format!(
        "{} of {} trials had a loss; the {} with none are not on the log scale",
        super::group(k as i64),
        super::group(total as i64),
        super::group(zero as i64)
    );
    open(&mut o, f.w, f.h, TITLE, &sub);
    let yticks: Vec<(f64, String)> =
        decades(p_lo, p_hi).into_iter().map(|p| (ys.at(p), prob_label(p))).collect();
    let xlabel = if log_x {
        "Loss of final demand in a trial, x (USD, log scale)"
    } else {
        "Loss of final demand in a trial, x (USD)"
    };
    y_axis(&mut o, &f, &yticks, &format!("P(loss > x) per {horizon}-day trial (log)"), true);
    x_axis(&mut o, &f, &xticks, xlabel, true);

    // Reference lines: 1 in 20 and 1 in 100 trials.
    for (p, text) in [(0.05, "1 in 20 trials"), (0.01, "1 in 100 trials")] {
        if p > p_lo && p < p_hi {
            let y = ys.at(p);
            let _ = write!(
                o,
                "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{GREY}\" stroke-dasharray=\"4 4\"/>\
                 <text x=\"{}\" y=\"{}\" fill=\"{GREY}\">{text}</text>",
                n(f.x0()),
                n(f.x1()),
                n(f.x1() + 6.0),
                n(ys.at(p) + 4.0),
                y = n(y)
            );
        }
    }

    // The step curve: P(L > x) = i/N for x in [l_(i+1), l_(i)) (losses sorted descending).
    let mut pts = Vec::with_capacity(2 * k + 1);
    pts.push((x_left, ys.at(k as f64 / nf)));
    for i in (1..=k).rev() {
        let x = xs.at(pos[i - 1]);
        pts.push((x, ys.at(i as f64 / nf)));
        if i > 1 {
            pts.push((x, ys.at((i - 1) as f64 / nf)));
        }
    }
    let pts = thin(&pts);
    let _ = write!(
        o,
        "<polyline fill=\"none\" stroke=\"{BLUE}\" stroke-width=\"2\" points=\"{}\"/>",
        super::points_attr(&pts)
    );
    let (mx, my) = pts[pts.len() - 1];
    let _ = write!(
        o,
        "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{BLUE}\"><title>largest loss {}</title></circle>",
        n(mx),
        n(my),
        crate::html::usd(pos[0])
    );
    close(&mut o);
    Chart::Svg(o)
}

/// A probability as a short percentage: `100%`, `1%`, `0.01%`.
fn prob_label(p: f64) -> String {
    let pct = p * 100.0;
    if pct >= 1.0 {
        format!("{pct:.0}%")
    } else {
        let digits = (-pct.log10()).ceil() as usize;
        format!("{pct:.digits$}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probability_labels() {
        assert_eq!(prob_label(1.0), "100%");
        assert_eq!(prob_label(0.01), "1%");
        assert_eq!(prob_label(0.001), "0.1%");
        assert_eq!(prob_label(1e-5), "0.001%");
    }
}
