package lsp

import (
	"context"

	"go.lsp.dev/protocol"
)

// settingsSection is the configuration section the server reads.
const settingsSection = "rts"

// DidChangeConfiguration applies settings pushed with the notification (the
// "rts" section, when present) and pulls them again when the client serves
// workspace/configuration.
func (s *server) DidChangeConfiguration(_ context.Context, params *protocol.DidChangeConfigurationParams) error {
	s.updateSettings(params.Settings, "didChangeConfiguration")
	s.pullConfiguration()
	return nil
}

// pullConfiguration asks the client for the "rts" section, if it serves
// workspace/configuration, and applies the answer. It returns at once: the
// request is made from its own goroutine, since a notification handler runs
// on the read loop that has to read the answer.
func (s *server) pullConfiguration() {
	s.mu.Lock()
	ok := s.clientConfig
	s.mu.Unlock()
	if !ok {
		return
	}
	go func() {
		section := settingsSection
		res, err := s.client.Configuration(s.ctx, &protocol.ConfigurationParams{
			Items: []protocol.ConfigurationItem{{Section: &section}},
		})
		if err != nil {
			s.log.Warn("workspace/configuration failed", "err", err)
			return
		}
		if len(res) > 0 {
			s.updateSettings(res[0], "workspace/configuration")
		}
	}()
}

// updateSettings applies raw settings (see applySettings) from source.
func (s *server) updateSettings(raw []byte, source string) {
	s.mu.Lock()
	next, warnings, err := applySettings(s.settings, raw)
	if err == nil {
		s.settings = next
		s.logLevel.Set(next.LogLevel)
	}
	s.mu.Unlock()
	for _, w := range warnings {
		s.log.Warn(w, "source", source)
	}
	if err != nil {
		s.log.Error("settings ignored", "source", source, "err", err)
	}
}
