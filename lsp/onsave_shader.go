package lsp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/vm"
	"github.com/rts-lsp/rts-lsp/vm/spectest"
)

// codeShaderCompile is the code of the diagnostic a saved VM shader gets
// when the GPU device rejects it.
const codeShaderCompile = "vm-shader-compile"

// codeSpecRegression is the code of the diagnostic a saved VM shader gets,
// with rts.onSave.run "tests+spec", for each spec file of the quick subset
// whose passes fall below its floor.
const codeSpecRegression = "vm-spec-regression"

// codeTestRegression is a cartridge test that passes with the built-in VM
// shader and fails with the saved one.
const codeTestRegression = "vm-test-regression"

// shaderDiagSource names the on-save check's diagnostics among a
// document's extra diagnostics (diag_sources.go).
const shaderDiagSource = "vm-shader"

// shaderSaveDelay debounces on-save shader checks: saves closer together
// than this run once, for the last text.
const shaderSaveDelay = 150 * time.Millisecond

// isVMShader reports whether path is the VM shader on-save checks look at:
// the rts.onSave.vmShader setting (absolute, or relative to a workspace
// root), else any file ending in shaders/wasm_vm.wgsl.
func (s *server) isVMShader(path string) bool {
	path = filepath.Clean(path)
	set := s.currentSettings().OnSaveVMShader
	if set == "" {
		return strings.HasSuffix(filepath.ToSlash(path), "/shaders/wasm_vm.wgsl")
	}
	if filepath.IsAbs(set) {
		return filepath.Clean(set) == path
	}
	s.mu.Lock()
	roots := slices.Clone(s.roots)
	s.mu.Unlock()
	for _, r := range roots {
		if filepath.Join(r, set) == path {
			return true
		}
	}
	return false
}

// vmShaderOnSave checks the saved VM shader d in the background, after
// shaderSaveDelay; a newer save cancels it. The text is compiled on the
// GPU device (vm.GPU.WithShader): a compile error is a vm-shader-compile
// diagnostic on the shader; otherwise the tests of the open manifests (else
// of every examples/ cartridge in the workspace) run with it, and with mode
// "tests+spec" the spec suite's quick subset too, each spec file below its
// floor in vm/testdata/spec_floor.txt becoming a vm-spec-regression
// diagnostic on the shader; each test that passes with the built-in
// shader and fails with the saved one is a vm-test-regression warning
// there. A window/showMessage sums up (a warning when anything regressed).
// The diagnostics belong to the text that was
// saved: an edit hides them, and the next save's check replaces them.
func (s *server) vmShaderOnSave(d *document, path, mode string) {
	ctx, done := s.cart.runs.start(s.ctx, "vm-shader:"+path)
	go func() {
		defer done()
		t := time.NewTimer(shaderSaveDelay)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		prog := s.startProgress(ctx, nil, "Checking "+baseName(path), "compiling")
		msg, typ := s.checkVMShader(ctx, d, path, mode, prog)
		prog.end(msg)
		if ctx.Err() != nil || msg == "" {
			return
		}
		if err := s.client.ShowMessage(s.ctx, &protocol.ShowMessageParams{Type: typ, Message: msg}); err != nil {
			s.log.Debug("window/showMessage failed", "err", err)
		}
	}()
}

// checkVMShader does vmShaderOnSave's work and returns its summary.
func (s *server) checkVMShader(ctx context.Context, d *document, path, mode string, prog *progress) (string, protocol.MessageType) {
	g, err := gpuOpener()
	if err != nil {
		return "VM shader not checked: no GPU VM: " + err.Error(), protocol.MessageTypeWarning
	}
	text := d.content()
	custom, err := g.WithShader(string(text))
	var se *vm.ShaderError
	switch {
	case errors.As(err, &se):
		s.setShaderDiags(ctx, d, []diag.Diagnostic{shaderDiag(text, se)})
		return fmt.Sprintf("%s does not compile (%s): %s", baseName(path), se.Stage, se.Message), protocol.MessageTypeError
	case err != nil:
		return "VM shader not checked: " + err.Error(), protocol.MessageTypeError
	}
	s.setShaderDiags(ctx, d, nil) // clears an earlier compile error or regression
	var parts []string
	bad := false
	prog.report("cartridge tests", -1)
	passed, total, regressed := s.cartTestsWith(ctx, g, custom, path)
	if ctx.Err() != nil {
		return "", 0
	}
	if total == 0 {
		parts = append(parts, "no cartridge tests found")
	} else {
		parts = append(parts, fmt.Sprintf("%d/%d cartridge tests passed", passed, total))
	}
	if len(regressed) > 0 {
		bad = true
		parts = append(parts, "REGRESSED from the built-in shader: "+strings.Join(regressed, "; "))
	}
	diags := testRegressionDiags(text, regressed)
	if mode == "tests+spec" {
		prog.report("spec suite (quick subset)", -1)
		spec, below, failed := s.specWith(ctx, custom, path)
		if ctx.Err() != nil {
			return "", 0
		}
		diags = append(diags, specDiags(text, below)...)
		parts = append(parts, spec)
		bad = bad || failed || len(below) > 0
	}
	s.setShaderDiags(ctx, d, diags)
	typ := protocol.MessageTypeInfo
	if bad {
		typ = protocol.MessageTypeWarning
	}
	return baseName(path) + " compiles; " + strings.Join(parts, "; "), typ
}

