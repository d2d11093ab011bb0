package explain

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	chromem "github.com/philippgille/chromem-go"
)

// Index is the persistent retrieval index of one workspace: chunks of the
// diagnostic catalogue and of the workspace's *.md files and *.wgsl comments,
// embedded and stored with chromem-go under a cache directory.
//
// Concurrency: Sync, UpdateFile and RemoveFile are serialised by writeMu;
// Query may run alongside them and sees each file either before or after
// its update. colMu keeps a query's passage count and search together
// (chromem-go fails a search for more results than it holds, and a
// removal could shrink it in between); writers hold it only to store or
// delete, not while embedding. mu guards state.
type Index struct {
	dir     string
	emb     Embedder
	db      *chromem.DB
	col     *chromem.Collection
	writeMu sync.Mutex
	colMu   sync.RWMutex
	// rebuiltPending: a stored index was discarded at open; the next Sync
	// reports Rebuilt.
	rebuiltPending bool

	mu    sync.Mutex
	state indexState
}

// Sources says what Sync indexes.
type Sources struct {
	// Workspace is the root directory whose *.md and *.wgsl files are
	// indexed; "" indexes no workspace files.
	Workspace string
	// Catalogue holds the diagnostic catalogue as CODE.md files at its root;
	// nil indexes none. Each file is one document.
	Catalogue fs.FS
}

// Progress reports indexing: Done of Total files examined, and the file
// being examined now.
type Progress struct {
	Done, Total int
	Path        string
}

// IndexStats summarises a Sync.
type IndexStats struct {
	Files     int // files in the index after the sync
	Chunks    int // passages in the index after the sync
	Added     int // files indexed for the first time
	Updated   int // files re-chunked because their content changed
	Removed   int // files gone since the last sync
	Unchanged int
	Rebuilt   bool // the stored index was discarded (new embedder, format or interrupted write)
	Elapsed   time.Duration
}

const (
	stateVersion   = 1
	stateFile      = "state.json"
	collectionName = "passages"
	maxFileBytes   = 2 << 20 // larger files are skipped
	keyCatalogue   = "catalogue/"
	keyWorkspace   = "ws/"
	cataloguePath  = "docs/diagnostics/"
)

// maxWorkspaceFiles bounds a workspace scan, so pointing the index at a
// home directory fails clearly instead of indexing for hours.
var maxWorkspaceFiles = 20000

// indexState is what the index knows about each indexed file, persisted
// beside the chromem-go files. Dirty is set while a write is in progress, so
// an interrupted one is detected at the next open and the index rebuilt.
type indexState struct {
	Version  int
	Embedder string
	Dirty    bool
	Files    map[string]fileState
}

type fileState struct {
	Size    int64
	ModTime int64 // UnixNano; 0 for catalogue entries (compared by hash)
	Hash    string
	Chunks  []string // chromem document IDs
}

// DefaultIndexDir is os.UserCacheDir()/rts-lsp/index/<hash of the absolute
// workspace path>.
func DefaultIndexDir(workspace string) (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no user cache directory: %w", err)
	}
	if workspace != "" {
		if abs, err := filepath.Abs(workspace); err == nil {
			workspace = abs
		}
	}
	sum := sha256.Sum256([]byte(workspace))
	return filepath.Join(base, "rts-lsp", "index", hex.EncodeToString(sum[:8])), nil
}

// OpenIndex opens (creating it if needed) the index stored in dir for
// vectors of emb. A stored index built by another embedder (name or dims),
// another format version, or an interrupted write is discarded; the next
// Sync rebuilds it and reports Rebuilt.
func OpenIndex(dir string, emb Embedder) (*Index, error) {
	if emb == nil {
		return nil, errors.New("explain: OpenIndex needs an embedder")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("index directory %s: %w", dir, err)
	}
	ix := &Index{dir: dir, emb: emb}
	st, loadErr := ix.loadState()
	rebuild := loadErr != nil || st.Version != stateVersion || st.Embedder != embedderID(emb) || st.Dirty
	if rebuild {
		// Remove the vectors before opening, so stale files are never loaded.
		if err := os.RemoveAll(filepath.Join(dir, "db")); err != nil {
			return nil, fmt.Errorf("clearing stale index %s: %w", dir, err)
		}
		st = indexState{Version: stateVersion, Embedder: embedderID(emb), Files: map[string]fileState{}}
		ix.rebuiltPending = !errors.Is(loadErr, fs.ErrNotExist)
	}
	db, err := chromem.NewPersistentDB(filepath.Join(dir, "db"), false)
	if err != nil {
		return nil, fmt.Errorf("opening index %s: %w", dir, err)
	}
	col, err := db.GetOrCreateCollection(collectionName, map[string]string{"embedder": embedderID(emb)}, ix.embedOne)
	if err != nil {
		return nil, fmt.Errorf("opening index %s: %w", dir, err)
	}
	ix.db, ix.col, ix.state = db, col, st
	if rebuild {
		if err := ix.saveState(); err != nil {
			return nil, err
		}
	}
	return ix, nil
}

// embedOne is the embedding function given to chromem-go. The index always
// passes vectors itself, but chromem-go must never fall back to its default
// (which calls OpenAI over the network).
func (ix *Index) embedOne(ctx context.Context, text string) ([]float32, error) {
	vs, err := ix.emb.Embed(ctx, []string{text})
	if err != nil {
		return nil, err
	}
	return vs[0], nil
}

// Dir is the directory the index lives in.
func (ix *Index) Dir() string { return ix.dir }

// Embedder is the embedder the index was opened with.
func (ix *Index) Embedder() Embedder { return ix.emb }

// Count is the number of passages in the index.
func (ix *Index) Count() int {
	ix.colMu.RLock()
	defer ix.colMu.RUnlock()
	return ix.col.Count()
}

// Files lists the keys of the indexed files, sorted ("catalogue/CODE.md",
// "ws/rel/path.md").
func (ix *Index) Files() []string {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	keys := make([]string, 0, len(ix.state.Files))
	for k := range ix.state.Files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (ix *Index) loadState() (indexState, error) {
	var st indexState
	data, err := os.ReadFile(filepath.Join(ix.dir, stateFile))
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(data, &st); err != nil {
		return st, fmt.Errorf("%s: %w", stateFile, err)
	}
	if st.Files == nil {
		st.Files = map[string]fileState{}
	}
	return st, nil
}

// saveState writes the state atomically (temporary file, then rename).
func (ix *Index) saveState() error {
	ix.mu.Lock()
	data, err := json.Marshal(ix.state)
	ix.mu.Unlock()
	if err != nil {
		return err
	}
	tmp := filepath.Join(ix.dir, stateFile+".tmp")
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("saving index state: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(ix.dir, stateFile)); err != nil {
		return fmt.Errorf("saving index state: %w", err)
	}
	return nil
}

func (ix *Index) markDirty(dirty bool) error {
	ix.mu.Lock()
	ix.state.Dirty = dirty
	ix.mu.Unlock()
	return ix.saveState()
}
