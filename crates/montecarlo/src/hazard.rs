//! Hazards: the `[[hazard]]` catalog of `scenario.toml`, and sampling one trial's disruptions
//! from it (MODEL.md §4, §6).
//!
//! # The catalog
//!
//! ```toml
//! [[hazard]]
//! name = "kanto-quake"            # required, unique
//! kind = "outage"                 # outage | closure | export_ban | demand
//! rate_per_year = 0.05            # or: probability = 0.1 (per horizon, at most one event)
//! footprint = { regions = ["JPN-Kanto"], kinds = ["fab"] }
//! share_hit = 0.8                 # (0, 1], default 1
//! severity = { dist = "beta", a = 2, b = 3 }     # default fixed 1
//! duration = { dist = "lognormal", median = 14, p90 = 45 }   # required
//! profile = "delay-ramp:7"        # step (default) | linear | exponential | delay-ramp:D
//! correlation = 0.5               # [0, 1], default 1
//! ```
//!
//! A distribution is an inline table `{ dist = "...", parameter = value, ... }` handed to
//! [`Distribution::from_params`], or a bare number, short for `{ dist = "fixed", value = x }`.
//!
//! Keys by kind (any other key is an error, with a "did you mean"):
//!
//! | kind | keys besides `name`, `kind`, `rate_per_year`/`probability`, `duration` |
//! | --- | --- |
//! | `outage` | `footprint`, `share_hit`, `severity`, `profile`, `correlation` |
//! | `closure` | `footprint`, `share_hit`, `severity`, `correlation` |
//! | `export_ban` | `from` (country), `to` (country or `"*"`, default `"*"`), `products` or `sectors` (neither: everything) |
//! | `demand` | `footprint`, `share_hit`, `factor` (a distribution of the demand multiplier, >= 0), `correlation` |
//!
//! **Frequency.** Exactly one of `rate_per_year` (a number from 0 to 10^6: events form a
//! Poisson process, so a trial's event count is Poisson with mean `rate * horizon_days / 365`)
//! or `probability` (in [0, 1]: one event in the horizon with this probability, else none).
//!
//! **Footprints.** A footprint is a table of lists (a single string counts as a list of one):
//! `regions`, `countries`, `kinds` (facility kinds), `tags`, `facilities`, `chokepoints`. Its
//! sites are the facilities (and chokepoints) *named* in `facilities` (`chokepoints`), plus,
//! when at least one attribute filter (`regions`, `countries`, `kinds`, `tags`) is given, those
//! matching **every** given filter, a filter matching when the site's attribute is any of its
//! entries (for `tags`: the facility has any of the tags). So `regions = ["JPN-Kanto"], kinds =
//! ["fab"]` is the fabs of Kanto; `regions` and `countries` together is their intersection.
//! - `outage`: attribute filters select facilities other than markets; chokepoints are hit only
//!   when named (they then close by the event's severity for its duration).
//! - `closure`: sites are chokepoints: named ones plus those whose region and country match the
//!   given `regions` and `countries` (a chokepoint with no region never matches `regions`);
//!   `kinds`, `tags` and `facilities` do not apply.
//! - `demand`: sites are markets: filters select markets only (`kinds` does not apply) and
//!   named `facilities` must be markets.
//!
//! Ids are resolved against the [`Network`]; an unknown id is a located error with the closest
//! id as a suggestion. A footprint that matches no site is a warning.
//!
//! **Severity.** A share of capacity (or throughput) lost, in (0, 1]. A distribution whose
//! support lies inside (0, 1] is used as drawn. One whose support can leave (0, 1] (a beta,
//! whose draws can round to 0; a lognormal; a uniform from 0.5 to 1.5) is allowed as long as its
//! support meets (0, 1], and each draw is **clamped** into [`f64::MIN_POSITIVE`, 1]: a draw
//! above 1 is a full loss and one at or below 0 a negligible one. A support entirely outside
//! (0, 1] (`fixed` 1.5, a uniform from 2 to 3) is an error. Demand `factor`s are not clamped;
//! their support must not go below 0.
//!
//! **Diagnostics.** Every problem is reported with file, line and column and a field named
//! `hazard[i].key` (i counts the hazards from 0, as the random-stream sources do), e.g.
//! `hazard[2].severity.p90`; parsing goes on after a problem so all of them are reported.
//!
//! # Sampling
//!
//! [`sample_trial`] draws trial n's disruptions. Hazard i is stream source i and draws each
//! quantity from its own [`Component`] (see [`stream`](crate::stream)), so the count of draws
//! for one quantity never shifts another:
//!
//! 1. [`Part::EventCount`]: the number of events (Poisson or Bernoulli).
//! 2. [`Part::Onset`]: each event's onset day, uniform over `0..horizon_days`.
//! 3. [`Part::Footprint`]: for each event, each site in order is hit with probability
//!    `share_hit` (no draws when `share_hit` is 1).
//! 4. [`Part::Severity`]: one shared severity (or demand factor) per event.
//! 5. [`Part::Correlation`]: when 0 < `correlation` < 1, one uniform per hit site deciding
//!    whether the site takes the shared draw (probability `correlation`) or its own.
//! 6. [`Part::SiteSeverity`]: a site's own draw, from the site's sub-window of the hazard's
//!    window ([`SITE_WORDS`] words per site): correlation 0 gives independent severities.
//! 7. [`Part::Duration`]: one duration per event, rounded to whole days, at least 1.
//!    A `delay-ramp:D` outage shorter than D days is a step outage of its duration (its delay
//!    is cut to the duration).
//!
//! The result depends only on (hazards, network, seed, trial). Disruptions are listed by hazard,
//! then by event, then by site in id order (facilities before chokepoints).

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use kuroshio_core::suggest::closest;
use kuroshio_core::{ChokepointId, CountryId, Diagnostics, FacilityId, Network, Problem, Scenario};
use kuroshio_sim::{Disruption, Goods, RecoveryProfile};
use rand::rngs::ChaCha8Rng;
use rand::{Rng, RngExt};
use rand_distr::Distribution as _;
use toml::de::{DeTable, DeValue};

