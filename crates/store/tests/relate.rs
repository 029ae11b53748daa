//! Copy groups, stories and related articles as the store keeps them, on fixtures
//! written for this test: one report syndicated verbatim, lightly edited and re-dated;
//! a follow-up on the same fire; a second, different fire in the same town; and an
//! unrelated council story.

use newsdesk_analyze::{
    Analysis, AnalyzedArticle, Entity, Person, Quote, QuoteKind, Speaker, SpeakerKind, TextPart,
};
use newsdesk_extract::Article;
use newsdesk_store::Store;

pub const FIRE: &str = "A fire tore through a timber warehouse on Harlan Street in Port Ellery \
early on Tuesday, sending a column of black smoke over the harbour and forcing the closure of \
the coast road for most of the morning.\n\n\
Fire chief Mara Quist said that crews from four stations had fought the blaze for nearly six \
hours before they were able to bring it under control. \"We will be here for days, the roof \
has gone and the walls are not safe,\" Quist told reporters at the scene.\n\n\
Nobody was inside the building when the fire started, according to the owner, Tobias Wren, \
who said the warehouse held about 300 tonnes of seasoned oak that had been due to ship to \
a boatyard in the north next month. He said that he did not yet know what the loss would \
come to, but that it would be large.\n\n\
Residents of the streets nearest the harbour were told to keep their windows closed while \
the smoke cleared, and the town's two schools kept pupils indoors at the lunch break. \
Investigators from the county will begin to look for the cause once the site has cooled, \
the chief said, and they have asked anyone who saw the first flames to come forward.";

/// The same report with one sentence cut and a few words changed.
pub fn fire_light_edit() -> String {
    FIRE.replace("early on Tuesday", "in the early hours of Tuesday")
        .replace(
            " He said that he did not yet know what the loss would \
come to, but that it would be large.",
            "",
        )
        .replace("black smoke", "thick black smoke")
}

pub const FIRE_FOLLOW_UP: &str = "Investigators in Port Ellery said on Thursday that the fire \
which destroyed the Harlan Street timber warehouse had most likely begun in an electrical \
cabinet at the back of the building, where a fault had been reported in the spring.\n\n\
Mara Quist, the fire chief, said crews had spent two more days damping down the oak stacks \
that smouldered under the collapsed roof. Tobias Wren, who owns the warehouse, said he would \
rebuild on the same plot. \"We will be here for days, the roof has gone and the walls are not \
safe,\" Quist had warned on the first morning, and the coast road reopened only on Wednesday \
evening after engineers checked the harbour wall next to the ruin.\n\n\
The county inquiry into the Harlan Street fire is expected to report within a month.";

pub const OTHER_FIRE: &str = "Firefighters in Port Ellery were called to the Dunmore Road \
bakery of Elsie Varga shortly after midnight on Saturday, when a neighbour saw flames in the \
kitchen of the small shop at the top of the hill above the station.\n\n\
Two crews put the fire out within forty minutes and the flat above the bakery, where \
Varga's son Niall lives with his partner, was evacuated as a precaution. Nobody was hurt. \
\"The ovens were off, I checked them myself before I went up,\" Elsie Varga said on Saturday \
morning as she swept soot from the pavement.\n\n\
Deputy station officer Carl Brandt said the cause was not yet known, and that the damage was \
mostly to the kitchen and the store room behind it. The bakery, which has been on Dunmore \
Road since 1962, will stay closed for at least three weeks while the kitchen is refitted.";

pub const COUNCIL: &str = "The Port Ellery town council voted by nine votes to four on \
Monday evening to raise parking charges in the harbour car parks from the first of June, \
after a long debate about the cost of repairing the sea wall.\n\n\
Councillor Priya Lund, who chairs the finance committee, said the charges would bring in \
about 180,000 a year, all of it set aside for the sea wall and the slipway. \"Visitors use \
the harbour, visitors should help to pay for it,\" Lund said. Opponents said the rise would \
drive shoppers to the retail park on the ring road, and traders on Quay Street have started \
a petition against it.\n\n\
The new charges will be reviewed after one year, the council said, and residents with \
permits will not pay them.";

