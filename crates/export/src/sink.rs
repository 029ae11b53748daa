//! [`ParquetSink`]: write [`ArticleRow`]s to a Parquet file in the export [`schema`].

use crate::{schema, ArticleRow, BatchBuilder};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

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
    batches: BatchBuilder,
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
        let batches = BatchBuilder::new().map_err(|source| ExportError::Arrow {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(ParquetSink {
            path: path.to_path_buf(),
            options,
            batches,
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
        let batch = self.batches.build(&self.pending).map_err(arrow)?;
        self.writer
            .write(&batch)
            .map_err(|source| ExportError::Parquet {
                path: self.path.clone(),
                source,
            })?;
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
