//! Properties that must hold for any input: the fragmentation indices against a straightforward
//! reference, and the rule engine against any sequence of snapshots.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use memsweep_core::frag::{fragmentation_index, unusable_index};
use memsweep_core::rules::{Condition, Decision, Limits, Observation, RuleEngine, RuleSpec};
use memsweep_core::{Area, AreaStatus, Plan, Stage, Support};
use proptest::prelude::*;

/// The unusable index written the obvious way: pages in blocks too small, over all free pages.
fn reference_unusable(blocks: &[u64], order: u32) -> u32 {
    let pages = |k: usize, n: u64| n * (1u64 << k);
    let free: u64 = blocks.iter().enumerate().map(|(k, &n)| pages(k, n)).sum();
    if free == 0 {
        return 1000;
    }
    let too_small: u64 =
        blocks.iter().enumerate().filter(|(k, _)| (*k as u32) < order).map(|(k, &n)| pages(k, n)).sum();
    (too_small * 1000 / free) as u32
}

fn reference_fragmentation(blocks: &[u64], order: u32) -> i32 {
    let total_blocks: u64 = blocks.iter().sum();
    if total_blocks == 0 {
        return 0;
    }
    if blocks.iter().enumerate().any(|(k, &n)| k as u32 >= order && n > 0) {
        return -1000;
    }
    let free: u64 = blocks.iter().enumerate().map(|(k, &n)| n << k).sum();
    1000 - ((1000 + free * 1000 / (1u64 << order)) / total_blocks) as i32
}

fn zone() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(prop_oneof![Just(0u64), 0u64..20, 0u64..100_000], 11)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn indices_are_bounded_and_agree_with_the_reference(blocks in zone(), order in 0u32..=10) {
        let unusable = unusable_index(&blocks, order);
        let fragmentation = fragmentation_index(&blocks, order);
        prop_assert!(unusable <= 1000);
        // -1000: it would succeed; otherwise the kernel's formula stays in (-1000, 1000]
        prop_assert!(fragmentation == -1000 || (-999..=1000).contains(&fragmentation));
        prop_assert_eq!(unusable, reference_unusable(&blocks, order));
        prop_assert_eq!(fragmentation, reference_fragmentation(&blocks, order));
    }

    #[test]
    fn huge_counts_never_overflow(blocks in prop::collection::vec(any::<u64>(), 0..64), order in 0u32..64) {
        let unusable = unusable_index(&blocks, order);
        let fragmentation = fragmentation_index(&blocks, order);
        prop_assert!(unusable <= 1000);
        prop_assert!(fragmentation == -1000 || (-999..=1000).contains(&fragmentation));
    }

    #[test]
    fn the_unusable_index_never_falls_as_the_order_rises(blocks in zone()) {
        let by_order: Vec<u32> = (0..=10).map(|o| unusable_index(&blocks, o)).collect();
        prop_assert!(by_order.windows(2).all(|w| w[0] <= w[1]), "{:?}", by_order);
    }

    #[test]
    fn no_sequence_of_snapshots_cleans_more_often_than_the_gap_allows(
        ticks in prop::collection::vec((0f64..100.0, 0u64..8192, 0u64..4096, prop::option::of(0f64..100.0), 0u64..2048, 1u64..5000), 1..400),
        min_gap_s in 1u64..120,
    ) {
        const MIB: u64 = 1 << 20;
        let drop_cache = Plan { areas: vec![AreaStatus { area: Area::new("page-cache", Stage::Purge), support: Support::Supported }] };
        let rule = |condition| RuleSpec { name: String::new(), condition, plan: drop_cache.clone(), request: Default::default(), run_under_pressure: true, enabled: true };
        let rules = vec![
            rule(Condition::UsageAtLeast(50.0)),
            rule(Condition::CachePressure { cache_at_least: 1024 * MIB, free_below: 1024 * MIB }),
            rule(Condition::PressureAtLeast(10.0)),
            rule(Condition::Every { ms: 1 }),
            rule(Condition::KeepLean { cold_at_least: 512 * MIB, pressure_below: 50.0 }),
        ];
        let limits = Limits { min_gap_ms: min_gap_s * 1000, max_gap_ms: 3_600_000, backoff_floor_bytes: 64 * MIB, usage_margin: 5.0, pressure_guard: 20.0, pause_recheck_ms: 10_000 };
        let mut engine = RuleEngine::new(rules, limits, 0);
        let mut now = 0u64;
        let mut cleans = Vec::new();
        for (used, cache, free, pressure, freed, step_ms) in ticks {
            now += step_ms;
            let seen = Observation { used_percent: used, droppable_cache_bytes: Some(cache * MIB), free_bytes: Some(free * MIB), pressure_some_avg10: pressure, cold_cache_bytes: Some(cache * MIB) };
            if let Decision::Clean { .. } = engine.evaluate(now, &seen, &mut || false) {
                cleans.push(now);
                engine.record_result(freed * MIB);
            }
        }
        prop_assert!(cleans.windows(2).all(|w| w[1] - w[0] >= min_gap_s * 1000), "{:?}", cleans);
        prop_assert!(cleans.len() as u64 <= now / (min_gap_s * 1000) + 1);
    }
}

#[test]
fn one_small_block_gives_the_kernels_negative_figure() {
    // a single free block smaller than asked: B = 1, F = 2^k < 2^order, so the kernel's
    // 1000 - (1000 + F * 1000 / 2^order) / B is at or below zero (never clamped to 0)
    for order in 1u32..=10 {
        for k in 0..order {
            let mut blocks = vec![0u64; 11];
            blocks[k as usize] = 1;
            let expected = 1000 - (1000 + (1u64 << k) * 1000 / (1u64 << order)) as i32;
            assert_eq!(fragmentation_index(&blocks, order), expected, "order {order}, block of order {k}");
            assert!(expected <= 0, "lack of memory, not fragmentation");
        }
    }
}