// shaderDiag places a compile error at its 1-based Line:Col (to the end of
// that line); Line 0 means the top of the file.
func shaderDiag(text []byte, se *vm.ShaderError) diag.Diagnostic {
	start, end := 0, 0
	if se.Line > 0 {
		line := 1
		for i := 0; i < len(text) && line < se.Line; i++ {
			if text[i] == '\n' {
				line++
				start = i + 1
			}
		}
		end = start
		for end < len(text) && text[end] != '\n' {
			end++
		}
		start = min(start+max(se.Col-1, 0), end)
	}
	return diag.Diagnostic{
		Span:     diag.Span{Start: start, End: end},
		Severity: diag.Error,
		Code:     codeShaderCompile,
		Message:  fmt.Sprintf("the GPU device rejects the VM shader (%s): %s", se.Stage, se.Message),
	}
}

// setShaderDiags makes ds the on-save check's diagnostics of d's text
// (replacing earlier ones) and tells the client when they changed. Nothing
// is recorded once ctx is done (a newer save's check took over) or d's
// document closed.
func (s *server) setShaderDiags(ctx context.Context, d *document, ds []diag.Diagnostic) {
	if ctx.Err() != nil || s.docs.get(d.uri) == nil {
		return
	}
	if s.extras.set(d.uri, shaderDiagSource, d.content(), ds) {
		s.diagnosticsChanged(d.uri)
	}
}

