#!/bin/sh
# Installs code-server (VS Code server + web workbench) from the npm registry into DEST, idempotently.
# Nothing is downloaded from anywhere but the npm registry: the package's postinstall (which would fetch
# ripgrep from GitHub) is skipped, native modules are rebuilt from source, and Debian's rg is used.
# Needs: node 20 with headers, python3, make, g++, pkg-config, libkrb5-dev, ripgrep.
# Usage: install-code-server.sh DEST   -> DEST/node_modules/.bin/code-server
set -eu
DEST=${1:?usage: install-code-server.sh DEST}
VER=${CODE_SERVER_VERSION:-4.100.3}   # VS Code 1.100.3; the last line that runs on node 20 (4.103+ want node 22)
STAMP="$DEST/.installed-$VER"
if [ -f "$STAMP" ] && [ -x "$DEST/node_modules/.bin/code-server" ]; then
  exit 0
fi
rm -rf "$DEST"
mkdir -p "$DEST"
cd "$DEST"
echo '{"name":"rts-lsp-e2e-code-server","private":true}' > package.json
npm install --no-audit --no-fund --ignore-scripts "code-server@$VER"
npm rebuild argon2                      # its prebuilt download is not reachable; builds from source
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild         # node-pty, spdlog, kerberos, ...
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --no-audit --no-fund)
XDG_CONFIG_HOME="$DEST/xdg" XDG_DATA_HOME="$DEST/xdg" "$DEST/node_modules/.bin/code-server" --version
touch "$STAMP"
