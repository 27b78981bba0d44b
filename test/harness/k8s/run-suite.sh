#!/usr/bin/env bash
# The cluster suite, in one command for `npm test` / CI: build the control plane if the cache is
# empty, start it, run test/cluster/*.test.ts against it, and always stop it (by PID) afterwards.
# Last line is exactly "cluster: N passed, N failed". Exit status is non-zero when any test failed or
# the cluster could not be built or started: this suite is required and is never skipped.
# Works unattended as root (CI=true, no stdin); the shared data folder is expected at ../shared.
#   run-suite.sh [more.test.ts ...]   extra files (e.g. src/kube/*.cluster.test.ts) join the main pass
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.sh
source "$HERE/versions.sh"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

# node --test in Node 20 takes explicit files, so bash expands the glob. node sorts files by name,
# so the kube-apiserver restart runs in its own, second pass: everything else sees a steady server.
RESTART_TESTS=(test/cluster/apiserver-restart.test.ts)
TESTS=()
for f in "$REPO"/test/cluster/*.test.ts; do
  f=${f#"$REPO"/}
  [[ " ${RESTART_TESTS[*]} " == *" $f "* ]] || TESTS+=("$f")
done
TESTS+=("$@")

finish() {  # passed failed rc
  printf 'cluster: %d passed, %d failed\n' "$1" "$2"
  exit "$3"
}

cd "$REPO" || exit 1
t0=$SECONDS
trap 'bash "$HERE/stop.sh" >/dev/null 2>&1' EXIT
trap 'exit 130' INT TERM
if ! bash "$HERE/start.sh" </dev/null; then
  log "ERROR: the test cluster could not be built or started (logs: $STATE/logs)"
  finish 0 1 1
fi
log "cluster up after $((SECONDS - t0)) s"

run_pass() {  # name files...: one serial node --test run; adds its totals to passed/failed
  local tap=$STATE/cluster-results-$1.tap p f rc; shift
  rm -f "$tap"
  # serial: one fake node and shared exec users
  KUBETASKS_K8S_MANAGED=1 node --import tsx --test --test-concurrency=1 --test-timeout=180000 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" \
    "$@" </dev/null
  rc=$?
  p=$(awk '$1 == "#" && $2 == "pass" {print $3}' "$tap" 2>/dev/null | tail -1)
  f=$(awk '$1 == "#" && $2 == "fail" {print $3}' "$tap" 2>/dev/null | tail -1)
  p=${p:-0} f=${f:-0}
  # a crash before the reporter wrote its totals still counts as a failure
  if (( (rc != 0 && f == 0) || (p == 0 && f == 0) )); then f=$((f + 1)); fi
  passed=$((passed + p)) failed=$((failed + f))
}

passed=0 failed=0
run_pass main "${TESTS[@]}"
run_pass restart "${RESTART_TESTS[@]}"
log "suite took $((SECONDS - t0)) s"
bash "$HERE/stop.sh" >/dev/null 2>&1
trap - EXIT
finish "$passed" "$failed" "$(( failed > 0 ))"
