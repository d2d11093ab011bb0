// VS Code end-to-end test: code-server's workbench in Debian's headless Chromium, driven through
// playwright-core, with the rts extension (installed from the .vsix, server bundled) and the real rts-lsp.
// Run by editors/e2e.sh through scripts/run-code-server.sh, which sets URL, SELFTEST_OUT and CODE_SERVER_LOG.
// Env from e2e.sh: WS (workspace copy), ART (artifacts dir), E2E_EXPECT, E2E_CART (manifest in WS, or empty),
// E2E_CART_MISSING (why not), RTS_E2E_STRICT. Prints PASS/FAIL/PENDING lines; exits with the failure count.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

const env = k => { const v = process.env[k]; if (v === undefined) throw new Error(`${k} unset`); return v; };
const URL = env('URL'), WS = env('WS'), ART = env('ART');
const expect = JSON.parse(fs.readFileSync(env('E2E_EXPECT'), 'utf8'));
const cart = process.env.E2E_CART || '';
const cartMissing = process.env.E2E_CART_MISSING || 'no cartridge fixture';
const broken = process.env.E2E_BROKEN || '';
const brokenMissing = process.env.E2E_BROKEN_MISSING || 'no broken cartridge fixture';
const strict = process.env.RTS_E2E_STRICT === '1';
const SHOTS = path.join(ART, 'vscode');
fs.mkdirSync(SHOTS, { recursive: true });

const t0 = Date.now();
const results = { checks: [] };
let failures = 0;
function record(status, name, detail) {
  if (status === 'PENDING' && strict) status = 'FAIL';
  if (status === 'FAIL') failures++;
  const d = detail === undefined ? '' : typeof detail === 'string' ? detail : JSON.stringify(detail);
  results.checks.push({ status, name, detail: d });
  console.log(`${status.padEnd(7)} vscode:${name} ${d.replace(/\s+/g, ' ').slice(0, 400)}`);
}
const check = (name, ok, detail) => record(ok ? 'PASS' : 'FAIL', name, detail);
const pending = (name, why) => record('PENDING', name, why);
const log = (...a) => console.error(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const sleep = ms => new Promise(r => setTimeout(r, ms));

function inRegion(d, region) {
  const [a, b] = region;
  const afterA = d.line > a[0] || (d.line === a[0] && d.character >= a[1]);
  const beforeB = d.line < b[0] || (d.line === b[0] && d.character <= b[1]);
  return afterA && beforeB;
}

async function shot(page, name) {
  const file = path.join(SHOTS, name);
  await page.screenshot({ path: file });
  log('screenshot', file);
  return file;
}

/**
 * Opens the quick input with key (Ctrl+P, F1) and types text, retrying: a key pressed while focus is moving
 * (a webview, a closing widget) can open and close the widget at once.
 */
async function quickInput(page, key, text) {
  const input = page.locator('.quick-input-widget input').first();
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press(key);
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(text, { timeout: 5000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      log(`quick input (${key}) did not open, retrying`);
      await page.locator('.tabs-container .tab.active').first().click({ timeout: 2000 }).catch(() => undefined); // focus the workbench
      await sleep(500);
    }
  }
}

/** Opens a workspace file through Quick Open (Ctrl+P), as a user would. */
async function openFile(page, rel) {
  await quickInput(page, 'Control+P', rel);
  // Enter only once the filtered list has focused the file (the recent-files list shows first).
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: path.basename(rel) }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: path.basename(rel) }).first().waitFor({ timeout: 15000 });
}

/**
 * The RGBA of every pixel of an 8-bit RGBA, non-interlaced PNG (what the examples' cartridges are), read
 * independently of the server to check what the viewer shows under the pointer. undefined for other PNGs.
 */
function readRGBA(file) {
  const buf = fs.readFileSync(file);
  let pos = 8, width = 0, height = 0, ok = false;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString('latin1', pos + 4, pos + 8), data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      ok = data[8] === 8 && data[9] === 6 && data[12] === 0;
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  if (!ok) return undefined;
  const raw = require('zlib').inflateSync(Buffer.concat(idat));
  const stride = width * 4, out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? out[y * stride + i - 4] : 0, b = y > 0 ? out[(y - 1) * stride + i] : 0, c = i >= 4 && y > 0 ? out[(y - 1) * stride + i - 4] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][f];
      out[y * stride + i] = (line[i] + pred) & 255;
    }
  }
  return { width, height, at: (x, y) => out.subarray((y * width + x) * 4, (y * width + x) * 4 + 4) };
}

