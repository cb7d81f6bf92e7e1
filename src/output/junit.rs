//! `--format junit`: JUnit XML, which CI servers (GitLab, Jenkins, Azure,
//! CircleCI) show as a test report. Each linted file is a test case, failed
//! when it has diagnostics; each diagnostic is one `<failure>` inside it with
//! the rule as `type` and `path:line:col: message` as text. The document
//! needs its counts up front, so cases are buffered until the end. A file
//! reported in several pieces (chunks of a huge file, corpus-level findings
//! printed after the per-document ones) is still one test case.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::position::LineIndex;
use super::{Printer, Source, Summary};
use crate::diagnostic::Diagnostic;

pub struct Junit<'w> {
    out: Box<dyn Write + 'w>,
    /// Per test case, in first-seen order: its name and its `<failure>` elements.
    cases: Vec<(String, String)>,
    index: HashMap<String, usize>,
}

impl<'w> Junit<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Junit<'w> {
        Junit { out, cases: Vec::new(), index: HashMap::new() }
    }
}

/// Escapes text for XML content and attribute values, and replaces the
/// characters XML 1.0 cannot hold at all (most C0 controls) with U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

impl Printer for Junit<'_> {
    fn source(&mut self, source: &Source<'_>, diagnostics: &[Diagnostic]) -> io::Result<()> {
        let i = *self.index.entry(source.name.to_string()).or_insert_with(|| {
            self.cases.push((escape(source.name), String::new()));
            self.cases.len() - 1
        });
        let failures = &mut self.cases[i].1;
        let index = LineIndex::new(source.text);
        for d in diagnostics {
            let p = index.position(d.span.start);
            let text = format!("{}:{}:{}: {}", source.name, p.line + source.line_offset, p.column, d.message);
            let _ = writeln!(
                failures,
                "      <failure type=\"{}\" message=\"{}: {}\">{}</failure>",
                escape(&d.rule),
                escape(d.severity.as_str()),
                escape(&d.message),
                escape(&text)
            );
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let secs = summary.elapsed.as_secs_f64();
        let tests = self.cases.len();
        let failures = self.cases.iter().filter(|(_, f)| !f.is_empty()).count();
        writeln!(self.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            self.out,
            "<testsuites name=\"newslint\" tests=\"{tests}\" failures=\"{failures}\" time=\"{secs:.3}\">"
        )?;
        writeln!(
            self.out,
            "  <testsuite name=\"newslint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" time=\"{secs:.3}\">"
        )?;
        for (name, failures) in &self.cases {
            if failures.is_empty() {
                writeln!(self.out, "    <testcase name=\"{name}\" classname=\"newslint\"/>")?;
            } else {
                writeln!(self.out, "    <testcase name=\"{name}\" classname=\"newslint\">")?;
                self.out.write_all(failures.as_bytes())?;
                writeln!(self.out, "    </testcase>")?;
            }
        }
        writeln!(self.out, "  </testsuite>\n</testsuites>")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(super::escape("a<b & \"c\"\u{1a}\n"), "a&lt;b &amp; &quot;c&quot;\u{fffd}&#10;");
    }
}
