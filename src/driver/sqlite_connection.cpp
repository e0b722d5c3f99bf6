// SQLite connection over libsqlite3 (see sqlite_connection.h).
#include "driver/sqlite_connection.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/sql_nul.h"
#include "common/sqlite_paths.h"
#include "common/text.h"
#include "strata/error.h"

namespace strata::driver {
namespace {

namespace fs = std::filesystem;

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

bool is_memory(const std::string& path) { return path.empty() || path == ":memory:"; }

// A schema name strata could have made a file for: not empty, no path
// separator, no control characters (spaces, quotes and non-ASCII are fine).
bool is_schema_file_part(std::string_view s) {
  return !s.empty() && std::none_of(s.begin(), s.end(), [](char c) {
    return c == '/' || static_cast<unsigned char>(c) < 0x20;
  });
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string sql_string(std::string_view s) { return text::single_quoted(s); }

std::string sql_identifier(std::string_view s) { return text::double_quoted(s); }

// A tiny tokenizer for `ATTACH [DATABASE] '<file>' AS <name>`.
class AttachParser {
 public:
  explicit AttachParser(std::string_view sql) : s_(sql) {}

  // Returns true and fills file/name when the statement has exactly that shape.
  bool parse(std::string* file, std::string* name) {
    if (!keyword("ATTACH")) return false;
    size_t save = i_;
    if (!keyword("DATABASE")) i_ = save;
    skip_space();
    if (i_ >= s_.size() || s_[i_] != '\'') return false;
    if (!quoted('\'', '\'', file)) return false;
    if (!keyword("AS")) return false;
    skip_space();
    if (i_ >= s_.size()) return false;
    char c = s_[i_];
    bool ok = c == '"' ? quoted('"', '"', name)
              : c == '`' ? quoted('`', '`', name)
              : c == '[' ? quoted('[', ']', name)
              : c == '\'' ? quoted('\'', '\'', name)
                          : bare(name);
    if (!ok) return false;
    skip_space();
    while (i_ < s_.size() && s_[i_] == ';') {
      ++i_;
      skip_space();
    }
    return i_ == s_.size();
  }

 private:
  void skip_space() {
    while (i_ < s_.size()) {
      if (std::isspace(static_cast<unsigned char>(s_[i_]))) {
        ++i_;
      } else if (s_.compare(i_, 2, "--") == 0) {
        size_t nl = s_.find('\n', i_);
        i_ = nl == std::string_view::npos ? s_.size() : nl + 1;
      } else if (s_.compare(i_, 2, "/*") == 0) {
        size_t end = s_.find("*/", i_ + 2);
        i_ = end == std::string_view::npos ? s_.size() : end + 2;
      } else {
        break;
      }
    }
  }
  bool keyword(std::string_view word) {
    skip_space();
    if (s_.size() - i_ < word.size() || !iequals(s_.substr(i_, word.size()), word)) return false;
    size_t end = i_ + word.size();
    if (end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_')) {
      return false;
    }
    i_ = end;
    return true;
  }
  bool quoted(char open, char close, std::string* out) {
    out->clear();
    ++i_;  // opening quote
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == close) {
        if (open == close && i_ < s_.size() && s_[i_] == close) {
          out->push_back(c);
          ++i_;
          continue;
        }
        return true;
      }
      out->push_back(c);
    }
    return false;
  }
  bool bare(std::string* out) {
    size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) ++i_;
    *out = std::string(s_.substr(start, i_ - start));
    return !out->empty();
  }

  std::string_view s_;
  size_t i_ = 0;
};

std::string normalized(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? fs::absolute(path).lexically_normal().string() : p.string();
}

}  // namespace

std::string sqlite_schema_path(const std::string& main_path, const std::string& schema) {
  return sqlite_paths::schema_file(main_path, schema);
}

