//! `quote-style`: quotation marks in a style English does not use, or two
//! styles mixed in one document.
//!
//! Translation from German or French carries the source's quotation marks
//! over (`„So“`, `«ainsi»`), and OCR or old scrapers write two apostrophes
//! for a double quote (`''so''`). A document whose quotations are curly
//! except for a few straight ones (or the reverse) was assembled from
//! several sources or half-converted. Foreign marks are reported wherever
//! they open a quotation (a lone `»` is a breadcrumb separator, not a
//! quote); mixed styles are reported on the quotations of the minority
//! style, or of both styles when neither has twice the other's marks.
//! Inch marks (`5'10"`) are not quotes.

use super::quotes::{Role, double_quotes};
use super::{BuildContext, Detector, Info};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::{Edit, Finding};

pub const INFO: Info = Info { name: "quote-style", args: &["problem"], build };

struct QuoteStyle;

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    super::no_params(table)?;
    Ok(Box::new(QuoteStyle))
}

const FOREIGN: &str = "quotation marks of another language";
const APOSTROPHES: &str = "two apostrophes used as a quotation mark";
const MIXED_STRAIGHT: &str = "straight quotation marks in a text quoted with curly ones";
const MIXED_CURLY: &str = "curly quotation marks in a text quoted with straight ones";

/// Opening glyph, the closers that pair with it, and the English pair.
const FOREIGN_PAIRS: &[(&str, &[&str])] = &[
    ("„", &["“", "”", "\""]),
    ("«", &["»"]),
    ("‹", &["›"]),
    ("「", &["」"]),
    ("『", &["』"]),
    // Chinese title marks: a title, which English italicizes or quotes, so
    // no fix is offered.
    ("《", &["》"]),
    // Hebrew gershayim (U+05F4), which Hebrew sites quote with.
    ("״", &["״"]),
    ("''", &["''"]),
];

impl Detector for QuoteStyle {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let body = doc.slice(doc.body());
        let (mut curly, mut straight) = (0usize, 0usize);
        for m in double_quotes(body) {
            match m.role {
                Role::Straight => straight += 1,
                _ => curly += 1,
            }
        }
        // With one style under half the other's count, that style is the
        // slip; with the two near even, there is no house style to keep,
        // and both are reported.
        let minority: &[Role] = match (curly, straight) {
            (0, _) | (_, 0) => &[],
            (c, s) if 2 * s < c => &[Role::Straight],
            (c, s) if 2 * c < s => &[Role::Open],
            _ => &[Role::Straight, Role::Open],
        };
        // One memchr-backed search per mark: a `[char]` pattern would
        // decode and test every character of the body.
        let foreign =
            ['„', '«', '‹', '「', '『', '《', '״'].iter().any(|&c| body.contains(c)) || body.contains("''");
        if minority.is_empty() && !foreign {
            return;
        }
        for &para in doc.paragraphs() {
            let text = doc.slice(para);
            let mut push = |f: Finding| out.push(shift(f, para.start));
            if foreign {
                foreign_quotes(text, &mut push);
            }
            for &style in minority {
                minority_quotes(text, style, &mut push);
            }
        }
    }
}

fn foreign_quotes(text: &str, push: &mut dyn FnMut(Finding)) {
    for &(open, closers) in FOREIGN_PAIRS {
        let mut from = 0;
        // After an opening mark without a pair, a later pair is not fixed:
        // its fix writes a `“`, which would close that earlier mark on the
        // next pass, and so on, one pass per mark.
        let mut unpaired = false;
        while let Some(i) = text[from..].find(open).map(|i| from + i) {
            let inner = i + open.len();
            from = inner;
            if open == "''"
                && !(super::quotes::opens_after(text[..i].chars().next_back())
                    && text[inner..].starts_with(char::is_alphanumeric))
            {
                continue;
            }
            let close =
                closers.iter().filter_map(|c| text[inner..].find(c).map(|j| (inner + j, c.len()))).min();
            let problem = if open == "''" { APOSTROPHES } else { FOREIGN };
            // Another opening mark before the closing one: this one is not
            // the pair's (pairing it would take one pass per nested mark).
            // (Two apostrophes both open and close: no such check.)
            let reopened = text[inner..].find(open).map(|k| inner + k).filter(|_| !closers.contains(&open));
            let close = close.filter(|&(j, _)| reopened.is_none_or(|k| j < k));
            let Some((j, len)) = close else {
                push(Finding::new(Span::new(i, inner)).arg("problem", problem));
                unpaired = true;
                continue;
            };
            let quoted = text[inner..j].trim_matches(|c: char| c == ' ' || c == '\u{a0}' || c == '\u{202f}');
            let finding = Finding::new(Span::new(i, j + len)).arg("problem", problem);
            push(if unpaired || open == "《" {
                finding
            } else {
                finding.fix(Edit::new(Span::new(i, j + len), format!("“{quoted}”")))
            });
            from = j + len;
        }
    }
}

/// Quotations of `style` (`Straight`, or `Open` for curly) in one paragraph.
fn minority_quotes(text: &str, style: Role, push: &mut dyn FnMut(Finding)) {
    let problem = if style == Role::Straight { MIXED_STRAIGHT } else { MIXED_CURLY };
    let mut open: Option<usize> = None;
    for m in double_quotes(text) {
        let curly = m.role != Role::Straight;
        if curly != (style == Role::Open) {
            continue;
        }
        match (open, m.role) {
            (None, Role::Close) => push(Finding::new(Span::new(m.at, m.end())).arg("problem", problem)),
            (None, _) => open = Some(m.at),
            (Some(start), Role::Open) => {
                push(Finding::new(Span::new(start, start + 3)).arg("problem", problem));
                open = Some(m.at);
            }
            (Some(start), _) => {
                push(Finding::new(Span::new(start, m.end())).arg("problem", problem));
                open = None;
            }
        }
    }
    if let Some(start) = open {
        let len = text[start..].chars().next().map_or(1, char::len_utf8);
        push(Finding::new(Span::new(start, start + len)).arg("problem", problem));
    }
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

    fn foreign(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        foreign_quotes(text, &mut |f| v.push(text[f.span.range()].to_string()));
        v
    }

    #[test]
    fn only_the_last_of_repeated_openers_pairs_with_the_closer() {
        assert_eq!(foreign("„„„no“"), ["„", "„", "„no“"]);
    }

    #[test]
    fn foreign_pairs_are_flagged_whole() {
        assert_eq!(foreign("He said „no“ and «non» twice."), ["„no“", "«non»"]);
        assert_eq!(foreign("״We will not allow it,״ he said."), ["״We will not allow it,״"]);
        assert_eq!(foreign("called it ''a farce.'' Then"), ["''a farce.''"]);
    }

    #[test]
    fn breadcrumbs_and_apostrophes_are_not_quotes() {
        assert!(foreign("Home » World » Europe").is_empty());
        assert!(foreign("the players'' union").is_empty());
    }

    #[test]
    fn minority_pairs() {
        let text = "He said \"no\" and \"yes";
        let mut v = Vec::new();
        minority_quotes(text, Role::Straight, &mut |f| v.push(text[f.span.range()].to_string()));
        assert_eq!(v, ["\"no\"", "\""]);
    }
}
