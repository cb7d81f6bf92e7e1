//! `unbalanced-quote`: double quotation marks that do not pair up within a
//! paragraph.
//!
//! Scrapers cut quotations at paragraph breaks and translation engines drop
//! or flip quote marks. Marks are paired left to right per paragraph: `“`
//! opens, `”` closes, a straight `"` does whatever the open state needs.
//! Four shapes come out:
//!
//! - a quotation still open at the end of its paragraph, unless the next
//!   paragraph opens with a quote mark (the newspaper convention for a
//!   quotation running over several paragraphs) and no speech tag after
//!   the opening mark (`, she said.`) shows it ended; a straight mark that
//!   opens a quotation of its own (`said: "The`) leaves a curly one open;
//! - two `“` with no `”` after the second: the second is a closing quote
//!   written the wrong way round, usually with its space on the wrong side
//!   (`still possible “if she wishes`);
//! - two `“` where a `”` follows the second: the first was never closed;
//! - a `”` with no quotation open;
//! - a `”` set like an opening mark, after a space and glued to a word,
//!   inside a quotation that another `”` closes (`“Russia ”says one thing
//!   and does another,” he said`): a stray mark the translation left.
//!
//! Paragraphs using `„` are skipped: there `“` may be a closing mark, and
//! `quote-style` reports the foreign glyphs. Guillemets pair among
//! themselves, so a paragraph with `«oui»` still has its `“` checked.
//! Single quotes are not paired: `’` is an apostrophe far more often than a
//! closing quote.

use super::quotes::{Mark, Role, double_quotes, has_low_quotes, opens_after};
use super::{BuildContext, Detector, Info};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::{Edit, Finding};

pub const INFO: Info = Info { name: "unbalanced-quote", args: &["problem"], build };

struct UnbalancedQuote;

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    super::no_params(table)?;
    Ok(Box::new(UnbalancedQuote))
}

const UNCLOSED: &str = "quotation never closed";
const WRONG_WAY_CLOSE: &str = "opening quotation mark where a closing one belongs";
const STRAY_CLOSE: &str = "closing quotation mark without an opening one";
const STRAY_INSIDE: &str = "closing quotation mark inside the quotation";

impl Detector for UnbalancedQuote {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let paragraphs = doc.paragraphs();
        for (i, &para) in paragraphs.iter().enumerate() {
            let text = doc.slice(para);
            if !text.as_bytes().iter().any(|&b| b == b'"' || b == 0xE2) || has_low_quotes(text) {
                continue;
            }
            let next = paragraphs.get(i + 1).map(|&p| doc.slice(p));
            let last_in_chunk = next.is_none() && !doc.ends_file();
            check_paragraph(text, next, last_in_chunk, &mut |f: Finding| {
                out.push(shift(f, para.start));
            });
        }
    }
}

fn check_paragraph(text: &str, next: Option<&str>, last_in_chunk: bool, out: &mut dyn FnMut(Finding)) {
    let mut marks = double_quotes(text).peekable();
    let mut open: Option<Mark> = None;
    // Whether a guillemet is open before the mark: a `«` still open is
    // closed by a `”` or `"` with no quotation of its own open (`«The
    // satellite is healthy,” he wrote`), which is `quote-style`'s. The
    // guillemets are counted once, up to each mark in turn.
    let (mut counted_to, mut guillemet_open) = (0, false);
    while let Some(m) = marks.next() {
        guillemet_open ^= odd_guillemets(&text[counted_to..m.at]);
        counted_to = m.at;
        if open.is_none() && m.role != Role::Open && guillemet_open {
            guillemet_open = false;
            continue;
        }
        match (m.role, open) {
            (Role::Open, Some(first)) => {
                if marks.peek().is_none_or(|n| n.role == Role::Open) {
                    out(wrong_way_close(text, m));
                    open = None;
                } else {
                    out(unclosed(text, first, m.at));
                    open = Some(m);
                }
            }
            (Role::Close, None) => out(stray_close(text, m)),
            // Spaced like an opening mark, with another `”` to close the
            // quotation after it: this one is the stray, not the last.
            (Role::Close, Some(_))
                if text[..m.at].ends_with(char::is_whitespace)
                    && text[m.end()..].starts_with(char::is_alphabetic)
                    && marks.peek().is_some_and(|n| n.role == Role::Close) =>
            {
                out(stray_inside(text, m));
            }
            (Role::Open | Role::Straight, None) => open = Some(m),
            // A straight mark that opens a quotation of its own (`said:
            // "The buses`) after a curly one never closed.
            (Role::Straight, Some(first)) if first.role == Role::Open && straight_opens(text, m) => {
                out(unclosed(text, first, m.at));
                open = Some(m);
            }
            (Role::Close | Role::Straight, Some(_)) => open = None,
        }
    }
    let Some(first) = open else { return };
    if first.end() == text.len() || last_in_chunk {
        return; // a dangling mark is `quote-spacing`'s; the chunk may go on
    }
    // A quotation that runs on into the next paragraph has no attribution
    // after its last opening mark: `, she said.` ends it here.
    let continues = next.is_some_and(|n| n.starts_with(['“', '"', '‘'])) && !attributed(&text[first.end()..]);
    if !continues {
        out(unclosed(text, first, text.len()));
    }
}

