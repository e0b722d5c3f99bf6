// The op API's blocks (src/lua/op_api.h): op.batch_alter_table,
// op.autocommit_block, op.reverse_upgrade.
#include "lua_ops_fixture.h"
#include "ops/reverse.h"

namespace strata::lua_ops_test {
namespace {

using Names = std::vector<std::string>;

template <class T>
const T& table_op(const ops::BatchAlterTable& batch, size_t i) {
  EXPECT_LT(i, batch.ops.size());
  return std::get<T>(batch.ops.at(i));
}

TEST_F(OpApiTest, BatchCollectsOneOp) {
  up("op.execute('before')\n"
     "op.batch_alter_table('users', {schema = 'core'}, function(batch)\n"
     "  batch.add_column(op.column('age', op.Integer), {if_not_exists = true})\n"
     "  batch:drop_column('legacy', {existing_type = op.Text})\n"
     "  batch:alter_column('email', {nullable = false, new_column_name = 'mail'})\n"
     "  batch.create_primary_key('pk_users', {'id'})\n"
     "  batch:create_unique_constraint(nil, 'mail')\n"
     "  batch.create_check_constraint('ck_age', 'age >= 0')\n"
     "  batch.create_foreign_key('fk_org', 'orgs', 'org_id', 'id',\n"
     "                           {referent_schema = 'core', ondelete = 'CASCADE'})\n"
     "  batch.drop_constraint('uq_old', {type_ = 'unique'})\n"
     "  batch.create_index('ix_age', 'age', {unique = true, where = 'age > 0'})\n"
     "  batch:drop_index('ix_old', {columns = 'legacy'})\n"
     "end)\n"
     "op.execute('after')");
  ASSERT_EQ(sink_.ops.size(), 3u);
  EXPECT_EQ(*op<ops::Execute>(0).sql, "before");
  EXPECT_EQ(*op<ops::Execute>(2).sql, "after");
  const ops::BatchAlterTable& b = op<ops::BatchAlterTable>(1);
  EXPECT_EQ(*b.schema, "core");
  EXPECT_EQ(b.table, "users");
  ASSERT_EQ(b.ops.size(), 10u);
  // Every table op repeats the batch's schema and table.
  for (const ops::TableOp& t : b.ops) {
    std::visit(
        [](const auto& o) {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, ops::CreateIndex>) {
            EXPECT_EQ(*o.index.schema, "core");
            EXPECT_EQ(o.index.table, "users");
          } else if constexpr (std::is_same_v<T, ops::DropIndex>) {
            EXPECT_EQ(*o.schema, "core");
            EXPECT_EQ(*o.table, "users");
          } else {
            EXPECT_EQ(*o.schema, "core");
            EXPECT_EQ(o.table, "users");
          }
        },
        t);
  }
  EXPECT_EQ(table_op<ops::AddColumn>(b, 0).column.name, "age");
  EXPECT_TRUE(table_op<ops::AddColumn>(b, 0).if_not_exists);
  EXPECT_EQ(table_op<ops::DropColumn>(b, 1).column, "legacy");
  EXPECT_EQ(table_op<ops::DropColumn>(b, 1).dropped->type.kind, model::Type::Kind::kText);
  const ops::AlterColumn& alter = table_op<ops::AlterColumn>(b, 2);
  EXPECT_EQ(alter.column, "email");
  EXPECT_EQ(alter.nullable, false);
  EXPECT_EQ(*alter.new_column_name, "mail");
  const auto& pk = std::get<model::PrimaryKey>(table_op<ops::AddConstraint>(b, 3).constraint);
  EXPECT_EQ(*pk.name, "pk_users");
  EXPECT_EQ(pk.columns, Names{"id"});
  const auto& uq =
      std::get<model::UniqueConstraint>(table_op<ops::AddConstraint>(b, 4).constraint);
  EXPECT_FALSE(uq.name.has_value());
  EXPECT_EQ(uq.columns, Names{"mail"});
  const auto& ck = std::get<model::CheckConstraint>(table_op<ops::AddConstraint>(b, 5).constraint);
  EXPECT_EQ(ck.sqltext, "age >= 0");
  const auto& fk = std::get<model::ForeignKey>(table_op<ops::AddConstraint>(b, 6).constraint);
  EXPECT_EQ(*fk.name, "fk_org");
  EXPECT_EQ(fk.ref_table, "orgs");
  EXPECT_EQ(*fk.ref_schema, "core");
  EXPECT_EQ(fk.columns, Names{"org_id"});
  EXPECT_EQ(fk.ref_columns, Names{"id"});
  EXPECT_EQ(*fk.ondelete, "CASCADE");
  EXPECT_EQ(table_op<ops::DropConstraint>(b, 7).name, "uq_old");
  EXPECT_EQ(table_op<ops::DropConstraint>(b, 7).type, ops::ConstraintType::kUnique);
  const ops::CreateIndex& ci = table_op<ops::CreateIndex>(b, 8);
  EXPECT_EQ(ci.index.name, "ix_age");
  EXPECT_TRUE(ci.index.unique);
  EXPECT_EQ(*ci.index.where, "age > 0");
  const ops::DropIndex& di = table_op<ops::DropIndex>(b, 9);
  EXPECT_EQ(di.name, "ix_old");
  EXPECT_EQ(di.dropped->table, "users");
  EXPECT_EQ(di.dropped->elements.at(0).text, "legacy");
}

TEST_F(OpApiTest, BatchWithoutOptionsOrOps) {
  up("op.batch_alter_table('t', function(b) b.drop_column('c') end)\n"
     "op.batch_alter_table('t', {}, function(b) end)");
  ASSERT_EQ(sink_.ops.size(), 1u);  // an empty batch emits nothing
  const ops::BatchAlterTable& b = op<ops::BatchAlterTable>(0);
  EXPECT_FALSE(b.schema.has_value());
  EXPECT_EQ(table_op<ops::DropColumn>(b, 0).column, "c");
}

TEST_F(OpApiTest, BatchErrorsEmitNothing) {
  EXPECT_EQ(up_error("op.batch_alter_table('t', function(batch)\n"
                     "  batch.drop_column('a')\n"
                     "  error('stop')\nend)"),
            "x.lua:5: stop");
  EXPECT_EQ(up_error("op.batch_alter_table('t', function(batch)\n"
                     "  batch.drop_column('a')\n"
                     "  batch:alter_column('b', {nulable = true})\nend)"),
            "x.lua:5: batch.alter_column: unknown option 'nulable'");
  EXPECT_EQ(up_error("op.batch_alter_table('t', function(batch)\n"
                     "  batch.add_column('b')\nend)"),
            "x.lua:4: batch.add_column: column must be op.column(...), got string");
  EXPECT_EQ(up_error("op.batch_alter_table('t', function(batch)\n"
                     "  batch.drop_column('b', {schema = 's'})\nend)"),
            "x.lua:4: batch.drop_column: unknown option 'schema'");
  EXPECT_EQ(up_error("op.batch_alter_table('t', function(batch)\n"
                     "  batch.create_index('i', 'a', {concurrently = true})\nend)"),
            "x.lua:4: batch.create_index: concurrently = true needs "
            "op.autocommit_block(function() ... end): CREATE INDEX CONCURRENTLY cannot run "
            "inside a transaction");
  EXPECT_EQ(up_error("op.batch_alter_table('t', {schema = 's'})"),
            "x.lua:3: op.batch_alter_table: the last argument must be a function, got no value");
  EXPECT_EQ(up_error("op.batch_alter_table('t', {shema = 's'}, function() end)"),
            "x.lua:3: op.batch_alter_table: unknown option 'shema'");
  EXPECT_TRUE(sink_.ops.empty());
  EXPECT_EQ(up_error("local kept\nop.batch_alter_table('t', function(b) kept = b end)\n"
                     "kept.drop_column('x')"),
            "x.lua:5: batch.drop_column: the batch is closed (op.batch_alter_table has "
            "returned)");
  EXPECT_TRUE(sink_.ops.empty());
}

TEST_F(OpApiTest, BatchInsideAnAutocommitBlockMayIndexConcurrently) {
  up("op.autocommit_block(function()\n"
     "  op.batch_alter_table('t', function(b)\n"
     "    b.create_index('i', 'a', {postgresql_concurrently = true})\n"
     "    b.drop_index('j', {concurrently = true})\n"
     "  end)\nend)");
  ASSERT_EQ(sink_.ops.size(), 3u);
  const ops::BatchAlterTable& b = op<ops::BatchAlterTable>(1);
  EXPECT_TRUE(table_op<ops::CreateIndex>(b, 0).concurrently);
  EXPECT_TRUE(table_op<ops::DropIndex>(b, 1).concurrently);
  // The batch is emitted after its callback: a block inside the callback
  // does not cover it.
  EXPECT_EQ(up_error("op.batch_alter_table('t', function(b)\n"
                     "  op.autocommit_block(function()\n"
                     "    b.create_index('i', 'a', {concurrently = true})\n"
                     "  end)\nend)"),
            "x.lua:5: batch.create_index: concurrently = true needs "
            "op.autocommit_block(function() ... end): CREATE INDEX CONCURRENTLY cannot run "
            "inside a transaction");
}

TEST_F(OpApiTest, AutocommitBlockErrors) {
  EXPECT_EQ(up_error("op.autocommit_block(function()\n  op.execute('a')\n  error('boom')\nend)"),
            "x.lua:5: boom");
  // Begin, the block's ops and End went out: the block ends on an error too,
  // so a script that catches it is back inside its transaction.
  ASSERT_EQ(sink_.ops.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<ops::AutocommitBegin>(sink_.ops[0]));
  EXPECT_EQ(*op<ops::Execute>(1).sql, "a");
  EXPECT_TRUE(std::holds_alternative<ops::AutocommitEnd>(sink_.ops[2]));
  sink_.ops.clear();
  EXPECT_EQ(up_error("op.autocommit_block('x')"),
            "x.lua:3: op.autocommit_block: the block must be a function, got string");
  EXPECT_EQ(up_error("op.autocommit_block(function() end, 1)"),
            "x.lua:3: op.autocommit_block: takes one function");
  EXPECT_TRUE(sink_.ops.empty());
  // After a failed block (caught by the script) concurrently is refused again.
  EXPECT_EQ(up_error("pcall(op.autocommit_block, function() error('x') end)\n"
                     "op.create_index('i', 't', 'a', {concurrently = true})"),
            "x.lua:4: op.create_index: concurrently = true needs op.autocommit_block(function() "
            "... end): CREATE INDEX CONCURRENTLY cannot run inside a transaction");
}

// ---- op.reverse_upgrade ------------------------------------------------------------

std::string script(const std::string& upgrade_body, const std::string& downgrade_body) {
  return "revision = 'x'\nfunction upgrade()\n" + upgrade_body + "\nend\n" +
         "function downgrade()\n" + downgrade_body + "\nend\n";
}

TEST_F(OpApiTest, ReverseUpgradeEmitsTheReversedOps) {
  sink_.x = {{"tenant", "acme"}};
  run(script("op.create_table('t', op.column('id', op.Integer, {primary_key = true}))\n"
             "op.add_column('t', op.column(op.x('tenant'), op.Text))\n"
             "op.autocommit_block(function()\n"
             "  op.create_index('ix', 't', 'id', {concurrently = true})\n"
             "end)\n"
             "op.execute('insert into t values (1)', {reverse = 'delete from t'})\n"
             "op.batch_alter_table('t', function(b) b.alter_column('id',\n"
             "  {nullable = true, existing_nullable = false}) end)",
             "op.execute('first')\nop.reverse_upgrade()\nop.execute('last')"),
      false);
  // Nothing of the upgrade itself reached the sink.
  ASSERT_EQ(sink_.ops.size(), 9u);
  EXPECT_EQ(*op<ops::Execute>(0).sql, "first");
  const ops::BatchAlterTable& b = op<ops::BatchAlterTable>(1);
  const ops::AlterColumn& alter = table_op<ops::AlterColumn>(b, 0);
  EXPECT_EQ(alter.nullable, false);
  EXPECT_EQ(alter.existing_nullable, true);
  EXPECT_EQ(*op<ops::Execute>(2).sql, "delete from t");
  EXPECT_TRUE(std::holds_alternative<ops::AutocommitBegin>(sink_.ops[3]));
  EXPECT_EQ(op<ops::DropIndex>(4).name, "ix");
  EXPECT_TRUE(op<ops::DropIndex>(4).concurrently);
  EXPECT_TRUE(std::holds_alternative<ops::AutocommitEnd>(sink_.ops[5]));
  EXPECT_EQ(op<ops::DropColumn>(6).column, "acme");  // op.x works while recording
  EXPECT_EQ(op<ops::DropTable>(7).name, "t");
  EXPECT_EQ(op<ops::DropTable>(7).dropped->columns.at(0).name, "id");
  EXPECT_EQ(*op<ops::Execute>(8).sql, "last");
  EXPECT_TRUE(sink_.queries.empty());
}

TEST_F(OpApiTest, ReverseUpgradeErrors) {
  // An op that cannot be reversed: reverse()'s message at the calling line.
  Error e = error_of([&] {
    run(script("op.create_schema('s')\nop.drop_table('old')", "local a = 1\nop.reverse_upgrade()"),
        false);
  });
  std::string why = error_of([] { ops::reverse(ops::DropTable{.name = "old"}); }).message();
  EXPECT_EQ(e.code(), ErrorCode::kScript);
  EXPECT_EQ(e.message(), path() + ":8: op.reverse_upgrade: " + why);
  EXPECT_TRUE(sink_.ops.empty());

  // op.query inside the recorded upgrade() is refused where it is called.
  e = error_of([&] {
    run(script("op.execute('x', {reverse = 'y'})\nlocal rows = op.query('select 1')",
               "op.reverse_upgrade()"),
        false);
  });
  EXPECT_EQ(e.message(), path() + ":4: op.query cannot be reversed: op.reverse_upgrade runs "
                                  "upgrade() without a database");
  EXPECT_TRUE(sink_.ops.empty());
  EXPECT_TRUE(sink_.queries.empty());

  // A script error inside upgrade() keeps its own position.
  e = error_of([&] { run(script("error('in upgrade')", "op.reverse_upgrade()"), false); });
  EXPECT_EQ(e.message(), path() + ":3: in upgrade");

  // Only downgrade() may call it.
  e = error_of([&] { run(script("op.reverse_upgrade()", "op.reverse_upgrade()"), true); });
  EXPECT_EQ(e.message(), path() + ":3: op.reverse_upgrade: upgrade() calls "
                                  "op.reverse_upgrade; only downgrade() may");
  e = error_of([&] {
    run("revision = 'x'\nfunction downgrade()\n  op.reverse_upgrade()\nend\n", false);
  });
  EXPECT_EQ(e.message(), path() + ":3: op.reverse_upgrade: the script has no upgrade() function");
  e = error_of([&] { run(script("", "op.reverse_upgrade(1)"), false); });
  EXPECT_EQ(e.message(), path() + ":6: op.reverse_upgrade: takes no arguments");
  EXPECT_TRUE(sink_.ops.empty());
}

TEST_F(OpApiTest, ReverseUpgradeAfterAFailureRestoresTheSink) {
  // The script catches the failure; later ops reach the real sink again.
  run(script("op.execute('x')", "local ok = pcall(op.reverse_upgrade)\nassert(not ok)\n"
                                "op.execute('after')"),
      false);
  ASSERT_EQ(sink_.ops.size(), 1u);
  EXPECT_EQ(*op<ops::Execute>(0).sql, "after");
}

}  // namespace
}  // namespace strata::lua_ops_test
