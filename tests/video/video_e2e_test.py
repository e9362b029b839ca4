#!/usr/bin/env python3
"""The real program, headless, with clips made by ffmpeg: a screenshot at a known time shows
that frame; welcome → video → slide has no black or blank frame on any frame drawn; bad clips
are skipped with one line each while the rotation goes on; `ecolobby check` names them."""
import json, os, subprocess, sys, tempfile

BIN = sys.argv[1]
W, H = 1920, 1080


def ff(*args):
    subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def rgb(path, extra=()):
    out = path + ".rgb"
    ff("-i", path, *extra, "-f", "rawvideo", "-pix_fmt", "rgb24", out)
    return open(out, "rb").read()


def _frame(clip, n):
    out = f"{clip}.{n}.rgb"
    ff("-i", clip, "-vf", f"select=eq(n\\,{n})", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", out)
    return open(out, "rb").read()


def closer(shot, a, b):
    """Which of ffmpeg's frames a, b the screenshot shows, on the pixels where they differ."""
    da = db = n = 0
    for y in range(0, H, 4):
        for x in range(0, W, 4):
            i = (y * W + x) * 3
            if abs(a[i] - b[i]) + abs(a[i + 1] - b[i + 1]) + abs(a[i + 2] - b[i + 2]) < 90:
                continue
            da += sum(abs(shot[i + k] - a[i + k]) for k in range(3))
            db += sum(abs(shot[i + k] - b[i + k]) for k in range(3))
            n += 1
    assert n > 30, f"frames too alike to judge ({n} pixels)"
    return "a" if da * 2 < db else "b" if db * 2 < da else f"undecided ({da} vs {db})"


def run(tmp, content, *args):
    cfg = os.path.join(tmp, "ecolobby.toml")
    with open(cfg, "w") as f:
        f.write(f'org_name = "垫江县机关事务服务中心"\ndata_dir = "{tmp}/data"\n')
    os.makedirs(f"{tmp}/data", exist_ok=True)
    return subprocess.run([BIN, "--config", cfg, "--content", content, "--headless", "--now", "2026-06-24T10:00:00+08:00", *args],
                          capture_output=True, text=True, timeout=600)


def content(tmp, name, slots, transition_ms=500):
    d = os.path.join(tmp, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "schedule.toml"), "w") as f:
        f.write(f"[rotation]\ntransition_ms = {transition_ms}\n" + slots)
    return d


