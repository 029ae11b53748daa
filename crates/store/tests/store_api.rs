//! The store's public API on articles and analyses built here.

use newsdesk_analyze::{
    Analysis, AnalyzedArticle, Mention, Person, Quote, QuoteKind, Speaker, SpeakerKind, TextPart,
};
use newsdesk_extract::Article;
use newsdesk_store::{DocKind, IngestStatus, PeopleQuery, SearchQuery, Store};

fn article(url: Option<&str>, title: &str, published: &str, body: &str) -> Article {
    Article {
        source: format!("test/{title}.html"),
        title: Some(title.to_string()),
        published: Some(published.to_string()),
        site_name: Some("Harbour Gazette".into()),
        canonical_url: url.map(str::to_string),
        body: body.to_string(),
        word_count: newsdesk_extract::count_words(body),
        ..Default::default()
    }
}

fn quote(text: &str, speaker: Option<(&str, Option<&str>)>) -> Quote {
    Quote {
        text: text.to_string(),
        start: 0,
        end: text.chars().count(),
        fragments: vec![],
        kind: QuoteKind::Direct,
        cue: Some(Mention {
            text: "said".into(),
            start: 0,
            end: 4,
            part: TextPart::Body,
        }),
        speaker: speaker.map(|(name, role)| Speaker {
            mention: None,
            name: Some(name.to_string()),
            role: role.map(str::to_string),
            kind: SpeakerKind::Person,
        }),
        part: TextPart::Body,
    }
}

fn person(name: &str, roles: &[&str]) -> Person {
    Person {
        name: name.to_string(),
        mentions: vec![Mention {
            text: name.to_string(),
            start: 0,
            end: name.chars().count(),
            part: TextPart::Body,
        }],
        roles: roles.iter().map(|r| r.to_string()).collect(),
    }
}

fn doc(article: Article, quotes: Vec<Quote>, people: Vec<Person>) -> AnalyzedArticle {
    AnalyzedArticle {
        article,
        analysis: Analysis {
            quotes,
            people,
            ..Default::default()
        },
    }
}

/// Three articles about a harbour dispute: two quote the harbour master Ólafur Jónsson.
fn corpus() -> Vec<AnalyzedArticle> {
    vec![
        doc(
            article(
                Some("https://gazette.example/harbour-fees"),
                "Harbour fees to rise",
                "2023-03-02",
                "The harbour board voted on Tuesday to raise mooring fees.\nFishermen protested outside the board's offices.",
            ),
            vec![quote(
                "We cannot maintain the breakwater on current fees",
                Some(("Ólafur Jónsson", Some("harbour master"))),
            )],
            vec![person("Ólafur Jónsson", &["harbour master"]), person("Maria Costa", &[])],
        ),
        doc(
            article(
                Some("https://gazette.example/breakwater"),
                "Breakwater repairs begin",
                "2023-05-10",
                "Repairs to the northern breakwater started this week after storms in April.\nThe work will take until autumn.",
            ),
            vec![
                quote(
                    "The storms showed how fragile the breakwater has become",
                    Some(("Olafur Jonsson", Some("harbour master"))),
                ),
                quote("Boats will be moved to the south quay", Some(("Maria Costa", Some("engineer")))),
            ],
            vec![person("Olafur Jonsson", &["harbour master"]), person("Maria Costa", &["engineer"])],
        ),
        doc(
            article(
                None,
                "Festival returns to the old town",
                "2023-06-01",
                "The summer festival returns with music on the quay and a market in the square.",
            ),
            vec![quote("Fees for stalls stay the same", Some(("Maria Costa", Some("festival director"))))],
            vec![person("Maria Costa", &["festival director"])],
        ),
    ]
}

fn open_with(docs: &[AnalyzedArticle]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    for d in docs {
        let out = store.ingest(d).unwrap();
        assert_eq!(out.status, IngestStatus::New);
    }
    store.flush().unwrap();
    (dir, store)
}

