//! The decisions of gentle reclaim, apart from the kernel calls (which the Linux backend makes):
//! how much the next step takes, and whether what the last step took was wanted back.
//!
//! The loop: measure the machine's own refault rate and pressure for one wait; then, step by
//! step, ask the kernel to reclaim a little, wait, and look at what happened meanwhile. The
//! kernel's LRU takes the coldest pages first, so while only cold cache goes, nobody refaults
//! and nothing stalls; the first step that reaches the hot set shows up as refaults (its pages
//! are read back) or as memory pressure, and the loop stops there.

use serde::Serialize;

use crate::units::ReclaimAmount;

/// Gentle reclaim (`clean reclaim --gentle`, the keep-lean rule): reclaim in small steps and
/// stop at the first sign that what was taken is wanted back. The kernel's LRU already takes
/// the coldest pages first; what no tool knows is how much to take, so each step is followed by
/// a short wait in which refaults and memory pressure are measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GentleReclaim {
    /// Stop when PSI memory `some`, measured over a step's wait, rises above this percent.
    pub target_percent: f64,
    /// Each step's size.
    pub step: ReclaimAmount,
    /// The most to take in all (`None`: all that is cold).
    pub max: Option<ReclaimAmount>,
    /// Never take the file cache below this.
    pub floor: ReclaimAmount,
}

impl GentleReclaim {
    /// Meta's senpai keeps memory pressure around 0.1%: a millisecond of stall per second, the
    /// edge of what nobody notices. Above it, something waited for memory we took.
    pub const DEFAULT_TARGET_PERCENT: f64 = 0.1;
}

impl Default for GentleReclaim {
    fn default() -> Self {
        GentleReclaim {
            target_percent: Self::DEFAULT_TARGET_PERCENT,
            // senpai probes with about 1% of memory per step
            step: ReclaimAmount::Percent(1.0),
            max: None,
            floor: ReclaimAmount::Percent(5.0),
        }
    }
}

/// How long each step waits before its effect is judged, in milliseconds.
pub const SETTLE_MS: u64 = 1000;

/// Below this a step is not worth a kernel call.
pub const MIN_STEP_BYTES: u64 = 4 << 20;

/// Counters read before and after each step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sample {
    pub at_ms: u64,
    pub file_cache_bytes: u64,
    /// The inactive file cache: what the kernel itself considers cold.
    pub cold_bytes: u64,
    /// File refaults since boot, in bytes.
    pub refault_bytes: u64,
    /// PSI memory `some` total stall, microseconds since boot.
    pub stall_us: u64,
}

/// What the loop does after a step that did not end it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// The next step, at once.
    Step,
    /// Pressure rose in the wait, but a single wait's stall can be another program's (a build
    /// reading its files, a disk busy with someone else): wait once more, and go on with half
    /// the step only if that wait is calm ([`Gentle::after_back_off`]).
    BackOff,
}

/// Why the loop ended.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum Stop {
    /// `--max` was taken.
    Max,
    /// The file cache is down to the floor.
    Floor,
    /// No cold cache is left (the inactive list is empty, or the kernel reclaimed less than
    /// asked).
    NothingCold,
    /// Pages the last step took were read back: that was the hot set.
    Refaults { bytes: u64 },
    /// Tasks waited on memory during the last wait.
    Pressure { percent: f64 },
    /// Memory pressure was above the target before anything was taken.
    PressureBefore { percent: f64 },
}

/// The loop's state and limits, in bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Gentle {
    target_percent: f64,
    step: u64,
    max: Option<u64>,
    floor: u64,
    /// Refaults per millisecond while nothing was being taken (other programs' own churn).
    baseline_refault_per_ms: f64,
    pub taken: u64,
    pub steps: u32,
    /// Times the loop backed off (halving its step) because pressure rose.
    pub back_offs: u32,
    /// Refaults beyond the baseline over all steps.
    pub refault_bytes: u64,
}

fn pressure_percent(from: &Sample, to: &Sample) -> f64 {
    let wall_us = to.at_ms.saturating_sub(from.at_ms).max(1) * 1000;
    to.stall_us.saturating_sub(from.stall_us) as f64 * 100.0 / wall_us as f64
}

impl Gentle {
    /// Starts from a baseline wait in which nothing was taken (`before` .. `after`).
    pub fn begin(settings: &GentleReclaim, total_bytes: u64, before: &Sample, after: &Sample) -> Result<Gentle, Stop> {
        let pressure = pressure_percent(before, after);
        if pressure > settings.target_percent {
            return Err(Stop::PressureBefore { percent: pressure });
        }
        let elapsed = after.at_ms.saturating_sub(before.at_ms).max(1) as f64;
        Ok(Gentle {
            target_percent: settings.target_percent,
            step: settings.step.to_bytes(total_bytes).max(MIN_STEP_BYTES),
            max: settings.max.map(|m| m.to_bytes(total_bytes)),
            floor: settings.floor.to_bytes(total_bytes),
            baseline_refault_per_ms: after.refault_bytes.saturating_sub(before.refault_bytes) as f64 / elapsed,
            taken: 0,
            steps: 0,
            back_offs: 0,
            refault_bytes: 0,
        })
    }

