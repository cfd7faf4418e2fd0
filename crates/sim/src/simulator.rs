//! The static side of a trial: per-network constants computed once (baseline flows, targets,
//! ring layout), and the entry point [`Simulator::run`].

use kuroshio_core::{Baseline, FacilityId, LinkId, Model, Network, Settings};

use crate::ario::{self, ArioModel};
use crate::disruption::Disruption;
use crate::engine;
use crate::error::SimError;
use crate::outcome::TrialOutcome;
use crate::state::Workspace;
use crate::timeline::Timeline;

/// Which engine steps the days. Both give the same answer (tested to 1e-9; in practice
/// bit-identical); the sparse one only touches facilities away from the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Engine {
    /// Steps every facility every day: the reference.
    Dense,
    /// Steps only facilities whose state departs from the baseline, and their neighbours.
    #[default]
    Sparse,
}

/// Whether the engine prefetches the scattered link data of the facilities it is about to
/// step. A hint to the memory system: it never changes a value, only the time a trial takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Prefetch {
    /// On days with more facilities to step than fit in a large cache (16,384, about 28 MB of
    /// engine data), and in the dense engine only while an eighth of the network is off the
    /// baseline: where it was measured to pay (docs/benchmarks.md).
    #[default]
    Auto,
    /// Every day, for every facility that will walk its links (for tests and measurements).
    Always,
    /// Never.
    Never,
}

/// Options of one run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Which engine.
    pub engine: Engine,
    /// Facilities whose daily series to record.
    pub record: Vec<FacilityId>,
    /// Stop at the end of the first day with unmet final demand (for searches that only need
    /// to know whether a shortage occurs, such as time to survive). The outcome then covers the
    /// days up to that one.
    pub stop_at_first_shortage: bool,
    /// Stop once the network has repeated the same day exactly for longer than any shipment is
    /// in transit, with no event left to change (every event ended, or a step outage lasting
    /// past the horizon): nothing can change after that. Only the questions "is there a
    /// shortage?" and "how much so far?" keep their answers; daily series end there.
    pub stop_when_steady: bool,
    /// Whether to prefetch link data (no effect on results).
    pub prefetch: Prefetch,
}

/// Where a link's ring of cells is: `start + day % len`, the remainder taken with `magic`
/// (see [`Ring::index`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ring {
    pub start: usize,
    pub magic: u64,
    pub len: u32,
}

impl Ring {
    fn new(start: usize, len: u32) -> Self {
        // For len 1 the magic wraps to 0, which gives remainder 0, as it should.
        Ring { start, magic: (u64::MAX / u64::from(len)).wrapping_add(1), len }
    }

    /// The cell for `day`: `start + day % len` with two multiplications instead of a division
    /// (Lemire, Kaser and Kurz 2019, "Faster remainder by direct computation"; exact for every
    /// 32-bit day and ring length).
    #[inline(always)]
    pub fn index(&self, day: u32) -> usize {
        let low = self.magic.wrapping_mul(u64::from(day));
        self.start + ((u128::from(low) * u128::from(self.len)) >> 64) as usize
    }
}

/// An out-link as its supplier's phase A reads it: the constants of the shipping loop side by
/// side, in out-link order, so that a supplier walks one contiguous run instead of gathering
/// them from per-link arrays and the network's link table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OutLink {
    pub ring: Ring,
    pub flow: f64,
    pub link: u32,
    pub customer: u32,
    pub lead: u32,
}

/// An in-link as its customer reads it (arrivals in phase A, orders in phase B), in slot order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct InLink {
    pub ring: Ring,
    pub link: u32,
    pub supplier: u32,
}

/// Per-network constants of the daily model, computed once and shared by every trial.
#[derive(Debug)]
pub struct Simulator<'n> {
    pub(crate) net: &'n Network,
    pub(crate) base: &'n Baseline,
    pub(crate) settings: Settings,
    /// Baseline output per facility.
    pub(crate) x0: Vec<f64>,
    /// Capacity per facility (infinite for markets).
    pub(crate) cap: Vec<f64>,
    /// Unit value of each facility's product, USD.
    pub(crate) value: Vec<f64>,
    /// Per input slot: recipe coefficient a, baseline stock target, baseline need a * x0,
    /// qualification days of the input product.
    pub(crate) a: Vec<f64>,
    pub(crate) target: Vec<f64>,
    pub(crate) base_need: Vec<f64>,
    pub(crate) qualification: Vec<u32>,
    /// Per link: baseline flow share * a * x0(customer) (0 for backups), lead time, ring
    /// (offset and length of its cells), base share.
    pub(crate) flow: Vec<f64>,
    pub(crate) lead: Vec<u32>,
    pub(crate) ring: Vec<Ring>,
    pub(crate) base_share: Vec<f64>,
    pub(crate) cells: usize,
    /// In-links of every facility, facility after facility, grouped by input slot; slot s's
    /// links are `slot_links[slot_start[s]..slot_start[s + 1]]`.
    pub(crate) slot_links: Vec<u32>,
    pub(crate) slot_start: Vec<u32>,
    /// `slot_links` with the constants the customer reads (same order).
    pub(crate) in_pack: Vec<InLink>,
    /// Out-links of every facility, facility after facility in `out_links` order; facility
    /// i's are `out_pack[out_start[i]..out_start[i + 1]]`.
    pub(crate) out_pack: Vec<OutLink>,
    pub(crate) out_start: Vec<u32>,
    /// Longest ring (lead time + alternate days + 1): steady this long means nothing in transit
    /// predates the steady state.
    pub(crate) max_ring: u32,
    /// The ARIO rule set's constants, when `settings.model` is `ario`: trials then run through
    /// `ario::run` instead of the native engine (the one place the rule set is chosen).
    ario: Option<Box<ArioModel>>,
}

