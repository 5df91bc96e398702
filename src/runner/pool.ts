/**
 * Bounded concurrency over a (possibly huge, possibly lazy) sequence of jobs.
 *
 * Exactly `concurrency` worker loops pull from ONE shared iterator, so at most `concurrency`
 * jobs are alive at any time and nothing proportional to the number of jobs is ever allocated
 * (no `items.map(...)` promise array): memory stays flat at 100k cases.
 *
 * When `signal` aborts, no new job is started; jobs already running are awaited (the caller
 * decides how long they may take by aborting its own per-call signal).
 */
export interface PoolOptions {
  concurrency: number;
  signal?: AbortSignal;
}

export interface PoolOutcome {
  started: number;
  completed: number;
  /** True when the signal stopped scheduling before the sequence was exhausted. */
  aborted: boolean;
}

export async function runPool<T>(
  items: Iterable<T> | AsyncIterable<T>,
  worker: (item: T, index: number) => Promise<void>,
  options: PoolOptions,
): Promise<PoolOutcome> {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const signal = options.signal;
  const iterator: Iterator<T> | AsyncIterator<T> =
    Symbol.asyncIterator in items
      ? (items as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (items as Iterable<T>)[Symbol.iterator]();
  let started = 0;
  let completed = 0;
  let exhausted = false;
  let failure: { error: unknown } | undefined;

  const loop = async (): Promise<void> => {
    while (!exhausted && !failure && !signal?.aborted) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      // Re-check: the signal may have fired while an async iterator was producing the item.
      if (signal?.aborted || failure) return;
      const index = started++;
      try {
        await worker(next.value, index);
        completed++;
      } catch (error) {
        // The first worker error stops scheduling; running jobs finish, then it is rethrown.
        failure ??= { error };
      }
    }
  };

  const loops: Promise<void>[] = [];
  for (let i = 0; i < concurrency; i++) loops.push(loop());
  await Promise.all(loops);
  if (!exhausted) await iterator.return?.();
  if (failure) throw failure.error;
  return { started, completed, aborted: !exhausted && Boolean(signal?.aborted) };
}
