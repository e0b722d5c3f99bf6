// MysqlNormalizer: the comparator's hooks for mysql (contract:
// dialect/normalizer.h).
#pragma once

#include "dialect/normalizer.h"

namespace strata::dialect::mysql {

class MysqlNormalizer : public dialect::Normalizer {
 public:
  std::string type_key(const model::Column& column) const override;
  std::optional<std::string> default_key(const model::Column& column) const override;
  std::string expression_key(std::string_view sql) const override;
  bool is_autoincrement(const model::Column& column, bool sole_pk) const override;
  // MariaDB's CREATE SEQUENCE caches 1000 values unless told otherwise.
  long long default_sequence_cache() const override { return 1000; }
};

}  // namespace strata::dialect::mysql
