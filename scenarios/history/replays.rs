//! Historical replays: the documented events of the reference notes (events.md, facts.md in
//! /work/shared/reference) as deterministic disruption lists on the cross-pacific network.
//!
//! Shared by `tests/history.rs` (which checks the simulated downstream timing and losses against
//! the record) and `examples/naka_fire_2021.rs`, both of which include this file with
//! `#[path = "../scenarios/history/replays.rs"] mod replays;`. The mapping of each event to
//! disruptions, with its sources, is in `scenarios/history/README.md`; the results are in
//! `docs/validation.md`.
//!
//! Day 0 of every replay is the event's start date. Every number cites events.md (`E1 #n`),
//! facts.md (section), a public source, or says "assumption".
#![allow(dead_code)] // each includer uses a part of it

use std::path::Path;

use kuroshio_core::baseline::solve;
use kuroshio_core::countries::lookup;
use kuroshio_core::{AlternateRoute, Baseline, FacilityId, Network, Settings};
use kuroshio_sim::{Disruption, Goods, RecoveryProfile};

/// A network with its baseline and settings.
pub struct World {
    /// The network.
    pub network: Network,
    /// Its steady state.
    pub baseline: Baseline,
    /// The scenario's settings (horizon 365 days).
    pub settings: Settings,
}

impl World {
    /// A facility's id, which must exist.
    pub fn id(&self, id: &str) -> FacilityId {
        self.network.facility_id(id).unwrap_or_else(|| panic!("no facility {id}"))
    }

    /// The same settings and a changed network, its baseline re-solved.
    fn rebuilt(&self, network: Network) -> World {
        let s = &self.settings;
        let baseline = solve(&network, s.baseline_tolerance, s.baseline_max_iterations).expect("baseline");
        World { network, baseline, settings: s.clone() }
    }
}

/// The shipped cross-pacific scenario (scenarios/cross-pacific), the network every replay runs on.
pub fn cross_pacific() -> World {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/cross-pacific");
    let s = kuroshio_core::load(&dir).expect("scenarios/cross-pacific loads");
    World { network: s.network, baseline: s.baseline, settings: s.settings }
}

/// The MCU supply chain as it stood in spring 2021, for the Naka fire: the shipped network holds
/// 2019 stocks and 10% spare fab capacity, the 2021 shortage had neither.
/// - Chip users held a median of <5 days of chips in 2021 (40 in 2019): US Commerce RFI
///   2022-01-25, facts.md A7 [P]. Applied to the ECU makers' chip stocks (5 days), except the
///   Toyota-group-like Aichi tier-1 (`ECU-JP`), which keeps its 120 days: Toyota's BCP stocks of
///   2-6 months (Reuters 2021-03-09, facts.md A7).
/// - MCU fabs ran full: fabs >=90% utilized in 2021 (Commerce RFI, facts.md A7), and Renesas
///   could move only 2/3 of N3 output, with the first alternate shipments ~90 days after the fire
///   (semimedia 9564, facts.md A7); TrendForce expected no extra foundry orders "given the current
///   tight wafer-start capacity" (epsnews.com 2021-03-23). So MCU fabs get capacity = baseline
///   output (utilization 1: no spare to move to within the replay).
pub fn conditions_2021(w: &World) -> World {
    let mut parts = w.network.to_parts();
    let wafer_mcu = w.network.product_id("wafer_mcu").expect("wafer_mcu");
    for (i, f) in parts.facilities.iter_mut().enumerate() {
        if ["ECU-US", "ECU-MX", "ECU-KR", "ECU-CN"].contains(&f.id.as_str()) {
            f.inventory_days = 5.0;
        }
        if f.product == wafer_mcu {
            f.capacity = w.baseline.output[i];
            f.utilization = Some(1.0);
        }
    }
    w.rebuilt(Network::new(parts))
}

/// Piecewise-linear loss of capacity as one-day step outages (outages combine multiplicatively,
/// and these never overlap, so day d loses exactly the interpolated share). `anchors` are
/// (day, share of the hit unit lost), sorted by day; the loss is interpolated linearly between
/// them and ends after the last anchor. `scale` is the hit unit's share of the facility.
pub fn piecewise(facility: FacilityId, anchors: &[(u32, f64)], scale: f64) -> Vec<Disruption> {
    let mut out = Vec::new();
    for w in anchors.windows(2) {
        let ((d0, l0), (d1, l1)) = (w[0], w[1]);
        for d in d0..d1 {
            let loss = l0 + (l1 - l0) * f64::from(d - d0) / f64::from(d1 - d0);
            if loss * scale > 0.0 {
                out.push(Disruption::Outage {
                    facility,
                    start: d,
                    duration: 1,
                    severity: (loss * scale).min(1.0),
                    profile: RecoveryProfile::Step,
                });
            }
        }
    }
    out
}