#[test]
fn the_same_article_twice_is_stored_once() {
    let docs = corpus();
    let (_dir, mut store) = open_with(&docs);
    for d in &docs {
        let out = store.ingest(d).unwrap();
        assert_eq!(out.status, IngestStatus::Unchanged, "{:?}", d.article.title);
        assert_eq!(out.version, 1);
    }
    // Same URL written differently (case of the host, fragment, trailing slash).
    let mut again = docs[0].clone();
    again.article.canonical_url = Some("https://GAZETTE.example/harbour-fees/#top".into());
    assert_eq!(
        store.ingest(&again).unwrap().status,
        IngestStatus::Unchanged
    );
    // URL-less article found again by content, even from another path.
    let mut copy = docs[2].clone();
    copy.article.source = "elsewhere/festival.txt".into();
    assert_eq!(store.ingest(&copy).unwrap().status, IngestStatus::Unchanged);
    store.flush().unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.articles, stats.versions, stats.quotes), (3, 3, 4));
    assert!(store.verify().unwrap().is_consistent());
}

#[test]
fn a_changed_article_becomes_a_new_version_with_a_summary() {
    let docs = corpus();
    let (_dir, mut store) = open_with(&docs);
    let mut v2 = docs[0].clone();
    v2.article
        .body
        .push_str("\nThe board will meet again in June.");
    v2.article.title = Some("Harbour fees to rise by a third".into());
    v2.analysis.quotes.clear();
    v2.analysis.people[0].roles = vec!["former harbour master".into()];
    let out = store.ingest(&v2).unwrap();
    assert_eq!(out.status, IngestStatus::Updated);
    assert_eq!(out.version, 2);
    let changes = out.changes.unwrap();
    assert!(changes.title_changed);
    assert_eq!(changes.paragraphs_added, 1);
    assert_eq!(changes.paragraphs_removed + changes.paragraphs_changed, 0);
    // Seeing the first version again does not flip the article back.
    assert_eq!(
        store.ingest(&docs[0]).unwrap().status,
        IngestStatus::Unchanged
    );
    store.flush().unwrap();

    let rec = store
        .article_by_url("https://gazette.example/harbour-fees")
        .unwrap()
        .unwrap();
    assert_eq!((rec.version, rec.version_count), (2, 2));
    assert!(rec.article.body.ends_with("again in June."));
    let old = store.article_version(rec.id, 1).unwrap().unwrap();
    assert_eq!(old.article.title.as_deref(), Some("Harbour fees to rise"));
    assert_eq!(old.analysis.quotes.len(), 1);
    let versions = store.versions(rec.id).unwrap();
    assert_eq!(versions.len(), 2);
    assert!(versions[0].changes.is_none());
    assert!(versions[1]
        .changes
        .as_ref()
        .unwrap()
        .to_string()
        .contains("1 paragraph added"));

    // The old version's quote is gone from quotes, counts and the index.
    let jonsson = store.quotes_by_speaker("jonsson", 10, 0).unwrap();
    assert_eq!(jonsson.len(), 1);
    let page = store
        .person_page(jonsson[0].person_id.unwrap(), 10)
        .unwrap()
        .unwrap();
    let months: Vec<_> = page
        .quotes_by_month
        .iter()
        .map(|m| (m.month.as_str(), m.quotes))
        .collect();
    assert_eq!(months, vec![("2023-05", 1)]);
    let roles: Vec<_> = page
        .roles
        .iter()
        .map(|r| (r.role.as_str(), r.articles, &r.first_seen[..10]))
        .collect();
    // Equal counts: the most recently given role first.
    assert_eq!(
        roles,
        vec![
            ("harbour master", 1, "2023-05-10"),
            ("former harbour master", 1, "2023-03-02")
        ]
    );
    let hits = store
        .search(&SearchQuery::new("maintain breakwater"))
        .unwrap();
    assert_eq!(hits.total, 0);
    let found = store.search(&SearchQuery::new("June")).unwrap();
    assert_eq!(found.total, 1);
    assert!(store.verify().unwrap().is_consistent());
}

#[test]
fn a_url_less_file_changed_in_place_is_a_new_version() {
    let docs = corpus();
    let (_dir, mut store) = open_with(&docs);
    let mut edited = docs[2].clone();
    edited.article.body = "The summer festival is cancelled this year.".into();
    let out = store.ingest(&edited).unwrap();
    assert_eq!((out.status, out.version), (IngestStatus::Updated, 2));
    assert_eq!(out.changes.unwrap().paragraphs_changed, 1);
}

