#!/usr/bin/env bash
# Start a real, loopback-only Kubernetes control plane for tests: etcd + kube-apiserver +
# kube-controller-manager + kube-scheduler + kwok (one fake node) + the stand-in Spark controller.
# Idempotent: while everything is healthy a second call is a no-op. Builds the binaries first when
# the cache is empty (build.sh). Runs as root: it creates the exec users and /airflow/xcom, and kwok
# must be allowed to switch to the exec uid.
#   start.sh                  start (or confirm) the cluster; writes $STATE/env
#   start.sh apiserver-stop   stop only kube-apiserver (tests: restart mid-watch)
#   start.sh apiserver-start  start kube-apiserver again and wait until it is ready
set -Eeuo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.sh
source "$HERE/versions.sh"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
# shellcheck source=pki.sh
source "$HERE/pki.sh"
# shellcheck source=exec-users.sh
source "$HERE/exec-users.sh"
# shellcheck source=node/node.sh
source "$HERE/node/node.sh"
trap 'log "failed at line $LINENO: $BASH_COMMAND"' ERR
DATA=${KUBETASKS_K8S_DATA:-$REPO/../shared/data/k8s}

start_apiserver() {
  # --advertise-address=127.0.0.1 keeps every self-published address on loopback; the lease
  # endpoint reconciler would reject loopback, so reconciling the kubernetes Endpoints is off.
  # --kubelet-preferred-address-types: reach kwok (the "kubelet") at the node's InternalIP.
  start_proc kube-apiserver "$BIN/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" --etcd-prefix=/registry \
    --bind-address=127.0.0.1 --secure-port="$API_PORT" \
    --advertise-address=127.0.0.1 --endpoint-reconciler-type=none \
    --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --client-ca-file="$PKI/ca.crt" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
    --service-cluster-ip-range=10.96.0.0/16 \
    --authorization-mode=Node,RBAC --allow-privileged=true --enable-admission-plugins=NodeRestriction \
    --kubelet-preferred-address-types=InternalIP,Hostname \
    --kubelet-client-certificate="$PKI/kubelet-client.crt" --kubelet-client-key="$PKI/kubelet-client.key" \
    --kubelet-certificate-authority="$PKI/ca.crt" \
    --profiling=false
  wait_for kube-apiserver 120 api GET /readyz
}

