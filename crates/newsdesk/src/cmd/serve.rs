//! `newsdesk serve`: the HTTP API and web UI over a data directory. This module only
//! wires things: the store backend, the ingest pipeline that `POST /api/ingest` runs
//! (the one `newsdesk ingest` uses: extract → analyze → store), and the server's limits.

use anyhow::{bail, Context, Result};
use clap::Args;
use newsdesk_extract::Options;
use newsdesk_serve::{
    Config, Ingest, IngestError, IngestOutcome, IngestRequest, Server, StoreBackend,
};
use newsdesk_store::Store;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Arguments of `newsdesk serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (`0.0.0.0:8080` to accept other machines; port 0 picks one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// The store's data directory (database and search index); created empty if missing.
    #[arg(long, env = "NEWSDESK_DATA", default_value = "./newsdesk-data")]
    pub data: PathBuf,
    /// Bearer token that enables `POST /api/ingest`. Without one, writes are disabled.
    #[arg(long, env = "NEWSDESK_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Largest request body accepted, in bytes (larger gets 413).
    #[arg(long, default_value_t = 2 << 20)]
    pub max_body_bytes: usize,
    /// Seconds a request may take before the server answers 408.
    #[arg(long, default_value_t = 15)]
    pub timeout_secs: u64,
    /// Read-only store handles serving requests in parallel.
    #[arg(long, default_value_t = 4)]
    pub readers: usize,
    /// Largest page of a page extracted through `POST /api/ingest`, in bytes.
    #[arg(long, default_value_t = 8 << 20)]
    pub max_page_bytes: usize,
}

/// Start the server and serve until killed.
pub fn run(args: &ServeArgs) -> Result<()> {
    let token = match args.token.as_deref().map(str::trim) {
        Some("") => bail!("--token (or NEWSDESK_TOKEN) is empty: give a secret, or leave it unset to disable writes"),
        t => t.map(str::to_string),
    };
    let backend = StoreBackend::open(&args.data, args.readers)
        .with_context(|| format!("opening the store in {}", args.data.display()))?;
    let ingest: Option<Arc<dyn Ingest>> = match &token {
        Some(_) => Some(Arc::new(
            Pipeline::open(&args.data, args.max_page_bytes).context(
                "opening the store for writing (is a `newsdesk ingest` running on it? \
                 stop it, or serve read-only without --token)",
            )?,
        )),
        None => None,
    };
    let config = Config {
        token,
        max_body_bytes: args.max_body_bytes,
        request_timeout: Duration::from_secs(args.timeout_secs.max(1)),
        ..Config::default()
    };
    let writes = if config.token.is_some() {
        "enabled (POST /api/ingest with the bearer token)"
    } else {
        "disabled (no --token)"
    };
    let server = Server::start(&args.bind, Arc::new(backend), ingest, config)
        .with_context(|| format!("listening on {}", args.bind))?;
    eprintln!(
        "newsdesk: serving http://{} (data {}; writes {writes}; API description at /openapi.json)",
        server.addr(),
        args.data.display()
    );
    server.wait().context("server stopped")
}

/// extract → analyze → store, for pages posted to the API. One writer at a time.
struct Pipeline {
    store: Mutex<Store>,
    max_page_bytes: usize,
}

impl Pipeline {
    fn open(dir: &Path, max_page_bytes: usize) -> Result<Pipeline> {
        Ok(Pipeline {
            store: Mutex::new(Store::open(dir)?),
            max_page_bytes,
        })
    }
}

impl Ingest for Pipeline {
    fn ingest(&self, request: IngestRequest) -> Result<IngestOutcome, IngestError> {
        let source = request.url.clone().unwrap_or_else(|| "api".to_string());
        let options = Options {
            url: request.url.clone(),
            max_input_bytes: self.max_page_bytes,
            ..Options::default()
        };
        // The same extract → analyze path as `newsdesk ingest` (JSON of `newsdesk
        // extract` / `newsdesk analyze` output is taken as it is).
        let mut docs = super::ingest::pipeline(request.content.as_bytes(), &source, &options)
            .map_err(|e| IngestError::Unprocessable(format!("{source}: {e}")))?;
        if docs.len() != 1 {
            return Err(IngestError::Unprocessable(format!(
                "{source}: {} articles in one request; post one at a time",
                docs.len()
            )));
        }
        let doc = docs.remove(0);
        // A panic in another request's ingest must not wedge writes forever.
        let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let outcome = match store.ingest(&doc) {
            Ok(o) => o,
            Err(e @ newsdesk_store::Error::EmptyArticle { .. }) => {
                return Err(IngestError::Unprocessable(e.to_string()))
            }
            Err(e) => return Err(IngestError::Internal(e.to_string())),
        };
        store
            .flush()
            .map_err(|e| IngestError::Internal(e.to_string()))?;
        Ok(IngestOutcome {
            id: outcome.article_id.to_string(),
            version: outcome.version,
            status: match outcome.status {
                newsdesk_store::IngestStatus::New => "new",
                newsdesk_store::IngestStatus::Updated => "updated",
                newsdesk_store::IngestStatus::Unchanged => "unchanged",
            }
            .to_string(),
            title: doc.article.title,
            quotes: outcome.quotes,
        })
    }
}
