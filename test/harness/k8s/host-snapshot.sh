#!/usr/bin/env bash
# The host as it was: a snapshot of what the real node touches, taken before start.sh and compared
# after stop.sh (run-suite.sh counts the comparison as a test).
#   host-snapshot.sh take FILE          write a snapshot
#   host-snapshot.sh diff BEFORE AFTER  print every difference; exit 1 when one is this cluster's
# Whole-host sections (sysctls, iptables-save, ip link, ip netns, /proc/mounts, processes) are kept in
# full and every change is printed, but only changes this cluster can have made fail the check: the
# sysctls kubelet and a bridge change, kubelet/CNI iptables chains, and objects named after this
# cluster's state directory (bridge, rule, mounts, netns on its subnet, cgroup, processes). Other
# clusters and jobs may run on the same machine meanwhile, and their changes are not ours.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.sh
source "$HERE/versions.sh"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
# shellcheck source=node/net.sh
source "$HERE/node/net.sh"
SYSCTLS=(kernel.panic kernel.panic_on_oops vm.overcommit_memory vm.panic_on_oom kernel.keys.root_maxkeys
  kernel.keys.root_maxbytes net.ipv4.ip_forward
  net.ipv4.conf.all.forwarding net.ipv6.conf.all.forwarding net.bridge.bridge-nf-call-iptables)

processes() {  # pid and command line of every process but this script's own
  local p
  for p in /proc/[0-9]*; do
    printf '%s %s\n' "${p#/proc/}" "$(tr '\0' ' ' 2>/dev/null <"$p/cmdline")"
  done | awk 'NF > 1 && !/host-snapshot\.sh/'
}

take() {
  local s
  for s in "${SYSCTLS[@]}"; do printf 'sysctl %s = %s\n' "$s" "$(sysctl -n "$s" 2>/dev/null || echo absent)"; done
  iptables-save 2>/dev/null | grep -v '^#' | sed -E 's/\[[0-9]+:[0-9]+\]//; s/^/iptables /'
  ip -o link show | awk -F': ' '{print "link " $2}' | sed 's/@.*//'
  ip netns list 2>/dev/null | awk '{print "netns " $1}'
  own_netns | sed 's/^/own-netns /'
  awk '{print "mount " $2 " " $3}' /proc/mounts
  find /sys/fs/cgroup -maxdepth 2 -name "$NODE_CGROUP" 2>/dev/null | sed 's/^/cgroup /'
  # default paths of a kubelet, containerd and CNI: shared by every node on the machine, so printed, not counted
  ls -d /var/log/containers /var/lib/kubelet /var/lib/containerd /run/containerd /opt/containerd \
    /etc/cni /var/lib/cni /var/run/netns 2>/dev/null | sed 's/^/path /'
  processes | sed 's/^/process /'
}

ours() {  # lines a change of which this cluster can have made
  local state_re
  state_re="$(printf '%s' "$STATE" | sed 's/[.[\*^$]/\\&/g')(/|[[:space:]]|\"|$)"
  grep -E -e '^sysctl ' -e '^iptables .*(KUBE-|CNI-)' -e '^own-netns ' -e '^cgroup ' \
    -e "$NODE_BRIDGE" -e "$state_re"
}

diff_snapshots() {  # before after
  local all own
  all=$(diff <(grep -v '^process ' "$1" | sort) <(grep -v '^process ' "$2" | sort))
  # processes: compare command lines only (PIDs of other jobs come and go)
  all+=$'\n'$(diff <(grep '^process ' "$1" | cut -d' ' -f3- | sort) <(grep '^process ' "$2" | cut -d' ' -f3- | sort) \
    | sed -E 's/^([<>]) /\1 process /')
  own=$(printf '%s\n' "$all" | grep -E '^[<>] ' | sed -E 's/^[<>] //' | ours)
  if [[ -n $(printf '%s\n' "$all" | grep -E '^[<>] ') ]]; then
    log "host changes since the snapshot (only this cluster's fail the check; processes counted):"
    printf '%s\n' "$all" | grep -E '^[<>] ' | grep -v '^. process ' | head -40 >&2
    log "$(printf '%s\n' "$all" | grep -cE '^[<>] process ') process lines differ (other jobs' processes come and go)"
  fi
  if [[ -n $own ]]; then log "ERROR: the host is not as it was; this cluster left:"; printf '%s\n' "$own" >&2; return 1; fi
  log "host as it was (sysctls, iptables, links, netns, mounts, cgroups, processes of $STATE)"
}

case ${1:-} in
  take) [[ $# == 2 ]] || die "usage: host-snapshot.sh take FILE"; take >"$2" ;;
  diff) [[ $# == 3 ]] || die "usage: host-snapshot.sh diff BEFORE AFTER"; diff_snapshots "$2" "$3" ;;
  *) die "usage: host-snapshot.sh take FILE | diff BEFORE AFTER" ;;
esac
