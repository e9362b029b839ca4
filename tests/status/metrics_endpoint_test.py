#!/usr/bin/env python3
"""/metrics of a real headless kiosk on 127.0.0.1 (docs/admin-guide.md, D): without the status
token it answers 401 like every path, with it 200 in the Prometheus text format 0.0.4 (its exact
Content-Type), which `promtool check metrics` accepts and which says what /status says (versions,
the institution in Chinese, data age per source, free disk space); the frame histogram is
cumulative and counts the frames drawn. /status has the fields /metrics is made from."""
import json, os, re, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from status_screen import TOKEN, StatusScreen  # noqa: E402

binary, source = sys.argv[1], sys.argv[2]
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?')


def parse(text):
    """{(name, frozenset(labels)): value} of every sample; asserts each line is a comment or a sample."""
    samples = {}
    for line in text.splitlines():
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            continue
        m = SAMPLE.match(line)
        assert m, f"not a sample line: {line!r}"
        labels = {k: re.sub(r'\\(.)', lambda e: "\n" if e.group(1) == "n" else e.group(1), v)
                  for k, v in LABEL.findall(m.group(2) or "")}
        key = (m.group(1), frozenset(labels.items()))
        assert key not in samples, f"duplicate series: {line}"
        samples[key] = float(m.group(3))
    return samples


def series(samples, name, **labels):
    """{frozenset(labels): value} of the samples of `name` that have `labels`."""
    return {k[1]: v for k, v in samples.items() if k[0] == name and all((a, b) in k[1] for a, b in labels.items())}


with tempfile.TemporaryDirectory() as tmp, StatusScreen(binary, tmp, source) as screen:
    for token in [None, "wrong-token-but-long-enough-000000", TOKEN[:-1]]:
        code, headers, body = screen.get("/metrics", token=token)
        assert code == 401, (token, code, body)
        assert "Bearer" in headers.get("WWW-Authenticate", ""), headers
        assert b"ecolobby" not in body, body
    print("ok: /metrics without the token, with a wrong one and with a prefix of it: 401")

    # Wait until the screen has published its health with the feed's figures and some frames.
    for _ in range(200):
        code, headers, body = screen.get("/metrics")
        assert code == 200, (code, body[:300])
        text = body.decode("utf-8")
        if "ecolobby_data_age_seconds{" in text and re.search(r"^ecolobby_frame_seconds_count [1-9]", text, re.M):
            break
        time.sleep(0.1)
    assert headers["Content-Type"] == CONTENT_TYPE, headers["Content-Type"]
    assert headers["Cache-Control"] == "no-store", headers

    check = subprocess.run(["promtool", "check", "metrics"], input=body, capture_output=True, timeout=60)
    assert check.returncode == 0, (check.returncode, check.stdout.decode(), check.stderr.decode(), text)
    print(f"ok: 200, {CONTENT_TYPE}, {len(body)} bytes that promtool check metrics accepts")

    code, _, status_body = screen.get("/status")
    health = json.loads(status_body)
    samples = parse(text)
    assert series(samples, "ecolobby_up") == {frozenset(): 1.0}
    assert series(samples, "ecolobby_build_info") == {frozenset({("version", health["program_version"])}): 1.0}
    assert series(samples, "ecolobby_content_info") == {frozenset({("version", health["content_version"])}): 1.0}
    info = series(samples, "ecolobby_kiosk_info")
    assert info == {frozenset({("kiosk_id", "lobby-metrics"), ("institution", "垫江县财政局")}): 1.0}, info
    ages = series(samples, "ecolobby_data_age_seconds")
    assert len(ages) == 1 and dict(next(iter(ages)))["source"].endswith("/feed.json"), ages
    assert series(samples, "ecolobby_safe_mode") == {frozenset(): 0.0}
    assert series(samples, "ecolobby_screen_off") == {frozenset(): 0.0}
    assert series(samples, "ecolobby_uptime_seconds")[frozenset()] >= 0
    assert series(samples, "ecolobby_frames_last_minute")[frozenset()] > 0

    st = os.statvfs(screen.data_dir)
    free = series(samples, "ecolobby_disk_free_bytes")[frozenset()]
    assert abs(free - st.f_bavail * st.f_frsize) < 1e9, (free, st.f_bavail * st.f_frsize)
    assert isinstance(health["disk_free_bytes"], int) and health["disk_free_bytes"] > 0, health.get("disk_free_bytes")
    print(f"ok: versions, 垫江县财政局 as a label, data age of the feed, {free / 1e9:.1f} GB free, as /status says")

    buckets = series(samples, "ecolobby_frame_seconds_bucket")
    bounds = sorted((float(dict(labels)["le"]), n) for labels, n in buckets.items())
    assert [b for b, _ in bounds] == [0.004, 0.008, 0.016, 0.033, 0.05, 0.1, 0.25, 0.5, 1, float("inf")], bounds
    counts = [n for _, n in bounds]
    assert counts == sorted(counts), f"cumulative: {bounds}"
    count = series(samples, "ecolobby_frame_seconds_count")[frozenset()]
    assert count > 0 and counts[-1] == count, (counts, count)
    assert series(samples, "ecolobby_frame_seconds_sum")[frozenset()] > 0
    h = health["frame_histogram"]
    assert h["le_ms"] == [4, 8, 16, 33, 50, 100, 250, 500, 1000] and len(h["cumulative"]) == 9, h
    print(f"ok: ecolobby_frame_seconds: {int(count)} frames in cumulative buckets")

    # The counters are there from the start, at their values in /status.
    assert set(health["problems_logged"]) <= {"warning", "error", "critical"}, health["problems_logged"]
    assert health["updates"]["last_success"] is None, health["updates"]  # no [updates] url
    assert "ecolobby_update_last_success_timestamp_seconds" not in text, "no updates: no timestamp"
    assert isinstance(health["participation"]["saved_by_plugin"], dict), health["participation"]
    assert isinstance(health["plugins"]["failures"], dict), health["plugins"]
    for plugin, n in health["plugins"]["failures"].items():
        assert series(samples, "ecolobby_plugin_errors_total", plugin=plugin.removeprefix("plugin:")), (plugin, text)
    plays = series(samples, "ecolobby_plays_total")
    for labels, n in plays.items():  # /status was asked later: as many showings or more
        assert n <= health["plays"]["by_campaign"][dict(labels)["campaign"]], (labels, n, health["plays"])
    print(f"ok: {len(health['plugins']['failures'])} plugins with their error counters, "
          f"{len(plays)} campaigns with plays, updates off: no update timestamps")

    code, headers, body = screen.get("/metrics", method="HEAD")
    assert code == 200 and body == b"" and headers["Content-Type"] == CONTENT_TYPE, (code, headers, body)
    code, _, body = screen.get("/metrics/other")
    assert code == 404 and b"/metrics" in body, (code, body)
    print("ok: HEAD /metrics: the headers only; other paths 404 naming /metrics")
