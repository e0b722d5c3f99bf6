#include "dialect/postgres/enum_type.h"

#include <algorithm>
#include <optional>
#include <set>

#include "dialect/common/render_common.h"
#include "dialect/postgres/move_table.h"
#include "strata/error.h"

namespace strata::dialect::postgres {
namespace {

void refuse_duplicates(const ops::Op& op, const std::vector<std::string>& values) {
  std::set<std::string> seen;
  for (const std::string& v : values) {
    if (!seen.insert(v).second) {
      throw Error(ErrorCode::kScript,
                  ops::describe(op) + ": the value '" + v + "' is listed twice");
    }
  }
}

std::string value_list(const Dialect& d, const std::vector<std::string>& values) {
  std::vector<std::string> literals;
  literals.reserve(values.size());
  for (const std::string& v : values) literals.push_back(d.literal(v));
  return "(" + common::join(literals, ", ") + ")";
}

std::string create_type(const Dialect& d, const std::optional<std::string>& schema,
                        const std::string& name, const std::vector<std::string>& values) {
  return "CREATE TYPE " + d.qualify(schema, name) + " AS ENUM " + value_list(d, values);
}

// One ADD VALUE: the value and its placement ("" = appended).
struct Addition {
  std::string value;
  std::string placement;
};

// The ADD VALUE statements that turn `existing` into `values`, or nullopt
// when `values` is not `existing` with values inserted.
std::optional<std::vector<Addition>> additions(const Dialect& d,
                                               const std::vector<std::string>& values,
                                               const std::vector<std::string>& existing) {
  std::vector<bool> is_new(values.size(), true);
  size_t next = 0;  // the next existing value to find in order
  for (size_t i = 0; i < values.size(); ++i) {
    if (next < existing.size() && values[i] == existing[next]) {
      is_new[i] = false;
      ++next;
    } else if (std::find(existing.begin(), existing.end(), values[i]) != existing.end()) {
      return std::nullopt;  // an existing value out of order
    }
  }
  if (next != existing.size()) return std::nullopt;  // a value removed
  std::vector<Addition> out;
  if (existing.empty()) {
    for (const std::string& v : values) out.push_back({v, ""});
    return out;
  }
  const auto first_kept = static_cast<size_t>(std::find(is_new.begin(), is_new.end(), false) -
                                              is_new.begin());
  const size_t last_kept =
      values.size() - 1 -
      static_cast<size_t>(std::find(is_new.rbegin(), is_new.rend(), false) - is_new.rbegin());
  for (size_t i = first_kept; i-- > 0;) {
    out.push_back({values[i], " BEFORE " + d.literal(values[i + 1])});
  }
  for (size_t i = first_kept + 1; i < values.size(); ++i) {
    if (!is_new[i]) continue;
    out.push_back({values[i], i > last_kept ? "" : " AFTER " + d.literal(values[i - 1])});
  }
  return out;
}

}  // namespace

std::vector<std::string> postgres_create_enum(const Dialect& d, const ops::CreateEnum& op) {
  refuse_duplicates(op, op.values);
  std::string create = create_type(d, op.schema, op.name, op.values);
  if (!op.if_not_exists) return {create};
  const std::string schema = op.schema ? d.literal(*op.schema) : "current_schema()";
  const std::string body = "\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n "
                           "ON n.oid = t.typnamespace\n                 WHERE n.nspname = " +
                           schema + " AND t.typname = " + d.literal(op.name) +
                           ") THEN\n    " + create + ";\n  END IF;\nEND\n";
  return {"DO " + postgres_dollar_quote(body)};
}

std::vector<std::string> postgres_drop_enum(const Dialect& d, const ops::DropEnum& op) {
  return {std::string("DROP TYPE ") + (op.if_exists ? "IF EXISTS " : "") +
          d.qualify(op.schema, op.name)};
}

std::vector<std::string> postgres_alter_enum(const Dialect& d, const ops::AlterEnum& op) {
  refuse_duplicates(op, op.values);
  const std::string type = d.qualify(op.schema, op.name);
  if (std::optional<std::vector<Addition>> added = additions(d, op.values, op.existing_values)) {
    std::vector<std::string> out;
    for (const Addition& a : *added) {
      out.push_back("ALTER TYPE " + type + " ADD VALUE " + d.literal(a.value) + a.placement);
    }
    return out;
  }
  const std::string old_name = op.name + "_old";
  std::vector<std::string> out{"ALTER TYPE " + type + " RENAME TO " + d.quote(old_name),
                               create_type(d, op.schema, op.name, op.values)};
  for (const ops::EnumColumn& c : op.columns) {
    const std::string alter = "ALTER TABLE " + d.qualify(c.schema, c.table) + " ALTER COLUMN " +
                              d.quote(c.column);
    if (c.server_default) out.push_back(alter + " DROP DEFAULT");
    out.push_back(alter + " TYPE " + type + " USING " + d.quote(c.column) + "::text::" + type);
    if (c.server_default) {
      out.push_back(alter + " SET DEFAULT " +
                    (c.server_default->is_expression ? c.server_default->value
                                                     : d.literal(c.server_default->value)));
    }
  }
  out.push_back("DROP TYPE " + d.qualify(op.schema, old_name));
  return out;
}

}  // namespace strata::dialect::postgres
