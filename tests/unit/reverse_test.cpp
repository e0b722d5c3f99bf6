// ops::reverse / reverse_all: every op kind's reverse (checked field by
// field), reverse(reverse(op)) == op wherever the reverse is defined, and the
// error naming what is missing otherwise.
#include "ops/reverse.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "strata/error.h"

namespace strata::ops {
namespace {

// ---- A complete, field-by-field text form of an op (the equality used here).

// Every overload is declared first so the templates below see all of them.
template <typename T>
std::string opt(const std::optional<T>& v);
template <typename T>
std::string s(const std::optional<T>& v);
template <typename T>
std::string s(const std::vector<T>& v);
std::string s(const model::Type& t);
std::string s(const model::ServerDefault& d);
std::string s(const model::Identity& i);
std::string s(const model::Column& c);
std::string s(const model::ForeignKey& f);
std::string s(const model::CheckConstraint& c);
std::string s(const model::UniqueConstraint& c);
std::string s(const model::PrimaryKey& c);
std::string s(const model::Table& t);
std::string s(const model::IndexElement& e);
std::string s(const model::Index& i);
std::string s(const Constraint& c);
std::string s(const Value& v);
std::string s(const CreateSequence& o);

std::string s(const std::string& v) { return "'" + v + "'"; }
std::string s(bool v) { return v ? "true" : "false"; }
std::string s(long long v) { return std::to_string(v); }
std::string s(int v) { return std::to_string(v); }

std::string s(const model::Type& t) {
  return "Type{" + std::to_string(static_cast<int>(t.kind)) + " len=" + opt(t.length) +
         " p=" + opt(t.precision) + " sc=" + opt(t.scale) + " tz=" + s(t.timezone) +
         " raw=" + s(t.raw) + "}";
}
std::string s(const model::ServerDefault& d) {
  return "Default{" + s(d.value) + " expr=" + s(d.is_expression) + "}";
}
template <typename T>
std::string s(const std::optional<T>& v) {
  return opt(v);
}
template <typename T>
std::string opt(const std::optional<T>& v) {
  return v ? "<" + s(*v) + ">" : "<unset>";
}
template <typename T>
std::string s(const std::vector<T>& v) {
  std::string out = "[";
  for (const T& e : v) out += s(e) + ",";
  return out + "]";
}
std::string s(const model::Identity& i) {
  return "Identity{always=" + s(i.always) + " start=" + opt(i.start) + " inc=" + opt(i.increment) +
         " min=" + opt(i.minvalue) + " max=" + opt(i.maxvalue) + " cache=" + opt(i.cache) +
         " cycle=" + s(i.cycle) + "}";
}
std::string s(const model::Column& c) {
  return "Column{" + s(c.name) + " " + s(c.type) + " null=" + s(c.nullable) +
         " def=" + opt(c.server_default) + " pk=" + s(c.primary_key) +
         " ai=" + opt(c.autoincrement) + " uq=" + s(c.unique) + " comment=" + opt(c.comment) +
         " identity=" + opt(c.identity) + "}";
}
std::string s(const model::ForeignKey& f) {
  return "FK{" + opt(f.name) + s(f.columns) + opt(f.ref_schema) + s(f.ref_table) +
         s(f.ref_columns) + opt(f.ondelete) + opt(f.onupdate) + opt(f.deferrable) +
         opt(f.initially) + opt(f.match) + "}";
}
std::string s(const model::CheckConstraint& c) { return "CK{" + opt(c.name) + s(c.sqltext) + "}"; }
std::string s(const model::UniqueConstraint& c) { return "UQ{" + opt(c.name) + s(c.columns) + "}"; }
std::string s(const model::PrimaryKey& c) { return "PK{" + opt(c.name) + s(c.columns) + "}"; }
std::string s(const model::Table& t) {
  return "Table{" + opt(t.schema) + s(t.name) + s(t.columns) + opt(t.primary_key) + s(t.uniques) +
         s(t.foreign_keys) + s(t.checks) + opt(t.comment) + "}";
}
std::string s(const model::IndexElement& e) { return s(e.text) + (e.is_expression ? "(expr)" : ""); }
std::string s(const model::Index& i) {
  return "Index{" + s(i.name) + opt(i.schema) + s(i.table) + s(i.elements) + s(i.unique) +
         opt(i.where) + s(i.include) + "}";
}
std::string s(const Constraint& c) {
  return std::visit([](const auto& x) { return s(x); }, c);
}
std::string s(ConstraintType t) { return "type=" + std::to_string(static_cast<int>(t)); }
std::string s(const std::map<std::string, std::string>& m) {
  std::string out = "{";
  for (const auto& [k, v] : m) out += k + ":" + v + ",";
  return out + "}";
}
std::string s(double v) { return std::to_string(v); }
std::string s(const Value& v) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "NULL";
        } else {
          return s(x);
        }
      },
      v);
}
struct Dump {
  std::string operator()(const Execute& o) const {
    return "Execute" + opt(o.sql) + s(o.per_dialect) + opt(o.reverse_sql) + s(o.reverse_per_dialect);
  }
  std::string operator()(const CreateSchema& o) const { return "CreateSchema" + s(o.name) + s(o.if_not_exists); }
  std::string operator()(const DropSchema& o) const {
    return "DropSchema" + s(o.name) + s(o.if_exists) + s(o.cascade);
  }
  std::string operator()(const CreateTable& o) const { return "CreateTable" + s(o.table) + s(o.if_not_exists); }
  std::string operator()(const DropTable& o) const {
    return "DropTable" + opt(o.schema) + s(o.name) + s(o.if_exists) + opt(o.dropped);
  }
  std::string operator()(const AddColumn& o) const {
    return "AddColumn" + opt(o.schema) + s(o.table) + s(o.column) + s(o.if_not_exists);
  }
  std::string operator()(const DropColumn& o) const {
    return "DropColumn" + opt(o.schema) + s(o.table) + s(o.column) + s(o.if_exists) + opt(o.dropped);
  }
  std::string operator()(const AlterColumn& o) const {
    return "AlterColumn" + opt(o.schema) + s(o.table) + s(o.column) + opt(o.nullable) + opt(o.type) +
           opt(o.using_expr) + opt(o.server_default) + opt(o.new_column_name) + opt(o.comment) +
           " identity=" + opt(o.identity) + " existing:" + opt(o.existing_type) +
           opt(o.existing_nullable) + opt(o.existing_server_default) + opt(o.existing_comment) +
           opt(o.existing_autoincrement) + " existing_identity=" + opt(o.existing_identity);
  }
  std::string operator()(const RenameColumn& o) const {
    return "RenameColumn" + opt(o.schema) + s(o.table) + s(o.old_name) + s(o.new_name);
  }
  std::string operator()(const AddConstraint& o) const {
    return "AddConstraint" + opt(o.schema) + s(o.table) + s(o.constraint);
  }
  std::string operator()(const DropConstraint& o) const {
    return "DropConstraint" + opt(o.schema) + s(o.table) + s(o.name) + s(o.type) + s(o.if_exists) +
           opt(o.dropped);
  }
  std::string operator()(const RenameConstraint& o) const {
    return "RenameConstraint" + opt(o.schema) + s(o.table) + s(o.old_name) + s(o.new_name) + s(o.type);
  }
  std::string operator()(const CreateIndex& o) const {
    return "CreateIndex" + s(o.index) + s(o.if_not_exists) + s(o.concurrently);
  }
  std::string operator()(const DropIndex& o) const {
    return "DropIndex" + s(o.name) + opt(o.schema) + opt(o.table) + s(o.if_exists) +
           s(o.concurrently) + opt(o.dropped);
  }
  std::string operator()(const RenameIndex& o) const {
    return "RenameIndex" + opt(o.schema) + opt(o.table) + s(o.old_name) + s(o.new_name);
  }
  std::string operator()(const RenameTable& o) const {
    return "RenameTable" + opt(o.schema) + s(o.old_name) + s(o.new_name);
  }
  std::string operator()(const MoveTable& o) const {
    return "MoveTable" + opt(o.schema) + s(o.name) + opt(o.new_schema) + opt(o.new_name);
  }
  std::string operator()(const SetTableComment& o) const {
    return "SetTableComment" + opt(o.schema) + s(o.table) + opt(o.comment) + opt(o.existing_comment);
  }
  std::string operator()(const CreateSequence& o) const {
    return "CreateSequence" + opt(o.schema) + s(o.name) + opt(o.start) + opt(o.increment) +
           opt(o.minvalue) + opt(o.maxvalue) + opt(o.cache) + s(o.cycle) + s(o.if_not_exists);
  }
  std::string operator()(const DropSequence& o) const {
    return "DropSequence" + opt(o.schema) + s(o.name) + s(o.if_exists) + opt(o.dropped);
  }
  std::string operator()(const BulkInsert& o) const {
    std::string rows;
    for (const auto& row : o.rows) rows += s(row);
    return "BulkInsert" + opt(o.schema) + s(o.table) + s(o.columns) + rows + s(o.types) +
           s(o.delete_rows);
  }
  std::string operator()(const BatchAlterTable& o) const {
    std::string inner;
    for (const TableOp& t : o.ops) inner += std::visit(*this, to_op(t)) + ";";
    return "Batch" + opt(o.schema) + s(o.table) + "[" + inner + "]";
  }
  std::string operator()(const AutocommitBegin&) const { return "AutocommitBegin"; }
  std::string operator()(const AutocommitEnd&) const { return "AutocommitEnd"; }
  std::string operator()(const ValidateConstraint& o) const {
    return "ValidateConstraint" + opt(o.schema) + s(o.table) + s(o.name);
  }
  // Sequence alters and enum types are compared with operator== in
  // reverse_enum_sequence_test.cpp; here they are only named.
  std::string operator()(const AlterSequence& o) const { return "AlterSequence " + describe(o); }
  std::string operator()(const CreateEnum& o) const { return "CreateEnum " + describe(o); }
  std::string operator()(const DropEnum& o) const { return "DropEnum " + describe(o); }
  std::string operator()(const AlterEnum& o) const { return "AlterEnum " + describe(o); }
};