/// The Naka MCU fab's capacity in the 2011 Tohoku earthquake (events.md E1 #2): shut from the
/// quake (2011-03-11, day 0) until 200 mm mass production restarted on 2011-06-01 (day 82; 300 mm
/// on 06-06, day 87); by late September (day ~200) pre-quake-equivalent product supply was back,
/// with Naka making ~35% of it (the rest from alternate fabs and foundries). Mapping: full loss
/// days 0-81, then a linear ramp from full loss at day 82 to a loss of 65% at day 200, where the
/// replay ends (after that the record speaks of products, not of Naka's capacity).
pub const TOHOKU_NAKA: [(u32, f64); 3] = [(0, 1.0), (82, 1.0), (200, 0.65)];

/// Tohoku 2011 at Renesas Naka: the fab alone (the ~500 other auto-supplier sites, power cuts and
/// the Japanese assembly stops are not in the replay; see docs/validation.md).
pub fn tohoku_2011(w: &World) -> Vec<Disruption> {
    piecewise(w.id("FAB-NAKA"), &TOHOKU_NAKA, 1.0)
}

/// Loss of the N3 (300 mm) line's capacity after the 2021-03-19 fire (events.md E1 #9): out until
/// production resumed on 2021-04-17 (day 29), 88% of capacity at the end of May (day 73: a loss of
/// 12%), 100% on 2021-06-24 (day 97). Linear between those dates (assumption: Renesas gave no
/// figure in between).
pub const NAKA_FIRE_N3: [(u32, f64); 4] = [(0, 1.0), (29, 1.0), (73, 0.12), (97, 0.0)];

/// The N3 line's share of the Naka MCU fab: 2/3, assumption. Renesas said the 200 mm line and
/// wafer test kept running (semiconductor-digest.com 2021-03) and that N3 makes 90-40 nm parts,
/// the automotive MCU nodes (TrendForce via epsnews.com 2021-03-23), but gave no split of the
/// site's output; 2/3 is the automotive share of N3's output (Reuters 2021-03-22, facts.md B3),
/// used here as the order of magnitude.
pub const N3_SHARE_OF_NAKA: f64 = 2.0 / 3.0;

/// The 2021 Naka N3 fire.
pub fn naka_fire_2021(w: &World) -> Vec<Disruption> {
    piecewise(w.id("FAB-NAKA"), &NAKA_FIRE_N3, N3_SHARE_OF_NAKA)
}

/// Regions of the 2022 Shanghai lockdown: the Yangtze delta (Shanghai, Jiangsu, Zhejiang), the
/// footprint of the shipped `shanghai-lockdown` hazard (events.md E1 #14: "Yangtze-delta parts
/// makers").
pub const SHANGHAI_REGIONS: [&str; 3] = ["CHN-Shanghai", "CHN-Jiangsu", "CHN-Zhejiang"];

/// Factory capacity in the 2022 Shanghai lockdown (events.md E1 #14), shaped on Tesla Shanghai:
/// closed 2022-03-28 to 04-19 (days 0-21), ~45% of capacity in mid-May (day ~48: a loss of 55%),
/// normal by the end of May (day 64). Scaled by 0.63: 63% of 54 Japanese firms in Shanghai
/// suspended (events.md E1 #14), taken as the share of each Yangtze-delta site's capacity lost.
pub const SHANGHAI_FACTORIES: [(u32, f64); 4] = [(0, 1.0), (22, 1.0), (48, 0.55), (64, 0.0)];
/// Share of each site's capacity hit (events.md E1 #14: 63% of Japanese firms suspended).
pub const SHANGHAI_SHARE_SUSPENDED: f64 = 0.63;

/// The 2022 Shanghai lockdown: Yangtze-delta facilities as above; the port's throughput -25%
/// (daily ~100k TEU, -25%) from the lockdown to its lifting (~2022-06-01, day 65), then -5% until
/// it was back at 95% of pre-lockdown on 2022-06-27 (day 91) (events.md E1 #14).
pub fn shanghai_2022(w: &World) -> Vec<Disruption> {
    let net = &w.network;
    let mut out = Vec::new();
    for (i, f) in net.facilities.iter().enumerate() {
        let region = &net.regions[f.region.index()].id;
        if !f.is_market() && SHANGHAI_REGIONS.contains(&region.as_str()) {
            out.extend(piecewise(FacilityId::from_index(i), &SHANGHAI_FACTORIES, SHANGHAI_SHARE_SUSPENDED));
        }
    }
    let port = net.chokepoint_id("SHANGHAI").expect("SHANGHAI");
    out.push(Disruption::ChokepointClosure { chokepoint: port, start: 0, duration: 65, severity: 0.25 });
    out.push(Disruption::ChokepointClosure { chokepoint: port, start: 65, duration: 26, severity: 0.05 });
    out
}

