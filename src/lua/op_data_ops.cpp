// Statements, schemas, sequences and data of the op API: execute,
// create/drop_schema, create/drop_sequence, bulk_insert, query, x
// (contracts in op_api.h).
#include <cmath>
#include <map>
#include <set>

#include "lua/op_support.h"

namespace strata::lua::opapi {
namespace {

// A statement: a string, op.text(...), or {sql | [1], postgresql = ...,
// sqlite = ..., ...} (the keys of the "execute.stmt" specification: `sql`
// and the dialects). Fills `sql` / `per_dialect`.
void read_statement(lua_State* L, int idx, std::string_view fn, std::string_view what,
                    std::optional<std::string>& sql,
                    std::map<std::string, std::string>& per_dialect) {
  if (lua_type(L, idx) != LUA_TTABLE) {
    sql = need_sql(L, idx, fn, what).first;
    return;
  }
  const ops::OpSpec& spec = ops::table_spec("execute.stmt");
  idx = lua_absindex(L, idx);
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    std::string value = need_sql(L, -1, fn, "statement").first;
    if (lua_type(L, -2) == LUA_TNUMBER && lua_isinteger(L, -2) && lua_tointeger(L, -2) >= 1 &&
        lua_tointeger(L, -2) <= static_cast<lua_Integer>(spec.args.size())) {
      sql = value;  // [1]: the sql
    } else if (lua_type(L, -2) != LUA_TSTRING) {
      fail(fn, "unexpected key in statement table");
    } else if (std::string key = to_std(L, -2); key == "sql") {
      sql = value;
    } else if (spec.option(key)) {
      per_dialect[key] = value;
    } else {
      std::string expected;
      for (size_t i = 0; i < spec.options.size(); ++i) {
        expected += (i == 0 ? "" : i + 1 == spec.options.size() ? " or " : ", ") +
                    std::string(spec.options[i].key);
      }
      fail(fn, "unknown dialect '" + key + "' (expected " + expected + ")");
    }
    lua_pop(L, 1);
  }
  if (!sql && per_dialect.empty()) fail(fn, std::string("no ") + std::string(what) + " given");
}

int execute_impl(lua_State* L) {
  constexpr std::string_view fn = "op.execute";
  ops::Execute ex;
  read_statement(L, 1, fn, "sql", ex.sql, ex.per_dialect);
  Options o(L, 2, fn, ops::op_spec("execute"));
  if (o.push("reverse") != LUA_TNIL) {
    read_statement(L, lua_gettop(L), fn, "reverse", ex.reverse_sql, ex.reverse_per_dialect);
  }
  lua_pop(L, 1);
  emit(L, std::move(ex));
  return 0;
}

int create_schema_impl(lua_State* L) {
  ops::CreateSchema op;
  op.name = need_string(L, 1, "op.create_schema", "name");
  op.if_not_exists =
      Options(L, 2, "op.create_schema", ops::op_spec("create_schema")).flag("if_not_exists");
  emit(L, std::move(op));
  return 0;
}

int drop_schema_impl(lua_State* L) {
  ops::DropSchema op;
  op.name = need_string(L, 1, "op.drop_schema", "name");
  Options o(L, 2, "op.drop_schema", ops::op_spec("drop_schema"));
  op.if_exists = o.flag("if_exists");
  op.cascade = o.flag("cascade");
  emit(L, std::move(op));
  return 0;
}

void read_sequence_options(const Options& o, ops::CreateSequence& seq) {
  seq.start = o.integer("start");
  seq.increment = o.integer("increment");
  seq.minvalue = o.integer("minvalue");
  seq.maxvalue = o.integer("maxvalue");
  seq.cache = o.integer("cache");
  seq.cycle = o.flag("cycle");
}

int create_sequence_impl(lua_State* L) {
  constexpr std::string_view fn = "op.create_sequence";
  ops::CreateSequence op;
  op.name = need_string(L, 1, fn, "sequence name");
  Options o(L, 2, fn, ops::op_spec("create_sequence"));
  op.schema = o.str("schema");
  read_sequence_options(o, op);
  op.if_not_exists = o.flag("if_not_exists");
  if (op.increment == 0) fail(fn, "increment must not be 0");
  emit(L, std::move(op));
  return 0;
}

// op.drop_sequence(name, {schema, if_exists, dropped = {start, ...}}).
int drop_sequence_impl(lua_State* L) {
  constexpr std::string_view fn = "op.drop_sequence";
  ops::DropSequence op;
  op.name = need_string(L, 1, fn, "sequence name");
  Options o(L, 2, fn, ops::op_spec("drop_sequence"));
  op.schema = o.str("schema");
  op.if_exists = o.flag("if_exists");
  if (int t = o.push("dropped"); t != LUA_TNIL) {
    if (t != LUA_TTABLE) {
      fail(fn, std::string("option 'dropped' must be a table of sequence options, got ") +
                   luaL_typename(L, -1));
    }
    ops::CreateSequence seq;
    seq.schema = op.schema;
    seq.name = op.name;
    read_sequence_options(
        Options(L, lua_gettop(L), "op.drop_sequence 'dropped'",
                ops::table_spec("drop_sequence.dropped")),
        seq);
    op.dropped = std::move(seq);
  }
  lua_pop(L, 1);
  emit(L, std::move(op));
  return 0;
}

// ---- bulk_insert -----------------------------------------------------------------

// The value at `idx` for row `row`, column `column`.
ops::Value read_value(lua_State* L, int idx, std::string_view fn, lua_Integer row,
                      const std::string& column) {
  std::string where = "row " + std::to_string(row) + ", column '" + column + "'";
  switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN:
      return lua_toboolean(L, idx) != 0;
    case LUA_TSTRING:
      return to_std(L, idx);
    case LUA_TNUMBER:
      if (lua_isinteger(L, idx)) return static_cast<long long>(lua_tointeger(L, idx));
      if (!std::isfinite(lua_tonumber(L, idx))) fail(fn, where + ": value must be finite");
      return static_cast<double>(lua_tonumber(L, idx));
    default:
      if (test_box<NullValue>(L, idx, kNullMeta)) return std::monostate{};
      fail(fn, where + ": value must be a string, number, boolean or op.null, got " +
                   luaL_typename(L, idx));
  }
}

