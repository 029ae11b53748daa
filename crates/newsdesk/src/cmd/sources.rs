//! Inputs of `newsdesk ingest` that are not page files read whole: WARC archives
//! (streamed record by record through extract → analyze on `--jobs` threads, constant
//! memory) and `http(s)` URLs (a page, feed, sitemap, sitemap index, Google News
//! sitemap or OPML list, fetched politely by the ingest crate's [`Fetcher`], with the
//! crawl memory kept in the data directory so a re-run fetches nothing already stored).
//! `newsdesk watch` (in `watch.rs`) polls through the same machinery.

use super::ingest::{IngestArgs, IngestTotals};
use crate::inputs;
use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use newsdesk_analyze::{analyze_article, AnalyzeOptions, AnalyzedArticle};
use newsdesk_extract::Options;
use newsdesk_ingest::fetch::{FetchOptions, Fetcher};
use newsdesk_ingest::pipeline::par_map;
use newsdesk_ingest::warc::{WarcOptions, WarcReader};
use newsdesk_ingest::watch::{PollReport, Source, WatchOptions, Watcher};
use newsdesk_ingest::{RawPage, StateError};
use newsdesk_store::{CrawlStore, IngestStatus, Store};
use std::io::{IsTerminal, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Options for WARC and URL inputs (shared by `ingest` and `watch`).
#[derive(Args, Debug, Clone)]
pub struct SourceArgs {
    /// Worker threads extracting WARC records, and parallel fetches for URLs
    /// (default: the number of cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Allow fetching from loopback, private and link-local addresses (refused by
    /// default, on every redirect hop too, as a guard against SSRF).
    #[arg(long)]
    pub allow_private: bool,
}

impl SourceArgs {
    /// `--jobs`, or the number of cores.
    pub fn jobs(&self) -> usize {
        self.jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1)
    }

    /// The fetcher's options: the library defaults, plus `--allow-private`.
    pub fn fetch_options(&self) -> FetchOptions {
        let mut options = FetchOptions::default();
        options.addresses.allow_private = self.allow_private;
        options
    }

    /// The poll limits: the library defaults, with `--jobs` parallel fetches and no
    /// practical cap on pages per poll. (Links past the library's default cap of 500 are
    /// not marked seen, but the listing's validators are saved, so the next poll gets a
    /// 304 and would not see them again until the listing changes; a whole sitemap is
    /// better fetched in one go, slowly and politely.)
    pub fn watch_options(&self) -> WatchOptions {
        WatchOptions {
            jobs: self.jobs(),
            max_pages_per_poll: MAX_PAGES_PER_POLL,
            ..WatchOptions::default()
        }
    }
}

/// Most article pages fetched per source per poll (a sitemap's worth).
const MAX_PAGES_PER_POLL: usize = 100_000;

/// An input handled here rather than read whole by `ingest`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceInput {
    /// A WARC file (plain or gzipped), recognised by its content.
    Warc(String),
    /// An `http(s)` URL.
    Url(String),
}

/// Whether `s` is an `http://` or `https://` URL (what `ingest` fetches).
pub fn is_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Whether the file starts like a WARC (`WARC/`), after optional gzip.
pub fn is_warc_file(path: &Path) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = [0u8; 2];
    if file.read_exact(&mut head).is_err() {
        return false;
    }
    let mut magic = [0u8; 5];
    let ok = if head == [0x1f, 0x8b] {
        let Ok(file) = std::fs::File::open(path) else {
            return false;
        };
        flate2::read::MultiGzDecoder::new(file)
            .read_exact(&mut magic)
            .is_ok()
    } else {
        magic[..2].copy_from_slice(&head);
        file.read_exact(&mut magic[2..]).is_ok()
    };
    ok && &magic == b"WARC/"
}

