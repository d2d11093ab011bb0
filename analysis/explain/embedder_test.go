package explain

import (
	"context"
	"math"
	"reflect"
	"testing"
)

func cosine(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func TestHashedNgramsVectors(t *testing.T) {
	h := NewHashedNgrams(0)
	if h.Name() != "hashed-ngrams-v1" || h.Dims() != DefaultDims {
		t.Fatalf("name %q dims %d", h.Name(), h.Dims())
	}
	texts := []string{
		"the workgroup size must be a positive constant",
		"workgroup_size must be positive",
		"the PNG image has a tEXt chunk with the manifest",
		"",
		"!!! ---",
	}
	vs, err := h.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := h.Embed(context.Background(), texts)
	if !reflect.DeepEqual(vs, again) {
		t.Error("embedding is not deterministic")
	}
	for i, v := range vs {
		if len(v) != DefaultDims {
			t.Fatalf("text %d: %d dims", i, len(v))
		}
		if n := math.Sqrt(cosine(v, v)); math.Abs(n-1) > 1e-5 {
			t.Errorf("text %d: norm %v, want 1", i, n)
		}
	}
	related, unrelated := cosine(vs[0], vs[1]), cosine(vs[0], vs[2])
	if related < 0.3 || related <= unrelated+0.2 {
		t.Errorf("related %.3f should clearly beat unrelated %.3f", related, unrelated)
	}
}

func TestHashedNgramsHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := NewHashedNgrams(64).Embed(ctx, []string{"x"}); err == nil {
		t.Fatal("want the context error")
	}
}

func TestTokenize(t *testing.T) {
	got := tokenize("expected ';' after workgroupSize, found `{` in my_var")
	want := []string{"semicolon", "brace", "expected", "after", "workgroupsize", "workgroup", "size", "found", "in", "my_var", "my", "var"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokenize = %q\nwant       %q", got, want)
	}
}
