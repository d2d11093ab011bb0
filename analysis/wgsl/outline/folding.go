package outline

import (
	"bytes"
	"sort"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// FoldKind classifies a folding range.
type FoldKind uint8

const (
	FoldBlock   FoldKind = iota + 1 // braces: a body, a struct or a switch
	FoldComment                     // a block comment, or consecutive line comments
	FoldRegion                      // from `// #region` to `// #endregion`
)

func (k FoldKind) String() string {
	switch k {
	case FoldBlock:
		return "block"
	case FoldComment:
		return "comment"
	case FoldRegion:
		return "region"
	}
	return "unknown"
}

// Fold is a foldable stretch of the source. Span runs from the first byte
// of the fold to the end of its last token: for a block, from its `{` to
// just after its `}`; for comments, from the first comment's `//` or `/*` to
// the end of the last comment; for a region, from the `// #region` comment
// to the end of the `// #endregion` comment. The editor keeps the first line
// visible (lsp/ may also keep a closing brace's line).
type Fold struct {
	Span diag.Span
	Kind FoldKind
}

// FoldingRanges returns the folds of src, whose tree is file (as
// syntax.Parse returned it; broken trees are fine: missing bodies have no
// braces to fold). Only folds spanning at least two lines are returned
// (lines end at "\n", "\r\n" or "\r"), sorted by start, outer before inner.
//
// Blocks are every braced body (functions, control flow, compound
// statements, case clauses, continuing), struct bodies and switch bodies.
// Comment folds are multi-line block comments and runs of line comments
// that each start their line on consecutive lines. `#region` markers
// (`// #region name` and `// #endregion`, spaces optional) nest; an unmatched
// marker is ignored, and markers never join a comment run.
func FoldingRanges(src []byte, file *syntax.File) []Fold {
	lines := newLineTable(src)
	var folds []Fold
	add := func(s diag.Span, k FoldKind) {
		if s.Start >= 0 && s.End <= len(src) && s.Start < s.End && lines.line(s.Start) < lines.line(s.End-1) {
			folds = append(folds, Fold{Span: s, Kind: k})
		}
	}

	toks := syntax.Lex(src)
	closing := matchBraces(toks)
	if file != nil {
		syntax.Inspect(file, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.BlockStmt:
				// The span of a continuing block starts at `continuing`, that
				// of a compound statement at its attributes.
				add(bracedTail(toks, closing, n.Span.Start, n.Span), FoldBlock)
			case *syntax.StructDecl:
				add(bracedTail(toks, closing, n.Name.Span.End, n.Span), FoldBlock)
			case *syntax.SwitchStmt:
				from := n.Span.Start
				if n.Tag != nil {
					from = n.Tag.NodeSpan().End
				}
				add(bracedTail(toks, closing, from, n.Span), FoldBlock)
			}
			return true
		})
	}
	commentFolds(src, toks, add)

	sort.SliceStable(folds, func(i, j int) bool {
		if folds[i].Span.Start != folds[j].Span.Start {
			return folds[i].Span.Start < folds[j].Span.Start
		}
		return folds[i].Span.End > folds[j].Span.End
	})
	return folds
}

// bracedTail returns the span from the first '{' token at or after from to
// the end of outer, if outer ends with the '}' that closes that '{'; else an
// empty span (an unclosed body in broken code).
func bracedTail(toks []syntax.Token, closing map[int]int, from int, outer diag.Span) diag.Span {
	i := sort.Search(len(toks), func(i int) bool { return int(toks[i].Start) >= from })
	for ; i < len(toks) && int(toks[i].Start) < outer.End; i++ {
		if toks[i].Kind == syntax.TokLBrace {
			if j, ok := closing[i]; ok && int(toks[j].End) == outer.End {
				return diag.Span{Start: int(toks[i].Start), End: outer.End}
			}
			break
		}
	}
	return diag.Span{}
}

// matchBraces maps the index of each '{' token to that of its '}'.
func matchBraces(toks []syntax.Token) map[int]int {
	m := map[int]int{}
	var open []int
	for i, t := range toks {
		switch t.Kind {
		case syntax.TokLBrace:
			open = append(open, i)
		case syntax.TokRBrace:
			if n := len(open); n > 0 {
				m[open[n-1]] = i
				open = open[:n-1]
			}
		}
	}
	return m
}

// commentFolds reports block comments, line-comment runs and regions.
func commentFolds(src []byte, toks []syntax.Token, add func(diag.Span, FoldKind)) {
	var regions []int // starts of open #region markers
	runStart, runEnd := -1, -1
	flush := func() {
		if runStart >= 0 {
			add(diag.Span{Start: runStart, End: runEnd}, FoldComment)
		}
		runStart, runEnd = -1, -1
	}
	prevEnd := 0
	for i, t := range toks {
		start, end := int(t.Start), int(t.End)
		gap := src[prevEnd:start]
		ownLine := i == 0 || hasBreak(gap)
		prevEnd = end
		switch t.Kind {
		case syntax.TokBlockComment:
			flush()
			add(t.Span(), FoldComment)
			continue
		case syntax.TokLineComment:
		default:
			flush()
			continue
		}
		switch marker(src[start:end]) {
		case "region":
			flush()
			regions = append(regions, start)
			continue
		case "endregion":
			flush()
			if n := len(regions); n > 0 {
				add(diag.Span{Start: regions[n-1], End: end}, FoldRegion)
				regions = regions[:n-1]
			}
			continue
		}
		switch {
		case !ownLine:
			flush() // a comment after code ends any run
		case runStart >= 0 && breaks(gap) == 1:
			runEnd = end
		default:
			flush()
			runStart, runEnd = start, end
		}
	}
	flush()
}

// marker returns "region" or "endregion" for a `// #region` or
// `// #endregion` comment, else "".
func marker(comment []byte) string {
	rest := bytes.TrimLeft(bytes.TrimPrefix(comment, []byte("//")), " \t")
	for _, m := range []string{"endregion", "region"} {
		if after, ok := bytes.CutPrefix(rest, []byte("#"+m)); ok {
			if len(after) == 0 || after[0] == ' ' || after[0] == '\t' {
				return m
			}
		}
	}
	return ""
}

func hasBreak(b []byte) bool { return bytes.ContainsAny(b, "\n\r") }

// breaks counts line breaks ("\n", "\r\n", lone "\r") in b.
func breaks(b []byte) int {
	n := bytes.Count(b, []byte{'\n'})
	n += bytes.Count(b, []byte{'\r'}) - bytes.Count(b, []byte("\r\n"))
	return n
}

// lineTable maps byte offsets to 0-based line numbers.
type lineTable struct{ starts []int }

func newLineTable(src []byte) lineTable {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return lineTable{starts}
}

func (t lineTable) line(off int) int {
	return sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > off }) - 1
}
