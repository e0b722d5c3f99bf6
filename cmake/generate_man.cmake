# Writes the man pages into OUT_DIR with help2man, from the built CLI's own
# --help texts, so they cannot drift from it: strata.1 (the global options and
# the verb list) and strata-<verb>.1 for every verb `strata --help` lists.
# With -DGZIP=<gzip> the pages are left compressed (strata.1.gz, gzip -n -9:
# no name or time stamp, so the bytes are reproducible), as Debian policy wants
# them under /usr/share/man; without it they stay plain strata.1.
# Run as: cmake -DSTRATA=<binary> -DHELP2MAN=<help2man> -DVERSION=<x.y.z>
#               -DOUT_DIR=<dir> [-DGZIP=<gzip>] -P generate_man.cmake
foreach(var STRATA HELP2MAN VERSION OUT_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "generate_man.cmake: ${var} is not set")
  endif()
endforeach()

execute_process(COMMAND "${STRATA}" --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "generate_man.cmake: '${STRATA} --help' exited ${rc}")
endif()

# The verbs: the indented lines of the "Subcommands:" block, up to a blank line.
string(REPLACE ";" "," help "${help}")
string(REPLACE "\n" ";" lines "${help}")
set(in_block FALSE)
set(verbs "")
foreach(line IN LISTS lines)
  if(line MATCHES "^[Ss][Uu][Bb][Cc][Oo][Mm][Mm][Aa][Nn][Dd][Ss]:")
    set(in_block TRUE)
  elseif(in_block)
    if(line MATCHES "^  +([a-z][a-z0-9_-]*)( +(.*))?$")
      set(verb "${CMAKE_MATCH_1}")
      set(summary "${CMAKE_MATCH_3}")
      # The first sentence is the man page's NAME line.
      string(REGEX REPLACE "(\\.|:) .*$" "" summary "${summary}")
      string(REGEX REPLACE "\\.$" "" summary "${summary}")
      list(APPEND verbs "${verb}")
      set(summary_${verb} "${summary}")
    elseif(line STREQUAL "")
      break()
    endif()
  endif()
endforeach()
if(NOT verbs)
  message(FATAL_ERROR "generate_man.cmake: found no verbs in '${STRATA} --help'")
endif()

file(MAKE_DIRECTORY "${OUT_DIR}")
file(GLOB stale "${OUT_DIR}/*.1" "${OUT_DIR}/*.1.gz")
if(stale)
  file(REMOVE ${stale})
endif()

# SEE ALSO: strata(1) lists every verb's page; each verb's page names strata(1).
set(see_also "")
foreach(verb IN LISTS verbs)
  string(APPEND see_also ".BR strata-${verb} (1),\n")
endforeach()
string(REGEX REPLACE ",\n$" "\n" see_also "${see_also}")
file(WRITE "${OUT_DIR}/strata.h2m" "[SEE ALSO]\n${see_also}")
file(WRITE "${OUT_DIR}/verb.h2m" "[SEE ALSO]\n.BR strata (1)\n")

function(run_help2man program name include out)
  execute_process(
    COMMAND "${HELP2MAN}" --no-info --no-discard-stderr "--version-string=${VERSION}"
            "--name=${name}" "--source=strata ${VERSION}" "--manual=strata manual"
            "--include=${include}" "--output=${out}" "${program}"
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "generate_man.cmake: help2man for '${program}' failed: ${err}")
  endif()
endfunction()

run_help2man("${STRATA}" "schema migrations for multi-schema databases, the Alembic way"
             "${OUT_DIR}/strata.h2m" "${OUT_DIR}/strata.1")
foreach(verb IN LISTS verbs)
  set(page "${OUT_DIR}/strata-${verb}.1")
  # help2man runs "<program> --help" through the shell, so "strata verb" works.
  run_help2man("${STRATA} ${verb}" "${summary_${verb}}" "${OUT_DIR}/verb.h2m" "${page}")
  # Title the page strata-<verb>, the name man looks it up by.
  file(READ "${page}" text)
  string(TOUPPER "strata-${verb}" title)
  string(REGEX REPLACE "\n\\.TH [^\"]+ \"1\"" "\n.TH ${title} \"1\"" text "${text}")
  file(WRITE "${page}" "${text}")
endforeach()

# help2man fills indented blocks (examples, the identifier grammar) into one
# paragraph; keep their lines: an .IP paragraph of several lines is no-fill.
file(GLOB pages "${OUT_DIR}/*.1")
foreach(page IN LISTS pages)
  file(READ "${page}" text)
  string(REPLACE ";" "@SEMI@" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(out "")
  set(block "")
  set(in_ip FALSE)
  foreach(line IN LISTS lines)
    if(in_ip AND NOT line MATCHES "^\\.")
      list(APPEND block "${line}")
      continue()
    endif()
    if(in_ip)
      list(LENGTH block n)
      if(n GREATER 1)
        list(PREPEND block ".nf")
        list(APPEND block ".fi")
      endif()
      list(APPEND out ${block})
      set(block "")
      set(in_ip FALSE)
    endif()
    list(APPEND out "${line}")
    if(line STREQUAL ".IP")
      set(in_ip TRUE)
    endif()
  endforeach()
  list(APPEND out ${block})
  string(REPLACE ";" "\n" text "${out}")
  string(REPLACE "@SEMI@" ";" text "${text}")
  file(WRITE "${page}" "${text}\n")
endforeach()
file(REMOVE "${OUT_DIR}/strata.h2m" "${OUT_DIR}/verb.h2m")
if(GZIP)
  execute_process(COMMAND "${GZIP}" -n -9 -f ${pages} RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "generate_man.cmake: ${GZIP} failed: ${err}")
  endif()
endif()
list(LENGTH verbs count)
message(STATUS "strata: ${count} verb man pages in ${OUT_DIR}")
