//! The `pattern` matcher: regexes with `unless` vetoes and anchors.
//!
//! Each regex runs over each unit of the rule's scope (a line, a sentence...)
//! as its own haystack, so `^` and `$` mean the unit's edges. A match is
//! dropped when an `unless` regex matches an overlapping range of the same
//! unit, or when it does not sit where `anchor` asks. A named group `flag`
//! narrows the reported span to part of the match; the fix replacement
//! (`$1`, `${name}`) always replaces the whole match.

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::OnceLock;

use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Hir, Look};

use super::def::{Anchor, PatternDef, Scope};
use super::message::{MATCH_EXCERPT, Template, push_excerpt};
pub use super::regex::Compile;
use super::regex::LazyRegex;
use super::scope::units;
use crate::diagnostic::Span;
use crate::document::{Document, is_blank};
use crate::finding::{Edit, Finding};

/// Search scratch of one regex: its cache and a captures buffer.
/// `meta::Regex::search_captures` takes a cache from the regex's own pool on
/// every call, and a pool hands its fast slot to one thread only: the other
/// workers took a mutex for each unit searched (`Pool::get_slow` in
/// profiles). [`PatternMatcher::find_one`] takes one scratch from here for
/// all the units it searches; keeping the captures with the cache saves an
/// allocation per call (a call per regex per document).
type ScratchPool = Pool<
    (meta::Cache, Captures),
    Box<dyn Fn() -> (meta::Cache, Captures) + Send + Sync + UnwindSafe + RefUnwindSafe>,
>;

pub struct PatternMatcher {
    pub(crate) hirs: Vec<Hir>,
    /// Per regex: the regex and its search scratch, once compiled.
    compiled: Vec<OnceLock<Compiled>>,
    /// Per regex: its replacement (its own, or the rule's).
    replacements: Vec<Option<String>>,
    /// Per regex: a message overriding the rule's.
    messages: Vec<Option<Template>>,
    unless: Vec<LazyRegex>,
    anchor: Option<Anchor>,
    scope: Scope,
}

/// A compiled regex and its search scratch.
struct Compiled {
    regex: meta::Regex,
    scratch: ScratchPool,
}

impl Compiled {
    fn new(hir: &Hir) -> Result<Compiled, String> {
        let regex = super::regex::compile(hir)?;
        let re = regex.clone();
        let create: Box<dyn Fn() -> (meta::Cache, Captures) + Send + Sync + UnwindSafe + RefUnwindSafe> =
            Box::new(move || (re.create_cache(), re.create_captures()));
        Ok(Compiled { regex, scratch: Pool::new(create) })
    }
}

