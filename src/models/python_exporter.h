// The Python source of strata's SQLAlchemy exporter, compiled into the
// binary so that an installed strata needs no extra files.
//
// Contract of the script (run as `python3 <file> <dialect> <args-json>`):
//  - argv[1]: the target dialect name ("postgresql", "sqlite", "mysql",
//    "mssql"); dialect-specific types are compiled for it;
//  - argv[2]: JSON {"path": [dirs prepended to sys.path], "specs":
//    ["package.module:attr", ...]}; attr is a MetaData, a declarative base
//    (its .metadata) or a list/tuple of them;
//  - stdout: one strata catalog document (model/catalog_json.h). Constraint
//    and index names are resolved by SQLAlchemy's own naming_convention
//    (the metadata's); a constraint the convention leaves unnamed stays
//    unnamed (null);
//  - on failure: exit 3 and one line "strata-python-error: <message>" on
//    stderr (for an import error, the traceback's last line).
#pragma once

namespace strata::models {

const char* python_exporter_source();

}  // namespace strata::models
