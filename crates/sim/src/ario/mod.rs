//! The ARIO rule set (Hallegatte 2008, 2014; the psi variant of BoARIO's `ARIOPsiModel`):
//! overproduction, the psi inventory constraint, the inventory restoration time, proportional
//! rationing over intermediate and final demand, and capital losses with their recovery
//! profile. Equations and every difference from the native rules: docs/model.md §7.
//!
//! It reads the same [`Network`] and [`Baseline`] as the native engine: industries are the
//! facilities, Z0 the baseline flows on links into facilities, Y0 the flows on links into markets,
//! X0 each facility's baseline deliveries, A^S the recipes; a trial takes the same disruption list
//! and fills the same [`TrialOutcome`](crate::TrialOutcome).
//!
//! Files, one job each: [`params`] (resolved parameters), [`state`] (one trial's mutable
//! state), [`events`] (capital losses, demand shocks, blocked links, by day), [`stages`] (one
//! day: overproduction, production, distribution and rationing, orders), [`outcome`] (impact
//! bookkeeping and the outcome).
//!
//! Layout: the in-links of every input slot are stored contiguously in slot order (the order of
//! `Network::in_links`), so each day is a few linear passes over the links with no allocation.
//! Quantities that must stay exactly at the baseline when nothing happens are computed from the
//! baseline flows themselves (see [`ArioModel::need`]), so that a trial without disruption repeats
//! the baseline bit for bit.

mod events;
mod outcome;
mod params;
mod stages;
mod state;

use kuroshio_core::{Baseline, FacilityId, Network, Settings};

use crate::disruption::Disruption;
use crate::error::SimError;
use crate::outcome::TrialOutcome;
use crate::simulator::RunOptions;
use crate::timeline::Timeline;
pub(crate) use params::Params;

/// Per-network constants of the ARIO rule set.
#[derive(Debug)]
pub(crate) struct ArioModel {
    pub params: Params,
    /// Per facility: a market (final demand) or an industry.
    pub market: Vec<bool>,
    /// Per facility: baseline output X0 (industries: the sum of their baseline deliveries, in the
    /// order the day loop adds demand; markets: their baseline demand).
    pub x0: Vec<f64>,
    /// Per facility: unit value of its product, USD.
    pub value: Vec<f64>,
    /// Per facility: productive capital K = capital_to_va * 365 * max(0, X0 - inputs bought).
    pub capital: Vec<f64>,
    /// Per facility: its slots are `fac_slot[f]..fac_slot[f + 1]`.
    pub fac_slot: Vec<u32>,
    /// Per slot: the facility.
    pub slot_fac: Vec<u32>,
    /// Per slot: recipe coefficient a (A^S).
    pub a: Vec<f64>,
    /// Per slot: baseline flow summed over its links (Z^S 0).
    pub zs0: Vec<f64>,
    /// Per slot: target inventory in days of use, s_p.
    pub inv_days: Vec<f64>,
    /// Per slot: whether the input can constrain production.
    pub mask: Vec<bool>,
    /// Per slot: its in-links are positions `link_start[s]..link_start[s + 1]`.
    pub link_start: Vec<u32>,
    /// Per link position: supplier, baseline flow, link id.
    pub link_sup: Vec<u32>,
    pub link_z0: Vec<f64>,
    pub link_id: Vec<u32>,
    /// Per link id: its position.
    pub pos_of_link: Vec<u32>,
    /// Slots of industries, and of markets, in slot order.
    pub industry_slots: Vec<u32>,
    pub market_slots: Vec<u32>,
}

