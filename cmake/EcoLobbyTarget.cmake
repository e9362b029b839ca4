# Common settings for every EcoLobby target: warnings, include root, C++20.
function(ecolobby_target target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/kiosk)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
  if(ECOLOBBY_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # GCC 12 at -O3 reports impossible overlaps inside std::string concatenation (GCC bug 105651).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()

# A GoogleTest executable registered with CTest: ecolobby_test(NAME SOURCES... LIBS ...)
function(ecolobby_test name)
  # PROPERTIES: test properties for every discovered test (TIMEOUT, LABELS); a variable
  # <name>_TESTS is not set by discovery, so set_tests_properties on it reaches nothing.
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;PROPERTIES" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  ecolobby_target(${name})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  ecolobby_sanitizer_defaults(${name})
  target_compile_definitions(${name} PRIVATE
    ECOLOBBY_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    ECOLOBBY_BINARY="$<TARGET_FILE:ecolobby>")
  include(GoogleTest)
  gtest_discover_tests(${name} WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR} DISCOVERY_TIMEOUT 30 PROPERTIES ${T_PROPERTIES})
endfunction()

# A test that runs a Python script of this folder against the real program:
# ecolobby_program_test(NAME SCRIPT [SOURCE_DIR] [PROPERTIES TIMEOUT 300 ...]) runs
# `python3 SCRIPT <ecolobby>`, and the source tree after it with SOURCE_DIR.
function(ecolobby_program_test name script)
  cmake_parse_arguments(T "SOURCE_DIR" "" "PROPERTIES" ${ARGN})
  set(args $<TARGET_FILE:ecolobby>)
  if(T_SOURCE_DIR)
    list(APPEND args ${PROJECT_SOURCE_DIR})
  endif()
  add_test(NAME ${name} COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/${script} ${args})
  if(T_PROPERTIES)
    set_tests_properties(${name} PROPERTIES ${T_PROPERTIES})
  endif()
endfunction()

# A libFuzzer target (tests/fuzz, ECOLOBBY_FUZZ builds only): ecolobby_fuzz(NAME SOURCES... LIBS ...
# [SEEDS glob...]) builds NAME from tests/fuzz/NAME.cpp-style sources and replays
# tests/fuzz/regressions/NAME/ as the CTest test fuzz_regression_NAME (label "fuzz"), so a crash
# once fixed stays fixed. SEEDS: repository files (globs below the source root) used as seeds as
# they are, copied into the build tree's seeds/NAME/ rather than checked in a second time.
function(ecolobby_fuzz name)
  cmake_parse_arguments(F "" "" "SOURCES;LIBS;SEEDS" ${ARGN})
  add_executable(${name} ${F_SOURCES})
  ecolobby_target(${name})
  target_link_libraries(${name} PRIVATE ${F_LIBS})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  target_compile_definitions(${name} PRIVATE ECOLOBBY_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  ecolobby_sanitizer_defaults(${name})
  file(APPEND ${CMAKE_BINARY_DIR}/fuzz-targets.txt "${name}\n")
  set(regressions ${CMAKE_CURRENT_SOURCE_DIR}/regressions/${name})
  set(corpus ${CMAKE_CURRENT_SOURCE_DIR}/corpus/${name})
  set(seeds ${CMAKE_CURRENT_BINARY_DIR}/seeds/${name})
  foreach(pattern ${F_SEEDS})
    file(GLOB files CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/${pattern})
    foreach(file ${files})
      string(REPLACE "/" "+" flat ${file})  # plugins/tips/main.lua → plugins+tips+main.lua
      configure_file(${PROJECT_SOURCE_DIR}/${file} ${seeds}/${flat} COPYONLY)  # re-copied when it changes
    endforeach()
  endforeach()
  # Every regression file and every seed once (-runs=0 on a directory runs each file, no mutation).
  add_test(NAME fuzz_regression_${name}
           COMMAND ${CMAKE_COMMAND} -DFUZZER=$<TARGET_FILE:${name}> -DREGRESSIONS=${regressions} -DCORPUS=${corpus}
                   -DSEEDS=${seeds}
                   -P ${PROJECT_SOURCE_DIR}/cmake/ReplayCorpus.cmake)
  set_tests_properties(fuzz_regression_${name} PROPERTIES LABELS fuzz TIMEOUT 300)
endfunction()
