//! Interventions: the `[[intervention]]` entries of `scenario.toml`, each a named change to the
//! network or to the disruptions it suffers, compared with the baseline network on common
//! random numbers (MODEL.md §6).
//!
//! The runner samples each trial's disruptions once, from the base network's hazards, and runs
//! every variant on them. So an intervention never adds or removes a facility, chokepoint,
//! route, product or country, and never renumbers one: every id means the same site in every
//! variant. It may add links (a backup) and recipes (a facility's own copy of its recipe).
//!
//! # The entries
//!
//! ```toml
//! [[intervention]]
//! name = "resist-stockpile"       # required, unique
//! kind = "stockpile"              # stockpile | backup | harden | alternate_route | share_shift
//! cost_per_year = 2.5e6           # optional, USD per year, >= 0
//! product = "photoresist"
//! extra_days = 60
//! footprint = { countries = ["TWN"], kinds = ["fab"] }
//!
//! [[intervention]]
//! name = "second-resist-source"
//! kind = "backup"
//! supplier = "RESIST-KR"
//! customer = "FAB-HSINCHU"
//! lead_time_days = 12
//! prequalified = true
//!
//! [[intervention]]
//! name = "fab-hardening"
//! kind = "harden"
//! footprint = { regions = ["TWN-North"], kinds = ["fab"] }
//! severity_factor = 0.5
//! duration_factor = 0.8
//!
//! [[intervention]]
//! name = "luzon-detour"
//! kind = "alternate_route"
//! route = "tw-us"
//! via = ["luzon-strait"]
//! extra_days = 4
//! capacity_share = 0.6
//!
//! [[intervention]]
//! name = "reshore-mcu"
//! kind = "share_shift"
//! product = "mcu"
//! customers = { countries = ["USA"] }
//! from_countries = ["TWN"]
//! to_countries = ["JPN", "USA"]
//! share = 0.3
//! ```
//!
//! Keys by kind (any other key is an error, with a "did you mean"):
//!
//! | kind | keys besides `name`, `kind`, `cost_per_year` |
//! | --- | --- |
//! | `stockpile` | `product` (required), `extra_days` (required, 0 to 3650), `footprint` (default: every user of the product) |
//! | `backup` | `supplier`, `customer` (required), `product` (default: what the supplier makes), `lead_time_days` (whole, >= 1; required for a new link), `route`, `prequalified` (default `false`) |
//! | `harden` | `footprint` (required), `severity_factor` (0 to 1, default 1), `duration_factor` (> 0, default 1) |
//! | `alternate_route` | `route`, `extra_days` (whole, >= 0) (required), `via` (chokepoint ids, default none), `capacity_share` ((0, 1], default 1) |
//! | `share_shift` | `product`, `from_countries`, `to_countries`, `share` (0 to 1) (required), `customers` (a footprint; default every customer of the product) |
//!
//! **Footprints** are the tables of lists of `[[hazard]]` (see [`hazard`](crate::hazard)):
//! `regions`, `countries`, `kinds`, `tags`, `facilities` and, for `harden`, `chokepoints`. Named
//! sites are always selected; attribute filters select the sites matching every filter given.
//! - `stockpile` `footprint` and `share_shift` `customers`: facilities and markets alike (`kinds`
//!   never matches a market), then only those whose recipe uses the product.
//! - `harden`: as an outage hazard: filters select facilities other than markets, chokepoints
//!   are hardened only when named. A footprint that matches nothing is a warning.
//!
//! # What each kind changes
//!
//! - **`stockpile`**: each selected facility (using the product) holds `extra_days` more days of
//!   the product in stock: its baseline stock target of that input becomes
//!   (D + extra_days) * a * x, D being its current inventory days of the input (the recipe row's,
//!   else the facility's). The facility gets its own copy of its recipe with the new days, so
//!   other facilities sharing the recipe keep theirs. The baseline flows do not change.
//! - **`backup`**: adds the link supplier -> customer for the product as a backup (share 0,
//!   `backup = true`). If that link already exists as a backup, it is kept (`lead_time_days` and
//!   `route`, when given, replace its own) and only prequalified when asked. A backup is usable
//!   `qualification_days` (of the product) after its customer's shortfall began;
//!   `prequalified = true` makes it usable at once ([`Link::prequalified`]). An existing
//!   non-backup link is an error (it is already a supplier).
//! - **`harden`**: the network is unchanged; [`Variant::adjust`] scales each sampled disruption
//!   of a hardened site: an outage of a hardened facility or a closure of a hardened chokepoint
//!   has severity s * `severity_factor` (kept at least [`f64::MIN_POSITIVE`], a negligible
//!   loss, so the disruption list keeps its shape) and duration round(T * `duration_factor`),
//!   at least 1 (a delay-then-ramp profile's delay is scaled alike, at most the new duration).
//!   Route closures, export bans and demand shocks are not affected.
//! - **`alternate_route`**: the route's alternate becomes `via` with `extra_days` and
//!   `capacity_share` (replacing any alternate it had).
//! - **`share_shift`**: for each selected customer of the product with a (non-backup) supplier
//!   in `from_countries`, the share of those suppliers is scaled by (1 - `share`), and the share
//!   removed, `share` * (sum of their shares), goes to its suppliers in `to_countries` pro rata
//!   to their shares (equally if those are all 0). A customer that buys from `from_countries`
//!   but has no supplier in `to_countries` is an error naming it; customers that buy nothing
//!   from `from_countries` are left alone. `from_countries` and `to_countries` must not overlap.
//!
//! [`Intervention::apply`] rebuilds the network with the change and re-solves the baseline with
//! [`kuroshio_core::baseline::solve`] and the scenario's tolerance and iteration cap. A facility
//! whose capacity was derived from a utilization u keeps at least its capacity and grows to
//! x' / u if its new baseline x' needs it (the supplier that wins share expands at the same
//! utilization; the one that loses share keeps its plant); a facility with a given capacity
//! below its new baseline is an error. Shares are checked to still add up to 1 per input slot.
//!
//! **Diagnostics.** Every problem is reported with file, line and column and a field named
//! `intervention[i].key` (i counts the interventions from 0), e.g.
//! `intervention[2].footprint.regions`; parsing goes on after a problem so all of them are
//! reported. Unknown ids and keys come with the closest known one as a suggestion.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use kuroshio_core::baseline::{self, Baseline};
use kuroshio_core::countries::{COUNTRIES, lookup};
use kuroshio_core::{
    AlternateRoute, CountryId, Diagnostics, FacilityId, Link, LinkId, Network, Problem, ProductId, RecipeId,
    RouteId, Scenario, Settings,
};
use kuroshio_sim::{Disruption, RecoveryProfile};
use toml::de::DeTable;

