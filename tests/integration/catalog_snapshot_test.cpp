// inspect::catalog_snapshot on each live dialect (PostgreSQL and MariaDB
// under scripts/with-postgres.sh; SQLite always):
//  - the exact lines for a small schema (pins the format of the contract);
//  - a change to any one column property changes the snapshot (and exactly
//    that column's line), and so does a change to a constraint or index;
//  - the same DDL in two fresh databases gives identical snapshots, also with
//    quotes, spaces, reserved words and non-ASCII letters in names;
//  - alembic_version and schemas not asked for are left out;
//  - generated columns are listed with their expression.
#include "inspect/catalog_snapshot.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "support/live_db.h"

namespace strata::testing {
namespace {

// The schema a test database works in: PostgreSQL "snap" (created),
// SQLite "main", MySQL a per-process database (re-created per database).
std::string snap_schema(const std::string& dialect) {
  if (dialect == "postgresql") return "snap";
  if (dialect == "sqlite") return "main";
  static const std::string mysql = "strata_snap_" + std::to_string(::getpid());
  return mysql;
}

// The table `t` under test: `id` key plus one column described here.
struct ColumnSpec {
  std::string name = "name";
  std::string type = "varchar(20)";
  bool not_null = true;
  std::optional<std::string> default_sql = "'x'";
  std::optional<std::string> comment = "the name";
};

class CatalogSnapshot : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why;
    probe_ = LiveDb::open(GetParam(), &why);
    if (!probe_) GTEST_SKIP() << why;
    probe_.reset();
  }

  // A fresh database with `schema` present, `ddl` run; its snapshot of
  // `schemas` (default: just `schema`).
  std::vector<std::string> snapshot_of(const std::function<void(LiveDb&, const std::string&)>& ddl,
                                       std::vector<std::string> schemas = {}) {
    std::string why;
    auto db = LiveDb::open(GetParam(), &why);
    const std::string schema = snap_schema(GetParam());
    const dialect::Dialect& d = db->dialect();
    if (GetParam() == "postgresql") db->conn().execute("CREATE SCHEMA " + d.quote(schema));
    if (GetParam() == "mysql") {
      db->conn().execute("CREATE DATABASE " + d.quote(schema));
      db->own(schema);
    }
    ddl(*db, schema);
    if (schemas.empty()) schemas = {schema};
    return db->snapshot(schemas);
  }

  std::string table_ddl(const LiveDb& db, const std::string& schema, const ColumnSpec& c) const {
    const dialect::Dialect& d = db.dialect();
    std::string column = d.quote(c.name) + " " + c.type + (c.not_null ? " NOT NULL" : "");
    if (c.default_sql) column += " DEFAULT " + *c.default_sql;
    if (c.comment && GetParam() == "mysql") column += " COMMENT " + d.literal(*c.comment);
    std::string sql = "CREATE TABLE " + d.qualify(schema, "t") + " (id INTEGER PRIMARY KEY, " + column + ")";
    if (c.comment && GetParam() == "postgresql") {
      sql += "; COMMENT ON COLUMN " + d.qualify(schema, "t") + "." + d.quote(c.name) + " IS " +
             d.literal(*c.comment);
    }
    return sql;
  }

  std::vector<std::string> snapshot_with(const ColumnSpec& spec) {
    return snapshot_of([&](LiveDb& db, const std::string& schema) {
      db.conn().execute(table_ddl(db, schema, spec));
    });
  }

  std::unique_ptr<LiveDb> probe_;
};

std::string lines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& l : v) out += l + "\n";
  return out;
}

// The lines in `a` that are not in `b`.
std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

TEST_P(CatalogSnapshot, ExactLinesForASmallSchema) {
  auto snap = snapshot_with(ColumnSpec{});
  std::string s = GetParam() == "postgresql" ? "\"snap\"" : GetParam() == "sqlite" ? "\"main\"" : "\"" + snap_schema("mysql") + "\"";
  std::string t = s + ".\"t\": ";
  std::vector<std::string> expected;
  if (GetParam() == "postgresql") {
    expected = {
        s + ": schema",
        t + "column \"id\" type=integer null=no default=none comment=none",
        // The literal 'x'::character varying is the string x (the inspector's
        // reading); keys show deferrable only when they are.
        t + "column \"name\" type=character varying(20) null=no default='''x''' comment='the name'",
        t + "primary_key \"t_pkey\" (\"id\")",
        t + "table comment=none",
    };
  } else if (GetParam() == "sqlite") {
    expected = {
        s + ": schema",
        t + "column \"id\" type=INTEGER null=yes default=none comment=none",
        t + "column \"name\" type=varchar(20) null=no default='''x''' comment=none",
        t + "primary_key none (\"id\")",
        t + "table comment=none",
    };
  } else {
    expected = {
        s + ": schema",
        t + "column \"id\" type=int(11) null=no default=none comment=none",
        t + "column \"name\" type=varchar(20) null=no default='''x''' comment='the name'",
        t + "primary_key none (\"id\")",  // MySQL's keys are unnamed (all PRIMARY)
        t + "table comment=none",
    };
  }
  std::sort(expected.begin(), expected.end());  // "s": sorts after "s"."t":
  EXPECT_EQ(lines(snap), lines(expected));
}

