//! Copy detection: syndicated copies, light edits and spun (synonym-swapped) rewrites.
//!
//! # Method
//! A text is reduced to its *function-word skeleton*: every token that is not a
//! closed-class word ([`crate::text::FUNCTION_WORDS`]) or a number is replaced by one
//! wildcard. Spinning tools swap content words for synonyms and leave the skeleton
//! alone; editors cut or add whole sentences, which removes or adds whole shingles.
//! The fingerprint is the set of hashed `shingle_len`-grams over that skeleton, kept as
//! a bottom-k sketch (the `sketch_size` smallest 32-bit hashes). Two texts are copies
//! when the sketch estimates that at least `containment_threshold` of the smaller
//! text's shingles occur in the larger one (containment, not Jaccard, so that cut or
//! padded copies still match).
//!
//! Candidates come from an inverted index over the `indexed_features` smallest hashes
//! of each sketch; an article is verified against the candidates sharing the most
//! indexed hashes. The index is split into generations that are dropped whole when
//! they fall out of the time window or past `max_articles`, so memory is bounded by
//! `max_articles × (≈ 4·sketch_size + 4·indexed_features + 64)` bytes whatever the
//! length of the stream.

use crate::text::{for_each_token, mix, Day};
use crate::RelateError;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// Settings of a [`CopyDetector`]. `Default` gives the documented values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CopyConfig {
    /// Tokens per skeleton shingle (default 6).
    pub shingle_len: usize,
    /// Hashes kept per fingerprint, the bottom-k sketch size (default 128).
    pub sketch_size: usize,
    /// Smallest hashes of each sketch entered in the candidate index (default 48).
    pub indexed_features: usize,
    /// Share of the smaller text's shingles found in the other text for the two to be
    /// copies (default 0.62).
    pub containment_threshold: f32,
    /// Fingerprints with fewer shingles than this are never called copies: too short
    /// to tell a copy from a shared phrase (default 8).
    pub min_shingles: usize,
    /// The smaller text must have at least this share of the larger one's shingles:
    /// a sentence quoted in a long article is not a copy of it (default 0.25).
    pub min_length_ratio: f32,
    /// A copy whose containment in the article it matched is at least this, and which
    /// is not more than 10% longer, is not kept: the matched article stands for it in
    /// the index, so a story syndicated to hundreds of sites takes one entry
    /// (default 0.95; above 1 keeps every article).
    pub redundant_containment: f32,
    /// Articles kept in the candidate index; the oldest generation is dropped beyond
    /// (default 500,000).
    pub max_articles: usize,
    /// Days an article stays a copy candidate after the newest date seen; `None`
    /// keeps articles until `max_articles` pushes them out (default 90 days).
    pub window_days: Option<i32>,
    /// A hash whose postings list (per generation) reaches this length is treated as
    /// too common to find candidates with (default 64).
    pub max_postings: usize,
    /// Candidates verified per article, those sharing most indexed hashes (default 32).
    pub max_candidates: usize,
    /// Tokens read per text; the rest is ignored (default 50,000).
    pub max_tokens: usize,
}

impl Default for CopyConfig {
    fn default() -> Self {
        CopyConfig {
            shingle_len: 6,
            sketch_size: 128,
            indexed_features: 48,
            containment_threshold: 0.62,
            min_shingles: 8,
            min_length_ratio: 0.25,
            redundant_containment: 0.95,
            max_articles: 500_000,
            window_days: Some(90),
            max_postings: 64,
            max_candidates: 32,
            max_tokens: 50_000,
        }
    }
}

impl CopyConfig {
    /// Check that the settings make sense.
    pub fn validate(&self) -> Result<(), RelateError> {
        let bad = |m: &str| Err(RelateError::InvalidConfig(m.to_string()));
        if self.shingle_len == 0 || self.shingle_len > 32 {
            return bad("shingle_len must be 1..=32");
        }
        if self.sketch_size == 0 || self.indexed_features == 0 {
            return bad("sketch_size and indexed_features must be positive");
        }
        if !(self.containment_threshold > 0.0 && self.containment_threshold <= 1.0) {
            return bad("containment_threshold must be in (0, 1]");
        }
        if self.max_articles == 0 || self.max_postings == 0 || self.max_candidates == 0 {
            return bad("max_articles, max_postings and max_candidates must be positive");
        }
        Ok(())
    }
}

