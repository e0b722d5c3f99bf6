// Constraint and index operations of the op API: create_primary_key,
// create_unique_constraint, create_check_constraint, create_foreign_key,
// drop/rename_constraint, create/drop/rename_index (contracts in op_api.h).
#include <algorithm>
#include <cctype>

#include "lua/op_support.h"

namespace strata::lua::opapi {
namespace {

// `concurrently` / `postgresql_concurrently`, refused outside an autocommit
// block (`in_autocommit`): PostgreSQL cannot run it inside a transaction.
bool read_concurrently(const Options& o, std::string_view fn, bool in_autocommit,
                       const char* statement) {
  const bool concurrently = o.flag("concurrently");  // or postgresql_concurrently
  if (concurrently && !in_autocommit) {
    fail(fn, std::string("concurrently = true needs op.autocommit_block(function() ... end): ") +
                 statement + " CONCURRENTLY cannot run inside a transaction");
  }
  return concurrently;
}

// where (or an alias: postgresql_where, sqlite_where): a string or op.text(...).
std::optional<std::string> read_where(lua_State* L, const Options& o, std::string_view fn) {
  std::optional<std::string> where;
  std::string_view key;
  if (o.push("where", &key) != LUA_TNIL) {
    where = need_sql(L, -1, fn, "option '" + std::string(key) + "'").first;
  }
  lua_pop(L, 1);
  return where;
}

// include (or its alias postgresql_include).
std::vector<std::string> read_include(lua_State* L, const Options& o, std::string_view fn) {
  std::vector<std::string> include;
  std::string_view key;
  if (o.push("include", &key) != LUA_TNIL) {
    include = need_names(L, -1, fn, "option '" + std::string(key) + "'");
  }
  lua_pop(L, 1);
  return include;
}

// using (or its alias postgresql_using): the PostgreSQL access method, an
// identifier ("gin", "gist", "brin", "hash", "spgist", an extension's),
// kept lower-case; nullopt when not given.
std::optional<std::string> read_using(lua_State* L, const Options& o, std::string_view fn) {
  std::optional<std::string> method;
  std::string_view key;
  if (o.push("using", &key) != LUA_TNIL) {
    method = need_string(L, -1, fn, "option '" + std::string(key) + "'");
    bool ok = !method->empty();
    for (char& c : *method) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    }
    if (!ok) fail(fn, "option '" + std::string(key) + "' must be an index method name such as \"gin\"");
  }
  lua_pop(L, 1);
  return method;
}

// ops (or its alias postgresql_ops): {element = "opclass", ...}, keyed by
// a column name of the index (or an expression's text), setting that
// element's PostgreSQL operator class. An opclass is an identifier,
// optionally schema-qualified ("jsonb_path_ops", "public.my_ops").
void read_ops(lua_State* L, const Options& o, std::string_view fn,
              std::vector<model::IndexElement>& elements) {
  std::string_view key;
  if (o.push("ops", &key) != LUA_TNIL) {
    const std::string what = "option '" + std::string(key) + "'";
    if (lua_type(L, -1) != LUA_TTABLE) {
      fail(fn, what + " must be a table {column = \"opclass\", ...}, got " + luaL_typename(L, -1));
    }
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
      if (lua_type(L, -2) != LUA_TSTRING) fail(fn, what + " must be keyed by column names");
      const std::string column = lua_tostring(L, -2);
      std::string opclass = need_string(L, -1, fn, what + " entry '" + column + "'");
      bool ok = !opclass.empty() && opclass.front() != '.' && opclass.back() != '.';
      for (char c : opclass) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.');
      if (!ok) fail(fn, what + " entry '" + column + "' must be an operator class name such as \"jsonb_path_ops\"");
      auto it = std::find_if(elements.begin(), elements.end(),
                             [&](const model::IndexElement& e) { return e.text == column; });
      if (it == elements.end()) fail(fn, what + " names '" + column + "', which is not an element of the index");
      it->opclass = std::move(opclass);
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
}

// "col" | op.text(expr) | {"col" | op.text(expr), ...} (non-empty).
std::vector<model::IndexElement> read_elements(lua_State* L, int idx, std::string_view fn) {
  std::vector<model::IndexElement> elements;
  if (lua_type(L, idx) == LUA_TTABLE) {
    lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, idx));
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_rawgeti(L, idx, i);
      auto [text, is_expr] = need_sql(L, -1, fn, "index element " + std::to_string(i));
      elements.push_back({text, is_expr});
      lua_pop(L, 1);
    }
  } else {
    auto [text, is_expr] = need_sql(L, idx, fn, "columns");
    elements.push_back({text, is_expr});
  }
  if (elements.empty()) fail(fn, "no columns given");
  return elements;
}

}  // namespace

void read_create_index(lua_State* L, int idx, int opt_idx, std::string_view fn,
                       bool with_schema, bool in_autocommit, ops::CreateIndex& op) {
  model::Index& ix = op.index;
  ix.elements = read_elements(L, idx, fn);
  Options o(L, opt_idx, fn, op_or_batch_spec("create_index", with_schema));
  if (with_schema) ix.schema = o.str("schema");
  ix.unique = o.flag("unique");
  op.if_not_exists = o.flag("if_not_exists");
  ix.where = read_where(L, o, fn);
  ix.include = read_include(L, o, fn);
  ix.method = read_using(L, o, fn);
  read_ops(L, o, fn, ix.elements);
  op.concurrently = read_concurrently(o, fn, in_autocommit, "CREATE INDEX");
}

