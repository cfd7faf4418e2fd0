//! A trial's disruptions compiled for the daily loop: per facility, per market and per link,
//! with the facilities each day's events touch (the sparse engine's seeds).

use foldhash::HashMap;
use kuroshio_core::{Baseline, Network};

use crate::disruption::{Disruption, Goods, RecoveryProfile};
use crate::error::SimError;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Outage {
    pub start: u32,
    pub duration: u32,
    pub severity: f64,
    pub profile: RecoveryProfile,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Shock {
    pub start: u32,
    pub end: u32,
    pub factor: f64,
}

/// What an event does to one link.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum LinkEffect {
    /// Its primary path loses this share of throughput.
    Primary(f64),
    /// Its alternate path loses this share of throughput.
    Alternate(f64),
    /// It carries nothing (export ban).
    Block,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct LinkEvent {
    pub start: u32,
    pub end: u32,
    pub effect: LinkEffect,
}

/// A link's shipping capacity on one day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LinkStatus {
    /// Units per day the primary path can carry (infinite when open).
    pub primary: f64,
    /// Units per day the alternate can carry, arriving `extra` days later.
    pub alternate: f64,
    /// Extra days by the alternate.
    pub extra: u32,
    /// Blocked by an export ban (shipments already sent continue; nothing is re-timed).
    pub banned: bool,
}

impl LinkStatus {
    pub const OPEN: LinkStatus =
        LinkStatus { primary: f64::INFINITY, alternate: 0.0, extra: 0, banned: false };

    /// Whether the primary path is closed (shipments at sea are re-timed).
    pub fn route_closed(&self) -> bool {
        self.primary == 0.0 && !self.banned
    }

    pub fn total(&self) -> f64 {
        self.primary + self.alternate
    }

    pub fn is_open(&self) -> bool {
        self.primary == f64::INFINITY
    }
}

pub(crate) struct Timeline {
    pub outages: HashMap<u32, Vec<Outage>>,
    pub shocks: HashMap<u32, Vec<Shock>>,
    pub links: HashMap<u32, Vec<LinkEvent>>,
    /// Affected links in id order (iteration order must not depend on hashing).
    pub link_order: Vec<u32>,
    /// Facilities with outages and markets with shocks, in id order.
    pub facility_order: Vec<u32>,
    pub first_onset: Option<u32>,
    /// The last day any event is in force (exclusive end), if any.
    pub last_day: Option<u32>,
}

impl Timeline {
    pub fn compile(net: &Network, disruptions: &[Disruption]) -> Result<Timeline, SimError> {
        let mut t = Timeline {
            outages: HashMap::default(),
            shocks: HashMap::default(),
            links: HashMap::default(),
            link_order: Vec::new(),
            facility_order: Vec::new(),
            first_onset: disruptions.iter().map(Disruption::start).min(),
            last_day: disruptions.iter().map(Disruption::end).max(),
        };
        let bad = |index: usize, message: String| SimError::InvalidDisruption { index, message };
        let check_severity = |i: usize, s: f64| {
            if s.is_finite() && s > 0.0 && s <= 1.0 {
                Ok(())
            } else {
                Err(bad(i, format!("severity {s} is not in (0, 1]")))
            }
        };
        for (i, d) in disruptions.iter().enumerate() {
            match d {
                Disruption::Outage { facility, start, duration, severity, profile } => {
                    check_severity(i, *severity)?;
                    if facility.index() >= net.facilities.len() {
                        return Err(SimError::UnknownFacility(facility.0));
                    }
                    if net.facility(*facility).is_market() {
                        return Err(bad(
                            i,
                            format!("`{}` is a market; use a demand shock", net.facility(*facility).id),
                        ));
                    }
                    if let RecoveryProfile::DelayThenRamp { delay } = profile
                        && delay > duration
                    {
                        return Err(bad(i, format!("delay {delay} is longer than the duration {duration}")));
                    }
                    t.outages.entry(facility.0).or_default().push(Outage {
                        start: *start,
                        duration: *duration,
                        severity: *severity,
                        profile: *profile,
                    });
                }
                Disruption::DemandShock { market, start, duration, factor } => {
                    if market.index() >= net.facilities.len() || !net.facility(*market).is_market() {
                        return Err(bad(i, "demand shocks apply to markets".into()));
                    }
                    if !(factor.is_finite() && *factor >= 0.0) {
                        return Err(bad(i, format!("factor {factor} is not a non-negative number")));
                    }
                    t.shocks.entry(market.0).or_default().push(Shock {
                        start: *start,
                        end: start.saturating_add(*duration),
                        factor: *factor,
                    });
                }
                Disruption::ChokepointClosure { chokepoint, start, duration, severity } => {
                    check_severity(i, *severity)?;
                    if chokepoint.index() >= net.chokepoints.len() {
                        return Err(bad(
                            i,
                            format!("chokepoint index {} is not in the network", chokepoint.0),
                        ));
                    }
                    for (l, link) in net.links.iter().enumerate() {
                        let Some(r) = link.route else { continue };
                        let route = &net.routes[r.index()];
                        let (s, e) = (*start, start.saturating_add(*duration));
                        if route.chokepoints.contains(chokepoint) {
                            t.push_link(
                                l as u32,
                                LinkEvent { start: s, end: e, effect: LinkEffect::Primary(*severity) },
                            );
                        }
                        if route.alternate.as_ref().is_some_and(|a| a.chokepoints.contains(chokepoint)) {
                            t.push_link(
                                l as u32,
                                LinkEvent { start: s, end: e, effect: LinkEffect::Alternate(*severity) },
                            );
                        }
                    }
                }
                Disruption::RouteClosure { route, start, duration, severity } => {
                    check_severity(i, *severity)?;
                    for (l, link) in net.links.iter().enumerate() {
                        if link.route == Some(*route) {
                            t.push_link(
                                l as u32,
                                LinkEvent {
                                    start: *start,
                                    end: start.saturating_add(*duration),
                                    effect: LinkEffect::Primary(*severity),
                                },
                            );
                        }
                    }
                }
                Disruption::ExportBan { from, to, goods, start, duration } => {
                    for (l, link) in net.links.iter().enumerate() {
                        let s = net.facility(link.supplier);
                        let c = net.facility(link.customer);
                        let product = &net.products[link.product.index()];
                        let covered = match goods {
                            Goods::All => true,
                            Goods::Products(p) => p.contains(&link.product),
                            Goods::Sectors(sectors) => sectors.contains(&product.sector),
                        };
                        if s.country == *from
                            && to.is_none_or(|to| c.country == to)
                            && c.country != s.country
                            && covered
                        {
                            t.push_link(
                                l as u32,
                                LinkEvent {
                                    start: *start,
                                    end: start.saturating_add(*duration),
                                    effect: LinkEffect::Block,
                                },
                            );
                        }
                    }
                }
            }
        }
        t.link_order = t.links.keys().copied().collect();
        t.link_order.sort_unstable();
        t.facility_order = t.outages.keys().chain(t.shocks.keys()).copied().collect();
        t.facility_order.sort_unstable();
        t.facility_order.dedup();
        Ok(t)
    }

