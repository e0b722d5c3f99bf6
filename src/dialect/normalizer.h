// Normalizer: the per-dialect hooks the comparator (autogen/compare) calls to
// decide whether a model fact and a reflected fact are the same — so that
// aliases (int / integer / int4, varchar / character varying), the server's
// rewriting of defaults ('x'::text, now()) and of CHECK / index expressions
// never show up as differences. Each dialect implements it in
// dialect/<name>/normalize.cpp.
//
// Contract: every key function is idempotent and gives equal keys for a
// model value and the value the server reflects after that model value was
// applied with the dialect's rendering (tested per dialect: render, apply,
// inspect, compare keys). It is applied to both sides, reflected or not.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "model/schema.h"

namespace strata::dialect {

class Normalizer {
 public:
  virtual ~Normalizer() = default;

  // A canonical text for the column's type (neutral or raw, or reflected
  // with Column::reflected_type), e.g. "integer", "character varying(320)".
  virtual std::string type_key(const model::Column& column) const = 0;
  // A canonical text for the column's default; nullopt when it has none
  // (also for a serial's / identity's implicit default). `type_key` is the
  // column's type key, for dialects that cast literals.
  virtual std::optional<std::string> default_key(const model::Column& column) const = 0;
  // A canonical text for an SQL expression: CHECK conditions, index
  // expressions and predicates.
  virtual std::string expression_key(std::string_view sql) const = 0;
  // Whether the column is an auto-increment / serial one, counting the
  // dialect's implicit rule for a model column with autoincrement unset
  // (PostgreSQL and MySQL: the single integer primary key column; `sole_pk`
  // tells whether the column is the whole primary key).
  virtual bool is_autoincrement(const model::Column& column, bool sole_pk) const = 0;
  // A canonical text for what an index is beyond its elements, predicate
  // and INCLUDE list that this dialect compares: PostgreSQL, the access
  // method and the elements' operator classes. Empty by default (others
  // ignore both, as their renderers do).
  virtual std::string index_options_key(const model::Index& index) const { return {}; }
  // Whether op.move_table with new_name renames the constraints and indexes
  // named by the database's default for the old table name (PostgreSQL:
  // dialect/postgres/move_table.h), which the comparator then expects.
  virtual bool move_renames_default_names() const { return false; }
  // The database's default increment and cache of a new sequence (what an
  // inspector reports as unset), so a reversed alter_sequence can restate
  // them. PostgreSQL: 1 and 1.
  virtual long long default_sequence_increment() const { return 1; }
  virtual long long default_sequence_cache() const { return 1; }
};

// The normalizer for a dialect name; throws Error(kConfig) for an unknown one.
std::unique_ptr<Normalizer> make_normalizer(std::string_view dialect);

}  // namespace strata::dialect
