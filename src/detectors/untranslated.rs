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

use super::{BuildContext, Detector, Info, byte_masks};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::Finding;

pub const INFO: Info = Info { name: "untranslated-paragraph", args: &["language", "corpus_language"], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Paragraphs with fewer words are never examined.
    min_words: usize,
    /// A quotation of at most this many words, in a paragraph whose words
    /// outside the quotation attribute it (`attribution-words`), is a
    /// speaker's own words quoted in English prose, often with their
    /// translation after them.
    #[serde(default)]
    quote_max_words: usize,
    /// Words of the corpus language that attribute a quotation (`said`).
    #[serde(default)]
    attribution_words: Vec<String>,
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
    /// A Latin-script paragraph this long whose share of the corpus
    /// language's function words is at most `unidentified-max-function-share`
    /// is in another language even when whatlang cannot name it (Albanian,
    /// Hausa and Icelandic are not among its languages). 0 turns this off.
    #[serde(default)]
    unidentified_min_words: usize,
    #[serde(default)]
    unidentified_max_function_share: f64,
    /// The least whatlang confidence (0-1) to report (whatlang calls a
    /// detection reliable above 0.9).
    min_confidence: f64,
    /// The least confidence to report Latin-script text in which the
    /// function words of other languages make up twice `min-foreign-share`
    /// (whatlang gives Dutch 0.8 where it gives French 0.95).
    strong_evidence_confidence: f64,
    /// With that much evidence, text is taken to be in the corpus language
    /// only from this share of its function words, above
    /// `max-function-share`: Danish `at` and `for` are English words too.
    #[serde(default)]
    strong_evidence_max_function_share: f64,
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
    /// Whether there is a function-word screen: its language is the corpus
    /// language.
    screens: bool,
    /// The screen's function words and `foreign-words`, packed (see [`pack`]).
    words: WordTable,
}

const FUNCTION: u8 = 1;
const FOREIGN: u8 = 2;

/// A set of packed words with flags: an open-addressing hash table, because
/// the screen looks up most words of every paragraph and a binary search
/// over hundreds of words cost more than the rest of the detector.
struct WordTable {
    keys: Vec<u64>,
    flags: Vec<u8>,
    shift: u32,
}

impl WordTable {
    fn new(entries: &[(u64, u8)]) -> WordTable {
        let bits = (entries.len() * 4).max(16).next_power_of_two().trailing_zeros();
        let mut table = WordTable { keys: vec![0; 1 << bits], flags: vec![0; 1 << bits], shift: 64 - bits };
        for &(key, flag) in entries {
            let slot = table.slot(key);
            table.keys[slot] = key;
            table.flags[slot] |= flag;
        }
        table
    }

    /// The slot holding `key`, or the empty slot where it would go (a packed
    /// word is never 0, so 0 marks an empty slot).
    fn slot(&self, key: u64) -> usize {
        let mask = self.keys.len() - 1;
        let mut slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize;
        while self.keys[slot] != 0 && self.keys[slot] != key {
            slot = (slot + 1) & mask;
        }
        slot
    }

    fn get(&self, key: u64) -> u8 {
        self.flags[self.slot(key)]
    }
}

fn build(table: &toml::Table, ctx: &BuildContext) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(table)?;
    let corpus =
        lang(&ctx.language).ok_or_else(|| format!("unsupported corpus language `{}`", ctx.language))?;
    let screen = lang(&params.function_words_language)
        .ok_or_else(|| format!("unsupported function-words-language `{}`", params.function_words_language))?;
    let screens = screen == corpus;
    let mut entries = pack_all(&params.foreign_words, FOREIGN)?;
    if screens {
        entries.extend(pack_all(&params.function_words, FUNCTION)?);
    }
    let words = WordTable::new(&entries);
    Ok(Box::new(Untranslated { params, corpus, screens, words }))
}

fn pack_all(words: &[String], flag: u8) -> Result<Vec<(u64, u8)>, String> {
    let pack = |word: &String| pack(word).map(|key| (key, flag));
    words.iter().map(|w| pack(w).ok_or_else(|| format!("word `{w}` is not 1-8 ASCII letters"))).collect()
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
#[derive(Default, Debug, PartialEq, Eq)]
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
    /// The last word was capitalised.
    after_capital: bool,
    /// The last word, after a capitalised word, was a foreign function word
    /// that names also hold (`de`, `da`, `van`): a name's particle if a
    /// capitalised word follows (`Vitória de Guimarães`, `Estádio da Luz`),
    /// which says nothing of the language around the name.
    particle: bool,
}

