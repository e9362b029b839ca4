#!/usr/bin/env python3
"""`ecolobby check` and the screen agree on the configuration (issue #20, 1 and 2). The packaged
/etc/ecolobby/ecolobby.toml passes with each of its commented examples switched on (uncommented
here, block by block, then all at once), its relative paths (keys/bundle.pub, status.token)
resolved next to the file. Then one bad value at a time, of every kind (wrong type, out of range,
not a key, a missing file, an empty list where a url needs keys) in every section: check fails
naming file:line and the key, and the screen's own start refuses the same line with exit 2."""
import os, re, shutil, subprocess, sys, tempfile

binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
PACKAGED = os.path.join(source, "packaging", "ecolobby.toml")
EXAMPLE = re.compile(r"^# ?(\[\[?[a-z_.]+\]\]?\s*$|[a-z_]+ = .*)$")


def run(*args, cwd=None):
    p = subprocess.run([binary, *args], capture_output=True, text=True, timeout=120, cwd=cwd)
    return p.returncode, p.stdout + p.stderr


def example_blocks(lines):
    """Runs of consecutive commented-out examples (a section header with its keys is one run)."""
    blocks, current = [], []
    for i, line in enumerate(lines):
        if EXAMPLE.match(line):
            current.append(i)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def switched_on(lines, indices):
    out = list(lines)
    for i in indices:
        out[i] = EXAMPLE.match(out[i]).group(1)
    return out


def write(path, lines):
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def set_key(lines, section, key, value, drop=()):
    """`key = value` inside `section` ("" = top level, before the first table), replacing the
    key if it is there, adding the section at the end if it is not. Returns (lines, 1-based line)."""
    out = [l for l in lines if not any(re.match(rf"^{d} = ", l) for d in drop)]
    header = None
    if section:
        for i, l in enumerate(out):
            if l.strip() in (f"[{section}]", f"[[{section}]]"):
                header = i
                break
        if header is None:
            out += ["", f"[{section}]"]
            header = len(out) - 1
    end = next((i for i in range((header or -1) + 1, len(out)) if out[i].startswith("[")), len(out))
    start = header + 1 if header is not None else 0
    for i in range(start, end):
        if re.match(rf"^{key} = ", out[i]):
            out[i] = f"{key} = {value}"
            return out, i + 1
    out.insert(start, f"{key} = {value}")
    return out, start + 1


