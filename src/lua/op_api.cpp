#include "lua/op_api.h"

#include <cctype>
#include <initializer_list>
#include <lua.hpp>
#include <new>
#include <set>
#include <string_view>
#include <utility>
#include <variant>

#include "lua/sandbox.h"
#include "runtime/op_sink.h"

namespace strata::lua {
namespace {

using model::Type;
using Kind = model::Type::Kind;

constexpr const char* kTypeMeta = "strata.type";
constexpr const char* kTextMeta = "strata.text";
constexpr const char* kColumnMeta = "strata.column";
constexpr const char* kConstraintMeta = "strata.constraint";

struct ColumnSpec {
  model::Column column;
  std::optional<model::ForeignKey> foreign_key;  // column-level shorthand
};
using Constraint = std::variant<model::ForeignKey, model::CheckConstraint,
                                model::UniqueConstraint, model::PrimaryKey>;

struct TypeInfo {
  const char* name;
  Kind kind;
  std::vector<const char*> params;  // positional parameters, in order
};
const std::vector<TypeInfo>& type_infos() {
  static const std::vector<TypeInfo> infos = {
      {"Integer", Kind::kInteger, {}},          {"BigInteger", Kind::kBigInteger, {}},
      {"SmallInteger", Kind::kSmallInteger, {}}, {"String", Kind::kString, {"length"}},
      {"Text", Kind::kText, {}},                {"Boolean", Kind::kBoolean, {}},
      {"Numeric", Kind::kNumeric, {"precision", "scale"}},
      {"Float", Kind::kFloat, {"precision"}},   {"Date", Kind::kDate, {}},
      {"DateTime", Kind::kDateTime, {"timezone"}}, {"Time", Kind::kTime, {"timezone"}},
      {"LargeBinary", Kind::kLargeBinary, {}},  {"JSON", Kind::kJson, {}},
      {"UUID", Kind::kUuid, {}},
  };
  return infos;
}
const TypeInfo* find_type(std::string_view name) {
  for (const TypeInfo& t : type_infos()) {
    if (name == t.name) return &t;
  }
  return nullptr;
}
const TypeInfo* find_kind(Kind kind) {
  for (const TypeInfo& t : type_infos()) {
    if (t.kind == kind) return &t;
  }
  return nullptr;
}

// ---- boxed C++ values in full userdata --------------------------------------

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

runtime::OpSink& sink(lua_State* L) {
  return *static_cast<runtime::OpSink*>(lua_touserdata(L, lua_upvalueindex(1)));
}

[[noreturn]] void fail(std::string_view fn, const std::string& message) {
  throw ArgError(std::string(fn) + ": " + message);
}

std::string to_std(lua_State* L, int idx) {
  size_t n = 0;
  const char* s = lua_tolstring(L, idx, &n);
  return std::string(s, n);
}

std::string need_string(lua_State* L, int idx, std::string_view fn, std::string_view what) {
  if (lua_type(L, idx) != LUA_TSTRING) {
    fail(fn, std::string(what) + " must be a string, got " + luaL_typename(L, idx));
  }
  return to_std(L, idx);
}

// A string or op.text(...): {text, is_expression}.
std::pair<std::string, bool> need_sql(lua_State* L, int idx, std::string_view fn,
                                      std::string_view what) {
  if (auto* text = test_box<std::string>(L, idx, kTextMeta)) return {*text, true};
  return {need_string(L, idx, fn, what), false};
}

// "a" or {"a", "b"} (non-empty).
std::vector<std::string> need_names(lua_State* L, int idx, std::string_view fn,
                                    std::string_view what) {
  if (lua_type(L, idx) == LUA_TSTRING) return {to_std(L, idx)};
  if (lua_type(L, idx) != LUA_TTABLE) {
    fail(fn, std::string(what) + " must be a string or a table of strings, got " +
                 luaL_typename(L, idx));
  }
  std::vector<std::string> names;
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, idx));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, idx, i);
    if (lua_type(L, -1) != LUA_TSTRING) {
      fail(fn, std::string(what) + " must be a table of strings");
    }
    names.push_back(to_std(L, -1));
    lua_pop(L, 1);
  }
  if (names.empty()) fail(fn, std::string(what) + " must not be empty");
  return names;
}

