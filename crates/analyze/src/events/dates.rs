//! Time expressions and their resolution against a publication date: weekdays
//! ("Monday’s talks", "on Wednesday"), relative days ("yesterday"), calendar dates
//! ("January 10", "10 Jan 2022").

use chrono::{Datelike, Days, NaiveDate};

use crate::entities::text::Doc;

/// Whether the event lies before or after the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
}

/// What a time expression denotes before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeRef {
    /// Weekday index, Monday = 0; `explicit` is "next"/"last" (skip the same day).
    Weekday { day: u32, explicit: bool },
    /// Days from the publication date (yesterday = -1).
    Relative(i64),
    /// A calendar date; year when written.
    Calendar {
        month: u32,
        day: u32,
        year: Option<i32>,
    },
}

/// A time expression found in a sentence: token range (including a leading "on",
/// "last", "next") and its reference.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TimeExpr {
    pub start: usize,
    pub end: usize,
    /// Token index of the core word (the weekday, month or "yesterday").
    pub core: usize,
    pub what: TimeRef,
}

/// Parses a publication date: "2022-01-11" or any string starting with it
/// ("2022-01-11T09:30:00Z").
pub(crate) fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10)?;
    let mut it = head.split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Finds the time expressions in tokens `a..b` of `doc`.
pub(crate) fn time_exprs(doc: &Doc, a: usize, b: usize) -> Vec<TimeExpr> {
    use crate::entities::lexicon::{month, weekday};
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        let s = doc.s(i);
        let prev = if i > a { doc.s(i - 1) } else { "" };
        let lead = |i: usize| {
            if i > a
                && matches!(
                    doc.s(i - 1),
                    "on" | "On"
                        | "last"
                        | "Last"
                        | "next"
                        | "Next"
                        | "this"
                        | "This"
                        | "since"
                        | "until"
                        | "by"
                )
            {
                i - 1
            } else {
                i
            }
        };
        if let Some(day) = weekday(s) {
            let explicit = matches!(prev, "last" | "Last" | "next" | "Next");
            out.push(TimeExpr {
                start: lead(i),
                end: i + 1,
                core: i,
                what: TimeRef::Weekday { day, explicit },
            });
        } else if let Some(rel) = match s.to_lowercase().as_str() {
            "yesterday" => Some(-1),
            "today" | "tonight" => Some(0),
            "tomorrow" => Some(1),
            _ => None,
        } {
            out.push(TimeExpr {
                start: i,
                end: i + 1,
                core: i,
                what: TimeRef::Relative(rel),
            });
        } else if let Some(m) =
            month(s).filter(|_| s != "May" || doc.get(i + 1).parse::<u32>().is_ok())
        {
            // "January 10[, 2022]" or "10 January [2022]".
            let mut j = i + 1;
            if doc.get(j) == "." {
                j += 1;
            }
            let day_after = doc
                .get(j)
                .parse::<u32>()
                .ok()
                .filter(|d| (1..=31).contains(d));
            let day_before = if i > a {
                doc.s(i - 1)
                    .parse::<u32>()
                    .ok()
                    .filter(|d| (1..=31).contains(d))
            } else {
                None
            };
            if let Some(d) = day_after {
                let mut end = j + 1;
                let mut year = None;
                let k = if doc.get(end) == "," { end + 1 } else { end };
                if let Some(y) = doc
                    .get(k)
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (1900..=2100).contains(y))
                {
                    year = Some(y);
                    end = k + 1;
                }
                out.push(TimeExpr {
                    start: lead(i),
                    end,
                    core: i,
                    what: TimeRef::Calendar {
                        month: m,
                        day: d,
                        year,
                    },
                });
                i = end;
                continue;
            } else if let Some(d) = day_before {
                let mut end = i + 1;
                let mut year = None;
                if let Some(y) = doc
                    .get(end)
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (1900..=2100).contains(y))
                {
                    year = Some(y);
                    end += 1;
                }
                out.push(TimeExpr {
                    start: lead(i - 1),
                    end,
                    core: i,
                    what: TimeRef::Calendar {
                        month: m,
                        day: d,
                        year,
                    },
                });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Resolves a time reference to a date. Weekdays need the publication date and a
/// tense: past picks the latest such weekday on or before it, future the earliest on
/// or after it ("next"/"last" skip the publication day itself).
pub(crate) fn resolve(
    what: TimeRef,
    published: Option<NaiveDate>,
    tense: Tense,
) -> Option<NaiveDate> {
    match what {
        TimeRef::Weekday { day, explicit } => {
            let p = published?;
            let pw = p.weekday().num_days_from_monday();
            let mut delta = match tense {
                Tense::Past => (pw + 7 - day) % 7,
                Tense::Future => (day + 7 - pw) % 7,
            } as u64;
            if delta == 0 && explicit {
                delta = 7;
            }
            match tense {
                Tense::Past => p.checked_sub_days(Days::new(delta)),
                Tense::Future => p.checked_add_days(Days::new(delta)),
            }
        }
        TimeRef::Relative(n) => {
            let p = published?;
            if n >= 0 {
                p.checked_add_days(Days::new(n as u64))
            } else {
                p.checked_sub_days(Days::new(n.unsigned_abs()))
            }
        }
        TimeRef::Calendar {
            month,
            day,
            year: Some(y),
        } => NaiveDate::from_ymd_opt(y, month, day),
        TimeRef::Calendar {
            month,
            day,
            year: None,
        } => {
            // The year that puts the date closest to publication.
            let p = published?;
            (p.year() - 1..=p.year() + 1)
                .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                .min_by_key(|d| (*d - p).num_days().abs())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_published(s).unwrap()
    }

    #[test]
    fn weekdays_resolve_by_tense() {
        let tue = d("2030-06-04"); // a Tuesday
        let mon = TimeRef::Weekday {
            day: 0,
            explicit: false,
        };
        let wed = TimeRef::Weekday {
            day: 2,
            explicit: false,
        };
        assert_eq!(resolve(mon, Some(tue), Tense::Past), Some(d("2030-06-03")));
        assert_eq!(
            resolve(wed, Some(tue), Tense::Future),
            Some(d("2030-06-05"))
        );
        assert_eq!(resolve(wed, Some(tue), Tense::Past), Some(d("2030-05-29")));
        let next_tue = TimeRef::Weekday {
            day: 1,
            explicit: true,
        };
        assert_eq!(
            resolve(next_tue, Some(tue), Tense::Future),
            Some(d("2030-06-11"))
        );
        assert_eq!(resolve(mon, None, Tense::Past), None);
    }

    #[test]
    fn calendar_dates_take_the_nearest_year() {
        let p = d("2030-01-03");
        let dec = TimeRef::Calendar {
            month: 12,
            day: 30,
            year: None,
        };
        assert_eq!(resolve(dec, Some(p), Tense::Past), Some(d("2029-12-30")));
        assert_eq!(parse_published("2030-02-30"), None);
        assert_eq!(parse_published("2030-01-03T10:00:00Z"), Some(p));
    }

    #[test]
    fn finds_time_expressions() {
        let doc = Doc::new("They met on Monday and will meet again on January 12, 2031.");
        let t = time_exprs(&doc, 0, doc.tokens.len());
        assert_eq!(t.len(), 2);
        assert_eq!(doc.span_text(t[0].start, t[0].end), "on Monday");
        assert_eq!(doc.span_text(t[1].start, t[1].end), "on January 12, 2031");
    }
}
