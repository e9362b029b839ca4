#!/usr/bin/env python3
"""A kiosk in a real window under Xvfb with [status] on 127.0.0.1: without the token every path
answers 401; with it /status is the screen's health as schema 1 of docs/admin-guide.md (every
field there, with its type: versions, institution, data age per source, today's participation per
plugin from the real SQLite file, frames in the last minute, updates, the last problems) and
/screen.png the picture on screen; other paths 404. A problem logged before a restart is still
in last_problems after it. A bad [status] section is caught by `ecolobby check`."""
import json, os, re, sqlite3, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from kiosk_window import start_xvfb, wait_for_status_port  # noqa: E402
from status_screen import http_get  # noqa: E402

binary, source = sys.argv[1], sys.argv[2]
TOKEN = "s3cret-token-for-tests-0123"





def start_screen(config, log_path):
    """A real kiosk window under its own Xvfb; returns (xvfb, kiosk, status port)."""
    xvfb, display = start_xvfb()
    log = open(log_path, "w+")
    kiosk = subprocess.Popen([binary, "--config", config, "--windowed", "960x540", "--renderer", "software"],
                             env=dict(os.environ, DISPLAY=display), stdout=log, stderr=subprocess.STDOUT)
    try:
        return xvfb, kiosk, wait_for_status_port(log)
    except BaseException:
        kiosk.kill()
        xvfb.terminate()
        raise

def stop_screen(xvfb, kiosk):
    """Stops what start_screen started; the kiosk's exit status (0: it stopped cleanly)."""
    kiosk.terminate()
    kiosk.wait(timeout=20)
    xvfb.terminate()
    xvfb.wait()
    return kiosk.returncode


get = http_get


