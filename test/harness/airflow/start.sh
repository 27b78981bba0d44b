#!/usr/bin/env bash
# Start a real Airflow (issue 16's judge) on loopback with SQLite, as measured in ../shared/docs/real-airflow.md:
#   Airflow 3: api-server + scheduler (--skip-serve-logs) + dag-processor, LocalExecutor, SimpleAuthManager (JWT);
#   Airflow 2: webserver + scheduler (--skip-serve-logs), SequentialExecutor, FAB basic auth.
# Each component runs in its own session (setsid) with its PID in $AIRFLOW_HOME/pids/; stop.sh stops them by PID
# and process group, never by name. The `kubernetes_default` connection points at KUBECONFIG (the test cluster).
# Auth is on even on loopback: user admin with a generated password, written to $AIRFLOW_HOME/credentials.
#
# Usage: start.sh MAJOR VENV_PYTHON AIRFLOW_HOME DAGS_FOLDER KUBECONFIG
# Env:   AIRFLOW_TLS_DIR (Airflow 3 only): serve the API over https with $AIRFLOW_TLS_DIR/server.pem + server-key.pem,
#        signed by $AIRFLOW_TLS_DIR/ca.pem (test/airflow/tls.ts generates them); the task supervisor's execution API
#        client trusts that CA through [api] ssl_ca_file (task SDK api/client.py builds its SSL context from it).
# Output: the last stdout line is the server's base URL; $AIRFLOW_HOME/env holds the environment used.
set -euo pipefail

major=${1:?usage: start.sh MAJOR VENV_PYTHON AIRFLOW_HOME DAGS_FOLDER KUBECONFIG}
python=${2:?venv python}
home=${3:?AIRFLOW_HOME}
dags=${4:?DAGS_FOLDER}
kubeconfig=${5:?KUBECONFIG}
venv_bin=$(dirname "$python")
log() { echo "[airflow-start $(date +%H:%M:%S)] $*" >&2; }

mkdir -p "$home/pids" "$home/logs"
[[ -f $kubeconfig ]] || { log "ERROR: no kubeconfig at $kubeconfig (is the test cluster up?)"; exit 1; }
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password=$("$python" -c 'import secrets; print(secrets.token_urlsafe(18))')
secret=$("$python" -c 'import secrets; print(secrets.token_hex(32))')
tls=${AIRFLOW_TLS_DIR:-}
[[ -z $tls || $major == 3 ]] || { log "ERROR: AIRFLOW_TLS_DIR is supported for Airflow 3 only"; exit 1; }
base="http${tls:+s}://127.0.0.1:$port"
printf 'admin\n%s\n' "$password" >"$home/credentials"
chmod 600 "$home/credentials"