with tempfile.TemporaryDirectory() as tmp:
    etc = os.path.join(tmp, "etc")  # stands for /etc/ecolobby
    os.makedirs(etc)
    # What an administrator puts next to the file: the publisher's key and the status token.
    subprocess.run([binary, "bundle", "keygen", "--out", os.path.join(tmp, "workstation")], check=True, capture_output=True)
    os.makedirs(os.path.join(etc, "keys"))
    shutil.copy(os.path.join(tmp, "workstation", "bundle.pub"), os.path.join(etc, "keys", "bundle.pub"))
    with open(os.path.join(etc, "status.token"), "w") as f:
        f.write("0123456789abcdef0123456789abcdef\n")
    os.chmod(os.path.join(etc, "status.token"), 0o640)
    with open(os.path.join(etc, "feed.token"), "w") as f:
        f.write("feed-secret\n")

    config = os.path.join(etc, "ecolobby.toml")
    with open(PACKAGED) as f:
        packaged = f.read().splitlines()
    # Relative too: the screen's data next to this copy, never a live /var/lib/ecolobby.
    packaged = ['data_dir = "data"'] + packaged
    blocks = example_blocks(packaged)
    assert len(blocks) >= 8, blocks  # names, id, departments, language…, hours, days, [data], [updates], [status]
    switched = [l for b in blocks for l in b]
    assert any("trusted_keys" in packaged[i] for i in switched) and any("token_file" in packaged[i] for i in switched)

    # Run from another directory: relative paths are the file's, not the working directory's.
    elsewhere = os.path.join(tmp, "elsewhere")
    os.makedirs(elsewhere)
    for block in blocks + [switched]:
        write(config, switched_on(packaged, block))
        code, out = run("--config", config, "check", cwd=elsewhere)
        shown = " | ".join(switched_on(packaged, block)[i] for i in block)
        assert code == 0 and " 0 error(s)" in out, f"switched on: {shown}\n{out}"
    # `check` leaves the data directory alone (issue #20, 3); a command that writes it shows where it is.
    assert not os.path.exists(os.path.join(elsewhere, "data")) and not os.path.exists(os.path.join(etc, "data"))
    code, out = run("--config", config, "bake-fonts", cwd=elsewhere)
    assert code == 0 and os.path.join(etc, "data", "cache", "font-atlas.bin") in out, out
    assert not os.path.exists(os.path.join(elsewhere, "data"))
    print(f"ok: the packaged config passes check with each of its {len(blocks)} example blocks switched on, and all together")

    good = switched_on(packaged, switched)
    # Relative token files and key files resolve next to the file, from any working directory.
    lines, _ = set_key(good, "data.source", "token_file", '"feed.token"')
    write(config, lines)
    code, out = run("--config", config, "check", cwd=elsewhere)
    assert code == 0, out

    bad = [
        # (section, key, value, keys dropped first)
        ("updates", "trusted_keys", '["notakey"]', ()),
        ("updates", "trusted_keys", "[]", ()),
        ("updates", "trusted_keys", '["keys/missing.pub"]', ()),
        ("updates", "trusted_keys", '["status.token"]', ()),  # a file, but not a key
        ("updates", "trusted_keys", '"keys/bundle.pub"', ()),
        ("updates", "trusted_keys", "[1]", ()),
        ("updates", "interval_s", "1", ()),
        ("updates", "interval_s", '"300"', ()),
        ("updates", "keep_releases", "1", ()),
        ("updates", "max_bundle_mb", "0", ()),
        ("updates", "health_grace_s", "1.5", ()),
        ("updates", "url", '"ftp://example/latest.json"', ()),
        ("store", "retention_days", '"x"', ()),
        ("store", "retention_days", "0", ()),
        ("store", "busy_hours", '"7-20"', ()),
        ("store", "max_db_mb", "0", ()),
        ("store", "events_per_minute", "-1", ()),
        ("plugins", "frame_ms", '"x"', ()),
        ("plugins", "frame_ms", "0", ()),
        ("plugins", "load_ms", "1", ()),
        ("plugins", "max_memory_mb", "100000", ()),
        ("plugins", "dev", '"yes"', ()),
        ("plugins", "overlays", '"clock"', ()),
        ("status", "listen", '"nope"', ()),
        ("status", "listen", '"0.0.0.0:99999"', ()),
        ("status", "token_file", '"missing.token"', ()),
        ("status", "token", '"short"', ("token_file",)),
        ("data", "min_coverage", "2", ()),
        ("data", "rank_by", '"votes"', ()),
        ("data.source", "interval_s", "1", ()),
        ("data.source", "url", "5", ()),
        ("data.source", "token_file", '"missing.token"', ()),
        ("display", "on_hours", '"all day"', ()),
        ("display", "on_days", "[8]", ()),
        ("display", "fullscreen", '"yes"', ()),
        ("", "idle_timeout_s", "1", ()),
        ("", "language", '"fr"', ()),
    ]
    for section, key, value, drop in bad:
        lines, line = set_key(good, section, key, value, drop)
        write(config, lines)
        name = f"{section}.{key}" if section else key
        name = name.replace("data.source.", "data.source[0].")
        where = f"{config}:{line}: key '{name}'"
        code, out = run("--config", config, "check", cwd=elsewhere)
        assert code != 0 and where in out, f"check with {name} = {value}: exit {code}, wanted '{where}'\n{out}"
        # The screen refuses it at start with the same line, before any window: exit 2.
        code, err = run("--config", config, "--headless", "--frames", "1", cwd=elsewhere)
        assert code == 2 and where in err, f"screen with {name} = {value}: exit {code}, wanted '{where}'\n{err[-1500:]}"
    print(f"ok: {len(bad)} bad values: check names file:line and key, and the screen refuses the same line with exit 2")
