//! Shared helpers of the integration tests: the real binary, the real kernel, one lock.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report
#![allow(dead_code)]

use std::fs::{self, File};
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_memsweep");

// Each test binary uses its own subset of these.
#[allow(unused_imports)]
pub use memsweep_testkit::{is_ci, is_root, machine_lock, missing, require_root, MachineLock};

/// memsweep in English whatever the caller's locale, so texts can be compared.
pub fn command() -> Command {
    let mut command = Command::new(BIN);
    command.env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", "C.UTF-8");
    command
}

pub fn memsweep(args: &[&str]) -> Output {
    command().args(args).output().expect("run memsweep")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs memsweep with `--json` among `args`, asserts the exit code, parses stdout.
pub fn memsweep_json(args: &[&str], code: i32) -> serde_json::Value {
    let out = memsweep(args);
    assert_eq!(out.status.code(), Some(code), "memsweep {args:?}\nstdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("memsweep {args:?}: not JSON ({e}): {}", stdout(&out)))
}

/// One /proc/meminfo field in bytes.
pub fn meminfo(field: &str) -> u64 {
    let text = fs::read_to_string("/proc/meminfo").expect("read /proc/meminfo");
    text.lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            (k == field).then(|| v.trim().trim_end_matches(" kB").trim().parse::<u64>().ok().map(|kb| kb * 1024))?
        })
        .unwrap_or_else(|| panic!("no {field} in /proc/meminfo"))
}

/// One /proc/vmstat counter.
pub fn vmstat(field: &str) -> u64 {
    let text = fs::read_to_string("/proc/vmstat").expect("read /proc/vmstat");
    text.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(' ')?.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/vmstat"))
}

/// A fast, deterministic pseudo-random byte stream (xorshift64*), so files have real content.
pub fn fill_random(buf: &mut [u8], seed: &mut u64) {
    for chunk in buf.chunks_mut(8) {
        *seed ^= *seed >> 12;
        *seed ^= *seed << 25;
        *seed ^= *seed >> 27;
        let v = seed.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes();
        chunk.copy_from_slice(&v[..chunk.len()]);
    }
}

/// FNV-1a over 8-byte words: cheap enough for hundreds of MiB in a debug build.
pub fn checksum(data: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for chunk in data.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        hash = (hash ^ u64::from_le_bytes(word)).wrapping_mul(0x100_0000_01b3);
    }
    hash
}

/// Writes `size` bytes of pseudo-random data to `path`, returns their checksum. `sync` makes
/// the pages clean (fsync) before returning.
pub fn write_file(path: &Path, size: usize, seed: u64, sync: bool) -> u64 {
    let mut file = File::create(path).expect("create test file");
    let mut seed = seed | 1;
    let mut buf = vec![0u8; 1 << 20];
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    let mut left = size;
    while left > 0 {
        let n = left.min(buf.len());
        fill_random(&mut buf[..n], &mut seed);
        for chunk in buf[..n].chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            hash = (hash ^ u64::from_le_bytes(word)).wrapping_mul(0x100_0000_01b3);
        }
        file.write_all(&buf[..n]).expect("write test file");
        left -= n;
    }
    if sync {
        file.sync_all().expect("fsync test file");
    }
    hash
}

pub fn read_checksum(path: &Path) -> u64 {
    let mut data = Vec::new();
    File::open(path).expect("open").read_to_end(&mut data).expect("read");
    checksum(&data)
}

/// Share (0..=1) of a file's pages resident in the page cache, by mincore(2) on a mapping that
/// is never touched (so measuring does not fault anything in).
pub fn resident_fraction(path: &Path) -> f64 {
    let file = File::open(path).expect("open for mincore");
    let len = file.metadata().expect("stat").len() as usize;
    if len == 0 {
        return 0.0;
    }
    let page = 4096usize;
    let pages = len.div_ceil(page);
    let mut vec = vec![0u8; pages];
    // SAFETY: a fresh read-only shared mapping of `len` bytes of an open file, unmapped below;
    // mincore writes exactly one byte per page into `vec`, which has `pages` bytes.
    unsafe {
        let addr = libc::mmap(std::ptr::null_mut(), len, libc::PROT_READ, libc::MAP_SHARED, file.as_raw_fd(), 0);
        assert_ne!(addr, libc::MAP_FAILED, "mmap: {}", std::io::Error::last_os_error());
        let rc = libc::mincore(addr, len, vec.as_mut_ptr());
        libc::munmap(addr, len);
        assert_eq!(rc, 0, "mincore: {}", std::io::Error::last_os_error());
    }
    vec.iter().filter(|&&b| b & 1 == 1).count() as f64 / pages as f64
}

