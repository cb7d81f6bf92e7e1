//! The `phrases` and `substitutions` matchers: literal strings through one
//! Aho-Corasick automaton per rule, so a list of hundreds of phrases costs
//! about one pass over the text.
//!
//! Match modes:
//! - `substring` and `word` search the document body once; a match outside
//!   the rule's scope units is dropped.
//! - `line` and `line-start` run an anchored search at the start of each
//!   (trimmed) line, which costs about as much as the phrase is long. `line`
//!   wants the phrase to be the whole line, give or take trailing `:` `.` `…`;
//!   `line-start` flags the whole line when it begins with the phrase.

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

use super::def::{MatchMode, Scope};
use super::scope::{at_word_boundaries, is_word_char, units};
use crate::diagnostic::Span;
use crate::document::{Document, trim};
use crate::finding::{Edit, Finding};

/// Characters a whole-line phrase may be followed by on its line.
const LINE_TRAILERS: &[char] = &[':', '.', '…', '»', '›', '|', '*', '>', '!'];

/// What may stand between the phrases of a row of buttons.
const ROW_SEPARATORS: &[char] = &['|', '·', '•', '/', ',', '–', '-', '｜'];

pub struct LiteralMatcher {
    ac: AhoCorasick,
    /// Line modes: the first two bytes of every phrase (ASCII case folded
    /// unless the rule is case-sensitive), so most lines are passed over
    /// without a search.
    heads: Option<Heads>,
    /// For substitutions: the right form of each phrase, by phrase index.
    replacements: Option<Vec<String>>,
    /// How many phrases the rule has: the automaton's patterns after them
    /// are case variants (see [`case_variants`]).
    phrases: usize,
    /// The phrase each case variant stands for.
    variant_of: Vec<usize>,
    mode: MatchMode,
    scope: Scope,
}

impl LiteralMatcher {
    pub fn phrases(
        phrases: &[String],
        mode: MatchMode,
        scope: Scope,
        case_sensitive: bool,
    ) -> Result<Self, String> {
        Self::build(phrases, None, mode, scope, case_sensitive)
    }

    pub fn substitutions(
        pairs: &[(String, String)],
        mode: MatchMode,
        scope: Scope,
        case_sensitive: bool,
    ) -> Result<Self, String> {
        let wrong: Vec<String> = pairs.iter().map(|(w, _)| w.clone()).collect();
        let right = pairs.iter().map(|(_, r)| r.clone()).collect();
        Self::build(&wrong, Some(right), mode, scope, case_sensitive)
    }

    fn build(
        phrases: &[String],
        replacements: Option<Vec<String>>,
        mode: MatchMode,
        scope: Scope,
        case_sensitive: bool,
    ) -> Result<Self, String> {
        if phrases.is_empty() {
            return Err("the phrase list is empty".into());
        }
        if let Some(p) = phrases.iter().find(|p| p.trim().is_empty()) {
            return Err(format!("empty or blank phrase `{p}`"));
        }
        // Line modes only search anchored at a line start: an automaton
        // for anchored searches alone builds in half the time (thousands
        // of phrases make that felt at start-up).
        let start = match mode {
            MatchMode::Line | MatchMode::LineStart => StartKind::Anchored,
            MatchMode::Substring | MatchMode::Word => StartKind::Unanchored,
        };
        let variants = if case_sensitive { Vec::new() } else { case_variants(phrases) };
        let patterns = || phrases.iter().chain(variants.iter().map(|(v, _)| v)).map(String::as_bytes);
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(!case_sensitive)
            .start_kind(start)
            .build(patterns())
            .map_err(|e| format!("cannot build the phrase automaton: {e}"))?;
        let heads = matches!(mode, MatchMode::Line | MatchMode::LineStart)
            .then(|| Heads::new(patterns(), !case_sensitive));
        let variant_of = variants.into_iter().map(|(_, i)| i).collect();
        Ok(LiteralMatcher { ac, heads, replacements, phrases: phrases.len(), variant_of, mode, scope })
    }

