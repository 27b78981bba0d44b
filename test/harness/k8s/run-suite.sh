#!/usr/bin/env bash
# The cluster suite for `npm test` / CI: build the cluster if the cache is empty, start it (control
# plane, kwok's node and the real node), run test/cluster/*.test.ts, stop it (by PID) and check the
# host is as it was. The last line of each command is exactly "<name>: N passed, N failed"; the exit
# status is non-zero when a test failed or the cluster could not be built or started: this suite is
# required and is never skipped. Works unattended as root (CI=true, no stdin); ../shared is expected.
#   run-suite.sh [more.test.ts ...]   up + tests + down in one go (extra files join the main pass)
#   run-suite.sh up                   snapshot the host, start the cluster, leave it running
#   run-suite.sh tests [more ...]     run the tests against the running cluster
#   run-suite.sh down                 stop the cluster; "host-restored: 1 passed" when the host is as it was
# `npm test` runs up, tests, the other phases that need the cluster (host, airflow), then down: one
# cluster, started once (scripts/test.mjs).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.sh
source "$HERE/versions.sh"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
BEFORE=$STATE/host-before

# node --test in Node 20 takes explicit files, so bash expands the glob. node sorts files by name,
# so the kube-apiserver restart runs in its own, second pass: everything else sees a steady server.
RESTART_TESTS=(test/cluster/apiserver-restart.test.ts test/cluster/kube-restart.test.ts test/cluster/launch-restart.test.ts)

finish() {  # name passed failed
  printf '%s: %d passed, %d failed\n' "$1" "$2" "$3"
  (( $3 == 0 ))
}

up() {
  local t0=$SECONDS
  mkdir -p "$STATE"
  bash "$HERE/host-snapshot.sh" take "$BEFORE" || { log "ERROR: host snapshot failed"; return 1; }
  if ! bash "$HERE/start.sh" </dev/null; then
    log "ERROR: the test cluster could not be built or started (logs: $STATE/logs)"
    return 1
  fi
  log "cluster up after $((SECONDS - t0)) s"
}

down() {  # stop, then compare the host with the snapshot up took: one counted check
  local t0=$SECONDS after=$STATE/host-after
  bash "$HERE/stop.sh" >/dev/null 2>&1
  log "cluster down in $((SECONDS - t0)) s"
  [[ -f $BEFORE ]] || { log "ERROR: no host snapshot $BEFORE (run-suite.sh up takes it)"; finish host-restored 0 1; return; }
  bash "$HERE/host-snapshot.sh" take "$after"
  if bash "$HERE/host-snapshot.sh" diff "$BEFORE" "$after"; then finish host-restored 1 0; else finish host-restored 0 1; fi
}

run_pass() {  # name files...: one serial node --test run; adds its totals to passed/failed
  local tap=$STATE/cluster-results-$1.tap p f s rc; shift
  rm -f "$tap"
  # serial: one fake node and shared exec users
  KUBETASKS_K8S_MANAGED=1 node --import tsx --test --test-concurrency=1 --test-timeout=180000 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" \
    "$@" </dev/null
  rc=$?
  p=$(awk '$1 == "#" && $2 == "pass" {print $3}' "$tap" 2>/dev/null | tail -1)
  f=$(awk '$1 == "#" && $2 == "fail" {print $3}' "$tap" 2>/dev/null | tail -1)
  # a skipped or todo test is a failure: the suite proves only what it ran (issue 9)
  s=$(awk '$1 == "#" && ($2 == "skipped" || $2 == "todo") {n += $3} END {print n + 0}' "$tap" 2>/dev/null)
  p=${p:-0} f=$(( ${f:-0} + ${s:-0} ))
  # a crash before the reporter wrote its totals still counts as a failure
  if (( (rc != 0 && f == 0) || (p == 0 && f == 0) )); then f=$((f + 1)); fi
  passed=$((passed + p)) failed=$((failed + f))
}

tests() {  # files...: the main pass, then the restart pass
  local t0=$SECONDS f files=()
  [[ -f $STATE/env ]] && healthy_enough || { log "ERROR: no running cluster in $STATE (run-suite.sh up)"; finish cluster 0 1; return; }
  for f in "$REPO"/test/cluster/*.test.ts; do
    f=${f#"$REPO"/}
    [[ " ${RESTART_TESTS[*]} " == *" $f "* ]] || files+=("$f")
  done
  passed=0 failed=0
  run_pass main "${files[@]}" "$@"
  run_pass restart "${RESTART_TESTS[@]}"
  log "tests took $((SECONDS - t0)) s"
  finish cluster "$passed" "$failed"
}

healthy_enough() { api GET /readyz >/dev/null 2>&1; }

cd "$REPO" || exit 1
case ${1:-} in
  up) up; exit ;;
  tests) shift; tests "$@"; exit ;;
  down) down; exit ;;
esac
# all in one: always stop (and check the host), whatever happened before; the last line sums both
trap 'bash "$HERE/stop.sh" >/dev/null 2>&1' EXIT
trap 'exit 130' INT TERM
passed=0 failed=1
if up; then tests "$@"; fi
trap - EXIT
if down; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
finish cluster "$passed" "$failed"
