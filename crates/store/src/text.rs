//! Small text helpers shared by the database and the index: name folding, content
//! hashing, URL normalisation and ISO 8601 dates.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

/// Name of the tokenizer registered on the index for every text field.
pub(crate) const TOKENIZER: &str = "newsdesk";

/// Tokens longer than this many bytes are dropped (hostile input, base64 blobs).
const MAX_TOKEN_BYTES: usize = 40;

/// The analyzer used for index fields and for folding names: split on
/// non-alphanumeric characters, lowercase, fold accents to ASCII ("Müller" → "muller").
pub(crate) fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Fold text into its search tokens (lowercased, accents removed).
pub(crate) fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// The key a name is matched by: its folded tokens joined by single spaces, with a
/// space at both ends so that `LIKE '% ryabkov %'` matches a whole token.
pub(crate) fn name_key(analyzer: &mut TextAnalyzer, name: &str) -> String {
    let toks = tokens(analyzer, name);
    if toks.is_empty() {
        return String::new();
    }
    let mut key = String::with_capacity(name.len() + 2);
    key.push(' ');
    for t in toks {
        key.push_str(&t);
        key.push(' ');
    }
    key
}

/// A 128-bit FNV-1a hash of the article's title, dek and body, as 32 hex digits.
/// Stable across builds and platforms (unlike `std`'s hasher), so stored hashes stay valid.
pub(crate) fn content_hash(title: Option<&str>, dek: Option<&str>, body: &str) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            h ^= b as u128;
            h = h.wrapping_mul(PRIME);
        }
    };
    feed(title.unwrap_or("").trim().as_bytes());
    feed(&[0]);
    feed(dek.unwrap_or("").trim().as_bytes());
    feed(&[0]);
    feed(body.trim().as_bytes());
    format!("{h:032x}")
}

/// Normalise a canonical URL for identity: trim, drop the `#fragment`, lowercase the
/// scheme and host, drop a trailing `/` on the path. `None` for an empty URL.
pub(crate) fn normalize_url(url: &str) -> Option<String> {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or("");
    if url.is_empty() {
        return None;
    }
    let (scheme, rest) = match url.find("://") {
        Some(i) => (url[..i].to_ascii_lowercase(), &url[i + 3..]),
        None => return Some(url.to_string()),
    };
    let (host, path) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let mut path = path.to_string();
    if path.len() > 1 && path.ends_with('/') && !path.contains('?') {
        path.pop();
    }
    if path == "/" {
        path.clear();
    }
    Some(format!("{scheme}://{}{path}", host.to_ascii_lowercase()))
}

/// The host of a URL without `www.` ("https://www.wsj.com/x" → "wsj.com").
pub(crate) fn url_host(url: &str) -> Option<&str> {
    let rest = &url[url.find("://")? + 3..];
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// Parse an ISO 8601 date or date-time into Unix seconds (UTC).
///
/// Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, then optionally `T` or a space,
/// `HH:MM[:SS[.frac]]` and `Z` or `±HH[:]MM`. Returns `None` for anything else.
pub fn parse_iso_date(s: &str) -> Option<i64> {
    use newsdesk_relate::text::days_from_civil;
    let s = s.trim();
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let year = num(0, 4)?;
    let (mut month, mut day) = (1, 1);
    let mut i = 4;
    if b.get(i) == Some(&b'-') {
        month = num(i + 1, 2)?;
        i += 3;
        if b.get(i) == Some(&b'-') {
            day = num(i + 1, 2)?;
            i += 3;
        }
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut secs = days_from_civil(year, month, day) * 86_400;
    if matches!(b.get(i), Some(b'T') | Some(b't') | Some(b' ')) && b.len() > i + 1 {
        let h = num(i + 1, 2)?;
        if b.get(i + 3) != Some(&b':') {
            return None;
        }
        let m = num(i + 4, 2)?;
        i += 6;
        let mut sec = 0;
        if b.get(i) == Some(&b':') {
            sec = num(i + 1, 2)?;
            i += 3;
            if b.get(i) == Some(&b'.') {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
        }
        if h > 23 || m > 59 || sec > 60 {
            return None;
        }
        secs += h * 3600 + m * 60 + sec;
        match b.get(i) {
            None | Some(b'Z') | Some(b'z') => {}
            Some(&sign @ (b'+' | b'-')) => {
                let oh = num(i + 1, 2)?;
                let om = if b.get(i + 3) == Some(&b':') {
                    num(i + 4, 2)?
                } else {
                    num(i + 3, 2).unwrap_or(0)
                };
                let off = oh * 3600 + om * 60;
                secs += if sign == b'+' { -off } else { off };
            }
            _ => return None,
        }
    } else if i < b.len() {
        return None;
    }
    Some(secs)
}

/// Format Unix seconds as an ISO 8601 UTC date-time (`2022-01-10T18:03:00Z`).
pub fn format_iso(secs: i64) -> String {
    use newsdesk_relate::text::civil_from_days;
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// Seconds since the Unix epoch, now.
pub(crate) fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_names_case_and_accent_insensitively() {
        let mut a = analyzer();
        assert_eq!(
            name_key(&mut a, "José  MÜLLER-Ávila"),
            " jose muller avila "
        );
        assert_eq!(name_key(&mut a, "  "), "");
    }

    #[test]
    fn parses_and_formats_iso_dates() {
        assert_eq!(parse_iso_date("1970-01-01"), Some(0));
        assert_eq!(parse_iso_date("2022-01-10T18:03:00Z"), Some(1_641_837_780));
        assert_eq!(
            parse_iso_date("2022-01-10T20:03:00+02:00"),
            Some(1_641_837_780)
        );
        assert_eq!(
            parse_iso_date("2022-01-10T18:03:00.123Z"),
            Some(1_641_837_780)
        );
        assert_eq!(parse_iso_date("2022-01"), parse_iso_date("2022-01-01"));
        assert_eq!(parse_iso_date("yesterday"), None);
        assert_eq!(parse_iso_date("2022-13-01"), None);
        assert_eq!(parse_iso_date("2022-01-10junk"), None);
        assert_eq!(format_iso(1_641_837_780), "2022-01-10T18:03:00Z");
        for s in [-86_400 * 800, 0, 951_782_400, 4_102_444_800] {
            assert_eq!(parse_iso_date(&format_iso(s)), Some(s));
        }
    }

    #[test]
    fn normalizes_urls_for_identity() {
        assert_eq!(
            normalize_url(" HTTPS://WWW.Example.com/a/b/#top ").as_deref(),
            Some("https://www.example.com/a/b")
        );
        assert_eq!(
            normalize_url("https://example.com/").as_deref(),
            Some("https://example.com")
        );
        assert_eq!(normalize_url("#x"), None);
        assert_eq!(
            url_host("https://www.wsj.com/articles/x?y=1"),
            Some("wsj.com")
        );
        assert_eq!(url_host("docs/a.html"), None);
    }

    #[test]
    fn content_hash_ignores_outer_white_space_only() {
        let a = content_hash(Some("T"), None, "Body.\n");
        assert_eq!(a, content_hash(Some(" T "), Some(""), "Body."));
        assert_ne!(a, content_hash(Some("T"), None, "Body!"));
        assert_ne!(
            content_hash(Some("ab"), None, "c"),
            content_hash(Some("a"), None, "bc")
        );
        assert_eq!(a.len(), 32);
    }
}
