//! Streaming WARC reader (plain, or gzip: per-record members and whole-file gzip
//! alike) yielding the HTML pages of `response` records as [`RawPage`]s, and a
//! small writer.
//!
//! Why hand-written rather than the `warc` crate: the format is a header block and a
//! length-prefixed body, a few hundred lines to read. What this stage needs beyond
//! that — explicit per-record caps that skip oversized records without buffering
//! them, resynchronisation on the next `WARC/1.` line after a corrupt record (with
//! its record number and byte offset in the error), parsing the HTTP response
//! inside (status, charset, `Date`, chunked and gzip payloads) and counters of
//! what was skipped — is the product itself and would have to be layered on top of
//! the `warc` crate's reader (which reads whole records into memory and stops at
//! the first malformed one) anyway.
//!
//! Memory is constant regardless of file size: one record block (at most
//! [`WarcOptions::max_record_bytes`]) plus one decoded payload (at most
//! [`WarcOptions::max_payload_bytes`]) and the read buffer.
//!
//! Offsets in errors count bytes of the *uncompressed* WARC stream (for a
//! `.warc.gz` they are not positions in the compressed file).

use crate::page::{is_html_content_type, media_type, parse_content_type_charset, RawPage};
use flate2::read::{MultiGzDecoder, ZlibDecoder};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;

/// Limits and switches for [`WarcReader`]. Every limit is explicit.
#[derive(Debug, Clone)]
pub struct WarcOptions {
    /// Largest record block (the WARC `Content-Length`) read into memory. Default 32 MiB.
    /// Larger `response` records are skipped without buffering and counted in
    /// [`WarcStats::too_large`].
    pub max_record_bytes: u64,
    /// Largest WARC header block (all header lines), in bytes. Default 64 KiB; a longer one
    /// is reported as a corrupt record.
    pub max_header_bytes: usize,
    /// Largest HTTP payload after de-chunking and `Content-Encoding` decompression.
    /// Default 64 MiB (matches the extract stage's input cap). Larger ones are
    /// skipped and counted in [`WarcStats::too_large`] (no gzip bombs).
    pub max_payload_bytes: usize,
    /// Yield only 2xx responses whose `Content-Type` is HTML-like (default `true`).
    /// When `false`, every 2xx response is yielded whatever its type.
    pub html_only: bool,
}

impl Default for WarcOptions {
    fn default() -> Self {
        WarcOptions {
            max_record_bytes: 32 << 20,
            max_header_bytes: 64 << 10,
            max_payload_bytes: 64 << 20,
            html_only: true,
        }
    }
}

/// What a [`WarcReader`] saw so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarcStats {
    /// Records whose header could be parsed (any type).
    pub records: u64,
    /// Records per `WARC-Type` (`response`, `request`, `warcinfo`, `metadata`…).
    pub by_type: BTreeMap<String, u64>,
    /// Pages yielded.
    pub pages: u64,
    /// `response` records skipped because the content type is not HTML-like.
    pub not_html: u64,
    /// `response` records skipped because the HTTP status is not 2xx.
    pub not_ok: u64,
    /// Records skipped because the block or decoded payload exceeds a cap.
    pub too_large: u64,
    /// Records reported as errors (corrupt WARC or HTTP framing) and skipped.
    pub errors: u64,
    /// Uncompressed bytes consumed.
    pub bytes: u64,
}

/// A record that could not be read. Reading goes on with the next record, except after
/// [`WarcError::Io`] (the stream itself failed, e.g. corrupt gzip), which ends it.
#[derive(Debug, thiserror::Error)]
pub enum WarcError {
    /// A corrupt or unreadable record; it was skipped.
    #[error("{input}: record {record} at byte {offset}: {reason}")]
    Record {
        /// The input's name (file path).
        input: String,
        /// 1-based number of the record in the file.
        record: u64,
        /// Offset of the record's first byte in the uncompressed stream.
        offset: u64,
        /// What is wrong.
        reason: String,
    },
    /// The underlying stream failed (I/O error, corrupt or truncated gzip); reading stops.
    #[error("{input}: read error at byte {offset} (uncompressed): {error}")]
    Io {
        /// The input's name (file path).
        input: String,
        /// Offset in the uncompressed stream where it failed.
        offset: u64,
        /// The I/O error.
        error: io::Error,
    },
}

