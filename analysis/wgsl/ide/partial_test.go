package ide

import (
	"context"
	"reflect"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// identOffsets returns the start of every identifier in src[from:to], and
// one byte into it.
func identOffsets(src []byte, from, to int) []int {
	var at []int
	for _, t := range syntax.Lex(src) {
		if t.Kind == syntax.TokIdent && int(t.Start) >= from && int(t.End) <= to {
			at = append(at, int(t.Start), int(t.Start)+1)
		}
	}
	return at
}

// TestAnalyzeFuncMatches: hover, completion and signature help inside a
// function (or at module scope) answer from wgsl.AnalyzeFunc of that
// function (or of none) exactly what they answer from the full analysis,
// at every identifier of the repository's shaders.
func TestAnalyzeFuncMatches(t *testing.T) {
	compared := 0
	for name, src := range corpus(t) {
		full := Analyze(src)
		file, ds := syntax.Parse(src)
		check := func(part *Snapshot, offs []int) {
			for i, off := range offs {
				gh, gok := part.Hover(off)
				wh, wok := full.Hover(off)
				if gok != wok || gh != wh {
					t.Fatalf("%s: hover at %d: partial %+v, full %+v", name, off, gh, wh)
				}
				if i%4 == 0 {
					if got, want := part.Complete(off), full.Complete(off); !reflect.DeepEqual(got, want) {
						t.Fatalf("%s: completion at %d: partial %+v, full %+v", name, off, got, want)
					}
					gs, gok := part.SignatureHelp(off)
					ws, wok := full.SignatureHelp(off)
					if gok != wok || !reflect.DeepEqual(gs, ws) {
						t.Fatalf("%s: signature help at %d: partial %+v, full %+v", name, off, gs, ws)
					}
				}
				compared++
			}
		}
		moduleOffs := identOffsets(src, 0, len(src))
		for _, d := range file.Decls {
			fn, ok := d.(*syntax.FuncDecl)
			if !ok {
				continue
			}
			part := New(src, wgsl.AnalyzeFunc(context.Background(), src, file, ds, fn))
			check(part, identOffsets(src, fn.Span.Start, fn.Span.End))
			// Module scope: what lies outside every function.
			kept := moduleOffs[:0]
			for _, off := range moduleOffs {
				if off < fn.Span.Start || off >= fn.Span.End {
					kept = append(kept, off)
				}
			}
			moduleOffs = kept
		}
		check(New(src, wgsl.AnalyzeFunc(context.Background(), src, file, ds, nil)), moduleOffs)
	}
	if compared < 20000 {
		t.Fatalf("only %d positions compared", compared)
	}
}
