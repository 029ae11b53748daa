//! Fixture stories for the digest tests (text written for these tests).
#![allow(dead_code)]

use newsdesk_digest::{DigestArticle, DigestQuote, DigestStory};

pub const DAY: &str = "2026-03-02";

pub fn article(id: i64, site: Option<&str>, date: &str, title: &str, body: &str) -> DigestArticle {
    DigestArticle {
        id,
        title: title.into(),
        url: site.map(|s| format!("https://{s}/news/{id}")),
        site: site.map(Into::into),
        date: date.into(),
        dek: None,
        body: body.into(),
    }
}

pub fn quote(text: &str, speaker: Option<&str>, article_id: i64, direct: bool) -> DigestQuote {
    DigestQuote {
        text: text.into(),
        speaker: speaker.map(Into::into),
        article_id,
        direct,
    }
}

fn story(id: i64, title: &str, articles: Vec<DigestArticle>, previous: usize) -> DigestStory {
    DigestStory {
        id,
        title: title.into(),
        first_seen: articles.first().map(|a| a.date.clone()),
        last_seen: articles.last().map(|a| a.date.clone()),
        articles,
        quotes: vec![],
        people: vec![],
        places: vec![],
        previous_days_articles: previous,
    }
}

/// The central article of the harbour story: it carries the story's shared facts.
pub const HARBOUR_CENTRAL_ID: i64 = 103;
pub const HARBOUR_CENTRAL_LEAD: &str = "A container crane collapsed at the Northgate harbour on Monday morning, injuring two dock workers and halting cargo traffic. Port officials said the crane's boom snapped during high winds while unloading a freighter.";

/// Five sites, new today.
pub fn harbour() -> DigestStory {
    let d = "2026-03-02T09:00:00Z";
    let mut s = story(
        10,
        "Crane collapses at Northgate harbour",
        vec![
            article(
                101,
                Some("portweekly.example"),
                d,
                "Why our ports need new money",
                "Ports across the region have waited a decade for investment in modern equipment. Monday's accident is only the latest reminder, the authors argue, that budgets lag behind shipping volumes. Funding formulas should change.",
            ),
            article(
                102,
                Some("coastnews.example"),
                d,
                "Harbour crane falls in high winds",
                "Two dock workers were injured when a crane collapsed at Northgate harbour. Cargo traffic was halted while inspectors examined the boom.",
            ),
            article(
                HARBOUR_CENTRAL_ID,
                Some("dailywire.example"),
                d,
                "Crane collapse injures two, halts Northgate harbour",
                &format!("NORTHGATE (Daily Wire) - {HARBOUR_CENTRAL_LEAD} The two dock workers were taken to hospital. Inspectors will examine the freighter and the crane this week."),
            ),
            article(
                104,
                Some("cityherald.example"),
                d,
                "Northgate port closed after crane accident",
                "Cargo traffic at Northgate harbour stopped after a container crane collapsed in high winds. Port officials said two dock workers were hurt.",
            ),
            article(
                105,
                Some("www.morningpost.example"),
                d,
                "Crane boom snapped while unloading freighter",
                "The boom of a container crane snapped while unloading a freighter at Northgate harbour, port officials said, injuring two workers.",
            ),
        ],
        0,
    );
    s.quotes = vec![
        quote(
            "The wind picked up faster than any forecast we had",
            Some("Harbour master Ines Varga"),
            103,
            true,
        ),
        quote(
            "The wind picked up faster than any forecast we had.",
            Some("Ines Varga"),
            104,
            true,
        ),
        quote(
            "The wind picked up faster than any forecast we had",
            Some("Ines Varga"),
            105,
            true,
        ),
        quote(
            "Safety checks on every crane will be completed before the port reopens",
            Some("Ines Varga"),
            102,
            true,
        ),
        quote(
            "We heard a crack and then the whole boom came down",
            Some("Dock worker Sam Okafor"),
            102,
            true,
        ),
        quote(
            "the union had warned about the crane for months",
            Some("Union steward Rhea Lind"),
            104,
            false,
        ),
        quote(
            "Nobody should have been under that boom in this weather",
            None,
            101,
            true,
        ),
    ];
    s.people = vec![
        "Ines Varga".into(),
        "Sam Okafor".into(),
        "ines varga".into(),
    ];
    s.places = vec!["Northgate".into()];
    s
}

