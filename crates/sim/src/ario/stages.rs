//! One ARIO day, in BoARIO's order (docs/model.md §7.3): events, overproduction, production,
//! distribution with rationing, orders for tomorrow. Every stage is a linear pass over the
//! facilities, the input slots or the links; nothing is allocated.
//!
//! Orders are not stored per link: the order on link k of slot s placed on day t is
//! `z0_k * rho_sup(t) * c_s(t)` (times phi_k(t + 1) on a limited link), with rho the supplier's
//! split weight and c_s = total order / sum of weights, so stage 3 of day t + 1 recomputes it
//! from two small arrays (`rho_prev`, `c_prev`) with exactly the same arithmetic. Each day then
//! reads the links' constant baseline flows and suppliers twice and writes nothing per link.

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
    distribute(model, ev, st);
    orders(model, ev, st);
    st.x_prev.copy_from_slice(&st.x);
    std::mem::swap(&mut st.rho_prev, &mut st.rho);
    std::mem::swap(&mut st.c_prev, &mut st.c);
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
            let y = final_asked(model, ev, st, k, f, eventful);
            st.demand[model.link_sup[k] as usize] += y;
        }
    }
}

/// What market link `k` asks today: Y0 times the multiplier `f`, times what the link carries.
#[inline(always)]
fn final_asked(model: &ArioModel, ev: &Events<'_>, st: &State, k: usize, f: f64, eventful: bool) -> f64 {
    let y = model.link_z0[k] * f;
    if eventful && let Some(i) = ev.index_of(k) { y * st.phi_today[i] } else { y }
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
/// it (orders and final demand alike, no priority): delivered = E_ij x_i / D_i (exactly E_ij
/// when x_i >= D_i). Inputs received join stock, inputs used leave it; markets record the final
/// demand not met (Y - delivered, the blocked part included). The same pass sums each slot's
/// order-split weights for stage 4.
fn distribute(model: &ArioModel, ev: &Events<'_>, st: &mut State) {
    let p = &model.params;
    let alt = p.order_type == OrderType::Alt;
    for i in 0..model.x0.len() {
        let (d, x, x0) = (st.demand[i], st.x[i], model.x0[i]);
        st.fill[i] = if x >= d {
            1.0
        } else if d > 0.0 {
            x / d
        } else {
            0.0
        };
        st.rho[i] = if alt && x0 != 0.0 && !model.market[i] {
            (if p.compat.capacity_weights { st.cap[i] } else { x }) / x0
        } else {
            1.0
        };
    }
    for s in 0..model.a.len() {
        let f = model.slot_fac[s] as usize;
        let links = model.links(s);
        let eventful = ev.slot_eventful[s];
        if model.market[f] {
            let factor = st.factor[f];
            let mut unmet = 0.0;
            for k in links {
                let asked = final_asked(model, ev, st, k, factor, eventful);
                unmet += model.link_z0[k] * factor - asked * st.fill[model.link_sup[k] as usize];
            }
            st.unmet[f] = unmet;
            continue;
        }
        let cp = st.c_prev[s];
        let (got, wsum) = if eventful {
            let (mut got, mut wsum) = (0.0, 0.0);
            for k in links {
                let sup = model.link_sup[k] as usize;
                let (today, tomorrow) =
                    ev.index_of(k).map_or((1.0, 1.0), |i| (st.phi_today[i], st.phi_tomorrow[i]));
                got += model.link_z0[k] * st.rho_prev[sup] * today * cp * st.fill[sup];
                wsum += model.link_z0[k] * st.rho[sup] * tomorrow;
            }
            (got, wsum)
        } else {
            slot_sums(&model.link_z0[links.clone()], &model.link_sup[links], cp, st)
        };
        st.received[s] = got;
        st.wsum[s] = wsum;
    }
    // Inventory update: stock - used + received (BoARIO skips it when every slot's received is
    // within allclose of its used).
    let skip = p.compat.tolerance_shortcuts
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

/// For a slot with no limited link: the input received today, sum of z0 rho_prev c_prev fill
/// (yesterday's orders, delivered in part), and the order-split weights for tomorrow, sum of
/// z0 rho; in four lanes so that the additions do not wait on one another.
#[inline(always)]
fn slot_sums(z0: &[f64], sup: &[u32], cp: f64, st: &State) -> (f64, f64) {
    let (fill, rho, rho_prev) = (&st.fill[..], &st.rho[..], &st.rho_prev[..]);
    let (mut g, mut w) = ([0.0f64; 4], [0.0f64; 4]);
    let n4 = z0.len() / 4 * 4;
    for (z, u) in z0[..n4].chunks_exact(4).zip(sup[..n4].chunks_exact(4)) {
        for j in 0..4 {
            let i = u[j] as usize;
            g[j] += z[j] * rho_prev[i] * cp * fill[i];
            w[j] += z[j] * rho[i];
        }
    }
    for j in n4..z0.len() {
        let i = sup[j] as usize;
        g[0] += z0[j] * rho_prev[i] * cp * fill[i];
        w[0] += z0[j] * rho[i];
    }
    ((g[0] + g[1]) + (g[2] + g[3]), (w[0] + w[1]) + (w[2] + w[3]))
}

/// Stage 4: orders for tomorrow. Target stock s_p a x_opt; gap = max(target - stock, 0) /
/// tau_inv (0 everywhere when BoARIO's allclose says every stock is on target); each slot
/// orders gap + a x (the inputs just used), split over its suppliers in proportion to the
/// weights of stage 3: Z0 rho (alt) or Z0 (static), times what each link can carry tomorrow.
fn orders(model: &ArioModel, ev: &Events<'_>, st: &mut State) {
    let p = &model.params;
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
        place(model, ev, st, s, total);
    }
}

/// Splits slot `s`'s order `total` over its links, order_k = z0_k rho_sup c_s (times phi_k
/// tomorrow) with c_s = total / (sum of weights), and adds each to its supplier's demand for
/// tomorrow. At the baseline (order Z^S 0, every weight its baseline flow) c_s = 1: exactly the
/// baseline orders.
fn place(model: &ArioModel, ev: &Events<'_>, st: &mut State, s: usize, total: f64) {
    let links = model.links(s);
    let eventful = ev.slot_eventful[s];
    let c = if total == model.zs0[s]
        && !eventful
        && links.clone().all(|k| st.rho[model.link_sup[k] as usize] == 1.0)
    {
        1.0
    } else if st.wsum[s] != 0.0 {
        total / st.wsum[s]
    } else {
        0.0
    };
    st.c[s] = c;
    if eventful {
        for k in links {
            let sup = model.link_sup[k] as usize;
            let phi = ev.index_of(k).map_or(1.0, |i| st.phi_tomorrow[i]);
            st.demand_next[sup] += model.link_z0[k] * st.rho[sup] * phi * c;
        }
    } else {
        let (z0, sup) = (&model.link_z0[links.clone()], &model.link_sup[links]);
        for (z, &i) in z0.iter().zip(sup) {
            let i = i as usize;
            st.demand_next[i] += z * st.rho[i] * c;
        }
    }
}

/// Day 0's orders of slot `s` under the links' limits on day 0: `total` split by Z0 phi (every
/// rho is 1 before the first day). Called before day 0, when `phi_tomorrow` holds day 0's limits
/// and `rho` is 1 everywhere.
pub(crate) fn initial_split(model: &ArioModel, ev: &Events<'_>, st: &mut State, s: usize, total: f64) {
    let mut sum = 0.0;
    for k in model.links(s) {
        sum += model.link_z0[k] * ev.index_of(k).map_or(1.0, |i| st.phi_tomorrow[i]);
    }
    st.wsum[s] = sum;
    place(model, ev, st, s, total);
    st.c_prev[s] = st.c[s];
}
