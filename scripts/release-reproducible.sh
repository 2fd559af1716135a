#!/usr/bin/env bash
# Checks that scripts/release.sh is reproducible: after a release.sh run (dist/out, target/dist),
# it throws away everything built from memsweep's own crates (both platforms: every workspace
# crate is recompiled, the build scripts rerun, the executables relinked with LTO), builds and
# packages again from the same commit and SOURCE_DATE_EPOCH, and compares the bytes of the Linux
# binaries, the Windows executables, the .deb, the zip and the installer. Exit 1 on a difference.
# (Dependencies and Windows' std are not rebuilt: that takes a fully cold target dir, which the
# release notes in docs/release.md report on.)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/windows-toolchain.sh

target_dir=$(realpath -m "${MEMSWEEP_RELEASE_TARGET_DIR:-target/dist}")
first_out=$(realpath -m "${MEMSWEEP_RELEASE_OUT:-dist/out}")
second_out="$target_dir/reproducible-out"
linux_bins="$target_dir/linux/x86_64-unknown-linux-gnu/release"
windows_bins="$target_dir/windows/x86_64-pc-windows-gnu/release"
[[ -s "$first_out/SHA256SUMS" ]] || { echo "run scripts/release.sh first (no $first_out/SHA256SUMS)" >&2; exit 2; }

hashes() { # OUT: one "sha256  name" line per artefact and per executable, sorted
    ( cd "$1" && sha256sum -- *.deb *.zip *.exe )
    ( cd "$linux_bins" && sha256sum memsweep memsweep-tray | sed 's/  /  linux:/' )
    ( cd "$windows_bins" && sha256sum -- *.exe | sed 's/  /  windows:/' )
}
first=$(hashes "$first_out" | sort -k2)

mapfile -t packages < <(cargo metadata --no-deps --format-version 1 --locked |
    python3 -c 'import json, sys; print("\n".join(p["name"] for p in json.load(sys.stdin)["packages"]))')
clean_args=()
for p in "${packages[@]}"; do clean_args+=(-p "$p"); done
cargo clean --release --target x86_64-unknown-linux-gnu --target-dir "$target_dir/linux" "${clean_args[@]}"
( win_env; cargo clean --release --target x86_64-pc-windows-gnu --target-dir "$target_dir/windows" "${clean_args[@]}" )

MEMSWEEP_RELEASE_OUT="$second_out" MEMSWEEP_RELEASE_LINTIAN=0 bash scripts/release.sh >/dev/null
second=$(hashes "$second_out" | sort -k2)

echo "== reproducibility (first build / second build)"
status=0
while read -r hash name; do
    again=$(awk -v n="$name" '$2 == n {print $1}' <<<"$second")
    if [[ "$hash" == "$again" ]]; then
        printf '  same       %-45s %s\n' "$name" "${hash:0:16}"
    else
        printf '  DIFFERENT  %-45s %s / %s\n' "$name" "${hash:0:16}" "${again:0:16}"
        status=1
    fi
done <<<"$first"
((status == 0)) && echo "every artefact and executable is byte-for-byte the same" || echo "NOT reproducible" >&2
exit "$status"
