# Install rules: `cmake --install <build> [--prefix P] [--strip]` puts in place
#   bin/strata                                  the CLI
#   include/strata/*.h                          the public API (every header there)
#   <libdir>/libstrata.a, libstrata.so.X.Y      the library, static and shared
#   <libdir>/cmake/strata/                      find_package(strata CONFIG) -> strata::strata
#   <libdir>/pkgconfig/strata.pc                pkg-config strata
#   share/man/man1/strata.1.gz, strata-<verb>.1.gz
#                                               man pages (help2man, from --help; gzip -n -9)
#   share/bash-completion/completions/strata    bash completion
#   share/zsh/{vendor-completions|site-functions}/_strata   zsh completion
# Included from the top-level CMakeLists.txt when STRATA_INSTALL is ON.
include(CMakePackageConfigHelpers)

set(STRATA_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/strata" CACHE STRING
    "Where the CMake package files go, relative to the prefix")
# Debian's zsh looks in vendor-completions under /usr, site-functions elsewhere.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(_strata_zsh_dir "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")
else()
  set(_strata_zsh_dir "${CMAKE_INSTALL_DATADIR}/zsh/site-functions")
endif()
set(STRATA_ZSH_COMPLETION_DIR "${_strata_zsh_dir}" CACHE STRING
    "Where the zsh completion _strata goes, relative to the prefix")

install(TARGETS strata RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/strata DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")

install(TARGETS strata_shared EXPORT strataSharedTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS strata_lib EXPORT strataStaticTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT strataSharedTargets NAMESPACE strata:: DESTINATION ${STRATA_CMAKE_DIR})
install(EXPORT strataStaticTargets NAMESPACE strata:: DESTINATION ${STRATA_CMAKE_DIR})

configure_package_config_file(cmake/strataConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/strataConfig.cmake
  INSTALL_DESTINATION ${STRATA_CMAKE_DIR})
# 0.x: a new minor version may change the API.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/strataConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/strataConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/strataConfigVersion.cmake
        DESTINATION ${STRATA_CMAKE_DIR})

# strata.pc finds its prefix from its own place (${pcfiledir}), so it stays
# right under `cmake --install --prefix`, DESTDIR and the .deb.
file(RELATIVE_PATH STRATA_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
set(STRATA_PC_DL "")
foreach(lib ${CMAKE_DL_LIBS})
  string(APPEND STRATA_PC_DL " -l${lib}")
endforeach()
string(STRIP "${STRATA_PC_DL}" STRATA_PC_DL)
configure_file(cmake/strata.pc.in ${CMAKE_CURRENT_BINARY_DIR}/strata.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/strata.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# Man pages: generated after each link of the CLI from its --help texts,
# gzipped (Debian policy: /usr/share/man/man1/*.1.gz) when gzip is there.
find_program(STRATA_HELP2MAN help2man)
find_program(STRATA_GZIP gzip)
if(STRATA_HELP2MAN)
  set(_strata_man_dir ${CMAKE_CURRENT_BINARY_DIR}/man)
  set(_strata_man_page ${_strata_man_dir}/strata.1)
  set(_strata_man_gzip "")
  if(STRATA_GZIP)
    set(_strata_man_page ${_strata_man_dir}/strata.1.gz)
    set(_strata_man_gzip -DGZIP=${STRATA_GZIP})
  endif()
  add_custom_command(
    OUTPUT ${_strata_man_page}
    COMMAND ${CMAKE_COMMAND} -DSTRATA=$<TARGET_FILE:strata> -DHELP2MAN=${STRATA_HELP2MAN}
            -DVERSION=${PROJECT_VERSION} -DOUT_DIR=${_strata_man_dir} ${_strata_man_gzip}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/generate_man.cmake
    DEPENDS strata ${CMAKE_CURRENT_SOURCE_DIR}/cmake/generate_man.cmake
    COMMENT "Generating strata man pages (help2man)"
    VERBATIM)
  add_custom_target(strata_man ALL DEPENDS ${_strata_man_page})
  install(DIRECTORY ${_strata_man_dir}/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
          FILES_MATCHING PATTERN "*.1" PATTERN "*.1.gz")
else()
  message(STATUS "strata: help2man not found; man pages will not be installed "
                  "(apt-get install help2man, or scripts/install-deps.sh)")
endif()

install(FILES completions/strata.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME strata)
install(FILES completions/_strata DESTINATION ${STRATA_ZSH_COMPLETION_DIR})
