//! Main-content extraction: which text of the page is the article body.
//!
//! The method, in passes over the arena (each linear, none recursive):
//! 1. **Visibility and boilerplate marks**, top-down: invisible elements (scripts,
//!    styles, forms controls, `hidden`), page furniture by tag (`nav`, `aside`,
//!    `footer`, `header`, `figure`…) and by ARIA role, and elements whose class/id
//!    words name boilerplate (share bars, newsletter prompts, related links, ads,
//!    comments, captions, bylines…). A class/id hint is only trusted when the
//!    element holds a minority of the page's text, since wrappers are sometimes
//!    named "content-with-sidebar".
//! 2. **Blocks**: the visible text is cut into blocks at block-level elements and
//!    `<br>`; each block remembers its element, its length and how much of it is
//!    link text.
//! 3. **Container**: paragraph-like blocks vote for their ancestors (1, ½, ⅓ for
//!    three levels) by length and commas, damped by link density; class/id words
//!    (article, story, body…) add evidence. When the page's JSON-LD carries an
//!    `articleBody`, its 4-gram overlap with each block is further evidence: the
//!    container that holds most of the declared body wins. An `<article>` holding
//!    the page's `<h1>` gets a bonus; an element holding several articles, a penalty.
//! 4. **Climbing**: articles split into several containers by ads and figures are
//!    rejoined by moving up (at most six levels, never out of an `<article>`) while
//!    an ancestor adds at least 15 % more paragraph text of the *same kind* (same
//!    tag) as the container's own paragraphs, and that text is at least half of
//!    everything the ancestor adds. A container holding several `<article>`s is a
//!    feed: the story is the one holding the `<h1>`.
//! 5. **Selection**: blocks inside the container (and qualifying siblings, such as
//!    a lead paragraph) are kept unless they are link lists, calls to action,
//!    bylines, date lines, the headline repeated or other short boilerplate
//!    lines. Embedded posts (tweets) keep their attribution lines.
//!
//! JSON-LD `articleBody`, measured on the development split of the extraction
//! benchmark: used *as the body* it scores worse (F1 0.956 against 0.976; it is
//! often truncated or carries extra text), and as container evidence it changed
//! no page there; it stays as evidence and as the fallback for an empty body.

use super::dom::{Dom, NodeId, NodeKind};
use html5ever::{local_name, LocalName};
use std::collections::HashSet;
use std::time::Instant;

/// Score factor and bonus for a container that holds the page's headline.
const H1_FACTOR: f64 = 1.25;
const H1_BONUS: f64 = 10.0;

/// How many levels the container may climb towards the root.
const CLIMB_LEVELS: usize = 6;
/// Climb when the parent has at least this share more good paragraph text.
const CLIMB_GAIN: f64 = 0.15;
/// ... and when that extra text is at least this share of all the extra text.
const CLIMB_PURITY: f64 = 0.5;

/// When the container holds several `<article>` elements with text (a story and
/// its teasers, or a feed), the story is the one with the most good text (or,
/// with a JSON-LD body, the most of it).
fn best_article_within(
    dom: &Dom,
    top: usize,
    blocks: &[Block],
    sub_ld: Option<&Vec<usize>>,
) -> usize {
    let n = dom.nodes.len();
    let mut inside = vec![false; n];
    inside[top] = true;
    let mut good = vec![0usize; n];
    for b in blocks {
        if b.chars >= 30 && b.link_density() < 0.35 {
            good[b.elem as usize] += b.chars;
        }
    }
    for i in (top + 1..n).rev() {
        good[dom.nodes[i].parent as usize] += good[i];
    }
    let mut articles = Vec::new();
    for i in top + 1..n {
        inside[i] = inside[dom.nodes[i].parent as usize];
        if inside[i] && dom.nodes[i].name() == Some(&local_name!("article")) && good[i] > 0 {
            articles.push(i);
        }
    }
    // Only outermost articles compete.
    articles.retain(|&a| {
        let (mut p, mut steps) = (dom.nodes[a].parent as usize, 0);
        while p > top && steps < 64 {
            if dom.nodes[p].name() == Some(&local_name!("article")) {
                return false;
            }
            p = dom.nodes[p].parent as usize;
            steps += 1;
        }
        true
    });
    if articles.len() < 2 {
        return top;
    }
    // The article holding the page's only <h1> is the story.
    let mut with_h1 = Vec::new();
    for &a in &articles {
        let end = subtree_end(dom, a);
        if (a + 1..end).any(|i| dom.nodes[i].name() == Some(&local_name!("h1"))) {
            with_h1.push(a);
        }
    }
    if with_h1.len() == 1 {
        return with_h1[0];
    }
    let key = |a: usize| match sub_ld {
        Some(ld) => (ld[a], good[a]),
        None => (good[a], 0),
    };
    articles.into_iter().max_by_key(|&a| key(a)).unwrap_or(top)
}

/// Longest average item (characters) of a list of links to other stories.
const LINK_LIST_ITEM_CHARS: usize = 100;

