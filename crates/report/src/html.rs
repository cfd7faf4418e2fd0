//! `report.html`: one self-contained page with SVG charts, for a planner to read in a browser.
//!
//! The page needs no network access: styles are inline (the system font stack), the charts are
//! hand-written inline SVG, and the only script (inline) makes the tables sortable by clicking a
//! column header. Every text that comes from the user's files (ids, names, sources) is escaped
//! with [`escape`].
//!
//! In order: the headline (expected annual loss with its 95% CI, VaR and CVaR at 95% and 99%,
//! probability of any shortage, trials) and the loss exceedance curve; the chokepoint ranking
//! table with the reason for its order, the bar chart of the largest contributions, the
//! TTS-against-TTR scatter and the map; recovery times per market and per sector and the
//! recovery fan of each market; the intervention comparison (when `compare` ran); the scenario
//! card. A chart whose data is missing is replaced by a sentence saying why.
//!
//! Sizes are bounded on large networks: at most [`MAX_RANKING_ROWS`] ranking rows,
//! [`MAX_FAN_MARKETS`] recovery fans, 2,000 facilities on the map and in the scatter, and
//! [`MAX_SOURCES`] cited sources.

use std::fmt::Write as _;

use kuroshio_montecarlo::summary::{DayQuantile, RecoveryStats};

use crate::charts::{self, Chart, group};
use crate::input::{ElementType, RANKING_ORDER_NOTE, RankRow, ReportInput};
use crate::terminal::percent;

/// The titles of the charts, in page order (the recovery fans add `: <market id>`).
pub const CHART_TITLES: [&str; 5] = [
    charts::exceedance::TITLE,
    charts::bars::TITLE,
    charts::scatter::TITLE,
    charts::map::TITLE,
    charts::fan::TITLE,
];

/// Ranking rows written at most; the CSV tables hold them all.
pub const MAX_RANKING_ROWS: usize = 500;

/// Markets with a recovery fan at most (by expected unmet demand).
pub const MAX_FAN_MARKETS: usize = 12;

/// Cited sources listed at most in the scenario card.
pub const MAX_SOURCES: usize = 300;

/// Escapes text for HTML and XML (element content and quoted attribute values): `&`, `<`, `>`,
/// `"` and `'`. Control characters that XML does not allow are replaced by U+FFFD, so that the
/// SVG parts stay well-formed whatever a file contains.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\t' | '\n' | '\r' => o.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

/// Money with a scale suffix ([`crate::terminal::usd`]), with a minus sign before the dollar
/// for negative amounts: `−$342 k`.
pub fn usd(v: f64) -> String {
    if v < 0.0 { format!("\u{2212}{}", crate::terminal::usd(-v)) } else { crate::terminal::usd(v) }
}

/// The page: a complete HTML document, rendered from the results in `input` and the chokepoint
/// `ranking` ([`crate::input::ranking`]).
pub fn html(input: &ReportInput, ranking: &[RankRow]) -> String {
    let s = &input.summary;
    let mut o = String::with_capacity(256 * 1024);
    let title = format!("Kuroshio report: {}", s.run.scenario);
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Kuroshio {}\">\n<title>{}</title>\n\
         <link rel=\"icon\" href=\"data:,\">\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        escape(&s.run.tool_version),
        escape(&title)
    );
    header(&mut o, input);
    headline(&mut o, input);
    hazards_section(&mut o, input);
    ranking_section(&mut o, input, ranking);
    recovery(&mut o, input);
    interventions(&mut o, input);
    scenario_card(&mut o, input);
    let _ = write!(
        o,
        "<footer class=\"note\">Written by Kuroshio {} from the result directory (summary.json, trials.csv, \
         structure.json{}). Money is USD; a trial is one horizon of {} days.</footer>\n</main>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        escape(&s.run.tool_version),
        if input.comparison.is_some() { ", comparison.json" } else { "" },
        s.run.horizon_days
    );
    o
}

