//! `path:line:col: severity[rule]: message`, one per line: the quickfix
//! format vim (`:cfile`, `errorformat=%f:%l:%c: %m`) and emacs
//! (compilation-mode) read.

use std::io::{self, Write};

use super::position::LineIndex;
use super::{Options, Printer, Source, Summary};
use crate::diagnostic::{Diagnostic, Safety};

pub struct Concise<'w> {
    out: Box<dyn Write + 'w>,
    options: Options,
}

impl<'w> Concise<'w> {
    pub fn new(out: Box<dyn Write + 'w>, options: &Options) -> Concise<'w> {
        Concise { out, options: options.clone() }
    }
}

impl Printer for Concise<'_> {
    fn source(&mut self, source: &Source<'_>, diagnostics: &[Diagnostic]) -> io::Result<()> {
        if self.options.statistics || diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(source.text);
        for d in diagnostics {
            let p = source.file_position(index.position(d.span.start));
            let fixable = if d.fix.as_ref().is_some_and(|f| f.safety == Safety::Safe) { " [*]" } else { "" };
            writeln!(
                self.out,
                "{}:{}:{}: {}[{}]:{fixable} {}",
                source.name, p.line, p.column, d.severity, d.rule, d.message
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if self.options.statistics {
            super::write_statistics(&mut *self.out, summary)?;
        }
        if !self.options.quiet {
            if let Some(line) = super::fixed_line(summary) {
                writeln!(self.out, "{line}")?;
            }
            writeln!(self.out, "{}", super::summary_line(summary))?;
            if let Some(line) = super::fixable_line(summary) {
                writeln!(self.out, "{line}")?;
            }
        }
        self.out.flush()
    }
}
