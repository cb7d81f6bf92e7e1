//! From a parsed `[[rule]]` table to a compiled [`Rule`], checking everything
//! that serde cannot: one matcher, keys that fit it, a valid message, valid
//! regexes and detector parameters.

use std::sync::Arc;

use toml::Spanned;

use super::def::{MatchMode, PatternDef, RuleDef, Scope};
use super::literal::LiteralMatcher;
use super::message::Template;
use super::pattern::{Compile, PatternMatcher};
use super::{Example, LoadError, LoadOptions, Matcher, Rule, RuleMeta, SourceFile};
use crate::detectors::BuildContext;
use crate::{corpus, detectors};

/// Which placeholder names a matcher fills in.
type KnownPlaceholder = Box<dyn Fn(&str) -> bool>;

/// Compiles one rule definition from `source`.
pub fn compile(
    def: Spanned<RuleDef>,
    source: &Arc<SourceFile>,
    options: &LoadOptions,
) -> Result<Rule, Vec<LoadError>> {
    let table_span = def.span();
    let def = def.into_inner();
    let err = |span: std::ops::Range<usize>, msg: String| vec![LoadError::new(source, Some(span), msg)];
    let id = def.id.get_ref().as_str();
    if !is_kebab(id) {
        return Err(err(def.id.span(), format!("rule id `{id}` must be kebab-case (`quote-spacing`)")));
    }
    if !is_kebab(&def.category) {
        return Err(err(table_span, format!("category `{}` must be kebab-case", def.category)));
    }
    let message = Template::parse(def.message.get_ref()).map_err(|e| err(def.message.span(), e))?;
    check_keys(&def).map_err(|e| err(table_span.clone(), format!("rule `{id}`: {e}")))?;

    let (matcher, kind, known): (Matcher, String, KnownPlaceholder) = if let Some(p) = &def.pattern {
        let mut fragments = Fragments::new(def.define.as_ref())
            .map_err(|(span, e)| err(span, format!("rule `{id}`: {e}")))?;
        let patterns = fragments.expand_patterns(p.get_ref().to_vec()).map_err(|e| err(p.span(), e))?;
        let unless = match &def.unless {
            Some(u) => fragments.expand_all(u.get_ref().as_slice()).map_err(|e| err(u.span(), e))?,
            None => Vec::new(),
        };
        if let Some((name, span)) = fragments.unused() {
            return Err(err(span, format!("rule `{id}`: `define.{name}` is never used as `${{{name}}}`")));
        }
        let replacement = def.fix.as_ref().and_then(|f| f.get_ref().replacement.as_deref());
        let m = PatternMatcher::new(
            &patterns,
            &unless,
            def.anchor,
            def.scope,
            replacement,
            def.unicode_word_boundary,
            if source.builtin { Compile::Lazily } else { Compile::Now },
        )
        .map_err(|e| err(p.span(), e))?;
        if def.fix.is_some() && !m.any_replaceable() {
            let msg = format!("rule `{id}`: a pattern rule's `fix` needs a `replacement`");
            return Err(err(table_span, msg));
        }
        message
            .check(&|name| name == "match" || m.placeholder_known(name))
            .map_err(|e| err(def.message.span(), e))?;
        (Matcher::Pattern(m), "pattern".into(), Box::new(|_: &str| true))
    } else if let Some(phrases) = &def.phrases {
        let mode = def.match_mode.unwrap_or_default();
        let m =
            LiteralMatcher::phrases(phrases.get_ref(), mode, def.scope, def.case_sensitive.unwrap_or(true))
                .map_err(|e| err(phrases.span(), e))?;
        (Matcher::Literal(m), "phrases".into(), Box::new(|name: &str| name == "match"))
    } else if let Some(subs) = &def.substitutions {
        let pairs: Vec<(String, String)> =
            subs.get_ref().iter().map(|(w, r)| (w.clone(), r.clone())).collect();
        if let Some((w, _)) = pairs.iter().find(|(w, r)| w == r) {
            return Err(err(subs.span(), format!("substitution `{w}` maps to itself")));
        }
        let mode = def.match_mode.unwrap_or(MatchMode::Word);
        let m = LiteralMatcher::substitutions(&pairs, mode, def.scope, def.case_sensitive.unwrap_or(true))
            .map_err(|e| err(subs.span(), e))?;
        (
            Matcher::Literal(m),
            "substitutions".into(),
            Box::new(|name: &str| matches!(name, "match" | "replacement")),
        )
    } else if let (Some(name), Scope::Corpus) = (&def.detector, def.scope) {
        let Some(info) = corpus::find(name.get_ref()) else {
            let known: Vec<_> = corpus::CHECKS.iter().map(|d| d.name).collect();
            return Err(err(
                name.span(),
                format!("unknown corpus check `{}` (known: {})", name.get_ref(), known.join(", ")),
            ));
        };
        let params = detector_params(&def, id, options);
        let params_span = def.params.as_ref().map_or(name.span(), |p| p.span());
        let check = (info.build)(&params, &options.context)
            .map_err(|e| err(params_span, format!("corpus check `{}`: {e}", info.name)))?;
        let args = info.args;
        (
            Matcher::Corpus(check),
            format!("corpus:{}", info.name),
            Box::new(move |name: &str| name == "match" || args.contains(&name)),
        )
    } else if let Some(name) = &def.detector {
        let Some(info) = detectors::find(name.get_ref()) else {
            let known: Vec<_> = detectors::DETECTORS.iter().map(|d| d.name).collect();
            return Err(err(
                name.span(),
                format!("unknown detector `{}` (known: {})", name.get_ref(), known.join(", ")),
            ));
        };
        let params = detector_params(&def, id, options);
        let params_span = def.params.as_ref().map_or(name.span(), |p| p.span());
        // A built-in rule's regexes are known to compile, unless the
        // config's params replace some of them.
        let lazy = source.builtin && !options.params_origin.contains_key(id);
        let context = BuildContext {
            compile: if lazy { Compile::Lazily } else { Compile::Now },
            ..options.context.clone()
        };
        let detector = (info.build)(&params, &context).map_err(|e| {
            let message = format!("detector `{}`: {e}", info.name);
            match options.params_origin.get(id) {
                // The rule's own params are fine: the config's override broke them.
                Some((config, span)) if (info.build)(&own_params(&def), &options.context).is_ok() => {
                    vec![LoadError::new(config, Some(span.clone()), message)]
                }
                _ => err(params_span, message),
            }
        })?;
        let args = info.args;
        (
            Matcher::Detector(detector),
            format!("detector:{}", info.name),
            Box::new(move |name: &str| name == "match" || args.contains(&name)),
        )
    } else {
        return Err(err(
            table_span,
            format!(
                "rule `{id}` has no matcher: give one of `pattern`, `phrases`, `substitutions`, `detector`"
            ),
        ));
    };
    message.check(&*known).map_err(|e| err(def.message.span(), e))?;

    let examples: Vec<Example> = def
        .example
        .into_iter()
        .map(|e| {
            let span = e.span();
            let e = e.into_inner();
            Example { text: e.text, flags: e.flags, fixed: e.fixed, span }
        })
        .collect();
    if !examples.iter().any(|e| !e.flags.is_empty()) || !examples.iter().any(|e| e.flags.is_empty()) {
        return Err(err(
            table_span,
            format!("rule `{id}` needs at least one flagging example and one silent example (`flags = []`)"),
        ));
    }
    let fix_safety = def.fix.as_ref().map(|f| f.get_ref().safety).or_else(|| {
        // Substitutions always carry a fix; without a `fix` table it is unsafe.
        def.substitutions.is_some().then_some(crate::diagnostic::Safety::Unsafe)
    });
    let meta = RuleMeta {
        id: Arc::from(id),
        category: Arc::from(def.category.as_str()),
        severity: def.severity,
        scope: def.scope,
        what: def.what.trim().to_string(),
        why: Arc::from(def.why.trim()),
        message,
        fix_safety,
        enabled: def.enabled,
        kind,
        origin: source.clone(),
        origin_span: table_span,
    };
    Ok(Rule { meta, examples, matcher })
}