void read_drop_index(lua_State* L, int idx, std::string_view fn, bool with_schema,
                     bool allow_table, bool in_autocommit, ops::DropIndex& op) {
  // op.drop_index(name, table, {...}) has its table already: no `table` key.
  const ops::OpSpec& spec = op_or_batch_spec("drop_index", with_schema);
  Options o(L, idx, fn, spec, {},
            spec.option("table") && !allow_table ? std::vector<std::string_view>{"table"}
                                                 : std::vector<std::string_view>{});
  if (with_schema) op.schema = o.str("schema");
  if (allow_table) op.table = o.str("table");
  op.if_exists = o.flag("if_exists");
  op.concurrently = read_concurrently(o, fn, in_autocommit, "DROP INDEX");
  if (o.push("columns") == LUA_TNIL) {
    lua_pop(L, 1);
    for (std::string_view key : {"unique", "where", "include", "using", "ops"}) {
      std::string_view given = o.given_key(key);
      if (!given.empty()) {
        fail(fn, std::string(given) + " describes the dropped index: give columns too");
      }
    }
    return;
  }
  if (!op.table) fail(fn, "columns describe the dropped index, which needs its table");
  model::Index ix;
  ix.elements = read_elements(L, lua_gettop(L), fn);
  lua_pop(L, 1);
  ix.name = op.name;
  ix.schema = op.schema;
  ix.table = *op.table;
  ix.unique = o.flag("unique");
  ix.where = read_where(L, o, fn);
  ix.include = read_include(L, o, fn);
  ix.method = read_using(L, o, fn);
  read_ops(L, o, fn, ix.elements);
  op.dropped = std::move(ix);
}

void read_drop_constraint(lua_State* L, int idx, std::string_view fn, bool with_schema,
                          ops::DropConstraint& op) {
  Options o(L, idx, fn, op_or_batch_spec("drop_constraint", with_schema));
  if (with_schema) op.schema = o.str("schema");
  op.if_exists = o.flag("if_exists");
  if (o.push("type_") != LUA_TNIL) op.type = need_constraint_type(L, -1, fn);
  lua_pop(L, 1);
  if (o.push("dropped") != LUA_TNIL) {
    const ops::Constraint* c = test_constraint(L, -1);
    if (!c) {
      fail(fn, std::string("option 'dropped' must be a constraint value (op.foreign_key_"
                           "constraint(...), ...), got ") + luaL_typename(L, -1));
    }
    ops::Constraint dropped = *c;
    ops::ConstraintType type = ops::constraint_type(dropped);
    if (op.type != ops::ConstraintType::kUnknown && op.type != type) {
      fail(fn, "type_ '" + ops::constraint_type_name(op.type) +
                   "' does not match the dropped constraint (" + ops::constraint_type_name(type) +
                   ")");
    }
    op.type = type;
    std::optional<std::string> name = ops::constraint_name(dropped);
    if (name && *name != op.name) {
      fail(fn, "the dropped constraint is named '" + *name + "', not '" + op.name + "'");
    }
    std::visit([&](auto& k) { k.name = op.name; }, dropped);
    op.dropped = std::move(dropped);
  }
  lua_pop(L, 1);
}

void read_foreign_key(lua_State* L, int idx, std::string_view fn, bool with_schema,
                      ops::AddConstraint& op, model::ForeignKey& fk) {
  Options o(L, idx, fn, op_or_batch_spec("create_foreign_key", with_schema));
  if (with_schema) op.schema = o.str("source_schema");
  fk.ref_schema = o.str("referent_schema");
  fk.ondelete = o.str("ondelete");
  fk.onupdate = o.str("onupdate");
  fk.deferrable = o.opt_flag("deferrable");
  fk.initially = o.str("initially");
  fk.match = o.str("match");
  op.not_valid = o.flag("not_valid");
  if (fk.columns.size() != fk.ref_columns.size()) {
    fail(fn, "local and remote columns differ in number");
  }
}