/// Short reports on other matters, dated before the fixtures, so that the story
/// clusterer's document frequencies are learned from more than the stories under test
/// (as in any store that has been running for a while).
pub const BACKGROUND: &[(&str, &str)] = &[
    ("Library extends opening hours", "The central library in Castlebury will open until nine on weekdays from next month, the county said on Monday. Librarians said students had asked for longer hours during the exam season, and the reading rooms would stay quiet after six."),
    ("Rail line closed for repairs", "Trains between Amberly and Fenwick will not run for two weekends while engineers replace a bridge deck, the rail operator said. Buses will replace trains and journeys will take about forty minutes longer than usual."),
    ("Hospital opens new ward", "A new children's ward with twenty beds opened at St Bride's hospital in Halworth on Friday. The hospital said nurses had helped to design the rooms, and that parents would be able to stay overnight beside their children."),
    ("Farmers warn of dry spring", "Farmers across the Tamsin valley said on Wednesday that the driest spring in a decade had left fields hard and wheat thin. The water board said reservoirs were lower than normal but there was no need yet for a hosepipe ban."),
    ("Museum buys medieval map", "The Kelford museum has bought a medieval map of the river crossings for 40,000 after a public appeal, its director said. The map will go on show in the autumn once conservators have cleaned and mounted it."),
    ("Football club appoints coach", "Brackley Rovers named Ines Okafor as head coach on Thursday after a season in which the club narrowly avoided relegation. The chairman said she had impressed the board with her work at the academy."),
    ("Ferry fares to rise", "Fares on the island ferry will rise by six per cent in July, the operator announced, blaming fuel costs. Islanders said the rise would hit families who travel to the mainland for school and work every day."),
    ("School wins science prize", "Pupils from Greywell school won the national science prize for a study of air quality near busy junctions. Their teacher said the pupils had measured pollution every morning for a whole term with sensors they built themselves."),
];

fn warm_up(store: &mut Store) {
    for (i, (title, body)) in BACKGROUND.iter().enumerate() {
        let url = format!("https://elsewhere.example/news/{i}");
        store
            .ingest(&doc(&url, title, "2024-02-20", body, &[], &[], &[]))
            .unwrap();
    }
}

fn quote(text: &str, speaker: &str) -> Quote {
    Quote {
        text: text.to_string(),
        start: 0,
        end: text.chars().count(),
        fragments: vec![],
        kind: QuoteKind::Direct,
        cue: None,
        speaker: Some(Speaker {
            mention: None,
            name: Some(speaker.to_string()),
            role: None,
            kind: SpeakerKind::Person,
        }),
        part: TextPart::Body,
    }
}

/// An analysed article: quotes found in the body as `(text, speaker)` pairs.
pub fn doc(
    url: &str,
    title: &str,
    published: &str,
    body: &str,
    people: &[&str],
    places: &[&str],
    quotes: &[(&str, &str)],
) -> AnalyzedArticle {
    AnalyzedArticle {
        article: Article {
            source: url.to_string(),
            title: Some(title.to_string()),
            published: Some(published.to_string()),
            site_name: Some(url.split('/').nth(2).unwrap_or("site").to_string()),
            canonical_url: Some(url.to_string()),
            body: body.to_string(),
            word_count: newsdesk_extract::count_words(body),
            ..Default::default()
        },
        analysis: Analysis {
            quotes: quotes.iter().map(|(t, s)| quote(t, s)).collect(),
            people: people
                .iter()
                .map(|p| Person {
                    name: p.to_string(),
                    mentions: vec![],
                    roles: vec![],
                })
                .collect(),
            places: places
                .iter()
                .map(|p| Entity {
                    name: p.to_string(),
                    mentions: vec![],
                })
                .collect(),
            ..Default::default()
        },
    }
}

const QUIST: &str = "We will be here for days, the roof has gone and the walls are not safe";

fn original() -> AnalyzedArticle {
    doc(
        "https://harbourgazette.example/fire-harlan-street",
        "Fire destroys Harlan Street timber warehouse",
        "2024-03-05",
        FIRE,
        &["Mara Quist", "Tobias Wren"],
        &["Port Ellery", "Harlan Street"],
        &[(QUIST, "Mara Quist")],
    )
}

fn syndicated() -> AnalyzedArticle {
    doc(
        "https://coastwire.example/2024/03/05/warehouse-fire",
        "Fire destroys Harlan Street timber warehouse",
        "2024-03-05",
        &format!("From our partners at the Harbour Gazette.\n\n{FIRE}"),
        &["Mara Quist", "Tobias Wren"],
        &["Port Ellery"],
        &[(QUIST, "Mara Quist")],
    )
}

fn light_edit() -> AnalyzedArticle {
    doc(
        "https://northnews.example/port-ellery-warehouse-blaze",
        "Port Ellery warehouse blaze: roof gone, says chief",
        "2024-03-06",
        &fire_light_edit(),
        &["Mara Quist", "Tobias Wren"],
        &["Port Ellery"],
        &[(QUIST, "Mara Quist")],
    )
}