/// Elements inside lists of links (related stories): a `<ul>`/`<ol>` inside the
/// container with at least three headline-length items, every one of which holds
/// a link, and at least a third of its text in links.
fn link_lists(dom: &Dom, inside: &[bool], sub_chars: &[usize], sub_links: &[usize]) -> Vec<bool> {
    let n = dom.nodes.len();
    let mut has_link = vec![false; n];
    for i in (1..n).rev() {
        if has_link[i] || dom.nodes[i].name() == Some(&local_name!("a")) {
            has_link[dom.nodes[i].parent as usize] = true;
        }
    }
    let mut out = vec![false; n];
    for i in 1..n {
        let p = dom.nodes[i].parent as usize;
        if out[p] {
            out[i] = true;
            continue;
        }
        if !inside[i]
            || !matches!(
                dom.nodes[i].name(),
                Some(&local_name!("ul") | &local_name!("ol"))
            )
        {
            continue;
        }
        let items: Vec<usize> = dom.nodes[i]
            .children
            .iter()
            .map(|&c| c as usize)
            .filter(|&c| dom.nodes[c].name() == Some(&local_name!("li")))
            .collect();
        let linked = items.iter().filter(|&&c| has_link[c]).count();
        let short_items = sub_chars[i] <= items.len() * LINK_LIST_ITEM_CHARS;
        if items.len() >= 3
            && linked == items.len()
            && short_items
            && sub_links[i] * 3 >= sub_chars[i]
        {
            out[i] = true;
        }
    }
    out
}

/// A `<blockquote>` carrying a social platform's embed markup (`twitter-tweet`,
/// `instagram-media`, `tiktok-embed`…).
fn is_embedded_post(node: &super::dom::Node) -> bool {
    node.name() == Some(&local_name!("blockquote"))
        && node.attr("class").is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            [
                "tweet",
                "twitter",
                "instagram",
                "tiktok",
                "facebook",
                "embed",
                "reddit",
            ]
            .iter()
            .any(|p| c.contains(p))
        })
}

/// Does the visible text of `id` end like a sentence?
fn blocks_text_ends_sentence(dom: &Dom, id: NodeId) -> bool {
    let t = dom.text_of(id);
    t.ends_with(['.', '!', '?', '"', '”', '»', '。', '…'])
}

/// One past the last index of the subtree at `id` (subtrees are contiguous in
/// document order).
fn subtree_end(dom: &Dom, id: usize) -> usize {
    let mut last = id;
    while let Some(&c) = dom.nodes[last].children.last() {
        last = c as usize;
    }
    last + 1
}

/// Per element: characters of good paragraph blocks (long enough, few links) whose
/// element has the same tag as the dominant paragraph tag under `top`.
fn same_kind_good_text(dom: &Dom, blocks: &[Block], top: usize, skip: &[bool]) -> Vec<usize> {
    let n = dom.nodes.len();
    let mut inside = vec![false; n];
    inside[top] = true;
    for i in top + 1..n {
        inside[i] = inside[dom.nodes[i].parent as usize];
    }
    let is_good = |b: &Block| b.chars >= 30 && b.link_density() < 0.35;
    let mut tally: Vec<(&LocalName, usize)> = Vec::new();
    for b in blocks
        .iter()
        .filter(|b| inside[b.elem as usize] && is_good(b))
    {
        if let Some(name) = dom.node(b.elem).name() {
            match tally.iter_mut().find(|(t, _)| *t == name) {
                Some((_, c)) => *c += b.chars,
                None => tally.push((name, b.chars)),
            }
        }
    }
    let dominant = tally
        .iter()
        .max_by_key(|(_, c)| *c)
        .map(|(t, _)| (*t).clone());
    let mut good = vec![0usize; n];
    for b in blocks {
        if is_good(b) && dom.node(b.elem).name() == dominant.as_ref() {
            good[b.elem as usize] += b.chars;
        }
    }
    for i in (1..n).rev() {
        if !skip[i] {
            good[dom.nodes[i].parent as usize] += good[i];
        }
    }
    good
}

/// One run of text between block boundaries.
#[derive(Debug, Clone)]
pub struct Block {
    /// The text, white space collapsed.
    pub text: String,
    /// The nearest block-level element holding it.
    pub elem: NodeId,
    /// Characters of text.
    pub chars: usize,
    /// Characters inside links.
    pub link_chars: usize,
}

impl Block {
    fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.chars.max(1) as f64
    }
}

/// What content extraction found besides the body.
#[derive(Debug, Default)]
pub struct Content {
    /// The article body, paragraphs joined by `"\n"`.
    pub body: String,
    /// Short lines that looked like bylines ("By Jane Doe"), in page order.
    pub byline_lines: Vec<String>,
    /// Short lines that looked like date lines, in page order.
    pub date_lines: Vec<String>,
    /// Text of elements marked as author (rel=author, class/itemprop author).
    pub author_texts: Vec<String>,
    /// First `<h1>` text in the page body.
    pub h1: Option<String>,
    /// `datetime` attributes of `<time>` elements, in page order.
    pub time_datetimes: Vec<String>,
}

