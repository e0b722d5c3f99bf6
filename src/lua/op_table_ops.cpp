// Table and column operations of the op API: create/drop/rename/move table,
// table comments, add/drop/alter/rename column (contracts in op_api.h).
#include <set>

#include "lua/op_support.h"

namespace strata::lua::opapi {

void read_table_items(lua_State* L, int first, int last, std::string_view fn,
                      model::Table& table) {
  std::set<std::string> names;
  for (int i = first; i <= last; ++i) {
    if (const ColumnSpec* spec = test_column(L, i)) {
      if (!names.insert(spec->column.name).second) {
        fail(fn, "duplicate column '" + spec->column.name + "'");
      }
      table.columns.push_back(spec->column);
      if (spec->foreign_key) table.foreign_keys.push_back(*spec->foreign_key);
    } else if (const ops::Constraint* c = test_constraint(L, i)) {
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
}

void read_alter_column(lua_State* L, int idx, std::string_view fn, bool with_schema,
                       ops::AlterColumn& op) {
  Options o(L, idx, fn, op_or_batch_spec("alter_column", with_schema));
  if (with_schema) op.schema = o.str("schema");
  op.nullable = o.opt_flag("nullable");
  if (o.push("type_") != LUA_TNIL) op.type = need_type(L, -1, fn);  // or its alias `type`
  lua_pop(L, 1);
  o.push("server_default");
  op.server_default = server_default_change(L, -1, fn, "server_default");
  lua_pop(L, 1);
  op.new_column_name = o.str("new_column_name");
  if (op.new_column_name && op.new_column_name->empty()) {
    fail(fn, "new_column_name must not be empty");
  }
  op.comment = o.string_or_false("comment");
  op.identity = read_identity_change(L, o, fn, "identity");
  if (op.identity && *op.identity && op.nullable == true) {
    fail(fn, "an identity column cannot be nullable");
  }
  op.using_expr = o.str("postgresql_using");
  if (op.using_expr && !op.type) fail(fn, "postgresql_using needs type_");
  if (o.push("existing_type") != LUA_TNIL) op.existing_type = need_type(L, -1, fn);
  lua_pop(L, 1);
  op.existing_nullable = o.opt_flag("existing_nullable");
  o.push("existing_server_default");
  op.existing_server_default = server_default_change(L, -1, fn, "existing_server_default");
  lua_pop(L, 1);
  op.existing_comment = o.string_or_false("existing_comment");
  op.existing_autoincrement = o.opt_flag("existing_autoincrement");
  op.existing_identity = read_identity_change(L, o, fn, "existing_identity");
  op.online = o.flag("online");
  if (op.online && op.nullable != false) fail(fn, "online = true needs nullable = false");
  if (op.online && context(L).autocommit_depth == 0) {
    fail(fn, "online = true needs op.autocommit_block(function() ... end): each step of "
             "SET NOT NULL through a NOT VALID check must commit on its own");
  }
  if (!op.nullable && !op.type && !op.server_default && !op.new_column_name && !op.comment &&
      !op.identity) {
    fail(fn, "nothing to change (give nullable, type_, server_default, new_column_name, "
             "comment or identity)");
  }
}

void read_drop_column(lua_State* L, int idx, std::string_view fn, bool with_schema,
                      ops::DropColumn& op) {
  Options o(L, idx, fn, op_or_batch_spec("drop_column", with_schema));
  if (with_schema) op.schema = o.str("schema");
  op.if_exists = o.flag("if_exists");
  if (o.push("existing_type") == LUA_TNIL) {
    lua_pop(L, 1);
    for (const char* key : {"existing_nullable", "existing_server_default", "existing_comment"}) {
      if (o.has(key)) {
        fail(fn, std::string(key) + " describes the dropped column: give existing_type too");
      }
    }
    return;
  }
  model::Column c;
  c.name = op.column;
  c.type = need_type(L, -1, fn);
  lua_pop(L, 1);
  c.nullable = o.opt_flag("existing_nullable").value_or(true);
  o.push("existing_server_default");
  if (auto d = server_default_change(L, -1, fn, "existing_server_default")) c.server_default = *d;
  lua_pop(L, 1);
  if (auto comment = o.string_or_false("existing_comment")) c.comment = *comment;
  op.dropped = std::move(c);
}

namespace {

int create_table_impl(lua_State* L) {
  constexpr std::string_view fn = "op.create_table";
  ops::CreateTable op;
  model::Table& table = op.table;
  table.name = need_string(L, 1, fn, "table name");
  int top = lua_gettop(L);
  int last_item = top;
  if (top >= 2 && lua_type(L, top) == LUA_TTABLE) {
    Options o(L, top, fn, ops::op_spec("create_table"));
    table.schema = o.str("schema");
    table.comment = o.str("comment");
    op.if_not_exists = o.flag("if_not_exists");
    last_item = top - 1;
  }
  read_table_items(L, 2, last_item, fn, table);
  emit(L, std::move(op));
  return 0;
}

// op.drop_table(name, <columns and constraints>..., {schema, if_exists, comment}).
int drop_table_impl(lua_State* L) {
  constexpr std::string_view fn = "op.drop_table";
  ops::DropTable op;
  op.name = need_string(L, 1, fn, "table name");
  int top = lua_gettop(L);
  int last_item = top;
  model::Table dropped;
  if (top >= 2 && lua_type(L, top) == LUA_TTABLE) {
    Options o(L, top, fn, ops::op_spec("drop_table"));
    op.schema = o.str("schema");
    op.if_exists = o.flag("if_exists");
    dropped.comment = o.str("comment");
    last_item = top - 1;
  }
  read_table_items(L, 2, last_item, fn, dropped);
  if (dropped.columns.empty() && (last_item >= 2 || dropped.comment)) {
    fail(fn, "the dropped table's description needs its columns (op.column(...))");
  }
  if (!dropped.columns.empty()) {
    dropped.name = op.name;
    dropped.schema = op.schema;
    op.dropped = std::move(dropped);
  }
  emit(L, std::move(op));
  return 0;
}

int add_column_impl(lua_State* L) {
  constexpr std::string_view fn = "op.add_column";
  ops::AddColumn op;
  op.table = need_string(L, 1, fn, "table name");
  const ColumnSpec* spec = test_column(L, 2);
  if (!spec) fail(fn, std::string("column must be op.column(...), got ") + luaL_typename(L, 2));
  if (spec->foreign_key) {
    fail(fn, "a column-level foreign_key is not supported here; add the constraint separately");
  }
  op.column = spec->column;
  Options o(L, 3, fn, ops::op_spec("add_column"));
  op.schema = o.str("schema");
  op.if_not_exists = o.flag("if_not_exists");
  emit(L, std::move(op));
  return 0;
}

int drop_column_impl(lua_State* L) {
  constexpr std::string_view fn = "op.drop_column";
  ops::DropColumn op;
  op.table = need_string(L, 1, fn, "table name");
  op.column = need_string(L, 2, fn, "column name");
  read_drop_column(L, 3, fn, true, op);
  emit(L, std::move(op));
  return 0;
}

int alter_column_impl(lua_State* L) {
  constexpr std::string_view fn = "op.alter_column";
  ops::AlterColumn op;
  op.table = need_string(L, 1, fn, "table name");
  op.column = need_string(L, 2, fn, "column name");
  read_alter_column(L, 3, fn, true, op);
  emit(L, std::move(op));
  return 0;
}

int rename_column_impl(lua_State* L) {
  constexpr std::string_view fn = "op.rename_column";
  ops::RenameColumn op;
  op.table = need_string(L, 1, fn, "table name");
  op.old_name = need_string(L, 2, fn, "old column name");
  op.new_name = need_string(L, 3, fn, "new column name");
  op.schema = Options(L, 4, fn, ops::op_spec("rename_column")).str("schema");
  emit(L, std::move(op));
  return 0;
}

int rename_table_impl(lua_State* L) {
  constexpr std::string_view fn = "op.rename_table";
  ops::RenameTable op;
  op.old_name = need_string(L, 1, fn, "old name");
  op.new_name = need_string(L, 2, fn, "new name");
  op.schema = Options(L, 3, fn, ops::op_spec("rename_table")).str("schema");
  emit(L, std::move(op));
  return 0;
}

int move_table_impl(lua_State* L) {
  constexpr std::string_view fn = "op.move_table";
  ops::MoveTable op;
  op.name = need_string(L, 1, fn, "table name");
  Options o(L, 2, fn, ops::op_spec("move_table"));
  op.schema = o.str("schema");
  op.new_schema = o.str("new_schema");
  op.new_name = o.str("new_name");
  if (!op.schema && !op.new_schema) {
    fail(fn, "give new_schema (and schema when the table is not in the default schema)");
  }
  if (op.schema == op.new_schema) {
    fail(fn, "schema and new_schema are both '" + *op.schema + "'; use op.rename_table");
  }
  emit(L, std::move(op));
  return 0;
}

int create_table_comment_impl(lua_State* L) {
  constexpr std::string_view fn = "op.create_table_comment";
  ops::SetTableComment op;
  op.table = need_string(L, 1, fn, "table name");
  op.comment = need_string(L, 2, fn, "comment");
  Options o(L, 3, fn, ops::op_spec("create_table_comment"));
  op.schema = o.str("schema");
  op.existing_comment = o.string_or_false("existing_comment");
  emit(L, std::move(op));
  return 0;
}

int drop_table_comment_impl(lua_State* L) {
  constexpr std::string_view fn = "op.drop_table_comment";
  ops::SetTableComment op;
  op.table = need_string(L, 1, fn, "table name");
  Options o(L, 2, fn, ops::op_spec("drop_table_comment"));
  op.schema = o.str("schema");
  op.existing_comment = o.string_or_false("existing_comment");
  emit(L, std::move(op));
  return 0;
}

const luaL_Reg kFunctions[] = {
    {"create_table", guarded<create_table_impl>},
    {"drop_table", guarded<drop_table_impl>},
    {"add_column", guarded<add_column_impl>},
    {"drop_column", guarded<drop_column_impl>},
    {"alter_column", guarded<alter_column_impl>},
    {"rename_column", guarded<rename_column_impl>},
    {"rename_table", guarded<rename_table_impl>},
    {"move_table", guarded<move_table_impl>},
    {"create_table_comment", guarded<create_table_comment_impl>},
    {"drop_table_comment", guarded<drop_table_comment_impl>},
};

}  // namespace

std::span<const luaL_Reg> table_functions() { return kFunctions; }

}  // namespace strata::lua::opapi