impl Counts {
    /// Notes the word just counted: capitalised or not, and a foreign name
    /// particle (counted as a foreign word) or not.
    #[inline]
    fn follow(&mut self, capital: bool, particle: bool) {
        if self.particle && capital {
            self.foreign -= 1;
        }
        self.particle = particle;
        self.after_capital = capital;
    }
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

/// `char::is_alphabetic`, answering the General Punctuation block (curly
/// quotes and apostrophes, dashes; no letters) without the Unicode table:
/// English news puts a `’` in many words.
fn is_letter(ch: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&ch) && ch.is_alphabetic()
}

/// For a piece of `len` bytes at `start` of `bytes`, with `len` at most 8:
/// its packed form (as [`pack`] would give for letters) and whether it is
/// all ASCII. Read as one word from the text rather than byte by byte.
fn packed_at(bytes: &[u8], start: usize, len: usize) -> Option<(u64, bool)> {
    if len == 0 || len > 8 {
        return None;
    }
    let raw = match bytes[start..].first_chunk::<8>() {
        Some(chunk) => u64::from_le_bytes(*chunk),
        None => bytes[start..start + len].iter().rev().fold(0u64, |k, &b| (k << 8) | u64::from(b)),
    };
    let mask = u64::MAX >> (64 - 8 * len);
    let raw = raw & mask;
    // Setting bit 5 lowercases an ASCII letter, and pieces hold only letters
    // and non-ASCII bytes.
    Some((raw | (0x2020_2020_2020_2020 & mask), raw & 0x8080_8080_8080_8080 == 0))
}

impl Untranslated {
    /// Counts words until the end of `text`, or, with `settle`, until enough
    /// words have been seen to settle that it is in the corpus language.
    ///
    /// Words are read from pieces: runs of ASCII letters and non-ASCII bytes
    /// (found with [`byte_masks::runs`], not byte by byte); only
    /// pieces with non-ASCII bytes (curly apostrophes, accents, other
    /// scripts) are decoded and split into words by `char::is_alphabetic`.
    /// The settle test runs after each piece.
    fn counts(&self, text: &str, settle: bool) -> Counts {
        let p = &self.params;
        let settle_after = 2 * p.min_words.max(p.sentence_min_words);
        let bytes = text.as_bytes();
        let mut c = Counts::default();
        for (start, end) in byte_masks::runs(bytes, byte_masks::letter_or_non_ascii) {
            let piece = &bytes[start..end];
            match packed_at(bytes, start, piece.len()) {
                Some((key, true)) => self.count_ascii(piece, Some(key), &mut c),
                None if piece.is_ascii() => self.count_ascii(piece, None, &mut c),
                // Pieces end at ASCII bytes, so they are char boundaries.
                _ => self.count_mixed(&text[start..end], &mut c),
            }
            if settle && c.words >= settle_after && self.is_corpus_language(&c) {
                c.settled = true;
                break;
            }
        }
        c
    }

    /// Counts an ASCII word; `key` is its packed form (see [`pack`]) when it
    /// has at most 8 letters.
    #[inline]
    fn count_ascii(&self, word: &[u8], key: Option<u64>, c: &mut Counts) {
        c.words += 1;
        c.letters += word.len();
        let capital = word[0].is_ascii_uppercase();
        c.lowercase += usize::from(!capital);
        let mut foreign = false;
        if let Some(key) = key {
            let flags = self.words.get(key);
            c.function += usize::from(flags & FUNCTION != 0);
            foreign = flags & FOREIGN != 0;
            c.foreign += usize::from(foreign);
        }
        // The particles of Romance and Dutch names; German articles
        // between nouns (`Klage beim Oberverwaltungsgericht`) are the
        // language's own.
        let particle = foreign
            && c.after_capital
            && matches!(word, b"de" | b"da" | b"do" | b"dos" | b"del" | b"della" | b"di" | b"du" | b"van");
        c.follow(capital, particle);
    }

    /// Counts the words of a piece with non-ASCII bytes.
    fn count_mixed(&self, piece: &str, c: &mut Counts) {
        for word in piece.split(|ch: char| !is_letter(ch)).filter(|w| !w.is_empty()) {
            self.count_word(word, c);
        }
    }

    fn count_word(&self, word: &str, c: &mut Counts) {
        if word.is_ascii() {
            return self.count_ascii(word.as_bytes(), pack(word), c);
        }
        c.words += 1;
        let first = word.chars().next().unwrap_or('a');
        c.lowercase += usize::from(!first.is_uppercase());
        c.follow(first.is_uppercase(), false);
        let (letters, non_latin) = word.chars().fold((0, 0), |(l, n), ch| (l + 1, n + usize::from(ch > 'ɏ')));
        c.letters += letters;
        c.non_latin += non_latin;
        // A capitalised word with accents is a name as often as not
        // (`Estádio da Luz`, `Vitória de Guimarães` in an English list).
        c.accented += usize::from(!first.is_uppercase());
    }

