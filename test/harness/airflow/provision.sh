#!/usr/bin/env bash
# Provision the conformance judge: a venv holding the real Airflow Kubernetes provider, installed from the committed
# lock (requirements.lock). Airflow's constraint files are not reachable from CI, so the lock IS the constraint.
#
# Idempotent: a `.complete` marker keyed by the lock's sha256 skips all work on later runs. A changed lock rebuilds
# the venv from scratch. Concurrent callers (conformance runner, DAG suite, bench) serialise on a flock.
#
# Usage: test/harness/airflow/provision.sh          -> last stdout line is the venv's python path
# Env:   KUBETASKS_CACHE (default ~/.cache/kubetasks), KUBETASKS_PYTHON (default: python3.11, else python3)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lock="$here/requirements.lock"
cache="${KUBETASKS_CACHE:-$HOME/.cache/kubetasks}"

provider_version="$(sed -n 's/^apache-airflow-providers-cncf-kubernetes==\([^ ;]*\).*/\1/p' "$lock")"
if [[ -z "$provider_version" ]]; then
  echo "provision: $lock does not pin apache-airflow-providers-cncf-kubernetes" >&2
  exit 1
fi
venv="$cache/airflow-$provider_version"
marker="$venv/.complete"
lock_hash="$(sha256sum "$lock" | cut -d' ' -f1)"

is_complete() { [[ -f "$marker" && "$(cat "$marker")" == "$lock_hash" && -x "$venv/bin/python" ]]; }

if is_complete; then
  echo "$venv/bin/python"
  exit 0
fi

mkdir -p "$cache"
exec 9>"$cache/airflow-$provider_version.lock"
flock 9
if is_complete; then # another process finished while we waited for the lock
  echo "$venv/bin/python"
  exit 0
fi

python="${KUBETASKS_PYTHON:-}"
if [[ -z "$python" ]]; then
  python="$(command -v python3.11 || command -v python3 || true)"
fi
if [[ -z "$python" ]]; then
  echo "provision: no python3.11/python3 on PATH (the provider needs Python >= 3.11)" >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "provision: $python is $("$python" --version 2>&1); the provider needs Python >= 3.11" >&2
  exit 1
fi

start="$(date +%s)"
echo "provision: building $venv from $lock (one-time; takes about a minute)" >&2
rm -rf "$venv"
"$python" -m venv "$venv"
# --no-deps: the lock is the complete, already-resolved closure; pip must not re-resolve or pull anything newer.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$lock" >&2
"$venv/bin/python" -m pip check >&2
# Import smoke test in a throwaway AIRFLOW_HOME: rendering must need no DB and nothing may land in ~/airflow.
smoke_home="$(mktemp -d)"
AIRFLOW_HOME="$smoke_home" "$venv/bin/python" -c \
  'import airflow.providers.cncf.kubernetes.operators.pod, airflow.providers.cncf.kubernetes.operators.job' >&2
rm -rf "$smoke_home"
echo "$lock_hash" >"$marker"
echo "provision: done in $(($(date +%s) - start))s" >&2
echo "$venv/bin/python"
