// PostgresNormalizer: the comparator's hooks for PostgreSQL (contract:
// dialect/normalizer.h).
//  - type_key: format_type()'s spelling (types.h canonical_type) of the
//    reflected type, of a raw type string, or of what
//    PostgresDialect::render_type() renders for a neutral type.
//  - default_key: sql_expression.h default_expression_key of the default's
//    SQL (a literal quoted as PostgresDialect renders it); nullopt without a
//    default and for an identity column.
//  - expression_key: sql_expression.h expression_key.
//  - index_options_key: the access method (lower-case; btree when unset)
//    and each element's operator class (lower-case, without a pg_catalog.
//    qualifier; empty for the default one), so a changed method or opclass
//    is a different index (drop + create).
//  - is_autoincrement: as PostgresDialect renders SERIAL (see
//    common::is_autoincrement): an identity column; a raw serial type; an
//    integer-kind column without a server default whose autoincrement is
//    true, or unset when it is the table's only primary-key column.
//    Reflected columns always carry autoincrement (true for serial), so the
//    implicit rule never applies to them.
#include "dialect/postgres/normalize.h"

#include <cctype>

#include "dialect/postgres/dialect.h"
#include "dialect/postgres/sql_expression.h"
#include "dialect/postgres/types.h"

namespace strata::dialect::postgres {
namespace {

using Kind = model::Type::Kind;

const PostgresDialect& pg() {
  static const PostgresDialect dialect;
  return dialect;
}

bool integer_kind(const model::Type& type) {
  return type.kind == Kind::kInteger || type.kind == Kind::kBigInteger ||
         type.kind == Kind::kSmallInteger;
}

bool serial_raw(const model::Type& type) {
  if (type.kind != Kind::kRaw) return false;
  std::string raw;
  for (char c : type.raw) {
    if (c != ' ') raw += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return raw == "serial" || raw == "serial4" || raw == "bigserial" || raw == "serial8" ||
         raw == "smallserial" || raw == "serial2";
}

}  // namespace

std::string PostgresNormalizer::type_key(const model::Column& column) const {
  if (!column.reflected_type.empty()) return canonical_type(column.reflected_type);
  if (column.type.kind == Kind::kRaw) return canonical_type(column.type.raw);
  return canonical_type(pg().render_type(column.type));
}

std::optional<std::string> PostgresNormalizer::default_key(const model::Column& column) const {
  if (column.identity || !column.server_default) return std::nullopt;
  const model::ServerDefault& def = *column.server_default;
  const std::string sql = def.is_expression ? def.value : pg().literal(def.value);
  return default_expression_key(sql, type_key(column) == "boolean");
}

std::string PostgresNormalizer::index_options_key(const model::Index& index) const {
  auto lower = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  std::string out = "using=" + lower(index.method.value_or("btree")) + " ops=";
  for (const model::IndexElement& element : index.elements) {
    std::string opclass = lower(element.opclass);
    if (opclass.rfind("pg_catalog.", 0) == 0) opclass.erase(0, 11);
    out += opclass + ",";
  }
  return out;
}

std::string PostgresNormalizer::expression_key(std::string_view sql) const {
  return postgres::expression_key(sql);
}

bool PostgresNormalizer::is_autoincrement(const model::Column& column, bool sole_pk) const {
  if (column.identity || serial_raw(column.type)) return true;
  if (!integer_kind(column.type) || column.server_default) return false;
  if (column.autoincrement) return *column.autoincrement;
  return sole_pk;
}

}  // namespace strata::dialect::postgres
