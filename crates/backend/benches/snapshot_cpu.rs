//! CPU time of one snapshot (target: at most 25 µs), counted with getrusage rather than the
//! wall clock, so a busy machine slows the figure down less: `cargo bench --bench snapshot_cpu`.

fn cpu_us() -> f64 {
    #[cfg(unix)]
    {
        // SAFETY: rusage is plain data; getrusage only writes it.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: a valid out-pointer for this process's usage.
        unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
        let us = |t: libc::timeval| t.tv_sec as f64 * 1e6 + t.tv_usec as f64;
        us(usage.ru_utime) + us(usage.ru_stime)
    }
    #[cfg(not(unix))]
    0.0
}

/// Median, min and max CPU µs per call of `read` over 5 rounds.
fn measure(read: &dyn Fn()) -> [f64; 3] {
    let rounds = 20_000;
    for _ in 0..1000 {
        read(); // warm up: files opened, buffers grown
    }
    let mut samples: Vec<f64> = (0..5)
        .map(|_| {
            let start = cpu_us();
            for _ in 0..rounds {
                read();
            }
            (cpu_us() - start) / rounds as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    [samples[2], samples[0], samples[4]]
}

fn main() {
    let backend = memsweep_backend::native();
    let observe = || drop(backend.observe());
    let snapshot = || drop(backend.snapshot());
    let reads: [(&str, &dyn Fn()); 2] = [
        ("Backend::observe (what the daemon reads every poll)", &observe),
        ("Backend::snapshot (everything)", &snapshot),
    ];
    for (name, read) in reads {
        let [median, min, max] = measure(read);
        println!("{name}: CPU {median:.1} µs per call (min {min:.1}, max {max:.1}; 5 x 20000 calls)");
    }
}
