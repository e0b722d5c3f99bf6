// Python model sources: `models = ["python:package.module:attr", ...]` in
// strata.toml names SQLAlchemy metadata as the desired state.
//
// Contract: load_python_models runs `config.python` (default "python3";
// looked up on PATH) once, on strata's shipped exporter
// (models/python_exporter.h, written to a temporary file that is removed
// afterwards), with every spec in `specs` ("package.module:attr", the part
// after "python:") and `config.python_path` (directories relative to the
// config file) prepended to sys.path; the exporter prints the metadata as a
// catalog document (model/catalog_json.h), read back here.
//  - Names: SQLAlchemy's own naming_convention of each MetaData names the
//    constraints and indexes (as `alembic` / `create_all` would); strata.toml
//    `naming_convention` is not applied to Python models.
//  - Types: SQLAlchemy's generic types become the neutral kinds; dialect
//    and other types are compiled for `dialect` and passed through as raw
//    type text; a native PostgreSQL Enum becomes a model::Enum plus a raw
//    column type "[schema.]name" (elsewhere Enum is String(length)).
//  - Table origins are "python:<module> <schema.table>".
//  - Errors, all Error(kConfig), one line: the interpreter cannot be run
//    ("python3 not found ..."), SQLAlchemy cannot be imported, the module
//    cannot be imported (the traceback's last line), the attribute is
//    missing or is not metadata. The exporter's output must be a valid
//    catalog document (else Error(kIo)).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "model/catalog.h"

namespace strata::models {

inline constexpr std::string_view kPythonModelPrefix = "python:";

model::Catalog load_python_models(const config::Config& config, std::string_view dialect,
                                  const std::vector<std::string>& specs);

}  // namespace strata::models
