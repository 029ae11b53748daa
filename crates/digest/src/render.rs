//! Renderers: e-mail-safe HTML, Markdown (also the e-mail's plain-text part) and JSON.
//!
//! The HTML is one self-contained document laid out with presentation tables and
//! inline `style` attributes only — no `<style>` block, no `<script>`, no images, fonts
//! or other external resources — because that is what e-mail clients render reliably.
//! Every value from the digest is escaped (maud escapes text and attributes), and only
//! `http(s)` URLs are ever put in an `href`.

use crate::model::{ArticleLink, Digest, DigestEntry, KeyQuote};
use crate::text::is_web_url;
use maud::{html, Markup, DOCTYPE};
use std::fmt::Write as _;

const FONT: &str = "font-family:Georgia,'Times New Roman',serif;";
const SANS: &str = "font-family:Helvetica,Arial,sans-serif;";
const MUTED: &str = "color:#6b6b6b;";
const LINK: &str = "color:#1a4f8b;text-decoration:underline;";

/// The `href` to use for a link, only if it is a safe `http(s)` URL.
fn safe_href(href: Option<&str>) -> Option<&str> {
    href.filter(|h| is_web_url(h))
}

/// "New story · 5 articles from 4 sites" / "Continuing (12 earlier) · 1 article from 1 site".
fn coverage_line(e: &DigestEntry) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let status = if e.new_story {
        "New story".to_string()
    } else {
        format!("Continuing ({} earlier)", e.previous_articles)
    };
    format!(
        "{status} · {} from {}",
        plural(e.articles_today, "article", "articles"),
        plural(e.sites_today, "site", "sites")
    )
}

fn overview_line(d: &Digest) -> String {
    format!(
        "{} · top {} of {} stories from {} articles",
        d.date,
        d.stories.len(),
        d.stories_considered,
        d.articles_considered
    )
}

/// The digest as a complete HTML document for e-mail (see the module docs).
pub fn to_html(digest: &Digest) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (digest.title) }
            }
            body style="margin:0;padding:0;background-color:#f3f2ee;" {
                table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"
                    style="background-color:#f3f2ee;" {
                    tr { td align="center" style="padding:24px 8px;" {
                        table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"
                            style="width:100%;max-width:600px;background-color:#ffffff;border:1px solid #deddd6;" {
                            tr { td style={"padding:24px 28px 12px 28px;" (FONT)} {
                                h1 style={"margin:0 0 6px 0;font-size:26px;line-height:1.25;color:#1b1b1b;font-weight:bold;" (FONT)} {
                                    (digest.title)
                                }
                                p style={"margin:0;font-size:13px;" (SANS) (MUTED)} { (overview_line(digest)) }
                            } }
                            @if digest.stories.is_empty() {
                                tr { td style={"padding:16px 28px 24px 28px;font-size:16px;" (FONT)} {
                                    "No stories for this day."
                                } }
                            }
                            @for entry in &digest.stories {
                                tr { td class="story" style={"padding:18px 28px 20px 28px;border-top:1px solid #deddd6;overflow-wrap:anywhere;word-break:break-word;" (FONT)} {
                                    (story_html(entry))
                                } }
                            }
                            tr { td style={"padding:14px 28px 20px 28px;border-top:1px solid #deddd6;font-size:12px;" (SANS) (MUTED)} {
                                "Stories ranked by coverage (distinct sites, further articles count half) and novelty (new today vs. continuing). Compiled by newsdesk."
                            } }
                        }
                    } }
                }
            }
        }
    };
    page.into_string()
}

fn story_html(e: &DigestEntry) -> Markup {
    let main_href = safe_href(e.links.first().and_then(|l| l.href.as_deref()));
    html! {
        p style={"margin:0 0 4px 0;font-size:12px;letter-spacing:0.04em;text-transform:uppercase;" (SANS) (MUTED)} {
            (e.rank) ". " (coverage_line(e))
        }
        h2 style={"margin:0 0 8px 0;font-size:20px;line-height:1.3;color:#1b1b1b;font-weight:bold;" (FONT)} {
            @if let Some(href) = main_href {
                a href=(href) style={"color:#1b1b1b;text-decoration:none;"} { (e.title) }
            } @else {
                (e.title)
            }
        }
        @if !e.summary.is_empty() {
            p style={"margin:0 0 12px 0;font-size:16px;line-height:1.5;color:#2b2b2b;" (FONT)} { (e.summary) }
        }
        @for q in &e.quotes {
            (quote_html(q))
        }
        @if !e.people.is_empty() || !e.places.is_empty() {
            p style={"margin:0 0 10px 0;font-size:13px;line-height:1.5;" (SANS) (MUTED)} {
                @if !e.people.is_empty() {
                    strong { "People: " } (e.people.join(", "))
                }
                @if !e.people.is_empty() && !e.places.is_empty() { " · " }
                @if !e.places.is_empty() {
                    strong { "Places: " } (e.places.join(", "))
                }
            }
        }
        @if !e.links.is_empty() {
            table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" {
                @for link in &e.links {
                    tr { td style={"padding:2px 0;font-size:13px;line-height:1.45;" (SANS)} {
                        (link_html(link))
                    } }
                }
            }
        }
    }
}