std::string s(const CreateSequence& o) { return Dump{}(o); }
std::string dump(const Op& op) { return std::visit(Dump{}, op); }

// ---- Fixtures.

model::Column column(const std::string& name) {
  return model::Column{.name = name,
                       .type = {.kind = model::Type::Kind::kString, .length = 40},
                       .nullable = false,
                       .server_default = model::ServerDefault{"x", false},
                       .comment = "a comment"};
}

model::Table table() {
  model::Table t{.schema = "app", .name = "users"};
  t.columns = {model::Column{.name = "id", .primary_key = true}, column("email")};
  t.uniques = {{.name = "uq_email", .columns = {"email"}}};
  t.checks = {{.name = "ck_email", .sqltext = "email <> ''"}};
  t.foreign_keys = {{.name = "fk_x", .columns = {"id"}, .ref_schema = "other", .ref_table = "t",
                     .ref_columns = {"id"}, .ondelete = "CASCADE"}};
  t.comment = "people";
  return t;
}

model::Index index() {
  return model::Index{.name = "ix_users_email",
                      .schema = "app",
                      .table = "users",
                      .elements = {{"email", false}, {"lower(email)", true}},
                      .unique = true,
                      .where = "email IS NOT NULL",
                      .include = {"id"}};
}

AlterColumn full_alter() {
  return AlterColumn{
      .schema = "app",
      .table = "users",
      .column = "email",
      .nullable = true,
      .type = model::Type{.kind = model::Type::Kind::kText},
      .server_default = std::optional<model::ServerDefault>(),
      .new_column_name = "mail",
      .comment = std::optional<std::string>("new comment"),
      .existing_type = model::Type{.kind = model::Type::Kind::kString, .length = 40},
      .existing_nullable = false,
      .existing_server_default = std::optional<model::ServerDefault>(model::ServerDefault{"x"}),
      .existing_comment = std::optional<std::string>(),
      .existing_autoincrement = false};
}

