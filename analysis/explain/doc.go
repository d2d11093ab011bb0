// Package explain explains diagnostics with retrieved context (RAG) and, for
// cartridges, the image itself (vision), through an OpenAI-compatible
// endpoint, and answers offline when none is configured or it fails.
//
// Pieces:
//   - Index: the persistent chromem-go index of one workspace, holding the
//     diagnostic catalogue (one document per code) and the workspace's *.md
//     sections and *.wgsl comments, each chunk with file and line. It lives in
//     os.UserCacheDir()/rts-lsp/index/<hash of the workspace path>, updates
//     incrementally (size+mtime, then content hash) and is rebuilt when the
//     embedder's name or dimensions change.
//   - Embedder: HashedNgrams ("hashed-ngrams-v1", the default: lexical, local,
//     no model) or OpenAIEmbedder (an /embeddings endpoint).
//   - ChatModel: OpenAIChat streams /chat/completions with go-openai; the
//     prompt holds the diagnostic, numbered code lines around it, the
//     catalogue entry, the retrieved passages with their sources and, for
//     cartridges, the manifest and the image as a PNG data URI at most 512
//     pixels a side.
//   - Engine: ties them together behind Explain, with an answer cache keyed
//     by code, document content hash and context hash (cleared when the index
//     changes; failed model calls are never cached). Explain runs a first
//     Sync itself unless one already ran or is running.
//
// Privacy: nothing leaves the machine unless Options.Endpoint (or
// EmbedModel) is set. The API key comes only from RTS_OPENAI_API_KEY or
// OPENAI_API_KEY, goes only to the configured endpoint, is never logged, and
// without one no Authorization header is sent.
//
// For lsp/: show Answer.Markdown whole (a virtual document opened with
// window/showDocument, or a message plus hover); map Progress to work-done
// progress; call Engine.UpdateFile/RemoveFile on file events. This package
// imports no LSP types; positions are byte offsets (LineCol and Offset
// convert for display).
package explain