with tempfile.TemporaryDirectory() as tmp:
    feed = f"{tmp}/feed.json"
    subprocess.run([sys.executable, f"{source}/scripts/feed-sim", "generate", "--institutions", "4", "--seed", "7",
                    "--out", feed], check=True, capture_output=True)
    config = f"{tmp}/k.toml"
    with open(config, "w") as f:
        # A second source that is missing: a warning the screen logs, to find again after a restart.
        f.write(f'data_dir = "{tmp}/data"\nkiosk_id = "lobby-test"\norg_name = "垫江县财政局"\n'
                f'[data]\nbuilding = "500231A001"\n[[data.source]]\nurl = "{feed}"\n'
                f'[[data.source]]\nurl = "{tmp}/missing-feed.json"\n'
                f'[status]\nlisten = "127.0.0.1:0"\ntoken = "{TOKEN}"\n')
    subprocess.run([binary, "--config", config, "check"], check=True, capture_output=True)

    xvfb, kiosk, port = start_screen(config, f"{tmp}/kiosk.log")
    try:

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
            if health.get("program_version") and health.get("data_age_s") is not None:
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
        types = {"schema": int, "kiosk_id": str, "institution": dict, "program_version": str, "content_version": str,
                 "content_dir": str, "time": str, "time_unix": int, "date": str, "day": int, "uptime_s": int,
                 "screen": str, "scene": str, "safe_mode": bool, "frames_last_minute": int, "frame_ms": dict,
                 "rss_mb": (int, float), "data_age_s": int, "data_sources": list, "plugins": dict,
                 "participation": dict, "plays": dict, "updates": dict, "last_problems": list,
                 "frame_histogram": dict, "disk_free_bytes": int, "problems_logged": dict}
        for key, t in types.items():
            assert key in health and isinstance(health[key], t), (key, health.get(key))
        for gone in ["fps", "version", "last_errors", "participation_today", "data"]:
            assert gone not in health, (gone, health[gone])
        assert health["schema"] == 1
        assert health["kiosk_id"] == "lobby-test"
        assert health["institution"] == {"id": "500231A001", "name": "垫江县财政局"}, health["institution"]
        assert health["screen"] == "on" and health["safe_mode"] is False
        assert isinstance(health["data_age_s"], int) and health["data_age_s"] < 3600, health
        assert health["frames_last_minute"] > 0, "it drew its first frames within the minute"
        sources = {s["url"].rsplit("/", 1)[-1]: s for s in health["data_sources"]}
        assert sources["feed.json"]["ok"] is True and isinstance(sources["feed.json"]["age_s"], int), sources
        assert sources["missing-feed.json"]["ok"] is False and sources["missing-feed.json"]["age_s"] is None, sources
        assert isinstance(sources["missing-feed.json"]["error"], str), sources
        p = health["participation"]
        assert p["today"] == 2 and p["today_by_plugin"] == {"tips": 2}, p
        for k in ["saved", "queued", "dropped", "rejected", "rate_limited"]:
            assert isinstance(p[k], int), (k, p)
        assert p["write_error"] is None, p
        plays = health["plays"]
        assert isinstance(plays["saved"], int) and plays["dropped"] == 0, plays
        assert isinstance(plays["by_campaign"], dict), plays
        assert health["plugins"]["errors"] == [] and health["plugins"]["disabled"] == [], health["plugins"]
        failures = health["plugins"]["failures"]
        assert "plugin:tips" in failures and set(failures.values()) == {0}, failures
        u = health["updates"]
        assert u["enabled"] is False and u["current"] is None and u["refused"] == [] and u["rolled_back"] == [], u
        assert u["last_success"] is None, u
        for problem in health["last_problems"]:
            assert set(problem) == {"time", "time_ms", "level", "message"}, problem
            assert problem["level"] in ("warning", "error", "critical") and isinstance(problem["time_ms"], int)
        print(f"ok: /status schema 1: program {health['program_version']}, scene {health['scene']}, "
              f"uptime {health['uptime_s']} s, {health['frames_last_minute']} frames in the last minute, "
              f"data age {health['data_age_s']} s, participation today {p['today_by_plugin']}")

        # The missing feed's warning, as a monitor reads it (and the file keeps it).
        missing = None
        for _ in range(200):
            health = json.loads(get(port, "/status", TOKEN)[2])
            missing = [x for x in health["last_problems"] if "missing-feed.json" in x["message"]]
            if missing:
                break
            time.sleep(0.1)
        assert missing, health["last_problems"]
        before_restart = missing[0]
        code, headers, png = get(port, "/screen.png", TOKEN)
        assert code == 200 and headers["Content-Type"] == "image/png", (code, headers)
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000, len(png)
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width, height) == (960, 540), (width, height)
        print(f"ok: /screen.png: {width}x{height}, {len(png)} bytes")

        assert get(port, "/nothing-else", TOKEN)[0] == 404
        print("ok: other paths 404 with the token")
    finally:
        exit_code = stop_screen(xvfb, kiosk)
    assert exit_code == 0, exit_code
    saved = json.load(open(f"{tmp}/data/problems.json"))
    assert saved["schema"] == 1 and before_restart["time_ms"] in [x["time_ms"] for x in saved["problems"]], saved

    # Restarted without the missing source: the problem from before is still listed, same time.
    with open(config, "w") as f:
        f.write(f'data_dir = "{tmp}/data"\nkiosk_id = "lobby-test"\n'
                f'[data]\nbuilding = "500231A001"\n[[data.source]]\nurl = "{feed}"\n'
                f'[status]\nlisten = "127.0.0.1:0"\ntoken = "{TOKEN}"\n')
    xvfb, kiosk, port = start_screen(config, f"{tmp}/kiosk2.log")
    try:
        code, _, body = get(port, "/status", TOKEN)
        assert code == 200, code
        for _ in range(100):
            health = json.loads(get(port, "/status", TOKEN)[2])
            if health.get("schema") == 1:
                break
            time.sleep(0.1)
        assert before_restart in health["last_problems"], (before_restart, health["last_problems"])
        assert len(health["last_problems"]) <= 50
        assert get(port, "/status")[0] == 401
        print(f"ok: after a restart last_problems still has {before_restart['time']} {before_restart['message'][:60]!r}")
    finally:
        exit_code = stop_screen(xvfb, kiosk)
    assert exit_code == 0, exit_code

    bad = f"{tmp}/bad.toml"
    with open(bad, "w") as f:
        f.write(f'data_dir = "{tmp}/data"\n[status]\nlisten = "127.0.0.1:8088"\ntoken = "short"\n')
    p = subprocess.run([binary, "--config", bad, "check"], capture_output=True, text=True)
    assert p.returncode != 0 and "bad.toml:4" in p.stdout + p.stderr and "token" in p.stdout + p.stderr, p.stdout + p.stderr
    print("ok: a short token is refused by check with file, line and key")
