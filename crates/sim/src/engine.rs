//! The day loop: the dense reference engine and the sparse engine, sharing one facility step.
//!
//! Each day: (1) link status for today and tomorrow, and shipments at sea re-timed where a route
//! closes or reopens; (2) phase A (produce and ship) for every stepped facility; (3) phase B
//! (order) for every stepped facility. The dense engine steps every facility. The sparse engine
//! steps the facilities off the baseline, those the day's events touch, and those a neighbour
//! disturbed yesterday; a facility at the baseline computes exact zeros (see `state`), so skipping
//! it changes nothing.

use kuroshio_core::{FacilityId, LinkId};

use crate::outcome::{FacilitySeries, OutcomeTally, TrialOutcome};
use crate::simulator::{Engine, Prefetch, RunOptions, Simulator};
use crate::state::{Workspace, order, prefetch, prefetch_constants, produce_and_ship};
use crate::timeline::{LinkStatus, Timeline};

pub(crate) fn run(sim: &Simulator<'_>, ws: &mut Workspace, tl: &Timeline, opts: &RunOptions) -> TrialOutcome {
    let net = sim.net;
    let n = net.facilities.len();
    let horizon = sim.settings.horizon_days;
    if ws.dirty_full {
        *ws = Workspace::new(sim);
    }
    let dense = opts.engine == Engine::Dense;
    let mut series: Vec<FacilitySeries> = opts
        .record
        .iter()
        .map(|&f| FacilitySeries {
            facility: f,
            output: vec![sim.x0[f.index()]; horizon as usize],
            stock: record_stock_baseline(sim, f, horizon),
            arrivals: record_arrivals_baseline(sim, f, horizon),
        })
        .collect();
    for f in &opts.record {
        ws.recording[f.index()] = true;
    }
    let mut market_unmet: Vec<Vec<f64>> = vec![Vec::new(); net.markets.len()];
    let market_pos: foldhash::HashMap<u32, usize> =
        net.markets.iter().enumerate().map(|(k, m)| (m.0, k)).collect();
    let mut today: Vec<u32> = Vec::new();
    let mut wake: Vec<u32> = Vec::new();
    let mut next: Vec<u32> = Vec::new();
    let mut extra: Vec<u32> = Vec::new();
    let mut steps = 0u64;
    let mut stepped_yesterday = usize::MAX;
    let mut steady_days = 0u32;
    let mut prev_status: foldhash::HashMap<u32, LinkStatus> = Default::default();

    for t in 0..horizon {
        // (1) Link status and re-timing of shipments at sea; today's capacity factors.
        ws.status_today.clear();
        ws.status_tomorrow.clear();
        for &f in &tl.facility_order {
            ws.kappa[f as usize] = tl.kappa(f, t);
            ws.demand_factor[f as usize] = tl.demand_factor(f, t);
        }
        for &l in &tl.link_order {
            ws.eventful[(l / 64) as usize] |= 1u64 << (l % 64);
            ws.eventful_out[net.links[l as usize].supplier.index()] = true;
            let st = tl.link_status(net, sim.base, l, t);
            if st != LinkStatus::OPEN {
                ws.status_today.insert(l, st);
            }
            let st1 = tl.link_status(net, sim.base, l, t + 1);
            if st1 != LinkStatus::OPEN {
                ws.status_tomorrow.insert(l, st1);
            }
            let before = prev_status.get(&l).copied().unwrap_or(LinkStatus::OPEN);
            retime(sim, ws, l, before, st, t);
            if st != LinkStatus::OPEN {
                prev_status.insert(l, st);
            } else {
                prev_status.remove(&l);
            }
            if st != LinkStatus::OPEN || st1 != LinkStatus::OPEN || before != st {
                let link = net.link(LinkId(l));
                next.push(link.supplier.0);
                next.push(link.customer.0);
            }
        }
        for &f in &tl.facility_order {
            if tl.outage_active(f, t) || tl.demand_factor(f, t) != 1.0 || tl.kappa(f, t) != 1.0 {
                next.push(f);
            }
        }

        // Who steps today.
        today.clear();
        if dense {
            today.extend(0..n as u32);
        } else {
            for &f in &next {
                if !ws.queued[f as usize] {
                    ws.queued[f as usize] = true;
                    today.push(f);
                }
            }
            today.sort_unstable();
            // `queued` stays set for today's facilities until phase A is done, so that the
            // customers woken during it are added once.
            for &f in &today {
                if !ws.ever[f as usize] {
                    ws.ever[f as usize] = true;
                    ws.touched.push(f);
                }
            }
        }
        // Prefetching (below) pays when the day's data is beyond the caches: not for a few
        // thousand facilities stepped day after day (their data stays cached; prefetching made
        // TTS checks on 100,000 facilities slower), and not in the dense engine while most of
        // the network is at the baseline (nearly every facility takes the fast path, and even
        // deciding not to prefetch for each of them costs more than it saves).
        let prefetching = match opts.prefetch {
            Prefetch::Auto => today.len() >= 16_384 && (!dense || next.len() * 8 >= n),
            Prefetch::Always => true,
            Prefetch::Never => false,
        };
        next.clear();

        // (2) Phase A.
        wake.clear();
        // Facilities are stepped in id order; their out-links' data is scattered over the
        // network's customers. Prefetching it four facilities ahead (their out-link constants
        // eight ahead) overlaps those cache misses (1.3-1.5x on a regional trial of 100,000
        // facilities; docs/benchmarks.md).
        const AHEAD: usize = 4;
        for k in 0..today.len() {
            if prefetching {
                if let Some(&g) = today.get(k + 2 * AHEAD) {
                    prefetch_constants(sim, ws, g as usize);
                }
                if let Some(&g) = today.get(k + AHEAD) {
                    prefetch(sim, ws, g as usize, t);
                }
            }
            produce_and_ship(sim, ws, today[k] as usize, t, &mut wake);
        }
        if !dense {
            // A customer sent a deviation today orders with it today (phase B reads today's
            // in-transit and fills), so it joins today's step. Its phase A is a no-op at the
            // baseline but records today's zeros.
            let mut k = 0;
            while k < wake.len() {
                let f = wake[k];
                k += 1;
                if !ws.queued[f as usize] {
                    ws.queued[f as usize] = true;
                    extra.push(f);
                }
            }
            let mut j = 0;
            while j < extra.len() {
                let f = extra[j];
                j += 1;
                let before = wake.len();
                produce_and_ship(sim, ws, f as usize, t, &mut wake);
                for &g in &wake[before..] {
                    if !ws.queued[g as usize] {
                        ws.queued[g as usize] = true;
                        extra.push(g);
                    }
                }
            }
            for &f in &extra {
                if !ws.ever[f as usize] {
                    ws.ever[f as usize] = true;
                    ws.touched.push(f);
                }
            }
            today.extend_from_slice(&extra);
            extra.clear();
            today.sort_unstable();
            for &f in &today {
                ws.queued[f as usize] = false;
            }
        }
        steps += today.len() as u64;
        wake.clear();
        ws.steady = today.len() == stepped_yesterday;
        stepped_yesterday = today.len();
        // (3) Phase B.
        for &f in &today {
            let off = order(sim, ws, f as usize, t, &mut wake);
            let i = f as usize;
            if off || ws.inbound[i].nonzero_cells > 0 {
                next.push(f);
                ws.active[i] = true;
            } else if ws.active[i] {
                ws.active[i] = false;
                ws.quiet_links(sim, i);
            }
        }
        next.extend_from_slice(&wake);

        // Recording.
        for s in series.iter_mut() {
            let i = s.facility.index();
            s.output[t as usize] = sim.x0[i] + ws.dx_today[i];
            let fid = s.facility;
            let first = net.first_slot(fid);
            for k in 0..net.inputs(fid).len() {
                s.stock[k * horizon as usize + t as usize] = sim.target[first + k] + ws.dinv[first + k];
            }
            let stepped = dense || today.binary_search(&fid.0).is_ok();
            if !stepped {
                s.output[t as usize] = sim.x0[i];
            }
            if let Some(arr) = ws.last_arrivals.remove(&fid.0) {
                for (k, a) in arr.iter().enumerate() {
                    s.arrivals[k * horizon as usize + t as usize] += a;
                }
            }
        }
        let mut shortage = false;
        for &f in &today {
            let i = f as usize;
            if ws.unmet_today[i] != 0.0 {
                shortage = true;
                let k = market_pos[&f];
                let v = &mut market_unmet[k];
                if v.is_empty() {
                    v.resize(horizon as usize, 0.0);
                }
                v[t as usize] = if sim.settings.backlog { ws.backlog[i] } else { ws.unmet_today[i] };
                ws.unmet_today[i] = 0.0;
            }
        }
        if shortage && opts.stop_at_first_shortage {
            break;
        }
        steady_days = if ws.steady && !shortage { steady_days + 1 } else { 0 };
        if opts.stop_when_steady && steady_days > sim.max_ring && tl.constant_after(t) {
            break;
        }
        // Nothing off the baseline and no event still to come: the remaining days are the
        // baseline (the sparse engine's early finish; the dense engine would compute zeros).
        if !dense && next.is_empty() && tl.last_day.is_none_or(|last| last <= t + 1) {
            break;
        }
    }

    for f in &opts.record {
        ws.recording[f.index()] = false;
    }
    for &f in &tl.facility_order {
        ws.kappa[f as usize] = 1.0;
        ws.demand_factor[f as usize] = 1.0;
    }
    for &l in &tl.link_order {
        ws.eventful[(l / 64) as usize] = 0;
        ws.eventful_out[net.links[l as usize].supplier.index()] = false;
    }
    let mut outcome = summarise(sim, ws, tl, market_unmet, series, dense);
    outcome.facility_steps = steps;
    // Clean up for the next trial.
    if dense {
        ws.dirty_full = true;
    } else {
        let touched = std::mem::take(&mut ws.touched);
        for &f in &touched {
            ws.reset_facility(sim, f as usize);
        }
        // Links whose suppliers were touched but whose customers were not keep clean cells:
        // cells belong to customers, and every customer written to was woken (and so touched).
        ws.held.clear();
        ws.touched = touched;
        ws.touched.clear();
    }
    outcome
}