fn header(o: &mut String, input: &ReportInput) {
    let s = &input.summary;
    let _ = write!(o, "<header>\n<h1>Supply-chain resilience report: {}</h1>\n", escape(&s.run.scenario));
    if let Some(st) = &input.structure
        && !st.scenario.description.is_empty()
    {
        let _ = writeln!(o, "<p class=\"lead\">{}</p>", escape(&st.scenario.description));
    }
    let _ = writeln!(
        o,
        "<p class=\"meta\">{} trials of {} days, seed {}, arm <code>{}</code>, Kuroshio {}</p>",
        group(s.trials as i64),
        s.run.horizon_days,
        s.run.seed,
        escape(&s.arm),
        escape(&s.run.tool_version)
    );
    if s.stop == "interrupted" {
        let _ = writeln!(
            o,
            "<p class=\"warn\">The run was interrupted: these are partial results over {} of {} planned trials.</p>",
            group(s.trials as i64),
            group(s.run.planned_trials as i64)
        );
    }
    o.push_str("<nav><a href=\"#headline\">Headline</a> <a href=\"#ranking\">Chokepoint ranking</a> ");
    if !input.summary.hazards.is_empty() {
        o.push_str("<a href=\"#hazards\">Losses by hazard</a> ");
    }
    o.push_str("<a href=\"#recovery\">Recovery times</a> ");
    if input.comparison.is_some() {
        o.push_str("<a href=\"#interventions\">Interventions</a> ");
    }
    o.push_str("<a href=\"#scenario\">Scenario card</a></nav>\n</header>\n");
}

