//! Page metadata: `<title>`, `<meta>` (OpenGraph, `article:*`, Dublin Core, name/itemprop),
//! `<link rel=canonical>`, `<html lang>`, and schema.org JSON-LD.

use super::dom::{Dom, NodeKind};
use html5ever::local_name;
use serde_json::Value;

/// JSON-LD scripts larger than this are skipped (bounded parse cost).
const MAX_JSONLD_BYTES: usize = 2 << 20;
/// How deep into JSON-LD values we look for article objects.
const MAX_JSONLD_DEPTH: usize = 12;

/// Everything the document head (and JSON-LD) says about the article.
#[derive(Debug, Default)]
pub struct PageMeta {
    /// `(key, content)` of every `<meta>`, key lower-cased (`og:title`, `description`…).
    pub metas: Vec<(String, String)>,
    /// Text of `<title>`.
    pub title_tag: Option<String>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// `<html lang>` (or `xml:lang`).
    pub html_lang: Option<String>,
    /// The JSON-LD article object's fields.
    pub ld: LdArticle,
}

/// Fields of a schema.org `Article` (or `NewsArticle`, `BlogPosting`…) in JSON-LD.
#[derive(Debug, Default)]
pub struct LdArticle {
    /// `headline` (or `name`).
    pub headline: Option<String>,
    /// `description` / `alternativeHeadline`.
    pub description: Option<String>,
    /// Names of `author` entries that are persons (or untyped).
    pub authors: Vec<String>,
    /// `datePublished`.
    pub published: Option<String>,
    /// `dateModified`.
    pub modified: Option<String>,
    /// `publisher.name` or a `WebSite`'s name.
    pub publisher: Option<String>,
    /// `articleBody`.
    pub body: Option<String>,
    /// `inLanguage`.
    pub language: Option<String>,
    /// `url` / `mainEntityOfPage`.
    pub url: Option<String>,
}

impl PageMeta {
    /// First non-empty `content` of a meta key among `keys` (in order of preference).
    pub fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(key, v)| key == k && !v.trim().is_empty())
                .map(|(_, v)| v.trim())
        })
    }

    /// All non-empty `content`s of a meta key.
    pub fn metas_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.metas
            .iter()
            .filter(move |(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }
}

/// Read the metadata of a parsed document.
pub fn read(dom: &Dom) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut ld_scripts = Vec::new();
    for (i, node) in dom.nodes.iter().enumerate() {
        let NodeKind::Element { name, .. } = &node.kind else {
            continue;
        };
        match *name {
            local_name!("html") if meta.html_lang.is_none() => {
                meta.html_lang = node
                    .attr("lang")
                    .or_else(|| node.attr("xml:lang"))
                    .map(str::to_string);
            }
            local_name!("meta") => {
                let key = node
                    .attr("property")
                    .or_else(|| node.attr("name"))
                    .or_else(|| node.attr("itemprop"))
                    .or_else(|| node.attr("http-equiv"));
                let content = node.attr("content").or_else(|| node.attr("value"));
                if let (Some(k), Some(c)) = (key, content) {
                    meta.metas
                        .push((k.trim().to_ascii_lowercase(), decode_ws(c)));
                }
            }
            local_name!("title") if meta.title_tag.is_none() => {
                // Titles inside <svg> are not the page title.
                let in_svg = ancestors_named(dom, i as u32, &local_name!("svg"));
                if !in_svg {
                    let t = decode_ws(&raw_text(dom, i as u32));
                    if !t.is_empty() {
                        meta.title_tag = Some(t);
                    }
                }
            }
            local_name!("link") if meta.canonical.is_none() => {
                let rel = node.attr("rel").unwrap_or("");
                if rel
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    meta.canonical = node.attr("href").map(|h| h.trim().to_string());
                }
            }
            local_name!("script") => {
                if node
                    .attr("type")
                    .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"))
                {
                    ld_scripts.push(i as u32);
                }
            }
            _ => {}
        }
    }
    for id in ld_scripts {
        let text = raw_text(dom, id);
        if text.len() > MAX_JSONLD_BYTES {
            continue;
        }
        if let Some(v) = parse_json_lenient(&text) {
            read_ld(&v, &mut meta.ld);
        }
    }
    meta
}

fn ancestors_named(dom: &Dom, mut id: u32, name: &html5ever::LocalName) -> bool {
    let mut steps = 0;
    while id != 0 && steps < 1000 {
        id = dom.node(id).parent;
        if dom.node(id).name() == Some(name) {
            return true;
        }
        steps += 1;
    }
    false
}

/// Text children of an element, concatenated as is (script/title content).
fn raw_text(dom: &Dom, id: u32) -> String {
    let mut s = String::new();
    for &c in &dom.node(id).children {
        if let NodeKind::Text(t) = &dom.node(c).kind {
            s.push_str(t);
        }
    }
    s.trim().to_string()
}

/// Collapse white space and decode character references that were escaped twice
/// (`&amp;#8217;` in the source arrives here as `&#8217;`).
fn decode_ws(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.contains('&') {
        decode_entities(&s)
    } else {
        s
    }
}

