// Internals shared by the files that implement the `op` table (op_api.h has
// the Lua-facing reference). Not for use outside src/lua/op_*.cpp, except by
// models/lua_models.cpp, which reuses the value constructors for `model`.
//
// Every op.* function is a C closure registered as guarded<impl> (see
// sandbox.h) whose upvalue 1 is the state's OpContext (a full userdata).
// Argument errors are thrown as ArgError("<fn>: <message>") through fail(),
// which guarded_call positions at the script's calling line.
//
// Options tables are read through Options built from the function's entry in
// the op specification (ops/op_spec.h): the keys (and aliases) a function
// accepts are the entry's, never a list of its own.
#pragma once

#include <lua.hpp>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lua/sandbox.h"
#include "model/schema.h"
#include "ops/op_spec.h"
#include "ops/ops.h"
#include "runtime/op_sink.h"

namespace strata::lua::opapi {

// Metatable names of the boxed values scripts pass around.
inline constexpr const char* kTypeMeta = "strata.type";              // model::Type
inline constexpr const char* kTextMeta = "strata.text";              // std::string
inline constexpr const char* kColumnMeta = "strata.column";          // ColumnSpec
inline constexpr const char* kConstraintMeta = "strata.constraint";  // ops::Constraint
inline constexpr const char* kNullMeta = "strata.null";              // NullValue (op.null)

// What op.column(...) builds: the column and its column-level foreign key.
struct ColumnSpec {
  model::Column column;
  std::optional<model::ForeignKey> foreign_key;
};
struct NullValue {};

// Per-state data of the op API, shared by all its closures.
//   sink: where ops go now (op.reverse_upgrade swaps in a recorder).
//   autocommit_depth: nesting of op.autocommit_block callbacks running now.
//   reversing: upgrade() is running for op.reverse_upgrade.
struct OpContext {
  runtime::OpSink* sink = nullptr;
  int autocommit_depth = 0;
  bool reversing = false;
  // The closures serve the `model` table of model files: op.column is
  // model.column (messages say so) and also takes renamed_from.
  bool model_values = false;
};

// The OpContext of the running op.* closure (its upvalue 1).
OpContext& context(lua_State* L);
// Hands `op` to the context's sink; while the sink runs,
// lua::emitting_op_line() (op_api.h) names the script line that made it.
void emit(lua_State* L, ops::Op op);

// Registers `functions` into the table at `table_idx` as closures over the
// OpContext at `ctx_idx` (each wrapped by the caller in guarded<>).
void register_functions(lua_State* L, int table_idx, int ctx_idx,
                        std::span<const luaL_Reg> functions);

// The function lists of each implementation file, registered by
// install_op_api.
std::span<const luaL_Reg> value_functions();       // op_values.cpp
std::span<const luaL_Reg> table_functions();       // op_table_ops.cpp
std::span<const luaL_Reg> constraint_functions();  // op_constraint_ops.cpp
std::span<const luaL_Reg> data_functions();        // op_data_ops.cpp
std::span<const luaL_Reg> block_functions();       // op_batch.cpp
std::span<const luaL_Reg> reverse_functions();     // op_reverse.cpp
std::span<const luaL_Reg> type_functions();        // op_type_ops.cpp

// Creates the metatables of the boxed values and sets op.<TypeName> and
// op.null in the table at `op_idx` (op_values.cpp).
void install_values(lua_State* L, int op_idx);

// ---- boxed C++ values in full userdata ---------------------------------------

template <class T>
int box_gc(lua_State* L) {
  static_cast<T*>(lua_touserdata(L, 1))->~T();
  return 0;
}
template <class T>
T* push_box(lua_State* L, T value, const char* meta) {
  void* mem = lua_newuserdatauv(L, sizeof(T), 0);
  T* p = new (mem) T(std::move(value));
  luaL_setmetatable(L, meta);
  return p;
}
template <class T>
T* test_box(lua_State* L, int idx, const char* meta) {
  return static_cast<T*>(luaL_testudata(L, idx, meta));
}

// ---- argument readers (all throw ArgError "<fn>: ..." on a bad value) --------

[[noreturn]] void fail(std::string_view fn, const std::string& message);

std::string to_std(lua_State* L, int idx);
std::string need_string(lua_State* L, int idx, std::string_view fn, std::string_view what);
// A string, or nil -> nullopt.
std::optional<std::string> opt_string(lua_State* L, int idx, std::string_view fn,
                                      std::string_view what);
// A string or op.text(...): {text, is_expression}.
std::pair<std::string, bool> need_sql(lua_State* L, int idx, std::string_view fn,
                                      std::string_view what);
// "a" or {"a", "b"} (non-empty).
std::vector<std::string> need_names(lua_State* L, int idx, std::string_view fn,
                                    std::string_view what);
// A function argument.
void need_function(lua_State* L, int idx, std::string_view fn, std::string_view what);

// An options table. Built from an op specification entry (ops/op_spec.h),
// it accepts exactly that entry's option keys and their aliases, so the
// parser cannot take a key the specification lacks; built from a key list,
// it serves the model.* declarations, which have no op specification.
// Anything else in the table is refused: "unknown option 'k'". nil or none
// is an empty options table.
//
// Reading: every accessor names an option by its key; it reads that key or
// one of its aliases (two given is an error: "give only one of 'a' and
// 'b'"), and messages about the value name the key the script wrote.
// Reading a key the table does not accept (not in the entry, or an alias
// instead of the key) throws Error(kInternal) at once, options given or not:
// a parser reading a key its specification lacks fails on every call.
class Options {
 public:
  // The options of `spec`; its positional array slots are its args when it
  // is a nested table (SpecKind::kTable), else none. `extra`: keys read
  // beyond the entry (model.column's renamed_from); `without`: keys of the
  // entry this call form does not take (they are unknown here).
  Options(lua_State* L, int idx, std::string_view fn, const ops::OpSpec& spec,
          std::vector<std::string_view> extra = {}, std::vector<std::string_view> without = {});
  // Only the `allowed` keys (no aliases) and `positional` array slots.
  Options(lua_State* L, int idx, std::string_view fn, std::vector<std::string_view> allowed,
          int positional = 0);

