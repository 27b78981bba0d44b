#!/usr/bin/env bash
# Build the real control-plane binaries for the test cluster from the Go module proxy:
# kube-apiserver, kube-controller-manager, kube-scheduler (+ kubectl) from k8s.io/kubernetes,
# etcd from go.etcd.io/etcd/server/v3, and kwok from sigs.k8s.io/kwok.
# Idempotent: a complete cache ($BIN/.built) makes this a no-op that costs well under a second.
# Everything fetched or compiled stays under ~/.cache/kubetasks/ (binaries, GOMODCACHE, GOCACHE).
# Per-step timings go to stderr and to $BIN/build-times.txt (docs/TEST-CLUSTER.md quotes them).
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.sh
source "$HERE/versions.sh"
# shellcheck source=node/k8s-wrapper.sh
source "$HERE/node/k8s-wrapper.sh"

BUILD_TAG=k8s-build
# shellcheck source=build-lib.sh
source "$HERE/build-lib.sh"
trap 'log "failed at line $LINENO: $BASH_COMMAND"' ERR
is_built() { bins_built "$BIN" "${K8S_BINARIES[@]}"; }

check_tools() {
  command -v go >/dev/null \
    || die "go not found: the build needs Go >= 1.26 and the Go module proxy"
  local avail_kb need_kb=$((MIN_FREE_GIB * 1024 * 1024))
  avail_kb=$(df -Pk "$CACHE_ROOT" | awk 'NR==2 {print $4}')
  (( avail_kb > need_kb )) || die "only $((avail_kb / 1024)) MiB free under $CACHE_ROOT; the cold build \
needs ~${MIN_FREE_GIB} GiB (measured: module cache 1.1 GB, build cache 3.7 GB, binaries 0.4 GB). Free disk \
or set KUBETASKS_CACHE to a larger disk."
  log "go: $(go version); GOPROXY=$(go env GOPROXY) GOSUMDB=$(go env GOSUMDB)"
  log "GOMODCACHE=$GOMODCACHE GOCACHE=$GOCACHE free=$((avail_kb / 1024 / 1024)) GiB"
}

k8s_wrapper() { make_k8s_wrapper "$SRC/k8s-$K8S_VERSION"; }  # node/k8s-wrapper.sh

k8s_download() {  # resolve + download every module the four commands need
  cd "$SRC/k8s-$K8S_VERSION"
  local pkgs=() c
  for c in "${K8S_CMDS[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$c@$K8S_VERSION"); done
  go get "${pkgs[@]}"
  go mod download
}

k8s_build_one() {  # cmd: build one k8s command; later ones reuse GOCACHE for shared packages
  cd "$SRC/k8s-$K8S_VERSION"
  go build -mod=mod -trimpath -ldflags "$(k8s_ldflags)" -o "$TMP_BIN/$1" "k8s.io/kubernetes/cmd/$1"
}

etcd_build() {  # server/v3 has replace directives too, so it gets its own wrapper module
  local w=$SRC/etcd-$ETCD_VERSION
  rm -rf "$w"; mkdir -p "$w"; cd "$w"
  go mod init local.invalid/etcd-build >/dev/null 2>&1
  go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION"
  go build -mod=mod -trimpath -ldflags "-s -w" -o "$TMP_BIN/etcd" go.etcd.io/etcd/server/v3
}

kwok_build() {  # kwok has no replace directives: plain go install (its version is a constant)
  cd "$CACHE_ROOT"
  GOBIN="$TMP_BIN" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
}

verify() {
  "$TMP_BIN/kube-apiserver" --version | grep -q "$K8S_VERSION" || die "kube-apiserver version stamp missing"
  "$TMP_BIN/etcd" --version | grep -q "${ETCD_VERSION#v}" || die "etcd version mismatch"
  "$TMP_BIN/kwok" --version 2>&1 | grep -q "${KWOK_VERSION#v}" || die "kwok version mismatch"
  { for b in "${K8S_BINARIES[@]}"; do
      if [[ $b == kubectl ]]; then "$TMP_BIN/$b" version --client 2>&1 | head -1; else "$TMP_BIN/$b" --version 2>&1 | head -1; fi \
        | sed "s/^/$b: /"
    done; } >"$TMP_BIN/versions.txt" || true
}

build_all() {
  check_tools
  export CGO_ENABLED=0 GOFLAGS='' GOWORK=off
  BUILD_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  TMP_BIN=$BIN.tmp
  rm -rf "$TMP_BIN"; mkdir -p "$TMP_BIN" "$SRC"
  local t0=$SECONDS c
  step k8s-module-download-wrapper k8s_wrapper
  step k8s-module-download-deps k8s_download
  for c in "${K8S_CMDS[@]}"; do step "build-$c" k8s_build_one "$c"; done
  step build-etcd etcd_build
  step build-kwok kwok_build
  verify
  printf '%-28s %5d s\n' total "$((SECONDS - t0))" >>"$TMP_BIN/build-times.txt"
  printf '%s %s %s\n' "$K8S_VERSION" "$ETCD_VERSION" "$KWOK_VERSION" >"$TMP_BIN/.built"
  rm -rf "$BIN"; mv "$TMP_BIN" "$BIN"
  log "built in $((SECONDS - t0)) s into $BIN"
  log "binaries: $(du -sh "$BIN" | cut -f1); GOMODCACHE: $(du -sh "$GOMODCACHE" | cut -f1); GOCACHE: $(du -sh "$GOCACHE" | cut -f1)"
}

main() {
  mkdir -p "$CACHE_ROOT" "$K8S_CACHE"
  if is_built; then log "cached: $BIN"; return 0; fi
  # one build per machine at a time; fd 8 is closed for children by nobody (the build is foreground)
  exec 8>"$K8S_CACHE/build.lock"
  flock 8
  if is_built; then log "cached (built by a concurrent run): $BIN"; return 0; fi
  log "no complete cache in $BIN: cold build (measured ~10-11 min on 2 cores)"
  build_all
}

main "$@"
source "$HERE/kueue.sh"; build_kueue  # the real Kueue (kueue.sh), cached beside the control plane