// An options table: only `allowed` string keys (and `positional` array slots).
class Options {
 public:
  Options(lua_State* L, int idx, std::string_view fn, std::initializer_list<const char*> allowed,
          int positional = 0)
      : L_(L), fn_(fn) {
    if (lua_isnoneornil(L, idx)) return;
    if (lua_type(L, idx) != LUA_TTABLE) {
      fail(fn, std::string("options must be a table, got ") + luaL_typename(L, idx));
    }
    idx_ = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx_) != 0) {
      lua_pop(L, 1);
      if (lua_type(L, -1) == LUA_TNUMBER) {
        lua_Integer i = lua_tointeger(L, -1);
        if (lua_isinteger(L, -1) && i >= 1 && i <= positional) continue;
        fail(fn, "unexpected positional value in options");
      }
      if (lua_type(L, -1) != LUA_TSTRING) fail(fn, "option keys must be strings");
      std::string_view key = lua_tostring(L, -1);
      bool ok = false;
      for (const char* a : allowed) ok = ok || key == a;
      if (!ok) fail(fn, "unknown option '" + std::string(key) + "'");
    }
  }

  // Pushes the value of `key` (or nil) and returns its Lua type.
  int push(const char* key) const {
    if (idx_ == 0) {
      lua_pushnil(L_);
      return LUA_TNIL;
    }
    lua_pushstring(L_, key);
    return lua_rawget(L_, idx_);  // raw: no metamethods can run (or raise)
  }
  int push(int i) const {
    if (idx_ == 0) {
      lua_pushnil(L_);
      return LUA_TNIL;
    }
    return lua_rawgeti(L_, idx_, i);
  }
  std::optional<std::string> str(const char* key) const {
    std::optional<std::string> v;
    if (push(key) != LUA_TNIL) v = need_string(L_, -1, fn_, std::string("option '") + key + "'");
    lua_pop(L_, 1);
    return v;
  }
  std::optional<bool> opt_flag(const char* key) const {
    std::optional<bool> v;
    int t = push(key);
    if (t == LUA_TBOOLEAN) {
      v = lua_toboolean(L_, -1) != 0;
    } else if (t != LUA_TNIL) {
      fail(fn_, std::string("option '") + key + "' must be a boolean, got " +
                    luaL_typename(L_, -1));
    }
    lua_pop(L_, 1);
    return v;
  }
  bool flag(const char* key) const { return opt_flag(key).value_or(false); }

 private:
  lua_State* L_;
  std::string_view fn_;
  int idx_ = 0;
};

// ---- types -------------------------------------------------------------------

std::string type_to_string(const Type& t) {
  if (t.kind == Kind::kRaw) return t.raw;
  std::string s = find_kind(t.kind)->name;
  if (t.length) s += "(" + std::to_string(*t.length) + ")";
  if (t.precision) {
    s += "(" + std::to_string(*t.precision);
    if (t.scale) s += ", " + std::to_string(*t.scale);
    s += ")";
  }
  if (t.timezone) s += "{timezone = true}";
  return s;
}

void set_type_param(Type& t, std::string_view param, lua_State* L, int idx, std::string_view fn) {
  if (param == "timezone") {
    if (lua_type(L, idx) != LUA_TBOOLEAN) fail(fn, "timezone must be a boolean");
    t.timezone = lua_toboolean(L, idx) != 0;
    return;
  }
  int isnum = 0;
  lua_Integer v = lua_type(L, idx) == LUA_TNUMBER ? lua_tointegerx(L, idx, &isnum) : 0;
  if (!isnum || v < 0 || v > 1000000) {
    fail(fn, std::string(param) + " must be a non-negative integer");
  }
  int n = static_cast<int>(v);
  if (param == "length") t.length = n;
  if (param == "precision") t.precision = n;
  if (param == "scale") t.scale = n;
}

