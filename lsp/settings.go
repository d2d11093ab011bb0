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
//	  "debug": {"testMethods": false}, // serve rts/debug/* requests (tests only)
//	  "ai": {"endpoint": "", "model": ""}, // Explain: OpenAI-compatible base URL ("" = offline) and model
//	  "preview": {"maxPixels": 65536},  // largest hover thumbnail, in pixels
//	  "onSave": {"run": "off",          // "off", "tests" (rts.run a manifest's tests on save; a saved VM shader is compiled and the cartridges' tests rerun with it) or "tests+spec" (for the VM shader, the quick spec subset too)
//	             "vmShader": ""},       // the VM shader's path (absolute, or relative to a workspace root); "": shaders/wasm_vm.wgsl
//	  "trace": {"server": "off"}        // accepted and ignored (clients trace themselves)
//	}
//
// The API key for ai.endpoint is never a setting: analysis/explain reads it
// from the environment.
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
	// AIEndpoint and AIModel configure Explain (explain.Options.Endpoint
	// and Model).
	AIEndpoint, AIModel string
	// PreviewMaxPixels bounds a manifest hover's thumbnail (0: the
	// cartridge package's default).
	PreviewMaxPixels int
	// OnSaveRun is "off", "tests" or "tests+spec": what runs when a
	// manifest or the VM shader is saved (onsave_shader.go). For a manifest
	// "tests+spec" runs the tests only; for the VM shader it adds the spec
	// suite's quick subset.
	OnSaveRun string
	// OnSaveVMShader is the path of the VM shader for on-save runs
	// (absolute, or relative to a workspace root); "" means any file
	// ending in shaders/wasm_vm.wgsl.
	OnSaveVMShader string
}

// DefaultSettings are the settings before the client says anything.
func DefaultSettings() Settings {
	return Settings{DiagnosticsDelay: 75 * time.Millisecond, LogLevel: slog.LevelInfo, OnSaveRun: "off"}
}

// settingsPatch is the JSON form of Settings: a nil field leaves the current
// value alone.
type settingsPatch struct {
	DiagnosticsDelay *float64 `json:"diagnosticsDelay"`
	LogLevel         *string  `json:"logLevel"`
	Debug            *struct {
		TestMethods *bool `json:"testMethods"`
	} `json:"debug"`
	AI *struct {
		Endpoint *string `json:"endpoint"`
		Model    *string `json:"model"`
	} `json:"ai"`
	Preview *struct {
		MaxPixels *float64 `json:"maxPixels"`
	} `json:"preview"`
	OnSave *struct {
		Run      *string `json:"run"`
		VMShader *string `json:"vmShader"`
	} `json:"onSave"`
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
		case "diagnosticsDelay", "logLevel", "debug", "ai", "preview", "onSave", "trace":
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
	if p.AI != nil {
		if p.AI.Endpoint != nil {
			next.AIEndpoint = strings.TrimSpace(*p.AI.Endpoint)
		}
		if p.AI.Model != nil {
			next.AIModel = strings.TrimSpace(*p.AI.Model)
		}
	}
	if p.Preview != nil && p.Preview.MaxPixels != nil {
		if *p.Preview.MaxPixels < 0 {
			return cur, warnings, fmt.Errorf("settings: rts.preview.maxPixels must be >= 0, got %v", *p.Preview.MaxPixels)
		}
		next.PreviewMaxPixels = int(*p.Preview.MaxPixels)
	}
	if p.OnSave != nil && p.OnSave.Run != nil {
		switch r := *p.OnSave.Run; r {
		case "off", "tests", "tests+spec":
			next.OnSaveRun = r
		default:
			return cur, warnings, fmt.Errorf("settings: rts.onSave.run: %q is not off, tests or tests+spec", r)
		}
	}
	if p.OnSave != nil && p.OnSave.VMShader != nil {
		next.OnSaveVMShader = strings.TrimSpace(*p.OnSave.VMShader)
	}
	return next, warnings, nil
}
