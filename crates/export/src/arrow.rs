//! The export schema in Arrow: [`schema`], [`BatchBuilder`] (rows → record batches) and
//! [`ipc_stream`] (batches → Arrow IPC stream bytes, what the Python bindings hand to
//! pyarrow, Spark and Ray without any per-row Python work).

use crate::ArticleRow;
use arrow_array::RecordBatch;
use arrow_json::reader::Decoder;
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema, SchemaRef};
use std::sync::Arc;

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

/// Turns [`ArticleRow`]s into [`RecordBatch`]es of the export [`schema`].
///
/// ```
/// use newsdesk_export::{ArticleRow, BatchBuilder};
/// let mut builder = BatchBuilder::new().unwrap();
/// let batch = builder.build(&[ArticleRow::default(), ArticleRow::default()]).unwrap();
/// assert_eq!(batch.num_rows(), 2);
/// assert_eq!(batch.schema(), newsdesk_export::schema());
/// ```
pub struct BatchBuilder {
    schema: SchemaRef,
    // Rows go through serde into arrow-json's tape decoder: one code path, driven by
    // the same serde derive as the JSON output, so columns cannot drift from the rows.
    decoder: Decoder,
}

impl BatchBuilder {
    /// A builder for the export schema.
    pub fn new() -> Result<BatchBuilder, ArrowError> {
        let schema = schema();
        let decoder = arrow_json::ReaderBuilder::new(schema.clone())
            .with_batch_size(1024)
            .build_decoder()?;
        Ok(BatchBuilder { schema, decoder })
    }

    /// One batch holding `rows`, in order (an empty batch for no rows).
    pub fn build(&mut self, rows: &[ArticleRow]) -> Result<RecordBatch, ArrowError> {
        self.decoder.serialize(rows)?;
        Ok(self
            .decoder
            .flush()?
            .unwrap_or_else(|| RecordBatch::new_empty(self.schema.clone())))
    }
}

/// `batches` as one Arrow IPC stream (schema message, then the batches), the bytes
/// `pyarrow.ipc.open_stream` reads. The stream carries the export [`schema`] even
/// when `batches` is empty.
pub fn ipc_stream(batches: &[RecordBatch]) -> Result<Vec<u8>, ArrowError> {
    let bytes: usize = batches.iter().map(|b| b.get_array_memory_size()).sum();
    let mut out = Vec::with_capacity(bytes + 4096);
    let mut writer = arrow_ipc::writer::StreamWriter::try_new(&mut out, &schema())?;
    for batch in batches {
        writer.write(batch)?;
    }
    writer.finish()?;
    drop(writer);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EventRow, PersonRow, QuoteRow};

    fn row() -> ArticleRow {
        ArticleRow {
            source: "a.warc.gz#record-1".into(),
            url: Some("https://x.example/a".into()),
            body: "Ana Lima said “it opens” on Monday.".into(),
            word_count: 7,
            authors: vec!["B. Reporter".into()],
            quotes: vec![QuoteRow {
                text: "it opens".into(),
                kind: "direct".into(),
                part: "body".into(),
                start: 14,
                end: 24,
                speaker: Some("Ana Lima".into()),
                ..QuoteRow::default()
            }],
            people: vec![PersonRow {
                name: "Ana Lima".into(),
                roles: vec!["mayor".into()],
                mentions: 1,
            }],
            events: vec![EventRow {
                what: "opens".into(),
                place: None,
                when: Some("on Monday".into()),
                date: None,
                participants: vec![],
            }],
            ..ArticleRow::default()
        }
    }

    #[test]
    fn ipc_stream_round_trips() {
        let mut builder = BatchBuilder::new().unwrap();
        let first = builder.build(&[row(), ArticleRow::default()]).unwrap();
        let second = builder.build(&[row()]).unwrap();
        let bytes = ipc_stream(&[first.clone(), second.clone()]).unwrap();
        let reader = arrow_ipc::reader::StreamReader::try_new(&bytes[..], None).unwrap();
        assert_eq!(reader.schema(), schema());
        let back: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
        assert_eq!(back, vec![first, second]);
        assert_eq!(back[0].num_rows(), 2);
    }

    #[test]
    fn no_rows_is_an_empty_batch_and_the_stream_keeps_the_schema() {
        let mut builder = BatchBuilder::new().unwrap();
        let empty = builder.build(&[]).unwrap();
        assert_eq!(empty.num_rows(), 0);
        let bytes = ipc_stream(&[]).unwrap();
        let reader = arrow_ipc::reader::StreamReader::try_new(&bytes[..], None).unwrap();
        assert_eq!(reader.schema(), schema());
        assert_eq!(reader.count(), 0);
    }
}
