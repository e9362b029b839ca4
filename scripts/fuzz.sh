#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz (ASan+UBSan, clang) on their seed corpora.
#
#   scripts/fuzz.sh TARGET MINUTES     one target for that long (e.g. feed_json_fuzz 10)
#   scripts/fuzz.sh --all SECONDS      every target for that long each, two at a time (CI: --all 60)
#   scripts/fuzz.sh --list             the targets
#
# Builds the fuzz build in $FUZZ_BUILD_DIR (default build-asan, the same directory scripts/test.sh
# builds the sanitizer tests in) when needed. Each target reads tests/fuzz/corpus/TARGET,
# tests/fuzz/regressions/TARGET and $BUILD_DIR/tests/fuzz/seeds/TARGET (repository files CMake
# copies there: the SEEDS of its ecolobby_fuzz line), never writing them, and keeps what it
# learns in a working corpus outside the repository, $FUZZ_WORK_DIR/TARGET/corpus (default
# /tmp/ecolobby-fuzz). A crash,
# leak, timeout or out-of-memory input is left in $FUZZ_WORK_DIR/TARGET/crashes/ and its path
# printed; the exit status is then 1. To keep a fixed crash fixed, copy the file into
# tests/fuzz/regressions/TARGET/: ctest replays that folder (fuzz_regression_TARGET).
# Reproduce one input: build-asan/tests/fuzz/TARGET FILE
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${FUZZ_BUILD_DIR:-build-asan}
WORK_DIR=${FUZZ_WORK_DIR:-${TMPDIR:-/tmp}/ecolobby-fuzz}
JOBS=${FUZZ_JOBS:-2}

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

configure() {
  if [[ -f "$BUILD_DIR/CMakeCache.txt" ]] && grep -q '^ECOLOBBY_FUZZ:BOOL=ON' "$BUILD_DIR/CMakeCache.txt"; then return; fi
  local launcher=()
  if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
  # Keep in step with scripts/test.sh (same directory, same flags).
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" \
    -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang -DECOLOBBY_FUZZ=ON -DECOLOBBY_WERROR=OFF "${launcher[@]}" >/dev/null
}

targets() { cat "$BUILD_DIR/fuzz-targets.txt"; }

# run_one TARGET SECONDS: fuzzes, prints one summary line; returns 1 when it left a reproducer.
run_one() {
  local name=$1 seconds=$2
  local dir="$WORK_DIR/$name" fuzzer="$BUILD_DIR/tests/fuzz/$name"
  mkdir -p "$dir/corpus" "$dir/crashes"
  local args=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1
              -artifact_prefix="$dir/crashes/")
  [[ -f tests/fuzz/$name.dict ]] && args+=(-dict="tests/fuzz/$name.dict")
  local dirs=("$dir/corpus")  # the first one is where libFuzzer writes new inputs
  for d in "tests/fuzz/corpus/$name" "tests/fuzz/regressions/$name" "$BUILD_DIR/tests/fuzz/seeds/$name"; do [[ -d $d ]] && dirs+=("$d"); done
  touch "$dir/.started"
  # stdin from /dev/null: a harness that reads a file named by its input never waits on a terminal.
  set +e
  "$fuzzer" "${args[@]}" "${dirs[@]}" </dev/null >"$dir/fuzz.log" 2>&1
  local rc=$?
  set -e
  local runs rate
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/fuzz.log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/fuzz.log" | tail -1)
  local found; found=$(find "$dir/crashes" -type f -newer "$dir/.started" -printf '%f\n')
  printf '%-24s %4ss  %10s runs  %7s exec/s  corpus %s files\n' "$name" "$seconds" "${runs:-?}" "${rate:-?}" \
    "$(ls "$dir/corpus" | wc -l)"
  if [[ $rc -ne 0 || -n "$found" ]]; then
    echo "FUZZ FAILURE: $name (exit $rc); log: $dir/fuzz.log"
    for f in $found; do echo "  reproducer: $dir/crashes/$f   (replay: $BUILD_DIR/tests/fuzz/$name $dir/crashes/$f)"; done
    # The report's first lines: the sanitizer's or libFuzzer's own.
    grep -m1 -A12 -E '^==[0-9]+==ERROR|runtime error:|^FINDING:|ERROR: libFuzzer|terminate called|Assertion' "$dir/fuzz.log" | sed 's/^/  | /' || true
    return 1
  fi
}

[[ $# -ge 1 ]] || usage
case "$1" in
  -h|--help) usage ;;
esac
configure
if [[ "$1" == "--list" ]]; then targets; exit 0; fi

if [[ "$1" == "--all" ]]; then
  seconds=${2:-60}
  mapfile -t all < <(targets)
  cmake --build "$BUILD_DIR" -j"$JOBS" --target "${all[@]}"
  echo "fuzz: ${#all[@]} targets, ${seconds} s each, $JOBS at a time; working corpora and crashes in $WORK_DIR"
  failed=0 running=0
  for name in "${all[@]}"; do
    if ((running >= JOBS)); then wait -n || failed=1; running=$((running - 1)); fi
    run_one "$name" "$seconds" &
    running=$((running + 1))
  done
  while ((running > 0)); do wait -n || failed=1; running=$((running - 1)); done
  exit $failed
fi

name=$1 minutes=${2:-}
[[ -n "$minutes" ]] || usage
if ! targets | grep -qx "$name"; then echo "fuzz: no target '$name'; targets:"; targets; exit 2; fi
cmake --build "$BUILD_DIR" -j"$JOBS" --target "$name"
run_one "$name" "$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')"
