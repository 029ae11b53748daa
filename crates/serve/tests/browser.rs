//! Browser tests: headless Chromium walks search → article → speaker → person page,
//! then the stories list and a day's digest, on
//! a store filled with the fixture articles, checks what the rendered DOM shows, and
//! saves desktop and phone screenshots under `target/test-artifacts/` (or
//! `$NEWSDESK_TEST_ARTIFACTS`).
//!
//! Chromium is found at `$NEWSDESK_CHROMIUM`, else `chromium`, `chromium-browser` or
//! `google-chrome` on `PATH` (Debian package `chromium`). Without it the test is
//! skipped with a loud message — except under CI (`CI` set), where it fails.

mod common;

use common::*;
use newsdesk_serve::Config;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NEWSDESK_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Chromium, or `None` after saying loudly why the browser tests do not run.
fn chromium_or_skip() -> Option<PathBuf> {
    match find_chromium() {
        Some(p) => Some(p),
        None if under_ci() => panic!(
            "browser tests need Chromium under CI: install the Debian package `chromium` \
             (or set NEWSDESK_CHROMIUM to a Chromium binary)"
        ),
        None => {
            eprintln!(
                "\n!!!!!!!! SKIPPING BROWSER TESTS: no Chromium found (install the Debian package \
                 `chromium`, or set NEWSDESK_CHROMIUM). Under CI this is a failure. !!!!!!!!\n"
            );
            None
        }
    }
}

struct Browser {
    exe: PathBuf,
    profile: tempfile::TempDir,
}

impl Browser {
    fn new(exe: PathBuf) -> Browser {
        Browser {
            exe,
            profile: tempfile::Builder::new()
                .prefix("newsdesk-chromium")
                .tempdir()
                .unwrap(),
        }
    }

    /// Run headless Chromium with `extra` arguments on `url`, bounded to 60 s; stdout.
    fn run(&self, extra: &[String], url: &str) -> String {
        let mut cmd = Command::new(&self.exe);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--mute-audio",
        ])
        .arg(format!("--user-data-dir={}", self.profile.path().display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start chromium");
        // Read stdout on a thread so a large DOM cannot fill the pipe and stall.
        let mut out = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut out, &mut s).ok();
            s
        });
        let mut err = child.stderr.take().unwrap();
        let err_reader = std::thread::spawn(move || {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut err, &mut s).ok();
            s
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            match child.try_wait().unwrap() {
                Some(status) => {
                    let stdout = reader.join().unwrap();
                    let stderr = err_reader.join().unwrap();
                    assert!(
                        status.success(),
                        "chromium failed on {url}: {status}\n{stderr}"
                    );
                    return stdout;
                }
                None if Instant::now() > deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("chromium did not finish on {url} within 60 s");
                }
                None => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// The DOM after Chromium parsed and laid out the page.
    fn dom(&self, url: &str) -> String {
        self.run(&["--dump-dom".to_string()], url)
    }

    /// A screenshot of the page at a window size.
    fn screenshot(&self, url: &str, file: &Path, width: u32, height: u32) {
        let _ = std::fs::remove_file(file);
        self.run(
            &[
                format!("--screenshot={}", file.display()),
                format!("--window-size={width},{height}"),
            ],
            url,
        );
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        assert!(
            size > 1000,
            "screenshot {} written ({size} bytes)",
            file.display()
        );
    }
}

/// The value of the first `attr="…"` after `from` in `html`.
fn attr_after<'a>(html: &'a str, from: usize, attr: &str) -> &'a str {
    let pat = format!("{attr}=\"");
    let at = html[from..].find(&pat).expect("attribute present") + from + pat.len();
    let end = html[at..].find('"').unwrap() + at;
    &html[at..end]
}

