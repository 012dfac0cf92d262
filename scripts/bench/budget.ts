/**
 * How a benchmark reports a figure over its budget: one `OVER BUDGET` line on stderr and a
 * non-zero exit code, after which it keeps measuring, so `run-all` can print every figure and
 * list the overruns in its summary.
 */
export const OVER_BUDGET = 'OVER BUDGET';

/** True (and reported) when `value` exceeds `budget`; `what` names the figure for the summary. */
export function checkBudget(what: string, value: number, budget: number, unit: string): boolean {
  if (value <= budget) return false;
  console.error(`${OVER_BUDGET}: ${what} ${value.toFixed(1)} ${unit} (budget ${budget} ${unit})`);
  process.exitCode = 1;
  return true;
}