    /// How much the next step asks the kernel for, given the machine now.
    pub fn next_step(&self, now: &Sample) -> Result<u64, Stop> {
        let left_to_max = self.max.map_or(u64::MAX, |max| max.saturating_sub(self.taken));
        if left_to_max < MIN_STEP_BYTES {
            return Err(Stop::Max);
        }
        let above_floor = now.file_cache_bytes.saturating_sub(self.floor);
        if above_floor < MIN_STEP_BYTES {
            return Err(Stop::Floor);
        }
        if now.cold_bytes < MIN_STEP_BYTES {
            return Err(Stop::NothingCold);
        }
        // Never more than the kernel calls cold: beyond it, the next pages are in use.
        Ok(self.step.min(left_to_max).min(above_floor).min(now.cold_bytes))
    }

    /// Judges one step: `asked` bytes were requested between `before` and `written`, then the
    /// loop waited until `after`. `fell_short`: the kernel said it reclaimed less (EAGAIN).
    pub fn after_step(
        &mut self,
        before: &Sample,
        written: &Sample,
        after: &Sample,
        fell_short: bool,
    ) -> Result<Next, Stop> {
        self.steps += 1;
        self.taken += before.file_cache_bytes.saturating_sub(after.file_cache_bytes);
        let elapsed = after.at_ms.saturating_sub(before.at_ms) as f64;
        let refaults = after.refault_bytes.saturating_sub(before.refault_bytes);
        let excess = (refaults as f64 - self.baseline_refault_per_ms * elapsed).max(0.0) as u64;
        self.refault_bytes += excess;
        // Other programs' bursts of a few MiB are noise; 3% of a step read back within one wait
        // is the hot set answering (measured: the step that reached a 1 GiB file re-read every
        // 2 s brought 15 MiB of 256 MiB back at once, the next one 488 MiB).
        if excess > (self.step / 32).max(2 << 20) {
            return Err(Stop::Refaults { bytes: excess });
        }
        if fell_short {
            return Err(Stop::NothingCold);
        }
        // Measured over the wait only: the reclaim call itself counts as a stall of its own.
        let pressure = pressure_percent(written, after);
        if pressure > self.target_percent {
            // Refaults did not rise, so the stall may not be ours: back off with a smaller
            // step, down to the smallest; then it ends here.
            if self.step / 2 < MIN_STEP_BYTES {
                return Err(Stop::Pressure { percent: pressure });
            }
            self.step /= 2;
            self.back_offs += 1;
            return Ok(Next::BackOff);
        }
        Ok(Next::Step)
    }