    pub fn find(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        match self.mode {
            MatchMode::Substring | MatchMode::Word => self.find_anywhere(doc, out),
            MatchMode::Line | MatchMode::LineStart => self.find_lines(doc, out),
        }
    }

    fn find_anywhere(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let body = doc.body();
        let units = units(doc, self.scope);
        for m in self.ac.find_iter(&text[body.range()]) {
            let span = Span::new(m.start(), m.end()).shift(body.start);
            if self.mode == MatchMode::Word && !at_word_boundaries(text, span.start, span.end) {
                continue;
            }
            if self.scope != Scope::Document && span.within(units.as_slice()).is_none() {
                continue;
            }
            out.push(self.finding(span, m.pattern().as_usize()));
        }
    }

    fn find_lines(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let headline_only;
        let lines: &[Span] = if self.scope == Scope::Headline {
            headline_only = doc.headline_line().map(|i| doc.lines()[i]);
            headline_only.as_slice()
        } else {
            doc.lines()
        };
        for (i, &line) in lines.iter().enumerate() {
            let line = trim(text, line);
            if line.is_empty() {
                continue;
            }
            // The phrase may follow a pictograph that marks the widget
            // (`🔴 EN VIVO`, `▶ Watch:`); the whole line is still reported.
            let from = line.start + marker_len(&text[line.range()]);
            if self.heads.as_ref().is_some_and(|h| !h.may_start(&text.as_bytes()[from..line.end])) {
                continue;
            }
            let input = Input::new(text).range(from..line.end).anchored(Anchored::Yes);
            let Some(m) = self.ac.find(input) else {
                continue;
            };
            let rest = &text[m.end()..line.end];
            let ok = match self.mode {
                MatchMode::Line => {
                    rest.trim_matches(|c: char| c.is_whitespace() || LINE_TRAILERS.contains(&c)).is_empty()
                        || (!under_byline(text, &lines[..i]) && self.row_of_phrases(text, m.end(), line.end))
                }
                _ => {
                    // Thai, Khmer, Chinese and Japanese put no space between
                    // words: a phrase in them ends a word wherever it ends.
                    let last = text[m.start()..m.end()].chars().next_back();
                    let last_is_word = last.is_some_and(|c| is_word_char(c) && !unspaced(c));
                    !(last_is_word && rest.chars().next().is_some_and(is_word_char))
                }
            };
            if ok {
                out.push(self.finding(line, m.pattern().as_usize()));
            }
        }
    }

    /// Whether `text[from..end]`, after a phrase that ends at `from`, is
    /// more phrases of the list, each a whole word or more, set apart by
    /// spaces or separators: a row of buttons (`Teilen Merken`, `Share |
    /// Print | Email`).
    fn row_of_phrases(&self, text: &str, mut from: usize, end: usize) -> bool {
        let separator = |c: char| c.is_whitespace() || ROW_SEPARATORS.contains(&c);
        loop {
            from += count_len(&text[from..end]);
            let rest = &text[from..end];
            if rest.trim_matches(|c: char| separator(c) || LINE_TRAILERS.contains(&c)).is_empty() {
                return true;
            }
            let next = rest.trim_start_matches(separator);
            // The phrase before ends a word: a separator must follow it.
            if next.len() == rest.len() {
                return false;
            }
            let at = end - next.len();
            let input = Input::new(text).range(at..end).anchored(Anchored::Yes);
            let Some(m) = self.ac.find(input) else { return false };
            from = m.end();
        }
    }

    fn finding(&self, span: Span, pattern: usize) -> Finding {
        let mut finding = Finding::new(span);
        let phrase = pattern.checked_sub(self.phrases).map_or(pattern, |v| self.variant_of[v]);
        if let Some(right) = self.replacements.as_ref().map(|r| &r[phrase]) {
            finding = finding.arg("replacement", right.clone()).fix(Edit::new(span, right.clone()));
        }
        finding
    }
}