  bool given() const { return idx_ != 0; }
  // Pushes the value of `key` (or of the alias given; nil when none is) and
  // returns its Lua type; `*which` receives the key given ("" when none).
  int push(std::string_view key, std::string_view* which = nullptr) const;
  // Pushes array slot `i`.
  int push(int i) const;
  // The key (or alias) given for `key`, "" when none is.
  std::string_view given_key(std::string_view key) const;
  bool has(std::string_view key) const { return !given_key(key).empty(); }
  std::optional<std::string> str(std::string_view key) const;
  std::optional<bool> opt_flag(std::string_view key) const;
  bool flag(std::string_view key) const { return opt_flag(key).value_or(false); }
  // An integer (a float with an integral value is accepted).
  std::optional<long long> integer(std::string_view key) const;
  // A string, or false = "none": outer nullopt when the key is not given.
  std::optional<std::optional<std::string>> string_or_false(std::string_view key) const;

 private:
  // The names of `key` (it first, then its aliases); throws kInternal when
  // `key` is not one of the accepted keys.
  const std::vector<std::string_view>& names_of(std::string_view key) const;
  void scan(int idx);

  lua_State* L_;
  std::string_view fn_;
  std::string source_;  // "op spec 'create_index'" / "key list", for internal errors
  std::vector<std::vector<std::string_view>> keys_;  // each: the key, then its aliases
  int positional_ = 0;
  int idx_ = 0;
};

// The specification entry of op.<name> when `with_schema` (the op.* form),
// else of batch:<name> (the table and schema are the batch's).
const ops::OpSpec& op_or_batch_spec(std::string_view name, bool with_schema);

// ---- values (op_values.cpp) -------------------------------------------------------

// op.Integer, op.String(255), ... or a type string ("String", "VARCHAR(10)").
model::Type need_type(lua_State* L, int idx, std::string_view fn);
// A literal (string, number, boolean) or op.text(...); nil -> nullopt.
std::optional<model::ServerDefault> server_default(lua_State* L, int idx, std::string_view fn);
// The alter forms: nil -> unset, false -> {nullopt} (none / drop), else a
// value as server_default() (true is refused as ambiguous).
std::optional<std::optional<model::ServerDefault>> server_default_change(
    lua_State* L, int idx, std::string_view fn, std::string_view what);
// op.column's `identity` option in `o`: "always" | "by_default" | {always,
// start, increment, minvalue, maxvalue, cache, cycle}; nil -> nullopt
// (op_type_ops.cpp).
std::optional<model::Identity> read_identity(lua_State* L, const Options& o,
                                             std::string_view fn);
// op.alter_column's identity / existing_identity option `key`: the forms of
// read_identity or false = none (inner nullopt); nil -> unset.
std::optional<std::optional<model::Identity>> read_identity_change(lua_State* L,
                                                                   const Options& o,
                                                                   std::string_view fn,
                                                                   std::string_view key);
// op.column(...), or nullptr.
const ColumnSpec* test_column(lua_State* L, int idx);
// op.foreign_key_constraint / op.check_constraint / op.unique_constraint /
// op.primary_key_constraint value, or nullptr.
const ops::Constraint* test_constraint(lua_State* L, int idx);
// "foreignkey" | "unique" | "check" | "primary" (Alembic's type_).
ops::ConstraintType need_constraint_type(lua_State* L, int idx, std::string_view fn);

// ---- shared between op.* and batch.* --------------------------------------------

// Reads create_table-style arguments `first..last` (op.column values and
// constraint values) into `table`.
void read_table_items(lua_State* L, int first, int last, std::string_view fn,
                      model::Table& table);

// op.alter_column's options at `idx` (schema only when `with_schema`).
void read_alter_column(lua_State* L, int idx, std::string_view fn, bool with_schema,
                       ops::AlterColumn& op);
// op.drop_column's options at `idx`. REQUIRES: op.column is set.
void read_drop_column(lua_State* L, int idx, std::string_view fn, bool with_schema,
                      ops::DropColumn& op);
// op.drop_constraint's options at `idx`. REQUIRES: op.name is set.
void read_drop_constraint(lua_State* L, int idx, std::string_view fn, bool with_schema,
                          ops::DropConstraint& op);
// op.create_foreign_key's options at `idx` (source_schema, into op.schema,
// when `with_schema`). REQUIRES: fk.columns and fk.ref_columns are set (their
// counts are checked here).
void read_foreign_key(lua_State* L, int idx, std::string_view fn, bool with_schema,
                      ops::AddConstraint& op, model::ForeignKey& fk);
// Index elements at `idx` ("col", op.text(...), or a table of them) and
// create_index's options at `opt_idx`; the index name/table are the caller's.
// `in_autocommit`: whether the op will run inside op.autocommit_block (else
// `concurrently` is refused).
void read_create_index(lua_State* L, int idx, int opt_idx, std::string_view fn,
                       bool with_schema, bool in_autocommit, ops::CreateIndex& op);
// drop_index's options at `idx`; `allow_table` accepts the `table` key.
// REQUIRES: op.name and (unless allow_table) op.table are set.
void read_drop_index(lua_State* L, int idx, std::string_view fn, bool with_schema,
                     bool allow_table, bool in_autocommit, ops::DropIndex& op);

}  // namespace strata::lua::opapi