/**
 * The page box of the character at col (0-based, UTF-16) of the visible line whose text is lineText, in the
 * active editor: the token spans are walked and the column placed inside its span (a monospace font).
 */
async function charBox(page, lineText, col) {
  const line = page.locator('.editor-group-container.active .view-line', { hasText: lineText.trim() }).first();
  await line.waitFor({ timeout: 10000 });
  const spans = await line.locator('span > span').evaluateAll(els => els.map(e => {
    const r = e.getBoundingClientRect(); return { text: e.textContent, x: r.x, y: r.y, w: r.width, h: r.height };
  }));
  let c = 0;
  for (const sp of spans) {
    if (col >= c && col < c + sp.text.length) {
      const cw = sp.w / sp.text.length;
      return { x: sp.x + (col - c) * cw, y: sp.y, width: cw, height: sp.h };
    }
    c += sp.text.length;
  }
  return undefined;
}

const fileLine = (rel, n) => fs.readFileSync(path.join(WS, rel), 'utf8').split('\n')[n];

/** Runs a command from the command palette (F1), picking the row that shows label. */
async function runCommand(page, text, label) {
  await quickInput(page, 'F1', '>' + text);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

/** The page-coordinate box of line (1-based) in the active editor's gutter. */
async function lineBox(page, line) {
  const ln = page.locator('.editor-group-container.active .monaco-editor .margin-view-overlays .line-numbers', { hasText: new RegExp(`^${line}$`) }).first();
  return ln.boundingBox();
}

/** The webview frame showing the cartridge viewer, once its script has run. */
async function viewerFrame(page, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      try {
        if (await f.$('#canvas')) return f;
      } catch { /* detached */ }
    }
    await sleep(250);
  }
  return undefined;
}

/**
 * What the viewer's canvas holds: size, pixels with any opacity, distinct colors. Read from the canvas
 * itself, since a screenshot of it also shows the checkerboard behind transparent pixels.
 */
async function canvasStats(frame) {
  return frame.evaluate(() => {
    const c = document.getElementById('canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colors = new Set();
    let opaque = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] === 0) continue;
      opaque++;
      colors.add((d[i] << 24 | d[i + 1] << 16 | d[i + 2] << 8 | d[i + 3]) >>> 0);
    }
    return { width: c.width, height: c.height, opaque, colors: colors.size };
  });
}

/** Decodes a PNG screenshot in the browser and counts its pixels that are not black. */
async function nonBlack(page, png) {
  return page.evaluate(async b64 => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let lit = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] > 8 || d[i + 1] > 8 || d[i + 2] > 8) lit++;
    return { width: c.width, height: c.height, lit };
  }, png.toString('base64'));
}

