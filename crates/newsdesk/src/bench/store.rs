//! `newsdesk bench store`: ingest throughput end to end (read → extract → analyze →
//! store), then search and person-page latency and size per article on a larger store.
//!
//! Pages from `--pages` are replicated with distinct URLs up to `--articles`
//! (`https://bench.invalid/<n>/<file>`), so every copy is a separate article. With
//! `--synthetic`, generated analysed articles (made-up words, people, quotes, dates and
//! sites from a seeded generator) replace the pages: that measures the store alone.

use crate::cmd::ingest::pipeline;
use anyhow::{bail, Context, Result};
use clap::Args;
use newsdesk_analyze::{
    Analysis, AnalyzedArticle, Mention, Person, Quote, QuoteKind, Speaker, SpeakerKind, TextPart,
};
use newsdesk_extract::{Article, Options};
use newsdesk_store::{DocKind, IngestStatus, PeopleQuery, SearchQuery, Store, StoreOptions};
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `newsdesk bench store`.
#[derive(Args, Debug)]
pub struct StoreBenchArgs {
    /// Folder of pages to ingest (walked recursively), e.g. ../shared/bench/extraction/html.
    #[arg(long, required_unless_present = "synthetic")]
    pub pages: Option<PathBuf>,
    /// Use generated analysed articles instead of pages (measures the store alone).
    #[arg(long)]
    pub synthetic: bool,
    /// Articles to ingest for the throughput figure.
    #[arg(long, default_value_t = 20_000)]
    pub articles: usize,
    /// Grow the store to this many articles, then measure search and person-page latency
    /// (0: measure on the throughput store).
    #[arg(long, default_value_t = 0)]
    pub search_articles: usize,
    /// Queries of each kind to time.
    #[arg(long, default_value_t = 300)]
    pub queries: usize,
    /// Where to build the store (default: a fresh folder under the system temp dir,
    /// removed afterwards).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Skip ingesting: time queries on the existing store in `--data`.
    #[arg(long, requires = "data")]
    pub latency_only: bool,
    /// Articles per batch commit.
    #[arg(long, default_value_t = 1000)]
    pub batch_size: usize,
}

/// splitmix64: a small, seeded, reproducible generator (no dependency needed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Roughly Zipf-distributed index in `0..n` (small indexes much more often).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) - 1.0) as usize % n
    }
}

/// Made-up vocabulary, names, roles and sites for synthetic articles.
struct Synth {
    rng: Rng,
    words: Vec<String>,
    people: Vec<String>,
    roles: Vec<String>,
    sites: Vec<String>,
}

