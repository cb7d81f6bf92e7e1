//! `--format junit`: JUnit XML, which CI servers (GitLab, Jenkins, Azure,
//! CircleCI) show as a test report. Each linted file is a test case, failed
//! when it has diagnostics; each diagnostic is one `<failure>` inside it with
//! the rule as `type` and `path:line:col: message` as text. The document
//! needs its counts up front, so cases are buffered until the end.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::position::LineIndex;
use super::{Printer, Source, Summary};
use crate::diagnostic::Diagnostic;

pub struct Junit<'w> {
    out: Box<dyn Write + 'w>,
    cases: String,
    tests: usize,
    failures: usize,
}

impl<'w> Junit<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Junit<'w> {
        Junit { out, cases: String::new(), tests: 0, failures: 0 }
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
        self.tests += 1;
        let name = escape(source.name);
        if diagnostics.is_empty() {
            let _ = writeln!(self.cases, "    <testcase name=\"{name}\" classname=\"newslint\"/>");
            return Ok(());
        }
        self.failures += 1;
        let index = LineIndex::new(source.text);
        let _ = writeln!(self.cases, "    <testcase name=\"{name}\" classname=\"newslint\">");
        for d in diagnostics {
            let p = index.position(d.span.start);
            let text = format!("{}:{}:{}: {}", source.name, p.line + source.line_offset, p.column, d.message);
            let _ = writeln!(
                self.cases,
                "      <failure type=\"{}\" message=\"{}: {}\">{}</failure>",
                escape(&d.rule),
                escape(d.severity.as_str()),
                escape(&d.message),
                escape(&text)
            );
        }
        self.cases.push_str("    </testcase>\n");
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let secs = summary.elapsed.as_secs_f64();
        let (tests, failures) = (self.tests, self.failures);
        writeln!(self.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            self.out,
            "<testsuites name=\"newslint\" tests=\"{tests}\" failures=\"{failures}\" time=\"{secs:.3}\">"
        )?;
        writeln!(
            self.out,
            "  <testsuite name=\"newslint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" time=\"{secs:.3}\">"
        )?;
        self.out.write_all(self.cases.as_bytes())?;
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
