//! Text features shared by copy detection and story clustering: word tokens,
//! function words, token hashes, capitalised names, numbers and calendar days.
//!
//! Everything here works on `&str` without allocating per token on the hot path:
//! tokens are hashed while they are lowercased.

use serde::{Deserialize, Serialize};

/// One word token of a text, as the relate stage sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// 64-bit hash of the lowercased token.
    pub hash: u64,
    /// Byte offset of the token's first byte in the text.
    pub start: usize,
    /// Byte offset one past the token's last byte.
    pub end: usize,
    /// The token is one of the closed-class [`FUNCTION_WORDS`].
    pub function_word: bool,
    /// The token starts with an ASCII digit.
    pub number: bool,
    /// The token starts with an uppercase letter.
    pub capitalised: bool,
    /// The token is the first of its sentence (or follows a line break).
    pub sentence_start: bool,
}

/// Closed-class English words (articles, pronouns, prepositions, auxiliaries,
/// conjunctions, a few reporting verbs). Rewriting tools that swap synonyms leave
/// these in place, so their positions form a skeleton that survives spinning.
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "if", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do",
    "does", "did", "not", "no", "this", "that", "these", "those", "it", "its", "he", "she", "they",
    "them", "his", "her", "their", "him", "we", "us", "our", "you", "your", "i", "me", "my", "who",
    "whom", "whose", "which", "what", "when", "where", "why", "how", "than", "then", "there",
    "here", "so", "such", "all", "any", "some", "each", "both", "more", "most", "other", "into",
    "over", "under", "about", "after", "before", "between", "through", "during", "without",
    "within", "up", "down", "out", "off", "again", "further", "once", "only", "own", "same", "too",
    "very", "can", "will", "just", "should", "would", "could", "may", "might", "must", "shall",
    "said", "says", "say", "also", "while", "because", "until", "against", "among", "per", "upon",
];

/// FNV-1a step over one byte.
#[inline]
fn fnv(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
}

const FNV_SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// Final avalanche (splitmix64), so that low bits of hashes are well mixed.
#[inline]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hash of a string as the tokenizer would hash it (lowercased, apostrophe-normalised).
pub fn hash_word(word: &str) -> u64 {
    let mut h = FNV_SEED;
    for c in word.chars() {
        h = hash_char(h, c);
    }
    mix(h)
}

#[inline]
fn hash_char(mut h: u64, c: char) -> u64 {
    let c = if c == '\u{2019}' { '\'' } else { c };
    if c.is_ascii() {
        return fnv(h, c.to_ascii_lowercase() as u8);
    }
    for l in c.to_lowercase() {
        let mut buf = [0u8; 4];
        for &b in l.encode_utf8(&mut buf).as_bytes() {
            h = fnv(h, b);
        }
    }
    h
}

fn function_word_hashes() -> &'static rustc_hash::FxHashSet<u64> {
    use std::sync::OnceLock;
    static SET: OnceLock<rustc_hash::FxHashSet<u64>> = OnceLock::new();
    SET.get_or_init(|| FUNCTION_WORDS.iter().map(|w| hash_word(w)).collect())
}

/// Whether `c` may continue a word (letters, digits, and inner `'`, `’`, `-`, `.`, `,`
/// handled by the caller).
#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Split `text` into word tokens: maximal runs of letters and digits, joined across
/// one inner apostrophe or hyphen (`don't`, `hit-and-run`) and, between digits, one
/// `.` or `,` (`0.41`, `1,200`). Calls `f` for each token in order.
///
/// At most `max_tokens` tokens are produced (the rest of the text is ignored), so the
/// cost of one call is bounded whatever the input.
pub fn for_each_token(text: &str, max_tokens: usize, mut f: impl FnMut(Token)) {
    let fw = function_word_hashes();
    let mut count = 0usize;
    let mut chars = text.char_indices().peekable();
    let mut sentence_start = true;
    while let Some(&(i, c)) = chars.peek() {
        if count >= max_tokens {
            return;
        }
        if !is_word_char(c) {
            if matches!(c, '.' | '!' | '?' | '\n' | ':' | ';') {
                sentence_start = true;
            }
            chars.next();
            continue;
        }
        let start = i;
        let mut end = i;
        let mut h = FNV_SEED;
        let first = c;
        let mut prev = c;
        while let Some(&(j, d)) = chars.peek() {
            if is_word_char(d) {
                h = hash_char(h, d);
                end = j + d.len_utf8();
                prev = d;
                chars.next();
                continue;
            }
            // A joiner continues the word only when a word character follows it.
            let joiner = matches!(d, '\'' | '\u{2019}' | '-')
                || (matches!(d, '.' | ',') && prev.is_ascii_digit());
            if !joiner {
                break;
            }
            let mut look = chars.clone();
            look.next();
            match look.peek() {
                Some(&(_, e))
                    if is_word_char(e) && (!matches!(d, '.' | ',') || e.is_ascii_digit()) =>
                {
                    h = hash_char(h, d);
                    chars.next();
                }
                _ => break,
            }
        }
        let hash = mix(h);
        f(Token {
            hash,
            start,
            end,
            function_word: fw.contains(&hash),
            number: first.is_ascii_digit(),
            capitalised: first.is_uppercase(),
            sentence_start,
        });
        sentence_start = false;
        count += 1;
    }
}