TEST_P(CatalogSnapshot, EveryColumnPropertyChangesTheSnapshot) {
  const auto base = snapshot_with(ColumnSpec{});
  EXPECT_EQ(lines(snapshot_with(ColumnSpec{})), lines(base)) << "identical DDL, different snapshot";
  std::vector<std::pair<std::string, ColumnSpec>> variants{
      {"type", ColumnSpec{.type = "varchar(30)"}},
      {"nullability", ColumnSpec{.not_null = false}},
      {"default value", ColumnSpec{.default_sql = "'y'"}},
      {"no default", ColumnSpec{.default_sql = std::nullopt}},
      {"name", ColumnSpec{.name = "title"}},
  };
  if (GetParam() != "sqlite") {  // SQLite has no comments
    variants.push_back({"comment", ColumnSpec{.comment = "another"}});
    variants.push_back({"no comment", ColumnSpec{.comment = std::nullopt}});
  }
  for (const auto& [what, spec] : variants) {
    auto changed = snapshot_with(spec);
    // Exactly one line differs on each side: the column's.
    auto gone = minus(base, changed), added = minus(changed, base);
    ASSERT_EQ(gone.size(), 1u) << what << "\n" << lines(changed);
    ASSERT_EQ(added.size(), 1u) << what << "\n" << lines(changed);
    EXPECT_NE(gone[0].find(": column \"name\""), std::string::npos) << what << ": " << gone[0];
    EXPECT_NE(added[0].find(": column \"" + spec.name + "\""), std::string::npos) << what;
  }
}

// Everything besides columns: constraints of each kind, indexes, comments.
TEST_P(CatalogSnapshot, ConstraintsAndIndexesChangeTheSnapshot) {
  const bool pg = GetParam() == "postgresql", my = GetParam() == "mysql";
  auto build = [&](int variant) {
    return snapshot_of([&](LiveDb& db, const std::string& s) {
      const dialect::Dialect& d = db.dialect();
      auto q = [&](const std::string& n) { return d.qualify(s, n); };
      std::string ref = GetParam() == "sqlite" ? d.quote("p") : q("p");
      db.conn().execute("CREATE TABLE " + q("p") + " (id INTEGER PRIMARY KEY, code INTEGER NOT NULL" +
                        (variant == 1 ? "" : ", CONSTRAINT uq_code UNIQUE (code)") + ")");
      db.conn().execute(
          "CREATE TABLE " + q("c") + " (id INTEGER PRIMARY KEY, p_id INTEGER, qty INTEGER, " +
          "CONSTRAINT ck_qty CHECK (qty " + (variant == 2 ? ">=" : ">") + " 0), " +
          "CONSTRAINT fk_p FOREIGN KEY (p_id) REFERENCES " + ref + " (id)" +
          (variant == 3 ? " ON DELETE CASCADE" : "") + ")");
      std::string index = variant == 4 ? "CREATE UNIQUE INDEX ix_qty ON " : "CREATE INDEX ix_qty ON ";
      if (GetParam() == "sqlite") {
        index += d.quote("c") + " (qty" + (variant == 5 ? ", p_id" : "") + ")";
      } else {
        index += q("c") + " (qty" + (variant == 5 ? ", p_id" : "") + ")";
      }
      if (variant == 6 && !my) index += " WHERE qty > 5";
      db.conn().execute(index);
      if (variant == 7) {
        db.conn().execute(pg ? "COMMENT ON TABLE " + q("c") + " IS 'hello'"
                          : my ? "ALTER TABLE " + q("c") + " COMMENT = 'hello'"
                               : "CREATE TABLE " + q("extra") + " (x INTEGER)");
      }
    });
  };
  const auto base = build(0);
  EXPECT_EQ(lines(build(0)), lines(base));
  for (int variant = 1; variant <= 7; ++variant) {
    if (variant == 6 && my) continue;  // no partial indexes
    EXPECT_NE(lines(build(variant)), lines(base)) << "variant " << variant;
  }
}

