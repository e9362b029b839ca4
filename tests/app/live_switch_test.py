#!/usr/bin/env python3
"""(issue #19, 9) A running screen switched to other content draws the new content's characters
and images from the next frames on, for both ways content changes live: a signed update
installed while the kiosk runs (`bundle apply`, as the poller or a USB stick does) and a `--dev`
reload after an edit. The new content brings characters that no bundled file has and an image
at a path the screen has never shown.

What the screen drew comes from the trace's `frame` events: one for each frame that could not
draw everything (characters drawn as "?" because the font atlas lacked them, images whose
texture was freed before the frame was rendered), and one for the first frame of each scene once
its crossfade is over, the picture a real screen (which redraws only on change) keeps showing
until the next minute or slot."""
import json, os, shutil, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "update"))
from update_test_lib import Screen, trace_events

binary, source_dir = sys.argv[1], sys.argv[2]
PICTURE = os.path.join(source_dir, "content", "images", "green-travel.png")
UPDATE_TITLE = "魑魅魍魉退散"     # in no bundled file, nor in the atlas's fixed set
DEV_TITLE = "饕餮耄耋已更新"
PLUGIN_TITLE = "鳏寡翙翙打卡"      # drawn by a plugin from its locale file


def events_after_switch(trace, to):
    """The trace from the content switch to `to` on; [] while there is none yet."""
    events = trace_events(trace) if os.path.exists(trace) else []
    for i, e in enumerate(events):
        if e.get("event") == "content" and to in e.get("dir", ""):
            return events[i:]
    return []


def settled(events, scene, n=1):
    """The settled frames of scenes named `scene` ("slide" matches "slide:<title>")."""
    return [e for e in events if e.get("event") == "frame" and e.get("settled")
            and (e["name"] == scene or e["name"].startswith(scene + ":"))][:n]


def run_until(cmd, trace, done, action, timeout=90):
    """Starts the headless kiosk, runs `action` once its first scene has shown for a while (a
    switch in the first two seconds cuts instead of crossfading), and stops it (SIGTERM) once
    done(trace) holds. Returns the log."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.time() + timeout
        while time.time() < deadline and not (os.path.exists(trace) and any(e.get("event") == "scene" for e in trace_events(trace))):
            time.sleep(0.1)
        time.sleep(2)
        action()
        while time.time() < deadline and not done(trace) and proc.poll() is None:
            time.sleep(0.2)
        time.sleep(1)  # and the frames after it
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    return out


def check_drawn(events, log, scenes_with_images):
    frames = [e for e in events if e.get("event") == "frame"]
    problems = []
    question_marks = [e for e in frames if e["glyphs_missing"]]
    if question_marks:
        problems.append(f"{len(question_marks)} frames drew characters as '?', e.g. {question_marks[:2]}")
    lost = [e for e in frames if e["images_lost"]]
    if lost:
        problems.append(f"{len(lost)} frames lost images freed before they were rendered, e.g. {lost[:2]}")
    for scene in scenes_with_images:
        first = settled(events, scene)
        if not first:
            problems.append(f"no settled frame of {scene} after the switch")
        elif first[0]["images"] < 1:
            problems.append(f"the new image is missing from the frame that stays on screen: {first[0]}")
    assert not problems, "\n".join(problems) + "\n" + log[-3000:]


# 1. A signed update installed while the screen runs.
with tempfile.TemporaryDirectory() as tmp:
    screen = Screen(binary, tmp)
    src, bundle = screen.bundle("2", UPDATE_TITLE)
    with open(os.path.join(src, "schedule.toml"), "a") as f:
        f.write('image = "images/new-picture.png"\n')
    shutil.copy(PICTURE, os.path.join(src, "images", "new-picture.png"))
    screen.run("bundle", "build", src, "--key", os.path.join(tmp, "keys", "bundle.key"), "--version", "2", "--out", bundle)
    trace = os.path.join(tmp, "trace.jsonl")
    cmd = [binary, "--config", screen.config, "--headless", "--frames", "1000000", "--frame-step-ms", "100",
           "--size", "640x360", "--now", "2026-06-24T10:00:00+08:00", "--trace", trace]
    log = run_until(cmd, trace, lambda t: settled(events_after_switch(t, "releases/2"), "slide"),
                    lambda: screen.run("bundle", "apply", bundle))
    events = events_after_switch(trace, "releases/2")
    assert events, f"the screen never switched to release 2:\n{log[-3000:]}"
    check_drawn(events, log, ["slide"])
    print("ok: after an update installed live, the new characters and the new image are drawn from the first frames")

# 2. A --dev reload: a slide's title and image and a plugin's locale text edited while it runs.
with tempfile.TemporaryDirectory() as tmp:
    content = os.path.join(tmp, "content")
    plugin = os.path.join(content, "plugins", "checkin")
    os.makedirs(os.path.join(plugin, "locale"))
    os.makedirs(os.path.join(content, "images"))

    def write(path, text):
        with open(path, "w") as f:
            f.write(text)

    def schedule(title, image):
        write(os.path.join(content, "schedule.toml"),
              '[[slot]]\nscene = "slide"\nduration_s = 3\n'
              f'title = "{title}"\n' + (f'image = "images/{image}"\n' if image else "") +
              '[[slot]]\nplugin = "checkin"\nduration_s = 3\n')

    write(os.path.join(plugin, "plugin.toml"), 'id = "checkin"\nversion = "1"\napi = 1\nname = "打卡"\n')
    write(os.path.join(plugin, "main.lua"),
          'local P = {}\nfunction P.frame() ui.text(i18n.t("title"), 100, 300, {size = 64}) end\nreturn P\n')
    write(os.path.join(plugin, "locale", "zh-CN.toml"), 'title = "绿色出行打卡"\n')
    write(os.path.join(plugin, "locale", "en.toml"), 'title = "Green travel"\n')
    schedule("第一版", None)
    write(os.path.join(tmp, "k.toml"), f'data_dir = "{tmp}/data"\n')
    trace = os.path.join(tmp, "trace.jsonl")

    def edit():
        shutil.copy(PICTURE, os.path.join(content, "images", "new-picture.png"))
        write(os.path.join(plugin, "locale", "zh-CN.toml"), f'title = "{PLUGIN_TITLE}"\n')
        schedule(DEV_TITLE, "new-picture.png")

    def done(t):
        after = events_after_switch(t, content)
        return settled(after, "slide") and settled(after, "plugin:checkin")

    cmd = [binary, "--config", os.path.join(tmp, "k.toml"), "--dev", "--content", content, "--headless",
           "--frames", "1000000", "--frame-step-ms", "100", "--size", "640x360",
           "--now", "2026-06-24T10:00:00+08:00", "--trace", trace]
    log = run_until(cmd, trace, done, edit)
    events = events_after_switch(trace, content)
    assert events, f"no reload after the edit:\n{log[-3000:]}"
    check_drawn(events, log, ["slide"])
    assert settled(events, "plugin:checkin"), f"the plugin never settled after the reload:\n{log[-3000:]}"
    print("ok: after a --dev reload, the edited title, the plugin's new text and the new image are drawn at once")
