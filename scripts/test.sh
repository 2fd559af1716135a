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

echo "== Windows builds (x86_64-pc-windows-gnu, x86_64-win7-windows-gnu)"
windows_build x86_64-pc-windows-gnu
windows_build x86_64-win7-windows-gnu

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
export MEMSWEEP_WINE_EXE="$root/target/windows/x86_64-pc-windows-gnu/release/memsweep.exe"
export MEMSWEEP_WINE7_EXE="$root/target/windows/x86_64-win7-windows-gnu/release/memsweep.exe"
# The tray under Wine on its own Xvfb (crates/tray/tests/wine_tray.rs); its Linux test serves a
# StatusNotifierWatcher on a private session bus, which needs dbus-daemon.
export MEMSWEEP_WINE_TRAY_EXE="$root/target/windows/x86_64-pc-windows-gnu/release/memsweep-tray.exe"
command -v dbus-daemon >/dev/null ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends dbus-daemon >/dev/null; }
cargo test --workspace --locked --no-fail-fast