std::string error_of(const Op& op) {
  try {
    reverse(op);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScript);
    return e.message();
  }
  return "<no error>";
}

void expect_round_trip(const Op& op) {
  EXPECT_EQ(dump(reverse(reverse(op))), dump(op)) << describe(op);
}

// ---- Each op's reverse, exactly.

TEST(Reverse, SchemaCreateReversesToDropWhichCannotReverse) {
  Op r = reverse(CreateSchema{.name = "app", .if_not_exists = true});
  EXPECT_EQ(dump(r), dump(DropSchema{.name = "app", .if_exists = true, .cascade = false}));
  EXPECT_EQ(error_of(r), "drop_schema app cannot be reversed: a dropped schema's contents are not carried");
}

TEST(Reverse, CreateAndDropTable) {
  Op r = reverse(CreateTable{.table = table(), .if_not_exists = true});
  EXPECT_EQ(dump(r), dump(DropTable{.schema = "app", .name = "users", .if_exists = true,
                                    .dropped = table()}));
  expect_round_trip(CreateTable{.table = table()});
  expect_round_trip(DropTable{.schema = "app", .name = "users", .dropped = table()});
  // The drop's own schema and name win over the carried definition's.
  model::Table unnamed = table();
  unnamed.schema.reset();
  unnamed.name = "whatever";
  Op created = reverse(DropTable{.schema = "app", .name = "users", .dropped = unnamed});
  EXPECT_EQ(dump(created), dump(CreateTable{.table = table()}));
  EXPECT_EQ(error_of(DropTable{.schema = "app", .name = "users"}),
            "drop_table app.users cannot be reversed: the dropped table's definition is not "
            "given (dropped)");
}

