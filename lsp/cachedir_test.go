package lsp

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestPruneCacheDir(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	write := func(name string, age time.Duration) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	write("stale.png", 8*24*time.Hour)
	write("old.png", 3*time.Hour)
	write("older.png", 4*time.Hour)
	write("new.png", time.Minute)
	write("newer.md", time.Second)
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}

	if n := pruneCacheDir(dir, now, 7*24*time.Hour, 3); n != 2 {
		t.Errorf("removed %d files, want 2 (the stale one, then the oldest beyond 3)", n)
	}
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{"new.png", "newer.md", "old.png", "sub"}
	if len(left) != len(want) {
		t.Fatalf("left %v, want %v", left, want)
	}
	for i := range want {
		if left[i] != want[i] {
			t.Fatalf("left %v, want %v", left, want)
		}
	}
	if n := pruneCacheDir(filepath.Join(dir, "missing"), now, time.Hour, 1); n != 0 {
		t.Errorf("a missing dir removed %d", n)
	}
}