// type(args...): op.String(255), op.Numeric(10, 2), op.DateTime{timezone = true}.
int type_call(lua_State* L) {
  Type t = *test_box<Type>(L, 1, kTypeMeta);
  const TypeInfo* info = find_kind(t.kind);
  std::string fn = std::string("op.") + (info ? info->name : t.raw);
  const std::vector<const char*> params = info ? info->params : std::vector<const char*>{};
  int top = lua_gettop(L);
  if (top == 2 && lua_type(L, 2) == LUA_TTABLE) {
    lua_pushnil(L);
    while (lua_next(L, 2) != 0) {
      std::string key = lua_type(L, -2) == LUA_TSTRING ? to_std(L, -2) : "?";
      bool ok = false;
      for (const char* p : params) ok = ok || key == p;
      if (!ok) fail(fn, "unknown parameter '" + key + "'");
      set_type_param(t, key, L, lua_gettop(L), fn);
      lua_pop(L, 1);
    }
  } else {
    size_t nparams = 0;
    for (const char* p : params) nparams += std::string_view(p) != "timezone";
    if (static_cast<size_t>(top - 1) > nparams) {
      fail(fn, nparams == 0 ? "takes no arguments"
                            : "takes at most " + std::to_string(nparams) + " argument(s)");
    }
    for (int i = 2; i <= top; ++i) {
      if (!lua_isnil(L, i)) set_type_param(t, params[i - 2], L, i, fn);
    }
  }
  push_box(L, std::move(t), kTypeMeta);
  return 1;
}

int type_tostring(lua_State* L) {
  lua_pushstring(L, type_to_string(*test_box<Type>(L, 1, kTypeMeta)).c_str());
  return 1;
}

Type make_type(Kind kind) {
  Type t;
  t.kind = kind;
  return t;
}

bool looks_like_type_name(std::string_view s) {
  if (s.empty() || !std::isupper(static_cast<unsigned char>(s[0]))) return false;
  bool lower = false;
  for (char c : s) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
    lower = lower || std::islower(static_cast<unsigned char>(c));
  }
  return lower;
}

Type need_type(lua_State* L, int idx, std::string_view fn) {
  if (auto* t = test_box<Type>(L, idx, kTypeMeta)) return *t;
  if (lua_type(L, idx) == LUA_TSTRING) {
    std::string s = to_std(L, idx);
    if (const TypeInfo* info = find_type(s)) return make_type(info->kind);
    if (looks_like_type_name(s)) fail(fn, "unknown type '" + s + "'");
    if (s.empty()) fail(fn, "type must not be empty");
    Type raw = make_type(Kind::kRaw);
    raw.raw = s;
    return raw;
  }
  fail(fn, std::string("type must be an op type (op.Integer, op.String(255), ...) or a SQL "
                       "type string, got ") + luaL_typename(L, idx));
}

// ---- columns and constraints ---------------------------------------------------

// "schema.table.col" or "table.col".
model::ForeignKey parse_fk_target(const std::string& target, std::string_view fn) {
  model::ForeignKey fk;
  size_t last = target.rfind('.');
  if (last == std::string::npos || last == 0 || last + 1 == target.size()) {
    fail(fn, "foreign_key must be \"[schema.]table.column\", got '" + target + "'");
  }
  fk.ref_columns = {target.substr(last + 1)};
  std::string table = target.substr(0, last);
  size_t dot = table.find('.');
  if (dot != std::string::npos) {
    fk.ref_schema = table.substr(0, dot);
    table = table.substr(dot + 1);
  }
  fk.ref_table = table;
  return fk;
}

void read_fk_options(const Options& o, model::ForeignKey& fk) {
  fk.name = o.str("name");
  fk.ondelete = o.str("ondelete");
  fk.onupdate = o.str("onupdate");
  fk.deferrable = o.opt_flag("deferrable");
  fk.initially = o.str("initially");
  fk.match = o.str("match");
}

std::optional<model::ServerDefault> server_default(lua_State* L, int idx, std::string_view fn) {
  switch (lua_type(L, idx)) {
    case LUA_TNIL:
      return std::nullopt;
    case LUA_TSTRING:
      return model::ServerDefault{to_std(L, idx), false};
    case LUA_TNUMBER: {
      lua_pushvalue(L, idx);
      std::string value = to_std(L, -1);  // converts the copy in place
      lua_pop(L, 1);
      return model::ServerDefault{value, false};
    }
    case LUA_TBOOLEAN:
      return model::ServerDefault{lua_toboolean(L, idx) ? "true" : "false", false};
    default:
      if (auto* text = test_box<std::string>(L, idx, kTextMeta)) {
        return model::ServerDefault{*text, true};
      }
      fail(fn, std::string("server_default must be a string, number, boolean or op.text(...), "
                           "got ") + luaL_typename(L, idx));
  }
}