/// The length of a pictograph and the blanks after it at the start of
/// `line` (`🔴 `, `▶️ `, `• `), or 0. Letters, digits, quotes and brackets
/// are no marker, nor is a symbol glued to the word after it.
fn marker_len(line: &str) -> usize {
    let Some(c) = line.chars().next() else { return 0 };
    let pictograph =
        matches!(c, '•' | '\u{2190}'..='\u{21FF}' | '\u{25A0}'..='\u{27BF}' | '\u{1F300}'..='\u{1FAFF}');
    if !pictograph {
        return 0;
    }
    let rest = line[c.len_utf8()..].trim_start_matches('\u{FE0F}');
    let blanks = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
    if blanks == 0 { 0 } else { line.len() - rest.len() + blanks }
}

/// Whether `c` belongs to a script written without spaces between words.
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF) // Han
}

/// The length of the count that starts `s`, if any: a number in brackets,
/// maybe after a space, as buttons show it (`Diskuse (18)`, `Comments (3)`,
/// `Bình luận (1.204)`).
fn count_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let open = usize::from(bytes.first() == Some(&b' '));
    if bytes.get(open) != Some(&b'(') || !bytes.get(open + 1).is_some_and(u8::is_ascii_digit) {
        return 0;
    }
    let number =
        bytes[open + 1..].iter().take_while(|&&b| b.is_ascii_digit() || b == b'.' || b == b',').count();
    match bytes.get(open + 1 + number) {
        Some(b')') => open + number + 2,
        _ => 0,
    }
}

/// The case variants a case-insensitive automaton needs besides the
/// phrases, each with the index of its phrase. The automaton folds ASCII
/// case only; a phrase with other cased letters also goes in upper and
/// lower case, as sites print their labels (`PUBLICITÉ`, `РЕКЛАМА` for
/// `Publicité`, `Реклама`).
fn case_variants(phrases: &[String]) -> Vec<(String, usize)> {
    let mut variants = Vec::new();
    for (i, p) in phrases.iter().enumerate() {
        if p.is_ascii() {
            continue;
        }
        let mut seen = vec![p.to_ascii_lowercase()];
        // Turkish pairs `i` with `İ` and `ı` with `I` (`İLGİLİ HABERLER`,
        // `ilgili haberler`), which no locale-free mapping does.
        let turkish = p.contains(['İ', 'ı', 'ş', 'ğ', 'Ş', 'Ğ']).then(|| {
            let (mut upper, mut lower) = (String::new(), String::new());
            for c in p.chars() {
                match c {
                    'i' => upper.push('İ'),
                    'ı' => upper.push('I'),
                    c => upper.extend(c.to_uppercase()),
                }
                match c {
                    'İ' => lower.push('i'),
                    c => lower.extend(c.to_lowercase()),
                }
            }
            [upper, lower]
        });
        for variant in [p.to_uppercase(), p.to_lowercase()].into_iter().chain(turkish.into_iter().flatten()) {
            let folded = variant.to_ascii_lowercase();
            if !seen.contains(&folded) {
                seen.push(folded);
                variants.push((variant, i));
            }
        }
    }
    variants
}

/// Whether the last of `above`, the lines before one, is a byline: the
/// line under it names the reporter's desk or employer (`Sports Desk`),
/// which reads like a row of section links but is part of the byline.
fn under_byline(text: &str, above: &[Span]) -> bool {
    above.last().is_some_and(|l| crate::detectors::navigation::is_byline(&text[l.range()]))
}

/// A set of two-byte starts: one bit per pair of bytes.
struct Heads {
    bits: Box<[u64; 1024]>,
    fold: bool,
}

