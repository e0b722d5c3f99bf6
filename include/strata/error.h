// strata::Error — the one error type for everything a user, a script or a
// database can cause — and Result<T>, how the public API returns it.
//
// Contract: internal code throws strata::Error; the public API
// (strata/migrator.h) catches it and returns it as a value (Result<T>), so no
// exception crosses the public API. The CLI prints `message()` as one line and
// exits 1 (or 2 for ErrorCode::kUsage).
//
// Context fields (all optional, filled where known; message() already says
// the same in words, so callers may ignore them):
//  - revision():  the revision whose step failed (upgrade, downgrade, verify);
//  - file(), line(): the script position of a script error (`file:line: ...`);
//  - statement(): the SQL statement a database error came from.
//
// Thread-safety: an Error is a value; distinct objects may be used from
// distinct threads.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

#include "strata/export.h"

namespace strata {

enum class ErrorCode {
  kUsage,     // bad command-line usage (exit 2)
  kConfig,    // strata.toml, URL, environment
  kScript,    // a revision script: syntax, runtime error, missing fields
  kRevision,  // revision graph: unknown/ambiguous ids, cycles, multiple heads
  kDatabase,  // a statement or connection failed
  kIo,        // a file could not be read or written
  kInternal,  // a bug in strata
  kCancelled, // the run's CancellationToken was cancelled (strata/progress.h)
};

class STRATA_EXPORT Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message)
      : std::runtime_error(std::move(message)), code_(code) {}
  ErrorCode code() const { return code_; }
  std::string message() const { return what(); }

  const std::optional<std::string>& revision() const { return revision_; }
  const std::optional<std::string>& file() const { return file_; }
  const std::optional<int>& line() const { return line_; }
  const std::optional<std::string>& statement() const { return statement_; }

  // Setters for the layers that know the context; each returns *this.
  Error& set_revision(std::string revision) {
    revision_ = std::move(revision);
    return *this;
  }
  Error& set_location(std::string file, std::optional<int> line) {
    file_ = std::move(file);
    line_ = line;
    return *this;
  }
  Error& set_statement(std::string statement) {
    statement_ = std::move(statement);
    return *this;
  }

 private:
  ErrorCode code_;
  std::optional<std::string> revision_;
  std::optional<std::string> file_;
  std::optional<int> line_;
  std::optional<std::string> statement_;
};

// Result<T>: either a value or an Error. Used at the public API boundary;
// ignoring one is a compile-time warning ([[nodiscard]]).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  // REQUIRES: ok()
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  // REQUIRES: !ok()
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};
using Status = Result<Ok>;

}  // namespace strata
