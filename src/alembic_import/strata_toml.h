// strata.toml for an imported Alembic project: what alembic.ini and env.py
// said, in strata's keys (README "Configuration"), with a comment where the
// two tools differ.
//
// Contract: strata_toml_text(project, dest, script_location, locations)
// returns the file's text. `locations` are the DEST-relative version
// locations (written only when there are several); python_path entries are
// made relative to `dest`; the URL is written as the project gave it (a
// `${VAR}` read from the environment stays that).
#pragma once

#include <string>
#include <vector>

#include "alembic_import/alembic_reader.h"

namespace strata::alembic_import {

std::string strata_toml_text(const AlembicProject& project, const std::string& dest,
                             const std::string& script_location,
                             const std::vector<std::string>& locations);

}  // namespace strata::alembic_import
