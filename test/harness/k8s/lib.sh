# Helpers shared by start.sh / stop.sh / run-suite.sh (sourced). Needs versions.sh first.
# shellcheck shell=bash disable=SC2034
REPO=$(cd "$HERE/../../.." && pwd)
STATE=${KUBETASKS_K8S_STATE:-${TMPDIR:-/tmp}/kubetasks-k8s}
PKI=$STATE/pki
KUBECONFIG_FILE=$STATE/kubeconfig
# Loopback ports below the ephemeral range (32768+) so nothing else grabs them by chance.
ETCD_PORT=${ETCD_PORT:-23790}
ETCD_PEER_PORT=${ETCD_PEER_PORT:-23800}
API_PORT=${API_PORT:-26443}
KCM_PORT=${KCM_PORT:-20257}
SCHED_PORT=${SCHED_PORT:-20259}
KWOK_PORT=${KWOK_PORT:-20250}
NODE_NAME=${NODE_NAME:-kwok-node-0}
EXEC_USER_PREFIX=kubetasks-exec
# Processes start.sh owns, in start order (stop.sh ends them in reverse).
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok spark-standin kueue)
# shellcheck source=node/names.sh
source "$HERE/node/names.sh"
[[ $REAL_NODE == 1 ]] && COMPONENTS+=(registry containerd kubelet)

log() { printf '[k8s-test-env %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

start_proc() {  # name binary args...: detach, remember "pid exe" for stop.sh
  local name=$1 exe; shift
  exe=$(command -v "$1")
  # close the lock fds (6-9) so long-running children never hold start.sh's locks
  nohup "$@" >>"$STATE/logs/$name.log" 2>&1 </dev/null 6>&- 7>&- 8>&- 9>&- &
  printf '%s %s\n' "$!" "$exe" >"$STATE/pids/$name.pid"
  # until nohup has exec'd the binary, /proc/PID/exe is nohup: alive() would call it dead (seen under load)
  local i; for i in $(seq 1 50); do [[ $(readlink -f "/proc/$!/exe" 2>/dev/null) == "$(readlink -f "$exe")" ]] && break; sleep 0.1; done
}

pid_of() {  # name -> prints the pid if it still runs the binary start.sh launched
  local pid exe
  [[ -f $STATE/pids/$1.pid ]] || return 1
  read -r pid exe <"$STATE/pids/$1.pid"
  [[ -d /proc/$pid && $(readlink -f "/proc/$pid/exe" 2>/dev/null) == "$(readlink -f "$exe")" ]] || return 1
  ! grep -q '^[^)]*) Z' "/proc/$pid/stat" 2>/dev/null || return 1
  echo "$pid"
}
alive() { pid_of "$1" >/dev/null; }

stop_proc() {  # name: TERM, then KILL after 10 s; only the recorded pid, only if it is still ours
  local pid
  if pid=$(pid_of "$1"); then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$1" || break; sleep 0.2; done
    if alive "$1"; then kill -KILL "$pid" 2>/dev/null || true; fi
    for _ in $(seq 1 25); do alive "$1" || break; sleep 0.2; done
  fi
  rm -f "$STATE/pids/$1.pid"
}

wait_for() {  # name timeout-seconds command...: poll until ok; fail with the component's log tail
  local name=$1 end=$((SECONDS + $2)); shift 2
  until "$@" >/dev/null 2>&1; do
    alive "$name" || { tail -n 40 "$STATE/logs/$name.log" >&2; die "$name exited (log: $STATE/logs/$name.log)"; }
    (( SECONDS < end )) || { tail -n 40 "$STATE/logs/$name.log" >&2; die "timeout waiting for $name"; }
    sleep 0.3
  done
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# kube-apiserver over curl with the admin client cert: start.sh does not need kubectl.
api() {  # method path [curl args...]
  local m=$1 p=$2; shift 2
  curl -fsS --max-time 10 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
    -X "$m" "https://127.0.0.1:$API_PORT$p" "$@"
}
# Server-side apply (PATCH application/apply-patch+yaml): the Spark and Kueue CRDs are too large
# for the client-side last-applied annotation (262144 bytes), and apply is idempotent.
api_apply() {  # collection-path name yaml-file
  api PATCH "$1/$2?fieldManager=kubetasks-test-env&force=true" \
    -H 'Content-Type: application/apply-patch+yaml' --data-binary "@$3" >/dev/null
}
crd_established() {  # crd name
  api GET "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/$1" \
    | jq -e '.status.conditions[]? | select(.type == "Established" and .status == "True")' >/dev/null
}
node_ready() {  # Ready=True and no taints but ours (KCM lifts node.kubernetes.io/not-ready on its next pass)
  api GET "/api/v1/nodes/$NODE_NAME" \
    | jq -e --arg own "$KWOK_TAINT_KEY" '([.status.conditions[]? | select(.type == "Ready" and .status == "True")] | length == 1)
             and ([(.spec.taints // [])[] | select(.key != $own)] | length == 0)' >/dev/null
}
