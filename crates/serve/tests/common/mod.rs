//! Shared test support: a few hand-written articles with their analysis (quotes with
//! char offsets computed from the text, so they cannot drift), a store filled with
//! them, and a server on a loopback port.
#![allow(dead_code)]

use newsdesk_analyze::{
    Analysis, AnalyzedArticle, Mention, Person, Quote, QuoteKind, Span, Speaker, SpeakerKind,
    TextPart,
};
use newsdesk_extract::Article;
use newsdesk_serve::{Config, IngestError, IngestOutcome, IngestRequest, Server, StoreBackend};
use newsdesk_store::Store;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Char offset of the first occurrence of `needle` in `hay`.
fn char_find(hay: &str, needle: &str) -> usize {
    let byte = hay
        .find(needle)
        .unwrap_or_else(|| panic!("fixture error: {needle:?} not in text"));
    hay[..byte].chars().count()
}

/// A quote of `words` (which must occur in `body`), said by `who`.
pub fn quote(
    body: &str,
    words: &str,
    kind: QuoteKind,
    who: Option<(&str, &str, Option<&str>)>,
) -> Quote {
    let start = char_find(body, words);
    let end = start + words.chars().count();
    let speaker = who.map(|(name, mention, role)| Speaker {
        mention: Some(Mention {
            text: mention.to_string(),
            start: char_find(body, mention),
            end: char_find(body, mention) + mention.chars().count(),
            part: TextPart::Body,
        }),
        name: Some(name.to_string()),
        role: role.map(str::to_string),
        kind: SpeakerKind::Person,
    });
    Quote {
        text: words.to_string(),
        start,
        end,
        fragments: vec![Span { start, end }],
        kind,
        cue: None,
        speaker,
        part: TextPart::Body,
    }
}

pub fn person(body: &str, name: &str, roles: &[&str]) -> Person {
    let start = char_find(body, name);
    Person {
        name: name.to_string(),
        mentions: vec![Mention {
            text: name.to_string(),
            start,
            end: start + name.chars().count(),
            part: TextPart::Body,
        }],
        roles: roles.iter().map(|r| r.to_string()).collect(),
    }
}

pub fn article(url: &str, title: &str, dek: Option<&str>, published: &str, body: &str) -> Article {
    Article {
        source: url.to_string(),
        title: Some(title.to_string()),
        dek: dek.map(str::to_string),
        authors: vec!["Ana Reyes".to_string()],
        published: Some(published.to_string()),
        modified: None,
        language: Some("en".to_string()),
        site_name: Some("Riverton Gazette".to_string()),
        canonical_url: Some(url.to_string()),
        word_count: newsdesk_extract::count_words(body),
        body: body.to_string(),
    }
}

