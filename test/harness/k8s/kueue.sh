# A real Kueue controller manager for the test cluster (sourced by build.sh, start.sh and stop.sh;
# start/stop also need lib.sh and pki.sh's $PKI). Built from the Go module proxy: sigs.k8s.io/kueue
# has no replace directives, so a plain `go install module@version` resolves exactly its go.mod.
# It runs on the host, like the rest of the control plane:
# - webhooks are registered with clientConfig.url on loopback (kueue/webhooks.ts derives them from
#   the release's manifests) and served with a certificate from the harness's CA;
# - the CRDs that have a conversion webhook in the release point it at Kueue's /convert;
# - no visibility API server and no APIService (feature gate VisibilityOnDemand off);
# - the fixed metrics-certificate path exists only in Kueue's own mount namespace (kueue/mount-ns-exec.sh).
# docs/TEST-CLUSTER.md ("Kueue") describes the queues it sets up.
# shellcheck shell=bash
KUEUE_VERSION=${KUEUE_VERSION:-v0.19.2}
KUEUE_DIR=$CACHE_ROOT/kueue/kueue-$KUEUE_VERSION
KUEUE_BIN=$KUEUE_DIR/kueue
# Loopback ports in 16000-16989, three per cluster, derived from API_PORT so clusters started side
# by side with different ports (KUBETASKS_K8S_STATE + *_PORT) do not collide; each is overridable.
KUEUE_PORT_SLOT=$(( ${API_PORT:-26443} % 330 ))
KUEUE_WEBHOOK_PORT=${KUEUE_WEBHOOK_PORT:-$((16000 + KUEUE_PORT_SLOT * 3))}
KUEUE_METRICS_PORT=${KUEUE_METRICS_PORT:-$((16001 + KUEUE_PORT_SLOT * 3))}
KUEUE_HEALTH_PORT=${KUEUE_HEALTH_PORT:-$((16002 + KUEUE_PORT_SLOT * 3))}
KUEUE_WEBHOOKS=(kueue-mutating-webhook-configuration kueue-validating-webhook-configuration)
KUEUE_QUEUES=(resource-flavor cluster-queue local-queue zero-quota-cluster-queue zero-quota-queue)

kueue_built() { [[ -x $KUEUE_BIN && -f $KUEUE_DIR/.built ]]; }

kueue_src() {  # the module source (config/ holds CRDs and webhook manifests); downloads if missing
  ( cd "$CACHE_ROOT" && GOFLAGS='' GOWORK=off go mod download -json "sigs.k8s.io/kueue@$KUEUE_VERSION" ) \
    | { grep '"Dir"' || true; } | cut -d'"' -f4
}

kueue_go_install() {  # tmp-dir: build cmd/kueue with the release's version stamp (its Makefile's LD_FLAGS)
  local info commit p=sigs.k8s.io/kueue/pkg/version
  info=$(cd "$CACHE_ROOT" && GOFLAGS='' GOWORK=off go mod download -json "sigs.k8s.io/kueue@$KUEUE_VERSION") \
    || { log "ERROR: go mod download sigs.k8s.io/kueue@$KUEUE_VERSION failed: $info"; return 1; }
  commit=$(printf '%s\n' "$info" | { grep '"Hash"' || true; } | head -1 | cut -d'"' -f4)
  ( cd "$CACHE_ROOT" && CGO_ENABLED=0 GOFLAGS='' GOWORK=off GOBIN="$1" go install -trimpath \
      -ldflags "-s -w -X $p.GitVersion=$KUEUE_VERSION -X $p.GitCommit=${commit:-unknown} -X $p.BuildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
      "sigs.k8s.io/kueue/cmd/kueue@$KUEUE_VERSION" )
}

build_kueue() {  # idempotent: a complete cache costs nothing; one build per machine at a time
  kueue_built && return 0
  mkdir -p "$KUEUE_DIR"
  local t0=$SECONDS tmp=$KUEUE_DIR.tmp
  (  # errexit is off in a `( ) ||` list, so every step checks its own status
    exec 7>"$KUEUE_DIR.lock"; flock 7 || exit 1
    kueue_built && exit 0
    log "building sigs.k8s.io/kueue/cmd/kueue@$KUEUE_VERSION (measured 215 s cold on 2 cores)"
    rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
    kueue_go_install "$tmp" || exit 1
    "$tmp/kueue" --help >"$tmp/help.txt" 2>&1 || true  # Go's flag package: -help may exit 0 or 2
    grep -q -- '-config string' "$tmp/help.txt" || { log "ERROR: $tmp/kueue does not run: $(head -3 "$tmp/help.txt")"; exit 1; }
    mv -f "$tmp/kueue" "$KUEUE_BIN" && rm -rf "$tmp" || exit 1
    printf '%s\n' "$KUEUE_VERSION" >"$KUEUE_DIR/.built"
  ) || { log "ERROR: building Kueue $KUEUE_VERSION failed"; return 1; }
  log "Kueue $KUEUE_VERSION in $KUEUE_BIN ($((SECONDS - t0)) s)"
}

