// find_table / find_column over an inspected catalog (see inspect.h).
#include <algorithm>
#include <cctype>

#include "dialect/mysql/inspect.h"

namespace strata::dialect::mysql {

namespace {

bool iequal(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The element named `name` exactly, else ignoring ASCII case.
template <typename T, typename Match>
const T* by_name(const std::vector<T>& items, const std::string& name, Match match) {
  const T* folded = nullptr;
  for (const T& item : items) {
    if (!match(item)) continue;
    if (item.name == name) return &item;
    if (!folded && iequal(item.name, name)) folded = &item;
  }
  return folded;
}

}  // namespace

const model::Table* find_table(const model::Catalog& catalog,
                               const std::optional<std::string>& schema, const std::string& name) {
  const std::string s = schema.value_or(catalog.default_schema);
  return by_name(catalog.tables, name,
                 [&](const model::Table& t) { return iequal(t.schema.value_or(""), s); });
}

const model::Column* find_column(const model::Table& table, const std::string& name) {
  return by_name(table.columns, name, [](const model::Column&) { return true; });
}

}  // namespace strata::dialect::mysql
