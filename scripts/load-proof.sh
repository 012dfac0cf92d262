#!/usr/bin/env bash
# Issue #12's proof that the suite holds under load: `npm test` twice at the same time, in two
# fresh clones of this checkout, three rounds in a row. Prints one line per round and exits 1 if
# any copy failed. Takes ~15 minutes a round on an idle 2-core machine.
set -uo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
for c in a b; do
  git clone -q "$src" "$work/$c/p"
  [ -e "$src/../shared" ] && ln -s "$src/../shared" "$work/$c/shared"
  (cd "$work/$c/p" && npm ci --no-audit --no-fund >/dev/null)
done
failed=0
for round in 1 2 3; do
  started=$(date +%s)
  (cd "$work/a/p" && npm test >"$work/a/round$round.log" 2>&1) & a=$!
  (cd "$work/b/p" && npm test >"$work/b/round$round.log" 2>&1) & b=$!
  wait $a; ra=$?
  wait $b; rb=$?
  echo "round $round: copy A exit $ra, copy B exit $rb, $(($(date +%s) - started)) s (logs in $work)"
  [ $ra -eq 0 ] && [ $rb -eq 0 ] || failed=1
done
exit $failed
