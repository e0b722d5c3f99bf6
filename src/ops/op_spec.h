// The op specification: one entry per function of the Lua op API (op.* and
// the batch:* methods), plus the nested option tables some of them take.
// Each entry gives the Lua name, the positional arguments in order, and each
// option key with the op field it sets and its default.
//
// Who reads it:
//  - the parser (src/lua/op_*.cpp): every options table an op.* function,
//    batch method or nested option table reads goes through
//    lua::opapi::Options built from its entry here, so a key is accepted
//    exactly when the entry lists it (as its key or an alias; a nested
//    table's array slots are its `args`), aliases are resolved from
//    `aliases`, and code that reads a key the entry lacks fails with
//    Error(kInternal) when it runs. The only keys the parser accepts beyond
//    an entry are model.column's `renamed_from` (model files, not ops).
//  - autogen::render_lua takes positional-argument order, option order and
//    option defaults from it (an option whose rendered value is its default
//    is left out; a key the renderer produces that the entry lacks is an
//    internal error);
//  - tests/unit/op_spec_reference_test.cpp checks it against the parser (the
//    functions install_op_api puts in `op`: every key accepted, an unknown
//    key refused, a required option refused when missing, no internal
//    error) and against the reference documentation (src/lua/op_api.h,
//    README.md "The op API"), so the specification, the parser and the
//    documentation cannot drift apart.
// Positional arguments and option values are still checked by each parser
// function (their types differ per op); `default_value` documents what the
// parser assumes for a key left out.
#pragma once

#include <string_view>
#include <vector>

namespace strata::ops {

enum class SpecKind {
  kOp,           // op.<name>(...): emits an ops::Op
  kValue,        // op.<name>(...): builds a value (op.column, constraint values)
  kBlock,        // op.<name>(..., function ... end): runs a callback
  kHelper,       // op.<name>(...): emits nothing (op.query, op.x, op.f, ...)
  kBatchMethod,  // batch:<name>(...) inside op.batch_alter_table
  kTable,        // a nested options table, named "<owner>.<key>"
};

struct ArgSpec {
  std::string_view name;   // as the reference writes it ("table", "cols")
  std::string_view field;  // what it sets ("AddColumn::table")
  bool nilable = false;    // may be nil (an unnamed constraint's name)
  bool variadic = false;   // any number of values (create_table's items)
};

struct OptionSpec {
  std::string_view key;                   // the Lua key ("if_not_exists")
  std::string_view field;                 // what it sets ("CreateTable::if_not_exists")
  std::string_view default_value;         // in Lua: "nil", "false", "not primary_key"
  std::vector<std::string_view> aliases;  // other keys the parser accepts for it
  bool required = false;                  // the parser refuses a call without it
                                          // (default_value is then "")
};

struct OpSpec {
  SpecKind kind = SpecKind::kOp;
  std::string_view name;  // "create_table", "add_column" (batch), "column.identity"
  std::string_view type;  // the ops::Op / model struct it builds ("CreateTable"), or ""
  std::vector<ArgSpec> args;
  std::vector<OptionSpec> options;

  // The option with `key` (not an alias), or nullptr.
  const OptionSpec* option(std::string_view key) const;
};

// Every entry, op.* functions first, in reference order.
const std::vector<OpSpec>& op_specs();

// The entry of `kind` named `name`, or nullptr.
const OpSpec* find_op_spec(SpecKind kind, std::string_view name);

// The entry of an op.* function (kOp, kValue, kBlock or kHelper) named
// `name`; throws strata::Error(kInternal) when there is none.
const OpSpec& op_spec(std::string_view name);
// The entry of a batch method / nested table; throws like op_spec().
const OpSpec& batch_spec(std::string_view name);
const OpSpec& table_spec(std::string_view name);

}  // namespace strata::ops
