//! `html-entity`: HTML character references left in the text (`&amp;`,
//! `&quot;`, `&#8217;`, `&#x2019;`, `&nbsp;`).
//!
//! A regex could find them, but the fix needs the decoded character, which
//! takes a table for named references and arithmetic for numeric ones. The
//! scan jumps from `&` to `&` with `memchr`, so clean text costs one pass.
//! Only references that end in `;` and name a known entity (or a valid
//! code point) are reported: `AT&T`, `R&D;` and `Q&A` stay silent.

use serde::Deserialize;

use super::{BuildContext, Detector, Info};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::{Edit, Finding};

pub const INFO: Info = Info { name: "html-entity", args: &["decoded"], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// What `&nbsp;` decodes to: a plain space by default, since a
    /// no-break space in plain text is itself a defect for most corpora.
    #[serde(default = "default_nbsp")]
    nbsp: String,
}

fn default_nbsp() -> String {
    " ".into()
}

struct HtmlEntity {
    params: Params,
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    Ok(Box::new(HtmlEntity { params: super::params(table)? }))
}

/// Named references common in scraped news, with their characters.
const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("bdquo", "„"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("lsaquo", "‹"),
    ("rsaquo", "›"),
    ("hellip", "…"),
    ("middot", "·"),
    ("bull", "•"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("euro", "€"),
    ("pound", "£"),
    ("yen", "¥"),
    ("cent", "¢"),
    ("deg", "°"),
    ("plusmn", "±"),
    ("times", "×"),
    ("divide", "÷"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("sect", "§"),
    ("para", "¶"),
    ("shy", "\u{ad}"),
    ("thinsp", "\u{2009}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("zwnj", "\u{200c}"),
    ("zwj", "\u{200d}"),
    ("iexcl", "¡"),
    ("iquest", "¿"),
    ("szlig", "ß"),
    ("auml", "ä"),
    ("ouml", "ö"),
    ("uuml", "ü"),
    ("Auml", "Ä"),
    ("Ouml", "Ö"),
    ("Uuml", "Ü"),
    ("eacute", "é"),
    ("Eacute", "É"),
    ("egrave", "è"),
    ("ecirc", "ê"),
    ("euml", "ë"),
    ("aacute", "á"),
    ("agrave", "à"),
    ("acirc", "â"),
    ("atilde", "ã"),
    ("aring", "å"),
    ("aelig", "æ"),
    ("ccedil", "ç"),
    ("Ccedil", "Ç"),
    ("iacute", "í"),
    ("igrave", "ì"),
    ("icirc", "î"),
    ("iuml", "ï"),
    ("ntilde", "ñ"),
    ("Ntilde", "Ñ"),
    ("oacute", "ó"),
    ("ograve", "ò"),
    ("ocirc", "ô"),
    ("otilde", "õ"),
    ("oslash", "ø"),
    ("Oslash", "Ø"),
    ("uacute", "ú"),
    ("ugrave", "ù"),
    ("ucirc", "û"),
    ("yacute", "ý"),
];

impl Detector for HtmlEntity {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let body = doc.body();
        let bytes = text.as_bytes();
        let mut pos = body.start;
        while let Some(i) = memchr::memchr(b'&', &bytes[pos..body.end]) {
            let start = pos + i;
            pos = start + 1;
            let Some((len, decoded)) = self.decode(&text[start..body.end]) else {
                continue;
            };
            let span = Span::new(start, start + len);
            out.push(Finding::new(span).arg("decoded", decoded.clone()).fix(Edit::new(span, decoded)));
            pos = span.end;
        }
    }
}

impl HtmlEntity {
    /// Decodes the reference at the start of `s` (which starts with `&`):
    /// its length in bytes and its character.
    fn decode(&self, s: &str) -> Option<(usize, String)> {
        // The longest reference we know is `&#x10FFFF;` or `&frac12;`: 10 bytes.
        let semi = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
        let name = &s[1..semi];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            if !num.bytes().skip_while(|b| matches!(b, b'x' | b'X')).all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            decode_code_point(code)?
        } else if name == "nbsp" {
            self.params.nbsp.clone()
        } else {
            NAMED.iter().find(|(n, _)| *n == name)?.1.to_string()
        };
        Some((semi + 1, decoded))
    }
}

/// A numeric reference's character; Windows-1252 numbers (`&#146;`) as
/// browsers read them.
fn decode_code_point(code: u32) -> Option<String> {
    const CP1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    let c = match code {
        0x80..=0x9f => CP1252[(code - 0x80) as usize],
        0xa0 => ' ',
        0 | 0xd800..=0xdfff => return None,
        _ => char::from_u32(code)?,
    };
    if c.is_control() && c != '\t' {
        return None;
    }
    Some(c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str) -> Vec<(String, String)> {
        let d = HtmlEntity { params: Params { nbsp: " ".into() } };
        let doc = Document::new(text);
        let mut out = Vec::new();
        d.check(&doc, &mut out);
        out.iter()
            .map(|f| (doc.slice(f.span).to_string(), f.fix.as_ref().unwrap().replacement.clone()))
            .collect()
    }

    #[test]
    fn named_and_numeric_references_decode() {
        let got = decoded("Ukraine&#8217;s &quot;no&quot; &amp; Van Dijk&#x2019;s&nbsp;deal &#146;");
        let want = [
            ("&#8217;", "’"),
            ("&quot;", "\""),
            ("&quot;", "\""),
            ("&amp;", "&"),
            ("&#x2019;", "’"),
            ("&nbsp;", " "),
            ("&#146;", "’"),
        ];
        let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn ampersands_in_prose_stay_silent() {
        assert!(decoded("AT&T and R&D; Q&A &unknown; & more &#xZZ; &#0; &#55296;").is_empty());
    }
}
