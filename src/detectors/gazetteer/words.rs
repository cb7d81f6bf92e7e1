//! Capitalised words and a bounded edit distance, without allocating.

use crate::detectors::byte_masks::{Positions, upper_or_lead};
use crate::diagnostic::Span;

/// The capitalised words of `text[range]`, in order. A word is a run of
/// letters and digits (hyphens inside a word included, apostrophes not, so
/// `Blinken's` yields `Blinken`); it is capitalised when its first letter is
/// uppercase.
pub struct CapWords<'t> {
    text: &'t str,
    pos: usize,
    end: usize,
    /// The bytes of the range that may start a capitalised word (ASCII
    /// uppercase or a non-ASCII lead byte), offsets from `start`.
    starts: Positions<'t>,
    start: usize,
}

impl<'t> CapWords<'t> {
    pub fn new(text: &'t str, range: Span) -> CapWords<'t> {
        let starts = Positions::new(&text.as_bytes()[range.range()]);
        CapWords { text, pos: range.start, end: range.end, starts, start: range.start }
    }

    /// The length of the word character at `i` (0 when it is not one).
    fn word_char(&self, i: usize) -> usize {
        let b = self.text.as_bytes()[i];
        if b.is_ascii_alphanumeric() {
            return 1;
        }
        if b < 0x80 {
            return 0;
        }
        match self.text[i..].chars().next() {
            Some(c) if c.is_alphanumeric() => c.len_utf8(),
            _ => 0,
        }
    }
}

impl Iterator for CapWords<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let bytes = self.text.as_bytes();
        while self.pos < self.end {
            // Hot loop: the next byte that may start a capitalised word, 64
            // bytes at a time, past the word just read.
            let Some(start) = std::iter::from_fn(|| self.starts.next_of(upper_or_lead))
                .map(|off| self.start + off)
                .find(|&at| at >= self.pos)
            else {
                self.pos = self.end;
                return None;
            };
            let b = bytes[start];
            if b >= 0xC0 && !self.text[start..].chars().next().is_some_and(char::is_uppercase) {
                self.pos = start + crate::document::utf8_len(b).unwrap_or(1);
                continue;
            }
            let end = self.skip_word(start);
            self.pos = end;
            if !self.inside_word(start) {
                return Some(Span::new(start, end));
            }
            // An Arabic name with its article: `al-Burhan`, `el-Sisi`.
            if let Some(article) = self.article_before(start) {
                return Some(Span::new(article, end));
            }
        }
        None
    }
}

impl CapWords<'_> {
    /// Whether the character before `i` is a word character (`McCarthy`'s
    /// `C`, `iPhone`'s `P`).
    fn inside_word(&self, i: usize) -> bool {
        let Some(&prev) = self.text.as_bytes()[..i].last() else { return false };
        if prev == b'-' {
            return i > 1 && self.inside_word(i - 1);
        }
        if prev < 0x80 {
            return prev.is_ascii_alphanumeric();
        }
        self.text[..i].chars().next_back().is_some_and(char::is_alphanumeric)
    }

    /// The start of the Arabic article right before `i` (`al-` of
    /// `al-Burhan`), when it opens a word.
    fn article_before(&self, i: usize) -> Option<usize> {
        let before = &self.text[..i];
        ARTICLES.iter().find_map(|a| {
            let at = before.strip_suffix(a).map(str::len)?;
            (at >= self.start && !self.inside_word(at)).then_some(at)
        })
    }

    /// The end of the word starting at `i`.
    fn skip_word(&self, mut i: usize) -> usize {
        let bytes = self.text.as_bytes();
        while i < self.end {
            if bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let n = self.word_char(i);
            if n > 0 {
                i += n;
            } else if bytes[i] == b'-' && i + 1 < self.end && self.word_char(i + 1) > 0 {
                i += 1;
            } else {
                break;
            }
        }
        i
    }
}

/// The Arabic article as it is transliterated before a capitalised name.
/// (`at-`, `an-` and `as-` are left out: `at-Large` is English.)
const ARTICLES: &[&str] = &["al-", "el-", "ad-", "ar-", "ash-", "az-", "ath-", "adh-"];

/// Longest name compared; longer words are never near anything.
const MAX: usize = 32;

/// Optimal-string-alignment distance (Levenshtein plus adjacent
/// transpositions) over chars; `None` when a word exceeds [`MAX`] chars.
pub fn distance(a: &str, b: &str) -> Option<usize> {
    let mut ab = ['\0'; MAX];
    let mut bb = ['\0'; MAX];
    let n = fill(a, &mut ab)?;
    let m = fill(b, &mut bb)?;
    let (a, b) = (&ab[..n], &bb[..m]);
    // Three rows used in turn: the references rotate, not the rows (moving
    // them would copy the table on every letter). Cells fit a byte.
    let (mut r0, mut r1, mut r2) = ([0u8; MAX + 1], [0u8; MAX + 1], [0u8; MAX + 1]);
    let (mut prev2, mut prev, mut cur) = (&mut r0, &mut r1, &mut r2);
    for (j, cell) in prev.iter_mut().enumerate().take(m + 1) {
        *cell = j as u8;
    }
    for i in 1..=n {
        cur[0] = i as u8;
        for j in 1..=m {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
        }
        (prev2, prev, cur) = (prev, cur, prev2);
    }
    Some(usize::from(prev[m]))
}

