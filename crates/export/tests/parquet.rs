//! Round trip: rows written by the sink read back with the same schema and values.

use newsdesk_analyze::{analyze_article, AnalyzeOptions};
use newsdesk_export::{schema, ArticleRow, ParquetSink, Provenance, SinkOptions};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn row(body: &str, n: usize) -> ArticleRow {
    let article = newsdesk_extract::Article {
        source: format!("test#{n}"),
        title: Some(format!("Headline {n}")),
        authors: vec!["Rui Prates".into()],
        body: body.into(),
        word_count: body.split_whitespace().count(),
        ..Default::default()
    };
    let analyzed = analyze_article(&article, &AnalyzeOptions::default());
    ArticleRow::new(
        &analyzed,
        Provenance {
            url: Some(format!("https://example.org/{n}")),
            fetched_at: Some("2024-03-01T10:00:00Z".into()),
        },
    )
}

#[test]
fn rows_round_trip_through_parquet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("part-0.parquet");
    let body = "Harbour master Ines Duarte said the port would reopen on Monday.\n\
                “We are ready,” she said.";
    let options = SinkOptions {
        batch_rows: 2, // several batches
        ..SinkOptions::default()
    };
    let mut sink = ParquetSink::create(&path, options).unwrap();
    for n in 0..5 {
        sink.push(row(body, n)).unwrap();
    }
    assert_eq!(sink.finish().unwrap(), 5);

    let file = std::fs::File::open(&path).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    assert_eq!(reader.schema().fields(), schema().fields());
    let batches: Vec<_> = reader.build().unwrap().map(|b| b.unwrap()).collect();
    let total: usize = batches.iter().map(|b| b.num_rows()).sum();
    assert_eq!(total, 5);
    let first = &batches[0];
    let quotes = first
        .column_by_name("quotes")
        .unwrap()
        .as_any()
        .downcast_ref::<arrow_array::ListArray>()
        .unwrap();
    let expected = row(body, 0).quotes.len();
    assert!(expected >= 1);
    assert_eq!(quotes.value(0).len(), expected);
    let urls = first
        .column_by_name("url")
        .unwrap()
        .as_any()
        .downcast_ref::<arrow_array::StringArray>()
        .unwrap();
    assert_eq!(urls.value(1), "https://example.org/1");
}

#[test]
fn unwritable_path_names_the_file() {
    let err = ParquetSink::create(
        "/nonexistent-dir/x/part.parquet".as_ref(),
        SinkOptions::default(),
    )
    .err()
    .unwrap();
    assert!(err.to_string().contains("/nonexistent-dir/x/part.parquet"));
}