int column_impl(lua_State* L) {
  ColumnSpec spec;
  spec.column.name = need_string(L, 1, "op.column", "column name");
  std::string fn = "op.column '" + spec.column.name + "'";
  spec.column.type = need_type(L, 2, fn);
  Options o(L, 3, fn,
            {"primary_key", "nullable", "unique", "server_default", "autoincrement", "comment",
             "foreign_key"});
  model::Column& c = spec.column;
  c.primary_key = o.flag("primary_key");
  c.nullable = o.opt_flag("nullable").value_or(!c.primary_key);
  c.unique = o.flag("unique");
  c.autoincrement = o.opt_flag("autoincrement");
  c.comment = o.str("comment");
  o.push("server_default");
  c.server_default = server_default(L, -1, fn);
  lua_pop(L, 1);
  int t = o.push("foreign_key");
  int fk_idx = lua_gettop(L);
  if (t == LUA_TSTRING) {
    spec.foreign_key = parse_fk_target(to_std(L, fk_idx), fn);
  } else if (t == LUA_TTABLE) {
    Options fo(L, fk_idx, fn,
               {"name", "ondelete", "onupdate", "deferrable", "initially", "match"}, 1);
    fo.push(1);
    spec.foreign_key = parse_fk_target(need_string(L, -1, fn, "foreign_key[1]"), fn);
    lua_pop(L, 1);
    read_fk_options(fo, *spec.foreign_key);
  } else if (t != LUA_TNIL) {
    fail(fn, "foreign_key must be a string or a table");
  }
  lua_pop(L, 1);
  if (spec.foreign_key) spec.foreign_key->columns = {c.name};
  push_box(L, std::move(spec), kColumnMeta);
  return 1;
}

int foreign_key_constraint_impl(lua_State* L) {
  constexpr std::string_view fn = "op.foreign_key_constraint";
  model::ForeignKey fk;
  fk.columns = need_names(L, 1, fn, "columns");
  std::string table = need_string(L, 2, fn, "referenced table");
  fk.ref_columns = need_names(L, 3, fn, "referenced columns");
  Options o(L, 4, fn,
            {"name", "ondelete", "onupdate", "deferrable", "initially", "match",
             "referent_schema"});
  read_fk_options(o, fk);
  fk.ref_schema = o.str("referent_schema");
  size_t dot = table.find('.');
  if (!fk.ref_schema && dot != std::string::npos) {
    fk.ref_schema = table.substr(0, dot);
    table = table.substr(dot + 1);
  }
  fk.ref_table = table;
  if (fk.columns.size() != fk.ref_columns.size()) {
    fail(fn, "columns and referenced columns differ in number");
  }
  push_box<Constraint>(L, std::move(fk), kConstraintMeta);
  return 1;
}

int check_constraint_impl(lua_State* L) {
  constexpr std::string_view fn = "op.check_constraint";
  model::CheckConstraint ck;
  if (lua_type(L, 2) == LUA_TSTRING || test_box<std::string>(L, 2, kTextMeta)) {
    ck.name = need_string(L, 1, fn, "name");
    ck.sqltext = need_sql(L, 2, fn, "condition").first;
  } else {
    ck.sqltext = need_sql(L, 1, fn, "condition").first;
    ck.name = Options(L, 2, fn, {"name"}).str("name");
  }
  push_box<Constraint>(L, std::move(ck), kConstraintMeta);
  return 1;
}

int unique_constraint_impl(lua_State* L) {
  model::UniqueConstraint uq;
  uq.columns = need_names(L, 1, "op.unique_constraint", "columns");
  uq.name = Options(L, 2, "op.unique_constraint", {"name"}).str("name");
  push_box<Constraint>(L, std::move(uq), kConstraintMeta);
  return 1;
}

int primary_key_constraint_impl(lua_State* L) {
  model::PrimaryKey pk;
  pk.columns = need_names(L, 1, "op.primary_key_constraint", "columns");
  pk.name = Options(L, 2, "op.primary_key_constraint", {"name"}).str("name");
  push_box<Constraint>(L, std::move(pk), kConstraintMeta);
  return 1;
}

