#!/usr/bin/env bash
# Builds every release artefact into dist/out/ and prints what it built:
#   memsweep_VERSION_amd64.deb              Debian package (binaries, unit, conffile, man, completions)
#   memsweep-VERSION-windows-x86_64.zip     portable Windows zip
#   memsweep-VERSION-setup.exe              Windows installer (NSIS)
#   SHA256SUMS
# Run from a clean clone as root (it installs Debian's Windows cross toolchain, nsis, lintian...
# once, as scripts/test.sh does). Environment:
#   SOURCE_DATE_EPOCH   every timestamp in the artefacts (default: the commit time of HEAD)
#   MEMSWEEP_COMMIT     the commit `--version` names (default: git's short HEAD; none without git)
#   MEMSWEEP_RELEASE_TARGET_DIR  cargo's target dir for the release builds (default target/dist)
#   MEMSWEEP_RELEASE_OUT         where the artefacts go (default dist/out)
#   MEMSWEEP_RELEASE_LINTIAN=0   skip lintian (the suite runs it; it takes ~20 s)
# Reproducible: the same commit, toolchain and SOURCE_DATE_EPOCH give the same bytes for the
# Linux binaries, the zip and the .deb (scripts/release-test.sh checks it); see docs/release.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$(date +%s)

source .ci/windows-toolchain.sh
win_toolchain_install
# makensis (installer), lintian (checks the .deb), dpkg-dev (dpkg-shlibdeps: the .deb's Depends),
# zip, man-db (lintian checks the man pages with man), python3 (third-party notices).
release_packages=(nsis lintian dpkg-dev zip man-db python3)
missing=()
for p in "${release_packages[@]}"; do
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" == installed ]] || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "release: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi

version=$(sed -n '/^\[workspace.package\]/,/^\[/ s/^version = "\(.*\)"/\1/p' Cargo.toml)
[[ -n "$version" ]] || { echo "release: no version in Cargo.toml" >&2; exit 1; }
if [[ -z "${MEMSWEEP_COMMIT:-}" ]] && git rev-parse --git-dir >/dev/null 2>&1; then
    MEMSWEEP_COMMIT=$(git rev-parse --short=12 HEAD)
fi
export MEMSWEEP_COMMIT="${MEMSWEEP_COMMIT:-}"
if [[ -z "${SOURCE_DATE_EPOCH:-}" ]]; then
    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || stat -c %Y Cargo.toml)
fi
export SOURCE_DATE_EPOCH
# Everything below is written with a fixed umask and in the C locale, so file modes and sort
# orders do not depend on who runs it.
umask 022
export LC_ALL=C TZ=UTC

target_dir=$(realpath -m "${MEMSWEEP_RELEASE_TARGET_DIR:-target/dist}")
out=$(realpath -m "${MEMSWEEP_RELEASE_OUT:-dist/out}")
work="$target_dir/package"
rm -rf "$work" "$out"
mkdir -p "$work" "$out"

# Paths in panic messages: the workspace's are relative already; cargo's registry and the
# target dir are mapped to fixed names so that another CARGO_HOME or clone gives the same bytes.
cargo_home=$(realpath -m "${CARGO_HOME:-$HOME/.cargo}")
rustflags="--remap-path-prefix=$cargo_home=/cargo"$'\x1f'"--remap-path-prefix=$root=/memsweep"
export CARGO_ENCODED_RUSTFLAGS="$rustflags"

# cargo's JSON messages name every executable it built: the release holds exactly those.
built_executables() { grep -o '"executable":"[^"]*"' | sed 's/^"executable":"//; s/"$//' | sort -u; }

echo "== release $version (${MEMSWEEP_COMMIT:-no commit}), SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH" >&2
echo "== Linux build (x86_64-unknown-linux-gnu)" >&2
linux_target=x86_64-unknown-linux-gnu
cargo build --locked --release --target "$linux_target" --target-dir "$target_dir/linux" \
    -p memsweep -p memsweep-tray --message-format=json-render-diagnostics >"$work/linux-build.json"
mapfile -t linux_exes < <(built_executables <"$work/linux-build.json")

