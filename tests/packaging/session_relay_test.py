#!/usr/bin/env python3
"""`ecolobby session` with a stand-in compositor (a small Python program), no cage needed: where
the screen's command goes (after `--`, or where `{}` stands), that the compositor gets a private
NOTIFY_SOCKET and no WATCHDOG_PID of systemd's, that what it says reaches systemd's socket as the
session's own with MAINPID and other keys of the main process dropped, that the session exits
with the compositor's status, and that SIGTERM goes to the compositor's client first."""
import json, os, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from notify_socket import NotifySocket  # noqa: E402

binary = sys.argv[1]

COMPOSITOR = r'''
import json, os, signal, socket, subprocess, sys, time
out, mode = sys.argv[1], sys.argv[2]
report = {"argv": sys.argv[3:], "notify": os.environ.get("NOTIFY_SOCKET"), "watchdog_pid": os.environ.get("WATCHDOG_PID"),
          "watchdog_usec": os.environ.get("WATCHDOG_USEC")}
addr = report["notify"]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.connect("\0" + addr[1:] if addr.startswith("@") else addr)
s.send(b"READY=1\nSTATUS=stand-in ready\nMAINPID=1\nFDSTORE=1")
s.send(b"WATCHDOG=1")
if mode == "client":
    # A client that says STOPPING when told to stop, then ends; the compositor ends with it.
    client = subprocess.Popen([sys.executable, "-c", "import signal, socket, sys, time\n"
        "def stop(*_):\n"
        "    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.connect('\\0' + sys.argv[1][1:]); s.send(b'STOPPING=1'); sys.exit(0)\n"
        "signal.signal(signal.SIGTERM, stop)\n"
        "while True: time.sleep(1)\n", addr])
    signal.signal(signal.SIGTERM, lambda *_: (report.update(compositor_got_sigterm=True)))
    report["client_status"] = client.wait()
json.dump(report, open(out, "w"))
sys.exit(3)
'''

with tempfile.TemporaryDirectory() as tmp:
    notify = NotifySocket(tmp)
    script = os.path.join(tmp, "compositor.py")
    with open(script, "w") as f:
        f.write(COMPOSITOR)
    env = dict(os.environ, NOTIFY_SOCKET=notify.path, WATCHDOG_USEC="2000000")

    def session(*compositor, config=None):
        out = os.path.join(tmp, "report.json")
        cmd = [binary] + (["--config", config] if config else []) + ["session", "--", sys.executable, script, out] + list(compositor)
        # As systemd starts the main process: WATCHDOG_PID is its own pid.
        return subprocess.Popen(["sh", "-c", 'WATCHDOG_PID=$$ exec "$@"', "sh"] + cmd, env=env), out

    p, out = session("once")
    assert p.wait(timeout=30) == 3, "the session's exit status is not the compositor's"
    report = json.load(open(out))
    assert report["argv"][0] == "--" and report["argv"][1].endswith("ecolobby") and len(report["argv"]) == 2, report["argv"]
    assert report["notify"].startswith("@ecolobby-session-") and report["watchdog_pid"] is None, report
    assert report["watchdog_usec"] == "2000000", report
    time.sleep(0.3)
    msgs = notify.messages
    assert "READY=1\nSTATUS=stand-in ready" in msgs and "WATCHDOG=1" in msgs, msgs
    assert not any("MAINPID" in m or "FDSTORE" in m for m in msgs), msgs
    print("ok: the screen goes after `--`; READY, STATUS and WATCHDOG are passed on, MAINPID and FDSTORE are not; "
          "the compositor sees a private NOTIFY_SOCKET and no WATCHDOG_PID; exit status passed through")

    p, out = session("once", "{}", "-display", ":9", config="/etc/x.toml")
    p.wait(timeout=30)
    argv = json.load(open(out))["argv"]
    assert [a for a in argv if not a.endswith("ecolobby")] == ["--config", "/etc/x.toml", "-display", ":9"], argv
    assert "--" not in argv, argv
    print("ok: `{}` places the screen (with its --config) inside the compositor's command line")

    # Stop: SIGTERM to the session goes to the client; it says STOPPING, ends, the compositor follows.
    p, out = session("client")
    time.sleep(1.5)
    before = len(notify.messages)
    p.send_signal(signal.SIGTERM)
    assert p.wait(timeout=30) == 3
    report = json.load(open(out))
    assert report["client_status"] == 0 and not report.get("compositor_got_sigterm"), report
    time.sleep(0.3)
    assert "STOPPING=1" in notify.messages[before:], notify.messages
    print("ok: SIGTERM reaches the compositor's client (STOPPING passed on), not the compositor; the session ends after both")

    # A compositor that is not there: one line naming it, exit 127 (systemd restarts; the journal says why).
    p = subprocess.run([binary, "session", "--", os.path.join(tmp, "no-such-cage"), "-d"], capture_output=True, text=True, timeout=30)
    lines = [line for line in p.stderr.splitlines() if line.strip()]
    assert p.returncode == 127 and len(lines) == 1 and "cannot start" in lines[0] and "no-such-cage" in lines[0], (p.returncode, p.stderr)
    print("ok: a missing compositor is one line naming it, exit 127")
    notify.stop()
