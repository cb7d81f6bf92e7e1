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
    factor(hir).best.map(|set| tidy(set, contains))
}

/// The literals of `set`, sorted, without repeats, and without those that
/// `covers` one of the others: a text containing `news articles` contains
/// `news`, so only the shorter is searched for.
fn tidy(set: Set, covers: impl Fn(&[u8], &[u8]) -> bool) -> Vec<Vec<u8>> {
    let mut lits = set.lits;
    lits.sort();
    lits.dedup();
    let keep: Vec<bool> =
        lits.iter().map(|l| !lits.iter().any(|s| s.len() < l.len() && covers(l, s))).collect();
    let mut keep = keep.into_iter();
    lits.retain(|_| keep.next().unwrap_or(true));
    lits
}

/// Where the literals that gate a regex sit in its matches.
#[derive(Debug, PartialEq, Eq)]
pub enum Literals {
    /// Every match contains one of them (see [`required_literals`]).
    Within(Vec<Vec<u8>>),
    /// Every match starts with one of them: the regex need only be tried,
    /// anchored, where one starts.
    Start(Vec<Vec<u8>>),
}

/// How to gate `hir`: on the literals its matches start with when they are
/// rare enough, and at least as rare as those it contains; else on those
/// it contains; `None` when there is no useful set.
pub fn gate_literals(hir: &Hir) -> Option<Literals> {
    let Factor { best, prefix, .. } = factor(hir);
    // Where a match starts with `announced that`, it starts with `announce`:
    // short literals, fewer of them once repeats go, keep the automaton of
    // all the gates small.
    let mut lits: Vec<Vec<u8>> =
        prefix.lits.into_iter().map(|l| l[..l.len().min(START_LEN)].to_vec()).collect();
    lits.sort();
    lits.dedup();
    let prefix = Set { lits };
    let rank = |s: &Set| s.score().0;
    let starts = prefix.usable()
        && prefix.rarity() >= MIN_START_RARITY
        && best.as_ref().is_none_or(|b| rank(&prefix) >= rank(b));
    if starts {
        // Where a match starts with `read more`, it starts with `read`.
        return Some(Literals::Start(tidy(prefix, <[u8]>::starts_with)));
    }
    best.map(|set| Literals::Within(tidy(set, contains)))
}

/// A start set must be this rare ([`Set::rarity`]): each try is a search
/// of its own.
const MIN_START_RARITY: usize = 3;

