// The op × dialect live matrix. For every case of op_matrix_cases.h, on
// PostgreSQL (STRATA_TEST_PG_URL), SQLite (temp files) and MariaDB
// (STRATA_TEST_MYSQL_URL), in both naming flavours (plain; weird quoting):
//   1. build the fixture in a fresh database (op_matrix_fixture.h);
//   2. snapshot the catalog (inspect::catalog_snapshot);
//   3. apply the case's ops online through runtime::SqlEmitter, in one
//      transaction where the dialect has transactional DDL;
//   4. snapshot: it must differ — or be equal where the case says the
//      dialect legitimately has nothing to change (comments on SQLite,
//      bulk_insert, whose rows must differ instead);
//   5. apply reverse_all(ops) the same way and snapshot: it must equal the
//      snapshot of step 2 (and the rows, for bulk_insert).
// A case a dialect cannot express must fail with its clear error (never a
// "... yet" placeholder), leaving the catalog unchanged.
// Test names: Live/OpMatrix.RoundTrip/<dialect>_<case>[_weird].
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "integration/op_matrix_cases.h"
#include "ops/reverse.h"
#include "support/live_db.h"

namespace strata::testing::op_matrix {
namespace {

struct Param {
  std::string dialect;
  Case c;
  bool weird = false;
};

std::string diff(const std::vector<std::string>& want, const std::vector<std::string>& got) {
  std::vector<std::string> missing, extra;
  std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(missing));
  std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(extra));
  std::string out;
  for (const std::string& l : missing) out += "  - " + l + "\n";
  for (const std::string& l : extra) out += "  + " + l + "\n";
  return out.empty() ? "  (no difference)\n" : out;
}

// Runs `fn`; returns the error message of a strata::Error ("" when none).
template <typename Fn>
std::string error_of(Fn fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.message();
  }
  return "";
}

// gtest prints a failing parameter with this.
void PrintTo(const Param& p, std::ostream* os) {
  *os << p.dialect << "_" << p.c.name << (p.weird ? "_weird" : "");
}

// STRATA_OP_MATRIX_VERBOSE=1: print what each op changed and each refusal.
bool verbose() {
  const char* v = std::getenv("STRATA_OP_MATRIX_VERBOSE");
  return v != nullptr && *v != '\0' && *v != '0';
}

class OpMatrix : public ::testing::TestWithParam<Param> {};

TEST_P(OpMatrix, RoundTrip) {
  const Param& p = GetParam();
  std::string why;
  auto db = LiveDb::open(p.dialect, &why);
  if (!db) GTEST_SKIP() << why;
  const Names n = make_names(p.weird, p.dialect);
  std::string fixture_error = error_of([&] { create_fixture(*db, n); });
  ASSERT_EQ(fixture_error, "") << "fixture setup failed";

  const std::vector<std::string> schemas = snapshot_schemas(*db, n);
  const Ctx ctx{n, db->dialect()};
  const std::vector<ops::Op> forward = p.c.forward(ctx);
  const Expect expect = p.c.expect ? p.c.expect(p.dialect) : changes();
  const auto before = db->snapshot(schemas);
  const auto rows_before = db->rows(n.schema, n.child);

  if (expect.kind == Expect::Kind::kFails) {
    std::string error = error_of([&] { db->apply(forward); });
    if (verbose()) std::cout << "refused: " << error << "\n";
    for (const std::string& part : expect.error) {
      EXPECT_NE(error.find(part), std::string::npos)
          << "expected an error containing \"" << part << "\", got: \"" << error << "\"";
    }
    EXPECT_EQ(error.find(" yet"), std::string::npos) << "a placeholder, not a refusal: " << error;
    EXPECT_EQ(diff(before, db->snapshot(schemas)), diff(before, before))
        << "a refused op changed the catalog";
    return;
  }

  std::string forward_error = error_of([&] { db->apply(forward); });
  ASSERT_EQ(forward_error, "") << "forward op failed";
  const auto after = db->snapshot(schemas);
  if (verbose()) std::cout << "forward changed:\n" << diff(before, after);
  if (expect.kind == Expect::Kind::kChanges) {
    EXPECT_NE(after, before) << "the op did not change the catalog";
  } else {
    EXPECT_EQ(diff(before, after), diff(before, before))
        << "the op changed the catalog where the dialect has nothing to change";
  }
  if (p.c.compare_child_rows) {
    EXPECT_NE(db->rows(n.schema, n.child), rows_before) << "the rows did not change";
  }

  std::vector<ops::Op> back;
  std::string reverse_error = error_of([&] { back = ops::reverse_all(forward); });
  ASSERT_EQ(reverse_error, "") << "reverse() failed";
  std::string back_error = error_of([&] { db->apply(back); });
  ASSERT_EQ(back_error, "") << "reverse op failed";
  EXPECT_EQ(diff(before, db->snapshot(schemas)), diff(before, before))
      << "the reverse did not restore the catalog (- missing, + extra)";
  if (p.c.compare_child_rows) {
    EXPECT_EQ(db->rows(n.schema, n.child), rows_before) << "the reverse did not restore the rows";
  }
}

std::vector<Param> params() {
  std::vector<Param> out;
  for (const char* dialect : {"postgresql", "sqlite", "mysql"}) {
    for (const Case& c : all_cases()) {
      for (bool weird : {false, true}) out.push_back({dialect, c, weird});
    }
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Live, OpMatrix, ::testing::ValuesIn(params()), [](const auto& info) {
  return info.param.dialect + "_" + info.param.c.name + (info.param.weird ? "_weird" : "");
});

// Every op kind is a forward op of some case: a new alternative in ops::Op
// must get one. drop_schema has no reverse, so it is only applied as
// create_schema's reverse.
TEST(OpMatrixCoverage, EveryOpKindHasACase) {
  std::vector<bool> covered(std::variant_size_v<ops::Op>, false);
  auto d = dialect::make_dialect("postgresql");
  Names n = make_names(false, "postgresql");
  Ctx ctx{n, *d};
  for (const Case& c : all_cases()) {
    for (const ops::Op& op : c.forward(ctx)) {
      covered[op.index()] = true;
      if (const auto* batch = std::get_if<ops::BatchAlterTable>(&op)) {
        for (const ops::TableOp& t : batch->ops) covered[ops::to_op(t).index()] = true;
      }
    }
  }
  for (size_t i = 0; i < covered.size(); ++i) {
    if (covered[i]) continue;
    if (i == ops::Op(ops::DropSchema{}).index()) continue;
    ADD_FAILURE() << "no op matrix case for op alternative " << i;
  }
}

}  // namespace
}  // namespace strata::testing::op_matrix
