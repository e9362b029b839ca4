#!/usr/bin/env python3
"""The kiosk session as the unit starts it: the ExecStart line of packaging/systemd/ecolobby.service
(cage -d -- ecolobby …) run as an unprivileged user, with wlroots' headless backend standing in
for the monitor. EcoLobby must come up as cage's Wayland client and tell systemd through the
notify socket (which needs NotifyAccess=all, since it is cage's child): READY after its first
frame, then watchdog pings; SIGTERM stops both. Needs root (to drop to `nobody`) and cage."""
import os, pwd, re, shlex, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from notify_socket import NotifySocket  # noqa: E402
from process_group import stop_process_group  # noqa: E402
from installed_copy import install_copy  # noqa: E402

binary, source = sys.argv[1], sys.argv[2]
if os.getuid() != 0 or not shutil.which("cage"):
    print("skipped: needs root and cage")
    sys.exit(77)

unit = open(f"{source}/packaging/systemd/ecolobby.service").read()
exec_start = re.search(r"^ExecStart=(.+)$", unit, re.M).group(1)
assert re.search(r"^NotifyAccess=all$", unit, re.M), "ecolobby is cage's child: NotifyAccess=all is needed"
assert re.search(r"^Type=notify$", unit, re.M) and re.search(r"^WatchdogSec=\d+", unit, re.M)
argv = shlex.split(exec_start)
assert argv[0] == "/usr/bin/cage" and "--" in argv, argv
argv[0] = shutil.which("cage")

nobody = pwd.getpwnam("nobody")
with tempfile.TemporaryDirectory() as tmp:
    program, runtime, data, config = install_copy(binary, source, tmp, nobody)
    argv[argv.index("--") + 1] = program
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
    proc = subprocess.Popen(["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"] + argv,
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
    finally:
        stop_process_group(proc)
        notify.stop()
    assert any(m == "STOPPING=1" for m in notify.messages), "SIGTERM did not stop EcoLobby cleanly"
    print("ok: SIGTERM stops the session cleanly (STOPPING=1)")
