//! Cleaning for real, as root, and checking the effect on the kernel's own figures. Each test
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report
//! holds the machine lock: they drop caches and compact, and must not measure each other.

mod common;

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Write};
use std::os::fd::AsRawFd;
use std::process::{Command, Stdio};

use common::*;

const MIB: u64 = 1 << 20;

#[test]
fn page_cache_clean_empties_the_cache_of_a_file() {
    if !require_root("page_cache_clean_empties_the_cache_of_a_file") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let path = dir.path().join("cached.bin");
    write_file(&path, 512 * MIB as usize, 7, true);
    warm(&path);
    let before = resident_fraction(&path);
    assert!(before > 0.9, "the file should be cached after reading it: {before}");

    let report = memsweep_json(&["clean", "page-cache", "--json"], 0);
    let after = resident_fraction(&path);
    assert!(after <= 0.10, "at most 10% may stay cached, {:.1}% did", after * 100.0);
    let (cache_before, cache_after) = area_change(&report, "page-cache", "file_cache_bytes");
    assert!(cache_before - cache_after >= 450 * MIB as i64, "report: cache {cache_before} -> {cache_after}");
    assert_eq!(report["tally"]["done"], 1);
}

#[test]
fn slab_clean_shrinks_reclaimable_slab() {
    if !require_root("slab_clean_shrinks_reclaimable_slab") {
        return;
    }
    let _lock = machine_lock();
    memsweep_json(&["clean", "slab", "--json"], 0);
    let baseline = meminfo("SReclaimable");
    let dir = scratch_dir();
    for d in 0..100 {
        let sub = dir.path().join(format!("d{d}"));
        fs::create_dir(&sub).unwrap();
        for f in 0..1000 {
            File::create(sub.join(format!("f{f}"))).unwrap();
        }
    }
    let grown = meminfo("SReclaimable");
    assert!(grown > baseline + 40 * MIB, "100k files should grow the slab: {baseline} -> {grown}");

    let report = memsweep_json(&["clean", "slab", "--json"], 0);
    let after = meminfo("SReclaimable");
    assert!(after < grown - (grown - baseline) / 2, "slab {baseline} -> {grown} -> {after}");
    let (b, a) = area_change(&report, "slab", "slab_reclaimable_bytes");
    assert!(a < b, "the report shows the slab shrinking: {b} -> {a}");
}

/// The child half of `process_clean_pages_out_a_process`: maps a file, touches every page,
/// reports its checksum, waits for a line on stdin, then checksums the mapping again.
#[test]
fn child_mapper() {
    let Ok(path) = std::env::var("MEMSWEEP_TEST_MAP_FILE") else {
        return;
    };
    let file = File::open(&path).unwrap();
    let len = file.metadata().unwrap().len() as usize;
    // SAFETY: a read-only shared mapping of an open file, alive until the process exits.
    let data = unsafe {
        let addr = libc::mmap(std::ptr::null_mut(), len, libc::PROT_READ, libc::MAP_SHARED, file.as_raw_fd(), 0);
        assert_ne!(addr, libc::MAP_FAILED);
        std::slice::from_raw_parts(addr as *const u8, len)
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready {}", checksum(data)).unwrap();
    out.flush().unwrap();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    writeln!(out, "again {}", checksum(data)).unwrap();
    out.flush().unwrap();
}

fn rss_file(pid: u32) -> u64 {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("RssFile:"))
        .map(|v| v.trim().trim_end_matches(" kB").trim().parse::<u64>().unwrap() * 1024)
        .unwrap()
}

