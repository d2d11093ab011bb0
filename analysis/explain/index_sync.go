package explain

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	chromem "github.com/philippgille/chromem-go"
)

// candidate is a file Sync considers.
type candidate struct {
	key     string
	display string // path shown in sources
	size    int64
	modTime int64
	read    func() ([]byte, error)
}

// Sync brings the index up to date with src: new files are chunked and
// added, changed files (size or mtime differ, and then the content hash)
// re-chunked with their old chunks deleted, and files that disappeared
// removed. progress, if not nil, is called once per file. On error the index
// keeps every file completed so far and stays consistent.
func (ix *Index) Sync(ctx context.Context, src Sources, progress func(Progress)) (IndexStats, error) {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	begin := time.Now()
	stats := IndexStats{Rebuilt: ix.rebuiltPending}
	cands, err := gatherCandidates(src, ix.dir)
	if err != nil {
		return stats, err
	}
	if err := ix.markDirty(true); err != nil {
		return stats, err
	}
	seen := map[string]bool{}
	for i, c := range cands {
		if err := ctx.Err(); err != nil {
			return stats, err
		}
		if progress != nil {
			progress(Progress{Done: i, Total: len(cands), Path: c.display})
		}
		seen[c.key] = true
		kind, err := ix.syncFile(ctx, c)
		if err != nil {
			return stats, err
		}
		switch kind {
		case "added":
			stats.Added++
		case "updated":
			stats.Updated++
		default:
			stats.Unchanged++
		}
	}
	for _, key := range ix.Files() {
		if !seen[key] {
			if err := ix.removeKey(key); err != nil {
				return stats, err
			}
			stats.Removed++
		}
	}
	if progress != nil {
		progress(Progress{Done: len(cands), Total: len(cands)})
	}
	if err := ix.markDirty(false); err != nil {
		return stats, err
	}
	ix.rebuiltPending = false
	stats.Files = len(ix.Files())
	stats.Chunks = ix.Count()
	stats.Elapsed = time.Since(begin)
	return stats, nil
}

// syncFile indexes one candidate if it changed; it returns "added",
// "updated" or "unchanged".
func (ix *Index) syncFile(ctx context.Context, c candidate) (string, error) {
	ix.mu.Lock()
	old, known := ix.state.Files[c.key]
	ix.mu.Unlock()
	if known && c.modTime != 0 && old.Size == c.size && old.ModTime == c.modTime {
		return "unchanged", nil
	}
	data, err := c.read()
	if err != nil {
		return "", fmt.Errorf("indexing %s: %w", c.display, err)
	}
	hash := contentHash(data)
	if known && old.Hash == hash {
		old.Size, old.ModTime = c.size, c.modTime
		ix.mu.Lock()
		ix.state.Files[c.key] = old
		ix.mu.Unlock()
		return "unchanged", nil
	}
	if err := ix.replace(ctx, c.key, c.display, data, c.size, c.modTime, hash); err != nil {
		return "", err
	}
	if known {
		return "updated", nil
	}
	return "added", nil
}

// UpdateFile re-indexes one workspace file from content (for instance an
// unsaved editor buffer or a file the client reported changed). rel is the
// slash path relative to the workspace root. Files other than .md and .wgsl
// are ignored.
func (ix *Index) UpdateFile(ctx context.Context, rel string, content []byte) error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	rel = path.Clean(filepath.ToSlash(rel))
	if !indexable(rel) {
		return nil
	}
	if err := ix.markDirty(true); err != nil {
		return err
	}
	key := keyWorkspace + rel
	hash := contentHash(content)
	ix.mu.Lock()
	old, known := ix.state.Files[key]
	ix.mu.Unlock()
	if !known || old.Hash != hash {
		// Size and mtime 0: the next Sync compares the file on disk by hash.
		if err := ix.replace(ctx, key, rel, content, 0, 0, hash); err != nil {
			return err
		}
	}
	return ix.markDirty(false)
}

// RemoveFile drops a workspace file's passages (rel as in UpdateFile).
func (ix *Index) RemoveFile(rel string) error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if err := ix.markDirty(true); err != nil {
		return err
	}
	if err := ix.removeKey(keyWorkspace + path.Clean(filepath.ToSlash(rel))); err != nil {
		return err
	}
	return ix.markDirty(false)
}