#[test]
fn search_ranks_filters_and_highlights() {
    let (_dir, store) = open_with(&corpus());
    let r = store.search(&SearchQuery::new("breakwater")).unwrap();
    // One article and two quotes say "breakwater".
    assert_eq!(r.total, 3, "{:#?}", r.hits);
    let article_hit = r.hits.iter().find(|h| h.kind == DocKind::Article).unwrap();
    assert_eq!(
        article_hit.article.title.as_deref(),
        Some("Breakwater repairs begin")
    );
    assert_eq!(
        article_hit.article.url.as_deref(),
        Some("https://gazette.example/breakwater")
    );
    assert_eq!(article_hit.article.date, "2023-05-10T00:00:00Z");
    let s = &article_hit.snippet;
    assert!(!s.highlights.is_empty());
    let (a, b) = s.highlights[0];
    assert_eq!(s.text[a..b].to_lowercase(), "breakwater");
    assert!(s.to_html().contains("<b>breakwater</b>"));

    // Accents and case do not matter, in the text or in a filter.
    let q = SearchQuery {
        speaker: Some("JÓNSSON".into()),
        ..SearchQuery::new("BREAKWATER")
    };
    let r = store.search(&q).unwrap();
    assert_eq!(r.total, 2);
    assert!(r.hits.iter().all(|h| h.kind == DocKind::Quote));
    assert!(r.hits.iter().all(|h| h
        .quote
        .as_ref()
        .unwrap()
        .speaker
        .as_deref()
        .unwrap()
        .contains("sson")));

    let only_articles = SearchQuery {
        kind: Some(DocKind::Article),
        ..SearchQuery::new("breakwater")
    };
    assert_eq!(store.search(&only_articles).unwrap().total, 1);

    let dated = SearchQuery {
        since: Some("2023-04-01".into()),
        until: Some("2023-05-10".into()),
        ..SearchQuery::new("")
    };
    let r = store.search(&dated).unwrap();
    // The breakwater article (published on the last day, included) and its two quotes.
    assert_eq!(r.total, 3, "{:#?}", r.hits);

    let by_person = SearchQuery {
        person: Some("maria costa".into()),
        kind: Some(DocKind::Article),
        ..SearchQuery::new("")
    };
    assert_eq!(store.search(&by_person).unwrap().total, 3);
    let by_site = SearchQuery {
        site: Some("gazette.example".into()),
        kind: Some(DocKind::Article),
        ..SearchQuery::new("")
    };
    assert_eq!(store.search(&by_site).unwrap().total, 2);
    let by_site_name = SearchQuery {
        site: Some("harbour gazette".into()),
        kind: Some(DocKind::Article),
        ..SearchQuery::new("")
    };
    assert_eq!(store.search(&by_site_name).unwrap().total, 3);

    // Paging.
    let mut page = SearchQuery::new("breakwater");
    page.limit = 2;
    assert_eq!(store.search(&page).unwrap().hits.len(), 2);
    page.offset = 2;
    assert_eq!(store.search(&page).unwrap().hits.len(), 1);

    assert!(store
        .search(&SearchQuery {
            until: Some("soon".into()),
            ..SearchQuery::new("x")
        })
        .is_err());
    // Query syntax errors are forgiven, not fatal.
    assert!(store.search(&SearchQuery::new("breakwater AND (")).is_ok());
}

#[test]
fn quotes_by_speaker_newest_first_by_surname_or_full_name() {
    let (_dir, store) = open_with(&corpus());
    let qs = store.quotes_by_speaker("Jonsson", 10, 0).unwrap();
    assert_eq!(qs.len(), 2);
    assert!(qs[0].date > qs[1].date, "newest first: {qs:#?}");
    assert!(qs[0].text.starts_with("The storms"));
    assert_eq!(
        qs[0].article_title.as_deref(),
        Some("Breakwater repairs begin")
    );
    assert_eq!(qs[0].speaker_role.as_deref(), Some("harbour master"));
    assert_eq!(
        store
            .quotes_by_speaker("ólafur JÓNSSON", 10, 0)
            .unwrap()
            .len(),
        2
    );
    assert_eq!(store.quotes_by_speaker("costa", 10, 0).unwrap().len(), 2);
    assert_eq!(
        store.quotes_by_speaker("costa", 1, 1).unwrap()[0].text,
        "Boats will be moved to the south quay"
    );
    assert!(store.quotes_by_speaker("nobody", 10, 0).unwrap().is_empty());
    assert!(store.quotes_by_speaker("  ", 10, 0).unwrap().is_empty());
}

