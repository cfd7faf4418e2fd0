//! Hand-written SVG charts for `report.html`: scales, ticks, axes and label placement shared by
//! the five charts, one module each.
//!
//! Every chart returns a [`Chart`]: its SVG, or the sentence that explains why it is not drawn.
//! Text in the SVG is escaped with [`crate::html::escape`]; the SVG parts are well-formed XML
//! (no HTML entities), so they can be cut out of the page and opened on their own.

pub(crate) mod bars;
pub(crate) mod exceedance;
pub(crate) mod fan;
pub(crate) mod map;
pub(crate) mod scatter;

use std::fmt::Write as _;

use crate::html::escape;

/// A drawn chart, or why there is none.
pub(crate) enum Chart {
    /// The `<svg>` element.
    Svg(String),
    /// A sentence saying why the chart is not drawn.
    Skipped(String),
}

/// Font sizes, px: tick labels, axis labels, titles. All at least 11 px.
pub(crate) const TICK_PX: u32 = 12;
pub(crate) const LABEL_PX: u32 = 13;
pub(crate) const TITLE_PX: u32 = 16;

/// Colours (colour-blind safe: the Okabe-Ito palette where series are told apart).
pub(crate) const BLUE: &str = "#0072b2";
pub(crate) const ORANGE: &str = "#d55e00";
pub(crate) const GREEN: &str = "#009e73";
pub(crate) const GREY: &str = "#6b7280";
pub(crate) const GRID: &str = "#e5e7eb";
pub(crate) const INK: &str = "#1f2937";

/// A number for an SVG attribute: one decimal, no trailing `.0`.
pub(crate) fn n(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.1}");
    let s = s.strip_suffix(".0").map(str::to_string).unwrap_or(s);
    if s == "-0" { "0".into() } else { s }
}

/// The plot area inside a chart of `w` x `h`: margins left, right, top, bottom.
#[derive(Clone, Copy)]
pub(crate) struct Frame {
    pub w: f64,
    pub h: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Frame {
    pub fn x0(&self) -> f64 {
        self.left
    }
    pub fn x1(&self) -> f64 {
        self.w - self.right
    }
    pub fn y0(&self) -> f64 {
        self.h - self.bottom
    }
    pub fn y1(&self) -> f64 {
        self.top
    }
}

/// A linear or base-10 logarithmic map from data to pixels.
#[derive(Clone, Copy)]
pub(crate) struct Scale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
    log: bool,
}

impl Scale {
    pub fn linear(d0: f64, d1: f64, r0: f64, r1: f64) -> Scale {
        let d1 = if d1 > d0 { d1 } else { d0 + 1.0 };
        Scale { d0, d1, r0, r1, log: false }
    }

    /// `d0` and `d1` must be positive.
    pub fn log(d0: f64, d1: f64, r0: f64, r1: f64) -> Scale {
        let (a, b) = (d0.log10(), d1.log10());
        let b = if b > a { b } else { a + 1.0 };
        Scale { d0: a, d1: b, r0, r1, log: true }
    }

