//! The mutable state of a trial, in deviations from the baseline, and one facility's day.
//!
//! Every quantity is stored as its deviation from the steady state (stock minus target, order
//! minus baseline flow, arrival minus baseline flow, ...). A facility at the baseline therefore
//! has all-zero state and its day computes exact zeros: no rounding drift over any horizon, and
//! the sparse engine can skip it without changing a bit of the result.

use kuroshio_core::FacilityId;

use crate::simulator::Simulator;
use crate::timeline::LinkStatus;

const NONE: u32 = u32::MAX;

/// Per-facility impact bookkeeping.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Acc {
    pub lost: f64,
    pub min_ratio: f64,
    pub first_below: u32,
    pub last_below: u32,
    pub touched: bool,
}

impl Acc {
    const ZERO: Acc = Acc { lost: 0.0, min_ratio: 1.0, first_below: NONE, last_below: NONE, touched: false };
}

/// Reusable state of one trial.
#[derive(Debug)]
pub struct Workspace {
    // Per input slot.
    pub(crate) dinv: Vec<f64>,
    pub(crate) shortfall_start: Vec<u32>,
    pub(crate) calm_days: Vec<u32>,
    pub(crate) shifted: Vec<bool>,
    /// Shares of the slot have returned once this trial (they do not return twice).
    pub(crate) returned: Vec<bool>,
    // Per link.
    pub(crate) cells: Vec<f64>,
    /// Per link: the order deviation, in-transit deviation and fill ratio, side by side.
    pub(crate) links: Vec<LinkState>,
    pub(crate) share: Vec<f64>,
    pub(crate) held: foldhash::HashMap<u32, Vec<(u32, f64)>>,
    // Per facility.
    /// Spare capacity today (capacity * kappa - output).
    pub(crate) spare: Vec<f64>,
    /// Demand deviation today (phase A, read by phase B).
    pub(crate) dd_today: Vec<f64>,
    /// Unmet demand today (markets).
    pub(crate) unmet_today: Vec<f64>,
    pub(crate) backlog: Vec<f64>,
    /// Per facility: how many of its in-link cells and in-transit quantities are non-zero.
    pub(crate) inbound: Vec<Inbound>,
    pub(crate) acc: Vec<Acc>,
    pub(crate) dx_today: Vec<f64>,
    // Sparse bookkeeping.
    pub(crate) active: Vec<bool>,
    pub(crate) queued: Vec<bool>,
    pub(crate) touched: Vec<u32>,
    pub(crate) ever: Vec<bool>,
    // Scratch.
    pub(crate) scratch_arr: Vec<f64>,
    /// Today's arrival deviations of the last facility stepped, kept for recording.
    pub(crate) last_arrivals: foldhash::HashMap<u32, Vec<f64>>,
    pub(crate) recording: Vec<bool>,
    pub(crate) status_today: foldhash::HashMap<u32, LinkStatus>,
    pub(crate) status_tomorrow: foldhash::HashMap<u32, LinkStatus>,
    pub(crate) dirty_full: bool,
    /// Today's capacity factor and demand multiplier per facility (1 except under events).
    pub(crate) kappa: Vec<f64>,
    pub(crate) demand_factor: Vec<f64>,
    /// Per facility: fingerprint of its last day (see `order`).
    pub(crate) signature: Vec<u64>,
    /// Whether every facility stepped today repeated its previous day exactly.
    pub(crate) steady: bool,
    /// Per facility: some out-link fill is not 1 (the supplier must rewrite them).
    pub(crate) fill_dirty: Vec<bool>,
    /// Per facility: some in-link was filled below 1 (the customer must run its sourcing
    /// response); set by suppliers in phase A, cleared by the customer in phase B.
    pub(crate) fill_alert: Vec<bool>,
    /// Per facility: some in-link order deviation is not 0.
    pub(crate) order_dirty: Vec<bool>,
    /// Per facility: how many out-links carry a non-zero order deviation (exact integer
    /// bookkeeping, so a supplier with none can skip reading them).
    pub(crate) orders_in: Vec<u32>,
    /// Per facility: some out-link is under an event in this trial.
    pub(crate) eventful_out: Vec<bool>,
    /// Links under an event today or tomorrow (a bit per link), so that open links skip the
    /// status lookup.
    pub(crate) eventful: Vec<u64>,
}

