#!/usr/bin/env python3
"""What systemd relies on, with the real program: (1) repeated crashes put the next start in
safe mode (built-in scenes only, no font cache) and a run that goes well ends it; (2) a running loop pings
the watchdog every 0.5-1 s and a frozen one stops the pings, so systemd's WatchdogSec kills and restarts it; (3) with no display at boot
the program waits with backoff, tells systemd why and extends its start timeout, and stops
cleanly on SIGTERM. A real AF_UNIX datagram socket stands in for systemd's notify socket."""
import json, os, shutil, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from notify_socket import NotifySocket  # noqa: E402
from kiosk_window import start_xvfb  # noqa: E402

binary, source = sys.argv[1], sys.argv[2]
NOW = "2026-06-24T10:00:00+08:00"  # bundled schedule: plugins and built-in pages rotate


def run(tmp, *args, env=None, trace=None):
    cmd = [binary, "--config", f"{tmp}/k.toml", "--headless", "--now", NOW, *args]
    if trace:
        cmd += ["--trace", trace]
    return subprocess.run(cmd, env=dict(os.environ, **(env or {})), capture_output=True, text=True, timeout=120)


def scenes(trace):
    with open(trace) as f:
        return [json.loads(l)["name"] for l in f if '"scene"' in l]


def crash_loop(tmp):
    for i in range(3):
        p = run(tmp, "--frames", "50", env={"ECOLOBBY_TEST_FAULT": "abort@3"})
        assert p.returncode != 0, f"start {i} did not crash: {p.stderr}"
    trace = f"{tmp}/safe.jsonl"
    # Eight slides of 15 s: the bundled loop would reach its plugin pages.
    p = run(tmp, "--frames", "130", "--frame-step-ms", "1000", trace=trace)
    assert p.returncode == 0, p.stderr
    assert "SAFE MODE: 3 starts" in p.stderr, p.stderr[-2000:]
    shown = scenes(trace)
    assert shown and not any(s.startswith("plugin:") for s in shown), shown
    assert "loaded from the cache" not in p.stderr, "safe mode trusts nothing an earlier run saved, the font cache included"
    normal_trace = f"{tmp}/normal.jsonl"
    p = run(tmp, "--frames", "130", "--frame-step-ms", "1000", trace=normal_trace)
    assert p.returncode == 0 and "SAFE MODE" not in p.stderr, p.stderr[-2000:]
    again = run(tmp, "--frames", "3")
    assert "font atlas" in again.stderr and "loaded from the cache" in again.stderr, again.stderr[-2000:]
    print(f"ok: three crashes → safe mode showing {len(set(shown))} built-in pages; after a good run, "
          f"normal again: {sorted(set(scenes(normal_trace)))}")
    return set(shown), set(scenes(normal_trace))


def watchdog_rhythm(tmp):
    """With the unit's WatchdogSec=30 the running loop pings every 0.5-1 s (docs/admin-guide.md G),
    not every 15 s: counted over a window, idle in a real window under Xvfb when there is one."""
    n = NotifySocket(tmp, "rhythm")
    env = dict(os.environ, NOTIFY_SOCKET=n.path, WATCHDOG_USEC="30000000")
    with open(f"{tmp}/rhythm.toml", "w") as f:  # its own data: this killed start must not count towards safe mode
        f.write(f'data_dir = "{tmp}/rhythm-data"\ncontent_dir = "{source}/content"\nplugins_dir = "{source}/plugins"\n')
    cmd = [binary, "--config", f"{tmp}/rhythm.toml", "--now", NOW]
    xvfb = None
    if shutil.which("Xvfb"):
        xvfb, display = start_xvfb()
        env.update(DISPLAY=display, SDL_VIDEODRIVER="x11")
        cmd += ["--windowed", "640x360", "--renderer", "software"]
    else:
        cmd += ["--headless", "--frames", "1000000"]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any("READY=1" in m for m in n.messages):
            time.sleep(0.05)
        assert any("READY=1" in m for m in n.messages), n.messages
        start = time.monotonic()
        time.sleep(6.0)
        window = time.monotonic() - start
        pings = [t for t, m in n.timed if m == "WATCHDOG=1" and t >= start]
        assert proc.poll() is None, "the program exited"
        # Every 0.5-1 s is 6-12 pings in 6 s; a loaded machine may lose a few, never 15 s of them.
        assert len(pings) >= 3, f"{len(pings)} watchdog pings in {window:.1f} s"
        assert len(pings) <= window / 0.5 + 2, f"{len(pings)} pings in {window:.1f} s: closer than 0.5 s apart"
        print(f"ok: watchdog rhythm: {len(pings)} pings in {window:.1f} s "
              f"({'idle window under Xvfb' if xvfb else 'headless'}) with WatchdogSec=30")
    finally:
        proc.kill()
        proc.wait()
        n.stop()
        if xvfb:
            xvfb.kill()
            xvfb.wait()


def frozen_loop(tmp):
    n = NotifySocket(tmp, "frozen")
    env = {"NOTIFY_SOCKET": n.path, "WATCHDOG_USEC": "200000", "ECOLOBBY_TEST_FAULT": "freeze@5"}
    proc = subprocess.Popen([binary, "--config", f"{tmp}/k.toml", "--headless", "--frames", "100000",
                             "--now", NOW], env=dict(os.environ, **env), stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any("READY=1" in m for m in n.messages):
            time.sleep(0.05)
        assert any("READY=1" in m for m in n.messages), n.messages
        time.sleep(2.0)
        assert proc.poll() is None, "the frozen program exited by itself"
        pings = [t for t, m in n.timed if m == "WATCHDOG=1"]
        silent = time.monotonic() - (pings[-1] if pings else 0)
        assert silent > 1.0, f"pings continued while frozen ({len(pings)} pings, last {silent:.2f} s ago)"
        print(f"ok: frozen loop: READY, {len(pings)} pings, then silence for {silent:.1f} s "
              f"(systemd kills it after WatchdogSec)")
    finally:
        proc.kill()
        proc.wait()
        n.stop()


def no_display(tmp):
    n = NotifySocket(tmp, "no-display")
    env = dict(os.environ, NOTIFY_SOCKET=n.path, SDL_VIDEODRIVER="x11")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.Popen([binary, "--config", f"{tmp}/k.toml", "--now", NOW], env=env,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(3.5)
    assert proc.poll() is None, "gave up instead of waiting for the display: " + proc.stderr.read()
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=10)
    n.stop()
    assert proc.returncode == 0, (proc.returncode, err)
    assert "display unavailable" in err and "retrying in 1 s (attempt 1)" in err and "retrying in 2 s (attempt 2)" in err, err
    statuses = [m for m in n.messages if "waiting for the display" in m]
    assert statuses and "EXTEND_TIMEOUT_USEC=" in statuses[0], n.messages
    assert not any("READY=1" in m for m in n.messages), "READY without a display"
    print(f"ok: no display: {len(statuses)} attempts reported to systemd with a longer start timeout; SIGTERM → exit 0")


with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(tmp, "k.toml"), "w") as f:
        f.write(f'data_dir = "{tmp}/data"\ncontent_dir = "{source}/content"\nplugins_dir = "{source}/plugins"\n')
    safe, normal = crash_loop(tmp)
    assert any(s.startswith("plugin:") for s in normal), f"the normal run showed no plugin: {normal}"
    watchdog_rhythm(tmp)
    frozen_loop(tmp)
    no_display(tmp)