fn is_block(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("body")
            | local_name!("center")
            | local_name!("dd")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("hr")
            | local_name!("html")
            | local_name!("li")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("td")
            | local_name!("th")
            | local_name!("tr")
            | local_name!("ul")
            | local_name!("caption")
            | local_name!("br")
    )
}

/// Elements never part of an article body, whatever their class.
fn is_furniture(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("nav")
            | local_name!("aside")
            | local_name!("footer")
            | local_name!("header")
            | local_name!("figure")
            | local_name!("figcaption")
            | local_name!("button")
            | local_name!("input")
            | local_name!("label")
            | local_name!("menu")
            | local_name!("dialog")
            | local_name!("img")
            | local_name!("video")
            | local_name!("audio")
            | local_name!("picture")
    ) || super::dom::is_invisible(name)
}

/// Class/id words that name page furniture rather than article text (kept sorted).
const NEGATIVE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adslot",
    "adunit",
    "advert",
    "advertisement",
    "author",
    "banner",
    "bio",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "comment",
    "comments",
    "consent",
    "cookie",
    "cookies",
    "credit",
    "credits",
    "dateline",
    "disqus",
    "dropdown",
    "embed",
    "footer",
    "gallery",
    "gdpr",
    "hidden",
    "hovercard",
    "inline-ad",
    "login",
    "masthead",
    "menu",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "newsletters",
    "outbrain",
    "overlay",
    "paywall",
    "popover",
    "popular",
    "popup",
    "print",
    "promo",
    "promotion",
    "recirc",
    "recirculation",
    "recommendations",
    "recommended",
    "related",
    "rollover",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "skip",
    "slideshow",
    "social",
    "sponsor",
    "sponsored",
    "sronly",
    "subscribe",
    "subscription",
    "taboola",
    "tags",
    "timestamp",
    "toolbar",
    "tooltip",
    "trending",
    "video",
    "widget",
];

const POSITIVE_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "prose",
    "richtext",
    "story",
    "storybody",
    "text",
];

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Sorted hashes of [`NEGATIVE_WORDS`] and [`POSITIVE_WORDS`]: class words are
/// looked up by hash (every element has several, so this is a hot path).
fn word_hash_tables() -> &'static (Vec<u64>, Vec<u64>) {
    static TABLES: std::sync::OnceLock<(Vec<u64>, Vec<u64>)> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let table = |words: &[&str]| {
            let mut v: Vec<u64> = words.iter().map(|w| fnv1a(w.as_bytes())).collect();
            v.sort_unstable();
            v
        };
        (table(NEGATIVE_WORDS), table(POSITIVE_WORDS))
    })
}

/// What an element's class and id words say about it.
#[derive(Default)]
struct ClassHints {
    negative: bool,
    positive: i32,
    author: bool,
    comment: bool,
}

/// Read class/id words without allocating: words split at non-alphanumerics and at
/// camelCase humps (`newsCaption` → `news`, `caption`), compared case-insensitively.
fn class_hints(node: &super::dom::Node) -> ClassHints {
    let mut h = ClassHints::default();
    let mut word = |w: &str| {
        // Lower-case into a stack buffer; longer words match nothing we look for.
        let mut buf = [0u8; 24];
        if w.is_empty() || w.len() > buf.len() {
            return;
        }
        for (d, b) in buf.iter_mut().zip(w.bytes()) {
            *d = b.to_ascii_lowercase();
        }
        let Ok(w) = std::str::from_utf8(&buf[..w.len()]) else {
            return;
        };
        let (neg, pos) = word_hash_tables();
        let hash = fnv1a(w.as_bytes());
        if neg.binary_search(&hash).is_ok() {
            h.negative = true;
        }
        if pos.binary_search(&hash).is_ok() {
            h.positive += 1;
        }
        match w {
            "author" | "byline" => h.author = true,
            "comment" | "comments" | "respond" | "reply" | "disqus" | "discussion" => {
                h.comment = true
            }
            _ => {}
        }
    };
    for key in [local_name!("class"), local_name!("id")] {
        let Some(v) = node.attr_atom(&key) else {
            continue;
        };
        for cls in v.split_ascii_whitespace() {
            if ["sr-only", "visually-hidden", "screen-reader-text"]
                .iter()
                .any(|x| x.eq_ignore_ascii_case(cls))
            {
                word("sronly");
                continue;
            }
            // The whole token first ("articlebody"), then its parts.
            if cls.bytes().any(|b| !b.is_ascii_alphanumeric())
                || cls.bytes().any(|b| b.is_ascii_uppercase())
            {
                let b = cls.as_bytes();
                let mut start = 0;
                for i in 0..=b.len() {
                    let boundary = i == b.len()
                        || !b[i].is_ascii_alphanumeric()
                        || (i > start
                            && b[i].is_ascii_uppercase()
                            && b[i - 1].is_ascii_lowercase());
                    if boundary {
                        if i > start {
                            word(&cls[start..i]);
                        }
                        start = if i < b.len() && b[i].is_ascii_alphanumeric() {
                            i
                        } else {
                            i + 1
                        };
                    }
                }
            } else {
                word(cls);
            }
        }
    }
    h
}

