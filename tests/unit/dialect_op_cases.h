// Golden cases for the ops beyond create/drop (tests/unit/dialect_test.cpp
// renders each for every dialect and runs it live): alter_column, table
// constraints, renames, concurrent indexes, move_table, comments, sequences,
// bulk_insert, batch_alter_table, the same ops on awkward identifiers,
// alter_sequence, enum types, column identities and identity changes.
//
// Every case creates what it alters and runs start to end on PostgreSQL (in
// one transaction, except where an autocommit block says otherwise), its
// unqualified names landing in a private schema. A case makes schemas only
// with create_schema (the MySQL run drops the databases that list names).
#pragma once

#include <string>
#include <vector>

#include "unit/dialect_case.h"

namespace strata::dialect::golden {

inline Case alter_column_case() {
  ops::CreateTable items =
      create("crm", "items",
             {id_col(), col("name", string_type(50), false), col("qty", string_type(10)),
              col("price", model::Type{.kind = Kind::kNumeric, .precision = 10, .scale = 2}),
              model::Column{.name = "status",
                            .type = string_type(20),
                            .server_default = literal_default("new")},
              col("created_at", type(Kind::kDateTime)), col("note", type(Kind::kText))});
  auto alter = [](std::optional<std::string> schema, std::string table, std::string column) {
    return ops::AlterColumn{
        .schema = std::move(schema), .table = std::move(table), .column = std::move(column)};
  };
  ops::AlterColumn widen = alter("crm", "items", "name");
  widen.type = string_type(100);
  widen.existing_type = string_type(50);
  ops::AlterColumn cast = alter("crm", "items", "qty");
  cast.type = type(Kind::kInteger);
  cast.using_expr = "qty::integer";
  ops::AlterColumn not_null = alter("crm", "items", "price");
  not_null.nullable = false;
  ops::AlterColumn nullable = alter("crm", "items", "name");
  nullable.nullable = true;
  ops::AlterColumn literal = alter("crm", "items", "status");
  literal.server_default = literal_default("open");
  ops::AlterColumn expression = alter("crm", "items", "created_at");
  expression.server_default = expr_default("now()");
  ops::AlterColumn no_default = alter("crm", "items", "status");
  no_default.server_default = std::optional<model::ServerDefault>();
  no_default.existing_server_default = literal_default("open");
  ops::AlterColumn comment = alter("crm", "items", "note");
  comment.comment = "free text, it's optional";
  ops::AlterColumn no_comment = alter("crm", "items", "note");
  no_comment.comment = std::optional<std::string>();
  ops::AlterColumn rename = alter("crm", "items", "note");
  rename.new_column_name = "remarks";
  // Everything at once: one statement per change, the rename last.
  ops::AlterColumn all = alter("crm", "items", "qty");
  all.type = type(Kind::kBigInteger);
  all.using_expr = "qty::bigint";
  all.nullable = false;
  all.server_default = literal_default("0");
  all.comment = "how many";
  all.new_column_name = "quantity";
  all.existing_type = type(Kind::kInteger);
  all.existing_nullable = true;
  ops::AlterColumn unqualified = alter(std::nullopt, "loose", "n");
  unqualified.type = type(Kind::kBigInteger);
  unqualified.nullable = false;
  return {"alter_column",
          {op(ops::CreateSchema{.name = "crm"}), op(items), op(widen), op(cast), op(not_null),
           op(nullable), op(literal), op(expression), op(no_default), op(comment),
           op(no_comment), op(rename), op(all),
           op(create(std::nullopt, "loose", {id_col(), col("n", type(Kind::kInteger))})),
           op(unqualified), op(ops::DropTable{.name = "loose"}),
           op(ops::DropTable{.schema = "crm", .name = "items"})}};
}

// Each kind of constraint added, renamed and dropped. The cross-schema
// foreign keys (every option) are only added: SQLite refuses them, and no
// later step needs them.
inline Case constraints_case() {
  ops::CreateTable accounts =
      create("ledger", "accounts", {id_col(), col("code", string_type(10), false)});
  ops::CreateTable tags = create("crm", "tags", {col("name", string_type(20), false)});
  ops::CreateTable orders =
      create("crm", "orders",
             {id_col(), col("account_id", type(Kind::kInteger)), col("code", string_type(20)),
              col("qty", type(Kind::kInteger)), col("a", type(Kind::kInteger)),
              col("b", type(Kind::kInteger)), col("ledger_id", type(Kind::kInteger))});
  auto add = [](std::string table, ops::Constraint c) {
    return op(ops::AddConstraint{.schema = "crm", .table = std::move(table), .constraint = c});
  };
  model::ForeignKey cross_schema{.name = "fk_orders_account",
                                 .columns = {"account_id"},
                                 .ref_schema = "ledger",
                                 .ref_table = "accounts",
                                 .ref_columns = {"id"},
                                 .ondelete = "CASCADE",
                                 .onupdate = "restrict",
                                 .deferrable = true,
                                 .initially = "DEFERRED",
                                 .match = "FULL"};
  model::ForeignKey immediate{.name = "fk_orders_ledger",
                              .columns = {"ledger_id"},
                              .ref_schema = "ledger",
                              .ref_table = "accounts",
                              .ref_columns = {"id"},
                              .onupdate = "SET NULL",
                              .deferrable = false,
                              .initially = "immediate",
                              .match = "simple"};
  model::ForeignKey same_schema{.name = "fk_orders_tag",
                                .columns = {"code"},
                                .ref_schema = "crm",
                                .ref_table = "tags",
                                .ref_columns = {"name"}};
  auto rename = [](std::string table, std::string from, std::string to, ops::ConstraintType t) {
    return op(ops::RenameConstraint{.schema = "crm",
                                    .table = std::move(table),
                                    .old_name = std::move(from),
                                    .new_name = std::move(to),
                                    .type = t});
  };
  auto drop = [](std::string table, std::string name, ops::ConstraintType t) {
    return op(ops::DropConstraint{
        .schema = "crm", .table = std::move(table), .name = std::move(name), .type = t});
  };
  using T = ops::ConstraintType;
  return {"constraints",
          {op(ops::CreateSchema{.name = "crm"}), op(ops::CreateSchema{.name = "ledger"}),
           op(accounts), op(tags), op(orders),
           add("tags", model::PrimaryKey{.name = "pk_tags", .columns = {"name"}}),
           add("orders", model::UniqueConstraint{.name = "uq_orders_code", .columns = {"code"}}),
           add("orders", model::UniqueConstraint{.name = "uq_orders_a_b", .columns = {"a", "b"}}),
           add("orders", model::CheckConstraint{.name = "ck_orders_qty", .sqltext = "qty > 0"}),
           add("orders", model::CheckConstraint{.sqltext = "a <> b"}),
           add("orders", cross_schema), add("orders", immediate), add("orders", same_schema),
           rename("tags", "pk_tags", "pk_crm_tags", T::kPrimaryKey),
           rename("orders", "uq_orders_code", "uq_crm_orders_code", T::kUnique),
           rename("orders", "ck_orders_qty", "ck_crm_orders_qty", T::kCheck),
           rename("orders", "fk_orders_tag", "fk_crm_orders_tag", T::kForeignKey),
           drop("orders", "fk_crm_orders_tag", T::kForeignKey),
           drop("orders", "ck_crm_orders_qty", T::kCheck),
           drop("orders", "uq_crm_orders_code", T::kUnique),
           drop("orders", "uq_orders_a_b", T::kUnknown),
           drop("tags", "pk_crm_tags", T::kPrimaryKey),
           op(ops::DropConstraint{.schema = "crm",
                                  .table = "orders",
                                  .name = "uq_orders_missing",
                                  .type = T::kUnique,
                                  .if_exists = true})}};
}

inline Case renames_case() {
  ops::CreateIndex qualified{index("crm", "accounts", "ix_accounts_name", {{"name"}})};
  ops::CreateIndex plain{index(std::nullopt, "people", "ix_people_email", {{"email"}})};
  return {"renames",
          {op(ops::CreateSchema{.name = "crm"}),
           op(create("crm", "accounts", {id_col(), col("name", string_type(100))})),
           op(create(std::nullopt, "people", {id_col(), col("email", string_type(100))})),
           op(qualified), op(plain),
           op(ops::RenameColumn{
               .schema = "crm", .table = "accounts", .old_name = "name", .new_name = "title"}),
           op(ops::RenameColumn{.table = "people", .old_name = "email", .new_name = "mail"}),
           op(ops::RenameIndex{.schema = "crm",
                               .table = "accounts",
                               .old_name = "ix_accounts_name",
                               .new_name = "ix_crm_accounts_title"}),
           op(ops::RenameIndex{
               .table = "people", .old_name = "ix_people_email", .new_name = "ix_people_mail"})}};
}

// CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction: the case
// puts them in an autocommit block, as a revision script must.
inline Case indexes_concurrently_case() {
  ops::CreateIndex plain{index(std::nullopt, "events", "ix_events_kind", {{"kind"}})};
  plain.concurrently = true;
  model::Index partial =
      index(std::nullopt, "events", "uq_events_kind_lower", {{"lower(kind)", true}, {"id"}});
  partial.unique = true;
  partial.where = "deleted = 0";
  partial.include = {"created_at"};
  ops::CreateIndex unique{partial, true, true};
  return {"indexes_concurrently",
          {op(create(std::nullopt, "events",
                     {id_col(), col("kind", string_type(20)), col("created_at", type(Kind::kDateTime)),
                      col("deleted", type(Kind::kInteger))})),
           op(ops::AutocommitBegin{}), op(plain), op(unique),
           op(ops::DropIndex{
               .name = "ix_events_kind", .table = "events", .concurrently = true}),
           op(ops::DropIndex{.name = "uq_events_kind_lower",
                             .table = "events",
                             .if_exists = true,
                             .concurrently = true}),
           op(ops::DropIndex{.name = "ix_events_missing",
                             .table = "events",
                             .if_exists = true,
                             .concurrently = true}),
           op(ops::AutocommitEnd{}), op(ops::DropTable{.name = "events"})}};
}

// A table with a serial key, an index and a foreign key into it (dropped for
// the trip, re-created at the end) travels
// default schema → library (renamed) → archive → renamed in place → default
// schema (renamed back).
inline Case move_table_case() {
  ops::CreateTable documents = create(
      std::nullopt, "rag_documents", {id_col(), col("title", string_type(200), false)});
  ops::CreateTable chunks = create(
      std::nullopt, "rag_chunks", {id_col(), col("document_id", type(Kind::kInteger), false)});
  chunks.table.foreign_keys = {{.name = "fk_rag_chunks_document",
                                .columns = {"document_id"},
                                .ref_table = "rag_documents",
                                .ref_columns = {"id"},
                                .ondelete = "CASCADE"}};
  return {"move_table",
          {op(ops::CreateSchema{.name = "library"}), op(ops::CreateSchema{.name = "archive"}),
           op(documents), op(chunks),
           op(ops::CreateIndex{
               index(std::nullopt, "rag_documents", "ix_rag_documents_title", {{"title"}})}),
           // The foreign key into the table is dropped for the trip and re-created
           // when it is back: SQLite keys cannot cross database files (the
           // PostgreSQL and MariaDB live tests move tables with their keys).
           op(ops::DropConstraint{.table = "rag_chunks",
                                  .name = "fk_rag_chunks_document",
                                  .type = ops::ConstraintType::kForeignKey}),
           op(ops::MoveTable{
               .name = "rag_documents", .new_schema = "library", .new_name = "documents"}),
           op(ops::MoveTable{.schema = "library", .name = "documents", .new_schema = "archive"}),
           op(ops::MoveTable{.schema = "archive",
                             .name = "documents",
                             .new_schema = "archive",
                             .new_name = "old_documents"}),
           op(ops::MoveTable{
               .schema = "archive", .name = "old_documents", .new_name = "rag_documents"}),
           op(ops::AddConstraint{.table = "rag_chunks", .constraint = chunks.table.foreign_keys[0]}),
           op(ops::DropTable{.name = "rag_chunks"}), op(ops::DropTable{.name = "rag_documents"})}};
}

inline Case comments_case() {
  return {"comments",
          {op(ops::CreateSchema{.name = "crm"}), op(create("crm", "notes", {id_col()})),
           op(create(std::nullopt, "plain_notes", {id_col()})),
           op(ops::SetTableComment{
               .schema = "crm", .table = "notes", .comment = "Notes, e.g. \"it's\" – ü"}),
           op(ops::SetTableComment{.table = "plain_notes", .comment = "plain"}),
           op(ops::SetTableComment{.schema = "crm",
                                   .table = "notes",
                                   .comment = std::nullopt,
                                   .existing_comment = "Notes, e.g. \"it's\" – ü"}),
           op(ops::SetTableComment{.table = "plain_notes", .comment = std::nullopt})}};
}

inline Case sequences_case() {
  ops::CreateSequence full{.schema = "crm",
                           .name = "order_seq",
                           .start = 10,
                           .increment = 5,
                           .minvalue = 10,
                           .maxvalue = 100000,
                           .cache = 20,
                           .cycle = true};
  ops::CreateSequence again = full;
  again.if_not_exists = true;
  ops::CreateSequence descending{
      .name = "countdown_seq", .start = -1, .increment = -1, .minvalue = -1000, .maxvalue = -1};
  return {"sequences",
          {op(ops::CreateSchema{.name = "crm"}), op(full), op(again),
           op(ops::CreateSequence{.name = "ticket_seq"}), op(descending),
           op(ops::DropSequence{.schema = "crm", .name = "order_seq", .dropped = full}),
           op(ops::DropSequence{.schema = "crm", .name = "order_seq", .if_exists = true}),
           op(ops::DropSequence{.name = "ticket_seq"}),
           op(ops::DropSequence{.name = "countdown_seq"})}};
}

// alter_sequence: every option set and unset again (NO MINVALUE / NO
// MAXVALUE / NO CYCLE), RESTART, an unqualified sequence; SQLite refuses.
inline Case alter_sequence_case() {
  ops::CreateSequence seq{.schema = "crm", .name = "invoice_seq", .start = 10, .minvalue = 1,
                          .maxvalue = 1000};
  ops::AlterSequence all{.schema = "crm",
                         .name = "invoice_seq",
                         .increment = 5,
                         .minvalue = std::optional<long long>(2),
                         .maxvalue = std::optional<long long>(),
                         .cache = 50,
                         .cycle = true,
                         .restart = 20,
                         .existing = seq};
  ops::AlterSequence back{.schema = "crm",
                          .name = "invoice_seq",
                          .minvalue = std::optional<long long>(),
                          .maxvalue = std::optional<long long>(1000),
                          .cycle = false};
  return {"alter_sequence",
          {op(ops::CreateSchema{.name = "crm"}), op(seq),
           op(ops::CreateSequence{.name = "ticket_seq"}), op(all), op(back),
           op(ops::AlterSequence{.name = "ticket_seq", .increment = -1, .restart = 100}),
           op(ops::AlterSequence{.name = "ticket_seq"}),  // nothing to change: no statement
           op(ops::DropSequence{.schema = "crm", .name = "invoice_seq"}),
           op(ops::DropSequence{.name = "ticket_seq"})}};
}

// PostgreSQL enum types: created (also if_not_exists: a DO block), values
// added before / after / at the end, the type swap that removes a value
// from a column's type (its default dropped and set again), a reorder, and
// drops. The table using the type is unqualified with an unqualified raw
// type (SQLite takes any type name; the MySQL run is skipped: no enum types).
inline Case enums_case() {
  model::Column tier{.name = "tier",
                     .type = model::Type{.kind = Kind::kRaw, .raw = "tier"},
                     .nullable = false,
                     .server_default = literal_default("free")};
  return {
      "enums",
      {op(ops::CreateSchema{.name = "crm"}),
       op(ops::CreateEnum{.schema = "crm", .name = "mood", .values = {"sad", "ok", "it's"}}),
       op(ops::CreateEnum{
           .schema = "crm", .name = "mood", .values = {"sad", "ok", "it's"}, .if_not_exists = true}),
       op(ops::CreateEnum{.name = "tier", .values = {"free", "pro"}}),
       op(create(std::nullopt, "accounts", {id_col(), tier})),
       op(ops::AlterEnum{.name = "tier",
                         .values = {"trial", "free", "basic", "pro", "enterprise", "max"},
                         .existing_values = {"free", "pro"}}),
       op(ops::AlterEnum{.name = "tier",
                         .values = {"free", "basic", "pro", "enterprise", "max"},
                         .existing_values = {"trial", "free", "basic", "pro", "enterprise", "max"},
                         .columns = {{.table = "accounts",
                                      .column = "tier",
                                      .server_default = literal_default("free")}}}),
       op(ops::AlterEnum{.schema = "crm",
                         .name = "mood",
                         .values = {"it's", "ok", "sad"},
                         .existing_values = {"sad", "ok", "it's"}}),
       op(ops::AlterEnum{.name = "tier",
                         .values = {"free", "basic", "pro", "enterprise", "max"},
                         .existing_values = {"free", "basic", "pro", "enterprise", "max"}}),
       op(ops::DropEnum{.schema = "crm", .name = "mood", .dropped = std::vector<std::string>{
                                                                "it's", "ok", "sad"}}),
       op(ops::DropTable{.name = "accounts"}), op(ops::DropEnum{.name = "tier", .if_exists = true}),
       op(ops::DropEnum{.name = "tier", .if_exists = true})}};
}

// Column identities (model::Identity) in create_table and add_column: the
// plain by_default key (every dialect), always with options, options a
// dialect cannot express, a start, an identity that is not the key.
inline Case identity_case() {
  auto ident = [](std::string name, Kind kind, model::Identity identity, bool key = true) {
    model::Column c{.name = std::move(name), .type = type(kind), .primary_key = key};
    c.identity = identity;
    return c;
  };
  model::Column label = col("label", string_type(20));
  model::Column number = ident("number", Kind::kInteger, {}, false);
  number.unique = true;
  model::Column plain_id = id_col();
  plain_id.autoincrement = false;
  return {"identity",
          {op(create(std::nullopt, "ident_default", {ident("id", Kind::kInteger, {}), label})),
           op(create(std::nullopt, "ident_always",
                     {ident("id", Kind::kBigInteger,
                            {.always = true, .start = 100, .increment = 10})})),
           op(create(std::nullopt, "ident_options",
                     {ident("id", Kind::kInteger,
                            {.start = 5, .increment = 2, .minvalue = 1, .maxvalue = 1000,
                             .cache = 10, .cycle = true})})),
           op(create(std::nullopt, "ident_start",
                     {ident("id", Kind::kBigInteger, {.start = 1000}), label})),
           op(create(std::nullopt, "ident_not_key",
                     {id_col(), ident("seq_no", Kind::kBigInteger, {}, false)})),
           op(create(std::nullopt, "ident_plain", {plain_id, label})),
           op(ops::AddColumn{.table = "ident_plain", .column = number}),
           op(ops::DropTable{.name = "ident_plain", .if_exists = true}),
           op(ops::DropTable{.name = "ident_not_key", .if_exists = true}),
           op(ops::DropTable{.name = "ident_start", .if_exists = true}),
           op(ops::DropTable{.name = "ident_options", .if_exists = true}),
           op(ops::DropTable{.name = "ident_always", .if_exists = true}),
           op(ops::DropTable{.name = "ident_default"})}};
}

// alter_column's identity change on existing columns: added to a key column
// (every dialect that can: MySQL's AUTO_INCREMENT), added always with
// options to a nullable column (PostgreSQL: SET NOT NULL first), changed
// (SET GENERATED / SET <option>, options back to the defaults), dropped
// together with NOT NULL (DROP IDENTITY first), added in place of a
// default, dropped from the key again. SQLite and SQL Server refuse every
// identity change; MySQL the always / option ones.
inline Case alter_identity_case() {
  model::Column id = id_col();
  id.autoincrement = false;
  model::Column keyed = id_col("k");
  keyed.autoincrement = false;
  keyed.server_default = literal_default("0");
  auto alter = [](std::string table, std::string column) {
    return ops::AlterColumn{.table = std::move(table), .column = std::move(column)};
  };
  // What MySQL restates in --sql (the column's facts before the change).
  auto facts = [](ops::AlterColumn& op, bool nullable,
                  std::optional<model::ServerDefault> server_default = std::nullopt) {
    op.existing_type = type(Kind::kInteger);
    op.existing_nullable = nullable;
    op.existing_server_default = std::move(server_default);
    op.existing_comment = std::optional<std::string>();
  };
  const model::Identity always_10{.always = true, .start = 10, .increment = 5};
  const model::Identity changed{.start = 100, .increment = 5, .maxvalue = 1000, .cycle = true};

  ops::AlterColumn add_key = alter("idt", "id");
  add_key.identity = model::Identity{};
  add_key.existing_identity = std::optional<model::Identity>();
  facts(add_key, false);
  ops::AlterColumn add_always = alter("idt", "n");
  add_always.identity = always_10;
  ops::AlterColumn change = alter("idt", "n");
  change.identity = changed;
  change.existing_identity = always_10;
  ops::AlterColumn defaults = alter("idt", "n");
  defaults.identity = model::Identity{.always = true};
  defaults.existing_identity = changed;
  ops::AlterColumn drop_nullable = alter("idt", "n");
  drop_nullable.identity = std::optional<model::Identity>();
  drop_nullable.existing_identity = model::Identity{.always = true};
  drop_nullable.nullable = true;
  facts(drop_nullable, false);
  ops::AlterColumn for_default = alter("idt_k", "k");
  for_default.identity = model::Identity{};
  for_default.existing_identity = std::optional<model::Identity>();
  for_default.server_default = std::optional<model::ServerDefault>();
  facts(for_default, false, literal_default("0"));
  ops::AlterColumn drop_key = alter("idt", "id");
  drop_key.identity = std::optional<model::Identity>();
  drop_key.existing_identity = model::Identity{};
  facts(drop_key, false);
  return {"alter_identity",
          {op(create(std::nullopt, "idt", {id, col("n", type(Kind::kInteger))})),
           op(create(std::nullopt, "idt_k", {keyed})), op(add_key), op(add_always), op(change),
           op(defaults), op(drop_nullable), op(for_default), op(drop_key),
           op(ops::DropTable{.name = "idt_k"}), op(ops::DropTable{.name = "idt"})}};
}

// Every kind of value, NULL among them, quotes and non-ASCII in strings;
// `types` turns the 0/1 of `flagged` into booleans; delete_rows removes
// rows again (NULL matched by IS NULL).
inline Case bulk_insert_case() {
  model::Column id = id_col();
  id.autoincrement = false;
  const std::vector<std::string> columns = {"id", "name", "active", "reading", "note", "flagged"};
  // FLOAT(53): double precision everywhere (MySQL's plain FLOAT is single).
  const model::Type double_type{.kind = Kind::kFloat, .precision = 53};
  using V = ops::Value;
  const std::vector<std::vector<V>> rows = {
      {V(1LL), V(std::string("plain")), V(true), V(0.1), V(), V(1LL)},
      {V(2LL), V(std::string("it's \"quoted\"")), V(false), V(3.0), V(std::string("x")), V(0LL)},
      {V(3LL), V(), V(), V(-2.5e-10), V(std::string("")), V()},
      {V(4LL), V(std::string("größe – ü")), V(true), V(1e300), V(std::string("two\nlines")),
       V(1LL)}};
  const std::vector<std::optional<model::Type>> types = {
      type(Kind::kInteger), string_type(50), type(Kind::kBoolean),
      double_type,          type(Kind::kText), type(Kind::kBoolean)};
  return {"bulk_insert",
          {op(create(std::nullopt, "measurements",
                     {id, col("name", string_type(50)), col("active", type(Kind::kBoolean)),
                      col("reading", double_type), col("note", type(Kind::kText)),
                      col("flagged", type(Kind::kBoolean))})),
           op(ops::BulkInsert{
               .table = "measurements", .columns = columns, .rows = rows, .types = types}),
           op(ops::BulkInsert{.table = "measurements",
                              .columns = {"id", "active", "reading"},
                              .rows = {{V(5LL), V(false), V(-7.0)}}}),
           op(ops::BulkInsert{.table = "measurements", .columns = {"id"}, .rows = {}}),
           op(ops::BulkInsert{.table = "measurements",
                              .columns = columns,
                              .rows = {rows[1], rows[2]},
                              .types = types,
                              .delete_rows = true}),
           op(ops::BulkInsert{.table = "measurements",
                              .columns = {"id"},
                              .rows = {{V(5LL)}},
                              .delete_rows = true}),
           op(ops::BulkInsert{.table = "measurements",
                              .columns = {"id", "name"},
                              .rows = {{V(1LL), V(std::string("plain"))}},
                              .delete_rows = true}),
           op(ops::DropTable{.name = "measurements"})}};
}

inline Case batch_alter_table_case() {
  ops::AlterColumn email{.schema = "crm", .table = "contacts", .column = "email"};
  email.nullable = false;
  email.type = string_type(200);
  ops::CreateIndex nickname{index("crm", "contacts", "ix_contacts_nickname", {{"nickname"}})};
  ops::BatchAlterTable batch{
      .schema = "crm",
      .table = "contacts",
      .ops = {
          ops::AddColumn{
              .schema = "crm", .table = "contacts", .column = col("nickname", string_type(50))},
          email,
          ops::RenameColumn{.schema = "crm",
                            .table = "contacts",
                            .old_name = "phone",
                            .new_name = "phone_number"},
          ops::AddConstraint{
              .schema = "crm",
              .table = "contacts",
              .constraint = model::UniqueConstraint{.name = "uq_contacts_email", .columns = {"email"}}},
          nickname,
          ops::DropIndex{.name = "ix_contacts_nickname", .schema = "crm", .table = "contacts"},
          ops::DropConstraint{.schema = "crm",
                              .table = "contacts",
                              .name = "uq_contacts_email",
                              .type = ops::ConstraintType::kUnique},
          ops::DropColumn{.schema = "crm", .table = "contacts", .column = "legacy"}}};
  return {"batch_alter_table",
          {op(ops::CreateSchema{.name = "crm"}),
           op(create("crm", "contacts",
                     {id_col(), col("email", string_type(100)), col("phone", string_type(20)),
                      col("legacy", type(Kind::kText))})),
           op(batch), op(ops::BatchAlterTable{.schema = "crm", .table = "contacts"})}};
}

// The new ops on identifiers that need quoting: quotes, spaces, reserved
// words and non-ASCII letters, in schemas, tables, columns, constraints,
// indexes and sequences; move_table renames the serial key's sequence
// "order_Ïd_seq" to "bestellung ""x""_Ïd_seq" and back. (Raw SQL — the
// check and the USING expression — is the script's own and not quoted by
// strata; the check avoids quoted names so that it means the same on every
// dialect.)
inline Case quoting_ops_case() {
  const std::string sch = "Ünïcode sch", target = "Zïel \"x\" sch", weird = "we\"ird col";
  const std::string renamed = "new \"name\"";
  ops::CreateTable order =
      create(sch, "order",
             {id_col("Ïd"), col(weird, string_type(20)), col("user", type(Kind::kInteger)),
              col("select", type(Kind::kInteger)), col("n", type(Kind::kInteger))});
  ops::AlterColumn alter{.schema = sch, .table = "order", .column = weird};
  alter.type = string_type(40);
  alter.using_expr = "upper(\"we\"\"ird col\")";
  alter.nullable = false;
  alter.server_default = literal_default("it's");
  alter.comment = "Kommentar \"ü\" it's";
  alter.new_column_name = renamed;
  auto add = [&](ops::Constraint c) {
    return op(ops::AddConstraint{.schema = sch, .table = "order", .constraint = std::move(c)});
  };
  model::ForeignKey self{.name = "fk \"self\"",
                         .columns = {"user"},
                         .ref_schema = sch,
                         .ref_table = "order",
                         .ref_columns = {"Ïd"}};
  const std::vector<std::string> columns = {"Ïd", renamed, "user", "select"};
  const std::vector<ops::Value> row = {ops::Value(1LL), ops::Value(std::string("a'b \"c\"")),
                                       ops::Value(), ops::Value(2LL)};
  return {
      "quoting_ops",
      {op(ops::CreateSchema{.name = sch}), op(ops::CreateSchema{.name = target}), op(order),
       op(alter),
       add(model::UniqueConstraint{.name = "uq \"order\" we\"ird", .columns = {renamed}}),
       add(model::CheckConstraint{.name = "check", .sqltext = "n >= 0"}), add(self),
       op(ops::RenameConstraint{
           .schema = sch, .table = "order", .old_name = "check", .new_name = "ck ünï"}),
       op(ops::CreateIndex{index(sch, "order", "ix größe", {{"select"}})}),
       op(ops::RenameIndex{
           .schema = sch, .table = "order", .old_name = "ix größe", .new_name = "ix \"sel\""}),
       op(ops::SetTableComment{.schema = sch, .table = "order", .comment = "Bestellung 'x'"}),
       op(ops::CreateSequence{.schema = sch, .name = "seq \"q\"", .start = 1}),
       op(ops::BulkInsert{.schema = sch, .table = "order", .columns = columns, .rows = {row}}),
       op(ops::MoveTable{
           .schema = sch, .name = "order", .new_schema = target, .new_name = "bestellung \"x\""}),
       op(ops::BulkInsert{.schema = target,
                          .table = "bestellung \"x\"",
                          .columns = columns,
                          .rows = {row},
                          .delete_rows = true}),
       op(ops::MoveTable{
           .schema = target, .name = "bestellung \"x\"", .new_schema = sch, .new_name = "order"}),
       op(ops::DropConstraint{.schema = sch, .table = "order", .name = "ck ünï"}),
       op(ops::DropIndex{.name = "ix \"sel\"", .schema = sch, .table = "order"}),
       op(ops::DropSequence{.schema = sch, .name = "seq \"q\""}),
       op(ops::DropTable{.schema = sch, .name = "order"}),
       op(ops::DropSchema{.name = target}), op(ops::DropSchema{.name = sch})}};
}

inline std::vector<Case> op_cases() {
  return {alter_column_case(),        constraints_case(), renames_case(),
          indexes_concurrently_case(), move_table_case(),  comments_case(),
          sequences_case(),           bulk_insert_case(), batch_alter_table_case(),
          quoting_ops_case(),         alter_sequence_case(), enums_case(),
          identity_case(),            alter_identity_case()};
}

}  // namespace strata::dialect::golden
