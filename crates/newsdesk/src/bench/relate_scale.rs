//! `newsdesk bench relate-scale`: stream many synthetic-but-varied articles through
//! copy detection and story clustering, and report speed and memory.
//!
//! Articles are built deterministically from the story benchmark sets: an *event
//! instance* (every few consecutive articles) picks a base article, renames its
//! capitalised words and two thirds of its longer words with invented ones, and
//! shuffles and cuts its sentences; each
//! article of the instance then drops or swaps a sentence more, and some are exact
//! re-posts (copies). Dates advance steadily over `--days` days, so stories and copy
//! candidates age out of the time windows as they would in a real stream.

use super::dedup::read_docs;
use super::rusage;
use anyhow::{bail, Result};
use clap::Args;
use newsdesk_relate::{CopyConfig, CopyDetector, Day, StoryClusterer, StoryConfig, StoryInput};
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `newsdesk bench relate-scale`.
#[derive(Args, Debug)]
pub struct RelateScaleArgs {
    /// Articles to stream.
    #[arg(long, default_value_t = 1_000_000)]
    pub articles: u64,
    /// Days the stream spans.
    #[arg(long, default_value_t = 1000)]
    pub days: u32,
    /// Consecutive articles per event instance.
    #[arg(long, default_value_t = 6)]
    pub per_event: u64,
    /// Source articles (JSONL with title/text); default: the story benchmark sets.
    #[arg(long, default_value = "/work/shared/bench/stories")]
    pub source: PathBuf,
    /// Print progress every this many articles.
    #[arg(long, default_value_t = 100_000)]
    pub every: u64,
}

/// Tiny deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A pronounceable invented word, almost always distinct for distinct seeds.
fn invented_name(seed: u64) -> String {
    const CONSONANTS: &[u8] = b"bcdfghjklmnprstvz";
    const VOWELS: &[u8] = b"aeiou";
    let mut r = Rng(seed);
    let syllables = 2 + r.below(3);
    let mut s = String::with_capacity(syllables * 2);
    for k in 0..syllables {
        let c = CONSONANTS[r.below(CONSONANTS.len())] as char;
        s.push(if k == 0 { c.to_ascii_uppercase() } else { c });
        s.push(VOWELS[r.below(VOWELS.len())] as char);
    }
    s
}

fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    for i in 0..b.len() {
        let end = b[i] == b'\n' || (b[i] == b'.' && b.get(i + 1) == Some(&b' '));
        if end {
            let s = text[start..=i].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = i + 1;
        }
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Replace capitalised words inside sentences with names invented for `instance`,
/// and about two thirds of the longer lowercase words with invented words, so that
/// each instance is its own event with its own vocabulary.
fn rename(sentence: &str, instance: u64, out: &mut String) {
    for (k, word) in sentence.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let alphabetic = word.len() > 3 && word.chars().all(|c| c.is_alphabetic());
        let cap = word.chars().next().is_some_and(|c| c.is_uppercase());
        let h = newsdesk_relate::text::hash_word(word) ^ instance.wrapping_mul(0x2545_f491);
        if k > 0 && cap && alphabetic {
            out.push_str(&invented_name(h));
        } else if !cap && alphabetic && !h.is_multiple_of(3) {
            out.push_str(&invented_name(h).to_lowercase());
        } else {
            out.push_str(word);
        }
    }
}

