#!/usr/bin/env bash
# Debian packages the real node needs (start.sh runs this; a no-op once they are installed):
# containerd, runc and the CNI plugins run the pods; mmdebstrap makes the image root filesystem;
# iptables and iproute2 make and isolate the pod bridge; gcc and libc6-dev build the pause binary statically.
# The distribution's containerd service is never used (start.sh runs its own containerd).
set -Eeuo pipefail
PACKAGES=(containerd runc containernetworking-plugins mmdebstrap iptables iproute2 gcc libc6-dev jq curl openssl)
log() { printf '[provision %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
(( ${#missing[@]} == 0 )) && exit 0
(( EUID == 0 )) || { log "ERROR: installing ${missing[*]} needs root"; exit 1; }
command -v apt-get >/dev/null || { log "ERROR: no apt-get: install ${missing[*]} by hand"; exit 1; }
t0=$SECONDS
log "installing ${missing[*]}"
apt-get update -qq
# no service may start from the install (policy-rc.d exit 101 = action forbidden; invoke-rc.d and
# deb-systemd-invoke obey it): the distribution's containerd must not run beside the harness's
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
log "installed in $((SECONDS - t0)) s"
