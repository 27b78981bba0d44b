# Certificates for the real node, signed by the cluster CA of pki.sh (sourced by start.sh):
#   kubelet-client  kube-apiserver -> kubelets (--kubelet-client-certificate); bound to system:kubelet-api-admin
#   node-client     the kubelet -> kube-apiserver as system:node:<name> in system:nodes (Node authorizer)
#   kubelet-serving the kubelet's HTTPS endpoint on the bridge address (--kubelet-certificate-authority verifies it)
# shellcheck shell=bash
KUBELET_API_USER=kube-apiserver-kubelet-client

gen_node_pki() {
  local mark=$PKI/.node-$REAL_NODE_NAME-$NODE_IP
  [[ -f $mark && -f $PKI/kubelet-client.crt ]] && return 0
  (
    cd "$PKI"
    cat >node-ext.cnf <<CNF
[client]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth
[serving]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:$REAL_NODE_NAME,IP:$NODE_IP
CNF
    node_issue() {  # name subject section
      openssl req -new -newkey rsa:2048 -nodes -subj "$2" -keyout "$1.key" -out "$1.csr" 2>/dev/null
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
        -extfile node-ext.cnf -extensions "$3" -out "$1.crt" 2>/dev/null
      rm -f "$1.csr"
    }
    node_issue kubelet-client "/CN=$KUBELET_API_USER" client
    node_issue node-client "/O=system:nodes/CN=system:node:$REAL_NODE_NAME" client
    node_issue kubelet-serving "/CN=system:node:$REAL_NODE_NAME" serving
    chmod 600 ./*.key
    openssl verify -CAfile ca.crt kubelet-client.crt node-client.crt kubelet-serving.crt >/dev/null
    rm -f .node-*; touch "$mark"
  ) || die "node certificate generation failed in $PKI"
}

bind_kubelet_api_admin() {  # what kubeadm does for its apiserver-kubelet-client user
  local f=$STATE/kubelet-api-admin.yaml
  cat >"$f" <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "kubetasks:kubelet-api-admin"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:kubelet-api-admin"}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: $KUBELET_API_USER}]
YAML
  api_apply /apis/rbac.authorization.k8s.io/v1/clusterrolebindings kubetasks:kubelet-api-admin "$f" \
    || die "binding $KUBELET_API_USER to system:kubelet-api-admin failed"
}

write_node_kubeconfig() {  # the kubelet's own credentials
  cat >"$NODE_DIR/kubelet.kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: kubetasks-test
  cluster: {server: "https://127.0.0.1:$API_PORT", certificate-authority: $PKI/ca.crt}
users:
- name: node
  user: {client-certificate: $PKI/node-client.crt, client-key: $PKI/node-client.key}
contexts:
- name: node
  context: {cluster: kubetasks-test, user: node}
current-context: node
YAML
}
