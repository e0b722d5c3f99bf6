// Twin projects for the Alembic interop tests: one revision graph written
// twice — as an Alembic project (alembic.ini + env.py + versions/*.py) and as
// a strata project (strata.toml + migrations/versions/*.lua) — plus helpers to
// run either tool against a database URL and to read back the state a run
// leaves (version-table rows, which revision tables exist and which tool
// created each).
//
// Every revision <id> creates table t_<id> (columns id, ran_by) and inserts
// one row whose ran_by is 'alembic' or 'strata', so a test can see exactly
// which revisions ran and under which tool. Downgrades drop the table.
//
// Header-only: tests/CMakeLists.txt builds each *_test.cpp with just
// support/test_support.cpp.
#pragma once

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace strata::testing::interop {

inline constexpr const char* kPython = "/usr/bin/python3";  // the one with alembic installed

// True when Alembic can be imported by /usr/bin/python3 (checked once).
inline bool alembic_available() {
  static const bool available =
      run_command({kPython, "-c", "import alembic"}, "").exit_code == 0;
  return available;
}

struct Rev {
  std::string id;
  std::vector<std::string> down;     // empty: a base; two or more: a merge
  std::vector<std::string> labels;   // branch_labels
  std::vector<std::string> depends;  // depends_on
  // Alembic side: create the table with op.execute("CREATE TABLE ...")
  // instead of op.create_table(..., sa.Column(...)).
  bool alembic_raw_sql = false;
  std::string table() const { return "t_" + id; }
};

struct VersionTable {
  std::string table = "alembic_version";
  std::optional<std::string> schema;
  // Qualified name as both tools render it (names here never need quoting).
  std::string qualified() const { return schema ? *schema + "." + table : table; }
};

// A database the twins run against: a SQLite file or a PostgreSQL database.
struct Database {
  std::string dialect;      // "sqlite" or "postgresql"
  std::string url;          // SQLAlchemy-style URL, understood by both tools
  std::string sqlite_path;  // SQLite only: the main file

  // Run SQL and return stdout (one row per line, '|' between columns).
  std::string sql(const std::string& statement) const {
    if (dialect == "postgresql") return psql(url, statement);
    CommandResult r = run_command({"sqlite3", "-batch", sqlite_path, statement}, "");
    if (r.exit_code != 0) throw std::runtime_error("sqlite3 failed: " + r.err + " for: " + statement);
    return r.out;
  }
  std::vector<std::string> lines(const std::string& statement) const {
    std::vector<std::string> out;
    std::istringstream in(sql(statement));
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) out.push_back(line);
    }
    return out;
  }
  bool has_table(const VersionTable& vt) const {
    if (dialect == "postgresql") {
      return sql("SELECT to_regclass('" + vt.qualified() + "') IS NOT NULL") == "t\n";
    }
    return sql("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + vt.table +
               "'") == "1\n";
  }
};

// What a run leaves behind, compared between a mixed run and an Alembic-only run.
struct DbState {
  bool has_version_table = false;
  std::vector<std::string> rows;                 // version_num, sorted
  std::map<std::string, std::string> tables;     // t_<rev> -> ran_by ("alembic"/"strata")

  std::vector<std::string> table_names() const {
    std::vector<std::string> out;
    for (const auto& [name, by] : tables) out.push_back(name);
    return out;
  }
  std::string describe() const {
    std::string out = has_version_table ? "rows [" : "no version table [";
    for (size_t i = 0; i < rows.size(); ++i) out += (i ? ", " : "") + rows[i];
    out += "] tables [";
    bool first = true;
    for (const auto& [name, by] : tables) {
      out += (first ? "" : ", ") + name + ":" + by;
      first = false;
    }
    return out + "]";
  }
};

inline std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  size_t start = 0;
  for (size_t at; (at = text.find(separator, start)) != std::string::npos; start = at + 1) {
    out.push_back(text.substr(start, at - start));
  }
  out.push_back(text.substr(start));
  return out;
}

