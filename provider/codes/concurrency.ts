// Per-code calls (updates, enable/disable, deletes) run side by side: the process's rate limiter
// (provider/client/limiter.ts) decides how many may be in flight within the plan's budget; this only keeps the
// number of pending promises small for 100,000 codes.

/** More workers than the limiter lets go at once, so it is never starved. */
export const CODE_CALL_WORKERS = 16;

/** Runs `work` for every item, at most `width` at a time, starting them in list order; `work` must not throw. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
  width: number = CODE_CALL_WORKERS,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
