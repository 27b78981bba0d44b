#!/usr/bin/env bash
# The node's images, served by the real registry (distribution) from one store under
# ~/.cache/kubetasks/node/: one minimal Debian root filesystem (mmdebstrap minbase + procps, perl,
# python3 and a `python` link; Python 3.11 in bookworm), published under every image name that
# image-names.ts finds in examples/, test/, src/operators and the provider docs, plus the sandbox
# image made from Kubernetes' own pause.c. Images are assembled with crane, never by hand.
#   images.sh                    build the store if missing (idempotent)
#   images.sh publish ADDRESS    tag the rootfs under every image name not yet in the running registry
#   images.sh add NAME PATH      publish a root filesystem directory, a root filesystem tarball or an
#                                image tarball (docker save / crane pull) under NAME, e.g. `myorg/tool:1`
set -Eeuo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.sh
source "$HERE/versions.sh"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
# shellcheck source=node/registry.sh
source "$HERE/node/registry.sh"
trap 'log "failed at line $LINENO: $BASH_COMMAND"' ERR
CRANE=$NODE_BIN/crane
IMG_PATH_ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

apt_sources() {  # the machine's configured Debian sources (deb822 or one-line) for the rootfs suite
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] && grep -qw "$ROOTFS_SUITE" "$f" && echo "$f"
  done
  return 0
}

build_rootfs() {  # out.tar (kept as $NODE_CACHE/rootfs-$ROOTFS_KEY.tar: a new pause or store reuses it)
  local sources cached=$NODE_CACHE/rootfs-$ROOTFS_KEY.tar
  if [[ -f $cached ]]; then cp "$cached" "$1"; return 0; fi
  mapfile -t sources < <(apt_sources)
  (( ${#sources[@]} > 0 )) || die "no apt source for $ROOTFS_SUITE in /etc/apt (the rootfs uses the machine's sources)"
  mmdebstrap --quiet --variant=minbase --include="$ROOTFS_PACKAGES" --format=tar \
    --customize-hook='chroot "$1" ln -sf python3 /usr/bin/python' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    "$ROOTFS_SUITE" "$cached.tmp" "${sources[@]}"
  mv "$cached.tmp" "$cached"; cp "$cached" "$1"
}

push_base() {  # registry-address tmpdir: debian:latest from the rootfs, the pause image from pause.c
  local reg=$1 tmp=$2
  build_rootfs "$tmp/rootfs.tar"
  # crane append starts from an empty image; mutate -t rewrites the tag (without -t it pushes by digest only)
  "$CRANE" append -f "$tmp/rootfs.tar" -t "$reg/library/debian:latest" >/dev/null
  "$CRANE" mutate "$reg/library/debian:latest" --set-platform linux/amd64 -e "$IMG_PATH_ENV" --cmd /bin/bash \
    -t "$reg/library/debian:latest" >/dev/null
  mkdir -p "$tmp/pause"; cp "$NODE_BIN/pause" "$tmp/pause/pause"
  tar -C "$tmp/pause" -cf "$tmp/pause.tar" pause
  "$CRANE" append -f "$tmp/pause.tar" -t "$reg/$PAUSE_REPO" >/dev/null
  "$CRANE" mutate "$reg/$PAUSE_REPO" --set-platform linux/amd64 --entrypoint /pause --user 65535:65535 \
    -t "$reg/$PAUSE_REPO" >/dev/null
}

build_store() {  # into $IMAGE_STORE.tmp through a temporary registry, then rename
  local tmp=$IMAGE_STORE.tmp t0=$SECONDS
  rm -rf "$tmp"; mkdir -p "$tmp/work"
  registry_serve "$tmp/data" "$(free_port)" "$tmp/work"
  push_base "$REGISTRY_ADDR" "$tmp/work"
  registry_stop "$tmp/work"
  rm -rf "$tmp/work"; : >"$tmp/published.txt"
  mv "$tmp" "$IMAGE_STORE"
  log "image store built in $((SECONDS - t0)) s: $IMAGE_STORE ($(du -sh "$IMAGE_STORE" | cut -f1))"
}

registry_of_running_cluster() {  # the registry address start.sh wrote to $STATE/env
  local addr
  addr=$(sed -n 's/^export KUBETASKS_REGISTRY=//p' "$STATE/env" 2>/dev/null)
  [[ -n $addr ]] && curl -fsS "http://$addr/v2/" >/dev/null 2>&1 \
    || die "no running test cluster registry in $STATE/env: start it first (start.sh; KUBETASKS_K8S_STATE)"
  echo "$addr"
}

free_port() { local p; for p in $(seq 17900 17999); do port_free "$p" && { echo "$p"; return; }; done; die "no free port"; }

publish_names() {  # registry-address: tag debian:latest under every image name not yet published
  local reg=$1 name repo n=0
  while read -r name repo; do
    grep -qxF "$name" "$IMAGE_STORE/published.txt" && continue
    "$CRANE" copy "$reg/library/debian:latest" "$reg/$repo" >/dev/null 2>&1 \
      || die "publishing $name as $reg/$repo failed"
    echo "$name" >>"$IMAGE_STORE/published.txt"; n=$((n + 1))
  done < <(cd "$REPO" && node --import tsx "$HERE/node/image-names.ts")
  (( n == 0 )) || log "published $n new image names"
}

add_image() {  # name path: a user's own root filesystem (dir or tar) or image tarball under name
  local name=$1 src=$2 reg tmp ref
  [[ -e $src ]] || die "add: $src does not exist"
  reg=$(registry_of_running_cluster)
  tmp=$(mktemp -d)
  if [[ -d $src ]]; then tar -C "$src" -cf "$tmp/rootfs.tar" .; src=$tmp/rootfs.tar; fi
  ref=$reg/$(registry_path "$name")
  if tar -tf "$src" 2>/dev/null | grep -qxE '(\./)?(manifest\.json|index\.json)'; then
    "$CRANE" push "$src" "$ref" >/dev/null
  else
    "$CRANE" append -f "$src" -t "$ref" >/dev/null
    "$CRANE" mutate "$ref" --set-platform linux/amd64 -e "$IMG_PATH_ENV" -t "$ref" >/dev/null
  fi
  rm -rf "$tmp"
  echo "$name" >>"$IMAGE_STORE/published.txt"
  log "added $name (pods may use image: $name)"
}

main() {
  [[ -x $CRANE ]] || bash "$HERE/node-build.sh"
  mkdir -p "$NODE_CACHE"
  exec 7>"$NODE_CACHE/images.lock"; flock 7
  case ${1:-ensure} in
    ensure) [[ -f $IMAGE_STORE/published.txt ]] || build_store ;;
    publish) (( $# == 2 )) || die "usage: images.sh publish REGISTRY-ADDRESS"; publish_names "$2" ;;
    add) (( $# == 3 )) || die "usage: images.sh add NAME PATH"; add_image "$2" "$3"; return 0 ;;
    *) die "unknown command $1 (ensure | publish ADDRESS | add NAME PATH)" ;;
  esac
}

main "$@"
