//! Running trials in parallel and reducing them in order (MODEL.md §6).
//!
//! # Determinism
//!
//! Trial n's disruptions come from [`crate::hazard::sample_trial`] with the run's seed and n, whatever thread
//! runs it. Trials run on the current rayon pool as a pipeline: each worker claims the next
//! trial, runs it and files its record; the records are added to the accumulators strictly in
//! trial order (by whichever worker files the one the reduction waits for), with the block
//! boundaries (every [`BLOCK_TRIALS`] trials) where progress, checkpoints and stops happen. At
//! most [`wave_trials`] records wait for an earlier trial (the memory budget). The accumulators'
//! totals are exact sums ([`crate::fixed`]), so the result does not depend on the thread count,
//! the order trials finish in, or how the trial range was cut into shards.
//!
//! # Stopping early
//!
//! With a target relative confidence half-width X, the run checks after each block (from the
//! second on) whether the 95% half-width of the mean loss of the first arm, 1.96 s / √n, is at
//! most X times the mean (a mean of 0 never satisfies it); it stops at the first block that does.
//! Trials run past that point are dropped, so where a run stops depends only on the seed and
//! the scenario.
//!
//! # Arms
//!
//! A run has one arm per variant of the network (the base scenario, and for `compare` each
//! intervention). Every arm meets the same sampled disruptions in every trial (common random
//! numbers): they are drawn once per trial from the base network, then each arm's adjustment
//! (hardening) is applied to its copy. A trial without disruptions is not simulated: it stays
//! at the baseline, with no loss.

use std::ops::Range;
use std::sync::{Condvar, Mutex, MutexGuard};

use kuroshio_core::Network;
use kuroshio_sim::{Disruption, RecoveryProfile, RunOptions, Simulator, Workspace};

use crate::MonteCarloError;
use crate::accumulate::{Accumulator, Layout, TrialRecord, TrialRow};
use crate::hazard::{Hazard, sample_trial_tagged};
use crate::record::Recorder;

/// Trials per block: the unit of reduction, of stopping checks, of checkpoints and of shards.
pub const BLOCK_TRIALS: u64 = 64;

/// z for a two-sided 95% normal interval.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// A change applied to each trial's sampled disruptions before an arm simulates them.
pub type Adjust<'a> = Box<dyn Fn(&mut Vec<Disruption>) + Send + Sync + 'a>;

/// One variant of the network that every trial is run on.
pub struct Arm<'a> {
    /// Its name (`base`, or the intervention's).
    pub name: String,
    simulator: Simulator<'a>,
    recorder: Recorder<'a>,
    adjust: Option<Adjust<'a>>,
}

impl<'a> Arm<'a> {
    /// An arm simulating with `simulator` (whose settings fix the horizon), recording with the
    /// run's `layout`, and applying `adjust` to each trial's disruptions.
    pub fn new(
        name: impl Into<String>,
        simulator: Simulator<'a>,
        layout: &Layout,
        adjust: Option<Adjust<'a>>,
    ) -> Self {
        let (net, base) = (simulator.network(), simulator.baseline());
        Arm { name: name.into(), recorder: Recorder::new(net, base, layout), simulator, adjust }
    }
}

impl<'a> Arm<'a> {
    /// Bytes of one of this arm's workspaces, measured on a fresh one.
    pub fn workspace_bytes(&self) -> usize {
        self.simulator.workspace().heap_bytes()
    }

    /// The network this arm simulates.
    pub fn network(&self) -> &'a Network {
        self.simulator.network()
    }
}

impl std::fmt::Debug for Arm<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Arm").field("name", &self.name).finish_non_exhaustive()
    }
}

/// What a run samples from and simulates.
#[derive(Debug)]
pub struct Model<'a> {
    /// The base network, which hazards were parsed against and disruptions are sampled on.
    pub network: &'a Network,
    /// The hazard catalog.
    pub hazards: &'a [Hazard],
    /// Horizon, days (the arms' simulators must use the same).
    pub horizon: u32,
    /// The shape of the accumulators.
    pub layout: Layout,
    /// The variants run on every trial; the first is the reference of the stopping rule.
    pub arms: Vec<Arm<'a>>,
}

/// Which trials to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The run's seed.
    pub seed: u64,
    /// Trials to run (a shard's slice, or 0..N). Its start must be a multiple of [`BLOCK_TRIALS`].
    pub trials: Range<u64>,
    /// Stop at the first block where the mean loss's 95% half-width is at most this share of the
    /// mean.
    pub target_rel_ci: Option<f64>,
}