/// Losses by hazard: each trial's loss split among the hazards that struck in it.
fn hazards_section(o: &mut String, input: &ReportInput) {
    let s = &input.summary;
    if s.hazards.is_empty() {
        return;
    }
    o.push_str("<section id=\"hazards\">\n<h2>Losses by hazard</h2>\n");
    o.push_str("<div class=\"table-wrap\"><table class=\"sortable\">\n<thead><tr>");
    th(o, "Hazard", "Name in the scenario's [[hazard]] catalog", false, "asc");
    th(o, "P(strikes)", "Share of trials in which it struck at least once", true, "desc");
    th(o, "Expected contribution (95% CI)", "USD per trial", true, "desc");
    th(o, "Share of expected loss", "Its expected contribution over the expected loss", true, "desc");
    o.push_str("</tr></thead>\n<tbody>\n");
    for h in &s.hazards {
        o.push_str("<tr>");
        let _ = write!(o, "<td><code>{}</code></td>", escape(&h.name));
        td_num(o, Some(h.p_struck), &percent(h.p_struck));
        td_num(
            o,
            Some(h.expected_contribution_usd),
            &format!(
                "{}<br><span class=\"ci\">{} to {}</span>",
                usd(h.expected_contribution_usd),
                usd(h.contribution_ci95[0]),
                usd(h.contribution_ci95[1])
            ),
        );
        td_num(o, Some(h.share_of_loss), &percent(h.share_of_loss));
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody></table></div>\n");
    o.push_str(
        "<p class=\"note\">Each trial's loss is split among the hazards that struck in it in proportion to \
         the direct shock of their disruptions (the value they removed before any propagation; docs/model.md \
         §6.3). A hazard that strikes often and shocks much can take a share of losses that a rarer event \
         in the same trial caused; running the scenario with one hazard at a time separates them.</p>\n</section>\n",
    );
}

fn card(o: &mut String, key: &str, value: &str, sub: &str) {
    let _ = writeln!(
        o,
        "<div class=\"card\"><div class=\"k\">{key}</div><div class=\"v\">{value}</div><div class=\"s\">{sub}</div></div>"
    );
}

fn headline(o: &mut String, input: &ReportInput) {
    let s = &input.summary;
    let l = &s.loss;
    let h = s.run.horizon_days;
    let per_year = 365.0 / f64::from(h.max(1));
    o.push_str("<section id=\"headline\">\n<h2>Headline</h2>\n<div class=\"cards\">\n");
    card(
        o,
        "Expected annual loss of final demand",
        &usd(l.annual_expected_loss),
        &format!("95% CI {} to {}", usd(l.ci95[0] * per_year), usd(l.ci95[1] * per_year)),
    );
    card(
        o,
        "VaR 95% / CVaR 95%",
        &format!("{} / {}", usd(l.var95), usd(l.cvar95)),
        "loss per trial exceeded in 1 trial in 20 / mean of the worst 5%",
    );
    card(
        o,
        "VaR 99% / CVaR 99%",
        &format!("{} / {}", usd(l.var99), usd(l.cvar99)),
        "loss per trial exceeded in 1 trial in 100 / mean of the worst 1%",
    );
    card(
        o,
        "Probability of any shortage",
        &percent(l.p_any_shortage),
        &format!("share of trials with a shortage at any market within {h} days"),
    );
    card(
        o,
        "Trials",
        &group(s.trials as i64),
        &format!("seed {}, {} days each, {}", s.run.seed, h, escape(&s.stop.replace('_', " "))),
    );
    o.push_str("</div>\n");
    let _ = writeln!(
        o,
        "<p class=\"note\">Loss is the value of final demand not served, in USD. Per {h}-day trial: mean {} \
         (95% CI {} to {}), standard deviation {}, largest {}. Expected lost gross output (all tiers): {} per \
         trial. Expected loss not attributed to any element: {}.</p>",
        usd(l.mean),
        usd(l.ci95[0]),
        usd(l.ci95[1]),
        usd(l.std_dev),
        usd(l.max),
        usd(s.lost_output.mean),
        usd(s.unattributed_loss_usd)
    );
    figure(
        o,
        charts::exceedance::chart(&input.losses, h),
        "Read across from a probability to the loss exceeded at least that often: the curve at 1% is \
         the loss of a 1-in-100-trials event. Each step is one trial.",
    );
    o.push_str("</section>\n");
}

fn figure(o: &mut String, chart: Chart, caption: &str) {
    match chart {
        Chart::Svg(svg) => {
            let _ = write!(o, "<figure>\n{svg}\n");
            if !caption.is_empty() {
                let _ = writeln!(o, "<figcaption class=\"note\">{}</figcaption>", escape(caption));
            }
            o.push_str("</figure>\n");
        }
        Chart::Skipped(why) => {
            let _ = writeln!(o, "<p class=\"note skipped\">{}</p>", escape(&why));
        }
    }
}

/// A `<th>` of a sortable table: `num` columns sort numerically on their cells' `data-v`,
/// `first` is the direction of the first click.
fn th(o: &mut String, text: &str, help: &str, num: bool, first: &str) {
    let _ = write!(
        o,
        "<th scope=\"col\"{}{} data-first=\"{first}\" title=\"{}\">{}</th>",
        if num { " class=\"num\"" } else { "" },
        if num { " data-type=\"num\"" } else { "" },
        escape(help),
        escape(text)
    );
}

/// A numeric cell: `v` (None sorts last) shown as `shown` (already escaped HTML).
fn td_num(o: &mut String, v: Option<f64>, shown: &str) {
    let v = v.filter(|v| v.is_finite()).map(|v| format!("{v}")).unwrap_or_default();
    let _ = write!(o, "<td class=\"num\" data-v=\"{v}\">{shown}</td>");
}

fn td(o: &mut String, text: &str) {
    let _ = write!(o, "<td>{}</td>", escape(text));
}

const DASH: &str = "<span class=\"muted\">—</span>";

fn ranking_section(o: &mut String, input: &ReportInput, ranking: &[RankRow]) {
    let h = input.summary.run.horizon_days;
    o.push_str("<section id=\"ranking\">\n<h2>Chokepoint ranking</h2>\n");
    if ranking.is_empty() {
        o.push_str("<p class=\"note\">No facility or chokepoint was hit or impacted in any trial, and the structural analysis singles none out.</p>\n");
    } else {
        let _ = writeln!(
            o,
            "<p class=\"note\">Facilities and chokepoints that the trials or the structural analysis single \
             out ({} rows). Click a column header to sort by it; click again to reverse. Money is per \
             {h}-day trial.</p>",
            group(ranking.len() as i64)
        );
        o.push_str("<div class=\"table-wrap\"><table class=\"sortable\" id=\"ranking-table\">\n<thead><tr>");
        th(o, "#", "Rank in the default order", true, "asc");
        th(o, "Id", "Id in the scenario files", false, "asc");
        th(o, "Name", "Name", false, "asc");
        th(o, "Type / kind", "Facility or chokepoint, and its kind", false, "asc");
        th(o, "Country", "ISO 3166-1 alpha-3", false, "asc");
        th(
            o,
            "Expected contribution (95% CI)",
            "Expected contribution to the loss of final demand per trial, USD, with its 95% confidence interval",
            true,
            "desc",
        );
        th(o, "P(hit)", "Share of trials in which a disruption hit it", true, "desc");
        th(o, "P(impact)", "Share of trials in which its output fell (facilities)", true, "desc");
        th(
            o,
            "TTS vs TTR (days)",
            "Time to survive against time to recover, days; exposed when TTS < TTR. Sorts by TTS - TTR",
            true,
            "asc",
        );
        th(o, "Risk exposure index", "Risk exposure index, 0 to 1 (TTS analysis)", true, "desc");
        th(o, "SPOF (markets)", "Markets for which it is a structural single point of failure", true, "desc");
        th(
            o,
            "Product HHI",
            "Country concentration of its product's capacity, HHI 0 to 10,000",
            true,
            "desc",
        );
        th(
            o,
            "Route exposure",
            "Largest share of a market's supply whose path passes it (chokepoints)",
            true,
            "desc",
        );
        o.push_str("</tr></thead>\n<tbody>\n");
        for r in ranking.iter().take(MAX_RANKING_ROWS) {
            ranking_row(o, r);
        }
        o.push_str("</tbody></table></div>\n");
        if ranking.len() > MAX_RANKING_ROWS {
            let _ = writeln!(
                o,
                "<p class=\"note\">Showing the first {} of {} rows in the default order; facilities.csv and \
                 chokepoints.csv hold every element the trials name.</p>",
                group(MAX_RANKING_ROWS as i64),
                group(ranking.len() as i64)
            );
        }
    }
    let _ =
        writeln!(o, "<p class=\"note\"><strong>Default order.</strong> {}</p>", escape(RANKING_ORDER_NOTE));
    figure(
        o,
        charts::bars::chart(ranking),
        "A confidence interval that reaches zero means the trials cannot tell the contribution from none.",
    );
    figure(
        o,
        charts::scatter::chart(input.structure.as_ref()),
        "Time to survive (TTS): how long the network meets demand with the facility down; time to recover \
         (TTR): how long the facility takes to come back (Simchi-Levi). A facility below the diagonal \
         causes a shortage if it fails.",
    );
    let map = charts::map::chart(input.structure.as_ref(), ranking);
    figure(o, map.chart, &map.note);
    o.push_str("</section>\n");
}

fn ranking_row(o: &mut String, r: &RankRow) {
    let _ = write!(o, "<tr>");
    td_num(o, Some(r.rank as f64), &r.rank.to_string());
    let _ = write!(o, "<td><code>{}</code></td>", escape(&r.id));
    let _ = write!(o, "<td class=\"name\">{}</td>", escape(&r.name));
    let t = match r.element {
        ElementType::Facility => "facility",
        ElementType::Chokepoint => "chokepoint",
    };
    let _ = write!(o, "<td>{}<br><span class=\"ci\">{t}</span></td>", escape(&r.kind));
    td(o, &r.country);
    td_num(
        o,
        Some(r.expected_contribution_usd),
        &format!(
            "{}<br><span class=\"ci\">{} to {}</span>",
            usd(r.expected_contribution_usd),
            usd(r.contribution_ci95[0]),
            usd(r.contribution_ci95[1])
        ),
    );
    td_num(o, Some(r.p_hit), &percent(r.p_hit));
    if r.element == ElementType::Facility {
        td_num(o, Some(r.p_impacted), &percent(r.p_impacted));
    } else {
        td_num(o, None, DASH);
    }
    match (r.tts_days, r.ttr_days) {
        (Some(tts), Some(ttr)) => {
            let tts_text = if r.tts_at_least { format!("≥ {tts}") } else { tts.to_string() };
            let exposed = r.exposed == Some(true) || (r.exposed.is_none() && f64::from(tts) < ttr);
            let shown = if exposed {
                format!(
                    "<span class=\"bad\">{tts_text} &lt; {}</span><br><span class=\"ci\">exposed</span>",
                    num(ttr)
                )
            } else {
                format!("{tts_text} ≥ {}", num(ttr))
            };
            td_num(o, Some(f64::from(tts) - ttr), &shown);
        }
        (Some(tts), None) => {
            let at_least = if r.tts_at_least { "≥ " } else { "" };
            td_num(o, None, &format!("{at_least}{tts} vs {DASH}"));
        }
        _ => td_num(o, None, DASH),
    }
    match r.risk_exposure_index {
        Some(v) => td_num(o, Some(v), &format!("{v:.3}")),
        None => td_num(o, None, DASH),
    }
    if r.spof_for.is_empty() {
        td_num(o, Some(0.0), DASH);
    } else {
        // At most a few market ids: a node can be a single point of failure for thousands.
        const SHOWN: usize = 4;
        let mut list = r.spof_for.iter().take(SHOWN).map(|m| escape(m)).collect::<Vec<_>>().join(", ");
        if r.spof_for.len() > SHOWN {
            let _ = write!(list, " and {} more", group((r.spof_for.len() - SHOWN) as i64));
        }
        let v = r.spof_for.len();
        let _ = write!(
            o,
            "<td class=\"num wrap\" data-v=\"{v}\"><span class=\"bad\">yes</span>{}<br><span class=\"ci\">{list}</span></td>",
            if v > 1 { format!(" ({})", group(v as i64)) } else { String::new() }
        );
    }
    match r.product_hhi {
        Some(v) => {
            let shown = group(v.round() as i64);
            let shown = if v > 2500.0 { format!("<span class=\"bad\">{shown}</span>") } else { shown };
            td_num(o, Some(v), &shown)
        }
        None => td_num(o, None, DASH),
    }
    match r.route_exposure {
        Some(v) => td_num(o, Some(v), &percent(v)),
        None => td_num(o, None, DASH),
    }
    o.push_str("</tr>\n");
}

/// A number of days, without decimals when whole.
fn num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 { format!("{}", v.round() as i64) } else { format!("{v:.1}") }
}

