#!/bin/sh
# Installs the Debian packages the editor end-to-end tests need, only those missing. Needs root (or sudo).
# chromium: the browser code-server's workbench runs in; neovim: the Neovim client under test; ripgrep,
# build-essential, python3, pkg-config, libkrb5-dev: building code-server's native modules from npm.
set -eu
PKGS="chromium neovim ripgrep build-essential python3 pkg-config libkrb5-dev curl"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "e2e: installing Debian packages:$missing" >&2
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$SUDO apt-get install -y --no-install-recommends $missing || { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends $missing; }
