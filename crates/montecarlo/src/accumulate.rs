//! What a run keeps of its trials: a mergeable [`Accumulator`].
//!
//! Every trial is first reduced, on the worker thread that ran it, to a sparse [`TrialRecord`]
//! (its headline row, the markets and facilities it touched, its contributions); records are
//! then added to the accumulator in trial order. Apart from the per-trial rows (one small
//! [`TrialRow`] each: the loss list the statistics need), the accumulator's size does not grow
//! with the number of trials: totals are [`ExactSum`]s (so any grouping of trials, over threads
//! or shards, adds to the same bits) and distributions are histograms of counts.
//!
//! Facilities are stored sparsely: only those ever hit or impacted have an entry, found through
//! a dense index of 4 bytes per facility.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::MonteCarloError;
use crate::fixed::{ExactSum, Scale};

/// Number of output-ratio bins below 1 in a market's daily band histogram (1% each); bin
/// [`RATIO_BINS`] counts fully served days.
pub const RATIO_BINS: usize = 100;

/// How a trial's recovery ended, for a facility, a market or the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recovered {
    /// Never impacted.
    NotImpacted,
    /// Back for good this many days after the first onset.
    Days(u32),
    /// Still impacted on the horizon's last day.
    BeyondHorizon,
}

impl From<kuroshio_sim::Recovery> for Recovered {
    fn from(r: kuroshio_sim::Recovery) -> Recovered {
        match r {
            kuroshio_sim::Recovery::NotImpacted => Recovered::NotImpacted,
            kuroshio_sim::Recovery::Recovered(d) => Recovered::Days(d),
            kuroshio_sim::Recovery::Censored => Recovered::BeyondHorizon,
        }
    }
}

/// One trial's headline figures (a row of `trials.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrialRow {
    /// Global trial index.
    pub trial: u64,
    /// Unmet final demand value, USD: the headline loss.
    pub loss: f64,
    /// Lost gross output value, USD.
    pub lost_output: f64,
    /// Disruptions sampled (one per site an event hit, one per export ban).
    pub disruptions: u32,
    /// First day with unmet final demand at any market.
    pub first_shortage_day: Option<u32>,
    /// System recovery.
    pub recovery: Recovered,
}

/// One market's part of a trial record (markets with a shortage or an impact only).
#[derive(Debug, Clone, PartialEq)]
pub struct MarketTrial {
    /// Position of the market in [`kuroshio_core::Network::markets`].
    pub market: u32,
    /// Unmet demand value, quantized.
    pub unmet: i128,
    /// Its square, quantized at the square scale.
    pub unmet_sq: i128,
    /// Whether any day had a shortage.
    pub shortage: bool,
    /// Recovery.
    pub recovery: Recovered,
    /// Days whose served ratio fell below 1, counted from the first shortage day, with their
    /// ratio bin (banded markets with a shortage only).
    pub low_days: Vec<(u32, u8)>,
    /// Days from the first shortage day to the horizon (0 without a shortage or bands).
    pub observed_days: u32,
}

/// One facility's (or chokepoint's) part of a trial record.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementTrial {
    /// Facility or chokepoint index.
    pub id: u32,
    /// Named by a disruption.
    pub hit: bool,
    /// Output ratio fell below 1 - epsilon (facilities only).
    pub impacted: bool,
    /// Lost output value, quantized.
    pub lost_value: i128,
    /// Direct shock value, quantized.
    pub shock: i128,
    /// Contribution to the trial's loss, quantized, and its square.
    pub contribution: i128,
    /// The square of the contribution, at the square scale.
    pub contribution_sq: i128,
    /// Time to recover (facilities only).
    pub recovery: Recovered,
}

/// A hazard's part of a trial record (hazards that struck only).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HazardTrial {
    /// The hazard's index in the catalog.
    pub hazard: u32,
    /// Its contribution to the trial's loss, quantized.
    pub contribution: i128,
    /// The square, at the square scale.
    pub contribution_sq: i128,
}

