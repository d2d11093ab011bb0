package lsptest

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// Timeout bounds every wait in the suites: long enough for a loaded CI
// machine, short enough that a hang fails instead of stalling.
const Timeout = 20 * time.Second

// Session is one running server with a client connected to it.
type Session struct {
	*Client
	// CloseInput closes the server's input (stdin).
	CloseInput func() error
	// Wait waits for the server to end and returns its exit code.
	Wait func(timeout time.Duration) (int, error)
	// Stderr is what the server logged so far.
	Stderr func() string
}

// Starter starts a fresh server for one test.
type Starter func(t *testing.T) *Session

// SyncBuffer is a bytes.Buffer safe for a writer and readers on other
// goroutines (a server's stderr).
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// DebugOptions are initializationOptions that enable the rts/debug/*
// methods and analyse without delay.
var DebugOptions = map[string]any{"rts": map[string]any{"diagnosticsDelay": 0, "debug": map[string]any{"testMethods": true}}}

func wantCode(t *testing.T, err error, code int) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want a JSON-RPC error with code %d", err, code)
	}
	if e.Code != code {
		t.Fatalf("got error %d %q, want code %d", e.Code, e.Message, code)
	}
}

// AssertServing fails unless the server still answers requests.
func AssertServing(t *testing.T, s *Session) {
	t.Helper()
	err := s.Call("rts/ping-unknown", nil, nil, Timeout)
	wantCode(t, err, -32601)
}

func initialize(t *testing.T, s *Session) {
	t.Helper()
	if _, err := s.Initialize(nil, DebugOptions, Timeout); err != nil {
		t.Fatalf("initialize: %v", err)
	}
}

func wantExit(t *testing.T, s *Session, code int) {
	t.Helper()
	got, err := s.Wait(Timeout)
	if err != nil {
		t.Fatalf("server did not exit: %v\nstderr:\n%s", err, s.Stderr())
	}
	if got != code {
		t.Fatalf("exit code %d, want %d\nstderr:\n%s", got, code, s.Stderr())
	}
}

// waitLog waits for a window/logMessage containing substr.
func waitLog(t *testing.T, s *Session, substr string) {
	t.Helper()
	_, err := s.WaitNotification("window/logMessage", func(raw json.RawMessage) bool {
		var p struct{ Message string }
		return json.Unmarshal(raw, &p) == nil && strings.Contains(p.Message, substr)
	}, Timeout)
	if err != nil {
		t.Fatalf("%v (want one containing %q)\nstderr:\n%s", err, substr, s.Stderr())
	}
}

// RunRobustness runs the protocol robustness cases, each on a fresh server:
// the same cases whether the server runs in-process or as the real binary.
func RunRobustness(t *testing.T, start Starter) {
	t.Run("RequestBeforeInitialize", func(t *testing.T) {
		s := start(t)
		err := s.Call("textDocument/hover", map[string]any{
			"textDocument": map[string]any{"uri": "file:///a.wgsl"},
			"position":     map[string]any{"line": 0, "character": 0},
		}, nil, Timeout)
		wantCode(t, err, -32002) // ServerNotInitialized
		initialize(t, s)
		AssertServing(t, s)
	})
	t.Run("UnknownRequest", func(t *testing.T) {
		s := start(t)
		initialize(t, s)
		err := s.Call("rts/noSuchMethod", map[string]any{"x": 1}, nil, Timeout)
		wantCode(t, err, -32601) // MethodNotFound
		if !strings.Contains(err.Error(), "rts/noSuchMethod") {
			t.Errorf("error %q does not name the method", err)
		}
	})
	t.Run("UnknownNotification", func(t *testing.T) {
		s := start(t)
		initialize(t, s)
		if err := s.Notify("rts/noSuchNotification", map[string]any{"x": 1}); err != nil {
			t.Fatal(err)
		}
		waitLog(t, s, "rts/noSuchNotification")
		AssertServing(t, s)
	})
	t.Run("MalformedNotificationParams", func(t *testing.T) {
		s := start(t)
		initialize(t, s)
		if err := s.WriteRaw([]byte(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":42}}`)); err != nil {
			t.Fatal(err)
		}
		waitLog(t, s, "textDocument/didOpen")
		AssertServing(t, s)
	})
	t.Run("MalformedMessages", func(t *testing.T) {
		s := start(t)
		initialize(t, s)
		for _, tc := range []struct {
			body string
			code int
		}{
			{`{"jsonrpc":`, -32700},                                        // not JSON: Parse error
			{`nonsense`, -32700},                                           // not JSON
			{`{"jsonrpc":"2.0","id":7,"method":5}`, -32600},                // JSON, not a request: Invalid Request
			{`{"jsonrpc":"2.0","id":8,"method":"x","params":[1,}`, -32700}, // broken params
		} {
			if err := s.WriteRaw([]byte(tc.body)); err != nil {
				t.Fatal(err)
			}
			m, err := s.WaitStray(Timeout)
			if err != nil {
				t.Fatal(err)
			}
			if string(m.ID) != "null" || m.Error == nil || m.Error.Code != tc.code {
				t.Errorf("%s: answered id %s error %+v, want id null and code %d", tc.body, m.ID, m.Error, tc.code)
			}
			AssertServing(t, s)
			waitLog(t, s, "malformed message")
		}
	})
	t.Run("CancelRequest", func(t *testing.T) {
		s := start(t)
		initialize(t, s)
		p, err := s.Send("rts/debug/sleep", map[string]any{"ms": 60_000})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Notify("$/cancelRequest", map[string]any{"id": p.ID}); err != nil {
			t.Fatal(err)
		}
		m, err := p.Wait(Timeout)
		if err != nil {
			t.Fatal(err)
		}
		if m.Error == nil || m.Error.Code != -32800 {
			t.Fatalf("cancelled request answered %+v (error %+v), want RequestCancelled -32800", m, m.Error)
		}
		AssertServing(t, s)
	})
	t.Run("HandlerPanic", func(t *testing.T) {
		s := start(t)
		initialize(t, s)
		err := s.Call("rts/debug/panic", nil, nil, Timeout)
		wantCode(t, err, -32603) // InternalError
		waitLog(t, s, "panicked")
		AssertServing(t, s)
	})
	t.Run("ShutdownThenExit", func(t *testing.T) {
		s := start(t)
		initialize(t, s)
		if err := s.Call("shutdown", nil, nil, Timeout); err != nil {
			t.Fatalf("shutdown: %v", err)
		}
		err := s.Call("rts/noSuchMethod", nil, nil, Timeout)
		wantCode(t, err, -32600) // InvalidRequest after shutdown
		if err := s.Notify("exit", nil); err != nil {
			t.Fatal(err)
		}
		wantExit(t, s, 0)
	})
	t.Run("ExitWithoutShutdown", func(t *testing.T) {
		s := start(t)
		initialize(t, s)
		if err := s.Notify("exit", nil); err != nil {
			t.Fatal(err)
		}
		wantExit(t, s, 1)
	})
	t.Run("InputClosed", func(t *testing.T) {
		s := start(t)
		initialize(t, s)
		if err := s.CloseInput(); err != nil {
			t.Fatal(err)
		}
		wantExit(t, s, 1)
	})
}
