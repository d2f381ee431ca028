# The layer check (DESIGN.md, "Layers"): every `#include "x/..."` in src/, tests/ and bench/ must
# name a folder its own folder may include. Runs in `make test` as the ctest case layer_check:
#   cmake -DROOT=<source dir> -P tests/layer_check.cmake
# -DNO_EXCEPTIONS=ON checks with an empty allow-list (shows the whole debt; used by the self-test).
# Prints one line per broken rule, "file:line: rule", and fails if there is any. Needs only cmake.

cmake_minimum_required(VERSION 3.22)

if(NOT ROOT)
  message(FATAL_ERROR "layer_check: pass -DROOT=<source dir>")
endif()

# The table: what each folder may include besides itself. "*" is everything. No row names app/:
# nothing includes app/. device/commands is its own folder (the one place cli/ meets device/); the
# lab binds it to its devices' front-ends (device/commands/device_line_service.h), which reach the
# device only through device/line_service.h.
set(LAYER_RULES
  "app: *"
  "upgrade: catalog transfer base platform"
  "lab: device/commands device catalog transfer frontend cli base platform"
  "frontend: device cli transfer catalog base platform"
  "transfer: base platform"
  "cli: base"
  "device/commands: device cli catalog base"
  "device: catalog base"
  "catalog: base"
  "base:"
  "platform: base"
  "testing: device cli catalog base"
  "tests: upgrade lab frontend transfer cli device/commands device catalog base platform"
  "bench: upgrade lab frontend transfer cli device/commands device catalog base platform")
# Test code (*_test.cc, *_test_support.*, fuzz targets, tests/, bench/) may also include these.
set(TEST_ONLY_LAYERS testing tests)

# Known exceptions, each "<file> <included path>", to be deleted as the work that fixes it lands
# (issue 13). An entry that no longer matches an include fails the check, so the list only shrinks.
set(ALLOW_LIST
)

# The folder a path under the root belongs to: "device/commands" for that subfolder, else the
# first folder under src/, else "tests" or "bench". Empty for anything else.
function(layer_of path out)
  if(path MATCHES "^src/device/commands/")
    set(${out} "device/commands" PARENT_SCOPE)
  elseif(path MATCHES "^src/([a-z_]+)/")
    set(${out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
  elseif(path MATCHES "^(tests|bench)/")
    set(${out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()

set(known_layers "")
foreach(rule IN LISTS LAYER_RULES)
  string(REGEX MATCH "^[a-z_/]+" layer "${rule}")
  string(REGEX REPLACE "^[a-z_/]+:[ ]*" "" allowed "${rule}")
  string(REPLACE " " ";" allowed "${allowed}")
  set(allowed_${layer} ${allowed})
  list(APPEND known_layers ${layer})
endforeach()
list(APPEND known_layers app)

if(NO_EXCEPTIONS)
  set(ALLOW_LIST "")
endif()
set(allow_used "")
set(violations "")

file(GLOB_RECURSE files RELATIVE "${ROOT}"
     "${ROOT}/src/*.h" "${ROOT}/src/*.cc" "${ROOT}/tests/*.h" "${ROOT}/tests/*.cc"
     "${ROOT}/bench/*.h" "${ROOT}/bench/*.cc")
list(FILTER files EXCLUDE REGEX "^tests/layer_check_testdata/")  # the self-test's tree
list(SORT files)
foreach(file IN LISTS files)
  layer_of("${file}" from)
  if(from STREQUAL "")
    continue()
  endif()
  if(NOT from IN_LIST known_layers)
    list(APPEND violations "${file}:1: folder ${from}/ has no row in the layer table")
    continue()
  endif()
  set(is_test FALSE)
  if(file MATCHES "(_test\\.cc|_test_support\\.(h|cc))$" OR file MATCHES "/fuzz/"
     OR from STREQUAL "tests" OR from STREQUAL "bench")
    set(is_test TRUE)
  endif()
  file(READ "${ROOT}/${file}" text)
  string(REGEX MATCHALL "(^|\n)[ \t]*#[ \t]*include[ \t]*\"[a-z_]+/[^\"\n]*\"" lines "${text}")
  foreach(line IN LISTS lines)
    string(REGEX MATCH "\"([a-z_]+)/([^\"]*)\"" _ "${line}")
    set(path "${CMAKE_MATCH_1}/${CMAKE_MATCH_2}")
    set(to "${CMAKE_MATCH_1}")
    if(path MATCHES "^device/commands/")
      set(to "device/commands")
    endif()
    if(NOT to IN_LIST known_layers AND NOT to IN_LIST TEST_ONLY_LAYERS)
      continue()  # not one of ours (a third-party header with a folder)
    endif()
    if(to STREQUAL from OR "*" IN_LIST allowed_${from} OR to IN_LIST allowed_${from})
      continue()
    endif()
    if(is_test AND to IN_LIST TEST_ONLY_LAYERS)
      continue()
    endif()
    if("${file} ${path}" IN_LIST ALLOW_LIST)
      list(APPEND allow_used "${file} ${path}")
      continue()
    endif()
    # The line number: newlines before the first occurrence of this include line.
    string(REGEX REPLACE "^\n" "" needle "${line}")
    string(FIND "${text}" "${needle}" at)
    string(SUBSTRING "${text}" 0 ${at} before)
    string(REGEX MATCHALL "\n" newlines "${before}")
    list(LENGTH newlines number)
    math(EXPR number "${number} + 1")
    if(to IN_LIST TEST_ONLY_LAYERS)
      set(why "${to}/ is for test code only (*_test.cc, tests/, bench/)")
    elseif(to STREQUAL "app")
      set(why "nothing includes app/")
    else()
      list(JOIN allowed_${from} "/, " only)
      set(why "${from}/ may include only ${only}/")
      if(only STREQUAL "")
        set(why "${from}/ includes no other folder")
      endif()
    endif()
    list(APPEND violations "${file}:${number}: includes \"${path}\" but ${why}")
  endforeach()
endforeach()

foreach(entry IN LISTS ALLOW_LIST)
  if(NOT entry IN_LIST allow_used)
    list(APPEND violations "tests/layer_check.cmake: allow-list entry \"${entry}\" is fixed: delete it")
  endif()
endforeach()

list(LENGTH files file_count)
list(LENGTH violations count)
list(LENGTH allow_used allowed_count)
if(count GREATER 0)
  list(JOIN violations "\n" report)
  message("${report}")
  message(FATAL_ERROR "layer_check: ${count} violation(s) in ${file_count} files")
endif()
message("layer_check: ${file_count} files follow the layer table "
        "(${allowed_count} allow-listed include(s) remain)")