use crate::parse::{Reader, Scope, Value, invalid, missing, read_section};
use crate::stream::{Component, Part, SITE_WORDS, trial_rng};
use crate::{Distribution, KNOWN_DISTRIBUTIONS, MonteCarloError};

/// The largest `rate_per_year` accepted.
pub const MAX_RATE_PER_YEAR: f64 = 1e6;

/// What a hazard does to the sites it hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HazardKind {
    /// Facilities lose capacity ([`Disruption::Outage`]).
    Outage,
    /// Chokepoints close or lose throughput ([`Disruption::ChokepointClosure`]).
    Closure,
    /// An export control ([`Disruption::ExportBan`]).
    ExportBan,
    /// Market demand is scaled ([`Disruption::DemandShock`]).
    Demand,
}

/// The names of the kinds, as `kind = "..."` gives them.
pub const HAZARD_KINDS: [(&str, HazardKind); 4] = [
    ("outage", HazardKind::Outage),
    ("closure", HazardKind::Closure),
    ("export_ban", HazardKind::ExportBan),
    ("demand", HazardKind::Demand),
];

/// How often a hazard strikes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Frequency {
    /// Events per year; a Poisson process over the horizon.
    RatePerYear(f64),
    /// The probability of one event in the horizon (at most one).
    Probability(f64),
}

/// A site a hazard can hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Site {
    /// A facility (or, for demand hazards, a market).
    Facility(FacilityId),
    /// A chokepoint.
    Chokepoint(ChokepointId),
}

/// What an event of the hazard does, by kind, with its kind's parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Facility outages (and closures of named chokepoints).
    Outage {
        /// Share of capacity lost.
        severity: SeverityDistribution,
        /// How capacity comes back.
        profile: RecoveryProfile,
    },
    /// Chokepoint closures.
    Closure {
        /// Share of throughput lost.
        severity: SeverityDistribution,
    },
    /// An export ban.
    ExportBan {
        /// Exporting country.
        from: CountryId,
        /// Importing country, or any.
        to: Option<CountryId>,
        /// What is banned.
        goods: Goods,
    },
    /// Demand shocks on markets.
    Demand {
        /// The demand multiplier (not clamped; its support is at least 0).
        factor: Distribution,
    },
}

