package lsp

import (
	"context"
	"encoding/json"
	"slices"

	"go.lsp.dev/protocol"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
	"github.com/rts-lsp/rts-lsp/vm"
)

// codeLensOptions is the codeLensProvider capability: offered only to a
// client that does code lenses.
func (s *server) codeLensOptions() *protocol.CodeLensOptions {
	if !s.caps().codeLens {
		return nil
	}
	return &protocol.CodeLensOptions{}
}

// CodeLens answers a "Run tests" lens (rts.run) on the `tests` member of a
// runnable document (a manifest); other documents have none. A client
// that did not declare code lens support was not offered the capability
// and gets MethodNotFound, as for any method not served.
func (s *server) CodeLens(ctx context.Context, params *protocol.CodeLensParams) ([]protocol.CodeLens, error) {
	if !s.caps().codeLens {
		return s.nyi.CodeLens(ctx, params)
	}
	d, err := s.openDoc(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	out := []protocol.CodeLens{}
	if _, ok := s.analyzers[d.kind].(runnable); !ok {
		return out, nil
	}
	root, _ := cartridge.ParseJSON(d.content())
	if root == nil || root.Kind != cartridge.JSONObject {
		return out, nil
	}
	m := root.Member("tests")
	if m == nil || m.Value.Kind != cartridge.JSONArray || len(m.Value.Elems) == 0 {
		return out, nil
	}
	args, err := json.Marshal(runArgs{URI: string(d.uri)})
	if err != nil {
		return nil, err
	}
	rng := s.rangeOf(d, m.KeySpan)
	return append(out, protocol.CodeLens{
		Range:   rng,
		Command: protocol.Command{Title: "Run tests", Command: cmdRun, Arguments: []protocol.LSPAny{args}},
	}), nil
}

// entryActions are, per exported function of the manifest's module that
// can run (one its tests invoke, else one without parameters), "Run NAME
// on the GPU VM" and "Run NAME on GPU and CPU and compare" (rts.run with
// entry, and compare). A cartridge that can't be loaded has none: its
// diagnostics say why.
func (s *server) entryActions(d *document) []protocol.CommandOrCodeAction {
	c, err := s.loadCart(cmdRun, string(d.uri))
	if err != nil {
		return nil
	}
	prog, err := vm.Load(c.payload.Data)
	if err != nil {
		return nil
	}
	var names []string
	for n := range prog.Exports {
		names = append(names, n)
	}
	slices.Sort(names)
	var out []protocol.CommandOrCodeAction
	for _, name := range names {
		_, ft, err := prog.ExportedFunc(name)
		if err != nil {
			continue
		}
		tested := slices.ContainsFunc(c.meta.Tests, func(t cartridge.Test) bool { return t.Invoke == name })
		if !tested && len(ft.Params) > 0 {
			continue // nothing to call it with
		}
		for _, a := range []struct {
			title   string
			compare bool
		}{{"Run " + name + " on the GPU VM", false}, {"Run " + name + " on GPU and CPU and compare", true}} {
			args, err := json.Marshal(runArgs{URI: string(d.uri), Entry: name, Compare: a.compare})
			if err != nil {
				continue
			}
			out = append(out, &protocol.CodeAction{
				Title:   a.title,
				Command: protocol.Command{Title: a.title, Command: cmdRun, Arguments: []protocol.LSPAny{args}},
			})
		}
	}
	return out
}