namespace {

bool in_autocommit(lua_State* L) { return context(L).autocommit_depth > 0; }

// op.create_primary_key(name, table, columns, {schema}) and the unique form.
template <class C>
int create_keyed_impl(lua_State* L, std::string_view fn) {
  C c;
  c.name = opt_string(L, 1, fn, "constraint name");
  ops::AddConstraint op;
  op.table = need_string(L, 2, fn, "table name");
  c.columns = need_names(L, 3, fn, "columns");
  op.schema = Options(L, 4, fn, ops::op_spec(fn.substr(3))).str("schema");  // fn: "op.<name>"
  op.constraint = std::move(c);
  emit(L, std::move(op));
  return 0;
}
int create_primary_key_impl(lua_State* L) {
  return create_keyed_impl<model::PrimaryKey>(L, "op.create_primary_key");
}
int create_unique_constraint_impl(lua_State* L) {
  return create_keyed_impl<model::UniqueConstraint>(L, "op.create_unique_constraint");
}

int create_check_constraint_impl(lua_State* L) {
  constexpr std::string_view fn = "op.create_check_constraint";
  model::CheckConstraint ck;
  ck.name = opt_string(L, 1, fn, "constraint name");
  ops::AddConstraint op;
  op.table = need_string(L, 2, fn, "table name");
  ck.sqltext = need_sql(L, 3, fn, "condition").first;
  Options o(L, 4, fn, ops::op_spec("create_check_constraint"));
  op.schema = o.str("schema");
  op.not_valid = o.flag("not_valid");
  op.constraint = std::move(ck);
  emit(L, std::move(op));
  return 0;
}

// op.validate_constraint(table, name, {schema})
int validate_constraint_impl(lua_State* L) {
  constexpr std::string_view fn = "op.validate_constraint";
  ops::ValidateConstraint op;
  op.table = need_string(L, 1, fn, "table name");
  op.name = need_string(L, 2, fn, "constraint name");
  op.schema = Options(L, 3, fn, ops::op_spec("validate_constraint")).str("schema");
  emit(L, std::move(op));
  return 0;
}

int create_foreign_key_impl(lua_State* L) {
  constexpr std::string_view fn = "op.create_foreign_key";
  model::ForeignKey fk;
  fk.name = opt_string(L, 1, fn, "constraint name");
  ops::AddConstraint op;
  op.table = need_string(L, 2, fn, "source table");
  fk.ref_table = need_string(L, 3, fn, "referent table");
  fk.columns = need_names(L, 4, fn, "local columns");
  fk.ref_columns = need_names(L, 5, fn, "remote columns");
  read_foreign_key(L, 6, fn, true, op, fk);
  op.constraint = std::move(fk);
  emit(L, std::move(op));
  return 0;
}

int drop_constraint_impl(lua_State* L) {
  constexpr std::string_view fn = "op.drop_constraint";
  ops::DropConstraint op;
  op.name = need_string(L, 1, fn, "constraint name");
  op.table = need_string(L, 2, fn, "table name");
  read_drop_constraint(L, 3, fn, true, op);
  emit(L, std::move(op));
  return 0;
}

int rename_constraint_impl(lua_State* L) {
  constexpr std::string_view fn = "op.rename_constraint";
  ops::RenameConstraint op;
  op.table = need_string(L, 1, fn, "table name");
  op.old_name = need_string(L, 2, fn, "old constraint name");
  op.new_name = need_string(L, 3, fn, "new constraint name");
  Options o(L, 4, fn, ops::op_spec("rename_constraint"));
  op.schema = o.str("schema");
  if (o.push("type_") != LUA_TNIL) op.type = need_constraint_type(L, -1, fn);
  lua_pop(L, 1);
  emit(L, std::move(op));
  return 0;
}

int create_index_impl(lua_State* L) {
  constexpr std::string_view fn = "op.create_index";
  ops::CreateIndex op;
  op.index.name = need_string(L, 1, fn, "index name");
  op.index.table = need_string(L, 2, fn, "table name");
  read_create_index(L, 3, 4, fn, true, in_autocommit(L), op);
  emit(L, std::move(op));
  return 0;
}

// op.drop_index(name [, table] [, {...}]).
int drop_index_impl(lua_State* L) {
  constexpr std::string_view fn = "op.drop_index";
  ops::DropIndex op;
  op.name = need_string(L, 1, fn, "index name");
  if (lua_type(L, 2) == LUA_TSTRING) {
    op.table = to_std(L, 2);
    read_drop_index(L, 3, fn, true, false, in_autocommit(L), op);
  } else {
    read_drop_index(L, 2, fn, true, true, in_autocommit(L), op);
  }
  emit(L, std::move(op));
  return 0;
}

int rename_index_impl(lua_State* L) {
  constexpr std::string_view fn = "op.rename_index";
  ops::RenameIndex op;
  op.old_name = need_string(L, 1, fn, "old index name");
  op.new_name = need_string(L, 2, fn, "new index name");
  Options o(L, 3, fn, ops::op_spec("rename_index"));
  op.schema = o.str("schema");
  op.table = o.str("table");
  emit(L, std::move(op));
  return 0;
}

const luaL_Reg kFunctions[] = {
    {"create_primary_key", guarded<create_primary_key_impl>},
    {"create_unique_constraint", guarded<create_unique_constraint_impl>},
    {"create_check_constraint", guarded<create_check_constraint_impl>},
    {"create_foreign_key", guarded<create_foreign_key_impl>},
    {"validate_constraint", guarded<validate_constraint_impl>},
    {"drop_constraint", guarded<drop_constraint_impl>},
    {"rename_constraint", guarded<rename_constraint_impl>},
    {"create_index", guarded<create_index_impl>},
    {"drop_index", guarded<drop_index_impl>},
    {"rename_index", guarded<rename_index_impl>},
};

}  // namespace

std::span<const luaL_Reg> constraint_functions() { return kFunctions; }

}  // namespace strata::lua::opapi
