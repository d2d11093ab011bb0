#!/bin/sh
# Unpacks Neovim 0.10 from Debian 13 (trixie) packages into DEST, idempotently, without installing anything
# system-wide: a private apt lists dir, `apt-get download`, `dpkg -x`, and a wrapper DEST/nvim that runs it with
# trixie's own dynamic loader and libraries (its glibc is newer than Debian 12's). Only the Debian archive is
# contacted. Usage: install-nvim-trixie.sh DEST   -> DEST/nvim
set -eu
DEST=${1:?usage: install-nvim-trixie.sh DEST}
[ -x "$DEST/nvim" ] && "$DEST/nvim" --version > /dev/null 2>&1 && exit 0
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$DEST/apt/lists/partial" "$DEST/apt/cache/archives/partial" "$DEST/debs" "$DEST/root"
echo "deb $MIRROR trixie main" > "$DEST/apt/sources.list"
A="-o Dir::Etc::SourceList=$DEST/apt/sources.list -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$DEST/apt/lists -o Dir::Cache=$DEST/apt/cache -o APT::Architecture=amd64"
# shellcheck disable=SC2086
apt-get $A update > /dev/null
cd "$DEST/debs"
# shellcheck disable=SC2086
apt-get $A download neovim neovim-runtime libc6 libgcc-s1 libluajit-5.1-2 libmsgpack-c2 libtree-sitter0.22 \
  libunibilium4 libuv1t64 libvterm0 lua-lpeg lua-luv 2> /dev/null
for d in *.deb; do dpkg -x "$d" "$DEST/root"; done
R="$DEST/root"
cat > "$DEST/nvim" <<WRAP
#!/bin/sh
export VIMRUNTIME=$R/usr/share/nvim/runtime
exec $R/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 --library-path $R/usr/lib/x86_64-linux-gnu:$R/lib/x86_64-linux-gnu \\
  $R/usr/bin/nvim --cmd 'set rtp+=$R/usr/lib/nvim' "\$@"
WRAP
chmod +x "$DEST/nvim"
"$DEST/nvim" --version | head -1
