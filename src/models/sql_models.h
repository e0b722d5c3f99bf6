// SQL model files: the desired state written as DDL (CREATE SCHEMA / TABLE /
// INDEX / SEQUENCE / TYPE ... AS ENUM / VIEW, COMMENT ON, ALTER TABLE ... ADD
// CONSTRAINT) in `.sql` files listed by strata.toml `models`.
//
// Contract: load_sql_models applies the DDL to a scratch dev database
// (strata.toml `dev_url`; by default a throwaway database on the target
// PostgreSQL server, an in-memory SQLite database, or a scratch database on
// the `dev_url` MySQL/MariaDB server) and reflects it back through the
// dialect's inspector, so model and live schema are normalised by the server
// itself. Rename hints (`-- renamed from <old>` at the end of a column's or
// a CREATE TABLE line) become Column::renamed_from / Table::renamed_from.
// Every table's, sequence's, enum's and view's origin is "file:line" of its
// CREATE statement (indexes carry none in the model); objects keep an unset
// schema when the DDL does not name one (objects in the dev database's
// default schema are unset, even when the DDL spells it out). `files` are in
// sorted order. The result is cached by content hash
// (models/sql_model_cache.h): unchanged files never reach a dev database.
// Errors: Error(kScript) "file:line: <server message>" for DDL the dev
// database refuses; Error(kConfig) when no dev database can be made.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "model/catalog.h"

namespace strata::models {

model::Catalog load_sql_models(const config::Config& config, std::string_view dialect,
                               const std::vector<std::string>& files);

}  // namespace strata::models
