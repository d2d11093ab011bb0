#!/usr/bin/env bash
# Editor end-to-end tests: the real rts-lsp in real editors.
#   - Neovim (Debian's 0.7.2, headless) with the plugin in editors/neovim: editors/e2e/nvim-e2e.lua
#   - VS Code (code-server 4.100.3 in Debian's headless Chromium, driven by playwright-core) with the .vsix
#     built from editors/vscode: editors/e2e/vscode-e2e.js
# Installs what it needs, idempotently: Debian packages (scripts/install-deps.sh), code-server from npm into
# $RTS_E2E_CACHE (default ~/.cache/rts-lsp-e2e), playwright-core and the extension's node_modules (npm ci).
# Screenshots and logs go to e2e-artifacts/ at the repository root.
#
# Every check prints PASS, FAIL or PENDING (a server feature that does not exist yet, with the reason).
# Exit status: 0 when nothing failed. RTS_E2E_STRICT=1 counts PENDING as failure (for when all features exist).
# RTS_E2E_ONLY=nvim|vscode runs one editor. RTS_LSP=path tests another server binary. RTS_E2E_NVIM=path runs
# another Neovim instead of Debian's 0.7.2; RTS_E2E_NVIM=trixie unpacks Debian 13's 0.10 into the cache and
# runs that (scripts/install-nvim-trixie.sh).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
E2E="$ROOT/editors/e2e"
CACHE=${RTS_E2E_CACHE:-$HOME/.cache/rts-lsp-e2e}
ART=${RTS_E2E_ARTIFACTS:-$ROOT/e2e-artifacts}
SERVER=${RTS_LSP:-$ROOT/bin/rts-lsp}
ONLY=${RTS_E2E_ONLY:-all}
NVIM=${RTS_E2E_NVIM:-nvim}
T0=$(date +%s)

log() { printf 'e2e [%3ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }

log "installing what is missing"
"$ROOT/editors/scripts/install-deps.sh"
if [ ! -x "$SERVER" ]; then
  log "building $SERVER"
  (cd "$ROOT" && go build -o "$SERVER" ./cmd/rts-lsp)
fi
SERVER=$(cd "$(dirname "$SERVER")" && pwd)/$(basename "$SERVER")
log "server: $SERVER ($("$SERVER" --version))"

rm -rf "$ART"
mkdir -p "$ART"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rts-e2e.XXXXXX")
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT

# A fresh copy of the fixtures per editor: quick fixes edit them.
# Cartridge fixture: $RTS_E2E_CARTRIDGE, else the first manifest in examples/ with its image beside it whose
# name does not announce a deliberate mistake (-bad, -wrong).
CART_SRC=${RTS_E2E_CARTRIDGE:-}
if [ -z "$CART_SRC" ]; then
  for m in "$ROOT"/examples/*.rts.meta.json "$ROOT"/examples/*/*.rts.meta.json; do
    case "$m" in *-bad*|*-wrong*) continue ;; esac
    [ -f "$m" ] && [ -f "${m%.rts.meta.json}.rts.png" ] && { CART_SRC=$m; break; }
  done
fi
# A cartridge whose manifest has a wrong data_hash, for the manifest quick fix.
BROKEN_SRC=${RTS_E2E_BROKEN_CARTRIDGE:-}
if [ -z "$BROKEN_SRC" ]; then
  for m in "$ROOT"/examples/*-wrong-hash.rts.meta.json "$ROOT"/examples/*/*-wrong-hash.rts.meta.json; do
    [ -f "$m" ] && [ -f "${m%.rts.meta.json}.rts.png" ] && { BROKEN_SRC=$m; break; }
  done
fi
BROKEN_MISSING="no cartridge with a wrong data_hash: examples/ has no *-wrong-hash.rts.meta.json with its image"
make_workspace() {
  local ws=$1
  mkdir -p "$ws"
  cp -R "$E2E/workspace/." "$ws/"
  git -C "$ws" init -q 2>/dev/null || mkdir -p "$ws/.git"   # the workspace root marker
  if [ -n "$CART_SRC" ]; then
    mkdir -p "$ws/cartridges"
    cp "$CART_SRC" "${CART_SRC%.rts.meta.json}.rts.png" "$ws/cartridges/"
    echo "$ws/cartridges/$(basename "$CART_SRC")"
  fi
  if [ -n "$BROKEN_SRC" ]; then
    mkdir -p "$ws/cartridges"
    cp "$BROKEN_SRC" "${BROKEN_SRC%.rts.meta.json}.rts.png" "$ws/cartridges/"
  fi
}
broken_in() { [ -n "$BROKEN_SRC" ] && echo "$1/cartridges/$(basename "$BROKEN_SRC")"; true; }
CART_MISSING="no cartridge fixture: examples/ has no *.rts.meta.json with its *.rts.png beside it"

FAILED=0
SUMMARY="$WORK/summary"
: > "$SUMMARY"