impl<'n> Simulator<'n> {
    /// Prepares the constants of `net` at `baseline` with `settings`.
    pub fn new(net: &'n Network, base: &'n Baseline, settings: &Settings) -> Self {
        let n = net.facilities.len();
        let slots = net.slot_count();
        let mut a = vec![0.0; slots];
        let mut target = vec![0.0; slots];
        let mut base_need = vec![0.0; slots];
        let mut qualification = vec![0; slots];
        for f in 0..n {
            let fid = FacilityId::from_index(f);
            let first = net.first_slot(fid);
            for k in 0..net.inputs(fid).len() {
                let input = net.inputs(fid)[k];
                a[first + k] = input.per_unit;
                base_need[first + k] = input.per_unit * base.output[f];
                target[first + k] = base.inventory(net, fid, k);
                qualification[first + k] = net.products[input.product.index()].qualification_days;
            }
        }
        let mut flow = Vec::with_capacity(net.links.len());
        let mut lead = Vec::with_capacity(net.links.len());
        let mut ring_start = Vec::with_capacity(net.links.len());
        let mut ring_len = Vec::with_capacity(net.links.len());
        let mut base_share = Vec::with_capacity(net.links.len());
        let mut cells = 0usize;
        for (l, link) in net.links.iter().enumerate() {
            let slot = net.link_slot(LinkId::from_index(l));
            flow.push(if link.backup { 0.0 } else { link.share * base_need[slot] });
            base_share.push(if link.backup { 0.0 } else { link.share });
            lead.push(link.lead_time_days);
            let extra =
                link.route.and_then(|r| net.routes[r.index()].alternate.as_ref()).map_or(0, |a| a.extra_days);
            // One more cell than the longest delay so that a shipment never lands in the cell
            // being read the same day.
            let len = link.lead_time_days + extra + 1;
            ring_start.push(cells);
            ring_len.push(len);
            cells += len as usize;
        }
        let value = net.facilities.iter().map(|f| net.products[f.product.index()].unit_value).collect();
        // In-link CSR items are in (facility, slot) order, so one pass gives slot boundaries.
        let mut slot_links = Vec::with_capacity(net.links.len());
        let mut slot_start = vec![0u32; slots + 1];
        for f in 0..n {
            for &l in net.in_links(FacilityId::from_index(f)) {
                slot_links.push(l);
                slot_start[net.link_slot(LinkId(l)) + 1] += 1;
            }
        }
        for s in 0..slots {
            slot_start[s + 1] += slot_start[s];
        }
        let ring: Vec<Ring> = ring_start.iter().zip(&ring_len).map(|(&s, &len)| Ring::new(s, len)).collect();
        let in_pack = slot_links
            .iter()
            .map(|&l| InLink { ring: ring[l as usize], link: l, supplier: net.links[l as usize].supplier.0 })
            .collect();
        let mut out_pack = Vec::with_capacity(net.links.len());
        let mut out_start = Vec::with_capacity(n + 1);
        out_start.push(0u32);
        for f in 0..n {
            for &l in net.out_links(FacilityId::from_index(f)) {
                let li = l as usize;
                out_pack.push(OutLink {
                    ring: ring[li],
                    flow: flow[li],
                    link: l,
                    customer: net.links[li].customer.0,
                    lead: lead[li],
                });
            }
            out_start.push(out_pack.len() as u32);
        }
        Simulator {
            net,
            base,
            settings: settings.clone(),
            x0: base.output.clone(),
            // Validation allows baseline output above capacity by a rounding slack (1e-9
            // relative); at the baseline the facility produces its baseline.
            cap: net.facilities.iter().zip(&base.output).map(|(f, &x)| f.capacity.max(x)).collect(),
            value,
            a,
            target,
            base_need,
            qualification,
            flow,
            lead,
            ring,
            base_share,
            cells,
            max_ring: ring_len.iter().copied().max().unwrap_or(1),
            slot_links,
            slot_start,
            in_pack,
            out_pack,
            out_start,
            ario: (settings.model == Model::Ario).then(|| Box::new(ArioModel::new(net, base, settings))),
        }
    }