/// What a link's supplier and customer both read and write each day, in one 32-byte block (one
/// cache line access instead of three when a supplier serves a customer anywhere in the
/// network), with the customer's count of short days in what would be padding.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(32))]
pub(crate) struct LinkState {
    /// Order placed for tomorrow (deviation of the requested quantity).
    pub order: f64,
    /// In-transit deviation.
    pub transit: f64,
    /// Fill ratio shipped / requested of today's shipments.
    pub fill: f64,
    /// Days in a row the customer was filled short on this link (in the block's padding).
    pub short_days: u32,
}

impl LinkState {
    const BASELINE: LinkState = LinkState { order: 0.0, transit: 0.0, fill: 1.0, short_days: 0 };
}

/// A facility's counts of non-zero values on its in-links, which its suppliers update when they
/// ship: side by side, so a supplier's shipment touches one cache line of the customer's.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Inbound {
    /// Non-zero ring cells.
    pub nonzero_cells: u32,
    /// In-links with a non-zero in-transit deviation.
    pub transit_in: u32,
}

/// Keeps `count` (how many values are non-zero) right when one value goes from `before` to
/// `after`: exact integer bookkeeping that lets a facility skip links whose values are all zero.
#[inline]
fn count_nonzero(count: &mut u32, before: f64, after: f64) {
    if before == 0.0 && after != 0.0 {
        *count += 1;
    } else if before != 0.0 && after == 0.0 {
        *count -= 1;
    }
}

impl Workspace {
    pub(crate) fn new(sim: &Simulator<'_>) -> Self {
        let n = sim.x0.len();
        let slots = sim.a.len();
        let links = sim.flow.len();
        let spare: Vec<f64> = (0..n).map(|i| sim.cap[i] - sim.x0[i]).collect();
        Workspace {
            dinv: vec![0.0; slots],
            shortfall_start: vec![NONE; slots],
            calm_days: vec![0; slots],
            shifted: vec![false; slots],
            returned: vec![false; slots],
            cells: vec![0.0; sim.cells],
            links: vec![LinkState::BASELINE; links],
            share: sim.base_share.clone(),
            held: Default::default(),
            spare,
            dd_today: vec![0.0; n],
            unmet_today: vec![0.0; n],
            backlog: vec![0.0; n],
            inbound: vec![Inbound::default(); n],
            acc: vec![Acc::ZERO; n],
            dx_today: vec![0.0; n],
            active: vec![false; n],
            queued: vec![false; n],
            touched: Vec::new(),
            ever: vec![false; n],
            scratch_arr: Vec::new(),
            last_arrivals: Default::default(),
            recording: vec![false; n],
            status_today: Default::default(),
            status_tomorrow: Default::default(),
            dirty_full: false,
            signature: vec![0; n],
            steady: false,
            fill_dirty: vec![false; n],
            fill_alert: vec![false; n],
            order_dirty: vec![false; n],
            orders_in: vec![0; n],
            eventful_out: vec![false; n],
            kappa: vec![1.0; n],
            demand_factor: vec![1.0; n],
            eventful: vec![0; links.div_ceil(64)],
        }
    }

    /// Bytes this workspace holds on the heap (its vectors at their capacity; the small hash
    /// maps of held shipments and link statuses are counted by entries).
    pub fn heap_bytes(&self) -> usize {
        fn v<T>(x: &[T], cap: usize) -> usize {
            cap.max(x.len()) * std::mem::size_of::<T>()
        }
        macro_rules! vecs {
            ($($f:ident),*) => { 0 $(+ v(&self.$f, self.$f.capacity()))* };
        }
        vecs!(
            dinv,
            shortfall_start,
            calm_days,
            shifted,
            returned,
            cells,
            links,
            share,
            spare,
            dd_today,
            unmet_today,
            backlog,
            inbound,
            acc,
            dx_today,
            active,
            queued,
            touched,
            ever,
            scratch_arr,
            recording,
            kappa,
            demand_factor,
            signature,
            fill_dirty,
            fill_alert,
            order_dirty,
            orders_in,
            eventful_out,
            eventful
        ) + self.held.len() * 64
            + self.last_arrivals.len() * 64
            + (self.status_today.len() + self.status_tomorrow.len()) * 48
    }

