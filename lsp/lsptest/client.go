// Package lsptest is a small LSP client for tests and benchmarks: it frames
// messages with Content-Length headers over any pair of streams (pipes to a
// real rts-lsp process, or to lsp.Serve in-process), correlates responses by
// id, answers the server's requests, and lets a test wait for notifications
// with a timeout. It does not use the server's protocol library
// (go.lsp.dev/protocol), so what it checks is the bytes the server writes,
// not a shared library's view of them; it reads messages with the JSON v2
// decoder (github.com/go-json-experiment/json), which is faster than
// encoding/json on large results and is checked against it (client_test.go).
package lsptest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"sync"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
)

// Message is any JSON-RPC message.
type Message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *Error          `json:"error,omitempty"`
}

// Error is a JSON-RPC error object.
type Error struct {
	Code    int             `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

func (e *Error) Error() string { return fmt.Sprintf("jsonrpc error %d: %s", e.Code, e.Message) }

// Client is one connection to a server.
type Client struct {
	w   io.Writer
	wmu sync.Mutex

	// OnRequest answers a request from the server (method, params). When
	// nil, or when it returns (nil, nil), the answer is a null result. Set
	// it before the server can send one.
	OnRequest func(method string, params json.RawMessage) (any, *Error)

	mu      sync.Mutex
	nextID  int64
	pending map[string]chan *Message // by the id's JSON text
	notes   []*Message               // notifications not yet taken
	stray   []*Message               // responses to no request of ours (id null) not yet taken
	changed chan struct{}            // closed and replaced when notes grows or reading ends
	readErr error                    // set when reading ends
	done    chan struct{}            // closed when reading ends
}

// New starts reading from r and writes to w.
func New(r io.Reader, w io.Writer) *Client {
	c := &Client{
		w:       w,
		pending: map[string]chan *Message{},
		changed: make(chan struct{}),
		done:    make(chan struct{}),
	}
	go c.read(bufio.NewReader(r))
	return c
}

// Done is closed when the server's output ends.
func (c *Client) Done() <-chan struct{} { return c.done }

// ReadErr is why reading ended (io.EOF when the server closed its output).
func (c *Client) ReadErr() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.readErr
}

func (c *Client) read(r *bufio.Reader) {
	tp := textproto.NewReader(r)
	var err error
	for {
		var body []byte
		body, err = readFrame(tp, r)
		if err != nil {
			break
		}
		var m Message
		// json v2 validates and splits the envelope in one pass; encoding/json
		// scans a large result twice (validation, then skipping it into
		// RawMessage), which dominated the client's share of the pipe benches.
		if err = jsonv2.Unmarshal(body, &m); err != nil {
			err = fmt.Errorf("malformed message from server: %w: %s", err, body)
			break
		}
		switch {
		case m.Method != "" && m.ID != nil:
			go c.answer(&m)
		case m.Method != "":
			c.mu.Lock()
			c.notes = append(c.notes, &m)
			close(c.changed)
			c.changed = make(chan struct{})
			c.mu.Unlock()
		default:
			c.mu.Lock()
			ch := c.pending[string(m.ID)]
			delete(c.pending, string(m.ID))
			c.mu.Unlock()
			if ch != nil {
				ch <- &m
			} else {
				c.mu.Lock()
				c.stray = append(c.stray, &m)
				close(c.changed)
				c.changed = make(chan struct{})
				c.mu.Unlock()
			}
		}
	}
	c.mu.Lock()
	c.readErr = err
	close(c.changed)
	c.changed = make(chan struct{})
	for id, ch := range c.pending {
		close(ch)
		delete(c.pending, id)
	}
	c.mu.Unlock()
	close(c.done)
}

func readFrame(tp *textproto.Reader, r *bufio.Reader) ([]byte, error) {
	h, err := tp.ReadMIMEHeader()
	if err != nil {
		if errors.Is(err, io.EOF) && len(h) == 0 {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("reading header: %w", err)
	}
	n, err := strconv.Atoi(h.Get("Content-Length"))
	if err != nil || n < 0 {
		return nil, fmt.Errorf("bad Content-Length %q", h.Get("Content-Length"))
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("reading body: %w", err)
	}
	return body, nil
}

func (c *Client) answer(m *Message) {
	var result any
	var rerr *Error
	if c.OnRequest != nil {
		result, rerr = c.OnRequest(m.Method, m.Params)
	}
	resp := map[string]any{"jsonrpc": "2.0", "id": m.ID}
	if rerr != nil {
		resp["error"] = rerr
	} else {
		resp["result"] = result
	}
	_ = c.write(resp)
}

// WriteRaw sends body as one framed message, as is (for malformed input).
func (c *Client) WriteRaw(body []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return err
}

func (c *Client) write(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.WriteRaw(body)
}

// Notify sends a notification.
func (c *Client) Notify(method string, params any) error {
	return c.write(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// Pending is a request sent and not yet waited for.
type Pending struct {
	ID int64
	ch chan *Message
}

// Send sends a request and returns without waiting for its response.
func (c *Client) Send(method string, params any) (*Pending, error) {
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan *Message, 1)
	c.pending[strconv.FormatInt(id, 10)] = ch
	c.mu.Unlock()
	msg := map[string]any{"jsonrpc": "2.0", "id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if err := c.write(msg); err != nil {
		return nil, err
	}
	return &Pending{ID: id, ch: ch}, nil
}

// Wait waits up to timeout for the response. The returned error is a
// transport problem or a timeout; a JSON-RPC error answer is in the message.
func (p *Pending) Wait(timeout time.Duration) (*Message, error) {
	select {
	case m, ok := <-p.ch:
		if !ok {
			return nil, fmt.Errorf("request %d: connection closed before the response", p.ID)
		}
		return m, nil
	case <-time.After(timeout):
		return nil, fmt.Errorf("request %d: no response within %v", p.ID, timeout)
	}
}

// Call sends a request and waits up to timeout for the response, decoding
// its result into result (if not nil). A JSON-RPC error answer is returned
// as *Error.
func (c *Client) Call(method string, params, result any, timeout time.Duration) error {
	p, err := c.Send(method, params)
	if err != nil {
		return err
	}
	m, err := p.Wait(timeout)
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	if m.Error != nil {
		return m.Error
	}
	if result != nil {
		return json.Unmarshal(m.Result, result)
	}
	return nil
}

// WaitNotification waits up to timeout for a notification of method whose
// params satisfy match (nil matches any), removes it from the queue and
// returns it. Notifications that don't match stay queued for later waits.
func (c *Client) WaitNotification(method string, match func(params json.RawMessage) bool, timeout time.Duration) (*Message, error) {
	deadline := time.After(timeout)
	for {
		c.mu.Lock()
		for i, m := range c.notes {
			if m.Method == method && (match == nil || match(m.Params)) {
				c.notes = append(c.notes[:i:i], c.notes[i+1:]...)
				c.mu.Unlock()
				return m, nil
			}
		}
		changed, ended := c.changed, c.readErr
		c.mu.Unlock()
		if ended != nil {
			return nil, fmt.Errorf("waiting for %s: connection ended: %w", method, ended)
		}
		select {
		case <-changed:
		case <-deadline:
			return nil, fmt.Errorf("no %s notification within %v", method, timeout)
		}
	}
}

// Notifications returns (and removes) every queued notification of method.
func (c *Client) Notifications(method string) []*Message {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out, keep []*Message
	for _, m := range c.notes {
		if m.Method == method {
			out = append(out, m)
		} else {
			keep = append(keep, m)
		}
	}
	c.notes = keep
	return out
}

// WaitStray waits up to timeout for a response that answers no request of
// this client (such as the id-null error answering a malformed message),
// removes it from the queue and returns it.
func (c *Client) WaitStray(timeout time.Duration) (*Message, error) {
	deadline := time.After(timeout)
	for {
		c.mu.Lock()
		if len(c.stray) > 0 {
			m := c.stray[0]
			c.stray = c.stray[1:]
			c.mu.Unlock()
			return m, nil
		}
		changed, ended := c.changed, c.readErr
		c.mu.Unlock()
		if ended != nil {
			return nil, fmt.Errorf("waiting for a stray response: connection ended: %w", ended)
		}
		select {
		case <-changed:
		case <-deadline:
			return nil, fmt.Errorf("no stray response within %v", timeout)
		}
	}
}
