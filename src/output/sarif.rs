//! `--format sarif`: SARIF 2.1.0, the static-analysis interchange format that
//! GitHub code scanning (`github/codeql-action/upload-sarif`), Azure DevOps
//! and many viewers read.
//!
//! One run, whose `tool.driver.rules` describes every rule of the run (id,
//! name, short and full description, help, default level), and one result per
//! diagnostic with `ruleId`, `ruleIndex`, `level`, `message.text`, a physical
//! location (`artifactLocation.uri` relative to the working directory,
//! `region` with 1-based lines and columns, end column exclusive as SARIF
//! says), `partialFingerprints` (the stable baseline fingerprint, so code
//! scanning tracks a finding across commits) and, when there is one, the fix.
//! `columnKind` is `unicodeCodePoints`, which is how every newslint format
//! counts columns.
//!
//! A SARIF log is one JSON document, but it streams: its keys are written in
//! sorted order (as serde_json sorts an object's keys), so `results` comes
//! before `tool`, and the rules `tool` describes are every rule of the run,
//! known before linting starts. Each result is built, written and dropped;
//! the log of a run with millions of results costs the memory of one.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::position::LineIndex;
use super::{Printer, Source, Summary};
use crate::baseline;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleMeta;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub struct Sarif<'w> {
    out: Box<dyn Write + 'w>,
    rules: Vec<Value>,
    rule_index: HashMap<String, usize>,
    /// Results written so far.
    results: usize,
}

/// Where a result object starts in the pretty-printed log, and `tool`.
const RESULT_INDENT: usize = 8;
const TOOL_INDENT: usize = 6;

/// Writes pretty-printed JSON nested `indent` spaces deep: serde_json's
/// pretty printer starts at column 0 and breaks lines only between tokens
/// (a newline inside a string is escaped), so indenting after every line
/// break nests it.
struct Indented<'a, W: Write + ?Sized> {
    out: &'a mut W,
    indent: usize,
}

impl<W: Write + ?Sized> Write for Indented<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = memchr::memchr(b'\n', rest) {
            self.out.write_all(&rest[..=i])?;
            write!(self.out, "{:1$}", "", self.indent)?;
            rest = &rest[i + 1..];
        }
        self.out.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// `value` pretty-printed as a value nested `indent` spaces deep.
fn write_nested(out: &mut dyn Write, indent: usize, value: &Value) -> io::Result<()> {
    serde_json::to_writer_pretty(Indented { out, indent }, value)?;
    Ok(())
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The `reportingDescriptor` of a rule.
fn descriptor(m: &RuleMeta) -> Value {
    let short = m.what.split(". ").next().unwrap_or(&m.what).trim_end_matches('.');
    let full = one_line(&m.what);
    let why = one_line(&m.why);
    json!({
        "id": &*m.id,
        "name": kebab_to_pascal(&m.id),
        "shortDescription": { "text": format!("{short}.") },
        "fullDescription": { "text": full },
        "help": {
            "text": format!("{full}\n\nWhy: {why}\n\nRun `newslint explain {}` for examples.", m.id),
            "markdown": format!("{full}\n\n**Why:** {why}\n\nRun `newslint explain {}` for examples.", m.id),
        },
        "defaultConfiguration": { "level": level(m.severity), "enabled": m.enabled },
        "properties": { "tags": [&*m.category] },
    })
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `quote-spacing` -> `QuoteSpacing` (SARIF names are conventionally Pascal case).
fn kebab_to_pascal(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        })
        .collect()
}

/// A path as a relative URI reference: `/` separators, reserved characters
/// percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl<'w> Sarif<'w> {
    pub fn new(out: Box<dyn Write + 'w>, rules: &[&RuleMeta]) -> Sarif<'w> {
        let mut all: Vec<&RuleMeta> = rules.to_vec();
        for system in crate::input::system::rules() {
            if !all.iter().any(|m| m.id == system.id) {
                all.push(system);
            }
        }
        let rule_index = all.iter().enumerate().map(|(i, m)| (m.id.to_string(), i)).collect();
        Sarif { out, rules: all.iter().map(|m| descriptor(m)).collect(), rule_index, results: 0 }
    }

    /// Writes `result`, after the log's opening for the first one.
    fn write_result(&mut self, result: &Value) -> io::Result<()> {
        if self.results == 0 {
            self.open()?;
            write!(self.out, "\n{:1$}", "", RESULT_INDENT)?;
        } else {
            write!(self.out, ",\n{:1$}", "", RESULT_INDENT)?;
        }
        self.results += 1;
        write_nested(&mut self.out, RESULT_INDENT, result)
    }

    /// The log up to its first result, as `serde_json::to_writer_pretty`
    /// prints it.
    fn open(&mut self) -> io::Result<()> {
        let schema = serde_json::to_string(SCHEMA)?;
        write!(
            self.out,
            "{{\n  \"$schema\": {schema},\n  \"runs\": [\n    {{\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
        )
    }
}

