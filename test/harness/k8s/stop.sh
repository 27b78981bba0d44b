#!/usr/bin/env bash
# Stop what start.sh started: only the recorded PIDs, and only while they still run the binary
# start.sh launched (a recycled PID is left alone). Then end whatever still runs as start.sh's own
# exec users (kwok never closes an exec'd command's stdin, so such commands can outlive the request).
#   stop.sh           stop; keep certs and logs for inspection
#   stop.sh --purge   also delete the state directory
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.sh
source "$HERE/versions.sh"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
# shellcheck source=exec-users.sh
source "$HERE/exec-users.sh"
# shellcheck source=node/node.sh
source "$HERE/node/node.sh"

# the real node first, while kube-apiserver still answers: its pods are drained through it
[[ ! -d $NODE_DIR ]] || stop_real_node

source "$HERE/kueue.sh"; stop_kueue  # webhooks deregistered before Kueue ends
for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
  stop_proc "${COMPONENTS[i]}"
done
stop_exec_users
if [[ ${1:-} == --purge ]]; then rm -rf "$STATE"; fi
exit 0
