//! Dates as pages write them → ISO 8601, with plausibility checks.
//!
//! Accepted: ISO 8601 / RFC 3339 (`2019-11-18`, `2019-11-18T16:20:47.123-05:00`,
//! `2019-11-18 16:20`), RFC 2822 (`Mon, 18 Nov 2019 16:20:47 GMT`), and written
//! dates in English (`November 18, 2019 4:20 pm`, `18 Nov. 2019`), plus `2019/11/18`.
//! Output keeps what the source says: a date alone stays a date; a time keeps its
//! offset (`Z` for UTC/GMT) when one is given.

use std::time::{SystemTime, UNIX_EPOCH};

/// Earliest year accepted for a news page.
pub const MIN_YEAR: i32 = 1990;

/// A parsed date-time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTime {
    /// Year.
    pub y: i32,
    /// Month 1–12.
    pub m: u32,
    /// Day 1–31.
    pub d: u32,
    /// Hour, minute, second, if given.
    pub time: Option<(u32, u32, u32)>,
    /// Offset from UTC in minutes, if given.
    pub offset: Option<i32>,
}

impl DateTime {
    /// ISO 8601 form.
    pub fn iso(&self) -> String {
        let mut s = format!("{:04}-{:02}-{:02}", self.y, self.m, self.d);
        if let Some((h, mi, se)) = self.time {
            s.push_str(&format!("T{h:02}:{mi:02}:{se:02}"));
            match self.offset {
                Some(0) => s.push('Z'),
                Some(o) => {
                    let sign = if o < 0 { '-' } else { '+' };
                    s.push_str(&format!("{sign}{:02}:{:02}", o.abs() / 60, o.abs() % 60));
                }
                None => {}
            }
        }
        s
    }

    /// Minutes since 1970-01-01 UTC (a missing time counts as midnight, a missing
    /// offset as UTC).
    pub fn utc_minutes(&self) -> i64 {
        let (h, m, _) = self.time.unwrap_or((0, 0, 0));
        self.day_number() * 1440 + i64::from(h) * 60 + i64::from(m)
            - i64::from(self.offset.unwrap_or(0))
    }

    /// Day number (days since 1970-01-01) of the date part.
    pub fn day_number(&self) -> i64 {
        days_from_civil(self.y, self.m, self.d)
    }
}

/// Today's day number (UTC).
pub fn today() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    secs.div_euclid(86_400)
}

fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parse and validate: `None` unless the date is well-formed, not before
/// [`MIN_YEAR`] and not after tomorrow.
pub fn parse_valid(s: &str) -> Option<DateTime> {
    let dt = parse(s)?;
    (dt.y >= MIN_YEAR && dt.day_number() <= today() + 1).then_some(dt)
}

fn month_from_word(w: &str) -> Option<u32> {
    let w = w.to_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if w == "sept" {
        return Some(9);
    }
    // Portuguese, Spanish, French, German and Italian month names (full forms).
    const OTHER: [&[&str]; 12] = [
        &["janeiro", "enero", "janvier", "januar", "gennaio"],
        &["fevereiro", "febrero", "février", "februar", "febbraio"],
        &["março", "marzo", "mars", "märz"],
        &["abril", "avril", "aprile"],
        &["maio", "mayo", "mai", "maggio"],
        &["junho", "junio", "juin", "juni", "giugno"],
        &["julho", "julio", "juillet", "juli", "luglio"],
        &["agosto", "août"],
        &["setembro", "septiembre", "septembre", "settembre"],
        &["outubro", "octubre", "octobre", "oktober", "ottobre"],
        &["novembro", "noviembre", "novembre"],
        &["dezembro", "diciembre", "décembre", "dezember", "dicembre"],
    ];
    if let Some(i) = OTHER.iter().position(|names| names.contains(&w)) {
        return Some(i as u32 + 1);
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(w) && (w.len() == 3 || w.len() == m.len()))
        .map(|i| i as u32 + 1)
}

fn valid_ymd(y: i32, m: u32, d: u32) -> bool {
    const DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    (1..=12).contains(&m) && d >= 1 && d <= DAYS[m as usize - 1] && (1000..=9999).contains(&y)
}