impl ArioModel {
    pub fn new(net: &Network, base: &Baseline, settings: &Settings) -> ArioModel {
        let n = net.facilities.len();
        let market: Vec<bool> = net.facilities.iter().map(|f| f.is_market()).collect();
        let slots = net.slot_count();
        let mut fac_slot = Vec::with_capacity(n + 1);
        let mut slot_fac = vec![0u32; slots];
        let mut a = vec![0.0; slots];
        let mut inv_days = vec![0.0; slots];
        for f in 0..n {
            let fid = FacilityId::from_index(f);
            let first = net.first_slot(fid);
            fac_slot.push(first as u32);
            for (k, input) in net.inputs(fid).iter().enumerate() {
                slot_fac[first + k] = f as u32;
                a[first + k] = input.per_unit;
                inv_days[first + k] = settings.ario.inventory_days(&net.products[input.product.index()].id);
            }
        }
        fac_slot.push(slots as u32);
        // In-links in slot order.
        let mut link_start = vec![0u32; slots + 1];
        let mut link_sup = Vec::with_capacity(net.links.len());
        let mut link_z0 = Vec::with_capacity(net.links.len());
        let mut link_id = Vec::with_capacity(net.links.len());
        let mut pos_of_link = vec![0u32; net.links.len()];
        for f in 0..n {
            for &l in net.in_links(FacilityId::from_index(f)) {
                let link = &net.links[l as usize];
                pos_of_link[l as usize] = link_id.len() as u32;
                link_start[net.link_slot(kuroshio_core::LinkId(l)) + 1] += 1;
                link_sup.push(link.supplier.0);
                link_z0.push(base.link_flow[l as usize]);
                link_id.push(l);
            }
        }
        for s in 0..slots {
            link_start[s + 1] += link_start[s];
        }
        let mut zs0 = vec![0.0; slots];
        for s in 0..slots {
            let (lo, hi) = (link_start[s] as usize, link_start[s + 1] as usize);
            zs0[s] = link_z0[lo..hi].iter().sum();
        }
        let (industry_slots, market_slots): (Vec<u32>, Vec<u32>) =
            (0..slots as u32).partition(|&s| !market[slot_fac[s as usize] as usize]);
        // X0: industries' baseline deliveries added in exactly the order the day loop adds
        // demand (industry slots, then market slots), so that the baseline is a fixed point.
        let mut x0 = vec![0.0; n];
        for &s in industry_slots.iter().chain(&market_slots) {
            let s = s as usize;
            for k in link_start[s] as usize..link_start[s + 1] as usize {
                x0[link_sup[k] as usize] += link_z0[k];
            }
        }
        for f in 0..n {
            if market[f] {
                let (lo, hi) = (fac_slot[f] as usize, fac_slot[f + 1] as usize);
                x0[f] = zs0[lo..hi].iter().sum();
            }
        }
        let compat = settings.ario.compat;
        let mask = (0..slots)
            .map(|s| {
                let f = slot_fac[s] as usize;
                if compat.annual_input_mask {
                    // BoARIO: annual Z^S against daily x (TECHNOLOGY_THRESHOLD = 1e-5).
                    zs0[s] * 365.0 > x0[f] * 1e-5
                } else {
                    zs0[s] > 0.0 && a[s] > 0.0
                }
            })
            .collect();
        let capital = (0..n)
            .map(|f| {
                if market[f] {
                    return 0.0;
                }
                let bought: f64 = zs0[fac_slot[f] as usize..fac_slot[f + 1] as usize].iter().sum();
                settings.ario.capital_to_va * 365.0 * (x0[f] - bought).max(0.0)
            })
            .collect();
        let value = net.facilities.iter().map(|f| net.products[f.product.index()].unit_value).collect();
        ArioModel {
            params: Params::new(&settings.ario),
            market,
            x0,
            value,
            capital,
            fac_slot,
            slot_fac,
            a,
            zs0,
            inv_days,
            mask,
            link_start,
            link_sup,
            link_z0,
            link_id,
            pos_of_link,
            industry_slots,
            market_slots,
        }
    }

    /// Inputs of slot `s` needed to produce `x`: a * x, except at exactly the baseline output,
    /// where it is the slot's baseline flow Z^S 0 (equal up to rounding), so that the baseline
    /// is an exact fixed point.
    #[inline(always)]
    pub fn need(&self, s: usize, x: f64) -> f64 {
        let f = self.slot_fac[s] as usize;
        if x == self.x0[f] { self.zs0[s] } else { x * self.a[s] }
    }

    /// The links of slot `s`, as a range of positions.
    #[inline(always)]
    pub fn links(&self, s: usize) -> std::ops::Range<usize> {
        self.link_start[s] as usize..self.link_start[s + 1] as usize
    }

    /// The slots of facility `f`.
    #[inline(always)]
    pub fn slots(&self, f: usize) -> std::ops::Range<usize> {
        self.fac_slot[f] as usize..self.fac_slot[f + 1] as usize
    }

    /// Bytes on the heap.
    pub fn heap_bytes(&self) -> usize {
        fn v<T>(x: &Vec<T>) -> usize {
            x.capacity() * std::mem::size_of::<T>()
        }
        v(&self.market)
            + v(&self.x0)
            + v(&self.value)
            + v(&self.capital)
            + v(&self.fac_slot)
            + v(&self.slot_fac)
            + v(&self.a)
            + v(&self.zs0)
            + v(&self.inv_days)
            + v(&self.mask)
            + v(&self.link_start)
            + v(&self.link_sup)
            + v(&self.link_z0)
            + v(&self.link_id)
            + v(&self.pos_of_link)
            + v(&self.industry_slots)
            + v(&self.market_slots)
    }
}

/// Runs one trial under the ARIO rules.
pub(crate) fn run(
    model: &ArioModel,
    net: &Network,
    base: &Baseline,
    settings: &Settings,
    disruptions: &[Disruption],
    options: &RunOptions,
) -> Result<TrialOutcome, SimError> {
    for f in &options.record {
        if f.index() >= net.facilities.len() {
            return Err(SimError::UnknownFacility(f.0));
        }
    }
    let timeline = Timeline::compile(net, disruptions)?;
    let events = events::Events::new(model, net, base, &timeline);
    let mut st = state::State::new(model, &events);
    let mut acc = outcome::Acc::new(model, net, settings, options);
    let horizon = settings.horizon_days;
    let mut days = 0u32;
    for t in 0..horizon {
        stages::day(model, &events, &mut st, t);
        days += 1;
        let shortage = acc.record(model, &st, t);
        if shortage && options.stop_at_first_shortage {
            break;
        }
    }
    Ok(acc.finish(model, &timeline, settings, days))
}
