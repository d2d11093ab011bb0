package explain

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	chromem "github.com/philippgille/chromem-go"
)

// Passage is a retrieved chunk with its cosine similarity to the query.
type Passage struct {
	Chunk
	Kind  string // "catalogue" or "workspace"
	Score float32
}

// Query returns up to n passages most similar to text, best first. An empty
// index or n <= 0 gives none; n is capped at the number of passages.
func (ix *Index) Query(ctx context.Context, text string, n int) ([]Passage, error) {
	return ix.QueryWeighted(ctx, []WeightedText{{Text: text, Weight: 1}}, n)
}

// WeightedText is one part of a query and how much it counts.
type WeightedText struct {
	Text   string
	Weight float32
}

// QueryWeighted embeds each part, sums the normalised vectors by weight and
// returns up to n passages most similar to the sum, best first. Empty parts
// are left out; with none left, or an empty index, it returns none.
func (ix *Index) QueryWeighted(ctx context.Context, parts []WeightedText, n int) ([]Passage, error) {
	var texts []string
	var weights []float32
	for _, p := range parts {
		if strings.TrimSpace(p.Text) != "" && p.Weight > 0 {
			texts = append(texts, p.Text)
			weights = append(weights, p.Weight)
		}
	}
	if len(texts) == 0 || n <= 0 || ix.Count() == 0 {
		return nil, nil
	}
	vecs, err := ix.emb.Embed(ctx, texts)
	if err != nil {
		return nil, fmt.Errorf("embedding the query: %w", err)
	}
	query := make([]float32, ix.emb.Dims())
	for i, v := range vecs {
		if len(v) != len(query) {
			return nil, fmt.Errorf("embedding the query: %d dims, want %d", len(v), len(query))
		}
		scale := weights[i] / float32(math.Sqrt(float64(dot(v, v))))
		for j, x := range v {
			query[j] += scale * x
		}
	}
	res, err := ix.search(ctx, query, n)
	if err != nil {
		return nil, fmt.Errorf("querying the index: %w", err)
	}
	out := make([]Passage, 0, len(res))
	for _, r := range res {
		line, _ := strconv.Atoi(r.Metadata["line"])
		out = append(out, Passage{
			Chunk: Chunk{Path: r.Metadata["path"], Line: line, Title: r.Metadata["title"], Text: r.Content},
			Kind:  r.Metadata["kind"], Score: r.Similarity,
		})
	}
	return out, nil
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// search returns the n passages nearest query, or all when there are
// fewer, holding colMu so that no removal shrinks the collection between
// its count and the search.
func (ix *Index) search(ctx context.Context, query []float32, n int) ([]chromem.Result, error) {
	ix.colMu.RLock()
	defer ix.colMu.RUnlock()
	n = min(n, ix.col.Count())
	if n == 0 {
		return nil, nil
	}
	return ix.col.QueryEmbedding(ctx, query, n, nil, nil)
}
