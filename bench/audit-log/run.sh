#!/usr/bin/env bash
# Audit-log benchmark (issue 13): inclusion-proof latency with >= 10,000,000 leaves in the tree. See README.md beside
# this file.
#
#   bench/audit-log/run.sh      (from the repository root; uses a running ./kiroku stack or starts one)
#
# Knobs (environment), defaults in brackets:
#   BENCH_LEAVES [10000000]  leaves loaded into the scratch log
#   BENCH_PROOFS [20000]     measured inclusion proofs (after BENCH_WARMUP [20000])
#   BENCH_PORT [8091]        the bench instance of provision-records
#   BENCH_KEEP [0]           1 keeps the scratch database bench_audit_log for the next run (loading takes minutes)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"

say() { printf '%s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

command -v curl >/dev/null 2>&1 || die "no 'curl' on PATH"
command -v java >/dev/null 2>&1 || die "no 'java' on PATH"
PORT=${BENCH_PORT:-8091}
DB=bench_audit_log
JAR=provision-records/target/quarkus-app/quarkus-run.jar
[[ -f $JAR ]] || die "no $JAR: build first (./mvnw -DskipTests package)"
DRIVER=$(ls provision-records/target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar 2>/dev/null | head -n 1)
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "port $PORT is in use (set BENCH_PORT)"

# shellcheck source=../lib/stack.sh
source "$ROOT/bench/lib/stack.sh"
INSTANCE=
CREATED=0
cleanup() {
  local rc=$?
  if [[ -n $INSTANCE ]]; then kill "$INSTANCE" 2>/dev/null || true; wait "$INSTANCE" 2>/dev/null || true; fi
  if [[ $CREATED == 1 && ${BENCH_KEEP:-0} != 1 ]]; then
    sql "DROP DATABASE IF EXISTS $DB" >/dev/null || true
  fi
  cleanup_stack
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# one SQL statement as the local superuser (DEV-ONLY credentials of the local PostgreSQL), through JDBC: no psql needed
sql() {
  java -cp "$DRIVER" "$HERE/Sql.java" "jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres&password=postgres" "$1"
}

ensure_stack

# The scratch database: the log of a second provision-records instance, never the stack's own (the leaves loaded here
# are not entries of any record; in the stack's log they would make its verification fail for good).
if [[ $(sql "SELECT count(*) FROM pg_database WHERE datname = '$DB'") == 0 ]]; then
  sql "CREATE DATABASE $DB OWNER provision_records" >/dev/null
  CREATED=1
  say "Created the scratch database $DB"
else
  say "Using the scratch database $DB of an earlier run (BENCH_KEEP=1)"
fi

# The bench instance: the stack's provision-records settings (keys, roles, JVM options), its own port, database and
# origin, no witnesses and no outside sink (its checkpoints are of a scratch log), no background verification.
set -a
# shellcheck disable=SC1091
source .kiroku/keys.env
set +a
mapfile -t VARS < <(./kiroku env provision-records | grep -vE '^(QUARKUS_HTTP_PORT|KIROKU_AUDIT_WITNESS_|KIROKU_AUDIT_SINK_)')
mkdir -p .kiroku/logs
say "Starting the bench instance of provision-records on 127.0.0.1:$PORT (log: .kiroku/logs/bench-audit-log.log) ..."
# shellcheck disable=SC2086
env "${VARS[@]}" QUARKUS_HTTP_PORT="$PORT" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:55432/$DB" \
    KIROKU_AUDIT_ORIGIN=kiroku.localhost/bench-audit-log KIROKU_AUDIT_VERIFICATION_INTERVAL=1000h \
    KIROKU_PROVISION_RECORDS_PURGE_CRON=off \
    java ${KIROKU_JAVA_OPTS_PROVISION_RECORDS:--Xmx768m -XX:+UseParallelGC} -jar "$JAR" \
    >.kiroku/logs/bench-audit-log.log 2>&1 &
INSTANCE=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" && break
  kill -0 "$INSTANCE" 2>/dev/null || { tail -n 30 .kiroku/logs/bench-audit-log.log >&2; die "the bench instance exited"; }
  sleep 0.5
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" || die "the bench instance is not ready after 60 s"

BENCH_API="http://127.0.0.1:$PORT" java -Xmx512m -cp "$DRIVER" "$HERE/ProofBench.java"
say "bench instance RSS: $(awk '/VmRSS/ {print $2 " kB"}' "/proc/$INSTANCE/status")"