    /// Puts a facility's own state (its slots, in-links and out-link fills) back to the
    /// baseline. Used between trials on every facility the trial touched.
    pub(crate) fn reset_facility(&mut self, sim: &Simulator<'_>, i: usize) {
        let net = sim.net;
        let fid = FacilityId::from_index(i);
        for s in sim.slots(i) {
            self.dinv[s] = 0.0;
            self.shortfall_start[s] = NONE;
            self.calm_days[s] = 0;
            self.shifted[s] = false;
            self.returned[s] = false;
        }
        for &l in net.in_links(fid) {
            let l = l as usize;
            let ring = sim.ring[l];
            self.cells[ring.start..ring.start + ring.len as usize].fill(0.0);
            self.links[l].transit = 0.0;
            let supplier = net.links[l].supplier.index();
            self.set_order(l, supplier, 0.0);
            self.share[l] = sim.base_share[l];
            self.links[l].short_days = 0;
            self.held.remove(&(l as u32));
        }
        self.quiet_links(sim, i);
        self.fill_alert[i] = false;
        self.backlog[i] = 0.0;
        self.inbound[i].nonzero_cells = 0;
        self.inbound[i].transit_in = 0;
        self.eventful_out[i] = false;
        self.signature[i] = 0;
        self.acc[i] = Acc::ZERO;
        self.dx_today[i] = 0.0;
        self.dd_today[i] = 0.0;
        self.unmet_today[i] = 0.0;
        self.active[i] = false;
        self.queued[i] = false;
        self.ever[i] = false;
    }

    /// What a facility at the baseline shows its neighbours: full fills on its out-links, no
    /// order deviation on its in-links, baseline spare capacity. Written when the sparse engine
    /// stops stepping a facility, so that stale values are never read.
    pub(crate) fn quiet_links(&mut self, sim: &Simulator<'_>, i: usize) {
        let fid = FacilityId::from_index(i);
        for &l in sim.net.out_links(fid) {
            self.links[l as usize].fill = 1.0;
        }
        for &l in sim.net.in_links(fid) {
            let supplier = sim.net.links[l as usize].supplier.index();
            self.set_order(l as usize, supplier, 0.0);
        }
        self.fill_dirty[i] = false;
        self.order_dirty[i] = false;
        self.spare[i] = sim.cap[i] - sim.x0[i];
    }

    /// Sets the order deviation of link `l` (from its customer to `supplier`), keeping the
    /// supplier's count of non-zero orders.
    #[inline]
    pub(crate) fn set_order(&mut self, l: usize, supplier: usize, dev: f64) {
        count_nonzero(&mut self.orders_in[supplier], self.links[l].order, dev);
        self.links[l].order = dev;
    }

    /// Adds `v` to the in-transit deviation of link `l`, keeping the customer's count.
    #[inline]
    pub(crate) fn add_transit(&mut self, l: usize, customer: usize, v: f64) {
        let before = self.links[l].transit;
        let after = before + v;
        self.links[l].transit = after;
        count_nonzero(&mut self.inbound[customer].transit_in, before, after);
    }

    /// Adds `v` to the cell of link `l` for `day`, keeping the customer's count of non-zero
    /// cells.
    #[inline(always)]
    pub(crate) fn add_cell(&mut self, sim: &Simulator<'_>, l: usize, customer: usize, day: u32, v: f64) {
        self.add_cell_at(sim.cell_index(l, day), customer, v);
    }

    /// Adds `v` to cell `idx` (of an in-link of `customer`), keeping the customer's count of
    /// non-zero cells.
    #[inline(always)]
    pub(crate) fn add_cell_at(&mut self, idx: usize, customer: usize, v: f64) {
        if v == 0.0 {
            return;
        }
        let before = self.cells[idx];
        let after = before + v;
        self.cells[idx] = after;
        count_nonzero(&mut self.inbound[customer].nonzero_cells, before, after);
    }

    #[inline(always)]
    fn take_cell_at(&mut self, idx: usize, customer: usize) -> f64 {
        let v = self.cells[idx];
        if v != 0.0 {
            self.cells[idx] = 0.0;
            self.inbound[customer].nonzero_cells -= 1;
        }
        v
    }

    #[inline]
    fn eventful(&self, l: u32) -> bool {
        self.eventful[(l / 64) as usize] & (1u64 << (l % 64)) != 0
    }

