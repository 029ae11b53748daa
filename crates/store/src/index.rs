//! The full-text index (tantivy): one document per article and one per quote.
//!
//! Architecture invariant: the index is derived data. Every document in it can be
//! rebuilt from the database, and each commit records in its payload the database's
//! index-queue watermark it reflects (see `crate::Store`'s recovery notes).

use crate::error::{Error, Result};
use crate::model::DocKind;
use crate::text::{self, TOKENIZER};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::directory::error::LockError;
use tantivy::directory::MmapDirectory;
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, MoreLikeThisQuery, Occur, PhraseQuery, Query, QueryParser,
    RangeQuery, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, OwnedValue, Schema, TextFieldIndexing, TextOptions,
    Value, STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

/// Memory the index writer may buffer before it flushes a segment, in bytes.
const WRITER_MEMORY_BYTES: usize = 64 << 20;

/// The schema's fields.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    /// `article` or `quote` (raw string).
    pub kind: Field,
    /// The article's id (for quotes: the article they are in). Indexed for deletes.
    pub article_id: Field,
    /// The quote's id; 0 for article documents.
    pub quote_id: Field,
    /// Headline (articles only).
    pub title: Field,
    /// Body (articles) or quote text (quotes).
    pub text: Field,
    /// Resolved speaker name and role (quotes only).
    pub speaker: Field,
    /// Names of people mentioned (articles) or of the speaker (quotes).
    pub person: Field,
    /// Site name and URL host.
    pub site: Field,
    /// Sort/filter date, Unix seconds.
    pub date: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let id_opts = NumericOptions::default()
        .set_indexed()
        .set_fast()
        .set_stored();
    let fields = Fields {
        kind: b.add_text_field("kind", STRING),
        article_id: b.add_u64_field("article_id", id_opts.clone()),
        quote_id: b.add_u64_field("quote_id", NumericOptions::default().set_stored()),
        title: b.add_text_field("title", text_opts.clone()),
        text: b.add_text_field("text", text_opts.clone()),
        speaker: b.add_text_field("speaker", text_opts.clone()),
        person: b.add_text_field("person", text_opts.clone()),
        site: b.add_text_field("site", text_opts),
        date: b.add_i64_field("date", NumericOptions::default().set_indexed().set_fast()),
    };
    (b.build(), fields)
}

/// What the index needs of one quote.
pub(crate) struct QuoteDoc<'a> {
    pub id: i64,
    pub text: &'a str,
    /// Resolved speaker name, or the mention as written.
    pub speaker: Option<&'a str>,
    pub speaker_role: Option<&'a str>,
}

/// What the index needs of one article (its current version) and its quotes.
pub(crate) struct ArticleDoc<'a> {
    pub id: i64,
    pub title: Option<&'a str>,
    pub body: &'a str,
    pub people: Vec<&'a str>,
    pub site: Option<&'a str>,
    pub host: Option<&'a str>,
    pub date: i64,
    pub quotes: Vec<QuoteDoc<'a>>,
}

/// The filters of a search, already parsed.
pub(crate) struct Filters<'a> {
    pub speaker: Option<&'a str>,
    pub person: Option<&'a str>,
    pub site: Option<&'a str>,
    pub since: Option<i64>,
    pub until: Option<i64>,
    pub kind: Option<DocKind>,
}

/// One raw hit: score, kind, article id, quote id.
pub(crate) struct RawHit {
    pub score: f32,
    pub kind: DocKind,
    pub article_id: i64,
    pub quote_id: i64,
}

/// The tantivy index of a data directory.
pub(crate) struct SearchIndex {
    path: PathBuf,
    index: Index,
    reader: IndexReader,
    writer: Option<IndexWriter>,
    pub fields: Fields,
    analyzer: TextAnalyzer,
}

impl SearchIndex {
    /// Open (or create) the index in `path`; with `writable`, take the writer lock.
    pub fn open(path: &Path, writable: bool) -> Result<SearchIndex> {
        std::fs::create_dir_all(path).map_err(|cause| Error::Io {
            path: path.to_path_buf(),
            cause,
        })?;
        let err = |cause| Error::Index {
            path: path.to_path_buf(),
            cause,
        };
        let dir = MmapDirectory::open(path).map_err(|e| err(e.into()))?;
        let (schema, fields) = schema();
        let index = Index::open_or_create(dir, schema).map_err(err)?;
        index.tokenizers().register(TOKENIZER, text::analyzer());
        let policy = if writable {
            ReloadPolicy::Manual
        } else {
            ReloadPolicy::OnCommitWithDelay
        };
        let reader = index
            .reader_builder()
            .reload_policy(policy)
            .try_into()
            .map_err(err)?;
        let writer = if writable {
            match index.writer_with_num_threads(1, WRITER_MEMORY_BYTES) {
                Ok(w) => Some(w),
                Err(tantivy::TantivyError::LockFailure(LockError::LockBusy, _)) => {
                    return Err(Error::Busy(path.parent().unwrap_or(path).to_path_buf()))
                }
                Err(e) => return Err(err(e)),
            }
        } else {
            None
        };
        Ok(SearchIndex {
            path: path.to_path_buf(),
            index,
            reader,
            writer,
            fields,
            analyzer: text::analyzer(),
        })
    }

