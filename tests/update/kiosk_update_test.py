#!/usr/bin/env python3
"""The kiosk with content updates: a release whose plugin fails at runtime is rolled back by
the health check, remembered as bad, and the screen goes back to the previous release; a
bundle published to a folder (file://, as on a USB stick) is picked up by the poller and shown
at a slot boundary; the install runs in a child process, so a crash while installing leaves the
screen up on its content."""
import re, json, os, sys, tempfile

sys.path.insert(0, os.path.dirname(__file__))
from update_test_lib import Screen, trace_events

binary, source_dir = sys.argv[1], sys.argv[2]
BROKEN_PLUGIN = ('local P = {}\n'
                 'function P.frame() local t = nil; ui.text(t.title, 100, 100) end\n'
                 'return P\n')

# 1. Rollback: version 2 installs fine (its Lua compiles) but fails on screen.
with tempfile.TemporaryDirectory() as tmp:
    screen = Screen(binary, tmp)
    _, b1 = screen.bundle("1", "第一版内容")
    _, b2 = screen.bundle("2", "第二版内容", plugin_lua=BROKEN_PLUGIN)
    screen.run("bundle", "apply", b1)
    screen.run("bundle", "apply", b2)
    assert screen.status()["pending"] == "2"
    trace = os.path.join(tmp, "trace.jsonl")
    for attempt in range(5):  # the rollback runs on the worker; give the virtual clock enough slots
        out = screen.kiosk(frames=300, trace=trace)
        status = screen.status()
        if status["content_version"] == "1":
            break
    log = out.stdout + out.stderr
    assert status["content_version"] == "1", f"{status}\n{log[-3000:]}"
    assert "2" in status["bad"] and "nil" in status["bad"]["2"], status
    assert "rolled back 2" in status["last_error"], status
    switches = [e for e in trace_events(trace) if e.get("event") == "content" or e.get("type") == "content"]
    assert any("releases/1" in json.dumps(e) for e in switches), f"no switch back to release 1 in the trace: {switches}"
    again = screen.run("bundle", "apply", b2, check=False)
    assert again.returncode == 1 and "rolled back before" in again.stderr, again.stderr
    print("ok: failing release 2 rolled back to 1 on screen, marked bad, and refused when offered again")

def publish(screen, tmp, version, title):
    """The administrator's one command: build, sign, and write the bundle with latest.json."""
    usb = os.path.join(tmp, "usb")
    src = screen.content("v" + version, title)
    screen.run("bundle", "publish", src, "--key", os.path.join(tmp, "keys", "bundle.key"), "--version", version, "--out", usb)
    return usb


def shows_after_polls(screen, tmp, version):
    """Runs the kiosk (the poller works in real time) until its trace shows the release on screen."""
    trace = os.path.join(tmp, "trace.jsonl")

    def shown(out):
        # Switched to it during this run, or installed at the end of the run before and so started on.
        return (any(f"releases/{version}" in json.dumps(e) for e in trace_events(trace)) or
                re.search(rf"content: release \S*/releases/{re.escape(version)}\b", out.stdout + out.stderr))
    for attempt in range(5):
        out = screen.kiosk(frames=300, trace=trace)
        if shown(out):
            break
    assert shown(out), (out.stdout + out.stderr)[-3000:]
    assert screen.status()["content_version"] == version


# 2. Delivery: the poller reads latest.json from a folder and the kiosk switches at a slot boundary.
with tempfile.TemporaryDirectory() as tmp:
    usb = os.path.join(tmp, "usb")
    screen = Screen(binary, tmp, url=f"file://{usb}/latest.json")
    publish(screen, tmp, "7", "U盘更新内容")
    with open(os.path.join(usb, "latest.json")) as f:
        latest = json.load(f)
    assert latest["version"] == "7" and latest["url"] == "bundle-7.tar.zst", latest
    shows_after_polls(screen, tmp, "7")
    print("ok: bundle on a file:// folder installed by the poller and shown at a slot boundary")

# 3. Isolation: the poller installs through a child process. ECOLOBBY_CRASH_AT=extracted:abort
# makes whichever process reaches the "extracted" step abort, as a decompressor bug would; the
# kiosk itself must run on to its last frame (exit 0) on the content it had, say what happened,
# and install the bundle once the installer no longer crashes.
with tempfile.TemporaryDirectory() as tmp:
    usb = os.path.join(tmp, "usb")
    screen = Screen(binary, tmp, url=f"file://{usb}/latest.json")
    publish(screen, tmp, "8", "隔离安装")
    crashing = dict(os.environ, ECOLOBBY_CRASH_AT="extracted:abort")
    for attempt in range(5):
        out = screen.kiosk(frames=300, env=crashing)
        log = out.stdout + out.stderr
        if "install process crashed" in log:
            break
    assert "bundle-8: the install process crashed on it (Aborted)" in log, log[-3000:]
    assert screen.status()["content_version"] != "8", screen.status()
    shows_after_polls(screen, tmp, "8")
    print("ok: a crash of the installing process left the screen running; the next start installed the bundle")
