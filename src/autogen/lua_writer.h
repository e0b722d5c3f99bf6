// Lua text for render_lua (render_lua.h): literals that read back as the
// same value, and op API calls whose argument and option order come from the
// op specification (ops/op_spec.h).
//
// Strings are written in double quotes: \\, \", \n as themselves, every
// other control byte (and DEL) as a three-digit \ddd escape; bytes >= 0x80
// (UTF-8) pass through unchanged, so `load` gives back the exact bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ops/op_spec.h"

namespace strata::autogen::lua_text {

std::string quote(std::string_view s);
// {"a", "b"}
std::string names(const std::vector<std::string>& list);
// An integer literal (math.mininteger for the one value Lua cannot write).
std::string integer(long long value);
// A float literal that reads back as exactly `value` and stays a float
// ("3.0", "1e+300"). Throws Error(kInternal) for inf / nan.
std::string number(double value);
inline std::string boolean(bool value) { return value ? "true" : "false"; }
// A table key: `name` when it is a Lua identifier (not a keyword), else
// `["..."]`.
std::string key(std::string_view name);

// An options table of a specification entry. Values are Lua text; a value
// that is "nil" or the option's default is left out. Setting a key the
// entry does not have is an Error(kInternal).
class Options {
 public:
  explicit Options(const ops::OpSpec& spec) : spec_(&spec) {}
  Options& set(std::string_view key, std::string lua);
  bool empty() const;
  // "{a = 1, b = true}" in specification order; "{}" when empty.
  std::string text() const;

 private:
  const ops::OpSpec* spec_;
  std::vector<std::optional<std::string>> values_;  // by option position
};

// One call of the op API: `callee(args..., {options})`.
class Call {
 public:
  // `callee`: "op.create_table", "batch:add_column".
  Call(const ops::OpSpec& spec, std::string callee);
  // The positional argument `name` (Error(kInternal) when the entry has none).
  Call& arg(std::string_view name, std::string lua);
  // One value of the variadic argument (create_table's columns/constraints).
  Call& item(std::string lua);
  Call& opt(std::string_view key, std::string lua) {
    options_.set(key, std::move(lua));
    return *this;
  }
  // The call, each line indented by `indent` spaces (no final newline). A
  // call with variadic items puts each item (and the options) on a line of
  // its own, indented two more.
  std::string text(int indent) const;

 private:
  const ops::OpSpec* spec_;
  std::string callee_;
  std::vector<std::optional<std::string>> args_;  // by argument position
  std::vector<std::string> items_;
  Options options_;
};

}  // namespace strata::autogen::lua_text