    /// The rule set trials run with (`settings.model`).
    pub fn model(&self) -> Model {
        if self.ario.is_some() { Model::Ario } else { Model::Native }
    }

    /// Under the ARIO rules: each facility's productive capital K (capital_to_va times annual
    /// value added, in the network's money units per its products' units), the capital an outage
    /// of severity s destroys being s K. `None` under the native rules.
    pub fn ario_capital(&self) -> Option<&[f64]> {
        self.ario.as_ref().map(|a| a.capital.as_slice())
    }

    /// The cell of link `l` for `day`.
    #[inline(always)]
    pub(crate) fn cell_index(&self, l: usize, day: u32) -> usize {
        self.ring[l].index(day)
    }

    /// Facility i's out-links with their shipping constants.
    #[inline(always)]
    pub(crate) fn outs(&self, i: usize) -> &[OutLink] {
        &self.out_pack[self.out_start[i] as usize..self.out_start[i + 1] as usize]
    }

    /// Facility i's input slots: `first_slot(i)..first_slot(i + 1)`, read from the slot table
    /// rather than the facility's recipe (one cache line fewer per step).
    #[inline(always)]
    pub(crate) fn slots(&self, i: usize) -> std::ops::Range<usize> {
        self.net.first_slot(FacilityId::from_index(i))..self.net.first_slot(FacilityId::from_index(i + 1))
    }

    /// Slot s's in-links with their constants.
    #[inline(always)]
    pub(crate) fn ins(&self, s: usize) -> &[InLink] {
        &self.in_pack[self.slot_start[s] as usize..self.slot_start[s + 1] as usize]
    }

    /// The network.
    pub fn network(&self) -> &'n Network {
        self.net
    }

    /// Bytes of the rings of in-transit cells of a [`Workspace`] (part of
    /// [`Workspace::heap_bytes`]): one cell per link and day of its longest transit. A day reads
    /// and writes only a cell or two of each ring, so the data a dense day streams is the
    /// constants and the state without most of the rings (see the `bandwidth` bench).
    pub fn ring_bytes(&self) -> usize {
        self.cells * std::mem::size_of::<f64>()
    }

    /// Bytes of the per-network constants on the heap.
    pub fn heap_bytes(&self) -> usize {
        fn v<T>(x: &Vec<T>) -> usize {
            x.capacity() * std::mem::size_of::<T>()
        }
        v(&self.cap)
            + v(&self.value)
            + v(&self.a)
            + v(&self.target)
            + v(&self.base_need)
            + v(&self.qualification)
            + v(&self.flow)
            + v(&self.lead)
            + v(&self.ring)
            + v(&self.base_share)
            + v(&self.slot_links)
            + v(&self.slot_start)
            + v(&self.in_pack)
            + v(&self.out_pack)
            + v(&self.out_start)
            + self.ario.as_ref().map_or(0, |a| a.heap_bytes())
    }

    /// The baseline.
    pub fn baseline(&self) -> &'n Baseline {
        self.base
    }

    /// The settings (the horizon among them).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// A fresh workspace for this network; reuse it across trials (the sparse engine cleans
    /// up only what it touched).
    pub fn workspace(&self) -> Workspace {
        Workspace::new(self)
    }

    /// Runs one trial with a fresh workspace.
    pub fn run(&self, disruptions: &[Disruption], options: &RunOptions) -> Result<TrialOutcome, SimError> {
        if let Some(model) = &self.ario {
            return ario::run(model, self.net, self.base, &self.settings, disruptions, options);
        }
        let mut ws = self.workspace();
        self.run_in(&mut ws, disruptions, options)
    }

    /// Runs one trial in a reusable workspace.
    pub fn run_in(
        &self,
        ws: &mut Workspace,
        disruptions: &[Disruption],
        options: &RunOptions,
    ) -> Result<TrialOutcome, SimError> {
        if let Some(model) = &self.ario {
            // ARIO keeps its own per-trial state; the workspace is not used.
            return ario::run(model, self.net, self.base, &self.settings, disruptions, options);
        }
        for f in &options.record {
            if f.index() >= self.net.facilities.len() {
                return Err(SimError::UnknownFacility(f.0));
            }
        }
        let timeline = Timeline::compile(self.net, disruptions)?;
        Ok(engine::run(self, ws, &timeline, options))
    }
}

#[cfg(test)]
mod tests {
    use super::Ring;

    #[test]
    fn ring_index_is_the_remainder() {
        for len in (1..=64).chain([97, 365, 1000, u32::MAX]) {
            let ring = Ring::new(10, len);
            for day in (0..2000).chain([u32::MAX - 1, u32::MAX, 1 << 31, (1 << 31) - 1]) {
                assert_eq!(ring.index(day), 10 + (day % len) as usize, "day {day} len {len}");
            }
        }
    }
}