SqliteConnection::SqliteConnection(const std::string& path, bool create) {
  std::string target = is_memory(path) ? ":memory:" : path;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI;
  if (create || is_memory(path)) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(target.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(ErrorCode::kDatabase, "cannot open sqlite database '" + path + "': " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  try {
    execute("PRAGMA foreign_keys=ON");
    if (!is_memory(path) && path.rfind("file:", 0) != 0) attach_existing_schemas(path);
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

SqliteConnection::SqliteConnection(sqlite3* db, Borrow) : db_(db), owned_(false) {
  if (db_ == nullptr) throw Error(ErrorCode::kConfig, "the lent sqlite3 handle is null");
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  execute("PRAGMA foreign_keys=ON");
  const char* file = sqlite3_db_filename(db_, "main");
  if (file != nullptr && *file != '\0') attach_existing_schemas(file);
}

SqliteConnection::~SqliteConnection() {
  if (db_ != nullptr && owned_) sqlite3_close_v2(db_);
}

void SqliteConnection::attach_existing_schemas(const std::string& path) {
  fs::path main = fs::absolute(path).lexically_normal();
  std::string stem = main.stem().string();
  std::string prefix = stem + ".";
  std::vector<std::string> schemas;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(main.parent_path(), ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() <= prefix.size() + 3 || name.compare(0, prefix.size(), prefix) != 0 ||
        name.compare(name.size() - 3, 3, ".db") != 0) {
      continue;
    }
    std::string middle = name.substr(prefix.size(), name.size() - prefix.size() - 3);
    if (!is_schema_file_part(middle) || iequals(middle, "main") || iequals(middle, "temp")) continue;
    if (entry.path() == main) continue;
    if (!entry.is_regular_file(ec)) continue;
    schemas.push_back(middle);
  }
  std::sort(schemas.begin(), schemas.end());
  for (const std::string& schema : schemas) {
    execute("ATTACH DATABASE " + sql_string(sqlite_schema_path(main.string(), schema)) + " AS " +
            sql_identifier(schema));
  }
}

void SqliteConnection::fail() const {
  throw Error(ErrorCode::kDatabase, sqlite3_errmsg(db_));
}

bool SqliteConnection::is_redundant_attach(sqlite3_stmt* stmt) {
  const char* text = sqlite3_sql(stmt);
  if (text == nullptr) return false;
  std::string file, name;
  if (!AttachParser(text).parse(&file, &name)) return false;
  QueryResult list;
  run("PRAGMA database_list", &list);
  for (const Row& row : list.rows) {
    if (row.size() < 3 || !row[1] || !iequals(*row[1], name)) continue;
    std::string attached = row[2].value_or("");
    if (attached.empty()) return is_memory(file);  // in-memory schema already there
    if (is_memory(file)) return false;
    if (normalized(attached) != normalized(file)) return false;
    // Re-creating a schema dropped earlier in this transaction: keep it.
    std::erase_if(pending_detach_, [&](const auto& p) { return iequals(p.first, name); });
    return true;
  }
  return false;
}

void SqliteConnection::run(const std::string& sql, QueryResult* result) {
  // A NUL stops sqlite3_prepare_v2 without advancing the tail: refuse it.
  reject_nul_sql(sql, ErrorCode::kDatabase);
  const char* tail = sql.c_str();
  const char* end = tail + sql.size();
  while (tail < end) {
    sqlite3_stmt* raw = nullptr;
    const char* next = nullptr;
    if (sqlite3_prepare_v2(db_, tail, static_cast<int>(end - tail), &raw, &next) != SQLITE_OK) {
      fail();
    }
    StmtPtr stmt(raw);
    if (next == nullptr || next <= tail) {
      throw Error(ErrorCode::kDatabase, "sqlite could not advance past offset " +
                                            std::to_string(tail - sql.c_str()) + " of the SQL text");
    }
    tail = next;
    if (!stmt) continue;  // whitespace or comment only
    if (is_redundant_attach(stmt.get())) continue;
    if (handle_detach(stmt.get())) continue;
    std::optional<std::pair<std::string, std::string>> attach = attach_in_transaction(stmt.get());
    int ncols = sqlite3_column_count(stmt.get());
    bool collect = result != nullptr && ncols > 0;
    if (collect) {
      result->columns.clear();
      result->rows.clear();
      for (int c = 0; c < ncols; ++c) result->columns.emplace_back(sqlite3_column_name(stmt.get(), c));
    }
    int rc;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
      if (!collect) continue;
      Row row;
      row.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (sqlite3_column_type(stmt.get(), c) == SQLITE_NULL) {
          row.emplace_back(std::nullopt);
        } else {
          const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), c));
          row.emplace_back(std::string(data, sqlite3_column_bytes(stmt.get(), c)));
        }
      }
      result->rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) fail();
    if (attach) attached_in_transaction_.push_back(std::move(*attach));
  }
}

void SqliteConnection::execute(const std::string& sql) { run(sql, nullptr); }

QueryResult SqliteConnection::query(const std::string& sql) {
  QueryResult result;
  run(sql, &result);
  return result;
}

