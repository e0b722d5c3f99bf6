// canonical_catalog() and the matching keys (see context.h).
#include <algorithm>
#include <fnmatch.h>

#include "autogen/compare/context.h"

namespace strata::autogen::detail {
namespace {

std::string resolve(const std::optional<std::string>& schema, const CompareOptions& options) {
  return schema.value_or(options.default_schema);
}

bool in_scope(const std::string& schema, const CompareOptions& options) {
  return std::find(options.include_schemas.begin(), options.include_schemas.end(), schema) !=
         options.include_schemas.end();
}

bool glob_matches(const std::string& pattern, const std::string& text) {
  return ::fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

bool excluded(const std::string& schema, const std::string& table, const CompareOptions& options) {
  std::string version_schema = options.version_table_schema.value_or(options.default_schema);
  if (table == options.version_table && schema == version_schema) return true;
  if (table == options.history_table && schema == version_schema) return true;
  for (const std::string& pattern : options.exclude_tables) {
    if (pattern.find('.') != std::string::npos ? glob_matches(pattern, schema + "." + table)
                                               : glob_matches(pattern, table)) {
      return true;
    }
  }
  return false;
}

// Column flags folded into table constraints; key columns NOT NULL.
void fold_column_flags(model::Table& table) {
  std::vector<std::string> flagged;
  for (model::Column& column : table.columns) {
    if (column.primary_key) flagged.push_back(column.name);
    column.primary_key = false;
    if (column.unique) {
      table.uniques.push_back(model::UniqueConstraint{std::nullopt, {column.name}});
      column.unique = false;
    }
  }
  if (!table.primary_key && !flagged.empty()) {
    table.primary_key = model::PrimaryKey{std::nullopt, flagged};
  }
  if (table.primary_key) {
    for (model::Column& column : table.columns) {
      const auto& key = table.primary_key->columns;
      if (std::find(key.begin(), key.end(), column.name) != key.end()) column.nullable = false;
    }
  }
}

template <typename T>
void resolve_and_filter(std::vector<T>& objects, const CompareOptions& options) {
  std::vector<T> kept;
  for (T& object : objects) {
    object.schema = resolve(object.schema, options);
    if (in_scope(*object.schema, options)) kept.push_back(std::move(object));
  }
  objects = std::move(kept);
}

}  // namespace

model::Catalog canonical_catalog(const model::Catalog& catalog, const CompareOptions& options) {
  model::Catalog out = catalog;
  out.default_schema = options.default_schema;
  std::vector<std::string> schemas;
  for (const std::string& schema : catalog.schemas) {
    if (schema != options.default_schema && in_scope(schema, options)) schemas.push_back(schema);
  }
  out.schemas = std::move(schemas);

  std::vector<model::Table> tables;
  for (model::Table table : catalog.tables) {
    table.schema = resolve(table.schema, options);
    if (!in_scope(*table.schema, options) || excluded(*table.schema, table.name, options)) continue;
    fold_column_flags(table);
    for (model::ForeignKey& fk : table.foreign_keys) {
      if (!fk.ref_schema) fk.ref_schema = table.schema;
    }
    tables.push_back(std::move(table));
  }
  out.tables = std::move(tables);

  std::vector<model::Index> indexes;
  for (model::Index index : catalog.indexes) {
    index.schema = resolve(index.schema, options);
    if (!in_scope(*index.schema, options) || excluded(*index.schema, index.table, options)) continue;
    indexes.push_back(std::move(index));
  }
  out.indexes = std::move(indexes);
  resolve_and_filter(out.sequences, options);
  resolve_and_filter(out.enums, options);
  resolve_and_filter(out.views, options);
  return out;
}

std::string column_type_key(const Context& ctx, const model::Column& column) {
  return ctx.normalizer.type_key(column);
}

std::string columns_signature(const Context& ctx, const model::Table& table) {
  std::vector<std::string> parts;
  for (const model::Column& column : table.columns) {
    parts.push_back(column.name + " " + column_type_key(ctx, column));
  }
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const std::string& part : parts) out += part + "\n";
  return out;
}

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += item + "\x1f";
  return out;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// NO ACTION is every dialect's default: an unset action and "NO ACTION" are one.
std::string action(const std::optional<std::string>& value) {
  std::string text = upper(value.value_or(""));
  return text == "NO ACTION" ? "" : text;
}

}  // namespace

std::string unique_key(const model::UniqueConstraint& unique) { return join(unique.columns); }

std::string foreign_key_key(const model::ForeignKey& fk, const std::string& table_schema) {
  std::string match = upper(fk.match.value_or(""));
  if (match == "SIMPLE" || match == "NONE") match = "";
  std::string initially = upper(fk.initially.value_or(""));
  if (initially == "IMMEDIATE") initially = "";
  return join(fk.columns) + "->" + fk.ref_schema.value_or(table_schema) + "." + fk.ref_table +
         "(" + join(fk.ref_columns) + ")" + " d=" + action(fk.ondelete) + " u=" +
         action(fk.onupdate) + " def=" + (fk.deferrable.value_or(false) ? "y" : "n") +
         " ini=" + initially + " m=" + match;
}

std::string check_key(const Context& ctx, const model::CheckConstraint& check) {
  return ctx.normalizer.expression_key(check.sqltext);
}

std::string index_key(const Context& ctx, const model::Index& index) {
  std::string out = index.unique ? "U:" : "I:";
  for (const model::IndexElement& element : index.elements) {
    out += (element.is_expression ? "e:" + ctx.normalizer.expression_key(element.text)
                                  : "c:" + element.text) +
           "\x1f";
  }
  out += " where=" + (index.where ? ctx.normalizer.expression_key(*index.where) : std::string());
  out += " include=" + join(index.include);
  out += " " + ctx.normalizer.index_options_key(index);
  return out;
}

}  // namespace strata::autogen::detail
