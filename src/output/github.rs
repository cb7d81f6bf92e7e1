//! `--format github`: GitHub Actions workflow commands, one per diagnostic,
//! which the runner turns into annotations on the pull request:
//!
//! ```text
//! ::warning file=a.txt,line=3,col=5,endLine=3,endColumn=7,title=newslint quote-spacing::message
//! ```
//!
//! Escaping follows the actions toolkit (`@actions/core`, `command.ts`):
//! in the message `%`, `\r` and `\n` become `%25`, `%0D`, `%0A`; in property
//! values `:` and `,` are escaped too (`%3A`, `%2C`), since they delimit
//! properties. Without it a message with a newline would end the command and
//! the rest would print as log text. Info maps to `notice`.

use std::io::{self, Write};

use super::position::LineIndex;
use super::{Printer, Source, Summary};
use crate::diagnostic::{Diagnostic, Severity};

pub struct Github<'w> {
    out: Box<dyn Write + 'w>,
}

impl<'w> Github<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Github<'w> {
        Github { out }
    }
}

/// Escapes a command's data (the message).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Printer for Github<'_> {
    fn source(&mut self, source: &Source<'_>, diagnostics: &[Diagnostic]) -> io::Result<()> {
        if diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(source.text);
        let file = escape_property(&crate::input::read::display(source.path));
        for d in diagnostics {
            let (start, end) = index.span(d.span);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let title = escape_property(&format!("newslint {}", d.rule));
            let message = match source.record {
                Some((Some(id), _)) => format!("record {id}: {}", d.message),
                Some((None, line)) => format!("record on line {line}: {}", d.message),
                None => d.message.clone(),
            };
            let location = match source.record {
                // Positions inside a record's decoded text do not map onto the shard.
                Some((_, line)) => format!("line={line}"),
                None => format!(
                    "line={},col={},endLine={},endColumn={}",
                    start.line + source.line_offset,
                    start.column,
                    end.line + source.line_offset,
                    end.column
                ),
            };
            writeln!(self.out, "::{level} file={file},{location},title={title}::{}", escape_data(&message))?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
