// render_lua (contract in render_lua.h): ops as op API calls, positional
// arguments and options placed by the op specification (ops/op_spec.h),
// values written by lua_values.h.
//
// What the op API cannot take is handled so that the script still means the
// same; where it cannot, render_lua throws Error(kScript) naming the op:
//  - a BulkInsert with delete_rows (the reverse of a bulk_insert) has no op
//    API call: an error. A BulkInsert without rows, a BatchAlterTable
//    without ops and an AlterSequence without changes make no statement
//    (the op API emits nothing for them, or refuses them): only their notes
//    are written.
//  - an identity column is written without `nullable`: it reads back NOT
//    NULL (op.column refuses an identity column with nullable = true).
//  - op.alter_enum requires existing_values: an AlterEnum without them is an
//    error.
//  - a RenameColumn inside a batch is written as
//    batch:alter_column(old, {new_column_name = new}) (the batch has no
//    rename_column): it reads back as that AlterColumn.
//  - a MoveTable within one schema (schema == new_schema) is written as
//    op.rename_table, which op.move_table refuses to stand in for.
//  - the `dropped` of a DropColumn is written as existing_type,
//    existing_nullable, existing_server_default and existing_comment; the
//    dropped column's primary_key, unique, autoincrement and identity have
//    no op.drop_column option and are not written.
//  - a drop's `dropped` takes its name / schema / table from the op (as
//    reverse() does); differing ones in `dropped` are not written.
//  - an op with concurrently = true (or alter_column's online = true)
//    outside an autocommit block, not_valid on a primary key or unique
//    constraint, and
//    autocommit begin/end that do not pair up, are errors.
#include "autogen/render_lua.h"

#include <map>
#include <type_traits>
#include <variant>

#include "autogen/lua_values.h"
#include "autogen/lua_writer.h"
#include "ops/op_spec.h"
#include "strata/error.h"

namespace strata::autogen {
namespace {

using namespace lua_text;  // NOLINT: the Lua literal writers

std::string str_or_nil(const std::optional<std::string>& s) { return s ? quote(*s) : "nil"; }
std::string int_or_nil(const std::optional<long long>& v) { return v ? integer(*v) : "nil"; }
std::string bool_or_nil(const std::optional<bool>& v) { return v ? boolean(*v) : "nil"; }
// A string, false for an inner nullopt ("none"), nil when unset.
std::string str_or_false(const std::optional<std::optional<std::string>>& v) {
  if (!v) return "nil";
  return *v ? quote(**v) : "false";
}
std::string identity_or_false(const std::optional<std::optional<model::Identity>>& v) {
  if (!v) return "nil";
  return *v ? identity(**v) : "false";
}
std::string default_or_false(const std::optional<std::optional<model::ServerDefault>>& v) {
  if (!v) return "nil";
  return *v ? server_default(**v) : "false";
}

[[noreturn]] void cannot(const ops::Op& op, const std::string& why) {
  throw Error(ErrorCode::kScript, "render_lua: " + ops::describe(op) + ": " + why);
}

// Where a call goes: op.* at the top level, batch:* inside a batch.
struct Ctx {
  int indent = 0;
  bool batch = false;
  bool autocommit = false;
};

Call make_call(const Ctx& ctx, std::string_view name) {
  if (ctx.batch) return Call(ops::batch_spec(name), "batch:" + std::string(name));
  return Call(ops::op_spec(name), "op." + std::string(name));
}

// The table argument and schema option of an op.* call (the batch's own).
void table_args(const Ctx& ctx, Call& call, const std::optional<std::string>& schema,
                const std::string& table, const char* schema_key = "schema") {
  if (ctx.batch) return;
  call.arg("table", quote(table));
  call.opt(schema_key, str_or_nil(schema));
}

std::string statement(const std::optional<std::string>& sql,
                      const std::map<std::string, std::string>& per_dialect) {
  if (per_dialect.empty()) return sql ? quote(*sql) : "nil";
  const ops::OpSpec& spec = ops::table_spec("execute.stmt");
  Options o(spec);
  o.set("sql", str_or_nil(sql));
  for (const auto& [dialect, text] : per_dialect) {
    if (!spec.option(dialect) || dialect == "sql") {
      throw Error(ErrorCode::kScript,
                  "render_lua: execute: no op API key for dialect '" + dialect + "'");
    }
    o.set(dialect, quote(text));
  }
  return o.text();
}

// The columns and constraints of create_table / drop_table, in the order
// the op API reads them back into a model::Table.
void table_items(Call& call, const model::Table& t) {
  for (const model::Column& c : t.columns) call.item(column(c));
  if (t.primary_key) call.item(constraint(*t.primary_key));
  for (const auto& uq : t.uniques) call.item(constraint(uq));
  for (const auto& fk : t.foreign_keys) call.item(constraint(fk));
  for (const auto& ck : t.checks) call.item(constraint(ck));
}

struct Writer {
  const ops::Op& self;
  Ctx ctx;

