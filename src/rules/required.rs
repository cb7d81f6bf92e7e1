//! Required literals: strings one of which every match of a regex contains.
//!
//! `(?i)^(?:\S+\s+){3,}\S+\s+[-–—|]\s*(?:politics|world news|sport)$` can
//! only match a line that contains `politics`, `world news` or `sport` (in
//! any ASCII case). The engine searches the document once for the required
//! literals of every regex (one Aho-Corasick automaton) and runs each regex
//! only over the units that contain one of its literals. That matters for
//! regexes the DFA prefilter cannot rule out cheaply: whole-line patterns
//! that keep the DFA alive to the end of every line.
//!
//! The extraction walks the HIR. Runs of exact pieces (literals, small
//! classes, alternations of those) are multiplied out into literals; a
//! repetition of one or more copies lends its first and last piece to its
//! neighbours (`\w[ \x{A0}]+,` requires ` ,` or `\u{A0},`); a
//! concatenation keeps the best candidate among its runs and its children.
//! Everything is lower-cased, because the search is ASCII case-insensitive:
//! the set may over-approximate (which only costs speed), never miss. A set
//! is only used when each literal has two bytes or more (three for plain
//! letters, or a byte as rare in prose as `|`); a gate on `-`, `e` or `ap`
//! would let nearly every line through and cost more than it saves.

use regex_syntax::hir::{Class, Hir, HirKind};

/// A class with more characters than this is not expanded...
const MAX_CLASS: usize = 8;
/// ...unless it is all whitespace (`\s` has 25 characters): spaces glue
/// punctuation into rare literals (` —`, ` ;`); or all non-ASCII, whose
/// characters are literals of two bytes or more, rare in English prose
/// (Arabic-Indic digits, `[٠-٩۰-۹]`).
const MAX_WIDE_CLASS: usize = 32;
/// A literal set is abandoned when it grows past this.
const MAX_SET: usize = 500;
/// Literals this strong are all rare enough: among sets at least this
/// strong, the smaller set wins (`image` over `image` followed by each of
/// 25 spaces).
const MAX_STRENGTH: usize = 4;
/// Single bytes rare enough in prose to gate a regex; any other literal
/// needs at least two bytes.
const RARE_BYTES: &[u8] = b"|/<>[]{}#@*_~^\\=+?";

/// Literals (lower-cased) one of which every match of `hir` contains, or
/// `None` when no useful set exists.
pub fn required_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let set = factor(hir).best?;
    let mut lits = set.lits;
    lits.sort();
    lits.dedup();
    // A text containing `news articles` contains `news`: keep the shortest.
    let keep: Vec<bool> = lits
        .iter()
        .map(|l| !lits.iter().any(|s| s.len() < l.len() && l.windows(s.len()).any(|w| w == s.as_slice())))
        .collect();
    let mut keep = keep.into_iter();
    lits.retain(|_| keep.next().unwrap_or(true));
    Some(lits)
}

/// Literals, every one of them at least `MIN_LEN` bytes when used as a gate.
#[derive(Clone, Debug)]
struct Set {
    lits: Vec<Vec<u8>>,
}

impl Set {
    fn one(lit: Vec<u8>) -> Set {
        Set { lits: vec![lit] }
    }

    /// How selective the weakest literal is, roughly its length.
    fn strength(&self) -> usize {
        let strength = |l: &Vec<u8>| match l.as_slice() {
            [b] if RARE_BYTES.contains(b) => 2,
            // Short letter strings (`ap`, `di`) hide inside common words.
            l if l.iter().all(|b| b.is_ascii_alphabetic() || *b == b' ') => l.len().saturating_sub(1),
            l => l.len(),
        };
        self.lits.iter().map(strength).min().unwrap_or(0)
    }

    /// Higher is better: a stronger weakest literal, then fewer literals.
    fn score(&self) -> (usize, std::cmp::Reverse<usize>) {
        (self.strength().min(MAX_STRENGTH), std::cmp::Reverse(self.lits.len()))
    }

    fn usable(&self) -> bool {
        self.strength() >= 2 && self.lits.len() <= MAX_SET
    }

    fn product(&self, next: &Set) -> Option<Set> {
        if self.lits.len() * next.lits.len() > MAX_SET {
            return None;
        }
        let lits = self
            .lits
            .iter()
            .flat_map(|a| next.lits.iter().map(move |b| [a.as_slice(), b].concat()))
            .collect();
        Some(Set { lits })
    }