    fn push_link(&mut self, l: u32, e: LinkEvent) {
        self.links.entry(l).or_default().push(e);
    }

    /// Whether nothing changes after `day`: every event has ended, except step outages that
    /// have started and last past the horizon.
    pub fn constant_after(&self, day: u32) -> bool {
        self.links.is_empty()
            && self.shocks.values().flatten().all(|e| e.end <= day + 1)
            && self.outages.values().flatten().all(|e| {
                let end = e.start.saturating_add(e.duration);
                end <= day + 1
                    || (e.start <= day && matches!(e.profile, RecoveryProfile::Step) && end == u32::MAX)
            })
    }

    /// Capacity factor of facility `f` on day `day`: product over its outages of (1 - loss).
    pub fn kappa(&self, f: u32, day: u32) -> f64 {
        let Some(events) = self.outages.get(&f) else { return 1.0 };
        let mut k = 1.0;
        for e in events {
            if day >= e.start {
                k *= 1.0 - e.profile.loss(e.severity, e.duration, day - e.start);
            }
        }
        k
    }

    /// Whether facility `f` has an outage that is active on `day`.
    pub fn outage_active(&self, f: u32, day: u32) -> bool {
        self.outages
            .get(&f)
            .is_some_and(|v| v.iter().any(|e| day >= e.start && day < e.start.saturating_add(e.duration)))
    }

    /// Demand multiplier of market `m` on `day`.
    pub fn demand_factor(&self, m: u32, day: u32) -> f64 {
        let Some(events) = self.shocks.get(&m) else { return 1.0 };
        events.iter().filter(|e| day >= e.start && day < e.end).map(|e| e.factor).product()
    }

    /// A link's status on `day` given its baseline flow.
    pub fn link_status(&self, net: &Network, base: &Baseline, l: u32, day: u32) -> LinkStatus {
        let Some(events) = self.links.get(&l) else { return LinkStatus::OPEN };
        let (mut primary, mut alternate, mut blocked) = (1.0f64, 1.0f64, false);
        for e in events {
            if day < e.start || day >= e.end {
                continue;
            }
            match e.effect {
                LinkEffect::Primary(s) => primary *= 1.0 - s,
                LinkEffect::Alternate(s) => alternate *= 1.0 - s,
                LinkEffect::Block => blocked = true,
            }
        }
        if blocked {
            return LinkStatus { primary: 0.0, alternate: 0.0, extra: 0, banned: true };
        }
        if primary == 1.0 {
            return LinkStatus::OPEN;
        }
        let link = &net.links[l as usize];
        let flow = base.link_flow[l as usize];
        let alt = link.route.and_then(|r| net.routes[r.index()].alternate.as_ref());
        match alt {
            Some(a) => LinkStatus {
                primary: primary * flow,
                alternate: alternate * a.capacity_share * flow,
                extra: a.extra_days,
                banned: false,
            },
            None => LinkStatus { primary: primary * flow, alternate: 0.0, extra: 0, banned: false },
        }
    }
}
