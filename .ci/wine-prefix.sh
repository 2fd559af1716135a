#!/usr/bin/env bash
# Fresh, quietly booted Wine prefix for running the Windows tests (see docs/windows-build-notes.md).
#
# Execute it:  bash .ci/wine-prefix.sh up   DIR   # (re)create DIR as a fresh prefix, boot it,
#                                                 # install the test-only bcryptprimitives.dll
#              bash .ci/wine-prefix.sh down DIR   # stop its wineserver (wineserver -k)
#              then run tests with WINEPREFIX set to the absolute path of DIR.
# Source it:   source .ci/wine-prefix.sh; wine_prefix_up target/wine-prefix   # also exports WINEPREFIX
#              ...; wine_prefix_down "$WINEPREFIX"
#
# Wine's background processes (wineserver, services.exe, ...) inherit the stdio of the first
# program that starts them, which can hang test runners that wait for EOF. So the prefix is
# started here, once, with all stdio on /dev/null, before any test runs.
# Needs the packages from .ci/windows-toolchain.sh (wine, wine64, gcc-mingw-w64-x86-64).

WINE_TEST_DLL_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools/wine-test-dll" && pwd)"

# wine_prefix_build_dll OUTDIR: builds the TEST-ONLY bcryptprimitives.dll into OUTDIR, prints its path.
wine_prefix_build_dll() (
  # Each step checked by hand: the caller tests this function's status (`dll=$(…) || …`),
  # which turns set -e off in here.
  local out="$1/bcryptprimitives.dll"
  mkdir -p "$1" || exit 1
  if [[ ! "$out" -nt "$WINE_TEST_DLL_SRC/bcryptprimitives.c" ]]; then
    x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -Wextra -static-libgcc \
      -o "$out" "$WINE_TEST_DLL_SRC/bcryptprimitives.c" -ladvapi32 || exit 1
  fi
  echo "$out"
)

# wine_prefix_up DIR [DLL_OUTDIR]: DIR is recreated from scratch (an existing Wine prefix there
# is stopped and deleted). DLL_OUTDIR defaults to DIR's parent + /wine-test-dll (e.g. target/).
wine_prefix_up() {
  local dir out dll rc=0
  dir="$(realpath -m "${1:?usage: wine_prefix_up DIR [DLL_OUTDIR]}")"   # Wine wants an absolute path
  out="${2:-$(dirname "$dir")/wine-test-dll}"
  dll="$(wine_prefix_build_dll "$out")" || return 1
  if [[ -e "$dir" ]]; then
    if [[ -f "$dir/system.reg" || -z "$(ls -A "$dir")" ]]; then
      WINEPREFIX="$dir" wineserver -k </dev/null >/dev/null 2>&1 || true
      rm -rf "$dir"
    else
      echo "wine_prefix_up: $dir exists and is not a Wine prefix; not touching it" >&2
      return 1
    fi
  fi
  # Booted twice at most: a first boot on a busy machine has failed once in CI (exit 1, with
  # nothing else to show), and a second boot of a fresh prefix then worked. The log of a failed
  # attempt names the step that failed and what the foreground steps printed; the steps that
  # leave processes behind keep stdio on /dev/null, as above.
  local attempt log="$dir.boot.log"
  for attempt in 1 2; do
    rc=0
    mkdir -p "$dir"
    # `&&`, not `set -e`: set -e is off inside a subshell whose status `||` tests, so a failed
    # step would go unnoticed and only the last one would count.
    (
      export WINEPREFIX="$dir" WINEDEBUG=-all
      echo "+ wineboot -i" && wineboot -i </dev/null &&
        echo "+ wineserver -w" && wineserver -w </dev/null &&
        echo "+ wineserver -p" && wineserver -p </dev/null >/dev/null 2>&1 &&        # persistent server
        echo "+ wine cmd /c exit" && wine cmd /c exit </dev/null >/dev/null 2>&1    # starts services etc.
    ) >"$log" 2>&1 || rc=$?
    ((rc != 0)) || break
    echo "wine_prefix_up: booting $dir failed ($rc), attempt $attempt of 2; it printed:" >&2
    tail -n 20 "$log" >&2
    WINEPREFIX="$dir" wineserver -k </dev/null >/dev/null 2>&1 || true
    rm -rf "$dir"
  done
  rm -f "$log"
  if ((rc != 0)); then
    return "$rc"
  fi
  cp "$dll" "$dir/drive_c/windows/system32/bcryptprimitives.dll"
  export WINEPREFIX="$dir"
}

# wine_prefix_down [DIR]: stops the prefix's wineserver and all its processes.
wine_prefix_down() {
  local dir
  dir="$(realpath -m "${1:-${WINEPREFIX:?usage: wine_prefix_down DIR}}")"
  WINEPREFIX="$dir" wineserver -k </dev/null >/dev/null 2>&1 || true
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    up)   wine_prefix_up "${2:?usage: $0 up DIR [DLL_OUTDIR]}" "${3:-}"; echo "WINEPREFIX=$WINEPREFIX" ;;
    down) wine_prefix_down "${2:?usage: $0 down DIR}" ;;
    *)    echo "usage: $0 up DIR [DLL_OUTDIR] | down DIR" >&2; exit 2 ;;
  esac
fi