    #[inline]
    fn status(&self, l: u32, tomorrow: bool) -> LinkStatus {
        if !self.eventful(l) {
            return LinkStatus::OPEN;
        }
        let map = if tomorrow { &self.status_tomorrow } else { &self.status_today };
        map.get(&l).copied().unwrap_or(LinkStatus::OPEN)
    }
}

/// Phase A of a facility's day (MODEL.md §3 steps 1-6, in deviation form): demand from
/// yesterday's orders, arrivals, production, consumption, shipping. Reads only the facility's own
/// state and the orders its customers placed yesterday; writes only its own state and the future
/// cells of its out-links, so facilities can be stepped in any order. Customers it ships a
/// deviation to are pushed to `wake`.
pub(crate) fn produce_and_ship(
    sim: &Simulator<'_>,
    ws: &mut Workspace,
    i: usize,
    t: u32,
    wake: &mut Vec<u32>,
) {
    let is_market = sim.cap[i] == f64::INFINITY;
    let x0 = sim.x0[i];
    let kappa = ws.kappa[i];

    // Fast path: a facility at the baseline today (no order deviation, no event on its
    // out-links, full capacity, nothing arriving off the baseline, full fills, stocks on
    // target) produces and ships exactly its baseline: what the general path below computes for
    // it, without walking its links.
    let slots = sim.slots(i);
    let (first, inputs) = (slots.start, slots.len());
    if !is_market
        && ws.orders_in[i] == 0
        && !ws.eventful_out[i]
        && kappa == 1.0
        && ws.inbound[i].nonzero_cells == 0
        && !ws.fill_dirty[i]
        && !ws.recording[i]
        && ws.dinv[first..first + inputs].iter().all(|&v| v == 0.0)
    {
        ws.unmet_today[i] = 0.0;
        ws.spare[i] = sim.cap[i] - x0;
        ws.dx_today[i] = 0.0;
        ws.dd_today[i] = 0.0;
        return;
    }

    // Demand: what customers asked for yesterday, capped by what today's routes can carry.
    let mut dd = 0.0;
    let (mut any_dev, mut any_eventful) = (false, false);
    if is_market {
        let factor = ws.demand_factor[i];
        if factor != 1.0 {
            dd += x0 * factor - x0;
        }
        dd += ws.backlog[i];
    } else if ws.orders_in[i] > 0 || ws.eventful_out[i] {
        for o in sim.outs(i) {
            let l = o.link;
            let dev = ws.links[l as usize].order;
            any_dev |= dev != 0.0;
            if !ws.eventful(l) {
                dd += dev;
                continue;
            }
            any_eventful = true;
            let st = ws.status(l, false);
            if st.is_open() {
                dd += dev;
            } else {
                let req = o.flow + dev;
                dd += req.min(st.total()) - o.flow;
            }
        }
    }

    // Arrivals, per input slot.
    let mut arr = std::mem::take(&mut ws.scratch_arr);
    arr.clear();
    arr.resize(inputs, 0.0);
    if ws.inbound[i].nonzero_cells > 0 {
        for (k, a) in arr.iter_mut().enumerate() {
            for p in sim.ins(first + k) {
                let v = ws.take_cell_at(p.ring.index(t), i);
                if v != 0.0 {
                    *a += v;
                    ws.add_transit(p.link as usize, i, -v);
                }
            }
        }
    }

    // Production: min(capacity, demand, inputs), as deviations. A facility with no demand
    // change, full capacity, nothing arriving off-baseline and stocks on target produces its
    // baseline: skip the arithmetic (every term of the min is >= 0 and dd = 0).
    let tol = sim.settings.snap_tolerance;
    let cap = sim.cap[i];
    let quiet_inputs = dd == 0.0
        && kappa == 1.0
        && arr.iter().all(|&v| v == 0.0)
        && ws.dinv[first..first + inputs].iter().all(|&v| v == 0.0);
    let dx = if quiet_inputs {
        0.0
    } else {
        let mut dx = dd;
        if cap.is_finite() {
            dx = dx.min(kappa * cap - x0);
        }
        for (k, &arrived) in arr.iter().enumerate() {
            let s = first + k;
            dx = dx.min((sim.target[s] + ws.dinv[s] + arrived) / sim.a[s]);
        }
        dx = dx.max(-x0);
        // Consumption.
        for (k, &arrived) in arr.iter().enumerate() {
            let s = first + k;
            let v = ws.dinv[s] + arrived - sim.a[s] * dx;
            // Snapping: a stock within tolerance of its target is on target (see `order` for
            // why the scale includes tau times the baseline need).
            let scale = tol * (sim.target[s] + sim.settings.adjustment_days * sim.base_need[s]);
            ws.dinv[s] = if v.abs() <= scale { 0.0 } else { v };
        }
        dx
    };
    if ws.recording[i] {
        ws.last_arrivals.insert(i as u32, arr.clone());
    }
    ws.scratch_arr = arr;

    // Shipping: output rationed pro rata over the capped orders.
    if !is_market {
        let fill_ratio = if dx >= dd || x0 + dd <= 0.0 { 1.0 } else { (x0 + dx) / (x0 + dd) };
        // Fast path: shipping exactly the baseline flows on open links, fills already 1.
        let quiet = fill_ratio == 1.0 && !any_dev && !any_eventful && !ws.fill_dirty[i];
        let mut dirty = false;
        for o in sim.outs(i).iter().take(if quiet { 0 } else { usize::MAX }) {
            let l = o.link;
            let li = l as usize;
            let dev = ws.links[li].order;
            let st = ws.status(l, false);
            let customer = o.customer as usize;
            let lead = o.lead;
            if st.is_open() && fill_ratio == 1.0 {
                // The common path: ship what was asked; the deviation is the order's.
                ws.links[li].fill = 1.0;
                if dev != 0.0 {
                    ws.add_cell_at(o.ring.index(t + lead), customer, dev);
                    ws.add_transit(li, customer, dev);
                    wake.push(o.customer);
                }
                continue;
            }
            let req = o.flow + dev;
            let eff = if st.is_open() { req } else { req.min(st.total()) };
            let shipped = fill_ratio * eff;
            let fill = if req > 0.0 { shipped / req } else { 1.0 };
            ws.links[li].fill = fill;
            if fill != 1.0 {
                dirty = true;
                if fill < 1.0 - 1e-9 {
                    ws.fill_alert[customer] = true;
                }
            }
            let (primary, alternate) = if st.is_open() {
                (shipped, 0.0)
            } else {
                (shipped.min(st.primary), (shipped - st.primary).max(0.0))
            };
            ws.add_cell_at(o.ring.index(t + lead), customer, primary - o.flow);
            if alternate > 0.0 {
                ws.add_cell_at(o.ring.index(t + lead + st.extra), customer, alternate);
            }
            ws.add_transit(li, customer, shipped - o.flow);
            wake.push(o.customer);
        }
        if !quiet {
            ws.fill_dirty[i] = dirty;
        }
        ws.unmet_today[i] = 0.0;
    } else {
        // Markets: unmet demand; backlog carries it when asked.
        let unmet = (dd - dx).max(0.0);
        ws.unmet_today[i] = unmet;
        ws.backlog[i] = if sim.settings.backlog { unmet } else { 0.0 };
    }
    ws.spare[i] = if cap.is_finite() { kappa * cap - (x0 + dx) } else { f64::INFINITY };
    ws.dx_today[i] = dx;
    ws.dd_today[i] = dd;

    // Impact bookkeeping.
    if dx != 0.0 {
        let acc = &mut ws.acc[i];
        acc.touched = true;
        if dx < 0.0 {
            acc.lost -= dx;
        }
        if x0 > 0.0 {
            let r = (x0 + dx) / x0;
            if r < acc.min_ratio {
                acc.min_ratio = r;
            }
            if r < 1.0 - sim.settings.epsilon {
                if acc.first_below == NONE {
                    acc.first_below = t;
                }
                acc.last_below = t;
            }
        }
    }
}

