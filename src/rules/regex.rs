//! Compiling rule regexes for speed.
//!
//! Rule authors write ordinary `regex` syntax. Two rewrites happen on the
//! parsed HIR before compilation:
//!
//! - `\b` and friends become ASCII word boundaries unless the rule opts in to
//!   Unicode ones. A Unicode `\b` makes the lazy DFA give up on any non-ASCII
//!   byte, and news text is full of curly quotes and dashes; measured, that is
//!   about a hundred times slower. For English prose the ASCII boundary is the
//!   same thing almost everywhere.
//! - For the shared prefilter (see `lint`), start/end anchors are dropped so
//!   that the relaxed regex matches wherever the real one could match inside
//!   any unit. The prefilter only decides which rules to run; the real regex
//!   decides what is flagged.
//!
//! Everything goes through `regex-automata`'s meta engine, which is what the
//! `regex` crate uses underneath, so user rules keep its linear-time
//! guarantee: no pattern can make newslint hang.

use std::sync::OnceLock;

use regex_automata::meta;
use regex_syntax::hir::{self, Hir, HirKind, Look};

/// Compile-size limit: generous for hand-written rules, bounded for hostile ones.
const NFA_SIZE_LIMIT: usize = 16 << 20;

/// Counted repetitions above this make DFAs explode; the loader warns.
const SLOW_REPETITION: u32 = 100;

/// Parses `pattern` into HIR, with ASCII word boundaries unless `unicode_boundaries`.
pub fn parse(pattern: &str, unicode_boundaries: bool) -> Result<Hir, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .map_err(|e| format!("invalid regex `{pattern}`:\n{e}"))?;
    Ok(if unicode_boundaries { hir } else { rewrite(hir, &|look| Some(ascii_boundary(look))) })
}

/// When a rule's regexes are compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compile {
    /// At load, so a regex too large to compile is a load error: a user's
    /// rules.
    Now,
    /// When first searched. Compiling was most of the start-up time, and a
    /// run over a few files (a pre-commit hook) searches few of the built-in
    /// regexes: the others are gated by literals the files do not hold, or
    /// are conditions of phrases the files do not contain. Linting one file
    /// took 0.26 s and 114 MB when every regex compiled at load, and takes
    /// 0.18 s and 79 MB. The built-in rules are known to compile: a test
    /// compiles every regex.
    Lazily,
}

/// A parsed regex, compiled when first searched or at once (see
/// [`Compile`]).
pub struct LazyRegex {
    hir: Hir,
    compiled: OnceLock<meta::Regex>,
}

impl LazyRegex {
    pub fn new(hir: Hir, when: Compile) -> Result<LazyRegex, String> {
        let lazy = LazyRegex { hir, compiled: OnceLock::new() };
        if when == Compile::Now {
            lazy.compile()?;
        }
        Ok(lazy)
    }

    /// Compiles the regex if it is not compiled yet.
    pub fn compile(&self) -> Result<(), String> {
        if self.compiled.get().is_none() {
            let _ = self.compiled.set(compile(&self.hir)?);
        }
        Ok(())
    }

    /// The compiled regex.
    pub fn get(&self) -> &meta::Regex {
        self.compiled.get_or_init(|| compile(&self.hir).expect(COMPILES))
    }
}

/// Why a lazily compiled regex may be assumed to compile.
pub(crate) const COMPILES: &str = "a lazily compiled regex compiles (see `Compile::Lazily`)";

/// Compiles one parsed regex.
pub fn compile(hir: &Hir) -> Result<meta::Regex, String> {
    meta::Builder::new()
        .configure(config())
        .build_from_hir(hir)
        .map_err(|e| format!("regex too large or invalid: {e}"))
}

/// Compiles a set of regexes whose `which_overlapping_matches` tells which of
/// them can match somewhere in a text. Anchors are removed first.
pub fn compile_prefilter(hirs: &[Hir]) -> Result<meta::Regex, String> {
    let relaxed: Vec<Hir> = hirs.iter().map(|h| strip_captures(rewrite(h.clone(), &relax))).collect();
    meta::Builder::new()
        .configure(config().match_kind(regex_automata::MatchKind::All))
        .build_many_from_hir(&relaxed)
        .map_err(|e| format!("rule prefilter failed to compile: {e}"))
}

/// No one-pass DFA: the engine builds one, eagerly, for every anchored
/// regex that qualifies, and the rules have dozens of start-anchored ones.
/// It only speeds up capture groups, which the bounded backtracker finds as
/// fast within a match the lazy DFA has already bounded. Without it, start-up
/// takes 50 ms less and 15 MB less memory, and throughput is unchanged.
fn config() -> meta::Config {
    meta::Config::new().nfa_size_limit(Some(NFA_SIZE_LIMIT)).onepass(false)
}

