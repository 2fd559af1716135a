//! In-process cost of one snapshot (target: at most 50 µs), and of its parsers alone.

use criterion::{criterion_group, criterion_main, Criterion};

fn snapshot(c: &mut Criterion) {
    #[cfg(target_os = "linux")]
    {
        c.bench_function("linux snapshot (read + parse 4 files)", |b| {
            b.iter(|| memsweep_backend::linux::read_snapshot().expect("snapshot"))
        });
        let meminfo = std::fs::read_to_string("/proc/meminfo").expect("meminfo");
        let vmstat = std::fs::read_to_string("/proc/vmstat").expect("vmstat");
        let buddyinfo = std::fs::read_to_string("/proc/buddyinfo").expect("buddyinfo");
        c.bench_function("parse meminfo", |b| b.iter(|| memsweep_backend::procfs::parse_meminfo(&meminfo)));
        c.bench_function("parse vmstat", |b| b.iter(|| memsweep_backend::procfs::parse_vmstat(&vmstat)));
        c.bench_function("parse buddyinfo", |b| b.iter(|| memsweep_backend::procfs::parse_buddyinfo(&buddyinfo)));
    }
    let backend = memsweep_backend::native();
    c.bench_function("Backend::snapshot", |b| b.iter(|| backend.snapshot()));
}

criterion_group!(benches, snapshot);
criterion_main!(benches);
