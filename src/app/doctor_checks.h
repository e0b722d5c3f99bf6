// The per-dialect halves of `strata doctor` (app/doctor.h): each adds its
// passed checks and problems to the report. Internal to src/app.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/doctor.h"
#include "dialect/dialect.h"
#include "driver/connection.h"

namespace strata::app::doctor {

struct Input {
  const dialect::Dialect& dialect;
  driver::Connection& connection;
  dialect::VersionTableName version_table;
  std::string history_table;          // "strata_history"
  std::vector<std::string> schemas;   // include_schemas or the models' schemas
  bool with_default_schema = false;   // check the default schema too
};

// Adds the privilege and search_path checks; sets report.user. Returns the
// schema the version table lives in (resolved when unset), if known.
std::optional<std::string> check_postgres(const Input& in, DoctorReport& report);
std::optional<std::string> check_mysql(const Input& in, DoctorReport& report);

// "a, b and c"
std::string join_words(const std::vector<std::string>& items);

}  // namespace strata::app::doctor
