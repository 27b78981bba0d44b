#!/usr/bin/env bash
# Install what the real VS Code host suite needs, idempotently (docs/vscode-host.md, route A):
#   - Debian: chromium (the workbench renderer), libkrb5-dev (VS Code's kerberos module builds against it),
#     ripgrep (seeds @vscode/ripgrep's download cache), curl (health check);
#   - npm: code-server 4.100.3 (VS Code 1.100.3, the newest code-server whose engines accept Node 20),
#     into ~/.cache/kubetasks/vscode-host/code-server-<version>, skipped when `.complete` is there.
set -euo pipefail
CS_VERSION="${CS_VERSION:-4.100.3}"
HOST_DIR="${VSCODE_HOST_DIR:-$HOME/.cache/kubetasks/vscode-host/code-server-$CS_VERSION}"
export DEBIAN_FRONTEND=noninteractive

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
command -v curl >/dev/null || need_apt+=(curl)
[ -e /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "provision: apt-get install ${need_apt[*]}"
  # Another provisioner (the test cluster's) may hold dpkg's lock: wait for it rather than fail.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -f "$HOST_DIR/.complete" ]; then
  echo "provision: installing code-server $CS_VERSION into $HOST_DIR"
  # @vscode/ripgrep (a VS Code dependency) downloads rg from GitHub in its postinstall unless its cache
  # under the temp dir already holds the archive: seed it with Debian's rg 13.0.0, the same version.
  rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rg_cache"
  rg_tar="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -s "$rg_tar" ]; then
    t="$(mktemp -d)"; cp "$(command -v rg)" "$t/rg"
    tar czf "$rg_tar" -C "$t" rg; rm -rf "$t"
  fi
  rm -rf "$HOST_DIR"; mkdir -p "$HOST_DIR"
  cd "$HOST_DIR"
  echo '{"name":"kubetasks-vscode-host","private":true}' > package.json
  # node-gyp builds VS Code's native modules (kerberos, argon2, node-pty…) against Node's headers; it would
  # download them from nodejs.org, which is unreachable here, unless it is pointed at the installed ones.
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi
  # npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which an ~/.npmrc `yes=false` would cancel.
  # --unsafe-perm: code-server's postinstall refuses to run as root without it.
  npm_config_yes=true npm install --no-audit --no-fund --save-exact --unsafe-perm "code-server@$CS_VERSION" >install.log 2>&1 \
    || { tail -40 install.log; echo "provision: code-server install failed (log: $HOST_DIR/install.log)" >&2; exit 1; }
  touch .complete
fi
echo "provision: code-server $(node -p "require('$HOST_DIR/node_modules/code-server/package.json').version") at $HOST_DIR"
echo "provision: $(chromium --version 2>/dev/null)"