const VERSION_PREFIX: &[u8] = b"WARC/1.";

/// A version line consumed ahead of its record (by a resync scan or an interrupted header).
#[derive(Debug, Clone, Copy)]
struct Pending {
    /// Offset of the version line.
    start: u64,
    /// Only the `WARC/1.` prefix was consumed; the rest of the line remains.
    rest_of_line: bool,
}

/// A streaming WARC reader: an iterator of HTML pages (or errors for corrupt
/// records, after which it resynchronises on the next `WARC/1.` line).
pub struct WarcReader<R> {
    input: R,
    name: String,
    options: WarcOptions,
    stats: WarcStats,
    /// Bytes consumed from `input` (uncompressed).
    pos: u64,
    /// The next record's version line was (partly) consumed already.
    pending: Option<Pending>,
    done: bool,
}

impl WarcReader<Box<dyn BufRead + Send>> {
    /// Open a WARC file, gzipped or not (detected from the first bytes, not the name).
    pub fn open(path: &Path, options: WarcOptions) -> io::Result<Self> {
        let file = File::open(path)?;
        Ok(Self::from_reader(file, path.display().to_string(), options))
    }

    /// Read a WARC stream, gzipped or not (detected from its first bytes). `name` names
    /// it in errors and in [`RawPage::source`].
    pub fn from_reader<R: Read + Send + 'static>(
        reader: R,
        name: String,
        options: WarcOptions,
    ) -> Self {
        let mut buffered = BufReader::with_capacity(256 << 10, reader);
        let is_gzip = matches!(buffered.fill_buf(), Ok(b) if b.starts_with(&[0x1f, 0x8b]));
        let input: Box<dyn BufRead + Send> = if is_gzip {
            // MultiGzDecoder reads concatenated members: one per record, or a single one.
            Box::new(BufReader::with_capacity(
                256 << 10,
                MultiGzDecoder::new(buffered),
            ))
        } else {
            Box::new(buffered)
        };
        WarcReader::new(input, name, options)
    }
}

impl<R: BufRead> WarcReader<R> {
    /// Read an uncompressed WARC stream.
    pub fn new(input: R, name: String, options: WarcOptions) -> Self {
        WarcReader {
            input,
            name,
            options,
            stats: WarcStats::default(),
            pos: 0,
            pending: None,
            done: false,
        }
    }

    /// What was read and skipped so far.
    pub fn stats(&self) -> &WarcStats {
        &self.stats
    }

    fn record_error(&mut self, offset: u64, reason: String) -> WarcError {
        self.stats.errors += 1;
        WarcError::Record {
            input: self.name.clone(),
            record: self.stats.records + self.stats.errors,
            offset,
            reason,
        }
    }

    fn io_error(&mut self, error: io::Error) -> WarcError {
        self.done = true;
        WarcError::Io {
            input: self.name.clone(),
            offset: self.pos,
            error,
        }
    }

