//! The JSON API under `/api/`. Errors are JSON too: `{"error": "…", "status": 400}`.

use crate::backend::{BackendError, IngestError, IngestRequest};
use crate::params::{
    self, ArticleParams, DigestFormat, DigestParams, ListParams, QuoteParams, Rejection,
    RelatedParams, SearchParams, StoryListParams,
};
use crate::AppState;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

/// The OpenAPI 3 description of this API, served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/articles", get(list_articles))
        .route("/articles/{id}", get(get_article))
        .route("/articles/{id}/versions", get(get_versions))
        .route("/articles/{id}/copies", get(get_copies))
        .route("/articles/{id}/related", get(get_related))
        .route("/stories", get(list_stories))
        .route("/stories/{id}", get(get_story))
        .route("/digest", get(get_digest))
        .route("/quotes", get(list_quotes))
        .route("/people", get(list_people))
        .route("/people/{id}", get(get_person))
        .route("/search", get(search))
        .route("/ingest", post(ingest))
        .fallback(not_found)
}

/// An API error: a status and a message, rendered as JSON.
#[derive(Debug)]
pub struct ApiError(Rejection);

impl From<Rejection> for ApiError {
    fn from(r: Rejection) -> Self {
        ApiError(r)
    }
}

impl From<BackendError> for ApiError {
    fn from(e: BackendError) -> Self {
        ApiError(backend_rejection(e))
    }
}

pub fn backend_rejection(e: BackendError) -> Rejection {
    match e {
        BackendError::BadRequest(m) => Rejection::bad_request(m),
        BackendError::Storage(m) => {
            eprintln!("newsdesk serve: storage error: {m}");
            Rejection {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: format!("storage error: {m}"),
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error_response(self.0.status, &self.0.message)
    }
}

pub fn error_response(status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(json!({ "error": message, "status": status.as_u16() })),
    )
        .into_response()
}

type ApiResult = Result<Response, ApiError>;

/// Run a storage call on the blocking pool.
pub async fn blocking<T, F>(f: F) -> Result<T, Rejection>
where
    F: FnOnce() -> Result<T, BackendError> + Send + 'static,
    T: Send + 'static,
{
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r.map_err(backend_rejection),
        Err(e) => Err(Rejection {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("internal error: {e}"),
        }),
    }
}

async fn health() -> Response {
    Json(json!({ "status": "ok" })).into_response()
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// A page of a list: `{KEY: items, "limit", "offset"}`.
fn paged(key: &str, items: impl serde::Serialize, page: crate::backend::Page) -> Response {
    let mut body = json!({ "limit": page.limit, "offset": page.offset });
    body[key] = json!(items);
    Json(body).into_response()
}

async fn not_found() -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        "no such API endpoint; see /openapi.json",
    )
}

async fn list_articles(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p: ListParams = params::parse_query(q.as_deref())?;
    let page = p.page(&s.config)?;
    let backend = s.backend.clone();
    let articles = blocking(move || backend.latest_articles(page)).await?;
    Ok(paged("articles", articles, page))
}

async fn get_article(
    State(s): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    let Path(id) = id.map_err(path_rejection)?;
    let p: ArticleParams = params::parse_query(q.as_deref())?;
    let backend = s.backend.clone();
    let wanted = id.clone();
    match blocking(move || backend.article(&wanted, p.version)).await? {
        Some(a) => Ok(Json(a).into_response()),
        None => Err(Rejection::not_found(match p.version {
            Some(v) => format!("no version {v} of article {:?}", params::truncate(&id, 80)),
            None => format!("no article with id {:?}", params::truncate(&id, 80)),
        })
        .into()),
    }
}

