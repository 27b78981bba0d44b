#!/usr/bin/env bash
# Build the real node's own binaries from the Go module proxy and Kubernetes' source:
# kubelet (k8s.io/kubernetes/cmd/kubelet through the wrapper module), the CNCF distribution registry,
# crane (go-containerregistry) and the pause binary (build/pause/linux/pause.c, gcc -static).
# containerd, runc and the CNI plugins come from Debian (provision.sh). Idempotent and cached under
# ~/.cache/kubetasks/node/ keyed by version; per-step wall times go to $NODE_BIN/build-times.txt.
set -Eeuo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.sh
source "$HERE/versions.sh"
# shellcheck source=node/k8s-wrapper.sh
source "$HERE/node/k8s-wrapper.sh"
BUILD_TAG=node-build
# shellcheck source=build-lib.sh
source "$HERE/build-lib.sh"
trap 'log "failed at line $LINENO: $BASH_COMMAND"' ERR
NODE_BINARIES=(kubelet registry crane pause)
is_built() { bins_built "$NODE_BIN" "${NODE_BINARIES[@]}"; }

kubelet_build() {  # its own wrapper directory: build.sh may be using k8s-<version> at the same time
  make_k8s_wrapper "$K8S_CACHE/src/kubelet-$K8S_VERSION"
  go get "k8s.io/kubernetes/cmd/kubelet@$K8S_VERSION"
  go build -mod=mod -trimpath -ldflags "$(k8s_ldflags)" -o "$TMP_BIN/kubelet" k8s.io/kubernetes/cmd/kubelet
}

registry_build() {  # the registry Docker Hub runs; no replace directives, so plain go install
  cd "$CACHE_ROOT"
  GOBIN="$TMP_BIN" go install -trimpath -ldflags "-s -w" \
    "github.com/distribution/distribution/v3/cmd/registry@$DISTRIBUTION_VERSION"
}

crane_build() {
  cd "$CACHE_ROOT"
  GOBIN="$TMP_BIN" go install -trimpath -ldflags "-s -w" \
    "github.com/google/go-containerregistry/cmd/crane@$CRANE_VERSION"
}

pause_build() {  # the sandbox image's only file; the module zip of k8s.io/kubernetes carries its source
  local dir
  dir=$(cd "$CACHE_ROOT" && go mod download -json "k8s.io/kubernetes@$K8S_VERSION" \
    | { grep '"Dir"' || true; } | cut -d'"' -f4)
  [[ -f $dir/build/pause/linux/pause.c ]] || die "pause.c not found in k8s.io/kubernetes@$K8S_VERSION ($dir)"
  gcc -Os -Wall -Werror -static -DVERSION="$K8S_VERSION" -o "$TMP_BIN/pause" "$dir/build/pause/linux/pause.c"
  strip "$TMP_BIN/pause"
}

build_all() {
  command -v go >/dev/null || die "go not found: the node build needs Go >= 1.26 and the Go module proxy"
  command -v gcc >/dev/null || die "gcc not found (provision.sh installs it): pause.c is built with gcc -static"
  export CGO_ENABLED=0 GOFLAGS='' GOWORK=off
  BUILD_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  TMP_BIN=$NODE_BIN.tmp
  rm -rf "$TMP_BIN"; mkdir -p "$TMP_BIN"
  local t0=$SECONDS
  step build-kubelet kubelet_build
  step build-registry registry_build
  step build-crane crane_build
  step build-pause pause_build
  "$TMP_BIN/kubelet" --version | grep -q "$K8S_VERSION" || die "kubelet version stamp missing"
  printf '%-28s %5d s\n' total "$((SECONDS - t0))" >>"$TMP_BIN/build-times.txt"
  printf '%s %s %s\n' "$K8S_VERSION" "$DISTRIBUTION_VERSION" "$CRANE_VERSION" >"$TMP_BIN/.built"
  rm -rf "$NODE_BIN"; mv "$TMP_BIN" "$NODE_BIN"
  log "built in $((SECONDS - t0)) s into $NODE_BIN ($(du -sh "$NODE_BIN" | cut -f1))"
}

main() {
  mkdir -p "$NODE_CACHE" "$K8S_CACHE/src"
  if is_built; then log "cached: $NODE_BIN"; return 0; fi
  exec 8>"$NODE_CACHE/build.lock"
  flock 8
  if is_built; then log "cached (built by a concurrent run): $NODE_BIN"; return 0; fi
  log "no complete cache in $NODE_BIN: cold build (~4 min on 2 cores with a warm k8s build cache)"
  build_all
}

main "$@"