impl Heads {
    fn new<'p>(phrases: impl Iterator<Item = &'p [u8]>, fold: bool) -> Heads {
        let mut heads = Heads { bits: Box::new([0; 1024]), fold };
        for p in phrases {
            match *p {
                [] => {}
                // A one-byte phrase starts a line with any second byte.
                [a] => (0..=255).for_each(|b| heads.set(a, b)),
                [a, b, ..] => heads.set(a, b),
            }
        }
        heads
    }

    fn key(&self, a: u8, b: u8) -> usize {
        let (a, b) = if self.fold { (a.to_ascii_lowercase(), b.to_ascii_lowercase()) } else { (a, b) };
        usize::from(a) << 8 | usize::from(b)
    }

    fn set(&mut self, a: u8, b: u8) {
        let key = self.key(a, b);
        self.bits[key / 64] |= 1 << (key % 64);
    }

    /// Whether a phrase may start `line` (a line of one byte may always).
    fn may_start(&self, line: &[u8]) -> bool {
        match *line {
            [a, b, ..] => {
                let key = self.key(a, b);
                self.bits[key / 64] & (1 << (key % 64)) != 0
            }
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(m: &LiteralMatcher, text: &str) -> Vec<String> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        m.find(&doc, &mut out);
        out.iter().map(|f| doc.slice(f.span).to_string()).collect()
    }

    fn phrases(list: &[&str], mode: MatchMode, scope: Scope) -> LiteralMatcher {
        let list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        LiteralMatcher::phrases(&list, mode, scope, false).unwrap()
    }

    #[test]
    fn the_two_byte_heads_skip_only_lines_no_phrase_starts() {
        let list = ["©", "|", "Read more", "ÉDITO", "x"];
        let text =
            "© 2024 Example\n| Home\nREAD MORE\nread More:\nÉDITO\nédito\nReading more\nx\nX\nNothing here";
        for mode in [MatchMode::Line, MatchMode::LineStart] {
            for case_sensitive in [false, true] {
                let list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
                let with = LiteralMatcher::phrases(&list, mode, Scope::Line, case_sensitive).unwrap();
                let mut without = LiteralMatcher::phrases(&list, mode, Scope::Line, case_sensitive).unwrap();
                without.heads = None;
                assert_eq!(flagged(&with, text), flagged(&without, text), "{mode:?} {case_sensitive}");
            }
        }
    }

    #[test]
    fn a_pictograph_before_a_line_phrase_is_skipped_and_the_line_flagged() {
        let m = phrases(&["EN VIVO", "Watch:"], MatchMode::LineStart, Scope::Line);
        let text = "🔴 EN VIVO\n▶️ Watch: the speech\n•EN VIVO\n🔴EN VIVO\n“EN VIVO\nEN VIVO";
        assert_eq!(flagged(&m, text), ["🔴 EN VIVO", "▶️ Watch: the speech", "EN VIVO"]);
        assert_eq!(marker_len("• x"), "• ".len());
        assert_eq!(marker_len("•"), 0);
        assert_eq!(marker_len(""), 0);
    }

    #[test]
    fn case_insensitive_phrases_match_in_any_case_beyond_ascii() {
        let m = phrases(&["Publicité", "Реклама", "Tags"], MatchMode::Line, Scope::Line);
        let text = "PUBLICITÉ\npublicité\nPublicité\nРЕКЛАМА\nреклама\nTAGS\nPUBLICITE";
        assert_eq!(flagged(&m, text), ["PUBLICITÉ", "publicité", "Publicité", "РЕКЛАМА", "реклама", "TAGS"]);
        let subs = [
            ("Vorstandsvorsitzender".to_string(), "chief executive".to_string()),
            ("Übergangsregierung".to_string(), "caretaker government".to_string()),
        ];
        let m = LiteralMatcher::substitutions(&subs, MatchMode::Word, Scope::Line, false).unwrap();
        let doc = Document::new("the ÜBERGANGSREGIERUNG and the VORSTANDSVORSITZENDER");
        let mut out = Vec::new();
        m.find(&doc, &mut out);
        let fixes: Vec<_> = out.iter().map(|f| f.fix.as_ref().unwrap().replacement.as_str()).collect();
        assert_eq!(fixes, ["caretaker government", "chief executive"], "each variant fixes as its phrase");
    }

    #[test]
    fn turkish_phrases_match_with_the_dotted_capital() {
        let m = phrases(&["İlgili Haberler"], MatchMode::Line, Scope::Line);
        let text = "İLGİLİ HABERLER
ilgili haberler
İlgili Haberler
ILGILI HABERLER";
        assert_eq!(
            flagged(&m, text),
            ["İLGİLİ HABERLER", "ilgili haberler", "İlgili Haberler", "ILGILI HABERLER"]
        );
    }

    #[test]
    fn line_mode_wants_the_whole_line() {
        let m = phrases(&["Leave a Reply", "Related Articles", "Latest"], MatchMode::Line, Scope::Line);
        let text = "Body.\n\n  leave a reply \nRelated Articles:\nLatest news from Kyiv\nLatest";
        assert_eq!(flagged(&m, text), ["leave a reply", "Related Articles:", "Latest"]);
    }

    #[test]
    fn line_mode_takes_a_row_of_phrases() {
        let m =
            phrases(&["Share", "Print", "Teilen", "Merken", "Zur Merkliste"], MatchMode::Line, Scope::Line);
        let text = "Body.\nTeilen Merken\nShare | Print |\nShare prices fell\nPrinter\nSharePrint\nTeilen Merken hinzu\nBy Jo Li\nShare Print\nShare (3) | Print (12)\nPrint (x)\nPrint (2) copies\nShare (1.204)\nShare (.5)";
        assert_eq!(
            flagged(&m, text),
            ["Teilen Merken", "Share | Print |", "Share (3) | Print (12)", "Share (1.204)"]
        );
    }

    #[test]
    fn line_start_flags_the_whole_line_at_a_word_boundary() {
        let m = phrases(&["Photo:", "Posted by"], MatchMode::LineStart, Scope::Line);
        let text = "Photo: SERGEI SUPINSKY / AFP\nPhotographs show\nPosted by admin\nPosted byline";
        assert_eq!(flagged(&m, text), ["Photo: SERGEI SUPINSKY / AFP", "Posted by admin"]);
    }

    #[test]
    fn line_start_phrases_in_unspaced_scripts_need_no_boundary() {
        let m = phrases(&["ติดตามข่าวสาร", "関連記事", "Read more"], MatchMode::LineStart, Scope::Line);
        let text = "ติดตามข่าวสารได้ทาง LINE: @bizbangkok\n関連記事：東京\nRead moreover";
        assert_eq!(flagged(&m, text), ["ติดตามข่าวสารได้ทาง LINE: @bizbangkok", "関連記事：東京"]);
    }

    #[test]
    fn word_mode_respects_boundaries_and_scope() {
        let m = phrases(&["click here"], MatchMode::Word, Scope::Sentence);
        assert_eq!(flagged(&m, "Please click here. Or click heres."), ["click here"]);
        let m = phrases(&["click here"], MatchMode::Substring, Scope::Document);
        assert_eq!(flagged(&m, "Please click here. Or click heres."), ["click here", "click here"]);
    }

    #[test]
    fn headline_scope_only_looks_at_the_headline() {
        let m = phrases(&["Advertisement"], MatchMode::Line, Scope::Headline);
        assert_eq!(flagged(&m, "Advertisement\n\nAdvertisement"), ["Advertisement"]);
    }

    #[test]
    fn substitutions_fix_to_the_right_form() {
        let pairs = vec![("Anthony Blinken".to_string(), "Antony Blinken".to_string())];
        let m = LiteralMatcher::substitutions(&pairs, MatchMode::Word, Scope::Document, true).unwrap();
        let doc = Document::new("Secretary Anthony Blinken said.");
        let mut out = Vec::new();
        m.find(&doc, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].fix.as_ref().unwrap().replacement, "Antony Blinken");
        assert!(flagged(&m, "anthony blinken").is_empty(), "case-sensitive by request");
    }

    #[test]
    fn empty_lists_and_blank_phrases_are_errors() {
        assert!(LiteralMatcher::phrases(&[], MatchMode::Word, Scope::Line, true).is_err());
        assert!(LiteralMatcher::phrases(&[" ".into()], MatchMode::Word, Scope::Line, true).is_err());
    }
}
