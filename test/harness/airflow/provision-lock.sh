#!/usr/bin/env bash
# Provision a judge venv from any committed lock (issue 17: the Jinja judge runs on Airflow 3 AND Airflow 2).
# The venv lives at ~/.cache/kubetasks/airflow-<airflow version>-<first 12 hex of the lock's sha256>/, so each
# Airflow major and each lock revision has its own; a changed lock builds a new venv and never touches the old one.
# provision.sh (the conformance venv) calls this with its own venv name, airflow-<provider version>.
#
# Idempotent: a `.complete` marker holding the lock's sha256 skips all work on later runs. Concurrent callers
# serialise on a flock. Installs with --no-deps: the lock is the complete, already-resolved closure.
#
# Usage: test/harness/airflow/provision-lock.sh LOCK [VENV_NAME]   -> last stdout line is the venv's python path
# Env:   KUBETASKS_CACHE (default ~/.cache/kubetasks), KUBETASKS_PYTHON (default: python3.11, else python3)
set -euo pipefail

lock="${1:?usage: provision-lock.sh LOCK}"
lock="$(cd "$(dirname "$lock")" && pwd)/$(basename "$lock")"
cache="${KUBETASKS_CACHE:-$HOME/.cache/kubetasks}"

airflow_version="$(sed -n 's/^apache-airflow==\([^ ;]*\).*/\1/p' "$lock")"
if [[ -z "$airflow_version" ]]; then
  echo "provision-lock: $lock does not pin apache-airflow" >&2
  exit 1
fi
lock_hash="$(sha256sum "$lock" | cut -d' ' -f1)"
name="${2:-airflow-$airflow_version-${lock_hash:0:12}}"
venv="$cache/$name"
marker="$venv/.complete"

is_complete() { [[ -f "$marker" && "$(cat "$marker")" == "$lock_hash" && -x "$venv/bin/python" ]]; }

if is_complete; then
  echo "$venv/bin/python"
  exit 0
fi

mkdir -p "$cache"
exec 9>"$cache/$name.lock"
flock 9
if is_complete; then # another process finished while we waited for the lock
  echo "$venv/bin/python"
  exit 0
fi

python="${KUBETASKS_PYTHON:-}"
if [[ -z "$python" ]]; then
  python="$(command -v python3.11 || command -v python3 || true)"
fi
if [[ -z "$python" ]] || ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "provision-lock: need Python >= 3.11 (found: ${python:-none})" >&2
  exit 1
fi

start="$(date +%s)"
echo "provision-lock: building $venv from $lock (one-time; takes about a minute)" >&2
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$lock" >&2
"$venv/bin/python" -m pip check >&2
# Import smoke test in a throwaway AIRFLOW_HOME: rendering must need no DB and nothing may land in ~/airflow.
smoke_home="$(mktemp -d)"
AIRFLOW_HOME="$smoke_home" "$venv/bin/python" -c \
  'import airflow.providers.cncf.kubernetes.operators.pod, airflow.providers.cncf.kubernetes.operators.job' >&2
rm -rf "$smoke_home"
echo "$lock_hash" >"$marker"
echo "provision-lock: done in $(($(date +%s) - start))s" >&2
echo "$venv/bin/python"