/// Whether `s` holds an odd number of guillemets, whichever way they point
/// (`«oui»`, Danish and German `»ja«`): one is left open.
fn odd_guillemets(s: &str) -> bool {
    s.matches(['«', '»']).count() % 2 == 1
}

/// Whether the straight mark `m` opens a quotation: after a space or an
/// opening bracket, before a capital letter.
fn straight_opens(text: &str, m: Mark) -> bool {
    opens_after(text[..m.at].chars().next_back()) && text[m.end()..].starts_with(char::is_uppercase)
}

/// Whether `quoted`, the text after an opening mark, holds a speech tag set
/// off by a comma and closed by punctuation (`..., she said.`, `..., Wang
/// said, adding`) or naming the speaker (`..., said Ms. Wanida`, `..., said
/// a 24-year-old wrestler`): the quotation has ended. (`..., they said no.`
/// is quoted speech.)
fn attributed(quoted: &str) -> bool {
    const VERBS: [&str; 4] = ["said", "says", "added", "adds"];
    quoted.match_indices(", ").any(|(i, _)| {
        let mut words = quoted[i + 2..].split(' ');
        let first = words.next().unwrap_or_default();
        let second = words.next().unwrap_or_default();
        let tag = second.strip_suffix([',', '.']).filter(|verb| VERBS.contains(verb));
        VERBS.contains(&first)
            && (second.starts_with(char::is_uppercase) || matches!(second, "a" | "an" | "the"))
            || tag.is_some()
                && (matches!(first, "he" | "she" | "they" | "we") || first.starts_with(char::is_uppercase))
            || role_tag(&quoted[i + 2..], &VERBS)
    })
}

/// Whether `s` opens with a speech tag naming the speaker by role and name
/// (`head coach Antti Pennanen said after the match.`): a few lowercase
/// role words, the capitalised name, the verb. (`and then Maria said no.`
/// is quoted speech.)
fn role_tag(s: &str, verbs: &[&str]) -> bool {
    const LINKS: [&str; 10] = ["and", "but", "then", "so", "or", "because", "when", "while", "as", "if"];
    let mut buf = [""; 8];
    let mut n = 0;
    for (slot, w) in buf.iter_mut().zip(s.split(' ')) {
        *slot = w;
        n += 1;
    }
    let words = &buf[..n];
    let Some(verb) = words.iter().position(|w| verbs.contains(&w.trim_end_matches([',', '.']))) else {
        return false;
    };
    let first = words[0];
    verb >= 2
        && words[verb - 1].starts_with(char::is_uppercase)
        && first.starts_with(char::is_lowercase)
        && !LINKS.contains(&first)
        && words[..verb].iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
}

fn unclosed(text: &str, open: Mark, end: usize) -> Finding {
    let end = open.at + text[open.at..end].trim_end().len();
    Finding::new(Span::new(open.at, end)).arg("problem", UNCLOSED)
}

/// `possible “if` is flagged whole; when the mark sits between a space and
/// a word the fix moves the space: `possible” if`.
fn wrong_way_close(text: &str, m: Mark) -> Finding {
    let before = &text[..m.at];
    let after = &text[m.end()..];
    let word_after = after.starts_with(char::is_alphabetic);
    if before.ends_with(' ') && word_after {
        let start = word_start(before.trim_end_matches(' '));
        let end = m.end() + after.find(|c: char| !c.is_alphanumeric()).unwrap_or(after.len());
        let space = Span::new(m.at - 1, m.end());
        return Finding::new(Span::new(start, end))
            .arg("problem", WRONG_WAY_CLOSE)
            .fix(Edit::new(space, "” "));
    }
    Finding::new(Span::new(m.at, m.end())).arg("problem", WRONG_WAY_CLOSE)
}

/// The word before a stray `”`, with the mark: `ahead.”`.
fn stray_close(text: &str, m: Mark) -> Finding {
    let before = &text[..m.at];
    let start = if opens_after(before.chars().next_back()) { m.at } else { word_start(before) };
    Finding::new(Span::new(start, m.end())).arg("problem", STRAY_CLOSE)
}

/// A `”` inside a quotation, with the word glued to it: `”says`.
fn stray_inside(text: &str, m: Mark) -> Finding {
    let after = &text[m.end()..];
    let end = m.end() + after.find(|c: char| !c.is_alphanumeric()).unwrap_or(after.len());
    Finding::new(Span::new(m.at, end)).arg("problem", STRAY_INSIDE)
}