fn is_hidden(node: &super::dom::Node) -> bool {
    if node.attr_atom(&local_name!("hidden")).is_some()
        || node.attr_atom(&local_name!("aria-hidden")) == Some("true")
    {
        return true;
    }
    if let Some(style) = node.attr_atom(&local_name!("style")) {
        // Cheap pre-check before normalising the declaration.
        if style.contains("none") || style.contains("hidden") {
            let s: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            if s.contains("display:none") || s.contains("visibility:hidden") {
                return true;
            }
        }
    }
    matches!(
        node.attr_atom(&local_name!("role")),
        Some("navigation" | "banner" | "contentinfo" | "complementary" | "dialog" | "alertdialog")
    )
}

/// Extract the article body (and byline/date evidence) from a parsed page.
/// `ld_body` is the JSON-LD `articleBody`, used as evidence for the container.
///
/// `titles` are the headlines the metadata declares: a body line equal to one of
/// them (or to the page's first `<h1>`) is the headline repeated, not body text.
pub fn extract(dom: &Dom, ld_body: Option<&str>, titles: &[&str], deadline: Instant) -> Content {
    let mut content = extract_with_boilerplate_removal(dom, ld_body, titles, deadline);
    if content.body.trim().is_empty() {
        // Everything visible was judged furniture (or flattened into it): a page
        // with text never yields an empty body, so fall back to all visible text.
        let n = dom.nodes.len();
        let mut invisible = vec![false; n];
        for i in 1..n {
            invisible[i] = invisible[dom.nodes[i].parent as usize]
                || dom.nodes[i].name().is_some_and(super::dom::is_invisible);
        }
        content.body = fallback_body(&collect_blocks(dom, &invisible), None);
    }
    content
}

