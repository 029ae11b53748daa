//! Bytes → text: transparent gzip, then charset detection.
//!
//! Order of evidence for the charset, strongest first: a byte-order mark; the
//! HTTP charset ([`Options::http_charset`]) and the page's own `<meta charset>` /
//! `http-equiv` declaration, each *unless the bytes contradict it* (a page declared
//! UTF-8 whose bytes are not valid UTF-8 is sniffed instead, and a page declared as a
//! legacy charset whose bytes are valid, non-ASCII UTF-8 is read as UTF-8); finally
//! statistical sniffing with `chardetng`.

use crate::{Error, Options};
use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;
use std::io::Read;

/// How many leading bytes are searched for a `<meta charset>` declaration.
/// The HTML standard says 1024; real pages put it later, so we look further.
pub const META_PRESCAN_BYTES: usize = 8192;

/// Decompress (if gzip) and decode page bytes to a `String`.
pub fn decode(bytes: &[u8], options: &Options) -> Result<String, Error> {
    let raw = gunzip_if_needed(bytes, options.max_input_bytes)?;
    if raw.len() > options.max_input_bytes {
        return Err(Error::TooLarge {
            size: raw.len(),
            limit: options.max_input_bytes,
        });
    }
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    let encoding = detect_encoding(&raw, options.http_charset.as_deref());
    if !encoding.name().starts_with("UTF-16") {
        refuse_binary(&raw)?;
    }
    let (text, _, _) = encoding.decode(&raw);
    Ok(strip_nul(text).into_owned())
}

/// Binary files (images, archives, executables) carry NUL bytes early on; text never does
/// outside UTF-16. More than 1% NUL bytes in the first 4 KiB means binary.
fn refuse_binary(raw: &[u8]) -> Result<(), Error> {
    let head = &raw[..raw.len().min(4096)];
    let nul = head.iter().filter(|&&b| b == 0).count();
    if nul * 100 > head.len() {
        return Err(Error::Binary(format!(
            "{nul} NUL bytes in the first {} bytes",
            head.len()
        )));
    }
    Ok(())
}

/// NUL characters are never meaningful in a page and confuse later stages.
fn strip_nul(text: Cow<'_, str>) -> Cow<'_, str> {
    if text.contains('\0') {
        Cow::Owned(text.replace('\0', ""))
    } else {
        text
    }
}

/// Gunzip when the bytes start with the gzip magic number; otherwise borrow them.
/// Multi-member gzip streams are read whole. Output is capped at `limit + 1` bytes
/// so that a gzip bomb is refused without being inflated.
pub fn gunzip_if_needed(bytes: &[u8], limit: usize) -> Result<Cow<'_, [u8]>, Error> {
    if bytes.len() < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(4).min(limit));
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    decoder
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::Gzip(e.to_string()))?;
    if out.len() > limit {
        return Err(Error::TooLarge {
            size: out.len(),
            limit,
        });
    }
    Ok(Cow::Owned(out))
}

/// Choose the encoding of `raw` (see the module docs for the order of evidence).
pub fn detect_encoding(raw: &[u8], http_charset: Option<&str>) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(raw) {
        return enc;
    }
    let declared = http_charset
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| meta_charset(&raw[..raw.len().min(META_PRESCAN_BYTES)]));
    let utf8_ok = std::str::from_utf8(raw).is_ok();
    match declared {
        // UTF-16 declared in a meta tag without a BOM is a known lie (the bytes are ASCII-compatible).
        Some(enc) if enc == UTF_8 || enc.name().starts_with("UTF-16") => {
            if utf8_ok {
                UTF_8
            } else {
                sniff(raw)
            }
        }
        Some(enc) => {
            if utf8_ok && !raw.is_ascii() {
                UTF_8
            } else {
                enc
            }
        }
        None if utf8_ok => UTF_8,
        None => sniff(raw),
    }
}

fn sniff(raw: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(raw, true);
    detector.guess(None, true)
}

/// Find a charset declared in `<meta charset=…>` or `<meta http-equiv=Content-Type content="…; charset=…">`.
pub fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cpos) = find(tag, b"charset") {
            let rest = &tag[cpos + 7..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let label_end = rest
                    .iter()
                    .position(|&b| {
                        matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>')
                            || b.is_ascii_whitespace()
                    })
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..label_end]) {
                    return Some(enc);
                }
            }
        }
        from = end;
    }
    None
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn opts() -> Options {
        Options::default()
    }

    #[test]
    fn reads_meta_charset_and_http_equiv() {
        assert_eq!(
            meta_charset(b"<meta charset=\"windows-1251\">")
                .unwrap()
                .name(),
            "windows-1251"
        );
        assert_eq!(
            meta_charset(b"<META http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>")
                .unwrap()
                .name(),
            "windows-1252"
        );
        assert!(meta_charset(b"<meta name=viewport content=width>").is_none());
    }

    #[test]
    fn windows_1251_declared_as_utf8_is_sniffed() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
            "<html><head><meta charset=\"utf-8\"></head><body><p>Министр иностранных дел России заявил журналистам, что переговоры были трудными и долгими.</p></body></html>",
        );
        let text = decode(&bytes, &opts()).unwrap();
        assert!(text.contains("Министр иностранных дел"), "{text}");
    }

    #[test]
    fn utf8_bytes_win_over_a_lying_legacy_label() {
        let page = "<meta charset=\"iso-8859-1\"><p>Zürich café — “quoted”</p>";
        let text = decode(page.as_bytes(), &opts()).unwrap();
        assert!(text.contains("Zürich café — “quoted”"));
    }

    #[test]
    fn bom_decides() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "<p>hé</p>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes, &opts()).unwrap(), "<p>hé</p>");
    }

    #[test]
    fn gzip_is_transparent_and_truncation_is_an_error() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(
            "<p>Hello gzip world, this is a page.</p>"
                .repeat(200)
                .as_bytes(),
        )
        .unwrap();
        let gz = enc.finish().unwrap();
        assert!(decode(&gz, &opts()).unwrap().starts_with("<p>Hello gzip"));
        let cut = &gz[..gz.len() / 2];
        assert!(matches!(decode(cut, &opts()), Err(Error::Gzip(_))));
    }

    #[test]
    fn gzip_bomb_is_refused_without_inflating_it() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b' '; 4 << 20]).unwrap();
        let gz = enc.finish().unwrap();
        let small = Options {
            max_input_bytes: 1 << 20,
            ..Options::default()
        };
        assert!(matches!(decode(&gz, &small), Err(Error::TooLarge { .. })));
    }

    #[test]
    fn binary_bytes_are_refused() {
        let png =
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
        assert!(matches!(decode(png, &opts()), Err(Error::Binary(_))));
    }

    #[test]
    fn empty_and_blank_inputs_are_errors() {
        assert!(matches!(decode(b"", &opts()), Err(Error::Empty)));
        assert!(matches!(decode(b" \n\t ", &opts()), Err(Error::Empty)));
    }
}
