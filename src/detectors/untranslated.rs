//! `untranslated-paragraph`: a paragraph (or a long sentence) left in the
//! source language of a translated article.
//!
//! Machine-translation pipelines skip paragraphs they fail on, and scrapers
//! of multilingual sites pick up the other-language version of a block. The
//! detector asks whatlang for the language of each paragraph, and of each
//! long sentence of long paragraphs, and reports reliable detections of a
//! language other than the corpus language.
//!
//! whatlang costs tens of microseconds a call, far too much for every
//! paragraph of gigabytes of English. A cheap screen runs first, on word
//! counts only: a paragraph with few words (a quote, a name, a title) is
//! never examined; one where function words of the corpus language (`the`,
//! `of`, `and`, ...) make up a normal share of the words is taken to be in
//! that language; one with too few lowercase words is a list of names or a
//! title. whatlang sees only what is left: text in another script, or
//! Latin-script text with almost no corpus-language function words. Short
//! foreign quotations inside prose stay silent because the prose around
//! them carries the function words, and a sentence that opens with a
//! quotation mark is a quotation, not a lapse of translation.

use serde::Deserialize;
use whatlang::Lang;

use super::{BuildContext, Detector, Info};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::Finding;

pub const INFO: Info = Info { name: "untranslated-paragraph", args: &["language", "corpus_language"], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Paragraphs with fewer words are never examined.
    min_words: usize,
    /// Paragraphs with at least this many words are also examined sentence
    /// by sentence.
    long_paragraph_words: usize,
    /// Sentences with fewer words are never examined.
    sentence_min_words: usize,
    /// Text whose share of function words reaches this is taken to be in the
    /// corpus language without asking whatlang.
    max_function_share: f64,
    /// Text whose share of lowercase-initial words is below this is a title
    /// or a list of names.
    min_lowercase_share: f64,
    /// The least whatlang confidence (0-1) to report.
    min_confidence: f64,
    /// Function words of `function-words-language`; the screen is used only
    /// when that is the corpus language.
    function_words: Vec<String>,
    function_words_language: String,
    /// Common function words of other languages (ASCII, up to 8 letters):
    /// Latin-script text with few corpus-language function words is sent to
    /// whatlang only if these make up `min-foreign-share` of its words...
    foreign_words: Vec<String>,
    min_foreign_share: f64,
    /// ...or words with non-ASCII letters make up `min-accented-share`.
    min_accented_share: f64,
}

struct Untranslated {
    params: Params,
    corpus: Lang,
    /// The function-word screen, when its language is the corpus language:
    /// each word packed into a `u64` (see [`pack`]), sorted.
    function_words: Option<Vec<u64>>,
    /// `foreign-words`, packed and sorted.
    foreign_words: Vec<u64>,
}

fn build(table: &toml::Table, ctx: &BuildContext) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(table)?;
    let corpus =
        lang(&ctx.language).ok_or_else(|| format!("unsupported corpus language `{}`", ctx.language))?;
    let screen = lang(&params.function_words_language)
        .ok_or_else(|| format!("unsupported function-words-language `{}`", params.function_words_language))?;
    let function_words = (screen == corpus).then_some(pack_all(&params.function_words)?);
    let foreign_words = pack_all(&params.foreign_words)?;
    Ok(Box::new(Untranslated { params, corpus, function_words, foreign_words }))
}

fn pack_all(words: &[String]) -> Result<Vec<u64>, String> {
    let mut packed = Vec::with_capacity(words.len());
    for word in words {
        packed.push(pack(word).ok_or_else(|| format!("word `{word}` is not 1-8 ASCII letters"))?);
    }
    packed.sort_unstable();
    Ok(packed)
}

/// A language from an ISO 639-1 code (`en`) or a whatlang ISO 639-3 code (`eng`).
fn lang(code: &str) -> Option<Lang> {
    const TWO: &[(&str, &str)] = &[
        ("af", "afr"),
        ("ar", "ara"),
        ("be", "bel"),
        ("bg", "bul"),
        ("bn", "ben"),
        ("cs", "ces"),
        ("da", "dan"),
        ("de", "deu"),
        ("el", "ell"),
        ("en", "eng"),
        ("eo", "epo"),
        ("es", "spa"),
        ("et", "est"),
        ("fa", "pes"),
        ("fi", "fin"),
        ("fr", "fra"),
        ("he", "heb"),
        ("hi", "hin"),
        ("hr", "hrv"),
        ("hu", "hun"),
        ("hy", "hye"),
        ("id", "ind"),
        ("it", "ita"),
        ("ja", "jpn"),
        ("ka", "kat"),
        ("ko", "kor"),
        ("la", "lat"),
        ("lt", "lit"),
        ("lv", "lav"),
        ("mk", "mkd"),
        ("nb", "nob"),
        ("nl", "nld"),
        ("no", "nob"),
        ("pl", "pol"),
        ("pt", "por"),
        ("ro", "ron"),
        ("ru", "rus"),
        ("sk", "slk"),
        ("sl", "slv"),
        ("sr", "srp"),
        ("sv", "swe"),
        ("th", "tha"),
        ("tl", "tgl"),
        ("tr", "tur"),
        ("uk", "ukr"),
        ("ur", "urd"),
        ("vi", "vie"),
        ("zh", "cmn"),
    ];
    let code = code.to_ascii_lowercase();
    let three = TWO.iter().find(|(two, _)| *two == code).map_or(code.as_str(), |(_, three)| three);
    Lang::from_code(three)
}

