module github.com/rts-lsp/rts-lsp/bench/peers

go 1.26

require github.com/rts-lsp/rts-lsp v0.0.0

require github.com/gogpu/naga v0.18.0

replace github.com/rts-lsp/rts-lsp => ../..
