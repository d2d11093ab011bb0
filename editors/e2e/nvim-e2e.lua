-- Neovim end-to-end test of the rts plugin against the real rts-lsp. Run by editors/e2e.sh:
--   RTS_LSP=bin/rts-lsp E2E_WS=<copy of workspace/> E2E_EXPECT=expect.json E2E_OUT=result.json \
--   [E2E_CART=<manifest> | E2E_CART_MISSING=<why>] \
--   nvim --headless --clean --cmd 'set rtp^=editors/neovim' -c 'luafile editors/e2e/nvim-e2e.lua'
-- Prints one line per check: PASS, FAIL or PENDING (a server feature not there yet, with the reason), and
-- exits with the number of failures. RTS_E2E_STRICT=1 counts PENDING as failure.
local server = assert(os.getenv('RTS_LSP'), 'RTS_LSP unset')
local ws = assert(os.getenv('E2E_WS'), 'E2E_WS unset')
local expect = vim.fn.json_decode(table.concat(vim.fn.readfile(assert(os.getenv('E2E_EXPECT'), 'E2E_EXPECT unset')), '\n'))
local out_path = os.getenv('E2E_OUT') or 'nvim-e2e.json'
local cart = os.getenv('E2E_CART')
local cart_missing = os.getenv('E2E_CART_MISSING') or 'no cartridge fixture'
local broken = os.getenv('E2E_BROKEN')
local broken_missing = os.getenv('E2E_BROKEN_MISSING') or 'no broken cartridge fixture'
local strict = os.getenv('RTS_E2E_STRICT') == '1'
local t0 = vim.loop.hrtime()

local results = { nvim = tostring(vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch), checks = {} }
local failures = 0

local function record(status, name, detail)
  if status == 'PENDING' and strict then status = 'FAIL' end
  if status == 'FAIL' then failures = failures + 1 end
  local d = detail
  if type(d) ~= 'string' and d ~= nil then d = vim.inspect(d, { newline = ' ', indent = '' }) end
  table.insert(results.checks, { status = status, name = name, detail = d })
  io.stdout:write(string.format('%-7s nvim:%s %s\n', status, name, d or ''))
end
local function check(name, ok, detail) record(ok and 'PASS' or 'FAIL', name, detail) end
local function pending(name, why) record('PENDING', name, why) end

local function finish()
  results.seconds = (vim.loop.hrtime() - t0) / 1e9
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(results))
  f:close()
  if failures == 0 then vim.cmd('qall!') else vim.cmd('cquit ' .. failures) end
end

vim.defer_fn(function() check('watchdog', false, 'the test did not finish in 120 s'); finish() end, 120000)

-- Notifications (what :RtsRun and friends report) are recorded, not echoed.
local notes = {}
vim.notify = function(msg, level) table.insert(notes, { msg = msg, level = level }) end
-- Which documents the server has published diagnostics for (an empty list counts).
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result then published[vim.uri_to_fname(result.uri)] = (published[vim.uri_to_fname(result.uri)] or 0) + 1 end
  return default_publish(err, result, ctx, config)
end

local severity_names = { 'error', 'warning', 'info', 'hint' }
local function in_region(d, region)
  local a, b = region[1], region[2]
  local l, c = d.lnum, d.col
  local after_a = l > a[1] or (l == a[1] and c >= a[2])
  local before_b = l < b[1] or (l == b[1] and c <= b[2])
  return after_a and before_b
end
local function brief(ds)
  return vim.tbl_map(function(d) return string.format('%d:%d %s %s', d.lnum, d.col, severity_names[d.severity] or '?', d.message) end, ds)
end

local function open(rel)
  local path = ws .. '/' .. rel
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.wait(10000, function() return published[path] ~= nil end, 20)
  return buf, path
end

