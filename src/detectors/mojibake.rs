//! `mojibake`: UTF-8 text that was decoded with a legacy single-byte code page.
//!
//! When UTF-8 bytes are read as Windows-1252 (or Latin-1), every multi-byte
//! character turns into two to four Latin-1 characters: `’` becomes `â€™`,
//! `é` becomes `Ã©`. Read as Windows-1251, `’` becomes `вЂ™`. The damage is
//! reversible: encode the run back to the code page and decode it as UTF-8.
//!
//! The detector is in the spirit of ftfy's badness heuristic, but stricter:
//! a run is reported only when its code-page bytes form complete, valid UTF-8
//! sequences (lead byte, then exactly the right number of continuation
//! bytes), and the character that comes out is plausible. Legitimate accented
//! text almost never has that shape: in `Müller` or `déjà vu` an accented
//! letter (a "lead byte") is followed by an ASCII letter, which no UTF-8
//! sequence allows; in Portuguese `SÃO` the `Ã` is followed by `O`. The few
//! legitimate shapes that do decode, such as `ß“` or `CAFÉ”`, yield a lone
//! Arabic, IPA or NKo character, and a lone two-byte character outside the
//! Latin ranges is not accepted. The fix re-encodes the run and is safe
//! because it round-trips exactly (the detector only proposes it then).
//!
//! Candidates are found with one `memchr3` for the UTF-8 lead bytes of the
//! characters that can start mojibake (`Ã`..`ô` are `C3 xx`, C1 controls are
//! `C2 80..9F`, Cyrillic `в` is `D0 B2`, `Р`..`У`, which lead Cyrillic
//! mojibake, `D0 A0..A3`, and `Ч`..`Ы`, which lead Hebrew and Arabic
//! mojibake, `D0 A7..AB`), so English text with curly quotes
//! costs one vectorized scan, and ASCII text nothing.

use serde::Deserialize;

use super::{BuildContext, Detector, Info};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::{Edit, Finding};

pub const INFO: Info = Info { name: "mojibake", args: &["fixed", "encoding"], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Report C1 control characters (U+0080-U+009F) that are not part of a
    /// decodable run: they only appear in text through a wrong decoding.
    #[serde(default = "yes")]
    c1_controls: bool,
    /// Report `â€` followed by no continuation (the third byte of a curly
    /// quote was lost), without a fix.
    #[serde(default = "yes")]
    truncated: bool,
    /// How many times a run may be decoded (mojibake of mojibake).
    #[serde(default = "default_depth")]
    max_depth: usize,
}

fn yes() -> bool {
    true
}

fn default_depth() -> usize {
    3
}

struct Mojibake {
    params: Params,
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(table)?;
    if params.max_depth == 0 {
        return Err("max-depth must be at least 1".into());
    }
    Ok(Box::new(Mojibake { params }))
}

/// The legacy code pages whose mojibake the detector undoes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum CodePage {
    Cp1252,
    Cp1251,
}

impl CodePage {
    fn name(self) -> &'static str {
        match self {
            CodePage::Cp1252 => "Windows-1252",
            CodePage::Cp1251 => "Windows-1251",
        }
    }

    fn byte(self, c: char) -> Option<u8> {
        match self {
            CodePage::Cp1252 => cp1252_byte(c),
            CodePage::Cp1251 => cp1251_byte(c),
        }
    }
}

/// Windows-1252 bytes 0x80-0x9F (the rest of 0x80-0xFF is Latin-1). The five
/// undefined slots map to the C1 control of the same value, as decoders that
/// fall back to Latin-1 produce them.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}',
    '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Windows-1251 bytes 0x80-0xBF, the UTF-8 continuation-byte range (0x98 is
/// undefined). Bytes 0xC0-0xFF are `А`..`я`.
const CP1251_CONT: [char; 64] = [
    'Ђ', 'Ѓ', '‚', 'ѓ', '„', '…', '†', '‡', '€', '‰', 'Љ', '‹', 'Њ', 'Ќ', 'Ћ', 'Џ', 'ђ', '‘', '’', '“', '”',
    '•', '–', '—', '\u{98}', '™', 'љ', '›', 'њ', 'ќ', 'ћ', 'џ', '\u{a0}', 'Ў', 'ў', 'Ј', '¤', 'Ґ', '¦', '§',
    'Ё', '©', 'Є', '«', '¬', '\u{ad}', '®', 'Ї', '°', '±', 'І', 'і', 'ґ', 'µ', '¶', '·', 'ё', '№', 'є', '»',
    'ј', 'Ѕ', 'ѕ', 'ї',
];

/// The byte a character has in Windows-1252 (Latin-1 for C1 controls), for
/// non-ASCII characters only.
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0xA0..=0xFF).contains(&u) || (0x80..=0x9F).contains(&u) {
        return Some(u as u8);
    }
    if u < 0x152 {
        return None;
    }
    CP1252_HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8)
}

