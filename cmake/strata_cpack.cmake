# CPack: `cpack -G DEB` in a build directory makes strata_<version>_<arch>.deb
# with everything the install rules place (cmake/strata_install.cmake), under
# /usr, binaries stripped. packaging/build-deb.sh makes the release build and
# the package. Dependencies: the shared libraries the binaries link (found by
# dpkg-shlibdeps when present, listed here otherwise) and libpq5 / libmariadb3,
# which strata loads with dlopen when a URL needs them.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME strata)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "schema migrations for multi-schema databases, the Alembic way")
set(CPACK_PACKAGE_DESCRIPTION
    "strata runs Lua revision scripts with Alembic's semantics against PostgreSQL, SQLite and MariaDB, writes offline SQL (also T-SQL), autogenerates revisions from models and imports Alembic projects. Also the C++ library (static and shared), its headers, CMake package and pkg-config file.")
set(CPACK_PACKAGE_CONTACT "strata maintainers <strata@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
# libpq5 and libmariadb3 are loaded with dlopen, so dpkg-shlibdeps cannot see
# them; the others are what the binaries link (versions from dpkg-shlibdeps).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libpq5, libmariadb3")
find_program(STRATA_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(STRATA_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS
         ", liblua5.4-0, libsqlite3-0, liburing2, libssl3,"
         " libc6 (>= 2.34), libstdc++6 (>= 11), libgcc-s1")
endif()
# What building against the package takes: pkg-config and the -dev packages
# of strata.pc's Requires.private (pkgconf wants them for --cflags too;
# libstrata.a links them). fmt and toml++ are compiled in: none needed.
# packaging/test-deb-fresh.sh installs exactly these to build examples/embed.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS
    "pkg-config, liblua5.4-dev, libsqlite3-dev, liburing-dev, libssl-dev")
# shlibs for libstrata.so and the ldconfig trigger.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
include(CPack)
