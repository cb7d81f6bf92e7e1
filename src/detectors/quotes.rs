//! Quotation-mark helpers shared by the quote detectors.
//!
//! English news uses one pair of double quotes, curly (`“ ”`) or straight
//! (`"`), and single quotes (`‘ ’`) only inside them. The hard part is telling
//! a quote from something that looks like one: `’` is far more often an
//! apostrophe (`don’t`, `NATO’s`) than a closing quote, and a straight `"`
//! after a digit is an inch mark (`5'10"`, `a 12" pipe`), and after `=` it opens
//! a markup attribute's value (`[caption id="a1"]`). Only double quotes
//! are paired here; single quotes are left alone because an unpaired `’` is
//! normal English.
//!
//! [`double_quotes`] lists the double quotation marks of a paragraph with the
//! role each one's position suggests, in one pass over the bytes, without
//! allocating: callers walk the iterator.

/// What a double quotation mark's glyph says about its role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `“`: opens a quotation in English typography.
    Open,
    /// `”`: closes one.
    Close,
    /// `"`: straight, either; its neighbours decide.
    Straight,
}

/// One double quotation mark in a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset of the glyph in the haystack.
    pub at: usize,
    /// Its length in bytes (1 for `"`, 3 for the curly ones).
    pub len: usize,
    pub role: Role,
}

impl Mark {
    pub fn end(self) -> usize {
        self.at + self.len
    }
}

/// Does `s` open a quotation with `„`, which makes `“` ambiguous: German
/// closes with it (`„ja“`). Guillemets (`«oui»`, `»ja«`) pair among
/// themselves and leave `“` and `”` their English roles.
pub fn has_low_quotes(s: &str) -> bool {
    s.contains('„')
}

/// The double quotation marks of `s`, inch marks and the quotes of markup
/// attribute values (`id="a1"`) excluded.
pub fn double_quotes(s: &str) -> impl Iterator<Item = Mark> + '_ {
    let bytes = s.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < bytes.len() {
            let i = pos + memchr::memchr2(b'"', 0xE2, &bytes[pos..])?;
            pos = i + 1;
            if bytes[i] == b'"' {
                if is_inch_mark(bytes, i) {
                    continue;
                }
                // A markup attribute (`[caption id="a1"]`, `<a href="/x">`):
                // its value's quotes are not quotation marks. A value ends
                // on its line; without a closing quote, only this one goes.
                if i > 0 && bytes[i - 1] == b'=' {
                    let line_end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |j| pos + j);
                    if let Some(j) = memchr::memchr(b'"', &bytes[pos..line_end]) {
                        pos += j + 1;
                    }
                    continue;
                }
                return Some(Mark { at: i, len: 1, role: Role::Straight });
            }
            // Mojibake of a dash or quote (`â€“`, `â€œ`) ends in `“` or `”`
            // after `€` (E2 82 AC): that is not a quotation mark.
            if i >= 3 && bytes[i - 3..i] == [0xE2, 0x82, 0xAC] {
                continue;
            }
            // U+201C “ is E2 80 9C, U+201D ” is E2 80 9D.
            match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(0x80), Some(0x9C)) => return Some(Mark { at: i, len: 3, role: Role::Open }),
                (Some(0x80), Some(0x9D)) => return Some(Mark { at: i, len: 3, role: Role::Close }),
                _ => {}
            }
        }
        None
    })
}

/// A straight `"` right after a digit is an inch mark when the number is
/// feet-and-inches (`5'10"`) or a word follows without a space (`12"-wide`,
/// `12"x18"`), or when nothing before it could open a quote: a `"` after a
/// digit cannot open one, and if no straight quote precedes it (within
/// [`INCH_LOOKBACK`] bytes) it cannot close one either.
pub fn is_inch_mark(bytes: &[u8], i: usize) -> bool {
    if i == 0 || !bytes[i - 1].is_ascii_digit() {
        return false;
    }
    let mut j = i - 1;
    while j > 0 && bytes[j - 1].is_ascii_digit() {
        j -= 1;
    }
    if j > 0 && matches!(bytes[j - 1], b'\'' | b'.') {
        return true; // 5'10" or 2.5"
    }
    if bytes.get(i + 1).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'-') {
        return true;
    }
    // Bounded look-back keeps a text full of inch marks linear.
    memchr::memrchr(b'"', &bytes[j.saturating_sub(INCH_LOOKBACK)..j]).is_none()
}

/// How far back [`is_inch_mark`] looks for a straight quote it could close.
const INCH_LOOKBACK: usize = 2048;

/// Is `c` a character after which a quotation can open (start of text,
/// whitespace, an opening bracket or a dash)?
pub fn opens_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '/' | '‘' | '\''),
    }
}

/// The byte ranges of `s` inside double quotation marks, pairing marks in
/// order. A quotation left open runs to the end of `s`.
pub fn quoted_ranges(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut marks = double_quotes(s);
    let mut open: Option<usize> = None;
    std::iter::from_fn(move || {
        loop {
            match marks.next() {
                Some(m) => match (open, m.role) {
                    (None, Role::Open | Role::Straight) => open = Some(m.at),
                    (Some(start), Role::Close | Role::Straight) => {
                        open = None;
                        return Some((start, m.end()));
                    }
                    (Some(_), Role::Open) => open = Some(m.at),
                    (None, Role::Close) => {}
                },
                None => return open.take().map(|start| (start, s.len())),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(s: &str) -> Vec<(usize, Role)> {
        double_quotes(s).map(|m| (m.at, m.role)).collect()
    }

    #[test]
    fn finds_curly_and_straight_quotes() {
        assert_eq!(
            roles("“a” \"b\""),
            [(0, Role::Open), (4, Role::Close), (8, Role::Straight), (10, Role::Straight)]
        );
    }

    #[test]
    fn low_quotes_make_the_curly_ones_ambiguous() {
        assert!(has_low_quotes("er sagte „ja“"));
        assert!(!has_low_quotes("il a dit «oui», then “no”"));
        assert!(!has_low_quotes("plain “English” text"));
    }

    #[test]
    fn inch_marks_are_not_quotes() {
        assert!(roles("about 5'10\" tall").is_empty());
        assert!(roles("a 12\" pipe and a 12\"-wide board").is_empty());
        assert_eq!(roles("\"the score was 6-2\" he said").len(), 2);
    }

    #[test]
    fn markup_attribute_values_are_not_quotes() {
        assert!(roles("[caption id=\"attachment_1\" align=\"alignnone\"] A photo. [/caption]").is_empty());
        assert_eq!(roles("<a href=\"/x\">the \"deal\"</a>"), [(17, Role::Straight), (22, Role::Straight)]);
        assert!(roles("x=\"unclosed").is_empty());
    }

    #[test]
    fn other_e2_sequences_are_skipped() {
        assert!(roles("a — b ’ c … d").is_empty());
        assert!(roles("fillings â€“ cheaper").is_empty());
    }

    #[test]
    fn quoted_ranges_pair_marks_in_order() {
        let s = "He said “yes” and \"no";
        let r: Vec<_> = quoted_ranges(s).map(|(a, b)| &s[a..b]).collect();
        assert_eq!(r, ["“yes”", "\"no"]);
    }
}
