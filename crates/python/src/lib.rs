//! Python bindings of newsdesk (module `newsdesk._native`, re-exported by the
//! `newsdesk` package): extract and analyze pages, read and write WARC archives.
//! Every call releases the GIL while Rust works, so Python threads (and Spark/Ray
//! workers sharing a process) run in parallel.
//!
//! Results cross into Python as JSON (serde) parsed by `json.loads`, so the dicts carry
//! exactly the fields and values of the CLI's JSON output. Whole archives cross as Arrow
//! IPC streams instead (`read_warc_arrow`): record batches in the export schema, built
//! in Rust, that pyarrow reads without touching a row in Python.
#![deny(missing_docs)]

use newsdesk_analyze::{analyze_article, AnalyzeOptions, AnalyzedArticle};
use newsdesk_export::{analyze_page, ipc_stream, ArticleRow, BatchBuilder, Provenance};
use newsdesk_extract::{Article, Options};
use newsdesk_ingest::warc::{WarcError, WarcOptions, WarcReader, WarcStats, WarcWriter};
use newsdesk_ingest::RawPage;
use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyMemoryView, PyString};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

create_exception!(
    _native,
    NewsdeskError,
    PyValueError,
    "A page or archive newsdesk could not process; the message names the input."
);

/// Page bytes from `bytes`/`bytearray`/`memoryview` (raw, any encoding) or `str` (UTF-8).
fn page_bytes(page: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(s) = page.cast::<PyString>() {
        return Ok(s.to_cow()?.as_bytes().to_vec());
    }
    if let Ok(b) = page.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(b) = page.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    if page.cast::<PyMemoryView>().is_ok() {
        let copy = page.py().get_type::<PyBytes>().call1((page,))?;
        return Ok(copy.cast::<PyBytes>()?.as_bytes().to_vec());
    }
    Err(PyTypeError::new_err(format!(
        "page must be bytes or str, not {}",
        page.get_type().name()?
    )))
}

/// Parse JSON text into Python objects with `json.loads`.
fn json_to_py<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (json,))
}

/// An article from an already-clean body, as `newsdesk analyze --body-only` builds it.
fn body_article(bytes: &[u8], source: &str) -> Article {
    let body = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    let word_count = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    Article {
        source: source.to_string(),
        body,
        word_count,
        ..Article::default()
    }
}

fn analyze_with(mut article: Article, published: Option<String>) -> AnalyzedArticle {
    if article.published.is_none() {
        article.published = published;
    }
    let options = AnalyzeOptions {
        published: article.published.clone(),
        ..AnalyzeOptions::default()
    };
    analyze_article(&article, &options)
}

/// Extract the article of one page (HTML or page text; gzip and any charset accepted).
/// Returns a dict with the fields of `newsdesk extract`'s JSON. `source` is copied into
/// the result's `source` (default: `url`, else `"<page>"`). Raises `NewsdeskError` for
/// empty, binary, corrupt or oversized input.
#[pyfunction]
#[pyo3(signature = (page, url=None, source=None, max_bytes=64 << 20))]
fn extract<'py>(
    py: Python<'py>,
    page: &Bound<'py, PyAny>,
    url: Option<String>,
    source: Option<String>,
    max_bytes: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let bytes = page_bytes(page)?;
    let source = source
        .or_else(|| url.clone())
        .unwrap_or_else(|| "<page>".into());
    let options = Options {
        url,
        max_input_bytes: max_bytes,
        ..Options::default()
    };
    let json = py.detach(|| {
        newsdesk_extract::extract(&bytes, &source, &options)
            .map_err(|e| format!("{source}: {e}"))
            .and_then(|a| serde_json::to_string(&a).map_err(|e| e.to_string()))
    });
    json_to_py(py, &json.map_err(NewsdeskError::new_err)?)
}

/// Extract one page, then find its quotes, speakers, people and events. Returns a dict
/// with the fields of `newsdesk analyze`'s JSON. With `body_only=True`, `page` is an
/// already-clean body (paragraphs on separate lines). `published` (ISO 8601) is used when
/// the article gives no date. Raises `NewsdeskError` naming the input when it cannot
/// be extracted.
#[pyfunction]
#[pyo3(signature = (page, url=None, published=None, body_only=false, source=None, max_bytes=64 << 20))]
fn analyze<'py>(
    py: Python<'py>,
    page: &Bound<'py, PyAny>,
    url: Option<String>,
    published: Option<String>,
    body_only: bool,
    source: Option<String>,
    max_bytes: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let bytes = page_bytes(page)?;
    let source = source
        .or_else(|| url.clone())
        .unwrap_or_else(|| "<page>".into());
    if bytes.len() > max_bytes {
        return Err(NewsdeskError::new_err(format!(
            "{source}: input is {} bytes, over the limit of {max_bytes} bytes",
            bytes.len()
        )));
    }
    let options = Options {
        url,
        max_input_bytes: max_bytes,
        ..Options::default()
    };
    let json = py.detach(|| {
        let article = if body_only {
            Ok(body_article(&bytes, &source))
        } else {
            newsdesk_extract::extract(&bytes, &source, &options)
                .map_err(|e| format!("{source}: {e}"))
        };
        article.and_then(|a| {
            serde_json::to_string(&analyze_with(a, published)).map_err(|e| e.to_string())
        })
    });
    json_to_py(py, &json.map_err(NewsdeskError::new_err)?)
}

