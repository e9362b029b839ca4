#!/usr/bin/env python3
"""The kiosk session as the unit starts it: the ExecStart line of packaging/systemd/ecolobby.service
(ecolobby session -- cage -d) run as an unprivileged user, with wlroots' headless backend standing
in for the monitor. EcoLobby must come up as cage's Wayland client, and the session process (the
unit's main process: NotifyAccess=main) must pass on its READY after the first frame, then its
watchdog pings; SIGTERM stops all three. Needs root (to drop to `nobody`) and cage. The same unit
under a real systemd, sandbox included: tests/packaging/systemd_session_check.py."""
import os, pwd, re, shlex, shutil, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from notify_socket import NotifySocket  # noqa: E402
from process_group import group_members, stop_process_group, wait_group  # noqa: E402
from installed_copy import install_copy  # noqa: E402

binary, source = sys.argv[1], sys.argv[2]
if os.getuid() != 0 or not shutil.which("cage"):
    print("skipped: needs root and cage")
    sys.exit(77)

unit = open(f"{source}/packaging/systemd/ecolobby.service").read()
exec_start = re.search(r"^ExecStart=(.+)$", unit, re.M).group(1)
assert re.search(r"^NotifyAccess=main$", unit, re.M), "the session process relays: only the main process may notify"
assert re.search(r"^Type=notify$", unit, re.M) and re.search(r"^WatchdogSec=\d+", unit, re.M)
argv = shlex.split(exec_start)
assert argv[0] == "/usr/bin/ecolobby" and "session" in argv and argv[argv.index("--") + 1] == "/usr/bin/cage", argv
argv[argv.index("--") + 1] = shutil.which("cage")

nobody = pwd.getpwnam("nobody")
with tempfile.TemporaryDirectory() as tmp:
    program, runtime, data, config = install_copy(binary, source, tmp, nobody)
    argv[0] = program
    argv = [a if a != "/etc/ecolobby/ecolobby.toml" else config for a in argv]

    notify = NotifySocket(tmp, world_writable=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": data, "XDG_RUNTIME_DIR": runtime, "NOTIFY_SOCKET": notify.path,
           "WATCHDOG_USEC": "2000000", "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman",
           "WLR_LIBINPUT_NO_DEVICES": "1", "XDG_SESSION_TYPE": "wayland", "SDL_VIDEODRIVER": "wayland"}
    unit_env = re.search(r"^Environment=(.+)$", unit, re.M)
    for pair in shlex.split(unit_env.group(1)) if unit_env else []:
        k, v = pair.split("=", 1)
        env[k] = v
    log = open(f"{tmp}/session.log", "w+")
    # As systemd starts it: WATCHDOG_PID names the main process (the session), which must not
    # let the client (another process) take the watchdog for someone else's.
    setpriv = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"] + argv
    proc = subprocess.Popen(["sh", "-c", 'WATCHDOG_PID=$$ exec "$@"', "sh"] + setpriv,
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any("READY=1" in m for m in notify.messages):
            if proc.poll() is not None:
                break
            time.sleep(0.1)
        time.sleep(3)
        log.seek(0)
        text = log.read()
        assert any("READY=1" in m for m in notify.messages), f"no READY from the session: {notify.messages}\n{text[-3000:]}"
        assert sum(m == "WATCHDOG=1" for m in notify.messages) >= 2, notify.messages
        assert "first frame presented" in text, text[-3000:]
        assert "interface strings will show their keys" not in text, text[-3000:]
        print(f"ok: `{exec_start}` as nobody: READY ({[m for m in notify.messages if 'READY' in m][0].splitlines()[-1]}), "
              f"{sum(m == 'WATCHDOG=1' for m in notify.messages)} watchdog pings through cage")
        # systemd's stop: SIGTERM to the main process only (the others are in the logind scope).
        os.kill(proc.pid, signal.SIGTERM)
        code = proc.wait(timeout=30)
        assert wait_group(proc.pid, 1), f"the session ended before its compositor and client: {group_members(proc.pid)}"
        assert code == 0, f"the session exited {code}"
    finally:
        stop_process_group(proc)
        notify.stop()
    assert any(m == "STOPPING=1" for m in notify.messages), "SIGTERM did not stop EcoLobby cleanly"
    print("ok: SIGTERM to the session's main process stops cage and EcoLobby (STOPPING=1), and the session waits for both")
