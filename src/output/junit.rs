//! `--format junit`: JUnit XML, which CI servers (GitLab, Jenkins, Azure,
//! CircleCI) show as a test report. Each linted file is a test case, failed
//! when it has diagnostics; each diagnostic is one `<failure>` inside it with
//! the rule as `type` and `path:line:col: message` as text. A file reported
//! in several pieces (chunks of a huge file, corpus-level findings printed
//! after the per-document ones) is still one test case.
//!
//! The document opens with its counts, and a file's corpus findings come
//! after every other file, so nothing can be written before the end. The
//! `<failure>` elements go to a spool (an anonymous temporary file, or
//! memory if none can be made) as they come; memory holds per test case
//! only its name and where its pieces lie in the spool, and the document is
//! assembled from the spool at the end.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Arc;

use super::position::LineIndex;
use super::{Printer, Source, Summary};
use crate::diagnostic::Diagnostic;

/// Where failures wait for the end of the run.
trait Spool: Read + Write + Seek {}
impl<T: Read + Write + Seek> Spool for T {}

/// A test case: its file's name, and its `<failure>` elements as byte
/// ranges of the spool, in order.
struct Case {
    name: Arc<str>,
    pieces: Vec<(u64, u64)>,
}

pub struct Junit<'w> {
    out: Box<dyn Write + 'w>,
    /// Test cases in first-seen order.
    cases: Vec<Case>,
    index: HashMap<Arc<str>, usize>,
    spool: BufWriter<Box<dyn Spool>>,
    /// Bytes written to the spool.
    spooled: u64,
}

impl<'w> Junit<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Junit<'w> {
        let spool: Box<dyn Spool> = match tempfile::tempfile() {
            Ok(file) => Box::new(file),
            Err(_) => Box::new(io::Cursor::new(Vec::new())),
        };
        Junit { out, cases: Vec::new(), index: HashMap::new(), spool: BufWriter::new(spool), spooled: 0 }
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
        let i = match self.index.get(source.name) {
            Some(&i) => i,
            None => {
                let name: Arc<str> = source.name.into();
                self.index.insert(name.clone(), self.cases.len());
                self.cases.push(Case { name, pieces: Vec::new() });
                self.cases.len() - 1
            }
        };
        if diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(source.text);
        let mut failures = String::new();
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
        self.spool.write_all(failures.as_bytes())?;
        let (start, end) = (self.spooled, self.spooled + failures.len() as u64);
        self.spooled = end;
        let pieces = &mut self.cases[i].pieces;
        match pieces.last_mut() {
            // The next chunk of the same file: one piece.
            Some(last) if last.1 == start => last.1 = end,
            _ => pieces.push((start, end)),
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let secs = summary.elapsed.as_secs_f64();
        let tests = self.cases.len();
        let failures = self.cases.iter().filter(|c| !c.pieces.is_empty()).count();
        writeln!(self.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            self.out,
            "<testsuites name=\"newslint\" tests=\"{tests}\" failures=\"{failures}\" time=\"{secs:.3}\">"
        )?;
        writeln!(
            self.out,
            "  <testsuite name=\"newslint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" time=\"{secs:.3}\">"
        )?;
        self.spool.flush()?;
        let spool = self.spool.get_mut();
        let mut buffer = Vec::new();
        for case in &self.cases {
            let name = escape(&case.name);
            if case.pieces.is_empty() {
                writeln!(self.out, "    <testcase name=\"{name}\" classname=\"newslint\"/>")?;
                continue;
            }
            writeln!(self.out, "    <testcase name=\"{name}\" classname=\"newslint\">")?;
            for &(start, end) in &case.pieces {
                spool.seek(SeekFrom::Start(start))?;
                buffer.resize((end - start) as usize, 0);
                spool.read_exact(&mut buffer)?;
                self.out.write_all(&buffer)?;
            }
            writeln!(self.out, "    </testcase>")?;
        }
        writeln!(self.out, "  </testsuite>\n</testsuites>")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_reported_in_pieces_is_one_case_with_its_failures_in_order() {
        // Corpus findings of the first file come after the second file.
        let mut out = Vec::new();
        {
            let mut junit = Junit::new(Box::new(&mut out));
            let source = |name: &'static str| Source {
                name,
                path: std::path::Path::new(name),
                text: "one two three\n",
                byte_offset: 0,
                line_offset: 0,
                column_offset: 0,
                record: None,
            };
            let d = |rule: &str| vec![Diagnostic::bare(rule, crate::diagnostic::Span::new(4, 7))];
            junit.source(&source("a.txt"), &d("first")).unwrap();
            junit.source(&source("b.txt"), &[]).unwrap();
            junit.source(&source("c.txt"), &d("third")).unwrap();
            junit.source(&source("a.txt"), &d("second")).unwrap();
            junit.finish(&Summary::default()).unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("tests=\"3\" failures=\"2\""), "{text}");
        let order: Vec<usize> =
            ["a.txt\"", "type=\"first\"", "type=\"second\"", "b.txt", "c.txt", "type=\"third\""]
                .iter()
                .map(|s| text.find(s).unwrap_or_else(|| panic!("{s} missing:\n{text}")))
                .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert_eq!(text.matches("<testcase").count(), 3);
    }

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(super::escape("a<b & \"c\"\u{1a}\n"), "a&lt;b &amp; &quot;c&quot;\u{fffd}&#10;");
    }
}