fn day_cell(o: &mut String, q: Option<DayQuantile>, horizon: u32) {
    match q {
        None => td_num(o, None, DASH),
        Some(DayQuantile::Days(d)) => td_num(o, Some(f64::from(d)), &d.to_string()),
        Some(DayQuantile::BeyondHorizon) => {
            td_num(o, Some(f64::from(horizon) + 1.0), &format!("<span class=\"bad\">&gt; {horizon}</span>"))
        }
    }
}

fn recovery_cells(o: &mut String, r: &RecoveryStats, horizon: u32) {
    td_num(o, Some(r.impacted_trials as f64), &group(r.impacted_trials as i64));
    day_cell(o, r.p50, horizon);
    day_cell(o, r.p90, horizon);
    day_cell(o, r.p99, horizon);
    if r.impacted_trials > 0 {
        td_num(o, Some(r.beyond_horizon_share), &percent(r.beyond_horizon_share));
    } else {
        td_num(o, None, DASH);
    }
}

fn recovery_headers(o: &mut String, horizon: u32) {
    th(o, "Impacted trials", "Trials in which it was impacted", true, "desc");
    for p in ["P50", "P90", "P99"] {
        th(
            o,
            &format!("{p} (days)"),
            &format!(
                "{p} of the days to recover, over impacted trials; > {horizon}: still impacted at the horizon"
            ),
            true,
            "desc",
        );
    }
    th(o, "Censored", "Share of impacted trials still impacted at the horizon", true, "desc");
}