/// A hazard's totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HazardAcc {
    /// Trials in which it struck (at least one disruption).
    pub struck_trials: u64,
    /// Sum of contributions to loss.
    pub contribution: ExactSum,
    /// Sum of squared contributions.
    pub contribution_sq: ExactSum,
}

/// Everything a run keeps of one trial.
#[derive(Debug, Clone, PartialEq)]
pub struct TrialRecord {
    /// Headline row.
    pub row: TrialRow,
    /// Markets with a shortage or an impact, by position.
    pub markets: Vec<MarketTrial>,
    /// Facilities hit or impacted, by id.
    pub facilities: Vec<ElementTrial>,
    /// Chokepoints hit, by id.
    pub chokepoints: Vec<ElementTrial>,
    /// Sectors with an impacted facility, by index into [`Layout::sectors`], with the sector's
    /// recovery: the last of its facilities' (beyond the horizon if any is).
    pub sectors: Vec<(u32, Recovered)>,
    /// Hazards that struck, by index, with their contributions.
    pub hazards: Vec<HazardTrial>,
    /// Loss left unattributed, quantized.
    pub unattributed: i128,
}

/// The fixed shape of a run's accumulators: the same for every shard of a run, checked when
/// parts are merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    /// Horizon, days.
    pub horizon: u32,
    /// Facilities in the network (markets included).
    pub facilities: u32,
    /// Markets in the network.
    pub markets: u32,
    /// Chokepoints in the network.
    pub chokepoints: u32,
    /// Unit of money sums.
    pub scale: Scale,
    /// Unit of sums of squared money.
    pub scale_sq: Scale,
    /// Positions (in the network's market list) of the markets with daily bands.
    pub banded_markets: Vec<u32>,
    /// The products' sectors, sorted (facilities are grouped by their product's sector).
    pub sectors: Vec<String>,
    /// Hazards in the catalog.
    #[serde(default)]
    pub hazards: u32,
}

/// A market's totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarketAcc {
    /// Trials with a shortage.
    pub shortage_trials: u64,
    /// Trials in which the market was impacted.
    pub impacted_trials: u64,
    /// Of those, trials still impacted at the horizon.
    pub beyond_horizon: u64,
    /// Recovery days histogram, index = days (0..=horizon).
    pub recovery_days: Vec<u64>,
    /// Sum of unmet demand value.
    pub unmet: ExactSum,
    /// Sum of its squares.
    pub unmet_sq: ExactSum,
    /// Served-ratio counts below 1 by days since the first shortage:
    /// `bands[day * RATIO_BINS + bin]` (banded markets only; fully served days are the rest of
    /// the trials observed that many days after their first shortage).
    pub bands: Vec<u64>,
    /// How many days after its first shortage each trial with a shortage was observed:
    /// `band_lengths[d]` trials were observed exactly d days (banded markets only).
    #[serde(default)]
    pub band_lengths: Vec<u64>,
}

/// A sector's recovery totals: a sector is impacted in a trial when any of its facilities is, and
/// recovered when the last of them is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectorAcc {
    /// Trials in which a facility of the sector was impacted.
    pub impacted_trials: u64,
    /// Of those, trials with a facility still impacted at the horizon.
    pub beyond_horizon: u64,
    /// Recovery days histogram, index = days (0..=horizon).
    pub recovery_days: Vec<u64>,
}

/// Bins of a facility's time-to-recover histogram: one day wide up to day 14, a week up to day
/// 91, 30 days after. A quantile is reported as its bin's last day.
pub fn ttr_bin(days: u32) -> usize {
    match days {
        0..14 => days as usize,
        14..91 => 14 + (days as usize - 14) / 7,
        _ => 25 + (days as usize - 91) / 30,
    }
}

/// The last day of [`ttr_bin`] `b`.
pub fn ttr_bin_last_day(b: usize) -> u32 {
    match b {
        0..14 => b as u32,
        14..25 => 14 + (b as u32 - 14) * 7 + 6,
        _ => 91 + (b as u32 - 25) * 30 + 29,
    }
}