/// Baseline arrivals: the sum of the slot's link flows each day.
fn record_arrivals_baseline(sim: &Simulator<'_>, f: FacilityId, horizon: u32) -> Vec<f64> {
    let net = sim.net;
    let first = net.first_slot(f);
    let k = net.inputs(f).len();
    let mut per_slot = vec![0.0; k];
    for &l in net.in_links(f) {
        per_slot[net.link_slot(LinkId(l)) - first] += sim.flow[l as usize];
    }
    let mut v = Vec::with_capacity(k * horizon as usize);
    for x in per_slot {
        v.extend(std::iter::repeat_n(x, horizon as usize));
    }
    v
}

fn record_stock_baseline(sim: &Simulator<'_>, f: FacilityId, horizon: u32) -> Vec<f64> {
    let first = sim.net.first_slot(f);
    let k = sim.net.inputs(f).len();
    let mut v = Vec::with_capacity(k * horizon as usize);
    for s in first..first + k {
        v.extend(std::iter::repeat_n(sim.target[s], horizon as usize));
    }
    v
}

/// Re-times shipments at sea on link `l` when its primary path closes fully or reopens: with an
/// open alternate they are delayed by its extra days; with none they wait at the chokepoint and
/// continue, with their remaining transit, when it reopens. Partial closures only limit new
/// shipments.
fn retime(sim: &Simulator<'_>, ws: &mut Workspace, l: u32, before: LinkStatus, now: LinkStatus, t: u32) {
    let li = l as usize;
    let customer = sim.net.links[li].customer.index();
    let lead = sim.lead[li];
    let closed_before = before.route_closed();
    let closed_now = now.route_closed();
    if !closed_before && closed_now {
        // In transit on day t + k (k < lead): baseline flow plus the cell's deviation.
        let amounts: Vec<(u32, f64)> = (0..lead)
            .map(|k| {
                let idx = sim.cell_index(li, t + k);
                (k, sim.flow[li] + ws.cells[idx])
            })
            .collect();
        for &(k, amount) in &amounts {
            ws.add_cell(sim, li, customer, t + k, -amount);
        }
        if now.alternate > 0.0 {
            for &(k, amount) in &amounts {
                ws.add_cell(sim, li, customer, t + k + now.extra, amount);
            }
        } else {
            ws.held.insert(l, amounts);
        }
    } else if closed_before
        && !closed_now
        && let Some(held) = ws.held.remove(&l)
    {
        for (k, amount) in held {
            ws.add_cell(sim, li, customer, t + k, amount);
        }
    }
}

