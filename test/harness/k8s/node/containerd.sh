# containerd for the real node (sourced by node.sh): Debian's containerd 1.6 with its own config,
# socket, root and state under $STATE/node/containerd (never the distribution's service or paths).
# Pulls of every registry host go to the loopback registry (hosts.toml `_default` plus each host the
# image names use), so no pull leaves the machine.
# shellcheck shell=bash
CTRD_DIR=$NODE_DIR/containerd
ctr_() { ctr --address "$CONTAINERD_SOCK" --namespace k8s.io "$@"; }

write_containerd_config() {
  mkdir -p "$CTRD_DIR/root" "$CTRD_DIR/state" "$CTRD_DIR/certs.d"
  # restrict_oom_score_adj: the sandbox asks for oom_score_adj -998, which needs CAP_SYS_RESOURCE this
  # host may lack (runc then fails "can't get final child's PID from pipe: EOF").
  # The opt plugin would create /opt/containerd; the other snapshotters are of no use here.
  cat >"$CTRD_DIR/config.toml" <<TOML
version = 2
root = "$CTRD_DIR/root"
state = "$CTRD_DIR/state"
disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.aufs",
  "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
  "io.containerd.snapshotter.v1.devmapper", "io.containerd.tracing.processor.v1.otlp"]
[grpc]
  address = "$CONTAINERD_SOCK"
[ttrpc]
  address = "$CONTAINERD_SOCK.ttrpc"
[metrics]
  address = ""
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  enable_selinux = false
  max_container_log_line_size = 16384
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$CTRD_DIR/state/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$NODE_DIR/cni/net.d"
    max_conf_num = 1
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "$CTRD_DIR/certs.d"
TOML
}

write_registry_hosts() {  # _default, plus every host named by a published image (older containerds lack _default)
  local h hosts=(_default docker.io registry.k8s.io quay.io ghcr.io gcr.io)
  for h in $(sed -n 's#^\([^/]*[.:][^/]*\)/.*#\1#p' "$IMAGE_STORE/published.txt" 2>/dev/null | sort -u); do
    hosts+=("$h")
  done
  for h in "${hosts[@]}"; do
    mkdir -p "$CTRD_DIR/certs.d/$h"
    cat >"$CTRD_DIR/certs.d/$h/hosts.toml" <<TOML
# every pull goes to the test cluster's loopback registry
server = "http://127.0.0.1:$REGISTRY_PORT"
[host."http://127.0.0.1:$REGISTRY_PORT"]
  capabilities = ["pull", "resolve"]
TOML
  done
}

start_containerd() {
  write_containerd_config; write_registry_hosts
  start_proc containerd /usr/bin/containerd --config "$CTRD_DIR/config.toml"
  wait_for containerd 30 ctr --address "$CONTAINERD_SOCK" version
}

own_shims() {  # shim PIDs started by this containerd (their command line names its socket)
  local p
  for p in /proc/[0-9]*; do
    [[ $(tr '\0' ' ' 2>/dev/null <"$p/cmdline") == *containerd-shim*"-address $CONTAINERD_SOCK "* ]] && echo "${p#/proc/}"
  done
  return 0
}

drain_containerd() {  # end every task and container through containerd, so the shims exit by themselves
  local id
  [[ -S $CONTAINERD_SOCK ]] && alive containerd || return 0
  for id in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks kill -s SIGKILL "$id" >/dev/null 2>&1 || true; done
  for id in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks delete -f "$id" >/dev/null 2>&1 || true; done
  for id in $(ctr_ containers ls -q 2>/dev/null); do ctr_ containers delete "$id" >/dev/null 2>&1 || true; done
  for _ in $(seq 1 50); do [[ -z $(own_shims) ]] && break; sleep 0.2; done
  [[ -z $(own_shims) ]] || log "WARNING: shims still running after draining containerd: $(own_shims | tr '\n' ' ')"
}