fn quote_html(q: &KeyQuote) -> Markup {
    html! {
        table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%"
            style="margin:0 0 12px 0;" {
            tr { td style="border-left:3px solid #b03a2e;padding:2px 0 2px 12px;" {
                // Only direct quotes get quotation marks; reported speech is marked as such.
                @if q.direct {
                    p class="quote" style={"margin:0;font-size:15px;line-height:1.45;font-style:italic;color:#2b2b2b;" (FONT)} {
                        "“" (q.text) "”"
                    }
                } @else {
                    p class="quote" style={"margin:0;font-size:15px;line-height:1.45;color:#2b2b2b;" (FONT)} {
                        (q.text)
                    }
                }
                p style={"margin:4px 0 0 0;font-size:13px;" (SANS) (MUTED)} {
                    "— "
                    @if let Some(href) = safe_href(q.href.as_deref()) {
                        a href=(href) style=(LINK) { (q.speaker) }
                    } @else {
                        (q.speaker)
                    }
                    @if !q.direct { " (reported speech)" }
                }
            } }
        }
    }
}

fn link_html(link: &ArticleLink) -> Markup {
    html! {
        "› "
        @if let Some(href) = safe_href(link.href.as_deref()) {
            a href=(href) style=(LINK) { (link.title) }
        } @else {
            (link.title)
        }
        @if let Some(site) = &link.site {
            span style=(MUTED) { " — " (site) }
        }
    }
}

/// Escapes text for Markdown: backslash-escapes the punctuation that could start
/// emphasis, code, links, HTML or entities anywhere, and the block markers (`#`, `>`,
/// `-`, `+`, `=`, `1.`) at the start of a line.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut at_line_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if at_line_start {
            // Leading digits followed by '.' or ')' would start an ordered list.
            if c.is_ascii_digit() {
                out.push(c);
                while let Some(&d) = chars.peek() {
                    if d.is_ascii_digit() {
                        out.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if let Some(&p) = chars.peek() {
                    if p == '.' || p == ')' {
                        out.push('\\');
                    }
                }
                at_line_start = false;
                continue;
            }
            if matches!(c, '#' | '-' | '+' | '=') {
                out.push('\\');
            }
        }
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!'
        ) {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
            at_line_start = false;
            continue;
        }
        out.push(c);
        at_line_start = c.is_whitespace() && at_line_start;
    }
    out
}

fn markdown_link(text: &str, href: Option<&str>) -> String {
    match safe_href(href) {
        // Angle brackets keep parentheses in the URL from ending the link.
        Some(h) => format!("[{}](<{h}>)", escape_markdown(text)),
        None => escape_markdown(text),
    }
}

/// The digest as Markdown (CommonMark); also used as the e-mail's plain-text part.
pub fn to_markdown(digest: &Digest) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape_markdown(&digest.title));
    let _ = writeln!(out, "{}\n", escape_markdown(&overview_line(digest)));
    if digest.stories.is_empty() {
        out.push_str("No stories for this day.\n");
    }
    for e in &digest.stories {
        let main_href = e.links.first().and_then(|l| l.href.as_deref());
        let _ = writeln!(
            out,
            "## {}. {}\n",
            e.rank,
            markdown_link(&e.title, main_href)
        );
        let _ = writeln!(out, "*{}*\n", escape_markdown(&coverage_line(e)));
        if !e.summary.is_empty() {
            let _ = writeln!(out, "{}\n", escape_markdown(&e.summary));
        }
        for q in &e.quotes {
            let (open, close, note) = if q.direct {
                ("“", "”", "")
            } else {
                ("", "", " (reported speech)")
            };
            let _ = writeln!(
                out,
                "> {open}{}{close}  \n> — {}{note}\n",
                escape_markdown(&q.text),
                markdown_link(&q.speaker, q.href.as_deref())
            );
        }
        let mut names = Vec::new();
        if !e.people.is_empty() {
            names.push(format!(
                "**People:** {}",
                escape_markdown(&e.people.join(", "))
            ));
        }
        if !e.places.is_empty() {
            names.push(format!(
                "**Places:** {}",
                escape_markdown(&e.places.join(", "))
            ));
        }
        if !names.is_empty() {
            let _ = writeln!(out, "{}\n", names.join(" · "));
        }
        for link in &e.links {
            let _ = write!(
                out,
                "- {}",
                markdown_link(&link.title, link.href.as_deref())
            );
            if let Some(site) = &link.site {
                let _ = write!(out, " — {}", escape_markdown(site));
            }
            out.push('\n');
        }
        if !e.links.is_empty() {
            out.push('\n');
        }
    }
    out
}

/// The digest as pretty-printed JSON (the [`Digest`] type's serde shape).
pub fn to_json(digest: &Digest) -> String {
    // Strings, integers, floats and options only: serialising cannot fail (a non-finite
    // float would be written as null).
    serde_json::to_string_pretty(digest).expect("a Digest always serialises to JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_neutralises_syntax() {
        assert_eq!(escape_markdown("# Big"), "\\# Big");
        assert_eq!(escape_markdown("2026. A year"), "2026\\. A year");
        assert_eq!(escape_markdown("In 2026. A year"), "In 2026. A year");
        assert_eq!(
            escape_markdown("[click](javascript:x) <b>*hi*</b> &amp;"),
            "\\[click\\](javascript:x) \\<b\\>\\*hi\\*\\</b\\> \\&amp;"
        );
        assert_eq!(escape_markdown("a\nb"), "a b");
    }
}
