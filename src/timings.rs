//! `--timings`: where a run's time goes, rule by rule, like ESLint's
//! `TIMING=1`. A rule author sees which rule makes a corpus slow without a
//! profiler; the numbers in the README's performance section come from it.
//!
//! Each worker adds the time it spent in a rule on a document to that rule's
//! counter, so a row is the rule's time summed over threads. Off, it costs
//! one branch per rule per document.

use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Rows besides the rules': shared work no single rule owns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shared {
    /// The literal gate and the shared DFA, one scan per document for all
    /// pattern rules.
    Prefilter,
    /// Merging each document's corpus observations, in the sink.
    CorpusMerge,
    /// Sorting, grouping and reporting the corpus findings at the end.
    CorpusFinish,
}

impl Shared {
    const ALL: [Shared; 3] = [Shared::Prefilter, Shared::CorpusMerge, Shared::CorpusFinish];

    fn label(self) -> &'static str {
        match self {
            Shared::Prefilter => "(shared prefilter scans)",
            Shared::CorpusMerge => "(corpus pass: merge)",
            Shared::CorpusFinish => "(corpus pass: finish and report)",
        }
    }
}

/// A row of the table.
#[derive(Clone, Copy, Debug)]
pub enum Row {
    /// A rule, by its index in the linter.
    Rule(usize),
    Shared(Shared),
}

/// Runs `f`, adding its time to `row` when the run is timed.
pub fn timed<R>(timings: Option<&Timings>, row: Row, f: impl FnOnce() -> R) -> R {
    let Some(t) = timings else { return f() };
    let began = Instant::now();
    let result = f();
    t.since(row, began);
    result
}

/// Nanoseconds per rule, then per [`Shared`] row.
pub struct Timings {
    nanos: Box<[AtomicU64]>,
    rules: usize,
}

impl Timings {
    pub fn new(rules: usize) -> Timings {
        Timings { nanos: (0..rules + Shared::ALL.len()).map(|_| AtomicU64::new(0)).collect(), rules }
    }

    /// Adds the time since `since` to `row`.
    pub fn since(&self, row: Row, since: Instant) {
        self.add(self.index(row), since.elapsed());
    }

    fn index(&self, row: Row) -> usize {
        match row {
            Row::Rule(i) => i,
            Row::Shared(s) => self.rules + s as usize,
        }
    }

    fn add(&self, row: usize, time: Duration) {
        let nanos = u64::try_from(time.as_nanos()).unwrap_or(u64::MAX);
        self.nanos[row].fetch_add(nanos, Ordering::Relaxed);
    }

    /// The rows with time spent, slowest first: (label, time).
    pub fn rows<'a>(&self, rule_ids: &[&'a str]) -> Vec<(&'a str, Duration)> {
        let labels = rule_ids.iter().copied().chain(Shared::ALL.iter().map(|s| s.label()));
        let mut rows: Vec<(&str, Duration)> = labels
            .zip(self.nanos.iter())
            .map(|(label, n)| (label, Duration::from_nanos(n.load(Ordering::Relaxed))))
            .filter(|(_, t)| !t.is_zero())
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        rows
    }

    /// The table, slowest first, with each row's share of the total.
    pub fn render(&self, rule_ids: &[&str], wall: Duration, out: &mut dyn Write) -> io::Result<()> {
        let rows = self.rows(rule_ids);
        let total: Duration = rows.iter().map(|r| r.1).sum();
        let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0).max("Rule".len());
        writeln!(out, "{:width$}  {:>10}  {:>8}", "Rule", "Time (ms)", "Relative")?;
        for (label, time) in &rows {
            let share = 100.0 * time.as_secs_f64() / total.as_secs_f64().max(f64::MIN_POSITIVE);
            writeln!(out, "{label:width$}  {:>10.1}  {share:>7.1}%", time.as_secs_f64() * 1e3)?;
        }
        writeln!(
            out,
            "{:width$}  {:>10.1}  (summed over threads; wall time {:.1} ms)",
            "total",
            total.as_secs_f64() * 1e3,
            wall.as_secs_f64() * 1e3
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_sorted_and_skip_idle_rules() {
        let t = Timings::new(3);
        t.add(0, Duration::from_millis(2));
        t.add(2, Duration::from_millis(5));
        t.add(2, Duration::from_millis(1));
        t.add(3 + Shared::Prefilter as usize, Duration::from_millis(3));
        let rows = t.rows(&["a", "b", "c"]);
        let labels: Vec<&str> = rows.iter().map(|r| r.0).collect();
        assert_eq!(labels, ["c", "(shared prefilter scans)", "a"]);
        assert_eq!(rows[0].1, Duration::from_millis(6));
    }

    #[test]
    fn the_table_has_a_row_per_busy_rule_and_a_total() {
        let t = Timings::new(2);
        t.add(1, Duration::from_millis(30));
        t.add(0, Duration::from_millis(10));
        let mut out = Vec::new();
        t.render(&["first", "second"], Duration::from_millis(50), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert!(lines[1].starts_with("second") && lines[1].ends_with("75.0%"), "{text}");
        assert!(lines[2].starts_with("first") && lines[2].ends_with("25.0%"), "{text}");
        assert!(lines[3].starts_with("total") && lines[3].contains("40.0"), "{text}");
    }
}
