"""Which SDL renderer a real window gets under Xvfb, whose OpenGL is Mesa's llvmpipe (no GPU):
"auto" draws with SDL's software renderer (a CPU rasteriser behind OpenGL costs more CPU and
~100 MB more memory for the same picture), "accelerated" insists on OpenGL, "software" never
tries it. Figures (RSS after start-up) are printed, not asserted. Exit 77: no Xvfb or no GLX."""
import os, re, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
from kiosk_window import start_xvfb  # noqa: E402

binary, source = sys.argv[1], sys.argv[2]


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def run(tmp, display, renderer):
    """The kiosk's log up to its first presented frames, and its RSS then."""
    log_path = f"{tmp}/{renderer}.log"
    cmd = [binary, "--config", f"{tmp}/k.toml", "--windowed", "640x360", "--now", "2026-06-24T10:00:00+08:00"]
    if renderer != "default":
        cmd += ["--renderer", renderer]
    env = dict(os.environ, DISPLAY=display, SDL_VIDEODRIVER="x11")
    with open(log_path, "w+") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and proc.poll() is None:
                log.seek(0)
                if re.search(r"display: \S+ renderer", log.read()):
                    break
                time.sleep(0.1)
            time.sleep(3.0)  # the first pages drawn: memory as a running screen has it
            assert proc.poll() is None, f"{renderer}: the kiosk exited: " + open(log_path).read()[-2000:]
            rss = rss_mb(proc.pid)
            with open(f"/proc/{proc.pid}/maps") as m:
                mesa = sorted({line.split()[-1] for line in m if "_dri.so" in line or "libLLVM" in line})
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        log.seek(0)
        return log.read(), rss, mesa


def renderer_of(log):
    m = re.search(r"display: (\S+) renderer", log)
    assert m, log[-2000:]
    return m.group(1)


def main():
    if not shutil.which("Xvfb"):
        print("skipped: no Xvfb")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        with open(f"{tmp}/k.toml", "w") as f:
            f.write(f'data_dir = "{tmp}/data"\ncontent_dir = "{source}/content"\nplugins_dir = "{source}/plugins"\n')
        xvfb, display = start_xvfb()
        try:
            accelerated, rss_gl, mesa_gl = run(tmp, display, "accelerated")
            if renderer_of(accelerated) != "opengl":
                print("skipped: this X server offers no OpenGL renderer: " + renderer_of(accelerated))
                return 77
            assert "llvmpipe" in accelerated or "softpipe" in accelerated or "instead" not in accelerated, accelerated[-2000:]
            assert mesa_gl, "an OpenGL renderer without Mesa's driver mapped: the check below would prove nothing"
            default, rss_auto, mesa_auto = run(tmp, display, "default")
            assert renderer_of(default) == "software", default[-2000:]
            assert "no GPU" in default and "software renderer instead" in default, default[-2000:]
            # Asked in a child: the screen's own process never loads the GL driver it will not use.
            assert not mesa_auto, f"auto loaded {mesa_auto} into the kiosk"
            software, rss_sw, mesa_sw = run(tmp, display, "software")
            assert renderer_of(software) == "software" and "instead" not in software, software[-2000:]
            assert not mesa_sw, mesa_sw
        finally:
            xvfb.kill()
            xvfb.wait()
    print(f"ok: under Xvfb (llvmpipe) auto → software ({rss_auto:.0f} MB RSS), software → software "
          f"({rss_sw:.0f} MB), accelerated → opengl ({rss_gl:.0f} MB)")
    return 0


sys.exit(main())
