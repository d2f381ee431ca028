# What a user reads never speaks of "the seeds": the README, and every string literal of the
# program (help texts, messages, device output) outside tests. The built-in lab is named for a
# user: the upgrade guide's lab, NetsTuts_R1 and NetsTuts_SW1. Code comments may say it.
#   cmake -DROOT=<source dir> -P tests/user_text_check.cmake
file(GLOB_RECURSE sources ${ROOT}/src/*.cc ${ROOT}/src/*.h)
set(violations 0)
foreach(f ${ROOT}/README.md ${sources})
  if(f MATCHES "_test\\.cc$|/src/testing/|/testdata/")
    continue()
  endif()
  file(STRINGS ${f} lines REGEX "[Ss][Ee][Ee][Dd][Ss]")
  foreach(line IN LISTS lines)
    if(NOT f MATCHES "\\.md$")
      string(REGEX REPLACE "//.*$" "" code "${line}")  # a comment, or a URL's tail in a string
      if(NOT code MATCHES "\"[^\"]*[Ss][Ee][Ee][Dd][Ss][^\"]*\"")
        continue()
      endif()
    endif()
    file(RELATIVE_PATH rel ${ROOT} ${f})
    message("${rel}: user-facing text says seeds: ${line}")
    math(EXPR violations "${violations} + 1")
  endforeach()
endforeach()
if(violations GREATER 0)
  message(FATAL_ERROR "user_text_check: ${violations} line(s) name the seeds to a user")
endif()
message("user_text_check: ok")
