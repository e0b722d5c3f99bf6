#include "inspect/catalog_snapshot.h"

#include <algorithm>
#include <cstdio>

#include "common/text.h"
#include "inspect/inspect.h"
#include "inspect/snapshot_lines.h"
#include "inspect/snapshot_printer.h"
#include "strata/error.h"

namespace strata::inspect {
namespace detail {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

std::string ident(std::string_view name) { return strata::text::double_quoted(escape(name)); }

std::string text(const std::optional<std::string>& value) {
  return value ? strata::text::single_quoted(escape(*value)) : "none";
}

std::string qualified(std::string_view schema, std::string_view name) {
  return ident(schema) + "." + ident(name);
}

std::string list(const std::vector<std::string>& items, bool raw) {
  std::string out = "(";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += raw ? escape(items[i]) : ident(items[i]);
  }
  return out + ")";
}

std::string yes_no(bool value) { return value ? "yes" : "no"; }

std::string sql_string(std::string_view value) { return strata::text::single_quoted(value); }

std::string cell(const driver::Row& row, size_t i) {
  return i < row.size() && row[i] ? *row[i] : std::string();
}

std::string in_list(const std::vector<std::string>& values) {
  std::string out = "(";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + sql_string(values[i]);
  return out + ")";
}

}  // namespace detail

namespace {

// The snapshot's policy over the inspector's view: the version table (and
// its indexes) left out.
void drop_version_table(model::Catalog& catalog) {
  auto version = [](const std::string& name) { return name == "alembic_version"; };
  std::erase_if(catalog.tables, [&](const model::Table& t) { return version(t.name); });
  std::erase_if(catalog.indexes, [&](const model::Index& ix) { return version(ix.table); });
}

}  // namespace

std::vector<std::string> catalog_snapshot(driver::Connection& conn, std::string_view dialect,
                                          const std::vector<std::string>& schemas) {
  std::vector<std::string> out;
  if (dialect == "postgresql") {
    if (!schemas.empty()) detail::read_postgres(conn, schemas, out);
  } else if (dialect == "sqlite" || dialect == "mysql") {
    if (schemas.empty()) return out;  // inspect() would read the default schema
    model::Catalog catalog = inspect(conn, dialect, schemas, Options{.generated_columns = true});
    drop_version_table(catalog);
    return print_snapshot(catalog);
  } else {
    throw Error(ErrorCode::kConfig,
                "catalog snapshot: no live catalog reader for dialect '" + std::string(dialect) + "'");
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace strata::inspect
