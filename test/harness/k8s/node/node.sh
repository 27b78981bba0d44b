# The real node beside kwok's (sourced by start.sh and stop.sh): registry, containerd and kubelet,
# with the bridge network of net.sh. Pods with no node choice land here; kwok's node is tainted.
# shellcheck shell=bash
# shellcheck source=registry.sh
source "$HERE/node/registry.sh"
# shellcheck source=pki.sh
source "$HERE/node/pki.sh"
# shellcheck source=net.sh
source "$HERE/node/net.sh"
# shellcheck source=containerd.sh
source "$HERE/node/containerd.sh"
# shellcheck source=kubelet.sh
source "$HERE/node/kubelet.sh"

check_node_tools() {
  local t
  for t in /usr/bin/containerd ctr runc ip iptables /usr/lib/cni/bridge /usr/lib/cni/host-local; do
    command -v "$t" >/dev/null || die "$t not found: run test/harness/k8s/provision.sh (apt packages of the real node)"
  done
}

prepare_real_node() {  # before kube-apiserver starts: packages, binaries, images, certificates, ports
  bash "$HERE/provision.sh"
  check_node_tools
  bash "$HERE/node-build.sh"
  bash "$HERE/images.sh" ensure
  # a fresh node each start; containerd's root (the unpacked images) is kept for the next one
  # unless the image store changed (tagged images are IfNotPresent: a stale copy would win)
  rm -rf "$NODE_DIR/kubelet" "$NODE_DIR/pod-logs" "$NODE_DIR/containerd/state"
  if [[ $(cat "$NODE_DIR/containerd/image-store" 2>/dev/null) != "$IMAGE_STORE" ]]; then
    rm -rf "$NODE_DIR/containerd/root"; mkdir -p "$NODE_DIR/containerd"
    echo "$IMAGE_STORE" >"$NODE_DIR/containerd/image-store"
  fi
  mkdir -p "$NODE_DIR"
  gen_node_pki
  local p
  for p in "$KUBELET_HEALTHZ_PORT" "$REGISTRY_PORT"; do port_free "$p" || die "port $p on 127.0.0.1 is busy"; done
}

start_registry() {
  write_registry_config "$NODE_DIR/registry.yml" "$IMAGE_STORE/data" "$REGISTRY_PORT"
  OTEL_TRACES_EXPORTER=none OTEL_SDK_DISABLED=true start_proc registry "$NODE_BIN/registry" serve "$NODE_DIR/registry.yml"
  wait_for registry 30 curl -fsS "http://127.0.0.1:$REGISTRY_PORT/v2/"
  bash "$HERE/images.sh" publish "127.0.0.1:$REGISTRY_PORT"
}

# Host paths created whatever the flags say: the kubelet's ContainerLogsDir (kubelet.go, legacy
# symlinks), its device manager's socket (/var/lib/kubelet/device-plugins/kubelet.sock, a constant
# of the device plugin API) and containerd 1.6's shim sockets (/run/containerd/s).
NODE_HOST_DIRS=(/var/log/containers /var/lib/kubelet /run/containerd)

note_host_dirs() {  # remember which of them are about to be created, so stop removes only those
  local d
  for d in "${NODE_HOST_DIRS[@]}"; do [[ -e $d ]] || echo "$d"; done >"$NODE_DIR/host-dirs-created"
}

remove_host_dirs() {  # only those this node created: sockets, the device checkpoint and empty directories
  local d
  [[ -f $NODE_DIR/host-dirs-created ]] || return 0
  while read -r d; do
    [[ -d $d ]] && find "$d" -depth \( -type s -o -name kubelet_internal_checkpoint -o -type d -empty \) -delete 2>/dev/null
  done <"$NODE_DIR/host-dirs-created"
  return 0
}

start_real_node() {  # after the control plane and kwok's node are up
  local t0=$SECONDS
  bind_kubelet_api_admin
  note_host_dirs
  net_up
  start_registry
  start_containerd
  start_kubelet
  log "real node $REAL_NODE_NAME Ready at $NODE_IP in $((SECONDS - t0)) s"
}

node_pods() {  # namespace/name of every pod bound to the real node
  api GET "/api/v1/pods?fieldSelector=spec.nodeName%3D$REAL_NODE_NAME" \
    | jq -r '.items[] | "\(.metadata.namespace)/\(.metadata.name)"'
}

# Grace 1, not 0: a grace-0 delete removes the object at once, while with a grace period the kubelet
# itself deletes it after its containers stopped, so an empty list means the kubelet let them go.
drain_real_node() {  # delete the node's pods and wait until the kubelet has stopped them
  local p end=$((SECONDS + 30))
  alive kubelet && alive kube-apiserver || return 0
  for p in $(node_pods 2>/dev/null); do
    api DELETE "/api/v1/namespaces/${p%/*}/pods/${p#*/}" -H 'Content-Type: application/json' \
      --data '{"gracePeriodSeconds":1}' >/dev/null 2>&1 || true
  done
  while [[ -n $(node_pods 2>/dev/null) ]] && (( SECONDS < end )); do sleep 0.3; done
}

unmount_state() {  # anything still mounted under the state directory (projected volumes, sandbox shm)
  local m
  for m in $(awk -v s="$STATE/" 'index($2, s) == 1 {print $2}' /proc/mounts | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "WARNING: cannot unmount $m"
  done
}

stop_real_node() {  # stop.sh: pods, kubelet, containers, containerd, registry, then the host objects
  drain_real_node
  stop_proc kubelet
  drain_containerd
  stop_proc containerd
  stop_proc registry
  unmount_state
  net_down
  remove_cgroup_root
  remove_host_dirs
  restore_sysctls
}
