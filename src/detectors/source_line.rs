//! `source-line`: a `Source:` line that names where the page took its copy
//! from (`Source: spiegel`, `Sources: EFE, AFP`), unless a figure ends the
//! line above it: then it credits a table or a list of results printed
//! right there (`Against: 55.8%` then `Source: Chile's Electoral Service`),
//! which is part of the article.
//!
//! A detector rather than a pattern: the line above is another unit for a
//! line pattern, and a document pattern runs over every document holding
//! the word `Source`. Here each line costs a look at its first byte.

use serde::Deserialize;

use super::navigation::ends_with_figure;
use super::{BuildContext, Detector, Info};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::Finding;

pub const INFO: Info = Info { name: "source-line", args: &[], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// What a source line starts with, case and all (`Source:`).
    labels: Vec<String>,
}

struct SourceLine {
    params: Params,
    /// The first bytes of the labels: most lines start with none of them.
    firsts: [bool; 256],
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(table)?;
    let mut firsts = [false; 256];
    for label in &params.labels {
        let Some(&first) = label.as_bytes().first() else { return Err("an empty label".into()) };
        firsts[usize::from(first)] = true;
    }
    Ok(Box::new(SourceLine { params, firsts }))
}

impl Detector for SourceLine {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let mut above: Option<&str> = None;
        for &line in doc.lines() {
            let text = doc.slice(line);
            let trimmed = text.trim();
            if trimmed.is_empty() {
                continue;
            }
            // After the page's time stamp (`2026-03-18 09:41:05 Source: ...`).
            let label = skip_stamp(trimmed);
            let candidate = self.firsts[usize::from(label.as_bytes()[0])]
                && self.params.labels.iter().any(|l| label.starts_with(l.as_str()));
            if candidate && !above.is_some_and(ends_with_figure) {
                let start =
                    line.start + (text.len() - text.trim_start().len()) + (trimmed.len() - label.len());
                out.push(Finding::new(Span::new(start, start + label.len())));
            }
            above = Some(trimmed);
        }
    }
}

/// `line` past a leading ISO date and time (`2026-03-18 09:41:05 `), if
/// text follows them.
fn skip_stamp(line: &str) -> &str {
    let digits = |s: &str, n: usize| s.len() >= n && s.as_bytes()[..n].iter().all(u8::is_ascii_digit);
    let b = line.as_bytes();
    let date = b.len() > 11
        && digits(line, 4)
        && b[4] == b'-'
        && digits(&line[5..], 2)
        && b[7] == b'-'
        && digits(&line[8..], 2);
    if !date {
        return line;
    }
    let mut rest = &line[10..];
    let t = rest.trim_start();
    if digits(t, 2) && t.as_bytes().get(2) == Some(&b':') && digits(&t[3..], 2) {
        rest = &t[5..];
        if rest.starts_with(':') && digits(&rest[1..], 2) {
            rest = &rest[3..];
        }
    }
    match rest.strip_prefix(' ').map(str::trim_start) {
        Some(label) if !label.is_empty() => label,
        _ => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        let table: toml::Table = toml::from_str(r#"labels = ["Source:", "Sources:"]"#).expect("parses");
        let detector = build(&table, &BuildContext::default()).expect("builds");
        let doc = Document::new(text);
        let mut out = Vec::new();
        detector.check(&doc, &mut out);
        out.iter().map(|f| doc.slice(f.span).to_string()).collect()
    }

    #[test]
    fn source_lines_are_flagged_unless_a_figure_ends_the_line_above() {
        let text = "Head\n\nThe bank raised rates.\n\n  Source: spiegel  \n\nAgainst: 55.8%\n\nSource: Servel\n\
                    1. Daniel Kiprop (Kenya) 1:04:32\r\n\r\nSources: organizers\nSources said so.";
        assert_eq!(flagged(text), ["Source: spiegel"]);
    }

    #[test]
    fn a_time_stamp_before_the_label_is_skipped() {
        let text = "Head\n\n2026-03-18 09:41:05 Source: Zhongxin Port Network\n\n2026-03-18 Sources: AFP\n\n2026-03-18";
        assert_eq!(flagged(text), ["Source: Zhongxin Port Network", "Sources: AFP"]);
    }
}