kwok_src() {  # kwok's module source holds its stage and CRD YAML (already in GOMODCACHE after the build)
  ( cd "$K8S_CACHE" && GOFLAGS='' go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" ) \
    | { grep '"Dir"' || true; } | cut -d'"' -f4
}

install_crds() {  # kwok's Logs/Exec/... CRDs, then the real Spark operator and Kueue CRDs
  local f name crds=() k
  for k in logs clusterlogs execs clusterexecs attaches clusterattaches; do
    crds+=("$1/kustomize/crd/bases/kwok.x-k8s.io_$k.yaml")
  done
  [[ -f $DATA/sparkapplications.sparkoperator.k8s.io.yaml ]] || die "CRD data not found in $DATA (set KUBETASKS_K8S_DATA)"
  crds+=("$DATA"/sparkapplications.sparkoperator.k8s.io.yaml "$DATA"/scheduledsparkapplications.sparkoperator.k8s.io.yaml)
  crds+=("$DATA"/kueue-*.yaml)
  for f in "${crds[@]}"; do
    name=$(awk '$1 == "name:" {print $2; exit}' "$f")
    api_apply /apis/apiextensions.k8s.io/v1/customresourcedefinitions "$name" "$f" \
      || die "server-side apply of CRD $name from $f failed"
    wait_for kube-apiserver 60 crd_established "$name"
  done
}

create_node() {  # no status.addresses: kwok's node-initialize stage fills InternalIP/Hostname
  local f=$STATE/node.yaml
  cat >"$f" <<EOF
apiVersion: v1
kind: Node
metadata:
  name: $NODE_NAME
  labels: {type: kwok, kubernetes.io/hostname: $NODE_NAME, kubernetes.io/os: linux, kubernetes.io/arch: amd64}
  annotations: {kwok.x-k8s.io/node: fake}
spec:
  podCIDR: 10.244.0.0/24
  podCIDRs: [10.244.0.0/24]
EOF
  # beside a real node, kwok's takes only pods that tolerate this taint (fixtures.ts: kwokPlacement)
  [[ $REAL_NODE != 1 ]] || printf '  taints: [{key: %s, value: fake, effect: NoSchedule}]\n' "$KWOK_TAINT_KEY" >>"$f"
  api_apply /api/v1/nodes "$NODE_NAME" "$f" || die "creating node $NODE_NAME failed"
}

write_env() {
  cat >"$STATE/env" <<EOF
export KUBECONFIG=$KUBECONFIG_FILE
export KUBETASKS_K8S_STATE=$STATE
export KUBETASKS_K8S_API=https://127.0.0.1:$API_PORT
export KUBETASKS_K8S_NODE=$NODE_NAME
export KUBETASKS_K8S_PODLOGS=$STATE/podlogs
export KUBETASKS_K8S_EXEC_ROOT=$STATE/exec
export KUBETASKS_K8S_EXEC_IDS="$EXEC_IDS"
export KUBETASKS_K8S_VERSION=$K8S_VERSION
export KUBETASKS_K8S_REAL_NODE=$([[ $REAL_NODE == 1 ]] && echo "$REAL_NODE_NAME")
export KUBETASKS_K8S_NODE_IP=$NODE_IP
export KUBETASKS_K8S_BIN=$BIN
export KUBETASKS_NODE_BRIDGE=$NODE_BRIDGE
export KUBETASKS_REGISTRY=127.0.0.1:$REGISTRY_PORT
export KUBETASKS_K8S_KWOK_TAINT=$KWOK_TAINT_KEY
export PATH=$BIN:\$PATH
EOF
}

healthy() {
  local n
  for n in "${COMPONENTS[@]}"; do alive "$n" || return 1; done
  api GET /readyz >/dev/null 2>&1 && node_ready 2>/dev/null && { [[ $REAL_NODE != 1 ]] || real_node_ready 2>/dev/null; }
}

start_all() {
  local kwoksrc t0=$SECONDS p
  bash "$HERE/stop.sh" >/dev/null 2>&1 || true     # clear a half-started previous run
  rm -rf "$STATE/etcd" "$STATE/logs" "$STATE/podlogs" "$STATE/exec"
  mkdir -p "$STATE/logs" "$STATE/pids" "$STATE/podlogs" "$STATE/exec" "$STATE/kwok-workdir"
  chmod 755 "$STATE" "$STATE/exec" "$STATE/podlogs"   # CI's umask may be 077; exec users must get in
  ensure_exec_users; ensure_xcom_link; check_exec_access
  for p in "$ETCD_PORT" "$ETCD_PEER_PORT" "$API_PORT" "$KCM_PORT" "$SCHED_PORT" "$KWOK_PORT"; do
    port_free "$p" || die "port $p on 127.0.0.1 is busy"
  done
  gen_pki; write_kubeconfig
  gen_node_pki   # kube-apiserver's kubelet client certificate, used with kwok's node too
  [[ $REAL_NODE != 1 ]] || prepare_real_node
  kwoksrc=$(kwok_src); [[ -d $kwoksrc/kustomize ]] || die "kwok module source not found (go mod download sigs.k8s.io/kwok@$KWOK_VERSION)"

  start_proc etcd "$BIN/etcd" --name=node0 --data-dir="$STATE/etcd" \
    --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster="node0=http://127.0.0.1:$ETCD_PEER_PORT" --initial-cluster-state=new \
    --auto-compaction-retention=1 --quota-backend-bytes=2147483648 --unsafe-no-fsync --log-level=warn
  wait_for etcd 30 curl -fsS "http://127.0.0.1:$ETCD_PORT/health"
  start_apiserver
  # Job controller, garbage collector, serviceaccount and namespace controllers are on by default
  start_proc kube-controller-manager "$BIN/kube-controller-manager" \
    --kubeconfig="$KUBECONFIG_FILE" --bind-address=127.0.0.1 --secure-port="$KCM_PORT" \
    --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics \
    --leader-elect=false --root-ca-file="$PKI/ca.crt" --service-account-private-key-file="$PKI/sa.key" \
    --node-monitor-period=5s --node-monitor-grace-period=40s --profiling=false
  start_proc kube-scheduler "$BIN/kube-scheduler" \
    --kubeconfig="$KUBECONFIG_FILE" --bind-address=127.0.0.1 --secure-port="$SCHED_PORT" \
    --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics --leader-elect=false
  wait_for kube-controller-manager 60 curl -fsSk "https://127.0.0.1:$KCM_PORT/healthz"
  wait_for kube-scheduler 60 curl -fsSk "https://127.0.0.1:$SCHED_PORT/healthz"
  install_crds "$kwoksrc"

  # KWOK_WORKDIR keeps a stray ~/.kwok/kwok.yaml out of the config; Stage is static config
  # (not in --enable-crds), Logs/Exec are live CRs the tests create per pod.
  KWOK_WORKDIR="$STATE/kwok-workdir" start_proc kwok "$BIN/kwok" \
    --kubeconfig="$KUBECONFIG_FILE" \
    --config="$kwoksrc/kustomize/stage/node/fast" \
    --config="$kwoksrc/kustomize/stage/node/heartbeat-with-lease" \
    --config="$kwoksrc/kustomize/stage/pod/fast" \
    --config="$kwoksrc/kustomize/stage/pod/chaos/pod-container-running-failed.yaml" \
    --config="$HERE/kwok/pod-outcome.yaml" \
    --config="$HERE/kwok/pod-base-exit.yaml" \
    --manage-single-node="$NODE_NAME" \
    --node-ip=127.0.0.1 --node-name=localhost --node-port="$KWOK_PORT" \
    --server-address="127.0.0.1:$KWOK_PORT" \
    --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --node-lease-duration-seconds=40 --cidr=10.244.0.0/16 \
    --enable-crds=Logs,ClusterLogs,Exec,ClusterExec,Attach,ClusterAttach
  wait_for kwok 60 curl -fsSk "https://127.0.0.1:$KWOK_PORT/healthz"
  create_node
  wait_for kwok 90 node_ready
  wait_for kube-controller-manager 60 api GET /api/v1/namespaces/default/serviceaccounts/default

  KUBECONFIG=$KUBECONFIG_FILE start_proc spark-standin node --import tsx "$HERE/spark-standin/main.ts"
  wait_for spark-standin 60 grep -q 'spark-standin: watching' "$STATE/logs/spark-standin.log"
  [[ $REAL_NODE != 1 ]] || start_real_node
  source "$HERE/kueue.sh"; start_kueue  # a real Kueue, last: its webhooks need the rest
  write_env
  log "ready in $((SECONDS - t0)) s: source $STATE/env"
}

main() {
  (( EUID == 0 )) || die "run start.sh as root: it creates the exec users and /airflow/xcom"
  command -v jq >/dev/null || die "jq not found"
  mkdir -p "$STATE"; cd "$REPO"
  exec 9>"$STATE/start.lock"; flock 9
  case ${1:-start} in
    apiserver-stop) stop_proc kube-apiserver; return 0 ;;
    apiserver-start) alive kube-apiserver || start_apiserver; return 0 ;;
    start) ;;
    *) die "unknown command ${1}" ;;
  esac
  bash "$HERE/build.sh"
  if [[ -d $STATE/pids ]] && healthy; then log "already running: source $STATE/env"; return 0; fi
  start_all
}

main "$@"
