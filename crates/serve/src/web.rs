//! The web UI: server-rendered HTML pages (maud templates escape every dynamic value by
//! construction), one small stylesheet, no JavaScript. Pages work on a phone screen and
//! with a keyboard alone: viewport meta, responsive CSS, a skip link, visible focus,
//! labelled form fields, semantic landmarks.

use crate::api::blocking;
use crate::backend::{
    ArticleDetail, ArticleSummary, CopyGroup, CopyMember, HitKind, NameCount, PersonDetail,
    PersonSummary, QuoteRecord, Related, SearchResults, Snippet, StoryDetail, StorySummary,
};
use crate::highlight::{self, Highlight, Run};
use crate::params::{self, ArticleParams, DigestParams, ListParams, Rejection, SearchParams};
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup, DOCTYPE};
use newsdesk_analyze::{QuoteKind, SpeakerKind, TextPart};
use newsdesk_digest::{Digest, DigestEntry};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

const STYLE: &str = include_str!("../assets/style.css");

/// Characters left as they are in a path segment; everything else is percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/search", get(search))
        .route("/articles/{id}", get(article))
        .route("/people", get(people))
        .route("/people/{id}", get(person))
        .route("/stories", get(stories))
        .route("/stories/{id}", get(story))
        .route("/digest", get(digest))
        .route("/static/style.css", get(style))
        .fallback(not_found)
}

// ---------------------------------------------------------------- responses

/// An HTML response with headers that keep injected markup inert even if escaping
/// were ever missed: no scripts at all, styles only from this server.
fn page(status: StatusCode, markup: Markup) -> Response {
    let mut r = (status, markup.into_string()).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

fn error_page(r: Rejection) -> Response {
    let title = match r.status {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::BAD_REQUEST => "Bad request",
        _ => "Something went wrong",
    };
    page(
        r.status,
        layout(
            title,
            "",
            html! {
                h1 { (title) }
                p.error role="alert" { (r.message) }
                p { a href="/" { "Back to the front page" } }
            },
        ),
    )
}

async fn style() -> Response {
    let mut r = STYLE.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}

async fn not_found() -> Response {
    error_page(Rejection::not_found("There is no page at this address."))
}

// ---------------------------------------------------------------- layout and helpers

fn layout(title: &str, query: &str, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · newsdesk" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.site {
                    div.wrap {
                        a.brand href="/" { "newsdesk" }
                        nav aria-label="Main" {
                            a href="/" { "Latest" }
                            a href="/stories" { "Stories" }
                            a href="/digest" { "Digest" }
                            a href="/people" { "People" }
                        }
                        form.quick role="search" action="/search" method="get" {
                            label.visually-hidden for="site-q" { "Search articles and quotes" }
                            input #site-q type="search" name="q" value=(query) placeholder="Search articles and quotes";
                            button type="submit" { "Search" }
                        }
                    }
                }
                main #main tabindex="-1" {
                    div.wrap { (content) }
                }
                footer.site {
                    div.wrap {
                        p { "newsdesk: who said what, searchable. " a href="/openapi.json" { "API description" } }
                    }
                }
            }
        }
    }
}

fn article_href(id: &str) -> String {
    format!("/articles/{}", utf8_percent_encode(id, SEGMENT))
}

fn story_href(id: &str) -> String {
    format!("/stories/{}", utf8_percent_encode(id, SEGMENT))
}

fn person_href(id: &str) -> String {
    format!("/people/{}", utf8_percent_encode(id, SEGMENT))
}

/// Anchor id of a quote in the article page, from its text alone, so that pages
/// listing quotes (person, search) can link to the very place in the article.
/// (FNV-1a: tiny, stable, good enough to tell a page's quotes apart.)
fn quote_anchor(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.trim().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("q-{h:016x}")
}

/// Only `http:` and `https:` URLs become links: stored data could hold `javascript:`.
fn safe_url(url: Option<&str>) -> Option<&str> {
    let u = url?.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(u)
}

fn date_of(iso: &str) -> &str {
    iso.get(..10).unwrap_or(iso)
}

fn time(iso: Option<&str>) -> Markup {
    html! {
        @if let Some(t) = iso {
            time datetime=(t) { (date_of(t)) }
        }
    }
}

fn kind_label(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "partial",
        QuoteKind::Indirect => "reported",
    }
}

fn kind_class(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "q direct",
        QuoteKind::Mixed => "q mixed",
        QuoteKind::Indirect => "q indirect",
    }
}

fn title_or_untitled(title: Option<&str>) -> &str {
    title
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or("(untitled)")
}

fn article_item(a: &ArticleSummary) -> Markup {
    html! {
        li.article-item {
            a.title href=(article_href(&a.id)) { (title_or_untitled(a.title.as_deref())) }
            p.meta {
                @if let Some(site) = &a.site { span { (site) } }
                (time(a.published.as_deref().or(a.date.as_deref())))
                span { (a.quote_count) @if a.quote_count == 1 { " quote" } @else { " quotes" } }
            }
        }
    }
}