/// The byte a character has in Windows-1251, for continuation bytes and the
/// lead byte `в` (0xE2, which starts U+2000-U+2FFF: punctuation, symbols).
fn cp1251_byte(c: char) -> Option<u8> {
    match c {
        'в' => return Some(0xE2),
        // The lead bytes of Cyrillic letters (U+0400-U+04FF: `Р` is 0xD0).
        'Р' => return Some(0xD0),
        'С' => return Some(0xD1),
        'Т' => return Some(0xD2),
        'У' => return Some(0xD3),
        // Hebrew (0xD7) and Arabic, Persian and Urdu letters (0xD8..0xDB).
        'Ч' => return Some(0xD7),
        'Ш' => return Some(0xD8),
        'Щ' => return Some(0xD9),
        'Ъ' => return Some(0xDA),
        'Ы' => return Some(0xDB),
        _ => {}
    }
    if (c as u32) < 0xA0 {
        return None;
    }
    CP1251_CONT.iter().position(|&h| h == c).map(|i| 0x80 + i as u8)
}

/// Decodes one UTF-8 character from the code-page bytes of the characters at
/// the start of `s`. Returns the character, the number of bytes of `s` used
/// and the UTF-8 length of the decoded character.
fn decode_one(s: &str, page: CodePage) -> Option<(char, usize, usize)> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    let lead = page.byte(first)?;
    // Continuation bytes the lead announces; ASCII and non-leads decode nothing.
    let n = crate::document::utf8_len(lead).filter(|&len| len > 1)? - 1;
    let mut buf = [lead, 0, 0, 0];
    for slot in buf.iter_mut().skip(1).take(n) {
        let (_, c) = chars.next()?;
        let b = page.byte(c)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        *slot = b;
    }
    // std rejects overlong forms, surrogates and values above U+10FFFF.
    let decoded = std::str::from_utf8(&buf[..=n]).ok()?.chars().next()?;
    let used = chars.next().map_or(s.len(), |(i, _)| i);
    Some((decoded, used, n + 1))
}

/// Whether a mojibake run starts inside `text[span]` (`OrbÃ¡n`, `Saâ€™ar`,
/// `MacrÃ³n`): the word is garbled, not misspelled.
pub(super) fn garbled(text: &str, span: Span) -> bool {
    text[span.range()]
        .char_indices()
        .filter(|(_, c)| !c.is_ascii())
        .any(|(i, _)| decode_run_after(&text[span.start + i..], CodePage::Cp1252, Some('a')).is_some())
}

/// A run of mojibake starting at the beginning of `s`: its byte length and
/// the decoded text.
fn decode_run(s: &str, page: CodePage) -> Option<(usize, String)> {
    decode_run_after(s, page, None)
}

/// [`decode_run`] for a run that follows `before`: after a lowercase letter
/// (`MiloÅ¡`) a lone Latin Extended letter may also end the word.
fn decode_run_after(s: &str, page: CodePage, before: Option<char>) -> Option<(usize, String)> {
    let mut used = 0;
    let mut out = String::new();
    let mut widths = Vec::new();
    while let Some((c, n, width)) = decode_one(&s[used..], page) {
        // Windows-1251 mojibake is of punctuation (`вЂ™`), of Cyrillic text
        // (`РџСЂРёРІРµС‚`) or of Hebrew and Arabic (`Ч‘Ч™ЧЄ`, `Щ…ШЇШ±ШіШ©`); a
        // lone letter is not enough (see [`plausible`]): Serbian `Уђи` has
        // the shape once.
        if page == CodePage::Cp1251 && !matches!(c as u32, 0x2000..=0x21FF | 0x400..=0x4FF | 0x590..=0x6FF) {
            break;
        }
        out.push(c);
        widths.push(width);
        used += n;
    }
    if out.is_empty() || !plausible(&out, &widths, s, used, before) {
        return None;
    }
    Some((used, out))
}