/// Why a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Every planned trial ran.
    Completed,
    /// The target relative confidence half-width was reached.
    TargetReached,
    /// The caller asked to stop at a block boundary (results are partial).
    Interrupted,
}

/// What the caller's block callback says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Go on.
    Continue,
    /// Stop after this block.
    Stop,
}

/// The result of [`run`].
#[derive(Debug, Clone)]
pub struct RunResult {
    /// One accumulator per arm.
    pub accumulators: Vec<Accumulator>,
    /// Why it ended.
    pub stop: Stop,
}

/// The mean and the 95% confidence half-width of `xs` (normal approximation, sample standard
/// deviation), summed in order.
pub fn mean_half_width(xs: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let (mut n, mut sum) = (0usize, 0.0);
    for x in xs.clone() {
        n += 1;
        sum += x;
    }
    if n == 0 {
        return (0.0, 0.0);
    }
    let mean = sum / n as f64;
    if n < 2 {
        return (mean, f64::INFINITY);
    }
    let ss: f64 = xs.map(|x| (x - mean) * (x - mean)).sum();
    let sd = (ss / (n - 1) as f64).sqrt();
    (mean, Z_95 * sd / (n as f64).sqrt())
}

/// Whether the stopping rule holds for `acc` with target `x`.
pub fn target_reached(acc: &Accumulator, x: f64) -> bool {
    if acc.trials() < 2 * BLOCK_TRIALS {
        return false;
    }
    let (mean, half) = mean_half_width(acc.rows.iter().map(|r| r.loss));
    mean > 0.0 && half <= x * mean
}

/// Runs `plan` on `model`, continuing from `resume` (accumulators of the trials before, one per
/// arm) if given. `on_block` is called after each block with the accumulators so far (to report
/// progress or checkpoint) and may stop the run there.
pub fn run(
    model: &Model<'_>,
    plan: &Plan,
    resume: Option<Vec<Accumulator>>,
    on_block: &mut (dyn FnMut(&[Accumulator]) -> Flow + Send),
) -> Result<RunResult, MonteCarloError> {
    if !plan.trials.start.is_multiple_of(BLOCK_TRIALS) {
        return Err(MonteCarloError::InvalidRun {
            reason: format!(
                "a trial range must start at a multiple of {BLOCK_TRIALS}, not {}",
                plan.trials.start
            ),
        });
    }
    // The accumulators' layout counts the catalog's hazards.
    let layout = Layout { hazards: model.hazards.len() as u32, ..model.layout.clone() };
    let mut accs = match resume {
        Some(a) => {
            if a.len() != model.arms.len()
                || a.iter().any(|x| x.first_trial != plan.trials.start || x.layout != layout)
            {
                return Err(MonteCarloError::Mismatch {
                    what: "the saved accumulators belong to another run".into(),
                });
            }
            a
        }
        None => model.arms.iter().map(|_| Accumulator::new(layout.clone(), plan.trials.start)).collect(),
    };
    let next = accs[0].end_trial();
    if let Some(x) = plan.target_rel_ci
        && target_reached(&accs[0], x)
    {
        return Ok(RunResult { accumulators: accs, stop: Stop::TargetReached });
    }
    if next >= plan.trials.end {
        return Ok(RunResult { accumulators: accs, stop: Stop::Completed });
    }
    // A pipeline, not waves: each worker claims the next trial, runs it and files its record;
    // whoever files the record the reduction waits for adds every consecutive record it finds,
    // in trial order, with the block boundaries. No worker waits for a wave's costliest trial
    // (trial costs vary by orders of magnitude: no event, a local one, a regional one), and the
    // records waiting for an earlier trial stay within `wave_trials` (the memory budget): a
    // worker that would claim past it waits.
    let threads = rayon::current_num_threads().max(1);
    let window = wave_trials(model).max(threads as u64);
    let pool: Mutex<Vec<Vec<Workspace>>> = Mutex::new(Vec::new());
    let queue = Mutex::new(Queue {
        claimed: next,
        reduced_to: next,
        done: std::collections::BTreeMap::new(),
        stop: None,
        error: None,
    });
    let room = Condvar::new();
    let reducer = Mutex::new(Reducer { accs: &mut accs, on_block });
    // Adds the records that are next in trial order, if no other worker is doing so.
    let drain = || {
        loop {
            let Ok(mut red) = reducer.try_lock() else { return };
            loop {
                let record = {
                    let mut q = lock(&queue);
                    if q.stop.is_some() {
                        None
                    } else {
                        let k = q.reduced_to;
                        q.done.remove(&k)
                    }
                };
                let Some(record) = record else { break };
                let stop = red.add(&record, plan);
                let mut q = lock(&queue);
                q.reduced_to += 1;
                if let Some(stop) = stop {
                    q.stop = Some(stop);
                }
                room.notify_all();
            }
            drop(red);
            // A record filed between the last look and the unlock would wait for the next
            // worker's filing: look once more.
            let q = lock(&queue);
            if q.stop.is_some() || !q.done.contains_key(&q.reduced_to) {
                return;
            }
        }
    };
    let worker = || {
        let mut ws = Workspaces::take(&pool, model);
        loop {
            let trial = {
                let mut q = lock(&queue);
                loop {
                    if q.stop.is_some() || q.claimed >= plan.trials.end {
                        return;
                    }
                    if q.claimed < q.reduced_to + window {
                        break;
                    }
                    q = room.wait(q).unwrap_or_else(|e| e.into_inner());
                }
                q.claimed += 1;
                q.claimed - 1
            };
            match run_trial(model, plan.seed, trial, &mut ws.spaces) {
                Ok(record) => {
                    lock(&queue).done.insert(trial, record);
                }
                Err(e) => {
                    let mut q = lock(&queue);
                    // The earliest failing trial is reported, whatever the thread count.
                    if q.error.as_ref().is_none_or(|(t, _)| trial < *t) {
                        q.error = Some((trial, e));
                    }
                    if q.stop.is_none() {
                        q.stop = Some(Stop::Interrupted);
                    }
                    room.notify_all();
                    return;
                }
            }
            drain();
        }
    };
    rayon::scope(|s| {
        for _ in 0..threads {
            s.spawn(|_| worker());
        }
    });
    drain();
    let q = queue.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Some((_, e)) = q.error {
        return Err(e);
    }
    let stop = q.stop.unwrap_or(Stop::Completed);
    Ok(RunResult { accumulators: accs, stop })
}