    /// Judges the extra wait of a back-off (`from` .. `to`, nothing taken): still above the
    /// target, the pressure is real and the loop ends.
    pub fn after_back_off(&self, from: &Sample, to: &Sample) -> Result<(), Stop> {
        let pressure = pressure_percent(from, to);
        if pressure > self.target_percent {
            return Err(Stop::Pressure { percent: pressure });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1 << 20;
    const GIB: u64 = 1 << 30;

    fn sample(at_ms: u64, cache: u64, cold: u64, refaults: u64, stall_us: u64) -> Sample {
        Sample { at_ms, file_cache_bytes: cache, cold_bytes: cold, refault_bytes: refaults, stall_us }
    }

    fn settings() -> GentleReclaim {
        GentleReclaim { step: ReclaimAmount::Bytes(256 * MIB), ..GentleReclaim::default() }
    }

    #[test]
    fn steps_take_cold_cache_until_refaults_answer() {
        let total = 16 * GIB;
        let quiet = |at| sample(at, 5 * GIB, 4 * GIB, 0, 0);
        let mut gentle = Gentle::begin(&settings(), total, &quiet(0), &quiet(1000)).unwrap();
        assert_eq!(gentle.next_step(&quiet(1000)), Ok(256 * MIB));
        // a step that took 256 MiB and nobody noticed
        let before = quiet(1000);
        let written = sample(1100, 5 * GIB, 4 * GIB, 0, 50_000); // the call's own stall
        let after = sample(2100, 5 * GIB - 256 * MIB, 4 * GIB - 256 * MIB, 0, 50_000);
        assert_eq!(gentle.after_step(&before, &written, &after, false), Ok(Next::Step));
        assert_eq!((gentle.taken, gentle.steps), (256 * MIB, 1));
        // the next step hits the hot set: 64 MiB is read back during its wait
        let after2 = sample(3200, 5 * GIB - 512 * MIB, 3 * GIB, 64 * MIB, 50_000);
        assert_eq!(
            gentle.after_step(&after, &sample(2200, 0, 0, 0, 50_000), &after2, false),
            Err(Stop::Refaults { bytes: 64 * MIB })
        );
        assert_eq!(gentle.refault_bytes, 64 * MIB);
    }

    #[test]
    fn the_machines_own_churn_is_not_counted_against_a_step() {
        // 1 MiB/s of refaults while nothing is taken
        let mut gentle = Gentle::begin(
            &settings(),
            16 * GIB,
            &sample(0, 5 * GIB, 4 * GIB, 0, 0),
            &sample(1000, 5 * GIB, 4 * GIB, MIB, 0),
        )
        .unwrap();
        let before = sample(1000, 5 * GIB, 4 * GIB, MIB, 0);
        let after = sample(3000, 5 * GIB - 256 * MIB, 4 * GIB, 3 * MIB, 0);
        assert_eq!(gentle.after_step(&before, &before, &after, false), Ok(Next::Step));
        assert_eq!(gentle.refault_bytes, 0);
    }

    #[test]
    fn pressure_stops_it_before_and_during() {
        let stalled =
            Gentle::begin(&settings(), 16 * GIB, &sample(0, GIB, GIB, 0, 0), &sample(1000, GIB, GIB, 0, 5000));
        assert_eq!(stalled, Err(Stop::PressureBefore { percent: 0.5 }));
        let mut gentle = Gentle::begin(
            &settings(),
            16 * GIB,
            &sample(0, 5 * GIB, 4 * GIB, 0, 0),
            &sample(1000, 5 * GIB, 4 * GIB, 0, 0),
        )
        .unwrap();
        let before = sample(1000, 5 * GIB, 4 * GIB, 0, 0);
        let written = sample(1200, 5 * GIB, 4 * GIB, 0, 100_000);
        let after = sample(2200, 4 * GIB, 3 * GIB, 0, 102_000); // 2 ms of stall in the 1 s wait
        assert_eq!(gentle.after_step(&before, &written, &after, false), Ok(Next::BackOff));
        assert_eq!((gentle.back_offs, gentle.next_step(&after)), (1, Ok(128 * MIB)), "half the step");
        // the extra wait still stalls: the pressure was real
        let still = sample(3200, 4 * GIB, 3 * GIB, 0, 104_000);
        assert_eq!(gentle.after_back_off(&after, &still), Err(Stop::Pressure { percent: 0.2 }));
        // a calm extra wait: on, with the smaller step
        let calm = sample(3200, 4 * GIB, 3 * GIB, 0, 102_300);
        assert_eq!(gentle.after_back_off(&after, &calm), Ok(()));
    }

    #[test]
    fn pressure_at_the_smallest_step_ends_it() {
        let small = GentleReclaim { step: ReclaimAmount::Bytes(6 * MIB), ..GentleReclaim::default() };
        let quiet = sample(0, 5 * GIB, 4 * GIB, 0, 0);
        let mut gentle = Gentle::begin(&small, 16 * GIB, &quiet, &sample(1000, 5 * GIB, 4 * GIB, 0, 0)).unwrap();
        let before = sample(1000, 5 * GIB, 4 * GIB, 0, 0);
        let after = sample(2000, 5 * GIB - 6 * MIB, 4 * GIB, 0, 5000);
        assert_eq!(gentle.after_step(&before, &before, &after, false), Err(Stop::Pressure { percent: 0.5 }));
    }

    #[test]
    fn steps_never_pass_the_max_the_floor_or_the_cold_cache() {
        let limits = GentleReclaim {
            step: ReclaimAmount::Bytes(256 * MIB),
            max: Some(ReclaimAmount::Bytes(300 * MIB)),
            floor: ReclaimAmount::Bytes(GIB),
            ..GentleReclaim::default()
        };
        let now = sample(0, 4 * GIB, 3 * GIB, 0, 0);
        let mut gentle = Gentle::begin(&limits, 16 * GIB, &now, &now).unwrap();
        assert_eq!(gentle.next_step(&now), Ok(256 * MIB));
        gentle.taken = 256 * MIB;
        assert_eq!(gentle.next_step(&now), Ok(44 * MIB), "only what is left of --max");
        gentle.taken = 298 * MIB;
        assert_eq!(gentle.next_step(&now), Err(Stop::Max));
        gentle.taken = 0;
        assert_eq!(gentle.next_step(&sample(0, GIB + 100 * MIB, 3 * GIB, 0, 0)), Ok(100 * MIB), "down to the floor");
        assert_eq!(gentle.next_step(&sample(0, GIB + MIB, 3 * GIB, 0, 0)), Err(Stop::Floor));
        assert_eq!(gentle.next_step(&sample(0, 4 * GIB, 10 * MIB, 0, 0)), Ok(10 * MIB), "only what is cold");
        assert_eq!(gentle.next_step(&sample(0, 4 * GIB, MIB, 0, 0)), Err(Stop::NothingCold));
        // the kernel reclaimed less than asked: nothing cold is left
        let before = sample(0, 4 * GIB, 3 * GIB, 0, 0);
        let after = sample(1000, 4 * GIB, 3 * GIB, 0, 0);
        assert_eq!(gentle.after_step(&before, &before, &after, true), Err(Stop::NothingCold));
    }
}
