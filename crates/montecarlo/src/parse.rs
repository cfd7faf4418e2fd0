//! Shared reading of the Monte Carlo sections of `scenario.toml` (`[[hazard]]`,
//! `[[intervention]]`): the section loop, located errors, kinds, names, unknown keys, numbers,
//! id lists with "did you mean", and footprints. [`hazard`](crate::hazard) and
//! [`intervention`](crate::intervention) add their own methods to [`Reader`].

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use kuroshio_core::countries::{COUNTRIES, lookup};
use kuroshio_core::scenario::manifest::cell_text;
use kuroshio_core::suggest::closest;
use kuroshio_core::{
    ChokepointId, CountryId, Diagnostics, FacilityId, FacilityKind, Location, Network, Problem,
};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::hazard::Site;

/// A TOML value with its span.
pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// `invalid value `<type>`; expected <expected>`.
pub(crate) fn invalid(v: &Value<'_>, expected: &str) -> Problem {
    Problem::InvalidValue { value: v.get_ref().type_str().to_string(), expected: expected.to_string() }
}

/// `missing required key `<name>``.
pub(crate) fn missing(name: &str) -> Problem {
    Problem::MissingName { what: "key", name: name.to_string() }
}

/// What a footprint selects. Named `facilities` and `chokepoints` are always sites (when the
/// scope has the key); attribute filters (`regions`, `countries`, `kinds`, `tags`) select the
/// sites matching every given filter among the scope's candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Filters select facilities other than markets; chokepoints only when named (outage
    /// hazards, hardening).
    Sites,
    /// Chokepoints, by region and country or named (closure hazards).
    Chokepoints,
    /// Markets only; named facilities must be markets (demand hazards).
    Markets,
    /// Facilities and markets alike (`kinds` never matches a market); no chokepoints
    /// (stockpiles, share-shift customers).
    Facilities,
}

impl Scope {
    /// The footprint keys the scope accepts.
    pub(crate) fn keys(self) -> &'static [&'static str] {
        match self {
            Scope::Sites => &["regions", "countries", "kinds", "tags", "facilities", "chokepoints"],
            Scope::Chokepoints => &["regions", "countries", "chokepoints"],
            Scope::Markets => &["regions", "countries", "tags", "facilities"],
            Scope::Facilities => &["regions", "countries", "kinds", "tags", "facilities"],
        }
    }
}

/// Reads one section of a scenario text against its network, recording every problem in
/// `diags`.
pub(crate) struct Reader<'a> {
    pub(crate) path: &'a Path,
    pub(crate) text: &'a str,
    pub(crate) network: &'a Network,
    pub(crate) diags: &'a mut Diagnostics,
    /// Entry names seen, with where.
    pub(crate) names: BTreeMap<String, Location>,
}

/// Parses `text` (the contents of `path`) and hands each table of the array of tables
/// `[[section]]` to `entry`, with its index and span; collects what `entry` returns. A TOML
/// syntax error, a `section` that is not an array of tables, or an item that is not a table is
/// recorded in `diags`.
pub(crate) fn read_section<T>(
    path: &Path,
    text: &str,
    network: &Network,
    diags: &mut Diagnostics,
    section: &str,
    mut entry: impl FnMut(&mut Reader<'_>, usize, Range<usize>, &DeTable<'_>) -> Option<T>,
) -> Vec<T> {
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            diags.error(
                Location::in_text(path, text, e.span().unwrap_or(0..0)),
                None,
                Problem::TomlSyntax { message: e.message().trim().to_string() },
            );
            return Vec::new();
        }
    };
    let mut r = Reader { path, text, network, diags, names: BTreeMap::new() };
    let mut out = Vec::new();
    for (key, value) in root.get_ref().iter() {
        if key.get_ref().as_ref() != section {
            continue;
        }
        let DeValue::Array(items) = value.get_ref() else {
            let expected = format!("an array of tables ([[{section}]])");
            r.error(value.span(), section.into(), invalid(value, &expected));
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let DeValue::Table(t) = item.get_ref() else {
                r.error(item.span(), format!("{section}[{i}]"), invalid(item, "a table of key = value"));
                continue;
            };
            if let Some(x) = entry(&mut r, i, item.span(), t) {
                out.push(x);
            }
        }
    }
    out
}

