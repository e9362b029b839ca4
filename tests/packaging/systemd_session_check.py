#!/usr/bin/env python3
"""The installed ecolobby.service under a real systemd (tests/packaging/nested_systemd.py), run by
deb_test.sh while the package is installed. A drop-in only swaps the monitor for wlroots'
headless backend and shortens the watchdog; every sandbox directive, the PAM session and
Type=notify are the unit's own. Checks: `systemctl start` returns once READY arrived; the screen's
process runs sandboxed (no new privileges, seccomp, no capabilities, / read-only but its data
directory); watchdog pings reach systemd; a frozen screen is killed by the watchdog and started
again; `systemctl stop` ends the session, cage and the screen cleanly; and the unit's
`systemd-analyze security` exposure, printed for docs/admin-guide.md."""
import os, pwd, re, signal, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from nested_systemd import NestedSystemd  # noqa: E402
from proc_stat import processes  # noqa: E402

UNIT = "ecolobby.service"
DROP_IN = """[Service]
Environment=WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1
WatchdogSec=5
"""
kiosk_uid = pwd.getpwnam("ecolobby").pw_uid


def screen_processes():
    """pid → command line of the screen's processes: the session, cage, the screen (not the user
    manager logind starts for the session, which ends by itself 10 s after it)."""
    found = {}
    for pid, _ in processes():
        try:
            if os.stat(f"/proc/{pid}").st_uid != kiosk_uid:
                continue
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        if cmd.startswith(("/usr/bin/ecolobby", "/usr/bin/cage")):
            found[pid] = cmd
    return found


def the_screen():
    """The screen itself: cage's client, `ecolobby --config …` without `session`."""
    for pid, cmd in screen_processes().items():
        if cmd.startswith("/usr/bin/ecolobby ") and " session " not in cmd:
            return pid
    return None


def wait_for(what, check, timeout_s):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


systemd = NestedSystemd()
try:
    systemd.run("mkdir", "-p", f"/run/systemd/system/{UNIT}.d")
    with open(f"/proc/{systemd.pid}/root/run/systemd/system/{UNIT}.d/headless.conf", "w") as f:
        f.write(DROP_IN)
    systemd.run("systemctl", "daemon-reload")

    # Type=notify: start returns when READY reached systemd through the session process.
    t0 = time.monotonic()
    try:
        systemd.run("systemctl", "start", UNIT, timeout=120)
    except AssertionError:  # what the screen said is the finding: show it with the failure
        print(systemd.run("journalctl", "--no-pager", "-n", "40", "-u", UNIT, check=False).stdout, file=sys.stderr)
        raise
    s = systemd.show(UNIT, "ActiveState", "SubState", "MainPID", "StatusText")
    assert s["ActiveState"] == "active" and s["SubState"] == "running", s
    print(f"ok: systemctl start returned after READY in {time.monotonic() - t0:.1f} s; status '{s['StatusText']}'")

    screen = wait_for("the screen's process", the_screen, 10)
    with open(f"/proc/{screen}/status") as f:
        status = f.read()
    fields = dict(re.findall(r"^(\w+):\s*(.*)$", status, re.M))
    assert fields["NoNewPrivs"] == "1" and fields["Seccomp"] == "2" and int(fields["CapBnd"], 16) == 0, \
        {k: fields[k] for k in ("NoNewPrivs", "Seccomp", "CapBnd")}
    with open(f"/proc/{screen}/mountinfo") as f:
        mounts = {line.split()[4]: line.split()[5].split(",") for line in f}
    assert "ro" in mounts["/"], mounts["/"]
    assert "rw" in mounts.get("/var/lib/ecolobby", []), "the data directory is not writable"
    assert "/home" in mounts and "/tmp" in mounts, "ProtectHome or PrivateTmp not applied"
    print("ok: the screen runs with no new privileges, a seccomp filter, no capabilities, "
          "/ read-only and only /var/lib/ecolobby writable")

    first = int(systemd.show(UNIT, "WatchdogTimestampMonotonic")["WatchdogTimestampMonotonic"])
    time.sleep(2)
    later = int(systemd.show(UNIT, "WatchdogTimestampMonotonic")["WatchdogTimestampMonotonic"])
    assert later > first > 0, (first, later)
    print(f"ok: watchdog pings reach systemd (last two {(later - first) / 1e6:.2f} s apart)")

    # A frozen screen: no pings, so systemd's watchdog kills the unit and Restart=always starts it again.
    main_before = systemd.show(UNIT, "MainPID")["MainPID"]
    os.kill(screen, signal.SIGSTOP)
    restarted = wait_for("the watchdog's restart", lambda: (lambda s: s if int(s["NRestarts"]) >= 1 and s["ActiveState"] == "active"
                                                             and s["MainPID"] not in ("0", main_before) else None)(
        systemd.show(UNIT, "NRestarts", "ActiveState", "MainPID")), 60)
    journal = systemd.run("journalctl", "--no-pager", "-u", UNIT).stdout
    assert "Watchdog timeout" in journal, journal[-2000:]
    wait_for("the frozen screen to be gone", lambda: not os.path.exists(f"/proc/{screen}") or None, 10)
    print(f"ok: a frozen screen was killed by the watchdog and started again (NRestarts={restarted['NRestarts']})")

    # systemd's stop: SIGTERM to the main process; the session ends cage and the screen, then itself.
    t0 = time.monotonic()
    systemd.run("systemctl", "stop", UNIT, timeout=60)
    s = systemd.show(UNIT, "ActiveState", "Result")
    assert s["ActiveState"] == "inactive" and s["Result"] == "success", s
    wait_for(f"the screen's processes to end: {screen_processes()}", lambda: not screen_processes() or None, 10)
    print(f"ok: systemctl stop ended the session, cage and the screen in {time.monotonic() - t0:.1f} s")

    out = systemd.run("systemd-analyze", "security", "--no-pager", UNIT).stdout
    score = re.search(r"Overall exposure level for \S+: ([\d.]+) (\w+)", out)
    assert score, out[-1000:]
    assert float(score.group(1)) <= 3.0, f"the unit's sandbox got weaker: {score.group(0)}"
    print(f"ok: systemd-analyze security: {score.group(1)} {score.group(2)} (was 8.7 EXPOSED before hardening)")
finally:
    systemd.stop()