use crate::MonteCarloError;
use crate::hazard::Site;
use crate::parse::{Reader, Scope, Value, missing, read_section};

/// The largest `extra_days` of a stockpile.
pub const MAX_STOCKPILE_DAYS: f64 = 3650.0;

/// The largest lead time or alternate-route delay accepted, in days (as links.csv).
pub const MAX_DAYS: u32 = 1_000_000;

/// What an intervention changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterventionKind {
    /// More stock of one input at some facilities.
    Stockpile,
    /// A new (or prequalified) backup supplier.
    Backup,
    /// Milder outages and closures at some sites.
    Harden,
    /// A route's alternate.
    AlternateRoute,
    /// Sourcing shares moved between countries.
    ShareShift,
}

/// The names of the kinds, as `kind = "..."` gives them.
pub const INTERVENTION_KINDS: [(&str, InterventionKind); 5] = [
    ("stockpile", InterventionKind::Stockpile),
    ("backup", InterventionKind::Backup),
    ("harden", InterventionKind::Harden),
    ("alternate_route", InterventionKind::AlternateRoute),
    ("share_shift", InterventionKind::ShareShift),
];

/// Hardening of sites: how sampled disruptions of those sites are scaled.
#[derive(Debug, Clone, PartialEq)]
pub struct Hardening {
    /// The hardened sites, sorted (facilities, then chokepoints).
    pub sites: Vec<Site>,
    /// Factor on the severity of an outage or closure, in [0, 1].
    pub severity_factor: f64,
    /// Factor on its duration, > 0.
    pub duration_factor: f64,
}

impl Hardening {
    /// Whether `site` is hardened.
    pub fn covers(&self, site: Site) -> bool {
        self.sites.binary_search(&site).is_ok()
    }

    /// Scales, in place, the severity and duration of every outage of a hardened facility and
    /// every closure of a hardened chokepoint (see the [module documentation](self)).
    pub fn adjust(&self, disruptions: &mut [Disruption]) {
        for d in disruptions {
            match d {
                Disruption::Outage { facility, duration, severity, profile, .. }
                    if self.covers(Site::Facility(*facility)) =>
                {
                    let new_duration = self.duration(*duration);
                    if let RecoveryProfile::DelayThenRamp { delay } = profile {
                        *delay = self.duration(*delay).min(new_duration);
                    }
                    *duration = new_duration;
                    *severity = self.severity(*severity);
                }
                Disruption::ChokepointClosure { chokepoint, duration, severity, .. }
                    if self.covers(Site::Chokepoint(*chokepoint)) =>
                {
                    *duration = self.duration(*duration);
                    *severity = self.severity(*severity);
                }
                _ => {}
            }
        }
    }

    fn severity(&self, s: f64) -> f64 {
        (s * self.severity_factor).max(f64::MIN_POSITIVE)
    }

    fn duration(&self, days: u32) -> u32 {
        if self.duration_factor == 1.0 {
            return days;
        }
        (days as f64 * self.duration_factor).round().clamp(1.0, u32::MAX as f64) as u32
    }
}

