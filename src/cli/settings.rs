//! Resolving the run's settings from the config file and the flags: which
//! rules exist and are selected, how they are graded, which files to read.

use std::io::IsTerminal;

use super::args::{InputArgs, RuleArgs, SelectArgs};
use crate::config::{Config, Policy, Selection};
use crate::detectors::BuildContext;
use crate::diagnostic::Severity;
use crate::error::LoadError;
use crate::input::{JsonlOptions, ReadOptions};
use crate::lint::Linter;
use crate::output::ColorMode;
use crate::rules::adhoc::{self, ListKind};
use crate::rules::{self, LoadOptions, Rule, RuleMeta};
use crate::run::Checker;

/// Why a run could not start: reported on stderr, exit 2.
#[derive(Debug)]
pub enum Failure {
    /// Errors in rule or config files, rendered with spans.
    Files(Vec<LoadError>),
    Message(String),
}

impl From<String> for Failure {
    fn from(s: String) -> Failure {
        Failure::Message(s)
    }
}

/// Every rule that exists for this run, selected or not, plus the config.
pub struct RuleBook {
    pub config: Config,
    pub rules: Vec<Rule>,
    pub warnings: Vec<LoadError>,
}

impl RuleBook {
    /// Loads the config and every rule file (built-in and the user's).
    pub fn load(args: &RuleArgs) -> Result<RuleBook, Failure> {
        let config = load_config(args)?;
        let context = BuildContext {
            language: config.file.language.as_ref().map_or_else(|| "en".to_string(), |l| l.get_ref().clone()),
            ..BuildContext::default()
        };
        if whatlang::Lang::from_code(iso639_3(&context.language)).is_none() {
            let span = config.file.language.as_ref().map(|l| l.span());
            return Err(Failure::Files(vec![
                config.error(span, format!("unknown language `{}`", context.language)),
            ]));
        }
        let params = config.file.params.iter().map(|(k, v)| (k.clone(), v.get_ref().clone())).collect();
        let params_origin = match &config.source {
            Some(source) => {
                config.file.params.iter().map(|(k, v)| (k.clone(), (source.clone(), v.span()))).collect()
            }
            None => Default::default(),
        };
        let mut options = LoadOptions { context, params, params_origin, run_examples: false };
        let sources = if args.no_rules { Vec::new() } else { rules::builtin_sources() };
        let mut user = Vec::new();
        for dir in config.rule_dirs().iter().chain(&args.rule_dirs) {
            user.extend(rules::read_sources(dir).map_err(|e| Failure::Files(vec![e]))?);
        }
        let mut warnings = rules::slowness_warnings(&user);
        // Built-in examples are checked by the test suite; user rules at load.
        let mut rules = rules::load(&sources, &options).map_err(Failure::Files)?;
        options.run_examples = true;
        rules.extend(rules::load(&user, &options).map_err(Failure::Files)?);
        rules.extend(list_rules(args)?);
        check_duplicates(&rules)?;
        for (id, table) in &config.file.params {
            let Some(rule) = rules.iter().find(|r| {
                &*r.meta.id == id
                    && (r.meta.kind.starts_with("detector:") || r.meta.kind.starts_with("corpus:"))
            }) else {
                return Err(Failure::Files(vec![
                    config.error(Some(table.span()), format!("`[params.{id}]` names no detector rule")),
                ]));
            };
            let detector = rule.meta.kind.strip_prefix("detector:").unwrap_or_default();
            if let Some(why) = crate::detectors::slowness(detector, table.get_ref()) {
                warnings.push(config.error(Some(table.span()), format!("rule `{id}` will be slow: {why}")));
            }
        }
        Ok(RuleBook { config, rules, warnings })
    }

    /// Metadata of every rule, system rules included, sorted by id.
    pub fn all_meta(&self) -> Vec<&RuleMeta> {
        let mut all: Vec<&RuleMeta> =
            self.rules.iter().map(|r| &r.meta).chain(crate::input::system::rules()).collect();
        all.sort_by(|a, b| a.id.cmp(&b.id));
        all
    }
}

/// The rules of `--phrases-file` and `--regex-file`: `phrase-list`,
/// `phrase-list-2`, ..., `regex-list`, ...
fn list_rules(args: &RuleArgs) -> Result<Vec<Rule>, Failure> {
    let lists = [
        (ListKind::Phrases, &args.phrases_file, "phrase-list"),
        (ListKind::Regexes, &args.regex_files, "regex-list"),
    ];
    let mut out = Vec::new();
    for (kind, files, base) in lists {
        for (i, path) in files.iter().enumerate() {
            let id = if i == 0 { base.to_string() } else { format!("{base}-{}", i + 1) };
            out.push(adhoc::from_file(kind, path, &id)?);
        }
    }
    Ok(out)
}

fn load_config(args: &RuleArgs) -> Result<Config, Failure> {
    if args.isolated {
        return Ok(Config::default());
    }
    let path = match &args.config {
        Some(p) => p.clone(),
        None => match std::env::current_dir().ok().and_then(|d| Config::discover(&d)) {
            Some(p) => p,
            None => return Ok(Config::default()),
        },
    };
    Config::load(&path).map_err(Failure::Files)
}