fn summarise(
    sim: &Simulator<'_>,
    ws: &Workspace,
    tl: &Timeline,
    market_unmet: Vec<Vec<f64>>,
    series: Vec<FacilitySeries>,
    dense: bool,
) -> TrialOutcome {
    let net = sim.net;
    let horizon = sim.settings.horizon_days;
    let onset = tl.first_onset.unwrap_or(0);
    let eps = sim.settings.epsilon;
    // Facilities in id order, whichever engine ran, so sums are bit-identical.
    let ids: Vec<u32> = if dense {
        (0..net.facilities.len() as u32).filter(|&f| ws.acc[f as usize].touched).collect()
    } else {
        let mut v: Vec<u32> = ws.touched.iter().copied().filter(|&f| ws.acc[f as usize].touched).collect();
        v.sort_unstable();
        v
    };
    let mut tally = OutcomeTally::new(onset, horizon, net.markets.len());
    for &f in &ids {
        let i = f as usize;
        if net.facilities[i].is_market() {
            continue;
        }
        let acc = ws.acc[i];
        tally.facility(
            FacilityId(f),
            acc.lost,
            acc.min_ratio,
            sim.value[i],
            (acc.first_below, acc.last_below),
        );
    }
    for (k, daily) in market_unmet.into_iter().enumerate() {
        let m = net.markets[k];
        let daily = if daily.is_empty() { vec![0.0; horizon as usize] } else { daily };
        let units =
            if sim.settings.backlog { daily.last().copied().unwrap_or(0.0) } else { daily.iter().sum() };
        tally.market(m, daily, units, sim.value[m.index()], eps * sim.x0[m.index()]);
    }
    tally.finish(tl.first_onset, series, 0)
}
