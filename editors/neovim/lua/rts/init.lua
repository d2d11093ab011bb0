-- rts: Neovim client for rts-lsp (WGSL shaders and PixelRTS cartridges).
-- Works on Neovim 0.7 (vim.lsp.start_client) and newer (vim.lsp.start). See :help rts.
local M = {}

local defaults = {
  -- The server command. nil: $RTS_LSP_PATH, else `rts-lsp` on PATH. `--stdio` is not needed.
  cmd = nil,
  -- File types the server is started for.
  filetypes = { 'wgsl', 'rts-manifest' },
  -- Files or directories that mark a workspace root; the file's directory when none is found.
  root_markers = { '.git', 'go.mod', '.rts-lsp.json' },
  -- The `rts` settings section, sent as initializationOptions and answered on workspace/configuration.
  settings = {
    ai = { endpoint = '', model = '' },
    onSave = { run = 'off' }, -- 'off' | 'tests' | 'tests+spec'
    preview = { maxPixels = 65536 },
    trace = { server = 'off' },
  },
  -- Called with (client, bufnr) when a buffer attaches.
  on_attach = nil,
  -- Extra client capabilities (for instance from cmp_nvim_lsp).
  capabilities = nil,
}

M.config = vim.deepcopy(defaults)
--- Last status notification (rts/status) per client id: { state, adapter, backend, message }.
M.server_status = {}
--- Result of the last :RtsRun, for scripts and tests.
M.last_run = nil
--- Result of the last :RtsCartInfo.
M.last_cart_info = nil

local server_commands = { run = 'rts.run', explain = 'rts.explain' }

--- client:request on 0.11+, client.request before.
local function request(client, method, params, handler, bufnr)
  if vim.fn.has('nvim-0.11') == 1 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end
M.request = request

local function notify(msg, level)
  vim.notify('rts: ' .. msg, level or vim.log.levels.INFO)
end

--- The server command line, or nil and why not.
function M.server_cmd()
  local cmd = M.config.cmd
  if type(cmd) == 'string' then cmd = { cmd } end
  if cmd == nil then
    local env = os.getenv('RTS_LSP_PATH')
    cmd = { (env and env ~= '') and env or 'rts-lsp' }
  end
  if vim.fn.executable(cmd[1]) ~= 1 then
    return nil, string.format('rts-lsp not found: %q is not executable (set cmd in setup{} or RTS_LSP_PATH)', cmd[1])
  end
  return cmd
end

local function find_root(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local found = vim.fs and vim.fs.find and vim.fs.find(M.config.root_markers, { path = dir, upward = true })[1]
  if not vim.fs then -- Neovim 0.7
    for _, marker in ipairs(M.config.root_markers) do
      local hit = vim.fn.finddir(marker, dir .. ';')
      if hit == '' then hit = vim.fn.findfile(marker, dir .. ';') end
      if hit ~= '' then found = vim.fn.fnamemodify(hit, ':p'); break end
    end
  end
  if found then
    return vim.fn.fnamemodify((found:gsub('/$', '')), ':h')
  end
  return dir
end

--- The rts-lsp clients, optionally only the one serving bufnr.
function M.clients(bufnr)
  local out = {}
  local list
  if vim.lsp.get_clients then -- 0.10+
    list = vim.lsp.get_clients(bufnr and { bufnr = bufnr } or nil)
  else
    list = bufnr and vim.lsp.buf_get_clients(bufnr) or vim.lsp.get_active_clients()
  end
  for _, c in pairs(list) do
    if c.name == 'rts' then table.insert(out, c) end
  end
  return out
end

local function client_for(bufnr)
  local c = M.clients(bufnr)[1] or M.clients()[1]
  if not c then return nil, 'no rts-lsp client is running (open a .wgsl file or a manifest first)' end
  return c
end

local handlers = {
  ['rts/status'] = function(_, params, ctx)
    M.server_status[ctx.client_id] = params
    vim.cmd('redrawstatus')
  end,
}

local clients_by_root = {} -- Neovim 0.7 only: root -> client id

--- The client capabilities sent: Neovim's (or setup's), plus experimental.rts.showsCommandResults, which
--- tells the server this client shows rts.run and rts.explain results itself (editors/PROTOCOL.md).
function M.client_capabilities()
  local caps = vim.deepcopy(M.config.capabilities or vim.lsp.protocol.make_client_capabilities())
  caps.experimental = caps.experimental or {}
  caps.experimental.rts = vim.tbl_extend('force', caps.experimental.rts or {}, { showsCommandResults = true })
  -- Diagnostics come by push only (see on_init): rts-lsp pushes to a client that does not declare
  -- textDocument.diagnostic, and answers pulls only to one that does. Neovim 0.7 has no pull; 0.10+ declares
  -- it, so it is taken out here to keep one channel, the one every supported version has.
  if caps.textDocument then caps.textDocument.diagnostic = nil end
  return caps
end