// replace deletes key's old chunks and adds the chunks of data.
func (ix *Index) replace(ctx context.Context, key, display string, data []byte, size, modTime int64, hash string) error {
	if err := ix.removeKey(key); err != nil {
		return err
	}
	var chunks []Chunk
	kind := "workspace"
	if strings.HasPrefix(key, keyCatalogue) {
		kind = "catalogue"
		code := strings.TrimSuffix(path.Base(display), ".md")
		if text := strings.TrimSpace(string(data)); text != "" {
			chunks = []Chunk{{Path: display, Line: 1, Title: code, Text: text}}
		}
	} else {
		chunks = ChunkFile(display, data)
	}
	texts := make([]string, len(chunks))
	for i, ch := range chunks {
		texts[i] = ch.Title + "\n" + ch.Text
	}
	var docs []chromem.Document
	ids := make([]string, len(chunks))
	if len(chunks) > 0 {
		vecs, err := ix.emb.Embed(ctx, texts)
		if err != nil {
			return fmt.Errorf("embedding %s: %w", display, err)
		}
		if len(vecs) != len(chunks) {
			return fmt.Errorf("embedding %s: %d vectors for %d chunks", display, len(vecs), len(chunks))
		}
		for i, ch := range chunks {
			ids[i] = key + "#" + strconv.Itoa(i)
			docs = append(docs, chromem.Document{
				ID:        ids[i],
				Content:   ch.Text,
				Embedding: vecs[i],
				Metadata: map[string]string{
					"key": key, "path": ch.Path, "line": strconv.Itoa(ch.Line),
					"title": ch.Title, "kind": kind,
				},
			})
		}
		ix.colMu.Lock()
		err = ix.col.AddDocuments(ctx, docs, runtime.NumCPU())
		ix.colMu.Unlock()
		if err != nil {
			return fmt.Errorf("storing %s: %w", display, err)
		}
	}
	ix.mu.Lock()
	ix.state.Files[key] = fileState{Size: size, ModTime: modTime, Hash: hash, Chunks: ids}
	ix.mu.Unlock()
	return nil
}

// removeKey deletes a file's chunks and forgets it.
func (ix *Index) removeKey(key string) error {
	ix.mu.Lock()
	old, known := ix.state.Files[key]
	ix.mu.Unlock()
	if !known {
		return nil
	}
	if len(old.Chunks) > 0 {
		ix.colMu.Lock()
		err := ix.col.Delete(context.Background(), nil, nil, old.Chunks...)
		ix.colMu.Unlock()
		if err != nil {
			return fmt.Errorf("removing passages of %s: %w", key, err)
		}
	}
	ix.mu.Lock()
	delete(ix.state.Files, key)
	ix.mu.Unlock()
	return nil
}

func contentHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func indexable(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".wgsl":
		return true
	}
	return false
}

// gatherCandidates lists the catalogue entries and the workspace's *.md and
// *.wgsl files, skipping hidden directories, node_modules, vendor, the index
// directory itself and files over maxFileBytes.
func gatherCandidates(src Sources, indexDir string) ([]candidate, error) {
	var out []candidate
	if src.Catalogue != nil {
		entries, err := fs.ReadDir(src.Catalogue, ".")
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("reading the diagnostic catalogue: %w", err)
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || path.Ext(name) != ".md" {
				continue
			}
			out = append(out, candidate{
				key: keyCatalogue + name, display: cataloguePath + name,
				read: func() ([]byte, error) { return fs.ReadFile(src.Catalogue, name) },
			})
		}
	}
	if src.Workspace == "" {
		return out, nil
	}
	root, err := filepath.Abs(src.Workspace)
	if err != nil {
		return nil, err
	}
	skipDir, _ := filepath.Abs(indexDir)
	found := 0
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return fmt.Errorf("workspace %s: %w", root, err)
			}
			return nil // unreadable entries are skipped
		}
		if d.IsDir() {
			name := d.Name()
			if p != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor" || p == skipDir) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !indexable(d.Name()) {
			return nil
		}
		info, err := d.Info()
		if err != nil || info.Size() > maxFileBytes {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if found++; found > maxWorkspaceFiles {
			return fmt.Errorf("workspace %s has more than %d .md and .wgsl files; index a narrower directory", root, maxWorkspaceFiles)
		}
		out = append(out, candidate{
			key: keyWorkspace + rel, display: rel,
			size: info.Size(), modTime: info.ModTime().UnixNano(),
			read: func() ([]byte, error) { return os.ReadFile(p) },
		})
		return nil
	})
	return out, err
}
