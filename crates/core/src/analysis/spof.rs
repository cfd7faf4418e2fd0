//! Single points of failure: for each market, the facilities and chokepoints whose loss alone
//! makes its supply impossible.
//!
//! Feasibility follows the model's logic: a facility can produce when it is up and, for every
//! input of its recipe (AND), at least one usable supplier link (OR) comes from a facility that
//! can produce and is passable. A link is passable when its primary route avoids the lost
//! chokepoint, or its alternate route does. Backup links count only when asked.
//!
//! Each candidate is removed in turn and its loss propagated downstream with per-input counters
//! of usable suppliers: a facility fails when one of its counters reaches zero. The cost of a
//! candidate is the size of the cone it knocks out, so multi-sourced networks are cheap.
//! Candidates run in parallel; results do not depend on the thread count.
//!
//! In a network with cycles, a cycle that only supplies itself counts as viable (the counters
//! find the greatest fixed point); facility-level networks are normally acyclic.

use rayon::prelude::*;

use crate::model::Network;
use crate::{ChokepointId, FacilityId, LinkId};

/// The single points of failure of one market.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketSpof {
    /// The market.
    pub market: FacilityId,
    /// Facilities whose loss alone cuts the market off, in id order.
    pub facilities: Vec<FacilityId>,
    /// Chokepoints whose closure alone cuts the market off, in id order.
    pub chokepoints: Vec<ChokepointId>,
}

#[derive(Clone, Copy)]
enum Candidate {
    Facility(u32),
    Chokepoint(u32),
}

struct Scratch {
    count: Vec<u32>,
    dead: Vec<bool>,
    touched_slots: Vec<u32>,
    /// Links already counted as lost (a link blocked by a chokepoint whose supplier then fails
    /// must not be counted twice).
    cut: Vec<bool>,
    cut_list: Vec<u32>,
    dead_list: Vec<u32>,
    stack: Vec<u32>,
}

/// Single points of failure of every market.
pub fn single_points_of_failure(net: &Network, with_backups: bool) -> Vec<MarketSpof> {
    let usable = |l: &crate::Link| with_backups || !l.backup;
    // Usable suppliers per input slot with nothing lost.
    let mut count = vec![0u32; net.slot_count()];
    for (i, l) in net.links.iter().enumerate() {
        if usable(l) {
            count[net.link_slot(LinkId::from_index(i))] += 1;
        }
    }
    // Links blocked by each chokepoint: primary passes it and no alternate avoids it.
    let mut blocked: Vec<Vec<u32>> = vec![Vec::new(); net.chokepoints.len()];
    for (i, l) in net.links.iter().enumerate() {
        if !usable(l) {
            continue;
        }
        let Some(r) = l.route else { continue };
        let route = &net.routes[r.index()];
        for &c in &route.chokepoints {
            let rescued = route
                .alternate
                .as_ref()
                .is_some_and(|a| !a.chokepoints.contains(&c) && a.capacity_share > 0.0);
            if !rescued && blocked[c.index()].last() != Some(&(i as u32)) {
                blocked[c.index()].push(i as u32);
            }
        }
    }
    let mut candidates: Vec<Candidate> = (0..net.facilities.len() as u32)
        .filter(|&f| !net.facilities[f as usize].is_market())
        .map(Candidate::Facility)
        .collect();
    candidates.extend(
        (0..net.chokepoints.len() as u32)
            .filter(|&c| !blocked[c as usize].is_empty())
            .map(Candidate::Chokepoint),
    );

    let n = net.facilities.len();
    let hits: Vec<(Candidate, Vec<u32>)> = candidates
        .par_iter()
        .map_init(
            || Scratch {
                count: count.clone(),
                dead: vec![false; n],
                touched_slots: Vec::new(),
                cut: vec![false; net.links.len()],
                cut_list: Vec::new(),
                dead_list: Vec::new(),
                stack: Vec::new(),
            },
            |s, &cand| {
                match cand {
                    Candidate::Facility(f) => kill(s, f),
                    Candidate::Chokepoint(c) => {
                        for &l in &blocked[c as usize] {
                            let link = net.link(LinkId(l));
                            decrement(net, s, l, link.customer.0);
                        }
                    }
                }
                propagate(net, s, &usable);
                let markets: Vec<u32> =
                    s.dead_list.iter().copied().filter(|&d| net.facilities[d as usize].is_market()).collect();
                restore(net, s, &count);
                (cand, markets)
            },
        )
        .filter(|(_, m)| !m.is_empty())
        .collect();

    let mut out: Vec<MarketSpof> = net
        .markets
        .iter()
        .map(|&m| MarketSpof { market: m, facilities: Vec::new(), chokepoints: Vec::new() })
        .collect();
    let pos: std::collections::HashMap<u32, usize> =
        net.markets.iter().enumerate().map(|(i, m)| (m.0, i)).collect();
    for (cand, markets) in hits {
        for m in markets {
            let e = &mut out[pos[&m]];
            match cand {
                Candidate::Facility(f) => e.facilities.push(FacilityId(f)),
                Candidate::Chokepoint(c) => e.chokepoints.push(ChokepointId(c)),
            }
        }
    }
    out
}

fn kill(s: &mut Scratch, f: u32) {
    if !s.dead[f as usize] {
        s.dead[f as usize] = true;
        s.dead_list.push(f);
        s.stack.push(f);
    }
}

fn decrement(net: &Network, s: &mut Scratch, l: u32, customer: u32) {
    if s.cut[l as usize] {
        return;
    }
    s.cut[l as usize] = true;
    s.cut_list.push(l);
    let slot = net.link_slot(LinkId(l));
    s.count[slot] -= 1;
    s.touched_slots.push(slot as u32);
    if s.count[slot] == 0 {
        kill(s, customer);
    }
}

fn propagate(net: &Network, s: &mut Scratch, usable: &dyn Fn(&crate::Link) -> bool) {
    while let Some(d) = s.stack.pop() {
        for &l in net.out_links(FacilityId(d)) {
            let link = net.link(LinkId(l));
            if usable(link) && !s.dead[link.customer.index()] {
                decrement(net, s, l, link.customer.0);
            }
        }
    }
}

fn restore(_net: &Network, s: &mut Scratch, count: &[u32]) {
    for &slot in &s.touched_slots {
        s.count[slot as usize] = count[slot as usize];
    }
    for &d in &s.dead_list {
        s.dead[d as usize] = false;
    }
    for &l in &s.cut_list {
        s.cut[l as usize] = false;
    }
    s.cut_list.clear();
    s.touched_slots.clear();
    s.dead_list.clear();
}
