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

provider_version="$(sed -n 's/^apache-airflow-providers-cncf-kubernetes==\([^ ;]*\).*/\1/p' "$lock")"
if [[ -z "$provider_version" ]]; then
  echo "provision: $lock does not pin apache-airflow-providers-cncf-kubernetes" >&2
  exit 1
fi
# The venv keeps its historical path, airflow-<provider version>; the build itself is provision-lock.sh's.
exec bash "$here/provision-lock.sh" "$lock" "airflow-$provider_version"