    fn err(&self, cause: tantivy::TantivyError) -> Error {
        Error::Index {
            path: self.path.clone(),
            cause,
        }
    }

    fn writer(&mut self) -> Result<&mut IndexWriter> {
        match self.writer.as_mut() {
            Some(w) => Ok(w),
            None => Err(Error::ReadOnly(self.path.clone())),
        }
    }

    /// The database watermark of the last commit, `None` for a never-committed index.
    pub fn watermark(&self) -> Result<Option<i64>> {
        let metas = self.index.load_metas().map_err(|e| self.err(e))?;
        Ok(metas.payload.and_then(|p| p.trim().parse().ok()))
    }

    /// Remove every document of an article (its article document and its quotes).
    pub fn delete_article(&mut self, id: i64) -> Result<()> {
        let term = Term::from_field_u64(self.fields.article_id, id as u64);
        self.writer()?.delete_term(term);
        Ok(())
    }

    /// Remove everything (for a rebuild).
    pub fn delete_all(&mut self) -> Result<()> {
        let path = self.path.clone();
        self.writer()?
            .delete_all_documents()
            .map_err(|cause| Error::Index { path, cause })?;
        Ok(())
    }

    /// Replace an article's documents: delete what the index has for it, then add
    /// its article document and one document per quote.
    pub fn put_article(&mut self, a: &ArticleDoc<'_>) -> Result<()> {
        self.delete_article(a.id)?;
        let f = self.fields;
        let mut site = String::new();
        for s in [a.site, a.host].into_iter().flatten() {
            site.push_str(s);
            site.push('\n');
        }
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, DocKind::Article.as_str());
        doc.add_u64(f.article_id, a.id as u64);
        doc.add_u64(f.quote_id, 0);
        if let Some(t) = a.title {
            doc.add_text(f.title, t);
        }
        doc.add_text(f.text, a.body);
        for p in &a.people {
            doc.add_text(f.person, p);
        }
        doc.add_text(f.site, &site);
        doc.add_i64(f.date, a.date);
        let path = self.path.clone();
        let w = self.writer()?;
        w.add_document(doc).map_err(|cause| Error::Index {
            path: path.clone(),
            cause,
        })?;
        for q in &a.quotes {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.kind, DocKind::Quote.as_str());
            doc.add_u64(f.article_id, a.id as u64);
            doc.add_u64(f.quote_id, q.id as u64);
            doc.add_text(f.text, q.text);
            if let Some(s) = q.speaker {
                doc.add_text(f.speaker, s);
                doc.add_text(f.person, s);
            }
            if let Some(r) = q.speaker_role {
                doc.add_text(f.speaker, r);
            }
            doc.add_text(f.site, &site);
            doc.add_i64(f.date, a.date);
            w.add_document(doc).map_err(|cause| Error::Index {
                path: path.clone(),
                cause,
            })?;
        }
        Ok(())
    }

    /// Commit everything added or deleted since the last commit, recording `watermark`
    /// (the database's index-queue position) in the same atomic step; then refresh readers.
    pub fn commit(&mut self, watermark: i64) -> Result<()> {
        let path = self.path.clone();
        let err = |cause| Error::Index {
            path: path.clone(),
            cause,
        };
        let w = self.writer()?;
        let mut prepared = w.prepare_commit().map_err(err)?;
        prepared.set_payload(&watermark.to_string());
        prepared.commit().map_err(err)?;
        self.reader.reload().map_err(err)?;
        Ok(())
    }

    /// A searcher over the last commit (refreshing first when read-only and stale).
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Fold text into index tokens.
    pub fn tokens(&self, s: &str) -> Vec<String> {
        // A clone per call keeps reads `&self`; it is a few small allocations.
        text::tokens(&mut self.analyzer.clone(), s)
    }

    /// Build the query for `text` and `filters`. Returns the full query and the text
    /// part alone (for snippets), or `None` when nothing can match (a filter with no words).
    pub fn build_query(
        &self,
        text: &str,
        filters: &Filters<'_>,
    ) -> Result<(Box<dyn Query>, Box<dyn Query>)> {
        let f = self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.text]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, 2.0);
        let text_query: Box<dyn Query> = if text.trim().is_empty() {
            Box::new(AllQuery)
        } else {
            let (q, _errors) = parser.parse_query_lenient(text);
            q
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        for (value, field) in [
            (filters.speaker, f.speaker),
            (filters.person, f.person),
            (filters.site, f.site),
        ] {
            if let Some(v) = value {
                clauses.push((Occur::Must, self.words_query(field, v)));
            }
        }
        if filters.speaker.is_some() && filters.kind.is_none() {
            clauses.push((Occur::Must, kind_query(f.kind, DocKind::Quote)));
        }
        if let Some(k) = filters.kind {
            clauses.push((Occur::Must, kind_query(f.kind, k)));
        }
        if filters.since.is_some() || filters.until.is_some() {
            let lo = filters.since.map_or(Bound::Unbounded, |s| {
                Bound::Included(Term::from_field_i64(f.date, s))
            });
            let hi = filters.until.map_or(Bound::Unbounded, |s| {
                Bound::Included(Term::from_field_i64(f.date, s))
            });
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        Ok((Box::new(BooleanQuery::new(clauses)), text_query))
    }

    /// All the words of `value` in `field`, in order (a phrase when several).
    fn words_query(&self, field: Field, value: &str) -> Box<dyn Query> {
        let terms: Vec<Term> = self
            .tokens(value)
            .iter()
            .map(|t| Term::from_field_text(field, t))
            .collect();
        match terms.len() {
            0 => Box::new(EmptyQuery),
            1 => Box::new(TermQuery::new(
                terms.into_iter().next().expect("one term"),
                IndexRecordOption::Basic,
            )),
            _ => Box::new(PhraseQuery::new(terms)),
        }
    }

    /// Run `query`: the total count and the hits `offset..offset+limit`, best first.
    pub fn search(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        limit: usize,
        offset: usize,
    ) -> Result<(usize, Vec<RawHit>)> {
        let f = self.fields;
        let (top, total) = searcher
            .search(
                query,
                &(TopDocs::with_limit(limit.max(1)).and_offset(offset), Count),
            )
            .map_err(|e| self.err(e))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top.into_iter().take(limit) {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.err(e))?;
            let article_id = doc
                .get_first(f.article_id)
                .and_then(|v| v.as_u64())
                .unwrap_or(0) as i64;
            let quote_id = doc
                .get_first(f.quote_id)
                .and_then(|v| v.as_u64())
                .unwrap_or(0) as i64;
            let kind = if quote_id != 0 {
                DocKind::Quote
            } else {
                DocKind::Article
            };
            hits.push(RawHit {
                score,
                kind,
                article_id,
                quote_id,
            });
        }
        Ok((total, hits))
    }

    /// A snippet generator for the text part of a query, over the `text` field.
    pub fn snippet_generator(
        &self,
        searcher: &Searcher,
        text_query: &dyn Query,
        max_chars: usize,
    ) -> Result<SnippetGenerator> {
        let mut g = SnippetGenerator::create(searcher, text_query, self.fields.text)
            .map_err(|e| self.err(e))?;
        g.set_max_num_chars(max_chars);
        Ok(g)
    }

    /// Every article id that has an article document, and the number of quote documents.
    /// Article ids are listed once per document, so duplicates show as repeats.
    pub fn census(&self) -> Result<(Vec<i64>, usize)> {
        let searcher = self.searcher();
        let f = self.fields;
        let docs = searcher
            .search(&*kind_query(f.kind, DocKind::Article), &DocSetCollector)
            .map_err(|e| self.err(e))?;
        let mut ids = Vec::with_capacity(docs.len());
        for addr in docs {
            let reader = searcher.segment_reader(addr.segment_ord);
            let col = reader
                .fast_fields()
                .u64("article_id")
                .map_err(|e| self.err(e))?;
            if let Some(v) = col.first(addr.doc_id) {
                ids.push(v as i64);
            }
        }
        let quotes = searcher
            .search(&*kind_query(f.kind, DocKind::Quote), &Count)
            .map_err(|e| self.err(e))?;
        Ok((ids, quotes))
    }

    /// Bytes the index takes on disk.
    pub fn bytes_on_disk(&self) -> u64 {
        dir_size(&self.path)
    }
}

