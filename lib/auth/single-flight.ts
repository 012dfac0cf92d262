/**
 * Collapses concurrent calls into one: while a refresh is running, every caller awaits the same
 * promise. Only coordination lives in memory; the result is stored by the caller, so a worker
 * restart merely starts a fresh flight.
 */
export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => {
    inFlight ??= run().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