impl Synth {
    fn new(seed: u64) -> Synth {
        let mut rng = Rng(seed);
        const SYL: [&str; 24] = [
            "ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "pe", "ri", "go", "ba", "ne",
            "to", "la", "ze", "mo", "ki", "sa", "fe", "lu", "ha", "ro",
        ];
        let word = |rng: &mut Rng, min: usize, max: usize| {
            let n = min + rng.below(max - min + 1);
            (0..n)
                .map(|_| SYL[rng.below(SYL.len())])
                .collect::<String>()
        };
        let words = (0..20_000).map(|_| word(&mut rng, 1, 4)).collect();
        let cap = |s: String| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        };
        let people = (0..3_000)
            .map(|_| {
                format!(
                    "{} {}",
                    cap(word(&mut rng, 2, 3)),
                    cap(word(&mut rng, 2, 4))
                )
            })
            .collect();
        let roles = (0..200)
            .map(|_| format!("{} {}", word(&mut rng, 2, 3), word(&mut rng, 2, 4)))
            .collect();
        let sites = (0..50)
            .map(|_| format!("{}.example", word(&mut rng, 2, 3)))
            .collect();
        Synth {
            rng,
            words,
            people,
            roles,
            sites,
        }
    }

    fn sentence(&mut self, n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&self.words[self.rng.zipf(self.words.len())]);
        }
        s.push('.');
        s
    }

    fn article(&mut self, n: usize) -> AnalyzedArticle {
        let site = self.sites[self.rng.below(self.sites.len())].clone();
        let words = 6 + self.rng.below(6);
        let title = self.sentence(words);
        let mut body = String::new();
        let paragraphs = 6 + self.rng.below(10);
        for p in 0..paragraphs {
            if p > 0 {
                body.push('\n');
            }
            for _ in 0..2 + self.rng.below(4) {
                let n = 8 + self.rng.below(16);
                body.push_str(&self.sentence(n));
                body.push(' ');
            }
        }
        let mut people = Vec::new();
        let mut quotes = Vec::new();
        for _ in 0..2 + self.rng.below(5) {
            let name = self.people[self.rng.zipf(self.people.len())].clone();
            let role = self.roles[self.rng.below(self.roles.len())].clone();
            for _ in 0..self.rng.below(3) {
                let n = 8 + self.rng.below(20);
                quotes.push(Quote {
                    text: self.sentence(n),
                    start: 0,
                    end: 0,
                    fragments: vec![],
                    kind: QuoteKind::Direct,
                    cue: Some(Mention {
                        text: "said".into(),
                        start: 0,
                        end: 4,
                        part: TextPart::Body,
                    }),
                    speaker: Some(Speaker {
                        mention: None,
                        name: Some(name.clone()),
                        role: Some(role.clone()),
                        kind: SpeakerKind::Person,
                    }),
                    part: TextPart::Body,
                });
            }
            people.push(Person {
                name,
                mentions: vec![],
                roles: vec![role],
            });
        }
        let day = self.rng.below(5 * 365);
        let published = format_day(18_262 + day as i64); // from 2020-01-01
        let word_count = newsdesk_extract::count_words(&body);
        AnalyzedArticle {
            article: Article {
                source: format!("synthetic/{n}"),
                title: Some(title),
                published: Some(published),
                site_name: Some(site.clone()),
                canonical_url: Some(format!("https://{site}/news/{n}")),
                body,
                word_count,
                ..Default::default()
            },
            analysis: Analysis {
                quotes,
                people,
                ..Default::default()
            },
        }
    }
}

fn format_day(days: i64) -> String {
    newsdesk_store::text::format_iso(days * 86_400)[..10].to_string()
}

/// Where articles come from: replicated pages through the real pipeline, or synthetic.
enum Source {
    Pages(Vec<(String, Vec<u8>)>),
    Synthetic(Box<Synth>),
}

impl Source {
    /// The `n`-th article (extracted and analysed), or why it failed.
    fn produce(&mut self, n: usize, options: &mut Options) -> Vec<Result<AnalyzedArticle, String>> {
        match self {
            Source::Pages(pages) => {
                let (name, bytes) = &pages[n % pages.len()];
                options.url = Some(format!("https://bench.invalid/{n}/{name}"));
                match pipeline(bytes, name, options) {
                    Ok(records) => records
                        .into_iter()
                        .map(|mut r| {
                            r.article.canonical_url = options.url.clone();
                            Ok(r)
                        })
                        .collect(),
                    Err(e) => vec![Err(e)],
                }
            }
            Source::Synthetic(s) => vec![Ok(s.article(n))],
        }
    }
}

/// CPU seconds (user + system) of the whole process so far: all threads, including
/// the index writer's and its merges, so "per CPU-second" figures are honest.
fn process_cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes into the zeroed struct we hand it.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) } != 0 {
        return 0.0;
    }
    let secs = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    secs(ru.ru_utime) + secs(ru.ru_stime)
}