inline DbState read_state(const Database& db, const VersionTable& vt) {
  DbState state;
  if (db.dialect == "postgresql") {
    // One round trip (psql costs ~0.1 s a call): "t|rev,rev|t_x:alembic,t_y:strata".
    const std::string regclass = "to_regclass('" + vt.qualified() + "')";
    std::string line = db.sql(
        "SELECT " + regclass + " IS NOT NULL, CASE WHEN " + regclass +
        " IS NOT NULL THEN (xpath('/row/v/text()', query_to_xml('SELECT string_agg(version_num, "
        "'','' ORDER BY version_num) AS v FROM " + vt.qualified() +
        "', false, true, '')))[1]::text END, (SELECT string_agg(table_name || ':' || "
        "coalesce((xpath('/row/r/text()', query_to_xml(format('SELECT string_agg(ran_by, ''+'') "
        "AS r FROM public.%I', table_name), false, true, '')))[1]::text, '<no rows>'), ',' "
        "ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public' AND "
        "table_name LIKE 't\\_%')");
    if (!line.empty() && line.back() == '\n') line.pop_back();
    std::vector<std::string> fields = split(line, '|');
    if (fields.size() != 3) throw std::runtime_error("unexpected state row: " + line);
    state.has_version_table = fields[0] == "t";
    state.rows = split(fields[1], ',');
    for (const std::string& entry : split(fields[2], ',')) {
      auto colon = entry.find(':');
      state.tables[entry.substr(0, colon)] = entry.substr(colon + 1);
    }
    return state;
  }
  state.has_version_table = db.has_table(vt);
  if (state.has_version_table) {
    state.rows = db.lines("SELECT version_num FROM " + vt.qualified() + " ORDER BY version_num");
  }
  std::vector<std::string> names = db.lines(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 't\\_%' ESCAPE '\\' "
      "ORDER BY 1");
  for (const std::string& name : names) {
    std::vector<std::string> by = db.lines("SELECT ran_by FROM " + name);
    state.tables[name] = by.empty() ? "<no rows>" : by[0];
    for (size_t i = 1; i < by.size(); ++i) state.tables[name] += "+" + by[i];
  }
  return state;
}

// The progress lines of a run ("Running upgrade a -> b, msg", "Running
// stamp_revision  -> b"), without the "INFO  [logger] " prefix. Both tools
// print them on stderr in Alembic's wording.
inline std::vector<std::string> running_lines(const std::string& err) {
  std::vector<std::string> out;
  std::istringstream in(err);
  for (std::string line; std::getline(in, line);) {
    auto at = line.find("] Running ");
    if (line.rfind("INFO", 0) == 0 && at != std::string::npos) out.push_back(line.substr(at + 2));
  }
  return out;
}

class TwinProject {
 public:
  TwinProject(std::string root, std::vector<Rev> graph, VersionTable vt)
      : root_(std::move(root)), graph_(std::move(graph)), vt_(std::move(vt)) {
    write_alembic();
    write_strata();
  }

  const VersionTable& version_table() const { return vt_; }
  const std::vector<Rev>& graph() const { return graph_; }
  std::string alembic_dir() const { return root_ + "/alembic"; }
  std::string strata_dir() const { return root_ + "/strata"; }

  // `/usr/bin/python3 -m alembic -c alembic.ini -x url=URL ARGS...`
  CommandResult alembic(const std::vector<std::string>& args, const std::string& url) const {
    std::vector<std::string> argv{kPython, "-m", "alembic", "-c", alembic_dir() + "/alembic.ini",
                                  "-x", "url=" + url};
    argv.insert(argv.end(), args.begin(), args.end());
    // A fixed hash seed: Alembic iterates sets of revision ids in places.
    return run_command(argv, alembic_dir(), {"PYTHONHASHSEED=0", "PYTHONDONTWRITEBYTECODE=1"});
  }

  // `strata --url URL ARGS...` in the strata project directory.
  CommandResult strata(const std::vector<std::string>& args, const std::string& url) const {
    std::vector<std::string> argv{"--url", url};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_strata(argv, strata_dir());
  }

  CommandResult run(const std::string& tool, const std::vector<std::string>& args,
                    const std::string& url) const {
    return tool == "alembic" ? alembic(args, url) : strata(args, url);
  }

