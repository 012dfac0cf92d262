/**
 * Runs async tasks one after another. Used around read-modify-write of `storage` values inside
 * the worker so two quick updates cannot overwrite each other. Only ordering lives in memory;
 * the data is always in storage, so a stopped worker loses nothing.
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