/// Duplicate ids across built-in and user files (within one `load` call they
/// are caught by the loader).
fn check_duplicates(rules: &[Rule]) -> Result<(), Failure> {
    let mut errors = Vec::new();
    for (i, r) in rules.iter().enumerate() {
        if let Some(first) = rules[..i].iter().find(|f| f.meta.id == r.meta.id) {
            let line = LoadError::new(&first.meta.origin, Some(first.meta.origin_span.clone()), "")
                .line()
                .unwrap_or(1);
            errors.push(
                LoadError::new(
                    &r.meta.origin,
                    Some(r.meta.origin_span.clone()),
                    format!("duplicate rule id `{}`", r.meta.id),
                )
                .note(format!("first defined in {}:{line}", first.meta.origin.name)),
            );
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Failure::Files(errors)) }
}

/// whatlang wants ISO 639-3 codes; configs say `en`.
pub fn iso639_3(code: &str) -> &str {
    match code {
        "en" => "eng",
        "fr" => "fra",
        "de" => "deu",
        "es" => "spa",
        "it" => "ita",
        "pt" => "por",
        "ru" => "rus",
        "nl" => "nld",
        "pl" => "pol",
        "uk" => "ukr",
        "tr" => "tur",
        "ar" => "ara",
        "zh" => "cmn",
        "ja" => "jpn",
        other => other,
    }
}

/// Everything a run needs besides its inputs.
pub struct Settings {
    pub checker: Checker,
    pub book_meta: Vec<RuleMeta>,
    pub fail_on: Severity,
    /// The config's file-name include globs (`None`: the defaults).
    pub include: Option<Vec<String>>,
    /// The config's exclude globs.
    pub exclude: Vec<String>,
    pub color: ColorMode,
    pub warnings: Vec<LoadError>,
}

impl Settings {
    pub fn resolve(rules_args: &RuleArgs, args: &SelectArgs) -> Result<Settings, Failure> {
        let book = RuleBook::load(rules_args)?;
        let file = &book.config.file;
        let mut select = args.select.clone().or_else(|| file.select.clone());
        if !args.extend_select.is_empty() || !file.extend_select.is_empty() {
            let list = select.get_or_insert_with(|| vec!["all".into()]);
            list.extend(file.extend_select.iter().chain(&args.extend_select).cloned());
        }
        let ignore: Vec<String> = file.ignore.iter().chain(&args.ignore).cloned().collect();
        let selection = Selection { select, ignore };
        let all = book.all_meta();
        check_names(&selection, &all)?;
        for id in file.severity.keys() {
            if !all.iter().any(|m| &*m.id == id) {
                let msg = format!("`[severity]` names unknown rule `{id}`");
                return Err(Failure::Files(vec![book.config.error(None, msg)]));
            }
        }
        let book_meta = all.iter().map(|m| (*m).clone()).collect();
        let rules = book
            .rules
            .into_iter()
            .filter(|r| selection.selects(&r.meta.id, &r.meta.category, r.meta.enabled))
            .collect();
        let linter = Linter::new(rules).map_err(Failure::Message)?;
        let policy = Policy { severity: file.severity.clone(), overrides: book.config.overrides() };
        crate::memory::release_freed_pages();
        Ok(Settings {
            checker: Checker { linter, selection, policy },
            book_meta,
            fail_on: args.fail_on.or(file.fail_on).unwrap_or(Severity::Warning),
            include: file.include.as_ref().map(|v| v.iter().map(|p| p.get_ref().clone()).collect()),
            exclude: file.exclude.iter().map(|p| p.get_ref().clone()).collect(),
            color: resolve_color(rules_args.color, std::io::stdout().is_terminal()),
            warnings: book.warnings,
        })
    }

    /// Metadata of the rules that run (for formats that list them).
    pub fn selected_meta(&self) -> Vec<&RuleMeta> {
        let selection = &self.checker.selection;
        self.book_meta.iter().filter(|m| selection.selects(&m.id, &m.category, m.enabled)).collect()
    }

    /// How to read input, from the shared input flags.
    pub fn read_options(&self, args: &InputArgs) -> ReadOptions {
        ReadOptions {
            max_file_size: args.max_file_size,
            chunk_size: args.chunk_size as usize,
            jsonl: JsonlOptions {
                text_field: args.text_field.clone(),
                id_field: args.id_field.clone(),
                keep_raw: false,
            },
            ..ReadOptions::default()
        }
    }
}

/// Every name in select/ignore must be a rule id, a category or `all`.
fn check_names(selection: &Selection, all: &[&RuleMeta]) -> Result<(), Failure> {
    let known = |n: &str| n == "all" || all.iter().any(|m| &*m.id == n || &*m.category == n);
    let names = selection.select.iter().flatten().chain(&selection.ignore);
    for name in names {
        if !known(name) {
            let hint = all
                .iter()
                .map(|m| &*m.id)
                .filter(|id| strsim_close(id, name))
                .map(|id| format!(" (did you mean `{id}`?)"))
                .next()
                .unwrap_or_default();
            return Err(Failure::Message(format!("unknown rule or category `{name}`{hint}")));
        }
    }
    Ok(())
}

/// Cheap closeness test for suggestions: shares a prefix of 4 or is a substring.
fn strsim_close(a: &str, b: &str) -> bool {
    a.contains(b) || b.contains(a) || (a.len() >= 4 && b.len() >= 4 && a[..4] == b[..4])
}

/// `auto` means colour on a terminal, unless `NO_COLOR` is set (no-color.org).
pub fn resolve_color(mode: ColorMode, is_terminal: bool) -> ColorMode {
    match mode {
        ColorMode::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            if is_terminal && !no_color { ColorMode::Always } else { ColorMode::Never }
        }
        other => other,
    }
}

/// Whether stderr gets colour.
pub fn stderr_color(mode: ColorMode) -> bool {
    resolve_color(mode, std::io::stderr().is_terminal()) == ColorMode::Always
}