    /// Whether the function words of other languages make up twice
    /// `min-foreign-share` of `c`'s words.
    fn strong_evidence(&self, c: &Counts) -> bool {
        self.screens && c.foreign as f64 >= 2.0 * self.params.min_foreign_share * c.words as f64
    }

    /// Whether the function-word screen says `c` is in the corpus language.
    fn is_corpus_language(&self, c: &Counts) -> bool {
        let p = &self.params;
        let max = if self.strong_evidence(c) {
            p.max_function_share.max(p.strong_evidence_max_function_share)
        } else {
            p.max_function_share
        };
        self.screens && c.function as f64 >= max * c.words as f64
    }

    /// The language of `text` when it may not be the corpus language and
    /// whatlang says so reliably.
    fn foreign(&self, text: &str, min_words: usize, settle: bool) -> (Option<Lang>, Counts) {
        let c = self.counts(text, settle);
        let lang = self.screen(text, &c, min_words);
        (lang, c)
    }

    /// The screen, then whatlang on what passes it.
    fn screen(&self, text: &str, c: &Counts, min_words: usize) -> Option<Lang> {
        let other_script = c.non_latin * 2 >= c.letters.max(1);
        // Chinese and Japanese are written without spaces: a paragraph is a
        // word or two, so their letters count instead, a few to a word.
        let long = c.words >= min_words || (other_script && c.non_latin >= LETTERS_PER_WORD * min_words);
        if c.settled || !long {
            return None;
        }
        let p = &self.params;
        let share = |n: usize| n as f64 / c.words as f64;
        let strong = self.strong_evidence(c);
        if !other_script {
            if (c.lowercase as f64) < self.params.min_lowercase_share * c.words as f64 {
                return None;
            }
            if self.is_corpus_language(c) {
                return None;
            }
            let evidence =
                share(c.foreign) >= p.min_foreign_share || share(c.accented) >= p.min_accented_share;
            if self.screens && !evidence {
                return None;
            }
        }
        let info = whatlang::detect(text)?;
        // A paragraph wholly in another script needs no confidence in which
        // language it is: the script alone says it is not the corpus's.
        let least = if self.screens && wholly_other_script(c) {
            0.0
        } else if strong && !other_script {
            p.strong_evidence_confidence
        } else {
            p.min_confidence
        };
        let lang = info.lang();
        if lang == self.corpus {
            return None;
        }
        // With strong evidence, low confidence often means two close
        // languages of which neither is the corpus's (Danish or Norwegian):
        // ask again between the language found and the corpus language.
        let sure = info.confidence() >= least
            || strong
                && !other_script
                && whatlang::Detector::with_allowlist(vec![lang, self.corpus])
                    .detect(text)
                    .is_some_and(|again| again.lang() == lang && again.confidence() >= least);
        sure.then_some(lang)
    }
}

impl Untranslated {
    /// The language of a paragraph too short for `min-words` that is written
    /// wholly in another script than the corpus's (`责任编辑：王磊`, `Ако
    /// харесвате нашата работа`): page furniture or text left untranslated
    /// either way. Only with the function-word screen, whose language (a
    /// Latin-script one) is the corpus language, so a Russian corpus keeps
    /// its Cyrillic lines.
    fn short_other_script(&self, text: &str, c: &Counts) -> Option<Lang> {
        if !self.screens || c.settled || c.non_latin < MIN_SCRIPT_LETTERS || !wholly_other_script(c) {
            return None;
        }
        whatlang::detect(text).map(|info| info.lang()).filter(|&lang| lang != self.corpus)
    }
}

/// Whether four letters in five are of another script than Latin.
fn wholly_other_script(c: &Counts) -> bool {
    c.letters > 0 && c.non_latin * 5 >= c.letters * 4
}

/// How [`Untranslated::unidentified`] names the language.
const UNIDENTIFIED: &str = "a language newslint cannot name";

/// The share of lowercase-initial words [`Untranslated::unidentified`]
/// needs: higher than `min-lowercase-share`, since no language check backs
/// it (a list of names has few).
const UNIDENTIFIED_LOWERCASE_SHARE: f64 = 0.6;

/// The fewest letters of another script that make a short paragraph
/// reportable: a name of two or three characters (`王磊`) is not.
const MIN_SCRIPT_LETTERS: usize = 4;

/// Letters of a script written without spaces that stand for one word of
/// `min-words` (a Japanese word is two to four characters).
const LETTERS_PER_WORD: usize = 3;

