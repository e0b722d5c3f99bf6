#include "dialect/common/alter_sequence.h"

namespace strata::dialect::common {

std::vector<std::string> alter_sequence_sql(const Dialect& dialect, const ops::AlterSequence& op,
                                            std::string_view no_cycle) {
  std::string options;
  auto bound = [&options](const char* keyword,
                          const std::optional<std::optional<long long>>& value) {
    if (!value) return;
    options += *value ? " " + std::string(keyword) + " " + std::to_string(**value)
                      : " NO " + std::string(keyword);
  };
  if (op.increment) options += " INCREMENT BY " + std::to_string(*op.increment);
  bound("MINVALUE", op.minvalue);
  bound("MAXVALUE", op.maxvalue);
  if (op.cache) options += " CACHE " + std::to_string(*op.cache);
  if (op.cycle) options += *op.cycle ? std::string(" CYCLE") : " " + std::string(no_cycle);
  if (op.restart) options += " RESTART WITH " + std::to_string(*op.restart);
  if (options.empty()) return {};
  return {"ALTER SEQUENCE " + dialect.qualify(op.schema, op.name) + options};
}

}  // namespace strata::dialect::common
