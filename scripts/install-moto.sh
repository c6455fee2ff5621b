#!/usr/bin/env bash
# Creates the project-local virtualenv .venv with moto's server (a local AWS API implementation, from
# PyPI) when missing. Idempotent: a working .venv/bin/moto_server is left as it is.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${ITAKU_VENV:-$root/.venv}"
moto_spec="${ITAKU_MOTO_SPEC:-moto[server]==5.2.5}"

marker="$venv/.itaku-moto-installed"
# Test files started in parallel may all find moto missing: one installs, the others wait for it.
mkdir -p "$root/.cache"
exec 9>"$root/.cache/install-moto.lock"
flock 9

if [ -f "$marker" ] && [ -x "$venv/bin/moto_server" ] && "$venv/bin/python" -c "import moto.server" >/dev/null 2>&1; then
  echo "install-moto: $venv already has moto_server"
  exit 0
fi

python="$(command -v python3 || true)"
if [ -z "$python" ]; then
  echo "install-moto: python3 is needed (apt-get install python3 python3-venv)" >&2
  exit 1
fi
if ! "$python" -c "import venv, ensurepip" >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo -n); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends python3-venv
fi

"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$moto_spec"
"$venv/bin/python" -c "import moto.server"
echo "$moto_spec" >"$marker"
echo "install-moto: installed $moto_spec into $venv"
