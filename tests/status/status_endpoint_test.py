#!/usr/bin/env python3
"""A kiosk in a real window under Xvfb with [status] on 127.0.0.1: without the token every path
answers 401; with it /status is the screen's health (versions, uptime, fps, data age, today's
participation from the real SQLite file, recent errors) and /screen.png the picture on screen;
other paths 404. A bad [status] section is caught by `ecolobby check`."""
import json, os, re, sqlite3, subprocess, sys, tempfile, time, urllib.error, urllib.request
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from kiosk_window import start_xvfb, wait_for_status_port  # noqa: E402

binary, source = sys.argv[1], sys.argv[2]
TOKEN = "s3cret-token-for-tests-0123"




def get(port, path, token=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


with tempfile.TemporaryDirectory() as tmp:
    feed = f"{tmp}/feed.json"
    subprocess.run([sys.executable, f"{source}/scripts/feed-sim", "generate", "--institutions", "4", "--seed", "7",
                    "--out", feed], check=True, capture_output=True)
    config = f"{tmp}/k.toml"
    with open(config, "w") as f:
        f.write(f'data_dir = "{tmp}/data"\nkiosk_id = "lobby-test"\n'
                f'[data]\nbuilding = "500231A001"\n[[data.source]]\nurl = "{feed}"\n'
                f'[status]\nlisten = "127.0.0.1:0"\ntoken = "{TOKEN}"\n')
    subprocess.run([binary, "--config", config, "check"], check=True, capture_output=True)

    xvfb, display = start_xvfb()
    log = open(f"{tmp}/kiosk.log", "w+")
    kiosk = subprocess.Popen([binary, "--config", config, "--windowed", "960x540", "--renderer", "software"],
                             env=dict(os.environ, DISPLAY=display), stdout=log, stderr=subprocess.STDOUT)
    try:
        port = wait_for_status_port(log)

        for path in ["/status", "/screen.png", "/", "/etc/passwd"]:
            code, headers, _ = get(port, path)
            assert code == 401, (path, code)
            assert "Bearer" in headers.get("WWW-Authenticate", ""), headers
        assert get(port, "/status", "wrong-token-but-long-enough")[0] == 401
        assert get(port, "/status", TOKEN[:-1])[0] == 401, "a prefix of the token is not the token"
        print("ok: 401 without the right token on every path")

        # Record two events in the real database, then wait for the health to be published.
        db = sqlite3.connect(f"{tmp}/data/ecolobby.db", timeout=10)
        health = None
        for _ in range(100):
            code, _, body = get(port, "/status", TOKEN)
            assert code == 200, (code, body)
            health = json.loads(body)
            if health.get("version") and health.get("data_age_s") is not None:
                break
            time.sleep(0.1)
        day = health["day"]
        for i in range(2):
            db.execute("INSERT INTO events(id, ts_ms, day, local_date, kiosk, plugin, campaign, kind, payload) "
                       "VALUES (?, ?, ?, ?, 'lobby-test', 'tips', '', 'view', '{}')",
                       (f"01TEST{i:020d}", int(time.time() * 1000), day, health["date"]))
        db.commit()
        db.close()
        code, _, body = get(port, "/status", TOKEN)
        health = json.loads(body)
        for key in ["version", "content_version", "uptime_s", "fps", "frame_ms", "rss_mb", "data_age_s",
                    "participation_today", "last_errors", "scene", "screen", "safe_mode"]:
            assert key in health, (key, health)
        assert health["kiosk_id"] == "lobby-test"
        assert health["participation_today"] == 2, health
        assert health["screen"] == "on" and health["safe_mode"] is False
        assert isinstance(health["data_age_s"], int) and health["data_age_s"] < 3600, health
        print(f"ok: /status: version {health['version']}, scene {health['scene']}, uptime {health['uptime_s']} s, "
              f"data age {health['data_age_s']} s, participation today {health['participation_today']}")

        code, headers, png = get(port, "/screen.png", TOKEN)
        assert code == 200 and headers["Content-Type"] == "image/png", (code, headers)
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000, len(png)
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width, height) == (960, 540), (width, height)
        print(f"ok: /screen.png: {width}x{height}, {len(png)} bytes")

        assert get(port, "/nothing-else", TOKEN)[0] == 404
        print("ok: other paths 404 with the token")
    finally:
        kiosk.terminate()
        kiosk.wait(timeout=20)
        xvfb.terminate()
        xvfb.wait()
    assert kiosk.returncode == 0, kiosk.returncode

    bad = f"{tmp}/bad.toml"
    with open(bad, "w") as f:
        f.write(f'data_dir = "{tmp}/data"\n[status]\nlisten = "127.0.0.1:8088"\ntoken = "short"\n')
    p = subprocess.run([binary, "--config", bad, "check"], capture_output=True, text=True)
    assert p.returncode != 0 and "bad.toml:4" in p.stdout + p.stderr and "token" in p.stdout + p.stderr, p.stdout + p.stderr
    print("ok: a short token is refused by check with file, line and key")