fn extract_with_boilerplate_removal(
    dom: &Dom,
    ld_body: Option<&str>,
    titles: &[&str],
    deadline: Instant,
) -> Content {
    let n = dom.nodes.len();
    let mut content = Content::default();

    // Pass 1: hard skips (top-down; parents come before children).
    let mut hard = vec![false; n];
    let mut neg_hint = vec![false; n];
    let mut pos_hint = vec![0i32; n];
    // Comment sections and forms: their "author" fields are commenters or labels.
    let mut in_comments = vec![false; n];
    // Inside a <header>: skipped as body text, but bylines and <time> live there.
    let mut in_header = vec![false; n];
    for i in 1..n {
        let node = &dom.nodes[i];
        let p = node.parent as usize;
        in_comments[i] = in_comments[p];
        in_header[i] = in_header[p] || node.name() == Some(&local_name!("header"));
        if hard[p] {
            hard[i] = true;
            if !in_header[i] || node.name().is_none_or(super::dom::is_invisible) {
                continue;
            }
        }
        if let NodeKind::Element { name, .. } = &node.kind {
            if is_furniture(name) || is_hidden(node) {
                hard[i] = true;
            }
            if *name == local_name!("time") && !in_comments[i] {
                if let Some(dt) = node.attr_atom(&local_name!("datetime")) {
                    content.time_datetimes.push(dt.to_string());
                }
            }
            if *name == local_name!("form") {
                neg_hint[i] = true;
                in_comments[i] = true;
            }
            let hints = class_hints(node);
            if hints.comment {
                in_comments[i] = true;
            }
            let is_author = node.attr_atom(&local_name!("rel")) == Some("author")
                || node.attr_atom(&local_name!("itemprop")) == Some("author")
                || hints.author;
            if is_author && !in_comments[i] && content.author_texts.len() < 16 {
                let t = dom.text_of(i as NodeId);
                if !t.is_empty() && t.chars().count() < 120 {
                    content.author_texts.push(t);
                }
            }
            let structural = matches!(
                *name,
                local_name!("body")
                    | local_name!("html")
                    | local_name!("article")
                    | local_name!("main")
            );
            if !structural && hints.negative {
                neg_hint[i] = true;
            }
            pos_hint[i] = hints.positive.min(2);
            if node.attr_atom(&local_name!("itemprop")) == Some("articleBody") {
                pos_hint[i] += 3;
            }
            if matches!(*name, local_name!("article") | local_name!("main")) {
                pos_hint[i] += 1;
            }
        }
    }

    // Raw visible text length per subtree (bottom-up), to guard class hints.
    let mut raw_len = vec![0usize; n];
    for i in (1..n).rev() {
        if hard[i] {
            continue;
        }
        if let NodeKind::Text(t) = &dom.nodes[i].kind {
            raw_len[i] += t.chars().filter(|c| !c.is_whitespace()).count();
        }
        let p = dom.nodes[i].parent as usize;
        raw_len[p] += raw_len[i];
    }
    let total = raw_len[0].max(1);
    // Embedded posts (tweets and the like) are quoted in the story: a wrapper named
    // "social-embed" around a <blockquote> is not a share bar.
    let mut holds_quote = vec![false; n];
    for i in (1..n).rev() {
        if holds_quote[i] || is_embedded_post(&dom.nodes[i]) {
            holds_quote[dom.nodes[i].parent as usize] = true;
        }
    }
    let mut skip = hard;
    for i in 1..n {
        let p = dom.nodes[i].parent as usize;
        let hinted = neg_hint[i] && !holds_quote[i] && raw_len[i] * 10 < total * 4;
        if skip[p] || hinted {
            skip[i] = true;
        }
    }
    let mut in_quote = vec![false; n];
    for i in 1..n {
        in_quote[i] = in_quote[dom.nodes[i].parent as usize]
            || dom.nodes[i].name() == Some(&local_name!("blockquote"));
    }

    // Pass 2: blocks.
    let blocks = collect_blocks(dom, &skip);
    if Instant::now() > deadline {
        content.body = fallback_body(&blocks, ld_body);
        return content;
    }
    if let Some(h1) = blocks
        .iter()
        .find(|b| dom.node(b.elem).name() == Some(&local_name!("h1")))
    {
        content.h1 = Some(h1.text.clone());
    }

    // Pass 3: container scores.
    let ld_shingles = ld_body.map(shingle_set);
    let mut score = vec![0f64; n];
    let mut sub_chars = vec![0usize; n];
    let mut sub_links = vec![0usize; n];
    let mut sub_ld = vec![0usize; n];
    for b in &blocks {
        sub_chars[b.elem as usize] += b.chars;
        sub_links[b.elem as usize] += b.link_chars;
        if let Some(ld) = &ld_shingles {
            sub_ld[b.elem as usize] += ld_overlap(&b.text, ld);
        }
        if b.chars < 25 || b.link_density() > 0.5 {
            continue;
        }
        let commas = b.text.matches([',', '，', '、', '،']).count() as f64;
        let s =
            (1.0 + commas.min(10.0) + (b.chars as f64 / 100.0).min(3.0)) * (1.0 - b.link_density());
        let name = dom.node(b.elem).name();
        let paragraph_like = matches!(
            name.map(|x| &**x),
            Some("p" | "pre" | "blockquote" | "li" | "td" | "h2" | "h3" | "h4" | "dd")
        );
        let mut id = if paragraph_like {
            dom.node(b.elem).parent
        } else {
            b.elem
        };
        for level in 0..3 {
            score[id as usize] += s / (level as f64 + 1.0);
            if id == 0 {
                break;
            }
            id = dom.node(id).parent;
        }
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        sub_chars[p] += sub_chars[i];
        sub_links[p] += sub_links[i];
        sub_ld[p] += sub_ld[i];
    }
    // Elements holding several <article>s are feeds or teaser lists, not a story.
    let mut articles_below = vec![0u32; n];
    for i in (1..n).rev() {
        let own = u32::from(dom.nodes[i].name() == Some(&local_name!("article")));
        let p = dom.nodes[i].parent as usize;
        articles_below[p] += articles_below[i] + own;
    }
    // The story's <article> also holds its headline (the first <h1>); teasers do not.
    let mut holds_h1 = vec![false; n];
    if let Some(h1) = (1..n).find(|&i| dom.nodes[i].name() == Some(&local_name!("h1"))) {
        let (mut a, mut steps) = (h1, 0);
        while a != 0 && steps < 4096 {
            holds_h1[a] = true;
            a = dom.nodes[a].parent as usize;
            steps += 1;
        }
    }
    let mut best: Option<(usize, f64)> = None;
    let ld_total = ld_shingles.as_ref().map_or(0, |s| s.len());
    for i in 1..n {
        if score[i] <= 0.0 || skip[i] {
            continue;
        }
        let ld = sub_links[i] as f64 / sub_chars[i].max(1) as f64;
        let mut s = score[i] * (1.0 - ld) + 5.0 * pos_hint[i] as f64;
        if articles_below[i] >= 2 {
            s *= 0.5;
        }
        if holds_h1[i] && dom.nodes[i].name() == Some(&local_name!("article")) {
            s = s * H1_FACTOR + H1_BONUS;
        }
        if ld_total >= 20 {
            // Share of the declared body found under this element.
            let cover = (sub_ld[i] as f64 / ld_total as f64).min(1.0);
            s *= 0.5 + cover;
        }
        if best.is_none_or(|(_, bs)| s > bs) {
            best = Some((i, s));
        }
    }

    let Some((top, top_score)) = best else {
        content.body = fallback_body(&blocks, ld_body);
        return content;
    };
    let top = best_article_within(
        dom,
        top,
        &blocks,
        if ld_total >= 20 { Some(&sub_ld) } else { None },
    );
    // Climb while the parent holds substantially more good text (articles split
    // by ads or embeds into several containers).
    let mut top = top;
    let _ = top_score;
    // Only text in the same kind of element as the container's own paragraphs
    // counts when deciding to climb (teasers and link lists use other markup).
    let good = same_kind_good_text(dom, &blocks, top, &skip);
    // Never climb out of an <article>: its siblings are other stories.
    let article_limit = {
        let (mut a, mut steps) = (top, 0);
        while a != 0 && steps < 64 && dom.node(a as NodeId).name() != Some(&local_name!("article"))
        {
            a = dom.node(a as NodeId).parent as usize;
            steps += 1;
        }
        (a != 0 && dom.node(a as NodeId).name() == Some(&local_name!("article"))).then_some(a)
    };
    'climb: for _ in 0..CLIMB_LEVELS {
        let mut anc = top;
        for _ in 0..CLIMB_LEVELS {
            if Some(anc) == article_limit {
                break 'climb;
            }
            let p = dom.node(anc as NodeId).parent as usize;
            if p == 0 || skip[p] {
                break 'climb;
            }
            anc = p;
            let extra = good[anc].saturating_sub(good[top]);
            let extra_all = sub_chars[anc].saturating_sub(sub_chars[top]).max(1);
            if extra as f64 >= CLIMB_GAIN * good[top] as f64
                && extra >= 120
                && extra as f64 >= CLIMB_PURITY * extra_all as f64
            {
                top = anc;
                continue 'climb;
            }
        }
        break;
    }

    // Roots: the container plus siblings that score well.
    let mut is_root = vec![false; n];
    is_root[top] = true;
    let parent = dom.node(top as NodeId).parent;
    let threshold = (score[top] * 0.2).max(10.0);
    for &sib in &dom.node(parent).children {
        let s = sib as usize;
        if s == top || skip[s] || dom.node(sib).name() == Some(&local_name!("article")) {
            continue;
        }
        let ld = sub_links[s] as f64 / sub_chars[s].max(1) as f64;
        let strong = score[s] >= threshold && ld < 0.3;
        // A lone paragraph next to the container (a lead or summary), as p or as a
        // div holding just one run of text ending a sentence.
        let single_text = dom
            .node(sib)
            .children
            .iter()
            .all(|&c| match &dom.node(c).kind {
                NodeKind::Element { name, .. } => !is_block(name),
                _ => true,
            });
        let ends_sentence = blocks_text_ends_sentence(dom, sib);
        let loose_paragraph = (dom.node(sib).name() == Some(&local_name!("p"))
            || (single_text && ends_sentence))
            && sub_chars[s] > 80
            && ld < 0.25;
        if strong || loose_paragraph {
            is_root[s] = true;
        }
    }
    let mut inside = vec![false; n];
    for i in 1..n {
        inside[i] = is_root[i] || inside[dom.nodes[i].parent as usize];
    }

    let in_link_list = link_lists(dom, &inside, &sub_chars, &sub_links);
    let mut lines: Vec<&str> = Vec::new();
    // A short lead-in line ("More great stories") right before a dropped link list.
    let mut last_kept_short: Option<usize> = None;
    let mut title_keys: Vec<String> = titles.iter().map(|t| normalize_key(t)).collect();
    title_keys.extend(content.h1.as_deref().map(normalize_key));
    title_keys.retain(|k| !k.is_empty());
    for b in &blocks {
        if !inside[b.elem as usize] {
            continue;
        }
        let name = dom.node(b.elem).name().map(|x| &**x).unwrap_or("");
        if in_link_list[b.elem as usize] {
            if let Some(i) = last_kept_short.take() {
                if i + 1 == lines.len() {
                    lines.pop();
                }
            }
            continue;
        }
        if b.chars < 300 {
            let key = normalize_key(&b.text);
            if title_keys.contains(&key) {
                continue;
            }
        }
        if in_quote[b.elem as usize] {
            // Quoted posts keep their attribution and date lines.
            if b.link_density() <= 0.6 || b.chars >= 300 {
                lines.push(&b.text);
            }
            continue;
        }
        match classify_line(&b.text, name, b) {
            LineKind::Keep => {
                let lead_in = b.chars < 60
                    && !b.text.ends_with(['.', '!', '?', ':', '"', '”'])
                    && name != "li";
                last_kept_short = lead_in.then_some(lines.len());
                lines.push(&b.text);
            }
            LineKind::Byline => content.byline_lines.push(b.text.clone()),
            LineKind::Date => content.date_lines.push(b.text.clone()),
            LineKind::Drop => {}
        }
    }
    content.body = lines.join("\n");
    if content.body.trim().is_empty() {
        content.body = fallback_body(&blocks, ld_body);
    }
    // Bylines and dates outside the container are evidence too.
    for b in &blocks {
        if inside[b.elem as usize] || b.chars > 120 {
            continue;
        }
        if looks_like_byline(&b.text) && content.byline_lines.len() < 8 {
            content.byline_lines.push(b.text.clone());
        }
    }
    content
}