bool SqliteConnection::handle_detach(sqlite3_stmt* stmt) {
  const char* text = sqlite3_sql(stmt);
  if (text == nullptr) return false;
  std::string_view sql(text);
  auto skip_space = [&] {
    while (!sql.empty() && std::isspace(static_cast<unsigned char>(sql.front()))) sql.remove_prefix(1);
  };
  auto keyword = [&](std::string_view word) {
    skip_space();
    if (sql.size() < word.size() || !iequals(std::string(sql.substr(0, word.size())), std::string(word))) {
      return false;
    }
    sql.remove_prefix(word.size());
    return true;
  };
  if (!keyword("DETACH")) return false;
  if (keyword("DATABASE") && !sql.empty() &&
      (std::isalnum(static_cast<unsigned char>(sql.front())) || sql.front() == '_')) {
    return false;  // "DETACH databases": not the keyword; let SQLite judge it
  }
  skip_space();
  std::string name;
  if (!sql.empty() && (sql.front() == '"' || sql.front() == '[' || sql.front() == '`')) {
    char close = sql.front() == '[' ? ']' : sql.front();
    sql.remove_prefix(1);
    while (!sql.empty()) {
      if (sql.front() == close) {
        if (close != ']' && sql.size() > 1 && sql[1] == close) {
          name += close;
          sql.remove_prefix(2);
          continue;
        }
        break;
      }
      name += sql.front();
      sql.remove_prefix(1);
    }
  } else {
    while (!sql.empty() && (std::isalnum(static_cast<unsigned char>(sql.front())) || sql.front() == '_')) {
      name += sql.front();
      sql.remove_prefix(1);
    }
  }
  QueryResult list;
  run("PRAGMA database_list", &list);
  std::optional<std::string> file;
  for (const Row& row : list.rows) {
    if (row.size() >= 3 && row[1] && iequals(*row[1], name)) file = row[2].value_or("");
  }
  // Not attached: nothing to drop (the dialect renders drop_schema with and
  // without if_exists the same way, so the driver treats it as IF EXISTS).
  if (!file) return true;
  QueryResult objects;
  run("SELECT count(*) FROM " + sql_identifier(name) + ".sqlite_master", &objects);
  if (!objects.rows.empty() && objects.rows[0][0] != std::optional<std::string>("0")) {
    throw Error(ErrorCode::kDatabase,
                "cannot drop schema \"" + name + "\": it still contains tables or indexes");
  }
  if (in_transaction()) {
    pending_detach_.emplace_back(name, *file);
  } else {
    detach_now(name, *file);
  }
  return true;
}

void SqliteConnection::detach_now(const std::string& schema, const std::string& file) {
  const std::string sql = "DETACH DATABASE " + sql_identifier(schema);
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail();
  std::error_code ec;
  if (!file.empty()) fs::remove(file, ec);
}

std::optional<std::pair<std::string, std::string>> SqliteConnection::attach_in_transaction(
    sqlite3_stmt* stmt) const {
  if (!in_transaction()) return std::nullopt;
  const char* text = sqlite3_sql(stmt);
  std::string file, name;
  if (text == nullptr || !AttachParser(text).parse(&file, &name)) return std::nullopt;
  std::error_code ec;
  const bool existed = is_memory(file) || fs::exists(file, ec);
  return std::make_pair(name, existed ? std::string() : file);
}

void SqliteConnection::begin() { run(begin_statement_, nullptr); }
void SqliteConnection::set_busy_timeout(int milliseconds) { sqlite3_busy_timeout(db_, milliseconds); }
void SqliteConnection::commit() {
  // A dropped schema may have been used again later in the transaction:
  // check again while the transaction can still be rolled back.
  for (const auto& [schema, file] : pending_detach_) {
    QueryResult objects;
    run("SELECT count(*) FROM " + sql_identifier(schema) + ".sqlite_master", &objects);
    if (!objects.rows.empty() && objects.rows[0][0] != std::optional<std::string>("0")) {
      throw Error(ErrorCode::kDatabase, "cannot drop schema \"" + schema +
                                            "\": it holds tables again at commit");
    }
  }
  run("COMMIT", nullptr);
  attached_in_transaction_.clear();
  auto pending = std::move(pending_detach_);
  pending_detach_.clear();
  // The data is committed; a schema that cannot be detached now stays
  // attached (and its file in place) rather than turning into a COMMIT error.
  for (const auto& [schema, file] : pending) {
    try {
      detach_now(schema, file);
    } catch (const Error&) {
    }
  }
}
void SqliteConnection::rollback() {
  pending_detach_.clear();
  run("ROLLBACK", nullptr);
  // ATTACH is not transactional: undo the schemas this transaction attached,
  // and remove the files it created for them.
  auto attached = std::move(attached_in_transaction_);
  attached_in_transaction_.clear();
  for (const auto& [schema, created_file] : attached) {
    try {
      detach_now(schema, created_file);
    } catch (const Error&) {
    }
  }
}

bool SqliteConnection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

long long SqliteConnection::last_affected_rows() const { return sqlite3_changes64(db_); }

}  // namespace strata::driver
