#!/usr/bin/env python3
"""The kiosk speaks systemd's notify protocol: READY after the first frame, WATCHDOG pings from
the frame loop at half the watchdog interval, STOPPING at the end. A real AF_UNIX datagram
socket stands in for systemd's."""
import os, socket, subprocess, sys, tempfile, threading

binary = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    with open(os.path.join(tmp, "k.toml"), "w") as f:
        f.write(f'data_dir = "{tmp}/data"\n')
    env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="200000")
    messages = []
    done = threading.Event()

    def drain():  # like systemd, read continuously: a full datagram queue would block the sender
        sock.settimeout(0.1)
        while not done.is_set():
            try:
                messages.append(sock.recv(4096).decode())
            except socket.timeout:
                pass

    reader = threading.Thread(target=drain)
    reader.start()
    proc = subprocess.run([binary, "--config", f"{tmp}/k.toml", "--headless", "--frames", "60",
                           "--frame-step-ms", "1000", "--now", "2026-06-24T10:00:00+08:00"],
                          env=env, capture_output=True, text=True, timeout=60)
    done.set()
    reader.join()
    assert proc.returncode == 0, proc.stderr
    ready = [m for m in messages if "READY=1" in m]
    pings = [m for m in messages if m == "WATCHDOG=1"]
    assert len(ready) == 1, messages
    assert "STATUS=showing " in ready[0], ready
    assert messages[-1] == "STOPPING=1", messages
    assert len(pings) >= 1, messages
    print(f"ok: READY, {len(pings)} watchdog pings, STOPPING")
