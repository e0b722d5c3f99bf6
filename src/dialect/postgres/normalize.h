// PostgresNormalizer: the comparator's hooks for postgres (contract:
// dialect/normalizer.h).
#pragma once

#include "dialect/normalizer.h"

namespace strata::dialect::postgres {

class PostgresNormalizer : public dialect::Normalizer {
 public:
  std::string type_key(const model::Column& column) const override;
  std::optional<std::string> default_key(const model::Column& column) const override;
  std::string expression_key(std::string_view sql) const override;
  bool is_autoincrement(const model::Column& column, bool sole_pk) const override;
  std::string index_options_key(const model::Index& index) const override;
  bool move_renames_default_names() const override { return true; }
};

}  // namespace strata::dialect::postgres
