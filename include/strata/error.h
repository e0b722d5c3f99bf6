// strata::Error — the one error type for everything a user, a script or a
// database can cause.
//
// Contract: internal code throws strata::Error; the public facade
// (strata/migrator.h) catches it and returns it as a value (Result<T>), so no
// exception crosses the public API. The CLI prints `message()` as one line and
// exits 1 (or 2 for ErrorCode::kUsage).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace strata {

enum class ErrorCode {
  kUsage,     // bad command-line usage (exit 2)
  kConfig,    // strata.toml, URL, environment
  kScript,    // a revision script: syntax, runtime error, missing fields
  kRevision,  // revision graph: unknown/ambiguous ids, cycles, multiple heads
  kDatabase,  // a statement or connection failed
  kIo,        // a file could not be read or written
  kInternal,  // a bug in strata
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message)
      : std::runtime_error(std::move(message)), code_(code) {}
  ErrorCode code() const { return code_; }
  std::string message() const { return what(); }

 private:
  ErrorCode code_;
};

// Result<T>: either a value or an Error. Used at the public API boundary.
template <typename T>
class Result {
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