/// A severity distribution and whether its draws are clamped into (0, 1] (see the
/// [module documentation](self)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeverityDistribution {
    /// The distribution.
    pub distribution: Distribution,
    /// Whether its support can leave (0, 1], so draws are clamped.
    pub clamped: bool,
}

impl SeverityDistribution {
    /// One draw, clamped into [`f64::MIN_POSITIVE`, 1] when [`clamped`](Self::clamped).
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let x = self.distribution.sample(rng);
        if self.clamped { x.clamp(f64::MIN_POSITIVE, 1.0) } else { x }
    }

    fn new(distribution: Distribution) -> Result<SeverityDistribution, &'static str> {
        let (lo, hi) = distribution.support();
        if hi <= 0.0 || lo > 1.0 {
            return Err("a distribution whose values can fall in (0, 1]");
        }
        Ok(SeverityDistribution { distribution, clamped: lo <= 0.0 || hi > 1.0 })
    }
}

/// One entry of the hazard catalog, with its footprint resolved to sites.
#[derive(Debug, Clone, PartialEq)]
pub struct Hazard {
    /// Its unique name.
    pub name: String,
    /// What it does.
    pub kind: HazardKind,
    /// How often.
    pub frequency: Frequency,
    /// The footprint's sites in id order (facilities, then chokepoints); empty for export bans.
    pub sites: Vec<Site>,
    /// Probability that each site of the footprint is hit by an event.
    pub share_hit: f64,
    /// Probability that a hit site takes the event's shared severity rather than its own.
    pub correlation: f64,
    /// Days an event lasts (rounded, at least 1).
    pub duration: Distribution,
    /// The kind's parameters.
    pub effect: Effect,
}

/// Parses the `[[hazard]]` tables of a loaded scenario. Fails with every problem found (errors
/// and warnings); on success warnings (a footprint that matches no site) are dropped: call
/// [`parse_hazards`] to keep them.
pub fn hazards(scenario: &Scenario) -> Result<Vec<Hazard>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let out = parse_hazards(&scenario.path, &scenario.toml_text, &scenario.network, &mut diags);
    if diags.has_errors() { Err(diags) } else { Ok(out) }
}

/// Parses the `[[hazard]]` tables of `text` (the contents of `path`) against `network`,
/// recording every problem (and warning) in `diags`. Hazards with errors are left out.
pub fn parse_hazards(path: &Path, text: &str, network: &Network, diags: &mut Diagnostics) -> Vec<Hazard> {
    read_section(path, text, network, diags, "hazard", |r, i, span, t| r.hazard(i, span, t))
}

const ALL_KEYS: &[&str] = &[
    "name",
    "kind",
    "rate_per_year",
    "probability",
    "footprint",
    "share_hit",
    "severity",
    "duration",
    "profile",
    "correlation",
    "from",
    "to",
    "products",
    "sectors",
    "factor",
];
const COMMON: &[&str] = &["name", "kind", "rate_per_year", "probability", "duration"];

fn kind_keys(kind: HazardKind) -> &'static [&'static str] {
    match kind {
        HazardKind::Outage => &["footprint", "share_hit", "severity", "profile", "correlation"],
        HazardKind::Closure => &["footprint", "share_hit", "severity", "correlation"],
        HazardKind::ExportBan => &["from", "to", "products", "sectors"],
        HazardKind::Demand => &["footprint", "share_hit", "factor", "correlation"],
    }
}

/// The footprint scope of a hazard kind (see the module documentation).
fn scope(kind: HazardKind) -> Scope {
    match kind {
        HazardKind::Closure => Scope::Chokepoints,
        HazardKind::Demand => Scope::Markets,
        _ => Scope::Sites,
    }
}

