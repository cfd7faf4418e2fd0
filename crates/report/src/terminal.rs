//! The short summary printed after a run: headline figures with units and the top chokepoints,
//! aligned. Colour (bold headings) only when asked for: callers pass `color` = stdout is a
//! terminal and `NO_COLOR` is unset ([`use_color`]).

use std::fmt::Write as _;

use kuroshio_montecarlo::Summary;
use kuroshio_montecarlo::summary::{DayQuantile, RecoveryStats};

/// Whether to colour output: `is_terminal` and no `NO_COLOR` variable (any value, per
/// no-color.org).
pub fn use_color(is_terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    is_terminal && no_color.is_none_or(|v| v.is_empty())
}

/// USD with a scale suffix: `$950`, `$12.3 k`, `$4.56 M`, `$1.20 B`.
pub fn usd(v: f64) -> String {
    let a = v.abs();
    let (x, unit) = if a >= 1e12 {
        (v / 1e12, " T")
    } else if a >= 1e9 {
        (v / 1e9, " B")
    } else if a >= 1e6 {
        (v / 1e6, " M")
    } else if a >= 1e3 {
        (v / 1e3, " k")
    } else {
        return format!("${v:.0}");
    };
    let digits = if x.abs() >= 100.0 {
        0
    } else if x.abs() >= 10.0 {
        1
    } else {
        2
    };
    format!("${x:.digits$}{unit}")
}

/// A percentage: one decimal, more for small shares so that 0.05% does not read as 0.1%.
pub fn percent(p: f64) -> String {
    let x = p * 100.0;
    if x != 0.0 && x.abs() < 1.0 {
        // Two significant digits.
        let decimals = ((-x.abs().log10()).ceil() as usize + 1).min(8);
        format!("{x:.decimals$}%")
    } else {
        format!("{x:.1}%")
    }
}

fn days(q: Option<DayQuantile>, horizon: u32) -> String {
    match q {
        None => "-".into(),
        Some(DayQuantile::Days(d)) => format!("{d} d"),
        Some(DayQuantile::BeyondHorizon) => format!(">{horizon} d"),
    }
}

fn recovery(r: &RecoveryStats, horizon: u32) -> String {
    format!("{} / {}", days(r.p50, horizon), days(r.p90, horizon))
}

/// The summary text, with the `top` chokepoints (facilities and chokepoints together, by
/// expected contribution to loss).
pub fn summary_text(s: &Summary, top: usize, color: bool) -> String {
    let (b, r) = if color { ("\x1b[1m", "\x1b[0m") } else { ("", "") };
    let l = &s.loss;
    let h = s.run.horizon_days;
    let mut o = String::new();
    let partial = if s.stop == "interrupted" { " (INTERRUPTED: partial results)" } else { "" };
    let _ = writeln!(
        o,
        "{b}{}{r}: {} trials of {h} days, seed {}, {}{partial}",
        s.run.scenario, s.trials, s.run.seed, s.stop
    );
    let _ = writeln!(
        o,
        "  network            {} facilities, {} links, {} markets",
        s.network.facilities, s.network.links, s.network.markets
    );
    let _ = writeln!(
        o,
        "  expected loss      {} per trial (95% CI {} to {}), {} per year",
        usd(l.mean),
        usd(l.ci95[0]),
        usd(l.ci95[1]),
        usd(l.annual_expected_loss)
    );
    let _ = writeln!(o, "  VaR / CVaR 95%     {} / {}", usd(l.var95), usd(l.cvar95));
    let _ = writeln!(o, "  VaR / CVaR 99%     {} / {}", usd(l.var99), usd(l.cvar99));
    let _ = writeln!(o, "  P(any shortage)    {}", percent(l.p_any_shortage));
    let _ = writeln!(o, "  lost gross output  {} per trial", usd(s.lost_output.mean));
    if !s.markets.is_empty() {
        let _ = writeln!(
            o,
            "\n{b}Markets{r} (expected unmet demand per trial; recovery P50 / P90 when impacted)"
        );
        let w = s.markets.iter().map(|m| m.id.len()).max().unwrap_or(0).max(6);
        for m in s.markets.iter().take(top) {
            let _ = writeln!(
                o,
                "  {:<w$}  {:>10}  P(shortage) {:>6}  recovery {}",
                m.id,
                usd(m.expected_unmet_usd),
                percent(m.p_shortage),
                recovery(&m.recovery_days, h)
            );
        }
    }
    if s.hazards.iter().any(|h| h.expected_contribution_usd > 0.0) {
        let _ =
            writeln!(o, "\n{b}Losses by hazard{r} (expected contribution per trial, share of expected loss)");
        let w = s.hazards.iter().take(top).map(|h| h.name.len()).max().unwrap_or(0).max(6);
        for h in s.hazards.iter().take(top).filter(|h| h.expected_contribution_usd > 0.0) {
            let _ = writeln!(
                o,
                "  {:<w$}  {:>10}  {:>6}  P(strikes) {:>6}",
                h.name,
                usd(h.expected_contribution_usd),
                percent(h.share_of_loss),
                percent(h.p_struck)
            );
        }
    }
    let mut all: Vec<_> = s.facilities.iter().chain(&s.chokepoints).collect();
    all.sort_by(|a, b| {
        b.expected_contribution_usd.total_cmp(&a.expected_contribution_usd).then_with(|| a.id.cmp(&b.id))
    });
    if !all.is_empty() {
        let _ = writeln!(o, "\n{b}Top chokepoints{r} by expected contribution to loss (per trial)");
        let w = all.iter().take(top).map(|e| e.id.len()).max().unwrap_or(0).max(2);
        let _ = writeln!(
            o,
            "  {:>3}  {:<w$}  {:<10}  {:<3}  {:>10}  {:>7}  {:>10}  recovery P50 / P90",
            "#", "id", "kind", "cty", "E[contrib]", "P(hit)", "P(impact)"
        );
        for (i, e) in all.iter().take(top).enumerate() {
            let _ = writeln!(
                o,
                "  {:>3}  {:<w$}  {:<10}  {:<3}  {:>10}  {:>7}  {:>10}  {}",
                i + 1,
                e.id,
                e.kind,
                e.country,
                usd(e.expected_contribution_usd),
                percent(e.p_hit),
                percent(e.p_impacted),
                recovery(&e.recovery_days, h)
            );
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_percentages_keep_two_significant_digits() {
        assert_eq!(percent(0.123), "12.3%");
        assert_eq!(percent(0.005), "0.50%");
        assert_eq!(percent(0.0005), "0.050%");
        assert_eq!(percent(0.0), "0.0%");
    }

    #[test]
    fn money_has_units() {
        assert_eq!(usd(950.0), "$950");
        assert_eq!(usd(12_345.0), "$12.3 k");
        assert_eq!(usd(4_560_000.0), "$4.56 M");
        assert_eq!(usd(1.2e9), "$1.20 B");
        assert_eq!(usd(250e6), "$250 M");
    }

    #[test]
    fn colour_only_on_terminals_without_no_color() {
        assert!(use_color(true, None));
        assert!(!use_color(false, None));
        assert!(!use_color(true, Some("1".into())));
        assert!(use_color(true, Some("".into())));
    }
}
