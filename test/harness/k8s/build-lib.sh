# Shared by build.sh and node-build.sh (sourced): their log lines, the cache check and timed build steps.
# The caller sets BUILD_TAG (the log prefix) and TMP_BIN (where a step's time is recorded) before a step runs.
# shellcheck shell=bash
log() { printf '[%s %s] %s\n' "$BUILD_TAG" "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

bins_built() {  # dir binary...: the cache in dir is complete (its .built marker and every binary)
  local dir=$1 b; shift
  [[ -f $dir/.built ]] || return 1
  for b in "$@"; do [[ -x $dir/$b ]] || return 1; done
}

step() {  # name command...: run one step, record its wall time
  local name=$1 t0=$SECONDS; shift
  log "step $name: start"
  "$@"
  log "step $name: done in $((SECONDS - t0)) s"
  printf '%-28s %5d s\n' "$name" "$((SECONDS - t0))" >>"$TMP_BIN/build-times.txt"
}
