//! Inline suppression comments.
//!
//! A corpus file may say, in HTML comments (invisible in rendered Markdown,
//! and easy to strip from text):
//!
//! ```text
//! <!-- newslint-disable-next-line quote-spacing -->   the next line only
//! <!-- newslint-disable site-chrome, mojibake -->     from here ...
//! <!-- newslint-enable site-chrome -->                ... to here (or the end)
//! <!-- newslint-disable -->                           every rule, until
//! <!-- newslint-enable -->                            a bare enable
//! ```
//!
//! Ids are separated by commas or spaces; none means every rule. A disable
//! with several ids is one directive per id, so `enable` can end them one at
//! a time. Findings inside the comments themselves are always dropped (a
//! `--` in a comment is not a dash defect). With `report_unused`, a directive
//! that suppressed nothing becomes an `unused-suppression` diagnostic, as
//! ruff's RUF100 and ESLint's `--report-unused-disable-directives` do: stale
//! suppressions otherwise hide the next real defect.

use memchr::memmem;

use crate::diagnostic::{Diagnostic, Span};
use crate::input::system;

const DISABLE_NEXT_LINE: &str = "newslint-disable-next-line";
const DISABLE: &str = "newslint-disable";
const ENABLE: &str = "newslint-enable";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    DisableNextLine,
    Disable,
    Enable,
}

/// One comment, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Comment<'t> {
    span: Span,
    kind: Kind,
    /// Rule ids; empty means every rule.
    rules: Vec<&'t str>,
}

/// One rule (or every rule) suppressed over one region of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The comment that made it.
    pub comment: Span,
    /// `None`: every rule.
    pub rule: Option<String>,
    /// Diagnostics starting in this byte range are suppressed.
    pub region: Span,
    /// Whether the comment was `disable-next-line`.
    pub next_line: bool,
}

/// The comments of `text`, cheap when there are none.
fn comments(text: &str) -> Vec<Comment<'_>> {
    let mut out = Vec::new();
    if memmem::find(text.as_bytes(), b"newslint-").is_none() {
        return out;
    }
    let mut at = 0;
    while let Some(i) = memmem::find(&text.as_bytes()[at..], b"<!--") {
        let open = at + i;
        let Some(j) = memmem::find(&text.as_bytes()[open + 4..], b"-->") else { break };
        let close = open + 4 + j + 3;
        at = close;
        let inner = text[open + 4..close - 3].trim();
        let (kind, rest) = if let Some(r) = inner.strip_prefix(DISABLE_NEXT_LINE) {
            (Kind::DisableNextLine, r)
        } else if let Some(r) = inner.strip_prefix(DISABLE) {
            (Kind::Disable, r)
        } else if let Some(r) = inner.strip_prefix(ENABLE) {
            (Kind::Enable, r)
        } else {
            continue;
        };
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue; // `newslint-disabled`, `newslint-enable-foo`: not ours
        }
        let rules = rest.split([',', ' ', '\t', '\n', '\r']).filter(|s| !s.is_empty()).collect();
        out.push(Comment { span: Span::new(open, close), kind, rules });
    }
    out
}

/// The suppression directives of `text`.
pub fn directives(text: &str) -> Vec<Directive> {
    let comments = comments(text);
    let mut out = Vec::new();
    for (i, c) in comments.iter().enumerate() {
        let ids: Vec<Option<&str>> =
            if c.rules.is_empty() { vec![None] } else { c.rules.iter().map(|r| Some(*r)).collect() };
        match c.kind {
            Kind::Enable => {}
            Kind::DisableNextLine => {
                let region = next_line(text, c.span.end);
                for id in ids {
                    out.push(Directive {
                        comment: c.span,
                        rule: id.map(str::to_string),
                        region,
                        next_line: true,
                    });
                }
            }
            Kind::Disable => {
                for id in ids {
                    let end = comments[i + 1..]
                        .iter()
                        .find(|e| {
                            e.kind == Kind::Enable
                                && (e.rules.is_empty() || id.is_some_and(|id| e.rules.contains(&id)))
                        })
                        .map_or(text.len(), |e| e.span.start);
                    out.push(Directive {
                        comment: c.span,
                        rule: id.map(str::to_string),
                        region: Span::new(c.span.end, end),
                        next_line: false,
                    });
                }
            }
        }
    }
    out
}