#[test]
fn people_with_quote_counts_roles_and_pages() {
    let (_dir, store) = open_with(&corpus());
    let people = store.people(&PeopleQuery::default()).unwrap();
    assert_eq!(people.len(), 2, "{people:#?}");
    // Ties on quotes (2 each) go to the one in more articles.
    assert_eq!(people[0].name, "Maria Costa");
    assert_eq!((people[0].quote_count, people[0].article_count), (2, 3));
    assert_eq!(people[1].name, "Ólafur Jónsson");
    assert_eq!((people[1].quote_count, people[1].article_count), (2, 2));
    assert_eq!(people[1].roles, vec!["harbour master".to_string()]);
    assert_eq!(people[1].last_seen.as_deref(), Some("2023-05-10T00:00:00Z"));

    let found = store
        .people(&PeopleQuery {
            name: Some("costa".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
    let page = store.person_page(found[0].id, 10).unwrap().unwrap();
    assert_eq!(page.roles.len(), 2);
    assert_eq!(page.roles.iter().map(|r| r.articles).sum::<usize>(), 2);
    let months: Vec<_> = page
        .quotes_by_month
        .iter()
        .map(|m| (m.month.as_str(), m.quotes))
        .collect();
    assert_eq!(months, vec![("2023-05", 1), ("2023-06", 1)]);
    assert_eq!(page.recent_quotes[0].text, "Fees for stalls stay the same");
    assert_eq!(page.recent_articles.len(), 3);
    assert_eq!(
        page.recent_articles[0].title.as_deref(),
        Some("Festival returns to the old town")
    );
    assert_eq!(page.co_mentioned.len(), 1);
    assert_eq!(
        (
            page.co_mentioned[0].name.as_str(),
            page.co_mentioned[0].articles
        ),
        ("Ólafur Jónsson", 2)
    );
    assert!(store.person_page(9999, 10).unwrap().is_none());
    let second = store.person_articles(found[0].id, 1, 1).unwrap();
    assert_eq!(second[0].title.as_deref(), Some("Breakwater repairs begin"));
    let older = store.person_quotes(found[0].id, 5, 1).unwrap();
    assert_eq!(older.len(), 1);
    assert_eq!(older[0].text, "Boats will be moved to the south quay");
}

#[test]
fn latest_lists_newest_first() {
    let (_dir, store) = open_with(&corpus());
    let latest = store.latest(10, 0).unwrap();
    let titles: Vec<_> = latest.iter().map(|a| a.title.clone().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Festival returns to the old town",
            "Breakwater repairs begin",
            "Harbour fees to rise"
        ]
    );
    assert_eq!(latest[1].quote_count, 2);
    assert_eq!(latest[0].site.as_deref(), Some("Harbour Gazette"));
}

#[test]
fn empty_articles_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let err = store.ingest(&doc(
        Article {
            source: "blank.html".into(),
            ..Default::default()
        },
        vec![],
        vec![],
    ));
    match err {
        Err(newsdesk_store::Error::EmptyArticle { source_name }) => {
            assert_eq!(source_name, "blank.html")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_lost_index_is_rebuilt_from_the_database_on_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        for d in corpus() {
            store.ingest(&d).unwrap();
        }
        store.flush().unwrap();
    }
    std::fs::remove_dir_all(dir.path().join("index")).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let v = store.verify().unwrap();
    assert!(v.is_consistent(), "{v:?}");
    assert_eq!((v.index_articles, v.index_quotes), (3, 4));
    assert_eq!(
        store.search(&SearchQuery::new("festival")).unwrap().total,
        1
    );
}

#[test]
fn unflushed_batch_is_indexed_on_next_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        for d in corpus() {
            store.ingest(&d).unwrap();
        }
        // Dropping flushes the database and index; simulate a crash between the
        // database commit and the index commit by committing the database only.
        store.commit_database_only_for_tests().unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let v = store.verify().unwrap();
    assert!(v.is_consistent(), "{v:?}");
    assert_eq!(v.index_articles, 3);
}

#[test]
fn a_reader_sees_what_a_writer_flushed() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = Store::open(dir.path()).unwrap();
    for d in corpus() {
        writer.ingest(&d).unwrap();
    }
    writer.flush().unwrap();
    let mut reader = Store::open_read_only(dir.path()).unwrap();
    assert_eq!(
        reader.search(&SearchQuery::new("festival")).unwrap().total,
        1
    );
    assert_eq!(reader.quotes_by_speaker("jonsson", 5, 0).unwrap().len(), 2);
    assert!(reader.ingest(&corpus()[0]).is_err());
}