conn=$(KCFG="$kubeconfig" "$python" -c 'import json, os; print(json.dumps({"conn_type": "kubernetes", "extra": {"kube_config_path": os.environ["KCFG"], "in_cluster": False}}))')
{
  echo "export AIRFLOW_HOME='$home'"
  echo "export AIRFLOW__CORE__DAGS_FOLDER='$dags'"
  echo "export AIRFLOW__CORE__LOAD_EXAMPLES=False"
  echo "export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN='sqlite:///$home/airflow.db'"
  echo "export AIRFLOW__CORE__FERNET_KEY="
  echo "export AIRFLOW__LOGGING__BASE_LOG_FOLDER='$home/logs'"
  echo "export AIRFLOW_CONN_KUBERNETES_DEFAULT='$conn'"
  echo "export PATH='$venv_bin':\"\$PATH\""
  echo "export PYTHONDONTWRITEBYTECODE=1"
  if [[ $major == 3 ]]; then
    echo "export AIRFLOW__CORE__EXECUTOR=LocalExecutor"
    echo "export AIRFLOW__CORE__PARALLELISM=2"
    echo "export AIRFLOW__CORE__AUTH_MANAGER=airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"
    echo "export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS=admin:admin"
    echo "export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE='$home/passwords.json'"
    echo "export AIRFLOW__API__HOST=127.0.0.1"
    echo "export AIRFLOW__API__PORT=$port"
    echo "export AIRFLOW__API__WORKERS=1"
    echo "export AIRFLOW__API__BASE_URL=$base"
    echo "export AIRFLOW__CORE__EXECUTION_API_SERVER_URL=$base/execution/"
    echo "export AIRFLOW__API_AUTH__JWT_SECRET=$secret"
    echo "export AIRFLOW__API__SECRET_KEY=$secret"
    echo "export AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL=5"
    # the task supervisor's calls to the execution API time out after 5 s by default ("increase this value if you
    # experience timeout errors under high load", config.yml): 2 cores shared by several suites are high load
    echo "export AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT=60"
    if [[ -n $tls ]]; then
      echo "export AIRFLOW__API__SSL_CERT='$tls/server.pem'"
      echo "export AIRFLOW__API__SSL_KEY='$tls/server-key.pem'"
      echo "export AIRFLOW__API__SSL_CA_FILE='$tls/ca.pem'"
    fi
  else
    echo "export AIRFLOW__CORE__EXECUTOR=SequentialExecutor"
    echo "export AIRFLOW__API__AUTH_BACKENDS=airflow.providers.fab.auth_manager.api.auth.backend.basic_auth,airflow.api.auth.backend.session"
    echo "export AIRFLOW__WEBSERVER__WEB_SERVER_HOST=127.0.0.1"
    echo "export AIRFLOW__WEBSERVER__WEB_SERVER_PORT=$port"
    echo "export AIRFLOW__WEBSERVER__BASE_URL=$base"
    echo "export AIRFLOW__WEBSERVER__WORKERS=1"
    echo "export AIRFLOW__WEBSERVER__SECRET_KEY=$secret"
    echo "export AIRFLOW__SCHEDULER__DAG_DIR_LIST_INTERVAL=5"
    echo "export AIRFLOW__SCHEDULER__MIN_FILE_PROCESS_INTERVAL=5"
  fi
} >"$home/env"
# shellcheck disable=SC1091
source "$home/env"

log "Airflow $major: db migrate in $home"
airflow db migrate >"$home/logs/migrate.log" 2>&1 || { log "ERROR: airflow db migrate failed (log: $home/logs/migrate.log)"; exit 1; }
if [[ $major == 3 ]]; then
  # only users missing from the file get generated passwords (real-airflow.md "Environment")
  printf '{"admin": "%s"}\n' "$password" >"$home/passwords.json"
  api_server="api-server${tls:+ --ssl-cert $tls/server.pem --ssl-key $tls/server-key.pem}"
  components=("$api_server" "scheduler --skip-serve-logs" "dag-processor")
  health="$base/api/v2/monitor/health"
else
  airflow users create -u admin -p "$password" -r Admin -f Ad -l Min -e admin@example.com >"$home/logs/users.log" 2>&1 \
    || { log "ERROR: airflow users create failed (log: $home/logs/users.log)"; exit 1; }
  components=("webserver" "scheduler --skip-serve-logs")
  health="$base/health"
fi

for component in "${components[@]}"; do
  name=${component%% *}
  # shellcheck disable=SC2086 # the component string holds its arguments
  setsid airflow $component >"$home/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$home/pids/$name.pid"
done

# wait for the API to answer and the scheduler to report healthy (both in the health document)
deadline=$((SECONDS + 600))  # generous: 2 cores shared with other suites (measured up to ~300 s under load)
until curl -fsS ${tls:+--cacert "$tls/ca.pem"} "$health" 2>/dev/null | "$python" -c 'import json, sys; h = json.load(sys.stdin); sys.exit(0 if h.get("scheduler", {}).get("status") == "healthy" else 1)' 2>/dev/null; do
  for f in "$home"/pids/*.pid; do
    kill -0 "$(cat "$f")" 2>/dev/null || { log "ERROR: $(basename "$f" .pid) exited (log: $home/logs/$(basename "$f" .pid).log)"; exit 1; }
  done
  (( SECONDS < deadline )) || { log "ERROR: Airflow $major not healthy at $health within 600 s (logs: $home/logs)"; exit 1; }
  sleep 1
done
log "Airflow $major healthy at $base"
echo "$base"