/// The text of an element's content with tags removed (rough, for assertions).
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Static accessibility checks on a rendered DOM.
fn assert_accessible(page: &str, dom: &str) {
    assert!(
        dom.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
        "{page}: viewport meta"
    );
    assert!(
        dom.contains("<html lang=\"en\">"),
        "{page}: document language"
    );
    let skip = dom
        .find("class=\"skip\" href=\"#main\"")
        .expect("skip link");
    let first_link = dom.find("<a ").unwrap();
    assert!(first_link <= skip, "{page}: skip link is the first link");
    assert!(
        dom[first_link..].starts_with("<a class=\"skip\""),
        "{page}: skip link first"
    );
    assert!(
        dom.contains("<main id=\"main\""),
        "{page}: main landmark target"
    );
    assert_eq!(dom.matches("<h1").count(), 1, "{page}: one h1");
    // Every form field has a label.
    let mut at = 0;
    while let Some(i) = dom[at..]
        .find("<input ")
        .or_else(|| dom[at..].find("<select "))
    {
        let i = i + at;
        let tag_end = dom[i..].find('>').unwrap() + i;
        let tag = &dom[i..tag_end];
        if !tag.contains("type=\"hidden\"") {
            let id = attr_after(tag, 0, "id");
            assert!(
                dom.contains(&format!("<label for=\"{id}\""))
                    || dom.contains(&format!("for=\"{id}\"")),
                "{page}: field {id} has a label"
            );
        }
        at = tag_end;
    }
}