// True when the table at `idx` has exactly the keys 1..#t.
bool is_array(lua_State* L, int idx) {
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, idx));
  lua_Integer count = 0;
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    ++count;
    lua_pop(L, 1);
  }
  return count == n;
}

int bulk_insert_impl(lua_State* L) {
  constexpr std::string_view fn = "op.bulk_insert";
  ops::BulkInsert op;
  op.table = need_string(L, 1, fn, "table name");
  if (lua_type(L, 2) != LUA_TTABLE || !is_array(L, 2)) {
    fail(fn, std::string("rows must be an array of row tables, got ") +
                 (lua_type(L, 2) == LUA_TTABLE ? "a table with non-array keys"
                                               : luaL_typename(L, 2)));
  }
  Options o(L, 3, fn, ops::op_spec("bulk_insert"));
  op.schema = o.str("schema");
  bool fixed_columns = o.push("columns") != LUA_TNIL;
  if (fixed_columns) op.columns = need_names(L, -1, fn, "option 'columns'");
  lua_pop(L, 1);
  std::set<std::string> seen(op.columns.begin(), op.columns.end());
  if (seen.size() != op.columns.size()) fail(fn, "option 'columns' repeats a column");

  // Pass 1: check every row's keys (and collect them when columns are not given).
  lua_Integer nrows = static_cast<lua_Integer>(lua_rawlen(L, 2));
  for (lua_Integer r = 1; r <= nrows; ++r) {
    if (lua_rawgeti(L, 2, r) != LUA_TTABLE) {
      fail(fn, "row " + std::to_string(r) + " must be a table, got " + luaL_typename(L, -1));
    }
    int row_idx = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, row_idx) != 0) {
      lua_pop(L, 1);
      if (lua_type(L, -1) != LUA_TSTRING) {
        fail(fn, "row " + std::to_string(r) + ": keys must be column names (strings)");
      }
      std::string key = to_std(L, -1);
      if (fixed_columns && !seen.count(key)) {
        fail(fn, "row " + std::to_string(r) + ": column '" + key + "' is not in columns");
      }
      if (!fixed_columns) seen.insert(key);
    }
    lua_pop(L, 1);
  }
  if (!fixed_columns) op.columns.assign(seen.begin(), seen.end());

  // Pass 2: the values, in column order; a missing column is NULL.
  for (lua_Integer r = 1; r <= nrows; ++r) {
    lua_rawgeti(L, 2, r);
    std::vector<ops::Value> row;
    for (const std::string& column : op.columns) {
      lua_pushlstring(L, column.data(), column.size());
      lua_rawget(L, -2);
      row.push_back(lua_isnil(L, -1) ? ops::Value() : read_value(L, -1, fn, r, column));
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
    op.rows.push_back(std::move(row));
  }

  if (int t = o.push("types"); t != LUA_TNIL) {
    if (t != LUA_TTABLE) {
      fail(fn, std::string("option 'types' must be a table {column = type}, got ") +
                   luaL_typename(L, -1));
    }
    int types_idx = lua_gettop(L);
    std::map<std::string, model::Type> types;
    lua_pushnil(L);
    while (lua_next(L, types_idx) != 0) {
      if (lua_type(L, -2) != LUA_TSTRING) fail(fn, "option 'types': keys must be column names");
      std::string column = to_std(L, -2);
      if (!seen.count(column)) fail(fn, "option 'types': no column '" + column + "'");
      types[column] = need_type(L, -1, std::string(fn) + " column '" + column + "'");
      lua_pop(L, 1);
    }
    for (const std::string& column : op.columns) {
      auto it = types.find(column);
      op.types.push_back(it == types.end() ? std::nullopt : std::optional(it->second));
    }
  }
  lua_pop(L, 1);
  if (op.rows.empty()) return 0;  // nothing to insert (as Alembic)
  emit(L, std::move(op));
  return 0;
}

// ---- query and -x ------------------------------------------------------------------

int query_impl(lua_State* L) {
  std::string sql = need_sql(L, 1, "op.query", "sql").first;
  driver::QueryResult result = context(L).sink->query(sql);
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
  if (std::optional<std::string> v = context(L).sink->x_arg(key)) {
    lua_pushlstring(L, v->data(), v->size());
  } else {
    lua_settop(L, 2);  // the default, or nil
  }
  return 1;
}

const luaL_Reg kFunctions[] = {
    {"execute", guarded<execute_impl>},
    {"create_schema", guarded<create_schema_impl>},
    {"drop_schema", guarded<drop_schema_impl>},
    {"create_sequence", guarded<create_sequence_impl>},
    {"drop_sequence", guarded<drop_sequence_impl>},
    {"bulk_insert", guarded<bulk_insert_impl>},
    {"query", guarded<query_impl>},
    {"x", guarded<x_impl>},
};

}  // namespace

std::span<const luaL_Reg> data_functions() { return kFunctions; }

}  // namespace strata::lua::opapi
