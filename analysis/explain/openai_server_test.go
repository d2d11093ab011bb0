package explain

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeAPI is a real HTTP server on 127.0.0.1 speaking the parts of the
// OpenAI API the package uses: GET /v1/models, POST /v1/chat/completions
// (streaming, as server-sent events) and POST /v1/embeddings. It records
// every request and misbehaves on demand.
type fakeAPI struct {
	srv *httptest.Server

	mu       sync.Mutex
	requests []recorded
	// chatMode selects the chat behaviour: "ok", "500", "slow" (sleep before
	// answering), "malformed" (a broken JSON event), "stall" (one event, then
	// silence until the client goes away).
	chatMode  string
	answer    string
	embedMode string // "ok" or "500"
	embedder  *HashedNgrams
}

type recorded struct {
	Method, Path string
	Header       http.Header
	Body         []byte
}

func newFakeAPI(t *testing.T) *fakeAPI {
	t.Helper()
	f := &fakeAPI{chatMode: "ok", embedMode: "ok", answer: "The semicolon is missing after `let x = 1`. [0]", embedder: NewHashedNgrams(64)}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) URL() string { return f.srv.URL + "/v1" }

func (f *fakeAPI) set(chatMode string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.chatMode = chatMode
}

func (f *fakeAPI) recorded(path string) []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []recorded
	for _, r := range f.requests {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, recorded{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
	chatMode, answer, embedMode := f.chatMode, f.answer, f.embedMode
	f.mu.Unlock()

	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/v1/models":
		writeJSON(w, map[string]any{"object": "list", "data": []map[string]any{
			{"id": "fake-vision-1", "object": "model", "owned_by": "test"},
			{"id": "fake-other", "object": "model", "owned_by": "test"},
		}})
	case r.Method == http.MethodPost && r.URL.Path == "/v1/embeddings":
		f.serveEmbeddings(w, body, embedMode)
	case r.Method == http.MethodPost && r.URL.Path == "/v1/chat/completions":
		f.serveChat(w, r, body, chatMode, answer)
	default:
		http.Error(w, `{"error":{"message":"no such route","type":"invalid_request_error"}}`, http.StatusNotFound)
	}
}

func (f *fakeAPI) serveEmbeddings(w http.ResponseWriter, body []byte, mode string) {
	if mode == "500" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"error":{"message":"embedding backend down","type":"server_error"}}`)
		return
	}
	var req struct {
		Input []string `json:"input"`
		Model string   `json:"model"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		http.Error(w, `{"error":{"message":"bad json","type":"invalid_request_error"}}`, http.StatusBadRequest)
		return
	}
	vecs, _ := f.embedder.Embed(context.Background(), req.Input)
	data := make([]map[string]any, len(vecs))
	for i, v := range vecs {
		data[i] = map[string]any{"object": "embedding", "index": i, "embedding": v}
	}
	writeJSON(w, map[string]any{"object": "list", "model": req.Model, "data": data})
}

func (f *fakeAPI) serveChat(w http.ResponseWriter, r *http.Request, body []byte, mode, answer string) {
	var req struct {
		Model  string `json:"model"`
		Stream bool   `json:"stream"`
	}
	if err := json.Unmarshal(body, &req); err != nil || !req.Stream {
		http.Error(w, `{"error":{"message":"expected a streaming request","type":"invalid_request_error"}}`, http.StatusBadRequest)
		return
	}
	switch mode {
	case "500":
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"error":{"message":"model crashed","type":"server_error"}}`)
		return
	case "slow":
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
			return
		}
	}
	w.Header().Set("Content-Type", "text/event-stream")
	flusher := w.(http.Flusher)
	event := func(content string) {
		chunk := map[string]any{
			"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": req.Model,
			"choices": []map[string]any{{"index": 0, "delta": map[string]any{"content": content}}},
		}
		data, _ := json.Marshal(chunk)
		fmt.Fprintf(w, "data: %s\n\n", data)
		flusher.Flush()
	}
	switch mode {
	case "malformed":
		event("Partial ")
		io.WriteString(w, "data: {\"id\": \"chatcmpl-1\", \"choices\": [\n\n")
		flusher.Flush()
		return
	case "stall":
		event("Thinking")
		<-r.Context().Done()
		return
	}
	// Split the answer into a few events, as real servers do.
	words := strings.SplitAfter(answer, " ")
	for _, wd := range words {
		event(wd)
	}
	io.WriteString(w, "data: [DONE]\n\n")
	flusher.Flush()
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// chatBody decodes a recorded chat request.
type chatBody struct {
	Model    string `json:"model"`
	Stream   bool   `json:"stream"`
	Messages []struct {
		Role    string          `json:"role"`
		Content json.RawMessage `json:"content"`
	} `json:"messages"`
}

type contentPart struct {
	Type     string `json:"type"`
	Text     string `json:"text"`
	ImageURL *struct {
		URL string `json:"url"`
	} `json:"image_url"`
}

// userParts returns the content parts of the last user message.
func userParts(t *testing.T, rec recorded) []contentPart {
	t.Helper()
	var b chatBody
	if err := json.Unmarshal(rec.Body, &b); err != nil {
		t.Fatalf("chat request is not JSON: %v\n%s", err, rec.Body)
	}
	for i := len(b.Messages) - 1; i >= 0; i-- {
		m := b.Messages[i]
		if m.Role != "user" {
			continue
		}
		var parts []contentPart
		if err := json.Unmarshal(m.Content, &parts); err != nil {
			var s string
			if err := json.Unmarshal(m.Content, &s); err != nil {
				t.Fatalf("user content neither parts nor string: %s", m.Content)
			}
			return []contentPart{{Type: "text", Text: s}}
		}
		return parts
	}
	t.Fatalf("no user message in %s", rec.Body)
	return nil
}
