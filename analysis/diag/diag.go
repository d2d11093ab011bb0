// Package diag holds the diagnostic vocabulary shared by every analysis package.
//
// Positions are byte offsets into the document's source. Nothing here knows
// about LSP, UTF-16 or line numbers: lsp/ converts spans to positions at the
// protocol boundary, and the CLI computes line and column only when printing.
package diag

import "sort"

// Span is the half-open byte range [Start, End) of a document.
type Span struct {
	Start, End int
}

// Len is the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether the byte offset off lies in s (End inclusive, so a
// cursor just after a token still touches it).
func (s Span) Contains(off int) bool { return s.Start <= off && off <= s.End }

// Severity orders diagnostics from the most to the least serious.
type Severity int

const (
	Error Severity = iota + 1
	Warning
	Info
	Hint
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	case Hint:
		return "hint"
	}
	return "unknown"
}

// Related points at another place that explains a diagnostic, for instance
// the earlier declaration that a redeclaration conflicts with. URI is empty
// when the place is in the same document.
type Related struct {
	URI     string
	Span    Span
	Message string
}

// Diagnostic is one finding: a primary span, a stable code (for instance
// "type-mismatch", documented in docs/diagnostics/CODE.md), a message naming
// what is involved, and related places.
type Diagnostic struct {
	Span     Span
	Severity Severity
	Code     string
	Message  string
	Related  []Related
	// Tags are LSP-style hints for clients ("unnecessary", "deprecated").
	Tags []string
}

// Sort orders diagnostics by position, then by severity, so output is stable.
func Sort(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Span.Start != ds[j].Span.Start {
			return ds[i].Span.Start < ds[j].Span.Start
		}
		if ds[i].Span.End != ds[j].Span.End {
			return ds[i].Span.End < ds[j].Span.End
		}
		return ds[i].Severity < ds[j].Severity
	})
}

// HasErrors reports whether any diagnostic is an error.
func HasErrors(ds []Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}