 private:
  static std::string py_value(const std::vector<std::string>& v, bool tuple_for_one) {
    if (v.empty()) return "None";
    if (v.size() == 1 && !tuple_for_one) return "'" + v[0] + "'";
    std::string out = "(";
    for (const std::string& s : v) out += "'" + s + "', ";
    return out + ")";
  }
  static std::string lua_value(const std::vector<std::string>& v, bool table_for_one) {
    if (v.empty()) return "nil";
    if (v.size() == 1 && !table_for_one) return "\"" + v[0] + "\"";
    std::string out = "{";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", \"" : "\"") + v[i] + "\"";
    return out + "}";
  }
  static std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
    return out;
  }

  void write_alembic() const {
    std::string ini = "[alembic]\nscript_location = %(here)s\nversion_table = " + vt_.table + "\n";
    if (vt_.schema) ini += "version_table_schema = " + *vt_.schema + "\n";
    // Alembic's progress lines ("INFO  [alembic.runtime.migration] Running
    // upgrade a -> b, msg") on stderr, as the generic template configures them.
    ini += R"INI(
[loggers]
keys = root,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
)INI";
    write_file(alembic_dir() + "/alembic.ini", ini);
    write_file(alembic_dir() + "/env.py", R"PY(from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
fileConfig(config.config_file_name)
url = context.get_x_argument(as_dictionary=True)["url"]
options = dict(
    version_table=config.get_main_option("version_table", "alembic_version"),
    version_table_schema=config.get_main_option("version_table_schema") or None,
)

if context.is_offline_mode():
    context.configure(url=url, literal_binds=True, **options)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, **options)
        with context.begin_transaction():
            context.run_migrations()
)PY");
    for (const Rev& r : graph_) {
      const std::string t = r.table();
      std::string create =
          r.alembic_raw_sql
              ? "    op.execute(\"CREATE TABLE " + t +
                    " (id INTEGER NOT NULL, ran_by VARCHAR(20), PRIMARY KEY (id))\")\n"
              : "    op.create_table('" + t +
                    "', sa.Column('id', sa.Integer, primary_key=True), "
                    "sa.Column('ran_by', sa.String(20)))\n";
      std::string text = "\"\"\"revision " + r.id + "\n\nRevision ID: " + r.id +
                         "\nRevises: " + joined(r.down) +
                         "\nCreate Date: 2024-01-01 00:00:00\n\n\"\"\"\n"
                         "from alembic import op\nimport sqlalchemy as sa\n\n"
                         "revision = '" + r.id + "'\n"
                         "down_revision = " + py_value(r.down, false) + "\n"
                         "branch_labels = " + py_value(r.labels, true) + "\n"
                         "depends_on = " + py_value(r.depends, false) + "\n\n\n"
                         "def upgrade():\n" + create +
                         "    op.execute(\"INSERT INTO " + t + " (id, ran_by) VALUES (1, 'alembic')\")\n\n\n"
                         "def downgrade():\n    op.drop_table('" + t + "')\n";
      write_file(alembic_dir() + "/versions/" + r.id + "_revision.py", text);
    }
  }

  void write_strata() const {
    std::string toml = "script_location = \"migrations\"\nversion_table = \"" + vt_.table + "\"\n";
    if (vt_.schema) toml += "version_table_schema = \"" + *vt_.schema + "\"\n";
    write_file(strata_dir() + "/strata.toml", toml);
    std::filesystem::create_directories(strata_dir() + "/migrations/versions");
    for (const Rev& r : graph_) {
      const std::string t = r.table();
      std::string text = "-- revision " + r.id + "\n--\n-- Revision ID: " + r.id +
                         "\n-- Revises: " + joined(r.down) +
                         "\n-- Create Date: 2024-01-01 00:00:00\n\n"
                         "revision = \"" + r.id + "\"\n"
                         "down_revision = " + lua_value(r.down, false) + "\n"
                         "branch_labels = " + lua_value(r.labels, false) + "\n"
                         "depends_on = " + lua_value(r.depends, false) + "\n\n"
                         "function upgrade()\n"
                         "  op.create_table(\"" + t + "\",\n"
                         "    op.column(\"id\", op.Integer, {primary_key = true}),\n"
                         "    op.column(\"ran_by\", op.String(20)))\n"
                         "  op.execute(\"INSERT INTO " + t + " (id, ran_by) VALUES (1, 'strata')\")\n"
                         "end\n\n"
                         "function downgrade()\n  op.drop_table(\"" + t + "\")\nend\n";
      write_file(strata_dir() + "/migrations/versions/" + r.id + "_revision.lua", text);
    }
  }

  std::string root_;
  std::vector<Rev> graph_;
  VersionTable vt_;
};

// ---------------------------------------------------------------------------
// The graphs.

// r1 -> r2 -> r3 -> r4 -> r5 (every other Alembic script uses raw SQL).
inline std::vector<Rev> linear_chain() {
  std::vector<Rev> out;
  const char* ids[] = {"1a2b3c4d0001", "1a2b3c4d0002", "1a2b3c4d0003", "1a2b3c4d0004",
                       "1a2b3c4d0005"};
  for (int i = 0; i < 5; ++i) {
    Rev r;
    r.id = ids[i];
    if (i > 0) r.down = {ids[i - 1]};
    r.alembic_raw_sql = i % 2 == 1;
    out.push_back(r);
  }
  return out;
}

// d0 -> d1 (label "feature") -> d2 ─┐
//    └-> d3 ─────────────────────────┴-> d4 (merge) -> d5
inline std::vector<Rev> diamond() {
  return {
      {"d0base000000", {}, {}, {}, false},
      {"d1feature001", {"d0base000000"}, {"feature"}, {}, true},
      {"d2feature002", {"d1feature001"}, {}, {}, false},
      {"d3main000003", {"d0base000000"}, {}, {}, true},
      {"d4merge00004", {"d2feature002", "d3main000003"}, {}, {}, false},
      {"d5head000005", {"d4merge00004"}, {}, {}, false},
  };
}

// Two independent bases; beta's second revision depends on alpha's second.
// x1 (label "alpha") -> x2 -> x3
// y1 (label "beta")  -> y2 (depends_on x2) -> y3
inline std::vector<Rev> depends_graph() {
  return {
      {"a1alpha00001", {}, {"alpha"}, {}, false},
      {"a2alpha00002", {"a1alpha00001"}, {}, {}, true},
      {"a3alpha00003", {"a2alpha00002"}, {}, {}, false},
      {"b1beta000001", {}, {"beta"}, {}, false},
      {"b2beta000002", {"b1beta000001"}, {}, {"a2alpha00002"}, false},
      {"b3beta000003", {"b2beta000002"}, {}, {}, true},
  };
}

}  // namespace strata::testing::interop