local rts = require('rts')
local ok, err = pcall(function()
  rts.setup({ cmd = { server } })
  check('commands defined', vim.fn.exists(':RtsRun') == 2 and vim.fn.exists(':RtsExplain') == 2 and vim.fn.exists(':RtsCartInfo') == 2)

  -- ftdetect + client start per workspace root
  local buf, path = open('shaders/syntax.wgsl')
  check('ftdetect wgsl', vim.bo[buf].filetype == 'wgsl', vim.bo[buf].filetype)
  local client
  local initialized = vim.wait(10000, function()
    client = rts.clients(buf)[1]
    return client ~= nil and client.initialized
  end, 20)
  check('server started and initialized', initialized, client and { root = client.config.root_dir, cmd = client.config.cmd })
  if not initialized then return end
  local caps = client.server_capabilities or client.resolved_capabilities
  results.capabilities = client.server_capabilities
  check('one client per workspace root', #rts.clients() == 1, #rts.clients())

  -- diagnostics at the right places
  local by_file = {}
  for _, e in ipairs(expect.diagnostics) do
    by_file[e.file] = by_file[e.file] or {}
    table.insert(by_file[e.file], e)
  end
  local diag_of = {}
  for file, list in pairs(by_file) do
    local b, p = open(file)
    check('diagnostics published for ' .. file, published[p] ~= nil)
    vim.wait(3000, function() return #vim.diagnostic.get(b) >= #list end, 20)
    local ds = vim.diagnostic.get(b)
    local seen, dups = {}, {}
    for _, d in ipairs(ds) do
      local k = string.format('%d:%d-%d:%d %s', d.lnum, d.col, d.end_lnum or d.lnum, d.end_col or d.col, d.message)
      if seen[k] then table.insert(dups, k) end
      seen[k] = true
    end
    check('each diagnostic shown once in ' .. file, #dups == 0, #dups > 0 and { twice = dups } or #ds)
    for _, e in ipairs(list) do
      local hit
      for _, d in ipairs(ds) do
        if severity_names[d.severity] == e.severity and in_region(d, e.region) then hit = d; break end
      end
      diag_of[e.id] = hit and { buf = b, d = hit } or nil
      if hit then
        check('diagnostic ' .. e.id, true, string.format('%s:%d:%d %s', file, hit.lnum + 1, hit.col + 1, hit.message))
      elseif #ds == 0 and e.pendingWhenClean then
        pending('diagnostic ' .. e.id, e.pendingWhenClean .. ' (' .. file .. ' has no diagnostics)')
      else
        check('diagnostic ' .. e.id, false, { want = e.what, region = e.region, got = brief(ds) })
      end
    end
  end
  for _, file in ipairs(expect.clean) do
    local b = open(file)
    local errors = vim.diagnostic.get(b, { severity = vim.diagnostic.severity.ERROR })
    check('no errors in ' .. file, #errors == 0, brief(errors))
  end

  -- hover shows the type (request + the floating window the user sees)
  for _, h in ipairs(expect.hover) do
    if not caps.hoverProvider then
      pending(h.id, 'the server does not offer hover (no hoverProvider)')
    else
      local b = open(h.file)
      vim.api.nvim_win_set_cursor(0, { h.at[1] + 1, h.at[2] })
      local params = vim.lsp.util.make_position_params()
      local resp = vim.lsp.buf_request_sync(b, 'textDocument/hover', params, 5000)
      local r = resp and resp[client.id] and resp[client.id].result
      local text = r and table.concat(vim.lsp.util.convert_input_to_markdown_lines(r.contents), '\n') or ''
      vim.lsp.buf.hover()
      local float_text
      vim.wait(3000, function()
        for _, w in ipairs(vim.api.nvim_list_wins()) do
          if vim.api.nvim_win_get_config(w).relative ~= '' then
            float_text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false), '\n')
            return true
          end
        end
      end, 20)
      if vim.trim(text) == '' then
        pending(h.id, string.format('the server answers no hover at %s:%d:%d yet', h.file, h.at[1] + 1, h.at[2] + 1))
      else
        check(h.id, text:find(h.contains, 1, true) ~= nil and (float_text or ''):find(h.contains, 1, true) ~= nil,
          { want = h.contains, hover = text, float = float_text })
      end
      vim.cmd('silent! fclose!')
      for _, w in ipairs(vim.api.nvim_list_wins()) do
        if vim.api.nvim_win_get_config(w).relative ~= '' then pcall(vim.api.nvim_win_close, w, true) end
      end
    end
  end

  -- :RtsExplain on the first expected diagnostic (before the quick fix removes it)
  local qf = expect.quickfix
  local target = diag_of[qf.diagnostic]
  local qf_region
  for _, e in ipairs(expect.diagnostics) do
    if e.id == qf.diagnostic then qf_region = e.region end
  end
  if not rts.offers(client, 'rts.explain') then
    pending('RtsExplain', 'the server does not offer the rts.explain command')
  elseif not target then
    check('RtsExplain', false, 'no diagnostic to explain (' .. qf.diagnostic .. ' missing)')
  else
    vim.cmd('buffer ' .. target.buf)
    vim.api.nvim_win_set_cursor(0, { target.d.lnum + 1, target.d.col })
    rts.last_explanation = nil
    vim.cmd('RtsExplain')
    local got = vim.wait(30000, function() return rts.last_explanation ~= nil end, 50)
    local md = got and rts.last_explanation.markdown or ''
    check('RtsExplain', got and #md > 20, md:sub(1, 160))
    vim.cmd('buffer ' .. target.buf)
  end

  -- a quick fix applies and its diagnostic goes away
  if not target then
    check(qf.id, false, 'its diagnostic ' .. qf.diagnostic .. ' was not reported')
  elseif not caps.codeActionProvider then
    pending(qf.id, 'the server does not offer code actions (no codeActionProvider)')
  else
    vim.cmd('buffer ' .. target.buf)
    local b = target.buf
    local d = target.d
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(b) },
      range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col } },
      context = { diagnostics = vim.tbl_map(rts.lsp_diagnostic, vim.diagnostic.get(b, { lnum = d.lnum })) },
    }
    local resp = vim.lsp.buf_request_sync(b, 'textDocument/codeAction', params, 5000)
    local actions = resp and resp[client.id] and resp[client.id].result or {}
    local fix
    for _, a in ipairs(actions) do
      if (a.kind == nil or a.kind:find('^quickfix')) and (a.edit or a.command) and a.title and not a.title:find('^Explain') then fix = fix or a end
    end
    local titles = vim.tbl_map(function(a) return a.title end, actions)
    if not fix then
      pending(qf.id, 'no quick fix offered for ' .. qf.diagnostic .. '; actions: ' .. vim.inspect(titles, { newline = ' ', indent = '' }))
    else
      if fix.edit then
        vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
      end
      local cmd = fix.command
      if type(cmd) == 'table' then
        vim.lsp.buf_request_sync(b, 'workspace/executeCommand', { command = cmd.command, arguments = cmd.arguments }, 5000)
      end
      local line
      local fixed = vim.wait(5000, function()
        line = vim.api.nvim_buf_get_lines(b, qf.line, qf.line + 1, false)[1]
        return line == qf.lineAfter
      end, 20)
      local gone = fixed and vim.wait(5000, function()
        for _, x in ipairs(vim.diagnostic.get(b)) do
          if in_region(x, qf_region) and x.message == d.message then return false end
        end
        return true
      end, 20)
      check(qf.id, fixed and gone, { title = fix.title, line = line, diagnostic_gone = gone })
    end
  end

  -- cartridges: manifest hover, :RtsCartInfo, :RtsRun
  if not cart or cart == '' then
    pending('manifest hover', cart_missing)
    pending('RtsCartInfo', cart_missing)
    pending('RtsRun', cart_missing)
  else
    vim.cmd('edit ' .. vim.fn.fnameescape(cart))
    local mb = vim.api.nvim_get_current_buf()
    check('ftdetect rts-manifest', vim.bo[mb].filetype == 'rts-manifest', vim.bo[mb].filetype)
    vim.wait(5000, function() return rts.clients(mb)[1] ~= nil end, 20)
    check('manifest attached to the same client', rts.clients(mb)[1] ~= nil and rts.clients(mb)[1].id == client.id)
    if not caps.hoverProvider then
      pending('manifest hover', 'the server does not offer hover (no hoverProvider)')
    else
      local mh = expect.manifestHover
      local at
      for i, l in ipairs(vim.api.nvim_buf_get_lines(mb, 0, -1, false)) do
        local c = l:find('"' .. mh.key .. '"', 1, true)
        if c then at = { i - 1, c + 1 } break end
      end
      if not at then
        check('manifest hover', false, 'the manifest has no "' .. mh.key .. '" key')
      else
        local params = { textDocument = { uri = vim.uri_from_bufnr(mb) }, position = { line = at[1], character = at[2] } }
        local resp = vim.lsp.buf_request_sync(mb, 'textDocument/hover', params, 10000)
        local r = resp and resp[client.id] and resp[client.id].result
        local text = r and table.concat(vim.lsp.util.convert_input_to_markdown_lines(r.contents), '\n') or ''
        local missing = vim.tbl_filter(function(w) return not text:find(w, 1, true) end, mh.contains)
        check('manifest hover', #missing == 0, #missing == 0 and text:gsub('data:image/png;base64,[%w+/=]+', 'data:…'):sub(1, 300)
          or { missing = missing, hover = text:sub(1, 300) })
      end
    end

    rts.last_cart_info = nil
    vim.cmd('RtsCartInfo ' .. vim.fn.fnameescape(cart))
    vim.wait(15000, function() return rts.last_cart_info ~= nil end, 20)
    local info = rts.last_cart_info
    if info and info.error and info.error.code == -32601 then
      pending('RtsCartInfo', 'the server does not implement rts/cartridgeInfo yet')
    else
      check('RtsCartInfo', info and not info.error and (info.width or 0) > 0 and (info.payloadBase64 or '') ~= '',
        info and (info.error or { width = info.width, height = info.height, grid = info.grid, segments = #(info.segments or {}) }))
    end
    vim.cmd('buffer ' .. mb)

    if not rts.offers(client, 'rts.run') then
      pending('RtsRun', 'the server does not offer the rts.run command')
    else
      vim.cmd('RtsRun')
      local got = vim.wait(60000, function() return rts.last_run ~= nil end, 50)
      local reported
      for _, n in ipairs(notes) do
        if n.msg:find('RTS run (', 1, true) then reported = n.msg end
      end
      check('RtsRun', got and rts.last_run.ok == true and reported ~= nil, reported or rts.last_run)
    end
  end

  -- a manifest quick fix: the wrong data_hash is set right and its diagnostic goes away
  local mq = expect.manifestQuickfix
  if not broken or broken == '' then
    pending(mq.id, broken_missing)
  elseif not caps.codeActionProvider then
    pending(mq.id, 'the server does not offer code actions (no codeActionProvider)')
  else
    vim.cmd('edit ' .. vim.fn.fnameescape(broken))
    local b = vim.api.nvim_get_current_buf()
    local function coded()
      for _, x in ipairs(vim.diagnostic.get(b)) do
        if x.code == mq.code or (x.user_data and x.user_data.lsp and x.user_data.lsp.code == mq.code) then return x end
      end
    end
    vim.wait(10000, function() return coded() ~= nil end, 20)
    local d = coded()
    if not d then
      check(mq.id, false, { want = 'a diagnostic ' .. mq.code, got = brief(vim.diagnostic.get(b)) })
    else
      local params = {
        textDocument = { uri = vim.uri_from_bufnr(b) },
        range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col } },
        context = { diagnostics = { rts.lsp_diagnostic(d) } },
      }
      local resp = vim.lsp.buf_request_sync(b, 'textDocument/codeAction', params, 10000)
      local actions = resp and resp[client.id] and resp[client.id].result or {}
      local fix
      for _, a in ipairs(actions) do
        if a.title and a.title:find(mq.title, 1, true) and a.edit then fix = a break end
      end
      if not fix then
        check(mq.id, false, { want = mq.title, actions = vim.tbl_map(function(a) return a.title end, actions) })
      else
        local before = vim.api.nvim_buf_get_lines(b, d.lnum, d.lnum + 1, false)[1]
        vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
        local after = vim.api.nvim_buf_get_lines(b, d.lnum, d.lnum + 1, false)[1]
        local gone = vim.wait(10000, function() return coded() == nil end, 20)
        check(mq.id, after ~= before and gone, { title = fix.title, line = after, diagnostic_gone = gone })
      end
    end
  end

  -- :checkhealth rts
  vim.cmd('checkhealth rts')
  local health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  check('checkhealth rts', health:find('version: rts%-lsp') ~= nil and not health:find('ERROR'), health:gsub('\n', ' | '):sub(1, 400))
  local st = rts.server_status[client.id]
  if st then
    check('server status reported', st.state ~= nil, st)
  else
    pending('server status reported', 'the server sends no rts/status notification yet (GPU adapter unknown)')
  end

  -- shutdown
  vim.lsp.stop_client(client.id)
  local exited = vim.wait(5000, function() return vim.lsp.get_client_by_id(client.id) == nil end, 20)
  check('server shuts down', exited)
end)
if not ok then check('lua error', false, tostring(err)) end
finish()
