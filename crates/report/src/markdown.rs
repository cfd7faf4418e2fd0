//! `report.md`: the report as Markdown (GitHub-flavoured tables), for reading in a repository or
//! pasting into a memo. Same content as the HTML report, without the charts.

use std::fmt::Write as _;

use crate::input::{ElementType, RANKING_ORDER_NOTE, RankRow, ReportInput, recovery_text};
use crate::terminal::{percent, usd};

/// Rows of the ranking written (the CSV and JSON hold all).
pub const MARKDOWN_RANKING_ROWS: usize = 25;

/// Escapes text for a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn opt(x: Option<f64>, f: impl Fn(f64) -> String) -> String {
    x.map_or("-".into(), f)
}

/// TTS against TTR as text: `35 / 97 d (exposed)`.
pub fn tts_text(r: &RankRow) -> String {
    match (r.tts_days, r.ttr_days) {
        (None, None) => "-".into(),
        (tts, ttr) => {
            let t = tts.map_or("-".into(), |d| if r.tts_at_least { format!(">={d}") } else { d.to_string() });
            let rr = ttr.map_or("-".into(), |d| format!("{d:.0}"));
            let flag = if r.exposed == Some(true) { " (exposed)" } else { "" };
            format!("{t} / {rr} d{flag}")
        }
    }
}