fn follow_up() -> AnalyzedArticle {
    doc(
        "https://harbourgazette.example/fire-cause",
        "Harlan Street fire began in electrical cabinet, investigators say",
        "2024-03-07",
        FIRE_FOLLOW_UP,
        &["Mara Quist", "Tobias Wren"],
        &["Port Ellery", "Harlan Street"],
        &[(QUIST, "Mara Quist")],
    )
}

fn other_fire() -> AnalyzedArticle {
    doc(
        "https://harbourgazette.example/bakery-fire",
        "Fire in Dunmore Road bakery kitchen",
        "2024-04-20",
        OTHER_FIRE,
        &["Elsie Varga", "Niall Varga", "Carl Brandt"],
        &["Port Ellery", "Dunmore Road"],
        &[(
            "The ovens were off, I checked them myself before I went up",
            "Elsie Varga",
        )],
    )
}

fn council() -> AnalyzedArticle {
    doc(
        "https://harbourgazette.example/parking-charges",
        "Council raises harbour parking charges",
        "2024-04-22",
        COUNCIL,
        &["Priya Lund"],
        &["Port Ellery", "Quay Street"],
        &[(
            "Visitors use the harbour, visitors should help to pay for it",
            "Priya Lund",
        )],
    )
}

fn ingest(store: &mut Store, d: &AnalyzedArticle) -> i64 {
    store.ingest(d).expect("ingest").article_id
}

#[test]
fn copies_join_one_group_with_the_earliest_as_original() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    warm_up(&mut store);
    let a = ingest(&mut store, &original());
    let b = ingest(&mut store, &syndicated());
    let c = ingest(&mut store, &light_edit());
    let d = ingest(&mut store, &follow_up());
    // A copy dated a day earlier, seen last: it becomes the original.
    let mut early = syndicated();
    early.article.canonical_url = Some("https://early.example/fire".into());
    early.article.source = "https://early.example/fire".into();
    early.article.published = Some("2024-03-04".into());
    let e = ingest(&mut store, &early);
    store.flush().unwrap();

    let group = store.copies_of(b).unwrap().expect("b is related");
    assert_eq!(
        group.group, a,
        "the group is named by its first stored article"
    );
    assert_eq!(
        group.original.article.id, e,
        "the earliest-dated copy is the original"
    );
    let mut members: Vec<i64> = group.copies.iter().map(|m| m.article.id).collect();
    members.sort();
    assert_eq!(members, vec![a, b, c]);
    assert_eq!(group.size, 4);
    for m in &group.copies {
        if m.article.id != a {
            assert!(m.copy_of.is_some() && m.containment.unwrap() > 0.6);
        }
    }
    // The same group from any member.
    assert_eq!(store.copies_of(c).unwrap().unwrap().group, a);
    // The follow-up is not a copy: a group of its own.
    let own = store.copies_of(d).unwrap().unwrap();
    assert_eq!(own.group, d);
    assert!(own.copies.is_empty());
    assert_eq!(own.original.article.id, d);
    assert!(store.copies_of(9999).unwrap().is_none());
}

#[test]
fn stories_keep_two_fires_apart_and_carry_people_places_and_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    warm_up(&mut store);
    let a = ingest(&mut store, &original());
    let b = ingest(&mut store, &syndicated());
    let c = ingest(&mut store, &light_edit());
    let d = ingest(&mut store, &follow_up());
    let f = ingest(&mut store, &other_fire());
    let g = ingest(&mut store, &council());
    store.flush().unwrap();

    let s = |id| store.story_of(id).unwrap().expect("related");
    assert_eq!(s(a), a, "a story is named by its first article");
    assert_eq!(s(b), a);
    assert_eq!(s(c), a);
    assert_eq!(s(d), a, "the follow-up joins the fire's story");
    assert_eq!(
        s(f),
        f,
        "a different fire in the same town is a different story"
    );
    assert_eq!(s(g), g);

    let story = store.story(a).unwrap().unwrap();
    assert_eq!(story.story.article_count, 4);
    assert_eq!(
        story.story.title,
        "Fire destroys Harlan Street timber warehouse"
    );
    assert_eq!(story.story.first_date, "2024-03-05T00:00:00Z");
    assert_eq!(story.story.last_date, "2024-03-07T00:00:00Z");
    let people: Vec<&str> = story.story.people.iter().map(|n| n.name.as_str()).collect();
    assert!(people.contains(&"Mara Quist") && people.contains(&"Tobias Wren"));
    assert_eq!(story.story.places[0].name, "Port Ellery");
    // Counted over the clustered articles: the original and the follow-up (copies
    // join the story without being clustered).
    assert_eq!(story.story.places[0].articles, 2);
    // Articles newest first, with leads.
    assert_eq!(story.articles[0].article.id, d);
    assert_eq!(story.articles.len(), 4);
    assert!(story.articles[0]
        .lead
        .starts_with("Investigators in Port Ellery"));
    assert!(story.articles.iter().all(|x| x.lead.chars().count() <= 401));
    // The key quote is carried by all four articles and has its speaker.
    assert_eq!(story.key_quotes.len(), 1);
    assert_eq!(story.key_quotes[0].articles, 4);
    assert_eq!(
        story.key_quotes[0].quote.speaker.as_deref(),
        Some("Mara Quist")
    );

    // Stories of a day: the bakery fire on 2024-04-20 only.
    let day = store.stories_on("2024-04-20", 10).unwrap();
    assert_eq!(day.len(), 1);
    assert_eq!(day[0].story.id, f);
    assert_eq!(
        day[0].key_quotes[0].quote.speaker.as_deref(),
        Some("Elsie Varga")
    );
    assert_eq!(store.stories_on("2024-03-05", 10).unwrap()[0].story.id, a);
    assert!(store.stories_on("2024-01-01", 10).unwrap().is_empty());
    assert!(store.stories_on("not a day", 10).is_err());
    let latest: Vec<i64> = store
        .latest_stories(10, 0)
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(latest[..3], [g, f, a]);
}

