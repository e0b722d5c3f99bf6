// Where strata keeps a SQLite schema: an attached database file beside the
// main one. Shared by the driver (which attaches the existing files on
// connect, driver/sqlite_connection.h) and the SQLite dialect (whose
// create_schema renders the ATTACH, online and in --sql scripts), so neither
// depends on the other.
//
// Contract: schema_file(main_path, schema) is the main file with its
// extension (if any) replaced by ".<schema>.db": "/p/app.db" + "s" →
// "/p/app.s.db", "/p/app" + "s" → "/p/app.s.db". An in-memory main database
// ("" or ":memory:") has in-memory schemas: ":memory:".
#pragma once

#include <string>

namespace strata::sqlite_paths {

std::string schema_file(const std::string& main_path, const std::string& schema);

}  // namespace strata::sqlite_paths
