//! Language identification of article text, as ISO 639-1 codes.

/// How many chars of text are looked at; identification needs no more, and it bounds the cost.
const SAMPLE_CHARS: usize = 2000;

/// Identify the language of `text` as an ISO 639-1 code (`"en"`, `"pt"`, `"ru"`…).
///
/// Returns `None` for text too short or too mixed to tell (whatlang's reliability
/// flag) and for languages without a two-letter code.
pub fn identify(text: &str) -> Option<&'static str> {
    let sample = match text.char_indices().nth(SAMPLE_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    iso639_1(info.lang().code())
}

/// Normalise a declared language tag (`en-US`, `pt_BR`, `EN`) to ISO 639-1, if it is one.
pub fn normalize_tag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    if primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase()) {
        Some(primary)
    } else {
        iso639_1(&primary).map(str::to_string)
    }
}

/// Map an ISO 639-3 code (as whatlang reports) to ISO 639-1.
fn iso639_1(code3: &str) -> Option<&'static str> {
    Some(match code3 {
        "eng" => "en",
        "rus" => "ru",
        "cmn" => "zh",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "ben" => "bn",
        "fra" => "fr",
        "deu" => "de",
        "ukr" => "uk",
        "kat" => "ka",
        "ara" => "ar",
        "hin" => "hi",
        "jpn" => "ja",
        "heb" => "he",
        "yid" => "yi",
        "pol" => "pl",
        "amh" => "am",
        "jav" => "jv",
        "kor" => "ko",
        "nob" => "nb",
        "dan" => "da",
        "swe" => "sv",
        "fin" => "fi",
        "tur" => "tr",
        "nld" => "nl",
        "hun" => "hu",
        "ces" => "cs",
        "ell" => "el",
        "bul" => "bg",
        "bel" => "be",
        "mar" => "mr",
        "kan" => "kn",
        "ron" => "ro",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "mkd" => "mk",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "tam" => "ta",
        "vie" => "vi",
        "urd" => "ur",
        "tha" => "th",
        "guj" => "gu",
        "uzb" => "uz",
        "pan" => "pa",
        "aze" => "az",
        "ind" => "id",
        "tel" => "te",
        "pes" => "fa",
        "mal" => "ml",
        "ori" => "or",
        "mya" => "my",
        "nep" => "ne",
        "sin" => "si",
        "khm" => "km",
        "tuk" => "tk",
        "aka" => "ak",
        "zul" => "zu",
        "sna" => "sn",
        "afr" => "af",
        "lat" => "la",
        "slk" => "sk",
        "cat" => "ca",
        "tgl" => "tl",
        "hye" => "hy",
        "epo" => "eo",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifies_common_languages() {
        assert_eq!(identify("The talks in Geneva ended on Monday without any agreement between the two delegations."), Some("en"));
        assert_eq!(identify("As negociações em Genebra terminaram na segunda-feira sem qualquer acordo entre as duas delegações."), Some("pt"));
        assert_eq!(identify("Переговоры в Женеве завершились в понедельник без какого-либо соглашения между делегациями."), Some("ru"));
    }

    #[test]
    fn normalizes_declared_tags() {
        assert_eq!(normalize_tag("en-US").as_deref(), Some("en"));
        assert_eq!(normalize_tag("pt_BR").as_deref(), Some("pt"));
        assert_eq!(normalize_tag("eng").as_deref(), Some("en"));
        assert_eq!(normalize_tag("x"), None);
    }
}