fn fallback_body(blocks: &[Block], ld_body: Option<&str>) -> String {
    if let Some(ld) = ld_body {
        let t = ld.trim();
        if !t.is_empty() {
            return t.to_string();
        }
    }
    let good: Vec<&str> = blocks
        .iter()
        .filter(|b| b.chars >= 40 && b.link_density() < 0.5)
        .map(|b| b.text.as_str())
        .collect();
    if !good.is_empty() {
        return good.join("\n");
    }
    blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Cut visible text into blocks (iterative DFS).
fn collect_blocks(dom: &Dom, skip: &[bool]) -> Vec<Block> {
    struct Cur {
        text: String,
        links: usize,
    }
    let mut blocks = Vec::new();
    let mut cur = Cur {
        text: String::new(),
        links: 0,
    };
    // Stack entries: (node, is_exit). Also track open block elements and link depth.
    let mut stack: Vec<(NodeId, bool)> = vec![(0, false)];
    let mut block_stack: Vec<NodeId> = vec![0];
    let mut link_depth = 0usize;
    let flush = |cur: &mut Cur, elem: NodeId, blocks: &mut Vec<Block>| {
        let t = cur.text.trim();
        if !t.is_empty() {
            let text = t.to_string();
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            blocks.push(Block {
                chars,
                link_chars: cur.links.min(chars),
                text,
                elem,
            });
        }
        cur.text.clear();
        cur.links = 0;
    };
    while let Some((id, exit)) = stack.pop() {
        let node = dom.node(id);
        match &node.kind {
            NodeKind::Text(t) => {
                let before = cur.text.len();
                super::dom::push_collapsed(&mut cur.text, t);
                if link_depth > 0 {
                    cur.links += cur.text[before..]
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .count();
                }
            }
            NodeKind::Element { name, .. } => {
                let block = is_block(name);
                let link = *name == local_name!("a");
                if exit {
                    if block {
                        let elem = *block_stack.last().unwrap_or(&0);
                        flush(&mut cur, elem, &mut blocks);
                        block_stack.pop();
                    }
                    if link {
                        link_depth = link_depth.saturating_sub(1);
                    }
                    continue;
                }
                if id != 0 && skip[id as usize] {
                    continue;
                }
                if *name == local_name!("br") || *name == local_name!("hr") {
                    let elem = *block_stack.last().unwrap_or(&0);
                    flush(&mut cur, elem, &mut blocks);
                    continue;
                }
                if block {
                    let elem = *block_stack.last().unwrap_or(&0);
                    flush(&mut cur, elem, &mut blocks);
                    block_stack.push(id);
                } else if matches!(*name, local_name!("td") | local_name!("th")) {
                    cur.text.push(' ');
                }
                if link {
                    link_depth += 1;
                }
                stack.push((id, true));
                stack.extend(node.children.iter().rev().map(|&c| (c, false)));
            }
            NodeKind::Document => {
                stack.extend(node.children.iter().rev().map(|&c| (c, false)));
            }
        }
    }
    let elem = *block_stack.last().unwrap_or(&0);
    flush(&mut cur, elem, &mut blocks);
    blocks
}

enum LineKind {
    Keep,
    Drop,
    Byline,
    Date,
}

/// Phrases that make a short line (under 300 characters) a call to action.
const CALLS_TO_ACTION: &[&str] = &[
    "click here",
    "tell us what you think",
    "let us know",
    "got a tip",
    "have your say",
    "join the conversation",
    "leave a comment",
    "follow us on",
    "sign up to",
    "download our app",
    "support our journalism",
    "all rights reserved",
    "like this story",
    "share it with",
    "sign up for",
    "subscribe to our",
    "subscribe now",
    "get access to",
];

/// Phrases that open a call to action or a boilerplate line.
const BOILER_STARTS: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "read more",
    "read also",
    "read next",
    "related:",
    "related roundup",
    "related articles",
    "related stories",
    "related coverage",
    "recommended",
    "more:",
    "see also",
    "sign up",
    "subscribe",
    "click here",
    "share this",
    "share on",
    "follow us",
    "copyright",
    "©",
    "all rights reserved",
    "get the latest",
    "download the app",
    "this content was",
    "we use cookies",
    "by clicking",
    "newsletter",
    "continue reading",
    "scroll to continue",
    "story continues",
    "skip to",
    "image:",
    "photo:",
    "photograph:",
    "(photo",
    "listen to this",
    "watch:",
    "also read",
    "leia também",
    "читайте также",
];