/// Run the benchmark and print its figures.
pub fn run(args: &RelateScaleArgs) -> Result<()> {
    let mut pool = Vec::new();
    for name in [
        "ecbplus-dev.jsonl",
        "gva-dev.jsonl",
        "gvc-dev.jsonl",
        "neardup-dev-docs.jsonl",
    ] {
        let path = args.source.join(name);
        if path.is_file() {
            for d in read_docs(&path)? {
                pool.push((d.title, d.text));
            }
        }
    }
    if pool.is_empty() {
        bail!("no source articles under {}", args.source.display());
    }
    let mut copies = CopyDetector::new(CopyConfig::default())?;
    let mut stories = StoryClusterer::new(StoryConfig::default())?;
    let start_day = Day::from_ymd(2020, 1, 1).expect("valid date").0;
    let (mut relate_secs, mut copies_secs, mut copies_found, mut new_stories) =
        (0.0f64, 0.0f64, 0u64, 0u64);
    let (mut title, mut text) = (String::new(), String::new());
    let mut instance_sentences: Vec<String> = Vec::new();
    let mut current_instance = u64::MAX;
    let mut bytes_in = 0u64;
    let wall = Instant::now();
    let cpu0 = rusage::thread_cpu_seconds();
    println!("pool={} source articles", pool.len());
    for i in 0..args.articles {
        let instance = i / args.per_event.max(1);
        let mut r = Rng(i ^ 0x5eed);
        if instance != current_instance {
            current_instance = instance;
            let mut ri = Rng(instance.wrapping_mul(0x9e37) ^ 0xa11ce);
            let (t, body) = &pool[ri.below(pool.len())];
            title.clear();
            rename(t, instance, &mut title);
            instance_sentences.clear();
            for s in sentences(body) {
                if ri.below(10) == 0 {
                    continue; // cut for this instance
                }
                let mut o = String::new();
                rename(s, instance, &mut o);
                instance_sentences.push(o);
            }
            for _ in 0..instance_sentences.len() / 4 {
                let a = ri.below(instance_sentences.len());
                let b = ri.below(instance_sentences.len());
                instance_sentences.swap(a, b);
            }
        }
        text.clear();
        let exact_repost = r.below(5) == 0;
        let drop = if exact_repost {
            usize::MAX
        } else {
            r.below(instance_sentences.len().max(1) + 3)
        };
        let swap = if exact_repost {
            None
        } else {
            Some((
                r.below(instance_sentences.len().max(1)),
                r.below(instance_sentences.len().max(1)),
            ))
        };
        let mut order: Vec<usize> = (0..instance_sentences.len()).collect();
        if let Some((a, b)) = swap {
            if !order.is_empty() {
                order.swap(a, b);
            }
        }
        for k in order {
            if k == drop {
                continue;
            }
            text.push_str(&instance_sentences[k]);
            text.push('\n');
        }
        let day = Day(start_day + (i * args.days as u64 / args.articles.max(1)) as i32);
        bytes_in += (title.len() + text.len()) as u64;
        let t0 = rusage::thread_cpu_seconds();
        let outcome = copies.add(i, &text, Some(day));
        let t1 = rusage::thread_cpu_seconds();
        copies_secs += t1 - t0;
        let assigned = stories.add(&StoryInput {
            title: &title,
            text: &text,
            day: Some(day),
            ..Default::default()
        });
        relate_secs += rusage::thread_cpu_seconds() - t0;
        copies_found += outcome.matched.is_some() as u64;
        new_stories += assigned.new_story as u64;
        if (i + 1) % args.every == 0 || i + 1 == args.articles {
            println!(
                "{:>9} articles  {:>8.0} art/s relate CPU ({:.0}% in copies)  copies={} stories={} live_stories={} kept_copies={} copy_state={:.0} B/article ({:.1} MiB) story_state={:.1} MiB rss_peak={:.1} MiB",
                i + 1,
                (i + 1) as f64 / relate_secs.max(1e-9),
                100.0 * copies_secs / relate_secs.max(1e-9),
                copies_found,
                new_stories,
                stories.live_stories(),
                copies.len(),
                copies.heap_bytes() as f64 / copies.len().max(1) as f64,
                copies.heap_bytes() as f64 / (1 << 20) as f64,
                stories.heap_bytes() as f64 / (1 << 20) as f64,
                rusage::peak_rss_bytes() as f64 / (1 << 20) as f64,
            );
        }
    }
    let cpu = rusage::thread_cpu_seconds() - cpu0;
    println!(
        "total: {} articles ({:.0} MiB of text) in {:.1}s wall, {:.1}s CPU incl. generation; relate (copies + stories) {:.1}s CPU = {:.0} articles/s on one core; peak RSS {:.1} MiB",
        args.articles,
        bytes_in as f64 / (1 << 20) as f64,
        wall.elapsed().as_secs_f64(),
        cpu,
        relate_secs,
        args.articles as f64 / relate_secs.max(1e-9),
        rusage::peak_rss_bytes() as f64 / (1 << 20) as f64,
    );
    Ok(())
}