/// Split `ingest`'s PATH arguments into WARC files and URLs (handled here) and the
/// paths left for the page reader. Folders are walked to find WARC files inside them.
pub fn split(paths: &[String]) -> (Vec<SourceInput>, Vec<String>) {
    let mut sources = Vec::new();
    let mut rest = Vec::new();
    for p in paths {
        if is_url(p) {
            sources.push(SourceInput::Url(p.clone()));
        } else if p == "-" {
            rest.push(p.clone());
        } else if Path::new(p).is_dir() {
            let found = inputs::expand(std::slice::from_ref(p));
            if found
                .iter()
                .any(|(f, err)| err.is_none() && is_warc_file(Path::new(f)))
            {
                for (f, err) in found {
                    if err.is_none() && is_warc_file(Path::new(&f)) {
                        sources.push(SourceInput::Warc(f));
                    } else {
                        // A walk error names a sub-folder: walking it again reports it.
                        rest.push(f);
                    }
                }
            } else {
                rest.push(p.clone());
            }
        } else if is_warc_file(Path::new(p)) {
            sources.push(SourceInput::Warc(p.clone()));
        } else {
            rest.push(p.clone());
        }
    }
    (sources, rest)
}

/// Set by Ctrl-C (SIGINT) or SIGTERM; a second signal exits at once (the store is
/// crash-safe, and the crawl state only ever lags behind it).
pub static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    if STOP.swap(true, Ordering::SeqCst) {
        // SAFETY: `_exit` is async-signal-safe.
        unsafe { libc::_exit(130) };
    }
}

/// Install the Ctrl-C / SIGTERM handler that sets [`STOP`].
pub fn install_stop_handler() {
    // SAFETY: the handler only touches an atomic and calls `_exit`, both signal-safe.
    let handler: extern "C" fn(libc::c_int) = on_signal;
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        libc::signal(libc::SIGTERM, handler as libc::sighandler_t);
    }
}

/// Whether a stop was requested.
pub fn stopping() -> bool {
    STOP.load(Ordering::Relaxed)
}

/// Extract and analyze one raw page. The page's URL (or WARC target URI) is the
/// article's source and fallback canonical URL; the HTTP charset goes to extraction.
/// When the page gives no publication date, the feed or sitemap entry's date is taken;
/// failing that, the HTTP `Last-Modified`, `Date` or fetch time resolves relative dates
/// ("on Monday") in the analysis without being stored as the publication date.
pub fn analyze_page(page: &RawPage, base: &Options) -> Result<AnalyzedArticle, String> {
    let mut options = base.clone();
    options.url = page.url.clone();
    options.http_charset = page.http_charset.clone();
    let source = page.url.as_deref().unwrap_or(&page.source);
    let mut article =
        newsdesk_extract::extract(&page.bytes, source, &options).map_err(|e| e.to_string())?;
    if let Some(link) = &page.listed_as {
        if article.published.is_none() {
            article.published = link.date.clone().filter(|d| looks_iso(d));
        }
        if article.title.is_none() {
            article.title = link.title.clone();
        }
    }
    let mut analyze_options = AnalyzeOptions::default();
    if article.published.is_none() {
        analyze_options.published = [&page.last_modified, &page.http_date]
            .into_iter()
            .flatten()
            .find_map(|d| http_date_to_iso(d))
            .or_else(|| Some(page.fetched_at.clone()).filter(|d| looks_iso(d)));
    }
    Ok(analyze_article(&article, &analyze_options))
}

/// `YYYY-MM-DD…`.
fn looks_iso(s: &str) -> bool {
    let b = s.trim().as_bytes();
    b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-'
}

/// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`) as RFC 3339.
fn http_date_to_iso(s: &str) -> Option<String> {
    chrono::DateTime::parse_from_rfc2822(s.trim())
        .ok()
        .map(|d| {
            d.with_timezone(&chrono::Utc)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        })
}

/// What happened to pages on their way into the store.
#[derive(Debug, Default, Clone)]
pub struct StoreCounts {
    /// Pages handed to extraction.
    pub pages: u64,
    /// New articles.
    pub new: u64,
    /// Known articles stored as a new version.
    pub updated: u64,
    /// Articles already stored as they are.
    pub unchanged: u64,
    /// Pages with no article text (nothing to store).
    pub no_article: u64,
    /// Pages that could not be extracted or stored.
    pub failed: u64,
    /// Quotes stored.
    pub quotes: u64,
    /// People stored (counted per article).
    pub people: u64,
}