impl Reader<'_> {
    fn hazard(&mut self, i: usize, span: Range<usize>, t: &DeTable<'_>) -> Option<Hazard> {
        let errors_before = self.diags.error_count();
        let f = |key: &str| format!("hazard[{i}].{key}");
        let mut keys: BTreeMap<&str, (&Value<'_>, Range<usize>)> = BTreeMap::new();
        for (k, v) in t.iter() {
            keys.insert(k.get_ref().as_ref(), (v, k.span()));
        }
        // The kind first: it decides which keys apply.
        let kind = self.kind(
            keys.get("kind").map(|(v, _)| *v),
            span.clone(),
            f("kind"),
            "hazard kind",
            &HAZARD_KINDS,
        );
        let allowed: Vec<&str> = match kind {
            Some(k) => COMMON.iter().chain(kind_keys(k)).copied().collect(),
            None => ALL_KEYS.to_vec(),
        };
        // In file order, so the messages come out in the order of the text.
        self.unknown_keys(t, &allowed, &f);
        let get = |k: &str| keys.get(k).filter(|_| allowed.contains(&k)).map(|(v, _)| *v);

        let name = self.name(get("name"), span.clone(), f("name"));

        let frequency = match (get("rate_per_year"), get("probability")) {
            (Some(_), Some(_)) => {
                let (_, pspan) = &keys["probability"];
                let problem = Problem::InvalidValue {
                    value: "probability".into(),
                    expected: "either `rate_per_year` or `probability`, not both".into(),
                };
                self.error(pspan.clone(), f("probability"), problem);
                None
            }
            (None, None) => {
                self.error(span.clone(), f("rate_per_year"), missing("rate_per_year` or `probability"));
                None
            }
            (Some(v), None) => self
                .number(v, f("rate_per_year"), 0.0, MAX_RATE_PER_YEAR, "a number from 0 to 1000000")
                .map(Frequency::RatePerYear),
            (None, Some(v)) => {
                self.number(v, f("probability"), 0.0, 1.0, "a number from 0 to 1").map(Frequency::Probability)
            }
        };

        let duration = match get("duration") {
            None => {
                self.error(span.clone(), f("duration"), missing("duration"));
                None
            }
            Some(v) => self.distribution(v, &f("duration")).and_then(|d| {
                if d.support().1 <= 0.0 {
                    self.error(v.span(), f("duration"), invalid_dist(v, self, "a distribution of days > 0"));
                    None
                } else {
                    Some(d)
                }
            }),
        };

        let share_hit = match get("share_hit") {
            Some(v) => self.number_open(v, f("share_hit")),
            None => Some(1.0),
        };
        let correlation = match get("correlation") {
            Some(v) => self.number(v, f("correlation"), 0.0, 1.0, "a number from 0 to 1"),
            None => Some(1.0),
        };

        let kind = kind?;
        let sites = match kind {
            HazardKind::ExportBan => Some(Vec::new()),
            _ => match get("footprint") {
                None => {
                    self.error(span.clone(), f("footprint"), missing("footprint"));
                    None
                }
                Some(v) => self.footprint(v, scope(kind), &f("footprint")).inspect(|sites| {
                    if sites.is_empty() {
                        let problem = Problem::MissingValue {
                            expected: "a footprint that matches at least one site".into(),
                        };
                        self.warning(v.span(), f("footprint"), problem);
                    }
                }),
            },
        };

        let effect = match kind {
            HazardKind::Outage | HazardKind::Closure => {
                let severity = match get("severity") {
                    None => Some(SeverityDistribution {
                        distribution: Distribution::fixed(1.0).ok()?,
                        clamped: false,
                    }),
                    Some(v) => self.distribution(v, &f("severity")).and_then(|d| {
                        match SeverityDistribution::new(d) {
                            Ok(s) => Some(s),
                            Err(expected) => {
                                self.error(v.span(), f("severity"), invalid_dist(v, self, expected));
                                None
                            }
                        }
                    }),
                };
                if kind == HazardKind::Closure {
                    severity.map(|severity| Effect::Closure { severity })
                } else {
                    let profile = match get("profile") {
                        None => Some(RecoveryProfile::Step),
                        Some(v) => {
                            let parsed = match v.get_ref() {
                                DeValue::String(s) => RecoveryProfile::parse(s),
                                _ => None,
                            };
                            if parsed.is_none() {
                                let problem = Problem::InvalidValue {
                                    value: self.source(v.span()),
                                    expected: "step, linear, exponential or delay-ramp:D (D whole days)"
                                        .into(),
                                };
                                self.error(v.span(), f("profile"), problem);
                            }
                            parsed
                        }
                    };
                    match (severity, profile) {
                        (Some(severity), Some(profile)) => Some(Effect::Outage { severity, profile }),
                        _ => None,
                    }
                }
            }
            HazardKind::Demand => match get("factor") {
                None => {
                    self.error(span.clone(), f("factor"), missing("factor"));
                    None
                }
                Some(v) => self.distribution(v, &f("factor")).and_then(|d| {
                    if d.support().0 < 0.0 {
                        self.error(
                            v.span(),
                            f("factor"),
                            invalid_dist(v, self, "a distribution of factors >= 0"),
                        );
                        None
                    } else {
                        Some(Effect::Demand { factor: d })
                    }
                }),
            },
            HazardKind::ExportBan => self.export_ban(span.clone(), &get, &f),
        };

        if self.diags.error_count() > errors_before {
            return None;
        }
        Some(Hazard {
            name: name?,
            kind,
            frequency: frequency?,
            sites: sites?,
            share_hit: share_hit?,
            correlation: correlation?,
            duration: duration?,
            effect: effect?,
        })
    }

    fn export_ban<'v, 'i: 'v>(
        &mut self,
        span: Range<usize>,
        get: &dyn Fn(&str) -> Option<&'v Value<'i>>,
        f: &dyn Fn(&str) -> String,
    ) -> Option<Effect> {
        let from = match get("from") {
            None => {
                self.error(span, f("from"), missing("from"));
                None
            }
            Some(v) => self.country(v, f("from")),
        };
        let to = match get("to") {
            None => Some(None),
            Some(v) if v.get_ref().as_str() == Some("*") => Some(None),
            Some(v) => self.country(v, f("to")).map(Some),
        };
        let goods = match (get("products"), get("sectors")) {
            (Some(_), Some(v)) => {
                let problem = Problem::InvalidValue {
                    value: "sectors".into(),
                    expected: "either `products` or `sectors`, not both".into(),
                };
                self.error(v.span(), f("sectors"), problem);
                None
            }
            (Some(v), None) => {
                let net = self.network;
                let ids = self.resolve(
                    v,
                    &f("products"),
                    "product",
                    net.products.iter().map(|p| p.id.as_str()),
                    |s| net.product_id(s),
                );
                ids.map(Goods::Products)
            }
            (None, Some(v)) => {
                let net = self.network;
                let mut sectors: Vec<&str> = net.products.iter().map(|p| p.sector.as_str()).collect();
                sectors.sort_unstable();
                sectors.dedup();
                let known = sectors.clone();
                let ids = self.resolve(v, &f("sectors"), "sector", sectors, |s| {
                    known.contains(&s).then(|| s.to_string())
                });
                ids.map(Goods::Sectors)
            }
            (None, None) => Some(Goods::All),
        };
        Some(Effect::ExportBan { from: from?, to: to?, goods: goods? })
    }

    fn distribution(&mut self, v: &Value<'_>, field: &str) -> Option<Distribution> {
        let t = match v.get_ref() {
            DeValue::Integer(_) | DeValue::Float(_) => {
                let x = self.number_value(v, field)?;
                return Distribution::fixed(x).ok();
            }
            DeValue::Table(t) => t,
            _ => {
                let expected = "a distribution such as { dist = \"lognormal\", median = 14, p90 = 45 }";
                self.error(v.span(), field.to_string(), invalid(v, expected));
                return None;
            }
        };
        let mut kind: Option<(String, Range<usize>)> = None;
        let mut params: Vec<(String, f64, Range<usize>, Range<usize>)> = Vec::new();
        let mut ok = true;
        for (k, pv) in t.iter() {
            let key = k.get_ref().as_ref();
            let fk = format!("{field}.{key}");
            if key == "dist" {
                match pv.get_ref().as_str() {
                    Some(s) => kind = Some((s.to_string(), pv.span())),
                    None => {
                        self.error(pv.span(), fk, invalid(pv, "a distribution name"));
                        ok = false;
                    }
                }
            } else {
                match self.number_value(pv, &fk) {
                    Some(x) => params.push((key.to_string(), x, k.span(), pv.span())),
                    None => ok = false,
                }
            }
        }
        let Some((kind, kind_span)) = kind else {
            self.error(v.span(), format!("{field}.dist"), missing("dist"));
            return None;
        };
        if !ok {
            return None;
        }
        let pairs: Vec<(&str, f64)> = params.iter().map(|(k, x, _, _)| (k.as_str(), *x)).collect();
        match Distribution::from_params(&kind, &pairs) {
            Ok(d) => Some(d),
            Err(e) => {
                // Point at the parameter the error names, if any.
                let named: Option<&str> = match &e {
                    MonteCarloError::UnknownDistribution { .. } => None,
                    MonteCarloError::UnknownParameter { parameter, .. } => Some(parameter.as_str()),
                    MonteCarloError::DuplicateParameter { parameter, .. }
                    | MonteCarloError::NonFinite { parameter, .. }
                    | MonteCarloError::OutOfRange { parameter, .. } => Some(parameter),
                    MonteCarloError::ConflictingParameters { second, .. } => Some(second),
                    MonteCarloError::Order { parameters, .. } => parameters.last().map(|(p, _)| *p),
                    _ => None,
                };
                let param = named.and_then(|n| params.iter().find(|(k, ..)| k == n));
                if let MonteCarloError::UnknownDistribution { .. } = e {
                    let problem = Problem::UnknownName {
                        what: "distribution",
                        name: kind.clone(),
                        suggestion: closest(&kind, KNOWN_DISTRIBUTIONS),
                        expected: KNOWN_DISTRIBUTIONS.join(", "),
                    };
                    self.error(kind_span, format!("{field}.dist"), problem);
                    return None;
                }
                let (span, fk) = match param {
                    Some((k, _, kspan, vspan)) => {
                        let span = if matches!(e, MonteCarloError::UnknownParameter { .. }) {
                            kspan.clone()
                        } else {
                            vspan.clone()
                        };
                        (span, format!("{field}.{k}"))
                    }
                    None => (v.span(), field.to_string()),
                };
                let problem =
                    Problem::InvalidValue { value: self.source(span.clone()), expected: e.to_string() };
                self.error(span, fk, problem);
                None
            }
        }
    }
}