run_nvim() {
  local ws="$WORK/nvim-ws" cart
  if [ "$NVIM" = trixie ]; then
    log "neovim: Debian 13's, into $CACHE/nvim-trixie (skipped when present)"
    "$ROOT/editors/scripts/install-nvim-trixie.sh" "$CACHE/nvim-trixie" > "$ART/nvim-install.log" 2>&1 \
      || { log "neovim install failed: see $ART/nvim-install.log"; echo "FAIL    nvim:install trixie neovim" >> "$SUMMARY"; FAILED=1; return; }
    NVIM="$CACHE/nvim-trixie/nvim"
  fi
  cart=$(make_workspace "$ws")
  log "neovim: $("$NVIM" --version | head -1)"
  local rc=0
  (cd "$ws" && RTS_LSP="$SERVER" E2E_WS="$ws" E2E_EXPECT="$E2E/expect.json" E2E_OUT="$ART/nvim-e2e.json" \
    E2E_CART="$cart" E2E_CART_MISSING="$CART_MISSING" E2E_BROKEN="$(broken_in "$ws")" E2E_BROKEN_MISSING="$BROKEN_MISSING" \
    timeout 180 "$NVIM" --headless --clean --cmd "set rtp^=$ROOT/editors/neovim" -c "luafile $E2E/nvim-e2e.lua" \
    ) > "$ART/nvim-e2e.log" 2> "$ART/nvim-e2e.stderr" || rc=$?
  cat "$ART/nvim-e2e.log"
  grep -E '^(PASS|FAIL|PENDING)' "$ART/nvim-e2e.log" >> "$SUMMARY" || true
  if [ "$rc" != 0 ]; then
    log "neovim: exit status $rc (see $ART/nvim-e2e.stderr)"
    grep -q '^FAIL' "$ART/nvim-e2e.log" || echo "FAIL    nvim:run exit status $rc" >> "$SUMMARY"
    FAILED=1
  fi
}

run_vscode() {
  log "code-server: installing into $CACHE/code-server (skipped when present)"
  "$ROOT/editors/scripts/install-code-server.sh" "$CACHE/code-server" > "$ART/code-server-install.log" 2>&1 \
    || { log "code-server install failed: see $ART/code-server-install.log"; echo "FAIL    vscode:install code-server" >> "$SUMMARY"; FAILED=1; return; }
  log "playwright-core and the extension's node_modules (npm ci when the lock changed)"
  (cd "$E2E" && { [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
    || npm ci --no-audit --no-fund; }) > "$ART/npm.log" 2>&1 \
    || { log "npm ci failed: see $ART/npm.log"; echo "FAIL    vscode:npm ci playwright-core" >> "$SUMMARY"; FAILED=1; return; }
  log "building the .vsix with the server bundled"
  make -s -C "$ROOT/editors/vscode" vsix SERVER="$SERVER" >> "$ART/npm.log" 2>&1 \
    || { log "vsix build failed: see $ART/npm.log"; echo "FAIL    vscode:build vsix" >> "$SUMMARY"; FAILED=1; return; }
  local ws="$WORK/vscode-ws" cart
  cart=$(make_workspace "$ws")
  log "vscode: code-server $(cat "$CACHE/code-server/node_modules/code-server/package.json" | node -pe 'JSON.parse(require("fs").readFileSync(0)).version'), $(chromium --version 2>/dev/null | head -1)"
  local probes
  probes=$(node -e '
    const [expect, ws] = [require(process.argv[1]), process.argv[2]];
    const files = new Map();
    for (const f of [...expect.diagnostics.map(e => e.file), ...expect.clean]) files.set(f, []);
    for (const h of expect.hover) (files.get(h.file) || files.set(h.file, []).get(h.file)).push(h.at);
    const clean = new Set(expect.clean);
    console.log(JSON.stringify([...files].map(([f, hovers]) => ({ path: ws + "/" + f, hovers, wait: clean.has(f) ? 3000 : 15000 }))));
  ' "$E2E/expect.json" "$ws")
  local token_edits
  token_edits=$(node -e '
    const [expect, ws] = [require(process.argv[1]), process.argv[2]];
    console.log(JSON.stringify((expect.tokenEdits || []).map(t => ({ path: ws + "/" + t.file, edits: t.edits }))));
  ' "$E2E/expect.json" "$ws")
  local rc=0
  RTS_E2E_SELFTEST_PROBES="$probes" RTS_E2E_SELFTEST_TOKEN_EDITS="$token_edits" CS="$CACHE/code-server" VSIX="$ROOT/editors/vscode/rts-lsp.vsix" WS="$ws" ART="$ART" WORK="$WORK/vscode" \
    E2E_EXPECT="$E2E/expect.json" E2E_CART="$cart" E2E_CART_MISSING="$CART_MISSING" \
    E2E_BROKEN="$(broken_in "$ws")" E2E_BROKEN_MISSING="$BROKEN_MISSING" \
    "$ROOT/editors/scripts/run-code-server.sh" node "$E2E/vscode-e2e.js" > "$ART/vscode-e2e.log" 2>&1 || rc=$?
  cat "$ART/vscode-e2e.log"
  grep -E '^(PASS|FAIL|PENDING)' "$ART/vscode-e2e.log" >> "$SUMMARY" || true
  if [ "$rc" != 0 ]; then
    log "vscode: exit status $rc"
    grep -q '^FAIL' "$ART/vscode-e2e.log" || echo "FAIL    vscode:run exit status $rc" >> "$SUMMARY"
    FAILED=1
  fi
}

case "$ONLY" in
  nvim) run_nvim ;;
  vscode) run_vscode ;;
  all) run_nvim; run_vscode ;;
  *) echo "RTS_E2E_ONLY must be nvim, vscode or all" >&2; exit 2 ;;
esac

P=$(grep -c '^PASS' "$SUMMARY" || true)
F=$(grep -c '^FAIL' "$SUMMARY" || true)
N=$(grep -c '^PENDING' "$SUMMARY" || true)
echo
echo "e2e summary: $P passed, $F failed, $N pending (server features not there yet) in $(( $(date +%s) - T0 ))s"
grep -E '^(FAIL|PENDING)' "$SUMMARY" || true
echo "artifacts: $ART"
[ "$F" = 0 ] && [ "$FAILED" = 0 ]