/// The live status line of `ingest URL` and `watch` on a terminal.
pub fn spinner(tick: Duration) -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
            .expect("valid progress template"),
    );
    bar.enable_steady_tick(tick);
    bar
}

impl StoreCounts {
    /// Add another run's counts to these (one poll's counts into a running total).
    pub fn absorb(&mut self, c: &StoreCounts) {
        self.pages += c.pages;
        self.new += c.new;
        self.updated += c.updated;
        self.unchanged += c.unchanged;
        self.no_article += c.no_article;
        self.failed += c.failed;
        self.quotes += c.quotes;
        self.people += c.people;
    }

    fn add_to(&self, t: &mut IngestTotals) {
        t.inputs += self.pages as usize;
        t.new += self.new as usize;
        t.updated += self.updated as usize;
        t.unchanged += self.unchanged as usize;
        t.failed += self.failed as usize;
        t.quotes += self.quotes as usize;
        t.people += self.people as usize;
    }

    /// Store one analysed page; returns an error message to report, if any.
    pub fn store(
        &mut self,
        store: &mut Store,
        source: &str,
        analyzed: Result<AnalyzedArticle, String>,
    ) -> Option<String> {
        self.pages += 1;
        let analyzed = match analyzed {
            Ok(a) => a,
            Err(cause) => {
                self.failed += 1;
                return Some(format!("{source}: {cause}"));
            }
        };
        match store.ingest(&analyzed) {
            Ok(o) => {
                match o.status {
                    IngestStatus::New => self.new += 1,
                    IngestStatus::Updated => self.updated += 1,
                    IngestStatus::Unchanged => self.unchanged += 1,
                }
                self.quotes += o.quotes as u64;
                self.people += o.people as u64;
                None
            }
            Err(newsdesk_store::Error::EmptyArticle { .. }) => {
                self.no_article += 1;
                None
            }
            Err(e) => {
                self.failed += 1;
                Some(format!("{source}: {e}"))
            }
        }
    }
}

/// Messages on standard error: through the progress bar when there is one, at most
/// `limit` of each kind (then a count), never when quiet except errors.
pub struct Reporter {
    bar: Option<ProgressBar>,
    /// Print machine-readable JSON lines instead of text.
    pub json: bool,
    printed: u64,
    suppressed: u64,
    limit: u64,
}

impl Reporter {
    /// A reporter printing at most `limit` error lines.
    pub fn new(bar: Option<ProgressBar>, json: bool, limit: u64) -> Self {
        Reporter {
            bar,
            json,
            printed: 0,
            suppressed: 0,
            limit,
        }
    }

    /// The progress bar, if any.
    pub fn bar(&self) -> Option<&ProgressBar> {
        self.bar.as_ref()
    }

    /// Print a line (above the bar); JSON lines go to standard output, one event each.
    pub fn line(&self, line: &str) {
        match &self.bar {
            Some(b) => b.println(line),
            None if self.json => println!("{line}"),
            None => eprintln!("{line}"),
        }
    }

    /// Report an error about one input (up to the limit).
    pub fn error(&mut self, message: &str) {
        if self.printed >= self.limit {
            self.suppressed += 1;
            return;
        }
        self.printed += 1;
        if self.json {
            self.line(&serde_json::json!({"event": "error", "message": message}).to_string());
        } else {
            self.line(&format!("newsdesk: {message}"));
        }
    }

    /// Errors not printed (over the limit); resets the count.
    pub fn take_suppressed(&mut self) -> u64 {
        std::mem::take(&mut self.suppressed)
    }