/// What `read_warc` yields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Records: url, date, charset… and the payload bytes.
    Records,
    /// Rows of the Parquet export schema (extracted and analysed).
    Rows,
}

type Reader = WarcReader;

/// Iterator over a WARC file's HTML responses; see `read_warc`.
#[pyclass(module = "newsdesk._native")]
struct WarcRecords {
    /// `None` once a broken stream ended the iteration. (A mutex: pyclasses must be `Sync`.)
    reader: Mutex<Option<Reader>>,
    mode: Mode,
    skipped: u64,
    path: String,
}

/// One step of the reader, run without the GIL: the next item, as JSON or a raw page.
enum Step {
    Page(Box<RawPage>),
    Row(Box<ArticleRow>),
    Failed(String),
    End,
}

fn next_step(reader: &mut Reader, mode: Mode, skipped: &mut u64) -> Step {
    loop {
        match reader.next() {
            None => return Step::End,
            Some(Err(e @ WarcError::Io { .. })) => return Step::Failed(e.to_string()),
            // A gzip stream that breaks with no later member to resume at (a truncated
            // file): the rest of the archive is lost, so the iteration fails loudly.
            Some(Err(
                e @ WarcError::Gzip {
                    resumed_at: None, ..
                },
            )) => return Step::Failed(e.to_string()),
            Some(Err(_)) => *skipped += 1, // a corrupt record: counted, reading goes on
            Some(Ok(page)) => match mode {
                Mode::Records => return Step::Page(Box::new(page)),
                Mode::Rows => {
                    let options = Options {
                        url: page.url.clone(),
                        http_charset: page.http_charset.clone(),
                        ..Options::default()
                    };
                    let provenance = Provenance {
                        url: page.url,
                        fetched_at: Some(page.fetched_at),
                    };
                    match analyze_page(&page.bytes, &page.source, &options, provenance) {
                        Ok(row) => return Step::Row(Box::new(row)),
                        Err(_) => *skipped += 1, // empty or binary payload: not an article
                    }
                }
            },
        }
    }
}

fn page_dict<'py>(py: Python<'py>, page: RawPage) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("source", page.source)?;
    d.set_item("url", page.url)?;
    d.set_item("date", page.fetched_at)?;
    d.set_item("status", page.status)?;
    d.set_item("content_type", page.content_type)?;
    d.set_item("charset", page.http_charset)?;
    d.set_item("http_date", page.http_date)?;
    d.set_item("last_modified", page.last_modified)?;
    d.set_item("body", PyBytes::new(py, &page.bytes))?;
    Ok(d)
}

fn stats_dict<'py>(
    py: Python<'py>,
    stats: &WarcStats,
    skipped: u64,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("records", stats.records)?;
    d.set_item("pages", stats.pages)?;
    d.set_item("not_html", stats.not_html)?;
    d.set_item("not_ok", stats.not_ok)?;
    d.set_item("too_large", stats.too_large)?;
    d.set_item("errors", stats.errors)?;
    d.set_item("bytes", stats.bytes)?;
    d.set_item("skipped", skipped)?;
    Ok(d)
}

fn lock(m: &Mutex<Option<Reader>>) -> MutexGuard<'_, Option<Reader>> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[pymethods]
impl WarcRecords {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let mode = self.mode;
        let mut skipped = self.skipped;
        let mut guard = lock(&self.reader);
        let Some(reader) = guard.as_mut() else {
            return Ok(None);
        };
        // Rows are serialized to JSON before the GIL is taken back.
        let step = py.detach(|| match next_step(reader, mode, &mut skipped) {
            Step::Row(row) => match serde_json::to_string(&row) {
                Ok(json) => Ok(json),
                Err(e) => Err(Step::Failed(e.to_string())),
            },
            step => Err(step),
        });
        self.skipped = skipped;
        let step = match step {
            Ok(json) => return Ok(Some(json_to_py(py, &json)?)),
            Err(step) => step,
        };
        match step {
            Step::End | Step::Row(_) => Ok(None),
            Step::Page(page) => Ok(Some(page_dict(py, *page)?.into_any())),
            Step::Failed(message) => {
                *guard = None;
                Err(NewsdeskError::new_err(message))
            }
        }
    }

    /// Counts so far: records, pages, not_html, not_ok, too_large, errors, bytes, and
    /// `skipped` (corrupt records, and with `analyze=True` pages that were not articles).
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        match &*lock(&self.reader) {
            Some(r) => stats_dict(py, r.stats(), self.skipped),
            None => stats_dict(py, &WarcStats::default(), self.skipped),
        }
    }

    fn __repr__(&self) -> String {
        format!("<newsdesk.WarcRecords {:?}>", self.path)
    }
}