/// Whether `bytes` hold a lead byte of a non-ASCII letter (0xC3 and up, but
/// not 0xE2, the punctuation block). Tested 32 bytes at a time without an
/// early exit inside a block, so the compiler vectorizes it: this reads most
/// long paragraphs of the corpus in full.
fn has_foreign_letter(bytes: &[u8]) -> bool {
    let hit = |b: &u8| *b >= 0xC3 && *b != 0xE2;
    let mut blocks = bytes.chunks_exact(32);
    let found = blocks.by_ref().any(|block| block.iter().fold(false, |any, b| any | hit(b)));
    found || blocks.remainder().iter().any(hit)
}

fn is_quotation(sentence: &str) -> bool {
    sentence.starts_with(['“', '"', '«', '„', '‘', '\'', '‹', '「', '『'])
}

impl Detector for Untranslated {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        // Paragraphs to examine sentence by sentence: long, not flagged, and
        // with some evidence of another language in them.
        let mut by_sentence = vec![false; doc.paragraphs().len()];
        for (i, &para) in doc.paragraphs().iter().enumerate() {
            let text = doc.slice(para);
            let (lang, c) = self.foreign(text, self.params.min_words, true);
            let lang = lang.or_else(|| self.short_other_script(text, &c));
            match lang {
                Some(_) if self.is_attributed_quote(text) => {}
                Some(lang) => out.push(self.finding(para, lang.eng_name())),
                None if self.unidentified(&c) => out.push(self.finding(para, UNIDENTIFIED)),
                // Counting stopped early once the paragraph read as the corpus
                // language; then only non-ASCII letters (leads from 0xC3 up,
                // but not the 0xE2 punctuation block) hint at a foreign sentence.
                None if c.settled => {
                    by_sentence[i] = text.len() >= 4 * self.params.long_paragraph_words
                        && has_foreign_letter(text.as_bytes())
                }
                None => {
                    by_sentence[i] = c.words >= self.params.long_paragraph_words
                        && c.foreign + c.accented + c.non_latin > 0
                }
            }
        }
        for (i, &para) in doc.paragraphs().iter().enumerate() {
            if !by_sentence[i] {
                continue;
            }
            for sentence in doc.sentences_in(para) {
                let text = doc.slice(sentence);
                if is_quotation(text) {
                    continue;
                }
                if let (Some(lang), _) = self.foreign(text, self.params.sentence_min_words, true) {
                    out.push(self.finding(sentence, lang.eng_name()));
                }
            }
        }
    }
}

impl Untranslated {
    /// Whether `text` quotes a few words and attributes them outside the
    /// quotation marks: `“L’or du Mali doit d’abord profiter aux
    /// Maliens,” the minister said — “Mali’s gold must first benefit
    /// Malians.”`
    fn is_attributed_quote(&self, text: &str) -> bool {
        let p = &self.params;
        if p.quote_max_words == 0 || !text.as_bytes().iter().any(|&b| b == b'"' || b == 0xE2) {
            return false;
        }
        let attributes = |s: &str| {
            s.split(|c: char| !c.is_alphabetic()).any(|w| p.attribution_words.iter().any(|a| a == w))
        };
        let (mut quoted, mut attributed, mut at) = (0, false, 0);
        for (start, end) in super::quotes::quoted_ranges(text) {
            quoted += text[start..end].split_whitespace().count();
            attributed |= attributes(&text[at..start]);
            at = end;
        }
        quoted > 0 && quoted <= p.quote_max_words && (attributed || attributes(&text[at..]))
    }

    /// A long paragraph of mostly lowercase Latin-script words with almost
    /// none of the corpus language's function words: English prose has one
    /// in three or four, so this is another language whatever its name.
    fn unidentified(&self, c: &Counts) -> bool {
        let p = &self.params;
        if !self.screens || c.settled {
            return false;
        }
        // A long paragraph wholly in a script whatlang does not know (Lao,
        // Tibetan, Dhivehi): it reached here because whatlang named nothing.
        if wholly_other_script(c) {
            let min = p.min_words;
            return c.words >= min || c.non_latin >= LETTERS_PER_WORD * min;
        }
        p.unidentified_min_words > 0
            && c.non_latin * 2 < c.letters.max(1)
            && c.words >= p.unidentified_min_words
            && (c.function as f64) <= p.unidentified_max_function_share * c.words as f64
            && (c.lowercase as f64) >= UNIDENTIFIED_LOWERCASE_SHARE * c.words as f64
    }

    fn finding(&self, span: Span, language: &str) -> Finding {
        Finding::new(span).arg("language", language).arg("corpus_language", self.corpus.eng_name())
    }
}

#[cfg(test)]
mod tests;
