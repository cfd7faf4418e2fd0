//! A trial's disruptions as ARIO sees them, day by day (docs/model.md §7.5):
//!
//! - an **outage** of severity s with a recovery profile is a capital loss: the share of
//!   productive capacity lost, Delta_i(t) = min(1, sum over the facility's outages of
//!   profile_loss(t - start)) (destroyed capital adds up; the native rules multiply capacity
//!   factors instead). With `compat.recovery_lag` the profile starts one day later, as in BoARIO;
//! - a **demand shock** scales the market's final demand Y;
//! - a **route or chokepoint closure** and an **export ban** limit the links they touch: a link
//!   carries at most phi_l(t) of its baseline flow's share of business, phi = 0 when blocked or
//!   closed without alternate, (primary + alternate capacity) / baseline flow when partly
//!   closed. Orders are split only over what links can carry; final demand on a blocked link is
//!   unmet. Lead times and the alternate's extra days play no part (ARIO delivers within the
//!   day).

use kuroshio_core::{Baseline, Network};

use crate::ario::ArioModel;
use crate::timeline::Timeline;

/// The day-by-day view of one trial's disruptions.
pub(crate) struct Events<'a> {
    tl: &'a Timeline,
    net: &'a Network,
    base: &'a Baseline,
    /// Days the capital-loss profile is delayed by (0, or 1 with `compat.recovery_lag`).
    lag: u32,
    /// Facilities with outages and markets with shocks, in id order.
    facilities: Vec<u32>,
    /// Positions of links under an event, sorted, with their link ids.
    pub positions: Vec<u32>,
    link_ids: Vec<u32>,
    /// Per slot: some link of the slot is under an event in this trial.
    pub slot_eventful: Vec<bool>,
}

impl<'a> Events<'a> {
    pub fn new(model: &ArioModel, net: &'a Network, base: &'a Baseline, tl: &'a Timeline) -> Events<'a> {
        let mut pairs: Vec<(u32, u32)> =
            tl.link_order.iter().map(|&l| (model.pos_of_link[l as usize], l)).collect();
        pairs.sort_unstable();
        let mut slot_eventful = vec![false; model.slot_fac.len()];
        for &(_, l) in &pairs {
            slot_eventful[net.link_slot(kuroshio_core::LinkId(l))] = true;
        }
        Events {
            tl,
            net,
            base,
            lag: u32::from(model.params.compat.recovery_lag),
            facilities: tl.facility_order.clone(),
            positions: pairs.iter().map(|p| p.0).collect(),
            link_ids: pairs.iter().map(|p| p.1).collect(),
            slot_eventful,
        }
    }

    /// Facilities (outages) and markets (shocks) under an event in this trial.
    pub fn facilities(&self) -> &[u32] {
        &self.facilities
    }

    /// Share of capacity lost by facility `f` on `day`.
    pub fn delta(&self, f: u32, day: u32) -> f64 {
        let Some(events) = self.tl.outages.get(&f) else { return 0.0 };
        let mut d = 0.0;
        for e in events {
            if day >= e.start {
                let since = (day - e.start).saturating_sub(self.lag);
                d += e.profile.loss(e.severity, e.duration, since);
            }
        }
        d.min(1.0)
    }

    /// Final-demand multiplier of market `m` on `day`.
    pub fn factor(&self, m: u32, day: u32) -> f64 {
        self.tl.demand_factor(m, day)
    }

    /// Share of its baseline business the `i`-th eventful link can carry on `day`.
    pub fn phi(&self, i: usize, day: u32) -> f64 {
        let l = self.link_ids[i];
        let st = self.tl.link_status(self.net, self.base, l, day);
        if st.banned {
            0.0
        } else if st.is_open() {
            1.0
        } else {
            let flow = self.base.link_flow[l as usize];
            if flow > 0.0 { (st.total() / flow).min(1.0) } else { 0.0 }
        }
    }

    /// Where eventful link position `k` is in [`Events::positions`].
    #[inline]
    pub fn index_of(&self, k: usize) -> Option<usize> {
        self.positions.binary_search(&(k as u32)).ok()
    }
}