/// The whole report.
pub fn markdown(input: &ReportInput, ranking: &[RankRow]) -> String {
    let s = &input.summary;
    let l = &s.loss;
    let h = s.run.horizon_days;
    let mut o = String::new();
    let _ = writeln!(o, "# Kuroshio report: {}\n", cell(&s.run.scenario));
    if s.stop == "interrupted" {
        let _ = writeln!(o, "> **Partial results**: the run was interrupted after {} trials.\n", s.trials);
    }
    let _ = writeln!(o, "## Headline\n");
    let _ = writeln!(o, "| measure | value |\n| --- | --- |");
    let _ = writeln!(
        o,
        "| expected annual loss of final demand | {} (95% CI {} to {}) |",
        usd(l.annual_expected_loss),
        usd(l.ci95[0] * 365.0 / f64::from(h.max(1))),
        usd(l.ci95[1] * 365.0 / f64::from(h.max(1)))
    );
    let _ = writeln!(o, "| expected loss per trial ({h} days) | {} |", usd(l.mean));
    let _ = writeln!(o, "| VaR / CVaR 95% | {} / {} |", usd(l.var95), usd(l.cvar95));
    let _ = writeln!(o, "| VaR / CVaR 99% | {} / {} |", usd(l.var99), usd(l.cvar99));
    let _ = writeln!(o, "| probability of any shortage | {} |", percent(l.p_any_shortage));
    let _ = writeln!(o, "| expected lost gross output per trial | {} |", usd(s.lost_output.mean));
    let _ = writeln!(o, "| trials | {} ({}) |", s.trials, s.stop);
    let _ = writeln!(o);
    if !l.exceedance.is_empty() {
        let _ = writeln!(o, "Loss exceedance (loss exceeded with the given probability per trial):\n");
        let _ = writeln!(o, "| probability | return period | loss |\n| --- | --- | --- |");
        for p in &l.exceedance {
            let _ = writeln!(
                o,
                "| {} | {:.0} years | {} |",
                percent(p.probability),
                p.return_period_years,
                usd(p.loss)
            );
        }
        let _ = writeln!(o);
    }

    if !s.hazards.is_empty() {
        let _ = writeln!(o, "## Losses by hazard\n");
        let _ = writeln!(o, "| hazard | P(strikes) | E[contribution] (95% CI) | share of expected loss |");
        let _ = writeln!(o, "| --- | --- | --- | --- |");
        for x in &s.hazards {
            let _ = writeln!(
                o,
                "| {} | {} | {} ({} to {}) | {} |",
                cell(&x.name),
                percent(x.p_struck),
                usd(x.expected_contribution_usd),
                usd(x.contribution_ci95[0]),
                usd(x.contribution_ci95[1]),
                percent(x.share_of_loss)
            );
        }
        let _ = writeln!(
            o,
            "\nEach trial's loss is split among the hazards that struck in it in proportion to the direct \
             shock of their disruptions (docs/model.md §6.3).\n"
        );
    }
    let _ = writeln!(o, "## Chokepoint ranking\n");
    if ranking.is_empty() {
        let _ = writeln!(o, "No facility or chokepoint was hit in any trial.\n");
    } else {
        let _ = writeln!(
            o,
            "| # | id | type | kind | country | E[contribution] (95% CI) | P(hit) | P(impact) | TTR P50 | TTS / TTR | REI | SPOF for | product HHI | route exposure |"
        );
        let _ = writeln!(
            o,
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
        );
        for r in ranking.iter().take(MARKDOWN_RANKING_ROWS) {
            let ttr50 = match r.ttr_p50 {
                None => "-".to_string(),
                Some(kuroshio_montecarlo::summary::DayQuantile::Days(d)) => format!("{d} d"),
                Some(kuroshio_montecarlo::summary::DayQuantile::BeyondHorizon) => format!(">{h} d"),
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} ({} to {}) | {} | {} | {} | {} | {} | {} | {} | {} |",
                r.rank,
                cell(&r.id),
                match r.element {
                    ElementType::Facility => "facility",
                    ElementType::Chokepoint => "chokepoint",
                },
                cell(&r.kind),
                r.country,
                usd(r.expected_contribution_usd),
                usd(r.contribution_ci95[0]),
                usd(r.contribution_ci95[1]),
                percent(r.p_hit),
                if r.element == ElementType::Facility { percent(r.p_impacted) } else { "-".into() },
                ttr50,
                tts_text(r),
                opt(r.risk_exposure_index, |x| format!("{x:.2}")),
                if r.spof_for.is_empty() { "-".into() } else { cell(&r.spof_for.join(", ")) },
                opt(r.product_hhi, |x| format!("{x:.0}")),
                opt(r.route_exposure, percent),
            );
        }
        if ranking.len() > MARKDOWN_RANKING_ROWS {
            let _ = writeln!(
                o,
                "\n{} more in facilities.csv and chokepoints.csv.",
                ranking.len() - MARKDOWN_RANKING_ROWS
            );
        }
        let _ = writeln!(o, "\n{RANKING_ORDER_NOTE}\n");
    }

    let _ = writeln!(o, "## Recovery times\n");
    let _ = writeln!(
        o,
        "Days from a trial's first event until back for good, over the trials with an impact \
         (P50 / P90 / P99; `>{h}`: still impacted at the horizon).\n"
    );
    let _ = writeln!(
        o,
        "| market | E[unmet] | P(shortage) | impacted trials | P50 / P90 / P99 days | beyond horizon |"
    );
    let _ = writeln!(o, "| --- | --- | --- | --- | --- | --- |");
    for m in &s.markets {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&m.id),
            usd(m.expected_unmet_usd),
            percent(m.p_shortage),
            m.recovery_days.impacted_trials,
            recovery_text(&m.recovery_days, h),
            percent(m.recovery_days.beyond_horizon_share)
        );
    }
    let _ = writeln!(o);
    if !s.sectors.is_empty() {
        let _ = writeln!(
            o,
            "| sector | P(impact) | P50 / P90 / P99 days | beyond horizon |\n| --- | --- | --- | --- |"
        );
        for x in &s.sectors {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                cell(if x.sector.is_empty() { "(none)" } else { &x.sector }),
                percent(x.p_impacted),
                recovery_text(&x.recovery_days, h),
                percent(x.recovery_days.beyond_horizon_share)
            );
        }
        let _ = writeln!(o);
    }

    if let Some(c) = &input.comparison {
        let _ = writeln!(o, "## Interventions\n");
        let _ = writeln!(
            o,
            "Each intervention against the base case on the same {} trials (common random numbers; seed {}).\n",
            c.trials, c.run.seed
        );
        let _ = writeln!(
            o,
            "| intervention | E[loss reduction] per trial (95% CI) | VaR 99% change | annual benefit | annual cost | benefit per $ |"
        );
        let _ = writeln!(o, "| --- | --- | --- | --- | --- | --- |");
        for x in &c.comparisons {
            let _ = writeln!(
                o,
                "| {} | {} ({} to {}) | {} | {} | {} | {} |",
                cell(&x.intervention),
                usd(x.mean_reduction),
                usd(x.reduction_ci95[0]),
                usd(x.reduction_ci95[1]),
                usd(x.var99_change),
                usd(x.annual_benefit),
                x.cost_per_year.map_or("-".into(), usd),
                x.benefit_per_cost.map_or("-".into(), |b| format!("{b:.2}"))
            );
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## Scenario card\n");
    let _ = writeln!(o, "| | |\n| --- | --- |");
    let _ = writeln!(o, "| scenario | {} |", cell(&s.run.scenario));
    let _ = writeln!(o, "| scenario hash (SHA-256) | `{}` |", s.run.scenario_hash);
    let _ = writeln!(
        o,
        "| network | {} facilities, {} markets, {} links, {} chokepoints |",
        s.network.facilities - s.network.markets,
        s.network.markets,
        s.network.links,
        s.network.chokepoints
    );
    let _ = writeln!(o, "| hazards | {} |", cell(&s.run.hazards.join(", ")));
    let _ = writeln!(o, "| seed | {} |", s.run.seed);
    let _ = writeln!(o, "| trials | {} of {} planned |", s.trials, s.run.planned_trials);
    let _ = writeln!(o, "| horizon | {h} days |");
    let _ = writeln!(o, "| Kuroshio | {} |", s.run.tool_version);
    if let Some(st) = &input.structure {
        let settings: Vec<String> = st.scenario.settings.iter().map(|(k, v)| format!("{k} = {v}")).collect();
        let _ = writeln!(o, "| settings | {} |", cell(&settings.join(", ")));
        if !st.scenario.description.is_empty() {
            let _ = writeln!(o, "\n{}", st.scenario.description);
        }
        if !st.scenario.sources.is_empty() {
            let _ = writeln!(o, "\nSources cited in the scenario's files:\n");
            for src in &st.scenario.sources {
                let _ = writeln!(o, "- {}", src.replace('\n', " "));
            }
        }
    }
    let _ = writeln!(
        o,
        "\nReproduce: `kuroshio run <scenario> --seed {} --trials {} --horizon {h}` with the scenario whose files hash to the value above.",
        s.run.seed, s.run.planned_trials
    );
    o
}