/// Whether a decoded run is more likely mojibake than legitimate text. Runs
/// of two or more decoded characters, and three- and four-byte characters,
/// are accepted: legitimate text has no such shapes. A lone two-byte
/// character is accepted only in the Latin-1 and Latin Extended-A and -B ranges
/// (`Ã©`, `Â£`, `Å‚`); a lone Arabic or IPA character is what legitimate
/// shapes like `ß“` and `CAFÉ”` decode to.
fn plausible(decoded: &str, widths: &[usize], s: &str, used: usize, before: Option<char>) -> bool {
    if widths.len() > 1 || widths[0] > 2 {
        return true;
    }
    let Some(c) = decoded.chars().next() else {
        return false;
    };
    let next_is_letter = s[used..].starts_with(char::is_alphabetic);
    let after_lowercase = before.is_some_and(char::is_lowercase);
    let between_digits =
        before.is_some_and(|c| c.is_ascii_digit()) && s[used..].starts_with(|c: char| c.is_ascii_digit());
    match c as u32 {
        // `Ã“` is `Ó`, but also a Portuguese capital before a closing quote
        // (`“IRMÃ”`): with a quote or dash second, the run must sit in a word,
        // or between figures (`2,184Ã—1,968` is `2,184×1,968`).
        0xC0..=0xFF if s.chars().nth(1).is_some_and(|c| "‘’‚“”„–—…•‹›".contains(c)) =>
        {
            // A dash glued to a word and to the punctuation after it is no
            // dash: `(SPÃ–)` is `(SPÖ)`.
            let glued_dash = s.chars().nth(1) == Some('–')
                && before.is_some_and(char::is_alphabetic)
                && s[used..].starts_with([')', ',', '.', ';', ':']);
            next_is_letter || between_digits || glued_dash
        }
        0xA0..=0xFF => true,
        // Latin Extended-A and -B (`ł`, `š`, `ő`, Romanian `ș`): only inside
        // a word, or at the end of a lowercase one (`MiloÅ¡`), since the lead
        // characters `Ä`, `Å`, `Ç` and `È` also end legitimate capitalized
        // words (`GENÇ”`).
        // In a capitalized word, a capital that decodes from two letters
        // (`TUSAÅž` is `TUSAŞ`) is mojibake too: `Ç”` in `GENÇ”` decodes
        // from a quote, and to a small letter.
        0x100..=0x24F => {
            next_is_letter
                || after_lowercase
                || c.is_uppercase()
                    && before.is_some_and(char::is_uppercase)
                    && s.chars().nth(1).is_some_and(char::is_alphabetic)
        }
        // IPA letters of Azerbaijani and West African languages (`ə` in
        // `AzÉ™rTac`, `ɛ` in Twi `nkyerÉ›`), only after a lowercase letter:
        // a trademark sign or a quote after a capital `É` (`CAFÉ”`) decodes
        // to them too. The schwa also needs a letter after it.
        0x259 => next_is_letter && after_lowercase,
        0x250..=0x2AF => after_lowercase,
        // A Cyrillic letter inside a word (`Ð¡tudentska` is `Студентська`
        // with its first letter garbled): `Ð` or `Ñ` before punctuation
        // and a letter is no legitimate spelling.
        // (Read as Windows-1251, Cyrillic text decodes to Cyrillic too:
        // `Рі` in `Річка`; only the Windows-1252 shape counts.)
        0x400..=0x4FF => next_is_letter && s.starts_with(['Ð', 'Ñ']),
        // The turned comma and apostrophe of Uzbek and Hawaiian (`OÊ»zbekiston`
        // is `Oʻzbekiston`), between two letters.
        0x2BB | 0x2BC => next_is_letter && before.is_some_and(char::is_alphabetic),
        _ => false,
    }
}

/// Decodes a fixed run again while it still is complete mojibake (text that
/// went through the wrong decoding twice).
fn decode_again(mut text: String, page: CodePage, depth: usize) -> String {
    for _ in 1..depth {
        match decode_run(&text, page) {
            Some((used, again)) if used == text.len() => text = again,
            _ => break,
        }
    }
    text
}

impl Detector for Mojibake {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let body = doc.body();
        let text = doc.text();
        let bytes = text.as_bytes();
        let mut pos = body.start;
        while let Some(i) = memchr::memchr3(0xC2, 0xC3, 0xD0, &bytes[pos..body.end]) {
            let start = pos + i;
            pos = start + 1;
            let rest = &text[start..body.end];
            let page = match bytes.get(start + 1) {
                _ if bytes[start] == 0xC2 || bytes[start] == 0xC3 => CodePage::Cp1252,
                Some(0xB2 | 0xA0..=0xA3 | 0xA7..=0xAB) => CodePage::Cp1251,
                _ => continue,
            };
            let before = text[..start].chars().next_back();
            if let Some((used, decoded)) = decode_run_after(rest, page, before) {
                let span = Span::new(start, start + used);
                let fixed = decode_again(decoded, page, self.params.max_depth);
                out.push(
                    Finding::new(span)
                        .arg("fixed", fixed.clone())
                        .arg("encoding", page.name())
                        .fix(Edit::new(span, fixed)),
                );
                pos = span.end;
            } else if let Some(finding) = self.undecodable(rest, start, before) {
                pos = finding.span.end;
                out.push(finding);
            }
        }
    }
}

