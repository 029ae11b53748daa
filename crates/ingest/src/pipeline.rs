//! Map a stream of items (WARC records, fetched pages) through a function —
//! typically extraction — on several threads, with bounded memory.
//!
//! One thread pulls from the source iterator, `jobs` workers apply the function, and
//! the calling thread receives the results in a sink. Both queues are bounded
//! (`2 × jobs` items each), so at most about `5 × jobs` items are alive at once
//! whatever the input size. Results arrive in completion order, not input order;
//! each carries its 0-based input index.

use crossbeam_channel::bounded;
use std::thread;

/// Apply `map` to every item of `items` on `jobs` worker threads (at least 1) and hand
/// each `(index, result)` to `sink` on the calling thread, in completion order.
///
/// Returns how many items were processed. A panic in `map` or in the iterator is
/// propagated to the caller once all threads have stopped.
pub fn par_map<I, T, U, F, S>(items: I, jobs: usize, map: F, mut sink: S) -> u64
where
    I: IntoIterator<Item = T>,
    I::IntoIter: Send,
    T: Send,
    U: Send,
    F: Fn(T) -> U + Sync,
    S: FnMut(u64, U),
{
    let jobs = jobs.max(1);
    let (work_tx, work_rx) = bounded::<(u64, T)>(2 * jobs);
    let (done_tx, done_rx) = bounded::<(u64, U)>(2 * jobs);
    let iter = items.into_iter();
    let map = &map;
    let mut count = 0;
    thread::scope(|scope| {
        scope.spawn(move || {
            for (i, item) in iter.enumerate() {
                if work_tx.send((i as u64, item)).is_err() {
                    break; // every worker is gone (one panicked)
                }
            }
        });
        for _ in 0..jobs {
            let work_rx = work_rx.clone();
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                for (i, item) in work_rx {
                    if done_tx.send((i, map(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(work_rx);
        drop(done_tx);
        for (i, result) in done_rx {
            sink(i, result);
            count += 1;
        }
    });
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_everything_once() {
        let mut seen = vec![0u32; 1000];
        let n = par_map(
            0..1000u64,
            3,
            |x| x * 2,
            |i, y| {
                assert_eq!(y, i * 2);
                seen[i as usize] += 1;
            },
        );
        assert_eq!(n, 1000);
        assert!(seen.iter().all(|&c| c == 1));
    }

    #[test]
    fn zero_jobs_means_one_and_empty_input_is_fine() {
        assert_eq!(par_map(Vec::<u8>::new(), 0, |x| x, |_, _| {}), 0);
        assert_eq!(par_map(vec![1u8, 2], 0, |x| x, |_, _| {}), 2);
    }
}
