// Twin projects for the Alembic interop tests: one revision graph written
// twice — as an Alembic project (alembic.ini + env.py + versions/*.py) and as
// a strata project (strata.toml + migrations/versions/*.lua) — plus helpers to
// run either tool against a database URL and to read back the state a run
// leaves (version-table rows, which revision tables exist and which tool
// created each). Alembic commands run in one long-lived Python process per
// test process (AlembicDriver, tests/interop/alembic_driver.py), and state is
// read through libpq / the SQLite library, not psql / sqlite3 processes.
//
// Every revision <id> creates table t_<id> (columns id, ran_by) and inserts
// one row whose ran_by is 'alembic' or 'strata', so a test can see exactly
// which revisions ran and under which tool. Downgrades drop the table.
//
// Header-only: tests/CMakeLists.txt builds each *_test.cpp with just
// support/test_support.cpp.
#pragma once

#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace strata::testing::interop {

inline constexpr const char* kPython = "/usr/bin/python3";  // the one with alembic installed

// ---------------------------------------------------------------------------
// Alembic commands. Starting /usr/bin/python3 and importing alembic and
// SQLAlchemy costs about a second on the test machines, far more than a
// command itself, so each test process starts one long-lived
// tests/interop/alembic_driver.py and runs every `alembic ...` through it: the
// driver runs each command as `python3 -m alembic ...` would in a fresh
// process (own stdout/stderr at the fd level, stdin on /dev/null, logging and
// warnings reset, the exit code a process would have) and replies with the
// exit code and both outputs. STRATA_INTEROP_ALEMBIC=process runs each command
// as its own `python3 -m alembic` process instead (the old, slow way; useful
// to check the driver against).

inline bool alembic_per_process() {
  const char* mode = std::getenv("STRATA_INTEROP_ALEMBIC");
  return mode != nullptr && std::string(mode) == "process";
}

// The environment every Alembic run gets. A fixed hash seed: Alembic
// iterates sets of revision ids in places.
inline const std::vector<std::string>& alembic_env() {
  static const std::vector<std::string> env{"PYTHONHASHSEED=0", "PYTHONDONTWRITEBYTECODE=1"};
  return env;
}

class AlembicDriver {
 public:
  // The test process's driver, started on first use and stopped at exit.
  static AlembicDriver& instance() {
    static AlembicDriver driver;
    return driver;
  }
  AlembicDriver(const AlembicDriver&) = delete;
  AlembicDriver& operator=(const AlembicDriver&) = delete;
  ~AlembicDriver() { stop(); }

  // Whether the driver started and imported alembic; `why()` says why not.
  bool available() {
    if (fd_ < 0 && !alembic_missing()) start();  // (re)start, unless alembic is missing
    return fd_ >= 0;
  }
  const std::string& why() const { return why_; }
  // The driver ran but /usr/bin/python3 cannot import alembic (a reason to
  // skip, where a driver that fails otherwise is a test failure).
  bool alembic_missing() const { return why_.rfind("missing ", 0) == 0; }

  // `python3 -m alembic ARGS...` in `cwd`.
  CommandResult run(const std::vector<std::string>& args, const std::string& cwd) {
    CommandResult result;
    if (!available()) {
      result.exit_code = 127;
      result.err = "alembic driver unavailable: " + why_;
      return result;
    }
    const std::string request = nlohmann::json{{"cwd", cwd}, {"argv", args}}.dump() + "\n";
    std::string header;
    if (!send_all(request) || !read_line(header)) return died();
    std::istringstream fields(header);
    size_t out_size = 0, err_size = 0;
    if (!(fields >> result.exit_code >> out_size >> err_size)) {
      stop();
      result.err = "alembic driver: bad reply header: " + header;
      return result;
    }
    if (!read_exact(out_size, result.out) || !read_exact(err_size, result.err)) return died();
    return result;
  }