/// Phase B of a facility's day (steps 7-8): orders for tomorrow with the sourcing response, after
/// every facility's phase A, so in-transit quantities and fills are today's for everyone.
/// Suppliers given an order deviation are pushed to `wake`. Returns whether the facility's own
/// state is off the baseline (after snapping residues within tolerance to zero).
pub(crate) fn order(sim: &Simulator<'_>, ws: &mut Workspace, i: usize, t: u32, wake: &mut Vec<u32>) -> bool {
    let net = sim.net;
    let fid = FacilityId::from_index(i);
    let dd = ws.dd_today[i];
    let dx = ws.dx_today[i];
    let settings = &sim.settings;
    let tol = settings.snap_tolerance;
    let slots = sim.slots(i);
    let (first, inputs) = (slots.start, slots.len());
    let in_links = net.in_links(fid);
    if ws.inbound[i].nonzero_cells == 0 && ws.inbound[i].transit_in > 0 {
        // Nothing is left in the rings (checked in phase B, once every shipment of the day is
        // in): what the in-transit sums still hold is rounding from adding and removing the
        // same amounts, unless shipments are held at a chokepoint.
        for &l in in_links {
            if ws.links[l as usize].transit != 0.0 && (ws.held.is_empty() || !ws.held.contains_key(&l)) {
                ws.links[l as usize].transit = 0.0;
                ws.inbound[i].transit_in -= 1;
            }
        }
    }
    // A fingerprint of the facility's day, for the steady-state test (see `engine`).
    let mut sig = mix(mix(0x9e37_79b9_7f4a_7c15, q(dx)), q(dd));
    // Fast path: a facility at the baseline today (no demand or output change, nothing in
    // transit off the baseline, stocks on target, no sourcing response under way, baseline
    // orders already recorded, every link open tomorrow) orders exactly the baseline again. This
    // is what the general path below computes for it, without walking its links.
    if dd == 0.0
        && dx == 0.0
        && ws.inbound[i].transit_in == 0
        && !ws.fill_alert[i]
        && !ws.order_dirty[i]
        && ws.status_tomorrow.is_empty()
        && (first..first + inputs).all(|s| {
            ws.dinv[s] == 0.0 && !ws.shifted[s] && ws.shortfall_start[s] == NONE && ws.calm_days[s] == 0
        })
    {
        // The fingerprint of zero need deviations, stocks and transit, no shift, no calm days.
        for _ in 0..inputs {
            sig = mix(mix(mix(sig, 0), 0), 0);
        }
        for _ in 0..inputs {
            sig = mix(sig, 0);
        }
        ws.steady &= ws.signature[i] == sig;
        ws.signature[i] = sig;
        return ws.kappa[i] != 1.0 || ws.backlog[i] != 0.0;
    }
    let mut orders_off = false;
    for s in first..first + inputs {
        let links = &sim.slot_links[sim.slot_start[s] as usize..sim.slot_start[s + 1] as usize];
        let ins = sim.ins(s);
        let transit: f64 = if ws.inbound[i].transit_in == 0 {
            0.0
        } else {
            ins.iter().map(|p| ws.links[p.link as usize].transit).sum()
        };
        let mut need_dev =
            (sim.a[s] * dd - (ws.dinv[s] + transit) / settings.adjustment_days).max(-sim.base_need[s]);
        // Snapping: a need within tolerance of the baseline is the baseline. The scale matches
        // the stock's (tol * (target + tau * need) / tau), so that once orders stop correcting a
        // small stock gap the gap itself is within its tolerance and snaps too.
        if need_dev.abs() <= tol * (sim.base_need[s] + sim.target[s] / settings.adjustment_days) {
            need_dev = 0.0;
        }
        let need = sim.base_need[s] + need_dev;
        sig = mix(mix(mix(sig, q(need_dev)), q(ws.dinv[s])), q(transit));
        if ws.fill_alert[i] || ws.shortfall_start[s] != NONE || ws.shifted[s] {
            sourcing_response(sim, ws, links, s, need, t);
        }
        // Split over the links available tomorrow by current share.
        let all_open =
            ws.status_tomorrow.is_empty() || links.iter().all(|&l| ws.status(l, true).total() > 0.0);
        let plain = all_open && !ws.shifted[s];
        if plain && need_dev == 0.0 && !ws.order_dirty[i] {
            // Baseline orders on every link, already recorded as zero deviations.
            continue;
        }
        let mut share_sum = 0.0;
        if !plain {
            for &l in links {
                if ws.status(l, true).total() > 0.0 {
                    share_sum += ws.share[l as usize];
                }
            }
        }
        for p in ins {
            let l = p.link;
            let li = l as usize;
            let order = if plain {
                ws.share[li] * need
            } else if share_sum > 0.0 && ws.status(l, true).total() > 0.0 {
                ws.share[li] / share_sum * need
            } else {
                0.0
            };
            let dev = order - sim.flow[li];
            ws.set_order(li, p.supplier as usize, dev);
            if dev != 0.0 {
                orders_off = true;
                wake.push(p.supplier);
            }
        }
    }
    ws.order_dirty[i] = orders_off;
    for s in first..first + inputs {
        sig = mix(sig, u64::from(ws.shifted[s]) | (u64::from(ws.calm_days[s]) << 1));
    }
    ws.steady &= ws.signature[i] == sig;
    ws.signature[i] = sig;
    if ws.fill_alert[i] && in_links.iter().all(|&l| ws.links[l as usize].fill >= 1.0 - 1e-9) {
        ws.fill_alert[i] = false;
    }

    // Whether the facility's own state is anywhere off the baseline.
    let kappa_one = ws.kappa[i] == 1.0;
    let mut off = dx != 0.0 || dd != 0.0 || !kappa_one || orders_off || ws.backlog[i] != 0.0;
    for s in first..first + inputs {
        off |= ws.dinv[s] != 0.0 || ws.shifted[s] || ws.shortfall_start[s] != NONE;
    }
    off |= ws.inbound[i].transit_in != 0;
    if ws.fill_alert[i] || ws.shifted[first..first + inputs].iter().any(|&x| x) {
        for &l in in_links {
            off |= ws.links[l as usize].short_days != 0;
        }
    }
    off
}

