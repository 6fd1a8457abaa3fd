#!/usr/bin/env bash
# The evidence log's three speed figures (issue 13) in one run, on one stack, one after the other:
#   1. batch ingest through the API, with the log, against the raw-JDBC floor (bench/provision-records, its ingest
#      rounds only: BENCH_DISCLOSURE_PHASE=0, BENCH_EXPORT=0), and
#   2. the checkpoint lag under that load (same run of bench/provision-records), then
#   3. the inclusion-proof latency with 10,000,000 leaves in the tree (bench/audit-log/run.sh).
# Results: bench/audit-log/results/one-run.json ({"ingestAndCheckpointLag": …, "inclusionProofs": …}); the knobs of
# both scripts apply.
#
#   bench/audit-log/one-run.sh      (from the repository root; uses a running ./kiroku stack or starts one)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"

say() { printf '%s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# shellcheck source=../lib/stack.sh
source "$ROOT/bench/lib/stack.sh"
INGEST=$(mktemp)
PROOFS=$(mktemp)
trap 'rc=$?; rm -f "$INGEST" "$PROOFS"; cleanup_stack; exit $rc' EXIT
trap 'exit 130' INT TERM
ensure_stack

BENCH_DISCLOSURE_PHASE=0 BENCH_EXPORT=0 BENCH_RESULT="$INGEST" bench/provision-records/run.sh
BENCH_RESULT="$PROOFS" bench/audit-log/run.sh

mkdir -p "$HERE/results"
{
  printf '{\n"ingestAndCheckpointLag": '
  cat "$INGEST"
  printf ',\n"inclusionProofs": '
  cat "$PROOFS"
  printf '}\n'
} >"$HERE/results/one-run.json"
printf 'written bench/audit-log/results/one-run.json\n'