 private:
  AlembicDriver() = default;

  void start() {
    const std::string script = std::string(STRATA_SOURCE_DIR) + "/tests/interop/alembic_driver.py";
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
      why_ = "socketpair failed";
      return;
    }
    pid_t pid = fork();
    if (pid == 0) {
      dup2(sv[1], 0);  // dup2 clears close-on-exec on 0 and 1
      dup2(sv[1], 1);
      for (const std::string& entry : alembic_env()) putenv(const_cast<char*>(entry.c_str()));
      execl(kPython, kPython, script.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(sv[1]);
    if (pid < 0) {
      close(sv[0]);
      why_ = "fork failed";
      return;
    }
    fd_ = sv[0];
    pid_ = pid;
    buffer_.clear();
    std::string hello;
    if (!read_line(hello) || hello != "ready") {
      why_ = hello.empty() ? std::string("the driver exited at start") : hello;
      stop();
    }
  }

  void stop() {
    if (fd_ >= 0) close(fd_);  // end of input: the driver exits
    fd_ = -1;
    if (pid_ > 0) {
      int status = 0;
      waitpid(pid_, &status, 0);
      last_status_ = status;
    }
    pid_ = -1;
  }

  CommandResult died() {
    stop();
    CommandResult result;
    result.exit_code = WIFSIGNALED(last_status_) ? 128 + WTERMSIG(last_status_) : 127;
    result.err = "alembic driver exited unexpectedly (status " + std::to_string(last_status_) + ")";
    return result;
  }

  bool send_all(const std::string& data) {
    for (size_t done = 0; done < data.size();) {
      ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    return true;
  }
  bool fill() {
    char chunk[65536];
    for (;;) {
      ssize_t n = ::read(fd_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<size_t>(n));
      return true;
    }
  }
  bool read_line(std::string& line) {
    size_t at;
    while ((at = buffer_.find('\n')) == std::string::npos) {
      if (!fill()) return false;
    }
    line = buffer_.substr(0, at);
    buffer_.erase(0, at + 1);
    return true;
  }
  bool read_exact(size_t size, std::string& out) {
    while (buffer_.size() < size) {
      if (!fill()) return false;
    }
    out = buffer_.substr(0, size);
    buffer_.erase(0, size);
    return true;
  }

  int fd_ = -1;
  pid_t pid_ = -1;
  int last_status_ = 0;
  std::string buffer_;
  std::string why_;
};

// True when Alembic can be imported by /usr/bin/python3 (checked once; with
// the driver: when the driver runs, see AlembicDriver::alembic_missing()).
inline bool alembic_available() {
  if (!alembic_per_process()) return AlembicDriver::instance().available();
  static const bool available =
      run_command({kPython, "-c", "import alembic"}, "").exit_code == 0;
  return available;
}

// ---------------------------------------------------------------------------
// SQL for reading back state. What `psql -X -q -A -t -v ON_ERROR_STOP=1 -c`
// and `sqlite3 -batch FILE SQL` print (rows on lines, '|' between columns,
// NULL as nothing), through libpq and the SQLite library in this process:
// each psql or sqlite3 process costs ~0.1 s here and the tests read state
// after every command.

inline std::string pg_sql(const std::string& url, const std::string& statement) {
  // A few connections kept open, most recently used first (autocommit: no
  // locks held between calls). Few, so that a process running every test
  // does not pile up one connection per database it ever made.
  struct Connections {
    std::vector<std::pair<std::string, PGconn*>> recent;
    ~Connections() {
      for (auto& [url, conn] : recent) PQfinish(conn);
    }
  };
  static Connections connections;
  auto& recent = connections.recent;
  auto found = std::find_if(recent.begin(), recent.end(), [&](const auto& e) { return e.first == url; });
  if (found != recent.end()) {
    std::rotate(recent.begin(), found, found + 1);
  } else {
    if (recent.size() >= 4) {
      PQfinish(recent.back().second);
      recent.pop_back();
    }
    PGconn* fresh = PQconnectdb(url.c_str());
    PQsetNoticeProcessor(fresh, [](void*, const char*) {}, nullptr);  // psql: to stderr
    recent.insert(recent.begin(), {url, fresh});
  }
  PGconn* conn = recent.front().second;
  if (PQstatus(conn) != CONNECTION_OK) PQreset(conn);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn);
    PQfinish(conn);
    recent.erase(recent.begin());
    throw std::runtime_error("psql failed: " + why + " for: " + statement);
  }
  if (!PQsendQuery(conn, statement.c_str())) {
    throw std::runtime_error(std::string("psql failed: ") + PQerrorMessage(conn) + " for: " + statement);
  }
  std::string out, error;
  while (PGresult* res = PQgetResult(conn)) {
    ExecStatusType status = PQresultStatus(res);
    if (status == PGRES_TUPLES_OK && error.empty()) {
      for (int row = 0; row < PQntuples(res); ++row) {
        for (int col = 0; col < PQnfields(res); ++col) {
          if (col > 0) out += '|';
          if (!PQgetisnull(res, row, col)) out += PQgetvalue(res, row, col);
        }
        out += '\n';
      }
    } else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY &&
               error.empty()) {
      error = PQresultErrorMessage(res);
    }
    PQclear(res);
  }
  if (!error.empty()) throw std::runtime_error("psql failed: " + error + " for: " + statement);
  return out;
}