fn invalid_dist(v: &Value<'_>, p: &Reader<'_>, expected: &str) -> Problem {
    Problem::InvalidValue { value: p.source(v.span()), expected: expected.to_string() }
}

/// Draws trial `trial`'s disruptions from `hazards` (see the [module documentation](self) for
/// which stream each quantity comes from). The result depends only on the hazards, the network,
/// `seed` and `trial`; `network` must be the one the hazards were parsed against.
pub fn sample_trial(
    hazards: &[Hazard],
    network: &Network,
    horizon_days: u32,
    seed: u64,
    trial: u64,
) -> Vec<Disruption> {
    let mut out = Vec::new();
    if horizon_days == 0 {
        return out;
    }
    for (h, hazard) in hazards.iter().enumerate() {
        debug_assert!(hazard.sites.iter().all(|s| match *s {
            Site::Facility(f) => f.index() < network.facilities.len(),
            Site::Chokepoint(c) => c.index() < network.chokepoints.len(),
        }));
        sample_hazard(h as u32, hazard, horizon_days, seed, trial, &mut out);
    }
    out
}

/// As [`sample_trial`], with the index of the hazard each disruption came from (same order).
pub fn sample_trial_tagged(
    hazards: &[Hazard],
    network: &Network,
    horizon_days: u32,
    seed: u64,
    trial: u64,
) -> (Vec<Disruption>, Vec<u32>) {
    let mut out = Vec::new();
    let mut tags = Vec::new();
    if horizon_days == 0 {
        return (out, tags);
    }
    for (h, hazard) in hazards.iter().enumerate() {
        debug_assert!(hazard.sites.iter().all(|s| match *s {
            Site::Facility(f) => f.index() < network.facilities.len(),
            Site::Chokepoint(c) => c.index() < network.chokepoints.len(),
        }));
        sample_hazard(h as u32, hazard, horizon_days, seed, trial, &mut out);
        tags.resize(out.len(), h as u32);
    }
    (out, tags)
}

