//! [`RawPage`], the unit the ingest stage hands to the extract stage.

/// One raw page, as fetched or as read from an archive: bytes plus what the
/// transport said about them. Nothing here is parsed out of the HTML itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawPage {
    /// The URL the page was fetched from (after redirects), or the archive's
    /// `WARC-Target-URI`; `None` when unknown.
    pub url: Option<String>,
    /// The page bytes (HTTP payload, de-chunked and decompressed), unparsed.
    pub bytes: Vec<u8>,
    /// HTTP status code of the response (200 for pages that came through).
    pub status: u16,
    /// The `Content-Type` header value as sent, if any.
    pub content_type: Option<String>,
    /// The `charset=` parameter of `Content-Type`, lower-cased, if any.
    pub http_charset: Option<String>,
    /// The HTTP `Date` header as sent (RFC 7231 format), if any.
    pub http_date: Option<String>,
    /// The HTTP `Last-Modified` header as sent, if any.
    pub last_modified: Option<String>,
    /// When the page was fetched, RFC 3339 (the `WARC-Date` for archive records).
    pub fetched_at: String,
    /// Where it came from, for messages: `"FILE.warc.gz#record-N"`, a feed URL, or the page URL.
    pub source: String,
}

/// Whether a `Content-Type` value names an HTML-like document
/// (`text/html`, `application/xhtml+xml`). Parameters and case are ignored.
pub fn is_html_content_type(content_type: &str) -> bool {
    let mime = media_type(content_type);
    mime.eq_ignore_ascii_case("text/html") || mime.eq_ignore_ascii_case("application/xhtml+xml")
}

/// The media type of a `Content-Type` value, without parameters, trimmed.
pub(crate) fn media_type(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

/// The `charset=` parameter of a `Content-Type` value, lower-cased, unquoted.
pub fn parse_content_type_charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!value.is_empty()).then(|| value.to_ascii_lowercase())
    })
}

/// Now, RFC 3339 in UTC, seconds precision.
pub(crate) fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert!(is_html_content_type("text/html; charset=UTF-8"));
        assert!(is_html_content_type("Application/XHTML+XML"));
        assert!(!is_html_content_type("application/pdf"));
        assert!(!is_html_content_type("text/htmlx"));
        assert_eq!(
            parse_content_type_charset("text/html; Charset=\"ISO-8859-1\"").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(parse_content_type_charset("text/html"), None);
        assert_eq!(parse_content_type_charset("text/html; charset="), None);
    }
}
