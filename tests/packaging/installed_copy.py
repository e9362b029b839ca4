"""The program under test laid out as the package installs it (bin/ecolobby beside
share/ecolobby/ with the content, plugins and assets) in a folder an unprivileged user can read
whatever the permissions of the checkout, with a runtime folder and a data folder of its own and
a config naming that data folder: what the unit's user (`nobody`) sees."""
import os
import shutil


def install_copy(binary, source, root, user):
    """Lays the copy out below `root` for `user` (a pwd entry); returns (program, runtime dir,
    data dir, config file)."""
    os.makedirs(f"{root}/bin")
    os.chmod(root, 0o755)
    shutil.copy(binary, f"{root}/bin/ecolobby")
    for d in ("content", "plugins", "assets"):
        shutil.copytree(f"{source}/{d}", f"{root}/share/ecolobby/{d}")
    runtime, data = f"{root}/xdg", f"{root}/data"
    for d in (runtime, data):
        os.makedirs(d)
        os.chown(d, user.pw_uid, user.pw_gid)
    os.chmod(runtime, 0o700)
    config = f"{root}/ecolobby.toml"
    with open(config, "w") as f:
        f.write(f'data_dir = "{data}"\n')
    os.chmod(config, 0o644)
    return f"{root}/bin/ecolobby", runtime, data, config
