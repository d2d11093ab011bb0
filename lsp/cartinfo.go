package lsp

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// cartInfo is the rts/cartridgeInfo result (editors/PROTOCOL.md).
type cartInfo struct {
	URI                string          `json:"uri"`
	PNGBase64          string          `json:"pngBase64"`
	Width              int             `json:"width"`
	Height             int             `json:"height"`
	Grid               int64           `json:"grid"`
	BytesPerPixel      int64           `json:"bytesPerPixel"`
	PayloadBase64      string          `json:"payloadBase64"`
	StreamBase64       string          `json:"streamBase64,omitempty"`
	FirstPixel         int64           `json:"firstPixel"`
	PixelOffsetsBase64 string          `json:"pixelOffsetsBase64,omitempty"`
	Segments           []cartSegment   `json:"segments"`
	Metadata           json.RawMessage `json:"metadata,omitempty"`
	Problems           []cartProblem   `json:"problems,omitempty"`
}

type cartSegment struct {
	Name  string `json:"name"`
	Start int64  `json:"start"`
	End   int64  `json:"end"`
}

type cartProblem struct {
	Severity string `json:"severity"` // "error", "warning" or "info"
	Message  string `json:"message"`
}

// requestFailed is LSP's RequestFailed error code.
const requestFailed jsonrpc2.Code = -32803

// cartridgeInfo answers rts/cartridgeInfo {uri}: the image (a *.rts.png, or
// a manifest, taken to mean its image) decoded with the metadata of its
// sidecar manifest (an open one's unsaved text first) or, without one, of
// the PNG's own PixelRTS chunk. Errors name the file: InvalidParams for a
// bad URI, RequestFailed for an unreadable or undecodable cartridge.
func (s *server) cartridgeInfo(ctx context.Context, raw protocol.LSPAny) (any, error) {
	var p struct {
		URI string `json:"uri"`
	}
	if len(raw) == 0 || json.Unmarshal(raw, &p) != nil || p.URI == "" {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "rts/cartridgeInfo: want {uri}")
	}
	c, err := s.loadCart("rts/cartridgeInfo", p.URI)
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	b64 := base64.StdEncoding.EncodeToString
	m, pl, img := c.meta, c.payload, c.img
	out := cartInfo{
		URI: p.URI, PNGBase64: b64(c.png),
		Width: img.Header.Width, Height: img.Header.Height,
		Grid: m.GridSize, BytesPerPixel: 4,
		PayloadBase64: b64(pl.Data),
		Segments:      []cartSegment{},
		Problems:      c.problems,
	}
	if m.Compression != "" && m.Compression != "none" {
		out.StreamBase64 = b64(pl.Stream)
	}
	if pl.Mode == cartridge.ModeLinear {
		out.BytesPerPixel = 3
		out.PixelOffsetsBase64 = b64(linearOffsets(img.Header.Width, img.Header.Height, len(pl.Stream)))
	}
	for _, sg := range m.Segments {
		out.Segments = append(out.Segments, cartSegment{Name: sg.Name, Start: sg.Start, End: sg.End})
	}
	if json.Valid(c.metaText) {
		out.Metadata = c.metaText
	}
	for _, n := range img.Notes {
		out.Problems = append(out.Problems, cartProblem{Severity: "warning", Message: n})
	}
	res, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("rts/cartridgeInfo: %w", err)
	}
	return jsonrpc2.RawMessage(res), nil
}

// loadedCart is a cartridge read for a request.
type loadedCart struct {
	path     string // the image's path
	png      []byte
	img      *cartridge.Image
	metaText []byte
	metaFrom string // the sidecar's path, or "its PixelRTS text chunk"
	meta     *cartridge.Meta
	payload  *cartridge.Payload
	problems []cartProblem // the checker's findings on the metadata
}

// loadCart reads the cartridge u names (its image, or a manifest meaning
// its image) for the request method. Errors are JSON-RPC errors naming the
// file: InvalidParams for a URI that is not a file, RequestFailed for the
// rest.
func (s *server) loadCart(method, u string) (*loadedCart, error) {
	path := fsPath(uri.URI(u))
	if path == "" {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: %s is not a file: URI", method, u)
	}
	if cartridge.IsManifestPath(path) {
		path = cartridge.ImagePathFor(path)
	}
	fail := func(format string, args ...any) error {
		return jsonrpc2.Errorf(requestFailed, "%s: %s", path, fmt.Sprintf(format, args...))
	}
	c := &loadedCart{path: path}
	var err error
	if c.png, err = s.readFile(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fail("no such file")
		}
		return nil, fail("unreadable: %v", err)
	}
	opts := s.cartOptions()
	if c.img, err = cartridge.DecodePNG(c.png, opts); err != nil {
		return nil, fail("not a decodable PNG: %v", err)
	}
	c.metaText, c.metaFrom, c.problems = s.cartMeta(path, c.png, c.img, opts)
	if c.metaText == nil {
		return nil, fail("no PixelRTS metadata: no sidecar manifest beside it and no PixelRTS text chunk in it")
	}
	if c.meta, err = cartridge.ParseMeta(c.metaText); err != nil {
		return nil, fail("metadata (%s): %v", c.metaFrom, err)
	}
	if c.payload, err = cartridge.ExtractPayload(c.img, c.meta, opts); err != nil {
		return nil, fail("no payload under its metadata (%s): %v", c.metaFrom, err)
	}
	return c, nil
}

// cartMeta finds the metadata for the image at path: the first sidecar that
// reads (an open manifest's text first), else the PNG's own chunk. It
// returns the text, where it came from, and the checker's findings on it
// (nil text when there is no metadata at all).
func (s *server) cartMeta(path string, png []byte, img *cartridge.Image, opts cartridge.Options) ([]byte, string, []cartProblem) {
	for _, sc := range cartridge.SidecarPathsFor(path) {
		text, err := s.readFile(sc)
		if err != nil {
			continue
		}
		return text, sc, problemsOf(cartridge.CheckManifest(text, sc, s.readFile, opts))
	}
	text, ok := img.EmbeddedMetadata()
	if !ok {
		return nil, "", nil
	}
	_, ds, err := cartridge.CheckEmbedded(png, opts)
	ps := problemsOf(ds)
	if err != nil {
		ps = append(ps, cartProblem{Severity: "error", Message: err.Error()})
	}
	return text, "its PixelRTS text chunk", ps
}

func problemsOf(ds []diag.Diagnostic) []cartProblem {
	var out []cartProblem
	for _, d := range ds {
		sev := "info"
		switch d.Severity {
		case diag.Error:
			sev = "error"
		case diag.Warning:
			sev = "warning"
		}
		out = append(out, cartProblem{Severity: sev, Message: d.Message})
	}
	return out
}

// linearOffsets is, per pixel in row-major order, the payload offset it
// starts at under the legacy linear RGB mapping (3 bytes per pixel), or -1
// past the payload, as little-endian int32s.
func linearOffsets(w, h, n int) []byte {
	out := make([]byte, 4*w*h)
	for i := range w * h {
		off := int32(-1)
		if 3*i < n {
			off = int32(3 * i)
		}
		binary.LittleEndian.PutUint32(out[4*i:], uint32(off))
	}
	return out
}
