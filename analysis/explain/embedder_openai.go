package explain

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// OpenAIEmbedder calls an OpenAI-compatible /embeddings endpoint (OpenAI, LM
// Studio, Ollama). Texts leave the machine, to that endpoint only.
type OpenAIEmbedder struct {
	client  *openai.Client
	model   string
	baseURL string
	dims    int
	// Timeout bounds each request (default 60s).
	Timeout time.Duration
}

// embedBatch bounds how many texts go into one request.
const embedBatch = 64

// NewOpenAIEmbedder connects to baseURL (e.g. http://localhost:1234/v1) and
// learns the vector length by embedding one probe text, so it fails early
// when the endpoint or model is wrong. The API key comes from the
// environment (see APIKeyFromEnv); hc may be nil.
func NewOpenAIEmbedder(ctx context.Context, baseURL, model string, hc *http.Client) (*OpenAIEmbedder, error) {
	if baseURL == "" || model == "" {
		return nil, errors.New("embeddings endpoint needs both a base URL and a model")
	}
	e := &OpenAIEmbedder{client: newOpenAIClient(baseURL, hc), model: model, baseURL: baseURL}
	vs, err := e.Embed(ctx, []string{"dimension probe"})
	if err != nil {
		return nil, err
	}
	e.dims = len(vs[0])
	return e, nil
}

// Name includes the model and the endpoint, so switching either rebuilds
// the index.
func (e *OpenAIEmbedder) Name() string { return "openai:" + e.model + "@" + redactURL(e.baseURL) }
func (e *OpenAIEmbedder) Dims() int    { return e.dims }

// Embed sends the texts in batches and checks that every vector has the
// same length.
func (e *OpenAIEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += embedBatch {
		end := min(start+embedBatch, len(texts))
		timeout := e.Timeout
		if timeout <= 0 {
			timeout = 60 * time.Second
		}
		rctx, cancel := context.WithTimeout(ctx, timeout)
		res, err := e.client.CreateEmbeddings(rctx, openai.EmbeddingRequestStrings{
			Input: texts[start:end],
			Model: openai.EmbeddingModel(e.model),
		})
		cancel()
		if err != nil {
			return nil, fmt.Errorf("embeddings endpoint: %s", describeError(err))
		}
		if len(res.Data) != end-start {
			return nil, fmt.Errorf("embeddings endpoint: sent %d texts, got %d vectors", end-start, len(res.Data))
		}
		batch := make([][]float32, end-start)
		for _, d := range res.Data {
			if d.Index < 0 || d.Index >= len(batch) {
				return nil, fmt.Errorf("embeddings endpoint: vector index %d out of range", d.Index)
			}
			batch[d.Index] = d.Embedding
		}
		for i, v := range batch {
			if len(v) == 0 {
				return nil, fmt.Errorf("embeddings endpoint: empty vector for text %d", start+i)
			}
			if e.dims != 0 && len(v) != e.dims {
				return nil, fmt.Errorf("embeddings endpoint: vector of %d dims, want %d", len(v), e.dims)
			}
		}
		out = append(out, batch...)
	}
	return out, nil
}
