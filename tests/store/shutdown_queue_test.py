#!/usr/bin/env python3
"""Stopping the screen while the participation queue is full: a plugin logs 40 events a frame
(kiosk.animate keeps frames coming), the kiosk exits at the end of its frames with events still
queued, many times. Every run must end cleanly (no abort, no heap corruption: under ASan the
shutdown order is checked too) and every event the plugin was told was accepted is on disk."""
import os, re, sqlite3, subprocess, sys, tempfile

binary = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 8

with tempfile.TemporaryDirectory() as tmp:
    plugin = os.path.join(tmp, "plugins", "burst")
    os.makedirs(plugin)
    os.makedirs(os.path.join(tmp, "content"))
    with open(os.path.join(plugin, "plugin.toml"), "w") as f:
        f.write('id = "burst"\nversion = "1"\napi = 1\nname = "连点"\npermissions = ["participation"]\n'
                '[participation]\nkeys = ["n"]\n')
    with open(os.path.join(plugin, "main.lua"), "w") as f:
        f.write('local P, accepted = {}, 0\n'
                'function P.frame()\n'
                '  for i = 1, 40 do\n'
                '    if pcall(participation.log, "tap", { n = accepted }) then accepted = accepted + 1 end\n'
                '  end\n'
                '  log.info("accepted=" .. accepted)\n'
                '  kiosk.animate()\n'
                '  ui.text("连点", 100, 100)\n'
                'end\nreturn P\n')
    with open(os.path.join(tmp, "content", "schedule.toml"), "w") as f:
        f.write('[[slot]]\nscene = "plugin"\nplugin = "burst"\nduration_s = 600\n')
    with open(os.path.join(tmp, "k.toml"), "w") as f:
        f.write(f'data_dir = "{tmp}/data"\ncontent_dir = "{tmp}/content"\nplugins_dir = "{tmp}/plugins"\n'
                '[store]\nevents_per_minute = 0\n')  # no rate limit: the point is a full queue
    total = 0
    for run in range(runs):
        p = subprocess.run([binary, "--config", f"{tmp}/k.toml", "--headless", "--frames", "20",
                            "--now", "2026-06-24T10:00:00+08:00"], capture_output=True, text=True, errors="replace",
                           timeout=120)
        out = p.stdout + p.stderr
        assert p.returncode == 0, f"run {run}: exit {p.returncode}\n{out[-3000:]}"
        for bad in ("double free", "corrupted", "AddressSanitizer", "runtime error", "terminate called"):
            assert bad not in out, f"run {run}: {bad}\n{out[-3000:]}"
        counts = [int(n) for n in re.findall(r"accepted=(\d+)", out)]
        assert counts and counts[-1] > 0, out[-3000:]
        total += counts[-1]
        db = sqlite3.connect(os.path.join(tmp, "data", "ecolobby.db"))
        rows = db.execute("SELECT count(*) FROM events WHERE plugin = 'burst'").fetchone()[0]
        db.close()
        assert rows == total, f"run {run}: {total} events accepted in all, {rows} on disk\n{out[-2000:]}"
    print(f"ok: {runs} shutdowns with a full queue, {total} events accepted, {total} on disk, 0 lost")
