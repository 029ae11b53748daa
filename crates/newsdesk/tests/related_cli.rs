//! `newsdesk related ID`: story mates, related articles of other stories, and the
//! original of a copy, printed as text and as JSON by the real binary.

use newsdesk_analyze::AnalyzedArticle;
use newsdesk_extract::Article;
use newsdesk_store::Store;
use std::process::Command;

const FIRE: &str = "Fire crews spent the night at the ferry terminal in Kelso Bay after a \
blaze broke out in the ticket hall on Friday evening, halting crossings to the islands.\n\n\
The harbour master, Ruth Calloway, said the last boat had left twenty minutes before the \
alarm was raised and that all staff had been accounted for. Engineers will inspect the \
pier on Saturday morning before any ferry is allowed to dock there again.\n\n\
Passengers booked on the early sailings were told to travel from the old slipway at \
Marten Point instead, where a temporary office will sell tickets for the weekend.";

// Related to the fire (the same ferries and islands) but another story. In a store this
// young, a second report naming the same town days later would lean towards the fire's
// story: see README, "Stories".
const FARES: &str = "Ferry fares between the mainland and the islands will rise by eight per \
cent in the autumn, the operator said on Tuesday, blaming the price of diesel and the cost \
of a new vessel ordered last year.\n\n\
Island councillors said families who cross every day for school and work would be hit \
hardest, and asked for a discount card for residents. The operator said it would consider \
one once the new boat enters service in the spring.";

fn doc(url: &str, title: &str, published: &str, body: &str) -> AnalyzedArticle {
    AnalyzedArticle {
        article: Article {
            source: url.to_string(),
            title: Some(title.to_string()),
            published: Some(published.to_string()),
            canonical_url: Some(url.to_string()),
            body: body.to_string(),
            ..Default::default()
        },
        analysis: Default::default(),
    }
}

fn newsdesk(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(args)
        .output()
        .expect("run newsdesk");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn related_prints_story_mates_other_stories_and_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let (orig, copy, fares) = {
        let mut store = Store::open(dir.path()).unwrap();
        let mut id = |d: AnalyzedArticle| store.ingest(&d).unwrap().article_id;
        let orig = id(doc(
            "https://baytimes.example/terminal-fire",
            "Fire closes Kelso Bay ferry terminal",
            "2024-06-07",
            FIRE,
        ));
        let copy = id(doc(
            "https://islandwire.example/kelso-fire",
            "Kelso Bay terminal fire halts crossings",
            "2024-06-08",
            &format!("Reprinted with permission.\n\n{FIRE}"),
        ));
        let fares = id(doc(
            "https://baytimes.example/ferry-fares",
            "Ferry fares to rise by eight per cent",
            "2024-06-11",
            FARES,
        ));
        store.flush().unwrap();
        (orig, copy, fares)
    };
    let data = dir.path().to_str().unwrap();

    let (code, out, err) = newsdesk(&["related", &copy.to_string(), "--data", data]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("is in story {orig}")), "{out}");
    assert!(
        out.contains("original (this article is a copy of it):"),
        "{out}"
    );
    assert!(
        out.contains(&format!("[{orig}] Fire closes Kelso Bay ferry terminal")),
        "{out}"
    );
    let related = out.split("related, from other stories:").nth(1).unwrap();
    assert!(
        related.contains(&format!("[{fares}] Ferry fares to rise")),
        "{out}"
    );

    let (code, out, err) = newsdesk(&["related", &orig.to_string(), "--data", data, "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["related"]["story"]["id"], orig);
    assert_eq!(v["related"]["same_story"][0]["id"], copy);
    assert_eq!(v["related"]["other_stories"][0]["article"]["id"], fares);
    assert_eq!(v["copies"]["original"]["article"]["id"], orig);
    assert_eq!(v["copies"]["size"], 2);

    let (code, _, err) = newsdesk(&["related", "9999", "--data", data]);
    assert_eq!(code, 2);
    assert!(err.contains("no article with id 9999"), "{err}");
}
