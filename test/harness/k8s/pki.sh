# Certificates and the admin kubeconfig for the test cluster (sourced by start.sh).
# One CA; a serving cert for kube-apiserver (also served by kwok's kubelet endpoint, which
# kube-apiserver does not verify without --kubelet-certificate-authority); an admin client cert in
# group system:masters; a separate service-account signing key (not the admin key as kwokctl does).
# shellcheck shell=bash

gen_pki() {
  [[ -f $PKI/.complete ]] && return 0
  rm -rf "$PKI"; mkdir -p "$PKI"
  (
    cd "$PKI"
    cat >openssl.cnf <<'CNF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign,digitalSignature
subjectKeyIdentifier = hash
[server]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:10.96.0.1
[client]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth
CNF
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -config openssl.cnf -extensions ca \
      -subj "/CN=kubetasks-test-ca" -keyout ca.key -out ca.crt 2>/dev/null
    issue() {  # name subject extension-section
      openssl req -new -newkey rsa:2048 -nodes -config openssl.cnf -subj "$2" \
        -keyout "$1.key" -out "$1.csr" 2>/dev/null
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
        -extfile openssl.cnf -extensions "$3" -out "$1.crt" 2>/dev/null
      rm -f "$1.csr"
    }
    issue apiserver "/CN=kube-apiserver" server
    issue admin "/O=system:masters/CN=kubetasks-test-admin" client
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out sa.key 2>/dev/null
    openssl pkey -in sa.key -pubout -out sa.pub
    chmod 600 ./*.key
    openssl verify -CAfile ca.crt apiserver.crt admin.crt >/dev/null
    touch .complete
  ) || die "certificate generation failed in $PKI"
}

write_kubeconfig() {
  cat >"$KUBECONFIG_FILE" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: kubetasks-test
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority: $PKI/ca.crt
users:
- name: kubetasks-test-admin
  user:
    client-certificate: $PKI/admin.crt
    client-key: $PKI/admin.key
contexts:
- name: kubetasks-test
  context: {cluster: kubetasks-test, user: kubetasks-test-admin}
current-context: kubetasks-test
EOF
}
