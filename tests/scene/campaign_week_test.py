#!/usr/bin/env python3
"""The whole default content, headless, over a simulated energy-saving week and the days around
it (--now, 20-minute frames): the week's slots (quiz included) show only inside the week and
replace the everyday loop; the low-carbon-day slide shows only on the week's third day."""
import datetime, json, os, subprocess, sys, tempfile

binary, source_dir = sys.argv[1], os.path.abspath(sys.argv[2])


def plugin_failures(stderr):
    """Plugin errors other than a CPU-limit line (that is the machine under load, not the plugin:
    counted, not failed, as long as no plugin is disabled; docs/perf.md measures frame times)."""
    lines = stderr.splitlines()
    return [l for l in lines if "[error] plugin" in l and "CPU limit" not in l] + [l for l in lines if "disabled until" in l]

with tempfile.TemporaryDirectory() as tmp:
    trace = os.path.join(tmp, "trace.jsonl")
    with open(os.path.join(tmp, "k.toml"), "w") as f:
        f.write(f'data_dir = "{tmp}/data"\ncontent_dir = "{source_dir}/content"\nplugins_dir = "{source_dir}/plugins"\n')
    # 2025-06-21 08:00 → 2025-07-01 08:00: ten days in 20-minute steps.
    frames = 10 * 24 * 3
    p = subprocess.run([binary, "--config", f"{tmp}/k.toml", "--headless", "--frames", str(frames), "--frame-step-ms", "1200000",
                        "--size", "320x180", "--now", "2025-06-21T08:00:00+08:00", "--trace", trace],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    # Every string the default content and bundled plugins showed had its glyphs.
    assert "missing glyph" not in p.stderr, [l for l in p.stderr.splitlines() if "missing glyph" in l]
    # No bundled plugin fails (these 20-minute frames also miss every query cache).
    assert not plugin_failures(p.stderr), plugin_failures(p.stderr)[:5]
    cpu_limits = sum("CPU limit" in l for l in p.stderr.splitlines())
    shown = {}  # date → set of scene names
    for line in open(trace):
        e = json.loads(line)
        if e.get("event") == "scene":
            shown.setdefault(e["t"][:10], set()).add(e["name"])
    quiz, low_carbon, everyday = "plugin:energy_week_quiz", "slide:今天是全国低碳日", "slide:夏季空调不低于26℃"
    for day in sorted(shown):
        in_week = "2025-06-23" <= day <= "2025-06-29"
        names = shown[day]
        assert (quiz in names) == in_week, f"{day}: quiz shown={quiz in names}, in week={in_week}: {sorted(names)}"
        assert (low_carbon in names) == (day == "2025-06-25"), f"{day}: {sorted(names)}"
        assert ("plugin:low_carbon_pledge" in names) == (day == "2025-06-25"), f"{day}: {sorted(names)}"
        assert (everyday in names) == (not in_week), f"{day}: everyday loop during the week: {sorted(names)}"
    assert "2025-06-22" in shown and "2025-06-30" in shown, sorted(shown)
    print(f"ok: {len(shown)} simulated days; the week's slots only 23–29 June, low-carbon day on the 25th; "
          f"{cpu_limits} frame(s) over a plugin's CPU budget")

    # The same week in English, at lunchtime on a weekday (clean-plate check-in) and in portrait:
    # every string renders and no plugin fails.
    for extra in (["--lang", "en"], ["--orientation", "portrait"]):
        p = subprocess.run([binary, "--config", f"{tmp}/k.toml", "--headless", "--frames", "120", "--frame-step-ms", "90000",
                            "--size", "320x180", "--now", "2025-06-25T11:00:00+08:00"] + extra, capture_output=True, text=True, timeout=600)
        assert p.returncode == 0, p.stderr[-3000:]
        assert "missing glyph" not in p.stderr, (extra, [l for l in p.stderr.splitlines() if "missing glyph" in l])
        assert not plugin_failures(p.stderr), (extra, plugin_failures(p.stderr)[:5])
    print("ok: English and portrait runs of the week show every string, no plugin error")
