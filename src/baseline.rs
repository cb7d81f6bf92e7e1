//! Baselines: adopting newslint on a corpus that already has findings.
//!
//! `--write-baseline FILE` records today's findings; `--baseline FILE` then
//! hides them and reports only what is new. A finding is identified by its
//! file, its rule and a [`fingerprint`] of the flagged text and a little of
//! its context, never by line number, so an edit elsewhere in the file does
//! not invalidate the baseline. The same defect may occur several times in a
//! file with the same fingerprint; the baseline counts them, so a new copy of
//! an old defect is still reported.
//!
//! The fingerprint also serves the CI formats (SARIF `partialFingerprints`,
//! GitLab's `fingerprint`), which want the same stability.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

/// Version of the baseline file format.
pub const VERSION: u32 = 1;

/// Chars of context on each side of the flagged text that go into a fingerprint.
const CONTEXT_CHARS: usize = 24;

/// A stable 64-bit fingerprint of a diagnostic, as 16 hex digits: FNV-1a
/// over the rule id, the flagged text and up to [`CONTEXT_CHARS`] chars of
/// the same line on each side, with runs of whitespace collapsed (so
/// re-wrapping or CRLF conversion does not change it). FNV is written out
/// here rather than taken from std because std's hasher may change between
/// Rust releases, and baselines are committed files.
pub fn fingerprint(text: &str, d: &Diagnostic) -> String {
    let span = d.span;
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[end..].find(['\n', '\r']).map_or(text.len(), |i| end + i);
    let before: String = {
        let mut v: Vec<char> = text[line_start..start].chars().rev().take(CONTEXT_CHARS).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[end..line_end].chars().take(CONTEXT_CHARS).collect();
    let mut h = Fnv::new();
    h.write(d.rule.as_bytes());
    for part in [&before, &text[start..end], &after] {
        h.write(&[0xff]);
        for word in part.split_whitespace() {
            h.write(word.as_bytes());
            h.write(b" ");
        }
    }
    format!("{:016x}", h.0)
}

/// The fingerprints of a text's diagnostics, each with its occurrence number
/// (0 for the first diagnostic with that rule and fingerprint, 1 for the
/// second, ...), which tells duplicates apart.
pub fn fingerprints(text: &str, diagnostics: &[Diagnostic]) -> Vec<(String, usize)> {
    let mut seen: BTreeMap<(String, &str), usize> = BTreeMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let fp = fingerprint(text, d);
            let n = seen.entry((fp.clone(), &d.rule)).or_default();
            *n += 1;
            (fp, *n - 1)
        })
        .collect()
}

/// FNV-1a, 64 bits.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// One recorded finding (or several identical ones: `count`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    pub count: usize,
    /// The flagged text, to help a reader of the file; not used for matching.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// Findings keyed by (path, rule, fingerprint), with how many remain.
#[derive(Debug, Default, Clone)]
pub struct Baseline {
    entries: BTreeMap<(String, String, String), Entry>,
}

impl Baseline {
    /// Reads a baseline file written by [`Baseline::to_json`].
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!("cannot read baseline {}: {}", path.display(), crate::input::io_message(&e))
        })?;
        let file: BaselineFile = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a newslint baseline: {e}", path.display()))?;
        if file.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not supported (expected {VERSION})",
                path.display(),
                file.version
            ));
        }
        let mut baseline = Baseline::default();
        for e in file.findings {
            baseline.add_entry(e);
        }
        Ok(baseline)
    }

    fn add_entry(&mut self, e: Entry) {
        let key = (e.path.clone(), e.rule.clone(), e.fingerprint.clone());
        match self.entries.get_mut(&key) {
            Some(old) => old.count += e.count,
            None => {
                self.entries.insert(key, e);
            }
        }
    }

    /// Records the diagnostics of one text of file `path`.
    pub fn record(&mut self, path: &Path, text: &str, diagnostics: &[Diagnostic]) {
        let path = normalize(path);
        for d in diagnostics {
            let flagged = text.get(d.span.range()).unwrap_or_default();
            self.add_entry(Entry {
                path: path.clone(),
                rule: d.rule.to_string(),
                fingerprint: fingerprint(text, d),
                count: 1,
                text: crate::rules::message::excerpt(flagged, 60),
            });
        }
    }

    /// Drops the diagnostics the baseline accounts for (using up its counts);
    /// returns how many were dropped.
    pub fn filter(&mut self, path: &Path, text: &str, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let path = normalize(path);
        let before = diagnostics.len();
        diagnostics.retain(|d| {
            let key = (path.clone(), d.rule.to_string(), fingerprint(text, d));
            match self.entries.get_mut(&key) {
                Some(e) if e.count > 0 => {
                    e.count -= 1;
                    false
                }
                _ => true,
            }
        });
        before - diagnostics.len()
    }

    pub fn len(&self) -> usize {
        self.entries.values().map(|e| e.count).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The baseline file's text: entries sorted by path, rule, fingerprint.
    pub fn to_json(&self) -> String {
        let file = BaselineFile { version: VERSION, findings: self.entries.values().cloned().collect() };
        let mut s = serde_json::to_string_pretty(&file).expect("serializable");
        s.push('\n');
        s
    }
}

/// Paths as written in baselines: `/`-separated, without a leading `./`.
fn normalize(path: &Path) -> String {
    let p = path.strip_prefix("./").unwrap_or(path);
    p.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn diag(text: &str, needle: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic::bare("r", Span::new(start, start + needle.len()))
    }

    #[test]
    fn fingerprints_ignore_other_lines_and_line_endings() {
        let a = "Intro.\nThe cat sat on the mat , then left.\n";
        let b = "A new first line.\r\n\r\nIntro.\r\nThe cat sat on the mat , then left.\r\n";
        assert_eq!(fingerprint(a, &diag(a, " ,")), fingerprint(b, &diag(b, " ,")));
        let c = "Intro.\nThe dog sat on the rug , then left.\n";
        assert_ne!(fingerprint(a, &diag(a, " ,")), fingerprint(c, &diag(c, " ,")));
    }

    #[test]
    fn baseline_counts_duplicates() {
        let text = "x ,\nx ,\n";
        let first = diag(text, " ,");
        let mut second = first.clone();
        second.span = second.span.shift(4);
        let mut baseline = Baseline::default();
        baseline.record(Path::new("./a.txt"), text, std::slice::from_ref(&first));
        let mut ds = vec![first, second];
        assert_eq!(baseline.filter(Path::new("a.txt"), text, &mut ds), 1);
        assert_eq!(ds.len(), 1, "the second copy is new");
    }

    #[test]
    fn baseline_round_trips_through_json() {
        let text = "x ,\n";
        let mut baseline = Baseline::default();
        baseline.record(Path::new("a.txt"), text, &[diag(text, " ,")]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        std::fs::write(&path, baseline.to_json()).unwrap();
        let loaded = Baseline::load(&path).unwrap();
        assert_eq!(loaded.len(), 1);
        assert_eq!(loaded.to_json(), baseline.to_json());
    }
}