/// Start of the last whitespace-delimited token of `s`.
fn word_start(s: &str) -> usize {
    s.rfind(char::is_whitespace).map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8))
}

fn shift(mut f: Finding, by: usize) -> Finding {
    f.span = f.span.shift(by);
    if let Some(edit) = &mut f.fix {
        edit.span = edit.span.shift(by);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(text: &str, next: Option<&str>) -> Vec<(String, &'static str)> {
        let mut found = Vec::new();
        check_paragraph(text, next, false, &mut |f| {
            let problem = match f.args[0].1.as_str() {
                UNCLOSED => UNCLOSED,
                WRONG_WAY_CLOSE => WRONG_WAY_CLOSE,
                STRAY_INSIDE => STRAY_INSIDE,
                _ => STRAY_CLOSE,
            };
            found.push((text[f.span.range()].to_string(), problem));
        });
        found
    }

    #[test]
    fn balanced_paragraphs_are_silent() {
        assert!(flags("“Yes,” he said. “No.” And \"maybe\".", None).is_empty());
        assert!(flags("He was \"about 5'10\", heavy-set,\" she said.", None).is_empty());
    }

    #[test]
    fn guillemets_pair_apart_from_curly_quotes() {
        // An unclosed curly quote beside a pair of guillemets.
        assert_eq!(
            flags("X wrote «a reliable partner». Germany “will not forget it.", Some("Next.")).len(),
            1
        );
        // A guillemet closed by a curly or straight quote is quote-style's.
        assert!(flags("«The satellite is healthy,” he wrote. “Good,” she said.", None).is_empty());
        assert!(flags("«The plan is vital,\" he added.", Some("Next.")).is_empty());
        assert!(flags("It was »very good« and \"We will go on,\" he said.", None).is_empty());
    }

    #[test]
    fn unclosed_quote_at_paragraph_end() {
        assert_eq!(
            flags("He said: “There is nothing.", Some("Next.")),
            [("“There is nothing.".into(), UNCLOSED)]
        );
        assert!(flags("He said: “There is nothing.", Some("“More,” he said.")).is_empty());
        assert!(flags("It is improbable. “", Some("Next.")).is_empty());
    }

    #[test]
    fn second_opener_without_closer_is_a_wrong_way_close() {
        assert_eq!(
            flags("a “diplomatic solution is still possible “if she wishes.", None),
            [("possible “if".into(), WRONG_WAY_CLOSE)]
        );
    }

    #[test]
    fn first_opener_unclosed_when_a_closer_follows() {
        assert_eq!(
            flags("“We will win. “They will lose,” he said.", None),
            [("“We will win.".into(), UNCLOSED)]
        );
    }

    #[test]
    fn a_speech_tag_ends_a_quotation_the_next_paragraph_does_not_continue() {
        let text = "“My son has a cough since Monday, said Ms. Wanida, 38, a vendor.";
        assert_eq!(flags(text, Some("\"The dust is our problem,” said a rider.")), [(text.into(), UNCLOSED)]);
        let text = "“I will win it once, said a 24-year-old wrestler.";
        assert_eq!(flags(text, Some("“More,” he said.")), [(text.into(), UNCLOSED)]);
        let text = "“It will change my life, she said.";
        assert_eq!(flags(text, Some("“More,” he said.")), [(text.into(), UNCLOSED)]);
        let text = "“Two mistakes and the game was over, head coach Antti Pennanen said after the match.";
        assert_eq!(flags(text, Some("“The players know it.”")), [(text.into(), UNCLOSED)]);
        // Continued: no speech tag after the last opening mark, or speech
        // reported inside the quotation.
        assert!(flags("“We will fight,” he said. “And we will win.", Some("“Always.”")).is_empty());
        assert!(flags("“The texts did not answer, and they said no.", Some("“The irony.”")).is_empty());
        assert!(flags("“We went to the market, and then Maria said no.", Some("“Later.”")).is_empty());
    }

    #[test]
    fn a_straight_mark_opening_a_quotation_of_its_own_leaves_a_curly_one_unclosed() {
        assert_eq!(
            flags("“If it comes, it will help, she said. He said: \"The buses are full.\"", None),
            [("“If it comes, it will help, she said. He said:".into(), UNCLOSED)]
        );
        assert!(flags("He was “about 5'10\" tall,” she said.", None).is_empty());
    }

    #[test]
    fn stray_closer() {
        assert_eq!(flags("difficult months ahead.”", None), [("ahead.”".into(), STRAY_CLOSE)]);
    }

    #[test]
    fn a_closer_spaced_as_an_opener_inside_a_quotation_is_the_stray() {
        let text = "“Russia ”says one thing and does another at night,” Zelensky said.";
        assert_eq!(flags(text, None), [("”says".into(), STRAY_INSIDE)]);
        // Without a closer after it, it closes the quotation: `quote-spacing`
        // reports its space.
        assert!(flags("“We will see ”, he said.", None).is_empty());
    }
}
