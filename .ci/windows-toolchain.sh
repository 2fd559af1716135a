#!/usr/bin/env bash
# Windows cross-build + Wine test toolchain for memsweep on Debian 12.
# See docs/windows-build-notes.md for the verified commands.
#
# Execute it:   bash .ci/windows-toolchain.sh            # install the Debian packages (idempotent)
#               bash .ci/windows-toolchain.sh CMD ARGS   # install, then run CMD with win_env applied
# Source it:    source .ci/windows-toolchain.sh          # only defines functions, changes no options
#               win_toolchain_install && win_env         # then e.g.
#               cargo build --release -Zbuild-std=std,panic_abort \
#                   --target x86_64-pc-windows-gnu --target-dir target/windows
#
# The Windows builds use Debian's Rust (rustc-web/cargo-web, 1.96, with the std source needed
# by -Zbuild-std) instead of rustup's toolchain, which has neither the Windows std nor rust-src.
# Everything is set through environment variables (not .cargo/config.toml) so the normal Linux
# build with rustup's cargo is untouched. Use a separate --target-dir (target/windows) for it.

WIN_TOOLCHAIN_PACKAGES=(
  rustc-web cargo-web rust-web-src   # Debian's Rust 1.96 + std source for -Zbuild-std
  rust-web-clippy                    # clippy of that Rust: .ci/run lints the Windows code too
  gcc-mingw-w64-x86-64               # x86_64-w64-mingw32-gcc: linker (and builds the test DLL)
  wine wine64                        # Wine 8.0; `wine` provides the wine command
  xvfb imagemagick xdotool           # headless GUI checks
  fonts-wqy-microhei                 # Chinese glyphs for the settings window's zh-CN layout check
)
WIN_TARGETS=(x86_64-pc-windows-gnu x86_64-win7-windows-gnu)

# Installs the missing packages; runs `apt-get update` at most once, and only when needed.
win_toolchain_install() (
  set -euo pipefail
  local missing=() p
  for p in "${WIN_TOOLCHAIN_PACKAGES[@]}"; do
    if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != installed ]]; then
      missing+=("$p")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  echo "windows-toolchain: installing ${missing[*]}" >&2
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  local updated=0
  # Update only when a package has no install candidate (empty lists on a fresh machine).
  for p in "${missing[@]}"; do
    if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]'; then
      "${sudo[@]}" apt-get update -qq
      updated=1
      break
    fi
  done
  # Stale lists make downloads 404: then update (once) and retry.
  if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    ((updated == 0)) || return 1
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
)

# Applies the Windows cross-build environment to the current shell.
# Use it in a subshell `( win_env; cargo ... )` to keep the caller's rustup environment.
win_env() {
  export PATH="/usr/bin:${PATH}"
  export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc CARGO=/usr/bin/cargo
  export RUSTC_BOOTSTRAP=1   # lets the stable Debian cargo/rustc accept -Zbuild-std
  local t T
  for t in "${WIN_TARGETS[@]}"; do
    T="${t^^}"; T="${T//-/_}"
    export "CARGO_TARGET_${T}_LINKER=x86_64-w64-mingw32-gcc"
    export "CARGO_TARGET_${T}_RUNNER=wine"
  done
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  win_toolchain_install
  if (($# > 0)); then
    win_env
    exec "$@"
  fi
fi