TEST(Reverse, AddAndDropColumn) {
  AddColumn add{.schema = "app", .table = "users", .column = column("email"), .if_not_exists = true};
  EXPECT_EQ(dump(reverse(add)), dump(DropColumn{.schema = "app", .table = "users",
                                                .column = "email", .if_exists = true,
                                                .dropped = column("email")}));
  expect_round_trip(add);
  expect_round_trip(DropColumn{.table = "users", .column = "email", .dropped = column("email")});
  EXPECT_EQ(error_of(DropColumn{.table = "users", .column = "email"}),
            "drop_column users.email cannot be reversed: the dropped column's definition is not "
            "given (dropped)");
}

TEST(Reverse, AlterColumnSwapsEveryChangedPropertyWithItsFact) {
  AlterColumn forward = full_alter();
  AlterColumn expected = forward;
  expected.column = "mail";
  expected.new_column_name = "email";
  expected.nullable = false;
  expected.existing_nullable = true;
  expected.type = model::Type{.kind = model::Type::Kind::kString, .length = 40};
  expected.existing_type = model::Type{.kind = model::Type::Kind::kText};
  expected.server_default = std::optional<model::ServerDefault>(model::ServerDefault{"x"});
  expected.existing_server_default = std::optional<model::ServerDefault>();
  expected.comment = std::optional<std::string>();
  expected.existing_comment = std::optional<std::string>("new comment");
  EXPECT_EQ(dump(reverse(forward)), dump(expected));
  expect_round_trip(forward);
}

TEST(Reverse, AlterColumnKeepsFactsOfUnchangedPropertiesAndDropsUsing) {
  AlterColumn forward{.table = "t",
                      .column = "c",
                      .type = model::Type{.kind = model::Type::Kind::kBigInteger},
                      .using_expr = "c::bigint",
                      .existing_type = model::Type{.kind = model::Type::Kind::kInteger},
                      .existing_nullable = true,
                      .existing_comment = std::optional<std::string>("kept")};
  AlterColumn expected = forward;
  expected.type = forward.existing_type;
  expected.existing_type = forward.type;
  expected.using_expr.reset();  // converts old → new only
  EXPECT_EQ(dump(reverse(forward)), dump(expected));
  AlterColumn without_using = forward;
  without_using.using_expr.reset();
  EXPECT_EQ(dump(reverse(reverse(forward))), dump(without_using));
}

TEST(Reverse, AlterColumnRenameOnly) {
  AlterColumn forward{.table = "t", .column = "a", .new_column_name = "b"};
  AlterColumn expected{.table = "t", .column = "b", .new_column_name = "a"};
  EXPECT_EQ(dump(reverse(forward)), dump(expected));
  expect_round_trip(forward);
}

TEST(Reverse, AlterColumnNamesEveryMissingFact) {
  AlterColumn forward = full_alter();
  forward.existing_type.reset();
  forward.existing_comment.reset();
  EXPECT_EQ(error_of(forward),
            "alter_column app.users.email cannot be reversed: missing existing_type, "
            "existing_comment");
  AlterColumn nullable{.table = "t", .column = "c", .nullable = false};
  EXPECT_EQ(error_of(nullable), "alter_column t.c cannot be reversed: missing existing_nullable");
  AlterColumn def{.table = "t", .column = "c",
                  .server_default = std::optional<model::ServerDefault>(model::ServerDefault{"1"})};
  EXPECT_EQ(error_of(def), "alter_column t.c cannot be reversed: missing existing_server_default");
}

