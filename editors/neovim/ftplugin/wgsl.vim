" WGSL: C-style comments (block comments nest in WGSL; Vim's comment formatting does not care).
if exists('b:did_ftplugin') | finish | endif
let b:did_ftplugin = 1
setlocal commentstring=//\ %s
setlocal comments=s1:/*,mb:*,ex:*/,://
setlocal cindent
let b:undo_ftplugin = 'setlocal commentstring< comments< cindent<'
