// print_snapshot(): a model::Catalog as the catalog snapshot's text lines —
// the one printer behind catalog_snapshot() (inspect/catalog_snapshot.h,
// which documents the line format; catalog_snapshot() is this printer over
// the dialect's inspector, plus the snapshot's policy: the version table
// left out).
//
// Contract:
//  - One line per fact, sorted (byte-wise); the same Catalog always gives
//    the same lines, and so do two Catalogs that differ only in the order of
//    their tables, columns, constraints or indexes (element order inside a
//    key or index is kept).
//  - Prints what the Catalog holds and nothing else: every schema in
//    Catalog::schemas, every table (with its columns, primary key, uniques,
//    checks, foreign keys, comment), index, sequence and enum. Views are not
//    printed. An unset schema is Catalog::default_schema.
//  - Works on any Catalog (a model file's too): a column without
//    reflected_type shows its neutral type (e.g. `String(20)`), Column::unique
//    a `unique none ("c")` line, Column::primary_key flags a primary key when
//    Table::primary_key is unset.
#pragma once

#include <string>
#include <vector>

#include "model/catalog.h"

namespace strata::inspect {

std::vector<std::string> print_snapshot(const model::Catalog& catalog);

}  // namespace strata::inspect
