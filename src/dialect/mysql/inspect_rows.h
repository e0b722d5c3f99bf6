// Rows: an information_schema result whose cells are read by column name
// (case-insensitive), so that no query is read by column position. Internal
// to the mysql inspector (inspect.cpp).
#pragma once

#include <cctype>
#include <map>
#include <optional>
#include <string>

#include "driver/connection.h"
#include "strata/error.h"

namespace strata::dialect::mysql {

class Rows {
 public:
  explicit Rows(driver::QueryResult result) : result_(std::move(result)) {
    for (size_t i = 0; i < result_.columns.size(); ++i) index_[lower(result_.columns[i])] = i;
  }
  const std::vector<driver::Row>& rows() const { return result_.rows; }
  std::optional<std::string> get(const driver::Row& row, const std::string& column) const {
    auto it = index_.find(lower(column));
    if (it == index_.end()) {
      throw Error(ErrorCode::kDatabase, "information_schema result has no column " + column);
    }
    return it->second < row.size() ? row[it->second] : std::nullopt;
  }
  std::string text(const driver::Row& row, const std::string& column) const {
    return get(row, column).value_or("");
  }
  bool has(const std::string& column) const { return index_.count(lower(column)) > 0; }

 private:
  static std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  driver::QueryResult result_;
  std::map<std::string, size_t> index_;
};

}  // namespace strata::dialect::mysql
