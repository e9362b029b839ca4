#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds EcoLobby with warnings as errors, and runs every test;
# then the same suite again in an AddressSanitizer + UndefinedBehaviorSanitizer build, and every
# fuzz target for a minute. This is what CI runs (.ci/run). Phases, each timed:
#   1. release: build/ (gcc, Release, -Werror) and its whole ctest suite
#   2. asan:    build-asan/ (clang, ASan+UBSan+libFuzzer coverage) and its ctest suite,
#               less the tests labelled no-sanitizer (the .deb install test, the day-long soak);
#               any sanitizer report in any process a test starts fails the phase
#   3. fuzz:    scripts/fuzz.sh --all $FUZZ_SECONDS (default 60) on the build-asan fuzz targets
# Arguments go to both ctest runs (e.g. -R feed). ECOLOBBY_TEST_PHASES="release asan" picks phases.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build}
ASAN_BUILD_DIR=${ASAN_BUILD_DIR:-build-asan}
PHASES=${ECOLOBBY_TEST_PHASES:-release asan fuzz}
JOBS=$(nproc)
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  # Paths relative to the checkout, so a fresh clone elsewhere (CI) reuses what an earlier one compiled.
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
fi

timings=()
phase_start() { PHASE=$1; PHASE_T0=$SECONDS; echo "=== test.sh: $PHASE"; }
phase_end() { timings+=("$(printf '%-14s %4d s' "$PHASE" $((SECONDS - PHASE_T0)))"); }
summary() { echo "=== test.sh: phases"; for t in "${timings[@]}"; do echo "  $t"; done; }
trap summary EXIT
has_phase() { [[ " $PHASES " == *" $1 "* ]]; }

if has_phase release; then
  phase_start release-build
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DECOLOBBY_WERROR=ON -DECOLOBBY_BUILD_TESTS=ON "${launcher[@]}"  # ON: demo.sh turns it off in the same build dir
  cmake --build "$BUILD_DIR" -j"$JOBS"
  phase_end
  phase_start release-tests
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$JOBS" "$@"
  phase_end
fi

if has_phase asan || has_phase fuzz; then
  phase_start asan-build
  # -O1 and line tables only: the sanitizers' usual trade of speed against build time. Warnings
  # are not errors here: the gcc build above is the -Werror gate, and clang 14 warns about
  # things gcc 12 does not (-Wunused-private-field), which would fail CI on code gcc accepts.
  # Keep the flags in step with scripts/fuzz.sh, which configures the same directory when run alone.
  cmake -S . -B "$ASAN_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" \
    -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang -DECOLOBBY_FUZZ=ON -DECOLOBBY_WERROR=OFF -DECOLOBBY_BUILD_TESTS=ON "${launcher[@]}"
  cmake --build "$ASAN_BUILD_DIR" -j"$JOBS"
  phase_end
fi

if has_phase asan; then
  phase_start asan-tests
  # Every executable also has these compiled in (cmake/sanitizer_defaults.cpp); here reports
  # additionally go to files, so a report from a program a Python test starts (whose stderr
  # and exit status the test may not look at) still fails the phase.
  logs="$PWD/$ASAN_BUILD_DIR/sanitizer-logs"
  rm -rf "$logs" && mkdir -p "$logs"
  export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:log_path=$logs/asan:log_exe_name=1"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$logs/ubsan:log_exe_name=1"
  export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp"
  rc=0
  ctest --test-dir "$ASAN_BUILD_DIR" --output-on-failure -j"$JOBS" -LE no-sanitizer "$@" || rc=$?
  unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
  if compgen -G "$logs/*" >/dev/null; then
    echo "=== test.sh: sanitizer reports ($logs):"
    for f in "$logs"/*; do echo "--- $f"; head -40 "$f"; done
    rc=1
  fi
  phase_end
  ((rc == 0)) || exit "$rc"
fi

if has_phase fuzz; then
  phase_start fuzz
  FUZZ_BUILD_DIR="$ASAN_BUILD_DIR" bash scripts/fuzz.sh --all "${FUZZ_SECONDS:-60}"
  phase_end
fi