/// A number to about 6 significant digits (the low 32 of 52 mantissa bits dropped), so that a
/// value converging geometrically reads as steady once its daily change is below about 1e-6 of
/// itself: over a 365-day horizon such a drift moves it by less than 0.04%.
#[inline]
fn q(v: f64) -> u64 {
    v.to_bits() & !((1u64 << 32) - 1)
}

#[inline]
fn mix(h: u64, v: u64) -> u64 {
    (h ^ v).wrapping_mul(0x100_0000_01b3).rotate_left(29)
}

/// The sourcing response of one input slot (MODEL.md §3 step 8): after `switch_after_days` of
/// shortfall from a supplier, its unfilled share moves to the slot's other suppliers with spare
/// capacity (backups once qualified), in proportion to their spare capacity.
fn sourcing_response(sim: &Simulator<'_>, ws: &mut Workspace, links: &[u32], s: usize, need: f64, t: u32) {
    let settings = &sim.settings;
    let n_days = settings.switch_after_days;
    // Fast path: nothing short, nothing shifted, no shortfall under way.
    if ws.shortfall_start[s] == NONE
        && !ws.shifted[s]
        && links
            .iter()
            .all(|&l| ws.links[l as usize].fill >= 1.0 - 1e-9 && ws.links[l as usize].short_days == 0)
    {
        return;
    }
    let mut any_short = false;
    let mut any_due = false;
    for &l in links {
        let li = l as usize;
        let short = ws.links[li].fill < 1.0 - 1e-9 && ws.share[li] > 0.0;
        ws.links[li].short_days = if short { ws.links[li].short_days + 1 } else { 0 };
        any_short |= short;
        any_due |= short && ws.links[li].short_days >= n_days.max(1);
    }
    if any_short && ws.shortfall_start[s] == NONE {
        ws.shortfall_start[s] = t;
    }
    if any_due && need > 0.0 {
        ws.calm_days[s] = 0;
        let started = ws.shortfall_start[s];
        let mut unfilled = 0.0;
        for &l in links {
            let li = l as usize;
            if ws.links[li].short_days >= n_days.max(1) {
                unfilled += ws.share[li] * (1.0 - ws.links[li].fill);
            }
        }
        // Room of a link that can take share: not short, open tomorrow, qualified (backups
        // only after the product's qualification days, unless prequalified), in shares of the
        // need.
        let room = |ws: &Workspace, l: u32| -> f64 {
            let li = l as usize;
            let link = &sim.net.links[li];
            let qualified =
                !link.backup || link.prequalified || t.saturating_sub(started) >= sim.qualification[s];
            if ws.links[li].short_days == 0 && qualified && ws.status(l, true).total() > 0.0 {
                (ws.spare[link.supplier.index()].max(0.0) / need).min(1.0)
            } else {
                0.0
            }
        };
        let room_total: f64 = links.iter().map(|&l| room(ws, l)).sum();
        let moved = unfilled.min(room_total);
        if moved > 0.0 {
            let rooms: Vec<f64> = links.iter().map(|&l| room(ws, l)).collect();
            for &l in links {
                let li = l as usize;
                if ws.links[li].short_days >= n_days.max(1) {
                    ws.share[li] -= ws.share[li] * (1.0 - ws.links[li].fill) * (moved / unfilled);
                }
            }
            for (&l, r) in links.iter().zip(rooms) {
                ws.share[l as usize] += moved * r / room_total;
            }
            ws.shifted[s] = true;
        }
    } else if !any_short {
        // Shares go back only once every supplier that lost share has recovered: its link is
        // open tomorrow and it has the spare capacity to take its share back.
        let recovered = || {
            links.iter().all(|&l| {
                let li = l as usize;
                let missing = sim.base_share[li] - ws.share[li];
                missing <= 0.0 || {
                    let supplier = sim.net.links[li].supplier.index();
                    ws.status(l, true).total() >= sim.flow[li]
                        && ws.spare[supplier] >= missing * need * (1.0 - 1e-9)
                }
            })
        };
        if ws.shifted[s] && !recovered() {
            ws.calm_days[s] = 0;
        } else if ws.shifted[s] {
            // Counted up to the switch delay only: past it the count carries no information, and
            // a constant state lets the steady-state test see a settled network.
            ws.calm_days[s] = (ws.calm_days[s] + 1).min(n_days.max(1));
            // Shares return once per trial: a customer whose returned business ends in a new
            // shortfall keeps the suppliers it moved to. Without this, suppliers near capacity
            // that several customers return to at once fall short again, and shares swing back
            // and forth for ever (a cycle of about twice `switch_after_days`).
            if settings.shares_return && !ws.returned[s] && ws.calm_days[s] >= n_days.max(1) {
                for &l in links {
                    ws.share[l as usize] = sim.base_share[l as usize];
                }
                ws.shifted[s] = false;
                ws.returned[s] = true;
                ws.calm_days[s] = 0;
                ws.shortfall_start[s] = NONE;
            }
        } else {
            ws.shortfall_start[s] = NONE;
        }
    }
}

