package lsp

import (
	"os"
	"path/filepath"
	"slices"
	"time"
)

// The server writes files under the user cache dir for clients to open:
// hover preview images (rts-lsp/previews) and explanations
// (rts-lsp/explain). Both are content-addressed, so a file is rewritten
// only when its content is new; pruneCacheDir keeps the directories from
// growing without bound across sessions.

const (
	cacheMaxAge   = 7 * 24 * time.Hour // files not written for a week go
	cacheMaxFiles = 512                // and the oldest beyond this many
)

// pruneCacheDir removes the regular files of dir (not its subdirectories)
// whose modification time is older than maxAge before now, then the oldest
// of the rest until at most maxFiles remain. It returns how many it
// removed; a missing dir removes nothing. Errors on single files are
// skipped: another server may be pruning the same directory.
func pruneCacheDir(dir string, now time.Time, maxAge time.Duration, maxFiles int) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	type file struct {
		path string
		mod  time.Time
	}
	var keep []file
	removed := 0
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if now.Sub(info.ModTime()) > maxAge {
			if os.Remove(p) == nil {
				removed++
			}
			continue
		}
		keep = append(keep, file{p, info.ModTime()})
	}
	if len(keep) <= maxFiles {
		return removed
	}
	slices.SortFunc(keep, func(a, b file) int { return a.mod.Compare(b.mod) })
	for _, f := range keep[:len(keep)-maxFiles] {
		if os.Remove(f.path) == nil {
			removed++
		}
	}
	return removed
}

// pruneCaches prunes the preview and explanation directories in the
// background; it is called once per session.
func (s *server) pruneCaches() {
	dirs := []string{s.cart.previewDir}
	if d := explainDir(); d != "" {
		dirs = append(dirs, d)
	}
	go func() {
		now := time.Now()
		for _, d := range dirs {
			if d == "" {
				continue
			}
			if n := pruneCacheDir(d, now, cacheMaxAge, cacheMaxFiles); n > 0 {
				s.log.Debug("pruned cache files", "dir", d, "removed", n)
			}
		}
	}()
}