/// Days of China's full gallium/germanium export stop: licensing from 2023-08-01 (day 0), August
/// exports zero, partial resumption under licence by November (events.md E1 #16, facts.md C2):
/// modelled as a full ban for August-October (92 days). The model's ban is all-or-nothing, so
/// November's partial flows (Ga -73%, Ge -87% year on year) are left out (the ban ends).
pub const GALLIUM_BAN_DAYS: u32 = 92;

/// China's 2023 gallium and germanium export controls (events.md E1 #16).
pub fn gallium_germanium_2023(w: &World, days: u32) -> Vec<Disruption> {
    let net = &w.network;
    let goods = ["gallium_crude", "gallium_hp", "germanium"]
        .iter()
        .map(|p| net.product_id(p).expect("product"))
        .collect();
    vec![Disruption::ExportBan {
        from: lookup("CHN").expect("CHN"),
        to: None,
        goods: Goods::Products(goods),
        start: 0,
        duration: days,
    }]
}

/// The 2023-24 Panama Canal drought (events.md E1 #18, facts.md D3): daily transits constrained
/// from 38 to 22 on average from July 2023 to May 2024 (a loss of 1 - 22/38 = 42%), from the
/// 32-a-day cap of 2023-07-30 (day 0) until 33 a day from 2024-07-11 (day 347).
pub fn panama_2023(w: &World) -> Vec<Disruption> {
    let panama = w.network.chokepoint_id("PANAMA").expect("PANAMA");
    vec![Disruption::ChokepointClosure {
        chokepoint: panama,
        start: 0,
        duration: 347,
        severity: 1.0 - 22.0 / 38.0,
    }]
}

/// Extra days at sea through Los Angeles/Long Beach at the 2021 peak: China -> US West Coast
/// transit 16 days normally, 36 in October 2021 (Shifl via marinemonks.com, facts.md D1,
/// events.md E1 #11).
pub const LALB_EXTRA_DAYS: u32 = 36 - 16;
/// Days the peak delay lasted: October 2021 (transit 36 days) through the early-January 2022 peak
/// of 109 ships waiting (events.md E1 #11), ~120 days: assumption (the queue built from October
/// 2020 and took "most of 2022 to clear"; the replay keeps only the peak).
pub const LALB_PEAK_DAYS: u32 = 120;

/// The LA/LB congestion as a delay, not a loss: every route through LA-LB gets, as its
/// alternate, the same path without the port closure and `LALB_EXTRA_DAYS` more days at full
/// capacity (the ships arrived, late). The replay then closes LA-LB for `LALB_PEAK_DAYS`, so
/// every shipment through the port, including those at sea, arrives 20 days late.
pub fn lalb_as_delay(w: &World) -> World {
    let mut parts = w.network.to_parts();
    let lalb = w.network.chokepoint_id("LA-LB").expect("LA-LB");
    for r in parts.routes.iter_mut() {
        if r.chokepoints.contains(&lalb) {
            let via = r.chokepoints.iter().copied().filter(|&c| c != lalb).collect();
            r.alternate =
                Some(AlternateRoute { chokepoints: via, extra_days: LALB_EXTRA_DAYS, capacity_share: 1.0 });
        }
    }
    w.rebuilt(Network::new(parts))
}

/// The 2021 LA/LB peak congestion on a network from [`lalb_as_delay`].
pub fn lalb_2021(w: &World) -> Vec<Disruption> {
    let lalb = w.network.chokepoint_id("LA-LB").expect("LA-LB");
    vec![Disruption::ChokepointClosure {
        chokepoint: lalb,
        start: 0,
        duration: LALB_PEAK_DAYS,
        severity: 1.0,
    }]
}

/// Vehicle assembly plants (kind `assembly`) by id prefix, e.g. `ASSY-JP-`.
pub fn plants<'a>(w: &'a World, prefix: &'a str) -> impl Iterator<Item = FacilityId> + 'a {
    w.network
        .facilities
        .iter()
        .enumerate()
        .filter(move |(_, f)| f.id.starts_with(prefix))
        .map(|(i, _)| FacilityId::from_index(i))
}
