//! Which lines are article text: a per-line verdict from the line's own features,
//! revised by its neighbours (after jusText's context rules), then narrowed to the
//! densest run of prose on the page.

use super::lines::Line;

/// What a line looks like on its own, and after its neighbours have been heard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Running prose.
    Good,
    /// Probably prose; its neighbours decide.
    NearGood,
    /// Too short to tell; its neighbours decide.
    Short,
    /// Furniture: menus, calls to action, credits, footers, copies.
    Bad,
}

/// Below this many chars a line is too short to judge on its own.
const LENGTH_LOW: usize = 70;
/// Above this many chars a prose-like line is good on its own.
const LENGTH_HIGH: usize = 200;
/// Above this many chars a prose-like line that ends like a sentence is good on its own.
const LENGTH_SENTENCE: usize = 100;
/// A sentence-ended line this long (chars) needs only [`STOPWORDS_LONG`] to be good.
const LONG_SENTENCE: usize = 250;
/// The stop-word share that suffices for long sentence-ended lines.
const STOPWORDS_LONG: f64 = 0.15;
/// A line of this many words without any punctuation is a keyword list.
const UNPUNCTUATED_WORDS: usize = 25;
/// Stop-word share at or above which a line may be prose.
const STOPWORDS_LOW: f64 = 0.25;
/// Stop-word share at or above which a line is prose-like.
const STOPWORDS_HIGH: f64 = 0.30;

/// The verdict on a line from its own features alone.
pub(crate) fn classify_line(line: &Line<'_>, have_stopwords: bool) -> Class {
    if line.boilerplate
        || line.has_email
        || line.machine
        || line.duplicate
        || line.dateline
        || line.words == 0
    {
        return Class::Bad;
    }
    if line.chars < LENGTH_LOW {
        return Class::Short;
    }
    if line.words >= UNPUNCTUATED_WORDS && line.punctuation == 0 {
        // Prose this long has commas or full stops; tag clouds and menus do not.
        return Class::Bad;
    }
    let density = if have_stopwords {
        line.stop_density()
    } else {
        // No list for this language: sentence shape stands in for stop words.
        proxy_density(line)
    };
    if density >= STOPWORDS_HIGH {
        if line.chars > LENGTH_HIGH || (line.ends_sentence && line.chars >= LENGTH_SENTENCE) {
            Class::Good
        } else {
            Class::NearGood
        }
    } else if line.ends_sentence && line.chars >= LONG_SENTENCE && density >= STOPWORDS_LONG {
        // Long sentences written densely (finance, science) use fewer stop words.
        Class::Good
    } else if density >= STOPWORDS_LOW
        || (line.ends_sentence && line.chars >= LENGTH_SENTENCE && density >= STOPWORDS_LONG)
    {
        Class::NearGood
    } else {
        Class::Bad
    }
}

/// A stand-in for the stop-word share when the language has no list: lines that end
/// like sentences and are mostly lower-case words score high.
fn proxy_density(line: &Line<'_>) -> f64 {
    let mut d = 0.0;
    if line.ends_sentence {
        d += 0.2;
    }
    // Scripts without case (CJK, Arabic…) give no lower-case signal; length must do.
    let cased = line.text.chars().any(|c| c.is_lowercase());
    if cased {
        d += 0.3 * line.lowercase_share();
    } else if line.chars >= 40 {
        d += 0.15;
    }
    d
}

/// Revise `Short` and `NearGood` verdicts by the nearest decided neighbours
/// (jusText's rules: a short line between good ones is good, between bad ones bad).
pub(crate) fn revise_by_context(classes: &mut [Class]) {
    let n = classes.len();
    let original = classes.to_vec();
    // Nearest decided neighbours, precomputed so the whole pass stays linear.
    let prev_strict = scan_forward(&original, true);
    let next_strict = scan_backward(&original, true);
    let prev_loose = scan_forward(&original, false);
    let next_loose = scan_backward(&original, false);
    for i in 0..n {
        if original[i] != Class::Short {
            continue;
        }
        let (p, q) = (prev_strict[i], next_strict[i]);
        classes[i] = match (p, q) {
            (Class::Good, Class::Good) => Class::Good,
            (Class::Bad, Class::Bad) => Class::Bad,
            _ => {
                if (p == Class::Bad && prev_loose[i] == Class::NearGood)
                    || (q == Class::Bad && next_loose[i] == Class::NearGood)
                {
                    Class::Good
                } else {
                    Class::Bad
                }
            }
        };
    }
    for i in 0..n {
        if original[i] != Class::NearGood {
            continue;
        }
        classes[i] = match (prev_strict[i], next_strict[i]) {
            (Class::Bad, Class::Bad) => Class::Bad,
            _ => Class::Good,
        };
    }
}