/// The fingerprint of one text: a bottom-k sketch of its skeleton shingles.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The smallest distinct shingle hashes, ascending.
    pub sketch: Vec<u32>,
    /// Distinct shingles in the whole text (may exceed `sketch.len()`).
    pub shingles: u32,
}

impl Fingerprint {
    /// Fingerprint `text` with the settings of `config`.
    pub fn of(text: &str, config: &CopyConfig) -> Fingerprint {
        const WILDCARD: u64 = 0x9e37_79b9_7f4a_7c15;
        let n = config.shingle_len.max(1);
        let mut skeleton: Vec<(u64, bool)> = Vec::with_capacity(text.len() / 5);
        for_each_token(text, config.max_tokens, |t| {
            if t.function_word || t.number {
                skeleton.push((t.hash, true));
            } else {
                skeleton.push((WILDCARD, false));
            }
        });
        let mut hashes: Vec<u32> = Vec::with_capacity(skeleton.len());
        let mut push = |window: &[(u64, bool)]| {
            if !window.iter().any(|w| w.1) {
                return; // an all-wildcard window says nothing about the text
            }
            let mut h = 0x243f_6a88_85a3_08d3u64;
            for (t, _) in window {
                h = mix(h ^ t);
            }
            hashes.push((h >> 32) as u32);
        };
        if skeleton.len() < n {
            if !skeleton.is_empty() {
                push(&skeleton);
            }
        } else {
            for w in skeleton.windows(n) {
                push(w);
            }
        }
        hashes.sort_unstable();
        hashes.dedup();
        let shingles = hashes.len() as u32;
        hashes.truncate(config.sketch_size);
        hashes.shrink_to_fit();
        Fingerprint {
            sketch: hashes,
            shingles,
        }
    }

    /// The largest hash the sketch is complete up to (`u32::MAX` when the sketch holds
    /// every shingle of the text).
    fn horizon(&self) -> u32 {
        if (self.shingles as usize) > self.sketch.len() {
            *self.sketch.last().unwrap_or(&u32::MAX)
        } else {
            u32::MAX
        }
    }

    /// Estimated share of the smaller text's shingles that occur in the other text.
    ///
    /// Both sketches are cut to the hashes below the smaller horizon, where each is a
    /// uniform sample of its text's shingles at the same rate.
    pub fn containment(&self, other: &Fingerprint) -> f32 {
        let horizon = self.horizon().min(other.horizon());
        let a = cut(&self.sketch, horizon);
        let b = cut(&other.sketch, horizon);
        let smaller = a.len().min(b.len());
        if smaller == 0 {
            return 0.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        shared as f32 / smaller as f32
    }
}

fn cut(sketch: &[u32], horizon: u32) -> &[u32] {
    let end = sketch.partition_point(|&h| h <= horizon);
    &sketch[..end]
}

/// The best earlier article an article was found to copy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CopyMatch {
    /// Caller's id of the matched article.
    pub id: u64,
    /// Estimated containment (see [`Fingerprint::containment`]).
    pub containment: f32,
}

