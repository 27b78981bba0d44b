# The real node's network (sourced by node.sh): a bridge of the harness's own holds the kubelet's
# address; containerd's CNI (bridge + host-local from Debian's plugins) puts each pod's network
# namespace on it. No gateway route in pods, no ipMasq, and a FORWARD rule drops anything from the
# bridge to another interface: a pod reaches the node's address and other pods, nothing else.
# Pods' resolv.conf names 127.0.0.1 (inside the pod nothing answers there): no DNS, by design.
# shellcheck shell=bash
NET_RULE=(FORWARD -i "$NODE_BRIDGE" ! -o "$NODE_BRIDGE" -m comment --comment "kubetasks $STATE" -j DROP)

subnet_taken() {  # is the /24 already routed on this host (another cluster or a real network)?
  ip -4 route show | awk '{print $1}' | grep -qxF "$NODE_SUBNET_PREFIX.0/24"
}

net_up() {
  if ! ip link show "$NODE_BRIDGE" >/dev/null 2>&1; then
    ! subnet_taken || die "subnet $NODE_SUBNET_PREFIX.0/24 is in use on this host: set KUBETASKS_NODE_SUBNET (e.g. 10.150.7)"
    ip link add "$NODE_BRIDGE" type bridge || die "cannot create bridge $NODE_BRIDGE"
    ip addr add "$NODE_IP/24" dev "$NODE_BRIDGE"
  fi
  ip link set "$NODE_BRIDGE" up
  iptables -w 5 -C "${NET_RULE[@]}" 2>/dev/null || iptables -w 5 -I "${NET_RULE[@]}" \
    || die "cannot add the iptables rule isolating $NODE_BRIDGE"
  mkdir -p "$NODE_DIR/cni/net.d" "$NODE_DIR/cni/ipam"
  cat >"$NODE_DIR/cni/net.d/10-kubetasks.conflist" <<JSON
{
  "cniVersion": "1.0.0",
  "name": "$NODE_CNI_NETWORK",
  "plugins": [{
    "type": "bridge", "bridge": "$NODE_BRIDGE",
    "isGateway": false, "isDefaultGateway": false, "ipMasq": false, "hairpinMode": false,
    "ipam": {
      "type": "host-local", "dataDir": "$NODE_DIR/cni/ipam", "routes": [],
      "ranges": [[{"subnet": "$NODE_SUBNET_PREFIX.0/24", "rangeStart": "$NODE_SUBNET_PREFIX.10",
                   "rangeEnd": "$NODE_SUBNET_PREFIX.250", "gateway": "$NODE_IP"}]]
    }
  }]
}
JSON
  printf '# kubetasks test node: no cluster DNS and no upstream resolver (pods stay offline)\nnameserver 127.0.0.1\n' \
    >"$NODE_DIR/resolv.conf"
}

own_netns() {  # network namespaces holding an address of this node's subnet (pods containerd left)
  local ns
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
    ip -n "$ns" -4 -o addr show 2>/dev/null | grep -q " $NODE_SUBNET_PREFIX\.[0-9]*/24" && echo "$ns"
  done
  return 0
}

net_down() {
  local ns
  for ns in $(own_netns); do ip netns delete "$ns" 2>/dev/null || true; done
  while iptables -w 5 -C "${NET_RULE[@]}" 2>/dev/null; do iptables -w 5 -D "${NET_RULE[@]}" || break; done
  ip link show "$NODE_BRIDGE" >/dev/null 2>&1 && ip link delete "$NODE_BRIDGE" type bridge
  rm -rf "$NODE_DIR/cni/ipam"
  return 0
}
