// Tests for model/naming.h. Every expected name below was produced by
// SQLAlchemy 1.4.46 (MetaData(naming_convention=...)) on the same tables,
// run once by hand; the test does not call Python.
#include "model/naming.h"

#include <gtest/gtest.h>

#include "strata/error.h"

namespace strata::model {
namespace {

// The guide's dictionary.
const NamingConvention kGuide = {
    {"ix", "ix_%(column_0_label)s"},
    {"uq", "uq_%(table_name)s_%(column_0_name)s"},
    {"ck", "ck_%(table_name)s_%(constraint_name)s"},
    {"fk", "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"},
    {"pk", "pk_%(table_name)s"},
};

Column col(const std::string& name, bool pk = false, bool unique = false) {
  Column c;
  c.name = name;
  c.primary_key = pk;
  c.nullable = !pk;
  c.unique = unique;
  return c;
}

Index index(std::optional<std::string> schema, const std::string& table,
            std::vector<IndexElement> elements, std::string name = "") {
  Index ix;
  ix.schema = std::move(schema);
  ix.table = table;
  ix.elements = std::move(elements);
  ix.name = std::move(name);
  return ix;
}

template <typename Fn>
Error catch_error(Fn fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected strata::Error";
  return Error(ErrorCode::kInternal, "<no error>");
}

// users = Table("users", m, Column("id", BigInteger, primary_key=True),
//   Column("email", String(320), unique=True), Column("tier", Integer),
//   CheckConstraint("tier > 0", name="tier_positive"), schema="core")
// documents = Table("documents", m, Column("id", Integer, primary_key=True),
//   Column("owner_id", BigInteger, ForeignKey("core.users.id")),
//   Column("a", Integer), Column("b", Integer), UniqueConstraint("a", "b"),
//   schema="rag")
TEST(NamingConvention, GuideDictionary) {
  Catalog c;
  Table users;
  users.schema = "core";
  users.name = "users";
  users.columns = {col("id", true), col("email", false, true), col("tier")};
  users.checks = {CheckConstraint{"tier_positive", "tier > 0"}};
  Table docs;
  docs.schema = "rag";
  docs.name = "documents";
  docs.columns = {col("id", true), col("owner_id"), col("a"), col("b")};
  docs.foreign_keys = {ForeignKey{std::nullopt, {"owner_id"}, "core", "users", {"id"}}};
  docs.uniques = {UniqueConstraint{std::nullopt, {"a", "b"}}};
  c.tables = {users, docs};
  c.indexes = {index("core", "users", {{"email", false}}),
               index("rag", "documents", {{"a", false}, {"b", false}}),
               index("core", "users", {{"lower(email)", true}, {"tier", false}}),
               index("core", "users", {{"email", false}}, "ix_kept")};
  apply_naming_convention(kGuide, c);

  const Table& u = c.tables[0];
  ASSERT_TRUE(u.primary_key.has_value());
  EXPECT_EQ(u.primary_key->name, "pk_users");
  EXPECT_EQ(u.primary_key->columns, std::vector<std::string>{"id"});
  EXPECT_EQ(u.checks[0].name, "ck_users_tier_positive");
  ASSERT_EQ(u.uniques.size(), 1u);  // column-level unique became a constraint
  EXPECT_EQ(u.uniques[0].name, "uq_users_email");
  EXPECT_EQ(u.uniques[0].columns, std::vector<std::string>{"email"});
  EXPECT_FALSE(u.columns[1].unique);

  const Table& d = c.tables[1];
  EXPECT_EQ(d.primary_key->name, "pk_documents");
  EXPECT_EQ(d.uniques[0].name, "uq_documents_a");
  EXPECT_EQ(d.foreign_keys[0].name, "fk_documents_owner_id_users");

  EXPECT_EQ(c.indexes[0].name, "ix_core_users_email");  // label includes the schema
  EXPECT_EQ(c.indexes[1].name, "ix_rag_documents_a");
  EXPECT_EQ(c.indexes[2].name, "ix_core_users_tier");  // expressions are not columns
  EXPECT_EQ(c.indexes[3].name, "ix_kept");             // a given name is kept
}

// parent = Table("parent", m2, Column("x"), Column("y"), PrimaryKeyConstraint("x", "y"))
// child = Table("child", m2, Column("id", primary_key=True), Column("px"),
//   Column("py"), ForeignKeyConstraint(["px", "py"], ["parent.x", "parent.y"]),
//   UniqueConstraint("px", "py"), CheckConstraint("px > 0"))
// Index(None, child.c.px, child.c.py)
TEST(NamingConvention, MultiColumnTokens) {
  NamingConvention conv = {
      {"ix", "ix_%(table_name)s_%(column_0N_name)s"},
      {"uq", "uq_%(table_name)s_%(column_0_N_name)s"},
      {"fk", "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s_"
             "%(referred_column_0N_name)s"},
      {"pk", "pk_%(table_name)s_%(column_0_N_name)s"},
      {"ck", "ck_%(table_name)s_%(column_0_name)s"},
  };
  Table parent;
  parent.name = "parent";
  parent.columns = {col("x"), col("y")};
  parent.primary_key = PrimaryKey{std::nullopt, {"x", "y"}};
  Table child;
  child.name = "child";
  child.columns = {col("id", true), col("px"), col("py")};
  child.foreign_keys = {ForeignKey{std::nullopt, {"px", "py"}, std::nullopt, "parent", {"x", "y"}}};
  child.uniques = {UniqueConstraint{std::nullopt, {"px", "py"}}};
  child.checks = {CheckConstraint{std::nullopt, "px > 0"}};
  Index ix = index(std::nullopt, "child", {{"px", false}, {"py", false}});

  apply_naming_convention(conv, parent);
  apply_naming_convention(conv, child);
  apply_naming_convention(conv, ix);
  EXPECT_EQ(parent.primary_key->name, "pk_parent_x_y");
  EXPECT_EQ(child.primary_key->name, "pk_child_id");
  EXPECT_EQ(child.uniques[0].name, "uq_child_px_py");
  EXPECT_EQ(child.foreign_keys[0].name, "fk_child_px_py_parent_xy");
  EXPECT_EQ(child.checks[0].name, "ck_child_");  // a check's text has no columns
  EXPECT_EQ(ix.name, "ix_child_pxpy");
}

// ForeignKeyConstraint(["px", "py"], ["s.parent.x", "s.parent.y"]) on "child"
// with "fk_%(referred_column_0_name)s_%(column_0_label)s_%(column_1_name)s_
// %(column_0_key)s_%(referred_column_0_N_name)s" and UniqueConstraint("px",
// "py") with "uq_%(column_0N_label)s".
TEST(NamingConvention, LabelsKeysAndReferredColumns) {
  NamingConvention conv = {
      {"fk", "fk_%(referred_column_0_name)s_%(column_0_label)s_%(column_1_name)s_"
             "%(column_0_key)s_%(referred_column_0_N_name)s"},
      {"uq", "uq_%(column_0N_label)s"},
  };
  Table child;
  child.name = "child";
  child.columns = {col("id", true), col("px"), col("py")};
  child.foreign_keys = {ForeignKey{std::nullopt, {"px", "py"}, "s", "parent", {"x", "y"}}};
  child.uniques = {UniqueConstraint{std::nullopt, {"px", "py"}}};
  apply_naming_convention(conv, child);
  EXPECT_EQ(child.foreign_keys[0].name, "fk_x_child_px_py_px_x_y");
  EXPECT_EQ(child.uniques[0].name, "uq_child_pxchild_py");
  EXPECT_FALSE(child.primary_key.has_value());  // no "pk": nothing added
}

// Table("t5", m5, Column("x"), Column("y"), UniqueConstraint("x", "y"), schema="sc")
// with "uq_%(column_2_name)s|%(column_0_N_label)s|100%%".
TEST(NamingConvention, MissingColumnIsEmptyAndPercentEscapes) {
  Table t;
  t.schema = "sc";
  t.name = "t5";
  t.columns = {col("x"), col("y")};
  t.uniques = {UniqueConstraint{std::nullopt, {"x", "y"}}};
  apply_naming_convention({{"uq", "uq_%(column_2_name)s|%(column_0_N_label)s|100%%"}}, t);
  EXPECT_EQ(t.uniques[0].name, "uq_|sc_t5_x_sc_t5_y|100%");
}

// Table("t2", m2, Column("x", unique=True), Column("y"),
//   UniqueConstraint("y", name="given"), ForeignKeyConstraint(["x"], ["p.id"], name="tp"))
// with uq "uq_%(table_name)s_%(column_0_name)s", fk "%(table_name)s_%(constraint_name)s_fk".
TEST(NamingConvention, GivenNamesKeptUnlessTemplateUsesConstraintName) {
  Table t;
  t.name = "t2";
  t.columns = {col("x", false, true), col("y")};
  t.uniques = {UniqueConstraint{"given", {"y"}}};
  t.foreign_keys = {ForeignKey{"tp", {"x"}, std::nullopt, "p", {"id"}}};
  apply_naming_convention({{"uq", "uq_%(table_name)s_%(column_0_name)s"},
                           {"fk", "%(table_name)s_%(constraint_name)s_fk"}},
                          t);
  ASSERT_EQ(t.uniques.size(), 2u);
  EXPECT_EQ(t.uniques[0].name, "uq_t2_x");  // from the column's unique = true
  EXPECT_EQ(t.uniques[1].name, "given");
  EXPECT_EQ(t.foreign_keys[0].name, "t2_tp_fk");

  // Index("foo", t.c.x) with "ix_%(constraint_name)s_%(table_name)s" -> ix_foo_t.
  Index ix = index(std::nullopt, "t", {{"x", false}}, "foo");
  apply_naming_convention({{"ix", "ix_%(constraint_name)s_%(table_name)s"}}, ix);
  EXPECT_EQ(ix.name, "ix_foo_t");
}

// A name that already has the template's shape is kept (applying the
// convention twice changes nothing), so dumped model files check clean.
TEST(NamingConvention, AlreadyConventionalNamesAreKept) {
  Table t;
  t.name = "daily_usage";
  t.columns = {col("n")};
  t.checks = {CheckConstraint{"request_count", "n >= 0"},
              CheckConstraint{"ck_daily_usage_request_count", "n < 10"},
              CheckConstraint{"ck_other_x", "n <> 5"}};
  NamingConvention ck = {{"ck", "ck_%(table_name)s_%(constraint_name)s"}};
  apply_naming_convention(ck, t);
  EXPECT_EQ(t.checks[0].name, "ck_daily_usage_request_count");
  EXPECT_EQ(t.checks[1].name, "ck_daily_usage_request_count");
  EXPECT_EQ(t.checks[2].name, "ck_daily_usage_ck_other_x");  // another table's shape
  Table again = t;
  apply_naming_convention(ck, again);
  EXPECT_EQ(again.checks[0].name, t.checks[0].name);
  EXPECT_EQ(again.checks[2].name, t.checks[2].name);
}

TEST(NamingConvention, UniqueIndexUsesIx) {
  // Index(None, t6.c.a, t6.c.b, unique=True) -> ix_t6_a_b (not "uq").
  Index ix = index(std::nullopt, "t6", {{"a", false}, {"b", false}});
  ix.unique = true;
  apply_naming_convention({{"ix", "ix_%(table_name)s_%(column_0_N_name)s"},
                           {"uq", "uq_%(table_name)s_%(column_0N_name)s"}},
                          ix);
  EXPECT_EQ(ix.name, "ix_t6_a_b");
}

TEST(NamingConvention, WithoutTemplateNamesStayUnset) {
  Table t;
  t.name = "t";
  t.columns = {col("id", true), col("email", false, true)};
  t.checks = {CheckConstraint{std::nullopt, "id > 0"}};
  Table before = t;
  apply_naming_convention({{"ix", "ix_%(column_0_label)s"}}, t);
  EXPECT_EQ(t, before);  // no pk/uq/ck templates: unchanged, column unique kept as a flag
  Index ix = index(std::nullopt, "t", {{"email", false}});
  apply_naming_convention(NamingConvention{}, ix);
  EXPECT_EQ(ix.name, "");
}

TEST(NamingConvention, UnnamedCheckWithConstraintNameIsAnErrorNamingTheTable) {
  Table t;
  t.schema = "core";
  t.name = "users";
  t.origin = "models/core.lua:7";
  t.columns = {col("tier")};
  t.checks = {CheckConstraint{std::nullopt, "tier > 0"}};
  Error e = catch_error([&] { apply_naming_convention(kGuide, t); });
  EXPECT_EQ(e.code(), ErrorCode::kScript);
  EXPECT_EQ(e.message(),
            "models/core.lua:7: table core.users: check constraint (tier > 0): naming_convention "
            "'ck' (\"ck_%(table_name)s_%(constraint_name)s\"): %(constraint_name)s requires that "
            "the constraint is explicitly named");
}

TEST(NamingConvention, IndexErrorsCarryTheOrigin) {
  Index ix = index("core", "users", {{"email", false}});
  Catalog c;
  c.indexes = {ix};
  Error e = catch_error([&] {
    apply_naming_convention({{"ix", "ix_%(referred_table_name)s"}}, c, {"models/a.lua:3"});
  });
  EXPECT_EQ(e.code(), ErrorCode::kScript);
  EXPECT_EQ(e.message(),
            "models/a.lua:3: index on core.users: naming_convention 'ix' "
            "(\"ix_%(referred_table_name)s\"): %(referred_table_name)s applies to foreign keys "
            "only");
}

TEST(NamingConvention, RenderNameTokens) {
  ForeignKey fk{std::nullopt, {"a", "b"}, "s", "parent", {"x", "y"}};
  NamingSubject s;
  s.table = "t";
  s.foreign_key = &fk;
  EXPECT_EQ(render_name("%(table_name)s", s), "t");
  EXPECT_EQ(render_name("%(column_1_name)s %(column_5_name)s.", s), "b .");
  EXPECT_EQ(render_name("%(referred_column_1_name)s", s), "y");
  EXPECT_EQ(render_name("%(referred_column_0_N_name)s", s), "x_y");
  EXPECT_EQ(render_name("%(column_0N_key)s", s), "ab");
  EXPECT_EQ(catch_error([&] { render_name("%(referred_column_2_name)s", s); }).message(),
            "%(referred_column_2_name)s: the foreign key has 2 referred column(s)");
  EXPECT_EQ(catch_error([&] { render_name("%(colum_0_name)s", s); }).message(),
            "unknown token %(colum_0_name)s");
  EXPECT_EQ(catch_error([&] { render_name("x_%(table_name)", s); }).code(), ErrorCode::kConfig);
}

TEST(NamingTemplateError, ChecksKeysAndTokens) {
  for (const auto& [key, tmpl] : kGuide) EXPECT_EQ(naming_template_error(key, tmpl), "") << key;
  EXPECT_EQ(naming_template_error("fk", "%(referred_column_0N_name)s_%(column_0_N_label)s"), "");
  EXPECT_EQ(naming_template_error("xx", "a"),
            "'xx' is not a naming convention key (ix, uq, ck, fk, pk)");
  EXPECT_EQ(naming_template_error("uq", "uq_%(bogus)s"),
            "unknown token %(bogus)s in \"uq_%(bogus)s\"");
  // SQLAlchemy: KeyError 'column_1N_name' (only 0N / 0_N join every column).
  EXPECT_EQ(naming_template_error("uq", "%(column_1N_name)s"),
            "unknown token %(column_1N_name)s in \"%(column_1N_name)s\"");
  EXPECT_EQ(naming_template_error("uq", "uq_%(referred_table_name)s"),
            "%(referred_table_name)s applies to foreign keys only (key 'uq')");
  EXPECT_NE(naming_template_error("pk", "pk_%(table_name)d"), "");
  EXPECT_NE(naming_template_error("pk", "pk_50%"), "");
  EXPECT_EQ(naming_template_error("pk", "pk_50%%"), "");
}

}  // namespace
}  // namespace strata::model