fn person_item(p: &PersonSummary) -> Markup {
    html! {
        li.person-item {
            a href=(person_href(&p.id)) { (p.name) }
            @if let Some(role) = p.roles.first() { span.role { (role) } }
            span.count { (p.quote_count) @if p.quote_count == 1 { " quote" } @else { " quotes" } }
        }
    }
}

fn speaker_link(q: &QuoteRecord) -> Markup {
    html! {
        @match (&q.speaker, &q.person_id) {
            (Some(name), Some(id)) => a.speaker href=(person_href(id)) { (name) },
            (Some(name), None) => span.speaker { (name) },
            (None, _) => span.speaker.unknown { "Unattributed" },
        }
    }
}

/// A quote as a block: the words, then who said it, where and when.
fn quote_block(q: &QuoteRecord, show_article: bool) -> Markup {
    html! {
        figure.quote-card {
            blockquote class=(kind_class(q.kind)) { p { (q.text) } }
            figcaption {
                (speaker_link(q))
                @if let Some(role) = &q.speaker_role { ", " span.role { (role) } }
                span.kind { " (" (kind_label(q.kind)) ")" }
                @if show_article {
                    br;
                    "in "
                    a href={ (article_href(&q.article_id)) "#" (quote_anchor(&q.text)) } {
                        (title_or_untitled(q.article_title.as_deref()))
                    }
                    @if let Some(site) = &q.site { " · " (site) }
                    @if let Some(d) = q.date.as_deref() { " · " (time(Some(d))) }
                }
            }
        }
    }
}

/// "Next page" / "Previous page" links for a list of `shown` items at `offset`.
fn pager(base: &str, extra: &[(&str, &str)], limit: usize, offset: usize, shown: usize) -> Markup {
    let link = |offset: usize| {
        let mut pairs: Vec<(&str, String)> = extra
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (*k, v.to_string()))
            .collect();
        pairs.push(("offset", offset.to_string()));
        format!(
            "{base}?{}",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        )
    };
    html! {
        @if offset > 0 || shown >= limit {
            nav.pager aria-label="Pages" {
                @if offset > 0 { a rel="prev" href=(link(offset.saturating_sub(limit))) { "← Previous" } }
                @if shown >= limit { a rel="next" href=(link(offset + limit)) { "Next →" } }
            }
        }
    }
}

// ---------------------------------------------------------------- pages

async fn home(State(s): State<AppState>, RawQuery(q): RawQuery) -> Response {
    let result: Result<Response, Rejection> = async {
        let p: ListParams = params::parse_query(q.as_deref())?;
        let page_ = p.page(&s.config)?;
        let people_page = params::page(Some(10), None, &s.config)?;
        let backend = s.backend.clone();
        let (articles, people) = blocking(move || {
            Ok((
                backend.latest_articles(page_)?,
                backend.people(people_page)?,
            ))
        })
        .await?;
        Ok(page(
            StatusCode::OK,
            layout(
                "Latest news",
                "",
                html! {
                    h1.visually-hidden { "newsdesk" }
                    div.columns {
                        section.latest aria-labelledby="latest-h" {
                            h2 #latest-h { "Latest articles" }
                            @if articles.is_empty() {
                                p.empty { "No articles yet." }
                            } @else {
                                ol.articles { @for a in &articles { (article_item(a)) } }
                            }
                            (pager("/", &[], page_.limit, page_.offset, articles.len()))
                        }
                        section.quoted aria-labelledby="people-h" {
                            h2 #people-h { "Most quoted people" }
                            @if people.is_empty() {
                                p.empty { "Nobody quoted yet." }
                            } @else {
                                ol.people { @for p in &people { (person_item(p)) } }
                                p { a href="/people" { "All people" } }
                            }
                        }
                    }
                },
            ),
        ))
    }
    .await;
    result.unwrap_or_else(error_page)
}

async fn people(State(s): State<AppState>, RawQuery(q): RawQuery) -> Response {
    let result: Result<Response, Rejection> = async {
        let p: ListParams = params::parse_query(q.as_deref())?;
        let page_ = p.page(&s.config)?;
        let backend = s.backend.clone();
        let people = blocking(move || backend.people(page_)).await?;
        Ok(page(
            StatusCode::OK,
            layout(
                "People",
                "",
                html! {
                    h1 { "People" }
                    p.lede { "Everyone the articles name, most quoted first." }
                    @if people.is_empty() {
                        p.empty { "Nobody yet." }
                    } @else {
                        ol.people start=(page_.offset + 1) { @for p in &people { (person_item(p)) } }
                    }
                    (pager("/people", &[], page_.limit, page_.offset, people.len()))
                },
            ),
        ))
    }
    .await;
    result.unwrap_or_else(error_page)
}

fn story_title(title: &str) -> &str {
    if title.trim().is_empty() {
        "(untitled story)"
    } else {
        title
    }
}

