// The op matrix's cases: for every op kind of ops/ops.h (except op.execute
// without a reverse and drop_schema, which have none) one or more forward op
// sequences over the fixture (op_matrix_fixture.h), and what each dialect
// must do with them: change the catalog, legitimately leave it unchanged
// (comments on SQLite), change only rows (bulk_insert), or refuse with a
// clear error (what the dialect cannot express).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "integration/op_matrix_fixture.h"

namespace strata::testing::op_matrix {

struct Expect {
  enum class Kind { kChanges, kNoCatalogChange, kRowsOnly, kFails };
  Kind kind = Kind::kChanges;
  std::vector<std::string> error;  // kFails: substrings of the error message
};

inline Expect changes() { return {}; }
inline Expect no_catalog_change() { return {Expect::Kind::kNoCatalogChange, {}}; }
inline Expect rows_only() { return {Expect::Kind::kRowsOnly, {}}; }
inline Expect fails(std::vector<std::string> error) { return {Expect::Kind::kFails, std::move(error)}; }

struct Ctx {
  const Names& n;
  const dialect::Dialect& d;
};

struct Case {
  std::string name;
  std::function<std::vector<ops::Op>(const Ctx&)> forward;
  // Per dialect name; unset = changes() everywhere.
  std::function<Expect(const std::string&)> expect;
  bool compare_child_rows = false;  // bulk_insert: the child table's rows too
};

inline Expect on_sqlite(const std::string& dialect, Expect sqlite) {
  return dialect == "sqlite" ? sqlite : changes();
}

inline ops::AlterColumn alter_qty(const Names& n) {
  return ops::AlterColumn{.schema = n.schema, .table = n.child, .column = n.qty,
                          .existing_type = integer(), .existing_nullable = false,
                          .existing_server_default = std::optional<model::ServerDefault>(
                              model::ServerDefault{"1"}),
                          .existing_comment = std::optional<std::string>()};
}

inline ops::AlterColumn alter_note(const Names& n) {
  return ops::AlterColumn{.schema = n.schema, .table = n.child, .column = n.note,
                          .existing_type = string(100), .existing_nullable = true,
                          .existing_server_default = std::optional<model::ServerDefault>(),
                          .existing_comment = std::optional<std::string>("a note")};
}

inline model::Table gadgets_table(const Names& n, const dialect::Dialect& d) {
  model::Table t{.schema = n.schema, .name = n.gadgets};
  model::Column id = col(n.id, integer(), false);
  id.primary_key = true;
  model::Column label = col(n.name, string(30), false);
  label.server_default = model::ServerDefault{"none"};
  label.comment = "the label";
  t.columns = {id, col(n.parent_id, integer()), label,
               col("price", Type{.kind = Kind::kNumeric, .precision = 10, .scale = 2}),
               col("made", Type{.kind = Kind::kDateTime})};
  t.uniques = {{.name = n.constraint2, .columns = {n.name}}};
  t.checks = {{.name = n.constraint2 + " ck", .sqltext = "price >= 0"}};
  model::ForeignKey fk = child_fk(n);
  fk.name = n.constraint2 + " fk";
  t.foreign_keys = {fk};
  t.comment = "gadgets";
  return t;
}

inline std::vector<Case> all_cases() {
  using namespace ops;
  using S = std::vector<Op>;
  auto sqlite_no_sequences = [](const std::string& d) {
    return d == "sqlite" ? fails({"SQLite has no sequences"}) : changes();
  };
  auto mysql_fails = [](std::vector<std::string> error) {
    return [error](const std::string& d) { return d == "mysql" ? fails(error) : changes(); };
  };
  std::vector<Case> c;
  c.push_back({"create_schema", [](const Ctx& x) { return S{CreateSchema{.name = x.n.fresh}}; }});
  c.push_back({"create_table", [](const Ctx& x) {
                 return S{CreateTable{.table = gadgets_table(x.n, x.d)}};
               }});
  c.push_back({"drop_table", [](const Ctx& x) {
                 return S{DropTable{.schema = x.n.schema, .name = x.n.log, .dropped = log_table(x.n)}};
               }});
  c.push_back({"add_column", [](const Ctx& x) {
                 model::Column extra = col(x.n.extra, string(20));
                 extra.server_default = model::ServerDefault{"x"};
                 extra.comment = "extra";
                 return S{AddColumn{.schema = x.n.schema, .table = x.n.child, .column = extra}};
               }});
  c.push_back({"drop_column", [](const Ctx& x) {
                 return S{DropColumn{.schema = x.n.schema, .table = x.n.child, .column = x.n.note,
                                     .dropped = note_column(x.n)}};
               }});
  c.push_back({"alter_column_type", [](const Ctx& x) {
                 AlterColumn a = alter_qty(x.n);
                 a.type = Type{.kind = Kind::kBigInteger};
                 return S{a};
               }});
  c.push_back({"alter_column_nullable", [](const Ctx& x) {
                 AlterColumn a = alter_note(x.n);
                 a.nullable = false;
                 return S{a};
               }});
  c.push_back({"alter_column_default", [](const Ctx& x) {
                 AlterColumn a = alter_qty(x.n);
                 a.server_default = std::optional<model::ServerDefault>(model::ServerDefault{"7"});
                 return S{a};
               }});
  c.push_back({"alter_column_drop_default", [](const Ctx& x) {
                 AlterColumn a = alter_qty(x.n);
                 a.server_default = std::optional<model::ServerDefault>();
                 return S{a};
               }});
  c.push_back({"alter_column_comment",
               [](const Ctx& x) {
                 AlterColumn a = alter_note(x.n);
                 a.comment = std::optional<std::string>("changed");
                 return S{a};
               },
               [](const std::string& d) { return on_sqlite(d, no_catalog_change()); }});
  c.push_back({"alter_column_rename", [](const Ctx& x) {
                 AlterColumn a = alter_note(x.n);
                 a.new_column_name = x.n.renamed;
                 return S{a};
               }});
  c.push_back({"alter_column_everything", [](const Ctx& x) {
                 AlterColumn a = alter_note(x.n);
                 a.type = string(200);
                 a.nullable = false;
                 a.server_default = std::optional<model::ServerDefault>(model::ServerDefault{"d"});
                 a.comment = std::optional<std::string>("c2");
                 a.new_column_name = x.n.renamed;
                 return S{a};
               }});
  c.push_back({"rename_column", [](const Ctx& x) {
                 return S{RenameColumn{.schema = x.n.schema, .table = x.n.child,
                                       .old_name = x.n.note, .new_name = x.n.renamed}};
               }});
  c.push_back({"create_primary_key", [](const Ctx& x) {
                 return S{AddConstraint{.schema = x.n.schema, .table = x.n.links,
                                        .constraint = model::PrimaryKey{.name = x.n.constraint2,
                                                                        .columns = {x.n.a, x.n.b}}}};
               }});
  c.push_back({"create_unique_constraint", [](const Ctx& x) {
                 return S{AddConstraint{.schema = x.n.schema, .table = x.n.child,
                                        .constraint = model::UniqueConstraint{
                                            .name = x.n.constraint2, .columns = {x.n.note}}}};
               }});
  c.push_back({"create_check_constraint", [](const Ctx& x) {
                 return S{AddConstraint{.schema = x.n.schema, .table = x.n.child,
                                        .constraint = model::CheckConstraint{
                                            .name = x.n.constraint2,
                                            .sqltext = x.d.quote(x.n.qty) + " < 1000"}}};
               }});
  // Online form (PostgreSQL): added NOT VALID, then validated; the other
  // dialects add it plainly and render nothing for the validation.
  c.push_back({"create_check_constraint_not_valid_then_validate", [](const Ctx& x) {
                 return S{AddConstraint{.schema = x.n.schema, .table = x.n.child,
                                        .constraint = model::CheckConstraint{
                                            .name = x.n.constraint2,
                                            .sqltext = x.d.quote(x.n.qty) + " < 1000"},
                                        .not_valid = true},
                          ValidateConstraint{.schema = x.n.schema, .table = x.n.child,
                                             .name = x.n.constraint2}};
               }});
  c.push_back({"create_foreign_key", [](const Ctx& x) {
                 model::ForeignKey fk{.name = x.n.constraint2, .columns = {x.n.a},
                                      .ref_schema = x.n.schema, .ref_table = x.n.parent,
                                      .ref_columns = {x.n.id}, .onupdate = "CASCADE"};
                 return S{AddConstraint{.schema = x.n.schema, .table = x.n.links, .constraint = fk}};
               }});
  c.push_back({"drop_constraint_primary_key", [](const Ctx& x) {
                 return S{DropConstraint{.schema = x.n.schema, .table = x.n.log, .name = x.n.pk_log,
                                         .type = ConstraintType::kPrimaryKey,
                                         .dropped = *log_table(x.n).primary_key}};
               }});
  // SQLite rebuilds the table; the parent is referenced ON DELETE CASCADE,
  // which the rebuild refuses with foreign keys on (dialect/sqlite/rebuild/rebuild.h).
  c.push_back({"drop_constraint_unique",
               [](const Ctx& x) {
                 return S{DropConstraint{.schema = x.n.schema, .table = x.n.parent,
                                         .name = x.n.uq_parent_name, .type = ConstraintType::kUnique,
                                         .dropped = parent_table(x.n).uniques[0]}};
               },
               [](const std::string& d) {
                 return on_sqlite(d, fails({"refused: PRAGMA foreign_keys is ON",
                                            "references it with ON DELETE CASCADE"}));
               }});
  c.push_back({"drop_constraint_unique_unreferenced", [](const Ctx& x) {
                 return S{DropConstraint{.schema = x.n.schema, .table = x.n.links,
                                         .name = x.n.uq_links_b, .type = ConstraintType::kUnique,
                                         .dropped = links_table(x.n).uniques[0]}};
               }});
  c.push_back({"drop_constraint_check", [](const Ctx& x) {
                 return S{DropConstraint{.schema = x.n.schema, .table = x.n.child,
                                         .name = x.n.ck_child_qty, .type = ConstraintType::kCheck,
                                         .dropped = child_check(x.n, x.d)}};
               }});
  c.push_back({"drop_constraint_foreign_key", [](const Ctx& x) {
                 return S{DropConstraint{.schema = x.n.schema, .table = x.n.child,
                                         .name = x.n.fk_child_parent,
                                         .type = ConstraintType::kForeignKey,
                                         .dropped = child_fk(x.n)}};
               }});
  auto rename_constraint = [](std::string table_of, std::string name_of, ConstraintType type) {
    return [=](const Ctx& x) {
      const std::string& table = table_of == "parent" ? x.n.parent : x.n.child;
      const std::string& name = name_of == "uq" ? x.n.uq_parent_name
                                : name_of == "ck" ? x.n.ck_child_qty
                                                  : x.n.fk_child_parent;
      return S{RenameConstraint{.schema = x.n.schema, .table = table, .old_name = name,
                                .new_name = x.n.constraint2, .type = type}};
    };
  };
  c.push_back({"rename_constraint_unique", rename_constraint("parent", "uq", ConstraintType::kUnique)});
  c.push_back({"rename_constraint_check", rename_constraint("child", "ck", ConstraintType::kCheck)});
  c.push_back({"rename_constraint_foreign_key",
               rename_constraint("child", "fk", ConstraintType::kForeignKey)});
  c.push_back({"create_index", [](const Ctx& x) {
                 return S{CreateIndex{.index = {.name = x.n.index2, .schema = x.n.schema,
                                                .table = x.n.child,
                                                .elements = {{x.n.note, false}, {x.n.qty, false}}}}};
               }});
  c.push_back({"create_index_unique_partial",
               [](const Ctx& x) {
                 return S{CreateIndex{.index = {.name = x.n.index2, .schema = x.n.schema,
                                                .table = x.n.child, .elements = {{x.n.note, false}},
                                                .unique = true,
                                                .where = x.d.quote(x.n.qty) + " > 0"}}};
               },
               mysql_fails({"a partial index (where ", "is not supported on MySQL/MariaDB"})});
  c.push_back({"create_index_expression",
               [](const Ctx& x) {
                 return S{CreateIndex{.index = {.name = x.n.index2, .schema = x.n.schema,
                                                .table = x.n.child,
                                                .elements = {{"lower(" + x.d.quote(x.n.note) + ")", true}}}}};
               },
               mysql_fails({"an index expression (lower(", "is not supported on MySQL/MariaDB"})});
  c.push_back({"autocommit_block_create_index_concurrently", [](const Ctx& x) {
                 return S{AutocommitBegin{},
                          CreateIndex{.index = {.name = x.n.index2, .schema = x.n.schema,
                                                .table = x.n.child, .elements = {{x.n.note, false}}},
                                      .concurrently = true},
                          AutocommitEnd{}};
               }});
  c.push_back({"drop_index", [](const Ctx& x) {
                 return S{DropIndex{.name = x.n.ix_child_qty, .schema = x.n.schema,
                                    .table = x.n.child, .dropped = child_index(x.n)}};
               }});
  c.push_back({"rename_index", [](const Ctx& x) {
                 return S{RenameIndex{.schema = x.n.schema, .table = x.n.child,
                                      .old_name = x.n.ix_child_qty, .new_name = x.n.index2}};
               }});
  c.push_back({"rename_table", [](const Ctx& x) {
                 return S{RenameTable{.schema = x.n.schema, .old_name = x.n.child,
                                      .new_name = x.n.renamed}};
               }});
  c.push_back({"move_table", [](const Ctx& x) {
                 return S{MoveTable{.schema = x.n.schema, .name = x.n.log, .new_schema = x.n.other}};
               }});
  c.push_back({"move_table_and_rename", [](const Ctx& x) {
                 return S{MoveTable{.schema = x.n.schema, .name = x.n.log, .new_schema = x.n.other,
                                    .new_name = x.n.renamed}};
               }});
  // The child has an index, a check and a foreign key to the parent, which
  // stays behind: SQLite cannot keep a foreign key across database files.
  c.push_back({"move_table_with_keys",
               [](const Ctx& x) {
                 return S{MoveTable{.schema = x.n.schema, .name = x.n.child, .new_schema = x.n.other}};
               },
               [](const std::string& d) {
                 return on_sqlite(d, fails({"SQLite foreign keys cannot cross database files"}));
               }});
  c.push_back({"create_table_comment",
               [](const Ctx& x) {
                 return S{SetTableComment{.schema = x.n.schema, .table = x.n.parent, .comment = "new",
                                          .existing_comment = std::optional<std::string>("parents")}};
               },
               [](const std::string& d) { return on_sqlite(d, no_catalog_change()); }});
  c.push_back({"drop_table_comment",
               [](const Ctx& x) {
                 return S{SetTableComment{.schema = x.n.schema, .table = x.n.parent,
                                          .comment = std::nullopt,
                                          .existing_comment = std::optional<std::string>("parents")}};
               },
               [](const std::string& d) { return on_sqlite(d, no_catalog_change()); }});
  c.push_back({"create_sequence",
               [](const Ctx& x) {
                 return S{CreateSequence{.schema = x.n.schema, .name = x.n.renamed, .start = 10,
                                         .increment = 3, .minvalue = 1, .maxvalue = 1000,
                                         .cache = 5, .cycle = true}};
               },
               sqlite_no_sequences});
  c.push_back({"drop_sequence",
               [](const Ctx& x) {
                 return S{DropSequence{.schema = x.n.schema, .name = x.n.seq,
                                       .dropped = fixture_sequence(x.n)}};
               },
               sqlite_no_sequences});
  // The fixture's sequence was created without CACHE: the database's default
  // (1 on PostgreSQL, 1000 on MariaDB) is the existing fact.
  c.push_back({"alter_sequence",
               [](const Ctx& x) {
                 CreateSequence was = fixture_sequence(x.n);
                 was.cache = x.d.name() == "mysql" ? 1000 : 1;
                 return S{AlterSequence{.schema = x.n.schema, .name = x.n.seq, .increment = 7,
                                        .minvalue = std::optional<long long>(2),
                                        .maxvalue = std::optional<long long>(5000),
                                        .cache = 3, .cycle = true, .existing = was}};
               },
               sqlite_no_sequences});
  // Enum types (PostgreSQL only): the other dialects refuse the first op.
  auto enums_fail = [](const std::string& d) {
    if (d == "sqlite") return fails({"SQLite has no enum types"});
    if (d == "mysql") return fails({"mysql has no enum types"});
    return changes();
  };
  c.push_back({"create_enum",
               [](const Ctx& x) {
                 return S{CreateEnum{.schema = x.n.schema, .name = x.n.renamed,
                                     .values = {"a", "it's \"b\"", "ü"}}};
               },
               enums_fail});
  c.push_back({"drop_enum",
               [](const Ctx& x) {
                 return S{CreateEnum{.schema = x.n.schema, .name = x.n.renamed, .values = {"x", "y"}},
                          CreateEnum{.schema = x.n.schema, .name = x.n.extra, .values = {"z"}},
                          DropEnum{.schema = x.n.schema, .name = x.n.renamed,
                                   .dropped = std::vector<std::string>{"x", "y"}}};
               },
               enums_fail});
  // An enum column on the child table (its rows get the default): values
  // added (ADD VALUE), reversed by the type swap that keeps the rows.
  auto enum_column = [](const Ctx& x) {
    model::Column column = col(x.n.extra, Type{.kind = Kind::kRaw,
                                               .raw = x.d.qualify(x.n.schema, x.n.renamed)});
    column.server_default = model::ServerDefault{"b"};
    return AddColumn{.schema = x.n.schema, .table = x.n.child, .column = column};
  };
  auto enum_uses = [](const Ctx& x) {
    return std::vector<EnumColumn>{{.schema = x.n.schema, .table = x.n.child, .column = x.n.extra,
                                    .server_default = model::ServerDefault{"b"}}};
  };
  c.push_back({"alter_enum_add",
               [=](const Ctx& x) {
                 return S{CreateEnum{.schema = x.n.schema, .name = x.n.renamed, .values = {"b", "d"}},
                          enum_column(x),
                          AlterEnum{.schema = x.n.schema, .name = x.n.renamed,
                                    .values = {"a", "b", "c", "d", "e"},
                                    .existing_values = {"b", "d"}, .columns = enum_uses(x)}};
               },
               enums_fail});
  c.push_back({"alter_enum_swap",
               [=](const Ctx& x) {
                 return S{CreateEnum{.schema = x.n.schema, .name = x.n.renamed,
                                     .values = {"a", "b", "c"}},
                          enum_column(x),
                          AlterEnum{.schema = x.n.schema, .name = x.n.renamed, .values = {"c", "b"},
                                    .existing_values = {"a", "b", "c"}, .columns = enum_uses(x)}};
               },
               enums_fail});
  // A column identity on every dialect (by_default, the key: SQLite's rowid).
  c.push_back({"create_table_identity", [](const Ctx& x) {
                 model::Table t{.schema = x.n.schema, .name = x.n.gadgets};
                 model::Column id = col(x.n.id, integer(), false);
                 id.primary_key = true;
                 id.identity = model::Identity{};
                 t.columns = {id, col(x.n.name, string(30))};
                 return S{CreateTable{.table = t}};
               }});
  // alter_column's identity on an existing column: added to the log's plain
  // key (PostgreSQL ADD GENERATED, MariaDB AUTO_INCREMENT); the reverse
  // drops it again. SQLite refuses (the rowid cannot be changed).
  auto identity_on_sqlite = [](const std::string& d) {
    return on_sqlite(d, fails({"changing a column's identity is not supported on SQLite"}));
  };
  auto log_id = [](const Ctx& x) {
    return AlterColumn{.schema = x.n.schema, .table = x.n.log, .column = x.n.id,
                       .existing_type = integer(), .existing_nullable = false,
                       .existing_server_default = std::optional<model::ServerDefault>(),
                       .existing_comment = std::optional<std::string>()};
  };
  c.push_back({"alter_column_add_identity",
               [log_id](const Ctx& x) {
                 AlterColumn a = log_id(x);
                 a.identity = std::optional<model::Identity>(model::Identity{});
                 a.existing_identity = std::optional<model::Identity>();
                 return S{a};
               },
               identity_on_sqlite});
  c.push_back({"bulk_insert",
               [](const Ctx& x) {
                 return S{BulkInsert{.schema = x.n.schema, .table = x.n.child,
                                     .columns = {x.n.id, x.n.parent_id, x.n.qty, x.n.note},
                                     .rows = {{10LL, 1LL, 5LL, std::string("it's \"ü\"\\ \n2")},
                                              {11LL, Value(), 6LL, Value()}},
                                     .types = {integer(), integer(), integer(), string(100)}}};
               },
               [](const std::string&) { return rows_only(); }, true});
  c.push_back({"batch_alter_table", [](const Ctx& x) {
                 AlterColumn type = alter_qty(x.n);
                 type.type = Type{.kind = Kind::kBigInteger};
                 model::Column extra = col(x.n.extra, string(20));
                 return S{BatchAlterTable{
                     .schema = x.n.schema, .table = x.n.child,
                     .ops = {AddColumn{.schema = x.n.schema, .table = x.n.child, .column = extra},
                             type,
                             RenameColumn{.schema = x.n.schema, .table = x.n.child,
                                          .old_name = x.n.note, .new_name = x.n.renamed},
                             CreateIndex{.index = {.name = x.n.index2, .schema = x.n.schema,
                                                   .table = x.n.child,
                                                   .elements = {{x.n.extra, false}}}},
                             DropConstraint{.schema = x.n.schema, .table = x.n.child,
                                            .name = x.n.ck_child_qty, .type = ConstraintType::kCheck,
                                            .dropped = child_check(x.n, x.d)}}}};
               }});
  c.push_back({"execute_with_reverse", [](const Ctx& x) {
                 std::string table = x.d.qualify(x.n.schema, x.n.gadgets);
                 return S{Execute{.sql = "CREATE TABLE " + table + " (x INTEGER)",
                                  .reverse_sql = "DROP TABLE " + table}};
               }});
  return c;
}

}  // namespace strata::testing::op_matrix