/// The rule file's `[rule.params]` with the config's `[params.ID]` over it.
fn detector_params(def: &RuleDef, id: &str, options: &LoadOptions) -> toml::Table {
    let mut params = own_params(def);
    if let Some(extra) = options.params.get(id) {
        params.extend(extra.clone());
    }
    params
}

/// A pattern rule's `[rule.define]`: regex fragments its `pattern` and
/// `unless` regexes write as `${NAME}`, so a long alternation (the labels of
/// a related-articles list) is written once. A fragment goes in as a
/// non-capturing group, so its alternation stays its own; it cannot use
/// another fragment, and every fragment must be used.
struct Fragments<'d> {
    /// Name, fragment and the span of the name.
    defined: Vec<(&'d str, &'d str, std::ops::Range<usize>)>,
    used: Vec<bool>,
}

impl<'d> Fragments<'d> {
    fn new(
        define: Option<&'d std::collections::BTreeMap<Spanned<String>, Spanned<String>>>,
    ) -> Result<Fragments<'d>, (std::ops::Range<usize>, String)> {
        let mut defined = Vec::new();
        for (name, fragment) in define.into_iter().flatten() {
            let (span, name) = (name.span(), name.get_ref().as_str());
            if name.is_empty()
                || !name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
            {
                return Err((
                    span,
                    format!("`define.{name}`: a fragment name is UPPER_SNAKE_CASE (`LABEL`)"),
                ));
            }
            if fragment.get_ref().contains("${") {
                return Err((
                    fragment.span(),
                    format!("`define.{name}` uses another fragment; write it out"),
                ));
            }
            defined.push((name, fragment.get_ref().as_str(), span));
        }
        let used = vec![false; defined.len()];
        Ok(Fragments { defined, used })
    }

    /// `regex` with every `${NAME}` replaced by `(?:fragment)`.
    fn expand(&mut self, regex: &str) -> Result<String, String> {
        let mut out = String::with_capacity(regex.len());
        let mut rest = regex;
        while let Some(at) = rest.find("${") {
            out.push_str(&rest[..at]);
            let after = &rest[at + 2..];
            let Some(close) = after.find('}') else {
                return Err(format!("`${{` without a closing `}}` in `{regex}`"));
            };
            let name = &after[..close];
            let Some(i) = self.defined.iter().position(|(n, ..)| *n == name) else {
                let known: Vec<_> = self.defined.iter().map(|(n, ..)| *n).collect();
                let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
                return Err(format!("`${{{name}}}` is not in `[rule.define]` (defined: {known})"));
            };
            self.used[i] = true;
            out.push_str("(?:");
            out.push_str(self.defined[i].1);
            out.push(')');
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn expand_all(&mut self, regexes: &[String]) -> Result<Vec<String>, String> {
        regexes.iter().map(|r| self.expand(r)).collect()
    }

    fn expand_patterns(&mut self, patterns: Vec<PatternDef>) -> Result<Vec<PatternDef>, String> {
        patterns
            .into_iter()
            .map(|p| match p {
                PatternDef::Regex(r) => self.expand(&r).map(PatternDef::Regex),
                PatternDef::Table(mut t) => {
                    t.regex = self.expand(&t.regex)?;
                    Ok(PatternDef::Table(t))
                }
            })
            .collect()
    }

    /// A fragment no regex uses, with the span of its name.
    fn unused(&self) -> Option<(&'d str, std::ops::Range<usize>)> {
        self.defined
            .iter()
            .zip(&self.used)
            .find(|(_, used)| !**used)
            .map(|((n, _, span), _)| (*n, span.clone()))
    }
}

/// Keys that only make sense with some matchers.
fn check_keys(def: &RuleDef) -> Result<(), String> {
    let matchers =
        [def.pattern.is_some(), def.phrases.is_some(), def.substitutions.is_some(), def.detector.is_some()];
    if matchers.iter().filter(|m| **m).count() > 1 {
        return Err("give only one of `pattern`, `phrases`, `substitutions`, `detector`".into());
    }
    let pattern_only = [
        ("unless", def.unless.is_some()),
        ("define", def.define.is_some()),
        ("anchor", def.anchor.is_some()),
        ("unicode-word-boundary", def.unicode_word_boundary),
    ];
    if def.pattern.is_none() {
        if let Some((key, _)) = pattern_only.iter().find(|(_, set)| *set) {
            return Err(format!("`{key}` only applies to `pattern` rules"));
        }
    }
    if def.phrases.is_none() && def.substitutions.is_none() {
        if def.match_mode.is_some() {
            return Err("`match` only applies to `phrases` and `substitutions` rules".into());
        }
        if def.case_sensitive.is_some() {
            return Err("`case-sensitive` only applies to `phrases` and `substitutions` rules".into());
        }
    }
    if def.scope == Scope::Corpus && def.detector.is_none() {
        return Err("`scope = \"corpus\"` needs a corpus `detector`".into());
    }
    if def.detector.is_none() && def.params.is_some() {
        return Err("`params` only applies to `detector` rules".into());
    }
    let per_pattern_replacement = def.pattern.as_ref().is_some_and(|p| {
        p.get_ref()
            .to_vec()
            .iter()
            .any(|d| matches!(d, super::def::PatternDef::Table(t) if t.replacement.is_some()))
    });
    if per_pattern_replacement && def.fix.is_none() {
        return Err("a `replacement` in `pattern` needs a `fix = { safety = ... }` table".into());
    }
    if def.pattern.is_none() && def.fix.as_ref().is_some_and(|f| f.get_ref().replacement.is_some()) {
        return Err("`fix.replacement` only applies to `pattern` rules; other matchers make their own".into());
    }
    Ok(())
}

fn own_params(def: &RuleDef) -> toml::Table {
    def.params.as_ref().map_or_else(toml::Table::new, |p| p.get_ref().clone())
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && s.starts_with(|c: char| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    #[test]
    fn kebab_case_ids() {
        assert!(super::is_kebab("quote-spacing"));
        assert!(super::is_kebab("mt-calque2"));
        assert!(!super::is_kebab("Quote-spacing"));
        assert!(!super::is_kebab("quote_spacing"));
        assert!(!super::is_kebab("-x"));
        assert!(!super::is_kebab("x--y"));
    }

    /// The built-in rules compile their regexes when first searched
    /// ([`super::Compile::Lazily`]), which is only sound if every one of them
    /// compiles.
    #[test]
    fn every_builtin_regex_compiles() {
        let sources = crate::rules::builtin_sources();
        let rules = crate::rules::load(&sources, &Default::default()).expect("built-in rules load");
        let mut patterns = 0;
        for rule in &rules {
            match &rule.matcher {
                crate::rules::Matcher::Pattern(m) => {
                    m.compile_all().unwrap_or_else(|e| panic!("{}: {e}", rule.meta.id));
                    patterns += 1;
                }
                crate::rules::Matcher::Detector(d) => {
                    d.compile_all().unwrap_or_else(|e| panic!("{}: {e}", rule.meta.id))
                }
                _ => {}
            }
        }
        assert!(patterns > 20, "only {patterns} pattern rules");
    }
}
