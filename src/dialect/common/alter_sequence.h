// ALTER SEQUENCE as PostgreSQL, MariaDB and SQL Server all spell it (each
// accepts the options in any order).
//
// Contract: alter_sequence_sql(d, op) is
//   ALTER SEQUENCE <qualified name>[ INCREMENT BY n][ MINVALUE n | NO MINVALUE]
//     [ MAXVALUE n | NO MAXVALUE][ CACHE n][ CYCLE | NO CYCLE][ RESTART WITH n]
// with only the options the op changes, or no statement at all when it
// changes nothing. `existing` is never rendered (it serves reverse()).
// `no_cycle` spells the cycle-off option: "NO CYCLE", except MariaDB, whose
// ALTER SEQUENCE parser takes only "NOCYCLE" (10.11).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dialect/dialect.h"
#include "ops/ops.h"

namespace strata::dialect::common {

std::vector<std::string> alter_sequence_sql(const Dialect& dialect, const ops::AlterSequence& op,
                                            std::string_view no_cycle = "NO CYCLE");

}  // namespace strata::dialect::common
