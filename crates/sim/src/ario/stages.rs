//! One ARIO day, in BoARIO's order (docs/model.md §9.3): events, overproduction, production,
//! distribution with rationing, orders for tomorrow. Every stage is a linear pass over the
//! facilities, the input slots or the links; nothing is allocated.

use kuroshio_core::OrderType;

use crate::ario::ArioModel;
use crate::ario::events::Events;
use crate::ario::params::close;
use crate::ario::state::State;

/// Steps day `t`.
pub(crate) fn day(model: &ArioModel, ev: &Events<'_>, st: &mut State, t: u32) {
    apply_events(model, ev, st, t);
    final_demand(model, ev, st);
    if t > 0 {
        overproduction(model, st, t);
    }
    production(model, st);
    distribute(model, st);
    orders(model, ev, st);
    st.x_prev.copy_from_slice(&st.x);
}

/// Stage 0: today's capital losses, demand multipliers and link limits; today's demand starts
/// as yesterday's orders.
fn apply_events(model: &ArioModel, ev: &Events<'_>, st: &mut State, t: u32) {
    for &f in ev.facilities() {
        let f = f as usize;
        if model.market[f] {
            st.factor[f] = ev.factor(f as u32, t);
        } else {
            st.delta[f] = ev.delta(f as u32, t);
        }
    }
    std::mem::swap(&mut st.phi_today, &mut st.phi_tomorrow);
    for i in 0..st.phi_tomorrow.len() {
        st.phi_tomorrow[i] = ev.phi(i, t + 1);
    }
    std::mem::swap(&mut st.demand, &mut st.demand_next);
    st.demand_next.fill(0.0);
}

/// Final demand today: Y0 times the market's multiplier, on what each link can carry.
fn final_demand(model: &ArioModel, ev: &Events<'_>, st: &mut State) {
    for &s in &model.market_slots {
        let s = s as usize;
        let f = st.factor[model.slot_fac[s] as usize];
        let eventful = ev.slot_eventful[s];
        for k in model.links(s) {
            let mut y = model.link_z0[k] * f;
            if eventful && let Some(i) = ev.index_of(k) {
                y *= st.phi_today[i];
            }
            st.order[k] = y;
            st.demand[model.link_sup[k] as usize] += y;
        }
    }
}

/// Stage 1: overproduction. Scarcity zeta = (D(t) - x(t-1)) / D(t) (0 when D = 0).
/// Papers: alpha += (alpha_max - alpha) zeta / tau if zeta > 0, else (alpha_b - alpha) / tau.
/// BoARIO (`compat.alpha_exact_zero`): from day 2 only, alpha += (alpha_max - alpha) zeta / tau
/// + (alpha_b - alpha) [zeta == 0] / tau, then alpha = max(alpha, 1).
fn overproduction(model: &ArioModel, st: &mut State, t: u32) {
    let p = &model.params;
    let boario = p.compat.alpha_exact_zero;
    if boario && t <= 1 {
        return;
    }
    for i in 0..model.x0.len() {
        if model.market[i] {
            continue;
        }
        let d = st.demand[i];
        let zeta = if d != 0.0 { (d - st.x_prev[i]) / d } else { 0.0 };
        let a = st.alpha[i];
        if boario {
            let zero = if zeta == 0.0 { 1.0 } else { 0.0 };
            let next = a
                + ((p.alpha_max - a) * zeta * p.inv_alpha_tau + (p.alpha_base - a) * zero * p.inv_alpha_tau);
            st.alpha[i] = if next < 1.0 { 1.0 } else { next };
        } else if zeta > 0.0 {
            st.alpha[i] = a + (p.alpha_max - a) * zeta * p.inv_alpha_tau;
        } else {
            st.alpha[i] = a + (p.alpha_base - a) * p.inv_alpha_tau;
        }
    }
}

/// Stage 2: production. x_cap = X0 (1 - Delta) alpha; x_opt = min(D, x_cap); each input that
/// can constrain and holds less than psi s_p a x_opt scales production by stock / that; nor is
/// more of an input used than is in stock.
fn production(model: &ArioModel, st: &mut State) {
    let psi = model.params.psi;
    for i in 0..model.x0.len() {
        if model.market[i] {
            st.x[i] = 0.0;
            continue;
        }
        let cap = model.x0[i] * (1.0 - st.delta[i]) * st.alpha[i];
        let d = st.demand[i];
        let xopt = if d < cap { d } else { cap };
        st.cap[i] = cap;
        st.xopt[i] = xopt;
        let mut ratio = 1.0f64;
        for s in model.slots(i) {
            let need = model.need(s, xopt);
            let stock = st.stock[s];
            if model.mask[s] {
                let cons = need * psi * model.inv_days[s];
                if cons != 0.0 && stock < cons {
                    ratio = ratio.min(stock / cons);
                }
            }
            if need > stock && need > 0.0 {
                ratio = ratio.min(stock / need);
            }
        }
        st.x[i] = if ratio < 1.0 { xopt * ratio } else { xopt };
    }
}