impl Mojibake {
    /// A C1 control or a truncated `â€`: certainly mojibake, no certain fix.
    fn undecodable(&self, rest: &str, start: usize, before: Option<char>) -> Option<Finding> {
        let c = rest.chars().next()?;
        if self.params.c1_controls && ('\u{80}'..='\u{9f}').contains(&c) {
            let span = Span::new(start, start + c.len_utf8());
            let message =
                format!("C1 control character U+{:04X}: a byte of UTF-8 text decoded as Latin-1", c as u32);
            return Some(Finding { message: Some(message), ..Finding::new(span) });
        }
        // `7.7Â magnitude`: a no-break space decoded as Windows-1252, its
        // second byte turned into a plain space or lost before punctuation
        // (`SalgadoÂ,`). A capital `Â` after a digit or a lowercase letter
        // and before a space or a stop is nothing else.
        if let Some(after) = rest.strip_prefix('Â')
            && after.starts_with([' ', ',', '.', ';', ':', ')'])
            && before.is_some_and(|c| c.is_ascii_digit() || c.is_lowercase())
        {
            let span = Span::new(start, start + 'Â'.len_utf8());
            let message = "mojibake `Â`: a UTF-8 no-break space decoded as Windows-1252";
            return Some(Finding { message: Some(message.into()), ..Finding::new(span) });
        }
        if self.params.truncated && rest.starts_with("â€") {
            let span = Span::new(start, start + "â€".len());
            let message = "mojibake `â€`: a UTF-8 punctuation mark (probably `”`) decoded as \
                           Windows-1252, its last byte lost";
            return Some(Finding { message: Some(message.into()), ..Finding::new(span) });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> Option<String> {
        decode_run(s, CodePage::Cp1252).filter(|(used, _)| *used == s.len()).map(|(_, d)| d)
    }

    #[test]
    fn cp1252_table_matches_the_standard() {
        // Spot checks against the WHATWG windows-1252 index.
        assert_eq!(cp1252_byte('€'), Some(0x80));
        assert_eq!(cp1252_byte('™'), Some(0x99));
        assert_eq!(cp1252_byte('Ÿ'), Some(0x9F));
        assert_eq!(cp1252_byte('\u{9d}'), Some(0x9D));
        assert_eq!(cp1252_byte('ÿ'), Some(0xFF));
        assert_eq!(cp1252_byte('Ā'), None);
        assert_eq!(cp1251_byte('Ђ'), Some(0x80));
        assert_eq!(cp1251_byte('ї'), Some(0xBF));
    }

    #[test]
    fn decodes_common_mojibake() {
        assert_eq!(fix("â€™").as_deref(), Some("’"));
        assert_eq!(fix("â€œ").as_deref(), Some("“"));
        assert_eq!(fix("Ã©").as_deref(), Some("é"));
        assert_eq!(fix("Ã¼").as_deref(), Some("ü"));
        assert_eq!(decode_run("È™ov", CodePage::Cp1252), Some(("È™".len(), "ș".to_string())));
        // With a quote as second character, only inside a word.
        assert_eq!(decode_run("Ã„rger", CodePage::Cp1252), Some(("Ã„".len(), "Ä".to_string())));
        assert_eq!(fix("Ã„"), None);
        assert_eq!(fix("Ð¿Ñ€Ð¸").as_deref(), Some("при"));
        assert_eq!(fix("ðŸ˜€").as_deref(), Some("😀"));
        assert_eq!(decode_run("вЂ™", CodePage::Cp1251).map(|(_, d)| d).as_deref(), Some("’"));
        let cyrillic = decode_run("РџСЂРёРІРµС‚ all", CodePage::Cp1251).map(|(_, d)| d);
        assert_eq!(cyrillic.as_deref(), Some("Привет"));
        assert_eq!(decode_run("РђТ›РѕСЂРґР°", CodePage::Cp1251).map(|(_, d)| d).as_deref(), Some("Ақорда"));
        for legit in ["Уђи", "Річка", "Сёмин", "Россия", "Тјера"] {
            assert_eq!(decode_run(legit, CodePage::Cp1251), None, "{legit}");
        }
    }

    #[test]
    fn double_mojibake_is_decoded_twice() {
        let (_, once) = decode_run("Ã¢â‚¬â„¢", CodePage::Cp1252).unwrap();
        assert_eq!(decode_again(once, CodePage::Cp1252, 3), "’");
    }

    #[test]
    fn legitimate_shapes_do_not_decode() {
        for s in ["Müller", "déjà", "SÃO", "Gruß“", "CAFÉ”", "Zürich", "café»", "São", "“IRMÃ”", "GENÇ”"]
        {
            for (i, _) in s.char_indices() {
                assert_eq!(decode_run(&s[i..], CodePage::Cp1252), None, "{s} at {i}");
            }
        }
        for s in ["Сірий", "вірш", "вії", "Привет»"] {
            for (i, _) in s.char_indices() {
                assert_eq!(decode_run(&s[i..], CodePage::Cp1251), None, "{s} at {i}");
            }
        }
    }
}