/// The change an intervention makes, with its ids resolved against the network it was parsed
/// against.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Extra stock of `product` at `facilities`.
    Stockpile {
        /// The input stocked.
        product: ProductId,
        /// Days of stock added.
        extra_days: f64,
        /// The selected facilities whose recipe uses the product, in id order.
        facilities: Vec<FacilityId>,
    },
    /// A backup link supplier -> customer (new, or an existing backup changed).
    Backup {
        /// The supplier.
        supplier: FacilityId,
        /// The customer.
        customer: FacilityId,
        /// What the supplier makes.
        product: ProductId,
        /// Lead time; `None` keeps an existing backup's (a new link always has one).
        lead_time_days: Option<u32>,
        /// Route; `None` keeps an existing backup's (a new link then has none).
        route: Option<RouteId>,
        /// Usable without waiting the product's qualification days.
        prequalified: bool,
    },
    /// Hardened sites.
    Harden(Hardening),
    /// A route's new alternate.
    AlternateRoute {
        /// The route.
        route: RouteId,
        /// Its alternate.
        alternate: AlternateRoute,
    },
    /// Shares of `product` moved from suppliers in `from` to suppliers in `to`.
    ShareShift {
        /// The product.
        product: ProductId,
        /// The customers whose shares change (selected, with suppliers in both `from` and
        /// `to`), in id order.
        customers: Vec<FacilityId>,
        /// Countries share moves away from.
        from: Vec<CountryId>,
        /// Countries share moves to.
        to: Vec<CountryId>,
        /// Fraction of the `from` suppliers' share moved, in [0, 1].
        share: f64,
    },
}

impl Change {
    /// Its kind.
    pub fn kind(&self) -> InterventionKind {
        match self {
            Change::Stockpile { .. } => InterventionKind::Stockpile,
            Change::Backup { .. } => InterventionKind::Backup,
            Change::Harden(_) => InterventionKind::Harden,
            Change::AlternateRoute { .. } => InterventionKind::AlternateRoute,
            Change::ShareShift { .. } => InterventionKind::ShareShift,
        }
    }
}

/// One `[[intervention]]` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Intervention {
    /// Its unique name.
    pub name: String,
    /// Stated cost, USD per year, if given.
    pub cost_per_year: Option<f64>,
    /// What it changes.
    pub change: Change,
}

/// A network, baseline and settings with an intervention applied, and the hardening to apply to
/// each trial's disruptions.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The changed network (same facility, chokepoint, route and product ids as the base).
    pub network: Network,
    /// Its baseline.
    pub baseline: Baseline,
    /// Its settings.
    pub settings: Settings,
    /// Hardened sites, if the intervention hardens.
    pub hardening: Option<Hardening>,
}

impl Variant {
    /// Hardening: scales severities/durations of the disruptions hitting hardened sites, in
    /// place. Identity when there is no hardening.
    pub fn adjust(&self, disruptions: &mut [Disruption]) {
        if let Some(h) = &self.hardening {
            h.adjust(disruptions);
        }
    }
}

/// Parses the `[[intervention]]` tables of a loaded scenario. Fails with every problem found
/// (errors and warnings); on success warnings are dropped: call [`parse_interventions`] to keep
/// them.
pub fn interventions(scenario: &Scenario) -> Result<Vec<Intervention>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let out = parse_interventions(&scenario.path, &scenario.toml_text, &scenario.network, &mut diags);
    if diags.has_errors() { Err(diags) } else { Ok(out) }
}

/// Parses the `[[intervention]]` tables of `text` (the contents of `path`) against `network`,
/// recording every problem (and warning) in `diags`. Interventions with errors are left out.
pub fn parse_interventions(
    path: &Path,
    text: &str,
    network: &Network,
    diags: &mut Diagnostics,
) -> Vec<Intervention> {
    read_section(path, text, network, diags, "intervention", |r, i, span, t| r.intervention(i, span, t))
}

impl Intervention {
    /// Its kind.
    pub fn kind(&self) -> InterventionKind {
        self.change.kind()
    }

