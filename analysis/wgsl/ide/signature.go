package ide

import (
	"sort"
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// SignatureInfo is one signature: its label and, for each parameter, the
// byte range [Start, End) of its text within Label.
type SignatureInfo struct {
	Label  string
	Doc    string
	Params [][2]int
}

// SignatureHelp is the signatures of the call around the cursor.
type SignatureHelp struct {
	Signatures      []SignatureInfo
	ActiveSignature int
	ActiveParameter int
}

// SignatureHelp finds the innermost unclosed call around offset (by
// tokens, so it works while the call is being typed) and describes the
// user function or builtin called, with the parameter the cursor is in.
// ok is false outside a call or for an unknown callee.
func (s *Snapshot) SignatureHelp(offset int) (h SignatureHelp, ok bool) {
	toks := s.lexed()
	i := sort.Search(len(toks), func(i int) bool { return int(toks[i].Start) >= offset }) - 1
	depth, arg := 0, 0
	for ; i >= 0; i-- {
		switch toks[i].Kind {
		case syntax.TokRParen, syntax.TokRBracket, syntax.TokTemplateEnd:
			depth++
		case syntax.TokLBracket, syntax.TokTemplateStart:
			depth--
		case syntax.TokLParen:
			depth--
		case syntax.TokComma:
			if depth == 0 {
				arg++
			}
		case syntax.TokSemicolon, syntax.TokLBrace, syntax.TokRBrace:
			return h, false
		}
		if depth < 0 {
			if toks[i].Kind == syntax.TokLParen {
				break
			}
			depth = 0 // an unclosed '[' or template: keep looking outward
			arg = 0
		}
	}
	if i < 1 {
		return h, false
	}
	// The callee: an identifier, possibly followed by a template list.
	j := i - 1
	if toks[j].Kind == syntax.TokTemplateEnd {
		d := 0
		for ; j >= 0; j-- {
			if toks[j].Kind == syntax.TokTemplateEnd {
				d++
			} else if toks[j].Kind == syntax.TokTemplateStart {
				if d--; d == 0 {
					break
				}
			}
		}
		j--
	}
	if j < 0 || toks[j].Kind != syntax.TokIdent {
		return h, false
	}
	name := string(s.Src[toks[j].Start:toks[j].End])
	h.ActiveParameter = arg
	for _, sym := range s.Res.Symbols {
		if sym.Kind == wgsl.SymFunc && sym.Name == name {
			h.Signatures = []SignatureInfo{labelled(funcSignature(sym), "")}
			return h, true
		}
	}
	if b := builtinTable[name]; b != nil {
		for k, sig := range b.sigs {
			h.Signatures = append(h.Signatures, labelled("fn "+name+sig, b.doc))
			if len(sigParams(sig)) > arg && h.ActiveSignature == 0 && k > 0 && len(sigParams(b.sigs[0])) <= arg {
				h.ActiveSignature = k
			}
		}
		return h, true
	}
	return h, false
}

// labelled finds each parameter's range in a "fn name(a: T, b: U) -> R"
// label.
func labelled(label, doc string) SignatureInfo {
	si := SignatureInfo{Label: label, Doc: doc}
	open := strings.IndexByte(label, '(')
	if open < 0 {
		return si
	}
	ps := sigParams(label[open:])
	at := open + 1
	for _, p := range ps {
		k := strings.Index(label[at:], p)
		if k < 0 {
			break
		}
		si.Params = append(si.Params, [2]int{at + k, at + k + len(p)})
		at += k + len(p)
	}
	return si
}