fn recovery(o: &mut String, input: &ReportInput) {
    let s = &input.summary;
    let h = s.run.horizon_days;
    o.push_str("<section id=\"recovery\">\n<h2>Recovery times</h2>\n");
    let _ = writeln!(
        o,
        "<p class=\"note\">Days from a trial's first disruption until supply is back to normal, over the \
         trials in which the market (sector) was impacted. &gt; {h} means the quantile falls among trials \
         still impacted at the end of the {h}-day horizon (censored); the censored share is how many.</p>"
    );
    o.push_str("<h3>Markets</h3>\n");
    if s.markets.is_empty() {
        o.push_str("<p class=\"note\">The network has no market.</p>\n");
    } else {
        o.push_str("<div class=\"table-wrap\"><table class=\"sortable\">\n<thead><tr>");
        th(o, "Market", "Market id", false, "asc");
        th(o, "Name", "Name", false, "asc");
        th(o, "Country", "ISO 3166-1 alpha-3", false, "asc");
        th(o, "Expected unmet demand (95% CI)", "USD per trial", true, "desc");
        th(o, "P(shortage)", "Share of trials with a shortage", true, "desc");
        recovery_headers(o, h);
        o.push_str("</tr></thead>\n<tbody>\n");
        for m in &s.markets {
            o.push_str("<tr>");
            let _ = write!(o, "<td><code>{}</code></td>", escape(&m.id));
            td(o, &m.name);
            td(o, &m.country);
            td_num(
                o,
                Some(m.expected_unmet_usd),
                &format!(
                    "{}<br><span class=\"ci\">{} to {}</span>",
                    usd(m.expected_unmet_usd),
                    usd(m.expected_unmet_ci95[0]),
                    usd(m.expected_unmet_ci95[1])
                ),
            );
            td_num(o, Some(m.p_shortage), &percent(m.p_shortage));
            recovery_cells(o, &m.recovery_days, h);
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody></table></div>\n");
    }
    o.push_str("<h3>Sectors</h3>\n");
    if s.sectors.is_empty() {
        o.push_str("<p class=\"note\">No sector statistics in summary.json.</p>\n");
    } else {
        o.push_str(
            "<p class=\"note\">A sector is impacted when any of its facilities is, and recovered when the last \
             of them is.</p>\n",
        );
        o.push_str("<div class=\"table-wrap\"><table class=\"sortable\">\n<thead><tr>");
        th(o, "Sector", "Sector of the facilities' products", false, "asc");
        th(o, "P(impacted)", "Share of trials in which the sector was impacted", true, "desc");
        recovery_headers(o, h);
        o.push_str("</tr></thead>\n<tbody>\n");
        for sec in &s.sectors {
            o.push_str("<tr>");
            td(o, &sec.sector);
            td_num(o, Some(sec.p_impacted), &percent(sec.p_impacted));
            recovery_cells(o, &sec.recovery_days, h);
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody></table></div>\n");
    }
    o.push_str("<h3>Recovery fan per market</h3>\n");
    let mut banded: Vec<_> = s.markets.iter().filter(|m| m.bands.is_some()).collect();
    if banded.is_empty() {
        o.push_str(
            "<p class=\"note skipped\">Not drawn: summary.json keeps no daily bands for any market.</p>\n",
        );
    } else {
        banded.sort_by(|a, b| {
            b.expected_unmet_usd.total_cmp(&a.expected_unmet_usd).then_with(|| a.id.cmp(&b.id))
        });
        let _ = writeln!(
            o,
            "<p class=\"note\">The share of each market's demand served, day by day: median and percentile bands \
             over all {} trials, including those without any disruption{}.</p>",
            group(s.trials as i64),
            if banded.len() > MAX_FAN_MARKETS {
                format!(
                    "; the {MAX_FAN_MARKETS} markets with the largest expected unmet demand of the {} with bands \
                     (all are in market_bands.csv)",
                    banded.len()
                )
            } else {
                String::new()
            }
        );
        o.push_str("<div class=\"charts\">\n");
        for m in banded.iter().take(MAX_FAN_MARKETS) {
            match charts::fan::chart(m) {
                Chart::Svg(svg) => {
                    o.push_str(&svg);
                    o.push('\n');
                }
                Chart::Skipped(why) => {
                    let _ = writeln!(o, "<p class=\"note skipped\">{}</p>", escape(&why));
                }
            }
        }
        o.push_str("</div>\n");
    }
    o.push_str("</section>\n");
}

fn interventions(o: &mut String, input: &ReportInput) {
    let Some(c) = &input.comparison else { return };
    let s = &input.summary;
    o.push_str("<section id=\"interventions\">\n<h2>Intervention comparison</h2>\n");
    let _ = write!(
        o,
        "<p class=\"note\">Each intervention ran on the same {} sampled trials as a base case (common random \
         numbers), so the paired reduction isolates its effect. A confidence interval that includes zero \
         means the trials cannot tell the reduction from none.",
        group(c.trials as i64)
    );
    if c.run.seed != s.run.seed || c.trials != s.trials || c.run.scenario_hash != s.run.scenario_hash {
        let _ = write!(
            o,
            " This comparison is a separate run (seed {}, {} trials), so its base mean loss differs from the \
             headline's.",
            c.run.seed,
            group(c.trials as i64)
        );
    }
    o.push_str("</p>\n");
    if c.comparisons.is_empty() {
        o.push_str("<p class=\"note\">The scenario defines no intervention.</p>\n</section>\n");
        return;
    }
    o.push_str("<div class=\"table-wrap\"><table class=\"sortable\">\n<thead><tr>");
    th(o, "Intervention", "Name in scenario.toml", false, "asc");
    th(o, "Base mean loss", "Mean loss per trial without it, USD", true, "desc");
    th(o, "Mean loss with it", "Mean loss per trial with it, USD", true, "asc");
    th(
        o,
        "Paired reduction (95% CI)",
        "Mean of the per-trial differences base - intervention, USD per trial",
        true,
        "desc",
    );
    th(o, "VaR 99% change", "VaR 99% with it - without it, USD; negative is better", true, "asc");
    th(o, "Annual benefit", "Mean reduction scaled to a year, USD per year", true, "desc");
    th(o, "Annual cost", "Stated cost, USD per year", true, "asc");
    th(o, "Benefit per cost", "Annual benefit / annual cost", true, "desc");
    o.push_str("</tr></thead>\n<tbody>\n");
    for x in &c.comparisons {
        o.push_str("<tr>");
        td(o, &x.intervention);
        td_num(o, Some(x.base_mean_loss), &usd(x.base_mean_loss));
        td_num(o, Some(x.mean_loss), &usd(x.mean_loss));
        let unclear = x.reduction_ci95[0] <= 0.0 && x.reduction_ci95[1] >= 0.0 && x.mean_reduction != 0.0;
        td_num(
            o,
            Some(x.mean_reduction),
            &format!(
                "{} <span class=\"ci\">({} to {})</span>{}",
                usd(x.mean_reduction),
                usd(x.reduction_ci95[0]),
                usd(x.reduction_ci95[1]),
                if unclear { " <span class=\"muted\">CI includes 0</span>" } else { "" }
            ),
        );
        let change = if x.var99_change < 0.0 {
            format!("<span class=\"good\">{}</span>", usd(x.var99_change))
        } else {
            usd(x.var99_change)
        };
        td_num(o, Some(x.var99_change), &change);
        td_num(o, Some(x.annual_benefit), &usd(x.annual_benefit));
        match x.cost_per_year {
            Some(v) => td_num(o, Some(v), &usd(v)),
            None => td_num(o, None, DASH),
        }
        match x.benefit_per_cost {
            Some(v) => td_num(o, Some(v), &format!("{}×", ratio(v))),
            None => td_num(o, None, DASH),
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody></table></div>\n</section>\n");
}

/// `1 market`, `9 facilities`: a count and a plural noun, made singular for one.
fn count(v: usize, plural: &str) -> String {
    let noun = if v != 1 {
        plural.to_string()
    } else if let Some(stem) = plural.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        plural.strip_suffix('s').unwrap_or(plural).to_string()
    };
    format!("{} {noun}", group(v as i64))
}

/// A ratio with three significant digits, thousands grouped.
fn ratio(v: f64) -> String {
    let a = v.abs();
    if a >= 100.0 {
        group(v.round() as i64)
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn scenario_card(o: &mut String, input: &ReportInput) {
    let s = &input.summary;
    let r = &s.run;
    o.push_str("<section id=\"scenario\">\n<h2>Scenario card</h2>\n");
    o.push_str(
        "<p class=\"note\">What a reader needs to reproduce and audit the run: the same scenario files \
         (same hash), seed, trials and horizon give the same results with the same build of Kuroshio.</p>\n",
    );
    o.push_str("<table class=\"card-table\"><tbody>\n");
    let row = |o: &mut String, k: &str, v: &str| {
        let _ = writeln!(o, "<tr><th scope=\"row\">{k}</th><td>{v}</td></tr>");
    };
    row(o, "Scenario", &escape(&r.scenario));
    let st = input.structure.as_ref();
    if let Some(st) = st
        && !st.scenario.description.is_empty()
    {
        row(o, "Description", &escape(&st.scenario.description));
    }
    let network = match st {
        Some(st) => {
            let order = ["facilities", "markets", "products", "links", "routes", "chokepoints", "regions"];
            let mut parts: Vec<String> =
                order.iter().filter_map(|k| st.scenario.counts.get(*k).map(|v| count(*v, k))).collect();
            parts.extend(
                st.scenario
                    .counts
                    .iter()
                    .filter(|(k, _)| !order.contains(&k.as_str()))
                    .map(|(k, v)| escape(&count(*v, k))),
            );
            parts.join(", ")
        }
        None => format!(
            "{} facilities (markets included), {} markets, {} links, {} chokepoints",
            group(s.network.facilities as i64),
            group(s.network.markets as i64),
            group(s.network.links as i64),
            group(s.network.chokepoints as i64)
        ),
    };
    row(o, "Network", &network);
    let hazards = if r.hazards.is_empty() {
        DASH.to_string()
    } else {
        r.hazards.iter().map(|h| format!("<code>{}</code>", escape(h))).collect::<Vec<_>>().join(", ")
    };
    row(o, &format!("Hazards ({})", r.hazards.len()), &hazards);
    if let Some(st) = st {
        let settings = st
            .scenario
            .settings
            .iter()
            .map(|(k, v)| format!("<code>{} = {}</code>", escape(k), escape(&v.to_string())))
            .collect::<Vec<_>>()
            .join(", ");
        row(o, "Settings", &settings);
    }
    row(o, "Horizon", &format!("{} days", r.horizon_days));
    row(o, "Seed", &r.seed.to_string());
    let mut trials = format!(
        "{} run of {} planned ({})",
        group(s.trials as i64),
        group(r.planned_trials as i64),
        escape(&s.stop)
    );
    if let Some(t) = r.target_rel_ci {
        let _ = write!(trials, "; target relative 95% half-width {}", percent(t));
    }
    row(o, "Trials", &trials);
    row(o, "Tool version", &format!("Kuroshio {}", escape(&r.tool_version)));
    row(
        o,
        "Scenario hash",
        &format!("<code>{}</code> (SHA-256 of the scenario's files)", escape(&r.scenario_hash)),
    );
    row(
        o,
        "Reproduce",
        &format!(
            "<code>kuroshio run &lt;scenario directory&gt; --seed {} --trials {} --horizon {}</code>",
            r.seed, r.planned_trials, r.horizon_days
        ),
    );
    o.push_str("</tbody></table>\n");
    o.push_str("<h3>Sources cited in the scenario files</h3>\n");
    match st {
        None => o.push_str(
            "<p class=\"note skipped\">structure.json is not in the result directory, so the network counts, \
             settings and sources are not known.</p>\n",
        ),
        Some(st) if st.scenario.sources.is_empty() => {
            o.push_str("<p class=\"note\">The scenario's files cite no source.</p>\n")
        }
        Some(st) => {
            o.push_str("<ol class=\"sources\">\n");
            for src in st.scenario.sources.iter().take(MAX_SOURCES) {
                let _ = writeln!(o, "<li>{}</li>", escape(src));
            }
            o.push_str("</ol>\n");
            if st.scenario.sources.len() > MAX_SOURCES {
                let _ = writeln!(
                    o,
                    "<p class=\"note\">The first {MAX_SOURCES} of {} sources (structure.json lists them all).</p>",
                    group(st.scenario.sources.len() as i64)
                );
            }
        }
    }
    o.push_str("</section>\n");
}

const CSS: &str = r#"
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#f3f4f6;color:#1f2937;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
main{max-width:1240px;margin:0 auto;padding:20px 24px 40px}
header h1{font-size:26px;margin:8px 0 6px}
.lead{margin:0 0 6px;max-width:70em}
.meta{margin:0 0 10px;color:#4b5563}
nav a{margin-right:14px;color:#0b5cad}
section{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:16px 20px;margin:18px 0}
h2{font-size:21px;margin:0 0 12px;padding-bottom:6px;border-bottom:2px solid #e5e7eb}
h3{font-size:16px;margin:22px 0 8px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:12px;margin-bottom:8px}
.card{border:1px solid #e5e7eb;border-radius:6px;padding:10px 12px;background:#f9fafb}
.card .k{font-size:13px;color:#4b5563}
.card .v{font-size:21px;font-weight:650;margin:2px 0;white-space:nowrap}
.card .s{font-size:13px;color:#4b5563}
.note{font-size:13.5px;color:#4b5563;max-width:82em}
.skipped{font-style:italic}
.warn{background:#fef3c7;border:1px solid #f59e0b;padding:8px 12px;border-radius:6px}
.table-wrap{overflow:auto;max-height:min(80vh,760px);border:1px solid #e5e7eb;border-radius:6px}
table{border-collapse:collapse;font-size:13px;width:100%}
th,td{padding:4px 6px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
thead th{background:#f3f4f6;position:sticky;top:0;z-index:1;vertical-align:bottom}
tbody tr:nth-child(even){background:#fafafa}
tbody tr:hover{background:#eef6fc}
.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
td.wrap{white-space:normal;min-width:9em}
table.sortable thead th{cursor:pointer;user-select:none}
table.sortable thead th:hover{background:#e5e7eb}
th[aria-sort=ascending]::after{content:" \25B2";font-size:10px}
th[aria-sort=descending]::after{content:" \25BC";font-size:10px}
.ci{color:#6b7280;font-size:12px}
.bad{color:#b91c1c;font-weight:600}
.good{color:#047857;font-weight:600}
.muted{color:#9ca3af}
td code{white-space:nowrap}
td.name{min-width:11em}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
.card-table{width:auto;max-width:100%}
.card-table th{white-space:nowrap;width:12em;background:none}
.card-table td code{word-break:break-all}
.sources{font-size:13px;max-width:82em}
.sources li{margin:2px 0}
figure{margin:10px 0 16px}
figcaption{margin-top:4px}
svg.chart{display:block;max-width:100%;height:auto;border:1px solid #e5e7eb;border-radius:6px}
.charts{display:flex;flex-wrap:wrap;gap:12px}
footer{margin-top:8px}
@media print{body{background:#fff}section{border:none;padding:0}.table-wrap{max-height:none;overflow:visible}}
"#;

/// Sorts a table by the clicked column: numeric columns by `data-v` (empty last), others by
/// text; the first click goes in the column's `data-first` direction.
const SCRIPT: &str = r#"
(function () {
  "use strict";
  function key(row, i, num) {
    var cell = row.cells[i];
    if (!cell) return null;
    if (num) {
      var v = cell.getAttribute("data-v");
      if (v === null || v === "") return null;
      var x = parseFloat(v);
      return isNaN(x) ? null : x;
    }
    var t = cell.textContent.trim().toLowerCase();
    return t === "" || t === "\u2014" ? null : t;
  }
  function sortBy(table, th, i) {
    var num = th.getAttribute("data-type") === "num";
    var cur = th.getAttribute("aria-sort");
    var asc = cur ? cur !== "ascending" : th.getAttribute("data-first") !== "desc";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (r, k) { if (!r.hasAttribute("data-i")) r.setAttribute("data-i", String(k)); });
    rows.sort(function (a, b) {
      var ka = key(a, i, num), kb = key(b, i, num);
      var ia = +a.getAttribute("data-i"), ib = +b.getAttribute("data-i");
      if (ka === null && kb === null) return ia - ib;
      if (ka === null) return 1;
      if (kb === null) return -1;
      var c = num ? ka - kb : ka.localeCompare(kb);
      if (!asc) c = -c;
      return c !== 0 ? c : ia - ib;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r); });
    body.appendChild(frag);
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    if (!table.tHead || !table.tBodies.length) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, th, i); });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, th, i); }
      });
    });
  });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{1}b"), "a\u{fffd}b");
    }
}
