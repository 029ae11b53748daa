//! The SQLite schema: the store's source of truth.
//!
//! - `articles`: one row per article (identity: canonical URL, else content hash or
//!   source path), pointing at its current version.
//! - `versions`: every version's text, metadata (Article JSON without body) and
//!   analysis (Analysis JSON), with the change summary from the previous version.
//! - `entities`: people, organisations and groups, one row per (kind, folded name),
//!   with quote and article counters kept in step with `quotes` and `mentions`;
//!   `entity_tokens` indexes their names' folded words for name lookups.
//! - `quotes`, `mentions`, `roles`: rows of current versions only.
//! - `person_months`, `person_roles`: per-person aggregates of `quotes` (per month) and
//!   `roles` (articles, first and last date), kept in step on every write so that a
//!   person page costs the same for someone quoted 10 times or 100,000 times.
//! - `article_relate`: per article (first version), its copy group (id of the group's
//!   first stored article; the original is its earliest-dated member), the article it
//!   was found to copy, its story, its copy fingerprint (`4 · (1 + sketch)` bytes: the
//!   shingle count then the sketch hashes, u32 little-endian) and the people and place
//!   names the story clusterer saw (JSON), so that relate state can be rebuilt on open.
//! - `stories`: per story (id = id of its first article): title, first and last date,
//!   article count, main people and places (JSON `[{"name","articles"}]`).
//! - `index_queue`: the outbox of articles whose index documents must be (re)written;
//!   the index's commit payload says how far it has been applied.

/// Bumped when the schema changes incompatibly.
pub(crate) const SCHEMA_VERSION: i64 = 1;

pub(crate) const CREATE: &str = r#"
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id           INTEGER PRIMARY KEY,
    url          TEXT UNIQUE,
    source       TEXT NOT NULL,
    site         TEXT,
    host         TEXT,
    title        TEXT,
    published    TEXT,
    date         INTEGER NOT NULL,
    first_seen   INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    version_id   INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    word_count   INTEGER NOT NULL,
    quote_count  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date DESC, id DESC);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source) WHERE url IS NULL;
CREATE TABLE IF NOT EXISTS versions (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    ingested_at  INTEGER NOT NULL,
    source       TEXT NOT NULL,
    title        TEXT,
    body         TEXT NOT NULL,
    article      TEXT NOT NULL,
    analysis     TEXT NOT NULL,
    changes      TEXT,
    UNIQUE (article_id, version)
);
CREATE INDEX IF NOT EXISTS versions_hash ON versions(content_hash);
CREATE TABLE IF NOT EXISTS entities (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    key           TEXT NOT NULL,
    surname       TEXT NOT NULL,
    quote_count   INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (key, kind)
);
CREATE INDEX IF NOT EXISTS entities_quotes ON entities(kind, quote_count DESC);
CREATE INDEX IF NOT EXISTS entities_surname ON entities(kind, surname);
CREATE TABLE IF NOT EXISTS entity_tokens (
    token     TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    PRIMARY KEY (token, entity_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quotes (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL,
    ord          INTEGER NOT NULL,
    person_id    INTEGER,
    date         INTEGER NOT NULL,
    text         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    speaker      TEXT,
    speaker_role TEXT,
    speaker_kind TEXT,
    cue          TEXT
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS quotes_person_date ON quotes(person_id, date DESC, id DESC);
CREATE TABLE IF NOT EXISTS mentions (
    person_id  INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    date       INTEGER NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (person_id, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE INDEX IF NOT EXISTS mentions_person_date ON mentions(person_id, date DESC, article_id DESC);
CREATE TABLE IF NOT EXISTS roles (
    person_id  INTEGER NOT NULL,
    role       TEXT NOT NULL,
    article_id INTEGER NOT NULL,
    date       INTEGER NOT NULL,
    PRIMARY KEY (person_id, role, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS roles_article ON roles(article_id);
CREATE TABLE IF NOT EXISTS person_months (
    person_id INTEGER NOT NULL,
    month     TEXT NOT NULL,
    quotes    INTEGER NOT NULL,
    PRIMARY KEY (person_id, month)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS person_roles (
    person_id  INTEGER NOT NULL,
    role       TEXT NOT NULL,
    articles   INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL,
    PRIMARY KEY (person_id, role)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS article_relate (
    article_id  INTEGER PRIMARY KEY,
    copy_group  INTEGER NOT NULL,
    copy_of     INTEGER,
    containment REAL,
    story_id    INTEGER NOT NULL,
    date        INTEGER NOT NULL,
    fingerprint BLOB NOT NULL,
    names       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS article_relate_group ON article_relate(copy_group);
CREATE INDEX IF NOT EXISTS article_relate_story ON article_relate(story_id, date DESC, article_id DESC);
CREATE INDEX IF NOT EXISTS article_relate_date ON article_relate(date);
CREATE TABLE IF NOT EXISTS stories (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    first_date INTEGER NOT NULL,
    last_date  INTEGER NOT NULL,
    articles   INTEGER NOT NULL,
    people     TEXT NOT NULL,
    places     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_last ON stories(last_date DESC, id DESC);
CREATE TABLE IF NOT EXISTS index_queue (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL
);
"#;