    /// Read one line (without its line ending) of at most `max` bytes.
    /// `Ok(None)` at end of input; `Err(InvalidData)` when the line is longer than `max`.
    fn read_line(&mut self, max: usize, line: &mut Vec<u8>) -> io::Result<Option<()>> {
        line.clear();
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(if line.is_empty() { None } else { Some(()) });
            }
            let (take, found) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            if line.len() + take > max + 2 {
                let n = take.min(max + 2 - line.len().min(max + 2));
                line.extend_from_slice(&buf[..n]);
                self.input.consume(n);
                self.pos += n as u64;
                return Err(io::Error::new(io::ErrorKind::InvalidData, "line too long"));
            }
            line.extend_from_slice(&buf[..take]);
            self.input.consume(take);
            self.pos += take as u64;
            if found {
                while matches!(line.last(), Some(b'\n' | b'\r')) {
                    line.pop();
                }
                return Ok(Some(()));
            }
        }
    }

    /// Skip input up to and including the next `WARC/1.` at the start of a line.
    /// Returns the offset where that line starts, or `None` at end of input.
    fn resync(&mut self) -> io::Result<Option<u64>> {
        // `matched`: how many bytes of VERSION_PREFIX match so far, or None when not at a line start.
        let mut matched: Option<usize> = None;
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(None);
            }
            let mut i = 0;
            while i < buf.len() {
                match matched {
                    None => match memchr::memchr(b'\n', &buf[i..]) {
                        Some(j) => {
                            i += j + 1;
                            matched = Some(0);
                        }
                        None => i = buf.len(),
                    },
                    Some(k) => {
                        let b = buf[i];
                        i += 1;
                        if b == VERSION_PREFIX[k] {
                            if k + 1 == VERSION_PREFIX.len() {
                                self.input.consume(i);
                                self.pos += i as u64;
                                let start = self.pos - VERSION_PREFIX.len() as u64;
                                self.pending = Some(Pending {
                                    start,
                                    rest_of_line: true,
                                });
                                return Ok(Some(start));
                            }
                            matched = Some(k + 1);
                        } else {
                            matched = if b == b'\n' { Some(0) } else { None };
                        }
                    }
                }
            }
            let n = buf.len();
            self.input.consume(n);
            self.pos += n as u64;
        }
    }

    /// Discard `n` bytes. Returns how many were actually there.
    fn skip(&mut self, n: u64) -> io::Result<u64> {
        let skipped = io::copy(&mut (&mut self.input).take(n), &mut io::sink())?;
        self.pos += skipped;
        Ok(skipped)
    }

    /// After a block: consume the `\r\n\r\n` separator (leniently: any CR/LF run),
    /// and check that what follows is a new record or the end of input.
    fn check_record_end(&mut self) -> io::Result<bool> {
        let mut newlines = 0;
        loop {
            let buf = self.input.fill_buf()?;
            match buf.first() {
                None => return Ok(true),
                Some(b'\r' | b'\n') => {
                    if buf[0] == b'\n' {
                        newlines += 1;
                    }
                    self.input.consume(1);
                    self.pos += 1;
                }
                Some(b'W') => return Ok(newlines >= 1),
                Some(_) => return Ok(false),
            }
        }
    }

    fn next_item(&mut self) -> Option<Result<RawPage, WarcError>> {
        let mut line = Vec::with_capacity(256);
        loop {
            if self.done {
                return None;
            }
            // 1. The version line (skipping blank lines between records).
            let start;
            match self.pending.take() {
                Some(Pending {
                    start: pending_start,
                    rest_of_line,
                }) => {
                    start = pending_start;
                    if rest_of_line {
                        match self.read_line(self.options.max_header_bytes, &mut line) {
                            Ok(_) => {}
                            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                                let err = self.record_error(start, "version line too long".into());
                                return Some(self.resync_then(err));
                            }
                            Err(e) => return Some(Err(self.io_error(e))),
                        }
                    }
                }
                None => {
                    loop {
                        let line_start = self.pos;
                        match self.read_line(self.options.max_header_bytes, &mut line) {
                            Ok(None) => {
                                self.done = true;
                                return None;
                            }
                            Ok(Some(())) if line.is_empty() => continue,
                            Ok(Some(())) => {
                                start = line_start;
                                break;
                            }
                            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                                let err = self.record_error(
                                    line_start,
                                    "expected a WARC/1.x version line, found a very long line"
                                        .into(),
                                );
                                return Some(self.resync_then(err));
                            }
                            Err(e) => return Some(Err(self.io_error(e))),
                        }
                    }
                    if !line.starts_with(VERSION_PREFIX) {
                        let shown =
                            String::from_utf8_lossy(&line[..line.len().min(40)]).into_owned();
                        let err = self.record_error(
                            start,
                            format!("expected a WARC/1.x version line, found {shown:?}"),
                        );
                        return Some(self.resync_then(err));
                    }
                }
            }

            // 2. Named fields up to the blank line.
            let mut header_bytes = 0usize;
            let mut content_length: Option<u64> = None;
            let mut length_field_seen = false;
            let mut warc_type = String::new();
            let mut target_uri: Option<String> = None;
            let mut warc_date = String::new();
            loop {
                let budget = self.options.max_header_bytes.saturating_sub(header_bytes);
                let line_start = self.pos;
                match self.read_line(budget, &mut line) {
                    Ok(None) => {
                        self.done = true;
                        return Some(Err(
                            self.record_error(start, "input ends inside the WARC header".into())
                        ));
                    }
                    Ok(Some(())) if line.is_empty() => break,
                    Ok(Some(())) => {}
                    Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                        let max = self.options.max_header_bytes;
                        let err = self.record_error(start, format!("WARC header over {max} bytes"));
                        return Some(self.resync_then(err));
                    }
                    Err(e) => return Some(Err(self.io_error(e))),
                }
                header_bytes += line.len() + 2;
                if line.starts_with(VERSION_PREFIX) {
                    // A new record began before this header ended: this one is broken;
                    // the line just read starts the next record.
                    self.pending = Some(Pending {
                        start: line_start,
                        rest_of_line: false,
                    });
                    return Some(Err(self.record_error(
                        start,
                        "header interrupted by the next record's version line".into(),
                    )));
                }
                let Some(colon) = memchr::memchr(b':', &line) else {
                    continue; // tolerate junk lines; required fields are checked below
                };
                let name = &line[..colon];
                let value = String::from_utf8_lossy(&line[colon + 1..])
                    .trim()
                    .to_string();
                if name.eq_ignore_ascii_case(b"Content-Length") {
                    length_field_seen = true;
                    content_length = value.parse().ok();
                } else if name.eq_ignore_ascii_case(b"WARC-Type") {
                    warc_type = value.to_ascii_lowercase();
                } else if name.eq_ignore_ascii_case(b"WARC-Target-URI") {
                    target_uri = Some(value.trim_matches(|c| c == '<' || c == '>').to_string());
                } else if name.eq_ignore_ascii_case(b"WARC-Date") {
                    warc_date = value;
                }
            }
            let Some(length) = content_length else {
                let reason = if length_field_seen {
                    "Content-Length is not a number"
                } else {
                    "no Content-Length field"
                };
                let err = self.record_error(start, reason.into());
                return Some(self.resync_then(err));
            };
            self.stats.records += 1;
            let record_no = self.stats.records + self.stats.errors;
            *self.stats.by_type.entry(warc_type.clone()).or_insert(0) += 1;

            // 3. The block: read it only if it is a response we may yield.
            let wanted = warc_type == "response";
            let mut block = Vec::new();
            if wanted && length <= self.options.max_record_bytes {
                block.reserve_exact(length as usize);
                match (&mut self.input).take(length).read_to_end(&mut block) {
                    Ok(n) => self.pos += n as u64,
                    Err(e) => return Some(Err(self.io_error(e))),
                }
                if (block.len() as u64) < length {
                    self.done = true;
                    return Some(Err(self.record_error_numbered(
                        record_no,
                        start,
                        format!("truncated: block has {} of {length} bytes", block.len()),
                    )));
                }
            } else {
                if wanted {
                    self.stats.too_large += 1;
                }
                match self.skip(length) {
                    Ok(n) if n < length => {
                        self.done = true;
                        return Some(Err(self.record_error_numbered(
                            record_no,
                            start,
                            format!("truncated: block has {n} of {length} bytes"),
                        )));
                    }
                    Ok(_) => {}
                    Err(e) => return Some(Err(self.io_error(e))),
                }
            }
            match self.check_record_end() {
                Ok(true) => {}
                Ok(false) => {
                    let err = self.record_error_numbered(
                        record_no,
                        start,
                        "block not followed by CRLF CRLF and a new record (wrong Content-Length?)"
                            .into(),
                    );
                    return Some(self.resync_then(err));
                }
                Err(e) => return Some(Err(self.io_error(e))),
            }
            self.stats.bytes = self.pos;
            if block.is_empty() {
                continue;
            }

            // 4. The HTTP response inside.
            match parse_http_response(block, &self.options) {
                Ok(HttpOutcome::Page(mut page)) => {
                    self.stats.pages += 1;
                    page.url = target_uri;
                    page.fetched_at = warc_date;
                    page.source = format!("{}#record-{record_no}", self.name);
                    return Some(Ok(page));
                }
                Ok(HttpOutcome::NotOk) => self.stats.not_ok += 1,
                Ok(HttpOutcome::NotHtml) => self.stats.not_html += 1,
                Ok(HttpOutcome::TooLarge) => self.stats.too_large += 1,
                Err(reason) => {
                    self.stats.errors += 1;
                    return Some(Err(WarcError::Record {
                        input: self.name.clone(),
                        record: record_no,
                        offset: start,
                        reason: format!("HTTP response: {reason}"),
                    }));
                }
            }
        }
    }

    /// An error for a record already counted in `stats.records` (so keep its number).
    fn record_error_numbered(&mut self, record: u64, offset: u64, reason: String) -> WarcError {
        self.stats.records -= 1;
        self.stats.errors += 1;
        WarcError::Record {
            input: self.name.clone(),
            record,
            offset,
            reason,
        }
    }

    /// Return `err` after skipping to the next record.
    fn resync_then(&mut self, err: WarcError) -> Result<RawPage, WarcError> {
        match self.resync() {
            Ok(Some(_)) => {}
            Ok(None) => self.done = true,
            Err(e) => return Err(self.io_error(e)),
        }
        self.stats.bytes = self.pos;
        Err(err)
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<RawPage, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_item()
    }
}

