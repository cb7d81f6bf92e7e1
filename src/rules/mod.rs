//! Rules: loading TOML rule files and compiling them into matchers.
//!
//! A rule file holds `[[rule]]` tables; each rule names the defect it flags
//! (`id`), how bad it is, what to say, one matcher (`pattern`, `phrases`,
//! `substitutions` or a built-in `detector`), an optional fix and its own
//! examples. Built-in rules are the files in `rules/` at the crate root,
//! embedded in the binary at build time; users add their own directories.
//!
//! Loading is all-or-nothing and reports every problem it finds, each as an
//! error pointing into the TOML file, the way a compiler reports a source file.

mod compile;
pub mod def;
mod examples;
mod literal;
pub mod message;
mod pattern;
pub mod regex;
mod scope;

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

pub use compile::compile;
pub use def::{Anchor, MatchMode, Scope};
pub use examples::{ExampleFailure, check_examples};
pub use scope::{at_word_boundaries, is_word_char};

use crate::detectors::{BuildContext, Detector};
use crate::diagnostic::{Safety, Severity};
use message::Template;

/// The text of one rule file and the name to show for it.
#[derive(Debug)]
pub struct RuleSource {
    pub name: String,
    pub text: String,
    pub builtin: bool,
}

/// A problem in a rule file, with the byte range it points at.
#[derive(Debug, Clone)]
pub struct LoadError {
    pub source: Arc<RuleSource>,
    pub span: Option<Range<usize>>,
    pub message: String,
    pub notes: Vec<String>,
}

impl LoadError {
    pub fn new(
        source: &Arc<RuleSource>,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> LoadError {
        LoadError {
            source: source.clone(),
            span,
            message: message.into(),
            notes: Vec::new(),
        }
    }

    pub fn note(mut self, note: impl Into<String>) -> LoadError {
        self.notes.push(note.into());
        self
    }

    /// 1-based line of the error in its file.
    pub fn line(&self) -> Option<usize> {
        self.span.as_ref().map(|s| {
            self.source.text[..s.start.min(self.source.text.len())]
                .lines()
                .count()
                .max(1)
        })
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line() {
            Some(line) => write!(f, "{}:{}: {}", self.source.name, line, self.message),
            None => write!(f, "{}: {}", self.source.name, self.message),
        }
    }
}

/// Everything about a rule except how it matches.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: Arc<str>,
    pub category: Arc<str>,
    pub severity: Severity,
    pub scope: Scope,
    pub what: String,
    pub why: Arc<str>,
    pub message: Template,
    /// The safety of the rule's fixes; `None` when the rule offers no fix.
    pub fix_safety: Option<Safety>,
    pub enabled: bool,
    /// `pattern`, `phrases`, `substitutions` or `detector:NAME`.
    pub kind: String,
    /// The file the rule came from and the byte range of its table.
    pub origin: Arc<RuleSource>,
    pub origin_span: Range<usize>,
}

/// One example from a rule file.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub flags: Vec<String>,
    pub fixed: Option<String>,
    pub span: Range<usize>,
}

pub(crate) enum Matcher {
    Pattern(pattern::PatternMatcher),
    Literal(literal::LiteralMatcher),
    Detector(Box<dyn Detector>),
}

/// A compiled rule.
pub struct Rule {
    pub meta: RuleMeta,
    pub examples: Vec<Example>,
    pub(crate) matcher: Matcher,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.meta.id)
            .field("kind", &self.meta.kind)
            .finish()
    }
}

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// The built-in rule files, embedded at build time.
pub fn builtin_sources() -> Vec<Arc<RuleSource>> {
    builtin::FILES
        .iter()
        .map(|(name, text)| {
            Arc::new(RuleSource {
                name: format!("rules/{name}"),
                text: text.to_string(),
                builtin: true,
            })
        })
        .collect()
}

/// Reads every `*.toml` file of a rule directory (sorted), or one file.
pub fn read_sources(path: &Path) -> Result<Vec<Arc<RuleSource>>, std::io::Error> {
    let mut files = Vec::new();
    if path.is_dir() {
        for entry in std::fs::read_dir(path)? {
            let p = entry?.path();
            if p.extension().is_some_and(|e| e == "toml") {
                files.push(p);
            }
        }
        files.sort();
    } else {
        files.push(path.to_path_buf());
    }
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p)
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", p.display())))?;
            Ok(Arc::new(RuleSource {
                name: p.display().to_string(),
                text,
                builtin: false,
            }))
        })
        .collect()
}

/// Parses and compiles rule files. Every error of every file is returned.
/// `run_examples` also checks each rule against its own examples.
pub fn load(
    sources: &[Arc<RuleSource>],
    ctx: &BuildContext,
    run_examples: bool,
) -> Result<Vec<Rule>, Vec<LoadError>> {
    let mut rules: Vec<Rule> = Vec::new();
    let mut errors = Vec::new();
    for source in sources {
        let file: def::RuleFile = match toml::from_str(&source.text) {
            Ok(f) => f,
            Err(e) => {
                errors.push(LoadError::new(
                    source,
                    e.span(),
                    e.message().trim_end().to_string(),
                ));
                continue;
            }
        };
        for def in file.rule {
            let id_span = def.get_ref().id.span();
            let id = def.get_ref().id.get_ref().clone();
            if let Some(first) = rules.iter().find(|r| *r.meta.id == *id) {
                let line =
                    LoadError::new(&first.meta.origin, Some(first.meta.origin_span.clone()), "")
                        .line();
                errors.push(
                    LoadError::new(source, Some(id_span), format!("duplicate rule id `{id}`"))
                        .note(format!(
                            "first defined in {}:{}",
                            first.meta.origin.name,
                            line.unwrap_or(1)
                        )),
                );
                continue;
            }
            match compile(def, source, ctx) {
                Ok(rule) => {
                    if run_examples {
                        errors.extend(
                            check_examples(&rule)
                                .into_iter()
                                .map(|f| f.into_load_error(&rule)),
                        );
                    }
                    rules.push(rule);
                }
                Err(e) => errors.extend(e),
            }
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// Warnings about rules that will be slow (user rules only; built-in rules
/// are kept fast by a test).
pub fn slowness_warnings(sources: &[Arc<RuleSource>]) -> Vec<LoadError> {
    let mut out = Vec::new();
    for source in sources {
        let Ok(file) = toml::from_str::<def::RuleFile>(&source.text) else {
            continue;
        };
        for def in file.rule {
            let def = def.get_ref();
            let Some(patterns) = &def.pattern else {
                continue;
            };
            for p in patterns.get_ref().as_slice() {
                let Ok(hir) = regex::parse(p, def.unicode_word_boundary) else {
                    continue;
                };
                if let Some(why) = regex::slowness(&hir, def.unicode_word_boundary) {
                    out.push(LoadError::new(
                        source,
                        Some(patterns.span()),
                        format!("rule `{}` will be slow: {why}", def.id.get_ref()),
                    ));
                }
            }
        }
    }
    out
}
