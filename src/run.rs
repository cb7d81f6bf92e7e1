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
/// queued, linted, printed), each with its text and its diagnostics: 3 MiB
/// keeps a defect-dense 200 MB file under 200 MB of RSS on 2 threads (8 MiB
/// peaked at 210 MB, 6 MiB at 192 MB; as the rules grew, 4 MiB reached
/// 196-205 MB where 3 MiB peaks at 188-197 MB, in the same wall time). A
/// batch then holds twelve 256 KiB chunks of a huge file (see
/// `DEFAULT_CHUNK_SIZE`); 2 MiB batches of them took 20% more wall time.
#[derive(Debug, Clone, Copy)]
pub struct Batching {
    pub max_items: usize,
    pub max_bytes: usize,
    /// A batch is cut into groups of about this many bytes, the unit of
    /// parallel work: [`ordered_groups`] hands a whole group to one call.
    pub group_bytes: usize,
}

impl Default for Batching {
    /// Groups of up to 512 KiB: about a hundred records or small files,
    /// which the linter runs rule by rule (see [`Linter::lint_documents`]).
    /// Measured on 5 KB records, 2 threads: 32 KiB groups 1.30 s, 128 KiB
    /// 1.14 s, 512 KiB 1.11 s, 1 MiB 1.19 s, one item per group 1.45 s.
    fn default() -> Self {
        Batching { max_items: 512, max_bytes: 3 << 20, group_bytes: 512 << 10 }
    }
}

/// Streams `items` through `work` in parallel; `sink` sees the results in
/// input order. Stops early (and stops the other stages) when `sink` fails.
pub fn ordered<T, R, E>(
    items: impl Iterator<Item = T> + Send,
    batching: Batching,
    weight: impl Fn(&T) -> usize + Send + Sync,
    work: impl Fn(T) -> R + Sync,
    sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    let one_by_one = Batching { group_bytes: 0, ..batching };
    ordered_groups(items, one_by_one, weight, |group: Vec<T>| group.into_iter().map(&work).collect(), sink)
}

/// [`ordered`], with `work` taking a group of consecutive items (see
/// [`Batching::group_bytes`]) and returning one result per item, in order.
pub fn ordered_groups<T, R, E>(
    items: impl Iterator<Item = T> + Send,
    batching: Batching,
    weight: impl Fn(&T) -> usize + Send + Sync,
    work: impl Fn(Vec<T>) -> Vec<R> + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    std::thread::scope(|scope| {
        let (batch_tx, batch_rx) = crossbeam_channel::bounded::<Vec<T>>(1);
        let (done_tx, done_rx) = crossbeam_channel::bounded::<Vec<Vec<R>>>(1);
        let weight = &weight;
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
                // At least two groups per thread, so none waits for the last.
                let bytes: usize = batch.iter().map(weight).sum();
                let share = bytes / (2 * rayon::current_num_threads());
                let limit = Batching {
                    max_items: usize::MAX,
                    max_bytes: batching.group_bytes.min(share),
                    group_bytes: 0,
                };
                let groups: Vec<Vec<T>> = batches(batch.into_iter(), limit, weight).collect();
                let results: Vec<Vec<R>> = groups.into_par_iter().map(work).collect();
                if done_tx.send(results).is_err() {
                    return;
                }
            }
        });
        // Returning drops `done_rx`: the driver's next send fails, it drops
        // `batch_rx`, and the reader's next send fails in turn.
        for results in done_rx {
            for r in results.into_iter().flatten() {
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
        self.check_documents(&[unit], &[unit.document()]).pop().expect("one unit, one result")
    }

    /// [`Checker::check`] over a group of units, their documents already
    /// segmented (the corpus pass observes the same documents), linted rule
    /// by rule (see [`Linter::lint_documents`]).
    pub fn check_documents(&self, units: &[&Unit], docs: &[Document<'_>]) -> Vec<Vec<Diagnostic>> {
        let linted = self.linter.lint_documents(docs);
        units.iter().zip(linted).map(|(unit, diagnostics)| self.finish_unit(unit, diagnostics)).collect()
    }

    /// Adds the reader's diagnostics to the rules' and applies the policy.
    fn finish_unit(&self, unit: &Unit, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
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
        let batching = Batching { max_items: 7, max_bytes: usize::MAX, group_bytes: 0 };
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
    fn groups_are_bounded_and_results_stay_in_order() {
        let sizes = std::sync::Mutex::new(Vec::new());
        let mut seen = Vec::new();
        let batching = Batching { max_items: 100, max_bytes: usize::MAX, group_bytes: 10 };
        let r: Result<(), ()> = ordered_groups(
            0..1000u32,
            batching,
            |_| 1,
            |group: Vec<u32>| {
                sizes.lock().unwrap().push(group.len());
                group.into_iter().map(|x| x + 1).collect()
            },
            |x| {
                seen.push(x);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(seen, (1..=1000).collect::<Vec<_>>());
        let sizes = sizes.into_inner().unwrap();
        assert!(sizes.iter().all(|&n| (1..=10).contains(&n)), "{sizes:?}");
        assert!(sizes.len() >= 100, "every batch is cut into groups");
    }

    #[test]
    fn a_failing_sink_stops_the_reader() {
        let mut n = 0;
        let batching = Batching { max_items: 10, max_bytes: usize::MAX, group_bytes: 0 };
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
        let by_bytes = Batching { max_items: usize::MAX, max_bytes: 100, group_bytes: 0 };
        let sizes: Vec<usize> =
            batches((0..10).map(|_| [0u8; 30]), by_bytes, |v| v.len()).map(|b| b.len()).collect();
        assert_eq!(sizes, [4, 4, 2]);
        let by_count = Batching { max_items: 3, max_bytes: usize::MAX, group_bytes: 0 };
        let sizes: Vec<usize> = batches(0..7, by_count, |_| 0).map(|b| b.len()).collect();
        assert_eq!(sizes, [3, 3, 1]);
        assert_eq!(batches(0..0, by_count, |_| 0).count(), 0);
    }
}
