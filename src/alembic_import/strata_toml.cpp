// strata_toml_text (contract in alembic_import/strata_toml.h).
#include "alembic_import/strata_toml.h"

#include <cstdio>
#include <filesystem>

namespace strata::alembic_import {
namespace {

namespace fs = std::filesystem;

// A TOML basic string.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quoted(items[i]);
  return out + "]";
}

}  // namespace

std::string strata_toml_text(const AlembicProject& project, const std::string& dest,
                             const std::string& script_location,
                             const std::vector<std::string>& locations) {
  std::string out =
      "# Imported from an Alembic project by `strata import-alembic`; the revisions\n"
      "# are Lua translations of the Python ones (same ids, graph and messages).\n";
  out += "script_location = " + quoted(script_location) + "\n";
  if (locations.size() > 1) out += "version_locations = " + list(locations) + "\n";
  if (project.file_template) out += "file_template = " + quoted(*project.file_template) + "\n";
  if (project.truncate_slug_length) {
    out += "truncate_slug_length = " + *project.truncate_slug_length + "\n";
  }
  if (project.timezone) out += "timezone = " + quoted(*project.timezone) + "\n";
  if (project.url) {
    out += "url = " + quoted(*project.url) + "\n";
  } else {
    out += "# url = \"postgresql://user@host/db\"   (alembic.ini and env.py named none)\n";
  }
  if (project.version_table) out += "version_table = " + quoted(*project.version_table) + "\n";
  if (project.version_table_schema) {
    out += "version_table_schema = " + quoted(*project.version_table_schema) + "\n";
  }
  if (project.transaction_per_migration) {
    out += std::string("transaction_per_migration = ") +
           (*project.transaction_per_migration ? "true" : "false") + "\n";
  }
  if (project.include_schemas && *project.include_schemas) {
    out += "# env.py: include_schemas=True. strata compares the models' schemas and the\n"
           "# default one; list others here: include_schemas = [\"...\"]\n";
  }
  if (!project.models.empty()) {
    out += "# env.py's target_metadata: the application's SQLAlchemy models (README\n"
           "# \"SQLAlchemy models\"); `python` may need to name the interpreter that has them.\n";
    std::vector<std::string> specs;
    for (const std::string& m : project.models) specs.push_back("python:" + m);
    out += "models = " + list(specs) + "\n";
    if (!project.python_path.empty()) {
      std::vector<std::string> rel;
      fs::path base = fs::absolute(dest).lexically_normal();
      for (const std::string& p : project.python_path) {
        rel.push_back(fs::path(p).lexically_relative(base).string());
      }
      out += "python_path = " + list(rel) + "\n";
    }
  }
  return out;
}

}  // namespace strata::alembic_import