/// The line after the one holding `offset`, without its terminator.
fn next_line(text: &str, offset: usize) -> Span {
    let bytes = text.as_bytes();
    let Some(nl) = memchr::memchr2(b'\n', b'\r', &bytes[offset..]) else {
        return Span::new(text.len(), text.len());
    };
    let mut start = offset + nl;
    start += if bytes[start] == b'\r' && bytes.get(start + 1) == Some(&b'\n') { 2 } else { 1 };
    let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(text.len(), |i| start + i);
    Span::new(start, end)
}

/// Drops suppressed diagnostics (and findings inside the comments). With
/// `report_unused`, adds an `unused-suppression` diagnostic for each
/// directive that suppressed nothing. Returns how many were suppressed.
pub fn apply(text: &str, diagnostics: &mut Vec<Diagnostic>, report_unused: bool) -> usize {
    let directives = directives(text);
    let comment_spans: Vec<Span> = {
        let mut v: Vec<Span> = directives.iter().map(|d| d.comment).collect();
        v.dedup();
        v
    };
    if comment_spans.is_empty() {
        return 0;
    }
    let mut used = vec![false; directives.len()];
    let before = diagnostics.len();
    diagnostics.retain(|d| {
        // A finding that starts inside a comment is about the comment; one that
        // merely spans it (a paragraph-wide finding) is not.
        if comment_spans.iter().any(|c| c.start <= d.span.start && d.span.start < c.end) {
            return false;
        }
        let mut suppressed = false;
        for (k, dir) in directives.iter().enumerate() {
            let in_region = dir.region.start <= d.span.start
                && (d.span.start < dir.region.end || (d.span.start == dir.region.end && dir.next_line));
            if in_region && dir.rule.as_deref().is_none_or(|r| r == &*d.rule || r == &*d.category) {
                used[k] = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    let suppressed = before - diagnostics.len();
    if report_unused {
        for (dir, used) in directives.iter().zip(used) {
            if !used {
                let what = match &dir.rule {
                    Some(r) => format!("suppression of `{r}` suppresses nothing"),
                    None => "suppression comment suppresses nothing".to_string(),
                };
                diagnostics.push(system::unused_suppression(dir.comment, what));
            }
        }
        crate::lint::finish(diagnostics);
    }
    suppressed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(text: &str, rule: &str, needle: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic::bare(rule, Span::new(start, start + needle.len()))
    }

    fn remaining(text: &str, ds: Vec<Diagnostic>, unused: bool) -> Vec<String> {
        let mut ds = ds;
        apply(text, &mut ds, unused);
        ds.iter().map(|d| format!("{}@{}", d.rule, &text[d.span.range()])).collect()
    }

    #[test]
    fn next_line_suppresses_only_the_next_line_and_only_its_rules() {
        let text = "<!-- newslint-disable-next-line a -->\nAAA BBB\nAAA\n";
        let ds = vec![diag(text, "a", "AAA"), diag(text, "b", "BBB"), diag(text, "a", "AAA\n")];
        assert_eq!(remaining(text, ds, false), ["b@BBB", "a@AAA\n"]);
    }

    #[test]
    fn disable_enable_ranges_with_and_without_ids() {
        let text = "X1 <!-- newslint-disable a, b -->X2 <!-- newslint-enable a -->X3 \
                    <!-- newslint-enable -->X4 <!-- newslint-disable -->X5";
        let ds: Vec<_> = ["X1", "X2", "X3", "X4", "X5"]
            .iter()
            .flat_map(|x| [diag(text, "a", x), diag(text, "b", x)])
            .collect();
        assert_eq!(remaining(text, ds, false), ["a@X1", "b@X1", "a@X3", "a@X4", "b@X4"]);
    }

    #[test]
    fn unused_suppressions_are_reported_and_comments_are_never_flagged() {
        let text = "<!-- newslint-disable-next-line a, b -->\nAAA -- x\n";
        let ds = vec![diag(text, "a", "AAA"), diag(text, "dash", " -- ")];
        assert_eq!(remaining(text, ds.clone(), false), ["dash@ -- "]);
        let out = remaining(text, ds, true);
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out[0].starts_with("unused-suppression@<!--"), "{out:?}");
    }

    #[test]
    fn findings_spanning_a_comment_are_kept() {
        let text = "Para one <!-- newslint-disable-next-line x --> end.\nNext\n";
        let d = diag(text, "y", "Para one <!-- newslint-disable-next-line x --> end.");
        assert_eq!(remaining(text, vec![d], false).len(), 1);
    }

    #[test]
    fn lookalike_comments_are_ignored() {
        assert!(directives("<!-- newslint-disabled x --> <!-- note -->").is_empty());
        assert!(directives("no comments here").is_empty());
    }
}