    /// The network, baseline and settings with this intervention applied (validated: shares
    /// still sum to 1 per input slot, baseline re-solved with core's [`baseline::solve`] and the
    /// scenario settings' tolerance and iterations; see the [module documentation](self) for
    /// capacities). `network` and `baseline` must be those the intervention was parsed against.
    pub fn apply(
        &self,
        network: &Network,
        baseline: &Baseline,
        settings: &Settings,
    ) -> Result<Variant, MonteCarloError> {
        self.check_ids(network)?;
        if let Change::Harden(h) = &self.change {
            // The network does not change: only the disruptions do.
            return Ok(Variant {
                network: network.clone(),
                baseline: baseline.clone(),
                settings: settings.clone(),
                hardening: Some(h.clone()),
            });
        }
        let mut parts = network.to_parts();
        match &self.change {
            Change::Harden(_) => {}
            Change::Stockpile { product, extra_days, facilities } => {
                // One copy per (recipe, new days): facilities that shared a recipe and end with
                // the same days share the copy.
                let mut copies: BTreeMap<(usize, u64), RecipeId> = BTreeMap::new();
                for &f in facilities {
                    let fac = &parts.facilities[f.index()];
                    let Some(r) = fac.recipe else { continue };
                    let Some(k) = parts.recipes[r.index()].inputs.iter().position(|i| i.product == *product)
                    else {
                        continue;
                    };
                    let days =
                        parts.recipes[r.index()].inputs[k].inventory_days.unwrap_or(fac.inventory_days)
                            + extra_days;
                    let recipes = &mut parts.recipes;
                    let id = *copies.entry((r.index(), days.to_bits())).or_insert_with(|| {
                        let mut copy = recipes[r.index()].clone();
                        copy.inputs[k].inventory_days = Some(days);
                        recipes.push(copy);
                        RecipeId::from_index(recipes.len() - 1)
                    });
                    parts.facilities[f.index()].recipe = Some(id);
                }
            }
            Change::Backup { supplier, customer, product, lead_time_days, route, prequalified } => {
                let mut found = false;
                for link in parts.links.iter_mut() {
                    if link.supplier == *supplier && link.customer == *customer && link.product == *product {
                        if !link.backup {
                            return Err(self.mismatch(format!(
                                "a backup link `{}` -> `{}` (it is an active supplier)",
                                network.facility(*supplier).id,
                                network.facility(*customer).id
                            )));
                        }
                        found = true;
                        link.prequalified |= *prequalified;
                        if let Some(l) = lead_time_days {
                            link.lead_time_days = *l;
                        }
                        if route.is_some() {
                            link.route = *route;
                        }
                    }
                }
                if !found {
                    let Some(lead_time_days) = *lead_time_days else {
                        return Err(self.mismatch(format!(
                            "an existing backup link `{}` -> `{}`",
                            network.facility(*supplier).id,
                            network.facility(*customer).id
                        )));
                    };
                    parts.links.push(Link {
                        supplier: *supplier,
                        customer: *customer,
                        product: *product,
                        share: 0.0,
                        lead_time_days,
                        route: *route,
                        backup: true,
                        prequalified: *prequalified,
                    });
                }
            }
            Change::AlternateRoute { route, alternate } => {
                parts.routes[route.index()].alternate = Some(alternate.clone());
            }
            Change::ShareShift { product, customers, from, to, share } => {
                for &c in customers {
                    let Some(k) = network.inputs(c).iter().position(|i| i.product == *product) else {
                        continue;
                    };
                    let slot = network.first_slot(c) + k;
                    let links: Vec<usize> = network
                        .in_links(c)
                        .iter()
                        .map(|&l| l as usize)
                        .filter(|&l| {
                            network.link_slot(LinkId::from_index(l)) == slot && !network.links[l].backup
                        })
                        .collect();
                    let country = |l: usize| network.facility(network.links[l].supplier).country;
                    let (mut moved, mut to_sum, mut to_count) = (0.0, 0.0, 0usize);
                    for &l in &links {
                        if from.contains(&country(l)) {
                            moved += share * parts.links[l].share;
                        } else if to.contains(&country(l)) {
                            to_sum += parts.links[l].share;
                            to_count += 1;
                        }
                    }
                    if to_count == 0 {
                        return Err(self.mismatch(format!(
                            "a supplier of `{}` to `{}` in {}",
                            network.products[product.index()].id,
                            network.facility(c).id,
                            codes(to)
                        )));
                    }
                    for &l in &links {
                        let w = parts.links[l].share;
                        if from.contains(&country(l)) {
                            parts.links[l].share = w - w * share;
                        } else if to.contains(&country(l)) {
                            parts.links[l].share = if to_sum > 0.0 {
                                w + moved * (w / to_sum)
                            } else {
                                w + moved / to_count as f64
                            };
                        }
                    }
                }
            }
        }
        let mut net = Network::new(parts);
        self.check_shares(&net, settings)?;
        let base = baseline::solve(&net, settings.baseline_tolerance, settings.baseline_max_iterations)
            .map_err(|d| MonteCarloError::InterventionDiverges {
                intervention: self.name.clone(),
                iterations: d.iterations,
                residual: d.residual,
                tolerance: settings.baseline_tolerance,
            })?;
        for (f, x) in net.facilities.iter_mut().zip(&base.output) {
            if f.is_market() {
                continue;
            }
            match f.utilization {
                Some(u) => f.capacity = f.capacity.max(x / u),
                // The loader's rule: relative slack for rounding in the upstream sums.
                None if *x > f.capacity * (1.0 + 1e-9) + 1e-12 => {
                    return Err(MonteCarloError::InterventionOverCapacity {
                        intervention: self.name.clone(),
                        facility: f.id.clone(),
                        required: *x,
                        available: f.capacity,
                    });
                }
                None => {}
            }
        }
        Ok(Variant { network: net, baseline: base, settings: settings.clone(), hardening: None })
    }

