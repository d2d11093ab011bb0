package explain

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// answerCacheSize bounds the number of cached answers.
const answerCacheSize = 128

// cacheKey hashes the code, the document content and everything else the
// prompt is built from, plus the endpoint and model.
func (e *Engine) cacheKey(req Request, in promptInput) string {
	h := sha256.New()
	d := req.Diagnostic
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%d\x00%d\x00%s\x00", d.Code, d.Message, d.Severity, d.Span.Start, d.Span.End, req.Path)
	doc := sha256.Sum256(req.Source)
	h.Write(doc[:])
	fmt.Fprintf(h, "\x00%s\x00%s\x00%s\x00%s", in.manifest, in.imageURI, e.opts.Endpoint, e.opts.Model)
	return hex.EncodeToString(h.Sum(nil))
}

func (e *Engine) cached(key string) (Answer, bool) {
	e.cacheMu.Lock()
	defer e.cacheMu.Unlock()
	a, ok := e.cache[key]
	return a, ok
}

func (e *Engine) store(key string, a Answer) {
	e.cacheMu.Lock()
	defer e.cacheMu.Unlock()
	if _, ok := e.cache[key]; !ok {
		e.cacheOrder = append(e.cacheOrder, key)
	}
	e.cache[key] = a
	for len(e.cacheOrder) > answerCacheSize {
		delete(e.cache, e.cacheOrder[0])
		e.cacheOrder = e.cacheOrder[1:]
	}
}

// clearCache forgets all answers: the passages they drew on may have changed.
func (e *Engine) clearCache() {
	e.cacheMu.Lock()
	defer e.cacheMu.Unlock()
	e.cache = map[string]Answer{}
	e.cacheOrder = nil
}