/// The queue's lock, whether or not a worker panicked while holding it (a panic ends the run
/// anyway, through rayon's scope).
fn lock(q: &Mutex<Queue>) -> MutexGuard<'_, Queue> {
    q.lock().unwrap_or_else(|e| e.into_inner())
}

/// The trials claimed, finished and reduced so far (see [`run`]).
struct Queue {
    /// The next trial to claim.
    claimed: u64,
    /// The next trial to add to the accumulators.
    reduced_to: u64,
    /// Records finished but not yet added (an earlier trial is still running).
    done: std::collections::BTreeMap<u64, Vec<TrialRecord>>,
    /// Why the run stops early, once it does.
    stop: Option<Stop>,
    /// The error of the earliest failing trial.
    error: Option<(u64, MonteCarloError)>,
}

/// The accumulators and the block callback, held by one worker at a time.
struct Reducer<'a, 'b> {
    accs: &'a mut Vec<Accumulator>,
    on_block: &'b mut (dyn FnMut(&[Accumulator]) -> Flow + Send),
}

impl Reducer<'_, '_> {
    /// Adds one trial's records; at a block boundary calls back and checks the stopping rules.
    fn add(&mut self, record: &[TrialRecord], plan: &Plan) -> Option<Stop> {
        for (acc, r) in self.accs.iter_mut().zip(record) {
            acc.add(r);
        }
        let next = self.accs[0].end_trial();
        // A block boundary: every BLOCK_TRIALS trials from 0, and the end of the range.
        if !(next.is_multiple_of(BLOCK_TRIALS) || next == plan.trials.end) {
            return None;
        }
        let flow = (self.on_block)(self.accs);
        if plan.target_rel_ci.is_some_and(|x| target_reached(&self.accs[0], x)) {
            return Some(Stop::TargetReached);
        }
        if flow == Flow::Stop {
            return Some(if next >= plan.trials.end { Stop::Completed } else { Stop::Interrupted });
        }
        (next >= plan.trials.end).then_some(Stop::Completed)
    }
}

/// Memory the records waiting for the reduction may take, at most (about).
pub const WAVE_RECORD_BUDGET: u64 = 256 << 20;

/// The most trials claimed ahead of the reduction (running, or finished and waiting for an
/// earlier trial): sixteen blocks per thread, fewer on large networks so that the records
/// waiting stay within [`WAVE_RECORD_BUDGET`] (a record can list every facility, about 64 bytes
/// each, per arm), and never fewer than one per thread. Results do not depend on it.
pub fn wave_trials(model: &Model<'_>) -> u64 {
    let threads = rayon::current_num_threads() as u64;
    let per_trial = 64 * model.network.facilities.len().max(1) as u64 * model.arms.len().max(1) as u64;
    (WAVE_RECORD_BUDGET / per_trial).clamp(threads.max(1), BLOCK_TRIALS * 16 * threads.max(1))
}