/// What [`CopyDetector::add`] decided for an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CopyOutcome {
    /// The copy group: the id of the group's first article seen. An article that
    /// copies nothing opens its own group, named by its own id.
    pub group: u64,
    /// The group's original as far as this detector knows: its earliest-dated member
    /// among those seen up to this article (ties and undated: the first seen).
    pub original: u64,
    /// The matched article, if the article is a copy.
    pub matched: Option<CopyMatch>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Record {
    id: u64,
    group: u64,
    original: u64,
    original_day: Option<Day>,
    fingerprint: Fingerprint,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Generation {
    records: Vec<Record>,
    /// Hash → indices into `records`, while the generation takes new articles.
    postings: FxHashMap<u32, Vec<u32>>,
    /// Once sealed, the same postings as sorted `(hash, record index)` pairs, 8 bytes
    /// each instead of a hash-map slot and a vector per hash; lists that reached
    /// `max_postings` are dropped (too common to find candidates with).
    sealed: Vec<(u32, u32)>,
    newest_day: Option<Day>,
    oldest_day: Option<Day>,
}

impl Generation {
    /// Turn the postings map into the compact sorted array.
    fn seal(&mut self, max_postings: usize) {
        let mut sealed: Vec<(u32, u32)> = Vec::new();
        for (h, list) in self.postings.drain() {
            if list.len() < max_postings {
                sealed.extend(list.into_iter().map(|r| (h, r)));
            }
        }
        sealed.sort_unstable();
        sealed.shrink_to_fit();
        self.sealed = sealed;
        self.postings = FxHashMap::default();
        self.records.shrink_to_fit();
    }
}

/// Online copy detector: feed articles one by one, get each one's copy group.
///
/// State is plain data (`Serialize`/`Deserialize`), so a store can persist it.
///
/// ```
/// use newsdesk_relate::{CopyDetector, CopyConfig};
/// let mut d = CopyDetector::new(CopyConfig::default()).unwrap();
/// let text = "The council voted on Monday to close the old bridge to cars after \
///     engineers found that two of its steel cables had rusted through, and it said \
///     that the work would take at least a year to finish.";
/// let first = d.add(1, text, None);
/// let copy = d.add(2, &format!("From our partners: {text}"), None);
/// assert_eq!(first.group, 1);
/// assert_eq!(copy.group, 1);
/// ```
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CopyDetector {
    config: CopyConfig,
    generations: VecDeque<Generation>,
    newest_day: Option<Day>,
    live: usize,
}

impl CopyDetector {
    /// A detector with the given settings, or an error if they are inconsistent.
    pub fn new(config: CopyConfig) -> Result<CopyDetector, RelateError> {
        config.validate()?;
        Ok(CopyDetector {
            config,
            generations: VecDeque::new(),
            newest_day: None,
            live: 0,
        })
    }

    /// The detector's settings.
    pub fn config(&self) -> &CopyConfig {
        &self.config
    }

    /// Articles currently kept as copy candidates (near-exact copies are not kept,
    /// see [`CopyConfig::redundant_containment`]).
    pub fn len(&self) -> usize {
        self.live
    }

    /// Whether no article is kept.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Fingerprint a text with this detector's settings.
    pub fn fingerprint(&self, text: &str) -> Fingerprint {
        Fingerprint::of(text, &self.config)
    }

    /// Fingerprint `text`, find its copy group among the kept articles, and keep it.
    /// `id` is the caller's id for the article; `day` its publication date, if known.
    pub fn add(&mut self, id: u64, text: &str, day: Option<Day>) -> CopyOutcome {
        let fingerprint = self.fingerprint(text);
        self.add_fingerprint(id, fingerprint, day)
    }

    /// [`CopyDetector::add`] with a fingerprint computed earlier.
    pub fn add_fingerprint(
        &mut self,
        id: u64,
        fingerprint: Fingerprint,
        day: Option<Day>,
    ) -> CopyOutcome {
        let found = self.find_record(&fingerprint);
        let redundant = found.is_some_and(|(rec, c)| {
            c >= self.config.redundant_containment
                && fingerprint.shingles as f32 <= 1.1 * rec.fingerprint.shingles as f32
        });
        let (group, original, original_day, matched) = match found {
            Some((rec, containment)) => (
                rec.group,
                rec.original,
                rec.original_day,
                Some(CopyMatch {
                    id: rec.id,
                    containment,
                }),
            ),
            None => (id, id, day, None),
        };
        // The original is the earliest-dated member: an older copy seen late takes over.
        let (original, original_day) = match (day, original_day) {
            (Some(d), Some(o)) if d < o => (id, Some(d)),
            _ => (original, original_day),
        };
        if redundant && original != id {
            // The matched article stands for this one in the index.
            if let Some(d) = day {
                self.newest_day = Some(self.newest_day.map_or(d, |n| n.max(d)));
            }
            self.evict();
            return CopyOutcome {
                group,
                original,
                matched,
            };
        }
        self.insert(
            Record {
                id,
                group,
                original,
                original_day,
                fingerprint,
            },
            day,
        );
        CopyOutcome {
            group,
            original,
            matched,
        }
    }

    /// The best copy match of a fingerprint among kept articles, without keeping it.
    pub fn find(&self, fingerprint: &Fingerprint) -> Option<CopyMatch> {
        self.find_record(fingerprint).map(|(r, c)| CopyMatch {
            id: r.id,
            containment: c,
        })
    }

    fn find_record(&self, fp: &Fingerprint) -> Option<(&Record, f32)> {
        if (fp.shingles as usize) < self.config.min_shingles {
            return None;
        }
        let probe = &fp.sketch[..fp.sketch.len().min(self.config.indexed_features)];
        // Count shared indexed hashes per (generation, record).
        let mut counts: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        for (g, generation) in self.generations.iter().enumerate() {
            for &h in probe {
                let list: &[u32] = match generation.postings.get(&h) {
                    Some(list) => list,
                    None => &[],
                };
                if list.len() >= self.config.max_postings {
                    continue;
                }
                for &r in list {
                    *counts.entry((g as u32, r)).or_insert(0) += 1;
                }
                let sealed = &generation.sealed;
                let start = sealed.partition_point(|e| e.0 < h);
                for &(eh, r) in &sealed[start..] {
                    if eh != h {
                        break;
                    }
                    *counts.entry((g as u32, r)).or_insert(0) += 1;
                }
            }
        }
        let need = if probe.len() >= 4 { 2 } else { 1 };
        let mut candidates: Vec<((u32, u32), u32)> =
            counts.into_iter().filter(|&(_, c)| c >= need).collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(self.config.max_candidates);
        let mut best: Option<(&Record, f32)> = None;
        for ((g, r), _) in candidates {
            let rec = &self.generations[g as usize].records[r as usize];
            if (rec.fingerprint.shingles as usize) < self.config.min_shingles {
                continue;
            }
            let (small, large) = {
                let (a, b) = (fp.shingles, rec.fingerprint.shingles);
                (a.min(b) as f32, a.max(b) as f32)
            };
            if small < self.config.min_length_ratio * large {
                continue;
            }
            let c = fp.containment(&rec.fingerprint);
            if c >= self.config.containment_threshold && best.is_none_or(|(_, b)| c > b) {
                best = Some((rec, c));
            }
        }
        best
    }

    fn insert(&mut self, record: Record, day: Option<Day>) {
        if let Some(d) = day {
            self.newest_day = Some(self.newest_day.map_or(d, |n| n.max(d)));
        }
        let per_generation = (self.config.max_articles / 8).max(1);
        let quarter_window = self.config.window_days.map(|w| (w / 4).max(1));
        let start_new = match self.generations.back() {
            None => true,
            Some(g) => {
                g.records.len() >= per_generation
                    || match (quarter_window, day, g.records.is_empty()) {
                        (Some(q), Some(d), false) => g.oldest_day.is_some_and(|o| d.0 - o.0 >= q),
                        _ => false,
                    }
            }
        };
        if start_new {
            if let Some(last) = self.generations.back_mut() {
                last.seal(self.config.max_postings);
            }
            self.generations.push_back(Generation::default());
        }
        let generation = self.generations.back_mut().expect("a generation exists");
        let index = generation.records.len() as u32;
        let probe_len = record
            .fingerprint
            .sketch
            .len()
            .min(self.config.indexed_features);
        for &h in &record.fingerprint.sketch[..probe_len] {
            let list = generation.postings.entry(h).or_default();
            if list.len() < self.config.max_postings {
                list.push(index);
            }
        }
        if let Some(d) = day {
            generation.newest_day = Some(generation.newest_day.map_or(d, |n| n.max(d)));
            generation.oldest_day = Some(generation.oldest_day.map_or(d, |o| o.min(d)));
        }
        generation.records.push(record);
        self.live += 1;
        self.evict();
    }

    fn evict(&mut self) {
        while self.generations.len() > 1 {
            let oldest = &self.generations[0];
            let too_many = self.live - oldest.records.len() >= self.config.max_articles;
            let too_old = match (self.config.window_days, self.newest_day, oldest.newest_day) {
                (Some(w), Some(now), Some(last)) => now.0 - last.0 > w,
                _ => false,
            };
            if !(too_many || too_old) {
                break;
            }
            let dropped = self.generations.pop_front().expect("checked length");
            self.live -= dropped.records.len();
        }
    }

    /// Approximate heap bytes held by the detector's state.
    pub fn heap_bytes(&self) -> usize {
        let mut total = 0;
        for g in &self.generations {
            total += g.records.capacity() * std::mem::size_of::<Record>();
            total += g
                .records
                .iter()
                .map(|r| r.fingerprint.sketch.capacity() * 4)
                .sum::<usize>();
            // Hash map slot (key + Vec header + control byte) plus the list itself.
            total += g.postings.capacity() * (4 + 24 + 1);
            total += g.postings.values().map(|l| l.capacity() * 4).sum::<usize>();
            total += g.sealed.capacity() * 8;
        }
        total
    }
}
