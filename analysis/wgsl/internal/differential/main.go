// Command differential compares the WGSL checker's verdicts with real
// compilers on mutants of the repository's shaders: each mutant is one or
// two token-level edits of a real shader (a token deleted, swapped for
// another identifier, a type, an operator, a literal, a keyword, a builtin,
// an attribute put before it, or doubled). The oracle labels each mutant
// valid or invalid (the oracles of ../shared/tools/wgsl-oracles: Tint by
// default, or naga); the checker's verdict is "no error diagnostic". It
// prints the agreement and every disagreement with both sides' first
// error, and keeps the mutants that disagree under -keep.
//
// Usage:
//
//	go run ./analysis/wgsl/internal/differential [-n 2000] [-seed 1] [-oracle tint|naga29|naga19]
//	    [-oracles ../shared/tools/wgsl-oracles] [-keep DIR]
//
// It skips with a message (exit 0) when the oracles are not built
// (their setup.sh builds them).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
)

// bases are the shaders mutated, relative to the module root.
var bases = []string{
	"examples/*.wgsl",
	"shaders/*.wgsl",
	"analysis/wgsl/ide/testdata/*.wgsl",
	"analysis/wgsl/syntax/testdata/*.wgsl",
}

func main() {
	n := flag.Int("n", 2000, "number of mutants")
	seed := flag.Uint64("seed", 1, "random seed (the same seed makes the same mutants)")
	oracle := flag.String("oracle", "tint", "tint, naga29 or naga19")
	dir := flag.String("oracles", "../shared/tools/wgsl-oracles", "the wgsl-oracles directory")
	keep := flag.String("keep", "", "copy the mutants that disagree into this directory")
	flag.Parse()

	cmd, err := oracleCommand(*oracle, *dir)
	if err != nil {
		fmt.Println("differential: skipped:", err)
		return
	}
	var srcs []string
	for _, pat := range bases {
		m, _ := filepath.Glob(pat)
		srcs = append(srcs, m...)
	}
	if len(srcs) == 0 {
		fatal("no base shaders found: run from the module root")
	}
	tmp, err := os.MkdirTemp("", "rts-differential-")
	if err != nil {
		fatal(err.Error())
	}
	defer os.RemoveAll(tmp)

	r := rand.New(rand.NewPCG(*seed, 0))
	texts := make(map[string][]byte, len(srcs))
	for _, p := range srcs {
		b, err := os.ReadFile(p)
		if err != nil {
			fatal(err.Error())
		}
		texts[p] = b
	}
	var files []string
	origin := map[string]string{}
	for i := 0; i < *n; i++ {
		base := srcs[r.IntN(len(srcs))]
		mut := mutate(r, texts[base])
		name := filepath.Join(tmp, fmt.Sprintf("%05d_%s", i, filepath.Base(base)))
		if err := os.WriteFile(name, mut, 0o644); err != nil {
			fatal(err.Error())
		}
		files = append(files, name)
		origin[name] = base
	}

	verdicts, err := runOracle(cmd, files)
	if err != nil {
		fatal(err.Error())
	}
	agree, judged := 0, 0
	var disagree []string
	for _, f := range files {
		v, ok := verdicts[f]
		if !ok || v.Kind == "crash" || v.Kind == "timeout" {
			continue
		}
		judged++
		src, _ := os.ReadFile(f)
		first := firstError(wgsl.Check(src))
		ours := first == nil
		if ours == v.Valid {
			agree++
			continue
		}
		line := fmt.Sprintf("%s (from %s):\n  %s: ", filepath.Base(f), origin[f], *oracle)
		if v.Valid {
			line += "valid"
		} else {
			line += fmt.Sprintf("%d:%d %s", v.Line, v.Col, v.Error)
		}
		if ours {
			line += "\n  rts-lsp: valid"
		} else {
			line += fmt.Sprintf("\n  rts-lsp: %s [%s] at byte %d", first.Message, first.Code, first.Span.Start)
		}
		disagree = append(disagree, line)
		if *keep != "" {
			os.MkdirAll(*keep, 0o755)
			os.WriteFile(filepath.Join(*keep, filepath.Base(f)), src, 0o644)
		}
	}
	for _, d := range disagree {
		fmt.Println(d)
	}
	pct := 0.0
	if judged > 0 {
		pct = 100 * float64(agree) / float64(judged)
	}
	fmt.Printf("differential: %d mutants of %d shaders (seed %d), %s judged %d: agreement %d (%.2f%%), %d disagreements\n",
		*n, len(srcs), *seed, *oracle, judged, agree, pct, len(disagree))
}

// verdict is one line of an oracle's output.
type verdict struct {
	File  string `json:"file"`
	Valid bool   `json:"valid"`
	Error string `json:"error"`
	Line  int    `json:"line"`
	Col   int    `json:"col"`
	Kind  string `json:"kind"`
}

