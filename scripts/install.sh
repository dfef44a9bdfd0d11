#!/usr/bin/env bash
# Installs a released orgguard binary: downloads the archive for this
# machine from the GitHub release, checks it against the release's SHA-256
# file, and puts `orgguard` in the install directory. Nothing is installed
# when the checksum does not match.
#
#   scripts/install.sh [--version 0.2.0|latest] [--to DIR]
#
# Environment (the options win):
#   ORGGUARD_VERSION       the release, with or without the v (default: latest)
#   ORGGUARD_INSTALL_DIR   where the binary goes (default: ~/.local/bin)
#   ORGGUARD_DOWNLOAD_URL  the releases URL of the repository that publishes
#                          orgguard (default: https://github.com/orgguard/orgguard/releases);
#                          archives are read from $URL/download/vX.Y.Z/ as GitHub serves them
#   ORGGUARD_TARGET        the Rust target triple to fetch (default: this machine's)
set -euo pipefail

version="${ORGGUARD_VERSION:-latest}"
install_dir="${ORGGUARD_INSTALL_DIR:-$HOME/.local/bin}"
releases="${ORGGUARD_DOWNLOAD_URL:-https://github.com/orgguard/orgguard/releases}"

fail() {
    echo "orgguard install: $*" >&2
    exit 1
}

while [ $# -gt 0 ]; do
    case "$1" in
        --version) version="${2:?--version needs a value}"; shift 2 ;;
        --to) install_dir="${2:?--to needs a directory}"; shift 2 ;;
        -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) fail "unknown argument '$1' (see --help)" ;;
    esac
done

# The release archives are built for these targets (see dist-workspace.toml).
detect_target() {
    local os arch
    os="$(uname -s)"
    arch="$(uname -m)"
    case "$os/$arch" in
        Linux/x86_64 | Linux/amd64) echo x86_64-unknown-linux-musl ;;
        Linux/aarch64 | Linux/arm64) echo aarch64-unknown-linux-musl ;;
        Darwin/arm64 | Darwin/aarch64) echo aarch64-apple-darwin ;;
        Darwin/x86_64) echo x86_64-apple-darwin ;;
        *) fail "no release archive for $os $arch; build from source with: cargo install orgguard --locked" ;;
    esac
}

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d' ' -f1
    else
        fail "neither sha256sum nor shasum is installed: cannot verify the download"
    fi
}

target="${ORGGUARD_TARGET:-$(detect_target)}"
archive="orgguard-$target.tar.gz"
case "$version" in
    latest) base="$releases/latest/download" ;;
    v*) base="$releases/download/$version" ;;
    *) base="$releases/download/v$version" ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "orgguard install: downloading $base/$archive" >&2
curl --fail --silent --show-error --location --retry 3 --output "$work/$archive" "$base/$archive" ||
    fail "could not download $base/$archive (is $version a released version?)"
curl --fail --silent --show-error --location --retry 3 --output "$work/$archive.sha256" "$base/$archive.sha256" ||
    fail "could not download the checksum $base/$archive.sha256"

# The checksum file is sha256sum's output: the hash, then the file name.
expected="$(cut -d' ' -f1 <"$work/$archive.sha256" | tr -d '\r\n' | tr 'A-F' 'a-f')"
actual="$(sha256_of "$work/$archive")"
if [ "$expected" != "$actual" ]; then
    fail "checksum mismatch for $archive: the release says $expected, the download is $actual; nothing was installed"
fi

mkdir "$work/unpacked"
tar -xzf "$work/$archive" -C "$work/unpacked"
# The archive holds one folder named after itself, as cargo-dist builds it.
binary="$work/unpacked/orgguard-$target/orgguard"
[ -f "$binary" ] || binary="$work/unpacked/orgguard"
[ -f "$binary" ] || fail "$archive holds no orgguard binary"

mkdir -p "$install_dir"
# Copy then rename, so a running orgguard is never half overwritten.
cp "$binary" "$install_dir/.orgguard.tmp"
chmod 755 "$install_dir/.orgguard.tmp"
mv -f "$install_dir/.orgguard.tmp" "$install_dir/orgguard"
echo "orgguard install: $("$install_dir/orgguard" --version) in $install_dir" >&2
