//! The check pipeline shared by `newslint check` and `newslint filter`.
//!
//! Input is a lazy stream of items (files, chunks of huge files, JSONL
//! records). A reader thread groups them into batches bounded by count and
//! bytes; a driver thread lints each batch on all cores (rayon); the caller's
//! thread hands the results to the sink in input order. The three stages
//! overlap: while the sink prints one batch, the workers lint the next and the
//! reader prepares the one after, so neither I/O nor printing leaves the cores
//! idle. Channels between the stages hold one batch each, so at most five
//! batches are alive at once: memory is bounded by the batch size, never by
//! the corpus.

use std::io;

use rayon::prelude::*;

use crate::config::{Policy, Selection};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::input::Unit;
use crate::lint::{self, Linter};

/// Limits of one batch. Up to about four batches are alive at once (read,
/// queued, linted, printed), each with its text and its diagnostics: 4 MiB
/// keeps a defect-dense 200 MB file under 200 MB of RSS on 2 threads (8 MiB
/// peaked at 210 MB, 6 MiB at 192 MB). It costs that file 3-5% of wall
/// time: a batch then holds four 1 MiB chunks, which two threads balance
/// less evenly at a batch's end.
#[derive(Debug, Clone, Copy)]
pub struct Batching {
    pub max_items: usize,
    pub max_bytes: usize,
}

impl Default for Batching {
    fn default() -> Self {
        Batching { max_items: 512, max_bytes: 4 << 20 }
    }
}

/// Streams `items` through `work` in parallel; `sink` sees the results in
/// input order. Stops early (and stops the other stages) when `sink` fails.
pub fn ordered<T, R, E>(
    items: impl Iterator<Item = T> + Send,
    batching: Batching,
    weight: impl Fn(&T) -> usize + Send,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    std::thread::scope(|scope| {
        let (batch_tx, batch_rx) = crossbeam_channel::bounded::<Vec<T>>(1);
        let (done_tx, done_rx) = crossbeam_channel::bounded::<Vec<R>>(1);
        scope.spawn(move || {
            for batch in batches(items, batching, weight) {
                if batch_tx.send(batch).is_err() {
                    return;
                }
            }
        });
        let work = &work;
        scope.spawn(move || {
            for batch in batch_rx {
                let results: Vec<R> = batch.into_par_iter().map(work).collect();
                if done_tx.send(results).is_err() {
                    return;
                }
            }
        });
        // Returning drops `done_rx`: the driver's next send fails, it drops
        // `batch_rx`, and the reader's next send fails in turn.
        for results in done_rx {
            for r in results {
                sink(r)?;
            }
        }
        Ok(())
    })
}

/// Groups items into batches of at most `max_items`, closing a batch once its
/// weight reaches `max_bytes`.
pub fn batches<T>(
    items: impl Iterator<Item = T>,
    batching: Batching,
    weight: impl Fn(&T) -> usize,
) -> impl Iterator<Item = Vec<T>> {
    let mut items = items.peekable();
    std::iter::from_fn(move || {
        items.peek()?;
        let mut batch = Vec::new();
        let mut bytes = 0;
        for item in items.by_ref() {
            bytes += weight(&item);
            batch.push(item);
            if batch.len() >= batching.max_items || bytes >= batching.max_bytes {
                break;
            }
        }
        Some(batch)
    })
}

/// Everything needed to turn a unit into its final diagnostics: the rules,
/// the selection (for the reader's own diagnostics) and the per-path policy.
pub struct Checker {
    pub linter: Linter,
    pub selection: Selection,
    pub policy: Policy,
}

impl Checker {
    /// Lints a unit: the rules' diagnostics, the reader's, and the policy.
    pub fn check(&self, unit: &Unit) -> Vec<Diagnostic> {
        self.check_document(unit, &unit.document())
    }

    /// [`Checker::check`] with the unit's document already segmented (the
    /// corpus pass observes the same document).
    pub fn check_document(&self, unit: &Unit, doc: &Document<'_>) -> Vec<Diagnostic> {
        let mut diagnostics = self.linter.lint_document(doc);
        if !unit.system.is_empty() {
            // Findings on bytes that could not be decoded are noise.
            diagnostics.retain(|d| !unit.system.iter().any(|s| s.span.overlaps(d.span)));
            let selected = unit.system.iter().filter(|d| self.selection.selects(&d.rule, &d.category, true));
            diagnostics.extend(selected.cloned());
        }
        self.policy.apply(&unit.path, &mut diagnostics);
        lint::finish(&mut diagnostics);
        diagnostics
    }
}

/// Sets the size of the global thread pool (`--threads`); 0 means one per core.
pub fn set_threads(threads: usize) -> io::Result<()> {
    if threads == 0 {
        return Ok(());
    }
    rayon::ThreadPoolBuilder::new().num_threads(threads).build_global().map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_arrive_in_input_order_across_batches() {
        let mut seen = Vec::new();
        let batching = Batching { max_items: 7, max_bytes: usize::MAX };
        let r: Result<(), ()> = ordered(
            0..1000u32,
            batching,
            |_| 1,
            |x| x * 2,
            |x| {
                seen.push(x);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(seen, (0..1000).map(|x| x * 2).collect::<Vec<_>>());
    }

    #[test]
    fn a_failing_sink_stops_the_reader() {
        let mut n = 0;
        let batching = Batching { max_items: 10, max_bytes: usize::MAX };
        let r = ordered(
            0..u64::MAX,
            batching,
            |_| 1,
            |x| x,
            |_| {
                n += 1;
                if n == 25 { Err("stop") } else { Ok(()) }
            },
        );
        assert_eq!(r, Err("stop"));
    }

    #[test]
    fn batches_are_bounded_by_count_and_bytes() {
        let by_bytes = Batching { max_items: usize::MAX, max_bytes: 100 };
        let sizes: Vec<usize> =
            batches((0..10).map(|_| [0u8; 30]), by_bytes, |v| v.len()).map(|b| b.len()).collect();
        assert_eq!(sizes, [4, 4, 2]);
        let by_count = Batching { max_items: 3, max_bytes: usize::MAX };
        let sizes: Vec<usize> = batches(0..7, by_count, |_| 0).map(|b| b.len()).collect();
        assert_eq!(sizes, [3, 3, 1]);
        assert_eq!(batches(0..0, by_count, |_| 0).count(), 0);
    }
}
