"""docs/plugin-tutorial.md's campaign, written as an officer following it would: every code block
marked `file=PATH` goes into a copy of the bundled content (`.append` blocks are appended), the
pictures are copied as step 4 says. Shared by the tutorial's tests."""
import os, re, shutil


def tutorial_blocks(source_dir):
    doc = open(os.path.join(source_dir, "docs", "plugin-tutorial.md"), encoding="utf-8").read()
    return re.findall(r"^```\w+ file=(\S+)\n(.*?)^```$", doc, re.S | re.M)


def write_tutorial(tmp, source_dir, change=None):
    """Writes the tutorial's content into tmp/content (with `change` = (path, old, new) applied to
    one block) and tmp/k.toml; returns the plugin's folder."""
    shutil.copytree(os.path.join(source_dir, "content"), os.path.join(tmp, "content"))
    for path, text in tutorial_blocks(source_dir):
        if change and change[0] == path:
            assert change[1] in text, f"{path} no longer has {change[1]!r}"
            text = text.replace(change[1], change[2], 1)
        append = path.endswith(".append")
        target = os.path.join(tmp, path[: -len(".append")] if append else path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "a" if append else "w", encoding="utf-8") as f:
            f.write(("\n" if append else "") + text)
    plugin = os.path.join(tmp, "content", "plugins", "sorting_mini")
    os.makedirs(os.path.join(plugin, "assets"), exist_ok=True)  # step 1 makes the folder; without it the copies overwrite one file named assets
    for name in ("can", "battery", "banana", "tissue"):  # step 4
        shutil.copy(os.path.join(source_dir, "plugins", "garbage_sorting", "assets", name + ".png"), os.path.join(plugin, "assets"))
    with open(os.path.join(tmp, "k.toml"), "w") as f:
        f.write(f'data_dir = "{tmp}/data"\ncontent_dir = "{tmp}/content"\nplugins_dir = "{source_dir}/plugins"\n')
    return plugin