/// Decode numeric references and the few named ones that appear double-escaped.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|e| {
            let body = &rest[1..e];
            let c = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = body.strip_prefix('#') {
                dec.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                match body {
                    "amp" => Some('&'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "nbsp" => Some(' '),
                    _ => None,
                }
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Parse JSON-LD, tolerating the usual breakage (CDATA wrappers, control characters).
fn parse_json_lenient(text: &str) -> Option<Value> {
    let t = text
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim();
    serde_json::from_str(t).ok().or_else(|| {
        // Raw newlines/tabs inside strings are a common error: replace control chars.
        let cleaned: String = t
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        serde_json::from_str(&cleaned).ok()
    })
}

fn types_of(obj: &serde_json::Map<String, Value>) -> Vec<String> {
    match obj.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting" | "Report" | "LiveBlogPosting" | "SocialMediaPosting" | "Review"
        )
}

fn str_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let s = decode_ws(s);
            (!s.is_empty()).then_some(s)
        }
        Value::Array(a) => a.iter().find_map(str_of),
        Value::Object(o) => o.get("name").or_else(|| o.get("@value")).and_then(str_of),
        _ => None,
    }
}

fn url_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s.starts_with("http") => Some(s.trim().to_string()),
        Value::Object(o) => o.get("@id").or_else(|| o.get("url")).and_then(url_of),
        Value::Array(a) => a.iter().find_map(url_of),
        _ => None,
    }
}

/// Walk a JSON-LD value (iteratively, bounded depth) and fill `ld` from the first
/// article object; remember a publisher or website name on the way.
fn read_ld(root: &Value, ld: &mut LdArticle) {
    let mut stack: Vec<(&Value, usize)> = vec![(root, 0)];
    let mut website_name = None;
    while let Some((v, depth)) = stack.pop() {
        if depth > MAX_JSONLD_DEPTH {
            continue;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().rev().map(|x| (x, depth + 1))),
            Value::Object(o) => {
                let types = types_of(o);
                if types.iter().any(|t| is_article_type(t))
                    && ld.headline.is_none()
                    && ld.body.is_none()
                {
                    fill_article(o, ld);
                } else if website_name.is_none()
                    && types.iter().any(|t| {
                        t == "WebSite" || t == "Organization" || t == "NewsMediaOrganization"
                    })
                {
                    website_name = o.get("name").and_then(str_of);
                }
                if let Some(g) = o.get("@graph") {
                    stack.push((g, depth + 1));
                }
                if let Some(m) = o.get("mainEntity") {
                    stack.push((m, depth + 1));
                }
            }
            _ => {}
        }
    }
    if ld.publisher.is_none() {
        ld.publisher = website_name;
    }
}

fn fill_article(o: &serde_json::Map<String, Value>, ld: &mut LdArticle) {
    ld.headline = o.get("headline").or_else(|| o.get("name")).and_then(str_of);
    ld.description = o.get("description").and_then(str_of);
    ld.published = o
        .get("datePublished")
        .or_else(|| o.get("dateCreated"))
        .and_then(str_of);
    ld.modified = o.get("dateModified").and_then(str_of);
    ld.publisher = o.get("publisher").and_then(str_of);
    ld.body = o.get("articleBody").and_then(|v| match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    });
    ld.language = o.get("inLanguage").and_then(str_of);
    ld.url = o
        .get("url")
        .and_then(url_of)
        .or_else(|| o.get("mainEntityOfPage").and_then(url_of));
    let mut authors = Vec::new();
    let list: Vec<&Value> = match o.get("author").or_else(|| o.get("creator")) {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    for a in list {
        match a {
            Value::String(s) => authors.push(s.clone()),
            Value::Object(ao) => {
                let types = types_of(ao);
                if types.iter().any(|t| t != "Person") && !types.is_empty() {
                    continue; // Organization, NewsMediaOrganization…
                }
                if let Some(n) = ao.get("name").and_then(str_of) {
                    authors.push(n);
                }
            }
            _ => {}
        }
    }
    ld.authors = authors;
}

/// Resolve `href` against `base` (absolute URLs pass through). `None` when relative
/// and there is no usable base.
pub fn resolve_url(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') || href.starts_with("javascript:") {
        return None;
    }
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_string());
    }
    let base = base?;
    let scheme_end = base.find("://")?;
    let scheme = &base[..scheme_end];
    if let Some(rest) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{rest}"));
    }
    let after = &base[scheme_end + 3..];
    let host_end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let origin = &base[..scheme_end + 3 + host_end];
    if href.starts_with('/') {
        return Some(format!("{origin}{href}"));
    }
    let path = &after[host_end..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    Some(format!("{origin}{dir}{href}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_double_escaped_entities() {
        assert_eq!(
            decode_ws("&#8216;The Medium&#8217; &amp; more &bogus"),
            "‘The Medium’ & more &bogus"
        );
    }

    #[test]
    fn resolves_relative_urls() {
        let base = Some("https://example.com/news/2019/story.html?x=1");
        assert_eq!(
            resolve_url("/a/b", base).as_deref(),
            Some("https://example.com/a/b")
        );
        assert_eq!(
            resolve_url("c.html", base).as_deref(),
            Some("https://example.com/news/2019/c.html")
        );
        assert_eq!(
            resolve_url("//cdn.example.org/x", base).as_deref(),
            Some("https://cdn.example.org/x")
        );
        assert_eq!(resolve_url("/a", None), None);
    }

    #[test]
    fn reads_graph_articles_and_skips_organization_authors() {
        let v: Value = serde_json::from_str(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Valley News"},
            {"@type":"NewsArticle","headline":"Rain returns","datePublished":"2019-11-18T10:00:00Z",
             "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Organization","name":"Valley News"}]}]}"#,
        )
        .unwrap();
        let mut ld = LdArticle::default();
        read_ld(&v, &mut ld);
        assert_eq!(ld.headline.as_deref(), Some("Rain returns"));
        assert_eq!(ld.authors, vec!["Jane Doe"]);
        assert_eq!(ld.publisher.as_deref(), Some("Valley News"));
    }
}
