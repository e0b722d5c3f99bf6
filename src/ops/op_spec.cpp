// The op specification table (contract in op_spec.h). Entries follow the
// order of the reference in src/lua/op_api.h; option order within an entry
// is the order render_lua writes them in.
#include "ops/op_spec.h"

#include <string>

#include "strata/error.h"

namespace strata::ops {
namespace {

using K = SpecKind;

// Option shorthands: a key whose default is nil / false.
OptionSpec opt(std::string_view key, std::string_view field,
               std::vector<std::string_view> aliases = {}) {
  return {key, field, "nil", std::move(aliases)};
}
OptionSpec flag(std::string_view key, std::string_view field,
                std::vector<std::string_view> aliases = {}) {
  return {key, field, "false", std::move(aliases)};
}
// A key the parser requires (no default).
OptionSpec required(std::string_view key, std::string_view field) {
  return {key, field, "", {}, true};
}

// The sequence options shared by create_sequence, drop_sequence's `dropped`
// and alter_sequence's `existing` (all CreateSequence members).
std::vector<OptionSpec> sequence_options() {
  return {
      opt("start", "CreateSequence::start"),       opt("increment", "CreateSequence::increment"),
      opt("minvalue", "CreateSequence::minvalue"), opt("maxvalue", "CreateSequence::maxvalue"),
      opt("cache", "CreateSequence::cache"),       flag("cycle", "CreateSequence::cycle")};
}

// The existing_* facts of op.alter_column (and the batch method).
std::vector<OptionSpec> alter_column_options(bool with_schema) {
  std::vector<OptionSpec> o;
  if (with_schema) o.push_back(opt("schema", "AlterColumn::schema"));
  for (OptionSpec s : std::vector<OptionSpec>{
           opt("nullable", "AlterColumn::nullable"), opt("type_", "AlterColumn::type", {"type"}),
           opt("server_default", "AlterColumn::server_default (false: drop)"),
           opt("new_column_name", "AlterColumn::new_column_name"),
           opt("comment", "AlterColumn::comment (false: remove)"),
           opt("identity", "AlterColumn::identity (false: drop)"),
           opt("postgresql_using", "AlterColumn::using_expr"),
           opt("existing_type", "AlterColumn::existing_type"),
           opt("existing_nullable", "AlterColumn::existing_nullable"),
           opt("existing_server_default", "AlterColumn::existing_server_default (false: none)"),
           opt("existing_comment", "AlterColumn::existing_comment (false: none)"),
           opt("existing_autoincrement", "AlterColumn::existing_autoincrement"),
           opt("existing_identity", "AlterColumn::existing_identity (false: none)"),
           flag("online", "AlterColumn::online")}) {
    o.push_back(std::move(s));
  }
  return o;
}

std::vector<OptionSpec> drop_column_options(bool with_schema) {
  std::vector<OptionSpec> o;
  if (with_schema) o.push_back(opt("schema", "DropColumn::schema"));
  o.push_back(flag("if_exists", "DropColumn::if_exists"));
  o.push_back(opt("existing_type", "DropColumn::dropped->type"));
  o.push_back({"existing_nullable", "DropColumn::dropped->nullable", "true", {}});
  o.push_back(opt("existing_server_default", "DropColumn::dropped->server_default (false: none)"));
  o.push_back(opt("existing_comment", "DropColumn::dropped->comment (false: none)"));
  return o;
}

std::vector<OptionSpec> fk_options(bool source_schema) {
  std::vector<OptionSpec> o;
  if (source_schema) o.push_back(opt("source_schema", "AddConstraint::schema"));
  o.push_back(opt("referent_schema", "ForeignKey::ref_schema"));
  o.push_back(opt("ondelete", "ForeignKey::ondelete"));
  o.push_back(opt("onupdate", "ForeignKey::onupdate"));
  o.push_back(opt("deferrable", "ForeignKey::deferrable"));
  o.push_back(opt("initially", "ForeignKey::initially"));
  o.push_back(opt("match", "ForeignKey::match"));
  o.push_back(flag("not_valid", "AddConstraint::not_valid"));
  return o;
}

std::vector<OptionSpec> create_index_options(bool with_schema) {
  std::vector<OptionSpec> o;
  if (with_schema) o.push_back(opt("schema", "Index::schema"));
  o.push_back(flag("unique", "Index::unique"));
  o.push_back(opt("where", "Index::where", {"postgresql_where", "sqlite_where"}));
  o.push_back(opt("include", "Index::include", {"postgresql_include"}));
  o.push_back(opt("using", "Index::method", {"postgresql_using"}));
  o.push_back(opt("ops", "IndexElement::opclass", {"postgresql_ops"}));
  o.push_back(flag("if_not_exists", "CreateIndex::if_not_exists"));
  o.push_back(flag("concurrently", "CreateIndex::concurrently", {"postgresql_concurrently"}));
  return o;
}

std::vector<OptionSpec> drop_index_options(bool with_table_and_schema) {
  std::vector<OptionSpec> o;
  if (with_table_and_schema) {
    o.push_back(opt("table", "DropIndex::table"));
    o.push_back(opt("schema", "DropIndex::schema"));
  }
  o.push_back(flag("if_exists", "DropIndex::if_exists"));
  o.push_back(flag("concurrently", "DropIndex::concurrently", {"postgresql_concurrently"}));
  o.push_back(opt("columns", "DropIndex::dropped->elements"));
  o.push_back(flag("unique", "DropIndex::dropped->unique"));
  o.push_back(opt("where", "DropIndex::dropped->where", {"postgresql_where", "sqlite_where"}));
  o.push_back(opt("include", "DropIndex::dropped->include", {"postgresql_include"}));
  o.push_back(opt("using", "DropIndex::dropped->method", {"postgresql_using"}));
  o.push_back(opt("ops", "DropIndex::dropped->elements[].opclass", {"postgresql_ops"}));
  return o;
}

std::vector<OptionSpec> drop_constraint_options(bool with_schema) {
  std::vector<OptionSpec> o;
  o.push_back(opt("type_", "DropConstraint::type (implied by dropped)"));
  if (with_schema) o.push_back(opt("schema", "DropConstraint::schema"));
  o.push_back(flag("if_exists", "DropConstraint::if_exists"));
  o.push_back(opt("dropped", "DropConstraint::dropped (a constraint value)"));
  return o;
}

std::vector<OpSpec> build() {
  std::vector<OpSpec> s;
  // ---- statements, schemas, sequences, enums, data ----
  s.push_back({K::kOp,
               "execute",
               "Execute",
               {{"stmt", "Execute::sql / per_dialect"}},
               {opt("reverse", "Execute::reverse_sql / reverse_per_dialect")}});
  s.push_back({K::kTable,
               "execute.stmt",
               "Execute",
               {{"sql", "Execute::sql (as the sql key)"}},
               {opt("sql", "Execute::sql"), opt("postgresql", "Execute::per_dialect"),
                opt("sqlite", "Execute::per_dialect"), opt("mssql", "Execute::per_dialect"),
                opt("mysql", "Execute::per_dialect"), opt("mariadb", "Execute::per_dialect")}});
  s.push_back({K::kOp,
               "create_schema",
               "CreateSchema",
               {{"name", "CreateSchema::name"}},
               {flag("if_not_exists", "CreateSchema::if_not_exists")}});
  s.push_back(
      {K::kOp,
       "drop_schema",
       "DropSchema",
       {{"name", "DropSchema::name"}},
       {flag("if_exists", "DropSchema::if_exists"), flag("cascade", "DropSchema::cascade")}});
  {
    OpSpec create{K::kOp,
                  "create_sequence",
                  "CreateSequence",
                  {{"name", "CreateSequence::name"}},
                  {opt("schema", "CreateSequence::schema")}};
    for (OptionSpec o : sequence_options()) create.options.push_back(std::move(o));
    create.options.push_back(flag("if_not_exists", "CreateSequence::if_not_exists"));
    s.push_back(std::move(create));
  }
  s.push_back({K::kOp,
               "drop_sequence",
               "DropSequence",
               {{"name", "DropSequence::name"}},
               {opt("schema", "DropSequence::schema"), flag("if_exists", "DropSequence::if_exists"),
                opt("dropped", "DropSequence::dropped")}});
  s.push_back({K::kTable, "drop_sequence.dropped", "CreateSequence", {}, sequence_options()});
  s.push_back(
      {K::kOp,
       "alter_sequence",
       "AlterSequence",
       {{"name", "AlterSequence::name"}},
       {opt("schema", "AlterSequence::schema"), opt("increment", "AlterSequence::increment"),
        opt("minvalue", "AlterSequence::minvalue (false: NO MINVALUE)"),
        opt("maxvalue", "AlterSequence::maxvalue (false: NO MAXVALUE)"),
        opt("cache", "AlterSequence::cache"), opt("cycle", "AlterSequence::cycle"),
        opt("restart", "AlterSequence::restart"), opt("existing", "AlterSequence::existing")}});
  s.push_back({K::kTable, "alter_sequence.existing", "CreateSequence", {}, sequence_options()});
  s.push_back(
      {K::kOp,
       "create_enum",
       "CreateEnum",
       {{"name", "CreateEnum::name"}, {"values", "CreateEnum::values"}},
       {opt("schema", "CreateEnum::schema"), flag("if_not_exists", "CreateEnum::if_not_exists")}});
  s.push_back({K::kOp,
               "drop_enum",
               "DropEnum",
               {{"name", "DropEnum::name"}},
               {opt("schema", "DropEnum::schema"), flag("if_exists", "DropEnum::if_exists"),
                opt("dropped", "DropEnum::dropped (the values)")}});
  s.push_back({K::kOp,
               "alter_enum",
               "AlterEnum",
               {{"name", "AlterEnum::name"}, {"values", "AlterEnum::values"}},
               {opt("schema", "AlterEnum::schema"),
                required("existing_values", "AlterEnum::existing_values"),
                {"columns", "AlterEnum::columns", "{}", {}}}});
  s.push_back(
      {K::kTable,
       "alter_enum.columns",
       "EnumColumn",
       {},
       {required("table", "EnumColumn::table"), required("column", "EnumColumn::column"),
        opt("schema", "EnumColumn::schema"), opt("server_default", "EnumColumn::server_default")}});
  s.push_back({K::kOp,
               "bulk_insert",
               "BulkInsert",
               {{"table", "BulkInsert::table"}, {"rows", "BulkInsert::rows"}},
               {opt("schema", "BulkInsert::schema"), opt("columns", "BulkInsert::columns"),
                opt("types", "BulkInsert::types")}});
  s.push_back({K::kHelper, "query", "", {{"sql", ""}}, {}});
  s.push_back({K::kHelper, "x", "", {{"key", ""}, {"default", "", true}}, {}});

  // ---- tables and columns ----
  s.push_back({K::kOp,
               "create_table",
               "CreateTable",
               {{"name", "Table::name"}, {"items", "Table::columns / constraints", false, true}},
               {opt("schema", "Table::schema"), opt("comment", "Table::comment"),
                flag("if_not_exists", "CreateTable::if_not_exists")}});
  s.push_back({K::kOp,
               "drop_table",
               "DropTable",
               {{"name", "DropTable::name"},
                {"items", "DropTable::dropped->columns / constraints", false, true}},
               {opt("schema", "DropTable::schema"), flag("if_exists", "DropTable::if_exists"),
                opt("comment", "DropTable::dropped->comment")}});
  s.push_back({K::kOp,
               "rename_table",
               "RenameTable",
               {{"old", "RenameTable::old_name"}, {"new", "RenameTable::new_name"}},
               {opt("schema", "RenameTable::schema")}});
  s.push_back({K::kOp,
               "move_table",
               "MoveTable",
               {{"name", "MoveTable::name"}},
               {opt("schema", "MoveTable::schema"), opt("new_schema", "MoveTable::new_schema"),
                opt("new_name", "MoveTable::new_name")}});
  s.push_back({K::kOp,
               "create_table_comment",
               "SetTableComment",
               {{"table", "SetTableComment::table"}, {"comment", "SetTableComment::comment"}},
               {opt("schema", "SetTableComment::schema"),
                opt("existing_comment", "SetTableComment::existing_comment (false: none)")}});
  s.push_back({K::kOp,
               "drop_table_comment",
               "SetTableComment",
               {{"table", "SetTableComment::table"}},
               {opt("schema", "SetTableComment::schema"),
                opt("existing_comment", "SetTableComment::existing_comment (false: none)")}});
  s.push_back(
      {K::kOp,
       "add_column",
       "AddColumn",
       {{"table", "AddColumn::table"}, {"column", "AddColumn::column"}},
       {opt("schema", "AddColumn::schema"), flag("if_not_exists", "AddColumn::if_not_exists")}});
  s.push_back({K::kOp,
               "drop_column",
               "DropColumn",
               {{"table", "DropColumn::table"}, {"column_name", "DropColumn::column"}},
               drop_column_options(true)});
  s.push_back({K::kOp,
               "alter_column",
               "AlterColumn",
               {{"table", "AlterColumn::table"}, {"column_name", "AlterColumn::column"}},
               alter_column_options(true)});
  s.push_back({K::kOp,
               "rename_column",
               "RenameColumn",
               {{"table", "RenameColumn::table"},
                {"old", "RenameColumn::old_name"},
                {"new", "RenameColumn::new_name"}},
               {opt("schema", "RenameColumn::schema")}});

  // ---- constraints and indexes ----
  s.push_back({K::kOp,
               "create_primary_key",
               "AddConstraint",
               {{"name", "PrimaryKey::name", true},
                {"table", "AddConstraint::table"},
                {"cols", "PrimaryKey::columns"}},
               {opt("schema", "AddConstraint::schema")}});
  s.push_back({K::kOp,
               "create_unique_constraint",
               "AddConstraint",
               {{"name", "UniqueConstraint::name", true},
                {"table", "AddConstraint::table"},
                {"cols", "UniqueConstraint::columns"}},
               {opt("schema", "AddConstraint::schema")}});
  s.push_back({K::kOp,
               "create_check_constraint",
               "AddConstraint",
               {{"name", "CheckConstraint::name", true},
                {"table", "AddConstraint::table"},
                {"sql", "CheckConstraint::sqltext"}},
               {opt("schema", "AddConstraint::schema"),
                flag("not_valid", "AddConstraint::not_valid")}});
  s.push_back({K::kOp,
               "validate_constraint",
               "ValidateConstraint",
               {{"table", "ValidateConstraint::table"}, {"name", "ValidateConstraint::name"}},
               {opt("schema", "ValidateConstraint::schema")}});
  s.push_back({K::kOp,
               "create_foreign_key",
               "AddConstraint",
               {{"name", "ForeignKey::name", true},
                {"source_table", "AddConstraint::table"},
                {"referent_table", "ForeignKey::ref_table"},
                {"local_cols", "ForeignKey::columns"},
                {"remote_cols", "ForeignKey::ref_columns"}},
               fk_options(true)});
  s.push_back({K::kOp,
               "drop_constraint",
               "DropConstraint",
               {{"name", "DropConstraint::name"}, {"table", "DropConstraint::table"}},
               drop_constraint_options(true)});
  s.push_back(
      {K::kOp,
       "rename_constraint",
       "RenameConstraint",
       {{"table", "RenameConstraint::table"},
        {"old", "RenameConstraint::old_name"},
        {"new", "RenameConstraint::new_name"}},
       {opt("schema", "RenameConstraint::schema"), opt("type_", "RenameConstraint::type")}});
  s.push_back({K::kOp,
               "create_index",
               "CreateIndex",
               {{"name", "Index::name"}, {"table", "Index::table"}, {"cols", "Index::elements"}},
               create_index_options(true)});
  s.push_back({K::kOp,
               "drop_index",
               "DropIndex",
               {{"name", "DropIndex::name"}, {"table", "DropIndex::table", true}},
               drop_index_options(true)});
  s.push_back({K::kOp,
               "rename_index",
               "RenameIndex",
               {{"old", "RenameIndex::old_name"}, {"new", "RenameIndex::new_name"}},
               {opt("table", "RenameIndex::table"), opt("schema", "RenameIndex::schema")}});

  // ---- blocks ----
  s.push_back({K::kBlock,
               "batch_alter_table",
               "BatchAlterTable",
               {{"table", "BatchAlterTable::table"}, {"fn", "BatchAlterTable::ops"}},
               {opt("schema", "BatchAlterTable::schema")}});
  s.push_back({K::kBlock,
               "autocommit_block",
               "AutocommitBegin",
               {{"fn", "AutocommitBegin ... AutocommitEnd"}},
               {}});
  s.push_back({K::kHelper, "reverse_upgrade", "", {}, {}});

  // ---- values ----
  s.push_back({K::kValue,
               "column",
               "Column",
               {{"name", "Column::name"}, {"type", "Column::type"}},
               {flag("primary_key", "Column::primary_key"),
                {"nullable", "Column::nullable", "not (primary_key or identity)", {}},
                flag("unique", "Column::unique"),
                opt("server_default", "Column::server_default"),
                opt("autoincrement", "Column::autoincrement"),
                opt("comment", "Column::comment"),
                opt("foreign_key", "Table::foreign_keys (a ForeignKey on this column)"),
                opt("identity", "Column::identity")}});
  s.push_back(
      {K::kTable,
       "column.foreign_key",
       "ForeignKey",
       {{"target", "\"[schema.]table.col\": ForeignKey::ref_schema/ref_table/ref_columns"}},
       {opt("name", "ForeignKey::name"), opt("ondelete", "ForeignKey::ondelete"),
        opt("onupdate", "ForeignKey::onupdate"), opt("deferrable", "ForeignKey::deferrable"),
        opt("initially", "ForeignKey::initially"), opt("match", "ForeignKey::match")}});
  s.push_back({K::kTable,
               "column.identity",
               "Identity",
               {},
               {flag("always", "Identity::always"), opt("start", "Identity::start"),
                opt("increment", "Identity::increment"), opt("minvalue", "Identity::minvalue"),
                opt("maxvalue", "Identity::maxvalue"), opt("cache", "Identity::cache"),
                flag("cycle", "Identity::cycle")}});
  s.push_back(
      {K::kValue,
       "foreign_key_constraint",
       "ForeignKey",
       {{"cols", "ForeignKey::columns"},
        {"table", "ForeignKey::[ref_schema.]ref_table"},
        {"ref_cols", "ForeignKey::ref_columns"}},
       {opt("name", "ForeignKey::name"), opt("ondelete", "ForeignKey::ondelete"),
        opt("onupdate", "ForeignKey::onupdate"), opt("deferrable", "ForeignKey::deferrable"),
        opt("initially", "ForeignKey::initially"), opt("match", "ForeignKey::match"),
        opt("referent_schema", "ForeignKey::ref_schema")}});
  s.push_back({K::kValue,
               "check_constraint",
               "CheckConstraint",
               {{"sql", "CheckConstraint::sqltext"}},
               {opt("name", "CheckConstraint::name")}});
  s.push_back({K::kValue,
               "unique_constraint",
               "UniqueConstraint",
               {{"cols", "UniqueConstraint::columns"}},
               {opt("name", "UniqueConstraint::name")}});
  s.push_back({K::kValue,
               "primary_key_constraint",
               "PrimaryKey",
               {{"cols", "PrimaryKey::columns"}},
               {opt("name", "PrimaryKey::name")}});
  s.push_back({K::kValue, "text", "", {{"sql", "an SQL expression"}}, {}});
  s.push_back({K::kHelper, "f", "", {{"name", ""}}, {}});

  // ---- batch methods (schema and table are the batch's) ----
  s.push_back({K::kBatchMethod,
               "add_column",
               "AddColumn",
               {{"column", "AddColumn::column"}},
               {flag("if_not_exists", "AddColumn::if_not_exists")}});
  s.push_back({K::kBatchMethod,
               "drop_column",
               "DropColumn",
               {{"name", "DropColumn::column"}},
               drop_column_options(false)});
  s.push_back({K::kBatchMethod,
               "alter_column",
               "AlterColumn",
               {{"name", "AlterColumn::column"}},
               alter_column_options(false)});
  s.push_back({K::kBatchMethod,
               "create_primary_key",
               "AddConstraint",
               {{"name", "PrimaryKey::name", true}, {"cols", "PrimaryKey::columns"}},
               {}});
  s.push_back({K::kBatchMethod,
               "create_unique_constraint",
               "AddConstraint",
               {{"name", "UniqueConstraint::name", true}, {"cols", "UniqueConstraint::columns"}},
               {}});
  s.push_back({K::kBatchMethod,
               "create_check_constraint",
               "AddConstraint",
               {{"name", "CheckConstraint::name", true}, {"sql", "CheckConstraint::sqltext"}},
               {flag("not_valid", "AddConstraint::not_valid")}});
  s.push_back({K::kBatchMethod,
               "create_foreign_key",
               "AddConstraint",
               {{"name", "ForeignKey::name", true},
                {"referent_table", "ForeignKey::ref_table"},
                {"local", "ForeignKey::columns"},
                {"remote", "ForeignKey::ref_columns"}},
               fk_options(false)});
  s.push_back({K::kBatchMethod,
               "drop_constraint",
               "DropConstraint",
               {{"name", "DropConstraint::name"}},
               drop_constraint_options(false)});
  s.push_back({K::kBatchMethod,
               "create_index",
               "CreateIndex",
               {{"name", "Index::name"}, {"cols", "Index::elements"}},
               create_index_options(false)});
  s.push_back({K::kBatchMethod,
               "drop_index",
               "DropIndex",
               {{"name", "DropIndex::name"}},
               drop_index_options(false)});
  return s;
}

const OpSpec& need(SpecKind kind, std::string_view name, const char* what) {
  if (const OpSpec* s = find_op_spec(kind, name)) return *s;
  throw Error(ErrorCode::kInternal,
              std::string("no op specification for ") + what + std::string(name));
}

}  // namespace

const OptionSpec* OpSpec::option(std::string_view key) const {
  for (const OptionSpec& o : options) {
    if (o.key == key) return &o;
  }
  return nullptr;
}

const std::vector<OpSpec>& op_specs() {
  static const std::vector<OpSpec> specs = build();
  return specs;
}

const OpSpec* find_op_spec(SpecKind kind, std::string_view name) {
  for (const OpSpec& s : op_specs()) {
    if (s.kind == kind && s.name == name) return &s;
  }
  return nullptr;
}

const OpSpec& op_spec(std::string_view name) {
  for (SpecKind kind : {K::kOp, K::kValue, K::kBlock, K::kHelper}) {
    if (const OpSpec* s = find_op_spec(kind, name)) return *s;
  }
  return need(K::kOp, name, "op.");
}

const OpSpec& batch_spec(std::string_view name) { return need(K::kBatchMethod, name, "batch:"); }
const OpSpec& table_spec(std::string_view name) { return need(K::kTable, name, "option table "); }

}  // namespace strata::ops
