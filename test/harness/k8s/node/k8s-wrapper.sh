# A wrapper Go module for building commands of k8s.io/kubernetes from the module proxy (sourced).
# k8s.io/kubernetes pins its staging modules at v0.0.0 with local replace directives, so plain
# `go install` fails; the wrapper requires it and replaces every staging module by its tagged copy.
# shellcheck shell=bash

staging_version() { echo "v0.${1#v1.}"; }          # v1.36.3 -> v0.36.3: k8s staging modules
minor_of() { local v=${1#v1.}; echo "${v%%.*}"; }   # v1.36.3 -> 36

make_k8s_wrapper() {  # dir: (re)create the wrapper module there; sets K8S_COMMIT
  local w=$1 info gomod m kv sv
  rm -rf "$w"; mkdir -p "$w"; cd "$w"
  info=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION") \
    || die "go mod download k8s.io/kubernetes@$K8S_VERSION failed: $info"
  gomod=$(printf '%s\n' "$info" | { grep '"GoMod"' || true; } | cut -d'"' -f4)
  K8S_COMMIT=$(printf '%s\n' "$info" | { grep '"Hash"' || true; } | head -1 | cut -d'"' -f4)
  [[ -f $gomod ]] || die "no go.mod for k8s.io/kubernetes@$K8S_VERSION in: $info"
  go mod init local.invalid/k8s-build >/dev/null 2>&1
  go mod edit -go="$(awk '$1=="go"{print $2; exit}' "$gomod")"
  # godebug lines only count in the main module, so copy k8s' own (single line or block form)
  for kv in $(awk '$1 == "godebug" && $2 == "(" {b = 1; next}
                   $1 == "godebug" {print $2}
                   b && $1 == ")" {b = 0; next}
                   b && $1 !~ /^\/\// {print $1}' "$gomod"); do
    go mod edit -godebug="$kv"
  done
  go mod edit -require="k8s.io/kubernetes@$K8S_VERSION"
  sv=$(staging_version "$K8S_VERSION")
  # every staging module appears as "k8s.io/<name> v0.0.0" in k8s.io/kubernetes' go.mod
  for m in $(awk '$1 ~ /^k8s\.io\// && $2 == "v0.0.0" {print $1}' "$gomod" | sort -u); do
    go mod edit -replace="$m=$m@$sv"
  done
  log "wrapper go.mod in $w: $(grep -c '=>' go.mod) staging replaces at $sv, commit ${K8S_COMMIT:-unknown}"
}

k8s_ldflags() {  # the version stamp kube-apiserver, kubelet and client-go read (hack/lib/version.sh sets the same)
  local ldflags="-s -w" p
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$(minor_of "$K8S_VERSION")"
    ldflags+=" -X $p.gitCommit=${K8S_COMMIT:-unknown} -X $p.gitTreeState=clean -X $p.buildDate=$BUILD_DATE"
  done
  echo "$ldflags"
}
