#!/usr/bin/env bash
# Installs every Debian 12 package EcoLobby needs to build, run and test.
# Idempotent: when everything is present it only runs dpkg-query and returns.
set -euo pipefail

BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libsdl2-dev libsdl2-image-dev libimgui-dev liblua5.4-dev lua5.4
  libsqlite3-dev libcurl4-openssl-dev libtomlplusplus-dev nlohmann-json3-dev
  libcli11-dev libspdlog-dev libfmt-dev libsodium-dev libarchive-dev libssl-dev libsystemd-dev
  libgtest-dev libsimdjson-dev
  libmpv-dev libpoppler-cpp-dev libxlsxwriter-dev  # video slots, PDF notices, spreadsheets
)
RUNTIME_PACKAGES=(fonts-noto-cjk fonts-wqy-zenhei python3)  # python3: the demo's feed simulator
TEST_PACKAGES=(xvfb xdotool x11-utils sqlite3 python3 zstd adduser cage xwayland ffmpeg libreoffice-calc-nogui libreoffice-impress-nogui)
# adduser, cage: the .deb and session tests; systemd, dbus, libpam-systemd: the unit started by a
# real systemd in a namespace (tests/packaging/nested_systemd.py); lintian, man-db: the package's
# own checks; ffmpeg: the media tests make their clips;
# LibreOffice: reads back exported workbooks, and converts slides to PDF in bundle build tests
# The ASan+UBSan build and the fuzz targets (scripts/test.sh, scripts/fuzz.sh): clang 14; its
# sanitizer and libFuzzer runtimes are in libclang-rt-14-dev, which clang only recommends
# (and we install without recommends); llvm brings llvm-symbolizer for readable reports.
TEST_PACKAGES+=(systemd dbus libpam-systemd lintian man-db procps)
TEST_PACKAGES+=(clang libclang-rt-14-dev llvm ccache)  # ccache: the two builds reuse what an earlier run compiled
# The county hub's tests start their own PostgreSQL (initdb, pg_ctl) in a temporary directory.
TEST_PACKAGES+=(postgresql)
# /metrics: promtool checks the exposition, the scrape config and the alert rules, and a real
# prometheus scrapes a headless screen (tests/status); its service is not started (policy-rc.d).
TEST_PACKAGES+=(prometheus)

want=("${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}")
if [[ "${1:-}" != "--runtime-only" ]]; then want+=("${TEST_PACKAGES[@]}"); fi

missing=()
for p in "${want[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#want[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# No service starts at install (postgresql's own cluster, for one): the tests start what they need.
# A policy-rc.d of our own is removed afterwards; one already there is left alone.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod 755 /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
