#!/usr/bin/env bash
# `make run`: the main job on the bundled examples/, with embedded defaults — what an editor would show,
# printed to the terminal. The examples contain deliberate mistakes, so findings are expected here: this
# script fails only if a tool itself fails (exit code 2 or a crash).
set -uo pipefail
BIN=${1:-bin/rts-lsp}
cd "$(dirname "$0")/.."

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
ok_or_findings() { local rc=$1; [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || { echo "run-examples: '$2' failed (exit $rc)" >&2; exit "$rc"; }; }

section "rts-lsp check examples/   (diagnostics of every shader and cartridge manifest, as an editor shows them)"
"$BIN" check examples/; ok_or_findings $? "check"

section "rts-lsp cart info examples/cartridges/fac.rts.png   (what a cartridge's pixels carry)"
"$BIN" cart info examples/cartridges/fac.rts.png; ok_or_findings $? "cart info"

section "rts-lsp cart verify examples/cartridges/*.rts.png   (two carry deliberate mistakes)"
for png in examples/cartridges/*.rts.png; do
  "$BIN" cart verify "$png" 2>&1 | tail -n 1; ok_or_findings "${PIPESTATUS[0]}" "cart verify"
done

section "rts-lsp run examples/cartridges/fib.rts.png --invoke fib --args 20 --backend both   (GPU VM vs wazero)"
"$BIN" run examples/cartridges/fib.rts.png --invoke fib --args 20 --backend both; ok_or_findings $? "run"

first=$("$BIN" check --format json examples/ 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print("%s:%d:%d"%(d[0]["file"],d[0]["line"],d[0]["column"]) if d else "")' 2>/dev/null)
if [ -n "$first" ]; then
  section "rts-lsp explain $first   (offline: no model configured; first 40 lines)"
  out=$("$BIN" explain "$first"); rc=$?
  printf '%s\n' "$out" | head -n 40; ok_or_findings "$rc" "explain"
fi
echo
