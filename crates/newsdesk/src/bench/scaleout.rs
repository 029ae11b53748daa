//! `newsdesk bench scaleout --warc-dir DIR`: articles/s of the Spark job
//! (`python -m newsdesk.spark`, `local[2]`) and optionally the Ray job, against the
//! native `export parquet --jobs 2`, on the same WARC files.
//!
//! Fairness: every engine reads the same files, with the same number of workers, after
//! the files were read once (warm page cache). Each engine's job time excludes its
//! start-up (JVM + SparkSession, or the Ray instance), which is printed separately, as is
//! the wall time of the whole command. With `--runs N` the engines take turns N times
//! (so load from other processes hits them alike) and the median run is reported.
//! Run it from a release build, with a wheel built by `maturin build --release`.
//!
//! When `DIR` holds no `.warc.gz` files they are first built from the extraction
//! benchmark's pages (`../shared/bench/extraction/html`), each page stored `--copies`
//! times under distinct URLs, spread over `--files` archives.

use crate::cmd::export::export_parquet;
use crate::cmd::extract::ExtractLimits;
use anyhow::{bail, Context, Result};
use clap::Args;
use newsdesk_ingest::warc::WarcWriter;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Arguments of `newsdesk bench scaleout`.
#[derive(Args, Debug)]
pub struct ScaleoutBenchArgs {
    /// Folder of `.warc.gz` files (built here from `--pages` when it has none).
    #[arg(long)]
    pub warc_dir: PathBuf,
    /// Pages to build the archives from (`*.html` or `*.html.gz`).
    #[arg(long, default_value = "../shared/bench/extraction/html")]
    pub pages: PathBuf,
    /// How many archives to build.
    #[arg(long, default_value_t = 8)]
    pub files: usize,
    /// How many times each page is stored (under distinct URLs).
    #[arg(long, default_value_t = 8)]
    pub copies: usize,
    /// Python interpreter with the `newsdesk` wheel, pyspark (and ray) installed.
    #[arg(long, default_value = "python3")]
    pub python: String,
    /// Also run the Ray job.
    #[arg(long)]
    pub ray: bool,
    /// Worker threads / Spark local cores / Ray CPUs.
    #[arg(long, default_value_t = 2)]
    pub jobs: usize,
    /// Rounds: each engine runs this many times, in turn; the median is reported.
    #[arg(long, default_value_t = 1)]
    pub runs: usize,
    /// Have the Spark and Ray jobs first process a few files into a scratch folder (to
    /// start their Python workers and warm the JVM), timed apart from the job; the native
    /// command gets a warm-up run too.
    #[arg(long)]
    pub warmup: bool,
}

fn warc_files(dir: &Path) -> Result<Vec<String>> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".warc.gz"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    Ok(files)
}

fn build_archives(args: &ScaleoutBenchArgs) -> Result<()> {
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&args.pages)
        .with_context(|| format!("reading {}", args.pages.display()))?
    {
        let path = entry?.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let raw = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let html = if name.ends_with(".gz") {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&raw[..])
                .read_to_end(&mut out)
                .with_context(|| format!("gunzip {}", path.display()))?;
            out
        } else {
            raw
        };
        pages.push((name.split('.').next().unwrap_or("page").to_string(), html));
    }
    pages.sort();
    if pages.is_empty() {
        bail!("no pages in {}", args.pages.display());
    }
    std::fs::create_dir_all(&args.warc_dir)?;
    let files = args.files.max(1);
    let mut writers = (0..files)
        .map(|i| {
            let path = args.warc_dir.join(format!("bench-{i:03}.warc.gz"));
            let file = std::fs::File::create(&path)
                .with_context(|| format!("creating {}", path.display()))?;
            Ok(WarcWriter::new(std::io::BufWriter::new(file), true))
        })
        .collect::<Result<Vec<_>>>()?;
    let mut n = 0usize;
    for copy in 0..args.copies.max(1) {
        for (id, html) in &pages {
            let mut http = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
                html.len()
            )
            .into_bytes();
            http.extend_from_slice(html);
            let url = format!("https://bench.invalid/{copy}/{id}");
            writers[n % files].write_response(&url, "2024-01-01T00:00:00Z", &http)?;
            n += 1;
        }
    }
    for w in writers {
        w.finish()?;
    }
    eprintln!(
        "built {files} archives holding {n} pages in {}",
        args.warc_dir.display()
    );
    Ok(())
}

/// One run of one engine.
#[derive(Debug, Clone, Copy)]
struct Run {
    articles: u64,
    /// Seconds of the job proper (engine start-up excluded).
    job: f64,
    /// Seconds to start the engine (JVM + SparkSession, Ray instance); 0 for native.
    startup: f64,
    /// Seconds of the warm-up run (`--warmup`), before the job.
    warmup: f64,
    /// Seconds of the whole command, interpreter start included.
    wall: f64,
}