kueue_certs() {  # a serving certificate from the harness CA (SANs 127.0.0.1/localhost: pki.sh's [server])
  local d=$STATE/kueue/certs
  rm -rf "$d"; mkdir -p "$d"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -config "$PKI/openssl.cnf" -subj "/CN=kueue-webhook" \
    -keyout "$d/tls.key" -out "$d/tls.csr" 2>/dev/null \
    && openssl x509 -req -in "$d/tls.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
      -days 3650 -extfile "$PKI/openssl.cnf" -extensions server -out "$d/tls.crt" 2>/dev/null \
    && openssl verify -CAfile "$PKI/ca.crt" "$d/tls.crt" >/dev/null \
    || die "issuing Kueue's serving certificate from $PKI/ca.crt failed"
  rm -f "$d/tls.csr"; chmod 600 "$d/tls.key"
}

kueue_crds() {  # src: the release's 11 CRDs; start.sh installed the 5 in ../shared/data, Kueue watches all
  local f name added=()
  for f in "$1"/config/components/crd/bases/*.yaml; do
    name=$(awk '$1 == "name:" {print $2; exit}' "$f")
    api GET "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/$name" >/dev/null 2>&1 && continue
    api_apply /apis/apiextensions.k8s.io/v1/customresourcedefinitions "$name" "$f" \
      || die "server-side apply of CRD $name from $f failed"
    added+=("$name")
  done
  for name in "${added[@]}"; do wait_for kube-apiserver 60 crd_established "$name"; done
}

kueue_config() {  # the controller configuration (config.kueue.x-k8s.io/v1beta2 Configuration)
  cat >"$STATE/kueue/config.yaml" <<EOF
apiVersion: config.kueue.x-k8s.io/v1beta2
kind: Configuration
namespace: kueue-system
health: {healthProbeBindAddress: "127.0.0.1:$KUEUE_HEALTH_PORT"}
metrics: {bindAddress: "127.0.0.1:$KUEUE_METRICS_PORT"}
webhook: {host: 127.0.0.1, port: $KUEUE_WEBHOOK_PORT, certDir: "$STATE/kueue/certs"}
leaderElection: {leaderElect: false}
internalCertManagement: {enable: false}
manageJobsWithoutQueueName: false
featureGates: {VisibilityOnDemand: false}
integrations: {frameworks: [batch/job]}
EOF
}

kueue_exec_started() {  # nohup -> unshare -> bash -> exec kueue keep one pid; wait for the last exec
  local pid exe
  read -r pid exe <"$STATE/pids/kueue.pid"
  for _ in $(seq 1 50); do
    [[ $(readlink -f "/proc/$pid/exe" 2>/dev/null) == "$(readlink -f "$KUEUE_BIN")" ]] && break
    [[ -d /proc/$pid ]] || break
    sleep 0.2
  done
  # from here on stop.sh ends this pid only while it still runs the Kueue binary
  printf '%s %s\n' "$pid" "$KUEUE_BIN" >"$STATE/pids/kueue.pid"
  alive kueue || { tail -n 40 "$STATE/logs/kueue.log" >&2; die "kueue did not start (log: $STATE/logs/kueue.log)"; }
}

kueue_render_webhooks() {  # src: derive the webhook configurations (before Kueue runs: node takes seconds)
  local out=$STATE/kueue/webhooks
  rm -rf "$out"; mkdir -p "$out"
  node --import tsx "$HERE/kueue/webhooks.ts" "$1" "https://127.0.0.1:$KUEUE_WEBHOOK_PORT" "$PKI/ca.crt" "$out" >/dev/null \
    || die "deriving Kueue's webhook configurations from $1 failed"
}

kueue_webhooks() {  # src: register Kueue's admission webhooks and CRD conversion on loopback
  local url=https://127.0.0.1:$KUEUE_WEBHOOK_PORT f name ca patch
  for f in "$STATE"/kueue/webhooks/*.json; do
    name=$(basename "$f" .json)
    case $name in
      *mutating*) api_apply /apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations "$name" "$f" ;;
      *) api_apply /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations "$name" "$f" ;;
    esac || die "applying $f failed"
  done
  # the CRDs whose conversion webhook the release enables (the active webhook_in_* patches of
  # config/components/crd/kustomization.yaml) convert v1beta1 <-> v1beta2 through Kueue; without it
  # a v1beta1 read would just relabel v1beta2 data
  ca=$(base64 -w0 "$PKI/ca.crt")
  patch=$(jq -cn --arg url "$url/convert" --arg ca "$ca" '{spec: {conversion: {strategy: "Webhook",
    webhook: {clientConfig: {url: $url, caBundle: $ca}, conversionReviewVersions: ["v1"]}}}}')
  for f in $(awk '$1 == "-" && $2 == "path:" && $3 ~ /webhook_in_/ {print $3}' "$1/config/components/crd/kustomization.yaml"); do
    name=$(awk '$1 == "name:" {print $2; exit}' "$1/config/components/crd/$f")
    api PATCH "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/$name" \
      -H 'Content-Type: application/merge-patch+json' --data-binary "$patch" >/dev/null \
      || die "pointing the conversion of CRD $name at Kueue failed"
  done
}

kueue_mutates_jobs() {  # a dry-run Job with the queue label comes back suspended: the mjob webhook answered
  jq -cn '{apiVersion: "batch/v1", kind: "Job", metadata: {name: "kueue-webhook-probe",
      labels: {"kueue.x-k8s.io/queue-name": "local-queue"}},
    spec: {suspend: false, template: {spec: {restartPolicy: "Never",
      containers: [{name: "probe", image: "busybox:1.36", resources: {requests: {cpu: "10m"}}}]}}}}' \
    | api POST "/apis/batch/v1/namespaces/default/jobs?dryRun=All" -H 'Content-Type: application/json' \
      --data-binary @- | jq -e '.spec.suspend == true' >/dev/null
}

kueue_queue_active() {  # plural name [namespace]: Kueue reports the queue Active=True
  local path=/apis/kueue.x-k8s.io/v1beta2
  [[ -n ${3:-} ]] && path+=/namespaces/$3
  api GET "$path/$1/$2" | jq -e '.status.conditions[]? | select(.type == "Active" and .status == "True")' >/dev/null
}

kueue_queues() {  # the provider docs' local-queue on a ClusterQueue sized to the real node, plus a zero-quota one
  local q f kind name ns plural
  for q in "${KUEUE_QUEUES[@]}"; do
    f=$HERE/kueue/$q.yaml
    kind=$(awk '$1 == "kind:" {print $2; exit}' "$f")
    name=$(awk '$1 == "name:" {print $2; exit}' "$f")
    ns=$(awk '$1 == "namespace:" {print $2; exit}' "$f")
    plural=$(tr '[:upper:]' '[:lower:]' <<<"${kind}s")
    api_apply "/apis/kueue.x-k8s.io/v1beta2${ns:+/namespaces/$ns}/$plural" "$name" "$f" \
      || die "applying $f failed (through Kueue's webhooks)"
    [[ $kind == ResourceFlavor ]] || wait_for kueue 60 kueue_queue_active "$plural" "$name" "$ns"
  done
}

start_kueue() {  # after the control plane is ready; Kueue is healthy and its queues Active on return
  local src p t0=$SECONDS
  kueue_built || build_kueue || die "Kueue $KUEUE_VERSION is not built (build.sh)"
  for p in "$KUEUE_WEBHOOK_PORT" "$KUEUE_METRICS_PORT" "$KUEUE_HEALTH_PORT"; do
    port_free "$p" || die "port $p on 127.0.0.1 is busy (set KUEUE_WEBHOOK_PORT/KUEUE_METRICS_PORT/KUEUE_HEALTH_PORT)"
  done
  src=$(kueue_src); [[ -d $src/config/components ]] || die "Kueue module source not found (go mod download sigs.k8s.io/kueue@$KUEUE_VERSION)"
  rm -rf "$STATE/kueue"; mkdir -p "$STATE/kueue/mount-ns"
  kueue_certs; kueue_crds "$src"; kueue_config; kueue_render_webhooks "$src"
  api_apply /api/v1/namespaces kueue-system <(printf 'apiVersion: v1\nkind: Namespace\nmetadata: {name: kueue-system}\n') \
    || die "creating namespace kueue-system failed"
  KUBECONFIG=$KUBECONFIG_FILE start_proc kueue unshare --mount --propagation private -- \
    bash "$HERE/kueue/mount-ns-exec.sh" "$STATE/kueue/mount-ns" "$STATE/kueue/certs" \
    "$KUEUE_BIN" --config="$STATE/kueue/config.yaml"
  kueue_exec_started
  wait_for kueue 60 curl -fsS "http://127.0.0.1:$KUEUE_HEALTH_PORT/readyz"
  kueue_webhooks "$src"
  wait_for kueue 30 kueue_mutates_jobs
  kueue_queues
  log "kueue $KUEUE_VERSION ready in $((SECONDS - t0)) s (webhooks https://127.0.0.1:$KUEUE_WEBHOOK_PORT)"
}

stop_kueue() {  # webhooks first: while registered and unserved, every queue-labelled Job create fails
  local n p
  if alive kube-apiserver; then
    for n in "${KUEUE_WEBHOOKS[@]}"; do
      case $n in *mutating*) p=mutatingwebhookconfigurations ;; *) p=validatingwebhookconfigurations ;; esac
      api DELETE "/apis/admissionregistration.k8s.io/v1/$p/$n" >/dev/null 2>&1 || true  # absent: nothing to do
    done
  fi
  stop_proc kueue
}