    /// Clear the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// Most error lines printed per WARC file (the rest are counted).
const MAX_ERROR_LINES: u64 = 100;

/// The `ingest` hook: take the WARC files and URLs out of `args.paths` and ingest them
/// (adding to `totals`); return the paths left for the page reader (none after Ctrl-C).
pub fn ingest(
    args: &IngestArgs,
    store: &mut Store,
    totals: &mut IngestTotals,
) -> Result<Vec<String>> {
    let (sources, rest) = split(&args.paths);
    if sources.is_empty() {
        return Ok(rest);
    }
    install_stop_handler();
    let options = args.limits.options();
    let urls: Vec<&str> = sources
        .iter()
        .filter_map(|s| match s {
            SourceInput::Url(u) => Some(u.as_str()),
            SourceInput::Warc(_) => None,
        })
        .collect();
    for source in &sources {
        if stopping() {
            break;
        }
        if let SourceInput::Warc(path) = source {
            let counts = ingest_warc(path, &options, &args.sources, args.quiet, store, totals)?;
            counts.add_to(totals);
        }
    }
    if !urls.is_empty() && !stopping() {
        let counts = ingest_urls(&urls, args, &options, store, totals)?;
        counts.add_to(totals);
    }
    if stopping() {
        eprintln!("newsdesk: stopped (Ctrl-C); what was read so far is stored");
        return Ok(Vec::new());
    }
    Ok(rest)
}

/// A file reader counting the bytes read (the progress bar's position).
struct CountingFile {
    file: std::fs::File,
    read: Arc<AtomicU64>,
}

impl Read for CountingFile {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A read record, or a corrupt one, after extraction.
// `Page` is the common variant and only a few records are in flight: no box needed.
#[allow(clippy::large_enum_variant)]
enum Record {
    Page(String, Result<AnalyzedArticle, String>),
    Corrupt(String),
}

/// Stream one WARC file into the store: records read on one thread, extracted and
/// analysed on `--jobs` threads, stored on this one. Memory stays bounded by the
/// pipeline's queue (a few records per job), whatever the file size.
fn ingest_warc(
    path: &str,
    options: &Options,
    source_args: &SourceArgs,
    quiet: bool,
    store: &mut Store,
    totals: &mut IngestTotals,
) -> Result<StoreCounts> {
    let mut counts = StoreCounts::default();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("newsdesk: {path}: cannot read: {e}");
            totals.inputs += 1;
            totals.failed += 1;
            return Ok(counts);
        }
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let read = Arc::new(AtomicU64::new(0));
    let warc_options = WarcOptions {
        max_payload_bytes: options.max_input_bytes,
        ..WarcOptions::default()
    };
    let mut reader = WarcReader::from_reader(
        CountingFile {
            file,
            read: read.clone(),
        },
        path.to_string(),
        warc_options,
    );
    let interactive = !quiet && std::io::stderr().is_terminal();
    let bar = interactive.then(|| {
        let bar = ProgressBar::new(size);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta}) {msg}",
            )
            .expect("valid progress template"),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    });
    let mut reporter = Reporter::new(bar, false, MAX_ERROR_LINES);
    let started = Instant::now();
    let mut last_log = Instant::now();
    let mut corrupt = 0u64;
    let jobs = source_args.jobs();
    // Stop reading at Ctrl-C: records in flight are still stored.
    let records = (&mut reader).take_while(|_| !stopping());
    par_map(
        records,
        jobs,
        |item| match item {
            Ok(page) => {
                let source = page.url.clone().unwrap_or_else(|| page.source.clone());
                let analyzed = analyze_page(&page, options);
                Record::Page(source, analyzed)
            }
            Err(e) => Record::Corrupt(e.to_string()),
        },
        |_, record| {
            match record {
                Record::Page(source, analyzed) => {
                    if let Some(message) = counts.store(store, &source, analyzed) {
                        reporter.error(&message);
                    }
                }
                Record::Corrupt(message) => {
                    corrupt += 1;
                    reporter.error(&message);
                }
            }
            let done = read.load(Ordering::Relaxed);
            if let Some(b) = reporter.bar() {
                b.set_position(done);
                b.set_message(format!(
                    "{} pages, {} new, {} errors",
                    counts.pages,
                    counts.new,
                    counts.failed + corrupt
                ));
            } else if !quiet && last_log.elapsed() >= Duration::from_secs(10) {
                last_log = Instant::now();
                let secs = started.elapsed().as_secs_f64();
                reporter.line(&format!(
                    "ingest: {path}: {:.0}% ({:.1} MB/s compressed), {} pages ({:.0}/s), {} new, {} errors",
                    100.0 * done as f64 / size.max(1) as f64,
                    done as f64 / 1e6 / secs,
                    counts.pages,
                    counts.pages as f64 / secs,
                    counts.new,
                    counts.failed + corrupt
                ));
            }
        },
    );
    reporter.finish();
    let suppressed = reporter.take_suppressed();
    if suppressed > 0 {
        eprintln!("newsdesk: {path}: {suppressed} more errors not shown");
    }
    let s = reader.stats();
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    eprintln!(
        "{path}: {} records ({} responses), {:.1} MB read in {:.1} s ({:.0} records/s, {:.1} MB/s uncompressed); \
         skipped: {} not HTML, {} not 2xx, {} not HTTP, {} too large, {} without article text; \
         {} corrupt records, {} pages failed",
        s.records,
        s.by_type.get("response").copied().unwrap_or(0),
        s.bytes as f64 / 1e6,
        secs,
        s.records as f64 / secs,
        s.bytes as f64 / 1e6 / secs,
        s.not_html,
        s.not_ok,
        s.not_http,
        s.too_large,
        counts.no_article,
        corrupt,
        counts.failed,
    );
    // Corrupt records are failed inputs too (the exit status says some input failed).
    totals.inputs += corrupt as usize;
    totals.failed += corrupt as usize;
    Ok(counts)
}