--- Neovim 0.10+ pulls whenever the server offers diagnosticProvider, even without declaring pull support; this
--- client is pushed to (see client_capabilities), so a pull would show each diagnostic twice. Forget the
--- pull capability before any buffer attaches.
local function on_init(client)
  if client.server_capabilities then client.server_capabilities.diagnosticProvider = nil end
end

--- Starts (or reuses) the server for the workspace of bufnr and attaches the buffer.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then return end
  local cmd, err = M.server_cmd()
  if not cmd then
    notify(err, vim.log.levels.ERROR)
    return
  end
  local root = find_root(name)
  local config = {
    name = 'rts',
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = M.config.settings,
    settings = { rts = M.config.settings },
    handlers = handlers,
    capabilities = M.client_capabilities(),
    on_init = on_init,
    on_attach = M.config.on_attach,
    get_language_id = function(_, filetype) return filetype end,
  }
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients_by_root[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    config.on_exit = function() if clients_by_root[root] == id then clients_by_root[root] = nil end end
    id = vim.lsp.start_client(config)
    if not id then return end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- Whether the server advertises a workspace/executeCommand command.
function M.offers(client, command)
  local caps = client.server_capabilities or client.resolved_capabilities or {}
  local ecp = caps.executeCommandProvider
  if type(ecp) ~= 'table' then return false end
  return vim.tbl_contains(ecp.commands or {}, command)
end

--- Sends workspace/executeCommand; calls on_result(err, result).
local function execute(client, command, args, on_result)
  if not M.offers(client, command) then
    on_result({ message = 'this rts-lsp does not offer the command ' .. command })
    return
  end
  request(client, 'workspace/executeCommand', { command = command, arguments = args }, function(err, result)
    on_result(err, result)
  end)
end

local function cartridge_target(arg)
  local path = (arg and arg ~= '') and vim.fn.fnamemodify(arg, ':p') or vim.api.nvim_buf_get_name(0)
  if not path:match('%.rts%.png$') and not path:match('%.rts%.meta%.json$') then
    return nil, 'not a cartridge: ' .. (path ~= '' and path or '[no name]') .. ' (want *.rts.png or *.rts.meta.json)'
  end
  return path
end

local function scratch(title, lines, filetype)
  vim.cmd('botright new')
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].buftype = 'nofile'
  vim.bo[buf].bufhidden = 'wipe'
  vim.bo[buf].swapfile = false
  pcall(vim.api.nvim_buf_set_name, buf, title)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  if filetype then vim.bo[buf].filetype = filetype end
  return buf
end

--- Formats a rts.run result (see editors/PROTOCOL.md) as lines; the first is the summary.
function M.format_run(result)
  local lines = { string.format('RTS run (%s): %s', result.backend or '?', result.summary or (result.ok and 'ok' or 'failed')) }
  if result.adapter and result.adapter ~= '' then table.insert(lines, '  adapter: ' .. result.adapter) end
  for _, t in ipairs(result.tests or {}) do
    table.insert(lines, string.format('  %s %s%s%s%s', t.ok and 'ok  ' or 'FAIL', t.name or '?',
      t.got and (' got ' .. t.got) or '', t.want and (' want ' .. t.want) or '', t.message and (' ' .. t.message) or ''))
  end
  return lines
end

local function show_run(err, result)
  if err then
    M.last_run = { error = err.message or vim.inspect(err) }
    notify('run failed: ' .. M.last_run.error, vim.log.levels.ERROR)
    return
  end
  M.last_run = result
  local lines = M.format_run(result or {})
  notify(table.concat(lines, '\n'), (result and result.ok) and vim.log.levels.INFO or vim.log.levels.WARN)
end

--- :RtsRun [file]: runs the cartridge (manifest or image) on the GPU VM and reports the result.
function M.run(arg)
  local path, why = cartridge_target(arg)
  if not path then return notify(why, vim.log.levels.WARN) end
  local client, err = client_for(0)
  if not client then return notify(err, vim.log.levels.ERROR) end
  M.last_run = nil
  notify('running ' .. vim.fn.fnamemodify(path, ':t') .. ' on the GPU VM…')
  execute(client, server_commands.run, { { uri = vim.uri_from_fname(path) } }, show_run)
end

--- The LSP form of a vim.diagnostic entry. Neovim 0.8+ keeps the original in user_data.lsp; 0.7 keeps only
--- its code and tags there, so the rest is rebuilt (columns are bytes, exact for ASCII lines).
local function lsp_diagnostic(d)
  local orig = d.user_data and d.user_data.lsp or {}
  if orig.range and orig.message then return orig end
  return {
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col } },
    severity = d.severity, message = d.message, code = orig.code or d.code, source = d.source, tags = orig.tags,
  }
end
M.lsp_diagnostic = lsp_diagnostic

