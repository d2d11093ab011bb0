// Package docs embeds the diagnostic catalogue: one markdown document per
// diagnostic code (docs/diagnostics/CODE.md), each saying what the code means
// with a minimal wrong and fixed example. The explain engine retrieves from it
// and the server links to it.
package docs

import "embed"

// Diagnostics holds diagnostics/CODE.md for every stable diagnostic code.
//
//go:embed diagnostics/*.md
var Diagnostics embed.FS