impl PatternMatcher {
    /// Parses `patterns` and compiles them `when` asked; `replacement` is
    /// the rule-wide `fix.replacement`.
    pub fn new(
        patterns: &[PatternDef],
        unless: &[String],
        anchor: Option<Anchor>,
        scope: Scope,
        replacement: Option<&str>,
        unicode_boundaries: bool,
        when: Compile,
    ) -> Result<PatternMatcher, String> {
        let mut hirs = Vec::new();
        let mut replacements = Vec::new();
        let mut messages = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let source = p.regex();
            let hir = super::regex::parse(source, unicode_boundaries)
                .map_err(|e| format!("pattern {}: {e}", i + 1))?;
            if hir.properties().minimum_len() == Some(0) {
                return Err(format!("pattern `{source}` can match the empty string"));
            }
            hirs.push(hir);
            let (own_message, own_replacement) = match p {
                PatternDef::Table(t) => (t.message.as_deref(), t.replacement.as_deref()),
                PatternDef::Regex(_) => (None, None),
            };
            replacements.push(own_replacement.or(replacement).map(str::to_string));
            messages.push(
                own_message
                    .map(Template::parse)
                    .transpose()
                    .map_err(|e| format!("pattern {}: {e}", i + 1))?,
            );
        }
        if hirs.is_empty() {
            return Err("`pattern` needs at least one regex".into());
        }
        let unless = unless
            .iter()
            .map(|p| LazyRegex::new(super::regex::parse(p, unicode_boundaries)?, Compile::Lazily))
            .collect::<Result<_, _>>()?;
        let m = PatternMatcher {
            compiled: hirs.iter().map(|_| OnceLock::new()).collect(),
            hirs,
            replacements,
            messages,
            unless,
            anchor,
            scope,
        };
        for t in m.messages.iter().flatten() {
            t.check(&|name| name == "match" || m.placeholder_known(name))?;
        }
        if when == Compile::Now {
            m.compile_all()?;
        }
        Ok(m)
    }

    /// Compiles every regex not compiled yet, in parallel; the first that
    /// does not compile is the error.
    pub fn compile_all(&self) -> Result<(), String> {
        use rayon::prelude::*;
        (0..self.hirs.len()).into_par_iter().try_for_each(|i| {
            if self.compiled[i].get().is_none() {
                let c = Compiled::new(&self.hirs[i])?;
                let _ = self.compiled[i].set(c);
            }
            Ok::<_, String>(())
        })?;
        self.unless.par_iter().try_for_each(LazyRegex::compile)
    }

    /// Regex `i`, compiled.
    fn compiled(&self, i: usize) -> &Compiled {
        self.compiled[i].get_or_init(|| Compiled::new(&self.hirs[i]).expect(super::regex::COMPILES))
    }

    /// Whether some regex has a replacement (so the rule can declare a fix).
    pub fn any_replaceable(&self) -> bool {
        self.replacements.iter().any(Option::is_some)
    }

    /// Names a message may use: `match`, group indices and group names.
    pub fn placeholder_known(&self, name: &str) -> bool {
        self.hirs.iter().map(super::regex::capture_names).any(|groups| {
            name.parse::<usize>().is_ok_and(|i| i < groups.len())
                || groups.iter().any(|g| g.as_deref() == Some(name))
        })
    }

    /// The units the rule's regexes run over.
    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// Runs every regex over the rule's units (the engine routes each regex
    /// on its own with [`PatternMatcher::find_one`] or
    /// [`PatternMatcher::find_at`]).
    pub fn find(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let units = units(doc, self.scope);
        for i in 0..self.hirs.len() {
            self.find_one(doc, i, units.as_slice().iter().copied(), out);
        }
    }

    /// Runs regex `i` over `units`.
    pub fn find_one(
        &self,
        doc: &Document<'_>,
        i: usize,
        units: impl Iterator<Item = Span>,
        out: &mut Vec<Finding>,
    ) {
        let text = doc.text();
        // Only the few positions before the limit are tried (anchored),
        // instead of scanning the whole text for matches that would all be
        // dropped.
        let start_limit = self.start_limit(doc);
        let mut units = units.peekable();
        if units.peek().is_none() {
            return;
        }
        let Compiled { regex: re, scratch } = self.compiled(i);
        let mut scratch = scratch.get();
        let (cache, caps) = &mut *scratch;
        for unit in units {
            if start_limit.is_some_and(|limit| unit.start > limit) {
                break;
            }
            let hay = &text[unit.range()];
            let limit = start_limit.map(|l| l - unit.start);
            let mut vetoes: Option<Vec<Span>> = None;
            let mut at = 0;
            while at <= hay.len() {
                match limit {
                    Some(limit) if at > limit => break,
                    Some(_) => {
                        let input = Input::new(hay).range(at..).anchored(Anchored::Yes);
                        re.search_captures_with(cache, &input, caps);
                        if caps.get_match().is_none() {
                            at += hay[at..].chars().next().map_or(1, char::len_utf8);
                            continue;
                        }
                    }
                    None => re.search_captures_with(cache, &Input::new(hay).range(at..), caps),
                }
                let Some(m) = caps.get_match() else { break };
                at = m.end().max(m.start() + 1);
                self.accept(doc, i, unit, caps, &mut vetoes, out);
            }
        }
    }

    /// Runs regex `i` anchored at each of `starts` (sorted offsets into the
    /// document, each once), over the unit of `units` (sorted) holding it:
    /// for a regex whose every match starts with one of a few literals,
    /// tried where they occur. It finds what [`PatternMatcher::find_one`]
    /// finds over those units: a start inside an earlier match is skipped,
    /// as a search resuming after that match would skip it.
    pub fn find_at(
        &self,
        doc: &Document<'_>,
        i: usize,
        units: &[Span],
        starts: &[usize],
        out: &mut Vec<Finding>,
    ) {
        if starts.is_empty() || units.is_empty() {
            return;
        }
        let text = doc.text();
        let start_limit = self.start_limit(doc);
        // A regex anchored at the start of its unit (or of a line) cannot
        // match elsewhere: those starts are skipped without a search.
        let looks = self.hirs[i].properties().look_set_prefix();
        let bytes = text.as_bytes();
        let can_start = |unit: Span, start: usize| {
            start == unit.start
                || !looks.contains(Look::Start)
                    && (!looks.contains(Look::StartLF) || bytes[start - 1] == b'\n')
                    && (!looks.contains(Look::StartCRLF) || matches!(bytes[start - 1], b'\n' | b'\r'))
        };
        // Compiled at the first try: most regexes routed here are never tried.
        let mut scratch = None;
        // The unit holding `start`; the unit last searched, its vetoes, and
        // where its last match ended.
        let mut u = 0;
        let (mut current, mut vetoes, mut resume) = (usize::MAX, None, 0);
        for &start in starts {
            if start_limit.is_some_and(|limit| start > limit) {
                break;
            }
            u += units[u..].partition_point(|unit| unit.end <= start);
            let Some(&unit) = units.get(u) else { break };
            if unit.start > start {
                continue;
            }
            if u != current {
                (current, vetoes, resume) = (u, None, unit.start);
            }
            if start < resume || !can_start(unit, start) {
                continue;
            }
            let (re, guard) = scratch.get_or_insert_with(|| {
                let Compiled { regex, scratch } = self.compiled(i);
                (regex, scratch.get())
            });
            let (cache, caps) = &mut **guard;
            let hay = &text[unit.range()];
            let input = Input::new(hay).range(start - unit.start..).anchored(Anchored::Yes);
            re.search_captures_with(cache, &input, caps);
            let Some(m) = caps.get_match() else { continue };
            resume = unit.start + m.end().max(m.start() + 1);
            self.accept(doc, i, unit, caps, &mut vetoes, out);
        }
    }

    /// With `anchor = "start"`, where a match must start by: the first
    /// non-blank character of the body.
    fn start_limit(&self, doc: &Document<'_>) -> Option<usize> {
        (self.anchor == Some(Anchor::Start)).then(|| {
            let body = doc.body();
            doc.text()[body.range()].find(|c: char| !c.is_whitespace()).map_or(body.end, |i| body.start + i)
        })
    }

    /// Reports the match in `caps` (relative to `unit`) unless it sits
    /// where the rule's anchor forbids or an `unless` regex vetoes it;
    /// `vetoes` caches the unit's veto spans.
    fn accept(
        &self,
        doc: &Document<'_>,
        i: usize,
        unit: Span,
        caps: &Captures,
        vetoes: &mut Option<Vec<Span>>,
        out: &mut Vec<Finding>,
    ) {
        let m = caps.get_match().expect("called with a match");
        let whole = Span::new(m.start(), m.end());
        if !self.anchored_ok(doc, whole.shift(unit.start)) {
            return;
        }
        let hay = &doc.text()[unit.range()];
        let vetoes = vetoes.get_or_insert_with(|| self.veto_spans(hay));
        if vetoes.iter().any(|v| v.overlaps(whole)) {
            return;
        }
        out.push(self.finding(i, hay, unit.start, caps));
    }

    fn veto_spans(&self, hay: &str) -> Vec<Span> {
        self.unless
            .iter()
            .flat_map(|re| re.get().find_iter(hay).map(|m| Span::new(m.start(), m.end())))
            .collect()
    }

    fn anchored_ok(&self, doc: &Document<'_>, span: Span) -> bool {
        let text = doc.text();
        match self.anchor {
            None => true,
            Some(Anchor::Start) => is_blank(&text[doc.body().start..span.start]),
            Some(Anchor::End) => is_blank(&text[span.end..]),
            // A row of a table is the article's, whatever it looks like.
            Some(anchor @ (Anchor::Line | Anchor::LineEnd)) => {
                let i = doc.line_at(span.start);
                let line = doc.lines()[i];
                span.end <= line.end
                    && (anchor == Anchor::LineEnd || is_blank(&text[line.start..span.start]))
                    && is_blank(&text[span.end..line.end])
                    && !doc.is_table_row(i)
            }
        }
    }

    fn finding(&self, regex: usize, hay: &str, offset: usize, caps: &Captures) -> Finding {
        let m = caps.get_match().expect("called with a match");
        let whole = Span::new(m.start(), m.end());
        let flagged = caps.get_group_by_name("flag").map_or(whole, |s| Span::new(s.start, s.end));
        let mut finding = Finding::new(flagged.shift(offset));
        let info = caps.group_info();
        for index in 1..caps.group_len() {
            let value = caps.get_group(index).map_or("", |s| &hay[s.range()]).to_string();
            if let Some(name) = info.to_name(m.pattern(), index) {
                finding = finding.arg(name.to_string(), value.clone());
            }
            finding = finding.arg(index.to_string(), value);
        }
        if let Some(replacement) = &self.replacements[regex] {
            let new = caps.interpolate_string(hay, replacement);
            finding = finding.fix(Edit::new(whole.shift(offset), new));
        }
        if let Some(template) = &self.messages[regex] {
            let flagged = &hay[flagged.start..flagged.end];
            let message = template.render_with(&mut |name, out| {
                if name == "match" {
                    push_excerpt(out, flagged, MATCH_EXCERPT);
                } else if let Some((_, v)) = finding.args.iter().find(|(k, _)| k == name) {
                    out.push_str(v);
                }
            });
            finding.message = Some(message);
        }
        finding
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(m: &PatternMatcher, text: &str) -> Vec<String> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        m.find(&doc, &mut out);
        out.iter().map(|f| doc.slice(f.span).to_string()).collect()
    }

    fn matcher(p: &str, unless: &[&str], anchor: Option<Anchor>, scope: Scope) -> PatternMatcher {
        let unless: Vec<String> = unless.iter().map(|s| s.to_string()).collect();
        PatternMatcher::new(
            &[PatternDef::Regex(p.to_string())],
            &unless,
            anchor,
            scope,
            Some("<$1>"),
            false,
            Compile::Now,
        )
        .unwrap()
    }

    #[test]
    fn caret_means_unit_start() {
        let m = matcher(r"^(Tags):", &[], None, Scope::Line);
        assert_eq!(flagged(&m, "Body text.\nTags: x, y"), ["Tags:"]);
        let m = matcher(r"^(Tags):", &[], None, Scope::Document);
        assert!(flagged(&m, "Body text.\nTags: x, y").is_empty());
    }

    #[test]
    fn unless_vetoes_overlapping_matches_only() {
        let m = matcher(r"(\w+) - \w+", &[r"\d+ - \d+"], None, Scope::Line);
        assert_eq!(flagged(&m, "Brussels - the first"), ["Brussels - the"]);
        assert!(flagged(&m, "scores 10 - 12 today").is_empty());
    }

    #[test]
    fn anchors_restrict_where_matches_sit() {
        let m = matcher(r"(Related Articles)", &[], Some(Anchor::Line), Scope::Document);
        assert_eq!(flagged(&m, "Text.\n  Related Articles \n"), ["Related Articles"]);
        assert!(flagged(&m, "See Related Articles below.").is_empty());
        let m = matcher(r"(date) \d{4}", &[], Some(Anchor::Start), Scope::Document);
        assert_eq!(flagged(&m, " date 2022 Headline"), ["date 2022"]);
        assert!(flagged(&m, "Headline date 2022").is_empty());
        assert_eq!(flagged(&m, "\u{a0}\n date 2022 date 2023"), ["date 2022"]);
        let m = matcher(r"\s*(date) \d{4}\s*", &[], Some(Anchor::Start), Scope::Line);
        assert_eq!(flagged(&m, "\n\n  date 2022 Headline\ndate 2023"), ["  date 2022 "]);
        assert!(flagged(&m, "Headline\ndate 2022").is_empty());
        let m = matcher(r" \| (World news)", &[], Some(Anchor::LineEnd), Scope::Line);
        assert_eq!(flagged(&m, "Talks stall | World news\nok"), [" | World news"]);
        assert!(flagged(&m, "Talks stall | World news today").is_empty());
        let table = "Team | Region | Points\nKenya | World news | 9\nNiger | Sahel | 7\nX | 1 | World news";
        assert!(flagged(&m, table).is_empty(), "a table row is the article's");
    }

    #[test]
    fn flag_group_narrows_the_span_and_fix_uses_groups() {
        let m = PatternMatcher::new(
            &[PatternDef::Regex(r"(?P<flag>\w+\.) (to)\b".into())],
            &[],
            None,
            Scope::Sentence,
            Some("$flag $2"),
            false,
            Compile::Lazily,
        )
        .unwrap();
        let doc = Document::new("as justification. to launch");
        let mut out = Vec::new();
        m.find(&doc, &mut out);
        assert_eq!(doc.slice(out[0].span), "justification.");
        assert_eq!(out[0].fix.as_ref().unwrap().replacement, "justification. to");
        assert!(out[0].args.contains(&("2".into(), "to".into())));
    }

    #[test]
    fn empty_matching_patterns_are_rejected() {
        assert!(
            PatternMatcher::new(
                &[PatternDef::Regex("x*".into())],
                &[],
                None,
                Scope::Line,
                None,
                false,
                Compile::Now
            )
            .is_err()
        );
    }

    #[test]
    fn per_pattern_messages_and_replacements() {
        let table = |regex: &str, message: &str, replacement: &str| {
            PatternDef::Table(super::super::def::PatternTable {
                regex: regex.into(),
                message: Some(message.into()),
                replacement: Some(replacement.into()),
            })
        };
        let m = PatternMatcher::new(
            &[table(r"(\w+) ”", "space before `{match}`", "$1”"), table(r"”(\w)", "glued `{1}`", "” $1")],
            &[],
            None,
            Scope::Line,
            None,
            false,
            Compile::Now,
        )
        .unwrap();
        let doc = Document::new("question ”said");
        let mut out = Vec::new();
        m.find(&doc, &mut out);
        let messages: Vec<_> = out.iter().map(|f| f.message.clone().unwrap()).collect();
        assert_eq!(messages, ["space before `question ”`", "glued `s`"]);
        assert_eq!(out[1].fix.as_ref().unwrap().replacement, "” s");
    }

    #[test]
    fn capture_names_agree_with_the_compiled_group_info() {
        for p in [r"a", r"(a)(?P<x>b)", r"(?:a)((b)|(?P<flag>c))", r"(?i)(?P<one>x)+y(z)?", r"((((a))))"] {
            let hir = super::super::regex::parse(p, false).unwrap();
            let info = super::super::regex::compile(&hir).unwrap().group_info().clone();
            let pid = regex_automata::PatternID::ZERO;
            let compiled: Vec<Option<String>> =
                (0..info.group_len(pid)).map(|i| info.to_name(pid, i).map(str::to_string)).collect();
            assert_eq!(super::super::regex::capture_names(&hir), compiled, "{p}");
        }
    }

    #[test]
    fn a_lazy_matcher_finds_what_an_eager_one_finds() {
        let defs = [PatternDef::Regex(r"(\w+) - (\w+)".into())];
        let unless = [r"\d+ - \d+".to_string()];
        let build =
            |when| PatternMatcher::new(&defs, &unless, None, Scope::Line, Some("$1 – $2"), false, when);
        let (lazy, eager) = (build(Compile::Lazily).unwrap(), build(Compile::Now).unwrap());
        assert!(lazy.compiled.iter().all(|c| c.get().is_none()), "nothing compiled before a search");
        let text = "Brussels - the first\nscores 10 - 12 today";
        assert_eq!(flagged(&lazy, text), flagged(&eager, text));
        assert_eq!(flagged(&lazy, text), ["Brussels - the"]);
    }

    #[test]
    fn a_regex_too_large_to_compile_is_a_load_error_when_compiled_now() {
        let huge = PatternDef::Regex(r"\w{1000}\w{1000}\w{1000}".into());
        let build =
            |when| PatternMatcher::new(std::slice::from_ref(&huge), &[], None, Scope::Line, None, true, when);
        let err = build(Compile::Now).err().expect("too large");
        assert!(err.contains("too large"), "{err}");
        let lazy = build(Compile::Lazily).expect("parsing alone succeeds");
        assert!(lazy.compile_all().is_err());
    }
}
