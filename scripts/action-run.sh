#!/usr/bin/env bash
# The GitHub Action's shell steps (action.yml), kept here so they run and are tested outside GitHub.
#   action-run.sh install   installs itaku: INPUT_VERSION from the registry, else `npm pack` of this checkout
#   action-run.sh run       runs itaku with the INPUT_* the action passes; writes exit-code and
#                           sarif-file to $GITHUB_OUTPUT and exits with itaku's exit code
set -euo pipefail

phase="${1:-}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

install_itaku() {
  if [[ -n "${INPUT_VERSION:-}" ]]; then
    npm install -g --no-audit --no-fund "itaku@${INPUT_VERSION}"
    return
  fi
  # The action's own checkout: build the tarball the same way a release does.
  local out="${RUNNER_TEMP:-$(mktemp -d)}/itaku-pack"
  mkdir -p "$out"
  (cd "$repo_root" && npm install -g --no-audit --no-fund pnpm@10.34.9 && pnpm install --frozen-lockfile)
  (cd "$repo_root/packages/cli" && npm pack --pack-destination "$out")
  npm install -g --no-audit --no-fund "$out"/itaku-*.tgz
}

run_itaku() {
  local command="${INPUT_COMMAND:-scan}"
  local -a argv=()
  read -r -a argv <<<"$command"
  local sarif_file=""
  # config, format, fail-on and SARIF apply to the commands that evaluate rules.
  case "$command" in
    scan | evaluate | audit)
      [[ -n "${INPUT_CONFIG:-}" ]] && argv+=(--config "$INPUT_CONFIG")
      [[ -n "${INPUT_FORMAT:-}" ]] && argv+=(--format "$INPUT_FORMAT")
      [[ -n "${INPUT_FAIL_ON:-}" ]] && argv+=(--fail-on "$INPUT_FAIL_ON")
      if [[ "${INPUT_UPLOAD_SARIF:-false}" == "true" ]]; then
        sarif_file="${RUNNER_TEMP:-$PWD}/itaku.sarif"
        argv+=(--report "sarif=$sarif_file")
      fi
      ;;
  esac
  # args: extra flags, split on whitespace (no shell evaluation of the input).
  local -a extra=()
  read -r -a extra <<<"${INPUT_ARGS:-}"
  argv+=("${extra[@]}")

  local code=0
  itaku "${argv[@]}" || code=$?
  {
    echo "exit-code=$code"
    echo "sarif-file=$sarif_file"
  } >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
  return "$code"
}

case "$phase" in
  install) install_itaku ;;
  run) run_itaku ;;
  *)
    echo "usage: action-run.sh install|run" >&2
    exit 2
    ;;
esac
