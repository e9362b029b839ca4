#!/usr/bin/env python3
"""packaging/monitoring/prometheus.yml as a Prometheus server would load it: `promtool check
config` on a copy laid out as the file's comment says (the token file and a target file beside it,
since promtool checks that both exist and that the target file is valid), with the alert rules it
names. Without the token file the same check fails (so the copy's layout is what is checked), and
the job scrapes /metrics every 30 s with the token from the file."""
import json, os, re, shutil, subprocess, sys, tempfile

source = sys.argv[1]
monitoring = os.path.join(source, "packaging", "monitoring")


def promtool(*args, cwd):
    return subprocess.run(["promtool", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


with tempfile.TemporaryDirectory() as etc:
    for name in ["prometheus.yml", "alerts.yml"]:
        shutil.copy(os.path.join(monitoring, name), etc)
    os.makedirs(f"{etc}/ecolobby-screens")
    with open(os.path.join(monitoring, "screens.example.json")) as f:
        targets = json.load(f)
    assert all(t["targets"] and all(re.fullmatch(r"[\d.]+:\d+", x) for x in t["targets"]) for t in targets), targets
    shutil.copy(os.path.join(monitoring, "screens.example.json"), f"{etc}/ecolobby-screens/screens.json")

    r = promtool("check", "config", "prometheus.yml", cwd=etc)
    assert r.returncode != 0 and "ecolobby.token" in r.stdout + r.stderr, (r.returncode, r.stdout, r.stderr)
    print("ok: without ecolobby.token beside it promtool refuses the config")

    with open(f"{etc}/ecolobby.token", "w") as f:
        f.write("0123456789abcdef0123456789abcdef\n")
    os.chmod(f"{etc}/ecolobby.token", 0o640)
    r = promtool("check", "config", "prometheus.yml", cwd=etc)
    out = r.stdout + r.stderr
    assert r.returncode == 0, (r.returncode, out)
    assert re.search(r"SUCCESS: 1 rule files found", out) and re.search(r"SUCCESS: 6 rules found", out), out
    print("ok: promtool check config: the config, its target file and its 6 alert rules")

    text = open(f"{etc}/prometheus.yml").read()
    job = text[text.index("- job_name: ecolobby"):]
    for want in [r"metrics_path: /metrics", r"scrape_interval: 30s", r"credentials_file: ecolobby\.token",
                 r"file_sd_configs:", r"- ecolobby-screens/\*\.json"]:
        assert re.search(want, job), (want, job)
    assert "credentials:" not in re.sub(r"credentials_file", "", job), "no token in the file itself"
    print("ok: job ecolobby: /metrics every 30 s, bearer token from a file, targets from file_sd")
