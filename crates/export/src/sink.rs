//! [`ParquetSink`]: write [`ArticleRow`]s to a Parquet file in the export [`schema`].

use crate::ArticleRow;
use arrow_array::RecordBatch;
use arrow_json::reader::Decoder;
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why an export failed; every message names the output file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file could not be created or written.
    #[error("{path}: {source}")]
    Io {
        /// The output file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Rows could not be converted to Arrow (a bug: rows and schema disagree).
    #[error("{path}: converting rows to Arrow: {source}")]
    Arrow {
        /// The output file.
        path: PathBuf,
        /// The Arrow error.
        source: arrow_schema::ArrowError,
    },
    /// The Parquet writer failed.
    #[error("{path}: writing Parquet: {source}")]
    Parquet {
        /// The output file.
        path: PathBuf,
        /// The Parquet error.
        source: parquet::errors::ParquetError,
    },
}

/// Buffering of a [`ParquetSink`]. Memory stays near `max_batch_bytes` plus one row group.
#[derive(Debug, Clone)]
pub struct SinkOptions {
    /// Rows per Arrow batch handed to the Parquet writer. Default 1024.
    pub batch_rows: usize,
    /// A batch is also cut when its bodies reach this many bytes. Default 32 MiB.
    pub max_batch_bytes: usize,
}

impl Default for SinkOptions {
    fn default() -> Self {
        SinkOptions {
            batch_rows: 1024,
            max_batch_bytes: 32 << 20,
        }
    }
}

fn list_of(item: DataType) -> DataType {
    // "element" is the item name Spark writes; the same name keeps the schemas identical.
    DataType::List(Arc::new(Field::new("element", item, true)))
}

fn string(name: &str) -> Field {
    Field::new(name, DataType::Utf8, true)
}

fn int64(name: &str) -> Field {
    Field::new(name, DataType::Int64, true)
}

/// The Arrow schema of the export (see the crate docs for the column table).
pub fn schema() -> SchemaRef {
    let strings = list_of(DataType::Utf8);
    let quote = Fields::from(vec![
        string("text"),
        string("kind"),
        string("part"),
        int64("start"),
        int64("end"),
        string("cue"),
        string("speaker"),
        string("speaker_role"),
        string("speaker_kind"),
    ]);
    let person = Fields::from(vec![
        string("name"),
        Field::new("roles", strings.clone(), true),
        int64("mentions"),
    ]);
    let event = Fields::from(vec![
        string("what"),
        string("where"),
        string("when"),
        string("date"),
        Field::new("participants", strings.clone(), true),
    ]);
    Arc::new(Schema::new(vec![
        string("source"),
        string("url"),
        string("fetched_at"),
        string("title"),
        string("dek"),
        Field::new("authors", strings.clone(), true),
        string("published"),
        string("modified"),
        string("language"),
        string("site_name"),
        string("canonical_url"),
        string("body"),
        int64("word_count"),
        Field::new("quotes", list_of(DataType::Struct(quote)), true),
        Field::new("people", list_of(DataType::Struct(person)), true),
        Field::new("organizations", strings.clone(), true),
        Field::new("places", strings, true),
        Field::new("events", list_of(DataType::Struct(event)), true),
    ]))
}

/// Writes rows to one Parquet file (Snappy-compressed), in batches.
///
/// ```no_run
/// # use newsdesk_export::{ArticleRow, ParquetSink, SinkOptions};
/// let mut sink = ParquetSink::create("out/part-0.parquet".as_ref(), SinkOptions::default())?;
/// sink.push(ArticleRow::default())?;
/// let rows = sink.finish()?;
/// # Ok::<(), newsdesk_export::ExportError>(())
/// ```
pub struct ParquetSink {
    path: PathBuf,
    options: SinkOptions,
    decoder: Decoder,
    writer: ArrowWriter<BufWriter<File>>,
    pending: Vec<ArticleRow>,
    pending_bytes: usize,
    rows: u64,
}

impl ParquetSink {
    /// Create (or truncate) the file at `path`.
    pub fn create(path: &Path, options: SinkOptions) -> Result<ParquetSink, ExportError> {
        let file = File::create(path).map_err(|source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let schema = schema();
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let writer = ArrowWriter::try_new(BufWriter::new(file), schema.clone(), Some(props))
            .map_err(|source| ExportError::Parquet {
                path: path.to_path_buf(),
                source,
            })?;
        let decoder = arrow_json::ReaderBuilder::new(schema)
            .with_batch_size(options.batch_rows.max(1))
            .build_decoder()
            .map_err(|source| ExportError::Arrow {
                path: path.to_path_buf(),
                source,
            })?;
        Ok(ParquetSink {
            path: path.to_path_buf(),
            options,
            decoder,
            writer,
            pending: Vec::new(),
            pending_bytes: 0,
            rows: 0,
        })
    }

    /// Add one row; a batch is written when full.
    pub fn push(&mut self, row: ArticleRow) -> Result<(), ExportError> {
        self.pending_bytes += row.body.len();
        self.pending.push(row);
        if self.pending.len() >= self.options.batch_rows.max(1)
            || self.pending_bytes >= self.options.max_batch_bytes
        {
            self.write_pending()?;
        }
        Ok(())
    }

    fn write_pending(&mut self) -> Result<(), ExportError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let arrow = |source| ExportError::Arrow {
            path: self.path.clone(),
            source,
        };
        self.decoder.serialize(&self.pending).map_err(arrow)?;
        let batch: Option<RecordBatch> = self.decoder.flush().map_err(arrow)?;
        if let Some(batch) = batch {
            self.writer
                .write(&batch)
                .map_err(|source| ExportError::Parquet {
                    path: self.path.clone(),
                    source,
                })?;
        }
        self.rows += self.pending.len() as u64;
        self.pending.clear();
        self.pending_bytes = 0;
        Ok(())
    }

    /// Write what is buffered, close the file, and return how many rows it holds.
    pub fn finish(mut self) -> Result<u64, ExportError> {
        self.write_pending()?;
        let path = self.path.clone();
        self.writer
            .close()
            .map_err(|source| ExportError::Parquet { path, source })?;
        Ok(self.rows)
    }
}