def main():
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        media = os.path.join(tmp, "media")
        os.makedirs(media)
        clip = os.path.join(media, "counter.mp4")
        ff("-f", "lavfi", "-i", "testsrc=size=1920x1080:rate=30:duration=3", "-vf",
           "drawtext=text='%{frame_num}':fontsize=240:fontcolor=white:box=1:boxcolor=black:x=80:y=700",
           "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", clip)
        small = os.path.join(media, "small.webm")
        ff("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2", "-c:v", "libvpx-vp9", "-deadline", "realtime",
           "-cpu-used", "8", "-b:v", "200k", small)
        whole = os.path.join(media, "whole.mp4")
        ff("-f", "lavfi", "-i", "testsrc=size=320x240:rate=30:duration=2", "-c:v", "libx264", "-preset", "ultrafast",
           "-pix_fmt", "yuv420p", whole)
        data = open(whole, "rb").read()
        open(os.path.join(media, "truncated.mp4"), "wb").write(data[: len(data) // 2])
        open(os.path.join(media, "empty.mp4"), "wb").close()
        open(os.path.join(media, "corrupt.mp4"), "wb").write(bytes((i * 7919 + 13) % 251 for i in range(65536)))

        # 1. A screenshot 1.5 s into the video shows frame 45, as ffmpeg decodes it.
        d = content(tmp, "shot", '[[slot]]\nscene = "video"\nfile = "media/counter.mp4"\n')
        os.symlink(media, os.path.join(d, "media"))
        shot = os.path.join(tmp, "shot.png")
        p = run(tmp, d, "--frames", "16", "--frame-step-ms", "100", "--screenshot", shot)
        if p.returncode != 0:
            failures.append(f"screenshot run exited {p.returncode}: {p.stderr[-2000:]}")
        else:
            pixels = rgb(shot)
            f45, f44, f46 = _frame(clip, 45), _frame(clip, 44), _frame(clip, 46)
            for other, name in ((f44, "44"), (f46, "46")):
                verdict = closer(pixels, f45, other)
                if verdict != "a":
                    failures.append(f"screenshot at 1.5 s: not frame 45 rather than {name}: {verdict}")

        # 2. welcome → video → slide: no black or blank frame on any frame drawn.
        d = content(tmp, "run", '[[slot]]\nscene = "welcome"\nduration_s = 4\n'
                    '[[slot]]\nscene = "video"\nfile = "media/small.webm"\ncaption = { zh-CN = "节能宣传", en = "Save energy" }\n'
                    '[[slot]]\nscene = "slide"\ntitle = "人走灯灭"\nduration_s = 4\n')
        os.symlink(media, os.path.join(d, "media"))
        trace = os.path.join(tmp, "run.jsonl")
        p = run(tmp, d, "--frames", "110", "--frame-step-ms", "100", "--size", "480x270", "--trace", trace, "--trace-pixels")
        events = [json.loads(l) for l in open(trace)] if os.path.exists(trace) else []
        drawn = [e for e in events if e["event"] == "drawn"]
        scenes = [e["name"] for e in events if e["event"] == "scene"]
        if p.returncode != 0:
            failures.append(f"welcome→video→slide exited {p.returncode}: {p.stderr[-2000:]}")
        if len(drawn) != 110:
            failures.append(f"expected 110 drawn frames in the trace, got {len(drawn)}")
        if not any(s.startswith("video:") for s in scenes) or not any(s.startswith("slide:") for s in scenes):
            failures.append(f"the rotation did not show video then slide: {scenes}")
        elif [s.split(":")[0] for s in scenes[:3]] != ["welcome", "video", "slide"]:
            failures.append(f"order: {scenes}")
        dark = [e for e in drawn if e["dark"] > 0.5 or e["luma"] < 20]
        if dark:
            failures.append(f"{len(dark)} black or blank frame(s), first: {dark[0]}")
        if "not ready in time" in p.stderr:
            failures.append("the video was not ready in time on a virtual clock: " + p.stderr[-500:])

        # 3. Bad clips: one line each, slots skipped, the slides go on.
        bad = ["missing.mp4", "empty.mp4", "corrupt.mp4", "truncated.mp4"]
        slots = '[[slot]]\nscene = "slide"\ntitle = "一"\nduration_s = 3\n'
        for b in bad:
            slots += f'[[slot]]\nscene = "video"\nfile = "media/{b}"\n'
        slots += '[[slot]]\nscene = "slide"\ntitle = "二"\nduration_s = 3\n'
        d = content(tmp, "bad", slots)
        os.symlink(media, os.path.join(d, "media"))
        trace = os.path.join(tmp, "bad.jsonl")
        p = run(tmp, d, "--frames", "300", "--frame-step-ms", "100", "--size", "480x270", "--trace", trace, "--trace-pixels")
        if p.returncode != 0:
            failures.append(f"bad clips run exited {p.returncode}: {p.stderr[-2000:]}")
        for b in bad:
            lines = [l for l in p.stderr.splitlines() if f"media/{b}" in l and "cannot be played" in l]
            if len(lines) != 1:
                failures.append(f"{b}: expected one line, got {len(lines)}: {lines}")
        events = [json.loads(l) for l in open(trace)] if os.path.exists(trace) else []
        shown = [e["name"] for e in events if e["event"] == "scene"]
        if any(s.startswith("video:") for s in shown) or len(shown) < 6:
            failures.append(f"bad videos shown or the rotation stalled: {shown}")
        dark = [e for e in events if e["event"] == "drawn" and (e["dark"] > 0.5 or e["luma"] < 20)]
        if dark:
            failures.append(f"bad clips: {len(dark)} black frame(s), first {dark[0]}")

        # 4. check names each bad clip at the line of its `file` key, and passes the good ones.
        cfg = os.path.join(tmp, "ecolobby.toml")
        c = subprocess.run([BIN, "--config", cfg, "check", d], capture_output=True, text=True, timeout=300)
        out = c.stdout + c.stderr
        if c.returncode != 1:
            failures.append(f"check exited {c.returncode}: {out}")
        for n, b in enumerate(bad):
            line = 9 + 3 * n  # `file` of the n-th video slot
            want = f"schedule.toml:{line}: video 'media/{b}' cannot be played"
            if want not in out:
                failures.append(f"check: no '{want}' in:\n{out}")
        good = content(tmp, "good", '[[slot]]\nscene = "video"\nfile = "media/small.webm"\n')
        os.symlink(media, os.path.join(good, "media"))
        c = subprocess.run([BIN, "--config", cfg, "check", good], capture_output=True, text=True, timeout=300)
        if "video" in c.stdout and "error" in c.stdout and "0 error(s)" not in c.stdout:
            failures.append(f"check of a good clip: {c.stdout}")

    for f in failures:
        print("FAIL:", f)
    print("ok" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
