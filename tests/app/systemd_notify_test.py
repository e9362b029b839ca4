#!/usr/bin/env python3
"""The kiosk speaks systemd's notify protocol: READY after the first frame, WATCHDOG pings from
the frame loop (at most every sixth of a short watchdog interval here; their rhythm under the
unit's WatchdogSec=30 is in supervision_test.py), STOPPING at the end. A real AF_UNIX datagram
socket stands in for systemd's."""
import os, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from notify_socket import NotifySocket  # noqa: E402

binary = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(tmp, "k.toml"), "w") as f:
        f.write(f'data_dir = "{tmp}/data"\n')
    notify = NotifySocket(tmp)
    env = dict(os.environ, NOTIFY_SOCKET=notify.path, WATCHDOG_USEC="200000")
    proc = subprocess.run([binary, "--config", f"{tmp}/k.toml", "--headless", "--frames", "60",
                           "--frame-step-ms", "1000", "--now", "2026-06-24T10:00:00+08:00"],
                          env=env, capture_output=True, text=True, timeout=60)
    notify.stop()
    messages = notify.messages
    assert proc.returncode == 0, proc.stderr
    ready = [m for m in messages if "READY=1" in m]
    pings = [m for m in messages if m == "WATCHDOG=1"]
    assert len(ready) == 1, messages
    assert "STATUS=showing " in ready[0], ready
    assert messages[-1] == "STOPPING=1", messages
    assert len(pings) >= 1, messages
    print(f"ok: READY, {len(pings)} watchdog pings, STOPPING")
