# The loopback registry (CNCF distribution) for the real node (sourced by images.sh, node.sh).
# containerd's hosts.toml `_default` sends every registry host here, so a name's registry host is
# dropped: docker.io/library/debian, quay.io/apache/bash -> /v2/library/debian, /v2/apache/bash
# (image-names.ts registryPath).
# shellcheck shell=bash
PAUSE_IMAGE=registry.k8s.io/pause:3.10.1

registry_path() { (cd "$REPO" && node --import tsx "$HERE/node/image-names.ts" --path "$1"); }
PAUSE_REPO=pause:3.10.1   # registry_path of PAUSE_IMAGE, spelled out: start.sh needs it without node

write_registry_config() {  # file data-dir port
  cat >"$1" <<CFG
version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: $2}
  delete: {enabled: true}
  maintenance: {uploadpurging: {enabled: false}}
http:
  addr: 127.0.0.1:$3
  headers: {X-Content-Type-Options: [nosniff]}
health: {storagedriver: {enabled: false}}
CFG
}

registry_serve() {  # data-dir port workdir: a temporary registry for building the store; sets REGISTRY_ADDR
  write_registry_config "$3/registry.yml" "$1" "$2"
  OTEL_TRACES_EXPORTER=none OTEL_SDK_DISABLED=true nohup "$NODE_BIN/registry" serve "$3/registry.yml" >"$3/registry.log" 2>&1 </dev/null 7>&- 8>&- 9>&- &
  echo $! >"$3/registry.pid"
  REGISTRY_ADDR=127.0.0.1:$2
  local end=$((SECONDS + 30))
  until curl -fsS "http://$REGISTRY_ADDR/v2/" >/dev/null 2>&1; do
    kill -0 "$(cat "$3/registry.pid")" 2>/dev/null || { cat "$3/registry.log" >&2; die "registry exited"; }
    (( SECONDS < end )) || die "registry did not answer on $REGISTRY_ADDR"
    sleep 0.2
  done
}

registry_stop() {  # workdir: end the temporary registry by its recorded pid
  local pid
  pid=$(cat "$1/registry.pid" 2>/dev/null) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}