  std::string operator()(const ops::Execute& op) const {
    if (!op.sql && op.per_dialect.empty()) cannot(self, "no SQL");
    Call call = make_call(ctx, "execute");
    call.arg("stmt", statement(op.sql, op.per_dialect));
    call.opt("reverse", statement(op.reverse_sql, op.reverse_per_dialect));
    return call.text(ctx.indent);
  }
  std::string operator()(const ops::CreateSchema& op) const {
    return make_call(ctx, "create_schema")
        .arg("name", quote(op.name))
        .opt("if_not_exists", boolean(op.if_not_exists))
        .text(ctx.indent);
  }
  std::string operator()(const ops::DropSchema& op) const {
    return make_call(ctx, "drop_schema")
        .arg("name", quote(op.name))
        .opt("if_exists", boolean(op.if_exists))
        .opt("cascade", boolean(op.cascade))
        .text(ctx.indent);
  }
  std::string operator()(const ops::CreateTable& op) const {
    Call call = make_call(ctx, "create_table");
    call.arg("name", quote(op.table.name));
    table_items(call, op.table);
    call.opt("schema", str_or_nil(op.table.schema)).opt("comment", str_or_nil(op.table.comment));
    call.opt("if_not_exists", boolean(op.if_not_exists));
    return call.text(ctx.indent);
  }
  std::string operator()(const ops::DropTable& op) const {
    Call call = make_call(ctx, "drop_table");
    call.arg("name", quote(op.name));
    call.opt("schema", str_or_nil(op.schema)).opt("if_exists", boolean(op.if_exists));
    if (op.dropped) {
      if (op.dropped->columns.empty()) cannot(self, "the dropped table has no columns");
      table_items(call, *op.dropped);
      call.opt("comment", str_or_nil(op.dropped->comment));
    }
    return call.text(ctx.indent);
  }
  std::string operator()(const ops::AddColumn& op) const {
    Call call = make_call(ctx, "add_column");
    table_args(ctx, call, op.schema, op.table);
    call.arg("column", column(op.column)).opt("if_not_exists", boolean(op.if_not_exists));
    return call.text(ctx.indent);
  }
  std::string operator()(const ops::DropColumn& op) const {
    Call call = make_call(ctx, "drop_column");
    table_args(ctx, call, op.schema, op.table);
    call.arg(ctx.batch ? "name" : "column_name", quote(op.column));
    call.opt("if_exists", boolean(op.if_exists));
    if (const auto& d = op.dropped) {
      call.opt("existing_type", type(d->type)).opt("existing_nullable", boolean(d->nullable));
      call.opt("existing_server_default",
               d->server_default ? server_default(*d->server_default) : "nil");
      call.opt("existing_comment", str_or_nil(d->comment));
    }
    return call.text(ctx.indent);
  }
  std::string operator()(const ops::AlterColumn& op) const {
    Call call = make_call(ctx, "alter_column");
    table_args(ctx, call, op.schema, op.table);
    call.arg(ctx.batch ? "name" : "column_name", quote(op.column));
    call.opt("nullable", bool_or_nil(op.nullable));
    call.opt("type_", op.type ? type(*op.type) : "nil");
    call.opt("server_default", default_or_false(op.server_default));
    call.opt("new_column_name", str_or_nil(op.new_column_name));
    call.opt("comment", str_or_false(op.comment));
    call.opt("identity", identity_or_false(op.identity));
    call.opt("postgresql_using", str_or_nil(op.using_expr));
    call.opt("existing_type", op.existing_type ? type(*op.existing_type) : "nil");
    call.opt("existing_nullable", bool_or_nil(op.existing_nullable));
    call.opt("existing_server_default", default_or_false(op.existing_server_default));
    call.opt("existing_comment", str_or_false(op.existing_comment));
    call.opt("existing_autoincrement", bool_or_nil(op.existing_autoincrement));
    call.opt("existing_identity", identity_or_false(op.existing_identity));
    check_autocommit(op.online, "online");
    call.opt("online", boolean(op.online));
    return call.text(ctx.indent);
  }
  std::string operator()(const ops::RenameColumn& op) const {
    if (ctx.batch) {
      return make_call(ctx, "alter_column")
          .arg("name", quote(op.old_name))
          .opt("new_column_name", quote(op.new_name))
          .text(ctx.indent);
    }
    Call call = make_call(ctx, "rename_column");
    table_args(ctx, call, op.schema, op.table);
    return call.arg("old", quote(op.old_name)).arg("new", quote(op.new_name)).text(ctx.indent);
  }
  std::string operator()(const ops::AddConstraint& op) const {
    return std::visit([&](const auto& c) { return add_constraint(op, c); }, op.constraint);
  }
  template <class C>
  std::string add_constraint(const ops::AddConstraint& op, const C& c) const {
    using T = std::decay_t<C>;
    Call call =
        make_call(ctx, std::is_same_v<T, model::PrimaryKey>         ? "create_primary_key"
                       : std::is_same_v<T, model::UniqueConstraint> ? "create_unique_constraint"
                       : std::is_same_v<T, model::CheckConstraint>  ? "create_check_constraint"
                                                                    : "create_foreign_key");
    call.arg("name", str_or_nil(c.name));
    if constexpr (std::is_same_v<T, model::ForeignKey>) {
      if (!ctx.batch)
        call.arg("source_table", quote(op.table)).opt("source_schema", str_or_nil(op.schema));
      call.arg("referent_table", quote(c.ref_table));
      call.arg(ctx.batch ? "local" : "local_cols", names(c.columns));
      call.arg(ctx.batch ? "remote" : "remote_cols", names(c.ref_columns));
      call.opt("referent_schema", str_or_nil(c.ref_schema));
      call.opt("ondelete", str_or_nil(c.ondelete)).opt("onupdate", str_or_nil(c.onupdate));
      call.opt("deferrable", bool_or_nil(c.deferrable)).opt("initially", str_or_nil(c.initially));
      call.opt("match", str_or_nil(c.match));
      call.opt("not_valid", boolean(op.not_valid));
    } else {
      if (op.not_valid && !std::is_same_v<T, model::CheckConstraint>) {
        cannot(self, "not_valid on a primary key or unique constraint");
      }
      table_args(ctx, call, op.schema, op.table);
      if constexpr (std::is_same_v<T, model::CheckConstraint>) {
        call.arg("sql", quote(c.sqltext));
        call.opt("not_valid", boolean(op.not_valid));
      } else {
        call.arg("cols", names(c.columns));
      }
    }
    return call.text(ctx.indent);
  }
  std::string operator()(const ops::DropConstraint& op) const {
    Call call = make_call(ctx, "drop_constraint");
    call.arg("name", quote(op.name));
    table_args(ctx, call, op.schema, op.table);
    bool implied = op.dropped && ops::constraint_type(*op.dropped) == op.type;
    if (op.type != ops::ConstraintType::kUnknown && !implied) {
      call.opt("type_", quote(ops::constraint_type_name(op.type)));
    }
    call.opt("if_exists", boolean(op.if_exists));
    call.opt("dropped", op.dropped ? constraint(*op.dropped, false) : "nil");
    return call.text(ctx.indent);
  }
  std::string operator()(const ops::RenameConstraint& op) const {
    Call call = make_call(ctx, "rename_constraint");
    table_args(ctx, call, op.schema, op.table);
    call.arg("old", quote(op.old_name)).arg("new", quote(op.new_name));
    if (op.type != ops::ConstraintType::kUnknown) {
      call.opt("type_", quote(ops::constraint_type_name(op.type)));
    }
    return call.text(ctx.indent);
  }
  void check_autocommit(bool set, const char* key) const {
    if (set && !ctx.autocommit) {
      cannot(self, std::string(key) + " = true outside an autocommit block");
    }
  }
  void check_concurrently(bool concurrently) const {
    check_autocommit(concurrently, "concurrently");
  }
  std::string operator()(const ops::ValidateConstraint& op) const {
    if (ctx.batch) cannot(self, "no batch method validates a constraint");
    Call call = make_call(ctx, "validate_constraint");
    call.arg("table", quote(op.table)).arg("name", quote(op.name));
    call.opt("schema", str_or_nil(op.schema));
    return call.text(ctx.indent);
  }
  std::string operator()(const ops::CreateIndex& op) const {
    check_concurrently(op.concurrently);
    const model::Index& ix = op.index;
    Call call = make_call(ctx, "create_index");
    call.arg("name", quote(ix.name));
    table_args(ctx, call, ix.schema, ix.table);
    call.arg("cols", index_elements(ix.elements));
    call.opt("unique", boolean(ix.unique)).opt("where", str_or_nil(ix.where));
    call.opt("include", ix.include.empty() ? "nil" : names(ix.include));
    call.opt("using", str_or_nil(ix.method)).opt("ops", index_opclasses(ix.elements));
    call.opt("if_not_exists", boolean(op.if_not_exists));
    call.opt("concurrently", boolean(op.concurrently));
    return call.text(ctx.indent);
  }
  std::string operator()(const ops::DropIndex& op) const {
    check_concurrently(op.concurrently);
    Call call = make_call(ctx, "drop_index");
    call.arg("name", quote(op.name));
    if (!ctx.batch) {
      if (op.table) call.arg("table", quote(*op.table));
      call.opt("schema", str_or_nil(op.schema));
    }
    call.opt("if_exists", boolean(op.if_exists)).opt("concurrently", boolean(op.concurrently));
    if (op.dropped) {
      if (!op.table) cannot(self, "the dropped index needs the table");
      call.opt("columns", index_elements(op.dropped->elements));
      call.opt("unique", boolean(op.dropped->unique)).opt("where", str_or_nil(op.dropped->where));
      call.opt("include", op.dropped->include.empty() ? "nil" : names(op.dropped->include));
      call.opt("using", str_or_nil(op.dropped->method));
      call.opt("ops", index_opclasses(op.dropped->elements));
    }
    return call.text(ctx.indent);
  }
  std::string operator()(const ops::RenameIndex& op) const {
    return make_call(ctx, "rename_index")
        .arg("old", quote(op.old_name))
        .arg("new", quote(op.new_name))
        .opt("table", str_or_nil(op.table))
        .opt("schema", str_or_nil(op.schema))
        .text(ctx.indent);
  }
  std::string operator()(const ops::RenameTable& op) const {
    return make_call(ctx, "rename_table")
        .arg("old", quote(op.old_name))
        .arg("new", quote(op.new_name))
        .opt("schema", str_or_nil(op.schema))
        .text(ctx.indent);
  }
  std::string operator()(const ops::MoveTable& op) const {
    if (op.schema && op.schema == op.new_schema) {
      return (*this)(ops::RenameTable{
          .schema = op.schema, .old_name = op.name, .new_name = op.new_name.value_or(op.name)});
    }
    if (!op.schema && !op.new_schema) cannot(self, "neither schema nor new_schema is set");
    return make_call(ctx, "move_table")
        .arg("name", quote(op.name))
        .opt("schema", str_or_nil(op.schema))
        .opt("new_schema", str_or_nil(op.new_schema))
        .opt("new_name", str_or_nil(op.new_name))
        .text(ctx.indent);
  }
  std::string operator()(const ops::SetTableComment& op) const {
    Call call = make_call(ctx, op.comment ? "create_table_comment" : "drop_table_comment");
    table_args(ctx, call, op.schema, op.table);
    if (op.comment) call.arg("comment", quote(*op.comment));
    call.opt("existing_comment", str_or_false(op.existing_comment));
    return call.text(ctx.indent);
  }
  std::string operator()(const ops::CreateSequence& op) const {
    return make_call(ctx, "create_sequence")
        .arg("name", quote(op.name))
        .opt("schema", str_or_nil(op.schema))
        .opt("start", int_or_nil(op.start))
        .opt("increment", int_or_nil(op.increment))
        .opt("minvalue", int_or_nil(op.minvalue))
        .opt("maxvalue", int_or_nil(op.maxvalue))
        .opt("cache", int_or_nil(op.cache))
        .opt("cycle", boolean(op.cycle))
        .opt("if_not_exists", boolean(op.if_not_exists))
        .text(ctx.indent);
  }
  std::string operator()(const ops::DropSequence& op) const {
    return make_call(ctx, "drop_sequence")
        .arg("name", quote(op.name))
        .opt("schema", str_or_nil(op.schema))
        .opt("if_exists", boolean(op.if_exists))
        .opt("dropped", op.dropped ? sequence_options(*op.dropped, "drop_sequence.dropped") : "nil")
        .text(ctx.indent);
  }
  std::string operator()(const ops::AlterSequence& op) const {
    auto bound = [](const std::optional<std::optional<long long>>& v) -> std::string {
      if (!v) return "nil";
      return *v ? integer(**v) : "false";
    };
    return make_call(ctx, "alter_sequence")
        .arg("name", quote(op.name))
        .opt("schema", str_or_nil(op.schema))
        .opt("increment", int_or_nil(op.increment))
        .opt("minvalue", bound(op.minvalue))
        .opt("maxvalue", bound(op.maxvalue))
        .opt("cache", int_or_nil(op.cache))
        .opt("cycle", bool_or_nil(op.cycle))
        .opt("restart", int_or_nil(op.restart))
        .opt("existing",
             op.existing ? sequence_options(*op.existing, "alter_sequence.existing") : "nil")
        .text(ctx.indent);
  }
  std::string operator()(const ops::CreateEnum& op) const {
    return make_call(ctx, "create_enum")
        .arg("name", quote(op.name))
        .arg("values", names(op.values))
        .opt("schema", str_or_nil(op.schema))
        .opt("if_not_exists", boolean(op.if_not_exists))
        .text(ctx.indent);
  }
  std::string operator()(const ops::DropEnum& op) const {
    return make_call(ctx, "drop_enum")
        .arg("name", quote(op.name))
        .opt("schema", str_or_nil(op.schema))
        .opt("if_exists", boolean(op.if_exists))
        .opt("dropped", op.dropped ? names(*op.dropped) : "nil")
        .text(ctx.indent);
  }
  std::string operator()(const ops::AlterEnum& op) const {
    if (op.existing_values.empty()) cannot(self, "existing_values is required by op.alter_enum");
    std::string columns = "{";
    for (const ops::EnumColumn& c : op.columns) {
      Options o(ops::table_spec("alter_enum.columns"));
      o.set("table", quote(c.table)).set("column", quote(c.column));
      o.set("schema", str_or_nil(c.schema));
      o.set("server_default", c.server_default ? server_default(*c.server_default) : "nil");
      columns += (columns.size() > 1 ? ", " : "") + o.text();
    }
    columns += "}";
    return make_call(ctx, "alter_enum")
        .arg("name", quote(op.name))
        .arg("values", names(op.values))
        .opt("schema", str_or_nil(op.schema))
        .opt("existing_values", names(op.existing_values))
        .opt("columns", columns)
        .text(ctx.indent);
  }
  std::string operator()(const ops::BulkInsert& op) const;
  std::string operator()(const ops::BatchAlterTable& op) const;
  // Blocks are opened and closed by Renderer.
  std::string operator()(const ops::AutocommitBegin&) const { return ""; }
  std::string operator()(const ops::AutocommitEnd&) const { return ""; }
};

std::string Writer::operator()(const ops::BulkInsert& op) const {
  if (op.delete_rows) cannot(self, "the op API has no call that deletes rows (delete_rows)");
  const std::string pad(ctx.indent, ' ');
  std::string rows = "{\n";
  for (const auto& row : op.rows) {
    if (row.size() != op.columns.size()) cannot(self, "a row has the wrong number of values");
    std::string r;
    for (size_t i = 0; i < row.size(); ++i) {
      r += (i ? ", " : "") + key(op.columns[i]) + " = " + literal(row[i]);
    }
    rows += pad + "  {" + r + "},\n";
  }
  rows += pad + "}";
  std::string types = "nil";
  if (!op.types.empty()) {
    if (op.types.size() != op.columns.size()) cannot(self, "types do not match the columns");
    types = "{";
    for (size_t i = 0; i < op.types.size(); ++i) {
      if (!op.types[i]) continue;
      types += (types.size() > 1 ? ", " : "") + key(op.columns[i]) + " = " + type(*op.types[i]);
    }
    types += "}";
  }
  return make_call(ctx, "bulk_insert")
      .arg("table", quote(op.table))
      .arg("rows", rows)
      .opt("schema", str_or_nil(op.schema))
      .opt("columns", names(op.columns))
      .opt("types", types)
      .text(ctx.indent);
}

std::string Writer::operator()(const ops::BatchAlterTable& op) const {
  const std::string pad(ctx.indent, ' ');
  Options o(ops::op_spec("batch_alter_table"));
  o.set("schema", str_or_nil(op.schema));
  std::string out = pad + "op.batch_alter_table(" + quote(op.table) +
                    (o.empty() ? "" : ", " + o.text()) + ", function(batch)\n";
  Ctx inner{ctx.indent + 2, true, ctx.autocommit};
  for (const ops::TableOp& t : op.ops) {
    ops::Op as_op = ops::to_op(t);
    out += std::visit(Writer{as_op, inner}, as_op) + "\n";
  }
  return out + pad + "end)";
}

// A BulkInsert without rows, a BatchAlterTable without ops, an
// AlterSequence without changes: ops that make no statement, which the op
// API does not emit (or refuses).
bool is_noop(const ops::Op& op) {
  if (auto* b = std::get_if<ops::BulkInsert>(&op)) return b->rows.empty();
  if (auto* b = std::get_if<ops::BatchAlterTable>(&op)) return b->ops.empty();
  if (auto* a = std::get_if<ops::AlterSequence>(&op)) {
    return !a->increment && !a->minvalue && !a->maxvalue && !a->cache && !a->cycle && !a->restart;
  }
  return false;
}

class Renderer {
 public:
  explicit Renderer(int indent) : indent_(indent) {}