fn looks_like_byline(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_lowercase();
    (lower.starts_with("by ") || lower.starts_with("by:") || lower.starts_with("written by"))
        && t.chars().count() < 100
        && t.split_whitespace().count() <= 12
}

/// Lower-cased word characters only, for comparing lines.
fn normalize_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whole lines that are page furniture when they stand alone.
const STANDALONE_FURNITURE: &[&str] = &[
    "advert",
    "advertisement",
    "ad",
    "ads",
    "tags",
    "tag",
    "comments",
    "comment",
    "share",
    "tweet",
    "email",
    "print",
    "related",
    "menu",
    "loading",
    "close",
    "topics",
    "publicidade",
    "anúncio",
    "реклама",
    "continue reading",
    "read more",
    "more",
    "see more",
    "show more",
    "share this article",
    "share this",
    "listen",
    "play",
    "video",
    "by",
    "por",
    "von",
    "par",
    "don't miss",
    "don’t miss",
    "must read",
    "see also",
    "more on this",
    "you may also like",
    "recommended",
    "trending",
    "most popular",
    "most read",
    "top stories",
    "latest news",
    "related articles",
    "related stories",
    "more stories",
    "related news",
    "more news",
    "advertisement - scroll to continue",
];

/// Words that open a date or meta line ("Updated at 1:23 p.m.", "Posted by …").
const META_OPENERS: &[&str] = &[
    "updated",
    "published",
    "posted",
    "last updated",
    "atualizado",
    "publicado",
    "обновлено",
];

