#!/usr/bin/env bash
# Starts code-server with the extension installed from a .vsix, private user/extension/XDG dirs and auth off
# on 127.0.0.1, runs the driver command given as arguments with URL, SELFTEST_OUT and CODE_SERVER_LOG in its
# environment, and stops code-server's whole process group afterwards. Exit status: the driver's.
# Env: CS (code-server install dir), VSIX, WS (workspace folder), WORK (scratch dir), PORT (optional).
set -u
CS=${CS:?}; VSIX=${VSIX:?}; WS=${WS:?}; WORK=${WORK:?}
mkdir -p "$WORK/exts" "$WORK/udd/User" "$WORK/xdg"
export XDG_CONFIG_HOME=$WORK/xdg XDG_DATA_HOME=$WORK/xdg XDG_STATE_HOME=$WORK/xdg XDG_CACHE_HOME=$WORK/xdg
cat > "$WORK/udd/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.ignoreRecommendations": true,
  "extensions.autoCheckUpdates": false,
  "editor.minimap.enabled": false,
  "editor.hover.delay": 200,
  "editor.inlayHints.enabled": "off",
  "chat.commandCenter.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
JSON
CSB="$CS/node_modules/.bin/code-server"
"$CSB" --user-data-dir "$WORK/udd" --extensions-dir "$WORK/exts" --install-extension "$VSIX" > "$WORK/install.log" 2>&1 \
  || { cat "$WORK/install.log" >&2; exit 2; }
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
export SELFTEST_OUT=$WORK/selftest.json
export CODE_SERVER_LOG=$WORK/code-server.log
RTS_E2E_SELFTEST_OUT=$SELFTEST_OUT setsid "$CSB" --auth none --bind-addr "127.0.0.1:$PORT" \
  --user-data-dir "$WORK/udd" --extensions-dir "$WORK/exts" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override "$WS" > "$CODE_SERVER_LOG" 2>&1 &
SPID=$!
stop() { kill -- -"$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null; }   # the group: a file watcher outlives the main process
trap stop EXIT
i=0
until curl -fs "http://127.0.0.1:$PORT/healthz" > /dev/null; do
  i=$((i + 1))
  [ $i -gt 120 ] && { echo "code-server did not come up; log:" >&2; cat "$CODE_SERVER_LOG" >&2; exit 3; }
  sleep 0.5
done
export URL="http://127.0.0.1:$PORT/?folder=$WS"
timeout 300 "$@"
