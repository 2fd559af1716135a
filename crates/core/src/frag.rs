//! The kernel's external fragmentation figures, with the exact integer arithmetic of
//! mm/vmstat.c (`fill_contig_page_info`, `unusable_free_index`, `__fragmentation_index`), so
//! memsweep's numbers match /sys/kernel/debug/extfrag/* digit for digit.
//!
//! `free_blocks[k]` is the number of free blocks of order k in one zone (a /proc/buddyinfo row).

/// Order of a 2 MiB huge page on x86-64 with 4 KiB pages.
pub const HUGE_PAGE_ORDER: u32 = 9;

/// The kernel's `extfrag_threshold` default: compaction is not attempted at or below it.
pub const EXTFRAG_THRESHOLD_DEFAULT: i32 = 500;

/// What `fill_contig_page_info` gathers for one requested order. Wider than the kernel's
/// `unsigned long` so that no input, however absurd (the fuzzer found one), can overflow; for
/// every real zone the results are the kernel's to the digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContigInfo {
    /// F: free pages.
    pub free_pages: u128,
    /// B: free blocks of any order.
    pub free_blocks_total: u128,
    /// S: blocks of the requested order that the free blocks could serve.
    pub free_blocks_suitable: u128,
}

pub fn contig_info(free_blocks: &[u64], order: u32) -> ContigInfo {
    let mut info = ContigInfo { free_pages: 0, free_blocks_total: 0, free_blocks_suitable: 0 };
    for (k, &blocks) in free_blocks.iter().enumerate().take(64) {
        let (k, blocks) = (k as u32, u128::from(blocks));
        info.free_blocks_total = info.free_blocks_total.saturating_add(blocks);
        info.free_pages = info.free_pages.saturating_add(blocks << k);
        if k >= order {
            info.free_blocks_suitable = info.free_blocks_suitable.saturating_add(blocks << (k - order));
        }
    }
    info
}

pub fn free_pages(free_blocks: &[u64]) -> u64 {
    u64::try_from(contig_info(free_blocks, 0).free_pages).unwrap_or(u64::MAX)
}

/// Unusable free space index in thousandths: the share of free memory that cannot serve an
/// allocation of `order`. 0 = all of it can, 1000 = none (or no free memory at all).
pub fn unusable_index(free_blocks: &[u64], order: u32) -> u32 {
    let info = contig_info(free_blocks, order.min(63));
    if info.free_pages == 0 {
        return 1000;
    }
    let usable = (info.free_blocks_suitable << order.min(63)).min(info.free_pages);
    ((info.free_pages - usable).saturating_mul(1000) / info.free_pages) as u32
}

/// Fragmentation index in thousandths: near 1000 an allocation of `order` would fail because of
/// fragmentation, near 0 (or below, with very few blocks) because of lack of memory; -1000
/// means it would succeed now. Always above -1000 otherwise, and at most 1000.
pub fn fragmentation_index(free_blocks: &[u64], order: u32) -> i32 {
    let order = order.min(63);
    let info = contig_info(free_blocks, order);
    if info.free_blocks_total == 0 {
        return 0;
    }
    if info.free_blocks_suitable > 0 {
        return -1000;
    }
    let requested = 1u128 << order;
    let scaled = 1000 + info.free_pages.saturating_mul(1000) / requested;
    1000 - (scaled / info.free_blocks_total).min(1999) as i32
}