/// The first stage of [`prefetch`], a few facilities earlier still: facility `i`'s out-link
/// constants, which [`prefetch`] reads to find the per-link data.
#[inline]
pub(crate) fn prefetch_constants(sim: &Simulator<'_>, ws: &Workspace, i: usize) {
    if walks_out_links(ws, i) {
        touch(&sim.out_pack, sim.out_start[i] as usize);
    }
}

/// Asks the memory system for the per-link data facility `i` will touch on day `t` (the order
/// deviations and in-transit quantities of its out-links, their customers' arrival cells and
/// counts, its own in-links' cells for today), a few facilities before it is stepped. The engine
/// is bound by the latency of these scattered loads, not by bandwidth (docs/benchmarks.md). Only
/// for the links phase A will walk: a facility at the baseline takes the fast path and reads
/// none of this, and prefetching it anyway made a dense trial with a local event six times
/// slower. A prefetch changes no value.
#[inline]
pub(crate) fn prefetch(sim: &Simulator<'_>, ws: &Workspace, i: usize, t: u32) {
    if walks_out_links(ws, i) {
        for o in sim.outs(i) {
            touch(&ws.links, o.link as usize);
            touch(&ws.cells, o.ring.index(t + o.lead));
            touch(&ws.inbound, o.customer as usize);
        }
    }
    if ws.inbound[i].nonzero_cells > 0 {
        let slots = sim.slots(i);
        for p in &sim.in_pack[sim.slot_start[slots.start] as usize..sim.slot_start[slots.end] as usize] {
            touch(&ws.cells, p.ring.index(t));
        }
    }
}

/// Whether phase A will likely walk facility `i`'s out-links today (a hint for prefetching: the
/// order deviations it reads, or fills it must rewrite; the market and capacity cases are left
/// out).
#[inline(always)]
fn walks_out_links(ws: &Workspace, i: usize) -> bool {
    ws.orders_in[i] > 0 || ws.fill_dirty[i] || ws.eventful_out[i] || ws.inbound[i].nonzero_cells > 0
}

#[inline(always)]
fn touch<T>(v: &[T], k: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(x) = v.get(k) {
        // SAFETY: a prefetch is a hint; it reads nothing and cannot fault.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((x as *const T).cast())
        };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (v, k);
}
