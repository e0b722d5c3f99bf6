// driver::cell: one value of a query result as text, for single-value
// catalog queries (locks, doctor, --verify-data).
#pragma once

#include <string>

#include "driver/connection.h"

namespace strata::driver {

// The text of rows[row][column]; "" when the result has no such cell or it is
// NULL.
inline std::string cell(const QueryResult& result, size_t row = 0, size_t column = 0) {
  if (result.rows.size() <= row || result.rows[row].size() <= column || !result.rows[row][column]) {
    return "";
  }
  return *result.rows[row][column];
}

}  // namespace strata::driver
