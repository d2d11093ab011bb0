package explain

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	openai "github.com/sashabaranov/go-openai"
)

// ChatModel answers a prompt. The engine uses OpenAIChat by default; tests
// and the server may supply their own.
type ChatModel interface {
	// Model names the model that answers ("" when unknown).
	Model() string
	// Complete sends the messages and returns the model's whole answer.
	Complete(ctx context.Context, p Prompt) (string, error)
}

// APIKeyFromEnv returns RTS_OPENAI_API_KEY, or OPENAI_API_KEY when that is
// unset. Keys are read only from the environment, sent only to the
// configured endpoint and never logged.
func APIKeyFromEnv() string {
	if k := os.Getenv("RTS_OPENAI_API_KEY"); k != "" {
		return k
	}
	return os.Getenv("OPENAI_API_KEY")
}

// newOpenAIClient builds a go-openai client for baseURL. With no key in the
// environment no Authorization header is sent at all.
func newOpenAIClient(baseURL string, hc *http.Client) *openai.Client {
	cfg := openai.DefaultConfig(APIKeyFromEnv())
	cfg.BaseURL = strings.TrimRight(baseURL, "/")
	if hc == nil {
		hc = sameHostClient()
	}
	cfg.HTTPClient = hc
	return openai.NewClientWithConfig(cfg)
}

// sameHostClient returns an HTTP client that follows redirects only within
// the host of the original request.
func sameHostClient() *http.Client {
	return &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("too many redirects")
		}
		if req.URL.Host != via[0].URL.Host {
			return fmt.Errorf("refusing to follow a redirect from %s to another host (%s)", via[0].URL.Host, req.URL.Host)
		}
		return nil
	}}
}

// OpenAIChat talks to an OpenAI-compatible /chat/completions endpoint with
// streaming, so a stalled stream is cut by the context.
type OpenAIChat struct {
	client *openai.Client
	model  string
}

// NewOpenAIChat connects to baseURL (LM Studio http://localhost:1234/v1,
// Ollama http://localhost:11434/v1, OpenAI https://api.openai.com/v1). When
// model is empty it asks /models and takes the first model listed.
func NewOpenAIChat(ctx context.Context, baseURL, model string, hc *http.Client) (*OpenAIChat, error) {
	if baseURL == "" {
		return nil, errors.New("explain: no chat endpoint configured")
	}
	c := &OpenAIChat{client: newOpenAIClient(baseURL, hc), model: model}
	if model == "" {
		list, err := c.client.ListModels(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing models: %s", describeError(err))
		}
		if len(list.Models) == 0 {
			return nil, errors.New("the endpoint lists no models; pass a model name")
		}
		c.model = list.Models[0].ID
	}
	return c, nil
}

func (c *OpenAIChat) Model() string { return c.model }

// Complete streams the answer and concatenates it. It returns an error when
// the request fails, the stream breaks or ends empty, or ctx ends.
func (c *OpenAIChat) Complete(ctx context.Context, p Prompt) (string, error) {
	user := openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser}
	user.MultiContent = []openai.ChatMessagePart{{Type: openai.ChatMessagePartTypeText, Text: p.User}}
	if p.ImageDataURI != "" {
		user.MultiContent = append(user.MultiContent, openai.ChatMessagePart{
			Type:     openai.ChatMessagePartTypeImageURL,
			ImageURL: &openai.ChatMessageImageURL{URL: p.ImageDataURI, Detail: openai.ImageURLDetailAuto},
		})
	}
	req := openai.ChatCompletionRequest{
		Model:       c.model,
		Stream:      true,
		Temperature: 0.2,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: p.System},
			user,
		},
	}
	stream, err := c.client.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return "", err
	}
	defer stream.Close()
	var b strings.Builder
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if ctx.Err() != nil {
				return "", ctx.Err()
			}
			return "", err
		}
		for _, ch := range resp.Choices {
			b.WriteString(ch.Delta.Content)
		}
	}
	if strings.TrimSpace(b.String()) == "" {
		return "", errors.New("the model returned an empty answer")
	}
	return b.String(), nil
}

// describeError turns a client error into one line for the user: the HTTP
// status and the server's message, without request headers (so never a key).
func describeError(err error) string {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.As(err, &apiErr) && apiErr.HTTPStatusCode > 0:
		return fmt.Sprintf("HTTP %d: %s", apiErr.HTTPStatusCode, oneLine(apiErr.Message, 200))
	case errors.As(err, &reqErr):
		msg := strings.TrimSpace(string(reqErr.Body))
		if msg == "" && reqErr.Err != nil {
			msg = reqErr.Err.Error()
		}
		return fmt.Sprintf("HTTP %d: %s", reqErr.HTTPStatusCode, oneLine(msg, 200))
	}
	var uerr *url.Error
	if errors.As(err, &uerr) {
		if uerr.Timeout() {
			return "timed out"
		}
		return fmt.Sprintf("%s %s: %s", uerr.Op, redactURL(uerr.URL), oneLine(uerr.Err.Error(), 200))
	}
	return oneLine(err.Error(), 200)
}

// redactURL drops any user:password part of a URL before it is shown.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	u.User = nil
	return u.String()
}

// oneLine collapses whitespace and cuts s to at most n bytes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = strings.ToValidUTF8(s[:n], "") + "…"
	}
	return s
}