/// A story's time span: one date, or "first to last".
fn story_span(first: Option<&str>, last: Option<&str>) -> Markup {
    html! {
        @match (first, last) {
            (Some(f), Some(l)) if date_of(f) != date_of(l) => {
                span { (time(Some(f))) " to " (time(Some(l))) }
            }
            (Some(f), _) => span { (time(Some(f))) },
            (None, Some(l)) => span { (time(Some(l))) },
            _ => {}
        }
    }
}

fn plain_names(names: &[NameCount]) -> String {
    names
        .iter()
        .map(|n| n.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn story_item(st: &StorySummary) -> Markup {
    html! {
        li.article-item.story-item {
            a.title href=(story_href(&st.id)) { (story_title(&st.title)) }
            p.meta {
                span { (st.article_count) @if st.article_count == 1 { " article" } @else { " articles" } }
                (story_span(st.first_date.as_deref(), st.last_date.as_deref()))
            }
            @if !st.people.is_empty() {
                p.names { span.label { "People: " } (plain_names(&st.people)) }
            }
            @if !st.places.is_empty() {
                p.names { span.label { "Places: " } (plain_names(&st.places)) }
            }
        }
    }
}

async fn stories(State(s): State<AppState>, RawQuery(q): RawQuery) -> Response {
    let result: Result<Response, Rejection> = async {
        let p: ListParams = params::parse_query(q.as_deref())?;
        let page_ = p.page(&s.config)?;
        let backend = s.backend.clone();
        let list = blocking(move || backend.stories(None, page_)).await?;
        Ok(page(
            StatusCode::OK,
            layout(
                "Stories",
                "",
                html! {
                    h1 { "Stories" }
                    p.lede { "Articles about the same event, grouped; latest first. " a href="/digest" { "The latest day's digest" } }
                    @if list.is_empty() {
                        p.empty { "No stories yet." }
                    } @else {
                        ol.articles.stories start=(page_.offset + 1) { @for st in &list { (story_item(st)) } }
                    }
                    (pager("/stories", &[], page_.limit, page_.offset, list.len()))
                },
            ),
        ))
    }
    .await;
    result.unwrap_or_else(error_page)
}

/// Where a digest link goes: the article's own web URL, else its page here.
fn digest_link_href(href: Option<&str>, id: i64) -> String {
    match safe_url(href) {
        Some(u) => u.to_string(),
        None => article_href(&id.to_string()),
    }
}

fn digest_entry(e: &DigestEntry) -> Markup {
    html! {
        li.digest-story {
            h2 {
                @if e.story_id >= 0 {
                    a href=(story_href(&e.story_id.to_string())) { (story_title(&e.title)) }
                } @else {
                    (story_title(&e.title))
                }
            }
            p.meta {
                @if e.new_story { span.badge { "New" } }
                span { (e.articles_today) @if e.articles_today == 1 { " article" } @else { " articles" } }
                span { (e.sites_today) @if e.sites_today == 1 { " site" } @else { " sites" } }
                @if e.previous_articles > 0 { span { (e.previous_articles) " earlier" } }
                (story_span(e.first_seen.as_deref(), e.last_seen.as_deref()))
            }
            @if !e.summary.is_empty() { p.lead { (e.summary) } }
            @if !e.quotes.is_empty() {
                ul.digest-quotes {
                    @for k in &e.quotes {
                        li {
                            blockquote { p { "“" (k.text) "”" } }
                            p.attribution {
                                "— " (k.speaker)
                                " · " a href=(digest_link_href(k.href.as_deref(), k.article_id)) { "source" }
                            }
                        }
                    }
                }
            }
            @if !e.people.is_empty() { p.names { span.label { "People: " } (e.people.join(", ")) } }
            @if !e.places.is_empty() { p.names { span.label { "Places: " } (e.places.join(", ")) } }
            @if !e.links.is_empty() {
                ul.digest-links {
                    @for l in &e.links {
                        li {
                            a href=(digest_link_href(l.href.as_deref(), l.id)) { (l.title) }
                            @if let Some(site) = &l.site { " · " span.site { (site) } }
                        }
                    }
                }
            }
        }
    }
}

fn digest_page(d: &Digest, max_stories: usize) -> Markup {
    let api_query = serde_urlencoded::to_string([
        ("date", d.date.as_str()),
        ("max_stories", &max_stories.to_string()),
    ])
    .unwrap_or_default();
    layout(
        &d.title,
        "",
        html! {
            div.readable {
                header {
                    p.kicker { "Digest" }
                    h1 { (d.title) }
                    p.meta {
                        "Top " (d.stories.len()) " of " (d.stories_considered) " stories from "
                        (d.articles_considered) " articles on " time datetime=(d.date) { (d.date) }
                    }
                    form.quick.digest-day action="/digest" method="get" {
                        label for="digest-date" { "Day " }
                        input #digest-date type="date" name="date" value=(d.date);
                        button type="submit" { "Show" }
                    }
                }
                @if d.stories.is_empty() {
                    p.empty { "No stories with articles on this day." }
                } @else {
                    ol.digest { @for e in &d.stories { (digest_entry(e)) } }
                }
                p.also {
                    "Also as "
                    a href=(format!("/api/digest?{api_query}&format=html")) { "e-mail HTML" } ", "
                    a href=(format!("/api/digest?{api_query}&format=markdown")) { "Markdown" } ", "
                    a href=(format!("/api/digest?{api_query}&format=json")) { "JSON" } "."
                }
            }
        },
    )
}

async fn digest(State(s): State<AppState>, RawQuery(q): RawQuery) -> Response {
    let result: Result<Response, Rejection> = async {
        let p: DigestParams = params::parse_query(q.as_deref())?;
        if p.format.is_some() {
            return Err(Rejection::bad_request(
                "format is for /api/digest; this page is HTML",
            ));
        }
        let (day, _, max) = p.parse()?;
        let d = crate::api::load_digest(&s, day, max).await?;
        Ok(page(StatusCode::OK, digest_page(&d, max)))
    }
    .await;
    result.unwrap_or_else(error_page)
}

async fn search(State(s): State<AppState>, RawQuery(q): RawQuery) -> Response {
    // Parse leniently enough to re-show the form with the person's input and a message.
    let parsed: Result<SearchParams, Rejection> = params::parse_query(q.as_deref());
    let p = match parsed {
        Ok(p) => p,
        Err(e) => return error_page(e),
    };
    let outcome: Result<Option<SearchResults>, Rejection> = async {
        match p.query(&s.config)? {
            None => Ok(None),
            Some(query) => {
                let backend = s.backend.clone();
                Ok(Some(blocking(move || backend.search(&query)).await?))
            }
        }
    }
    .await;
    let status = match &outcome {
        Err(e) => e.status,
        Ok(_) => StatusCode::OK,
    };
    let q_text = p.q.as_deref().unwrap_or("");
    let title = if q_text.trim().is_empty() {
        "Search".to_string()
    } else {
        format!("Search: {}", params::truncate(q_text.trim(), 80))
    };
    let limit = p
        .limit
        .unwrap_or(s.config.default_limit)
        .clamp(1, s.config.max_limit.max(1));
    let offset = p.offset.unwrap_or(0);
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    let kind = p.kind.as_deref().unwrap_or("all");
    let filtered = [&p.speaker, &p.person, &p.site, &p.since, &p.until]
        .iter()
        .any(|f| f.as_deref().is_some_and(|v| !v.trim().is_empty()))
        || kind != "all";
    let content = html! {
        h1 { "Search" }
        form.search-form role="search" action="/search" method="get" {
            div.field.q {
                label for="q" { "Words to find" }
                input #q type="search" name="q" value=(q_text) autofocus[q_text.trim().is_empty()];
            }
            details.filters-box open[filtered] {
                summary { "Filters" @if filtered { " (in use)" } }
                fieldset.filters {
                    legend.visually-hidden { "Filters" }
                    div.field { label for="speaker" { "Speaker" } input #speaker type="text" name="speaker" value=(v(&p.speaker)); }
                    div.field { label for="person" { "Person named" } input #person type="text" name="person" value=(v(&p.person)); }
                    div.field { label for="site" { "Site" } input #site type="text" name="site" value=(v(&p.site)); }
                    div.field { label for="since" { "From date" } input #since type="date" name="since" value=(v(&p.since)); }
                    div.field { label for="until" { "To date" } input #until type="date" name="until" value=(v(&p.until)); }
                    div.field {
                        label for="kind" { "Show" }
                        select #kind name="kind" {
                            option value="all" selected[kind == "all"] { "Articles and quotes" }
                            option value="articles" selected[kind == "articles"] { "Articles only" }
                            option value="quotes" selected[kind == "quotes"] { "Quotes only" }
                        }
                    }
                }
            }
            button type="submit" { "Search" }
        }
        @match &outcome {
            Err(e) => p.error role="alert" { (e.message) },
            Ok(None) => p.hint { "Type some words, or pick a filter, then press Search." },
            Ok(Some(results)) => {
                section.results aria-labelledby="results-h" {
                    h2 #results-h {
                        (results.total) @if results.total == 1 { " result" } @else { " results" }
                        @if !q_text.trim().is_empty() { " for “" (q_text.trim()) "”" }
                    }
                    @if results.hits.is_empty() {
                        p.empty { "Nothing found. Try fewer or different words." }
                    } @else {
                        ol.hits {
                            @for hit in &results.hits {
                                @match (hit.kind, &hit.quote) {
                                    (HitKind::Quote, Some(quote)) => {
                                        li.hit.quote-hit {
                                            span.hit-type { "Quote" }
                                            (quote_block(quote, true))
                                        }
                                    }
                                    _ => {
                                        li.hit.article-hit {
                                            span.hit-type { "Article" }
                                            a.title href=(article_href(&hit.article.id)) { (title_or_untitled(hit.article.title.as_deref())) }
                                            p.meta {
                                                @if let Some(site) = &hit.article.site { span { (site) } }
                                                (time(hit.article.published.as_deref().or(hit.article.date.as_deref())))
                                            }
                                            @if let Some(snip) = &hit.snippet { p.snippet { (snippet(snip)) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    (pager("/search", &[
                        ("q", q_text), ("speaker", &v(&p.speaker)), ("person", &v(&p.person)),
                        ("site", &v(&p.site)), ("since", &v(&p.since)), ("until", &v(&p.until)),
                        ("kind", if kind == "all" { "" } else { kind }),
                    ], limit, offset, results.hits.len()))
                }
            }
        }
    };
    page(status, layout(&title, q_text, content))
}

async fn article(
    State(s): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    let Path(id) = match id {
        Ok(id) => id,
        Err(e) => return error_page(crate::api::path_rejection(e)),
    };
    let p: ArticleParams = match params::parse_query(q.as_deref()) {
        Ok(p) => p,
        Err(e) => return error_page(e),
    };
    let backend = s.backend.clone();
    let wanted = id.clone();
    let fetched = blocking(move || {
        let Some(a) = backend.article(&wanted, p.version)? else {
            return Ok(None);
        };
        let copies = backend.copies(&wanted)?;
        let related = backend.related(&wanted, RELATED_SHOWN)?;
        Ok(Some((a, copies, related)))
    });
    match fetched.await {
        Ok(Some((a, copies, related))) => page(
            StatusCode::OK,
            article_page(&a, copies.as_ref(), related.as_ref()),
        ),
        Ok(None) => error_page(Rejection::not_found(
            "There is no article (or no such version) with this id.",
        )),
        Err(e) => error_page(e),
    }
}

/// Search-hit excerpt with matched words marked.
fn snippet(s: &Snippet) -> Markup {
    let marks: Vec<Highlight> = s
        .highlights
        .iter()
        .map(|h| Highlight {
            start: h.start,
            end: h.end,
            quote: 0,
        })
        .collect();
    let paragraphs = highlight::paragraphs(&s.text, &marks);
    html! {
        @for (i, para) in paragraphs.iter().enumerate() {
            @if i > 0 { " " }
            @for run in para {
                @match run {
                    Run::Plain(t) => (t),
                    Run::Quote { text, .. } => mark.hit { (text) },
                }
            }
        }
    }
}

/// What the article body shows, in order: text, quoted text, and the speaker of a
/// quote after its final run.
#[derive(Debug, PartialEq)]
enum Item<'a> {
    Text(&'a str),
    Quote(&'a str, usize),
    Speaker(usize),
}

/// Place each quote's speaker after the quote's last run, past the closing quotation
/// marks that follow it (“…week,” — Name, not “…week, — Name”).
fn speaker_places<'a>(para: &[Run<'a>]) -> Vec<Item<'a>> {
    const CLOSING: &[char] = &['”', '"', '»', '’', '\'', '」', '›'];
    let mut out = Vec::with_capacity(para.len() + 2);
    let mut pending: Option<usize> = None;
    for run in para {
        match *run {
            Run::Plain(t) => {
                if let Some(q) = pending.take() {
                    let rest = t.trim_start_matches(CLOSING);
                    let closing = &t[..t.len() - rest.len()];
                    if !closing.is_empty() {
                        out.push(Item::Text(closing));
                    }
                    out.push(Item::Speaker(q));
                    if !rest.is_empty() {
                        out.push(Item::Text(rest));
                    }
                } else {
                    out.push(Item::Text(t));
                }
            }
            Run::Quote { text, quote, last } => {
                if let Some(q) = pending.take() {
                    out.push(Item::Speaker(q));
                }
                out.push(Item::Quote(text, quote));
                if last {
                    pending = Some(quote);
                }
            }
        }
    }
    if let Some(q) = pending {
        out.push(Item::Speaker(q));
    }
    out
}

/// Articles shown per "Same story" and "Related" list of the article page.
const RELATED_SHOWN: usize = 8;

fn copy_item(m: &CopyMember) -> Markup {
    html! {
        li.article-item {
            a.title href=(article_href(&m.article.id)) { (title_or_untitled(m.article.title.as_deref())) }
            p.meta {
                @if let Some(site) = &m.article.site { span { (site) } }
                (time(m.article.published.as_deref().or(m.article.date.as_deref())))
                @if let Some(c) = m.containment { span { (format!("{:.0}% shared", c * 100.0)) } }
            }
        }
    }
}

/// "Original" and "Copies" sections of an article page (nothing for an article
/// without copies).
fn copies_sections(id: &str, g: &CopyGroup) -> Markup {
    html! {
        @if g.original.article.id != id {
            section.copies aria-labelledby="original-h" {
                h2 #original-h { "Original" }
                p { "This article is a copy of an earlier report:" }
                ul.articles { (copy_item(&g.original)) }
            }
        }
        @let others: Vec<&CopyMember> = g.copies.iter().filter(|m| m.article.id != id).collect();
        @if !others.is_empty() {
            section.copies aria-labelledby="copies-h" {
                h2 #copies-h { "Copies (" (g.size.saturating_sub(1)) ")" }
                ul.articles { @for m in others { (copy_item(m)) } }
            }
        }
    }
}

fn related_sections(r: &Related) -> Markup {
    html! {
        section.same-story aria-labelledby="same-story-h" {
            h2 #same-story-h { "Same story" }
            p { "Part of the story " a href=(story_href(&r.story.id)) { (r.story.title) }
                " (" (r.story.article_count) @if r.story.article_count == 1 { " article" } @else { " articles" } ")." }
            @if !r.same_story.is_empty() {
                ol.articles { @for a in &r.same_story { (article_item(a)) } }
            }
        }
        @if !r.other_stories.is_empty() {
            section.related aria-labelledby="related-h" {
                h2 #related-h { "Related" }
                ol.articles { @for o in &r.other_stories { (article_item(&o.article)) } }
            }
        }
    }
}

fn article_page(
    d: &ArticleDetail,
    copies: Option<&CopyGroup>,
    related: Option<&Related>,
) -> Markup {
    let a = &d.article;
    let highlights: Vec<Highlight> = d
        .quotes
        .iter()
        .enumerate()
        .filter_map(|(i, q)| Some((i, q.location.as_ref()?)))
        .filter(|(_, l)| l.part == TextPart::Body)
        .flat_map(|(i, l)| {
            let spans = if l.fragments.is_empty() {
                vec![(l.start, l.end)]
            } else {
                l.fragments.iter().map(|f| (f.start, f.end)).collect()
            };
            spans.into_iter().map(move |(start, end)| Highlight {
                start,
                end,
                quote: i,
            })
        })
        .collect();
    let in_body: std::collections::HashSet<usize> = highlights.iter().map(|h| h.quote).collect();
    let paragraphs = highlight::paragraphs(&a.body, &highlights);
    let mut anchored = std::collections::HashSet::new();
    let title = title_or_untitled(a.title.as_deref());
    let current = d
        .versions
        .iter()
        .map(|v| v.version)
        .max()
        .unwrap_or(d.version);
    layout(
        title,
        "",
        html! {
            div.readable {
            article.story {
                header {
                    h1 { (title) }
                    @if let Some(dek) = a.dek.as_deref().filter(|d| !d.trim().is_empty()) { p.dek { (dek) } }
                    p.meta {
                        @if !a.authors.is_empty() { span { "By " (a.authors.join(", ")) } }
                        @if let Some(site) = &a.site_name { span { (site) } }
                        @if let Some(p) = a.published.as_deref() { span { "Published " (time(Some(p))) } }
                        @if let Some(m) = a.modified.as_deref() { span { "Updated " (time(Some(m))) } }
                        @if let Some(url) = safe_url(a.canonical_url.as_deref()) {
                            span { a href=(url) rel="noopener noreferrer nofollow" { "Original page" } }
                        }
                    }
                    @if d.version < current {
                        p.notice role="note" {
                            "You are reading version " (d.version) " of " (current) ". "
                            a href=(article_href(&d.id)) { "Read the current version" }
                        }
                    }
                    @if !d.quotes.is_empty() {
                        p.legend {
                            mark.q.direct { "Quoted words" } " are highlighted; "
                            mark.q.indirect { "reported speech" } " is underlined. Each is followed by who said it."
                        }
                    }
                }
                div.body {
                    @for para in &paragraphs {
                        p {
                            @for item in speaker_places(para) {
                                @match item {
                                    Item::Text(t) => (t),
                                    Item::Quote(text, quote) => {
                                        @let q = &d.quotes[quote];
                                        @let anchor = quote_anchor(&q.text);
                                        @if anchored.insert(anchor.clone()) {
                                            mark class=(kind_class(q.kind)) id=(anchor) { (text) }
                                        } @else {
                                            mark class=(kind_class(q.kind)) { (text) }
                                        }
                                    }
                                    Item::Speaker(quote) => {
                                        " " span.who { span.visually-hidden { "said by " } (speaker_link(&d.quotes[quote])) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !d.quotes.is_empty() {
                section.article-quotes aria-labelledby="quotes-h" {
                    h2 #quotes-h { "Quotes in this article (" (d.quotes.len()) ")" }
                    ol.quote-list {
                        @for (i, q) in d.quotes.iter().enumerate() {
                            li {
                                (quote_block(q, false))
                                @if in_body.contains(&i) {
                                    a.jump href={ "#" (quote_anchor(&q.text)) } { "Show in text" }
                                }
                            }
                        }
                    }
                }
            }
            @if !d.people.is_empty() {
                section aria-labelledby="people-h" {
                    h2 #people-h { "People and organisations named" }
                    ul.chips { @for p in &d.people { li { a href=(person_href(&p.id)) { (p.name) } } } }
                }
            }
            @if let Some(g) = copies { (copies_sections(&d.id, g)) }
            @if let Some(r) = related { (related_sections(r)) }
            @if d.versions.len() > 1 {
                section aria-labelledby="versions-h" {
                    h2 #versions-h { "Versions (" (d.versions.len()) ")" }
                    ol.versions {
                        @for v in &d.versions {
                            li {
                                @if v.version == d.version {
                                    strong { "Version " (v.version) " (shown)" }
                                } @else {
                                    a href={ (article_href(&d.id)) "?version=" (v.version) } { "Version " (v.version) }
                                }
                                @if let Some(t) = v.stored_at.as_deref() { ", stored " (time(Some(t))) }
                                @if let Some(c) = &v.changes { ": " (c) }
                            }
                        }
                    }
                }
            }
            }
        },
    )
}

async fn story(State(s): State<AppState>, id: Result<Path<String>, PathRejection>) -> Response {
    let result: Result<Response, Rejection> = async {
        let Path(id) = id.map_err(crate::api::path_rejection)?;
        let backend = s.backend.clone();
        match blocking(move || backend.story(&id)).await? {
            Some(d) => Ok(page(StatusCode::OK, story_page(&d))),
            None => Err(Rejection::not_found("There is no story with this id.")),
        }
    }
    .await;
    result.unwrap_or_else(error_page)
}

fn names_line(names: &[NameCount]) -> Markup {
    html! {
        ul.chips { @for n in names { li { (n.name) span.count { " " (n.articles) } } } }
    }
}

fn story_page(d: &StoryDetail) -> Markup {
    let st = &d.story;
    let title = if st.title.trim().is_empty() {
        "(untitled story)"
    } else {
        st.title.as_str()
    };
    layout(
        title,
        "",
        html! {
            div.readable {
                header {
                    p.kicker { "Story" }
                    h1 { (title) }
                    p.meta {
                        span { (st.article_count) @if st.article_count == 1 { " article" } @else { " articles" } }
                        @match (st.first_date.as_deref(), st.last_date.as_deref()) {
                            (Some(f), Some(l)) if date_of(f) != date_of(l) => {
                                span { (time(Some(f))) " to " (time(Some(l))) }
                            }
                            (Some(f), _) => span { (time(Some(f))) },
                            _ => {}
                        }
                    }
                }
                @if !st.people.is_empty() {
                    section aria-labelledby="story-people-h" {
                        h2 #story-people-h { "People" }
                        (names_line(&st.people))
                    }
                }
                @if !st.places.is_empty() {
                    section aria-labelledby="story-places-h" {
                        h2 #story-places-h { "Places" }
                        (names_line(&st.places))
                    }
                }
                @if !d.key_quotes.is_empty() {
                    section aria-labelledby="key-quotes-h" {
                        h2 #key-quotes-h { "Key quotes" }
                        ol.quote-list {
                            @for k in &d.key_quotes {
                                li {
                                    (quote_block(&k.quote, true))
                                    @if k.articles > 1 { p.meta { "In " (k.articles) " articles" } }
                                }
                            }
                        }
                    }
                }
                section aria-labelledby="story-articles-h" {
                    h2 #story-articles-h { "Articles" }
                    ol.articles {
                        @for a in &d.articles {
                            li.article-item {
                                a.title href=(article_href(&a.article.id)) { (title_or_untitled(a.article.title.as_deref())) }
                                p.meta {
                                    @if let Some(site) = &a.article.site { span { (site) } }
                                    (time(a.article.published.as_deref().or(a.article.date.as_deref())))
                                    @if a.copy_group != a.article.id { span { "copy" } }
                                }
                                @if !a.lead.is_empty() { p.lead { (a.lead) } }
                            }
                        }
                    }
                }
            }
        },
    )
}

async fn person(
    State(s): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    let result: Result<Response, Rejection> = async {
        let Path(id) = id.map_err(crate::api::path_rejection)?;
        let p: ListParams = params::parse_query(q.as_deref())?;
        let page_ = p.page(&s.config)?;
        let backend = s.backend.clone();
        match blocking(move || backend.person(&id, page_)).await? {
            Some(person) => Ok(page(
                StatusCode::OK,
                person_page(&person, page_.limit, page_.offset),
            )),
            None => Err(Rejection::not_found("There is no person with this id.")),
        }
    }
    .await;
    result.unwrap_or_else(error_page)
}

fn person_page(d: &PersonDetail, limit: usize, offset: usize) -> Markup {
    let p = &d.person;
    // Quotes arrive newest first; group them by date.
    let mut groups: Vec<(Option<&str>, Vec<&QuoteRecord>)> = Vec::new();
    for q in &d.quotes {
        let day = q.date.as_deref().map(date_of);
        match groups.last_mut() {
            Some((d, list)) if *d == day => list.push(q),
            _ => groups.push((day, vec![q])),
        }
    }
    let latest_role = d.roles.iter().max_by(|a, b| a.last_seen.cmp(&b.last_seen));
    let busiest = d
        .quotes_by_month
        .iter()
        .map(|m| m.quotes)
        .max()
        .unwrap_or(0)
        .max(1);
    let kind = match p.kind {
        SpeakerKind::Person => None,
        SpeakerKind::Organization => Some("Organisation"),
        SpeakerKind::Group => Some("Group"),
    };
    layout(
        &p.name,
        "",
        html! {
            h1 { (p.name) }
            @if let Some(r) = latest_role { p.lede { (r.role) } }
            p.meta {
                @if let Some(k) = kind { span { (k) } }
                span { (p.quote_count) @if p.quote_count == 1 { " quote" } @else { " quotes" } }
                span { "named in " (p.article_count) @if p.article_count == 1 { " article" } @else { " articles" } }
                span { a href={ "/search?kind=quotes&speaker=" (utf8_percent_encode(&p.name, NON_ALPHANUMERIC)) } { "Search their quotes" } }
            }
            div.columns.person {
                aside.roles-box aria-labelledby="roles-h" {
                    h2 #roles-h { "Roles, as they changed" }
                    @if d.roles.is_empty() {
                        p.empty { "No role given in the articles." }
                    } @else {
                        ol.roles {
                            @for r in &d.roles {
                                li {
                                    strong { (r.role) }
                                    span.when {
                                        @match (r.first_seen.as_deref(), r.last_seen.as_deref()) {
                                            (Some(f), Some(l)) if date_of(f) != date_of(l) => { (time(Some(f))) " to " (time(Some(l))) }
                                            (Some(f), _) => { (time(Some(f))) }
                                            (None, Some(l)) => { (time(Some(l))) }
                                            (None, None) => { "undated" }
                                        }
                                        " · " (r.articles) @if r.articles == 1 { " article" } @else { " articles" }
                                    }
                                }
                            }
                        }
                    }
                }
                section.timeline aria-labelledby="quotes-h" {
                    h2 #quotes-h { "Quotes over time" }
                    @if !d.quotes_by_month.is_empty() {
                        table.months {
                            caption.visually-hidden { "Quotes per month" }
                            thead { tr { th scope="col" { "Month" } th scope="col" { "Quotes" } } }
                            tbody {
                                @for m in &d.quotes_by_month {
                                    tr {
                                        th scope="row" { (m.month) }
                                        td {
                                            // Width in tenths by class: the CSP forbids inline styles.
                                            span class={ "bar w" ((m.quotes * 10).div_ceil(busiest)) } {}
                                            span.n { (m.quotes) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if groups.is_empty() {
                        p.empty { "No quotes attributed yet." }
                    }
                    @for (day, quotes) in &groups {
                        section.day {
                            h3 { @match day { Some(d) => time datetime=(d) { (d) }, None => "Undated" } }
                            @for q in quotes { (quote_block(q, true)) }
                        }
                    }
                    (pager(&person_href(&p.id), &[], limit, offset, d.quotes.len()))
                }
                @if !d.co_mentioned.is_empty() || !d.articles.is_empty() {
                    aside.related aria-label="Related" {
                    @if !d.co_mentioned.is_empty() {
                        h2 #with-h { "Often named with" }
                        ul.chips { @for c in &d.co_mentioned { li { a href=(person_href(&c.id)) { (c.name) } } } }
                    }
                    @if !d.articles.is_empty() {
                        h2 #articles-h { "Articles naming them" }
                        ul.articles.compact { @for a in &d.articles { (article_item(a)) } }
                    }
                    }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_goes_after_the_closing_quotation_mark() {
        let para = [
            Run::Plain("“"),
            Run::Quote {
                text: "Yes,",
                quote: 0,
                last: true,
            },
            Run::Plain("” she said. "),
            Run::Quote {
                text: "no",
                quote: 1,
                last: true,
            },
        ];
        assert_eq!(
            speaker_places(&para),
            vec![
                Item::Text("“"),
                Item::Quote("Yes,", 0),
                Item::Text("”"),
                Item::Speaker(0),
                Item::Text(" she said. "),
                Item::Quote("no", 1),
                Item::Speaker(1),
            ]
        );
    }

    #[test]
    fn only_http_urls_become_links() {
        assert_eq!(
            safe_url(Some("https://x.example/a")),
            Some("https://x.example/a")
        );
        assert_eq!(
            safe_url(Some(" HTTP://x.example")),
            Some("HTTP://x.example")
        );
        assert_eq!(safe_url(Some("javascript:alert(1)")), None);
        assert_eq!(safe_url(Some("data:text/html,x")), None);
        assert_eq!(safe_url(Some("é")), None);
        assert_eq!(safe_url(None), None);
    }

    #[test]
    fn ids_are_percent_encoded_in_links() {
        assert_eq!(
            person_href("Jane Doe/\"x\""),
            "/people/Jane%20Doe%2F%22x%22"
        );
        assert_eq!(article_href("a-1_b.c~"), "/articles/a-1_b.c~");
    }
}
