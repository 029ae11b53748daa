//! `newsdesk bench warc`: build a large WARC.gz from the benchmark pages (repeated
//! under distinct URIs), then time reading it alone and reading + extraction on
//! `--jobs` threads, with the peak resident memory of each phase.

use anyhow::{bail, Context, Result};
use clap::Args;
use newsdesk_ingest::pipeline::par_map;
use newsdesk_ingest::warc::{WarcOptions, WarcReader, WarcWriter};
use std::io::{BufWriter, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `newsdesk bench warc`.
#[derive(Args, Debug)]
pub struct WarcBenchArgs {
    /// Folder of pages (`*.html` or `*.html.gz`) to repeat into the archive.
    #[arg(long, default_value = "../shared/bench/extraction/html")]
    pub pages: PathBuf,
    /// Size of the WARC.gz to build, in GB (10^9 bytes, compressed).
    #[arg(long, default_value_t = 1.0)]
    pub size_gb: f64,
    /// Where to write the archive (not kept in the repository).
    #[arg(long, default_value = "/tmp/bench.warc.gz")]
    pub out: PathBuf,
    /// Worker threads for the extraction pass (default: all cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Reuse `--out` if it already exists and is at least `--size-gb` large.
    #[arg(long)]
    pub reuse: bool,
    /// Extract at most this many records in the extraction pass (0: all).
    #[arg(long, default_value_t = 0)]
    pub extract_records: u64,
}

/// Run the benchmark and print its figures.
pub fn run(args: &WarcBenchArgs) -> Result<()> {
    let target = (args.size_gb * 1e9) as u64;
    let existing = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    if args.reuse && existing >= target {
        println!(
            "reusing {} ({:.2} GB)",
            args.out.display(),
            existing as f64 / 1e9
        );
    } else {
        build(args, target)?;
    }
    let compressed = std::fs::metadata(&args.out)?.len();
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

    println!(
        "load average (1/5/15 min) at start: {} on {} cores — wall-clock rates are shared with other work; CPU-second rates are not",
        std::fs::read_to_string("/proc/loadavg").unwrap_or_default().split_whitespace().take(3).collect::<Vec<_>>().join(" "),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    // Phase 1: reading alone.
    reset_peak_rss();
    let started = Instant::now();
    let cpu0 = process_cpu_seconds();
    let mut reader = WarcReader::open(&args.out, WarcOptions::default())
        .with_context(|| format!("opening {}", args.out.display()))?;
    let (mut pages, mut payload, mut errors) = (0u64, 0u64, 0u64);
    for item in &mut reader {
        match item {
            Ok(page) => {
                pages += 1;
                payload += page.bytes.len() as u64;
            }
            Err(e) => {
                errors += 1;
                if errors <= 5 {
                    eprintln!("{e}");
                }
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let cpu = process_cpu_seconds() - cpu0;
    let stats = reader.stats().clone();
    let rss = peak_rss_mib();
    println!(
        "read only:            {} records ({} pages, {} errors) in {secs:.1} s wall, {cpu:.1} s CPU: {:.0} records/s, {:.0} MB/s uncompressed, {:.0} MB/s compressed; per CPU-second {:.0} records, {:.0} MB uncompressed; peak RSS {rss:.0} MiB",
        stats.records,
        pages,
        errors,
        stats.records as f64 / secs,
        stats.bytes as f64 / 1e6 / secs,
        compressed as f64 / 1e6 / secs,
        stats.records as f64 / cpu,
        stats.bytes as f64 / 1e6 / cpu,
    );
    println!(
        "  record types: {:?}; HTML payload {:.2} GB; uncompressed WARC {:.2} GB",
        stats.by_type,
        payload as f64 / 1e9,
        stats.bytes as f64 / 1e9
    );

    // Phase 2: reading + extraction on `jobs` threads.
    reset_peak_rss();
    let started = Instant::now();
    let cpu0 = process_cpu_seconds();
    let mut reader = WarcReader::open(&args.out, WarcOptions::default())?;
    let limit = if args.extract_records == 0 {
        u64::MAX
    } else {
        args.extract_records
    };
    let (mut ok, mut failed, mut words, mut html_bytes) = (0u64, 0u64, 0u64, 0u64);
    par_map(
        (&mut reader).take(limit as usize),
        jobs,
        |item| {
            let page = item.ok()?;
            let options = newsdesk_extract::Options {
                url: page.url.clone(),
                http_charset: page.http_charset.clone(),
                ..newsdesk_extract::Options::default()
            };
            let article = newsdesk_extract::extract(&page.bytes, &page.source, &options);
            Some((page.bytes.len(), article.map(|a| a.word_count)))
        },
        |_, result| match result {
            Some((n, Ok(w))) => {
                ok += 1;
                words += w as u64;
                html_bytes += n as u64;
            }
            Some((n, Err(_))) => {
                failed += 1;
                html_bytes += n as u64;
            }
            None => failed += 1,
        },
    );
    let secs = started.elapsed().as_secs_f64();
    let cpu = process_cpu_seconds() - cpu0;
    let done = ok + failed;
    let rss = peak_rss_mib();
    println!(
        "read + extract (jobs {jobs}): {done} pages ({ok} extracted, {failed} failed, {words} words) in {secs:.1} s wall, {cpu:.1} s CPU: {:.0} pages/s, {:.1} MB/s of HTML, {:.1} MB/s compressed; per CPU-second {:.0} pages, {:.1} MB of HTML; peak RSS {rss:.0} MiB",
        done as f64 / secs,
        html_bytes as f64 / 1e6 / secs,
        compressed as f64 * (reader.stats().bytes as f64 / stats.bytes.max(1) as f64) / 1e6 / secs,
        done as f64 / cpu,
        html_bytes as f64 / 1e6 / cpu,
    );
    Ok(())
}

/// Write the archive: a warcinfo record, then request + response pairs cycling through
/// the pages with distinct URIs, one gzip member per record, until `target` bytes.
fn build(args: &WarcBenchArgs, target: u64) -> Result<()> {
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&args.pages)
        .with_context(|| format!("reading {}", args.pages.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some(id) = name
            .strip_suffix(".html.gz")
            .or_else(|| name.strip_suffix(".html"))
        else {
            continue;
        };
        pages.push((id.to_string(), read_page(&path)?));
    }
    if pages.is_empty() {
        bail!("no *.html or *.html.gz pages in {}", args.pages.display());
    }
    let started = Instant::now();
    let file = std::fs::File::create(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let mut counted = CountingWriter {
        inner: BufWriter::with_capacity(1 << 20, file),
        written: 0,
    };
    let date = "2026-11-28T00:00:00Z";
    let mut records = 0u64;
    {
        let mut w = WarcWriter::new(&mut counted, true);
        w.write_record(
            "warcinfo",
            None,
            date,
            "application/warc-fields",
            b"software: newsdesk bench warc\r\nformat: WARC File Format 1.0\r\n",
        )?;
    }
    let mut round = 0u64;
    'outer: loop {
        for (id, html) in &pages {
            if counted.written >= target {
                break 'outer;
            }
            let uri = format!("https://bench.newsdesk.invalid/{round}/{id}");
            let request = format!("GET /{round}/{id} HTTP/1.1\r\nHost: bench.newsdesk.invalid\r\nUser-Agent: newsdesk/0.1\r\n\r\n");
            let mut response = format!(
                "HTTP/1.1 200 OK\r\nDate: Sat, 28 Nov 2026 00:00:00 GMT\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
                html.len()
            )
            .into_bytes();
            response.extend_from_slice(html);
            let mut w = WarcWriter::new(&mut counted, true);
            w.write_record(
                "request",
                Some(&uri),
                date,
                "application/http; msgtype=request",
                request.as_bytes(),
            )?;
            w.write_response(&uri, date, &response)?;
            records += 2;
        }
        round += 1;
    }
    use std::io::Write;
    counted.inner.flush()?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "built {}: {:.2} GB, {} records ({} distinct pages × {} rounds) in {secs:.1} s",
        args.out.display(),
        counted.written as f64 / 1e9,
        records + 1,
        pages.len(),
        round + 1
    );
    Ok(())
}

fn read_page(path: &Path) -> Result<Vec<u8>> {
    let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .with_context(|| format!("decompressing {}", path.display()))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

struct CountingWriter<W> {
    inner: W,
    written: u64,
}

impl<W: std::io::Write> std::io::Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// CPU seconds (user + system, all threads) spent by this process so far.
fn process_cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes into the zeroed struct we hand it.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) } != 0 {
        return 0.0;
    }
    let secs = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    secs(ru.ru_utime) + secs(ru.ru_stime)
}

/// Reset the kernel's peak-RSS mark for this process (Linux `clear_refs` 5), so each
/// phase reports its own peak. Best effort: ignored where unsupported.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak RSS since the last reset, from `/proc/self/status` (`VmHWM`), in MiB; falls
/// back to `getrusage` (peak over the whole process) elsewhere.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    for line in status.lines() {
        if let Some(rest) = line.strip_prefix("VmHWM:") {
            if let Some(kb) = rest
                .split_whitespace()
                .next()
                .and_then(|v| v.parse::<f64>().ok())
            {
                return kb / 1024.0;
            }
        }
    }
    super::rusage::peak_rss_bytes() as f64 / (1 << 20) as f64
}