// oracleCommand is the command line that labels files with the oracle
// named, or an error when it is not built.
func oracleCommand(name, dir string) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, "build")); err != nil {
		return nil, fmt.Errorf("%s is not built (run %s/setup.sh)", dir, dir)
	}
	switch name {
	case "tint":
		return []string{"node", filepath.Join(dir, "oracle_tint", "oracle_tint.mjs"), "-features", "all", "-j", "2"}, nil
	case "naga29":
		return []string{filepath.Join(dir, "oracle", "oracle"), "-engine", "deno", "-j", "2"}, nil
	case "naga19":
		return []string{filepath.Join(dir, "oracle", "oracle"), "-j", "2"}, nil
	}
	return nil, fmt.Errorf("unknown oracle %q (tint, naga29, naga19)", name)
}

// runOracle labels files, by file name.
func runOracle(cmd []string, files []string) (map[string]verdict, error) {
	c := exec.Command(cmd[0], append(cmd[1:], files...)...)
	c.Stderr = os.Stderr
	out, err := c.Output()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", strings.Join(cmd, " "), err)
	}
	got := map[string]verdict{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v verdict
		if json.Unmarshal(sc.Bytes(), &v) == nil && v.File != "" {
			got[v.File] = v
		}
	}
	return got, sc.Err()
}

func firstError(ds []diag.Diagnostic) *diag.Diagnostic {
	for i := range ds {
		if ds[i].Severity == diag.Error {
			return &ds[i]
		}
	}
	return nil
}

// tokenRE finds the tokens a mutation may touch (comments are matched so
// that they are skipped).
var tokenRE = regexp.MustCompile(`//[^\n]*|(?s:/\*.*?\*/)|[A-Za-z_][A-Za-z0-9_]*|0[xX][0-9a-fA-F.pP+-]+[iuhf]?|[0-9][0-9.eE+-]*[iuhf]?|->|<=|>=|==|!=|&&|\|\||<<|>>|\+\+|--|[-+*/%&|^]=|\S`)

var (
	types = []string{"f32", "i32", "u32", "f16", "bool", "vec2f", "vec3f", "vec4f", "vec2<f32>", "vec3<i32>",
		"vec4u", "mat4x4f", "mat2x2f", "array<f32,4>", "atomic<u32>", "ptr<function,f32>"}
	operators = []string{"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", "==", "!=", "<", ">", "<=", ">=", "&&", "||"}
	literals  = []string{"0", "1", "-1", "1u", "1i", "1.5", "0x7fffffff", "4294967295u", "2147483648", "1e40", "1h",
		"0.0f", "3u", "-2147483648i"}
	keywords = []string{"let", "var", "const", "override", "return", "break", "continue", "discard", "loop", "if",
		"else", "for", "while", "switch", "fn", "struct", "alias"}
	attributes = []string{"@group(0)", "@binding(1)", "@location(0)", "@builtin(position)",
		"@builtin(global_invocation_id)", "@compute", "@vertex", "@fragment", "@workgroup_size(64)", "@align(16)",
		"@size(8)", "@interpolate(flat)", "@invariant", "@must_use", "@id(3)"}
	builtins = []string{"dpdx", "textureSample", "workgroupBarrier", "atomicAdd", "clamp", "min", "max", "select",
		"arrayLength", "bitcast<u32>", "pack4x8snorm", "dot", "cross", "normalize", "sqrt", "abs", "f32", "i32",
		"u32", "vec3f", "storageBarrier", "textureLoad", "textureStore", "any", "all"}
)

// mutate applies one or two non-overlapping token edits to src.
func mutate(r *rand.Rand, src []byte) []byte {
	var toks [][]int
	var idents []string
	for _, m := range tokenRE.FindAllIndex(src, -1) {
		t := src[m[0]:m[1]]
		if bytes.HasPrefix(t, []byte("//")) || bytes.HasPrefix(t, []byte("/*")) {
			continue
		}
		toks = append(toks, m)
		if isIdent(t) {
			idents = append(idents, string(t))
		}
	}
	if len(toks) == 0 {
		return src
	}
	type edit struct {
		start, end int
		text       string
	}
	var edits []edit
	for range 1 + r.IntN(2) {
		m := toks[r.IntN(len(toks))]
		if slices.ContainsFunc(edits, func(e edit) bool { return e.start == m[0] }) {
			continue
		}
		t := string(src[m[0]:m[1]])
		pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
		var rep string
		switch x := r.Float64(); {
		case x < 0.15:
			rep = ""
		case x < 0.30 && isIdent([]byte(t)):
			rep = pick(idents)
		case x < 0.45:
			rep = pick(types)
		case x < 0.60 && slices.Contains(operators, t):
			rep = pick(operators)
		case x < 0.70 && t[0] >= '0' && t[0] <= '9':
			rep = pick(literals)
		case x < 0.78:
			rep = pick(keywords)
		case x < 0.86:
			rep = pick(attributes) + " " + t
		case x < 0.94:
			rep = pick(builtins)
		default:
			rep = t + " " + t
		}
		edits = append(edits, edit{m[0], m[1], rep})
	}
	slices.SortFunc(edits, func(a, b edit) int { return b.start - a.start }) // from the end: offsets stay valid
	out := slices.Clone(src)
	for _, e := range edits {
		out = slices.Concat(out[:e.start], []byte(e.text), out[e.end:])
	}
	return out
}

func isIdent(t []byte) bool {
	c := t[0]
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func fatal(msg string) {
	fmt.Fprintln(os.Stderr, "differential:", msg)
	os.Exit(2)
}