int text_impl(lua_State* L) {
  push_box(L, need_string(L, 1, "op.text", "sql"), kTextMeta);
  return 1;
}

int text_tostring(lua_State* L) {
  lua_pushstring(L, test_box<std::string>(L, 1, kTextMeta)->c_str());
  return 1;
}

int column_tostring(lua_State* L) {
  auto* spec = test_box<ColumnSpec>(L, 1, kColumnMeta);
  std::string s = "op.column(" + spec->column.name + ", " + type_to_string(spec->column.type) + ")";
  lua_pushstring(L, s.c_str());
  return 1;
}

// ---- operations ----------------------------------------------------------------

int execute_impl(lua_State* L) {
  constexpr std::string_view fn = "op.execute";
  ops::Execute ex;
  if (lua_type(L, 1) == LUA_TTABLE) {
    static const std::set<std::string, std::less<>> kDialects = {"postgresql", "sqlite", "mssql",
                                                                 "mysql", "mariadb"};
    lua_pushnil(L);
    while (lua_next(L, 1) != 0) {
      std::string value = need_string(L, -1, fn, "statement");
      if (lua_type(L, -2) == LUA_TNUMBER && lua_tointeger(L, -2) == 1) {
        ex.sql = value;
      } else if (lua_type(L, -2) != LUA_TSTRING) {
        fail(fn, "unexpected key in statement table");
      } else if (std::string key = to_std(L, -2); key == "sql") {
        ex.sql = value;
      } else if (kDialects.count(key)) {
        ex.per_dialect[key] = value;
      } else {
        fail(fn, "unknown dialect '" + key + "' (expected sql, postgresql, sqlite, mssql, "
                 "mysql or mariadb)");
      }
      lua_pop(L, 1);
    }
    if (!ex.sql && ex.per_dialect.empty()) fail(fn, "no statement given");
  } else {
    ex.sql = need_sql(L, 1, fn, "sql").first;
  }
  sink(L).emit(ex);
  return 0;
}

int create_schema_impl(lua_State* L) {
  ops::CreateSchema op;
  op.name = need_string(L, 1, "op.create_schema", "name");
  op.if_not_exists = Options(L, 2, "op.create_schema", {"if_not_exists"}).flag("if_not_exists");
  sink(L).emit(op);
  return 0;
}

int drop_schema_impl(lua_State* L) {
  ops::DropSchema op;
  op.name = need_string(L, 1, "op.drop_schema", "name");
  Options o(L, 2, "op.drop_schema", {"if_exists", "cascade"});
  op.if_exists = o.flag("if_exists");
  op.cascade = o.flag("cascade");
  sink(L).emit(op);
  return 0;
}

int create_table_impl(lua_State* L) {
  constexpr std::string_view fn = "op.create_table";
  ops::CreateTable op;
  model::Table& table = op.table;
  table.name = need_string(L, 1, fn, "table name");
  int top = lua_gettop(L);
  int last_item = top;
  if (top >= 2 && lua_type(L, top) == LUA_TTABLE) {
    Options o(L, top, fn, {"schema", "comment", "if_not_exists"});
    table.schema = o.str("schema");
    table.comment = o.str("comment");
    op.if_not_exists = o.flag("if_not_exists");
    last_item = top - 1;
  }
  std::set<std::string> names;
  for (int i = 2; i <= last_item; ++i) {
    if (auto* spec = test_box<ColumnSpec>(L, i, kColumnMeta)) {
      if (!names.insert(spec->column.name).second) {
        fail(fn, "duplicate column '" + spec->column.name + "'");
      }
      table.columns.push_back(spec->column);
      if (spec->foreign_key) table.foreign_keys.push_back(*spec->foreign_key);
    } else if (auto* c = test_box<Constraint>(L, i, kConstraintMeta)) {
      if (auto* fk = std::get_if<model::ForeignKey>(c)) table.foreign_keys.push_back(*fk);
      if (auto* ck = std::get_if<model::CheckConstraint>(c)) table.checks.push_back(*ck);
      if (auto* uq = std::get_if<model::UniqueConstraint>(c)) table.uniques.push_back(*uq);
      if (auto* pk = std::get_if<model::PrimaryKey>(c)) {
        if (table.primary_key) fail(fn, "more than one primary_key_constraint");
        table.primary_key = *pk;
      }
    } else {
      fail(fn, "argument " + std::to_string(i) +
                   ": expected op.column(...) or a constraint, got " + luaL_typename(L, i));
    }
  }
  sink(L).emit(std::move(op));
  return 0;
}