fn classify_line(text: &str, _elem: &str, b: &Block) -> LineKind {
    let chars = b.chars;
    if chars <= 40 {
        let lower = text.trim().trim_end_matches([':', '.', '…']).to_lowercase();
        if STANDALONE_FURNITURE.contains(&lower.as_str()) {
            return LineKind::Drop;
        }
    }
    if chars < 100 {
        let lower = text.trim().to_lowercase();
        let has_digit = text.chars().any(|c| c.is_ascii_digit());
        if has_digit && META_OPENERS.iter().any(|o| lower.starts_with(o)) {
            return LineKind::Date;
        }
        if lower.contains("publicado por")
            || lower.contains("posted by")
            || lower.contains("published by")
        {
            return LineKind::Byline;
        }
    }
    // Link-heavy short lines are navigation or teasers, unless they read as a
    // sentence with some plain text (a linked headline followed by its summary).
    let linked_sentence = chars >= 100
        && b.link_density() <= 0.9
        && text.trim_end().ends_with(['.', '!', '?', '"', '”', '…']);
    if b.link_density() > 0.6 && chars < 300 && !linked_sentence {
        return LineKind::Drop;
    }
    if looks_like_byline(text) {
        return LineKind::Byline;
    }
    if chars < 80 {
        let lower = text.trim().to_lowercase();
        if BOILER_STARTS.iter().any(|p| lower.starts_with(p)) {
            return LineKind::Drop;
        }
        if super::dates::find_in_line(text).is_some() {
            // A line that is mostly a date.
            let digits_and_months = text.split_whitespace().count();
            if digits_and_months <= 10 {
                return LineKind::Date;
            }
        }
    }
    if chars < 300 {
        let lower = text.trim().to_lowercase();
        let follow_us = lower.starts_with("follow ")
            && ["twitter", "facebook", "instagram", "youtube"]
                .iter()
                .any(|n| lower.contains(n));
        if follow_us
            || lower.starts_with("sign up for")
            || lower.starts_with("subscribe to")
            || (lower.contains("newsletter") && chars < 150)
            || CALLS_TO_ACTION.iter().any(|c| lower.contains(c))
            || (lower.starts_with('[') && lower.contains("[/"))
        {
            return LineKind::Drop;
        }
    }
    LineKind::Keep
}

/// The shingle hashes are already well mixed: hash them as themselves.
#[derive(Default, Clone, Copy)]
struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

type ShingleSet = HashSet<u64, std::hash::BuildHasherDefault<IdentityHasher>>;

/// 4-gram shingles (hashed) of word tokens.
fn shingle_set(text: &str) -> ShingleSet {
    let toks = word_tokens(text);
    let mut set = ShingleSet::with_capacity_and_hasher(toks.len(), Default::default());
    for w in toks.windows(4) {
        set.insert(hash4(w));
    }
    set
}

fn word_tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// FNV-1a over the lower-cased characters of four tokens (no allocation).
fn hash4(w: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for x in w {
        for c in x.chars().flat_map(char::to_lowercase) {
            h ^= c as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0x20;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// How many of the block's 4-gram shingles occur in the declared body.
fn ld_overlap(text: &str, ld: &ShingleSet) -> usize {
    let toks = word_tokens(text);
    toks.windows(4).filter(|w| ld.contains(&hash4(w))).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [NEGATIVE_WORDS, POSITIVE_WORDS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn class_words_split_at_camel_case_and_punctuation() {
        let dom = Dom::parse(
            r#"<span class="newsCaption"></span><div id="main-story_body"></div><p class="x-ShareBar"></p>"#,
            64,
            Instant::now() + std::time::Duration::from_secs(5),
        );
        let hints: Vec<ClassHints> = (1..dom.nodes.len())
            .filter(|&i| dom.nodes[i].name().is_some())
            .map(|i| class_hints(&dom.nodes[i]))
            .collect();
        assert!(hints[0].negative, "newsCaption → caption");
        assert!(!hints[1].negative && hints[1].positive >= 2);
        assert!(hints[2].negative, "x-ShareBar → x, share, bar");
    }

    #[test]
    fn furniture_lines_are_dropped() {
        let b = |t: &str| Block {
            text: t.to_string(),
            elem: 0,
            chars: t.chars().filter(|c| !c.is_whitespace()).count(),
            link_chars: 0,
        };
        for t in [
            "Advertisement",
            "DON'T MISS",
            "Updated at 1:23 p.m.",
            "Click here to subscribe",
        ] {
            assert!(
                !matches!(classify_line(t, "p", &b(t)), LineKind::Keep),
                "{t}"
            );
        }
        let t = "The council met on Monday and agreed to fund the new bridge.";
        assert!(matches!(classify_line(t, "p", &b(t)), LineKind::Keep));
    }
}
