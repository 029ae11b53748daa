//! CPU time and peak memory of this process, from `getrusage(2)`.

/// CPU seconds (user + system) spent so far by the calling thread.
pub fn thread_cpu_seconds() -> f64 {
    usage(libc::RUSAGE_THREAD).0
}

/// Peak resident set size of this process so far, in bytes.
pub fn peak_rss_bytes() -> u64 {
    usage(libc::RUSAGE_SELF).1
}

fn usage(who: libc::c_int) -> (f64, u64) {
    // SAFETY: getrusage only writes into the zeroed struct we hand it.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(who, &mut ru) };
    if rc != 0 {
        return (0.0, 0);
    }
    let secs = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    (
        secs(ru.ru_utime) + secs(ru.ru_stime),
        ru.ru_maxrss as u64 * 1024,
    )
}