/// One site, new today.
pub fn library() -> DigestStory {
    story(
        20,
        "Riverside library reopens",
        vec![article(
            201,
            Some("cityherald.example"),
            "2026-03-02T12:00:00Z",
            "Riverside library reopens after flood repairs",
            "The Riverside library reopened on Monday after two years of flood repairs. Readers queued before the doors opened.",
        )],
        0,
    )
}

/// Three sites, but a continuing story (10 earlier articles).
pub fn council() -> DigestStory {
    let d = "2026-03-02T10:00:00Z";
    story(
        30,
        "Council budget vote delayed again",
        vec![
            article(
                301,
                Some("cityherald.example"),
                d,
                "Budget vote delayed",
                "The council delayed its budget vote for a third week.",
            ),
            article(
                302,
                Some("coastnews.example"),
                d,
                "Council puts off budget",
                "Councillors again put off the budget vote on Monday.",
            ),
            article(
                303,
                Some("dailywire.example"),
                d,
                "No budget yet",
                "The city still has no budget after another delay.",
            ),
        ],
        10,
    )
}

/// Three sites, new today: same coverage as the council story.
pub fn marathon() -> DigestStory {
    let d = "2026-03-02T07:00:00Z";
    story(
        40,
        "Marathon route moved to the waterfront",
        vec![
            article(
                401,
                Some("cityherald.example"),
                d,
                "Marathon moves",
                "This year's marathon will run along the waterfront.",
            ),
            article(
                402,
                Some("sportsdesk.example"),
                d,
                "New marathon route",
                "Organisers moved the marathon route to the waterfront.",
            ),
            article(
                403,
                Some("coastnews.example"),
                d,
                "Waterfront marathon",
                "Runners will follow the waterfront in April.",
            ),
        ],
        0,
    )
}

/// Four articles, all from one site.
pub fn transit() -> DigestStory {
    let d = "2026-03-02T15:00:00Z";
    story(
        50,
        "Tram drivers announce strike",
        (0..4)
            .map(|i| {
                article(
                    501 + i,
                    Some("citybuzz.example"),
                    d,
                    &format!("Tram strike update {}", i + 1),
                    "Tram drivers will strike on Friday over rosters.",
                )
            })
            .collect(),
        0,
    )
}

/// A story dated only yesterday and tomorrow: not in the day's digest.
pub fn other_days() -> DigestStory {
    story(
        60,
        "Yesterday's news",
        vec![
            article(601, Some("a.example"), "2026-03-01", "Old", "Old news."),
            article(
                602,
                Some("b.example"),
                "2026-03-03",
                "Future",
                "Future news.",
            ),
        ],
        0,
    )
}

pub const HOSTILE_TITLE: &str =
    "<script>alert('t')</script> Tom & Jerry <img src=x onerror=alert(1)>";

/// Markup and a `javascript:` URL everywhere a value can go.
pub fn hostile() -> DigestStory {
    let mut a = article(
        701,
        None,
        "2026-03-02T16:00:00Z",
        "<b>bold</b> headline",
        "It's \"quoted\" </p><script>alert(2)</script> text & more. Second sentence.",
    );
    a.url = Some("javascript:alert(3)".into());
    a.site = Some("<i>site</i>".into());
    let mut s = story(70, HOSTILE_TITLE, vec![a], 0);
    s.quotes = vec![quote(
        "</p><script>alert(4)</script> we did [click](javascript:alert(5)) it ok",
        Some("<b onmouseover=alert(6)>Eve</b>"),
        701,
        true,
    )];
    s.people = vec!["<Mallory>".into()];
    s
}

/// All fixture stories, in an order unrelated to their rank.
pub fn all_stories() -> Vec<DigestStory> {
    vec![
        library(),
        council(),
        hostile(),
        harbour(),
        other_days(),
        transit(),
        marathon(),
    ]
}
