#!/usr/bin/env bash
# Builds the .deb with CPack and takes it through a screen's life with dpkg: install on this
# machine, the kiosk user renders a frame from the bundled content, an upgrade keeps the edited
# configuration and refuses to restart into a broken one, remove keeps data, purge removes all.
set -euo pipefail
build_dir=$1
cmake=$2
if [[ $(id -u) -ne 0 ]]; then echo "skipped: dpkg needs root"; exit 77; fi
if dpkg-query -W -f='${Status}' ecolobby 2>/dev/null | grep -q "install ok"; then
  echo "skipped: an ecolobby package is already installed here; not touching it"; exit 77
fi

fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d)
cleanup() { dpkg --purge ecolobby >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

"$cmake" --build "$build_dir" --target package >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls -t "$build_dir"/ecolobby_*_*.deb | head -1)
echo "package: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb -f "$deb" Depends | grep -q "fonts-noto-cjk" || fail "Depends lacks fonts-noto-cjk"
dpkg-deb -f "$deb" Depends | grep -q "libsdl2-2.0-0" || fail "Depends lacks the SDL library (shlibdeps)"
if command -v lintian >/dev/null; then
  lintian --tag-display-limit 0 "$deb" >"$work/lintian.log" 2>&1 || true
  ! grep -q "^E: " "$work/lintian.log" || { cat "$work/lintian.log"; fail "lintian reports errors"; }
  echo "ok: lintian: no errors ($(grep -c '^W: ' "$work/lintian.log" || true) warning(s))"
fi

# --- install ---------------------------------------------------------------------------------
dpkg -i "$deb" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "dpkg -i"; }
! grep -qi "warning" "$work/install.log" || { cat "$work/install.log"; fail "installing printed a warning"; }
getent passwd ecolobby >/dev/null || fail "no ecolobby user"
[[ $(getent passwd ecolobby | cut -d: -f7) == */nologin* || $(getent passwd ecolobby | cut -d: -f7) == /bin/false ]] \
  || fail "the ecolobby user has a login shell"
[[ $(stat -c %U /var/lib/ecolobby) == ecolobby ]] || fail "/var/lib/ecolobby not owned by ecolobby"
grep -qx /etc/ecolobby/ecolobby.toml /var/lib/dpkg/info/ecolobby.conffiles || fail "config is not a conffile"
[[ -L /etc/systemd/system/multi-user.target.wants/ecolobby.service ]] || fail "ecolobby.service not enabled"
grep -q "^WatchdogSec=" /lib/systemd/system/ecolobby.service || fail "no watchdog in the unit"
if command -v systemd-analyze >/dev/null && command -v cage >/dev/null; then
  systemd-analyze verify /lib/systemd/system/ecolobby.service /lib/systemd/system/ecolobby-cooldown.service \
    >"$work/verify.log" 2>&1 || { cat "$work/verify.log"; fail "systemd-analyze verify"; }
  [[ ! -s "$work/verify.log" ]] || { cat "$work/verify.log"; fail "systemd-analyze verify complains"; }
  echo "ok: systemd-analyze verify: both units clean"
fi
/usr/bin/ecolobby --version | grep -q "0\." || fail "--version"
[[ -s /usr/share/ecolobby/hub/schema.sql ]] || fail "the hub schema is not installed"
for f in prometheus.yml alerts.yml alerts_test.yml screens.example.json; do
  [[ -s /usr/share/ecolobby/monitoring/$f ]] || fail "/usr/share/ecolobby/monitoring/$f is not installed"
done
# Documentation as Debian packages have it: guides, copyright, changelog, man pages.
for f in README.md admin-guide.md plugin-api.md feed-format.md store.md architecture.md copyright changelog.gz; do
  [[ -s /usr/share/doc/ecolobby/$f ]] || fail "/usr/share/doc/ecolobby/$f is not installed"
done
! grep -q "](docs/" /usr/share/doc/ecolobby/README.md || fail "the installed README links to docs/, which is not there"
[[ $(zcat /usr/share/doc/ecolobby/changelog.gz | head -1 | sed 's/.*(\(.*\)).*/\1/') == $(dpkg-deb -f "$deb" Version) ]] \
  || fail "changelog's newest entry is not the package version $(dpkg-deb -f "$deb" Version)"
if command -v man >/dev/null; then
  page=$(MANWIDTH=100 man -P cat ecolobby 2>"$work/man.log") || { cat "$work/man.log"; fail "man ecolobby"; }
  for cmd in "ecolobby bundle publish" "ecolobby export" "ecolobby check" "ecolobby session"; do
    grep -q "$cmd" <<<"$page" || fail "man ecolobby does not describe '$cmd'"
  done
  man -P cat ecolobby-restart >/dev/null 2>&1 || fail "man ecolobby-restart"
  echo "ok: docs, copyright, changelog and man pages installed (man ecolobby: $(wc -l <<<"$page") lines)"
fi
as_kiosk() { su -s /bin/sh ecolobby -c "$*"; }
as_kiosk "/usr/bin/ecolobby --config /etc/ecolobby/ecolobby.toml check" >"$work/check.log" 2>&1 \
  || { cat "$work/check.log"; fail "check of the default config and bundled content"; }