/// Start literals are cut to this many bytes.
const START_LEN: usize = 8;

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
        self.lits.iter().map(|l| strength(l)).min().unwrap_or(0)
    }

    /// How rare the commonest literal is likely to be in news text: its
    /// strength, except that a literal made of one of the commonest words
    /// (` the `, `in the `) or of a comma or full stop and a space is found
    /// on nearly every line, however long it is: it ranks with the short
    /// letter strings.
    fn rarity(&self) -> usize {
        self.lits.iter().map(|l| if is_common(l) { 2 } else { strength(l) }).min().unwrap_or(0)
    }

    /// Higher is better: a rarer commonest literal, then fewer literals,
    /// then longer ones.
    fn score(&self) -> (usize, std::cmp::Reverse<usize>, usize) {
        (self.rarity().min(MAX_STRENGTH), std::cmp::Reverse(self.lits.len()), self.strength())
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

/// How selective one literal is, roughly its length.
fn strength(lit: &[u8]) -> usize {
    match lit {
        [b] if RARE_BYTES.contains(b) => 2,
        // Short letter strings (`ap`, `di`) hide inside common words.
        l if l.iter().all(|b| b.is_ascii_alphabetic() || *b == b' ') => l.len().saturating_sub(1),
        l => l.len(),
    }
}

/// Whether `lit` holds `part` anywhere.
fn contains(lit: &[u8], part: &[u8]) -> bool {
    lit.windows(part.len()).any(|w| w == part)
}

/// Words so frequent in news text that a literal made of one of them (and
/// spaces) gates nothing: ` the `, `with `.
const COMMON_WORDS: &[&[u8]] = &[
    b"a", b"an", b"and", b"are", b"as", b"at", b"be", b"but", b"by", b"for", b"from", b"had", b"has",
    b"have", b"he", b"her", b"his", b"in", b"is", b"it", b"its", b"not", b"of", b"on", b"or", b"she",
    b"that", b"the", b"they", b"this", b"to", b"was", b"we", b"were", b"which", b"who", b"will", b"with",
    b"would",
];

/// Articles: after a preposition they make a pair as common as one word
/// (`in the `, ` of a `).
const ARTICLES: &[&[u8]] = &[b"a", b"an", b"the"];

/// Whether `lit` (lower-cased) is one of [`COMMON_WORDS`], or one and an
/// article, with spaces (`of the`, not `the a`); or a comma, colon or full
/// stop and a space.
fn is_common(lit: &[u8]) -> bool {
    if matches!(lit, b", " | b". " | b": ") {
        return true;
    }
    if !lit.iter().all(|&b| b == b' ' || b.is_ascii_alphabetic()) {
        return false;
    }
    let words: Vec<&[u8]> = lit.split(|&b| b == b' ').filter(|w| !w.is_empty()).collect();
    match words.as_slice() {
        [w] => COMMON_WORDS.contains(w),
        [w, article] => COMMON_WORDS.contains(w) && !ARTICLES.contains(w) && ARTICLES.contains(article),
        _ => false,
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
    /// For a piece that may match nothing (`(?:to )?`): the prefix and the
    /// suffix of its other matches, so that a concatenation's edge can be
    /// the piece's or, without it, the next piece's (`(?:to )?read` starts
    /// with `to read` or `read`).
    optional: Option<Optional>,
}

/// The edges of a piece's matches but the empty one.
struct Optional {
    prefix: Set,
    suffix: Set,
    /// Whether those are the whole matches (`(?:to )?`): the walk along
    /// an edge can go on past the piece.
    exact: bool,
}

impl Factor {
    fn exact(set: Set) -> Factor {
        let best = set.usable().then(|| set.clone());
        Factor { exact: Some(set.clone()), best, prefix: set.clone(), suffix: set, optional: None }
    }

    fn opaque() -> Factor {
        Factor { exact: None, best: None, prefix: Set::empty(), suffix: Set::empty(), optional: None }
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
                (0, max) => {
                    let optional = match sub.exact {
                        Some(e) => Optional { prefix: e.clone(), suffix: e, exact: max == Some(1) },
                        None => Optional { prefix: sub.prefix, suffix: sub.suffix, exact: false },
                    };
                    Factor { optional: Some(optional), ..Factor::opaque() }
                }
                (1, Some(1)) => sub,
                // One or more copies: a match starts as the first copy
                // starts and ends as the last one ends.
                _ => Factor {
                    exact: None,
                    best: sub.best,
                    prefix: sub.prefix,
                    suffix: sub.suffix,
                    optional: None,
                },
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
            Factor {
                best: better(best, exact.clone().filter(Set::usable)),
                exact,
                prefix,
                suffix,
                optional: None,
            }
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
    let forward: Vec<&Factor> = factors.iter().collect();
    let backward: Vec<&Factor> = factors.iter().rev().collect();
    let prefix = edge(&forward, Set::empty(), &|f| &f.prefix, &|o| &o.prefix, &|a, b| a.product(b));
    let suffix = edge(&backward, Set::empty(), &|f| &f.suffix, &|o| &o.suffix, &|a, b| b.product(a));
    Factor { exact, best: better(best, Some(run).filter(Set::usable)), prefix, suffix, optional: None }
}

/// What every match of a concatenation starts with (or, walked backwards
/// with `join` flipped, ends with): `known` so far, then the exact pieces
/// from that edge multiplied out, then the edge set of the first piece that
/// is not exact. A piece that may match nothing splits the walk in two:
/// with it (its other matches' edge, and there the walk stops) and without
/// it. Where a set would grow too large, the walk stops at what it knows.
fn edge(
    pieces: &[&Factor],
    mut known: Set,
    edge_of: &dyn Fn(&Factor) -> &Set,
    optional_edge: &dyn Fn(&Optional) -> &Set,
    join: &dyn Fn(&Set, &Set) -> Option<Set>,
) -> Set {
    for (i, f) in pieces.iter().enumerate() {
        if let (None, Some(optional)) = (&f.exact, &f.optional) {
            let rest = &pieces[i + 1..];
            let with = join(&known, optional_edge(optional)).map(|with| match optional.exact {
                true => edge(rest, with, edge_of, optional_edge, join),
                false => with,
            });
            let without = edge(rest, known.clone(), edge_of, optional_edge, join);
            return with.and_then(|w| w.union(without)).unwrap_or(known);
        }
        let Some(next) = join(&known, f.exact.as_ref().unwrap_or(edge_of(f))) else { break };
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

    #[test]
    fn literals_of_the_commonest_words_lose_to_rarer_ones() {
        // ` the ` is on most lines; ` minute` is not.
        assert_eq!(lits(r"\b(?:[Aa]t|[Ii]n) the \d{1,3} minutes?\b"), Some(vec![" minute".into()]));
        assert_eq!(lits(r"\b(?:[Ii]n|of) the \d0s years"), Some(vec!["0s years".into()]));
        // Common words in a rare order are rare.
        assert_eq!(lits(r"\bthe the\b"), Some(vec!["the the".into()]));
    }

    fn gate_of(pattern: &str) -> Option<Literals> {
        gate_literals(&crate::rules::regex::parse(pattern, false).unwrap())
    }

    fn strings(lits: &[&str]) -> Vec<Vec<u8>> {
        lits.iter().map(|l| l.as_bytes().to_vec()).collect()
    }

    #[test]
    fn a_regex_whose_matches_start_with_rare_literals_is_tried_where_they_start() {
        // An optional first word: matches start with it or with the next
        // (cut to eight bytes).
        assert_eq!(
            gate_of(r"(?m)^(?:[Tt]o )?[Rr]ead also\b"),
            Some(Literals::Start(strings(&["read als", "to read "])))
        );
        // `read more` starts with `read`: only the shorter is searched for.
        assert_eq!(gate_of(r"^(?:read|read more)\b"), Some(Literals::Start(strings(&["read"]))));
        // A common first word: the rarer literal inside gates instead.
        assert_eq!(gate_of(r"\bthe \w+ minutes?"), Some(Literals::Within(strings(&[" minute"]))));
        // A repeated optional piece ends the walk: a match may start
        // `xyzwxyzw`, so `xyzw` is all that is known, not `xyzwtail`.
        assert_eq!(gate_of(r"(?:xyzw)*tail\b"), Some(Literals::Start(strings(&["tail", "xyzw"]))));
    }

    /// Every match of every built-in regex, in every line, paragraph and
    /// whole text of every rule example and defect fixture, contains one of
    /// the regex's required literals, and starts with one of its start
    /// literals when it has them: the gate never hides a match.
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
        let (mut gated, mut starts) = (0, 0);
        for hir in regexes {
            let re = crate::rules::regex::compile(hir).unwrap();
            let pattern = hir.to_string();
            let set = required_literals(hir);
            let start = match gate_literals(hir) {
                Some(Literals::Start(lits)) => Some(lits),
                _ => None,
            };
            gated += usize::from(set.is_some());
            starts += usize::from(start.is_some());
            for hay in &haystacks {
                for m in re.find_iter(*hay) {
                    let found = hay[m.range()].to_ascii_lowercase();
                    if let Some(set) = &set {
                        assert!(
                            set.iter().any(|l| contains(found.as_bytes(), l)),
                            "{pattern}: `{found}` holds none of its literals"
                        );
                    }
                    if let Some(start) = &start {
                        assert!(
                            start.iter().any(|l| found.as_bytes().starts_with(l)),
                            "{pattern}: `{found}` starts with none of its literals"
                        );
                    }
                }
            }
        }
        assert!(gated > 40, "only {gated} regexes have literals");
        assert!(starts > 40, "only {starts} regexes start with literals");
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
            assert!(set.iter().any(|l| contains(m.as_bytes(), l)), "{pattern}");
        }
    }
}
