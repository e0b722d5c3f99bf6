// reject_nul_sql() (see sql_nul.h).
#include "common/sql_nul.h"

#include <string>

namespace strata {

void reject_nul_sql(std::string_view sql, ErrorCode code) {
  const size_t at = sql.find('\0');
  if (at == std::string_view::npos) return;
  throw Error(code, "SQL text contains a NUL byte (at offset " + std::to_string(at) + ")");
}

}  // namespace strata