/// Word counts the screen needs.
#[derive(Default, Debug)]
struct Counts {
    words: usize,
    function: usize,
    lowercase: usize,
    letters: usize,
    non_latin: usize,
    /// Words of other languages' function words, and words with non-ASCII letters.
    foreign: usize,
    accented: usize,
    /// Counting stopped early: the text is in the corpus language.
    settled: bool,
}

/// A lowercase ASCII word of up to 8 letters as a `u64`, for allocation-free
/// lookups.
fn pack(word: &str) -> Option<u64> {
    if word.is_empty() || word.len() > 8 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut buf = [0u8; 8];
    for (slot, b) in buf.iter_mut().zip(word.bytes()) {
        *slot = b.to_ascii_lowercase();
    }
    Some(u64::from_le_bytes(buf))
}

impl Untranslated {
    /// Counts words until the end of `text`, or until enough words have been
    /// seen to settle that it is in the corpus language (`settled`).
    fn counts(&self, text: &str) -> Counts {
        let p = &self.params;
        let settle_after = 2 * p.min_words.max(p.sentence_min_words);
        let mut c = Counts::default();
        for word in text.split(|ch: char| !ch.is_alphabetic()).filter(|w| !w.is_empty()) {
            c.words += 1;
            let first = word.chars().next().unwrap_or('a');
            c.lowercase += usize::from(!first.is_uppercase());
            if word.is_ascii() {
                c.letters += word.len();
                if let Some(key) = pack(word) {
                    let function =
                        self.function_words.as_ref().is_some_and(|w| w.binary_search(&key).is_ok());
                    c.function += usize::from(function);
                    c.foreign += usize::from(self.foreign_words.binary_search(&key).is_ok());
                }
            } else {
                let (letters, non_latin) =
                    word.chars().fold((0, 0), |(l, n), ch| (l + 1, n + usize::from(ch > 'ɏ')));
                c.letters += letters;
                c.non_latin += non_latin;
                c.accented += 1;
            }
            if c.words >= settle_after && self.is_corpus_language(&c) {
                c.settled = true;
                break;
            }
        }
        c
    }

    /// Whether the function-word screen says `c` is in the corpus language.
    fn is_corpus_language(&self, c: &Counts) -> bool {
        self.function_words.is_some() && c.function as f64 >= self.params.max_function_share * c.words as f64
    }

    /// The language of `text` when it may not be the corpus language and
    /// whatlang says so reliably.
    fn foreign(&self, text: &str, min_words: usize) -> Option<Lang> {
        let c = self.counts(text);
        if c.settled || c.words < min_words {
            return None;
        }
        let other_script = c.non_latin * 2 >= c.letters.max(1);
        if !other_script {
            if (c.lowercase as f64) < self.params.min_lowercase_share * c.words as f64 {
                return None;
            }
            if self.is_corpus_language(&c) {
                return None;
            }
            let share = |n: usize| n as f64 / c.words as f64;
            let p = &self.params;
            let evidence =
                share(c.foreign) >= p.min_foreign_share || share(c.accented) >= p.min_accented_share;
            if self.function_words.is_some() && !evidence {
                return None;
            }
        }
        let info = whatlang::detect(text)?;
        let ok = info.lang() != self.corpus
            && info.is_reliable()
            && info.confidence() >= self.params.min_confidence;
        ok.then(|| info.lang())
    }
}

fn is_quotation(sentence: &str) -> bool {
    sentence.starts_with(['“', '"', '«', '„', '‘', '\'', '‹', '「', '『'])
}

impl Detector for Untranslated {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        // Paragraphs to examine sentence by sentence: long and not flagged.
        let mut by_sentence = vec![false; doc.paragraphs().len()];
        for (i, &para) in doc.paragraphs().iter().enumerate() {
            let text = doc.slice(para);
            if let Some(lang) = self.foreign(text, self.params.min_words) {
                out.push(self.finding(para, lang));
            } else {
                by_sentence[i] = text.split_whitespace().nth(self.params.long_paragraph_words).is_some();
            }
        }
        for (i, &sentence) in doc.sentences().iter().enumerate() {
            let text = doc.slice(sentence);
            if !by_sentence[doc.paragraph_of_sentence(i)] || is_quotation(text) {
                continue;
            }
            if let Some(lang) = self.foreign(text, self.params.sentence_min_words) {
                out.push(self.finding(sentence, lang));
            }
        }
    }
}

impl Untranslated {
    fn finding(&self, span: Span, lang: Lang) -> Finding {
        Finding::new(span).arg("language", lang.eng_name()).arg("corpus_language", self.corpus.eng_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_resolve() {
        assert_eq!(lang("en"), Some(Lang::Eng));
        assert_eq!(lang("fr"), Some(Lang::Fra));
        assert_eq!(lang("ukr"), Some(Lang::Ukr));
        assert_eq!(lang("xx"), None);
    }

    #[test]
    fn packed_words_ignore_case() {
        assert_eq!(pack("The"), pack("the"));
        assert_ne!(pack("the"), pack("then"));
        assert_eq!(pack("extraordinary"), None);
        assert_eq!(pack("é"), None);
    }
}