/// A facility's or chokepoint's totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ElementAcc {
    /// Trials in which a disruption named it.
    pub hit_trials: u64,
    /// Trials in which its output ratio fell below 1 - epsilon.
    pub impacted_trials: u64,
    /// Of those, trials still impacted at the horizon.
    pub beyond_horizon: u64,
    /// Time-to-recover histogram over [`ttr_bin`]s (empty until the first recovery).
    pub recovery_bins: Vec<u64>,
    /// Sum of lost output value.
    pub lost_value: ExactSum,
    /// Sum of direct shock value.
    pub shock: ExactSum,
    /// Sum of contributions to loss.
    pub contribution: ExactSum,
    /// Sum of squared contributions.
    pub contribution_sq: ExactSum,
}

impl ElementAcc {
    fn add_trial(&mut self, t: &ElementTrial) {
        self.hit_trials += u64::from(t.hit);
        self.lost_value.add_units(t.lost_value);
        self.shock.add_units(t.shock);
        self.contribution.add_units(t.contribution);
        self.contribution_sq.add_units(t.contribution_sq);
        if t.impacted {
            self.impacted_trials += 1;
            match t.recovery {
                Recovered::Days(d) => {
                    let b = ttr_bin(d);
                    if self.recovery_bins.len() <= b {
                        self.recovery_bins.resize(b + 1, 0);
                    }
                    self.recovery_bins[b] += 1;
                }
                Recovered::BeyondHorizon => self.beyond_horizon += 1,
                Recovered::NotImpacted => {}
            }
        }
    }

    fn merge(&mut self, o: &ElementAcc) {
        self.hit_trials += o.hit_trials;
        self.impacted_trials += o.impacted_trials;
        self.beyond_horizon += o.beyond_horizon;
        if self.recovery_bins.len() < o.recovery_bins.len() {
            self.recovery_bins.resize(o.recovery_bins.len(), 0);
        }
        for (a, b) in self.recovery_bins.iter_mut().zip(&o.recovery_bins) {
            *a += b;
        }
        self.lost_value.add(o.lost_value);
        self.shock.add(o.shock);
        self.contribution.add(o.contribution);
        self.contribution_sq.add(o.contribution_sq);
    }
}

/// Facilities with an entry, found through a dense index (`u32::MAX`: none). Two tables are
/// equal when they hold the same entries, whatever order they were added in.
#[derive(Debug, Clone)]
pub struct FacilityTable {
    index: Vec<u32>,
    entries: Vec<(u32, ElementAcc)>,
}

impl FacilityTable {
    fn new(facilities: u32) -> FacilityTable {
        FacilityTable { index: vec![u32::MAX; facilities as usize], entries: Vec::new() }
    }

    fn entry(&mut self, id: u32) -> &mut ElementAcc {
        let slot = &mut self.index[id as usize];
        if *slot == u32::MAX {
            *slot = self.entries.len() as u32;
            self.entries.push((id, ElementAcc::default()));
        }
        &mut self.entries[*slot as usize].1
    }

    /// A facility's totals, if it was ever hit or impacted.
    pub fn get(&self, id: u32) -> Option<&ElementAcc> {
        match self.index.get(id as usize) {
            Some(&i) if i != u32::MAX => Some(&self.entries[i as usize].1),
            _ => None,
        }
    }

    /// Entries in facility id order.
    pub fn sorted(&self) -> Vec<(u32, &ElementAcc)> {
        let mut v: Vec<(u32, &ElementAcc)> = self.entries.iter().map(|(id, a)| (*id, a)).collect();
        v.sort_unstable_by_key(|(id, _)| *id);
        v
    }

    /// Number of facilities with an entry.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no facility has an entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl PartialEq for FacilityTable {
    fn eq(&self, other: &FacilityTable) -> bool {
        self.index.len() == other.index.len() && self.sorted() == other.sorted()
    }
}

#[derive(Serialize, Deserialize)]
struct FacilityTableData {
    facilities: u32,
    entries: Vec<(u32, ElementAcc)>,
}

impl Serialize for FacilityTable {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let entries = self.sorted().into_iter().map(|(id, a)| (id, a.clone())).collect();
        FacilityTableData { facilities: self.index.len() as u32, entries }.serialize(s)
    }
}

