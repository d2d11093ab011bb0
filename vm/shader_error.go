package vm

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// ShaderError is a VM shader that WebGPU rejected: naga's parse or
// validation error when the module is created (Stage "compile"), or the
// pipeline's validation error (Stage "pipeline").
type ShaderError struct {
	Line, Col int    // 1-based position of the first location; 0 when the message names none
	Message   string // the error's headline, e.g. "expected ';', found 'x'"
	Raw       string // wgpu-native's message, unchanged
	Stage     string // "compile" or "pipeline"
	// Locations lists every wgsl:LINE:COL the message names, in order
	// (the first is Line:Col).
	Locations []ShaderPos
}

// ShaderPos is a 1-based line and column in the shader source.
type ShaderPos struct{ Line, Col int }

func (e *ShaderError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("wgsl:%d:%d: %s", e.Line, e.Col, e.Message)
	}
	return e.Message
}

// shaderLoc finds a code-span location: naga's snippet header
// "┌─ NAME:LINE:COL" (NAME is "wgsl" for parse errors and the module's
// label for validation errors) or a bare "wgsl:LINE:COL".
var shaderLoc = regexp.MustCompile(`(?:┌─\s*\S*?|wgsl):(\d+):(\d+)`)

// ParseShaderError reads wgpu-native's one-string shader error:
//
//	wgpu.(*Device).CreateShaderModule(): Validation Error
//	Caused by:
//	    In wgpuDeviceCreateShaderModule
//	      note: label = `wasm_vm.wgsl`
//	Shader 'wasm_vm.wgsl' parsing error: expected ';', found 'let'
//	  ┌─ wgsl:4:3
//	4 │   let y = 2;
//	  │   ^^^ expected ';'
//	    expected ';', found 'let'
//
// The locations are every snippet header in it, in order. The message is
// the lines after the last framing or snippet line (naga's cause chain,
// joined with ": "), else the text after the headline's "error: ", else
// the whole text on one line. It never fails: a message with no location
// gives Line and Col 0.
func ParseShaderError(raw string) *ShaderError {
	e := &ShaderError{Raw: raw}
	for _, m := range shaderLoc.FindAllStringSubmatch(raw, -1) {
		l, err1 := strconv.Atoi(m[1])
		c, err2 := strconv.Atoi(m[2])
		if err1 == nil && err2 == nil {
			e.Locations = append(e.Locations, ShaderPos{l, c})
		}
	}
	if len(e.Locations) > 0 {
		e.Line, e.Col = e.Locations[0].Line, e.Locations[0].Col
	}
	var tail []string
	headline := ""
	for _, line := range strings.Split(raw, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if isShaderFraming(t) {
			if i := strings.LastIndex(t, "error: "); i >= 0 && headline == "" {
				headline = strings.TrimSpace(t[i+len("error: "):])
			}
			tail = tail[:0]
			continue
		}
		tail = append(tail, t)
	}
	switch {
	case len(tail) > 0:
		e.Message = strings.Join(tail, ": ")
	case headline != "":
		e.Message = headline
	default:
		e.Message = strings.Join(strings.Fields(raw), " ")
	}
	if e.Message == "" {
		e.Message = "shader rejected without a message"
	}
	return e
}

// isShaderFraming: wgpu's framing around naga's text ("Validation Error",
// "Caused by:", "In wgpuDevice...", "note: ...", a "... error:" headline)
// or a line of a code snippet ("┌─ wgsl:4:3", "4 │ code", "│ ^^^").
func isShaderFraming(t string) bool {
	switch {
	case strings.HasSuffix(t, "Validation Error"), t == "Caused by:", strings.HasPrefix(t, "In wgpu"),
		strings.HasPrefix(t, "note:"), strings.Contains(t, "error:"), strings.Contains(t, "error: "):
		return true
	case strings.HasPrefix(t, "┌"), strings.HasPrefix(t, "│"), strings.HasPrefix(t, "="), shaderLoc.MatchString(t):
		return true
	}
	if i := strings.Index(t, "│"); i > 0 && strings.Trim(t[:i], " 0123456789") == "" {
		return true // "12 │ code"
	}
	return false
}