/// What the HTTP response inside a `response` record holds.
enum HttpOutcome {
    Page(RawPage),
    NotOk,
    NotHtml,
    TooLarge,
}

/// Parse an HTTP/1.x response (status line, headers, payload) out of a record block.
fn parse_http_response(mut block: Vec<u8>, options: &WarcOptions) -> Result<HttpOutcome, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let header_len = match httparse::ParserConfig::default()
        .allow_obsolete_multiline_headers_in_responses(true)
        .allow_spaces_after_header_name_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .parse_response(&mut response, &block)
    {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("headers do not end (no blank line)".into()),
        Err(e) => return Err(e.to_string()),
    };
    let status = response.code.unwrap_or(0);
    let mut content_type = None;
    let mut date = None;
    let mut last_modified = None;
    let mut chunked = false;
    let mut encoding = None;
    for h in response.headers.iter() {
        let value = || String::from_utf8_lossy(h.value).trim().to_string();
        if h.name.eq_ignore_ascii_case("content-type") {
            content_type = Some(value());
        } else if h.name.eq_ignore_ascii_case("date") {
            date = Some(value());
        } else if h.name.eq_ignore_ascii_case("last-modified") {
            last_modified = Some(value());
        } else if h.name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value().to_ascii_lowercase().contains("chunked");
        } else if h.name.eq_ignore_ascii_case("content-encoding") {
            encoding = Some(value().to_ascii_lowercase());
        }
    }
    if !(200..300).contains(&status) {
        return Ok(HttpOutcome::NotOk);
    }
    if options.html_only && !content_type.as_deref().is_some_and(is_html_content_type) {
        return Ok(HttpOutcome::NotHtml);
    }
    // The payload, in place: drop the HTTP header bytes.
    block.drain(..header_len);
    if chunked {
        // Archives differ on whether they store the chunked framing; undo it when present.
        if let Some(body) = dechunk(&block) {
            block = body;
        }
    }
    let body = match encoding.as_deref() {
        Some("gzip" | "x-gzip") if block.starts_with(&[0x1f, 0x8b]) => {
            match decompress(MultiGzDecoder::new(&block[..]), options.max_payload_bytes) {
                Decompressed::Ok(v) => v,
                Decompressed::TooLarge => return Ok(HttpOutcome::TooLarge),
                Decompressed::Corrupt(e) => return Err(format!("gzip payload: {e}")),
            }
        }
        Some("deflate") => {
            match decompress(ZlibDecoder::new(&block[..]), options.max_payload_bytes) {
                Decompressed::Ok(v) => v,
                Decompressed::TooLarge => return Ok(HttpOutcome::TooLarge),
                // Some servers send raw deflate; leave it to the extract stage's sniffing.
                Decompressed::Corrupt(_) => block,
            }
        }
        _ => block,
    };
    if body.len() > options.max_payload_bytes {
        return Ok(HttpOutcome::TooLarge);
    }
    let http_charset = content_type.as_deref().and_then(parse_content_type_charset);
    Ok(HttpOutcome::Page(RawPage {
        url: None,
        bytes: body,
        status,
        content_type: content_type
            .map(|c| media_type(&c).to_string())
            .filter(|c| !c.is_empty()),
        http_charset,
        http_date: date,
        last_modified,
        fetched_at: String::new(),
        source: String::new(),
    }))
}

