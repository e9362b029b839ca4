#!/usr/bin/env python3
"""kill -9 at every step of staging and swap (ECOLOBBY_CRASH_AT makes the real program SIGKILL
itself there): afterwards `current` is a complete release, old or new, never a mixture; the kiosk
starts on it; and the update can simply be run again. A rollback killed at any step ends, at the
next start, on the release before with the bad one remembered."""
import os, shutil, sys, tempfile

sys.path.insert(0, os.path.dirname(__file__))
from update_test_lib import Screen, tree

binary = sys.argv[1]
STEPS_BEFORE_SWAP = ["staging", "extracted", "checked", "moved", "linked"]
STEPS_AFTER_SWAP = ["swapped", "recorded"]

with tempfile.TemporaryDirectory() as tmp:
    screen = Screen(binary, tmp)
    src1, b1 = screen.bundle("1", "第一版内容")
    src2, b2 = screen.bundle("2", "第二版内容")
    expected = {"1": tree(src1), "2": tree(src2)}

    for step in STEPS_BEFORE_SWAP + STEPS_AFTER_SWAP:
        shutil.rmtree(screen.data, ignore_errors=True)
        screen.run("bundle", "apply", b1)
        env = dict(os.environ, ECOLOBBY_CRASH_AT=step)
        p = screen.run("bundle", "apply", b2, env=env, check=False)
        assert p.returncode == -9, f"{step}: expected SIGKILL, got {p.returncode}\n{p.stdout}{p.stderr}"

        current = os.path.realpath(os.path.join(screen.data, "content", "current"))
        version = os.path.basename(current)
        want = "1" if step in STEPS_BEFORE_SWAP else "2"
        assert version == want, f"{step}: current is {version}, expected {want}"
        assert tree(current) == expected[version], f"{step}: release {version} is not complete"

        # The kiosk starts on that release (and tidies what the killed update left).
        out = screen.kiosk(frames=5)
        assert f"releases/{version}" in out.stdout + out.stderr, f"{step}:\n{out.stderr[-2000:]}"
        assert not os.path.exists(os.path.join(screen.data, "content", "staging")), step
        status = screen.status()
        assert status["content_version"] == version, f"{step}: {status}"

        # Running the update again finishes it (or says there is nothing to do).
        again = screen.run("bundle", "apply", b2, check=False)
        if version == "1":
            assert again.returncode == 0, f"{step}: {again.stderr}"
        else:
            assert again.returncode == 1 and "not newer" in again.stderr, f"{step}: {again.stderr}"
        final = os.path.realpath(os.path.join(screen.data, "content", "current"))
        assert tree(final) == expected["2"], step
        releases = sorted(os.listdir(os.path.join(screen.data, "content", "releases")))
        assert releases == ["1", "2"], f"{step}: {releases}"
        print(f"ok: killed at {step}: showed {version}, complete; update finished afterwards")

    # kill -9 during a manual rollback: the verdict is written before the link moves, so whatever
    # step it died at, the next start shows the release before, and the bad one stays refused.
    for step in ["verdict", "linked", "swapped"]:
        shutil.rmtree(screen.data, ignore_errors=True)
        screen.run("bundle", "apply", b1)
        screen.run("bundle", "apply", b2)
        p = screen.run("bundle", "rollback", "--reason", "typo", env=dict(os.environ, ECOLOBBY_CRASH_AT=step), check=False)
        assert p.returncode == -9, f"rollback {step}: expected SIGKILL, got {p.returncode}\n{p.stdout}{p.stderr}"
        out = screen.kiosk(frames=5)
        assert "releases/1" in out.stdout + out.stderr, f"rollback {step}:\n{out.stderr[-2000:]}"
        status = screen.status()
        assert status["content_version"] == "1" and status["bad"].get("2") == "typo", f"rollback {step}: {status}"
        again = screen.run("bundle", "apply", b2, check=False)
        assert again.returncode == 1 and "rolled back before" in again.stderr, f"rollback {step}: {again.stderr}"
        print(f"ok: rollback killed at {step}: the next start shows 1 and 2 stays refused")

    # Killed during the very first update: no release yet, the bundled content shows.
    shutil.rmtree(screen.data, ignore_errors=True)
    p = screen.run("bundle", "apply", b1, env=dict(os.environ, ECOLOBBY_CRASH_AT="extracted"), check=False)
    assert p.returncode == -9
    assert not os.path.lexists(os.path.join(screen.data, "content", "current"))
    out = screen.kiosk(frames=5)
    assert "releases/" not in out.stdout + out.stderr
    print("ok: killed during the first update: bundled content shows")
