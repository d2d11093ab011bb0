package ide

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// ItemKind classifies a completion item.
type ItemKind uint8

// Completion item kinds.
const (
	ItemVariable ItemKind = iota + 1
	ItemConstant
	ItemParameter
	ItemFunction
	ItemStruct
	ItemField
	ItemType
	ItemKeyword
	ItemEnum
	ItemAttribute
)

// Item is one completion proposal. Insert is plain text unless Snippet is
// set, when it uses the LSP snippet syntax ($1, ${1:name}, $0).
type Item struct {
	Label   string
	Kind    ItemKind
	Detail  string
	Doc     string
	Insert  string
	Snippet bool
}

// Completions are the proposals at a cursor; each replaces Replace (the
// part of the identifier already typed, possibly empty).
type Completions struct {
	Replace diag.Span
	Items   []Item
}

// Complete proposes what may be written at offset, by context: members and
// swizzles after '.', attribute names after '@', builtin values in
// @builtin(...), address spaces and access modes in var<...> and ptr<...>,
// texel formats in texture_storage_*<...>, extensions after enable, types
// after ':' and '->', and elsewhere the locals visible at the cursor,
// module declarations, builtin functions (as snippets), types and keywords.
// Items are filtered by the typed prefix (case-insensitively) and sorted.
func (s *Snapshot) Complete(offset int) Completions {
	toks := s.lexed()
	// i: the last token starting before the cursor.
	i := sort.Search(len(toks), func(i int) bool { return int(toks[i].Start) >= offset }) - 1
	out := Completions{Replace: diag.Span{Start: offset, End: offset}}
	if i >= 0 && toks[i].Kind.IsComment() && int(toks[i].End) >= offset {
		return out // inside a comment
	}
	prefix := ""
	if i >= 0 && int(toks[i].End) >= offset && (toks[i].Kind == syntax.TokIdent || toks[i].Kind.IsKeyword()) {
		out.Replace.Start = int(toks[i].Start)
		prefix = string(s.Src[toks[i].Start:offset])
		i--
	}
	prev := func(j int) int { // index of the significant token before j
		for j--; j >= 0 && toks[j].Kind.IsComment(); j-- {
		}
		return j
	}
	if i >= 0 && toks[i].Kind.IsComment() {
		i = prev(i + 1)
	}
	kind := func(j int) syntax.TokenKind {
		if j < 0 {
			return syntax.TokEOF
		}
		return toks[j].Kind
	}
	text := func(j int) string {
		if j < 0 {
			return ""
		}
		return string(s.Src[toks[j].Start:toks[j].End])
	}
	var items []Item
	switch {
	case kind(i) == syntax.TokPeriod:
		items = s.memberItems(int(toks[i].Start), prev(i))
	case kind(i) == syntax.TokAt:
		for name, d := range attributeDocs {
			items = append(items, Item{Label: name, Kind: ItemAttribute, Doc: d})
		}
	default:
		if list, k := s.argumentContext(i, prev, kind, text); list != nil {
			for _, n := range list {
				items = append(items, Item{Label: n, Kind: k, Doc: enumDocs[n]})
			}
			break
		}
		switch kind(i) {
		case syntax.TokLet, syntax.TokVar, syntax.TokConst, syntax.TokOverride, syntax.TokFn, syntax.TokStruct, syntax.TokAlias:
			return out // a new name is being declared
		case syntax.TokColon, syntax.TokArrow, syntax.TokTemplateStart:
			items = s.typeItems()
		default:
			if s.inFunctionBody(offset) {
				items = s.scopeItems(offset)
				items = append(items, s.typeItems()...)
				for _, k := range []string{"let", "var", "const", "if", "else", "for", "while", "loop", "switch", "return", "break", "continue", "discard", "true", "false", "const_assert"} {
					items = append(items, Item{Label: k, Kind: ItemKeyword})
				}
			} else {
				items = s.moduleItems()
				for _, k := range []string{"fn", "struct", "var", "const", "override", "alias", "enable", "requires", "diagnostic", "const_assert"} {
					items = append(items, Item{Label: k, Kind: ItemKeyword})
				}
			}
		}
	}
	lp := strings.ToLower(prefix)
	seen := map[string]bool{}
	for _, it := range items {
		if seen[it.Label] || !strings.HasPrefix(strings.ToLower(it.Label), lp) {
			continue
		}
		seen[it.Label] = true
		out.Items = append(out.Items, it)
	}
	slices.SortFunc(out.Items, func(a, b Item) int { // labels are unique
		if a.Kind != b.Kind {
			return int(a.Kind) - int(b.Kind)
		}
		return strings.Compare(a.Label, b.Label)
	})
	return out
}