impl Printer for Sarif<'_> {
    fn source(&mut self, source: &Source<'_>, diagnostics: &[Diagnostic]) -> io::Result<()> {
        if diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(source.text);
        let uri = uri(&crate::input::read::display(source.path));
        let fingerprints = baseline::fingerprints(source.text, diagnostics);
        for (d, (fp, nth)) in diagnostics.iter().zip(fingerprints) {
            let (start, end) = index.span(d.span);
            let mut region = json!({
                "startLine": start.line + source.line_offset,
                "startColumn": start.column,
                "endLine": end.line + source.line_offset,
                "endColumn": end.column,
                "charOffset": d.span.start + source.byte_offset,
                "charLength": d.span.len(),
                "snippet": { "text": &source.text[d.span.range()] },
            });
            let mut message = d.message.clone();
            if let Some((id, line)) = source.record {
                // Positions inside a record's decoded text do not map onto the shard.
                region = json!({ "startLine": line });
                message = format!("record {} (line {line}): {message}", id.unwrap_or("without id"));
            }
            let mut result = json!({
                "ruleId": &*d.rule,
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region,
                    }
                }],
                "partialFingerprints": { "newslint/v1": format!("{fp}:{nth}") },
            });
            if let Some(i) = self.rule_index.get(&*d.rule) {
                result["ruleIndex"] = json!(i);
            }
            if let (Some(fix), None) = (&d.fix, source.record) {
                let (fs, fe) = index.span(fix.span);
                result["fixes"] = json!([{
                    "description": { "text": format!("{} fix", fix.safety.as_str()) },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": [{
                            "deletedRegion": {
                                "startLine": fs.line + source.line_offset,
                                "startColumn": fs.column,
                                "endLine": fe.line + source.line_offset,
                                "endColumn": fe.column,
                            },
                            "insertedContent": { "text": &fix.replacement },
                        }],
                    }],
                }]);
            }
            self.write_result(&result)?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        if self.results == 0 {
            self.open()?;
            write!(self.out, "],")?;
        } else {
            write!(self.out, "\n      ],")?;
        }
        let tool = json!({
            "driver": {
                "name": "newslint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": std::mem::take(&mut self.rules),
            }
        });
        write!(self.out, "\n      \"tool\": ")?;
        write_nested(&mut self.out, TOOL_INDENT, &tool)?;
        writeln!(self.out, "\n    }}\n  ],\n  \"version\": \"2.1.0\"\n}}")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(kebab_to_pascal("quote-spacing"), "QuoteSpacing");
        assert_eq!(uri("a dir/ü#1.txt"), "a%20dir/%C3%BC%231.txt");
    }

    /// The log streamed, and the log as one JSON value.
    fn log(results: usize) -> (String, Value) {
        let text = "first line\nsecond \"line\"\n\tthird\n";
        let mut out = Vec::new();
        {
            let mut sarif = Sarif::new(Box::new(&mut out), &[]);
            let source = Source {
                name: "a b.txt",
                path: std::path::Path::new("a b.txt"),
                text,
                byte_offset: 0,
                line_offset: 0,
                column_offset: 0,
                record: None,
            };
            let spans = [(0, 5), (11, 19), (26, 32)];
            let diagnostics: Vec<Diagnostic> = (0..results)
                .map(|i| {
                    let (start, end) = spans[i % spans.len()];
                    let mut d = Diagnostic::bare("invalid-utf8", crate::diagnostic::Span::new(start, end));
                    d.message = format!("message {i}\nwith a \"quote\"");
                    d
                })
                .collect();
            sarif.source(&source, &diagnostics).unwrap();
            sarif.finish(&Summary::default()).unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        let value = serde_json::from_str(&text).unwrap();
        (text, value)
    }

    #[test]
    fn the_streamed_log_is_the_log_pretty_printed_whole() {
        // Written piece by piece, the log must still read as one document,
        // byte for byte what serializing it at once gives.
        for results in [0, 1, 7] {
            let (text, value) = log(results);
            assert_eq!(value["runs"][0]["results"].as_array().unwrap().len(), results);
            assert_eq!(text, serde_json::to_string_pretty(&value).unwrap() + "\n", "{results} results");
        }
    }
}
