//! Work on a list a few items at a time (scoped threads), with the results kept in the list's
//! order: how the dossier prepares its exhibits and how a received bundle stores its files.
//! After a failure, or when the caller says stop, no further item is started.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Runs `work` on `items`, `threads` at a time. After each success `carry_on(finished)` is
/// called — under one lock, so the counts arrive in order — and returning false starts no more
/// items. Returns the results of the items started, in order; items are started in order, so
/// those never started are the ones after the last result.
pub fn in_order<T, R, E>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> Result<R, E> + Sync,
    carry_on: impl Fn(usize) -> bool + Sync,
) -> Vec<Result<R, E>>
where
    T: Sync,
    R: Send,
    E: Send,
{
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let finished = Mutex::new(0usize);
    let results: Mutex<Vec<Option<Result<R, E>>>> =
        Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, items.len().max(1)) {
            scope.spawn(|| {
                while !stop.load(Ordering::SeqCst) {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(index) else {
                        break;
                    };
                    let result = work(item);
                    let failed = result.is_err();
                    if let Some(slot) = results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .get_mut(index)
                    {
                        *slot = Some(result);
                    }
                    let mut count = finished.lock().unwrap_or_else(|e| e.into_inner());
                    *count += 1;
                    if failed || !carry_on(*count) {
                        stop.store(true, Ordering::SeqCst);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map_while(|result| result)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_their_order_and_nothing_starts_after_a_failure_or_a_stop() {
        let items: Vec<u32> = (0..50).collect();
        let all = in_order(&items, 3, |n| Ok::<u32, u32>(n * 2), |_| true);
        assert_eq!(all, (0..50).map(|n| Ok(n * 2)).collect::<Vec<_>>());

        let failing = in_order(
            &items,
            2,
            |n| if *n == 10 { Err(*n) } else { Ok(*n) },
            |_| true,
        );
        assert!(
            failing.len() <= 12,
            "at most the item in flight beside it after the failure"
        );
        assert_eq!(failing[10], Err(10));

        let stopped = in_order(&items, 1, |n| Ok::<u32, u32>(*n), |finished| finished < 5);
        assert_eq!(stopped.len(), 5);
    }
}
