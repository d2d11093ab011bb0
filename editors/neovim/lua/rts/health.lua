-- :checkhealth rts. Neovim 0.7/0.8 use require('health').report_*, 0.9+ vim.health.start/ok/...
local M = {}

local h = vim.health or require('health')
local start = h.start or h.report_start
local ok = h.ok or h.report_ok
local warn = h.warn or h.report_warn
local err = h.error or h.report_error
local info = h.info or h.report_info

function M.check()
  local rts = require('rts')
  start('rts: Neovim')
  local v = vim.version()
  local vs = string.format('%d.%d.%d', v.major, v.minor, v.patch)
  if v.major == 0 and v.minor < 7 then
    err('Neovim ' .. vs .. ' is too old: rts needs 0.7 or newer')
  else
    ok('Neovim ' .. vs .. (vim.lsp.start and ' (vim.lsp.start)' or ' (vim.lsp.start_client)'))
  end

  start('rts: server binary')
  local cmd, why = rts.server_cmd()
  if not cmd then
    err(why)
    return
  end
  ok('found: ' .. vim.fn.exepath(cmd[1]))
  local out = vim.fn.systemlist({ cmd[1], '--version' })
  if vim.v.shell_error == 0 and out[1] then
    ok('version: ' .. out[1])
  else
    err('`' .. cmd[1] .. ' --version` failed: ' .. table.concat(out, ' '))
  end

  start('rts: GPU VM')
  local clients = rts.clients()
  if #clients == 0 then
    info('no rts-lsp client running: open a .wgsl file or a *.rts.meta.json manifest to see the GPU adapter')
  end
  for _, c in ipairs(clients) do
    local s = rts.server_status[c.id]
    local where = (c.config and c.config.root_dir) or '?'
    if not s then
      warn(string.format('client %d (%s): the server has not reported a GPU adapter (rts/status) yet', c.id, where))
    elseif s.adapter and s.adapter ~= '' then
      ok(string.format('client %d (%s): GPU adapter %s, state %s', c.id, where, s.adapter, s.state or '?'))
    else
      warn(string.format('client %d (%s): no GPU adapter, the VM runs on the CPU (wazero)%s', c.id, where,
        s.message and (': ' .. s.message) or ''))
    end
  end
end

return M
