// The op matrix's fixture (tests/integration/op_matrix_test.cpp): the names,
// the table definitions as model data (so drop ops can carry exactly what
// they drop) and the setup that creates them, with a few rows, in a fresh
// live database.
//
// Two naming flavours: "plain" (tables in the dialect's default schema,
// ordinary names) and "weird" (every schema, table, column, constraint and
// index name has quotes, spaces, reserved words or non-ASCII letters; tables
// in a named schema). MySQL database names are server-wide, so there the
// schemas get a per-test suffix.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/schema.h"
#include "ops/ops.h"
#include "support/live_db.h"

namespace strata::testing::op_matrix {

using model::Type;
using Kind = model::Type::Kind;

struct Names {
  std::optional<std::string> schema;  // the fixture's tables (nullopt: default schema)
  std::string other;                  // an existing second schema (move_table's target)
  std::string fresh;                  // a schema that does not exist (create_schema)
  std::string parent, child, log, links, seq;
  std::string id, name, parent_id, qty, note, payload, a, b;
  std::string uq_parent_name, ck_child_qty, fk_child_parent, pk_log, ix_child_qty, uq_links_b;
  // Names the ops introduce.
  std::string gadgets, extra, renamed, index2, constraint2;
};

inline Names make_names(bool weird, const std::string& dialect) {
  std::string suffix = dialect == "mysql" ? " " + unique_suffix() : "";
  if (!weird) {
    std::string s = dialect == "mysql" ? "_" + unique_suffix() : "";
    return Names{.schema = std::nullopt, .other = "archive" + s, .fresh = "extra" + s,
                 .parent = "customers", .child = "orders", .log = "audit_log", .links = "links",
                 .seq = "order_seq", .id = "id", .name = "name", .parent_id = "customer_id",
                 .qty = "qty", .note = "note", .payload = "payload", .a = "a", .b = "b",
                 .uq_parent_name = "uq_customers_name", .ck_child_qty = "ck_orders_qty",
                 .fk_child_parent = "fk_orders_customer", .pk_log = "pk_audit_log",
                 .ix_child_qty = "ix_orders_qty", .uq_links_b = "uq_links_b", .gadgets = "gadgets", .extra = "extra_col",
                 .renamed = "renamed", .index2 = "ix_second", .constraint2 = "c_second"};
  }
  return Names{.schema = "Ünï sch" + suffix, .other = "Zwéi sch" + suffix,
               .fresh = "Nëu sch" + suffix, .parent = "order", .child = "líne ítem",
               .log = "audit \"log\"", .links = "links-ß", .seq = "séq \"1\"", .id = "ïd",
               .name = "we\"ird col", .parent_id = "order id", .qty = "select", .note = "nöte",
               .payload = "päy load", .a = "from", .b = "to", .uq_parent_name = "uq ü",
               .ck_child_qty = "ck \"q\"", .fk_child_parent = "fk ü", .pk_log = "pk lög",
               .ix_child_qty = "ix weird", .uq_links_b = "uq lïnks", .gadgets = "gädget \"x\"", .extra = "ëxtra col",
               .renamed = "rénamed \"x\"", .index2 = "ix wéird 2", .constraint2 = "cönstr 2"};
}

inline model::Column col(const std::string& name, Type type, bool nullable = true) {
  return model::Column{.name = name, .type = type, .nullable = nullable};
}

inline Type integer() { return Type{.kind = Kind::kInteger}; }
inline Type string(int length) { return Type{.kind = Kind::kString, .length = length}; }

inline model::Table parent_table(const Names& n) {
  model::Table t{.schema = n.schema, .name = n.parent};
  model::Column id = col(n.id, integer(), false);
  id.primary_key = true;
  t.columns = {id, col(n.name, string(50), false)};
  t.uniques = {{.name = n.uq_parent_name, .columns = {n.name}}};
  t.comment = "parents";
  return t;
}

inline model::Column note_column(const Names& n) {
  model::Column note = col(n.note, string(100));
  note.comment = "a note";
  return note;
}

inline model::CheckConstraint child_check(const Names& n, const dialect::Dialect& d) {
  return {.name = n.ck_child_qty, .sqltext = d.quote(n.qty) + " > 0"};
}

inline model::ForeignKey child_fk(const Names& n) {
  return {.name = n.fk_child_parent, .columns = {n.parent_id}, .ref_schema = n.schema,
          .ref_table = n.parent, .ref_columns = {n.id}, .ondelete = "CASCADE"};
}

inline model::Table child_table(const Names& n, const dialect::Dialect& d) {
  model::Table t{.schema = n.schema, .name = n.child};
  model::Column id = col(n.id, integer(), false);
  id.primary_key = true;
  model::Column qty = col(n.qty, integer(), false);
  qty.server_default = model::ServerDefault{"1"};
  t.columns = {id, col(n.parent_id, integer()), qty, note_column(n)};
  t.foreign_keys = {child_fk(n)};
  t.checks = {child_check(n, d)};
  return t;
}

inline model::Table log_table(const Names& n) {
  model::Table t{.schema = n.schema, .name = n.log};
  model::Column id = col(n.id, integer(), false);
  id.autoincrement = false;
  t.columns = {id, col(n.payload, Type{.kind = Kind::kText})};
  t.primary_key = model::PrimaryKey{.name = n.pk_log, .columns = {n.id}};
  t.comment = "log table";
  return t;
}

inline model::Table links_table(const Names& n) {
  model::Table t{.schema = n.schema, .name = n.links};
  t.columns = {col(n.a, integer(), false), col(n.b, integer(), false)};
  t.uniques = {{.name = n.uq_links_b, .columns = {n.b}}};
  return t;
}

inline model::Index child_index(const Names& n) {
  return {.name = n.ix_child_qty, .schema = n.schema, .table = n.child,
          .elements = {{n.qty, false}}};
}

inline ops::CreateSequence fixture_sequence(const Names& n) {
  return {.schema = n.schema, .name = n.seq, .start = 5, .increment = 2};
}

inline bool has_sequences(const std::string& dialect) { return dialect != "sqlite"; }

// Creates the fixture. Throws whatever the database or dialect throws.
inline void create_fixture(LiveDb& db, const Names& n) {
  const dialect::Dialect& d = db.dialect();
  db.own(n.other);
  db.own(n.fresh);
  std::vector<ops::Op> setup;
  if (n.schema) {
    db.own(*n.schema);
    setup.push_back(ops::CreateSchema{.name = *n.schema});
  }
  setup.push_back(ops::CreateSchema{.name = n.other});
  setup.push_back(ops::CreateTable{.table = parent_table(n)});
  setup.push_back(ops::CreateTable{.table = child_table(n, d)});
  setup.push_back(ops::CreateTable{.table = log_table(n)});
  setup.push_back(ops::CreateTable{.table = links_table(n)});
  setup.push_back(ops::CreateIndex{.index = child_index(n)});
  db.apply(setup);
  // Rows and the sequence in plain SQL (the ops under test are not used to
  // build the fixture).
  auto q = [&](const std::string& name) { return d.quote(name); };
  db.conn().execute("INSERT INTO " + d.qualify(n.schema, n.parent) + " (" + q(n.id) + ", " +
                    q(n.name) + ") VALUES (1, 'ann'), (2, 'bob')");
  db.conn().execute("INSERT INTO " + d.qualify(n.schema, n.child) + " (" + q(n.id) + ", " +
                    q(n.parent_id) + ", " + q(n.qty) + ", " + q(n.note) +
                    ") VALUES (1, 1, 3, 'first'), (2, 2, 4, 'second')");
  db.conn().execute("INSERT INTO " + d.qualify(n.schema, n.log) + " (" + q(n.id) + ", " +
                    q(n.payload) + ") VALUES (1, 'x')");
  if (has_sequences(db.name())) {
    db.conn().execute("CREATE SEQUENCE " + d.qualify(n.schema, n.seq) +
                      " START WITH 5 INCREMENT BY 2");
  }
}

// The schemas a snapshot covers.
inline std::vector<std::string> snapshot_schemas(const LiveDb& db, const Names& n) {
  return {db.schema_name(n.schema), n.other, n.fresh};
}

}  // namespace strata::testing::op_matrix