int drop_table_impl(lua_State* L) {
  ops::DropTable op;
  op.name = need_string(L, 1, "op.drop_table", "table name");
  Options o(L, 2, "op.drop_table", {"schema", "if_exists"});
  op.schema = o.str("schema");
  op.if_exists = o.flag("if_exists");
  sink(L).emit(std::move(op));
  return 0;
}

int add_column_impl(lua_State* L) {
  constexpr std::string_view fn = "op.add_column";
  ops::AddColumn op;
  op.table = need_string(L, 1, fn, "table name");
  auto* spec = test_box<ColumnSpec>(L, 2, kColumnMeta);
  if (!spec) fail(fn, std::string("column must be op.column(...), got ") + luaL_typename(L, 2));
  if (spec->foreign_key) {
    fail(fn, "a column-level foreign_key is not supported here; add the constraint separately");
  }
  op.column = spec->column;
  Options o(L, 3, fn, {"schema", "if_not_exists"});
  op.schema = o.str("schema");
  op.if_not_exists = o.flag("if_not_exists");
  sink(L).emit(std::move(op));
  return 0;
}

int drop_column_impl(lua_State* L) {
  constexpr std::string_view fn = "op.drop_column";
  ops::DropColumn op;
  op.table = need_string(L, 1, fn, "table name");
  op.column = need_string(L, 2, fn, "column name");
  Options o(L, 3, fn, {"schema", "if_exists"});
  op.schema = o.str("schema");
  op.if_exists = o.flag("if_exists");
  sink(L).emit(std::move(op));
  return 0;
}

int create_index_impl(lua_State* L) {
  constexpr std::string_view fn = "op.create_index";
  ops::CreateIndex op;
  model::Index& ix = op.index;
  ix.name = need_string(L, 1, fn, "index name");
  ix.table = need_string(L, 2, fn, "table name");
  if (lua_type(L, 3) == LUA_TTABLE) {
    lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, 3));
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_rawgeti(L, 3, i);
      auto [text, is_expr] = need_sql(L, -1, fn, "index element " + std::to_string(i));
      ix.elements.push_back({text, is_expr});
      lua_pop(L, 1);
    }
  } else {
    auto [text, is_expr] = need_sql(L, 3, fn, "columns");
    ix.elements.push_back({text, is_expr});
  }
  if (ix.elements.empty()) fail(fn, "no columns given");
  Options o(L, 4, fn, {"schema", "unique", "where", "include", "if_not_exists"});
  ix.schema = o.str("schema");
  ix.unique = o.flag("unique");
  op.if_not_exists = o.flag("if_not_exists");
  if (o.push("where") != LUA_TNIL) ix.where = need_sql(L, -1, fn, "option 'where'").first;
  lua_pop(L, 1);
  if (o.push("include") != LUA_TNIL) ix.include = need_names(L, -1, fn, "option 'include'");
  lua_pop(L, 1);
  sink(L).emit(std::move(op));
  return 0;
}

int drop_index_impl(lua_State* L) {
  ops::DropIndex op;
  op.name = need_string(L, 1, "op.drop_index", "index name");
  Options o(L, 2, "op.drop_index", {"table", "schema", "if_exists"});
  op.table = o.str("table");
  op.schema = o.str("schema");
  op.if_exists = o.flag("if_exists");
  sink(L).emit(std::move(op));
  return 0;
}

int rename_table_impl(lua_State* L) {
  ops::RenameTable op;
  op.old_name = need_string(L, 1, "op.rename_table", "old name");
  op.new_name = need_string(L, 2, "op.rename_table", "new name");
  op.schema = Options(L, 3, "op.rename_table", {"schema"}).str("schema");
  sink(L).emit(std::move(op));
  return 0;
}