as_kiosk "cd /var/lib/ecolobby && /usr/bin/ecolobby --config /etc/ecolobby/ecolobby.toml --headless --data-dir /var/lib/ecolobby --frames 2 \
  --now 2026-06-24T10:00:00+08:00 --screenshot /var/lib/ecolobby/first.png" >"$work/run.log" 2>&1 \
  || { cat "$work/run.log"; fail "the kiosk user cannot render the bundled content"; }
[[ -s /var/lib/ecolobby/first.png ]] || fail "no screenshot"
[[ $(stat -c %U /var/lib/ecolobby/cache/font-atlas.bin 2>/dev/null) == ecolobby ]] \
  || fail "postinst did not bake the fonts into /var/lib/ecolobby/cache as ecolobby"
grep -q "loaded from the cache" "$work/run.log" || { cat "$work/run.log"; fail "the first start baked its fonts again"; }
[[ -s /var/lib/ecolobby/ecolobby.db ]] || fail "the participation database is not in /var/lib/ecolobby"
echo "ok: installed; the kiosk user rendered the bundled content into /var/lib/ecolobby"

# --- the unit under a real systemd: PAM session, sandbox, READY, watchdog, stop -------------
if command -v cage >/dev/null && command -v nsenter >/dev/null && [[ -x /lib/systemd/systemd ]] \
   && [[ -e /lib/x86_64-linux-gnu/security/pam_systemd.so || -e /lib/security/pam_systemd.so ]]; then
  python3 "$(dirname "$0")/systemd_session_check.py" || fail "the unit under systemd"
else
  echo "note: no cage, nsenter or systemd with pam_systemd here: the unit was not started under systemd"
fi

# --- upgrade: a newer version of the same package --------------------------------------------
sed -i '1i org_name = "测试单位"' /etc/ecolobby/ecolobby.toml   # top-level keys go before any [table]
dpkg-deb -R "$deb" "$work/next"
sed -i 's/^Version: .*/Version: 99.0.0/' "$work/next/DEBIAN/control"
dpkg-deb -b "$work/next" "$work/next.deb" >/dev/null
dpkg -i --force-confold "$work/next.deb" >"$work/upgrade.log" 2>&1 || { cat "$work/upgrade.log"; fail "upgrade"; }
[[ $(dpkg-query -W -f='${Version}' ecolobby) == 99.0.0 ]] || fail "not upgraded"
grep -q '测试单位' /etc/ecolobby/ecolobby.toml || fail "upgrade lost the administrator's configuration"
[[ -s /var/lib/ecolobby/ecolobby.db ]] || fail "upgrade lost the participation database"
echo "ok: upgraded, configuration and data kept"

# --- a broken configuration: ecolobby-restart (postinst's upgrade path) says why, no restart --
mkdir -p "$work/bin"
printf '#!/bin/sh\necho "$@" >>%s/systemctl.calls\n' "$work" >"$work/bin/systemctl"
chmod +x "$work/bin/systemctl"
sed -i '1i orientation = "sideways"' /etc/ecolobby/ecolobby.toml
if PATH="$work/bin:$PATH" /usr/sbin/ecolobby-restart 2>"$work/bad.log"; then fail "restarted into a broken configuration"; fi
[[ ! -e "$work/systemctl.calls" ]] || fail "systemctl was called: $(cat "$work/systemctl.calls")"
grep -q "NOT restarting" "$work/bad.log" && grep -q "ecolobby.toml:1" "$work/bad.log" && grep -q "orientation" "$work/bad.log" \
  || { cat "$work/bad.log"; fail "the refusal does not name the file, line and key"; }
sed -i '/orientation = "sideways"/d' /etc/ecolobby/ecolobby.toml
PATH="$work/bin:$PATH" /usr/sbin/ecolobby-restart || fail "a good configuration was not restarted"
grep -qx "restart ecolobby.service" "$work/systemctl.calls" || fail "no restart: $(cat "$work/systemctl.calls")"
echo "ok: a broken configuration is refused with file, line and key; a good one restarts"

# --- remove keeps configuration and data; purge removes everything ---------------------------
dpkg -r ecolobby >"$work/remove.log" 2>&1 || { cat "$work/remove.log"; fail "dpkg -r"; }
[[ ! -e /usr/bin/ecolobby ]] || fail "binary left after remove"
[[ -f /etc/ecolobby/ecolobby.toml ]] || fail "remove deleted the configuration"
[[ -s /var/lib/ecolobby/ecolobby.db ]] || fail "remove deleted the participation data"
dpkg -P ecolobby >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "dpkg -P"; }
[[ ! -e /etc/ecolobby ]] || fail "/etc/ecolobby left after purge"
[[ ! -e /var/lib/ecolobby ]] || fail "/var/lib/ecolobby left after purge"
[[ ! -e /usr/share/ecolobby ]] || fail "/usr/share/ecolobby left after purge"
! getent passwd ecolobby >/dev/null || fail "user left after purge"
[[ ! -e /etc/systemd/system/multi-user.target.wants/ecolobby.service ]] || fail "unit still enabled after purge"
echo "ok: removed (configuration and data kept), purged (nothing left)"