    fn union(mut self, other: Set) -> Option<Set> {
        self.lits.extend(other.lits);
        (self.lits.len() <= MAX_SET).then_some(self)
    }
}

/// What a sub-expression contributes.
struct Factor {
    /// Set when the expression matches exactly one of these strings (up to
    /// ASCII case), so it can be glued to its neighbours.
    exact: Option<Set>,
    /// The best usable set every match contains.
    best: Option<Set>,
    /// Every match starts with one of these (`{""}` when nothing is known):
    /// `[ \x{A0}]+` starts with a space or a no-break space, so
    /// `x[ \x{A0}]+` contains `x ` or `x\u{A0}`.
    prefix: Set,
    /// Every match ends with one of these (`{""}` when nothing is known).
    suffix: Set,
}

impl Factor {
    fn exact(set: Set) -> Factor {
        let best = set.usable().then(|| set.clone());
        Factor { exact: Some(set.clone()), best, prefix: set.clone(), suffix: set }
    }

    fn opaque() -> Factor {
        Factor { exact: None, best: None, prefix: Set::empty(), suffix: Set::empty() }
    }
}

impl Set {
    /// The set of the empty string: says nothing.
    fn empty() -> Set {
        Set::one(Vec::new())
    }
}

fn better(a: Option<Set>, b: Option<Set>) -> Option<Set> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.score() > a.score() { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn factor(hir: &Hir) -> Factor {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Factor::exact(Set::empty()),
        HirKind::Literal(lit) => Factor::exact(Set::one(lit.0.to_ascii_lowercase())),
        HirKind::Class(class) => class_set(class).map_or_else(Factor::opaque, Factor::exact),
        HirKind::Capture(cap) => factor(&cap.sub),
        HirKind::Repetition(rep) => {
            let sub = factor(&rep.sub);
            match (rep.min, rep.max) {
                (0, _) => Factor::opaque(),
                (1, Some(1)) => sub,
                // One or more copies: a match starts as the first copy
                // starts and ends as the last one ends.
                _ => Factor { exact: None, best: sub.best, prefix: sub.prefix, suffix: sub.suffix },
            }
        }
        HirKind::Alternation(alts) => {
            let factors: Vec<Factor> = alts.iter().map(factor).collect();
            let exact = factors
                .iter()
                .map(|f| f.exact.clone())
                .try_fold(Set { lits: Vec::new() }, |acc, s| acc.union(s?));
            let union = |edge: &dyn Fn(&Factor) -> &Set| {
                factors
                    .iter()
                    .try_fold(Set { lits: Vec::new() }, |acc, f| acc.union(edge(f).clone()))
                    .unwrap_or_else(Set::empty)
            };
            let (prefix, suffix) = (union(&|f| &f.prefix), union(&|f| &f.suffix));
            // A match contains a literal of whichever branch matched.
            let best = factors
                .into_iter()
                .map(|f| better(f.best, f.exact.filter(Set::usable)))
                .try_fold(Set { lits: Vec::new() }, |acc, s| acc.union(s?))
                .filter(Set::usable);
            Factor { best: better(best, exact.clone().filter(Set::usable)), exact, prefix, suffix }
        }
        HirKind::Concat(subs) => concat(subs),
    }
}

fn concat(subs: &[Hir]) -> Factor {
    let factors: Vec<Factor> = subs.iter().map(factor).collect();
    let mut best: Option<Set> = None;
    let mut run = Set::empty();
    let mut all_exact = true;
    for f in &factors {
        best = better(best, f.best.clone());
        match &f.exact {
            Some(e) => match run.product(e) {
                Some(p) => run = p,
                None => {
                    // Too many combinations: keep the run so far, restart.
                    best = better(best, Some(run).filter(Set::usable));
                    all_exact = false;
                    run = e.clone();
                }
            },
            None => {
                // The run ends where this piece starts: it is followed by
                // one of the piece's prefixes, and the next run starts with
                // one of its suffixes.
                let joined = run.product(&f.prefix);
                best = better(best, Some(run).filter(Set::usable));
                best = better(best, joined.filter(Set::usable));
                all_exact = false;
                run = f.suffix.clone();
            }
        }
    }
    let exact = if all_exact { Some(run.clone()) } else { None };
    let prefix = edge(factors.iter(), |f| &f.prefix, |a, b| a.product(b));
    let suffix = edge(factors.iter().rev(), |f| &f.suffix, |a, b| b.product(a));
    Factor { exact, best: better(best, Some(run).filter(Set::usable)), prefix, suffix }
}