async fn get_versions(
    State(s): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult {
    let Path(id) = id.map_err(path_rejection)?;
    let backend = s.backend.clone();
    let wanted = id.clone();
    match blocking(move || backend.versions(&wanted)).await? {
        Some(v) => Ok(Json(json!({ "versions": v })).into_response()),
        None => Err(Rejection::not_found(format!(
            "no article with id {:?}",
            params::truncate(&id, 80)
        ))
        .into()),
    }
}

async fn get_copies(
    State(s): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult {
    let Path(id) = id.map_err(path_rejection)?;
    let backend = s.backend.clone();
    let wanted = id.clone();
    match blocking(move || backend.copies(&wanted)).await? {
        Some(g) => Ok(Json(g).into_response()),
        None => Err(Rejection::not_found(format!(
            "no article with id {:?}",
            params::truncate(&id, 80)
        ))
        .into()),
    }
}

async fn get_related(
    State(s): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    let Path(id) = id.map_err(path_rejection)?;
    let p: RelatedParams = params::parse_query(q.as_deref())?;
    let backend = s.backend.clone();
    let wanted = id.clone();
    match blocking(move || backend.related(&wanted, p.limit())).await? {
        Some(r) => Ok(Json(r).into_response()),
        None => Err(Rejection::not_found(format!(
            "no article with id {:?}",
            params::truncate(&id, 80)
        ))
        .into()),
    }
}

async fn list_stories(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p: StoryListParams = params::parse_query(q.as_deref())?;
    let (day, page) = p.day_and_page(&s.config)?;
    let backend = s.backend.clone();
    let stories = blocking(move || backend.stories(day.as_deref(), page)).await?;
    Ok(paged("stories", stories, page))
}

async fn get_story(
    State(s): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult {
    let Path(id) = id.map_err(path_rejection)?;
    let backend = s.backend.clone();
    let wanted = id.clone();
    match blocking(move || backend.story(&wanted)).await? {
        Some(story) => Ok(Json(story).into_response()),
        None => Err(Rejection::not_found(format!(
            "no story with id {:?}",
            params::truncate(&id, 80)
        ))
        .into()),
    }
}

/// The digest of `day`, or of the latest day with stories when no day is given.
pub async fn load_digest(
    s: &AppState,
    day: Option<String>,
    max_stories: usize,
) -> Result<newsdesk_digest::Digest, Rejection> {
    let backend = s.backend.clone();
    blocking(move || {
        let day = match day {
            Some(d) => d,
            None => {
                let latest = backend.stories(
                    None,
                    crate::Page {
                        limit: 1,
                        offset: 0,
                    },
                )?;
                match latest.first().and_then(|st| st.last_date.as_deref()) {
                    Some(d) => d.get(..10).unwrap_or(d).to_string(),
                    // No stories at all: any day gives the same empty digest.
                    None => "1970-01-01".to_string(),
                }
            }
        };
        match crate::digest::digest_of_day(backend.as_ref(), &day, max_stories, None) {
            Ok(d) => Ok(Ok(d)),
            Err(crate::digest::DigestFailure::Backend(e)) => Err(e),
            Err(crate::digest::DigestFailure::Digest(e)) => {
                Ok(Err(Rejection::bad_request(e.to_string())))
            }
        }
    })
    .await?
}

async fn get_digest(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p: DigestParams = params::parse_query(q.as_deref())?;
    let (day, format, max) = p.parse()?;
    let digest = load_digest(&s, day, max).await?;
    Ok(match format {
        DigestFormat::Json => Json(digest).into_response(),
        DigestFormat::Markdown => (
            [(header::CONTENT_TYPE, "text/markdown; charset=utf-8")],
            newsdesk_digest::to_markdown(&digest),
        )
            .into_response(),
        DigestFormat::Html => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                // The e-mail HTML styles with inline attributes and runs no script.
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
                ),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            newsdesk_digest::to_html(&digest),
        )
            .into_response(),
    })
}

async fn list_quotes(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p: QuoteParams = params::parse_query(q.as_deref())?;
    let (speaker, page) = p.speaker_and_page(&s.config)?;
    let backend = s.backend.clone();
    let quotes = blocking(move || backend.quotes_by_speaker(&speaker, page)).await?;
    Ok(paged("quotes", quotes, page))
}

async fn list_people(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p: ListParams = params::parse_query(q.as_deref())?;
    let page = p.page(&s.config)?;
    let backend = s.backend.clone();
    let people = blocking(move || backend.people(page)).await?;
    Ok(paged("people", people, page))
}

async fn get_person(
    State(s): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    let Path(id) = id.map_err(path_rejection)?;
    let p: ListParams = params::parse_query(q.as_deref())?;
    let page = p.page(&s.config)?;
    let backend = s.backend.clone();
    let wanted = id.clone();
    match blocking(move || backend.person(&wanted, page)).await? {
        Some(person) => Ok(Json(person).into_response()),
        None => Err(Rejection::not_found(format!(
            "no person with id {:?}",
            params::truncate(&id, 80)
        ))
        .into()),
    }
}

async fn search(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p: SearchParams = params::parse_query(q.as_deref())?;
    let Some(query) = p.query(&s.config)? else {
        return Err(Rejection::bad_request("give q (search text) or at least one filter").into());
    };
    let backend = s.backend.clone();
    let (limit, offset) = (query.page.limit, query.page.offset);
    let results = blocking(move || backend.search(&query)).await?;
    Ok(Json(
        json!({ "total": results.total, "hits": results.hits, "limit": limit, "offset": offset }),
    )
    .into_response())
}

async fn ingest(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<IngestRequest>, JsonRejection>,
) -> ApiResult {
    let (Some(token), Some(pipeline)) = (s.config.token.as_deref(), s.ingest.clone()) else {
        return Err(ApiError(Rejection {
            status: StatusCode::FORBIDDEN,
            message: "writes are disabled: start the server with --token TOKEN (or NEWSDESK_TOKEN) to enable POST /api/ingest".into(),
        }));
    };
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    if !presented.is_some_and(|p| constant_time_eq(p.as_bytes(), token.as_bytes())) {
        let mut r = error_response(
            StatusCode::UNAUTHORIZED,
            "missing or wrong token: send the header 'Authorization: Bearer TOKEN'",
        );
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer"),
        );
        return Ok(r);
    }
    let Json(request) = body.map_err(json_rejection)?;
    if request.content.trim().is_empty() {
        return Err(Rejection {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            message: "content is empty: send the page's HTML or text".into(),
        }
        .into());
    }
    let outcome = match tokio::task::spawn_blocking(move || pipeline.ingest(request)).await {
        Ok(Ok(o)) => o,
        Ok(Err(IngestError::Unprocessable(m))) => {
            return Err(Rejection {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                message: m,
            }
            .into())
        }
        Ok(Err(IngestError::Internal(m))) => {
            eprintln!("newsdesk serve: ingest failed: {m}");
            return Err(Rejection {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: m,
            }
            .into());
        }
        Err(e) => {
            return Err(Rejection {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: format!("internal error: {e}"),
            }
            .into())
        }
    };
    let status = if outcome.status == "unchanged" {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(outcome)).into_response())
}

/// Turn axum's JSON body rejection into our JSON error, keeping its status
/// (400 syntax, 422 wrong shape or unknown field, 413 too large, 415 content type).
fn json_rejection(r: JsonRejection) -> Rejection {
    let status = r.status();
    let message = match &r {
        JsonRejection::MissingJsonContentType(_) => {
            "send the body as JSON with the header 'Content-Type: application/json'".to_string()
        }
        _ if status == StatusCode::PAYLOAD_TOO_LARGE => {
            "request body is over the size limit".to_string()
        }
        _ => r.body_text(),
    };
    Rejection { status, message }
}

/// A path segment that is not valid percent-encoded UTF-8.
pub fn path_rejection(r: PathRejection) -> Rejection {
    Rejection::bad_request(format!("bad path: {}", r.body_text()))
}

/// Compare secrets without an early exit that would leak the matching prefix length.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
