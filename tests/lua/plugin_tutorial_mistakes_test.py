#!/usr/bin/env python3
"""docs/plugin-tutorial.md's table of mistakes says what each tool answers: this makes each mistake
in the tutorial's own campaign and runs `check`, `plugin test` and `plugin run --headless` on it.
Every message the table quotes for a tool (the backticked text that is output: `error: …`,
`the plugin failed: …`, `N passed, N failed`, a file:line…) must be in that tool's output, "…"
standing for any text, and "exit N" must be its exit status. A table that drifts from the tools
fails here, with the row and the tool's output."""
import os, re, subprocess, sys, tempfile

binary, source_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
doc = open(os.path.join(source_dir, "docs", "plugin-tutorial.md"), encoding="utf-8").read()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tutorial_files import write_tutorial  # noqa: E402

MAIN, EN, TESTS, SCHEDULE = ("content/plugins/sorting_mini/main.lua", "content/plugins/sorting_mini/locale/en.toml",
                             "content/plugins/sorting_mini/tests/mini_test.lua", "content/schedule.toml.append")


def edit(path, old, new):
    return (path, old, new)


# The table's first column (its English part) → the edit that makes that mistake.
MISTAKES = {
    "Typo in the slot's plugin name": edit(SCHEDULE, 'plugin = "sorting_mini"', 'plugin = "sorting_mnii"'),
    "Wrong setting type": edit(SCHEDULE, "result_seconds = 8", 'result_seconds = "eight"'),
    "Setting out of range": edit(SCHEDULE, "result_seconds = 8", "result_seconds = 90"),
    "Unknown setting": edit(SCHEDULE, "result_seconds = 8", "result_second = 8"),
    "Misspelt i18n key": edit(MAIN, 'i18n.t("mini.title")', 'i18n.t("mini.titel")'),
    "Key missing from en.toml": edit(EN, 'next = "Next"\n', ""),
    "Placeholder without its argument": edit(MAIN, 'i18n.t("mini.today", { count = participation.today("mini_round") })',
                                             'i18n.t("mini.today")'),
    "Nil index in `frame`": edit(MAIN, "  if result then\n", "  if true then\n"),
    "Missing `end`": edit(MAIN, "    start_round()\n  end\n", "    start_round()\n"),
    "Unknown ui option key": edit(MAIN, 'align = "center", color = "accent" })', 'align = "center", colour = "accent" })'),
    "A string where the options go": edit(MAIN, '{ label = i18n.t("mini.start"), size = 56 }', 'i18n.t("mini.start")'),
    "Grouping by an undeclared field": edit(MAIN, 'participation.today("mini_round")',
                                            'participation.today("mini_round", { by = "department" })'),
    "A case expects an error that does not happen": edit(
        TESTS, 'test.case("English"', 'test.case("expects an error", function()\n  test.expect_error("attempt to index")\n'
                                      '  test.frame()\nend)\n\ntest.case("English"'),
}
# Backticked text in a tool's column that is its output (not code, a key or an option).
OUTPUT = re.compile(r"^(error:|the plugin failed|content:|plugin run:|提示|tests/|\d+ passed|plugin sorting_mini|"
                    r"[\w/.-]+\.(lua|toml):\d+)")

rows = [r for r in re.findall(r"^\|(.+)\|$", doc, re.M) if "|" in r]
table = [[c.strip() for c in r.split("|")] for r in rows]
table = [r for r in table if len(r) == 6 and not r[0].startswith("---") and not r[0].startswith("错误")]
# A row's first column is "中文 English": its English part is one of the names above.
names = {n: r for n in MISTAKES for r in table if r[0].endswith(" " + n)}
missing = set(MISTAKES) - set(names)
assert not missing, f"rows not in the table: {missing}; the table has {[r[0] for r in table]}"
assert len(table) == len(MISTAKES), f"the table has rows this test does not make: {[r[0] for r in table]}"


def run_tools(tmp, plugin):
    base = [binary, "--config", os.path.join(tmp, "k.toml")]
    cwd = tmp  # messages name files relative to where the officer stands: the folder holding content/
    out = {}
    for tool, args in (("check", ["check", "content"]), ("plugin test", ["plugin", "test", "content/plugins/sorting_mini"]),
                       ("plugin run", ["plugin", "run", "content/plugins/sorting_mini", "--headless", "--frames", "3",
                                       "--screenshot", os.path.join(tmp, "shot.png")])):
        p = subprocess.run(base + args, capture_output=True, text=True, timeout=120, cwd=cwd)
        out[tool] = (p.returncode, p.stdout + p.stderr)
    return out


def appears(fragment, text):
    """The fragment's pieces between "…" appear in order in the text."""
    at = 0
    for piece in [p.strip() for p in fragment.split("…")]:
        piece = piece.rstrip(",").strip()
        if not piece:
            continue
        found = text.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return True


failures = []
for name, change in MISTAKES.items():
    row = names[name]
    with tempfile.TemporaryDirectory() as tmp:
        plugin = write_tutorial(tmp, source_dir, change)
        results = run_tools(tmp, plugin)
    for tool, column in (("check", row[2]), ("plugin test", row[3]), ("plugin run", row[4])):
        rc, text = results[tool]
        said = [f for f in re.findall(r"`([^`]+)`", column) if OUTPUT.match(f)]
        for f in said:
            if not appears(f, text):
                failures.append(f"{name} / {tool}: the table says `{f}`; the output was:\n{text[-3000:]}")
        m = re.search(r"exit (\d)", column)
        if m and int(m.group(1)) != rc:
            failures.append(f"{name} / {tool}: the table says exit {m.group(1)}, it exited {rc}:\n{text[-1500:]}")
    print(f"checked: {name}")

if failures:
    print("\n\n".join(failures))
    sys.exit(1)
print(f"ok: each of the tutorial's {len(MISTAKES)} mistakes gets what its table row says from check, plugin test and plugin run")
