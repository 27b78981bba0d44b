# Shared settings for build.sh / start.sh / stop.sh / run-suite.sh (sourced, not executed).
# Versions: kwok v0.8.0 pairs k8s 1.34-1.36 with etcd 3.6.10 (its etcd_version table).
# shellcheck shell=bash disable=SC2034
K8S_VERSION=${K8S_VERSION:-v1.36.3}
ETCD_VERSION=${ETCD_VERSION:-v3.6.10}
KWOK_VERSION=${KWOK_VERSION:-v0.8.0}

# Everything fetched or built lives under one root so a CI cache can keep it and rm -rf can drop it.
CACHE_ROOT=${KUBETASKS_CACHE:-$HOME/.cache/kubetasks}
K8S_CACHE=$CACHE_ROOT/k8s
BIN=${KUBETASKS_K8S_BIN:-$K8S_CACHE/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION}
SRC=$K8S_CACHE/src
export GOMODCACHE=${KUBETASKS_GOMODCACHE:-$CACHE_ROOT/go/mod}
export GOCACHE=${KUBETASKS_GOCACHE:-$CACHE_ROOT/go/build}
export GOPATH=$CACHE_ROOT/go/path

# kubectl is optional for the tests (they use client-node); KUBETASKS_K8S_KUBECTL=0 drops it from a build.
K8S_CMDS=(kube-apiserver kube-controller-manager kube-scheduler)
[[ ${KUBETASKS_K8S_KUBECTL:-1} == 1 ]] && K8S_CMDS+=(kubectl)
K8S_BINARIES=("${K8S_CMDS[@]}" etcd kwok)
MIN_FREE_GIB=${KUBETASKS_K8S_MIN_FREE_GIB:-8}

# The real node (kubelet + containerd from Debian + a loopback registry): node-build.sh caches it here.
DISTRIBUTION_VERSION=${DISTRIBUTION_VERSION:-v3.1.2}   # github.com/distribution/distribution/v3 (the registry)
CRANE_VERSION=${CRANE_VERSION:-v0.22.1}                # github.com/google/go-containerregistry (crane)
ROOTFS_SUITE=${ROOTFS_SUITE:-bookworm}
# libmath-bigint-perl: bookworm's core Math::BigInt::Calc (1.999830) dies in the provider docs' bpi(2000)
ROOTFS_PACKAGES=${ROOTFS_PACKAGES:-procps,perl,libmath-bigint-perl,python3}
NODE_CACHE=$CACHE_ROOT/node
NODE_BIN=${KUBETASKS_NODE_BIN:-$NODE_CACHE/node-$K8S_VERSION-registry-$DISTRIBUTION_VERSION-crane-$CRANE_VERSION}
# the image store is keyed by what goes into the root filesystem; the pause image by the k8s version
ROOTFS_KEY=$ROOTFS_SUITE-minbase-${ROOTFS_PACKAGES//,/-}-v1
IMAGE_STORE=${KUBETASKS_IMAGE_STORE:-$NODE_CACHE/images-$ROOTFS_KEY-pause-$K8S_VERSION}
