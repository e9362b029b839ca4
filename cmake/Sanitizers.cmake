# ECOLOBBY_SANITIZE: AddressSanitizer + UndefinedBehaviorSanitizer on every target (libraries,
# the ecolobby program, tests, benchmarks), so the Python and shell tests that run the program
# run the sanitized one. A UB report aborts like an ASan report (-fno-sanitize-recover).
# ECOLOBBY_FUZZ (clang only, implies ECOLOBBY_SANITIZE): also libFuzzer coverage on every target
# and the fuzz targets of tests/fuzz; one build directory serves both (scripts/test.sh: build-asan).
option(ECOLOBBY_SANITIZE "Build everything with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(ECOLOBBY_FUZZ "Build the libFuzzer targets of tests/fuzz (clang; implies ECOLOBBY_SANITIZE)" OFF)

if(ECOLOBBY_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ECOLOBBY_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang")
  endif()
  set(ECOLOBBY_SANITIZE ON CACHE BOOL "" FORCE)
  # The fuzz targets, one a line, for scripts/fuzz.sh (ecolobby_fuzz appends to it).
  file(WRITE ${CMAKE_BINARY_DIR}/fuzz-targets.txt "")
endif()

if(ECOLOBBY_SANITIZE)
  set(ECOLOBBY_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_compile_options(${ECOLOBBY_SANITIZER_FLAGS})
  add_link_options(${ECOLOBBY_SANITIZER_FLAGS})
  # The Lua CPU budgets count release-equivalent time in this much slower build (lua/limits.cpp).
  add_compile_definitions(ECOLOBBY_INSTRUMENTED_BUILD)
  if(ECOLOBBY_FUZZ)
    # Coverage for libFuzzer in every object; only the fuzz executables link libFuzzer itself
    # (-fsanitize=fuzzer in ecolobby_fuzz). The ASan runtime supplies the coverage callbacks
    # for the ordinary executables, which then run as usual.
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()
  # Default sanitizer options compiled into every executable (ASAN_OPTIONS and friends still
  # override them): a report fails the run even when a test starts the program with a clean
  # environment, and LeakSanitizer reads tests/sanitizers/lsan.supp.
  set(ECOLOBBY_SANITIZER_DEFAULTS ${CMAKE_BINARY_DIR}/sanitizer_defaults.cpp)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/sanitizer_defaults.cpp.in ${ECOLOBBY_SANITIZER_DEFAULTS} @ONLY)
endif()

# Adds the sanitizer defaults to an executable (no-op without ECOLOBBY_SANITIZE).
function(ecolobby_sanitizer_defaults target)
  if(ECOLOBBY_SANITIZE)
    target_sources(${target} PRIVATE ${ECOLOBBY_SANITIZER_DEFAULTS})
  endif()
endfunction()