/// Stage 3: distribution. Each supplier rations its output pro rata over everything asked of
/// it (orders and final demand alike, no priority): delivered = x_i E_ij / D_i (exactly E_ij
/// when x_i >= D_i). Inputs received join stock, inputs used leave it; markets record the final
/// demand not met (Y - delivered, the blocked part included).
fn distribute(model: &ArioModel, st: &mut State) {
    for s in 0..model.a.len() {
        let f = model.slot_fac[s] as usize;
        let mut got = 0.0;
        if model.market[f] {
            let factor = st.factor[f];
            let mut unmet = 0.0;
            for k in model.links(s) {
                let del = delivered(st, model.link_sup[k] as usize, st.order[k]);
                unmet += model.link_z0[k] * factor - del;
            }
            st.unmet[f] = unmet;
            continue;
        }
        for k in model.links(s) {
            got += delivered(st, model.link_sup[k] as usize, st.order[k]);
        }
        st.received[s] = got;
    }
    // Inventory update: stock - used + received (BoARIO skips it when every slot's received is
    // within allclose of its used).
    let skip = model.params.compat.tolerance_shortcuts
        && model.industry_slots.iter().all(|&s| {
            let s = s as usize;
            close(st.received[s], model.need(s, st.x[model.slot_fac[s] as usize]))
        });
    if !skip {
        for &s in &model.industry_slots {
            let s = s as usize;
            let used = model.need(s, st.x[model.slot_fac[s] as usize]);
            st.stock[s] = (st.stock[s] - used + st.received[s]).max(0.0);
        }
    }
}

#[inline(always)]
fn delivered(st: &State, sup: usize, asked: f64) -> f64 {
    let d = st.demand[sup];
    let x = st.x[sup];
    if x >= d {
        asked
    } else if d > 0.0 {
        asked / d * x
    } else {
        0.0
    }
}

/// Stage 4: orders for tomorrow. Target stock s_p a x_opt; gap = max(target - stock, 0) /
/// tau_inv (0 everywhere when BoARIO's allclose says every stock is on target); each slot
/// orders gap + a x (the inputs just used), split over its suppliers.
fn orders(model: &ArioModel, ev: &Events<'_>, st: &mut State) {
    let p = &model.params;
    for i in 0..model.x0.len() {
        let x0 = model.x0[i];
        st.rho[i] = if x0 != 0.0 && !model.market[i] {
            (if p.compat.capacity_weights { st.cap[i] } else { st.x[i] }) / x0
        } else {
            1.0
        };
    }
    let no_gap = p.compat.tolerance_shortcuts
        && model.industry_slots.iter().all(|&s| {
            let s = s as usize;
            close(st.stock[s], model.need(s, st.xopt[model.slot_fac[s] as usize]) * model.inv_days[s])
        });
    for &s in &model.industry_slots {
        let s = s as usize;
        let f = model.slot_fac[s] as usize;
        let gap = if no_gap {
            0.0
        } else {
            let target = model.need(s, st.xopt[f]) * model.inv_days[s];
            let g = target - st.stock[s];
            if g > 0.0 { g * p.restoration } else { 0.0 }
        };
        let total = gap + model.need(s, st.x[f]);
        split(model, ev, st, s, total);
    }
}

/// Splits slot `s`'s order `total` over its links (alt: weights Z0 rho of the supplier; static:
/// Z0), times what each link can carry tomorrow (`phi_tomorrow`), and adds each order to its
/// supplier's demand for tomorrow.
pub(crate) fn split(model: &ArioModel, ev: &Events<'_>, st: &mut State, s: usize, total: f64) {
    let links = model.links(s);
    let eventful = ev.slot_eventful[s];
    let alt = model.params.order_type == OrderType::Alt;
    let phi = |st: &State, k: usize| -> f64 { ev.index_of(k).map_or(1.0, |i| st.phi_tomorrow[i]) };
    let mut sum = 0.0;
    let mut plain = !eventful;
    for k in links.clone() {
        let mut w = model.link_z0[k];
        if alt {
            let r = st.rho[model.link_sup[k] as usize];
            plain &= r == 1.0;
            w *= r;
        }
        if eventful {
            w *= phi(st, k);
        }
        sum += w;
    }
    if plain && total == model.zs0[s] {
        // At the baseline: exactly the baseline orders.
        for k in links {
            st.order[k] = model.link_z0[k];
            st.demand_next[model.link_sup[k] as usize] += st.order[k];
        }
        return;
    }
    for k in links {
        let o = if sum != 0.0 {
            let mut w = model.link_z0[k];
            if alt {
                w *= st.rho[model.link_sup[k] as usize];
            }
            if eventful {
                w *= phi(st, k);
            }
            total * (w / sum)
        } else {
            0.0
        };
        st.order[k] = o;
        st.demand_next[model.link_sup[k] as usize] += o;
    }
}