    pub fn at(&self, v: f64) -> f64 {
        let v = if self.log { v.max(1e-300).log10() } else { v };
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

/// About `count` round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten.
pub(crate) fn nice_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let step = nice_step(lo, hi, count);
    let first = (lo / step).ceil();
    let last = (hi / step + 1e-9).floor();
    let mut out = Vec::new();
    let mut k = first;
    while k <= last && out.len() < 50 {
        let v = k * step;
        out.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        k += 1.0;
    }
    out
}

/// The tick step [`nice_ticks`] uses.
pub(crate) fn nice_step(lo: f64, hi: f64, count: usize) -> f64 {
    let span = if hi > lo { hi - lo } else { hi.abs().max(1.0) };
    let raw = span / count.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// The smallest round number at least `v` on a [`nice_step`] grid (for a domain's upper end).
pub(crate) fn nice_ceil(v: f64, count: usize) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let step = nice_step(0.0, v, count);
    (v / step - 1e-9).ceil() * step
}

/// Powers of ten from `lo` to `hi` (both powers of ten).
pub(crate) fn decades(lo: f64, hi: f64) -> Vec<f64> {
    let (a, b) = (lo.log10().round() as i32, hi.log10().round() as i32);
    (a..=b).map(|e| 10f64.powi(e)).collect()
}

/// Money for a tick label: [`crate::terminal::usd`] without trailing zeros (`$5 M`, `$2.5 M`).
pub(crate) fn usd_tick(v: f64) -> String {
    let s = crate::html::usd(v);
    match s.split_once(' ') {
        Some((num, unit)) if num.contains('.') => {
            format!("{} {unit}", num.trim_end_matches('0').trim_end_matches('.'))
        }
        _ => s,
    }
}

/// A plain number for a tick label: integers without decimals, else up to two.
pub(crate) fn num_tick(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        group(v.round() as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// An integer with thousands separators.
pub(crate) fn group(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0 { format!("-{out}") } else { out }
}

/// Opens an `<svg>` of `w` x `h` with its accessible title, the visible title and a subtitle.
pub(crate) fn open(o: &mut String, w: f64, h: f64, title: &str, subtitle: &str) {
    let _ = write!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" \
         height=\"{h}\" role=\"img\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" \
         font-size=\"{TICK_PX}\" fill=\"{INK}\"><title>{t}</title>\
         <rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\
         <text x=\"12\" y=\"22\" font-size=\"{TITLE_PX}\" font-weight=\"600\">{t}</text>",
        w = n(w),
        h = n(h),
        t = escape(title),
    );
    if !subtitle.is_empty() {
        let _ = write!(o, "<text x=\"12\" y=\"40\" fill=\"{GREY}\">{}</text>", escape(subtitle));
    }
}

/// Closes the `<svg>`.
pub(crate) fn close(o: &mut String) {
    o.push_str("</svg>");
}

/// Horizontal axis at the bottom of the frame: grid lines, ticks `(value position, label)` and
/// the axis label centred below.
pub(crate) fn x_axis(o: &mut String, f: &Frame, ticks: &[(f64, String)], label: &str, grid: bool) {
    let _ = write!(
        o,
        "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{INK}\"/>",
        n(f.x0()),
        n(f.x1()),
        y = n(f.y0())
    );
    for (x, t) in ticks {
        if grid {
            let _ = write!(
                o,
                "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{GRID}\"/>",
                n(f.y1()),
                n(f.y0()),
                x = n(*x)
            );
        }
        let _ = write!(
            o,
            "<line x1=\"{x}\" y1=\"{y}\" x2=\"{x}\" y2=\"{y2}\" stroke=\"{INK}\"/>\
             <text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\">{t}</text>",
            x = n(*x),
            y = n(f.y0()),
            y2 = n(f.y0() + 5.0),
            ty = n(f.y0() + 19.0),
            t = escape(t)
        );
    }
    let _ = write!(
        o,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{LABEL_PX}\">{}</text>",
        n((f.x0() + f.x1()) / 2.0),
        n(f.y0() + 40.0),
        escape(label)
    );
}

/// Vertical axis on the left of the frame, like [`x_axis`]; the label is written rotated.
pub(crate) fn y_axis(o: &mut String, f: &Frame, ticks: &[(f64, String)], label: &str, grid: bool) {
    let _ = write!(
        o,
        "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{INK}\"/>",
        n(f.y1()),
        n(f.y0()),
        x = n(f.x0())
    );
    for (y, t) in ticks {
        if grid {
            let _ = write!(
                o,
                "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{GRID}\"/>",
                n(f.x0()),
                n(f.x1()),
                y = n(*y)
            );
        }
        let _ = write!(
            o,
            "<line x1=\"{x2}\" y1=\"{y}\" x2=\"{x}\" y2=\"{y}\" stroke=\"{INK}\"/>\
             <text x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\">{t}</text>",
            x = n(f.x0()),
            x2 = n(f.x0() - 5.0),
            y = n(*y),
            tx = n(f.x0() - 8.0),
            ty = n(*y + 4.0),
            t = escape(t)
        );
    }
    let cx = 18.0;
    let cy = (f.y0() + f.y1()) / 2.0;
    let _ = write!(
        o,
        "<text x=\"{x}\" y=\"{y}\" transform=\"rotate(-90 {x} {y})\" text-anchor=\"middle\" \
         font-size=\"{LABEL_PX}\">{}</text>",
        escape(label),
        x = n(cx),
        y = n(cy)
    );
}

/// A legend entry: a swatch (an SVG fragment drawn at `(x, y)` by `swatch`) and its text.
/// Returns the x after the entry.
pub(crate) fn legend_item(o: &mut String, x: f64, y: f64, swatch: &str, text: &str) -> f64 {
    let _ = write!(
        o,
        "<g transform=\"translate({} {})\">{swatch}</g><text x=\"{}\" y=\"{}\">{}</text>",
        n(x),
        n(y),
        n(x + 16.0),
        n(y + 4.0),
        escape(text)
    );
    x + 16.0 + text_width(text, TICK_PX) + 18.0
}

/// Estimated width of `text` at `px` (an average glyph of 0.58 em).
pub(crate) fn text_width(text: &str, px: u32) -> f64 {
    text.chars().count() as f64 * f64::from(px) * 0.58
}

/// Shortens `text` to at most `max` characters, with an ellipsis.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// Places point labels so that they do not overlap each other, the obstacles given, or leave
/// the bounds.
pub(crate) struct Labels {
    bounds: [f64; 4],
    boxes: Vec<[f64; 4]>,
}

impl Labels {
    /// Labels inside `[x0, y0, x1, y1]`.
    pub fn new(bounds: [f64; 4]) -> Labels {
        Labels { bounds, boxes: Vec::new() }
    }

    /// Marks a circle of radius `r` at `(x, y)` as taken.
    pub fn obstacle(&mut self, x: f64, y: f64, r: f64) {
        self.boxes.push([x - r, y - r, x + r, y + r]);
    }

    /// Writes `text` next to a marker of radius `r` at `(x, y)` (right, left, above or below,
    /// the first that is free). Returns false when no place is free.
    pub fn place(&mut self, o: &mut String, x: f64, y: f64, r: f64, text: &str) -> bool {
        let w = text_width(text, TICK_PX);
        let h = f64::from(TICK_PX) + 2.0;
        let gap = r + 3.0;
        // (anchor x, baseline y, box, text-anchor)
        let candidates = [
            (x + gap, y + 4.0, [x + gap, y - h / 2.0, x + gap + w, y + h / 2.0], "start"),
            (x - gap, y + 4.0, [x - gap - w, y - h / 2.0, x - gap, y + h / 2.0], "end"),
            (x, y - gap - 3.0, [x - w / 2.0, y - gap - h, x + w / 2.0, y - gap], "middle"),
            (x, y + gap + 11.0, [x - w / 2.0, y + gap, x + w / 2.0, y + gap + h], "middle"),
        ];
        for (tx, ty, b, anchor) in candidates {
            let inside = b[0] >= self.bounds[0]
                && b[1] >= self.bounds[1]
                && b[2] <= self.bounds[2]
                && b[3] <= self.bounds[3];
            let free =
                self.boxes.iter().all(|o| b[2] <= o[0] || b[0] >= o[2] || b[3] <= o[1] || b[1] >= o[3]);
            if inside && free {
                self.boxes.push(b);
                let _ = write!(
                    o,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" class=\"label\" stroke=\"#ffffff\" \
                     stroke-width=\"4\" paint-order=\"stroke\">{}</text>",
                    n(tx),
                    n(ty),
                    escape(text)
                );
                return true;
            }
        }
        false
    }
}

/// Points of a polyline, dropping those within half a pixel of the previous one kept (the last
/// is always kept).
pub(crate) fn thin(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len().min(4096));
    for (i, &(x, y)) in points.iter().enumerate() {
        let last = i + 1 == points.len();
        match out.last() {
            Some(&(px, py)) if !last && (x - px).abs() < 0.5 && (y - py).abs() < 0.5 => {}
            _ => out.push((x, y)),
        }
    }
    out
}

/// `x,y x,y ...` for a `points` attribute or after `M`/`L`.
pub(crate) fn points_attr(points: &[(f64, f64)]) -> String {
    let mut s = String::with_capacity(points.len() * 12);
    for (i, (x, y)) in points.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&n(*x));
        s.push(',');
        s.push_str(&n(*y));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(nice_ticks(0.0, 100.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(nice_ticks(0.0, 1.0, 4), vec![0.0, 0.5, 1.0]);
        assert_eq!(nice_ceil(97.0, 5), 100.0);
        assert_eq!(decades(1e-3, 1.0), vec![1e-3, 1e-2, 1e-1, 1.0]);
    }

    #[test]
    fn labels() {
        assert_eq!(usd_tick(5e6), "$5 M");
        assert_eq!(usd_tick(2.5e6), "$2.5 M");
        assert_eq!(usd_tick(0.0), "$0");
        assert_eq!(num_tick(1500.0), "1,500");
        assert_eq!(num_tick(0.25), "0.25");
        assert_eq!(n(-0.04), "0");
        assert_eq!(n(12.0), "12");
        assert_eq!(truncate("abcdef", 4), "abc…");
    }
}