/// Whether `a` and `b` are at most `max` edits apart ([`distance`]). Most
/// pairs differ in more characters than that: each ASCII character one of
/// them has and the other lacks costs an edit at least, which a bitmask
/// tells before the table is filled.
pub fn within(a: &str, b: &str, max: usize) -> bool {
    distance_within(a, b, max).is_some()
}

/// The distance between `a` and `b` when it is at most `max`: the bound
/// first, then the table only for the pairs it lets through.
pub fn distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    let set = |s: &str| s.bytes().filter(u8::is_ascii).fold(0u128, |m, c| m | 1 << c);
    let (x, y) = (set(a), set(b));
    let apart = (x & !y).count_ones().max((y & !x).count_ones()) as usize;
    if apart > max {
        return None;
    }
    distance(a, b).filter(|&d| d <= max)
}

fn fill(s: &str, buf: &mut [char; MAX]) -> Option<usize> {
    let mut n = 0;
    for c in s.chars() {
        *buf.get_mut(n)? = c;
        n += 1;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        CapWords::new(text, Span::new(0, text.len())).map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn within_agrees_with_distance() {
        let words = [
            "Hurst",
            "Herbst",
            "Kier",
            "Keir",
            "Macron",
            "Makron",
            "Sergueï",
            "Sergei",
            "Abc",
            "",
            "Zelenskyy",
        ];
        for a in words {
            for b in words {
                for max in 0..4 {
                    assert_eq!(within(a, b, max), distance(a, b).is_some_and(|d| d <= max), "{a} {b} {max}");
                }
            }
        }
    }

    #[test]
    fn capitalised_words_only() {
        assert_eq!(
            words("For John Hurst, the Blinken’s aide Jean-Yves Le Drian met Sergueï Ångström x-Ray 3Com."),
            ["For", "John", "Hurst", "Blinken", "Jean-Yves", "Le", "Drian", "Sergueï", "Ångström"]
        );
        assert_eq!(words("«Zelensky» (Putin) ‘Macron’"), ["Zelensky", "Putin", "Macron"]);
        assert_eq!(
            words("Abdel Fattah al-Burhan met el-Sisi, a pro-Western at-Large xal-Burhan."),
            ["Abdel", "Fattah", "al-Burhan", "el-Sisi"]
        );
    }

    /// The definition: words are runs of letters and digits joined by
    /// single hyphens; a capitalised one is reported unless a run of
    /// hyphens ties it to the word before (`x-Ray`, `x--Ray`).
    fn reference(text: &str) -> Vec<&str> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let at = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
        let word_char = |k: usize| chars.get(k).is_some_and(|c| c.1.is_alphanumeric());
        let mut out = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            if !word_char(k) {
                k += 1;
                continue;
            }
            let start = k;
            while word_char(k) || (chars.get(k).is_some_and(|c| c.1 == '-') && word_char(k + 1)) {
                k += 1;
            }
            let hyphens = chars[..start].iter().rev().take_while(|c| c.1 == '-').count();
            let tied = hyphens > 0 && start > hyphens && word_char(start - hyphens - 1);
            // Or it opens on an Arabic article before a capital (`al-Burhan`).
            let rest = &text[at(start)..at(k)];
            let article = ARTICLES
                .iter()
                .any(|a| rest.strip_prefix(a).is_some_and(|r| r.starts_with(char::is_uppercase)));
            if (chars[start].1.is_uppercase() || article) && !tied {
                out.push(rest);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn capitalised_words_agree_with_the_definition(text in "([a-zA-Z0-9 ,.'’-]|al-|el-|ash-|É|é|Ü|ß|Ω|ω|Мо|“|—|\u{A0}){0,90}") {
            proptest::prop_assert_eq!(words(&text), reference(&text));
        }
    }

    #[test]
    fn edit_distance_with_transpositions() {
        assert_eq!(distance("Hurst", "Herbst"), Some(2));
        assert_eq!(distance("Kier", "Keir"), Some(1));
        assert_eq!(distance("Sergueï", "Sergei"), Some(2));
        assert_eq!(distance("Macron", "Macron"), Some(0));
        assert_eq!(distance("", "abc"), Some(3));
        assert_eq!(distance(&"x".repeat(40), "x"), None);
    }
}