/// CPU seconds of the calling thread (precise, from the scheduler's accounting).
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes into the struct we hand it.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } != 0 {
        return 0.0;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

/// Wall and CPU milliseconds of `f`.
fn timed<T>(f: impl FnOnce() -> Result<T>) -> Result<(f64, f64)> {
    let cpu = thread_cpu_seconds();
    let t = Instant::now();
    std::hint::black_box(f()?);
    Ok((
        t.elapsed().as_secs_f64() * 1e3,
        (thread_cpu_seconds() - cpu) * 1e3,
    ))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// Print p50/p99/max of wall-clock latency, and p50/p99 of the CPU time the query
/// itself used (the difference is time spent waiting: other processes, I/O).
fn summarize(name: &str, samples: Vec<(f64, f64)>, target: f64) {
    let mut wall: Vec<f64> = samples.iter().map(|s| s.0).collect();
    let mut cpu: Vec<f64> = samples.iter().map(|s| s.1).collect();
    wall.sort_by(|a, b| a.total_cmp(b));
    cpu.sort_by(|a, b| a.total_cmp(b));
    let p99 = percentile(&wall, 0.99);
    println!(
        "  {name:<30} n={:<5} wall p50 {:>6.2} ms  p99 {:>6.2} ms  max {:>6.2} ms | cpu p50 {:>6.2} p99 {:>6.2} ms  (target p99 ≤ {target} ms: {})",
        wall.len(),
        percentile(&wall, 0.5),
        p99,
        wall.last().copied().unwrap_or(f64::NAN),
        percentile(&cpu, 0.5),
        percentile(&cpu, 0.99),
        if p99 <= target { "met" } else { "MISSED" }
    );
}

/// Ingest `count` more articles (numbered from `from`); returns (stored, failed, wall s, cpu s).
fn ingest(
    store: &mut Store,
    source: &mut Source,
    from: usize,
    count: usize,
) -> Result<(usize, usize, f64, f64)> {
    let mut options = Options::default();
    let t0 = Instant::now();
    let cpu0 = process_cpu_seconds();
    let (mut stored, mut failed) = (0, 0);
    let mut first_error = None;
    for n in from..from + count {
        for r in source.produce(n, &mut options) {
            match r
                .map_err(|e| e.to_string())
                .and_then(|a| store.ingest(&a).map_err(|e| e.to_string()))
            {
                Ok(o) if o.status != IngestStatus::Unchanged => stored += 1,
                Ok(_) => {}
                Err(e) => {
                    failed += 1;
                    first_error.get_or_insert(e);
                }
            }
        }
    }
    store.flush()?;
    let wall = t0.elapsed().as_secs_f64();
    let cpu = process_cpu_seconds() - cpu0;
    if failed * 2 > count {
        bail!(
            "{failed} of {count} articles failed (first: {}); if extraction returns empty articles \
             in this build, use --synthetic",
            first_error.unwrap_or_default()
        );
    }
    Ok((stored, failed, wall, cpu))
}

/// Run the benchmark and print its figures.
pub fn run(args: &StoreBenchArgs) -> Result<()> {
    let mut source = if args.synthetic {
        Source::Synthetic(Box::new(Synth::new(42)))
    } else {
        let dir = args
            .pages
            .as_ref()
            .expect("clap requires --pages without --synthetic");
        let mut pages = Vec::new();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
            if entry.file_type().is_file() {
                let name = entry.file_name().to_string_lossy().to_string();
                pages.push((name, std::fs::read(entry.path())?));
            }
        }
        if pages.is_empty() {
            bail!("no pages in {}", dir.display());
        }
        Source::Pages(pages)
    };
    let temp = args.data.is_none();
    let data = args.data.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("newsdesk-bench-store-{}", std::process::id()))
    });
    if temp {
        let _ = std::fs::remove_dir_all(&data);
    }
    let result = run_in(args, &mut source, &data);
    if temp {
        let _ = std::fs::remove_dir_all(&data);
    }
    result
}

fn run_in(args: &StoreBenchArgs, source: &mut Source, data: &std::path::Path) -> Result<()> {
    if args.latency_only {
        let stats = Store::open_read_only(data)?.stats()?;
        println!(
            "newsdesk bench store: latency on {} ({} articles, {} quotes, {} people, {:.1} KB per article)",
            data.display(),
            stats.articles,
            stats.quotes,
            stats.people,
            stats.bytes_on_disk as f64 / 1e3 / stats.articles.max(1) as f64
        );
        return latency(args, data);
    }
    let what = match source {
        Source::Pages(p) => format!(
            "{} pages replicated with distinct URLs, extract → analyze → store",
            p.len()
        ),
        Source::Synthetic(_) => {
            "synthetic analysed articles → store (no extraction/analysis)".into()
        }
    };
    println!("newsdesk bench store: {what}");
    println!("store: {}", data.display());
    let mut store = Store::open_with(
        data,
        StoreOptions {
            batch_size: args.batch_size,
        },
    )?;
    let (stored, failed, wall, cpu) = ingest(&mut store, source, 0, args.articles)?;
    println!(
        "ingest: {stored} articles ({failed} failed) in {wall:.2} s wall, {cpu:.2} s CPU: \
         {:.0} articles/s wall, {:.0} articles/s per CPU-second (target ≥ 300/s on one core: {})",
        stored as f64 / wall,
        stored as f64 / cpu.max(1e-9),
        if stored as f64 / wall.max(cpu) >= 300.0 {
            "met"
        } else {
            "MISSED"
        }
    );
    let stats = store.stats()?;
    println!(
        "size: {:.1} MB for {} articles, {} quotes: {:.1} KB per article",
        stats.bytes_on_disk as f64 / 1e6,
        stats.articles,
        stats.quotes,
        stats.bytes_on_disk as f64 / 1e3 / stats.articles.max(1) as f64
    );
    if args.search_articles > stats.articles {
        let more = args.search_articles - stats.articles;
        let (stored, _, wall, cpu) = ingest(&mut store, source, args.articles, more)?;
        let stats = store.stats()?;
        println!(
            "grown by {stored} articles in {wall:.1} s wall, {cpu:.1} s CPU ({:.0}/s wall, {:.0}/CPU-s) \
             to {} articles, {} quotes, {} people: {:.1} MB, {:.1} KB per article",
            stored as f64 / wall,
            stored as f64 / cpu.max(1e-9),
            stats.articles,
            stats.quotes,
            stats.people,
            stats.bytes_on_disk as f64 / 1e6,
            stats.bytes_on_disk as f64 / 1e3 / stats.articles.max(1) as f64
        );
    }
    drop(store);
    latency(args, data)
}