/// Parse a date string (see the module docs); no plausibility checks.
pub fn parse(s: &str) -> Option<DateTime> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    parse_iso(s).or_else(|| parse_written(s))
}

fn num(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(b).ok()?.parse().ok()
}

fn parse_iso(s: &str) -> Option<DateTime> {
    let b = s.as_bytes();
    if b.len() < 8 {
        return None;
    }
    let (y, m, d, rest) = if b.len() >= 10 && (b[4] == b'-' || b[4] == b'/') && b[7] == b[4] {
        (num(&b[0..4])?, num(&b[5..7])?, num(&b[8..10])?, &s[10..])
    } else if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && (b.len() == 8 || b[8] == b'T')
    {
        (num(&b[0..4])?, num(&b[4..6])?, num(&b[6..8])?, &s[8..])
    } else {
        return None;
    };
    let y = y as i32;
    if !valid_ymd(y, m, d) {
        return None;
    }
    let mut dt = DateTime {
        y,
        m,
        d,
        time: None,
        offset: None,
    };
    let rest = rest.trim_start_matches(['T', ' ']);
    let rb = rest.as_bytes();
    if rb.len() >= 5 && rb[2] == b':' {
        let h = num(&rb[0..2])?;
        let mi = num(&rb[3..5])?;
        let mut i = 5;
        let mut se = 0;
        if rb.len() >= 8 && rb[5] == b':' {
            se = num(&rb[6..8])?;
            i = 8;
            if rb.len() > i && (rb[i] == b'.' || rb[i] == b',') {
                i += 1;
                while i < rb.len() && rb[i].is_ascii_digit() {
                    i += 1;
                }
            }
        }
        if h > 23 || mi > 59 || se > 60 {
            return None;
        }
        dt.time = Some((h, mi, se.min(59)));
        let tz = rest[i..].trim();
        dt.offset = parse_offset(tz);
    }
    Some(dt)
}

fn parse_offset(tz: &str) -> Option<i32> {
    let up = tz.to_ascii_uppercase();
    match up.as_str() {
        "Z" | "UTC" | "GMT" | "+00:00" | "+0000" => return Some(0),
        _ => {}
    }
    let b = up.as_bytes();
    if b.len() >= 3 && (b[0] == b'+' || b[0] == b'-') {
        let digits: Vec<u8> = b[1..].iter().copied().filter(u8::is_ascii_digit).collect();
        let (h, m) = match digits.len() {
            2 => (num(&digits)?, 0),
            4 => (num(&digits[..2])?, num(&digits[2..])?),
            _ => return None,
        };
        if h > 14 || m > 59 {
            return None;
        }
        let o = (h * 60 + m) as i32;
        return Some(if b[0] == b'-' { -o } else { o });
    }
    None
}