/// The number of events of `hazard` in a trial of `horizon_days`, from the EventCount stream.
pub fn event_count(hazard: &Hazard, horizon_days: u32, rng: &mut ChaCha8Rng) -> u64 {
    match hazard.frequency {
        Frequency::RatePerYear(rate) => {
            let lambda = rate * horizon_days as f64 / 365.0;
            if lambda <= 0.0 {
                return 0;
            }
            let poisson = rand_distr::Poisson::new(lambda).expect("rate validated when parsed");
            poisson.sample(rng) as u64
        }
        Frequency::Probability(p) => u64::from(rng.random_bool(p)),
    }
}

fn sample_hazard(h: u32, hazard: &Hazard, horizon: u32, seed: u64, trial: u64, out: &mut Vec<Disruption>) {
    let rng = |part| trial_rng(seed, trial, Component::new(h, part));
    let events = event_count(hazard, horizon, &mut rng(Part::EventCount));
    if events == 0 {
        return;
    }
    let mut onset = rng(Part::Onset);
    let mut footprint = rng(Part::Footprint);
    let mut severity_rng = rng(Part::Severity);
    let mut coins = rng(Part::Correlation);
    let mut duration_rng = rng(Part::Duration);
    let mut own: BTreeMap<usize, ChaCha8Rng> = BTreeMap::new();
    let own_rng = |own: &mut BTreeMap<usize, ChaCha8Rng>, k: usize| -> ChaCha8Rng {
        own.remove(&k).unwrap_or_else(|| {
            let mut r = rng(Part::SiteSeverity);
            let sub = (k as u128) & ((1 << 20) - 1);
            r.set_word_pos(Component::new(h, Part::SiteSeverity).first_word() + sub * SITE_WORDS);
            r
        })
    };
    for _ in 0..events {
        let start = onset.random_range(0..horizon);
        let duration = days(hazard.duration.sample(&mut duration_rng));
        // The event's shared draw (severity or demand factor).
        let draw = |r: &mut ChaCha8Rng| match &hazard.effect {
            Effect::Outage { severity, .. } | Effect::Closure { severity } => severity.sample(r),
            Effect::Demand { factor } => factor.sample(r),
            Effect::ExportBan { .. } => 1.0,
        };
        if let Effect::ExportBan { from, to, goods } = &hazard.effect {
            out.push(Disruption::ExportBan { from: *from, to: *to, goods: goods.clone(), start, duration });
            continue;
        }
        let shared = draw(&mut severity_rng);
        for (k, site) in hazard.sites.iter().enumerate() {
            if hazard.share_hit < 1.0 && footprint.random::<f64>() >= hazard.share_hit {
                continue;
            }
            let takes_shared = match hazard.correlation {
                c if c >= 1.0 => true,
                c if c <= 0.0 => false,
                c => coins.random::<f64>() < c,
            };
            let value = if takes_shared {
                shared
            } else {
                let mut r = own_rng(&mut own, k);
                let x = draw(&mut r);
                own.insert(k, r);
                x
            };
            out.push(match (&hazard.effect, *site) {
                (Effect::Outage { profile, .. }, Site::Facility(facility)) => Disruption::Outage {
                    facility,
                    start,
                    duration,
                    severity: value,
                    profile: fit(*profile, duration),
                },
                (Effect::Demand { .. }, Site::Facility(market)) => {
                    Disruption::DemandShock { market, start, duration, factor: value }
                }
                (_, Site::Chokepoint(chokepoint)) => {
                    Disruption::ChokepointClosure { chokepoint, start, duration, severity: value }
                }
                (_, Site::Facility(facility)) => {
                    // A closure's sites are chokepoints; parsing never builds this.
                    unreachable!("closure hazard with facility {facility:?}")
                }
            });
        }
    }
}

/// A profile for an outage of `duration` days: a delay-then-ramp's delay is at most the
/// duration (a drawn duration shorter than the delay is a step outage of that duration).
fn fit(profile: RecoveryProfile, duration: u32) -> RecoveryProfile {
    match profile {
        RecoveryProfile::DelayThenRamp { delay } => {
            RecoveryProfile::DelayThenRamp { delay: delay.min(duration) }
        }
        p => p,
    }
}

/// A duration draw as whole days: rounded, at least 1.
fn days(x: f64) -> u32 {
    if x.is_nan() { 1 } else { x.round().clamp(1.0, u32::MAX as f64) as u32 }
}