local function show_explanation(err, result)
  if err then return notify('explain failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR) end
  local text = (result and result.markdown or '') .. (result and result.source and ('\n\n---\n*Source: ' .. result.source .. '*') or '')
  M.last_explanation = result
  scratch('rts://explain', vim.split(text, '\n', { plain = true }), 'markdown')
end

--- :RtsExplain: explains the diagnostic under the cursor (the first one on the line if none is under it).
function M.explain()
  local bufnr = vim.api.nvim_get_current_buf()
  local lnum, col = unpack(vim.api.nvim_win_get_cursor(0))
  lnum = lnum - 1
  local here, on_line = nil, nil
  for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = lnum })) do
    on_line = on_line or d
    if col >= d.col and (d.end_lnum ~= d.lnum or col <= (d.end_col or d.col)) then here = here or d end
  end
  local d = here or on_line
  if not d then return notify('no diagnostic under the cursor', vim.log.levels.WARN) end
  local client, err = client_for(bufnr)
  if not client then return notify(err, vim.log.levels.ERROR) end
  execute(client, server_commands.explain, { { uri = vim.uri_from_bufnr(bufnr), diagnostic = lsp_diagnostic(d) } }, show_explanation)
end

--- Formats a rts/cartridgeInfo answer as lines.
local function b64len(b64)
  if not b64 or b64 == '' then return 0 end
  local pad = #(b64:match('=*$'))
  return math.floor(#b64 * 3 / 4) - pad
end

function M.format_cart_info(info)
  local lines = {
    string.format('%s', info.uri or '?'),
    string.format('image %dx%d, Hilbert grid %d, %d bytes per pixel, payload %d bytes%s', info.width or 0, info.height or 0,
      info.grid or 0, info.bytesPerPixel or 0, b64len(info.payloadBase64),
      info.streamBase64 and string.format(' (%d bytes compressed in the pixels)', b64len(info.streamBase64)) or ''),
    'segments:',
  }
  for _, s in ipairs(info.segments or {}) do
    table.insert(lines, string.format('  %-16s [%d, %d) %d bytes%s', s.name, s.start, s['end'], s['end'] - s.start, s.kind and (' ' .. s.kind) or ''))
  end
  for _, p in ipairs(info.problems or {}) do
    table.insert(lines, string.format('%s: %s', p.severity, p.message))
  end
  return lines
end

--- :RtsCartInfo [file]: what the server decodes from a cartridge (size, grid, segments), in a scratch buffer.
function M.cart_info(arg)
  local path, why = cartridge_target(arg)
  if not path then return notify(why, vim.log.levels.WARN) end
  local png = path:gsub('%.rts%.meta%.json$', '.rts.png')
  local client, err = client_for(0)
  if not client then return notify(err, vim.log.levels.ERROR) end
  M.last_cart_info = nil
  request(client, 'rts/cartridgeInfo', { uri = vim.uri_from_fname(png) }, function(e, info)
    if e then
      M.last_cart_info = { error = e }
      return notify('cartridge info failed: ' .. (e.message or vim.inspect(e)), vim.log.levels.ERROR)
    end
    M.last_cart_info = info
    scratch('rts://cartridge/' .. vim.fn.fnamemodify(png, ':t'), M.format_cart_info(info))
  end)
end

--- A statusline component: "rts: ready · llvmpipe" (empty when no client serves the buffer).
function M.statusline()
  local c = M.clients(0)[1]
  if not c then return '' end
  local s = M.server_status[c.id]
  if not s then return 'rts: running' end
  local dev = (s.adapter and s.adapter ~= '') and (' · ' .. s.adapter) or (s.backend == 'cpu' and ' · CPU' or '')
  return 'rts: ' .. (s.state or '?') .. dev
end

local function define_commands()
  local cmd = vim.api.nvim_create_user_command
  cmd('RtsRun', function(o) M.run(o.args) end, { nargs = '?', complete = 'file', desc = 'Run a PixelRTS cartridge on the GPU VM' })
  cmd('RtsExplain', function() M.explain() end, { desc = 'Explain the rts-lsp diagnostic under the cursor' })
  cmd('RtsCartInfo', function(o) M.cart_info(o.args) end, { nargs = '?', complete = 'file', desc = 'Show what rts-lsp decodes from a cartridge' })
  -- Code actions that carry the server's commands: run them here so their results are shown.
  vim.lsp.commands[server_commands.run] = function(command, ctx)
    local client = vim.lsp.get_client_by_id(ctx.client_id)
    if client then execute(client, command.command, command.arguments, show_run) end
  end
  vim.lsp.commands[server_commands.explain] = function(command, ctx)
    local client = vim.lsp.get_client_by_id(ctx.client_id)
    if client then execute(client, command.command, command.arguments, show_explanation) end
  end
end

--- setup{...}: merges options (see :help rts-setup), defines the commands, and starts the server for
--- buffers of the configured file types (including those already open).
function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  define_commands()
  local group = vim.api.nvim_create_augroup('rts', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(ev) M.attach(ev.buf) end,
  })
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(M.config.filetypes, vim.bo[b].filetype) then
      M.attach(b)
    end
  end
end

return M