#[test]
fn a_bare_surname_joins_the_one_known_person_with_that_surname() {
    let docs = corpus();
    let (_dir, mut store) = open_with(&docs);
    let mut later = doc(
        article(
            Some("https://gazette.example/ferry"),
            "Ferry timetable changes",
            "2023-07-01",
            "The ferry will leave earlier.",
        ),
        vec![quote(
            "The new times suit the fishing fleet",
            Some(("Jónsson", None)),
        )],
        vec![person("Jónsson", &[])],
    );
    store.ingest(&later).unwrap();
    store.flush().unwrap();
    let people = store
        .people(&PeopleQuery {
            name: Some("jonsson".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(people.len(), 1, "{people:#?}");
    assert_eq!(
        (people[0].name.as_str(), people[0].quote_count),
        ("Ólafur Jónsson", 3)
    );
    // Two known people share a surname: a bare surname stays apart.
    let mut other = docs[0].clone();
    other.article.canonical_url = Some("https://gazette.example/other".into());
    other.article.body = "Another story.".into();
    other.analysis.quotes.clear();
    other.analysis.people = vec![person("Anna Costa", &[])];
    store.ingest(&other).unwrap();
    later.article.canonical_url = Some("https://gazette.example/ferry-2".into());
    later.article.body = "The ferry will leave later.".into();
    later.analysis.quotes[0].speaker.as_mut().unwrap().name = Some("Costa".into());
    later.analysis.people = vec![person("Costa", &[])];
    store.ingest(&later).unwrap();
    store.flush().unwrap();
    let costas = store
        .people(&PeopleQuery {
            name: Some("costa".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(costas.len(), 3, "{costas:#?}");
    assert!(store.verify().unwrap().is_consistent());
}

#[test]
fn a_second_writer_is_told_the_store_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let _first = Store::open(dir.path()).unwrap();
    match Store::open(dir.path()) {
        Err(newsdesk_store::Error::Busy(_)) => {}
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("two writers opened"),
    }
}

#[test]
fn a_store_can_move_to_another_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<Store>();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.ingest(&corpus()[0]).unwrap();
    let store = std::thread::spawn(move || {
        store.flush().unwrap();
        store
    })
    .join()
    .unwrap();
    assert_eq!(store.stats().unwrap().articles, 1);
}

#[test]
fn odd_and_hostile_articles_are_stored_or_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    // A huge body with many quotes, names of punctuation only, an over-long word,
    // a nonsense date, control characters and a URL-ish source.
    let body = "Word ".repeat(200_000) + "\nzebra\u{0}crossing \u{202e}reversed";
    let mut quotes: Vec<Quote> = (0..2_000)
        .map(|i| quote(&format!("quote number {i}"), Some(("Ann Lee", None))))
        .collect();
    quotes.push(quote("   ", Some(("Ann Lee", None))));
    quotes.push(quote("nameless", Some(("!!! ???", None))));
    quotes.push(quote("long", Some((&"x".repeat(500), None))));
    let mut a = article(Some("not a url"), "Odd", "the day after tomorrow", &body);
    a.source = "https://www.odd.example/path?q=1".into();
    let d = doc(
        a,
        quotes,
        vec![person("", &[]), person("Ann Lee", &["a\u{0}role"])],
    );
    let out = store.ingest(&d).unwrap();
    assert_eq!(out.status, IngestStatus::New);
    assert_eq!(
        out.quotes, 2_002,
        "the blank quote is skipped, the rest kept"
    );
    store.flush().unwrap();
    assert_eq!(store.quotes_by_speaker("ann lee", 5, 0).unwrap().len(), 5);
    assert_eq!(store.search(&SearchQuery::new("zebra")).unwrap().total, 1);
    let by_host = SearchQuery {
        site: Some("odd.example".into()),
        kind: Some(DocKind::Article),
        ..SearchQuery::new("")
    };
    assert_eq!(store.search(&by_host).unwrap().total, 1);
    // Query text that is only operators or punctuation does not fail.
    for q in ["\"", "-", "((", "AND OR NOT", "title:", "*", "🙂"] {
        store.search(&SearchQuery::new(q)).unwrap();
    }
    assert!(store.verify().unwrap().is_consistent());
}