#[test]
fn related_lists_other_stories_and_own_story_latest() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    warm_up(&mut store);
    let a = ingest(&mut store, &original());
    let b = ingest(&mut store, &syndicated());
    let d = ingest(&mut store, &follow_up());
    let f = ingest(&mut store, &other_fire());
    let g = ingest(&mut store, &council());
    store.flush().unwrap();

    let r = store.related(a, 5).unwrap().expect("related");
    assert_eq!(r.story.id, a);
    let same: Vec<i64> = r.same_story.iter().map(|x| x.id).collect();
    assert_eq!(
        same,
        vec![d, b],
        "own story, newest first, without the article"
    );
    let other: Vec<i64> = r.other_stories.iter().map(|x| x.article.id).collect();
    assert!(!other.is_empty());
    assert!(other.iter().all(|id| ![a, b, d].contains(id)));
    assert_eq!(
        other[0], f,
        "the other fire is the most related story: {other:?}"
    );
    assert!(other.contains(&g) || other.len() == 1);
    assert!(r.other_stories[0].score > 0.0);
    assert_eq!(
        store.related(a, 1).unwrap().unwrap().same_story,
        vec![r.same_story[0].clone()]
    );
    assert!(store.related(12345, 5).unwrap().is_none());
}

#[test]
fn relate_state_survives_reopening_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let (a, f) = {
        let mut store = Store::open(dir.path()).unwrap();
        warm_up(&mut store);
        let a = ingest(&mut store, &original());
        let f = ingest(&mut store, &other_fire());
        store.flush().unwrap();
        (a, f)
    };
    // Read-only stores read relate rows without building any state.
    {
        let ro = Store::open_read_only(dir.path()).unwrap();
        assert_eq!(ro.story_of(a).unwrap(), Some(a));
        assert_eq!(ro.copies_of(a).unwrap().unwrap().group, a);
    }
    let mut store = Store::open(dir.path()).unwrap();
    let c = ingest(&mut store, &light_edit());
    let d = ingest(&mut store, &follow_up());
    store.flush().unwrap();
    assert_eq!(
        store.copies_of(c).unwrap().unwrap().group,
        a,
        "copy found after reopen"
    );
    assert_eq!(
        store.story_of(d).unwrap(),
        Some(a),
        "story found after reopen"
    );
    assert_eq!(store.story_of(f).unwrap(), Some(f));
    assert_eq!(store.story(a).unwrap().unwrap().story.article_count, 3);
    // An updated version keeps its group and story.
    let mut changed = follow_up();
    changed
        .article
        .body
        .push_str("\n\nThis article was updated on Friday.");
    let out = store.ingest(&changed).unwrap();
    store.flush().unwrap();
    assert_eq!(out.article_id, d);
    assert_eq!(store.story_of(d).unwrap(), Some(a));
    assert_eq!(store.story(a).unwrap().unwrap().story.article_count, 3);
}

#[test]
fn copies_are_found_when_an_archive_arrives_out_of_date_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = ingest(&mut store, &original()); // 2024-03-05
                                             // This morning's news, years later, then the old report's wire copy.
    let mut late = council();
    late.article.published = Some("2027-01-10".into());
    ingest(&mut store, &late);
    let b = ingest(&mut store, &syndicated());
    store.flush().unwrap();
    assert_eq!(store.copies_of(b).unwrap().unwrap().group, a);
    assert_eq!(store.story_of(b).unwrap(), Some(a));
}