/// Three articles about a town's water, months apart; Maria Okafor's role changes
/// from mayor to regional water commissioner. Text written for these tests.
pub fn fixture_articles() -> Vec<AnalyzedArticle> {
    let mut out = Vec::new();

    let body1 = "The Eastbrook reservoir fell to 31 percent of capacity on Monday, the lowest level since records began in 1962.\n\
Mayor Maria Okafor said the town would not wait for the autumn rains. “We will ask every household to cut its use by a fifth, starting this week,” Okafor said at a briefing outside the pumping station.\n\
Tomas Lindqvist, a hydrologist at Northfield University, said the aquifer under the valley was recovering more slowly than models had predicted.\n\
“The snowpack was thin two winters running. The café owners on Mill Street noticed before we did,” Lindqvist said.\n\
The town council meets on Thursday to discuss the plan.";
    let a1 = article(
        "https://gazette.example/2024/03/reservoir-low",
        "Eastbrook reservoir falls to a record low",
        Some("Mayor asks households to cut water use by a fifth"),
        "2024-03-04",
        body1,
    );
    let an1 = Analysis {
        quotes: vec![
            quote(body1, "We will ask every household to cut its use by a fifth, starting this week,", QuoteKind::Direct, Some(("Maria Okafor", "Okafor", Some("Mayor")))),
            quote(body1, "the aquifer under the valley was recovering more slowly than models had predicted", QuoteKind::Indirect, Some(("Tomas Lindqvist", "Tomas Lindqvist", Some("hydrologist at Northfield University")))),
            quote(body1, "The snowpack was thin two winters running. The café owners on Mill Street noticed before we did,", QuoteKind::Direct, Some(("Tomas Lindqvist", "Lindqvist", Some("hydrologist at Northfield University")))),
        ],
        people: vec![
            person(body1, "Maria Okafor", &["Mayor"]),
            person(body1, "Tomas Lindqvist", &["hydrologist at Northfield University"]),
        ],
        ..Default::default()
    };
    out.push(AnalyzedArticle {
        article: a1,
        analysis: an1,
    });

    let body2 = "Riverton’s council voted 7–2 on Thursday to ration water for garden sprinklers and car washes until October.\n\
“Nobody likes rules about lawns, but the reservoir does not negotiate,” Mayor Maria Okafor said after the vote.\n\
Council member Priya Raman, who voted against the plan, said farms should have been asked to cut first.\n\
“We are asking families to carry a load that irrigation contracts never will,” Raman said.";
    let a2 = article(
        "https://gazette.example/2024/05/rationing-vote",
        "Council approves summer water rationing",
        None,
        "2024-05-12",
        body2,
    );
    let an2 = Analysis {
        quotes: vec![
            quote(
                body2,
                "Nobody likes rules about lawns, but the reservoir does not negotiate,",
                QuoteKind::Direct,
                Some(("Maria Okafor", "Mayor Maria Okafor", Some("Mayor"))),
            ),
            quote(
                body2,
                "farms should have been asked to cut first",
                QuoteKind::Indirect,
                Some((
                    "Priya Raman",
                    "Council member Priya Raman",
                    Some("Council member"),
                )),
            ),
            quote(
                body2,
                "We are asking families to carry a load that irrigation contracts never will,",
                QuoteKind::Direct,
                Some(("Priya Raman", "Raman", Some("Council member"))),
            ),
        ],
        people: vec![
            person(body2, "Maria Okafor", &["Mayor"]),
            person(body2, "Priya Raman", &["Council member"]),
        ],
        ..Default::default()
    };
    out.push(AnalyzedArticle {
        article: a2,
        analysis: an2,
    });

    let body3 = "Maria Okafor, who led Riverton through the spring drought, was named regional water commissioner on Wednesday.\n\
“A river does not stop at a town line, so neither can our planning,” Okafor, the new regional water commissioner, said in a statement.\n\
Priya Raman, now the town’s mayor, said she would keep the rationing rules through the winter.";
    let a3 = article(
        "https://gazette.example/2024/11/okafor-commissioner",
        "Okafor named regional water commissioner",
        Some("Former mayor will oversee four river basins"),
        "2024-11-20",
        body3,
    );
    let an3 = Analysis {
        quotes: vec![
            quote(
                body3,
                "A river does not stop at a town line, so neither can our planning,",
                QuoteKind::Direct,
                Some((
                    "Maria Okafor",
                    "Okafor",
                    Some("regional water commissioner"),
                )),
            ),
            quote(
                body3,
                "she would keep the rationing rules through the winter",
                QuoteKind::Indirect,
                Some(("Priya Raman", "Priya Raman", Some("mayor"))),
            ),
        ],
        people: vec![
            person(body3, "Maria Okafor", &["regional water commissioner"]),
            person(body3, "Priya Raman", &["mayor"]),
        ],
        ..Default::default()
    };
    out.push(AnalyzedArticle {
        article: a3,
        analysis: an3,
    });
    out
}

/// A hostile article: markup in its title, dek, body, a quote, a speaker name and role,
/// and a `javascript:` canonical URL.
pub fn hostile_article() -> AnalyzedArticle {
    let evil = "<script>alert('xss')</script>";
    let body = format!(
        "Intro line.\n“{evil} and <img src=x onerror=alert(1)>,” said <b>Eve</b> the insider.\nEnd."
    );
    let words = format!("{evil} and <img src=x onerror=alert(1)>,");
    let mut a = article(
        "javascript:alert(document.cookie)",
        &format!("Breaking {evil} news"),
        Some("<iframe src=\"https://evil.example\"></iframe>"),
        "2024-12-01",
        &body,
    );
    a.site_name = Some("<svg onload=alert(2)>".to_string());
    a.authors = vec!["<script>alert(3)</script>".to_string()];
    let mut q = quote(
        &body,
        &words,
        QuoteKind::Direct,
        Some((
            "<script>alert(4)</script> Eve",
            "<b>Eve</b>",
            Some("\"><script>alert(5)</script>"),
        )),
    );
    q.speaker.as_mut().unwrap().kind = SpeakerKind::Person;
    AnalyzedArticle {
        article: a,
        analysis: Analysis {
            quotes: vec![q],
            people: vec![Person {
                name: "<script>alert(4)</script> Eve".to_string(),
                mentions: vec![],
                roles: vec!["\"><script>alert(5)</script>".to_string()],
            }],
            ..Default::default()
        },
    }
}

