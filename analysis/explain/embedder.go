package explain

import (
	"context"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Embedder turns texts into vectors for the index. Name and Dims identify the
// vector space: the index records them and rebuilds itself when either
// changes, since vectors from different spaces cannot be compared.
type Embedder interface {
	// Name identifies the embedding method and model, e.g. "hashed-ngrams-v1".
	Name() string
	// Dims is the length of every vector Embed returns.
	Dims() int
	// Embed returns one vector per text, in order. Vectors need not be
	// normalised; the index normalises them.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// HashedNgrams is the default embedder: local, deterministic, with no model
// and no network. It is lexical, not semantic: texts are similar when they
// share words, word pairs and character trigrams. Each feature is hashed
// (FNV-1a then splitmix64, signed) into two of Dims buckets, weighted by 1+ln(tf), and the
// vector is L2-normalised.
type HashedNgrams struct {
	dims int
}

// DefaultDims is the vector length of the default embedder.
const DefaultDims = 1024

// NewHashedNgrams returns the hashed n-gram embedder with dims buckets
// (DefaultDims when dims <= 0).
func NewHashedNgrams(dims int) *HashedNgrams {
	if dims <= 0 {
		dims = DefaultDims
	}
	return &HashedNgrams{dims: dims}
}

func (h *HashedNgrams) Name() string { return "hashed-ngrams-v1" }
func (h *HashedNgrams) Dims() int    { return h.dims }

// Embed never fails; it honours ctx between texts.
func (h *HashedNgrams) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out[i] = h.vector(t)
	}
	return out, nil
}

// Feature weights: whole words carry most meaning, word pairs some order,
// character trigrams robustness to inflection and identifier fragments.
const (
	weightWord    = 1.0
	weightBigram  = 0.6
	weightTrigram = 0.25
)

// stopWords carry no topic; they are left out as words and word pairs (their
// trigrams are not formed either).
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "in": true, "on": true, "at": true,
	"is": true, "are": true, "be": true, "it": true, "its": true, "and": true, "or": true, "for": true,
	"with": true, "as": true, "by": true, "this": true, "that": true, "from": true, "was": true, "but": true,
}

// punctuationNames names tokens that diagnostics quote ("expected ';'"), so
// a message about ';' meets documentation about semicolons.
var punctuationNames = map[rune]string{
	';': "semicolon", ':': "colon", ',': "comma", '.': "period", '{': "brace", '}': "brace",
	'(': "parenthesis", ')': "parenthesis", '[': "bracket", ']': "bracket", '<': "angle bracket",
	'>': "angle bracket", '=': "equals", '@': "attribute", '-': "minus", '+': "plus", '*': "star",
	'/': "slash", '&': "ampersand", '|': "pipe", '!': "exclamation", '~': "tilde", '^': "caret", '%': "percent",
}

func (h *HashedNgrams) vector(text string) []float32 {
	counts := map[string]float64{}
	weights := map[string]float64{}
	add := func(feature string, w float64) {
		counts[feature]++
		weights[feature] = w
	}
	words := tokenize(text)
	prev := ""
	for _, w := range words {
		if stopWords[w] {
			prev = ""
			continue
		}
		add("w:"+w, weightWord)
		if prev != "" {
			add("b:"+prev+" "+w, weightBigram)
		}
		prev = w
		r := []rune("^" + w + "$")
		if len(r) < 6 {
			continue // short words: the word feature says it all
		}
		for j := 0; j+3 <= len(r); j++ {
			add("c:"+string(r[j:j+3]), weightTrigram)
		}
	}
	v := make([]float32, h.dims)
	for f, n := range counts {
		sum := fnv.New64a()
		sum.Write([]byte(f))
		x := sum.Sum64()
		val := weights[f] * (1 + math.Log(n)) / math.Sqrt2
		// Two buckets per feature, each with its own sign, so one unlucky
		// collision moves a similarity half as much.
		for k := 0; k < 2; k++ {
			x = mix64(x + uint64(k))
			bucket := int(x % uint64(h.dims))
			if x>>63 == 1 {
				v[bucket] -= float32(val)
			} else {
				v[bucket] += float32(val)
			}
		}
	}
	var norm float64
	for _, x := range v {
		norm += float64(x) * float64(x)
	}
	if norm == 0 {
		// No features: a fixed unit vector, so similarity stays defined
		// (a zero vector would normalise to NaN).
		v[0] = 1
		return v
	}
	inv := float32(1 / math.Sqrt(norm))
	for i := range v {
		v[i] *= inv
	}
	return v
}

// mix64 is the splitmix64 finaliser: it spreads FNV's bits so that bucket
// and sign are independent.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// tokenize lower-cases text and splits it into words of letters, digits and
// underscores. Identifiers are also split at underscores and lower-to-upper
// case changes, keeping the whole identifier too ("workgroup_size" gives
// "workgroup_size", "workgroup", "size").
//
// A punctuation character quoted alone ('x', "x" or `x`) also gives its
// name ("semicolon" for ';').
func tokenize(text string) []string {
	var words []string
	r := []rune(text)
	for i := 0; i+2 < len(r); i++ {
		q := r[i]
		if (q == '\'' || q == '"' || q == '`') && r[i+2] == q {
			if name, ok := punctuationNames[r[i+1]]; ok {
				words = append(words, strings.Fields(name)...)
			}
		}
	}
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
	})
	for _, f := range fields {
		parts := splitIdentifier(f)
		whole := strings.ToLower(f)
		if len(parts) > 1 {
			words = append(words, whole)
		}
		for _, p := range parts {
			words = append(words, strings.ToLower(p))
		}
	}
	return words
}

func splitIdentifier(s string) []string {
	var parts []string
	start := 0
	r := []rune(s)
	flush := func(end int) {
		if end > start {
			parts = append(parts, string(r[start:end]))
		}
	}
	for i := 0; i < len(r); i++ {
		switch {
		case r[i] == '_':
			flush(i)
			start = i + 1
		case i > start && unicode.IsUpper(r[i]) && unicode.IsLower(r[i-1]):
			flush(i)
			start = i
		}
	}
	flush(len(r))
	return parts
}

// embedderID is how the index records which vector space it holds.
func embedderID(e Embedder) string {
	return e.Name() + "/" + strconv.Itoa(e.Dims())
}