/// What every match of a concatenation starts with (or, walked backwards
/// with `join` flipped, ends with): the exact pieces from that edge
/// multiplied out, then the edge set of the first piece that is not exact.
fn edge<'f>(
    mut pieces: impl Iterator<Item = &'f Factor>,
    edge_set: impl Fn(&Factor) -> &Set,
    join: impl Fn(&Set, &Set) -> Option<Set>,
) -> Set {
    let mut known = Set::empty();
    for f in pieces.by_ref() {
        let Some(next) = join(&known, f.exact.as_ref().unwrap_or(edge_set(f))) else { break };
        known = next;
        if f.exact.is_none() {
            break;
        }
    }
    known
}

/// The characters of a small class, lower-cased and encoded.
fn class_set(class: &Class) -> Option<Set> {
    let mut lits: Vec<Vec<u8>> = Vec::new();
    match class {
        Class::Unicode(c) => {
            let size: u32 = c.ranges().iter().map(|r| r.end() as u32 - r.start() as u32 + 1).sum();
            if size > MAX_WIDE_CLASS as u32 {
                return None;
            }
            for ch in c.ranges().iter().flat_map(|r| r.start()..=r.end()) {
                let mut buf = [0; 4];
                lits.push(ch.encode_utf8(&mut buf).as_bytes().to_ascii_lowercase());
            }
        }
        Class::Bytes(c) => {
            for range in c.ranges() {
                for b in range.start()..=range.end() {
                    lits.push(vec![b.to_ascii_lowercase()]);
                    if lits.len() > MAX_CLASS * 2 {
                        return None;
                    }
                }
            }
        }
    }
    lits.sort();
    lits.dedup();
    let spaces =
        lits.iter().all(|l| std::str::from_utf8(l).is_ok_and(|s| s.chars().all(char::is_whitespace)));
    let wide = lits.iter().all(|l| l.len() >= 2);
    let limit = if spaces || wide { MAX_WIDE_CLASS } else { MAX_CLASS };
    (lits.len() <= limit).then_some(Set { lits })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(pattern: &str) -> Option<Vec<String>> {
        let hir = crate::rules::regex::parse(pattern, false).unwrap();
        required_literals(&hir).map(|v| v.into_iter().map(|l| String::from_utf8(l).unwrap()).collect())
    }

    #[test]
    fn classes_of_wide_characters_expand() {
        let digits = lits(r"[A-Za-z]{2}[^\n٠-٩۰-۹]*(?P<flag>[٠-٩۰-۹]+)").unwrap();
        assert_eq!(digits.len(), 20, "{digits:?}");
        assert!(digits.contains(&"۳".to_string()));
        // Plain letters stay unexpanded.
        assert_eq!(lits(r"[a-m]+[n-z]+"), None);
    }

    #[test]
    fn plain_and_case_insensitive_literals() {
        assert_eq!(lits("Leave a Reply"), Some(vec!["leave a reply".into()]));
        // `(?i)s` also matches `ſ` (U+017F), so its variants are kept.
        let got = lits("(?i)^all rights reserved$").unwrap();
        assert!(got.contains(&"all rights reserved".to_string()), "{got:?}");
        assert!(got.iter().all(|l| l.replace('ſ', "s") == "all rights reserved"), "{got:?}");
    }

    #[test]
    fn alternations_give_one_literal_per_branch() {
        let got = lits(r"^(?:\S+\s+){3,}\S+\s+[-|]\s*(?:politics|world news|sport|news)$").unwrap();
        assert_eq!(got, vec!["news", "politics", "sport"], "`world news` contains `news`");
    }

    #[test]
    fn the_longest_piece_of_a_concatenation_wins() {
        assert_eq!(lits(r"\d+ min read"), Some(vec![" min read".into()]));
        assert_eq!(lits(r"\bSource:\s*\w+"), Some(vec!["source:".into()]));
    }

    #[test]
    fn small_classes_multiply_out() {
        assert_eq!(lits("[“”]said"), Some(vec!["“said".into(), "”said".into()]));
    }

    #[test]
    fn nothing_useful_gives_none() {
        assert_eq!(lits(r"\p{Lu}\p{Ll}+"), None);
        assert_eq!(lits(r"(?:foo)?\w+"), None);
        assert_eq!(lits(r"a|\w+"), None);
        assert_eq!(lits(r"\w-\w"), None, "too common to gate");
        assert_eq!(lits(r"\w+ \| \w+"), Some(vec![" | ".into()]));
        assert_eq!(lits(r"\w+\|\w+"), Some(vec!["|".into()]));
    }

    #[test]
    fn repetitions_lend_their_edges_to_their_neighbours() {
        // `[ \x{A0}]+,` ends with a space or a no-break space, then the comma.
        assert_eq!(lits(r"\w[ \x{A0}]+,"), Some(vec![" ,".into(), "\u{A0},".into()]));
        // Whitespace classes (25 characters in `\s`) multiply out: ` —` and
        // its 24 siblings, rarer than `afp`. (`. ` is not glued to them:
        // the first and the last space of `\s+` may differ.)
        let got = lits(r"[.!?]\s+—\s*AFP$").unwrap();
        assert_eq!(got.len(), 25);
        assert!(got.contains(&" —".to_string()) && got.contains(&"\u{2003}—".to_string()), "{got:?}");
        // An optional piece (`\s*`) lends nothing: `x` then `y` need not touch.
        assert_eq!(lits(r"\w+<a\s*b>\w+"), Some(vec!["<a".into()]));
    }

    /// Every match of every built-in regex, in every line, paragraph and
    /// whole text of every rule example and defect fixture, contains one of
    /// the regex's required literals: the gate never hides a match.
    #[test]
    fn builtin_regexes_never_match_without_their_literals() {
        let sources = crate::rules::builtin_sources();
        let rules = crate::rules::load(&sources, &Default::default()).expect("built-in rules load");
        let mut texts: Vec<String> = Vec::new();
        let mut regexes: Vec<&Hir> = Vec::new();
        for rule in &rules {
            if let crate::rules::Matcher::Pattern(m) = &rule.matcher {
                regexes.extend(&m.hirs);
            }
            texts.extend(rule.examples.iter().map(|e| e.text.clone()));
        }
        let defects = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/defects");
        for entry in std::fs::read_dir(defects).unwrap() {
            texts.extend(std::fs::read_to_string(entry.unwrap().path()).ok());
        }
        let haystacks: Vec<&str> =
            texts.iter().flat_map(|t| t.split('\n').chain(t.split("\n\n")).chain([t.as_str()])).collect();
        let mut gated = 0;
        for hir in regexes {
            let Some(set) = required_literals(hir) else { continue };
            gated += 1;
            let re = crate::rules::regex::compile(hir).unwrap();
            let pattern = hir.to_string();
            for hay in &haystacks {
                for m in re.find_iter(*hay) {
                    let found = hay[m.range()].to_ascii_lowercase();
                    assert!(
                        set.iter().any(|l| found.as_bytes().windows(l.len()).any(|w| w == l.as_slice())),
                        "{pattern}: `{found}` holds none of its literals"
                    );
                }
            }
        }
        assert!(gated > 40, "only {gated} regexes have literals");
    }

    #[test]
    fn every_match_contains_a_required_literal() {
        let cases = [
            (r"(?i)\bvice (?:secretary|minister) of state\b", "The Vice Secretary of State said"),
            (r"^[A-Z][a-z]+ - (?:AFP|Reuters|dpa)$", "Geneva - Reuters"),
            (r"(?i)copyright\s*(?:©|\(c\)|20\d\d)", "COPYRIGHT (c) 2020"),
        ];
        for (pattern, text) in cases {
            let hir = crate::rules::regex::parse(pattern, false).unwrap();
            let re = regex::Regex::new(pattern).unwrap();
            let m = re.find(text).expect("test text matches").as_str().to_ascii_lowercase();
            let set = required_literals(&hir).expect("has literals");
            assert!(
                set.iter().any(|l| m.as_bytes().windows(l.len()).any(|w| w == l.as_slice())),
                "{pattern}"
            );
        }
    }
}
