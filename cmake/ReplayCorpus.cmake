# ctest helper (ecolobby_fuzz): runs the fuzz target FUZZER once on every file of REGRESSIONS,
# CORPUS and SEEDS (the seeds copied from the repository), those that exist and are not empty
# (-runs=0: no mutation), so regressions and seeds are replayed.
set(existing)
foreach(dir ${REGRESSIONS} ${CORPUS} ${SEEDS})
  file(GLOB entries ${dir}/*)
  if(entries)
    list(APPEND existing ${dir})
  endif()
endforeach()
if(NOT existing)
  message(STATUS "nothing to replay in ${REGRESSIONS} ${CORPUS}")
  return()
endif()
execute_process(COMMAND ${FUZZER} -runs=0 ${existing} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${FUZZER} failed (${rc}) on an input of ${existing}")
endif()