inline std::string sqlite_sql(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("sqlite3 failed: " + why + " for: " + statement);
  }
  std::string out;
  const char* next = statement.c_str();
  while (*next != '\0') {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db, next, -1, &stmt, &tail) != SQLITE_OK) {
      std::string why = sqlite3_errmsg(db);
      sqlite3_close(db);
      throw std::runtime_error("sqlite3 failed: " + why + " for: " + statement);
    }
    next = tail;
    if (stmt == nullptr) continue;  // whitespace or a comment
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      for (int col = 0; col < sqlite3_column_count(stmt); ++col) {
        if (col > 0) out += '|';
        const unsigned char* text = sqlite3_column_text(stmt, col);
        if (text != nullptr) out.append(reinterpret_cast<const char*>(text), sqlite3_column_bytes(stmt, col));
      }
      out += '\n';
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) {
      std::string why = sqlite3_errmsg(db);
      sqlite3_close(db);
      throw std::runtime_error("sqlite3 failed: " + why + " for: " + statement);
    }
  }
  sqlite3_close(db);
  return out;
}

// A new, empty PostgreSQL database on the test server (like
// create_pg_database, without two psql processes); returns its URL.
inline std::string create_database(const std::string& prefix) {
  static int counter = 0;
  const std::string base = *pg_url();
  const std::string name = prefix + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  pg_sql(base, "DROP DATABASE IF EXISTS " + name);
  pg_sql(base, "CREATE DATABASE " + name);
  return base.substr(0, base.rfind('/') + 1) + name;
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
    return dialect == "postgresql" ? pg_sql(url, statement) : sqlite_sql(sqlite_path, statement);
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
    // One round trip: "t|rev,rev|t_x:alembic,t_y:strata".
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

  // `/usr/bin/python3 -m alembic -c alembic.ini -x url=URL ARGS...` in the
  // Alembic project directory (through the AlembicDriver).
  CommandResult alembic(const std::vector<std::string>& args, const std::string& url) const {
    std::vector<std::string> argv{"-c", alembic_dir() + "/alembic.ini", "-x", "url=" + url};
    argv.insert(argv.end(), args.begin(), args.end());
    if (!alembic_per_process()) return AlembicDriver::instance().run(argv, alembic_dir());
    argv.insert(argv.begin(), {kPython, "-m", "alembic"});
    return run_command(argv, alembic_dir(), alembic_env());
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