// identity swaps with existing_identity: added (over none) reverses to a
// drop, a drop to the add of the existing identity, a change to the change
// back; facts of other properties are kept.
TEST(Reverse, AlterColumnIdentitySwapsWithExistingIdentity) {
  using OptIdentity = std::optional<model::Identity>;
  const model::Identity always{.always = true, .start = 10, .increment = 5};
  AlterColumn add{.table = "t", .column = "c"};
  add.nullable = false;
  add.identity = OptIdentity(always);
  add.existing_nullable = true;
  add.existing_identity = OptIdentity();
  AlterColumn dropped = add;
  dropped.nullable = true;
  dropped.existing_nullable = false;
  dropped.identity = OptIdentity();
  dropped.existing_identity = OptIdentity(always);
  EXPECT_EQ(dump(reverse(add)), dump(dropped));
  EXPECT_TRUE(std::get<AlterColumn>(reverse(add)) == dropped);
  expect_round_trip(add);

  AlterColumn change{.table = "t", .column = "c", .existing_type = model::Type{}};
  change.identity = OptIdentity(model::Identity{.cycle = true});
  change.existing_identity = OptIdentity(always);
  AlterColumn back = change;
  back.identity = OptIdentity(always);
  back.existing_identity = OptIdentity(model::Identity{.cycle = true});
  EXPECT_TRUE(std::get<AlterColumn>(reverse(change)) == back) << dump(reverse(change));
  expect_round_trip(change);

  AlterColumn unknown{.table = "t", .column = "c"};
  unknown.identity = OptIdentity();
  EXPECT_EQ(error_of(unknown), "alter_column t.c cannot be reversed: missing existing_identity");
  // existing_identity alone (identity unchanged) needs nothing more.
  AlterColumn fact_only{.table = "t", .column = "c", .new_column_name = "d"};
  fact_only.existing_identity = OptIdentity(always);
  AlterColumn renamed_back{.table = "t", .column = "d", .new_column_name = "c"};
  renamed_back.existing_identity = OptIdentity(always);
  EXPECT_TRUE(std::get<AlterColumn>(reverse(fact_only)) == renamed_back);
}

TEST(Reverse, RenamesSwap) {
  EXPECT_EQ(dump(reverse(RenameColumn{.schema = "s", .table = "t", .old_name = "a", .new_name = "b"})),
            dump(RenameColumn{.schema = "s", .table = "t", .old_name = "b", .new_name = "a"}));
  EXPECT_EQ(dump(reverse(RenameTable{.schema = "s", .old_name = "a", .new_name = "b"})),
            dump(RenameTable{.schema = "s", .old_name = "b", .new_name = "a"}));
  EXPECT_EQ(dump(reverse(RenameIndex{.schema = "s", .table = "t", .old_name = "a", .new_name = "b"})),
            dump(RenameIndex{.schema = "s", .table = "t", .old_name = "b", .new_name = "a"}));
  RenameConstraint rc{.schema = "s", .table = "t", .old_name = "a", .new_name = "b",
                      .type = ConstraintType::kUnique};
  EXPECT_EQ(dump(reverse(rc)), dump(RenameConstraint{.schema = "s", .table = "t", .old_name = "b",
                                                     .new_name = "a",
                                                     .type = ConstraintType::kUnique}));
  expect_round_trip(rc);
  expect_round_trip(RenameColumn{.table = "t", .old_name = "a", .new_name = "b"});
  expect_round_trip(RenameTable{.old_name = "a", .new_name = "b"});
  expect_round_trip(RenameIndex{.old_name = "a", .new_name = "b"});
}

