# Names of the real node's host objects (sourced by lib.sh). Everything the node creates on the host
# (bridge, subnet, cgroup, iptables rule, CNI network, loopback ports) derives from the state directory,
# so two clusters with different KUBETASKS_K8S_STATE run side by side; each is env-overridable.
# shellcheck shell=bash disable=SC2034
REAL_NODE=${KUBETASKS_REAL_NODE:-1}                                 # 0: kwok's node only
REAL_NODE_NAME=${KUBETASKS_REAL_NODE_NAME:-kubetasks-node}
NODE_HASH=$(printf '%s' "$STATE" | cksum | cut -d' ' -f1)
NODE_ID=$(printf '%06x' $((NODE_HASH % 16777216)))
NODE_BRIDGE=${KUBETASKS_NODE_BRIDGE:-ktbr$NODE_ID}                  # <= 15 characters (IFNAMSIZ)
# a /24 in 10.100-199.x: the bridge holds .1 (the kubelet's address), pods get .10-.250
NODE_SUBNET_PREFIX=${KUBETASKS_NODE_SUBNET:-10.$((100 + NODE_HASH % 100)).$((NODE_HASH / 100 % 256))}
NODE_IP=$NODE_SUBNET_PREFIX.1
NODE_CGROUP=kubetasks-$NODE_ID
NODE_CNI_NETWORK=kubetasks-$NODE_ID
KUBELET_PORT=${KUBELET_PORT:-10250}                                  # on the bridge address only
KUBELET_HEALTHZ_PORT=${KUBELET_HEALTHZ_PORT:-$((21000 + NODE_HASH % 1000))}
REGISTRY_PORT=${REGISTRY_PORT:-$((22000 + NODE_HASH % 1000))}
NODE_DIR=$STATE/node
CONTAINERD_SOCK=$NODE_DIR/containerd/containerd.sock
# kwok's node keeps this taint: only pods that tolerate it (and select it) run there
KWOK_TAINT_KEY=kwok.x-k8s.io/node