/// `November 18, 2019`, `18 Nov 2019 16:20:47 GMT`, `Mon, 18 Nov. 2019`, `Nov 18 2019 4:20 PM`.
fn parse_written(s: &str) -> Option<DateTime> {
    let mut month = None;
    let mut nums: Vec<u32> = Vec::new();
    let mut time = None;
    let mut pm = None;
    let mut offset = None;
    for raw in s.split(|c: char| c.is_whitespace() || c == ',') {
        let w = raw.trim_matches(|c: char| c == '.' || c == '|' || c == '(' || c == ')');
        if w.is_empty() {
            continue;
        }
        if w.contains(':') && w.as_bytes()[0].is_ascii_digit() {
            let lower = w.to_ascii_lowercase();
            let (clock, suffix) = match lower.find(|c: char| c.is_ascii_alphabetic()) {
                Some(i) => (&lower[..i], &lower[i..]),
                None => (lower.as_str(), ""),
            };
            let mut parts = clock.split(':');
            let h: u32 = parts.next()?.parse().ok()?;
            let mi: u32 = parts.next()?.get(..2)?.parse().ok()?;
            let se: u32 = parts
                .next()
                .and_then(|p| p.get(..2))
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            if h > 23 || mi > 59 {
                return None;
            }
            time = Some((h, mi, se.min(59)));
            if suffix.starts_with('p') {
                pm = Some(true);
            } else if suffix.starts_with('a') {
                pm = Some(false);
            }
            continue;
        }
        let lw = w.to_ascii_lowercase();
        match lw.as_str() {
            "am" | "a.m" => {
                pm = Some(false);
                continue;
            }
            "pm" | "p.m" => {
                pm = Some(true);
                continue;
            }
            "gmt" | "utc" | "z" => {
                offset = Some(0);
                continue;
            }
            _ => {}
        }
        if w.starts_with(['+', '-']) && time.is_some() {
            offset = parse_offset(w);
            continue;
        }
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if let Some(n) = num(digits.as_bytes()) {
            // "18th" → 18
            nums.push(n);
            continue;
        }
        if month.is_none() {
            if let Some(m) = month_from_word(w) {
                month = Some(m);
            }
        }
    }
    let m = month?;
    let (d, y) = match nums.as_slice() {
        [a, b, ..] if *b >= 1000 && *a <= 31 => (*a, *b),
        [a, b, ..] if *a >= 1000 && *b <= 31 => (*b, *a),
        _ => return None,
    };
    let y = y as i32;
    if !valid_ymd(y, m, d) {
        return None;
    }
    let time = time.map(|(h, mi, se)| match pm {
        Some(true) if h < 12 => (h + 12, mi, se),
        Some(false) if h == 12 => (0, mi, se),
        _ => (h, mi, se),
    });
    Some(DateTime {
        y,
        m,
        d,
        time,
        offset: if time.is_some() { offset } else { None },
    })
}

/// Find a date in a short visible line ("Published November 18, 2019 at 4:20 p.m.").
pub fn find_in_line(line: &str) -> Option<DateTime> {
    if line.chars().count() > 120 {
        return None;
    }
    let cleaned: String = line
        .chars()
        .map(|c| {
            if c == '·' || c == '—' || c == '|' {
                ' '
            } else {
                c
            }
        })
        .collect();
    parse_valid(&cleaned).or_else(|| {
        // A leading word such as "Published" or "Updated:" before the date.
        let words: Vec<&str> = cleaned.split_whitespace().collect();
        (1..words.len().min(4)).find_map(|i| parse_valid(&words[i..].join(" ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse(s).map(|d| d.iso())
    }

    #[test]
    fn parses_iso_forms() {
        assert_eq!(iso("2019-11-18").as_deref(), Some("2019-11-18"));
        assert_eq!(
            iso("2019-11-18T16:20:47Z").as_deref(),
            Some("2019-11-18T16:20:47Z")
        );
        assert_eq!(
            iso("2019-11-18T16:20:47.123-05:00").as_deref(),
            Some("2019-11-18T16:20:47-05:00")
        );
        assert_eq!(
            iso("2019-11-18 16:20").as_deref(),
            Some("2019-11-18T16:20:00")
        );
        assert_eq!(iso("2019-13-18"), None);
    }

    #[test]
    fn parses_written_dates() {
        assert_eq!(iso("November 18, 2019").as_deref(), Some("2019-11-18"));
        assert_eq!(
            iso("Mon, 18 Nov 2019 16:20:47 GMT").as_deref(),
            Some("2019-11-18T16:20:47Z")
        );
        assert_eq!(
            iso("Nov. 18, 2019 4:20 pm").as_deref(),
            Some("2019-11-18T16:20:00")
        );
        assert_eq!(iso("Nothing here"), None);
        assert_eq!(iso("3 de fevereiro de 2021").as_deref(), Some("2021-02-03"));
    }

    #[test]
    fn rejects_future_and_ancient_dates() {
        assert!(parse_valid("2999-01-01").is_none());
        assert!(parse_valid("1970-01-01").is_none());
        assert!(parse_valid("2019-11-18").is_some());
    }

    #[test]
    fn finds_dates_in_lines() {
        assert_eq!(
            find_in_line("Published November 18, 2019").map(|d| d.iso()),
            Some("2019-11-18".into())
        );
        assert!(find_in_line("By Jane Doe").is_none());
    }
}