TEST(Reverse, AddAndDropConstraintOfEveryKind) {
  std::vector<Constraint> all{
      model::PrimaryKey{.name = "pk", .columns = {"id"}},
      model::UniqueConstraint{.name = "uq", .columns = {"a", "b"}},
      model::CheckConstraint{.name = "ck", .sqltext = "a > 0"},
      model::ForeignKey{.name = "fk", .columns = {"a"}, .ref_schema = "o", .ref_table = "p",
                        .ref_columns = {"id"}, .ondelete = "CASCADE", .onupdate = "SET NULL"}};
  for (const Constraint& c : all) {
    AddConstraint add{.schema = "s", .table = "t", .constraint = c};
    EXPECT_EQ(dump(reverse(add)),
              dump(DropConstraint{.schema = "s", .table = "t", .name = *constraint_name(c),
                                  .type = constraint_type(c), .dropped = c}));
    expect_round_trip(add);
    expect_round_trip(DropConstraint{.schema = "s", .table = "t", .name = *constraint_name(c),
                                     .type = constraint_type(c), .dropped = c});
  }
  EXPECT_EQ(error_of(AddConstraint{.table = "t", .constraint = model::CheckConstraint{.sqltext = "a"}}),
            "create_check_constraint (unnamed) on t cannot be reversed: the constraint has no "
            "name to drop it by");
  EXPECT_EQ(error_of(DropConstraint{.table = "t", .name = "uq"}),
            "drop_constraint uq on t cannot be reversed: the dropped constraint's definition is "
            "not given (dropped)");
  EXPECT_EQ(error_of(DropConstraint{.table = "t", .name = "uq", .type = ConstraintType::kCheck,
                                    .dropped = all[1]}),
            "drop_constraint uq on t cannot be reversed: type_ is check but the dropped "
            "constraint is unique");
  // An untyped drop reverses; its reverse's reverse has the type set.
  Op add = reverse(DropConstraint{.table = "t", .name = "uq", .dropped = all[1]});
  EXPECT_EQ(std::get<DropConstraint>(reverse(add)).type, ConstraintType::kUnique);
}

TEST(Reverse, CreateAndDropIndex) {
  CreateIndex create{.index = index(), .if_not_exists = true, .concurrently = true};
  EXPECT_EQ(dump(reverse(create)),
            dump(DropIndex{.name = "ix_users_email", .schema = "app", .table = "users",
                           .if_exists = true, .concurrently = true, .dropped = index()}));
  expect_round_trip(create);
  expect_round_trip(DropIndex{.name = "ix_users_email", .schema = "app", .table = "users",
                              .dropped = index()});
  EXPECT_EQ(error_of(DropIndex{.name = "ix", .schema = "app"}),
            "drop_index app.ix cannot be reversed: the dropped index's definition is not given "
            "(dropped)");
}

TEST(Reverse, MoveTable) {
  MoveTable keep{.schema = "a", .name = "t", .new_schema = "b"};
  EXPECT_EQ(dump(reverse(keep)), dump(MoveTable{.schema = "b", .name = "t", .new_schema = "a"}));
  expect_round_trip(keep);
  MoveTable renamed{.schema = "a", .name = "t", .new_schema = "b", .new_name = "u"};
  EXPECT_EQ(dump(reverse(renamed)),
            dump(MoveTable{.schema = "b", .name = "u", .new_schema = "a", .new_name = "t"}));
  expect_round_trip(renamed);
  expect_round_trip(MoveTable{.name = "t", .new_schema = "b"});
}

TEST(Reverse, TableComment) {
  SetTableComment set{.schema = "s", .table = "t", .comment = "new",
                      .existing_comment = std::optional<std::string>()};
  EXPECT_EQ(dump(reverse(set)), dump(SetTableComment{.schema = "s", .table = "t",
                                                     .comment = std::nullopt,
                                                     .existing_comment = std::optional<std::string>("new")}));
  expect_round_trip(set);
  expect_round_trip(SetTableComment{.table = "t", .comment = std::nullopt,
                                    .existing_comment = std::optional<std::string>("old")});
  EXPECT_EQ(error_of(SetTableComment{.table = "t", .comment = "x"}),
            "create_table_comment t cannot be reversed: missing existing_comment");
}

TEST(Reverse, CreateAndDropSequence) {
  CreateSequence seq{.schema = "s", .name = "q", .start = 5, .increment = 2, .minvalue = 1,
                     .maxvalue = 100, .cache = 3, .cycle = true, .if_not_exists = true};
  CreateSequence described = seq;
  described.if_not_exists = false;
  EXPECT_EQ(dump(reverse(seq)), dump(DropSequence{.schema = "s", .name = "q", .if_exists = true,
                                                  .dropped = described}));
  expect_round_trip(seq);
  expect_round_trip(DropSequence{.schema = "s", .name = "q", .dropped = described});
  EXPECT_EQ(error_of(DropSequence{.name = "q"}),
            "drop_sequence q cannot be reversed: the dropped sequence's definition is not given "
            "(dropped)");
}

TEST(Reverse, BulkInsertDeletesTheSameRows) {
  BulkInsert insert{.schema = "s", .table = "t", .columns = {"a", "b"},
                    .rows = {{1LL, std::string("x")}, {Value(), true}},
                    .types = {model::Type{}, std::nullopt}};
  BulkInsert expected = insert;
  expected.delete_rows = true;
  EXPECT_EQ(dump(reverse(insert)), dump(expected));
  expect_round_trip(insert);
}

