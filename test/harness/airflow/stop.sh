#!/usr/bin/env bash
# Stop the Airflow start.sh started in AIRFLOW_HOME: by recorded PID only, never by name. Each component was
# started with setsid, so its PID is its session id: TERM its process group, wait, then KILL whatever is left in
# that session (Airflow 2's DagFileProcessorManager and the executors' task processes make their own groups).
# Usage: stop.sh AIRFLOW_HOME   (idempotent; prints nothing when nothing was running)
set -uo pipefail
home=${1:?usage: stop.sh AIRFLOW_HOME}
shopt -s nullglob

session_pids() {  # sid: every live PID of that session
  ps -e -o pid=,sid= | awk -v s="$1" '$2 == s {print $1}'
}

sids=()
for f in "$home"/pids/*.pid; do
  sid=$(cat "$f")
  [[ $sid =~ ^[0-9]+$ ]] && sids+=("$sid")
done
(( ${#sids[@]} > 0 )) || exit 0

for sid in "${sids[@]}"; do kill -TERM -- "-$sid" 2>/dev/null; done
for _ in $(seq 1 150); do  # up to 15 s for a graceful stop (the scheduler ends its executor's tasks)
  left=0
  for sid in "${sids[@]}"; do [[ -n $(session_pids "$sid") ]] && left=1; done
  (( left == 0 )) && break
  sleep 0.1
done
for sid in "${sids[@]}"; do
  for pid in $(session_pids "$sid"); do kill -KILL "$pid" 2>/dev/null; done
done
for sid in "${sids[@]}"; do
  for _ in $(seq 1 50); do [[ -z $(session_pids "$sid") ]] && break; sleep 0.1; done
  if [[ -n $(session_pids "$sid") ]]; then echo "airflow-stop: session $sid still has $(session_pids "$sid" | tr '\n' ' ')" >&2; exit 1; fi
done
rm -f "$home"/pids/*.pid