  void add(const ops::Op& op, const std::vector<std::string>& notes) {
    if (std::holds_alternative<ops::AutocommitEnd>(op)) {
      if (depth_ == 0) cannot(op, "autocommit end without a begin");
      --depth_;
      indent_ -= 2;
    }
    for (const std::string& note : notes) {
      size_t start = 0;
      while (true) {
        size_t nl = note.find('\n', start);
        std::string line = note.substr(start, nl == std::string::npos ? nl : nl - start);
        out_ += std::string(indent_, ' ') + (line.empty() ? "--" : "-- " + line) + "\n";
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
    }
    if (std::holds_alternative<ops::AutocommitEnd>(op)) {
      out_ += std::string(indent_, ' ') + "end)\n";
    } else if (std::holds_alternative<ops::AutocommitBegin>(op)) {
      out_ += std::string(indent_, ' ') + "op.autocommit_block(function()\n";
      ++depth_;
      indent_ += 2;
    } else if (!is_noop(op)) {
      out_ += std::visit(Writer{op, Ctx{indent_, false, depth_ > 0}}, op) + "\n";
    }
  }

  std::string finish() {
    if (depth_ != 0) cannot(ops::AutocommitBegin{}, "autocommit begin without an end");
    return std::move(out_);
  }

 private:
  int indent_;
  int depth_ = 0;
  std::string out_;
};

}  // namespace

std::string render_lua(const std::vector<ops::Op>& ops, int indent) {
  Renderer r(indent);
  for (const ops::Op& op : ops) r.add(op, {});
  return r.finish();
}

std::string render_lua(const std::vector<Change>& changes, int indent) {
  Renderer r(indent);
  for (const Change& c : changes) r.add(c.op, c.notes);
  return r.finish();
}

}  // namespace strata::autogen