enum Decompressed {
    Ok(Vec<u8>),
    TooLarge,
    Corrupt(io::Error),
}

/// Decompress at most `max` bytes (one more is read to detect overflow).
fn decompress(reader: impl Read, max: usize) -> Decompressed {
    let mut out = Vec::new();
    match reader.take(max as u64 + 1).read_to_end(&mut out) {
        Ok(n) if n > max => Decompressed::TooLarge,
        Ok(_) => Decompressed::Ok(out),
        Err(e) => Decompressed::Corrupt(e),
    }
}

/// Undo HTTP/1.1 chunked framing; `None` when `data` is not validly chunked.
fn dechunk(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    let mut rest = data;
    loop {
        let eol = memchr::memchr(b'\n', rest)?;
        let size_line = std::str::from_utf8(&rest[..eol]).ok()?.trim();
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        rest = &rest[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        if rest.len() < size {
            return None;
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))?;
    }
}

/// Writes WARC/1.0 records, plain or gzipped one member per record (the usual `.warc.gz`
/// layout, which lets readers seek to a record).
pub struct WarcWriter<W: Write> {
    out: W,
    gzip: bool,
    counter: u64,
}

impl<W: Write> WarcWriter<W> {
    /// A writer; with `gzip`, every record is its own gzip member.
    pub fn new(out: W, gzip: bool) -> Self {
        WarcWriter {
            out,
            gzip,
            counter: 0,
        }
    }