#[test]
fn process_clean_pages_out_a_process() {
    if !require_root("process_clean_pages_out_a_process") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let path = dir.path().join("mapped.bin");
    let written = write_file(&path, 256 * MIB as usize, 11, true);

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_mapper", "--nocapture", "--test-threads=1"])
        .env("MEMSWEEP_TEST_MAP_FILE", &path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut next_value = |tag: &str| -> u64 {
        loop {
            let line = lines.next().expect("child output").unwrap();
            // the test harness prints "test child_mapper ... " before the child's own words
            if let Some((_, v)) = line.split_once(tag) {
                return v.trim().parse().unwrap();
            }
        }
    };
    assert_eq!(next_value("ready "), written, "the child sees the file's bytes");
    let before = rss_file(pid);
    assert!(before >= 240 * MIB, "the child touched its mapping: RssFile {before}");

    let report = memsweep_json(&["clean", "process", "--pid", &pid.to_string(), "--json"], 0);
    let after = rss_file(pid);
    assert!(after <= before / 5, "RssFile must fall by 80%: {} MiB -> {} MiB", before / MIB, after / MIB);
    let (b, a) = area_change(&report, "process", "rss_file_bytes");
    assert!(b >= 240 * MIB as i64 && a <= b / 5, "report: rss_file {b} -> {a}");

    child.stdin.take().unwrap().write_all(b"go\n").unwrap();
    assert_eq!(next_value("again "), written, "the child's data is unchanged after paging out");
    assert!(child.wait().unwrap().success());
}

/// A `child_mapper` started under another name (a symlink to this test binary, so its comm
/// is `name`), mapping `file`; returns it with its stdout lines once it says "ready".
fn mapper_named(dir: &std::path::Path, name: &str, file: &std::path::Path) -> (std::process::Child, u32) {
    let link = dir.join(name);
    std::os::unix::fs::symlink(std::env::current_exe().unwrap(), &link).unwrap();
    let mut child = Command::new(&link)
        .args(["--exact", "child_mapper", "--nocapture", "--test-threads=1"])
        .env("MEMSWEEP_TEST_MAP_FILE", file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    loop {
        let line = lines.next().expect("child output").unwrap();
        if line.contains("ready ") {
            break;
        }
    }
    // keep reading its output in the background, so it never blocks on a full pipe
    std::thread::spawn(move || lines.for_each(drop));
    (child, pid)
}

#[test]
fn all_processes_pages_out_every_process_but_the_excluded() {
    if !require_root("all_processes_pages_out_every_process_but_the_excluded") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let (keep_file, trim_file) = (dir.path().join("keep.bin"), dir.path().join("trim.bin"));
    write_file(&keep_file, 128 * MIB as usize, 21, true);
    write_file(&trim_file, 128 * MIB as usize, 22, true);
    let (mut keep, keep_pid) = mapper_named(dir.path(), "ms-keep-child", &keep_file);
    let (mut trim, trim_pid) = mapper_named(dir.path(), "ms-trim-child", &trim_file);
    let (keep_before, trim_before) = (rss_file(keep_pid), rss_file(trim_pid));
    assert!(keep_before >= 120 * MIB && trim_before >= 120 * MIB, "RssFile {keep_before} / {trim_before}");

    let report = memsweep_json(&["clean", "process", "--all-processes", "--exclude", "MS-KEEP-CHILD", "--json"], 0);
    let (keep_after, trim_after) = (rss_file(keep_pid), rss_file(trim_pid));
    assert!(
        keep_after >= keep_before - keep_before / 20,
        "the excluded child keeps its pages: {} MiB -> {} MiB",
        keep_before / MIB,
        keep_after / MIB
    );
    assert!(
        trim_after <= trim_before / 5,
        "the other child's RssFile falls by 80%: {} MiB -> {} MiB",
        trim_before / MIB,
        trim_after / MIB
    );
    let area = &report["areas"][0];
    assert_eq!(area["id"], "process");
    let notes: Vec<&str> = area["notes"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    assert!(notes[0].starts_with("every process but the excluded ones and memsweep itself: "), "{notes:?}");
    assert!(
        !notes.iter().any(|n| n.contains(&format!("pid {keep_pid} "))),
        "the excluded child is never named: {notes:?}"
    );
    let changes = area["changes"].as_array().unwrap();
    let trimmed = changes.iter().find(|c| c["metric"] == "processes_trimmed").unwrap()["after"].as_i64().unwrap();
    assert!(trimmed >= 2, "at least the other child and this test: {trimmed}");
    for child in [&mut keep, &mut trim] {
        child.kill().unwrap();
        child.wait().unwrap();
    }
}

#[test]
fn gentle_process_clean_keeps_pages_resident() {
    if !require_root("gentle_process_clean_keeps_pages_resident") {
        return;
    }
    let _lock = machine_lock();
    let mut child = Command::new("sleep").arg("30").spawn().unwrap();
    let pid = child.id().to_string();
    let report = memsweep_json(&["clean", "process", "--pid", &pid, "--gentle", "--json"], 0);
    assert_eq!(report["areas"][0]["outcome"], "done");
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Maps `bytes` of anonymous memory in small pages, touches it, then frees every other page:
/// the classic way to leave free memory scattered in single pages.
struct Fragmenter {
    addr: *mut libc::c_void,
    len: usize,
}

impl Fragmenter {
    fn new(len: usize) -> Fragmenter {
        // SAFETY: a fresh private anonymous mapping we own; every pointer stays inside it.
        unsafe {
            let addr = libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            );
            assert_ne!(addr, libc::MAP_FAILED);
            libc::madvise(addr, len, libc::MADV_NOHUGEPAGE);
            let bytes = addr as *mut u8;
            for page in (0..len).step_by(4096) {
                *bytes.add(page) = 1;
            }
            for page in (0..len).step_by(8192) {
                libc::madvise(bytes.add(page) as *mut libc::c_void, 4096, libc::MADV_DONTNEED);
            }
            Fragmenter { addr, len }
        }
    }
}

impl Drop for Fragmenter {
    fn drop(&mut self) {
        // SAFETY: unmaps exactly the mapping made in `new`.
        unsafe { libc::munmap(self.addr, self.len) };
    }
}

#[test]
fn compact_lowers_the_huge_page_unusable_index() {
    if !require_root("compact_lowers_the_huge_page_unusable_index") {
        return;
    }
    let _lock = machine_lock();
    let _scattered = Fragmenter::new(2 << 30);
    let report = memsweep_json(&["clean", "compact", "--json"], 0);
    let (before, after) = area_change(&report, "compact", "unusable_index_order9_permille");
    eprintln!("order-9 unusable index around compaction: {before} -> {after} (thousandths)");
    assert!((0..=1000).contains(&before) && (0..=1000).contains(&after));
    // The figure is machine-wide: other processes allocate between the two readings, so a
    // rise of up to 2 thousandths is noise, not compaction making things worse.
    // Whether it falls depends on where the free fragments sit (movable or not): on this VM it
    // fell by hand (0.225 -> 0.126, 0.081 -> 0.051) but not in every run, so only "not higher"
    // is asserted; the figures are printed above.
    assert!(after <= before + 2, "compaction must not raise the order-9 unusable index: {before} -> {after}");
}

#[test]
fn clean_all_never_loses_unsynced_data() {
    if !require_root("clean_all_never_loses_unsynced_data") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let path = dir.path().join("unsynced.bin");
    let written = write_file(&path, 64 * MIB as usize, 23, false);
    assert!(meminfo("Dirty") > 0, "the file's pages should still be dirty");

    let report = memsweep_json(&["clean", "--all", "--json"], 0);
    assert_eq!(report["tally"]["failed"], 0, "{report}");

    // Drop whatever is still cached of the file, so the re-read comes from the disk.
    let file = File::open(&path).unwrap();
    // SAFETY: advice on an open descriptor; it changes no data.
    let rc = unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
    assert_eq!(rc, 0);
    assert!(resident_fraction(&path) < 0.01, "the file is out of the cache before re-reading");
    assert_eq!(read_checksum(&path), written, "the bytes on disk are the bytes written");
}

#[test]
fn default_clean_reports_every_default_area() {
    if !require_root("default_clean_reports_every_default_area") {
        return;
    }
    let _lock = machine_lock();
    let drops = vmstat("drop_pagecache");
    let report = memsweep_json(&["clean", "--json"], 0);
    let ids: Vec<&str> = report["areas"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["dirty", "page-cache", "slab", "compact"]);
    assert!(report["areas"].as_array().unwrap().iter().all(|a| a["outcome"] == "done" && a["duration_us"].is_u64()));
    assert_eq!(vmstat("drop_pagecache"), drops + 1, "exactly one page-cache drop");
    for metric in ["available_bytes", "free_bytes", "file_cache_bytes"] {
        assert!(report["totals"].as_array().unwrap().iter().any(|t| t["metric"] == metric), "total {metric}");
    }
    let text = stdout(&memsweep(&["clean"]));
    assert!(text.starts_with("area "), "{text}");
    assert!(text.contains("4 done, 0 skipped, 0 unsupported, 0 failed"), "{text}");
}

#[test]
fn reclaim_asks_the_kernel_and_reports_it() {
    if !require_root("reclaim_asks_the_kernel_and_reports_it") {
        return;
    }
    let _lock = machine_lock();
    let areas = memsweep_json(&["areas", "--json"], 0);
    let reclaim = areas["areas"].as_array().unwrap().iter().find(|a| a["id"] == "reclaim").unwrap().clone();
    let dir = scratch_dir();
    let path = dir.path().join("reclaimable.bin");
    write_file(&path, 256 * MIB as usize, 5, true);
    warm(&path);
    let out = memsweep(&["clean", "reclaim", "--reclaim", "128M", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    if reclaim["support"]["state"] == "supported" {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let (before, after) = area_change(&report, "reclaim", "file_cache_bytes");
        // The kernel's write succeeds only once it reclaimed the whole amount (else EAGAIN, a
        // note). Reclaim also takes slab, and other processes may fill the cache meanwhile, so
        // the cache figure must fall clearly, not by exactly 128 MiB (on a quiet machine: ~128).
        let notes = report["areas"][0]["notes"].to_string();
        if notes.contains("reclaimed less") {
            assert!(before >= after, "reclaim took cache {before} -> {after}: {notes}");
        } else {
            assert!(before - after >= 16 * MIB as i64, "reclaim of 128M took cache {before} -> {after}: {notes}");
        }
    } else {
        assert_eq!(out.status.code(), Some(4));
        assert_eq!(report["areas"][0]["outcome"], "unsupported");
    }
}