TEST(Reverse, BatchReversesEachOpInOppositeOrder) {
  BatchAlterTable batch{.schema = "s", .table = "t"};
  batch.ops = {AddColumn{.schema = "s", .table = "t", .column = column("c")},
               RenameColumn{.schema = "s", .table = "t", .old_name = "a", .new_name = "b"},
               CreateIndex{.index = index()}};
  BatchAlterTable expected{.schema = "s", .table = "t"};
  for (auto it = batch.ops.rbegin(); it != batch.ops.rend(); ++it) {
    expected.ops.push_back(std::visit([](const auto& o) -> TableOp {
      using T = std::decay_t<decltype(o)>;
      if constexpr (std::is_constructible_v<TableOp, const T&>) return o;
      else throw std::logic_error("not a table op");
    }, reverse(to_op(*it))));
  }
  EXPECT_EQ(dump(reverse(batch)), dump(expected));
  EXPECT_NE(dump(reverse(batch)).find("Batch<'s'>'t'[DropIndex"), std::string::npos);
  expect_round_trip(batch);
  // An inner op that cannot reverse fails the batch with its own message.
  batch.ops.push_back(DropColumn{.schema = "s", .table = "t", .column = "gone"});
  EXPECT_EQ(error_of(batch),
            "drop_column s.t.gone cannot be reversed: the dropped column's definition is not "
            "given (dropped)");
}

TEST(Reverse, AutocommitMarkersSwapSoReversedBlocksStayBracketed) {
  EXPECT_TRUE(std::holds_alternative<AutocommitEnd>(reverse(AutocommitBegin{})));
  EXPECT_TRUE(std::holds_alternative<AutocommitBegin>(reverse(AutocommitEnd{})));
  std::vector<Op> ops{CreateTable{.table = table()}, AutocommitBegin{},
                      CreateIndex{.index = index(), .concurrently = true}, AutocommitEnd{}};
  std::vector<Op> back = reverse_all(ops);
  ASSERT_EQ(back.size(), 4u);
  EXPECT_TRUE(std::holds_alternative<AutocommitBegin>(back[0]));
  EXPECT_TRUE(std::holds_alternative<DropIndex>(back[1]));
  EXPECT_TRUE(std::get<DropIndex>(back[1]).concurrently);
  EXPECT_TRUE(std::holds_alternative<AutocommitEnd>(back[2]));
  EXPECT_TRUE(std::holds_alternative<DropTable>(back[3]));
  std::vector<Op> again = reverse_all(back);
  ASSERT_EQ(again.size(), ops.size());
  for (size_t i = 0; i < ops.size(); ++i) EXPECT_EQ(dump(again[i]), dump(ops[i]));
}

TEST(Reverse, ExecuteNeedsReverseSql) {
  Execute forward{.sql = "INSERT 1", .per_dialect = {{"sqlite", "INSERT s"}},
                  .reverse_sql = "DELETE 1", .reverse_per_dialect = {{"postgresql", "DELETE p"}}};
  EXPECT_EQ(dump(reverse(forward)),
            dump(Execute{.sql = "DELETE 1", .per_dialect = {{"postgresql", "DELETE p"}},
                         .reverse_sql = "INSERT 1", .reverse_per_dialect = {{"sqlite", "INSERT s"}}}));
  expect_round_trip(forward);
  expect_round_trip(Execute{.per_dialect = {{"mysql", "x"}}, .reverse_per_dialect = {{"mysql", "y"}}});
  EXPECT_EQ(error_of(Execute{.sql = "UPDATE t SET a = 1"}),
            "execute UPDATE t SET a = 1 cannot be reversed: no reverse SQL was given "
            "(op.execute's `reverse` option)");
}

TEST(Reverse, ReverseAllReversesOrderAndStopsAtTheFirstError) {
  std::vector<Op> ops{CreateSchema{.name = "a"}, RenameTable{.old_name = "x", .new_name = "y"}};
  std::vector<Op> back = reverse_all(ops);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(dump(back[0]), dump(RenameTable{.old_name = "y", .new_name = "x"}));
  EXPECT_EQ(dump(back[1]), dump(DropSchema{.name = "a"}));
  ops.push_back(Execute{.sql = "x"});
  EXPECT_THROW(reverse_all(ops), Error);
}

}  // namespace
}  // namespace strata::ops