    fn mismatch(&self, what: String) -> MonteCarloError {
        MonteCarloError::InterventionNetwork { intervention: self.name.clone(), what }
    }

    /// Every id the change names exists in `network`.
    fn check_ids(&self, network: &Network) -> Result<(), MonteCarloError> {
        let (nf, np, nr, nc) = (
            network.facilities.len(),
            network.products.len(),
            network.routes.len(),
            network.chokepoints.len(),
        );
        let facility = |f: FacilityId| (f.index() >= nf).then(|| format!("facility index {} of {nf}", f.0));
        let product = |p: ProductId| (p.index() >= np).then(|| format!("product index {} of {np}", p.0));
        let route = |r: RouteId| (r.index() >= nr).then(|| format!("route index {} of {nr}", r.0));
        let site = |s: &Site| match *s {
            Site::Facility(f) => facility(f),
            Site::Chokepoint(c) => (c.index() >= nc).then(|| format!("chokepoint index {} of {nc}", c.0)),
        };
        let bad = match &self.change {
            Change::Stockpile { product: p, facilities, .. } => {
                product(*p).or_else(|| facilities.iter().find_map(|&f| facility(f)))
            }
            Change::Backup { supplier, customer, product: p, route: r, .. } => facility(*supplier)
                .or_else(|| facility(*customer))
                .or_else(|| product(*p))
                .or_else(|| r.and_then(route)),
            Change::Harden(h) => h.sites.iter().find_map(site),
            Change::AlternateRoute { route: r, alternate } => {
                route(*r).or_else(|| alternate.chokepoints.iter().find_map(|&c| site(&Site::Chokepoint(c))))
            }
            Change::ShareShift { product: p, customers, .. } => {
                product(*p).or_else(|| customers.iter().find_map(|&f| facility(f)))
            }
        };
        match bad {
            Some(what) => Err(self.mismatch(what)),
            None => Ok(()),
        }
    }

    /// Shares of every input slot's non-backup links still add up to 1.
    fn check_shares(&self, net: &Network, settings: &Settings) -> Result<(), MonteCarloError> {
        let mut sums = vec![(0.0f64, 0u32); net.slot_count()];
        for (l, link) in net.links.iter().enumerate() {
            if !link.backup {
                let s = &mut sums[net.link_slot(LinkId::from_index(l))];
                s.0 += link.share;
                s.1 += 1;
            }
        }
        for f in 0..net.facilities.len() {
            let fid = FacilityId::from_index(f);
            let first = net.first_slot(fid);
            for (k, input) in net.inputs(fid).iter().enumerate() {
                let (sum, count) = sums[first + k];
                if count > 0 && (sum - 1.0).abs() > settings.share_tolerance {
                    return Err(MonteCarloError::InterventionShares {
                        intervention: self.name.clone(),
                        customer: net.facility(fid).id.clone(),
                        product: net.products[input.product.index()].id.clone(),
                        sum,
                        tolerance: settings.share_tolerance,
                    });
                }
            }
        }
        Ok(())
    }
}

/// `JPN, TWN`.
fn codes(countries: &[CountryId]) -> String {
    countries.iter().map(|c| c.code()).collect::<Vec<_>>().join(", ")
}

const ALL_KEYS: &[&str] = &[
    "name",
    "kind",
    "cost_per_year",
    "product",
    "extra_days",
    "footprint",
    "supplier",
    "customer",
    "lead_time_days",
    "route",
    "prequalified",
    "severity_factor",
    "duration_factor",
    "via",
    "capacity_share",
    "customers",
    "from_countries",
    "to_countries",
    "share",
];
const COMMON: &[&str] = &["name", "kind", "cost_per_year"];

fn kind_keys(kind: InterventionKind) -> &'static [&'static str] {
    match kind {
        InterventionKind::Stockpile => &["product", "extra_days", "footprint"],
        InterventionKind::Backup => {
            &["supplier", "customer", "product", "lead_time_days", "route", "prequalified"]
        }
        InterventionKind::Harden => &["footprint", "severity_factor", "duration_factor"],
        InterventionKind::AlternateRoute => &["route", "via", "extra_days", "capacity_share"],
        InterventionKind::ShareShift => &["product", "customers", "from_countries", "to_countries", "share"],
    }
}

/// Looks a key up among those allowed for the entry's kind.
type Get<'v, 'i> = dyn Fn(&str) -> Option<&'v Value<'i>> + 'v;