/// Stream the HTML responses of a WARC or WARC.gz file, in constant memory.
///
/// With `analyze=False`, yields dicts: `source` (`FILE#record-N`), `url`, `date`
/// (WARC-Date), `status`, `content_type`, `charset` (HTTP charset), `http_date`,
/// `last_modified`, `body` (payload bytes, de-chunked and decompressed).
/// With `analyze=True`, extracts and analyses each page and yields rows of the Parquet
/// export schema (`newsdesk.SCHEMA`); pages that are not articles are skipped.
/// Corrupt records are skipped and counted (`.stats()`); a broken stream (truncated
/// gzip, I/O error) raises `NewsdeskError` naming the file and byte offset.
#[pyfunction]
#[pyo3(signature = (path, analyze=false, html_only=true))]
fn read_warc(path: PathBuf, analyze: bool, html_only: bool) -> PyResult<WarcRecords> {
    let options = WarcOptions {
        html_only,
        ..WarcOptions::default()
    };
    let name = path.display().to_string();
    let reader =
        WarcReader::open(&path, options).map_err(|e| PyOSError::new_err(format!("{name}: {e}")))?;
    Ok(WarcRecords {
        reader: Mutex::new(Some(reader)),
        mode: if analyze { Mode::Rows } else { Mode::Records },
        skipped: 0,
        path: name,
    })
}

/// The state of a `read_warc_arrow` iteration, used without the GIL.
struct ArrowState {
    reader: Reader,
    builder: BatchBuilder,
    skipped: u64,
    /// A broken stream seen after some rows: those rows are yielded first, then this raises.
    failure: Option<String>,
    done: bool,
}

/// Iterator over a WARC file's articles as Arrow IPC streams; see `read_warc_arrow`.
#[pyclass(module = "newsdesk._native")]
struct WarcArrowBatches {
    state: Mutex<ArrowState>,
    batch_rows: usize,
    max_batch_bytes: usize,
    path: String,
}

/// What one `__next__` of `WarcArrowBatches` produced, without the GIL.
enum Batch {
    Stream(Vec<u8>),
    Failed(String),
    End,
}

impl ArrowState {
    fn next_batch(&mut self, batch_rows: usize, max_batch_bytes: usize) -> Batch {
        if let Some(message) = self.failure.take() {
            self.done = true;
            return Batch::Failed(message);
        }
        if self.done {
            return Batch::End;
        }
        let mut rows: Vec<ArticleRow> = Vec::new();
        let mut bytes = 0usize;
        while rows.len() < batch_rows && bytes < max_batch_bytes {
            match next_step(&mut self.reader, Mode::Rows, &mut self.skipped) {
                Step::Row(row) => {
                    bytes += row.body.len();
                    rows.push(*row);
                }
                Step::Page(_) => unreachable!("Mode::Rows yields rows"),
                Step::End => {
                    self.done = true;
                    break;
                }
                Step::Failed(message) if rows.is_empty() => {
                    self.done = true;
                    return Batch::Failed(message);
                }
                Step::Failed(message) => {
                    self.failure = Some(message);
                    break;
                }
            }
        }
        if rows.is_empty() {
            return Batch::End;
        }
        match self
            .builder
            .build(&rows)
            .and_then(|batch| ipc_stream(&[batch]))
        {
            Ok(stream) => Batch::Stream(stream),
            Err(e) => {
                self.done = true;
                Batch::Failed(format!("converting rows to Arrow: {e}"))
            }
        }
    }
}

fn lock_arrow(m: &Mutex<ArrowState>) -> MutexGuard<'_, ArrowState> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[pymethods]
impl WarcArrowBatches {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyBytes>>> {
        let (rows, max_bytes) = (self.batch_rows, self.max_batch_bytes);
        let mut state = lock_arrow(&self.state);
        let state: &mut ArrowState = &mut state;
        match py.detach(|| state.next_batch(rows, max_bytes)) {
            Batch::Stream(stream) => Ok(Some(PyBytes::new(py, &stream))),
            Batch::End => Ok(None),
            // Reader errors name the file already; others get it here.
            Batch::Failed(message) if message.contains(&self.path) => {
                Err(NewsdeskError::new_err(message))
            }
            Batch::Failed(message) => {
                Err(NewsdeskError::new_err(format!("{}: {message}", self.path)))
            }
        }
    }