/// Shortest line (chars) kept inside the article region whatever its verdict, if it
/// is a plain sentence.
const REGION_SENTENCE_CHARS: usize = 100;

/// A line inside the article region that is kept even though its own features and
/// neighbours judged it furniture: a long, sentence-ended line with no furniture mark.
pub(crate) fn sentence_in_region(line: &Line<'_>) -> bool {
    line.chars >= REGION_SENTENCE_CHARS
        && line.ends_sentence
        && line.punctuation >= 2
        && !(line.boilerplate
            || line.has_email
            || line.machine
            || line.duplicate
            || line.dateline
            || line.section_end)
}

/// Longest list item, in chars.
const MAX_LIST_ITEM_CHARS: usize = 200;

/// Does this line announce a list ("Tour dates:", "What you need:")?
pub(crate) fn list_intro(line: &Line<'_>) -> bool {
    line.text.ends_with(':') && !line.boilerplate && !line.section_end && line.words >= 2
}

/// Can this line be an item of a list announced by a colon? Short, and no
/// furniture mark but its being short or dated.
pub(crate) fn list_item(line: &Line<'_>) -> bool {
    line.chars <= MAX_LIST_ITEM_CHARS
        && line.words >= 1
        && !(line.boilerplate
            || line.has_email
            || line.machine
            || line.duplicate
            || line.section_end)
}

/// Runs of at least this many short lines are menus or link lists, wherever they sit.
const SHORT_RUN: usize = 8;

/// Make every line of a long run of short lines (by `own` verdict) bad, even between
/// good lines: navigation and tag lists, not article text.
pub(crate) fn demote_short_runs(own: &[Class], classes: &mut [Class]) {
    let mut i = 0;
    while i < own.len() {
        if own[i] != Class::Short {
            i += 1;
            continue;
        }
        let start = i;
        while i < own.len() && own[i] == Class::Short {
            i += 1;
        }
        if i - start >= SHORT_RUN {
            classes[start..i].fill(Class::Bad);
        }
    }
}

/// For each line, the class of the nearest earlier line that is not `Short`
/// (nor `NearGood` when `skip_near`); `Bad` before the first.
fn scan_forward(cls: &[Class], skip_near: bool) -> Vec<Class> {
    let mut out = Vec::with_capacity(cls.len());
    let mut last = Class::Bad;
    for &c in cls {
        out.push(last);
        match c {
            Class::Short => {}
            Class::NearGood if skip_near => {}
            c => last = c,
        }
    }
    out
}

/// The mirror of [`scan_forward`]: nearest later line.
fn scan_backward(cls: &[Class], skip_near: bool) -> Vec<Class> {
    let mut out = vec![Class::Bad; cls.len()];
    let mut last = Class::Bad;
    for (i, &c) in cls.iter().enumerate().rev() {
        out[i] = last;
        match c {
            Class::Short => {}
            Class::NearGood if skip_near => {}
            c => last = c,
        }
    }
    out
}

/// What a furniture line costs a candidate region, in chars of prose.
const BAD_LINE_COST: f64 = 60.0;
/// What a short line costs a candidate region even when its neighbours make it good:
/// prose comes in long lines, link lists and galleries in short ones.
const SHORT_LINE_COST: f64 = 5.0;
/// Weight of a line that was only near-good on its own, per char.
const NEAR_GOOD_WEIGHT: f64 = 0.5;
/// Extra weight per char for a line that shares words with the headline, at most.
const TOPIC_BONUS: f64 = 0.5;

/// A chunk after the headline wins over a richer chunk elsewhere when it holds at
/// least this share of the richest chunk's weight.
const FIRST_CHUNK_SHARE: f64 = 0.4;