impl Reader<'_> {
    fn intervention(&mut self, i: usize, span: Range<usize>, t: &DeTable<'_>) -> Option<Intervention> {
        let errors_before = self.diags.error_count();
        let f = |key: &str| format!("intervention[{i}].{key}");
        let mut keys: BTreeMap<&str, &Value<'_>> = BTreeMap::new();
        for (k, v) in t.iter() {
            keys.insert(k.get_ref().as_ref(), v);
        }
        // The kind first: it decides which keys apply.
        let kind = self.kind(
            keys.get("kind").copied(),
            span.clone(),
            f("kind"),
            "intervention kind",
            &INTERVENTION_KINDS,
        );
        let allowed: Vec<&str> = match kind {
            Some(k) => COMMON.iter().chain(kind_keys(k)).copied().collect(),
            None => ALL_KEYS.to_vec(),
        };
        self.unknown_keys(t, &allowed, &f);
        let get = |k: &str| keys.get(k).filter(|_| allowed.contains(&k)).copied();

        let name = self.name(get("name"), span.clone(), f("name"));
        let cost = match get("cost_per_year") {
            None => Some(None),
            Some(v) => {
                self.number(v, f("cost_per_year"), 0.0, f64::MAX, "a number >= 0 (USD per year)").map(Some)
            }
        };
        let change = match kind? {
            InterventionKind::Stockpile => self.stockpile(span, &get, &f),
            InterventionKind::Backup => self.backup(span, &get, &f),
            InterventionKind::Harden => self.harden(span, &get, &f),
            InterventionKind::AlternateRoute => self.alternate_route(span, &get, &f),
            InterventionKind::ShareShift => self.share_shift(span, &get, &f),
        };
        if self.diags.error_count() > errors_before {
            return None;
        }
        Some(Intervention { name: name?, cost_per_year: cost?, change: change? })
    }

    /// A required key's value; missing is an error at the entry.
    fn required<'v, 'i>(
        &mut self,
        get: &Get<'v, 'i>,
        key: &str,
        span: &Range<usize>,
        f: &dyn Fn(&str) -> String,
    ) -> Option<&'v Value<'i>> {
        let v = get(key);
        if v.is_none() {
            self.error(span.clone(), f(key), missing(key));
        }
        v
    }

    fn product(&mut self, v: &Value<'_>, field: String) -> Option<ProductId> {
        let net = self.network;
        self.resolve_one(v, &field, "product", net.products.iter().map(|p| p.id.as_str()), |s| {
            net.product_id(s)
        })
    }

    fn facility(&mut self, v: &Value<'_>, field: String) -> Option<FacilityId> {
        let net = self.network;
        self.resolve_one(v, &field, "facility", net.facilities.iter().map(|f| f.id.as_str()), |s| {
            net.facility_id(s)
        })
    }

    /// Facilities and markets whose recipe uses `product`, among `sites` (all when `None`).
    fn users(&self, product: ProductId, sites: Option<&[Site]>) -> Vec<FacilityId> {
        let net = self.network;
        let uses = |f: FacilityId| net.inputs(f).iter().any(|i| i.product == product);
        match sites {
            Some(sites) => sites
                .iter()
                .filter_map(|s| match *s {
                    Site::Facility(f) if uses(f) => Some(f),
                    _ => None,
                })
                .collect(),
            None => (0..net.facilities.len()).map(FacilityId::from_index).filter(|&f| uses(f)).collect(),
        }
    }

    fn stockpile(
        &mut self,
        span: Range<usize>,
        get: &Get<'_, '_>,
        f: &dyn Fn(&str) -> String,
    ) -> Option<Change> {
        let product = self.required(get, "product", &span, f).and_then(|v| self.product(v, f("product")));
        let extra_days = self.required(get, "extra_days", &span, f).and_then(|v| {
            self.number(v, f("extra_days"), 0.0, MAX_STOCKPILE_DAYS, "a number of days from 0 to 3650")
        });
        let footprint = match get("footprint") {
            None => Some(None),
            Some(v) => self.footprint(v, Scope::Facilities, &f("footprint")).map(|s| Some((s, v))),
        };
        let (product, footprint) = (product?, footprint?);
        let facilities = self.users(product, footprint.as_ref().map(|(s, _)| s.as_slice()));
        if facilities.is_empty() {
            let pid = &self.network.products[product.index()].id;
            let expected =
                format!("a footprint that selects at least one facility whose recipe uses `{pid}`");
            match footprint {
                Some((_, v)) => {
                    let problem = Problem::InvalidValue { value: self.source(v.span()), expected };
                    self.error(v.span(), f("footprint"), problem);
                }
                None => {
                    let v = get("product")?;
                    let expected =
                        format!("a product that some facility's recipe uses (no recipe uses `{pid}`)");
                    let problem = Problem::InvalidValue { value: pid.clone(), expected };
                    self.error(v.span(), f("product"), problem);
                }
            }
            return None;
        }
        Some(Change::Stockpile { product, extra_days: extra_days?, facilities })
    }

    fn backup(
        &mut self,
        span: Range<usize>,
        get: &Get<'_, '_>,
        f: &dyn Fn(&str) -> String,
    ) -> Option<Change> {
        let net = self.network;
        let supplier_v = self.required(get, "supplier", &span, f);
        let supplier = supplier_v.and_then(|v| self.facility(v, f("supplier")));
        let customer_v = self.required(get, "customer", &span, f);
        let customer = customer_v.and_then(|v| self.facility(v, f("customer")));
        let product_v = get("product");
        // `Some(None)`: given but unknown (already reported).
        let product = product_v.map(|v| self.product(v, f("product")));
        let lead_time = match get("lead_time_days") {
            None => Some(None),
            Some(v) => self.whole(v, f("lead_time_days"), 1, MAX_DAYS).map(Some),
        };
        let route = match get("route") {
            None => Some(None),
            Some(v) => self
                .resolve_one(v, &f("route"), "route", net.routes.iter().map(|r| r.id.as_str()), |s| {
                    net.route_id(s)
                })
                .map(Some),
        };
        let prequalified = match get("prequalified") {
            None => Some(false),
            Some(v) => self.boolean(v, f("prequalified")),
        };
        let (supplier, customer) = (supplier?, customer?);
        let (supplier_v, customer_v) = (supplier_v?, customer_v?);
        let product = match product {
            Some(p) => Some(p?),
            None => None,
        };
        let s = net.facility(supplier);
        let c = net.facility(customer);
        if s.is_market() {
            let problem = Problem::InvalidValue {
                value: s.id.clone(),
                expected: "a facility that is not a market (markets cannot supply)".into(),
            };
            self.error(supplier_v.span(), f("supplier"), problem);
            return None;
        }
        if supplier == customer {
            let problem = Problem::InvalidValue {
                value: c.id.clone(),
                expected: "a customer other than the supplier".into(),
            };
            self.error(customer_v.span(), f("customer"), problem);
            return None;
        }
        let made = s.product;
        if let (Some(p), Some(v)) = (product.filter(|&p| p != made), product_v) {
            let problem = Problem::ProductNotMade {
                supplier: s.id.clone(),
                product: net.products[p.index()].id.clone(),
                makes: net.products[made.index()].id.clone(),
            };
            self.error(v.span(), f("product"), problem);
            return None;
        }
        if !net.inputs(customer).iter().any(|i| i.product == made) {
            let inputs: Vec<&str> =
                net.inputs(customer).iter().map(|i| net.products[i.product.index()].id.as_str()).collect();
            let problem = Problem::InputNotUsed {
                customer: c.id.clone(),
                product: net.products[made.index()].id.clone(),
                inputs: if inputs.is_empty() { "nothing".into() } else { inputs.join(", ") },
            };
            self.error(customer_v.span(), f("customer"), problem);
            return None;
        }
        let existing: Vec<&Link> = net
            .out_links(supplier)
            .iter()
            .map(|&l| net.link(LinkId(l)))
            .filter(|l| l.customer == customer && l.product == made)
            .collect();
        if let Some(active) = existing.iter().find(|l| !l.backup) {
            let problem = Problem::InvalidValue {
                value: s.id.clone(),
                expected: format!(
                    "a supplier that is not already an active supplier of `{}` to `{}` (it supplies share {}); a backup is a new link or an existing backup link",
                    net.products[made.index()].id,
                    c.id,
                    active.share
                ),
            };
            self.error(supplier_v.span(), f("supplier"), problem);
            return None;
        }
        let lead_time = lead_time?;
        if existing.is_empty() && lead_time.is_none() {
            self.error(span, f("lead_time_days"), missing("lead_time_days"));
            return None;
        }
        Some(Change::Backup {
            supplier,
            customer,
            product: made,
            lead_time_days: lead_time,
            route: route?,
            prequalified: prequalified?,
        })
    }

    fn harden(
        &mut self,
        span: Range<usize>,
        get: &Get<'_, '_>,
        f: &dyn Fn(&str) -> String,
    ) -> Option<Change> {
        let sites = self.required(get, "footprint", &span, f).and_then(|v| {
            let sites = self.footprint(v, Scope::Sites, &f("footprint"))?;
            if sites.is_empty() {
                let problem =
                    Problem::MissingValue { expected: "a footprint that matches at least one site".into() };
                self.warning(v.span(), f("footprint"), problem);
            }
            Some(sites)
        });
        let severity_factor = match get("severity_factor") {
            None => Some(1.0),
            Some(v) => self.number(v, f("severity_factor"), 0.0, 1.0, "a number from 0 to 1"),
        };
        let duration_factor = match get("duration_factor") {
            None => Some(1.0),
            Some(v) => self.number_value(v, &f("duration_factor")).and_then(|x| {
                if x > 0.0 {
                    Some(x)
                } else {
                    let problem = Problem::OutOfRange {
                        value: self.source(v.span()),
                        expected: "a number greater than 0".into(),
                    };
                    self.error(v.span(), f("duration_factor"), problem);
                    None
                }
            }),
        };
        Some(Change::Harden(Hardening {
            sites: sites?,
            severity_factor: severity_factor?,
            duration_factor: duration_factor?,
        }))
    }

    fn alternate_route(
        &mut self,
        span: Range<usize>,
        get: &Get<'_, '_>,
        f: &dyn Fn(&str) -> String,
    ) -> Option<Change> {
        let net = self.network;
        let route = self.required(get, "route", &span, f).and_then(|v| {
            self.resolve_one(v, &f("route"), "route", net.routes.iter().map(|r| r.id.as_str()), |s| {
                net.route_id(s)
            })
        });
        let via = match get("via") {
            None => Some(Vec::new()),
            Some(v) => {
                self.resolve(v, &f("via"), "chokepoint", net.chokepoints.iter().map(|c| c.id.as_str()), |s| {
                    net.chokepoint_id(s)
                })
            }
        };
        let extra_days = self
            .required(get, "extra_days", &span, f)
            .and_then(|v| self.whole(v, f("extra_days"), 0, MAX_DAYS));
        let capacity_share = match get("capacity_share") {
            None => Some(1.0),
            Some(v) => self.number_open(v, f("capacity_share")),
        };
        Some(Change::AlternateRoute {
            route: route?,
            alternate: AlternateRoute {
                chokepoints: via?,
                extra_days: extra_days?,
                capacity_share: capacity_share?,
            },
        })
    }

    fn countries(&mut self, v: &Value<'_>, field: String) -> Option<Vec<CountryId>> {
        let mut c = self.resolve(v, &field, "country", COUNTRIES.iter().map(|(c, _)| *c), lookup)?;
        c.sort_unstable();
        c.dedup();
        Some(c)
    }

    fn share_shift(
        &mut self,
        span: Range<usize>,
        get: &Get<'_, '_>,
        f: &dyn Fn(&str) -> String,
    ) -> Option<Change> {
        let net = self.network;
        let product = self.required(get, "product", &span, f).and_then(|v| self.product(v, f("product")));
        let customers = match get("customers") {
            None => Some(None),
            Some(v) => self.footprint(v, Scope::Facilities, &f("customers")).map(Some),
        };
        let from_v = self.required(get, "from_countries", &span, f);
        let from = from_v.and_then(|v| self.countries(v, f("from_countries")));
        let to_v = self.required(get, "to_countries", &span, f);
        let to = to_v.and_then(|v| self.countries(v, f("to_countries")));
        let share = self
            .required(get, "share", &span, f)
            .and_then(|v| self.number(v, f("share"), 0.0, 1.0, "a number from 0 to 1"));
        let (product, customers, from, to, share) = (product?, customers?, from?, to?, share?);
        let (from_v, to_v) = (from_v?, to_v?);
        if let Some(both) = to.iter().find(|c| from.contains(c)) {
            let problem = Problem::InvalidValue {
                value: both.code().to_string(),
                expected: "countries that are not also in `from_countries`".into(),
            };
            self.error(to_v.span(), f("to_countries"), problem);
            return None;
        }
        let pid = net.products[product.index()].id.clone();
        let selected = self.users(product, customers.as_deref());
        let mut shifted = Vec::new();
        // Customers that buy from `from` but not from `to`, with their suppliers' countries.
        let mut stranded: Vec<(FacilityId, Vec<CountryId>)> = Vec::new();
        for c in selected {
            let mut countries: Vec<CountryId> = net
                .in_links(c)
                .iter()
                .map(|&l| net.link(LinkId(l)))
                .filter(|l| !l.backup && l.product == product)
                .map(|l| net.facility(l.supplier).country)
                .collect();
            countries.sort_unstable();
            countries.dedup();
            let buys_from = countries.iter().any(|x| from.contains(x));
            let buys_to = countries.iter().any(|x| to.contains(x));
            match (buys_from, buys_to) {
                (true, true) => shifted.push(c),
                (true, false) => stranded.push((c, countries)),
                _ => {}
            }
        }
        if let Some((c, countries)) = stranded.first() {
            let more = match stranded.len() {
                1 => String::new(),
                n => format!(" (and {} more customers)", n - 1),
            };
            let problem = Problem::InvalidValue {
                value: self.source(to_v.span()),
                expected: format!(
                    "countries with a supplier of `{pid}` to each customer that share moves away from; customer `{}` has none there{more} (its suppliers of `{pid}` are in {})",
                    net.facility(*c).id,
                    codes(countries)
                ),
            };
            self.error(to_v.span(), f("to_countries"), problem);
            return None;
        }
        if shifted.is_empty() {
            let problem = Problem::InvalidValue {
                value: self.source(from_v.span()),
                expected: format!("countries that some selected customer of `{pid}` buys it from"),
            };
            self.error(from_v.span(), f("from_countries"), problem);
            return None;
        }
        Some(Change::ShareShift { product, customers: shifted, from, to, share })
    }
}
