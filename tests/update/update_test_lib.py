"""Shared by the update tests that drive the real program: keys, content folders, bundles."""
import json, os, subprocess


class Screen:
    def __init__(self, binary, tmp, health_grace_s=2, url=""):
        self.binary, self.tmp = binary, tmp
        self.data = os.path.join(tmp, "data")
        self.bundled = self.content("bundled", "内置内容")
        out = self.run("bundle", "keygen", "--out", os.path.join(tmp, "keys"), config=False)
        key = out.stdout.strip().splitlines()[-1].strip().strip('"')
        self.config = os.path.join(tmp, "screen.toml")
        with open(self.config, "w") as f:
            f.write(f'data_dir = "{self.data}"\ncontent_dir = "{self.bundled}"\n'
                    f'[updates]\ntrusted_keys = ["{key}"]\nhealth_grace_s = {health_grace_s}\ninterval_s = 5\n'
                    + (f'url = "{url}"\n' if url else ""))

    def run(self, *args, config=True, env=None, check=True):
        cmd = [self.binary] + (["--config", self.config] if config else []) + list(args)
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
        if check and p.returncode != 0:
            raise AssertionError(f"{' '.join(cmd)} → {p.returncode}\n{p.stdout}{p.stderr}")
        return p

    def content(self, name, title, plugin_lua=None):
        d = os.path.join(self.tmp, "src", name)
        os.makedirs(os.path.join(d, "images"), exist_ok=True)
        with open(os.path.join(d, "schedule.toml"), "w") as f:
            f.write(f'[content]\nversion = "{name}"\n[[slot]]\nscene = "slide"\nduration_s = 3\ntitle = "{title}"\n')
            if plugin_lua:
                f.write('[[slot]]\nscene = "plugin"\nplugin = "campaign"\nduration_s = 3\n')
        with open(os.path.join(d, "images", "note.txt"), "w") as f:
            f.write(title * 50)
        if plugin_lua:
            p = os.path.join(d, "plugins", "campaign")
            os.makedirs(p, exist_ok=True)
            with open(os.path.join(p, "plugin.toml"), "w") as f:
                f.write('id = "campaign"\nversion = "1"\napi = 1\nname = "活动"\n')
            with open(os.path.join(p, "main.lua"), "w") as f:
                f.write(plugin_lua)
        return d

    def bundle(self, version, title, plugin_lua=None):
        src = self.content("v" + version, title, plugin_lua)
        out = os.path.join(self.tmp, f"bundle-{version}.tar.zst")
        self.run("bundle", "build", src, "--key", os.path.join(self.tmp, "keys", "bundle.key"),
                 "--version", version, "--out", out)
        return src, out

    def status(self):
        return json.loads(self.run("status", "--json").stdout)

    def kiosk(self, frames=200, trace=None, env=None):
        args = ["--headless", "--frames", str(frames), "--frame-step-ms", "100", "--size", "640x360"]
        if trace:
            args += ["--trace", trace]
        return self.run(*args, env=env)


def tree(d):
    """Every file below d with its bytes."""
    out = {}
    for root, _, files in os.walk(d):
        for name in files:
            p = os.path.join(root, name)
            with open(p, "rb") as f:
                out[os.path.relpath(p, d)] = f.read()
    return out


def trace_events(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]
