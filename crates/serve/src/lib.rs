//! The **serve** stage of newsdesk: a JSON API under `/api/` and a server-rendered web
//! UI over what the store holds, on one HTTP server (axum on tokio).
//!
//! The server depends on storage only through the [`Backend`] trait and on the
//! processing pipeline only through the [`Ingest`] trait; the `newsdesk` binary passes
//! both in. `/openapi.json` describes the API.
//!
//! ```no_run
//! # use std::sync::Arc;
//! # fn demo(backend: Arc<dyn newsdesk_serve::Backend>) -> std::io::Result<()> {
//! use newsdesk_serve::{Config, Server};
//! let server = Server::start("127.0.0.1:8080", backend, None, Config::default())?;
//! println!("listening on http://{}", server.addr());
//! server.wait()
//! # }
//! ```
//!
//! Modules:
//! - [`backend`]: the storage trait and the API's data types.
//! - [`store_backend`]: [`Backend`] over the real store (SQLite + tantivy).
//! - [`digest`]: the daily digest (`newsdesk-digest`) over the backend's stories.
//! - [`highlight`]: cutting a body into paragraphs with quotes marked (char offsets).
//! - `api`: the JSON handlers; `web`: the HTML pages (maud templates, every dynamic
//!   value escaped by construction).
//!
//! Limits (see [`Config`]): request body size, request time, page size, query length.
//! Unknown JSON fields and unknown query parameters are rejected with a JSON message.
#![deny(missing_docs)]

mod api;
pub mod backend;
pub mod digest;
pub mod highlight;
mod params;
pub mod store_backend;
mod web;

pub use backend::*;
pub use store_backend::StoreBackend;

use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// Server settings. Every limit is explicit; see each field for its default.
#[derive(Debug, Clone)]
pub struct Config {
    /// Bearer token that `POST /api/ingest` requires. `None` (the default) disables
    /// writes: ingest answers 403 with a message saying how to enable it.
    pub token: Option<String>,
    /// Largest request body accepted, in bytes. Default 2 MiB; larger bodies get 413.
    pub max_body_bytes: usize,
    /// Time one request may take before the server answers 408. Default 15 s.
    pub request_timeout: Duration,
    /// Items per page when `limit` is not given. Default 20.
    pub default_limit: usize,
    /// Largest `limit` honoured; larger values are capped to it. Default 100.
    pub max_limit: usize,
    /// Largest `offset` accepted (deep paging is costly); larger gets 400. Default 10 000.
    pub max_offset: usize,
    /// Longest search query or filter value, in chars; longer gets 400. Default 500.
    pub max_query_chars: usize,
    /// Threads that run storage and ingest calls. Default 16.
    pub blocking_threads: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            token: None,
            max_body_bytes: 2 << 20,
            request_timeout: Duration::from_secs(15),
            default_limit: 20,
            max_limit: 100,
            max_offset: 10_000,
            max_query_chars: 500,
            blocking_threads: 16,
        }
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub(crate) struct AppState {
    pub backend: Arc<dyn Backend>,
    pub ingest: Option<Arc<dyn Ingest>>,
    pub config: Arc<Config>,
}

/// Build the whole application (API, web UI, `/openapi.json`) with its limits applied.
/// Run it with [`Server::start`] or any axum-compatible server.
pub fn router(
    backend: Arc<dyn Backend>,
    ingest: Option<Arc<dyn Ingest>>,
    config: Config,
) -> Router {
    let state = AppState {
        backend,
        ingest,
        config: Arc::new(config),
    };
    let timeout = state.config.request_timeout;
    let max_body = state.config.max_body_bytes;
    Router::new()
        .nest("/api", api::routes())
        .route("/openapi.json", axum::routing::get(api::openapi))
        .merge(web::routes())
        .with_state(state)
        // Bodies are only read through extractors, which enforce this limit (413).
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
}

/// A running server: its own tokio runtime on a background thread.
pub struct Server {
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl Server {
    /// Bind `bind` (`127.0.0.1:8080`; port 0 picks a free one) and start serving.
    /// Returns once the socket is bound, so [`Server::addr`] is ready to use.
    pub fn start(
        bind: &str,
        backend: Arc<dyn Backend>,
        ingest: Option<Arc<dyn Ingest>>,
        config: Config,
    ) -> std::io::Result<Server> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .max_blocking_threads(config.blocking_threads.max(1))
            .thread_name("newsdesk-serve")
            .build()?;
        let listener = runtime.block_on(tokio::net::TcpListener::bind(bind))?;
        let addr = listener.local_addr()?;
        let app = router(backend, ingest, config);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("newsdesk-serve-main".into())
            .spawn(move || {
                runtime.block_on(async move {
                    axum::serve(listener, app)
                        .with_graceful_shutdown(async move {
                            let _ = rx.await;
                        })
                        .await
                })
            })?;
        Ok(Server {
            addr,
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Block until the server stops (it only stops on error or [`Server::stop`]).
    pub fn wait(mut self) -> std::io::Result<()> {
        let thread = self
            .thread
            .take()
            .expect("server thread present until joined");
        // Keep the shutdown sender alive while waiting: dropping it would stop the server.
        let _keep = self.shutdown.take();
        thread
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("server thread panicked")))
    }

    /// Stop accepting connections, finish in-flight requests, and wait.
    pub fn stop(mut self) -> std::io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match self.thread.take() {
            Some(t) => t
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("server thread panicked"))),
            None => Ok(()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