impl<'de> Deserialize<'de> for FacilityTable {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FacilityTable, D::Error> {
        let data = FacilityTableData::deserialize(d)?;
        let mut t = FacilityTable::new(data.facilities);
        for (id, acc) in data.entries {
            if id >= data.facilities || t.index[id as usize] != u32::MAX {
                return Err(serde::de::Error::custom(format!(
                    "facility entry {id} out of range or repeated"
                )));
            }
            *t.entry(id) = acc;
        }
        Ok(t)
    }
}

/// A run's (or a shard's) totals over a contiguous range of trials, mergeable with the
/// accumulator of the range that follows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Accumulator {
    /// Shape shared by every shard of the run.
    pub layout: Layout,
    /// First trial of the range.
    pub first_trial: u64,
    /// One row per trial, in trial order.
    pub rows: Vec<TrialRow>,
    /// Per market, in the network's market order.
    pub markets: Vec<MarketAcc>,
    /// Facilities ever hit or impacted.
    pub facilities: FacilityTable,
    /// Per chokepoint.
    pub chokepoints: Vec<ElementAcc>,
    /// Per sector of [`Layout::sectors`].
    pub sectors: Vec<SectorAcc>,
    /// Per hazard of the catalog.
    #[serde(default)]
    pub hazards: Vec<HazardAcc>,
    /// Loss no element could be given (see [`crate::attribution`]).
    pub unattributed: ExactSum,
}

impl Accumulator {
    /// An empty accumulator starting at `first_trial`.
    pub fn new(layout: Layout, first_trial: u64) -> Accumulator {
        let markets = (0..layout.markets)
            .map(|m| MarketAcc {
                shortage_trials: 0,
                impacted_trials: 0,
                beyond_horizon: 0,
                recovery_days: vec![0; layout.horizon as usize + 1],
                unmet: ExactSum::default(),
                unmet_sq: ExactSum::default(),
                bands: if layout.banded_markets.contains(&m) {
                    vec![0; layout.horizon as usize * RATIO_BINS]
                } else {
                    Vec::new()
                },
                band_lengths: if layout.banded_markets.contains(&m) {
                    vec![0; layout.horizon as usize + 1]
                } else {
                    Vec::new()
                },
            })
            .collect();
        let sectors = layout
            .sectors
            .iter()
            .map(|_| SectorAcc {
                impacted_trials: 0,
                beyond_horizon: 0,
                recovery_days: vec![0; layout.horizon as usize + 1],
            })
            .collect();
        Accumulator {
            hazards: vec![HazardAcc::default(); layout.hazards as usize],
            sectors,
            facilities: FacilityTable::new(layout.facilities),
            chokepoints: vec![ElementAcc::default(); layout.chokepoints as usize],
            markets,
            layout,
            first_trial,
            rows: Vec::new(),
            unattributed: ExactSum::default(),
        }
    }

    /// Trials accumulated.
    pub fn trials(&self) -> u64 {
        self.rows.len() as u64
    }

    /// The trial after the last one accumulated.
    pub fn end_trial(&self) -> u64 {
        self.first_trial + self.trials()
    }

