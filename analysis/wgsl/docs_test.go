package wgsl

import (
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/docs"
)

// wgslBlock returns the first ```wgsl block after the heading.
func wgslBlock(md, heading string) (string, bool) {
	i := strings.Index(md, heading)
	if i < 0 {
		return "", false
	}
	rest := md[i:]
	j := strings.Index(rest, "```wgsl\n")
	if j < 0 {
		return "", false
	}
	rest = rest[j+len("```wgsl\n"):]
	k := strings.Index(rest, "```")
	if k < 0 {
		return "", false
	}
	return rest[:k], true
}

// TestCatalogue checks that every emitted code has a document whose wrong
// example produces that code and whose fixed example is clean.
func TestCatalogue(t *testing.T) {
	for _, code := range Codes {
		md, err := docs.Diagnostics.ReadFile("diagnostics/" + code + ".md")
		if err != nil {
			t.Errorf("%s: no catalogue entry: %v", code, err)
			continue
		}
		if !strings.HasPrefix(string(md), "# "+code+"\n") {
			t.Errorf("%s: document does not start with its title", code)
		}
		if code == CodeInternal {
			continue
		}
		wrong, ok1 := wgslBlock(string(md), "## Wrong")
		fixed, ok2 := wgslBlock(string(md), "## Fixed")
		if !ok1 || !ok2 {
			t.Errorf("%s: missing Wrong/Fixed examples", code)
			continue
		}
		found := false
		for _, d := range Check([]byte(wrong)) {
			if d.Code == code {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: wrong example does not produce the code:\n%s\ngot:\n%s", code, wrong, render(wrong, Check([]byte(wrong))))
		}
		for _, d := range Check([]byte(fixed)) {
			if d.Code == code || d.Severity == diag.Error {
				t.Errorf("%s: fixed example still reports %s: %s", code, d.Code, d.Message)
			}
		}
	}
}
