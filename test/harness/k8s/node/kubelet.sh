# The kubelet of the real node (sourced by node.sh): authenticated like a real cluster's (x509 client
# CA + webhook authorization, anonymous off, no read-only port), serving on the bridge address only,
# every path under $STATE/node, pods in its own cgroup root, and no iptables chains of its own.
# shellcheck shell=bash
KUBELET_DIR=$NODE_DIR/kubelet
# kubelet's setupKernelTunables sets these at start (unless protectKernelDefaults, which would refuse
# to start on a host with other values); the harness gives the host its values back once Ready.
KUBELET_SYSCTLS=(kernel.panic kernel.panic_on_oops vm.overcommit_memory vm.panic_on_oom
  kernel.keys.root_maxkeys kernel.keys.root_maxbytes)

write_kubelet_config() {
  mkdir -p "$KUBELET_DIR" "$NODE_DIR/pod-logs" "$NODE_DIR/kubelet-plugins"
  cat >"$NODE_DIR/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: $KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $KUBELET_HEALTHZ_PORT
tlsCertFile: $PKI/kubelet-serving.crt
tlsPrivateKeyFile: $PKI/kubelet-serving.key
rotateCertificates: false
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization: {mode: Webhook}
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
cgroupDriver: cgroupfs
cgroupRoot: /$NODE_CGROUP
failCgroupV1: false
failSwapOn: false
makeIPTablesUtilChains: false
protectKernelDefaults: false
resolvConf: $NODE_DIR/resolv.conf
podLogsDir: $NODE_DIR/pod-logs
volumePluginDir: $NODE_DIR/kubelet-plugins
maxPods: ${KUBETASKS_NODE_MAX_PODS:-30}
serializeImagePulls: false
evictionHard: {memory.available: 50Mi, nodefs.available: 1%, imagefs.available: 1%, nodefs.inodesFree: 1%}
imageGCHighThresholdPercent: 99
imageGCLowThresholdPercent: 98
nodeStatusReportFrequency: 10s
shutdownGracePeriod: 0s
YAML
}

cgroup_controllers() {  # cgroup v1 hierarchies (hybrid host) or the v2 root
  if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then echo /sys/fs/cgroup; return; fi
  local d
  for d in /sys/fs/cgroup/*/; do [[ -L ${d%/} || ${d%/} == */unified ]] || echo "${d%/}"; done
}

make_cgroup_root() { local c; for c in $(cgroup_controllers); do mkdir -p "$c/$NODE_CGROUP"; done; }

remove_cgroup_root() {  # deepest first; a cgroup still holding a task stays (and is reported)
  local c d
  # the kubelet also mirrors its tree into the hybrid host's cgroup2 "unified" mount, which we never create
  for c in $(cgroup_controllers) /sys/fs/cgroup/unified; do
    [[ -d $c/$NODE_CGROUP ]] || continue
    while read -r d; do rmdir "$d" 2>/dev/null || log "WARNING: cgroup $d still busy"; done \
      < <(find "$c/$NODE_CGROUP" -depth -type d)
  done
}

save_sysctls() { sysctl -n "${KUBELET_SYSCTLS[@]}" >"$NODE_DIR/sysctls.orig"; }

restore_sysctls() {
  local i=0 v
  [[ -f $NODE_DIR/sysctls.orig ]] || return 0
  while read -r v; do
    [[ $(sysctl -n "${KUBELET_SYSCTLS[i]}") == "$v" ]] || sysctl -qw "${KUBELET_SYSCTLS[i]}=$v"
    i=$((i + 1))
  done <"$NODE_DIR/sysctls.orig"
}

real_node_ready() {
  api GET "/api/v1/nodes/$REAL_NODE_NAME" \
    | jq -e '[.status.conditions[]? | select(.type == "Ready" and .status == "True")] | length == 1' >/dev/null
}

start_kubelet() {
  write_kubelet_config; write_node_kubeconfig; make_cgroup_root
  # one kubelet start at a time on this machine, so each saves the host's own values, not another's
  exec 6>"$NODE_CACHE/kubelet-start.lock"; flock 6
  save_sysctls
  start_proc kubelet "$NODE_BIN/kubelet" --config="$NODE_DIR/kubelet.yaml" \
    --kubeconfig="$NODE_DIR/kubelet.kubeconfig" --root-dir="$KUBELET_DIR" --cert-dir="$KUBELET_DIR/pki" \
    --hostname-override="$REAL_NODE_NAME" --node-ip="$NODE_IP" \
    --node-labels="type=real,kubetasks.test/node=real" --v=1
  wait_for kubelet 90 real_node_ready
  restore_sysctls
  exec 6>&-
}
