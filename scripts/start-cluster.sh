#!/usr/bin/env bash
# `npm start`'s own local cluster: the test harness's cluster with its real node (test/harness/k8s/start.sh), under
# its own state directory and loopback ports, so it runs beside a concurrent `npm test` (whose defaults are
# 23790/23800/26443/20257/20259/20250) without either noticing. Every host object the node makes (bridge, subnet,
# cgroup, iptables rule, sysctls) is named after the state directory and undone by `down` (docs/TEST-CLUSTER.md).
#   start-cluster.sh up     snapshot the host, build (first start only), start, create the examples' objects
#   start-cluster.sh down   stop by recorded PID (stop.sh), then compare the host with the snapshot
#   start-cluster.sh objects  (re)create the examples' objects and the kubeconfig on the running cluster
#   start-cluster.sh ports    print the loopback ports it uses
# Progress goes to stdout and to $STATE/start-status.json, which the extension's status bar watches:
#   {"state": "starting" | "ready" | "failed" | "stopped", "step": "...", "log": "...", "kubeconfig": "..."}
# Only the KUBETASKS_START_* variables move it: the harness's own ETCD_PORT, API_PORT, ... are ignored here.
set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HARNESS=$REPO/test/harness/k8s
export KUBETASKS_K8S_STATE=${KUBETASKS_START_STATE:-${TMPDIR:-/tmp}/kubetasks-start}
# 25xxx: below the ephemeral range (32768+), apart from npm test's ports and the 31xxx-37xxx blocks of dev clusters
P=${KUBETASKS_START_PORT_BASE:-25000}
export ETCD_PORT=$((P + 790)) ETCD_PEER_PORT=$((P + 800)) API_PORT=$((P + 443)) KCM_PORT=$((P + 257))
export SCHED_PORT=$((P + 259)) KWOK_PORT=$((P + 250)) KUBELET_PORT=$((P + 251)) KUBELET_HEALTHZ_PORT=$((P + 252))
export REGISTRY_PORT=$((P + 253)) KUBETASKS_REAL_NODE=1
unset KUBETASKS_NODE_BRIDGE KUBETASKS_NODE_SUBNET KUBETASKS_REAL_NODE_NAME KUEUE_WEBHOOK_PORT KUEUE_METRICS_PORT KUEUE_HEALTH_PORT
HERE=$HARNESS
# shellcheck source=../test/harness/k8s/versions.sh
source "$HARNESS/versions.sh"
# shellcheck source=../test/harness/k8s/lib.sh
source "$HARNESS/lib.sh"   # STATE, as the harness names it
STATUS=$STATE/start-status.json
KUBECONFIG_OUT=$STATE/kubetasks-local.kubeconfig

say() { printf '[npm start %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

status() {  # state step
  jq -n --arg state "$1" --arg step "$2" --arg log "$STATE/start.log" --arg kubeconfig "$KUBECONFIG_OUT" \
    --arg at "$(date -u +%FT%TZ)" '{state: $state, step: $step, log: $log, kubeconfig: $kubeconfig, at: $at}' \
    >"$STATUS.tmp" && mv -f "$STATUS.tmp" "$STATUS"
  say "$1: $2"
}

# The project's own kubeconfig for this cluster (context kubetasks-local), never the user's ~/.kube/config.
write_kubeconfig() {
  cat >"$KUBECONFIG_OUT" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: kubetasks-local
  cluster: {server: "https://127.0.0.1:$API_PORT", certificate-authority: $STATE/pki/ca.crt}
users:
- name: kubetasks-local-admin
  user: {client-certificate: $STATE/pki/admin.crt, client-key: $STATE/pki/admin.key}
contexts:
- name: kubetasks-local
  context: {cluster: kubetasks-local, user: kubetasks-local-admin, namespace: default}
current-context: kubetasks-local
EOF
  chmod 600 "$KUBECONFIG_OUT"
}

# What the provider docs' examples expect to find in the cluster: their Secrets, ConfigMaps, PriorityClass and PVC
# (scripts/example-objects.ts, shared with the host suite's examples test).
example_objects() {
  node --import tsx "$REPO/scripts/example-objects.ts" apply "$KUBECONFIG_OUT" "$STATE/volumes/test-volume"
}

up() {
  (( EUID == 0 )) || { say "ERROR: the local cluster needs root (bridge, iptables rule, sysctls, cgroup, exec users)"; return 1; }
  mkdir -p "$STATE" && chmod 755 "$STATE"
  [[ ! -f $STATE/pids/etcd.pid ]] || bash "$HARNESS/stop.sh" >/dev/null 2>&1   # a previous npm start killed hard
  status starting "snapshot of the host"
  bash "$HARNESS/host-snapshot.sh" take "$STATE/host-before" || { status failed "host snapshot failed"; return 1; }
  status starting "building Kubernetes, the node and its images (first start only: 20-35 min)"
  bash "$HARNESS/build.sh" </dev/null || { status failed "build failed (see the log)"; return 1; }
  status starting "starting the control plane, the real node and Kueue (1-3 min)"
  bash "$HARNESS/start.sh" </dev/null || { status failed "the cluster did not start (see the log and $STATE/logs)"; return 1; }
  write_kubeconfig
  status starting "creating the examples' Secrets, ConfigMaps, volume, PriorityClass and Kueue queue"
  example_objects || { status failed "creating the examples' objects failed (see the log)"; return 1; }
  status ready "cluster ready: kubeconfig $KUBECONFIG_OUT"
}

down() {
  local t0=$SECONDS
  [[ -d $STATE ]] || { say "nothing to stop in $STATE"; return 0; }
  bash "$HARNESS/stop.sh" >/dev/null 2>&1
  say "cluster stopped in $((SECONDS - t0)) s"
  [[ -f $STATUS ]] && status stopped "stopped by npm start"
  [[ -f $STATE/host-before ]] || { say "no host snapshot to compare with"; return 0; }
  bash "$HARNESS/host-snapshot.sh" take "$STATE/host-after"
  if bash "$HARNESS/host-snapshot.sh" diff "$STATE/host-before" "$STATE/host-after"; then
    say "host restored (bridge, iptables rule, sysctls, mounts, cgroup as before)"
  else
    say "ERROR: the host is not as it was (listed above)"; return 1
  fi
}

case ${1:-} in
  up) up ;;
  down) down ;;
  objects) write_kubeconfig && example_objects ;;   # again, on a running cluster
  ports) for v in ETCD_PORT ETCD_PEER_PORT API_PORT KCM_PORT SCHED_PORT KWOK_PORT KUBELET_PORT KUBELET_HEALTHZ_PORT REGISTRY_PORT; do
      printf '%s=%s\n' "$v" "${!v}"; done ;;
  *) echo "usage: start-cluster.sh up | down | objects | ports" >&2; exit 2 ;;
esac