    /// Write a `response` record holding `http` (a full HTTP response: status line,
    /// headers, blank line, payload) for `uri`, fetched at `date` (RFC 3339).
    pub fn write_response(&mut self, uri: &str, date: &str, http: &[u8]) -> io::Result<()> {
        self.write_record(
            "response",
            Some(uri),
            date,
            "application/http; msgtype=response",
            http,
        )
    }

    /// Write one record of any type.
    pub fn write_record(
        &mut self,
        warc_type: &str,
        uri: Option<&str>,
        date: &str,
        content_type: &str,
        block: &[u8],
    ) -> io::Result<()> {
        self.counter += 1;
        let mut header = String::with_capacity(256);
        header.push_str("WARC/1.0\r\n");
        header.push_str(&format!("WARC-Type: {warc_type}\r\n"));
        header.push_str(&format!(
            "WARC-Record-ID: {}\r\n",
            record_id(uri, date, self.counter)
        ));
        header.push_str(&format!("WARC-Date: {date}\r\n"));
        if let Some(uri) = uri {
            header.push_str(&format!("WARC-Target-URI: {uri}\r\n"));
        }
        header.push_str(&format!("Content-Type: {content_type}\r\n"));
        header.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
        if self.gzip {
            let mut gz = flate2::write::GzEncoder::new(&mut self.out, flate2::Compression::fast());
            gz.write_all(header.as_bytes())?;
            gz.write_all(block)?;
            gz.write_all(b"\r\n\r\n")?;
            gz.finish()?;
        } else {
            self.out.write_all(header.as_bytes())?;
            self.out.write_all(block)?;
            self.out.write_all(b"\r\n\r\n")?;
        }
        Ok(())
    }

    /// Flush and return the underlying writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A `<urn:uuid:…>` record id, unique within a writer and stable for the same inputs.
fn record_id(uri: Option<&str>, date: &str, counter: u64) -> String {
    use std::hash::{Hash, Hasher};
    let mut h1 = std::collections::hash_map::DefaultHasher::new();
    (uri, date, counter).hash(&mut h1);
    let a = h1.finish();
    let mut h2 = std::collections::hash_map::DefaultHasher::new();
    (a, counter, "newsdesk").hash(&mut h2);
    let b = h2.finish();
    format!(
        "<urn:uuid:{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}>",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        b >> 52,
        b & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n").as_deref(),
            Some(&b"hello world"[..])
        );
        assert_eq!(dechunk(b"<html>"), None);
        assert_eq!(dechunk(b"ff\r\nshort"), None);
    }

    #[test]
    fn record_ids_differ() {
        assert_ne!(record_id(Some("a"), "d", 1), record_id(Some("a"), "d", 2));
        assert!(record_id(None, "d", 1).starts_with("<urn:uuid:"));
    }
}
