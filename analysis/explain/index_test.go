package explain

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func syncAll(t *testing.T, ix *Index, ws string) IndexStats {
	t.Helper()
	st, err := ix.Sync(context.Background(), Sources{Workspace: ws, Catalogue: testCatalogue}, nil)
	if err != nil {
		t.Fatalf("Sync: %v", err)
	}
	return st
}

func top(t *testing.T, ix *Index, query string) Passage {
	t.Helper()
	got, err := ix.Query(context.Background(), query, 1)
	if err != nil || len(got) != 1 {
		t.Fatalf("Query(%q): %v %v", query, got, err)
	}
	return got[0]
}

func TestIndexIncrementalUpdatesAndPersistence(t *testing.T) {
	ws := writeWorkspace(t)
	dir := t.TempDir()
	ix, err := OpenIndex(dir, NewHashedNgrams(0))
	if err != nil {
		t.Fatal(err)
	}
	var progress []Progress
	st, err := ix.Sync(context.Background(), Sources{Workspace: ws, Catalogue: testCatalogue}, func(p Progress) { progress = append(progress, p) })
	if err != nil {
		t.Fatal(err)
	}
	// 3 catalogue entries + README.md, docs/cartridges.md, shaders/grid.wgsl (.git skipped).
	if st.Added != 6 || st.Files != 6 || st.Updated+st.Removed+st.Unchanged != 0 || st.Rebuilt {
		t.Fatalf("first sync: %+v", st)
	}
	if len(progress) != 7 || progress[6].Done != 6 || progress[6].Total != 6 || progress[0].Path == "" {
		t.Errorf("progress reports: %+v", progress)
	}
	if p := top(t, ix, "style guide semicolon let statement"); p.Path != "README.md" || p.Line != 5 || p.Title != "Semicolons" {
		t.Errorf("top passage %+v, want README.md:5 Semicolons", p)
	}
	chunksBefore := ix.Count()

	// Nothing changed: nothing re-read.
	if st := syncAll(t, ix, ws); st.Unchanged != 6 || st.Added+st.Updated+st.Removed != 0 {
		t.Fatalf("idle sync: %+v", st)
	}

	// Change one file (new size and mtime), delete another.
	readme := filepath.Join(ws, "README.md")
	if err := os.WriteFile(readme, []byte("# Project\n\nBindings use group zero for the camera uniform buffer.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(ws, "docs", "cartridges.md")); err != nil {
		t.Fatal(err)
	}
	st = syncAll(t, ix, ws)
	if st.Updated != 1 || st.Removed != 1 || st.Unchanged != 4 {
		t.Fatalf("sync after edits: %+v", st)
	}
	if ix.Count() != chunksBefore-2 { // README 2 chunks -> 1, cartridges.md 1 -> 0
		t.Errorf("count %d, want %d: old chunks must be deleted", ix.Count(), chunksBefore-2)
	}
	got, _ := ix.Query(context.Background(), "semicolon style guide", ix.Count())
	for _, p := range got {
		if strings.Contains(p.Text, "style guide") || p.Path == "docs/cartridges.md" {
			t.Errorf("stale passage still indexed: %+v", p)
		}
	}
	if p := top(t, ix, "camera uniform buffer group"); p.Path != "README.md" || p.Line != 1 {
		t.Errorf("new content not found: %+v", p)
	}

	// Touch without changing the content: the hash says unchanged.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(readme, later, later); err != nil {
		t.Fatal(err)
	}
	if st := syncAll(t, ix, ws); st.Unchanged != 5 || st.Updated != 0 {
		t.Fatalf("touched file should be unchanged by hash: %+v", st)
	}

	// Editor buffer update, then removal, without a sync.
	if err := ix.UpdateFile(context.Background(), "notes/new.md", []byte("# Dispatch\n\nWorkgroup counts above 65535 are rejected by the device.\n")); err != nil {
		t.Fatal(err)
	}
	if p := top(t, ix, "workgroup counts rejected by device"); p.Path != "notes/new.md" {
		t.Errorf("UpdateFile content not found: %+v", p)
	}

	// Reopen from disk: same passages, nothing to redo.
	count := ix.Count()
	ix2, err := OpenIndex(dir, NewHashedNgrams(0))
	if err != nil {
		t.Fatal(err)
	}
	if ix2.Count() != count {
		t.Fatalf("reopened index has %d passages, want %d", ix2.Count(), count)
	}
	if p := top(t, ix2, "camera uniform buffer group"); p.Path != "README.md" {
		t.Errorf("reopened index query: %+v", p)
	}
	if err := ix2.RemoveFile("notes/new.md"); err != nil {
		t.Fatal(err)
	}
	st = syncAll(t, ix2, ws)
	if st.Unchanged != 5 || st.Added+st.Updated+st.Removed != 0 || st.Rebuilt {
		t.Fatalf("sync after reopen: %+v", st)
	}
}

func TestIndexEmbedderChangeRebuilds(t *testing.T) {
	ws := writeWorkspace(t)
	dir := t.TempDir()
	ix, err := OpenIndex(dir, NewHashedNgrams(256))
	if err != nil {
		t.Fatal(err)
	}
	first := syncAll(t, ix, ws)
	// Same embedder: kept.
	ix, _ = OpenIndex(dir, NewHashedNgrams(256))
	if ix.Count() != first.Chunks {
		t.Fatalf("same embedder should keep the index")
	}
	// Other dims: discarded, rebuilt at the next sync with vectors of the new size.
	ix, err = OpenIndex(dir, NewHashedNgrams(512))
	if err != nil {
		t.Fatal(err)
	}
	if ix.Count() != 0 {
		t.Fatalf("index for another embedder should start empty, has %d", ix.Count())
	}
	st := syncAll(t, ix, ws)
	if !st.Rebuilt || st.Added != first.Added || st.Chunks != first.Chunks {
		t.Fatalf("rebuild: %+v (first %+v)", st, first)
	}
	got, err := ix.col.GetByID(context.Background(), "ws/README.md#0")
	if err != nil || len(got.Embedding) != 512 {
		t.Fatalf("rebuilt vectors: %d dims, err %v", len(got.Embedding), err)
	}
	if st := syncAll(t, ix, ws); st.Rebuilt {
		t.Errorf("Rebuilt must be reported once")
	}
}