    /// Adds the next trial. Records must come in trial order.
    pub fn add(&mut self, r: &TrialRecord) {
        debug_assert_eq!(r.row.trial, self.end_trial());
        self.rows.push(r.row);
        for m in &r.markets {
            let acc = &mut self.markets[m.market as usize];
            acc.shortage_trials += u64::from(m.shortage);
            acc.unmet.add_units(m.unmet);
            acc.unmet_sq.add_units(m.unmet_sq);
            match m.recovery {
                Recovered::NotImpacted => {}
                Recovered::Days(d) => {
                    acc.impacted_trials += 1;
                    acc.recovery_days[(d as usize).min(self.layout.horizon as usize)] += 1;
                }
                Recovered::BeyondHorizon => {
                    acc.impacted_trials += 1;
                    acc.beyond_horizon += 1;
                }
            }
            if !acc.bands.is_empty() && m.shortage {
                for &(day, bin) in &m.low_days {
                    acc.bands[day as usize * RATIO_BINS + bin as usize] += 1;
                }
                acc.band_lengths[(m.observed_days as usize).min(self.layout.horizon as usize)] += 1;
            }
        }
        for f in &r.facilities {
            self.facilities.entry(f.id).add_trial(f);
        }
        for c in &r.chokepoints {
            self.chokepoints[c.id as usize].add_trial(c);
        }
        for h in &r.hazards {
            let acc = &mut self.hazards[h.hazard as usize];
            acc.struck_trials += 1;
            acc.contribution.add_units(h.contribution);
            acc.contribution_sq.add_units(h.contribution_sq);
        }
        for &(k, recovery) in &r.sectors {
            let acc = &mut self.sectors[k as usize];
            match recovery {
                Recovered::NotImpacted => {}
                Recovered::Days(d) => {
                    acc.impacted_trials += 1;
                    acc.recovery_days[(d as usize).min(self.layout.horizon as usize)] += 1;
                }
                Recovered::BeyondHorizon => {
                    acc.impacted_trials += 1;
                    acc.beyond_horizon += 1;
                }
            }
        }
        self.unattributed.add_units(r.unattributed);
    }

    /// Appends the accumulator of the trials right after this one's.
    pub fn merge(&mut self, o: &Accumulator) -> Result<(), MonteCarloError> {
        if o.layout != self.layout {
            return Err(MonteCarloError::Mismatch {
                what: "accumulator layouts (network or horizon)".into(),
            });
        }
        if o.first_trial != self.end_trial() {
            return Err(MonteCarloError::Mismatch {
                what: format!(
                    "trial ranges: the next part starts at trial {} but trial {} comes next",
                    o.first_trial,
                    self.end_trial()
                ),
            });
        }
        self.rows.extend_from_slice(&o.rows);
        for (a, b) in self.markets.iter_mut().zip(&o.markets) {
            a.shortage_trials += b.shortage_trials;
            a.impacted_trials += b.impacted_trials;
            a.beyond_horizon += b.beyond_horizon;
            for (x, y) in a.recovery_days.iter_mut().zip(&b.recovery_days) {
                *x += y;
            }
            a.unmet.add(b.unmet);
            a.unmet_sq.add(b.unmet_sq);
            for (x, y) in a.bands.iter_mut().zip(&b.bands) {
                *x += y;
            }
            for (x, y) in a.band_lengths.iter_mut().zip(&b.band_lengths) {
                *x += y;
            }
        }
        for (id, acc) in &o.facilities.entries {
            self.facilities.entry(*id).merge(acc);
        }
        for (a, b) in self.chokepoints.iter_mut().zip(&o.chokepoints) {
            a.merge(b);
        }
        for (a, b) in self.hazards.iter_mut().zip(&o.hazards) {
            a.struck_trials += b.struck_trials;
            a.contribution.add(b.contribution);
            a.contribution_sq.add(b.contribution_sq);
        }
        for (a, b) in self.sectors.iter_mut().zip(&o.sectors) {
            a.impacted_trials += b.impacted_trials;
            a.beyond_horizon += b.beyond_horizon;
            for (x, y) in a.recovery_days.iter_mut().zip(&b.recovery_days) {
                *x += y;
            }
        }
        self.unattributed.add(o.unattributed);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ttr_bins_cover_days_without_gaps() {
        let mut last = None;
        for d in 0..2000u32 {
            let b = ttr_bin(d);
            assert!(d <= ttr_bin_last_day(b), "day {d} bin {b}");
            if let Some(prev) = last {
                assert!(b == prev || b == prev + 1);
                if b == prev + 1 {
                    assert_eq!(ttr_bin_last_day(prev), d - 1);
                }
            }
            last = Some(b);
        }
        assert_eq!(ttr_bin(13), 13);
        assert_eq!(ttr_bin(14), 14);
        assert_eq!(ttr_bin_last_day(14), 20);
        assert_eq!(ttr_bin(91), 25);
        assert_eq!(ttr_bin_last_day(25), 120);
    }
}
