//! What a matcher or detector found, before the engine dresses it as a
//! [`Diagnostic`](crate::Diagnostic) with the rule's id, severity and message.

use std::borrow::Cow;

use crate::diagnostic::{Label, Safety, Span};

/// A raw finding: a span, values for the message placeholders, maybe an edit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Finding {
    pub span: Span,
    /// Placeholder values for the rule's message (`{match}` is filled in by
    /// the engine from `span` unless given here).
    pub args: Vec<(Cow<'static, str>, String)>,
    /// A message replacing the rule's template (already rendered).
    pub message: Option<String>,
    pub fix: Option<Edit>,
    pub labels: Vec<Label>,
}

impl Finding {
    pub fn new(span: Span) -> Finding {
        Finding { span, ..Finding::default() }
    }

    pub fn arg(mut self, name: impl Into<Cow<'static, str>>, value: impl Into<String>) -> Finding {
        self.args.push((name.into(), value.into()));
        self
    }

    pub fn fix(mut self, edit: Edit) -> Finding {
        self.fix = Some(edit);
        self
    }

    pub fn label(mut self, label: Label) -> Finding {
        self.labels.push(label);
        self
    }
}

/// A replacement of one span. `safety: None` takes the rule's declared safety.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
    pub safety: Option<Safety>,
}

impl Edit {
    pub fn new(span: Span, replacement: impl Into<String>) -> Edit {
        Edit { span, replacement: replacement.into(), safety: None }
    }

    pub fn delete(span: Span) -> Edit {
        Edit::new(span, "")
    }

    pub fn with_safety(mut self, safety: Safety) -> Edit {
        self.safety = Some(safety);
        self
    }
}