// shaderManifests are the manifests whose tests a shader check runs: the
// open ones, else every examples/ manifest under the workspace roots (or
// beside the shader's shaders/ directory).
func (s *server) shaderManifests(shaderPath string) []string {
	var out []string
	s.docs.mu.Lock()
	for u := range s.docs.docs {
		if p := fsPath(u); p != "" && cartridge.IsManifestPath(p) {
			out = append(out, p)
		}
	}
	s.docs.mu.Unlock()
	if len(out) > 0 {
		slices.Sort(out)
		return out
	}
	s.mu.Lock()
	roots := slices.Clone(s.roots)
	s.mu.Unlock()
	roots = append(roots, filepath.Dir(filepath.Dir(shaderPath)))
	seen := map[string]bool{}
	for _, r := range roots {
		for _, pat := range []string{"examples/*.rts.meta.json", "examples/*/*.rts.meta.json"} {
			m, _ := filepath.Glob(filepath.Join(r, pat))
			for _, p := range m {
				if !seen[p] {
					seen[p] = true
					out = append(out, p)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// cartTestsWith runs the tests of shaderManifests on custom and returns
// the counts and a line per regression: a test that passes on base (the
// built-in shader) and fails on custom, or a cartridge whose tests ran on
// base and can't run on custom.
func (s *server) cartTestsWith(ctx context.Context, base, custom *vm.GPU, shaderPath string) (passed, total int, regressed []string) {
	for _, p := range s.shaderManifests(shaderPath) {
		c, err := s.loadCart(cmdRun, string(uri.File(p)))
		if err != nil || len(c.meta.Tests) == 0 {
			continue // its own diagnostics say why
		}
		tests, _ := selectTests(c.meta.Tests, "")
		want, baseErr := vm.RunTests(ctx, base, c.payload.Data, tests)
		results, err := vm.RunTests(ctx, custom, c.payload.Data, tests)
		if ctx.Err() != nil {
			return
		}
		total += len(tests)
		if err != nil {
			if baseErr == nil {
				regressed = append(regressed, baseName(p)+": "+err.Error())
			}
			continue
		}
		for i, r := range results {
			if r.Pass {
				passed++
			} else if baseErr == nil && want[i].Pass {
				regressed = append(regressed, baseName(p)+": "+r.Name+": "+r.Message)
			}
		}
	}
	return passed, total, regressed
}

// specRegression is one spec file whose passes fell below its floor.
type specRegression struct {
	name                    string // the file's name without .wast, as in the floors
	returnPass, returnTotal int
	trapPass, trapTotal     int
	floor                   spectest.Floor
	floorPath               string
}

// specWith runs spectest.QuickFiles on g and compares the passes with the
// floors in vm/testdata/spec_floor.txt beside the shader's directory; it
// returns a summary, the files below their floors, and whether the suite
// could not be run or compared (an error the summary names).
func (s *server) specWith(ctx context.Context, g *vm.GPU, shaderPath string) (summary string, below []specRegression, failed bool) {
	dir, err := spectest.SuiteDir()
	if err != nil {
		return "spec suite not run: " + err.Error(), nil, false
	}
	floorPath := filepath.Join(filepath.Dir(filepath.Dir(shaderPath)), "vm", "testdata", "spec_floor.txt")
	var floors map[string]spectest.Floor
	if f, err := os.Open(floorPath); err == nil {
		floors, err = spectest.ReadFloors(f)
		f.Close()
		if err != nil {
			return fmt.Sprintf("spec floors unreadable: %s: %v", floorPath, err), nil, false
		}
	}
	results, err := spectest.Run(ctx, g, dir, spectest.QuickFiles)
	if err != nil {
		return "spec suite: " + err.Error(), nil, true
	}
	pass, all := 0, 0
	var names []string
	for _, r := range results {
		pass += r.ReturnPass + r.TrapPass
		all += r.ReturnTotal + r.TrapTotal
		if f, ok := floors[r.Name]; ok && (r.ReturnPass < f.Return || r.TrapPass < f.Trap) {
			below = append(below, specRegression{name: r.Name, returnPass: r.ReturnPass, returnTotal: r.ReturnTotal,
				trapPass: r.TrapPass, trapTotal: r.TrapTotal, floor: f, floorPath: floorPath})
			names = append(names, r.Name)
		}
	}
	sum := fmt.Sprintf("spec quick subset: %d/%d assertions passed", pass, all)
	if floors == nil {
		return sum + " (no floors at " + floorPath + ")", nil, false
	}
	if len(below) > 0 {
		return fmt.Sprintf("%s; %d below the floors (%s): see the %s diagnostics", sum, len(below), strings.Join(names, ", "), codeSpecRegression), below, false
	}
	return sum + ", none below the floors", nil, false
}

// testRegressionDiags are the vm-test-regression warnings for regressed
// (cartTestsWith's "manifest: test: why"), on the name of the shader's
// compute entry point.
func testRegressionDiags(text []byte, regressed []string) []diag.Diagnostic {
	if len(regressed) == 0 {
		return nil
	}
	at := computeEntryName(text)
	out := make([]diag.Diagnostic, 0, len(regressed))
	for _, r := range regressed {
		out = append(out, diag.Diagnostic{
			Span: at, Severity: diag.Warning, Code: codeTestRegression,
			Message: "cartridge test regression (passes with the built-in shader): " + r,
		})
	}
	return out
}

// specDiags are the vm-spec-regression warnings for below, on the name of
// the shader's compute entry point (the first line when it has none).
func specDiags(text []byte, below []specRegression) []diag.Diagnostic {
	if len(below) == 0 {
		return nil
	}
	at := computeEntryName(text)
	out := make([]diag.Diagnostic, 0, len(below))
	for _, r := range below {
		out = append(out, diag.Diagnostic{
			Span:     at,
			Severity: diag.Warning,
			Code:     codeSpecRegression,
			Message: fmt.Sprintf("spec regression: %s passes %d/%d returns and %d/%d traps with this shader, below its floor of %d returns and %d traps (%s)",
				r.name, r.returnPass, r.returnTotal, r.trapPass, r.trapTotal, r.floor.Return, r.floor.Trap, r.floorPath),
		})
	}
	return out
}

// computeEntryRE finds a compute entry point's name: the first function
// declared after an @compute attribute.
var computeEntryRE = regexp.MustCompile(`@compute\b[^{;]*?\bfn\s+([A-Za-z_][A-Za-z0-9_]*)`)

// computeEntryName is the span of the name of text's first @compute
// function, else of its first line.
func computeEntryName(text []byte) diag.Span {
	if m := computeEntryRE.FindSubmatchIndex(text); m != nil {
		return diag.Span{Start: m[2], End: m[3]}
	}
	end := bytes.IndexByte(text, '\n')
	if end < 0 {
		end = len(text)
	}
	return diag.Span{Start: 0, End: end}
}