int query_impl(lua_State* L) {
  std::string sql = need_sql(L, 1, "op.query", "sql").first;
  driver::QueryResult result = sink(L).query(sql);
  lua_createtable(L, static_cast<int>(result.rows.size()), 0);
  lua_Integer i = 0;
  for (const driver::Row& row : result.rows) {
    lua_createtable(L, 0, static_cast<int>(result.columns.size()));
    for (size_t c = 0; c < row.size() && c < result.columns.size(); ++c) {
      if (!row[c]) continue;
      lua_pushlstring(L, row[c]->data(), row[c]->size());
      lua_setfield(L, -2, result.columns[c].c_str());
    }
    lua_rawseti(L, -2, ++i);
  }
  return 1;
}

int x_impl(lua_State* L) {
  std::string key = need_string(L, 1, "op.x", "key");
  if (std::optional<std::string> v = sink(L).x_arg(key)) {
    lua_pushlstring(L, v->data(), v->size());
  } else {
    lua_settop(L, 2);  // the default, or nil
  }
  return 1;
}

int f_impl(lua_State* L) {
  need_string(L, 1, "op.f", "name");
  lua_settop(L, 1);
  return 1;
}

// op.<Unknown>: capitalised names are types, so a typo is an error.
int op_index(lua_State* L) {
  if (lua_type(L, 2) == LUA_TSTRING) {
    std::string key = to_std(L, 2);
    if (!key.empty() && std::isupper(static_cast<unsigned char>(key[0]))) {
      throw ArgError("unknown type '" + key + "' (op." + key + ")");
    }
  }
  lua_pushnil(L);
  return 1;
}

void new_metatable(lua_State* L, const char* name, lua_CFunction gc, lua_CFunction tostring) {
  luaL_newmetatable(L, name);
  lua_pushcfunction(L, gc);
  lua_setfield(L, -2, "__gc");
  if (tostring) {
    lua_pushcfunction(L, tostring);
    lua_setfield(L, -2, "__tostring");
  }
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
}

}  // namespace

void install_op_api(lua_State* L, runtime::OpSink& sink) {
  new_metatable(L, kTypeMeta, box_gc<Type>, guarded<type_tostring>);
  lua_pushcfunction(L, guarded<type_call>);
  lua_setfield(L, -2, "__call");
  lua_pop(L, 1);
  new_metatable(L, kTextMeta, box_gc<std::string>, text_tostring);
  lua_pop(L, 1);
  new_metatable(L, kColumnMeta, box_gc<ColumnSpec>, guarded<column_tostring>);
  lua_pop(L, 1);
  new_metatable(L, kConstraintMeta, box_gc<Constraint>, nullptr);
  lua_pop(L, 1);

  const luaL_Reg functions[] = {
      {"execute", guarded<execute_impl>},
      {"create_schema", guarded<create_schema_impl>},
      {"drop_schema", guarded<drop_schema_impl>},
      {"create_table", guarded<create_table_impl>},
      {"drop_table", guarded<drop_table_impl>},
      {"add_column", guarded<add_column_impl>},
      {"drop_column", guarded<drop_column_impl>},
      {"create_index", guarded<create_index_impl>},
      {"drop_index", guarded<drop_index_impl>},
      {"rename_table", guarded<rename_table_impl>},
      {"query", guarded<query_impl>},
      {"x", guarded<x_impl>},
      {"f", guarded<f_impl>},
      {"column", guarded<column_impl>},
      {"foreign_key_constraint", guarded<foreign_key_constraint_impl>},
      {"check_constraint", guarded<check_constraint_impl>},
      {"unique_constraint", guarded<unique_constraint_impl>},
      {"primary_key_constraint", guarded<primary_key_constraint_impl>},
      {"text", guarded<text_impl>},
  };
  lua_createtable(L, 0, 40);
  for (const luaL_Reg& f : functions) {
    lua_pushlightuserdata(L, &sink);
    lua_pushcclosure(L, f.func, 1);
    lua_setfield(L, -2, f.name);
  }
  for (const TypeInfo& info : type_infos()) {
    push_box(L, make_type(info.kind), kTypeMeta);
    lua_setfield(L, -2, info.name);
  }
  std::string dialect(sink.dialect_name());
  lua_pushlstring(L, dialect.data(), dialect.size());
  lua_setfield(L, -2, "dialect");
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, guarded<op_index>);
  lua_setfield(L, -2, "__index");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  lua_setglobal(L, "op");
}

}  // namespace strata::lua
