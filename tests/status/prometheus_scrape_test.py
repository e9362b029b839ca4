#!/usr/bin/env python3
"""A real Prometheus scraping a real headless kiosk, both on 127.0.0.1 only: the shipped
packaging/monitoring/prometheus.yml (and its alert rules) laid out as on a server, with the
screen as its file_sd target and the intervals shortened to 1 s. Prometheus's own HTTP API then
reports the target up (up == 1, with the bearer token from the file), and has ecolobby_up, the
frame histogram's count and the Chinese institution label for it; it loaded the 6 alert rules.
Both programs stop cleanly (Prometheus on SIGTERM, the kiosk with exit 0)."""
import json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.parse, urllib.request
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from status_screen import TOKEN, StatusScreen  # noqa: E402

binary, source = sys.argv[1], sys.argv[2]
monitoring = os.path.join(source, "packaging", "monitoring")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(port, path, **params):
    url = f"http://127.0.0.1:{port}/api/v1/{path}" + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=5) as r:
        answer = json.load(r)
    assert answer["status"] == "success", answer
    return answer["data"]


def query(port, expr):
    return api(port, "query", query=expr)["result"]


with tempfile.TemporaryDirectory() as tmp, StatusScreen(binary, tmp, source) as screen:
    etc = os.path.join(tmp, "prometheus")
    os.makedirs(os.path.join(etc, "ecolobby-screens"))
    with open(os.path.join(monitoring, "prometheus.yml")) as f:
        config = f.read()
    assert config.count("30s") == 3 and config.count("scrape_timeout: 10s") == 2, config
    with open(os.path.join(etc, "prometheus.yml"), "w") as f:
        f.write(config.replace("30s", "1s").replace("scrape_timeout: 10s", "scrape_timeout: 1s"))
    shutil.copy(os.path.join(monitoring, "alerts.yml"), etc)
    with open(os.path.join(etc, "ecolobby.token"), "w") as f:
        f.write(TOKEN + "\n")
    target = f"127.0.0.1:{screen.port}"
    with open(os.path.join(etc, "ecolobby-screens", "lobby.json"), "w") as f:
        json.dump([{"targets": [target], "labels": {"site": "测试楼"}}], f, ensure_ascii=False)

    port = free_port()
    log = open(os.path.join(tmp, "prometheus.log"), "w+")
    prometheus = subprocess.Popen(["prometheus", f"--config.file={etc}/prometheus.yml",
                                   f"--storage.tsdb.path={tmp}/tsdb", f"--web.listen-address=127.0.0.1:{port}"],
                                  cwd=tmp, stdout=log, stderr=subprocess.STDOUT)

    def prometheus_log():
        log.seek(0)
        return log.read()[-3000:]

    try:
        found, deadline = {}, time.monotonic() + 90
        while time.monotonic() < deadline:
            assert prometheus.poll() is None, f"prometheus exited {prometheus.returncode}:\n{prometheus_log()}"
            try:
                found = {expr: query(port, expr) for expr in
                         [f'up{{job="ecolobby",instance="{target}"}}', f'ecolobby_up{{instance="{target}"}}',
                          f'ecolobby_frame_seconds_count{{instance="{target}"}}',
                          f'ecolobby_kiosk_info{{instance="{target}"}}']}
            except OSError:  # not listening yet
                found = {}
            if found and all(found.values()) and list(found.values())[0][0]["value"][1] == "1":
                break
            time.sleep(0.5)
        else:
            targets = api(port, "targets")["activeTargets"] if found else "unreachable"
            raise AssertionError(f"no good scrape of {target}: {found}\ntargets: {targets}\n{prometheus_log()}"
                                 f"\nkiosk:\n{screen.log_tail()}")
        up, ecolobby_up, frames, info = found.values()
        assert up[0]["value"][1] == "1" and up[0]["metric"]["site"] == "测试楼", up
        assert ecolobby_up[0]["value"][1] == "1", ecolobby_up
        assert float(frames[0]["value"][1]) > 0, frames
        assert info[0]["metric"]["institution"] == "垫江县财政局" and info[0]["metric"]["kiosk_id"] == "lobby-metrics", info
        print(f"ok: prometheus scraped {target}: up 1, ecolobby_up 1, {frames[0]['value'][1]} frames, "
              f"institution {info[0]['metric']['institution']}")

        active = [t for t in api(port, "targets")["activeTargets"] if t["labels"].get("instance") == target]
        assert len(active) == 1 and active[0]["health"] == "up" and active[0]["lastError"] == "", active
        assert active[0]["scrapeUrl"] == f"http://{target}/metrics", active[0]["scrapeUrl"]
        rules = [r["name"] for g in api(port, "rules")["groups"] for r in g["rules"]]
        assert sorted(rules) == sorted(["EcoLobbyScreenDown", "EcoLobbyContentStale", "EcoLobbyDataStale",
                                        "EcoLobbyPluginDisabled", "EcoLobbySafeMode", "EcoLobbyDiskNearlyFull"]), rules
        firing = [a for a in api(port, "alerts")["alerts"] if a["state"] == "firing"]
        assert not firing, f"a healthy screen raises no alert: {firing}"
        print(f"ok: target healthy at {active[0]['scrapeUrl']}, {len(rules)} alert rules loaded, none firing")
    finally:
        prometheus.terminate()
        try:
            prometheus.wait(timeout=30)
        except subprocess.TimeoutExpired:
            prometheus.kill()
            prometheus.wait()
    assert prometheus.returncode == 0, f"prometheus exited {prometheus.returncode}:\n{prometheus_log()}"
    print("ok: prometheus stopped cleanly on SIGTERM")