/// A calendar day, counted from 1970-01-01 (day 0). Negative before 1970.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day(pub i32);

impl Day {
    /// Parse the `YYYY-MM-DD` prefix of `s` (an ISO 8601 date or date-time).
    /// Returns `None` for anything else, including impossible dates.
    pub fn parse(s: &str) -> Option<Day> {
        let b = s.trim().as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<i64> {
            let mut v = 0i64;
            for &c in &b[r] {
                if !c.is_ascii_digit() {
                    return None;
                }
                v = v * 10 + (c - b'0') as i64;
            }
            Some(v)
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
            return None;
        }
        Some(Day(days_from_civil(y, m, d) as i32))
    }

    /// Build a day from year, month (1–12) and day of month; `None` if impossible.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Day> {
        let (y, m, d) = (y as i64, m as i64, d as i64);
        if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
            return None;
        }
        Some(Day(days_from_civil(y, m, d) as i32))
    }

    /// The `(year, month, day)` of this day.
    pub fn ymd(self) -> (i32, u32, u32) {
        let (y, m, d) = civil_from_days(self.0 as i64);
        (y as i32, m as u32, d as u32)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date, for any `i64` year (Howard
/// Hinnant's `days_from_civil`). Does not validate: day 31 of a 30-day month is the
/// first of the next month. Shared with the store's ISO date parser.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The `(year, month, day)` of a day number since 1970-01-01 (Hinnant's
/// `civil_from_days`), the inverse of [`days_from_civil`] on valid dates.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        for_each_token(text, usize::MAX, |t| v.push(&text[t.start..t.end]));
        v
    }

    #[test]
    fn tokens_join_inner_apostrophes_hyphens_and_decimals() {
        assert_eq!(
            words("The hit-and-run driver's level was 0.41, police said -- 1,200 people."),
            vec![
                "The",
                "hit-and-run",
                "driver's",
                "level",
                "was",
                "0.41",
                "police",
                "said",
                "1,200",
                "people"
            ]
        );
    }

    #[test]
    fn token_flags_and_case_insensitive_hashes() {
        let mut toks = Vec::new();
        for_each_token("Mayor Ortiz said. the Harbour", usize::MAX, |t| {
            toks.push(t)
        });
        assert!(toks[0].capitalised && toks[0].sentence_start);
        assert!(toks[1].capitalised && !toks[1].sentence_start);
        assert!(toks[2].function_word);
        assert!(toks[3].sentence_start && toks[3].function_word);
        assert_eq!(toks[3].hash, hash_word("The"));
        assert_eq!(hash_word("don’t"), hash_word("DON'T"));
    }

    #[test]
    fn token_limit_bounds_work() {
        let text = "word ".repeat(1000);
        let mut n = 0;
        for_each_token(&text, 10, |_| n += 1);
        assert_eq!(n, 10);
    }

    #[test]
    fn days_round_trip_and_reject_impossible_dates() {
        assert_eq!(Day::parse("1970-01-01"), Some(Day(0)));
        assert_eq!(
            Day::parse("2015-03-01T10:00:00Z").unwrap().to_string(),
            "2015-03-01"
        );
        assert_eq!(Day::parse("2016-02-30"), None);
        assert_eq!(Day::parse("yesterday"), None);
        let d = Day::from_ymd(2014, 12, 31).unwrap();
        assert_eq!(Day(d.0 + 1).ymd(), (2015, 1, 1));
    }
}