let lastPage;

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    lastPage = page;
    page.on('pageerror', e => log('pageerror', String(e).slice(0, 200)));
    await page.goto(URL);
    await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
    log('workbench loaded');

    // What VS Code itself knows (the extension's self-report through the VS Code API)
    const selftestPath = env('SELFTEST_OUT');
    const deadline = Date.now() + 90000;
    while (!fs.existsSync(selftestPath) && Date.now() < deadline) await sleep(250);
    const self = fs.existsSync(selftestPath) ? JSON.parse(fs.readFileSync(selftestPath, 'utf8')) : undefined;
    if (self) fs.copyFileSync(selftestPath, path.join(ART, 'vscode-selftest.json'));
    check('extension activated and server running', !!self && self.serverRunning && !self.error,
      self ? { vscode: self.vscode, server: self.serverInfo, error: self.error } : 'no self-report from the extension');
    if (!self || !self.serverRunning) return;
    const caps = self.capabilities || {};
    const offers = c => (caps.executeCommandProvider?.commands || []).includes(c);
    const fileReport = rel => (self.files || []).find(f => f.path === path.join(WS, rel));

    for (const rel of [...new Set(expect.diagnostics.map(e => e.file)), ...expect.clean]) {
      const f = fileReport(rel);
      check(`language id of ${rel}`, f && f.languageId === 'wgsl', f && f.languageId);
    }
    for (const e of expect.diagnostics) {
      const f = fileReport(e.file);
      const ds = f ? f.diagnostics : [];
      const hit = ds.find(d => d.severity.toLowerCase() === e.severity && inRegion(d, e.region));
      if (hit) check(`diagnostic ${e.id}`, true, `${e.file}:${hit.line + 1}:${hit.character + 1} ${hit.message}`);
      else if (ds.length === 0 && e.pendingWhenClean) pending(`diagnostic ${e.id}`, `${e.pendingWhenClean} (${e.file} has no diagnostics)`);
      else check(`diagnostic ${e.id}`, false, { want: e.what, region: e.region, got: ds.map(d => `${d.line}:${d.character} ${d.severity} ${d.message}`) });
    }
    for (const f of self.files || []) {
      const seen = new Set(), dups = [];
      for (const d of f.diagnostics) {
        const k = `${d.line}:${d.character}-${d.endLine}:${d.endCharacter} ${d.message}`;
        if (seen.has(k)) dups.push(k); else seen.add(k);
      }
      check(`each diagnostic shown once in ${path.relative(WS, f.path)}`, dups.length === 0, dups.length ? { twice: dups } : f.diagnostics.length);
    }
    for (const rel of expect.clean) {
      const f = fileReport(rel);
      const errs = (f ? f.diagnostics : []).filter(d => d.severity === 'Error');
      check(`no errors in ${rel}`, !!f && errs.length === 0, errs.map(d => d.message));
    }

    // The squiggles, on screen, on the right lines
    for (const file of [...new Set(expect.diagnostics.map(e => e.file))]) {
      const expected = expect.diagnostics.filter(e => e.file === file);
      const f = fileReport(file);
      if (f && f.diagnostics.length === 0 && expected.every(e => e.pendingWhenClean)) continue; // reported above
      await openFile(page, file);
      let squiggles = [];
      try {
        await page.locator('.editor-group-container.active .squiggly-error').first().waitFor({ timeout: 20000 });
        await sleep(500);
        squiggles = await page.locator('.editor-group-container.active .squiggly-error').evaluateAll(els => els.map(e => {
          const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height };
        }));
      } catch { /* none rendered */ }
      await shot(page, `squiggles-${path.basename(file, '.wgsl')}.png`);
      for (const e of expected) {
        const top = await lineBox(page, e.region[0][0] + 1);
        const bottom = await lineBox(page, e.region[1][0] + 1);
        const on = top && bottom && squiggles.some(s => s.y + s.h / 2 >= top.y && s.y + s.h / 2 <= bottom.y + bottom.height);
        check(`squiggle ${e.id}`, !!on, { lines: [e.region[0][0] + 1, e.region[1][0] + 1], squiggles: squiggles.length });
      }
    }

    // Semantic tokens after edits: each new version's tokens (the server reclassifies only the edited declaration)
    // equal those of the same text opened from scratch
    for (const te of expect.tokenEdits || []) {
      const r = (self.tokenEdits || []).find(x => x.path === path.join(WS, te.file));
      if (!caps.semanticTokensProvider) { pending(te.id, 'the server does not offer semantic tokens'); continue; }
      const ok = !!r && r.tokensBefore > 0 && r.steps.length === te.edits.length &&
        r.steps.every(s => s.applied && s.tokens > 0 && s.tokens === s.fresh && s.firstDiff < 0);
      check(te.id, ok, r || 'no token report from the extension');
    }

    // The hover widget shows the type
    for (const h of expect.hover) {
      if (!caps.hoverProvider) { pending(h.id, 'the server does not offer hover (no hoverProvider)'); continue; }
      await openFile(page, h.file);
      const box = await charBox(page, fileLine(h.file, h.at[0]), h.at[1]);
      if (!box) { check(h.id, false, `no text at line ${h.at[0] + 1} column ${h.at[1] + 1} on screen`); continue; }
      await page.mouse.move(box.x + 2, box.y + box.height / 2);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const hover = page.locator('.monaco-hover:visible', { hasText: h.contains }).first();
      let text = '';
      try {
        await hover.waitFor({ timeout: 15000 });
        text = await hover.innerText();
      } catch {
        text = await page.locator('.monaco-hover:visible').allInnerTexts().then(t => t.join(' | ')).catch(() => '');
      }
      await sleep(400);
      await shot(page, 'hover.png');
      if (!text.trim()) pending(h.id, `the server answers no hover at ${h.file}:${h.at[0] + 1}:${h.at[1] + 1} yet`);
      else check(h.id, text.includes(h.contains), { want: h.contains, hover: text.slice(0, 200) });
      await page.mouse.move(5, 450);
    }

    // RTS: Explain Diagnostic from the command palette, the cursor on the first expected diagnostic
    if (!offers('rts.explain')) {
      pending('Explain Diagnostic', 'the server does not offer the rts.explain command');
    } else {
      const e = expect.diagnostics[0];
      await openFile(page, e.file);
      const lineText = fileLine(e.file, e.region[0][0]);
      const lb = await charBox(page, lineText, Math.min(e.region[0][1], lineText.length - 1));
      await page.mouse.click(lb.x + lb.width - 1, lb.y + lb.height / 2);
      await runCommand(page, 'RTS: Explain Diagnostic', 'Explain Diagnostic');
      let text = '';
      const end = Date.now() + 60000;
      while (!text && Date.now() < end) {
        for (const f of page.frames()) {
          const t = await f.evaluate(() => document.querySelector('.markdown-body, #_defaultStyles ~ body, body.vscode-body')?.innerText || '').catch(() => '');
          if (t && t.trim().length > 20) { text = t.trim(); break; }
        }
        if (!text) await sleep(500);
      }
      await shot(page, 'explain.png');
      check('Explain Diagnostic', text.length > 20, text ? text.slice(0, 200) : 'no explanation preview within 60 s');
      await runCommand(page, 'View: Close All Editor Groups', 'Close All Editor Groups'); // room for what follows
    }

    // A quick fix through the UI: Ctrl+. then Enter
    const qf = expect.quickfix;
    if (!caps.codeActionProvider) {
      pending(qf.id, 'the server does not offer code actions (no codeActionProvider)');
    } else {
      await openFile(page, qf.file);
      const region = expect.diagnostics.find(e => e.id === qf.diagnostic).region;
      const box = await charBox(page, fileLine(qf.file, qf.line), region[0][1]);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.keyboard.press('Control+Period');
      const widget = page.locator('.action-widget').first();
      let rows = [];
      try {
        await widget.waitFor({ state: 'visible', timeout: 10000 });
        rows = await widget.locator('.monaco-list-row').evaluateAll(els => els.map(e => ({ text: e.innerText, action: e.classList.contains('action') })));
      } catch { /* no widget: "No code actions available" */ }
      await shot(page, 'quickfix-menu.png');
      const actions = rows.filter(r => r.action);
      const idx = actions.findIndex(r => !/^(Explain|Run|Show|More Actions)/.test(r.text.trim()));
      if (idx < 0) {
        pending(qf.id, `no quick fix offered for ${qf.diagnostic}; menu: ${JSON.stringify(rows.map(r => r.text))}`);
        await page.keyboard.press('Escape');
      } else {
        for (let i = 0; i < idx; i++) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter'); // a pointer-blocking overlay swallows clicks on the row
        let ok = false;
        try {
          await page.locator('.editor-group-container.active .view-line', { hasText: qf.lineAfter.trim() }).first().waitFor({ timeout: 15000 });
          ok = true;
        } catch { /* not applied */ }
        await sleep(1500); // the re-analysis clears the squiggle
        await shot(page, 'quickfix-applied.png');
        const top = await lineBox(page, qf.line + 1);
        const left = await page.locator('.editor-group-container.active .squiggly-error').evaluateAll(els => els.map(e => e.getBoundingClientRect().y + e.getBoundingClientRect().height / 2));
        const still = top && left.some(y => y >= top.y && y <= top.y + top.height);
        check(qf.id, ok && !still, { applied: actions[idx].text, lineNow: ok ? qf.lineAfter : 'unchanged', squiggleLeft: !!still });
      }
    }

    // A manifest quick fix through the UI: Ctrl+. on the wrong data_hash, pick the fix, Enter
    const mq = expect.manifestQuickfix;
    if (!broken) {
      pending(mq.id, brokenMissing);
    } else if (!caps.codeActionProvider) {
      pending(mq.id, 'the server does not offer code actions (no codeActionProvider)');
    } else {
      const rel = path.relative(WS, broken);
      await openFile(page, rel);
      const src = fs.readFileSync(broken, 'utf8').split('\n');
      const lineNo = src.findIndex(l => l.includes(`"${mq.key}"`));
      const before = src[lineNo].trim();
      const editor = '.editor-group-container.active';
      await page.locator(`${editor} .squiggly-error, ${editor} .squiggly-warning`).first().waitFor({ timeout: 20000 }).catch(() => undefined);
      const lineEl = page.locator(`${editor} .view-line`, { hasText: `"${mq.key}"` }).first();
      // Click just inside the value (the diagnostic's range); the value may run off-screen, so near its start.
      const valueCol = src[lineNo].indexOf('"', src[lineNo].indexOf(':')) + 2;
      const spans = await lineEl.locator('span > span').evaluateAll(els => els.map(e => {
        const r = e.getBoundingClientRect(); return { text: e.textContent, x: r.x, y: r.y, w: r.width, h: r.height };
      }));
      let col = 0, lb;
      for (const sp of spans) {
        if (valueCol >= col && valueCol < col + sp.text.length) {
          const cw = sp.w / sp.text.length;
          lb = { x: sp.x + (valueCol - col) * cw, y: sp.y, width: cw, height: sp.h };
          break;
        }
        col += sp.text.length;
      }
      await page.mouse.click(lb.x + lb.width / 2, lb.y + lb.height / 2);
      await page.keyboard.press('Control+Period');
      const widget = page.locator('.action-widget').first();
      let rows = [];
      try {
        await widget.waitFor({ state: 'visible', timeout: 10000 });
        rows = await widget.locator('.monaco-list-row').evaluateAll(els => els.map(e => ({ text: e.innerText, action: e.classList.contains('action') })));
      } catch { /* no menu */ }
      await shot(page, 'manifest-quickfix-menu.png');
      const actions = rows.filter(r => r.action);
      const idx = actions.findIndex(r => r.text.includes(mq.title));
      if (idx < 0) {
        check(mq.id, false, { want: mq.title, menu: rows.map(r => r.text) });
        await page.keyboard.press('Escape');
      } else {
        // The first action row has the focus; walk down to the fix.
        for (let i = 0; i < idx; i++) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        let after = before;
        const end = Date.now() + 15000;
        while (after === before && Date.now() < end) {
          await sleep(250);
          after = (await lineEl.innerText().catch(() => before)).replace(/\u00a0/g, ' ').trim();
        }
        await sleep(1500); // the re-check clears the squiggle
        await shot(page, 'manifest-quickfix-applied.png');
        const box = await lineEl.boundingBox();
        const ys = await page.locator(`${editor} .squiggly-error`).evaluateAll(els => els.map(e => e.getBoundingClientRect().y + e.getBoundingClientRect().height / 2));
        const still = box && ys.some(y => y >= box.y && y <= box.y + box.height);
        check(mq.id, after !== before && !still, { applied: actions[idx].text, line: after, squiggleLeft: !!still });
      }
    }

    // Status bar item
    const sb = page.locator('.statusbar-item', { hasText: 'RTS:' }).first();
    const sbText = await sb.innerText().catch(() => '');
    check('status bar shows the server state', /RTS: (running|ready|busy)/.test(sbText), sbText);

    // The cartridge viewer
    if (!cart) {
      pending('cartridge viewer renders', cartMissing);
      pending('cartridge viewer pointer offset', cartMissing);
      pending('Run on GPU VM', cartMissing);
    } else {
      const png = path.relative(WS, cart).replace(/\.rts\.meta\.json$/, '.rts.png');
      await openFile(page, png);
      const frame = await viewerFrame(page, 30000);
      if (!frame) {
        check('cartridge viewer renders', false, 'the viewer webview did not load');
      } else {
        await frame.waitForFunction(() => document.body.dataset.state, null, { timeout: 30000 }).catch(() => undefined);
        const state = await frame.evaluate(() => document.body.dataset.state || '');
        const status = await frame.locator('#status').innerText();
        await sleep(300);
        await shot(page, 'cartridge-viewer.png');
        if (state !== 'ready' && /does not implement rts\/cartridgeInfo/.test(status)) {
          pending('cartridge viewer renders', 'the server does not implement rts/cartridgeInfo yet');
          pending('cartridge viewer pointer offset', 'the server does not implement rts/cartridgeInfo yet');
        } else if (state !== 'ready') {
          check('cartridge viewer renders', false, status);
        } else {
          const canvas = frame.locator('#canvas');
          // The canvas alone over black: the screenshot is blank unless the image was drawn.
          await frame.evaluate(() => { document.getElementById('stage').style.background = '#000'; });
          const shotStats = await nonBlack(page, await canvas.screenshot({ path: path.join(SHOTS, 'cartridge-canvas.png') }));
          await frame.evaluate(() => { document.getElementById('stage').style.background = ''; });
          const stats = await canvasStats(frame);
          check('cartridge viewer renders', stats.width > 1 && stats.opaque > 0 && stats.colors >= 2 && shotStats.lit > 0,
            { canvas: stats, screenshot: shotStats, summary: await frame.locator('#summary').innerText() });
          // Under the pointer: a pixel away from the origin that carries payload; the bytes shown must be
          // that pixel's RGBA as the PNG stores it (byte k lies in channel k%4 of the pixel at curve index k/4).
          const cb = await canvas.boundingBox();
          const img = readRGBA(path.join(WS, png));
          const zoom = cb.width / (img ? img.width : 1);
          const target = img && [[1, 0], [1, 1], [0, 1]].map(([x, y]) => ({ x, y, rgba: img.at(x, y) })).find(p => p.rgba.some(b => b !== 0));
          const px = target || { x: 0, y: 0 };
          await page.mouse.move(cb.x + 1, cb.y + 1);
          await page.mouse.move(cb.x + (px.x + 0.5) * zoom, cb.y + (px.y + 0.5) * zoom);
          const pointer = await frame.locator('#pointer').innerText();
          await shot(page, 'cartridge-viewer-pointer.png');
          const shown = ((pointer.match(/bytes\s+([0-9a-f ]+)/) || [])[1] || '').trim();
          const want = target ? Array.from(target.rgba, b => b.toString(16).padStart(2, '0')).join(' ') : '';
          const bytesOk = !target || (shown !== '' && want.startsWith(shown));
          check('cartridge viewer pointer offset', /offset\s+\d+/.test(pointer) && /bytes\s+[0-9a-f]{2}/.test(pointer) && /segment\s+\S/.test(pointer) && bytesOk,
            { pointer, pixelRGBA: want || 'not an 8-bit RGBA PNG: bytes not compared' });
        }
      }

      // Run on GPU VM from the command palette, on the manifest
      if (!offers('rts.run')) {
        pending('Run on GPU VM', 'the server does not offer the rts.run command');
      } else {
        await openFile(page, path.relative(WS, cart));
        await runCommand(page, 'RTS: Run on GPU VM', 'Run on GPU VM');
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /RTS run \(|RTS: run failed/ }).first();
        let text = '';
        let isError = false;
        try {
          await toast.waitFor({ timeout: 120000 });
          text = await toast.innerText();
          isError = (await toast.locator('.codicon-error').count()) > 0;
        } catch { /* no result shown */ }
        await shot(page, 'run-on-gpu-vm.png');
        check('Run on GPU VM', text.includes('RTS run (') && !isError, text || 'no result notification within 120 s');
      }
    }
  } catch (e) {
    if (lastPage) await lastPage.screenshot({ path: path.join(SHOTS, 'driver-failure.png') }).catch(() => undefined);
    throw e;
  } finally {
    await browser.close();
  }
}

main().catch(async e => {
  record('FAIL', 'driver', e.stack || String(e));
}).finally(() => {
  results.seconds = (Date.now() - t0) / 1000;
  fs.writeFileSync(path.join(ART, 'vscode-e2e.json'), JSON.stringify(results, null, 1));
  if (process.env.CODE_SERVER_LOG && fs.existsSync(process.env.CODE_SERVER_LOG)) fs.copyFileSync(process.env.CODE_SERVER_LOG, path.join(ART, 'code-server.log'));
  process.exit(Math.min(failures, 100));
});
