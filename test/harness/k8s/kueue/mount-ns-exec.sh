#!/usr/bin/env bash
# Runs a command (Kueue) inside the private mount namespace kueue.sh creates with
# `unshare --mount --propagation private`. With internal cert management off, Kueue reads its metrics
# certificate from a fixed path, /etc/kueue/metrics/certs/tls.{crt,key} (cmd/kueue/main.go has no
# flag for it). Here /etc gets an overlay whose upper layer is a tmpfs, so that path exists for this
# process only: the host's /etc is never written, and the mounts vanish when Kueue exits.
#   mount-ns-exec.sh <empty-scratch-dir> <dir with tls.crt and tls.key> command...
set -euo pipefail
scratch=$1 certs=$2
shift 2
mount -t tmpfs -o size=4m,mode=0700 kubetasks-kueue "$scratch"
mkdir "$scratch/upper" "$scratch/work"
mount -t overlay kubetasks-kueue -o "lowerdir=/etc,upperdir=$scratch/upper,workdir=$scratch/work" /etc
install -d -m 0755 /etc/kueue/metrics/certs
install -m 0644 "$certs/tls.crt" /etc/kueue/metrics/certs/tls.crt
install -m 0600 "$certs/tls.key" /etc/kueue/metrics/certs/tls.key
exec "$@"
