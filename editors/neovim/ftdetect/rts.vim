" rts-lsp file types. Works on Neovim 0.7 (filetype.vim) and later (filetype.lua); `set filetype=` so a
" cartridge manifest wins over the generic *.json detection that ran first.
autocmd BufRead,BufNewFile *.wgsl setfiletype wgsl
autocmd BufRead,BufNewFile *.rts.meta.json set filetype=rts-manifest