/// Reasons a compiled regex will be slow, for the loader to warn about.
pub fn slowness(hir: &Hir, unicode_boundaries: bool) -> Option<String> {
    if unicode_boundaries && hir.properties().look_set().contains_word_unicode() {
        return Some(
            "it opts in to Unicode word boundaries, which disable the fast DFA on non-ASCII text".into(),
        );
    }
    let mut max = 0;
    visit(hir, &mut |h| {
        if let HirKind::Repetition(rep) = h.kind() {
            let bound = rep.max.unwrap_or(rep.min);
            if !is_trivial(&rep.sub) {
                max = max.max(bound);
            }
        }
    });
    (max > SLOW_REPETITION)
        .then(|| format!("it has a counted repetition of {max}, which makes the DFA huge; prefer a detector"))
}

fn is_trivial(hir: &Hir) -> bool {
    matches!(hir.kind(), HirKind::Literal(_) | HirKind::Empty)
}

/// The names of a regex's capture groups by index, as a compiled regex's
/// group info gives them: `None` for the whole match (group 0) and for
/// unnamed groups.
pub fn capture_names(hir: &Hir) -> Vec<Option<String>> {
    let mut names = vec![None];
    visit(hir, &mut |h| {
        if let HirKind::Capture(cap) = h.kind() {
            let i = cap.index as usize;
            if names.len() <= i {
                names.resize(i + 1, None);
            }
            names[i] = cap.name.as_deref().map(str::to_string);
        }
    });
    names
}

fn visit(hir: &Hir, f: &mut dyn FnMut(&Hir)) {
    f(hir);
    match hir.kind() {
        HirKind::Repetition(rep) => visit(&rep.sub, f),
        HirKind::Capture(cap) => visit(&cap.sub, f),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().for_each(|s| visit(s, f)),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {}
    }
}

fn ascii_boundary(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

/// Drops anchors (they become empty matches); keeps word boundaries ASCII.
fn relax(look: Look) -> Option<Look> {
    match look {
        Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF => None,
        other => Some(ascii_boundary(other)),
    }
}

/// Rebuilds `hir` with every look-around assertion mapped by `map`
/// (`None` removes it).
fn rewrite(hir: Hir, map: &dyn Fn(Look) -> Option<Look>) -> Hir {
    match hir.into_kind() {
        HirKind::Look(look) => map(look).map_or_else(Hir::empty, Hir::look),
        HirKind::Repetition(rep) => {
            Hir::repetition(hir::Repetition { sub: Box::new(rewrite(*rep.sub, map)), ..rep })
        }
        HirKind::Capture(cap) => Hir::capture(hir::Capture { sub: Box::new(rewrite(*cap.sub, map)), ..cap }),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(|s| rewrite(s, map)).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(|s| rewrite(s, map)).collect()),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => Hir::literal(lit.0),
        HirKind::Class(class) => Hir::class(class),
    }
}

fn strip_captures(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Capture(cap) => strip_captures(*cap.sub),
        HirKind::Repetition(rep) => {
            Hir::repetition(hir::Repetition { sub: Box::new(strip_captures(*rep.sub)), ..rep })
        }
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(strip_captures).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(strip_captures).collect()),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => Hir::literal(lit.0),
        HirKind::Class(class) => Hir::class(class),
        HirKind::Look(look) => Hir::look(look),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::{Input, PatternSet};

    #[test]
    fn word_boundaries_become_ascii_by_default() {
        let hir = parse(r"\bfoo\b", false).unwrap();
        assert!(!hir.properties().look_set().contains_word_unicode());
        assert!(hir.properties().look_set().contains_word_ascii());
        let hir = parse(r"\bfoo\b", true).unwrap();
        assert!(hir.properties().look_set().contains_word_unicode());
    }

    #[test]
    fn prefilter_matches_wherever_an_anchored_regex_could() {
        let hirs = [parse(r"^Leave a Reply$", false).unwrap(), parse(r"(?m)^Tags:", false).unwrap()];
        let pre = compile_prefilter(&hirs).unwrap();
        let mut set = PatternSet::new(pre.pattern_len());
        pre.which_overlapping_matches(&Input::new("Body.\nLeave a Reply\nMore"), &mut set);
        assert!(set.contains(regex_automata::PatternID::ZERO));
        assert!(!set.contains(regex_automata::PatternID::must(1)));
    }

    #[test]
    fn slowness_is_reported_for_unicode_boundaries_and_big_repetitions() {
        assert!(slowness(&parse(r"\bx\b", true).unwrap(), true).is_some());
        assert!(slowness(&parse(r"[^.]{350,}", false).unwrap(), false).is_some());
        assert!(slowness(&parse(r"\b\w+ - \w+\b", false).unwrap(), false).is_none());
    }

    #[test]
    fn bad_regex_is_an_error_with_the_pattern() {
        let err = parse(r"(unclosed", false).unwrap_err();
        assert!(err.contains("(unclosed"), "{err}");
    }
}
