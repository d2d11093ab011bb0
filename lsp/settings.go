package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Settings are the server's user-facing options. They come from the
// client's initializationOptions and from workspace/configuration (section
// "rts"), and the CLI takes the same ones as flags. The JSON shape, all keys
// optional:
//
//	{
//	  "diagnosticsDelay": 75,       // ms to wait after an edit before analysing (debounce); 0 = at once
//	  "logLevel": "info",           // "error", "warn", "info" or "debug": stderr and window/logMessage
//	  "debug": {"testMethods": false} // serve rts/debug/* requests (tests only)
//	}
//
// To add a setting: a field here, its default in DefaultSettings, a pointer
// field in settingsPatch and one line in apply.
type Settings struct {
	DiagnosticsDelay time.Duration
	LogLevel         slog.Level
	// DebugMethods serves the rts/debug/sleep and rts/debug/panic requests,
	// which let tests exercise cancellation and panic recovery on the real
	// binary.
	DebugMethods bool
}

// DefaultSettings are the settings before the client says anything.
func DefaultSettings() Settings {
	return Settings{DiagnosticsDelay: 75 * time.Millisecond, LogLevel: slog.LevelInfo}
}

// settingsPatch is the JSON form of Settings: a nil field leaves the current
// value alone.
type settingsPatch struct {
	DiagnosticsDelay *float64 `json:"diagnosticsDelay"`
	LogLevel         *string  `json:"logLevel"`
	Debug            *struct {
		TestMethods *bool `json:"testMethods"`
	} `json:"debug"`
}

// applySettings returns cur with the settings in raw applied. raw is either
// the "rts" section itself or an object holding it under "rts" (clients send
// both shapes in initializationOptions). Empty or null raw changes nothing.
// Unknown keys are reported as warnings and ignored; a value of the wrong
// type is an error and changes nothing.
func applySettings(cur Settings, raw []byte) (Settings, []string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return cur, nil, nil
	}
	var outer map[string]json.RawMessage
	if err := json.Unmarshal(raw, &outer); err != nil {
		return cur, nil, fmt.Errorf("settings: %w", err)
	}
	if section, ok := outer["rts"]; ok {
		return applySettings(cur, section)
	}
	var warnings []string
	for k := range outer {
		switch k {
		case "diagnosticsDelay", "logLevel", "debug":
		default:
			warnings = append(warnings, fmt.Sprintf("unknown setting rts.%s ignored", k))
		}
	}
	var p settingsPatch
	if err := json.Unmarshal(raw, &p); err != nil {
		return cur, warnings, fmt.Errorf("settings: %w", err)
	}
	next := cur
	if p.DiagnosticsDelay != nil {
		if *p.DiagnosticsDelay < 0 {
			return cur, warnings, fmt.Errorf("settings: rts.diagnosticsDelay must be >= 0 ms, got %v", *p.DiagnosticsDelay)
		}
		next.DiagnosticsDelay = time.Duration(*p.DiagnosticsDelay * float64(time.Millisecond))
	}
	if p.LogLevel != nil {
		var l slog.Level
		if err := l.UnmarshalText([]byte(strings.ToUpper(*p.LogLevel))); err != nil {
			return cur, warnings, fmt.Errorf("settings: rts.logLevel: %q is not error, warn, info or debug", *p.LogLevel)
		}
		next.LogLevel = l
	}
	if p.Debug != nil && p.Debug.TestMethods != nil {
		next.DebugMethods = *p.Debug.TestMethods
	}
	return next, warnings, nil
}