func TestIndexInterruptedWriteRebuilds(t *testing.T) {
	ws := writeWorkspace(t)
	dir := t.TempDir()
	ix, _ := OpenIndex(dir, NewHashedNgrams(0))
	syncAll(t, ix, ws)
	// Simulate a crash in the middle of a write.
	ix.markDirty(true)
	ix, err := OpenIndex(dir, NewHashedNgrams(0))
	if err != nil {
		t.Fatal(err)
	}
	if st := syncAll(t, ix, ws); !st.Rebuilt || st.Added != 6 {
		t.Fatalf("interrupted index should be rebuilt: %+v", st)
	}
	// A corrupt state file too.
	os.WriteFile(filepath.Join(dir, stateFile), []byte("{not json"), 0o600)
	ix, err = OpenIndex(dir, NewHashedNgrams(0))
	if err != nil {
		t.Fatal(err)
	}
	if st := syncAll(t, ix, ws); !st.Rebuilt || st.Added != 6 {
		t.Fatalf("corrupt state should rebuild: %+v", st)
	}
	var state indexState
	data, _ := os.ReadFile(filepath.Join(dir, stateFile))
	if err := json.Unmarshal(data, &state); err != nil || state.Dirty || len(state.Files) != 6 {
		t.Fatalf("state after sync: dirty=%v files=%d err=%v", state.Dirty, len(state.Files), err)
	}
}

func TestIndexEmptyCatalogueAndWorkspace(t *testing.T) {
	ix, err := OpenIndex(t.TempDir(), NewHashedNgrams(0))
	if err != nil {
		t.Fatal(err)
	}
	st, err := ix.Sync(context.Background(), Sources{Workspace: t.TempDir(), Catalogue: fstest.MapFS{}}, nil)
	if err != nil || st.Files != 0 || st.Chunks != 0 {
		t.Fatalf("empty sync: %+v %v", st, err)
	}
	got, err := ix.Query(context.Background(), "anything at all", 5)
	if err != nil || len(got) != 0 {
		t.Fatalf("query on an empty index: %v %v", got, err)
	}
	e := newTestEngine(t, Options{Workspace: t.TempDir(), Catalogue: fstest.MapFS{}})
	a, err := e.Explain(context.Background(), Request{Diagnostic: syntaxDiag(brokenShader), Source: []byte(brokenShader)})
	if err != nil || !a.Offline || !strings.Contains(a.Markdown, "no entry for `syntax-error`") || len(a.Sources) != 0 {
		t.Fatalf("explain with nothing indexed: %v\n%s", err, a.Markdown)
	}
}

func TestIndexMissingWorkspaceIsAnError(t *testing.T) {
	ix, _ := OpenIndex(t.TempDir(), NewHashedNgrams(0))
	_, err := ix.Sync(context.Background(), Sources{Workspace: filepath.Join(t.TempDir(), "nope")}, nil)
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("want an error naming the workspace, got %v", err)
	}
}

func TestQueryCapsResultsAtCollectionSize(t *testing.T) {
	ix, _ := OpenIndex(t.TempDir(), NewHashedNgrams(0))
	syncAll(t, ix, "")
	got, err := ix.Query(context.Background(), "semicolon", 100)
	if err != nil || len(got) != 3 {
		t.Fatalf("want all 3 catalogue entries, got %d: %v", len(got), err)
	}
}

func TestDefaultIndexDirPerWorkspace(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	a, err := DefaultIndexDir("/some/workspace")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := DefaultIndexDir("/other/workspace")
	if a == b || !strings.Contains(a, filepath.Join("rts-lsp", "index")) {
		t.Errorf("index dirs %q and %q", a, b)
	}
}

func TestIndexRefusesHugeWorkspaces(t *testing.T) {
	defer func(n int) { maxWorkspaceFiles = n }(maxWorkspaceFiles)
	maxWorkspaceFiles = 2
	ix, _ := OpenIndex(t.TempDir(), NewHashedNgrams(0))
	_, err := ix.Sync(context.Background(), Sources{Workspace: writeWorkspace(t)}, nil)
	if err == nil || !strings.Contains(err.Error(), "more than 2 .md and .wgsl files") {
		t.Fatalf("want the file cap reported, got %v", err)
	}
}

func TestIndexQueriesDuringUpdates(t *testing.T) {
	ws := writeWorkspace(t)
	ix, _ := OpenIndex(t.TempDir(), NewHashedNgrams(0))
	syncAll(t, ix, ws)
	done := make(chan struct{})
	errs := make(chan error, 1)
	go func() {
		defer close(errs)
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := ix.Query(context.Background(), "semicolon let statement", 10); err != nil {
				errs <- err
				return
			}
		}
	}()
	for i := 0; i < 20; i++ {
		text := strings.Repeat("# Section\n\nparagraph about semicolons\n\n", i%5+1)
		if err := ix.UpdateFile(context.Background(), "churn.md", []byte(text)); err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			if err := ix.RemoveFile("churn.md"); err != nil {
				t.Fatal(err)
			}
		}
	}
	close(done)
	if err := <-errs; err != nil {
		t.Fatalf("query during updates: %v", err)
	}
}
