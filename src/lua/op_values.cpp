// Value constructors of the op API: types, op.text, op.null, op.f,
// op.column and the constraint values (contracts in op_api.h / op_support.h).
#include <cctype>

#include "lua/op_support.h"

namespace strata::lua::opapi {
namespace {

using model::Type;
using Kind = model::Type::Kind;

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

int column_impl(lua_State* L) {
  ColumnSpec spec;
  const bool in_model = context(L).model_values;  // model.column (model files)
  const char* api = in_model ? "model.column" : "op.column";
  spec.column.name = need_string(L, 1, api, "column name");
  std::string fn = std::string(api) + " '" + spec.column.name + "'";
  spec.column.type = need_type(L, 2, fn);
  // model.column also takes renamed_from (a model fact, not an op's).
  Options o(L, 3, fn, ops::op_spec("column"),
            in_model ? std::vector<std::string_view>{"renamed_from"}
                     : std::vector<std::string_view>{});
  model::Column& c = spec.column;
  if (in_model) c.renamed_from = o.str("renamed_from");
  c.primary_key = o.flag("primary_key");
  c.identity = read_identity(L, o, fn);  // identity columns are NOT NULL
  if (c.identity && o.opt_flag("nullable").value_or(false)) {
    fail(fn, "an identity column cannot be nullable");
  }
  c.nullable = o.opt_flag("nullable").value_or(!c.primary_key && !c.identity);
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
    Options fo(L, fk_idx, fn, ops::table_spec("column.foreign_key"));
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
  Options o(L, 4, fn, ops::op_spec("foreign_key_constraint"));
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
  push_box<ops::Constraint>(L, std::move(fk), kConstraintMeta);
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
    ck.name = Options(L, 2, fn, ops::op_spec("check_constraint")).str("name");
  }
  push_box<ops::Constraint>(L, std::move(ck), kConstraintMeta);
  return 1;
}

int unique_constraint_impl(lua_State* L) {
  model::UniqueConstraint uq;
  uq.columns = need_names(L, 1, "op.unique_constraint", "columns");
  uq.name = Options(L, 2, "op.unique_constraint", ops::op_spec("unique_constraint")).str("name");
  push_box<ops::Constraint>(L, std::move(uq), kConstraintMeta);
  return 1;
}

int primary_key_constraint_impl(lua_State* L) {
  model::PrimaryKey pk;
  pk.columns = need_names(L, 1, "op.primary_key_constraint", "columns");
  pk.name =
      Options(L, 2, "op.primary_key_constraint", ops::op_spec("primary_key_constraint")).str("name");
  push_box<ops::Constraint>(L, std::move(pk), kConstraintMeta);
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

int null_tostring(lua_State* L) {
  lua_pushliteral(L, "op.null");
  return 1;
}

int column_tostring(lua_State* L) {
  auto* spec = test_box<ColumnSpec>(L, 1, kColumnMeta);
  std::string s = "op.column(" + spec->column.name + ", " + type_to_string(spec->column.type) + ")";
  lua_pushstring(L, s.c_str());
  return 1;
}

// op.f(name): the name itself. strata applies no naming convention, so every
// name is final; op.f exists so Alembic-style scripts read the same.
int f_impl(lua_State* L) {
  need_string(L, 1, "op.f", "name");
  lua_settop(L, 1);
  return 1;
}

void new_metatable(lua_State* L, const char* name, lua_CFunction gc, lua_CFunction tostring) {
  luaL_newmetatable(L, name);
  if (gc) {
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__gc");
  }
  if (tostring) {
    lua_pushcfunction(L, tostring);
    lua_setfield(L, -2, "__tostring");
  }
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
}

const luaL_Reg kFunctions[] = {
    {"column", guarded<column_impl>},
    {"foreign_key_constraint", guarded<foreign_key_constraint_impl>},
    {"check_constraint", guarded<check_constraint_impl>},
    {"unique_constraint", guarded<unique_constraint_impl>},
    {"primary_key_constraint", guarded<primary_key_constraint_impl>},
    {"text", guarded<text_impl>},
    {"f", guarded<f_impl>},
};

}  // namespace

std::span<const luaL_Reg> value_functions() { return kFunctions; }

void install_values(lua_State* L, int op_idx) {
  op_idx = lua_absindex(L, op_idx);
  new_metatable(L, kTypeMeta, box_gc<Type>, guarded<type_tostring>);
  lua_pushcfunction(L, guarded<type_call>);
  lua_setfield(L, -2, "__call");
  lua_pop(L, 1);
  new_metatable(L, kTextMeta, box_gc<std::string>, text_tostring);
  lua_pop(L, 1);
  new_metatable(L, kColumnMeta, box_gc<ColumnSpec>, guarded<column_tostring>);
  lua_pop(L, 1);
  new_metatable(L, kConstraintMeta, box_gc<ops::Constraint>, nullptr);
  lua_pop(L, 1);
  new_metatable(L, kNullMeta, nullptr, null_tostring);
  lua_pop(L, 1);

  for (const TypeInfo& info : type_infos()) {
    push_box(L, make_type(info.kind), kTypeMeta);
    lua_setfield(L, op_idx, info.name);
  }
  push_box(L, NullValue{}, kNullMeta);
  lua_setfield(L, op_idx, "null");
}

model::Type need_type(lua_State* L, int idx, std::string_view fn) {
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

std::optional<std::optional<model::ServerDefault>> server_default_change(
    lua_State* L, int idx, std::string_view fn, std::string_view what) {
  if (lua_type(L, idx) == LUA_TBOOLEAN) {
    if (!lua_toboolean(L, idx)) return std::optional<model::ServerDefault>();
    fail(fn, std::string(what) + " = true is ambiguous: write 'true' or op.text('true') for "
             "the value (false means no default)");
  }
  if (lua_isnil(L, idx)) return std::nullopt;
  if (lua_type(L, idx) != LUA_TSTRING && lua_type(L, idx) != LUA_TNUMBER &&
      !test_box<std::string>(L, idx, kTextMeta)) {
    fail(fn, std::string(what) + " must be a string, number, op.text(...) or false, got " +
                 luaL_typename(L, idx));
  }
  return server_default(L, idx, fn);
}

const ColumnSpec* test_column(lua_State* L, int idx) {
  return test_box<ColumnSpec>(L, idx, kColumnMeta);
}

const ops::Constraint* test_constraint(lua_State* L, int idx) {
  return test_box<ops::Constraint>(L, idx, kConstraintMeta);
}

ops::ConstraintType need_constraint_type(lua_State* L, int idx, std::string_view fn) {
  using CT = ops::ConstraintType;
  if (lua_type(L, idx) == LUA_TSTRING) {
    std::string s = to_std(L, idx);
    for (CT t : {CT::kForeignKey, CT::kUnique, CT::kCheck, CT::kPrimaryKey}) {
      if (s == ops::constraint_type_name(t)) return t;
    }
  }
  lua_pushvalue(L, idx);
  std::string got = lua_type(L, idx) == LUA_TSTRING ? "'" + to_std(L, -1) + "'"
                                                      : luaL_typename(L, idx);
  lua_pop(L, 1);
  fail(fn, "type_ must be 'foreignkey', 'unique', 'check' or 'primary', got " + got);
}

}  // namespace strata::lua::opapi