/// The article body's span of lines (first, last inclusive), or `None` when no
/// line is good.
///
/// Headings that close an article ("Related Stories", "Most Read", a copyright
/// line) cut the page into chunks. In each chunk the densest run of prose is the
/// span that maximises the weight of its good lines minus a cost per furniture
/// line (a maximum-sum subarray, linear time). The article is the first chunk's run
/// at or after `headline` (the on-page headline's line) that is not much poorer than
/// the richest run: related-story blocks come after the article and can be longer.
///
/// `own` is each line's verdict on its own, `final_` after context; `topic(i)` is
/// the share (0–1) of the headline's words that line `i` repeats, which tells the
/// article from a block of teasers for other stories.
pub(crate) fn main_region(
    lines: &[Line<'_>],
    own: &[Class],
    final_: &[Class],
    topic: impl Fn(usize) -> f64,
    headline: usize,
) -> Option<(usize, usize)> {
    let mut runs: Vec<Run> = Vec::new();
    let mut best: Option<Run> = None;
    let mut cur = 0.0;
    let mut start = 0;
    // Topic share summed over the current run's good lines, weighted by length.
    let (mut topic_sum, mut good_chars) = (0.0, 0.0);
    for (i, line) in lines.iter().enumerate() {
        // The on-page headline also starts a chunk: what precedes it is not the article.
        if line.section_end || (i == headline && i > 0) {
            runs.extend(best.take());
            cur = 0.0;
            start = i + 1;
            continue;
        }
        let w = match (own[i], final_[i]) {
            (_, Class::Bad) | (_, Class::NearGood) => -BAD_LINE_COST,
            (Class::Short, _) => -SHORT_LINE_COST,
            (Class::NearGood, _) => line.chars as f64 * NEAR_GOOD_WEIGHT,
            _ => line.chars as f64,
        };
        if cur <= 0.0 {
            cur = 0.0;
            start = i;
            (topic_sum, good_chars) = (0.0, 0.0);
        }
        let w = if w > 0.0 {
            let t = topic(i);
            topic_sum += t * w;
            good_chars += w;
            w * (1.0 + TOPIC_BONUS * t)
        } else {
            w
        };
        cur += w;
        if final_[i] == Class::Good && best.is_none_or(|b| cur > b.score) {
            best = Some(Run {
                score: cur,
                start,
                end: i,
                topic: topic_sum / good_chars.max(1.0),
            });
        }
    }
    runs.extend(best);
    let richest = runs.iter().map(|r| r.score).fold(0.0, f64::max);
    let k = runs
        .iter()
        .position(|r| r.start >= headline && r.score >= FIRST_CHUNK_SHARE * richest)
        .or_else(|| runs.iter().position(|r| r.score == richest))?;
    let (mut s, mut e) = (runs[k].start, runs[k].end);
    // An inline "Related stories" box or a "Read more" button splits an article;
    // the parts around it still talk about the headline's topic, the teasers
    // around the article do not.
    let on_topic = runs[k].topic;
    let joins = |r: &Run| {
        on_topic > 0.0 && (r.topic >= MERGE_TOPIC_MIN || r.topic >= MERGE_TOPIC_SHARE * on_topic)
    };
    for r in &runs[k + 1..] {
        if r.start > e + MERGE_GAP_LINES || !joins(r) {
            break;
        }
        e = r.end;
    }
    for r in runs[..k].iter().rev() {
        if r.end + MERGE_GAP_LINES < s || r.start < headline || !joins(r) {
            break;
        }
        s = r.start;
    }
    // The span starts and ends on good lines.
    let s = (s..=e).find(|&k| final_[k] == Class::Good).unwrap_or(s);
    Some((s, e))
}

/// A candidate run of prose.
#[derive(Debug, Clone, Copy)]
struct Run {
    score: f64,
    start: usize,
    end: usize,
    /// Mean topic share of its good lines (weighted by their weight).
    topic: f64,
}

/// A later run joins the article across a closing heading when it starts within this
/// many lines of the article's end...
const MERGE_GAP_LINES: usize = 15;
/// ...and is at least this much (relative) on the headline's topic...
const MERGE_TOPIC_SHARE: f64 = 0.5;
/// ...or at least this much in absolute terms.
const MERGE_TOPIC_MIN: f64 = 0.1;

#[cfg(test)]
mod tests {
    use super::*;
    use Class::*;

    #[test]
    fn short_lines_take_their_neighbours_side() {
        let mut c = vec![Bad, Short, Bad, Good, Short, Good, Short, Bad];
        revise_by_context(&mut c);
        assert_eq!(c, vec![Bad, Bad, Bad, Good, Good, Good, Bad, Bad]);
    }

    #[test]
    fn near_good_between_bad_is_bad() {
        let mut c = vec![Bad, NearGood, Bad, Good, NearGood, Bad];
        revise_by_context(&mut c);
        assert_eq!(c, vec![Bad, Bad, Bad, Good, Good, Bad]);
    }
}
