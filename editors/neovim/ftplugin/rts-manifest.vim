" A PixelRTS cartridge manifest is JSON: borrow JSON's syntax and indentation.
if exists('b:did_ftplugin') | finish | endif
let b:did_ftplugin = 1
setlocal syntax=json
setlocal commentstring=
setlocal shiftwidth=2 expandtab
let b:undo_ftplugin = 'setlocal syntax< commentstring< shiftwidth< expandtab<'