impl Reader<'_> {
    pub(crate) fn at(&self, span: Range<usize>) -> Location {
        Location::in_text(self.path, self.text, span)
    }

    pub(crate) fn error(&mut self, span: Range<usize>, field: String, problem: Problem) {
        let loc = self.at(span);
        self.diags.error(loc, Some(field), problem);
    }

    pub(crate) fn warning(&mut self, span: Range<usize>, field: String, problem: Problem) {
        let loc = self.at(span);
        self.diags.warning(loc, Some(field), problem);
    }

    /// The text of a span, as written.
    pub(crate) fn source(&self, span: Range<usize>) -> String {
        self.text.get(span).unwrap_or_default().to_string()
    }

    /// The `kind` of an entry, one of `kinds` by name; missing (at `span`, the entry) or unknown
    /// (with a suggestion) is an error.
    pub(crate) fn kind<K: Copy>(
        &mut self,
        v: Option<&Value<'_>>,
        span: Range<usize>,
        field: String,
        what: &'static str,
        kinds: &[(&str, K)],
    ) -> Option<K> {
        let Some(v) = v else {
            self.error(span, field, missing("kind"));
            return None;
        };
        let DeValue::String(s) = v.get_ref() else {
            self.error(v.span(), field, invalid(v, "a string"));
            return None;
        };
        if let Some((_, k)) = kinds.iter().find(|(n, _)| *n == s.as_ref()) {
            return Some(*k);
        }
        let names: Vec<&str> = kinds.iter().map(|(n, _)| *n).collect();
        let problem = Problem::UnknownName {
            what,
            name: s.to_string(),
            suggestion: closest(s, names.iter().copied()),
            expected: names.join(", "),
        };
        self.error(v.span(), field, problem);
        None
    }

    /// Reports every key of `t` not in `allowed`, in file order, with a suggestion; `field`
    /// makes the field name of a key.
    pub(crate) fn unknown_keys(&mut self, t: &DeTable<'_>, allowed: &[&str], field: &dyn Fn(&str) -> String) {
        for (k, _) in t.iter() {
            let (k, kspan) = (k.get_ref().as_ref(), k.span());
            if !allowed.contains(&k) {
                let problem = Problem::UnknownName {
                    what: "key",
                    name: k.to_string(),
                    suggestion: closest(k, allowed.iter().copied()),
                    expected: allowed.join(", "),
                };
                self.error(kspan, field(k), problem);
            }
        }
    }

    /// The entry's `name`: a non-empty string, unique within the section.
    pub(crate) fn name(
        &mut self,
        v: Option<&Value<'_>>,
        span: Range<usize>,
        field: String,
    ) -> Option<String> {
        let Some(v) = v else {
            self.error(span, field, missing("name"));
            return None;
        };
        match v.get_ref() {
            DeValue::String(s) if !s.is_empty() => {
                let loc = self.at(v.span());
                if let Some(first) = self.names.get(s.as_ref()) {
                    let first = first.to_string();
                    self.error(v.span(), field, Problem::DuplicateId { id: s.to_string(), first });
                } else {
                    self.names.insert(s.to_string(), loc);
                }
                Some(s.to_string())
            }
            _ => {
                self.error(v.span(), field, invalid(v, "a non-empty string"));
                None
            }
        }
    }

    /// A finite number (TOML integer or float).
    pub(crate) fn number_value(&mut self, v: &Value<'_>, field: &str) -> Option<f64> {
        let text = match v.get_ref() {
            DeValue::Integer(_) | DeValue::Float(_) => cell_text(v.get_ref()).unwrap_or_default(),
            _ => {
                self.error(v.span(), field.to_string(), invalid(v, "a number"));
                return None;
            }
        };
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Some(x),
            _ => {
                let problem = Problem::NotFinite { value: text, expected: "a finite number".into() };
                self.error(v.span(), field.to_string(), problem);
                None
            }
        }
    }

    /// A number in [lo, hi].
    pub(crate) fn number(
        &mut self,
        v: &Value<'_>,
        field: String,
        lo: f64,
        hi: f64,
        expected: &str,
    ) -> Option<f64> {
        let x = self.number_value(v, &field)?;
        if !(lo..=hi).contains(&x) {
            let problem = Problem::OutOfRange { value: self.source(v.span()), expected: expected.into() };
            self.error(v.span(), field, problem);
            return None;
        }
        Some(x)
    }

    /// A number in (0, 1].
    pub(crate) fn number_open(&mut self, v: &Value<'_>, field: String) -> Option<f64> {
        let x = self.number_value(v, &field)?;
        if !(x > 0.0 && x <= 1.0) {
            let problem = Problem::OutOfRange {
                value: self.source(v.span()),
                expected: "a number greater than 0 and at most 1".into(),
            };
            self.error(v.span(), field, problem);
            return None;
        }
        Some(x)
    }

    /// A whole number of days in [lo, hi] (`30` or `30.0`, not `30.5`).
    pub(crate) fn whole(&mut self, v: &Value<'_>, field: String, lo: u32, hi: u32) -> Option<u32> {
        let x = self.number_value(v, &field)?;
        if x.fract() != 0.0 || !(lo as f64..=hi as f64).contains(&x) {
            let expected = format!("a whole number from {lo} to {hi}");
            let problem = Problem::OutOfRange { value: self.source(v.span()), expected };
            self.error(v.span(), field, problem);
            return None;
        }
        Some(x as u32)
    }

    /// A TOML boolean.
    pub(crate) fn boolean(&mut self, v: &Value<'_>, field: String) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.error(v.span(), field, invalid(v, "true or false"));
                None
            }
        }
    }

    /// An ISO 3166-1 alpha-3 country code.
    pub(crate) fn country(&mut self, v: &Value<'_>, field: String) -> Option<CountryId> {
        let Some(s) = v.get_ref().as_str() else {
            self.error(v.span(), field, invalid(v, "an ISO 3166-1 alpha-3 country code"));
            return None;
        };
        let found = lookup(s);
        if found.is_none() {
            let problem = Problem::UnknownReference {
                what: "country",
                id: s.to_string(),
                suggestion: closest(s, COUNTRIES.iter().map(|(c, _)| *c)),
            };
            self.error(v.span(), field, problem);
        }
        found
    }

    /// A list of strings (or one string), with the span of each.
    pub(crate) fn strings(&mut self, v: &Value<'_>, field: &str) -> Option<Vec<(String, Range<usize>)>> {
        match v.get_ref() {
            DeValue::String(s) => Some(vec![(s.to_string(), v.span())]),
            DeValue::Array(a) => {
                let mut out = Vec::new();
                for item in a.iter() {
                    match item.get_ref() {
                        DeValue::String(s) => out.push((s.to_string(), item.span())),
                        _ => {
                            self.error(item.span(), field.to_string(), invalid(item, "a string"));
                            return None;
                        }
                    }
                }
                Some(out)
            }
            _ => {
                self.error(v.span(), field.to_string(), invalid(v, "a list of strings"));
                None
            }
        }
    }

    /// Resolves a list of ids; every unknown id is a located error with a suggestion.
    pub(crate) fn resolve<'c, T>(
        &mut self,
        v: &Value<'_>,
        field: &str,
        what: &'static str,
        candidates: impl IntoIterator<Item = &'c str> + Clone,
        find: impl Fn(&str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let items = self.strings(v, field)?;
        let mut out = Vec::new();
        let mut ok = true;
        for (s, span) in items {
            match find(&s) {
                Some(id) => out.push(id),
                None => {
                    ok = false;
                    let suggestion = closest(&s, candidates.clone());
                    self.error(
                        span,
                        field.to_string(),
                        Problem::UnknownReference { what, id: s, suggestion },
                    );
                }
            }
        }
        ok.then_some(out)
    }

    /// Resolves one id (a string); unknown is a located error with a suggestion.
    pub(crate) fn resolve_one<'c, T>(
        &mut self,
        v: &Value<'_>,
        field: &str,
        what: &'static str,
        candidates: impl IntoIterator<Item = &'c str> + Clone,
        find: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        if v.get_ref().as_str().is_none() {
            self.error(v.span(), field.to_string(), invalid(v, &format!("a {what} id (a string)")));
            return None;
        }
        self.resolve(v, field, what, candidates, find)?.into_iter().next()
    }

    /// A footprint table resolved to its sites, in id order (facilities, then chokepoints).
    /// `None` after an error; an empty list is not an error here (callers decide).
    pub(crate) fn footprint(&mut self, v: &Value<'_>, scope: Scope, field: &str) -> Option<Vec<Site>> {
        let DeValue::Table(t) = v.get_ref() else {
            self.error(v.span(), field.to_string(), invalid(v, "a table of lists (regions, countries, ...)"));
            return None;
        };
        let allowed = scope.keys();
        let net = self.network;
        let mut ok = true;
        let mut regions = None;
        let mut countries = None;
        let mut kinds = None;
        let mut tags: Option<Vec<String>> = None;
        let mut facilities = Vec::new();
        let mut chokepoints = Vec::new();
        for (k, kv) in t.iter() {
            let key = k.get_ref().as_ref();
            let fk = format!("{field}.{key}");
            if !allowed.contains(&key) {
                let problem = Problem::UnknownName {
                    what: "key",
                    name: key.to_string(),
                    suggestion: closest(key, allowed.iter().copied()),
                    expected: allowed.join(", "),
                };
                self.error(k.span(), fk, problem);
                ok = false;
                continue;
            }
            let r = match key {
                "regions" => self
                    .resolve(kv, &fk, "region", net.regions.iter().map(|r| r.id.as_str()), |s| {
                        net.region_id(s)
                    })
                    .map(|r| regions = Some(r)),
                "countries" => self
                    .resolve(kv, &fk, "country", COUNTRIES.iter().map(|(c, _)| *c), lookup)
                    .map(|c| countries = Some(c)),
                "kinds" => self
                    .resolve(kv, &fk, "facility kind", FacilityKind::NAMED.iter().map(|(n, _)| *n), |s| {
                        FacilityKind::NAMED.iter().find(|(n, _)| *n == s).map(|(_, k)| *k)
                    })
                    .map(|k| kinds = Some(k)),
                "tags" => {
                    let mut all: Vec<&str> =
                        net.facilities.iter().flat_map(|f| f.tags.iter().map(String::as_str)).collect();
                    all.sort_unstable();
                    all.dedup();
                    let known = all.clone();
                    self.resolve(kv, &fk, "tag", all, |s| known.contains(&s).then(|| s.to_string()))
                        .map(|t| tags = Some(t))
                }
                "facilities" => {
                    let markets = scope == Scope::Markets;
                    let what = if markets { "market" } else { "facility" };
                    let ids = self.resolve(
                        kv,
                        &fk,
                        what,
                        net.facilities.iter().filter(|f| !markets || f.is_market()).map(|f| f.id.as_str()),
                        |s| net.facility_id(s).filter(|&id| !markets || net.facility(id).is_market()),
                    );
                    ids.map(|ids| facilities = ids)
                }
                _ => self
                    .resolve(kv, &fk, "chokepoint", net.chokepoints.iter().map(|c| c.id.as_str()), |s| {
                        net.chokepoint_id(s)
                    })
                    .map(|ids| chokepoints = ids),
            };
            ok &= r.is_some();
        }
        if !ok {
            return None;
        }
        let filtered = regions.is_some() || countries.is_some() || kinds.is_some() || tags.is_some();
        let mut sites: Vec<Site> = Vec::new();
        sites.extend(facilities.into_iter().map(Site::Facility));
        sites.extend(chokepoints.into_iter().map(Site::Chokepoint));
        if filtered {
            if scope == Scope::Chokepoints {
                for (i, c) in net.chokepoints.iter().enumerate() {
                    let region_ok =
                        regions.as_ref().is_none_or(|r| c.region.is_some_and(|cr| r.contains(&cr)));
                    let country_ok = countries.as_ref().is_none_or(|cs| cs.contains(&c.country));
                    if region_ok && country_ok {
                        sites.push(Site::Chokepoint(ChokepointId::from_index(i)));
                    }
                }
            } else {
                for (i, fac) in net.facilities.iter().enumerate() {
                    let candidate = match scope {
                        Scope::Markets => fac.is_market(),
                        Scope::Sites => !fac.is_market(),
                        _ => true,
                    };
                    let matches = candidate
                        && regions.as_ref().is_none_or(|r| r.contains(&fac.region))
                        && countries.as_ref().is_none_or(|c| c.contains(&fac.country))
                        && kinds.as_ref().is_none_or(|k| k.contains(&fac.kind))
                        && tags.as_ref().is_none_or(|t| fac.tags.iter().any(|ft| t.contains(ft)));
                    if matches {
                        sites.push(Site::Facility(FacilityId::from_index(i)));
                    }
                }
            }
        }
        sites.sort_unstable();
        sites.dedup();
        Some(sites)
    }
}
