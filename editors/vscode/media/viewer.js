// Cartridge viewer webview. Draws the PNG the server sent, zooms, and maps the pixel under the pointer to the
// byte offset it carries (in the payload, or in the compressed stream when the cartridge is compressed): through the server's per-pixel offset table when it sends one, else through the
// Hilbert curve index of the pixel (the usual xy2d) times the bytes per pixel.
(function () {
  const vscode = acquireVsCodeApi();
  const canvas = document.getElementById('canvas');
  const ctx = canvas.getContext('2d');
  const $ = id => document.getElementById(id);
  let info = null, img = null, payload = null, carried = null, offsets = null, zoom = 0;

  function b64bytes(s) {
    const bin = atob(s || '');
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  /** Hilbert index of (x, y) in an n-by-n grid, n a power of two. */
  function xy2d(n, x, y) {
    let d = 0;
    for (let s = n >> 1; s > 0; s >>= 1) {
      const rx = (x & s) > 0 ? 1 : 0;
      const ry = (y & s) > 0 ? 1 : 0;
      d += s * s * ((3 * rx) ^ ry);
      if (ry === 0) {
        if (rx === 1) { x = s - 1 - x; y = s - 1 - y; }
        const t = x; x = y; y = t;
      }
    }
    return d;
  }

  function offsetAt(x, y) {
    if (offsets) return offsets[y * info.width + x];
    if (x >= info.grid || y >= info.grid) return -1;
    const d = xy2d(info.grid, x, y) - (info.firstPixel || 0);
    return d < 0 ? -1 : d * info.bytesPerPixel;
  }

  function fitZoom() {
    const stage = $('stage');
    const z = Math.floor(Math.min((stage.clientWidth - 20) / info.width, (stage.clientHeight - 20) / info.height));
    return Math.max(1, Math.min(z, 64));
  }

  /** The image as drawn: as is, or with every pixel's alpha forced to 255 (payload bytes in the alpha
   * channel make pixels translucent; "Opaque" shows their colour channels plainly). */
  function source() {
    if (!$('opaque').checked) return img;
    const c = document.createElement('canvas');
    c.width = info.width; c.height = info.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height);
    for (let i = 3; i < d.data.length; i += 4) d.data[i] = 255;
    g.putImageData(d, 0, 0);
    return c;
  }

  function draw() {
    if (!img) return;
    canvas.width = info.width * zoom;
    canvas.height = info.height * zoom;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(source(), 0, 0, canvas.width, canvas.height);
    $('zoom').textContent = zoom + '×';
  }

  function setZoom(z) { zoom = Math.max(1, Math.min(64, z)); draw(); }

  function hex(bytes) { return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join(' '); }

  function describe(x, y) {
    const off = offsetAt(x, y);
    const lines = [`pixel   (${x}, ${y})`];
    const compressed = carried !== payload;
    if (off < 0 || off >= carried.length) {
      lines.push('offset  — (no payload here)');
      markSegment(null);
    } else {
      const bytes = carried.subarray(off, Math.min(carried.length, off + info.bytesPerPixel));
      lines.push(`offset  ${off} (0x${off.toString(16)})${compressed ? ' in the compressed stream' : ''}`);
      lines.push(`bytes   ${hex(bytes)}`);
      if (compressed) {
        lines.push('segment — (segments index the decompressed payload)');
        markSegment(null);
      } else {
        const seg = (info.segments || []).find(s => off >= s.start && off < s.end) || null;
        lines.push(`segment ${seg ? seg.name + (seg.kind ? ' (' + seg.kind + ')' : '') + ` [${seg.start}, ${seg.end})` : '—'}`);
        markSegment(seg);
      }
    }
    $('pointer').textContent = lines.join('\n');
  }

  function markSegment(seg) {
    document.querySelectorAll('#segments li').forEach(li => li.classList.toggle('current', !!seg && li.dataset.start === String(seg.start)));
  }

  function show(i) {
    info = i;
    payload = b64bytes(i.payloadBase64);
    carried = i.streamBase64 ? b64bytes(i.streamBase64) : payload;
    if (i.pixelOffsetsBase64) {
      const raw = b64bytes(i.pixelOffsetsBase64);
      offsets = new Int32Array(raw.buffer, raw.byteOffset, Math.floor(raw.length / 4));
    } else {
      offsets = null;
    }
    $('summary').textContent = `${i.width}×${i.height} · grid ${i.grid} · ${i.bytesPerPixel} B/px · payload ${payload.length} B` +
      (carried !== payload ? ` (${carried.length} B compressed in the pixels)` : '');
    const segs = $('segments');
    segs.textContent = '';
    for (const s of i.segments || []) {
      const li = document.createElement('li');
      li.dataset.start = String(s.start);
      li.textContent = `${s.name}${s.kind ? ' (' + s.kind + ')' : ''}: [${s.start}, ${s.end}) ${s.end - s.start} B`;
      segs.appendChild(li);
    }
    const probs = $('problems');
    probs.textContent = '';
    for (const p of i.problems || []) {
      const li = document.createElement('li');
      li.textContent = `${p.severity}: ${p.message}`;
      probs.appendChild(li);
    }
    const im = new Image();
    im.onload = () => {
      img = im;
      if (!zoom) zoom = fitZoom();
      draw();
      $('status').className = 'ok';
      $('status').textContent = 'Cartridge decoded by rts-lsp.';
      document.body.dataset.state = 'ready';
    };
    im.onerror = () => fail('the server sent an image the webview cannot display');
    im.src = 'data:image/png;base64,' + i.pngBase64;
  }

  function fail(message) {
    $('status').className = 'error';
    $('status').textContent = 'Cannot show this cartridge: ' + message;
    document.body.dataset.state = 'error';
  }

  canvas.addEventListener('mousemove', e => {
    if (!info || !zoom) return;
    const r = canvas.getBoundingClientRect();
    const x = Math.floor((e.clientX - r.left) / zoom), y = Math.floor((e.clientY - r.top) / zoom);
    if (x >= 0 && y >= 0 && x < info.width && y < info.height) describe(x, y);
  });
  $('stage').addEventListener('wheel', e => {
    if (!info || !e.ctrlKey) return;
    e.preventDefault();
    setZoom(zoom + (e.deltaY < 0 ? 1 : -1));
  }, { passive: false });
  $('zoom-in').addEventListener('click', () => info && setZoom(zoom * 2));
  $('zoom-out').addEventListener('click', () => info && setZoom(Math.floor(zoom / 2)));
  $('zoom-fit').addEventListener('click', () => info && setZoom(fitZoom()));
  $('opaque').addEventListener('change', draw);
  $('run').addEventListener('click', () => vscode.postMessage({ type: 'run' }));
  window.addEventListener('keydown', e => {
    if (!info) return;
    if (e.key === '+' || e.key === '=') setZoom(zoom * 2);
    else if (e.key === '-') setZoom(Math.floor(zoom / 2));
    else if (e.key === '0') setZoom(fitZoom());
  });
  window.addEventListener('message', e => {
    const m = e.data;
    if (m.type === 'info') show(m.info);
    else if (m.type === 'error') fail(m.message);
  });
  vscode.postMessage({ type: 'ready' });
})();