// argumentContext recognises the enumerant positions: @builtin( ),
// @interpolate( ), var< >, ptr< >, texture_storage_*< >, enable. It returns
// nil elsewhere.
func (s *Snapshot) argumentContext(i int, prev func(int) int, kind func(int) syntax.TokenKind, text func(int) string) ([]string, ItemKind) {
	// Count the arguments before the cursor back to the opening bracket.
	arg := 0
	j := i
	for ; j >= 0; j = prev(j) {
		k := kind(j)
		if k == syntax.TokComma {
			arg++
			continue
		}
		if k == syntax.TokIdent {
			continue
		}
		break
	}
	switch kind(j) {
	case syntax.TokEnable:
		return extensions, ItemEnum
	case syntax.TokLParen:
		callee := prev(j)
		if kind(prev(callee)) == syntax.TokAt {
			switch text(callee) {
			case "builtin":
				return builtinValues, ItemEnum
			case "interpolate":
				return interpolationNames, ItemEnum
			}
		}
	case syntax.TokLt, syntax.TokTemplateStart:
		switch t := text(prev(j)); {
		case t == "var":
			if arg == 0 {
				return addressSpaces, ItemEnum
			}
			return accessModes, ItemEnum
		case t == "ptr":
			switch arg {
			case 0:
				return addressSpaces, ItemEnum
			case 2:
				return accessModes, ItemEnum
			}
		case strings.HasPrefix(t, "texture_storage_"):
			if arg == 0 {
				return texelFormats, ItemEnum
			}
			return accessModes, ItemEnum
		}
	}
	return nil, 0
}

// inFunctionBody reports whether offset lies inside a function's braces.
func (s *Snapshot) inFunctionBody(offset int) bool {
	for _, d := range s.Res.File.Decls {
		if fd, ok := d.(*syntax.FuncDecl); ok && fd.Body != nil && fd.Body.Span.Start < offset && offset <= fd.Body.Span.End {
			return true
		}
	}
	return false
}

// symbolItem makes the completion item for a declaration.
func symbolItem(sym *wgsl.Symbol) Item {
	it := Item{Label: sym.Name, Detail: Signature(sym)}
	switch sym.Kind {
	case wgsl.SymVar, wgsl.SymLet:
		it.Kind = ItemVariable
	case wgsl.SymConst, wgsl.SymOverride:
		it.Kind = ItemConstant
	case wgsl.SymParam:
		it.Kind = ItemParameter
	case wgsl.SymFunc:
		it.Kind = ItemFunction
		var ps []string
		if sym.Func != nil {
			for k, p := range sym.Func.Params {
				ps = append(ps, fmt.Sprintf("${%d:%s}", k+1, p.Name))
			}
		}
		it.Insert, it.Snippet = sym.Name+"("+strings.Join(ps, ", ")+")$0", true
	case wgsl.SymStruct:
		it.Kind = ItemStruct
	case wgsl.SymAlias:
		it.Kind = ItemType
	case wgsl.SymMember:
		it.Kind = ItemField
	}
	return it
}

