//! Timing helpers shared by the benchmarks: medians of the samples kept while criterion runs,
//! printed in the figures at the end. A folder module, so cargo does not take it for a bench.
#![allow(dead_code)]

use std::cell::RefCell;
use std::time::Duration;

/// The median of `samples`; zero if there are none (a benchmark left out by a filter).
pub fn median(samples: &[Duration]) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted
        .get(sorted.len() / 2)
        .copied()
        .unwrap_or(Duration::ZERO)
}

/// Milliseconds, for printing.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A criterion `iter_custom` body: runs `run` `iters` times. `run` returns the duration of its
/// measured part (set-up and clean-up stay untimed), also kept in `samples` for the medians and
/// ratios printed at the end.
pub fn measure(
    iters: u64,
    samples: &RefCell<Vec<Duration>>,
    mut run: impl FnMut() -> Duration,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let took = run();
        samples.borrow_mut().push(took);
        total += took;
    }
    total
}

/// True when `program --version` runs: the peer tools (Debian's `age`, `vipsthumbnail`, PyPI's
/// `img2pdf`) are optional, and a bench without one skips the comparison.
pub fn tool_available(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Criterion for benchmarks whose runs take up to seconds: ten samples, the given warm-up and
/// measurement times, the command line's options on top.
pub fn criterion(warm_up: Duration, measurement: Duration) -> criterion::Criterion {
    criterion::Criterion::default()
        .configure_from_args()
        .sample_size(10)
        .warm_up_time(warm_up)
        .measurement_time(measurement)
}

/// The folder a bench keeps its files in, under cargo's target dir (not /tmp, which may be a
/// small tmpfs), created if needed.
pub fn work_dir(bench: &str) -> std::path::PathBuf {
    let work =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("casevault-bench-{bench}"));
    std::fs::create_dir_all(&work).expect("work dir");
    work
}