/// Formats thousandths the way the kernel prints them ("0.522", "-1.000").
pub fn format_permille(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    format!("{sign}{}.{:03}", abs / 1000, abs % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Each expected value below is worked out by hand from the formulas in the module docs.

    #[test]
    fn all_memory_in_one_huge_block_is_fully_usable() {
        // one order-9 block: F = 512, S(9) = 1 -> (512 - 512) * 1000 / 512 = 0
        let blocks = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
        assert_eq!(unusable_index(&blocks, 9), 0);
        assert_eq!(fragmentation_index(&blocks, 9), -1000);
    }

    #[test]
    fn only_single_pages_are_unusable_for_huge_pages() {
        // 1000 order-0 blocks: F = 1000, S(9) = 0 -> unusable = 1000 * 1000 / 1000 = 1000
        // frag = 1000 - (1000 + 1000*1000/512) / 1000 = 1000 - (1000 + 1953) / 1000 = 1000 - 2 = 998
        let blocks = [1000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(unusable_index(&blocks, 9), 1000);
        assert_eq!(fragmentation_index(&blocks, 9), 998);
        // for order 0 every page is usable
        assert_eq!(unusable_index(&blocks, 0), 0);
        assert_eq!(fragmentation_index(&blocks, 0), -1000);
    }

    #[test]
    fn mixed_zone_by_hand() {
        // orders 0..3: 10 x 1 page, 4 x 2 pages, 2 x 4 pages, 1 x 8 pages
        // F = 10 + 8 + 8 + 8 = 34, B = 17
        // order 2: S = 2*1 + 1*2 = 4 -> usable 16 pages -> (34 - 16) * 1000 / 34 = 18000/34 = 529
        // order 3: S = 1 -> usable 8 -> 26000 / 34 = 764
        // order 4: S = 0 -> unusable 1000;
        //   frag = 1000 - (1000 + 34000/16) / 17 = 1000 - (1000 + 2125) / 17 = 1000 - 183 = 817
        let blocks = [10, 4, 2, 1];
        assert_eq!(unusable_index(&blocks, 2), 529);
        assert_eq!(unusable_index(&blocks, 3), 764);
        assert_eq!(unusable_index(&blocks, 4), 1000);
        assert_eq!(fragmentation_index(&blocks, 4), 817);
        assert_eq!(fragmentation_index(&blocks, 3), -1000);
    }

    #[test]
    fn real_buddyinfo_rows_match_the_kernels_own_print() {
        // Rows of this machine's /proc/buddyinfo, each with the line that
        // /sys/kernel/debug/extfrag/unusable_index printed right after it.
        let samples: [([u64; 11], [u32; 11]); 3] = [
            // DMA: F = 256 + 512 + 3 * 1024 = 3840; order 9: S = 1 + 3 * 2 = 7 -> 256000 / 3840 = 66
            ([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3], [0, 0, 0, 0, 0, 0, 0, 0, 0, 66, 200]),
            ([1, 2, 4, 2, 5, 4, 3, 3, 4, 2, 752], [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3]),
            // Normal: F = 49356; order 9: S = 5 + 24 * 2 = 53 -> (49356 - 27136) * 1000 / 49356 = 450
            ([14, 87, 46, 49, 233, 160, 75, 35, 13, 5, 24], [0, 0, 3, 7, 15, 91, 194, 292, 382, 450, 502]),
        ];
        for (blocks, kernel) in samples {
            let ours: Vec<u32> = (0..11).map(|o| unusable_index(&blocks, o)).collect();
            assert_eq!(ours, kernel, "blocks {blocks:?}");
            // extfrag_index printed -1.000 for every order of these zones
            assert!((0..11).all(|o| fragmentation_index(&blocks, o) == -1000));
        }
        assert_eq!(free_pages(&[14, 87, 46, 49, 233, 160, 75, 35, 13, 5, 24]), 49356);
    }

    #[test]
    fn empty_zone_conventions() {
        let none = [0u64; 11];
        assert_eq!(unusable_index(&none, 9), 1000);
        assert_eq!(fragmentation_index(&none, 9), 0);
    }

    #[test]
    fn permille_formatting_matches_kernel() {
        assert_eq!(format_permille(522), "0.522");
        assert_eq!(format_permille(1000), "1.000");
        assert_eq!(format_permille(0), "0.000");
        assert_eq!(format_permille(-1000), "-1.000");
    }
}
