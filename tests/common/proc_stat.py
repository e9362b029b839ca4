"""/proc/PID/stat read once, for the tests and benchmarks that follow process trees: the fields
after the command name, which may itself hold spaces and parentheses (hence the last ')').
Field 0 is the state, 1 the parent, 2 the process group, 11 and 12 user and system CPU ticks."""
import os

STATE, PPID, PGRP, UTIME, STIME = 0, 1, 2, 11, 12


def stat_fields(pid):
    """The fields after `(comm)`, or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2:].split()


def processes():
    """(pid, fields) of every process there is now."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = stat_fields(entry)
            if fields:
                yield int(entry), fields


def children_of(pid):
    return [p for p, f in processes() if int(f[PPID]) == pid]


def ended(pid):
    """Gone, or a zombie nobody has reaped yet (in a container nobody may)."""
    fields = stat_fields(pid)
    return fields is None or fields[STATE] in ("Z", "X")
