//! Request parameters: query strings and JSON bodies, parsed strictly (unknown fields
//! rejected) and checked against the limits in [`Config`](crate::Config).

use crate::backend::{Page, SearchKind, SearchQuery};
use crate::Config;
use axum::http::StatusCode;
use serde::Deserialize;

/// A request that cannot be served as asked: status and a message for a person.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub status: StatusCode,
    pub message: String,
}

impl Rejection {
    pub fn bad_request(message: impl Into<String>) -> Self {
        Rejection {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Rejection {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
}

/// Parse a query string strictly into `T`.
pub fn parse_query<T: serde::de::DeserializeOwned>(raw: Option<&str>) -> Result<T, Rejection> {
    serde_urlencoded::from_str(raw.unwrap_or(""))
        .map_err(|e| Rejection::bad_request(format!("invalid query string: {e}")))
}

/// `?limit=&offset=`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

impl ListParams {
    pub fn page(&self, config: &Config) -> Result<Page, Rejection> {
        page(self.limit, self.offset, config)
    }
}

/// A page from optional `limit` and `offset`: `limit` defaults and is capped, `offset`
/// over the maximum is refused (deep paging is the expensive kind).
pub fn page(
    limit: Option<usize>,
    offset: Option<usize>,
    config: &Config,
) -> Result<Page, Rejection> {
    let limit = limit
        .unwrap_or(config.default_limit)
        .clamp(1, config.max_limit.max(1));
    let offset = offset.unwrap_or(0);
    if offset > config.max_offset {
        return Err(Rejection::bad_request(format!(
            "offset {offset} is over the maximum of {}",
            config.max_offset
        )));
    }
    Ok(Page { limit, offset })
}

/// `/api/quotes?speaker=&limit=&offset=`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteParams {
    pub speaker: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

impl QuoteParams {
    /// The speaker (required) and page.
    pub fn speaker_and_page(&self, config: &Config) -> Result<(String, Page), Rejection> {
        let Some(speaker) = text_param("speaker", self.speaker.as_deref(), config)? else {
            return Err(Rejection::bad_request(
                "give speaker (a name or part of one); to find quotes by words use /api/search?kind=quotes&q=…",
            ));
        };
        Ok((speaker, page(self.limit, self.offset, config)?))
    }
}

/// `/api/stories?date=&limit=&offset=`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryListParams {
    pub date: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

impl StoryListParams {
    /// The day (if given, validated) and page.
    pub fn day_and_page(&self, config: &Config) -> Result<(Option<String>, Page), Rejection> {
        let day = date_param("date", self.date.as_deref())?;
        Ok((day, page(self.limit, self.offset, config)?))
    }
}

/// How `/api/digest` renders the digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestFormat {
    /// The digest's full structure.
    Json,
    /// The e-mail HTML document of the digest crate.
    Html,
    /// Markdown.
    Markdown,
}

/// `/api/digest?date=&format=&max_stories=` and `/digest?date=&max_stories=`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigestParams {
    pub date: Option<String>,
    pub format: Option<String>,
    pub max_stories: Option<usize>,
}

/// Default number of stories in a digest.
pub const DIGEST_DEFAULT_STORIES: usize = 10;
/// Most stories in a digest (the digest crate's own cap).
pub const DIGEST_MAX_STORIES: usize = newsdesk_digest::MAX_STORIES;

impl DigestParams {
    /// The day (validated, if given), format (default JSON) and story count (default
    /// 10, between 1 and 200).
    pub fn parse(&self) -> Result<(Option<String>, DigestFormat, usize), Rejection> {
        let day = date_param("date", self.date.as_deref())?;
        let format = match self.format.as_deref().map(str::trim) {
            None | Some("") | Some("json") => DigestFormat::Json,
            Some("html") => DigestFormat::Html,
            Some("markdown") | Some("md") => DigestFormat::Markdown,
            Some(other) => {
                return Err(Rejection::bad_request(format!(
                    "format must be json, html or markdown, not {:?}",
                    truncate(other, 40)
                )))
            }
        };
        let max = self
            .max_stories
            .unwrap_or(DIGEST_DEFAULT_STORIES)
            .clamp(1, DIGEST_MAX_STORIES);
        Ok((day, format, max))
    }
}

/// `/api/articles/{id}/related?limit=`: `limit` of each list, default 10, at most 50.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelatedParams {
    pub limit: Option<usize>,
}

impl RelatedParams {
    /// The number of articles per list.
    pub fn limit(&self) -> usize {
        self.limit.unwrap_or(10).clamp(1, 50)
    }
}

/// `/api/articles/{id}?version=`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleParams {
    pub version: Option<u32>,
}

