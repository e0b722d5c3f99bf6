// The Python source of strata's Alembic translator (src/alembic_import/py/:
// project_reader, lua_values, sqlalchemy_exprs, schema_items, op_calls,
// main — concatenated in that order at configure time into one script),
// shipped in the binary so that import-alembic needs only python3.
//
// Contract of the script (`python3 <file> <request-json>`): see
// py/main.py's header; alembic_import/alembic_reader.h reads its output.
#pragma once

namespace strata::alembic_import {

const char* translator_source();

}  // namespace strata::alembic_import