/// What one poll brought in.
#[derive(Debug, Default)]
pub struct PollOutcome {
    /// The watcher's report (`None` when stopped before the poll finished).
    pub report: Option<PollReport>,
    /// What happened to the pages in the store.
    pub counts: StoreCounts,
}

/// Which poll to run.
#[derive(Debug, Clone)]
pub enum Poll {
    /// One source now, whatever its schedule.
    Source(Source),
    /// Every source due now.
    Due,
}

/// Run one poll: fetch on a background thread (the watcher's own parallel fetches),
/// extract, analyze and store here as pages arrive, then commit the store and only then
/// the crawl state (so a crash never leaves a page marked seen but not stored).
/// At Ctrl-C the poll is abandoned: the store keeps what arrived, the crawl state drops
/// the poll's writes (those pages will be fetched again and found unchanged).
pub fn poll_into_store(
    watcher: &Arc<Watcher>,
    crawl: &CrawlStore,
    poll: Poll,
    store: &mut Store,
    options: &Options,
    on_page: &mut dyn FnMut(&StoreCounts, Option<String>),
) -> Result<PollOutcome> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<RawPage>(16);
    let thread_watcher = Arc::clone(watcher);
    let handle = std::thread::spawn(move || -> Result<PollReport, StateError> {
        let mut sink = |page: RawPage| {
            // The receiver is gone only when stopping: drop the page.
            let _ = tx.send(page);
        };
        match poll {
            Poll::Source(source) => thread_watcher.poll_source(&source, &mut sink),
            Poll::Due => thread_watcher.poll_due(std::time::SystemTime::now(), &mut sink),
        }
    });
    let mut counts = StoreCounts::default();
    loop {
        if stopping() {
            break;
        }
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(page) => {
                let source = page.url.clone().unwrap_or_else(|| page.source.clone());
                let analyzed = analyze_page(&page, options);
                let message = counts.store(store, &source, analyzed);
                on_page(&counts, message);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    store.flush().context("committing stored articles")?;
    if stopping() {
        crawl.rollback();
        // The fetch thread is left to finish or die with the process; its pages are dropped.
        return Ok(PollOutcome {
            report: None,
            counts,
        });
    }
    let report = match handle.join() {
        Ok(r) => r.context("crawl state")?,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    crawl
        .commit()
        .with_context(|| format!("saving the crawl state in {}", crawl.path().display()))?;
    Ok(PollOutcome {
        report: Some(report),
        counts,
    })
}

/// Make the library's SSRF message speak of the command-line flag.
pub fn cli_message(message: &str) -> String {
    message.replace(
        "(set allow_private to permit)",
        "(pass --allow-private to permit loopback/private addresses)",
    )
}

/// Open the crawl state in the data directory.
pub fn open_crawl(data: &Path) -> Result<Arc<CrawlStore>> {
    Ok(Arc::new(CrawlStore::open(data).with_context(|| {
        format!("opening the crawl state in {}", data.display())
    })?))
}

/// Fetch each URL once (page, feed, sitemap, sitemap index, OPML: sniffed from what
/// comes back), storing new articles.
fn ingest_urls(
    urls: &[&str],
    args: &IngestArgs,
    options: &Options,
    store: &mut Store,
    totals: &mut IngestTotals,
) -> Result<StoreCounts> {
    let crawl = open_crawl(&args.data.data)?;
    let sources: Vec<Source> = urls
        .iter()
        .map(|u| Source::auto(u, Duration::ZERO))
        .collect();
    let fetcher = Fetcher::new(args.sources.fetch_options(), crawl.clone());
    let watcher = Arc::new(Watcher::new(
        fetcher,
        sources.clone(),
        args.sources.watch_options(),
    ));
    let interactive = !args.quiet && std::io::stderr().is_terminal();
    let bar = interactive.then(|| spinner(Duration::from_millis(200)));
    let mut reporter = Reporter::new(bar, false, u64::MAX);
    let mut all = StoreCounts::default();
    for source in sources {
        if stopping() {
            break;
        }
        let url = source.url.clone();
        if let Some(b) = reporter.bar() {
            b.set_message(format!("fetching {url}"));
        }
        let outcome = poll_into_store(
            &watcher,
            &crawl,
            Poll::Source(source),
            store,
            options,
            &mut |c, message| {
                if let Some(m) = message {
                    reporter.error(&m);
                }
                if let Some(b) = reporter.bar() {
                    b.set_message(format!("{url}: {} pages, {} new", c.pages, c.new));
                }
            },
        )?;
        let c = &outcome.counts;
        if let Some(r) = &outcome.report {
            for e in &r.errors {
                reporter.error(&cli_message(e));
            }
            // A URL that gave nothing but errors failed as an input.
            if !r.errors.is_empty() && c.pages == 0 && r.not_modified == 0 {
                totals.inputs += 1;
                totals.failed += 1;
            }
            reporter.line(&format!(
                "{url}: {} listings, {} links ({} already seen), {} pages fetched, {} not modified, \
                 {} forbidden by robots.txt, {} not HTML, {} errors; {} new, {} updated, {} unchanged, \
                 {} without article text",
                r.listings,
                r.links,
                r.already_seen,
                r.pages,
                r.not_modified,
                r.disallowed,
                r.not_html,
                r.errors.len(),
                c.new,
                c.updated,
                c.unchanged,
                c.no_article
            ));
        }
        all.absorb(c);
    }
    reporter.finish();
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_warc_files_are_told_apart_by_content() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("a.warc");
        std::fs::write(&plain, b"WARC/1.0\r\n").unwrap();
        let gz = dir.path().join("b.bin");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut enc, b"WARC/1.1\r\nWARC-Type: warcinfo\r\n").unwrap();
        std::fs::write(&gz, enc.finish().unwrap()).unwrap();
        let page = dir.path().join("c.warc");
        std::fs::write(&page, b"<html>WARC/1.0</html>").unwrap();
        assert!(is_warc_file(&plain));
        assert!(is_warc_file(&gz));
        assert!(!is_warc_file(&page));
        assert!(is_url("HTTPS://example.com/x"));
        assert!(!is_url("httpfile.html"));
        let d = dir.path().display().to_string();
        let (sources, rest) = split(&[d, "http://x.example/feed".into()]);
        assert_eq!(sources.len(), 3);
        assert_eq!(rest, vec![page.display().to_string()]);
        assert_eq!(sources[2], SourceInput::Url("http://x.example/feed".into()));
    }

    #[test]
    fn http_dates_become_rfc3339() {
        assert_eq!(
            http_date_to_iso("Sun, 06 Nov 1994 08:49:37 GMT").as_deref(),
            Some("1994-11-06T08:49:37Z")
        );
        assert_eq!(http_date_to_iso("yesterday"), None);
        assert!(looks_iso("2024-05-01T10:00:00Z"));
        assert!(!looks_iso("Mon, 01 May"));
    }
}