/// `/api/search` and `/search`: `q` and filters.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    pub q: Option<String>,
    pub speaker: Option<String>,
    pub person: Option<String>,
    pub site: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub kind: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

impl SearchParams {
    /// The validated query; `Ok(None)` when there is nothing to search for (no `q`, no filter).
    pub fn query(&self, config: &Config) -> Result<Option<SearchQuery>, Rejection> {
        let q = text_param("q", self.q.as_deref(), config)?.unwrap_or_default();
        let speaker = text_param("speaker", self.speaker.as_deref(), config)?;
        let person = text_param("person", self.person.as_deref(), config)?;
        let site = text_param("site", self.site.as_deref(), config)?;
        let since = date_param("since", self.since.as_deref())?;
        let until = date_param("until", self.until.as_deref())?;
        let kind = match self.kind.as_deref().map(str::trim) {
            None | Some("") | Some("all") => SearchKind::All,
            Some("articles") => SearchKind::Articles,
            Some("quotes") => SearchKind::Quotes,
            Some(other) => {
                return Err(Rejection::bad_request(format!(
                    "kind must be all, articles or quotes, not {:?}",
                    truncate(other, 40)
                )))
            }
        };
        if let (Some(s), Some(u)) = (&since, &until) {
            if s > u {
                return Err(Rejection::bad_request(format!(
                    "since ({s}) is after until ({u})"
                )));
            }
        }
        let page = page(self.limit, self.offset, config)?;
        let empty = q.is_empty()
            && speaker.is_none()
            && person.is_none()
            && site.is_none()
            && since.is_none()
            && until.is_none();
        if empty {
            return Ok(None);
        }
        Ok(Some(SearchQuery {
            q,
            speaker,
            person,
            site,
            since,
            until,
            kind,
            page,
        }))
    }
}

/// A free-text parameter: trimmed, empty → `None`, longer than the cap → 400.
pub fn text_param(
    name: &str,
    value: Option<&str>,
    config: &Config,
) -> Result<Option<String>, Rejection> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let n = v.chars().count();
    if n > config.max_query_chars {
        return Err(Rejection::bad_request(format!(
            "{name} is {n} characters long, over the limit of {}",
            config.max_query_chars
        )));
    }
    if v.chars().any(|c| c.is_control()) {
        return Err(Rejection::bad_request(format!(
            "{name} contains control characters"
        )));
    }
    Ok(Some(v.to_string()))
}

/// A date filter: `YYYY-MM-DD` (a full ISO 8601 date-time is cut to its date).
pub fn date_param(name: &str, value: Option<&str>) -> Result<Option<String>, Rejection> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let date = v.get(..10).unwrap_or(v);
    let b = date.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let valid = shaped && {
        let month: u32 = date[5..7].parse().unwrap_or(0);
        let day: u32 = date[8..10].parse().unwrap_or(0);
        (1..=12).contains(&month) && (1..=31).contains(&day)
    };
    if !valid {
        return Err(Rejection::bad_request(format!(
            "{name} must be a date like 2024-03-01, not {:?}",
            truncate(v, 40)
        )));
    }
    Ok(Some(date.to_string()))
}

/// At most `max` chars of `s`, for echoing bad input in messages.
pub fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_is_capped_and_offset_bounded() {
        let c = Config::default();
        assert_eq!(page(Some(10_000), None, &c).unwrap().limit, 100);
        assert_eq!(page(Some(0), None, &c).unwrap().limit, 1);
        assert_eq!(page(None, None, &c).unwrap().limit, 20);
        assert!(page(None, Some(10_001), &c).is_err());
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(
            date_param("since", Some("2024-03-01")).unwrap().as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(
            date_param("since", Some("2024-03-01T10:00:00Z"))
                .unwrap()
                .as_deref(),
            Some("2024-03-01")
        );
        assert!(date_param("since", Some("2024-13-01")).is_err());
        assert!(date_param("since", Some("yesterday")).is_err());
        assert!(date_param("since", Some("2024-3-1")).is_err());
        assert!(date_param("since", Some("2ö24-03-01")).is_err());
    }

    #[test]
    fn long_queries_and_unknown_parameters_are_refused() {
        let c = Config::default();
        let long = "a".repeat(501);
        assert!(text_param("q", Some(&long), &c).is_err());
        assert!(parse_query::<SearchParams>(Some("q=x&bogus=1")).is_err());
        let p: SearchParams = parse_query(Some("q=x&kind=quotes&since=2024-01-01")).unwrap();
        let q = p.query(&c).unwrap().unwrap();
        assert_eq!(q.kind, SearchKind::Quotes);
        assert!(parse_query::<SearchParams>(Some(""))
            .unwrap()
            .query(&c)
            .unwrap()
            .is_none());
    }
}