TEST_P(CatalogSnapshot, WeirdIdentifiersAndSequencesCompareEqualAcrossDatabases) {
  auto build = [&] {
    return snapshot_of([&](LiveDb& db, const std::string& s) {
      const dialect::Dialect& d = db.dialect();
      std::string table = d.qualify(s, "order");
      db.conn().execute("CREATE TABLE " + table + " (" + d.quote("we\"ird col") +
                        " INTEGER NOT NULL, " + d.quote("Ünï cödé") + " VARCHAR(10), " +
                        d.quote("select") + " INTEGER, CONSTRAINT " + d.quote("pk \"x\"") +
                        " PRIMARY KEY (" + d.quote("we\"ird col") + "))");
      std::string on = GetParam() == "sqlite" ? d.qualify(s, "ix weird") + " ON " + d.quote("order")
                                              : d.quote("ix weird") + " ON " + table;
      db.conn().execute("CREATE INDEX " + on + " (" + d.quote("Ünï cödé") + ", " + d.quote("select") + ")");
      if (GetParam() != "sqlite") {
        db.conn().execute("CREATE SEQUENCE " + d.qualify(s, "séq") + " START WITH 5 INCREMENT BY 2");
      }
      db.conn().execute("CREATE TABLE " + d.qualify(s, "alembic_version") +
                        " (version_num VARCHAR(32) NOT NULL)");
    });
  };
  auto first = build();
  EXPECT_EQ(lines(build()), lines(first));
  std::string all = lines(first);
  EXPECT_NE(all.find(".\"order\": column \"we\"\"ird col\""), std::string::npos) << all;
  EXPECT_NE(all.find(".\"order\": index \"ix weird\" unique=no"), std::string::npos) << all;
  EXPECT_NE(all.find("Ünï cödé"), std::string::npos) << all;
  EXPECT_EQ(all.find("alembic_version"), std::string::npos) << all;
  if (GetParam() != "sqlite") {
    EXPECT_NE(all.find(": sequence \"séq\" type=bigint start=5 increment=2"), std::string::npos) << all;
  }
}

// Generated columns are listed (the inspector's view with
// Options::generated_columns), their expression part of the line.
TEST_P(CatalogSnapshot, GeneratedColumnsAreListed) {
  auto build = [&](const std::string& expression) {
    return snapshot_of([&](LiveDb& db, const std::string& s) {
      db.conn().execute("CREATE TABLE " + db.dialect().qualify(s, "g") +
                        " (a INTEGER, twice INTEGER GENERATED ALWAYS AS (" + expression +
                        ") STORED)");
    });
  };
  const auto base = build("a * 2");
  std::string line;
  for (const std::string& l : base) {
    if (l.find(": column \"twice\"") != std::string::npos) line = l;
  }
  ASSERT_FALSE(line.empty()) << lines(base);
  if (GetParam() == "postgresql") {
    EXPECT_NE(line.find(" generated="), std::string::npos) << line;
  } else {
    EXPECT_NE(line.find(" generated=stored expression='"), std::string::npos) << line;
  }
  EXPECT_EQ(lines(build("a * 2")), lines(base));
  EXPECT_NE(lines(build("a * 3")), lines(base));
}

TEST_P(CatalogSnapshot, OnlyTheGivenSchemas) {
  auto snap = snapshot_of(
      [&](LiveDb& db, const std::string& s) {
        db.conn().execute(table_ddl(db, s, ColumnSpec{}));
      },
      {"no_such_schema_here"});
  EXPECT_EQ(lines(snap), "");
  auto none = snapshot_of([&](LiveDb&, const std::string&) {}, {});
  EXPECT_EQ(lines(none), "\"" + snap_schema(GetParam()) + "\": schema\n");
}

TEST(CatalogSnapshotDialects, UnknownDialectIsAConfigError) {
  TempDir dir;
  auto conn = driver::connect(config::parse_url("sqlite:///" + dir.file("x.db")));
  try {
    inspect::catalog_snapshot(*conn, "mssql", {"dbo"});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConfig);
    EXPECT_NE(e.message().find("'mssql'"), std::string::npos) << e.message();
  }
}

INSTANTIATE_TEST_SUITE_P(Live, CatalogSnapshot, ::testing::Values("postgresql", "sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace strata::testing
