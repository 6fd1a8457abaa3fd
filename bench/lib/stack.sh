# Sourced by the bench scripts (from the repository root): use the running local stack, or start one and stop it again
# at the end. Never stops what it did not start.
#   ensure_stack     sets STARTED=1 when this run started the stack
#   cleanup_stack    stops it again if so (call it from the script's EXIT trap)
STARTED=0

ensure_stack() {
  # Read the status once, then match it: `./kiroku status | grep -q` under pipefail fails when grep stops reading early
  # (SIGPIPE), which once made a bench think nothing ran, try a second stack, and stop the user's in its cleanup.
  local status
  status=$(./kiroku status) || true
  if grep -q '^provision-records: running' <<<"$status"; then
    say "Using the running local stack (./kiroku status: provision-records running)."
  elif grep -q ': running' <<<"$status"; then
    die "part of the local stack is running without provision-records (./kiroku status); ./kiroku down first"
  else
    say "Starting the local stack (./kiroku up --detach; stopped again at the end) ..."
    STARTED=1
    mkdir -p .kiroku/logs
    if ! ./kiroku up --detach >.kiroku/logs/bench-stack-up.log 2>&1; then
      tail -n 30 .kiroku/logs/bench-stack-up.log >&2
      # refused before starting anything (another stack or program holds the ports): nothing of ours to stop
      grep -qE 'already running|is in use by another program' .kiroku/logs/bench-stack-up.log && STARTED=0
      die "./kiroku up failed (.kiroku/logs/bench-stack-up.log)"
    fi
  fi
  curl -sf -o /dev/null http://127.0.0.1:8081/q/health/ready || die "provision-records is not ready on :8081"
}

cleanup_stack() {
  if [[ $STARTED == 1 ]]; then say "Stopping the stack this run started ..."; ./kiroku down >/dev/null || true; fi
}
