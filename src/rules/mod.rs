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

pub mod adhoc;
mod compile;
pub mod def;
mod examples;
mod literal;
pub mod message;
pub(crate) mod pattern;
pub mod regex;
pub mod required;
mod scope;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

pub use compile::compile;
pub use def::{Anchor, MatchMode, Scope};
pub use examples::{ExampleFailure, check_examples};
pub(crate) use scope::units;
pub use scope::{at_word_boundaries, is_word_char};

use crate::detectors::{BuildContext, Detector};
use crate::diagnostic::{Safety, Severity};
pub use crate::error::{LoadError, SourceFile};
use message::Template;

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
    pub origin: Arc<SourceFile>,
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
    /// A corpus-level check (`scope = "corpus"`): it never runs per document.
    Corpus(Box<dyn crate::corpus::CorpusCheck>),
}

/// A compiled rule.
pub struct Rule {
    pub meta: RuleMeta,
    pub examples: Vec<Example>,
    pub(crate) matcher: Matcher,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("id", &self.meta.id).field("kind", &self.meta.kind).finish()
    }
}

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// The built-in rule files, embedded at build time.
pub fn builtin_sources() -> Vec<Arc<SourceFile>> {
    builtin::FILES
        .iter()
        .map(|(name, text)| {
            Arc::new(SourceFile { name: format!("rules/{name}"), text: text.to_string(), builtin: true })
        })
        .collect()
}

/// Reads every `*.toml` file of a rule directory (sorted), or one file.
pub fn read_sources(path: &Path) -> Result<Vec<Arc<SourceFile>>, LoadError> {
    let mut files = Vec::new();
    if path.is_dir() {
        let dir_error = |e: std::io::Error| {
            let source = Arc::new(SourceFile {
                name: path.display().to_string(),
                text: String::new(),
                builtin: false,
            });
            LoadError::new(&source, None, format!("cannot read rules: {}", crate::input::io_message(&e)))
        };
        for entry in std::fs::read_dir(path).map_err(dir_error)? {
            let p = entry.map_err(dir_error)?.path();
            if p.extension().is_some_and(|e| e == "toml") {
                files.push(p);
            }
        }
        files.sort();
    } else {
        files.push(path.to_path_buf());
    }
    files.into_iter().map(|p| crate::error::read_source(&p, "rule file")).collect()
}

/// How to load rule files.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub context: BuildContext,
    /// Per-rule overrides of detector parameters (the config's `[params.ID]`),
    /// merged over the rule file's `[rule.params]`.
    pub params: BTreeMap<String, toml::Table>,
    /// Where each table of `params` was written (the config file and the
    /// table's span), so a bad parameter is reported there.
    pub params_origin: BTreeMap<String, (Arc<SourceFile>, Range<usize>)>,
    /// Check each rule against its own examples (for user rules).
    pub run_examples: bool,
}

/// Parses and compiles rule files. Every error of every file is returned.
pub fn load(sources: &[Arc<SourceFile>], options: &LoadOptions) -> Result<Vec<Rule>, Vec<LoadError>> {
    let mut context = options.context.clone();
    let mut known = context.known_names.to_vec();
    known.extend(gazetteer_names(sources));
    context.known_names = known.into();
    let options = &LoadOptions { context, ..options.clone() };
    let mut errors = Vec::new();
    // Parse and check ids in order; compile in parallel (compiling regexes
    // and automata is most of the start-up time, and every rule is
    // independent of the others).
    let mut defs = Vec::new();
    let mut first_seen: std::collections::HashMap<String, (&Arc<SourceFile>, Range<usize>)> =
        std::collections::HashMap::new();
    for source in sources {
        let file: def::RuleFile = match toml::from_str(&source.text) {
            Ok(f) => f,
            Err(e) => {
                errors.push(LoadError::new(source, e.span(), e.message().trim_end().to_string()));
                continue;
            }
        };
        for def in file.rule {
            let id_span = def.get_ref().id.span();
            let id = def.get_ref().id.get_ref().clone();
            if let Some((origin, span)) = first_seen.get(&id) {
                let line = LoadError::new(origin, Some(span.clone()), "").line();
                errors.push(
                    LoadError::new(source, Some(id_span), format!("duplicate rule id `{id}`")).note(format!(
                        "first defined in {}:{}",
                        origin.name,
                        line.unwrap_or(1)
                    )),
                );
                continue;
            }
            first_seen.insert(id, (source, def.span()));
            defs.push((def, source));
        }
    }
    use rayon::prelude::*;
    let compiled: Vec<Result<Rule, Vec<LoadError>>> = defs
        .into_par_iter()
        .map(|(def, source)| {
            let rule = compile(def, source, options)?;
            if options.run_examples {
                let failures: Vec<LoadError> =
                    check_examples(&rule).into_iter().map(|f| f.into_load_error(&rule)).collect();
                if !failures.is_empty() {
                    return Err(failures);
                }
            }
            Ok(rule)
        })
        .collect();
    let mut rules = Vec::new();
    for result in compiled {
        match result {
            Ok(rule) => rules.push(rule),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() { Ok(rules) } else { Err(errors) }
}

/// The right spellings (`name` and `accept`) of every person of every
/// `gazetteer` rule in `sources`. Files that do not parse are skipped here;
/// [`load`] reports them.
fn gazetteer_names(sources: &[Arc<SourceFile>]) -> Vec<String> {
    let mut names = Vec::new();
    for source in sources {
        let Ok(file) = toml::from_str::<toml::Table>(&source.text) else { continue };
        let rules = file.get("rule").and_then(toml::Value::as_array).map_or(&[][..], Vec::as_slice);
        for rule in
            rules.iter().filter(|r| r.get("detector").and_then(toml::Value::as_str) == Some("gazetteer"))
        {
            let people = rule.get("params").and_then(|p| p.get("person")).and_then(toml::Value::as_array);
            for person in people.into_iter().flatten() {
                let accepted = person.get("accept").and_then(toml::Value::as_array).into_iter().flatten();
                names.extend(
                    person
                        .get("name")
                        .into_iter()
                        .chain(accepted)
                        .filter_map(toml::Value::as_str)
                        .map(String::from),
                );
            }
        }
    }
    names
}

/// Warnings about rules that will be slow (user rules only; built-in rules
/// are kept fast by a test).
pub fn slowness_warnings(sources: &[Arc<SourceFile>]) -> Vec<LoadError> {
    let mut out = Vec::new();
    for source in sources {
        let Ok(file) = toml::from_str::<def::RuleFile>(&source.text) else {
            continue;
        };
        for def in file.rule {
            let def = def.get_ref();
            if let (Some(detector), Some(params)) = (&def.detector, &def.params)
                && let Some(why) = crate::detectors::slowness(detector.get_ref(), params.get_ref())
            {
                let message = format!("rule `{}` will be slow: {why}", def.id.get_ref());
                out.push(LoadError::new(source, Some(params.span()), message));
            }
            let Some(patterns) = &def.pattern else {
                continue;
            };
            for p in patterns.get_ref().to_vec() {
                let Ok(hir) = regex::parse(p.regex(), def.unicode_word_boundary) else {
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
