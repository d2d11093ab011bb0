package spectest

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/rts-lsp/rts-lsp/vm"
)

// The wast2json document (only the fields the runner reads).

type specValue struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

type specAction struct {
	Type   string      `json:"type"`
	Module string      `json:"module"`
	Field  string      `json:"field"`
	Args   []specValue `json:"args"`
}

type specCommand struct {
	Type       string      `json:"type"`
	Line       int         `json:"line"`
	Name       string      `json:"name"`
	Filename   string      `json:"filename"`
	Text       string      `json:"text"`
	ModuleType string      `json:"module_type"`
	Action     specAction  `json:"action"`
	Expected   []specValue `json:"expected"`
}

type specDoc struct {
	SourceFilename string        `json:"source_filename"`
	Commands       []specCommand `json:"commands"`
}

func parseDoc(raw []byte) (*specDoc, error) {
	var d specDoc
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

func parseArg(v specValue) (uint64, error) {
	return strconv.ParseUint(v.Value, 10, 64)
}

// matches reports whether got is the expected spec value (NaN patterns
// included).
func matches(want specValue, got uint64) bool {
	switch want.Type {
	case "f32":
		g := uint32(got)
		switch want.Value {
		case "nan:canonical":
			return g&0x7fffffff == 0x7fc00000
		case "nan:arithmetic":
			return g&0x7fc00000 == 0x7fc00000
		}
		w, _ := strconv.ParseUint(want.Value, 10, 32)
		return uint32(w) == g
	case "f64":
		switch want.Value {
		case "nan:canonical":
			return got&0x7fffffffffffffff == 0x7ff8000000000000
		case "nan:arithmetic":
			return got&0x7ff8000000000000 == 0x7ff8000000000000
		}
		w, _ := strconv.ParseUint(want.Value, 10, 64)
		return w == got
	case "i32":
		w, _ := strconv.ParseUint(want.Value, 10, 32)
		return uint32(w) == uint32(got)
	default:
		w, _ := strconv.ParseUint(want.Value, 10, 64)
		return w == got
	}
}

// trapMatches compares a VM trap with the spec's expected message.
func trapMatches(want string, got vm.TrapKind) bool {
	if got == vm.TrapNone {
		return false
	}
	if strings.Contains(want, "call stack exhausted") {
		return got == vm.TrapStackExhausted
	}
	return strings.HasPrefix(want, got.String()) || strings.HasPrefix(got.String(), want)
}
