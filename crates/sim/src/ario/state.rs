//! One ARIO trial's mutable state. Allocated once per trial; the day loop allocates nothing.

use crate::ario::ArioModel;
use crate::ario::events::Events;
use crate::ario::stages;

/// The state of the economy between two days.
pub(crate) struct State {
    // Per facility.
    /// Overproduction factor alpha.
    pub alpha: Vec<f64>,
    /// Share of capacity lost today, Delta.
    pub delta: Vec<f64>,
    /// Capacity today, X0 (1 - Delta) alpha.
    pub cap: Vec<f64>,
    /// Unconstrained production today, min(demand, capacity).
    pub xopt: Vec<f64>,
    /// Realised production today (markets: 0).
    pub x: Vec<f64>,
    /// Realised production yesterday (day -1: X0).
    pub x_prev: Vec<f64>,
    /// Total demand faced today: yesterday's orders plus today's final demand.
    pub demand: Vec<f64>,
    /// Orders placed today for tomorrow, summed per supplier.
    pub demand_next: Vec<f64>,
    /// Markets: final demand multiplier today.
    pub factor: Vec<f64>,
    /// Markets: final demand not met today.
    pub unmet: Vec<f64>,
    /// Order split weight per supplier: capacity (or production) over X0 (alt; static: 1),
    /// today's and the one yesterday's orders were split with.
    pub rho: Vec<f64>,
    pub rho_prev: Vec<f64>,
    /// Share of what was asked that each supplier delivers today: min(1, x / D).
    pub fill: Vec<f64>,
    // Per slot.
    /// Inventory Omega of the input.
    pub stock: Vec<f64>,
    /// Input received today.
    pub received: Vec<f64>,
    /// Sum of the order-split weights of the slot's links.
    pub wsum: Vec<f64>,
    /// Order over the sum of weights, today's and yesterday's: the order on link k is
    /// z0_k rho_sup c (see `stages`).
    pub c: Vec<f64>,
    pub c_prev: Vec<f64>,
    // Per eventful link (Events::positions order): share carried today and tomorrow.
    pub phi_today: Vec<f64>,
    pub phi_tomorrow: Vec<f64>,
}

impl State {
    /// The baseline: stocks at s_p days of use, alpha at alpha_base, orders at Z0 (split over the
    /// links open on day 0 where an event starts then).
    pub fn new(model: &ArioModel, events: &Events<'_>) -> State {
        let n = model.x0.len();
        let slots = model.a.len();
        let stock = (0..slots)
            .map(|s| {
                if model.market[model.slot_fac[s] as usize] { 0.0 } else { model.zs0[s] * model.inv_days[s] }
            })
            .collect();
        let mut st = State {
            alpha: vec![model.params.alpha_base; n],
            delta: vec![0.0; n],
            cap: model.x0.clone(),
            xopt: model.x0.clone(),
            x: model.x0.clone(),
            x_prev: model.x0.clone(),
            demand: vec![0.0; n],
            demand_next: vec![0.0; n],
            factor: vec![1.0; n],
            unmet: vec![0.0; n],
            rho: vec![1.0; n],
            rho_prev: vec![1.0; n],
            fill: vec![1.0; n],
            stock,
            received: vec![0.0; slots],
            wsum: vec![0.0; slots],
            c: vec![1.0; slots],
            c_prev: vec![1.0; slots],
            phi_today: vec![1.0; events.positions.len()],
            phi_tomorrow: (0..events.positions.len()).map(|i| events.phi(i, 0)).collect(),
        };
        // Day 0's intermediate demand: the baseline orders, re-split where a link is limited.
        for &s in &model.industry_slots {
            let s = s as usize;
            if events.slot_eventful[s] {
                stages::initial_split(model, events, &mut st, s, model.zs0[s]);
            } else {
                for k in model.links(s) {
                    st.demand_next[model.link_sup[k] as usize] += model.link_z0[k];
                }
            }
        }
        st
    }
}
