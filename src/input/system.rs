//! Diagnostics produced by newslint itself rather than by a rule file:
//! problems with the input, such as bytes that are not UTF-8.
//!
//! They behave like rules (they have ids, can be selected and ignored, are
//! listed by `newslint rules` and explained by `newslint explain`), but they
//! are emitted by the reader, which sees the bytes before any rule does.

use std::sync::Arc;
use std::sync::OnceLock;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::error::SourceFile;
use crate::rules::message::Template;
use crate::rules::{RuleMeta, Scope};

pub const INVALID_UTF8: &str = "invalid-utf8";
pub const MALFORMED_RECORD: &str = "malformed-record";
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

struct Def {
    id: &'static str,
    category: &'static str,
    severity: Severity,
    message: &'static str,
    what: &'static str,
    why: &'static str,
}

const DEFS: &[Def] = &[
    Def {
        id: INVALID_UTF8,
        category: "encoding",
        severity: Severity::Error,
        message: "bytes that are not valid UTF-8",
        what: "Flags bytes that are not valid UTF-8. The rest of the file is still linted; \
               the invalid bytes are read as U+001A so every offset stays exact.",
        why: "Invalid bytes come from a file saved in a legacy encoding or truncated mid-character; \
              downstream tools either crash on them or silently drop text.",
    },
    Def {
        id: MALFORMED_RECORD,
        category: "input",
        severity: Severity::Error,
        message: "malformed JSONL record",
        what: "Flags a line of a JSONL shard that is not a JSON object with a string text field \
               (see --text-field). The rest of the shard is still linted.",
        why: "A broken record is silently dropped or crashes the next tool in the pipeline; \
              it usually means a truncated write or a wrong field name.",
    },
    Def {
        id: UNUSED_SUPPRESSION,
        category: "suppression",
        severity: Severity::Warning,
        message: "suppression comment suppresses nothing",
        what: "Flags a `<!-- newslint-disable ... -->` comment that suppressed no diagnostic. \
               Reported only with --report-unused-suppressions.",
        why: "A stale suppression hides the next real defect on its lines; remove it once the \
              text it excused has been fixed.",
    },
];

/// The metadata of every system rule, for listings and explanations.
pub fn rules() -> &'static [RuleMeta] {
    static RULES: OnceLock<Vec<RuleMeta>> = OnceLock::new();
    RULES.get_or_init(|| {
        let origin = Arc::new(SourceFile {
            name: "<newslint input checks>".into(),
            text: String::new(),
            builtin: true,
        });
        DEFS.iter()
            .map(|d| RuleMeta {
                id: Arc::from(d.id),
                category: Arc::from(d.category),
                severity: d.severity,
                scope: Scope::Document,
                what: d.what.into(),
                why: Arc::from(d.why),
                message: Template::parse(d.message).expect("valid built-in message"),
                fix_safety: None,
                enabled: true,
                kind: "input".into(),
                origin: origin.clone(),
                origin_span: 0..0,
            })
            .collect()
    })
}

fn meta(id: &str) -> &'static RuleMeta {
    rules().iter().find(|r| &*r.id == id).expect("known system rule")
}

/// The diagnostic for a JSONL line that is not a usable record.
pub fn malformed_record(span: Span, message: &str) -> Diagnostic {
    let m = meta(MALFORMED_RECORD);
    Diagnostic {
        rule: m.id.clone(),
        category: m.category.clone(),
        severity: m.severity,
        span,
        message: message.to_string(),
        labels: Vec::new(),
        note: Some(m.why.clone()),
        fix: None,
    }
}

/// The diagnostic for a run of invalid UTF-8 bytes.
pub fn invalid_utf8(span: Span) -> Diagnostic {
    let m = meta(INVALID_UTF8);
    let n = span.len();
    Diagnostic {
        rule: m.id.clone(),
        category: m.category.clone(),
        severity: m.severity,
        span,
        message: format!(
            "{n} byte{} that {} not valid UTF-8",
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" }
        ),
        labels: Vec::new(),
        note: Some(m.why.clone()),
        fix: None,
    }
}

/// The diagnostic for a suppression comment that suppressed nothing.
pub fn unused_suppression(span: Span, message: String) -> Diagnostic {
    let m = meta(UNUSED_SUPPRESSION);
    Diagnostic {
        rule: m.id.clone(),
        category: m.category.clone(),
        severity: m.severity,
        span,
        message,
        labels: Vec::new(),
        note: Some(m.why.clone()),
        fix: None,
    }
}
