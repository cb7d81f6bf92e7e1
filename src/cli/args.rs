//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::diagnostic::Severity;
use crate::input::StdinFormat;
use crate::output::{ColorMode, Format};

#[derive(Debug, Parser)]
#[command(
    name = "newslint",
    version,
    about = "A linter for news-text corpora: scraper chrome, machine-translation artefacts, broken typography.",
    long_about = None,
    args_conflicts_with_subcommands = true,
    after_help = "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, config or I/O trouble."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files, directories or glob patterns (the default command).
    Check(CheckArgs),
    /// List every rule.
    Rules(RulesArgs),
    /// Explain a rule: what it flags, why, and its examples.
    Explain(ExplainArgs),
    /// Run the examples of every rule in a rule directory (built-in rules without DIR).
    TestRules(TestRulesArgs),
    /// Pipeline step: read JSONL records, write one JSONL verdict per record, in order.
    /// Exits 0 unless the input cannot be read.
    Filter(FilterArgs),
    /// Summarize a corpus into .newslint/corpus.json, so that runs on a few files know its
    /// majorities (name spellings) without reading it again.
    Index(IndexArgs),
}

/// Options that shape which rules exist: shared by every command.
#[derive(Debug, Clone, Args, Default)]
pub struct RuleArgs {
    /// Use this config file instead of looking for newslint.toml.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// Ignore every config file.
    #[arg(long, global = true)]
    pub isolated: bool,
    /// Load extra rules from a directory of TOML rule files (repeatable).
    #[arg(long = "rules", value_name = "DIR", global = true)]
    pub rule_dirs: Vec<PathBuf>,
    /// Do not load the built-in rules.
    #[arg(long, global = true)]
    pub no_rules: bool,
    /// Add a rule flagging every phrase of FILE (one per line, case-sensitive substrings).
    #[arg(long, value_name = "FILE", global = true)]
    pub phrases_file: Vec<PathBuf>,
    /// Add a rule flagging every regex of FILE (one per line).
    #[arg(long = "regex-file", value_name = "FILE", global = true)]
    pub regex_files: Vec<PathBuf>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorMode::Auto, global = true)]
    pub color: ColorMode,
}

/// Which rules run and what makes the exit code 1.
#[derive(Debug, Clone, Args)]
pub struct SelectArgs {
    /// Only these rules or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Option<Vec<String>>,
    /// Add rules or categories to the selection (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub extend_select: Vec<String>,
    /// Skip these rules or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Exit 1 (or fail a record) when a diagnostic at or above this severity is found [default: warning].
    #[arg(long, alias = "severity", value_name = "SEVERITY", value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
}

/// How input is read.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Skip files (and JSONL records) larger than this many bytes (suffixes K, M, G).
    #[arg(long, value_name = "SIZE", default_value = "4G", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Worker threads (0 = one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// The JSONL field holding the text.
    #[arg(long, value_name = "FIELD", default_value = "text")]
    pub text_field: String,
    /// The JSONL field holding the record id.
    #[arg(long, value_name = "FIELD", default_value = "id")]
    pub id_field: String,
    /// Text files larger than this are streamed in chunks of this size.
    #[arg(long, value_name = "SIZE", default_value = "256K", value_parser = parse_size, hide = true)]
    pub chunk_size: u64,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Files, directories or glob patterns to lint; `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Apply safe fixes to the files in place (atomically); report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, also apply unsafe fixes.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change, change nothing; exit 1 if there is any.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in FILE (for --baseline) and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Report suppression comments that suppress nothing (rule `unused-suppression`).
    #[arg(long)]
    pub report_unused_suppressions: bool,
    /// Exit 0 even when diagnostics are found.
    #[arg(long)]
    pub exit_zero: bool,
    /// Print diagnostics only, without the summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Print how many times each rule fired instead of the diagnostics.
    #[arg(long)]
    pub statistics: bool,
    /// Print the time each rule took, slowest first, to standard error.
    #[arg(long)]
    pub timings: bool,
    /// The file name to report for text read from standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// What standard input holds.
    #[arg(long, value_enum, default_value_t = StdinFormat::Text)]
    pub stdin_format: StdinFormat,
    /// Skip paths matching this glob (repeatable; adds to the config's `exclude`).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Apply excludes to files named on the command line too (for pre-commit).
    #[arg(long)]
    pub force_exclude: bool,
    /// Also walk into hidden files and directories.
    #[arg(long)]
    pub hidden: bool,
    /// Do not respect .gitignore and .ignore files.
    #[arg(long)]
    pub no_ignore: bool,
    /// Skip the corpus-level checks (name variants, boilerplate, near-duplicates).
    #[arg(long)]
    pub no_corpus: bool,
    /// A corpus index (`newslint index`) whose other documents vote in corpus checks
    /// [default: .newslint/corpus.json if it exists].
    #[arg(long, value_name = "FILE")]
    pub corpus_index: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct IndexArgs {
    /// Files, directories or glob patterns to index.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub input: InputArgs,
    /// Where to write the index (an existing one is updated incrementally).
    #[arg(long, short, value_name = "FILE", default_value = crate::corpus::index::DEFAULT_PATH)]
    pub output: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// JSONL shards to read (plain, .gz or .zst); standard input when none.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub input: InputArgs,
    /// What to write per record: a verdict line, or the record with a `newslint` field.
    #[arg(long, value_enum, default_value_t = Emit::Verdict)]
    pub emit: Emit,
}

/// Output of `newslint filter`, one line per input record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Emit {
    /// `{"id", "line", "pass", "diagnostics"}`.
    Verdict,
    /// The input record with a `"newslint": {"pass", "diagnostics"}` field added.
    Record,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Print the rule list as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id.
    pub id: String,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct TestRulesArgs {
    /// A rule file or a directory of rule files (default: the built-in rules).
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

/// Parses `1024`, `64K`, `256M`, `2G`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => s.split_at(i),
        None => (s, ""),
    };
    let n: u64 = digits.parse().map_err(|_| format!("invalid size `{s}`"))?;
    let mult = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("invalid size unit in `{s}` (use K, M or G)")),
    };
    n.checked_mul(mult).ok_or_else(|| format!("size `{s}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_suffixes() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("64K"), Ok(65536));
        assert_eq!(parse_size("2MiB"), Ok(2 << 20));
        assert!(parse_size("12X").is_err());
        assert!(parse_size("").is_err());
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