impl SearchIndex {
    /// Articles most like a text (title and body), best first: a more-like-this query
    /// of the text's 100 weightiest words by TF-IDF (function words left out), at most
    /// `limit` hits as (score, article id). Many words, because the weightiest are those
    /// of the text's own story, while what it shares with other stories (places,
    /// people, subjects) is commoner.
    pub fn more_like(&self, title: &str, body: &str, limit: usize) -> Result<Vec<(f32, i64)>> {
        let f = self.fields;
        let stop: Vec<String> = newsdesk_relate::text::FUNCTION_WORDS
            .iter()
            .map(|w| w.to_string())
            .collect();
        let mlt = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_max_query_terms(100)
            .with_min_word_length(3)
            .with_boost_factor(1.0)
            .with_stop_words(stop)
            .with_document_fields(vec![
                (f.title, vec![OwnedValue::Str(title.to_string())]),
                (f.text, vec![OwnedValue::Str(body.to_string())]),
            ]);
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(mlt) as Box<dyn Query>),
            (Occur::Must, kind_query(f.kind, DocKind::Article)),
        ]);
        let searcher = self.searcher();
        let (_, hits) = self.search(&searcher, &query, limit, 0)?;
        Ok(hits.into_iter().map(|h| (h.score, h.article_id)).collect())
    }
}

fn kind_query(field: Field, kind: DocKind) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, kind.as_str()),
        IndexRecordOption::Basic,
    ))
}

fn dir_size(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}