/// Run an engine job and read the figures it reports.
fn run_job(args: &ScaleoutBenchArgs, module: &str, files: &[String], out: &Path) -> Result<Run> {
    let mut cmd = Command::new(&args.python);
    cmd.args(["-m", module])
        .args(files)
        .arg("--output")
        .arg(out)
        .arg("--overwrite");
    if args.warmup {
        cmd.arg("--warmup");
    }
    if module.ends_with("spark") {
        cmd.arg("--master").arg(format!("local[{}]", args.jobs));
    } else {
        cmd.arg("--num-cpus").arg(args.jobs.to_string());
    }
    let start = Instant::now();
    let output = cmd
        .output()
        .with_context(|| format!("running {} -m {module}", args.python))?;
    let wall = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        bail!("{module} failed ({}):\n{stderr}", output.status);
    }
    // The job's summary line: "... articles=N ... job_s=X ...".
    let field = |key: &str| -> Option<f64> {
        stderr
            .split_whitespace()
            .find_map(|w| w.strip_prefix(key)?.parse::<f64>().ok())
    };
    let articles = field("articles=").context("no articles= in the job's output")? as u64;
    let job = field("job_s=").unwrap_or(wall);
    let startup = field("session_s=").unwrap_or(0.0);
    let warmup = field("warmup_s=").unwrap_or(0.0);
    Ok(Run {
        articles,
        job,
        startup,
        warmup,
        wall,
    })
}

/// The run with the median job time.
fn median(runs: &mut [Run]) -> Run {
    runs.sort_by(|a, b| a.job.total_cmp(&b.job));
    runs[runs.len() / 2]
}

/// Run the benchmark and print its figures.
pub fn run(args: &ScaleoutBenchArgs) -> Result<()> {
    if warc_files(&args.warc_dir)
        .map(|f| f.is_empty())
        .unwrap_or(true)
    {
        build_archives(args)?;
    }
    let files = warc_files(&args.warc_dir)?;
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "scale-out benchmark: {} WARC.gz files, {:.1} MB, {} workers",
        files.len(),
        bytes as f64 / 1e6,
        args.jobs
    );
    // Warm the page cache so that no engine pays for the first read of the files.
    for file in &files {
        std::fs::read(file).with_context(|| format!("reading {file}"))?;
    }
    let tmp = tempfile_dir()?;
    let limits = ExtractLimits {
        max_bytes: 64 << 20,
        max_depth: 256,
        time_budget_ms: 10_000,
    };
    let mut engines = vec!["native", "newsdesk.spark"];
    if args.ray {
        engines.push("newsdesk.ray");
    }
    let mut runs: Vec<Vec<Run>> = vec![Vec::new(); engines.len()];
    for round in 0..args.runs.max(1) {
        for (i, engine) in engines.iter().enumerate() {
            let out = tmp.join(format!("{engine}-{round}"));
            let run = if *engine == "native" {
                let mut warmup = 0.0;
                if args.warmup {
                    let slots = args.jobs.clamp(1, files.len());
                    let scratch = tmp.join("native-warmup");
                    warmup = export_parquet(&files[..slots], &scratch, Some(args.jobs), &limits)?
                        .seconds;
                    let _ = std::fs::remove_dir_all(&scratch);
                }
                let s = export_parquet(&files, &out, Some(args.jobs), &limits)?;
                Run {
                    articles: s.articles,
                    job: s.seconds,
                    startup: 0.0,
                    warmup,
                    wall: s.seconds + warmup,
                }
            } else {
                run_job(args, engine, &files, &out)?
            };
            println!(
                "  round {} {engine}: {} articles, job {:.2} s ({:.1}/s), start-up {:.2} s, \
                 warm-up {:.2} s, wall {:.2} s",
                round + 1,
                run.articles,
                run.job,
                run.articles as f64 / run.job,
                run.startup,
                run.warmup,
                run.wall
            );
            let _ = std::fs::remove_dir_all(&out);
            runs[i].push(run);
        }
    }
    let native = median(&mut runs[0]);
    let native_rate = native.articles as f64 / native.job;
    println!(
        "native export --jobs {}: {} articles in {:.2} s = {:.1} articles/s (median of {})",
        args.jobs,
        native.articles,
        native.job,
        native_rate,
        runs[0].len()
    );
    for (i, module) in engines.iter().enumerate().skip(1) {
        let run = median(&mut runs[i]);
        let job_rate = run.articles as f64 / run.job;
        let wall_rate = run.articles as f64 / run.wall;
        println!(
            "{module}: {} articles; job {:.2} s = {job_rate:.1} articles/s, costs {:.0}% vs native; \
             not included: engine start-up {:.2} s, warm-up run {:.2} s; whole command {:.2} s \
             = {wall_rate:.1} articles/s (median of {})",
            run.articles,
            run.job,
            100.0 * (1.0 - job_rate / native_rate),
            run.startup,
            run.warmup,
            run.wall,
            runs[i].len()
        );
        if run.articles != native.articles {
            println!(
                "  note: {module} wrote {} articles, native {}",
                run.articles, native.articles
            );
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    Ok(())
}

fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("newsdesk-scaleout-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
