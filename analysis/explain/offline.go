package explain

import (
	"fmt"
	"strings"
)

// offline builds the answer given when no model answered: the catalogue
// entry, the top passages with their sources, and the reason, under a
// header that says it is offline. cache says whether to keep it (only when
// the reason is that no model is configured, which a retry would not change).
func (e *Engine) offline(key string, in promptInput, sources []Source, reason string, cache bool) Answer {
	var b strings.Builder
	fmt.Fprintf(&b, "# Offline explanation (%s)\n\n", reason)
	writeDiagnosticLine(&b, in)
	if in.catalogue != "" {
		fmt.Fprintf(&b, "\n## Catalogue: `%s`\n\n_Source: %s%s.md_\n\n%s\n", in.diag.Code, cataloguePath, in.diag.Code, demoteHeadings(strings.TrimSpace(in.catalogue)))
	} else {
		fmt.Fprintf(&b, "\nThe diagnostic catalogue has no entry for `%s`.\n", in.diag.Code)
	}
	if len(in.passages) > 0 {
		b.WriteString("\n## Related passages\n")
		for _, p := range in.passages {
			fmt.Fprintf(&b, "\n**%s** (%s:%d)\n\n%s\n", p.Title, p.Path, p.Line, quote(excerpt(p.Text, 600)))
		}
	}
	a := Answer{Markdown: b.String(), Sources: sources, Offline: true, Reason: reason}
	if cache {
		e.store(key, a)
	}
	return a
}

// modelMarkdown frames the model's answer with the diagnostic and the
// sources it was given.
func modelMarkdown(in promptInput, text string, sources []Source, model string) string {
	var b strings.Builder
	writeDiagnosticLine(&b, in)
	fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(text))
	if len(sources) > 0 {
		b.WriteString("\n---\n\n**Sources**\n\n")
		first := 1
		if in.catalogue != "" {
			first = 0
		}
		for i, s := range sources {
			fmt.Fprintf(&b, "- [%d] %s:%d — %s\n", first+i, s.Path, s.Line, s.Title)
		}
	}
	fmt.Fprintf(&b, "\n_Answered by %s._\n", model)
	return b.String()
}

func writeDiagnosticLine(b *strings.Builder, in promptInput) {
	line, col := LineCol(in.src, in.diag.Span.Start)
	fmt.Fprintf(b, "**%s `%s`** at %s:%d:%d: %s\n", in.diag.Severity, in.diag.Code, displayPath(in.path), line, col, in.diag.Message)
	if in.context != "" {
		fmt.Fprintf(b, "\n```%s\n%s```\n", fenceLang(in.path), in.context)
	}
}

// demoteHeadings turns "# X" into "### X" (outside code fences) so an
// embedded catalogue entry nests under the answer's own headings.
func demoteHeadings(s string) string {
	lines := strings.Split(s, "\n")
	fence := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		if !fence && isHeading(t) {
			lines[i] = "##" + t
		}
	}
	return strings.Join(lines, "\n")
}

// excerpt cuts s to about n bytes at a line or word boundary.
func excerpt(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexAny(s[:n], "\n ")
	if cut < n/2 {
		cut = n
	}
	return strings.ToValidUTF8(s[:cut], "") + " …"
}

func quote(s string) string {
	return "> " + strings.ReplaceAll(s, "\n", "\n> ")
}