// scopeItems are the names visible at offset inside a function.
func (s *Snapshot) scopeItems(offset int) []Item {
	ix := s.index()
	var items []Item
	shadowed := map[string]bool{}
	// Locals first, innermost (latest declared) wins.
	for k := len(s.Res.Symbols) - 1; k >= 0; k-- {
		sym := s.Res.Symbols[k]
		if sym.Module || sym.Kind == wgsl.SymMember || sym.Name == "" || shadowed[sym.Name] || !ix.visible(sym, offset) {
			continue
		}
		shadowed[sym.Name] = true
		items = append(items, symbolItem(sym))
	}
	s.modOnce.Do(func() {
		for _, sym := range s.Res.Symbols {
			if sym.Module && sym.Kind != wgsl.SymMember && sym.Name != "" {
				s.modItems = append(s.modItems, symbolItem(sym))
			}
		}
	})
	for _, it := range s.modItems {
		if !shadowed[it.Label] {
			items = append(items, it)
		}
	}
	items = append(items, builtinItems()...)
	return items
}

// builtinItems are the builtin functions as snippet items, built once.
var builtinItems = sync.OnceValue(func() []Item {
	var items []Item
	for _, b := range builtinList {
		ps := sigParams(b.sigs[0])
		snip := make([]string, len(ps))
		for k, p := range ps {
			n, _, _ := strings.Cut(p, ":")
			snip[k] = fmt.Sprintf("${%d:%s}", k+1, strings.TrimSpace(n))
		}
		items = append(items, Item{Label: b.name, Kind: ItemFunction, Detail: "fn " + b.name + b.sigs[0], Doc: b.doc,
			Insert: b.name + "(" + strings.Join(snip, ", ") + ")$0", Snippet: true})
	}
	return items
})

// moduleItems are the names useful at module scope.
func (s *Snapshot) moduleItems() []Item {
	var items []Item
	for _, sym := range s.Res.Symbols {
		if sym.Module && (sym.Kind == wgsl.SymStruct || sym.Kind == wgsl.SymAlias) {
			items = append(items, symbolItem(sym))
		}
	}
	return items
}

// typeItems are the predeclared types plus the user's structs and aliases.
func (s *Snapshot) typeItems() []Item {
	return append(slices.Clip(predeclaredTypeItems()), s.moduleItems()...)
}

var predeclaredTypeItems = sync.OnceValue(func() []Item {
	var items []Item
	for _, list := range [][]string{scalarTypes, genericTypes, handleTypes} {
		for _, n := range list {
			items = append(items, Item{Label: n, Kind: ItemType})
		}
	}
	for _, v := range []string{"vec2f", "vec3f", "vec4f", "vec2i", "vec3i", "vec4i", "vec2u", "vec3u", "vec4u", "mat4x4f", "mat3x3f"} {
		items = append(items, Item{Label: v, Kind: ItemType})
	}
	return items
})

// memberItems are the members or swizzles of the expression ending before
// the '.' at dot; before is the index of the token before the '.'.
func (s *Snapshot) memberItems(dot, before int) []Item {
	var base *wgsl.Type
	var best diag.Span
	syntax.Inspect(s.Res.File, func(n syntax.Node) bool {
		sp := n.NodeSpan()
		if sp.Start > dot || sp.End < dot {
			return false
		}
		if m, ok := n.(*syntax.MemberExpr); ok && m.X.NodeSpan().End <= dot && m.Member.Span.Start >= dot {
			if t := s.Res.TypeOf(m.X); t != nil && (base == nil || sp.Len() < best.Len()) {
				base, best = t, sp
			}
		}
		return true
	})
	if base == nil && before >= 0 {
		if o, ok := s.index().occAt(int(s.lexed()[before].End)); ok {
			base = o.sym.Type
		}
	}
	base = storeType(base)
	if base == nil {
		return nil
	}
	var items []Item
	switch base.Kind {
	case wgsl.Struct:
		for _, m := range base.Struct.Members {
			items = append(items, Item{Label: m.Name, Kind: ItemField, Detail: m.Name + ": " + typeName(m.Type)})
		}
	case wgsl.Vector:
		for _, set := range []string{"xyzw", "rgba"} {
			comps := set[:base.N]
			for _, c := range comps {
				items = append(items, Item{Label: string(c), Kind: ItemField, Detail: typeName(base.Elem)})
			}
			for n := 2; n <= base.N; n++ {
				items = append(items, Item{Label: comps[:n], Kind: ItemField, Detail: fmt.Sprintf("vec%d<%s>", n, typeName(base.Elem))})
			}
		}
	}
	return items
}