/// What a run will allocate beyond the loaded network, estimated before it starts (bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryEstimate {
    /// One workspace per worker thread and arm.
    pub workspaces: u64,
    /// The arms' per-network constants.
    pub simulators: u64,
    /// Accumulators at their largest: every facility with an entry, one row per trial, bands.
    pub results: u64,
    /// Records of trials in flight (at most [`WAVE_RECORD_BUDGET`]).
    pub in_flight: u64,
}

impl MemoryEstimate {
    /// The total.
    pub fn total(&self) -> u64 {
        self.workspaces + self.simulators + self.results + self.in_flight
    }
}

/// Estimates what running `trials` trials of `model` on `threads` threads will allocate, with
/// `workspace_bytes` measured on one workspace ([`kuroshio_sim::Workspace::heap_bytes`]).
pub fn memory_estimate(
    model: &Model<'_>,
    threads: usize,
    trials: u64,
    workspace_bytes: u64,
) -> MemoryEstimate {
    let arms = model.arms.len() as u64;
    let n = model.network.facilities.len() as u64;
    let horizon = u64::from(model.layout.horizon);
    // Per facility entry: the index (4), the entry and its recovery bins (about 35 u64).
    let facility_table =
        n * 4 + n * (std::mem::size_of::<crate::accumulate::ElementAcc>() as u64 + 4 + 35 * 8);
    let markets = model.layout.markets as u64 * (horizon + 1) * 8
        + model.layout.banded_markets.len() as u64 * (horizon * 100 + horizon + 1) * 8;
    let rows = trials * std::mem::size_of::<TrialRow>() as u64;
    let per_trial = 64 * n.max(1) * arms.max(1);
    let wave = (WAVE_RECORD_BUDGET / per_trial)
        .clamp(threads.max(1) as u64, BLOCK_TRIALS * 16 * threads.max(1) as u64);
    MemoryEstimate {
        workspaces: workspace_bytes * threads as u64 * arms,
        simulators: model.arms.iter().map(|a| a.simulator.heap_bytes() as u64).sum(),
        results: arms * (facility_table + markets + rows),
        in_flight: (wave * per_trial).min(WAVE_RECORD_BUDGET),
    }
}

/// One trial on every arm.
fn run_trial(
    model: &Model<'_>,
    seed: u64,
    trial: u64,
    spaces: &mut [Workspace],
) -> Result<Vec<TrialRecord>, MonteCarloError> {
    let (sampled, hazard_of) = sample_trial_tagged(model.hazards, model.network, model.horizon, seed, trial);
    let options = RunOptions::default();
    let mut out = Vec::with_capacity(model.arms.len());
    for (arm, ws) in model.arms.iter().zip(spaces) {
        let mut disruptions = sampled.clone();
        if let Some(adjust) = &arm.adjust {
            adjust(&mut disruptions);
            // An adjusted (shortened) outage keeps its delay within its duration, as sampling does.
            for d in &mut disruptions {
                if let Disruption::Outage {
                    duration,
                    profile: RecoveryProfile::DelayThenRamp { delay },
                    ..
                } = d
                {
                    *delay = (*delay).min(*duration);
                }
            }
        }
        let outcome = if disruptions.is_empty() {
            None
        } else {
            Some(
                arm.simulator
                    .run_in(ws, &disruptions, &options)
                    .map_err(|source| MonteCarloError::Trial { trial, source })?,
            )
        };
        out.push(arm.recorder.record(trial, &disruptions, &hazard_of, outcome.as_ref()));
    }
    Ok(out)
}

/// One workspace per arm, taken from a shared pool and given back when dropped, so rayon's
/// per-job `map_init` does not allocate a network-sized workspace each time.
struct Workspaces<'p> {
    pool: &'p Mutex<Vec<Vec<Workspace>>>,
    spaces: Vec<Workspace>,
}

impl<'p> Workspaces<'p> {
    fn take(pool: &'p Mutex<Vec<Vec<Workspace>>>, model: &Model<'_>) -> Workspaces<'p> {
        let spaces = pool
            .lock()
            .ok()
            .and_then(|mut p| p.pop())
            .unwrap_or_else(|| model.arms.iter().map(|a| a.simulator.workspace()).collect());
        Workspaces { pool, spaces }
    }
}

impl Drop for Workspaces<'_> {
    fn drop(&mut self) {
        if let Ok(mut p) = self.pool.lock() {
            p.push(std::mem::take(&mut self.spaces));
        }
    }
}