    /// Counts so far, as `WarcRecords.stats()`; `skipped` counts corrupt records and
    /// pages that were not articles.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let state = lock_arrow(&self.state);
        stats_dict(py, state.reader.stats(), state.skipped)
    }

    fn __repr__(&self) -> String {
        format!("<newsdesk.WarcArrowBatches {:?}>", self.path)
    }
}

/// Extract and analyse every HTML response of a WARC or WARC.gz file, yielding the
/// articles as Arrow IPC streams (`bytes`): each holds the export schema
/// (`newsdesk.arrow_schema()`) and one record batch of up to `batch_rows` rows, cut
/// earlier once the bodies reach `max_batch_bytes`. All the work (reading,
/// decompressing, extracting, analysing, building the batch) is done in Rust with the
/// GIL released; `pyarrow.ipc.open_stream(item)` reads a batch without copying.
/// Memory stays near one batch. Pages that are not articles and corrupt records are
/// skipped and counted (`.stats()`); a broken stream raises `NewsdeskError` naming the
/// file, after the rows read before it were yielded.
#[pyfunction]
#[pyo3(signature = (path, batch_rows=1024, max_batch_bytes=32 << 20, html_only=true))]
fn read_warc_arrow(
    path: PathBuf,
    batch_rows: usize,
    max_batch_bytes: usize,
    html_only: bool,
) -> PyResult<WarcArrowBatches> {
    let options = WarcOptions {
        html_only,
        ..WarcOptions::default()
    };
    let name = path.display().to_string();
    let reader =
        WarcReader::open(&path, options).map_err(|e| PyOSError::new_err(format!("{name}: {e}")))?;
    let builder = BatchBuilder::new().map_err(|e| NewsdeskError::new_err(e.to_string()))?;
    Ok(WarcArrowBatches {
        state: Mutex::new(ArrowState {
            reader,
            builder,
            skipped: 0,
            failure: None,
            done: false,
        }),
        batch_rows: batch_rows.max(1),
        max_batch_bytes: max_batch_bytes.max(1),
        path: name,
    })
}

/// Write pages as WARC `response` records (one gzip member per record when `gzip`, which
/// defaults to `path` ending in `.gz`). Each page is a dict with `url`, `body` (bytes or
/// str) and optionally `date` (RFC 3339), `content_type` (default
/// `text/html; charset=utf-8`) and `status` (default 200). Returns the record count.
#[pyfunction]
#[pyo3(signature = (path, pages, gzip=None))]
fn write_warc(path: PathBuf, pages: &Bound<'_, PyAny>, gzip: Option<bool>) -> PyResult<u64> {
    let name = path.display().to_string();
    let gzip = gzip.unwrap_or_else(|| name.ends_with(".gz"));
    let file =
        std::fs::File::create(&path).map_err(|e| PyOSError::new_err(format!("{name}: {e}")))?;
    let mut writer = WarcWriter::new(std::io::BufWriter::new(file), gzip);
    let mut count = 0u64;
    for page in pages.try_iter()? {
        let page = page?;
        let get = |key: &str| item(&page, key);
        let url: String = get("url")?
            .ok_or_else(|| PyValueError::new_err(format!("{name}: page {count} has no 'url'")))?
            .extract()?;
        let body = page_bytes(&get("body")?.ok_or_else(|| {
            PyValueError::new_err(format!("{name}: page {count} has no 'body'"))
        })?)?;
        let date: String = match get("date")? {
            Some(d) => d.extract()?,
            None => "2024-01-01T00:00:00Z".to_string(),
        };
        let content_type: String = match get("content_type")? {
            Some(c) => c.extract()?,
            None => "text/html; charset=utf-8".to_string(),
        };
        let status: u16 = match get("status")? {
            Some(s) => s.extract()?,
            None => 200,
        };
        let mut http = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        http.extend_from_slice(&body);
        writer
            .write_response(&url, &date, &http)
            .map_err(|e| PyOSError::new_err(format!("{name}: {e}")))?;
        count += 1;
    }
    writer
        .finish()
        .map_err(|e| PyOSError::new_err(format!("{name}: {e}")))?;
    Ok(count)
}

/// `page[key]`, `None` when the key is missing.
fn item<'py>(page: &Bound<'py, PyAny>, key: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    page.get_item(key).map(Some).or_else(|e| {
        if e.is_instance_of::<pyo3::exceptions::PyKeyError>(page.py()) {
            Ok(None)
        } else {
            Err(e)
        }
    })
}

/// The Rust core of the `newsdesk` Python package.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(read_warc, m)?)?;
    m.add_function(wrap_pyfunction!(read_warc_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(write_warc, m)?)?;
    m.add_class::<WarcRecords>()?;
    m.add_class::<WarcArrowBatches>()?;
    m.add("NewsdeskError", m.py().get_type::<NewsdeskError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