/// Reads a file once so its pages are in the page cache.
pub fn warm(path: &Path) {
    let mut file = File::open(path).expect("open");
    let mut buf = vec![0u8; 1 << 20];
    while file.read(&mut buf).expect("read") > 0 {}
}

/// A scratch directory on the root file system (not tmpfs: tmpfs pages are shmem and never
/// droppable), removed on drop.
pub fn scratch_dir() -> tempfile::TempDir {
    let base = PathBuf::from("/var/tmp");
    tempfile::Builder::new().prefix("memsweep-test-").tempdir_in(base).expect("scratch dir")
}

/// A copy of the binary in a directory every user can enter, for running as `nobody`.
pub fn binary_for_everyone() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new().prefix("memsweep-bin-").tempdir_in("/tmp").expect("temp dir");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod dir");
    let copy = dir.path().join("memsweep");
    fs::copy(BIN, &copy).expect("copy binary");
    fs::set_permissions(&copy, fs::Permissions::from_mode(0o755)).expect("chmod binary");
    (dir, copy)
}

/// The change of one metric in an area of a clean report: (before, after).
pub fn area_change(report: &serde_json::Value, area: &str, metric: &str) -> (i64, i64) {
    let area = report["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .find(|a| a["id"] == area)
        .unwrap_or_else(|| panic!("no area {area} in {report}"));
    assert_eq!(area["outcome"], "done", "area {area}");
    let change = area["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["metric"] == metric)
        .unwrap_or_else(|| panic!("no {metric} in {area}"));
    (change["before"].as_i64().expect("before"), change["after"].as_i64().expect("after"))
}

/// A config file in `dir` whose history also lives in `dir`, plus `extra` TOML; (config, history).
pub fn config_with_history(dir: &Path, extra: &str) -> (PathBuf, PathBuf) {
    let history = dir.join("history.jsonl");
    let config = dir.join("memsweep.toml");
    fs::write(&config, format!("{extra}\n[history]\npath = \"{}\"\n", history.display())).expect("write config");
    (config, history)
}

/// A memory cgroup with a small limit (v1 or v2, whichever this machine's memory controller
/// is on): a process inside it that streams a file larger than the limit reclaims directly
/// (tasks stall on memory: PSI rises) and re-reads what it evicted (refaults). Processes
/// started in it are killed and the group removed on drop.
pub struct MemoryCage {
    dir: PathBuf,
    children: Vec<std::process::Child>,
}

impl MemoryCage {
    /// `None` (after [`missing`]) where no memory controller can be used.
    pub fn new(name: &str, limit: u64) -> Option<MemoryCage> {
        let v1 = PathBuf::from("/sys/fs/cgroup/memory");
        let (dir, limit_file) = if v1.join("memory.limit_in_bytes").exists() {
            (v1.join(name), "memory.limit_in_bytes")
        } else if fs::read_to_string("/sys/fs/cgroup/cgroup.controllers").is_ok_and(|c| c.contains("memory")) {
            (PathBuf::from("/sys/fs/cgroup").join(name), "memory.max")
        } else {
            missing(name, "a memory cgroup (v1 or v2)");
            return None;
        };
        let _ = fs::create_dir(&dir);
        fs::write(dir.join(limit_file), limit.to_string()).expect("set the cgroup's memory limit");
        Some(MemoryCage { dir, children: Vec::new() })
    }

    /// Runs `script` with sh inside the cage.
    pub fn run(&mut self, script: &str) {
        let procs = self.dir.join("cgroup.procs");
        let child = Command::new("sh")
            .arg("-c")
            .arg(format!("echo $$ > {} && exec sh -c '{script}'", procs.display()))
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start a process in the cage");
        self.children.push(child);
    }
}

impl Drop for MemoryCage {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
        // The group is empty once its processes are reaped; removing it may take a moment.
        for _ in 0..50 {
            if fs::remove_dir(&self.dir).is_ok() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}