/// Time searches and person pages on a read-only store, as a server would run them.
fn latency(args: &StoreBenchArgs, data: &std::path::Path) -> Result<()> {
    let mut store = Store::open_read_only(data)?;
    let mut rng = Rng(7);
    // Query words come from stored headlines: real vocabulary at real frequencies.
    let latest = store.latest(1000, 0)?;
    let mut words: Vec<String> = latest
        .iter()
        .filter_map(|a| a.title.clone())
        .flat_map(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    words.sort();
    words.dedup();
    if words.is_empty() {
        bail!("no headlines to draw query words from");
    }
    let people = store.people(&PeopleQuery {
        limit: 2000,
        ..Default::default()
    })?;
    let surname = |name: &str| name.rsplit(' ').next().unwrap_or(name).to_string();
    println!(
        "latency ({} queries each, read-only store, 10 hits with snippets):",
        args.queries
    );
    let time = |store: &mut Store, q: SearchQuery| timed(|| Ok(store.search(&q)?));
    let pick = |rng: &mut Rng| words[rng.below(words.len())].clone();
    let (mut one, mut two, mut filtered) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..args.queries {
        one.push(time(&mut store, SearchQuery::new(pick(&mut rng)))?);
        two.push(time(
            &mut store,
            SearchQuery::new(format!("{} {}", pick(&mut rng), pick(&mut rng))),
        )?);
        let mut q = SearchQuery::new(pick(&mut rng));
        match i % 4 {
            0 if !people.is_empty() => {
                q.speaker = Some(surname(&people[rng.below(people.len())].name))
            }
            1 => {
                q.since = Some("2021-01-01".into());
                q.until = Some("2022-12-31".into());
            }
            2 => q.kind = Some(DocKind::Quote),
            _ => q.site = latest[rng.below(latest.len())].site.clone(),
        }
        filtered.push(time(&mut store, q)?);
    }
    summarize("search, one word", one, 20.0);
    summarize("search, two words", two, 20.0);
    summarize("search, one word + a filter", filtered, 20.0);
    if people.is_empty() {
        println!("  (no people stored: person-page latency not measured)");
        return Ok(());
    }
    let (mut pages, mut by_speaker) = (Vec::new(), Vec::new());
    for i in 0..args.queries {
        // Half the pages for the most-quoted people (the heaviest pages), half at random.
        let p = if i % 2 == 0 {
            &people[rng.below(people.len().min(20))]
        } else {
            &people[rng.below(people.len())]
        };
        pages.push(timed(|| Ok(store.person_page(p.id, 10)?))?);
        let name = surname(&p.name);
        by_speaker.push(timed(|| Ok(store.quotes_by_speaker(&name, 20, 0)?))?);
    }
    summarize("person page", pages, 50.0);
    summarize("quotes by speaker (surname)", by_speaker, 50.0);
    println!(
        "  most quoted: {} ({} quotes in {} articles)",
        people[0].name, people[0].quote_count, people[0].article_count
    );
    Ok(())
}