/// A verbatim syndicated copy of `a` on another site, under `url`, dated `published`.
pub fn syndicated_copy(a: &AnalyzedArticle, url: &str, published: &str) -> AnalyzedArticle {
    let mut copy = a.clone();
    copy.article.source = url.to_string();
    copy.article.canonical_url = Some(url.to_string());
    copy.article.published = Some(published.to_string());
    copy.article.site_name = Some("Valley Wire".to_string());
    copy
}

/// A fresh temporary data directory (removed by the caller's `TempDir` drop).
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("newsdesk-serve-test")
        .tempdir()
        .expect("temp dir")
}

/// Store `articles` in a store in `dir`.
pub fn fill_store(dir: &Path, articles: &[AnalyzedArticle]) {
    let mut store = Store::open(dir).expect("open store");
    for a in articles {
        store.ingest(a).expect("ingest fixture");
    }
    store.flush().expect("flush");
}

/// The test's ingest pipeline. What a pipeline does with a page is not the server's
/// business (the binary passes the real extract → analyze → store), so this one is
/// simple and predictable: the first line of the content is the title, the rest the
/// body; content with control characters is refused as binary. Then it is stored.
pub fn test_pipeline(dir: &Path) -> impl newsdesk_serve::Ingest {
    let store = Mutex::new(Store::open(dir).expect("open writable store"));
    move |req: IngestRequest| -> Result<IngestOutcome, IngestError> {
        if req.content.chars().any(|c| c.is_control() && c != '\n') {
            return Err(IngestError::Unprocessable("binary data, not a page".into()));
        }
        let (title, body) = req.content.split_once('\n').unwrap_or((&req.content, ""));
        let source = req.url.clone().unwrap_or_else(|| "api".to_string());
        let doc = AnalyzedArticle {
            article: Article {
                source,
                title: Some(title.trim().to_string()),
                canonical_url: req.url.clone(),
                word_count: newsdesk_extract::count_words(body),
                body: body.trim().to_string(),
                ..Default::default()
            },
            analysis: Analysis::default(),
        };
        let mut store = store.lock().unwrap();
        let outcome = store
            .ingest(&doc)
            .map_err(|e| IngestError::Unprocessable(e.to_string()))?;
        store
            .flush()
            .map_err(|e| IngestError::Internal(e.to_string()))?;
        Ok(IngestOutcome {
            id: outcome.article_id.to_string(),
            version: outcome.version,
            status: format!("{:?}", outcome.status).to_lowercase(),
            title: doc.article.title,
            quotes: outcome.quotes,
        })
    }
}

/// A running server over a store in `dir` (filled by the caller).
pub fn start(dir: &Path, token: Option<&str>, config: Config) -> Server {
    let backend = Arc::new(StoreBackend::open(dir, 2).expect("open store backend"));
    let ingest: Option<Arc<dyn newsdesk_serve::Ingest>> =
        token.map(|_| Arc::new(test_pipeline(dir)) as _);
    let config = Config {
        token: token.map(str::to_string),
        ..config
    };
    Server::start("127.0.0.1:0", backend, ingest, config).expect("start server")
}

pub fn base(server: &Server) -> String {
    format!("http://{}", server.addr())
}

/// GET a URL: status and body (4xx/5xx are answers, not errors).
pub fn get(url: &str) -> (u16, String) {
    match ureq::get(url).call() {
        Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("GET {url}: {e}"),
    }
}

/// POST a body with headers: status and body.
pub fn post(url: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, String) {
    let mut req = ureq::post(url);
    for (k, v) in headers {
        req = req.set(k, v);
    }
    match req.send_bytes(body) {
        Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("POST {url}: {e}"),
    }
}

/// POST an oversized body over a raw connection: the server may answer 413 and close
/// before the whole body is sent, so write errors are expected and ignored; the answer
/// is then read from the socket. Returns the status and the body.
pub fn post_oversized(url: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, String) {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = std::net::TcpStream::connect(host).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("send headers");
    let _ = stream.write_all(body); // the server may stop reading: a broken pipe is fine
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

pub fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

/// Where screenshots and page dumps go: `$NEWSDESK_TEST_ARTIFACTS`, else
/// `target/test-artifacts/` at the workspace root.
pub fn artifacts_dir() -> PathBuf {
    let dir = std::env::var_os("NEWSDESK_TEST_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-artifacts")
        });
    std::fs::create_dir_all(&dir).expect("create artifacts dir");
    dir
}