echo "== Windows build (x86_64-pc-windows-gnu)" >&2
windows_target=x86_64-pc-windows-gnu
# --no-insert-timestamp: a PE header time of 0, whatever the clock or SOURCE_DATE_EPOCH. ld would
# take SOURCE_DATE_EPOCH, but cargo does not relink when only that changes, so an exe left from
# an earlier commit's build would keep that commit's time and differ from a cold build's.
( win_env
  export CARGO_ENCODED_RUSTFLAGS="$rustflags"$'\x1f'"-Clink-arg=-Wl,--no-insert-timestamp"
  cargo build --locked --release -Zbuild-std=std,panic_abort --target "$windows_target" \
      --target-dir "$target_dir/windows" --workspace --bins --message-format=json-render-diagnostics \
      >"$work/windows-build.json" )
mapfile -t windows_exes < <(built_executables <"$work/windows-build.json")
((${#windows_exes[@]})) || { echo "release: the Windows build made no executable" >&2; exit 1; }
memsweep_linux="$target_dir/linux/$linux_target/release/memsweep"

# Every file that goes into an archive gets SOURCE_DATE_EPOCH as its mtime.
stamp() { find "$@" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +; }

echo "== licences and notices" >&2
python3 scripts/third-party-notices.py "$windows_target" "$work/THIRD-PARTY-NOTICES-windows.txt" \
    /usr/share/doc/mingw-w64-x86-64-dev/copyright
python3 scripts/third-party-notices.py "$linux_target" "$work/THIRD-PARTY-NOTICES-linux.txt"
"$memsweep_linux" --config "$work/memsweep.example.toml" config init >/dev/null

###############################################################################################
echo "== Windows zip" >&2
zip_name="memsweep-$version-windows-x86_64"
zip_dir="$work/zip/$zip_name"
mkdir -p "$zip_dir"
for exe in "${windows_exes[@]}"; do cp "$exe" "$zip_dir/"; done
cp README.md README.zh-CN.md LICENSE-MIT LICENSE-APACHE "$zip_dir/"
cp "$work/THIRD-PARTY-NOTICES-windows.txt" "$zip_dir/THIRD-PARTY-NOTICES.txt"
cp "$work/memsweep.example.toml" "$zip_dir/memsweep.example.toml"
# Windows' Notepad reads CRLF best; the portable notes are the one file written for it.
sed 's/$/\r/' dist/windows/PORTABLE.txt >"$zip_dir/PORTABLE.txt"
stamp "$work/zip"
# -X: no extra fields (uid/gid, extended timestamps); names sorted; fixed mtimes above.
( cd "$work/zip" && find "$zip_name" -print | sort | zip -X -9 -q -@ "$out/$zip_name.zip" )

###############################################################################################
echo "== Windows installer (NSIS)" >&2
nsis_dir="$work/nsis"
mkdir -p "$nsis_dir/files"
cp "$zip_dir"/* "$nsis_dir/files/"
rm "$nsis_dir/files/PORTABLE.txt"   # the installed copy keeps its config in %APPDATA%
# The executables this build made, for the installer to install and the uninstaller to delete.
{
    echo "; generated by scripts/release.sh: the executables of this build"
    echo '!macro MEMSWEEP_EXECUTABLES DO'
    for exe in "${windows_exes[@]}"; do echo "  !insertmacro \${DO} \"$(basename "$exe")\""; done
    echo '!macroend'
} >"$nsis_dir/executables.nsh"
stamp "$nsis_dir"
IFS=. read -r v_major v_minor v_patch <<<"${version%%[-+]*}"
makensis -V2 -INPUTCHARSET UTF8 \
    -DVERSION="$version" -DVERSION_QUAD="$v_major.$v_minor.$v_patch.0" \
    -DFILES="$nsis_dir/files" -DEXECUTABLES="$nsis_dir/executables.nsh" \
    -DOUTFILE="$out/memsweep-$version-setup.exe" \
    "$root/dist/windows/installer.nsi" >&2

###############################################################################################
echo "== Debian package" >&2
pkg="$work/deb/memsweep"
mkdir -p "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/lib/systemd/system" "$pkg/etc/memsweep" \
    "$pkg/usr/share/man/man1" "$pkg/usr/share/doc/memsweep" \
    "$pkg/usr/share/bash-completion/completions" "$pkg/usr/share/zsh/vendor-completions" \
    "$pkg/usr/share/fish/vendor_completions.d"
for exe in "${linux_exes[@]}"; do install -m 0755 "$exe" "$pkg/usr/bin/"; done
# The unit as shipped, running the packaged binary.
sed 's|/usr/local/bin/memsweep|/usr/bin/memsweep|' dist/memsweep.service >"$pkg/lib/systemd/system/memsweep.service"
install -m 0644 "$work/memsweep.example.toml" "$pkg/etc/memsweep/memsweep.toml"
"$memsweep_linux" man --out-dir "$work/man"
cp "$work/man"/*.1 dist/deb/memsweep-tray.1 "$pkg/usr/share/man/man1/"
"$memsweep_linux" completions bash >"$pkg/usr/share/bash-completion/completions/memsweep"
"$memsweep_linux" completions zsh >"$pkg/usr/share/zsh/vendor-completions/_memsweep"
"$memsweep_linux" completions fish >"$pkg/usr/share/fish/vendor_completions.d/memsweep.fish"
cp README.md "$pkg/usr/share/doc/memsweep/README.md"
cp README.zh-CN.md "$pkg/usr/share/doc/memsweep/README.zh-CN.md"
# changelog.gz: a native package's changelog, in Debian's format, dated by SOURCE_DATE_EPOCH.
{
    echo "memsweep ($version) unstable; urgency=medium"
    echo
    sed 's/^/  /' dist/deb/changelog-entry.txt
    echo
    echo " -- memsweep developers <memsweep@example.invalid>  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} >"$pkg/usr/share/doc/memsweep/changelog"
# copyright: machine-readable; the statically linked crates' notices beside it.
{
    cat dist/deb/copyright.head
    echo
    echo "License: MIT"
    sed -n '3,$p' LICENSE-MIT | sed 's/^$/./; s/^/ /'
    echo
    echo "License: Apache-2.0"
    echo " On Debian systems the full text of the Apache License 2.0 is in"
    echo " /usr/share/common-licenses/Apache-2.0."
} >"$pkg/usr/share/doc/memsweep/copyright"
cp "$work/THIRD-PARTY-NOTICES-linux.txt" "$pkg/usr/share/doc/memsweep/THIRD-PARTY-NOTICES.txt"
# Policy: documentation over 4 kB compressed, gzip -n (no name or time in the header).
gzip -9n "$pkg"/usr/share/doc/memsweep/{changelog,README.md,README.zh-CN.md,THIRD-PARTY-NOTICES.txt} \
    "$pkg"/usr/share/man/man1/*.1
install -m 0755 dist/deb/postinst dist/deb/prerm dist/deb/postrm "$pkg/DEBIAN/"
echo /etc/memsweep/memsweep.toml >"$pkg/DEBIAN/conffiles"
# Depends from the binaries' dynamic symbols, as dh_shlibdeps would compute it.
mkdir -p "$work/deb/debian"
printf 'Source: memsweep\n\nPackage: memsweep\nArchitecture: amd64\n' >"$work/deb/debian/control"
depends=$(cd "$work/deb" && dpkg-shlibdeps -O -e"memsweep/usr/bin/memsweep" -e"memsweep/usr/bin/memsweep-tray" |
    sed -n 's/^shlibs:Depends=//p')
rm -rf "$work/deb/debian"
installed_kib=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@DEPENDS@/$depends, passwd/" -e "s/@INSTALLED_SIZE@/$installed_kib/" \
    dist/deb/control.in >"$pkg/DEBIAN/control"
( cd "$pkg" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum ) \
    >"$pkg/DEBIAN/md5sums"
find "$pkg" -type d -exec chmod 0755 {} +
stamp "$pkg"
deb="$out/memsweep_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
if [[ "${MEMSWEEP_RELEASE_LINTIAN:-1}" != 0 ]]; then
    echo "== lintian" >&2
    # Overrides live in the package (usr/share/lintian/overrides), each with its reason.
    lintian --fail-on error,warning --tag-display-limit 0 "$deb" >&2
fi

###############################################################################################
( cd "$out" && sha256sum -- *.deb *.zip *.exe >SHA256SUMS )
echo "== built in $(($(date +%s) - started)) s into ${out#"$root"/}:"
( cd "$out" && for f in *; do printf '  %-40s %9d bytes\n' "$f" "$(stat -c %s "$f")"; done )
echo "   Linux binaries: $(for exe in "${linux_exes[@]}"; do printf '%s ' "$(sha256sum "$exe" | cut -c1-16) $(basename "$exe")"; done)"