#[test]
fn search_article_speaker_person_in_a_real_browser() {
    let Some(exe) = chromium_or_skip() else {
        return;
    };
    let dir = temp_dir();
    fill_store(dir.path(), &fixture_articles());
    let server = start(dir.path(), None, Config::default());
    let b = base(&server);
    let browser = Browser::new(exe);
    let shots = artifacts_dir();

    // 1. Search for a word; the results list the article.
    let search_url = format!("{b}/search?q=reservoir");
    let dom = browser.dom(&search_url);
    assert_accessible("search", &dom);
    let text = text_of(&dom);
    assert!(
        text.contains("results for “reservoir”"),
        "search heading: {text}"
    );
    let title = "Eastbrook reservoir falls to a record low";
    let at = dom.find(title).expect("article in search results");
    let link_start = dom[..at].rfind("<a ").unwrap();
    let article_href = attr_after(&dom, link_start, "href").to_string();
    assert!(article_href.starts_with("/articles/"), "{article_href}");
    browser.screenshot(&search_url, &shots.join("search-desktop.png"), 1280, 900);
    browser.screenshot(&search_url, &shots.join("search-phone.png"), 390, 844);

    // 2. The article: clean text, quotes highlighted, speakers linked.
    let article_url = format!("{b}{article_href}");
    let dom = browser.dom(&article_url);
    assert_accessible("article", &dom);
    assert!(dom.contains(&format!("<h1>{title}</h1>")));
    let body_start = dom.find("<div class=\"body\">").expect("article body");
    let body = &dom[body_start..body_start + dom[body_start..].find("</div>").unwrap()];
    let marks = body.matches("<mark class=\"q ").count();
    assert_eq!(marks, 3, "three quotes highlighted in the text");
    assert!(dom.contains(
        "We will ask every household to cut its use by a fifth, starting this week,</mark>"
    ));
    // Multi-byte text before the quote (the “ and é) did not shift the highlight.
    assert!(dom.contains("The snowpack was thin two winters running. The café owners on Mill Street noticed before we did,</mark>"));
    let who = dom
        .find("<span class=\"who\">")
        .expect("speaker after the quote");
    let speaker_href = attr_after(&dom, who, "href").to_string();
    assert!(speaker_href.starts_with("/people/"), "{speaker_href}");
    assert!(text_of(&dom[who..who + 200]).contains("Maria Okafor"));
    browser.screenshot(&article_url, &shots.join("article-desktop.png"), 1280, 900);
    browser.screenshot(&article_url, &shots.join("article-phone.png"), 390, 844);

    // 3. The speaker's page: quotes over time, newest first, and roles as they changed.
    let person_url = format!("{b}{speaker_href}");
    let dom = browser.dom(&person_url);
    assert_accessible("person", &dom);
    assert!(dom.contains("<h1>Maria Okafor</h1>"));
    let text = text_of(&dom);
    let newest = text
        .find("A river does not stop at a town line")
        .expect("newest quote");
    let middle = text
        .find("Nobody likes rules about lawns")
        .expect("middle quote");
    let oldest = text
        .find("We will ask every household")
        .expect("oldest quote");
    assert!(newest < middle && middle < oldest, "quotes newest first");
    let roles = &dom[dom.find("id=\"roles-h\"").unwrap()..];
    let mayor = roles.find("<strong>Mayor</strong>").expect("role Mayor");
    let commissioner = roles
        .find("<strong>regional water commissioner</strong>")
        .expect("role commissioner");
    assert!(mayor < commissioner, "roles in the order they were held");
    assert!(
        text.contains("2024-03-04 to 2024-05-12"),
        "Mayor seen from March to May: {text}"
    );
    browser.screenshot(&person_url, &shots.join("person-desktop.png"), 1280, 900);
    browser.screenshot(&person_url, &shots.join("person-phone.png"), 390, 844);

    // 4. Home page.
    let dom = browser.dom(&format!("{b}/"));
    assert_accessible("home", &dom);
    let text = text_of(&dom);
    assert!(text.contains("Latest articles") && text.contains("Most quoted people"));
    assert!(
        text.contains("Maria Okafor 3 quotes")
            || text.contains("Maria Okafor regional water commissioner 3 quotes")
            || text.contains("Maria Okafor Mayor 3 quotes"),
        "{text}"
    );
    browser.screenshot(&format!("{b}/"), &shots.join("home-desktop.png"), 1280, 900);
    browser.screenshot(&format!("{b}/"), &shots.join("home-phone.png"), 390, 844);

    // 5. The stories list (reached from the nav), then the digest of the first story's day.
    let stories_at = dom
        .find("href=\"/stories\"")
        .expect("nav links the stories");
    assert!(
        stories_at < dom.find("<main").unwrap(),
        "stories link in the nav"
    );
    let stories_url = format!("{b}/stories");
    let dom = browser.dom(&stories_url);
    assert_accessible("stories", &dom);
    let text = text_of(&dom);
    let newest = text
        .find("Okafor named regional water commissioner")
        .expect("newest story listed");
    let oldest = text.find(title).expect("oldest story listed");
    assert!(newest < oldest, "stories latest first: {text}");
    assert!(
        text.contains("People: Maria Okafor"),
        "people of a story: {text}"
    );
    browser.screenshot(&stories_url, &shots.join("stories-desktop.png"), 1280, 900);
    browser.screenshot(&stories_url, &shots.join("stories-phone.png"), 390, 844);

    let digest_url = format!("{b}/digest?date=2024-03-04");
    let dom = browser.dom(&digest_url);
    assert_accessible("digest", &dom);
    let text = text_of(&dom);
    assert!(text.contains("newsdesk digest for 2024-03-04"), "{text}");
    assert!(text.contains("Top 1 of 1 stories"), "{text}");
    assert!(text.contains(title), "the day's story: {text}");
    assert!(
        text.contains("— Maria Okafor"),
        "key quote with speaker: {text}"
    );
    let story_link = dom
        .find("<li class=\"digest-story\">")
        .expect("digest entry");
    assert!(attr_after(&dom, story_link, "href").starts_with("/stories/"));
    browser.screenshot(&digest_url, &shots.join("digest-desktop.png"), 1280, 900);
    browser.screenshot(&digest_url, &shots.join("digest-phone.png"), 390, 844);
    eprintln!("browser test screenshots in {}", shots.display());
}
