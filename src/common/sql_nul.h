// reject_nul_sql(): refuse SQL text that holds a NUL byte.
//
// Contract: a NUL in SQL text is never sent anywhere. SQLite's prepare stops
// at it (and the statement tail never advances), libpq cuts the text there
// silently, and --sql output would carry it into a file. reject_nul_sql()
// throws strata::Error(code, "SQL text contains a NUL byte (at offset N)"),
// N the 0-based byte offset of the first NUL; it returns when there is none.
// The SQL emitter calls it with kScript (every statement a revision sends,
// online and --sql); the drivers' execute()/query() with kDatabase.
#pragma once

#include <string_view>

#include "strata/error.h"

namespace strata {

void reject_nul_sql(std::string_view sql, ErrorCode code);

}  // namespace strata
