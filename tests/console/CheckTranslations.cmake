# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a string of the console has no finished Chinese translation.
#
#   cmake -DLUPDATE=<lupdate> -DSOURCE_DIR=<repo> -DWORK_DIR=<tmp> -P CheckTranslations.cmake
#
# Runs lupdate over app/ into a copy of translations/aicarpool_zh_CN.ts (so strings added to the
# code but not yet to the .ts count as missing), then looks for unfinished or empty entries.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(ts "${WORK_DIR}/aicarpool_zh_CN.ts")
file(COPY_FILE "${SOURCE_DIR}/translations/aicarpool_zh_CN.ts" "${ts}")
execute_process(
    COMMAND "${LUPDATE}" -silent -locations none -extensions cpp,h "${SOURCE_DIR}/app" -ts "${ts}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${rc}): ${out} ${err}")
endif()
file(READ "${ts}" content)
# One <message> per list item.
string(REPLACE "<message" ";<message" messages "${content}")
set(problems "")
set(count 0)
foreach(message IN LISTS messages)
    if(NOT message MATCHES "^<message")
        continue()
    endif()
    math(EXPR count "${count} + 1")
    if(message MATCHES "type=\"(vanished|obsolete)\"")
        continue()
    endif()
    string(REGEX MATCH "<source>([^<]*)</source>" _ "${message}")
    set(source "${CMAKE_MATCH_1}")
    if(message MATCHES "type=\"unfinished\"" OR message MATCHES "<translation></translation>"
       OR message MATCHES "<translation/>")
        list(APPEND problems "${source}")
    elseif(message MATCHES "<numerusform></numerusform>")
        list(APPEND problems "${source}")
    endif()
endforeach()
list(LENGTH problems missing)
if(count EQUAL 0)
    message(FATAL_ERROR "no messages found in ${ts}: the check would pass vacuously")
endif()
if(missing GREATER 0)
    string(REPLACE ";" "\n  " listing "${problems}")
    message(FATAL_ERROR "${missing} of ${count} console strings lack a zh_CN translation "
                        "(run the aicarpool_console_lib_lupdate target and translate):\n  ${listing}")
endif()
message(STATUS "all ${count} console strings are translated to zh_CN")
