// The op API's operations (src/lua/op_api.h): each op.* call builds exactly
// the op it documents; argument errors name the calling line.
#include "lua_ops_fixture.h"

namespace strata::lua_ops_test {
namespace {

using K = model::Type::Kind;
using Names = std::vector<std::string>;

TEST_F(OpApiTest, AlterColumnEveryOption) {
  up("op.alter_column('users', 'email', {schema = 'core', nullable = false,\n"
     "  type_ = op.String(320), server_default = op.text('lower(x)'),\n"
     "  new_column_name = 'mail', comment = 'login', postgresql_using = 'email::text',\n"
     "  existing_type = op.String(255), existing_nullable = true,\n"
     "  existing_server_default = 'a', existing_comment = false,\n"
     "  existing_autoincrement = false})\n"
     "op.alter_column('t', 'c', {type = 'Text', server_default = false, comment = false,\n"
     "  existing_server_default = false, existing_comment = 'old'})\n"
     "op.alter_column('t', 'n', {server_default = 5})");
  ASSERT_EQ(sink_.ops.size(), 3u);
  const ops::AlterColumn& a = op<ops::AlterColumn>(0);
  EXPECT_EQ(*a.schema, "core");
  EXPECT_EQ(a.table, "users");
  EXPECT_EQ(a.column, "email");
  EXPECT_EQ(a.nullable, false);
  EXPECT_EQ(a.type->kind, K::kString);
  EXPECT_EQ(*a.type->length, 320);
  EXPECT_EQ((*a.server_default)->value, "lower(x)");
  EXPECT_TRUE((*a.server_default)->is_expression);
  EXPECT_EQ(*a.new_column_name, "mail");
  EXPECT_EQ(**a.comment, "login");
  EXPECT_EQ(*a.using_expr, "email::text");
  EXPECT_EQ(*a.existing_type->length, 255);
  EXPECT_EQ(a.existing_nullable, true);
  EXPECT_EQ((*a.existing_server_default)->value, "a");
  EXPECT_FALSE((*a.existing_server_default)->is_expression);
  ASSERT_TRUE(a.existing_comment.has_value());
  EXPECT_FALSE(a.existing_comment->has_value());
  EXPECT_EQ(a.existing_autoincrement, false);

  const ops::AlterColumn& b = op<ops::AlterColumn>(1);
  EXPECT_FALSE(b.schema.has_value());
  EXPECT_EQ(b.type->kind, K::kText);
  ASSERT_TRUE(b.server_default.has_value());
  EXPECT_FALSE(b.server_default->has_value());  // drop the default
  ASSERT_TRUE(b.comment.has_value());
  EXPECT_FALSE(b.comment->has_value());  // drop the comment
  ASSERT_TRUE(b.existing_server_default.has_value());
  EXPECT_FALSE(b.existing_server_default->has_value());
  EXPECT_EQ(**b.existing_comment, "old");
  EXPECT_FALSE(b.nullable.has_value());
  EXPECT_FALSE(b.existing_type.has_value());
  EXPECT_FALSE(b.new_column_name.has_value());

  const ops::AlterColumn& c = op<ops::AlterColumn>(2);
  EXPECT_EQ((*c.server_default)->value, "5");
  EXPECT_FALSE(c.type.has_value());
  EXPECT_FALSE(c.comment.has_value());
  EXPECT_FALSE(c.existing_comment.has_value());
}

TEST_F(OpApiTest, AlterColumnErrors) {
  EXPECT_EQ(up_error("op.alter_column('t', 'c', {type_ = 'Text', type = 'Text'})"),
            "x.lua:3: op.alter_column: give only one of 'type_' and 'type'");
  EXPECT_EQ(up_error("op.alter_column('t', 'c', {existing_type = 'Text'})"),
            "x.lua:3: op.alter_column: nothing to change (give nullable, type_, server_default, "
            "new_column_name, comment or identity)");
  EXPECT_EQ(up_error("op.alter_column('t', 'c', {nullable = true, postgresql_using = 'x'})"),
            "x.lua:3: op.alter_column: postgresql_using needs type_");
  EXPECT_EQ(up_error("local x = 1\nop.alter_column('t', 'c', {server_default = true})"),
            "x.lua:4: op.alter_column: server_default = true is ambiguous: write 'true' or "
            "op.text('true') for the value (false means no default)");
  EXPECT_EQ(up_error("op.alter_column('t', 'c', {nullabel = true})"),
            "x.lua:3: op.alter_column: unknown option 'nullabel'");
  EXPECT_EQ(up_error("op.alter_column('t', 'c', {nullable = 'no'})"),
            "x.lua:3: op.alter_column: option 'nullable' must be a boolean, got string");
  EXPECT_EQ(up_error("op.alter_column('t', 'c', {comment = true})"),
            "x.lua:3: op.alter_column: option 'comment' must be a string or false, got true");
  EXPECT_EQ(up_error("op.alter_column('t', 'c', {type_ = 'Strng'})"),
            "x.lua:3: op.alter_column: unknown type 'Strng'");
  EXPECT_EQ(up_error("op.alter_column('t', 5, {nullable = true})"),
            "x.lua:3: op.alter_column: column name must be a string, got number");
  EXPECT_EQ(up_error("op.alter_column('t', 'c', {server_default = {}})"),
            "x.lua:3: op.alter_column: server_default must be a string, number, op.text(...) or "
            "false, got table");
  EXPECT_EQ(up_error("op.alter_column('t', 'c', {new_column_name = ''})"),
            "x.lua:3: op.alter_column: new_column_name must not be empty");
  EXPECT_TRUE(sink_.ops.empty());
}

// identity / existing_identity: "always" | "by_default" | {always, start, ...}
// | false (none); an identity alone is a change.
TEST_F(OpApiTest, AlterColumnIdentity) {
  up("op.alter_column('t', 'a', {identity = 'always', existing_identity = false})\n"
     "op.alter_column('t', 'b', {identity = false, existing_identity = 'by_default'})\n"
     "op.alter_column('t', 'c', {identity = {start = 10, increment = 5, cycle = true},\n"
     "  existing_identity = {always = true, cache = 3}})\n"
     "op.batch_alter_table('t', function(batch)\n"
     "  batch:alter_column('d', {identity = 'by_default'})\n"
     "end)");
  ASSERT_EQ(sink_.ops.size(), 4u);
  const ops::AlterColumn& a = op<ops::AlterColumn>(0);
  EXPECT_EQ(a.identity, std::optional<model::Identity>(model::Identity{.always = true}));
  ASSERT_TRUE(a.existing_identity.has_value());
  EXPECT_FALSE(a.existing_identity->has_value());
  EXPECT_FALSE(a.nullable.has_value());

  const ops::AlterColumn& b = op<ops::AlterColumn>(1);
  ASSERT_TRUE(b.identity.has_value());
  EXPECT_FALSE(b.identity->has_value());  // drop the identity
  EXPECT_EQ(b.existing_identity, std::optional<model::Identity>(model::Identity{}));

  const ops::AlterColumn& c = op<ops::AlterColumn>(2);
  EXPECT_EQ(c.identity, std::optional<model::Identity>(
                            model::Identity{.start = 10, .increment = 5, .cycle = true}));
  EXPECT_EQ(c.existing_identity,
            std::optional<model::Identity>(model::Identity{.always = true, .cache = 3}));

  const auto& batch = op<ops::BatchAlterTable>(3);
  ASSERT_EQ(batch.ops.size(), 1u);
  EXPECT_EQ(std::get<ops::AlterColumn>(batch.ops[0]).identity,
            std::optional<model::Identity>(model::Identity{}));

  EXPECT_EQ(up_error("op.alter_column('t', 'c', {identity = 'sometimes'})"),
            "x.lua:3: op.alter_column: identity must be \"always\", \"by_default\", a table or "
            "false, got \"sometimes\"");
  EXPECT_EQ(up_error("op.alter_column('t', 'c', {identity = true})"),
            "x.lua:3: op.alter_column: identity must be \"always\", \"by_default\", a table or "
            "false, got true");
  EXPECT_EQ(up_error("op.alter_column('t', 'c', {identity = {begin = 1}})"),
            "x.lua:3: op.alter_column identity: unknown option 'begin'");
  EXPECT_EQ(up_error("op.alter_column('t', 'c', {identity = 'always', existing_identity = 5})"),
            "x.lua:3: op.alter_column: existing_identity must be \"always\", \"by_default\", a "
            "table or false, got number");
  EXPECT_EQ(up_error("op.alter_column('t', 'c', {identity = 'always', nullable = true})"),
            "x.lua:3: op.alter_column: an identity column cannot be nullable");
  EXPECT_EQ(up_error("op.alter_column('t', 'c', {existing_identity = 'always'})"),
            "x.lua:3: op.alter_column: nothing to change (give nullable, type_, server_default, "
            "new_column_name, comment or identity)");
}

TEST_F(OpApiTest, ColumnRenamesAndDrops) {
  up("op.rename_column('t', 'a', 'b', {schema = 's'})\nop.rename_column('t', 'c', 'd')\n"
     "op.drop_column('t', 'c', {schema = 's', if_exists = true, existing_type = op.Boolean,\n"
     "  existing_nullable = false, existing_server_default = op.text('true'),\n"
     "  existing_comment = 'flag'})\n"
     "op.drop_column('t', 'd', {existing_type = 'INT'})\nop.drop_column('t', 'e')");
  ASSERT_EQ(sink_.ops.size(), 5u);
  const ops::RenameColumn& r = op<ops::RenameColumn>(0);
  EXPECT_EQ(*r.schema, "s");
  EXPECT_EQ(r.table, "t");
  EXPECT_EQ(r.old_name, "a");
  EXPECT_EQ(r.new_name, "b");
  EXPECT_FALSE(op<ops::RenameColumn>(1).schema.has_value());
  const ops::DropColumn& d = op<ops::DropColumn>(2);
  EXPECT_EQ(*d.schema, "s");
  EXPECT_TRUE(d.if_exists);
  ASSERT_TRUE(d.dropped.has_value());
  EXPECT_EQ(d.dropped->name, "c");
  EXPECT_EQ(d.dropped->type.kind, K::kBoolean);
  EXPECT_FALSE(d.dropped->nullable);
  EXPECT_EQ(d.dropped->server_default->value, "true");
  EXPECT_TRUE(d.dropped->server_default->is_expression);
  EXPECT_EQ(*d.dropped->comment, "flag");
  const ops::DropColumn& d2 = op<ops::DropColumn>(3);
  EXPECT_EQ(d2.dropped->type.raw, "INT");
  EXPECT_TRUE(d2.dropped->nullable);
  EXPECT_FALSE(d2.dropped->server_default.has_value());
  EXPECT_FALSE(op<ops::DropColumn>(4).dropped.has_value());
  EXPECT_EQ(up_error("op.drop_column('t', 'c', {existing_nullable = false})"),
            "x.lua:3: op.drop_column: existing_nullable describes the dropped column: give "
            "existing_type too");
  EXPECT_EQ(up_error("op.rename_column('t', 'a')"),
            "x.lua:3: op.rename_column: new column name must be a string, got no value");
}

TEST_F(OpApiTest, DropTableDescribesTheDroppedTable) {
  up("op.drop_table('users', op.column('id', op.Integer, {primary_key = true}),\n"
     "  op.column('org_id', op.Integer, {foreign_key = 'orgs.id'}),\n"
     "  op.unique_constraint('org_id', {name = 'uq_org'}),\n"
     "  {schema = 'core', if_exists = true, comment = 'people'})\n"
     "op.drop_table('plain', {schema = 's'})");
  const ops::DropTable& d = op<ops::DropTable>(0);
  EXPECT_EQ(d.name, "users");
  EXPECT_EQ(*d.schema, "core");
  EXPECT_TRUE(d.if_exists);
  ASSERT_TRUE(d.dropped.has_value());
  EXPECT_EQ(d.dropped->name, "users");
  EXPECT_EQ(*d.dropped->schema, "core");
  EXPECT_EQ(*d.dropped->comment, "people");
  ASSERT_EQ(d.dropped->columns.size(), 2u);
  EXPECT_TRUE(d.dropped->columns[0].primary_key);
  ASSERT_EQ(d.dropped->foreign_keys.size(), 1u);
  EXPECT_EQ(d.dropped->foreign_keys[0].ref_table, "orgs");
  EXPECT_EQ(*d.dropped->uniques.at(0).name, "uq_org");
  EXPECT_FALSE(op<ops::DropTable>(1).dropped.has_value());
  EXPECT_EQ(up_error("op.drop_table('t', op.unique_constraint('a'))"),
            "x.lua:3: op.drop_table: the dropped table's description needs its columns "
            "(op.column(...))");
  EXPECT_EQ(up_error("op.drop_table('t', 'id')"),
            "x.lua:3: op.drop_table: argument 2: expected op.column(...) or a constraint, got "
            "string");
}

TEST_F(OpApiTest, TableMovesAndComments) {
  up("op.move_table('docs', {new_schema = 'rag', new_name = 'documents'})\n"
     "op.move_table('documents', {schema = 'rag'})\n"
     "op.create_table_comment('t', 'hello', {schema = 's', existing_comment = 'old'})\n"
     "op.create_table_comment('t', 'x')\n"
     "op.drop_table_comment('t', {existing_comment = 'hello'})\n"
     "op.drop_table_comment('t', {existing_comment = false})");
  ASSERT_EQ(sink_.ops.size(), 6u);
  const ops::MoveTable& m = op<ops::MoveTable>(0);
  EXPECT_EQ(m.name, "docs");
  EXPECT_FALSE(m.schema.has_value());
  EXPECT_EQ(*m.new_schema, "rag");
  EXPECT_EQ(*m.new_name, "documents");
  EXPECT_EQ(*op<ops::MoveTable>(1).schema, "rag");
  EXPECT_FALSE(op<ops::MoveTable>(1).new_schema.has_value());
  EXPECT_FALSE(op<ops::MoveTable>(1).new_name.has_value());
  const ops::SetTableComment& c = op<ops::SetTableComment>(2);
  EXPECT_EQ(*c.schema, "s");
  EXPECT_EQ(c.table, "t");
  EXPECT_EQ(*c.comment, "hello");
  EXPECT_EQ(**c.existing_comment, "old");
  EXPECT_FALSE(op<ops::SetTableComment>(3).existing_comment.has_value());
  EXPECT_FALSE(op<ops::SetTableComment>(4).comment.has_value());
  EXPECT_EQ(**op<ops::SetTableComment>(4).existing_comment, "hello");
  ASSERT_TRUE(op<ops::SetTableComment>(5).existing_comment.has_value());
  EXPECT_FALSE(op<ops::SetTableComment>(5).existing_comment->has_value());

  EXPECT_EQ(up_error("op.move_table('t', {new_name = 'u'})"),
            "x.lua:3: op.move_table: give new_schema (and schema when the table is not in the "
            "default schema)");
  EXPECT_EQ(up_error("op.move_table('t', {schema = 'a', new_schema = 'a'})"),
            "x.lua:3: op.move_table: schema and new_schema are both 'a'; use op.rename_table");
  EXPECT_EQ(up_error("op.create_table_comment('t', nil)"),
            "x.lua:3: op.create_table_comment: comment must be a string, got nil");
}

TEST_F(OpApiTest, CreateConstraints) {
  up("op.create_primary_key('pk_t', 't', {'a', 'b'}, {schema = 's'})\n"
     "op.create_unique_constraint(nil, 't', 'email')\n"
     "op.create_check_constraint('ck_pos', 't', op.text('n > 0'), {schema = 's'})\n"
     "op.create_foreign_key(op.f('fk_x'), 'chunks', 'docs', {'doc_id'}, {'id'},\n"
     "  {source_schema = 'rag', referent_schema = 'core', ondelete = 'CASCADE',\n"
     "   onupdate = 'SET NULL', deferrable = true, initially = 'DEFERRED', match = 'FULL'})\n"
     "op.create_foreign_key('fk_y', 'a', 'b', 'b_id', 'id')");
  ASSERT_EQ(sink_.ops.size(), 5u);
  const ops::AddConstraint& pk = op<ops::AddConstraint>(0);
  EXPECT_EQ(*pk.schema, "s");
  EXPECT_EQ(pk.table, "t");
  EXPECT_EQ(*std::get<model::PrimaryKey>(pk.constraint).name, "pk_t");
  EXPECT_EQ(std::get<model::PrimaryKey>(pk.constraint).columns, (Names{"a", "b"}));
  const auto& uq = std::get<model::UniqueConstraint>(op<ops::AddConstraint>(1).constraint);
  EXPECT_FALSE(uq.name.has_value());
  EXPECT_EQ(uq.columns, Names{"email"});
  const auto& ck = std::get<model::CheckConstraint>(op<ops::AddConstraint>(2).constraint);
  EXPECT_EQ(*ck.name, "ck_pos");
  EXPECT_EQ(ck.sqltext, "n > 0");
  const ops::AddConstraint& fk_op = op<ops::AddConstraint>(3);
  EXPECT_EQ(*fk_op.schema, "rag");
  EXPECT_EQ(fk_op.table, "chunks");
  const auto& fk = std::get<model::ForeignKey>(fk_op.constraint);
  EXPECT_EQ(*fk.name, "fk_x");
  EXPECT_EQ(fk.columns, Names{"doc_id"});
  EXPECT_EQ(*fk.ref_schema, "core");
  EXPECT_EQ(fk.ref_table, "docs");
  EXPECT_EQ(fk.ref_columns, Names{"id"});
  EXPECT_EQ(*fk.ondelete, "CASCADE");
  EXPECT_EQ(*fk.onupdate, "SET NULL");
  EXPECT_EQ(fk.deferrable, true);
  EXPECT_EQ(*fk.initially, "DEFERRED");
  EXPECT_EQ(*fk.match, "FULL");
  const auto& fk2 = std::get<model::ForeignKey>(op<ops::AddConstraint>(4).constraint);
  EXPECT_FALSE(op<ops::AddConstraint>(4).schema.has_value());
  EXPECT_FALSE(fk2.ref_schema.has_value());
  EXPECT_FALSE(fk2.ondelete.has_value());

  EXPECT_EQ(up_error("op.create_foreign_key('f', 'a', 'b', {'x', 'y'}, {'id'})"),
            "x.lua:3: op.create_foreign_key: local and remote columns differ in number");
  EXPECT_EQ(up_error("op.create_foreign_key('f', 'a', 'b', 'x', 'id', {schema = 's'})"),
            "x.lua:3: op.create_foreign_key: unknown option 'schema'");
  EXPECT_EQ(up_error("op.create_primary_key('pk', 't', {})"),
            "x.lua:3: op.create_primary_key: columns must not be empty");
  EXPECT_EQ(up_error("op.create_unique_constraint(5, 't', 'a')"),
            "x.lua:3: op.create_unique_constraint: constraint name must be a string or nil, got "
            "number");
  EXPECT_EQ(up_error("op.create_check_constraint('c', 't', {})"),
            "x.lua:3: op.create_check_constraint: condition must be a string, got table");
}

TEST_F(OpApiTest, DropAndRenameConstraints) {
  up("op.drop_constraint('fk_a', 't', {type_ = 'foreignkey', schema = 's', if_exists = true})\n"
     "op.drop_constraint('uq_a', 't', {dropped = op.unique_constraint({'a', 'b'})})\n"
     "op.drop_constraint('ck', 't', {type_ = 'check', dropped = op.check_constraint('ck', 'x')})\n"
     "op.drop_constraint('c', 't')\n"
     "op.rename_constraint('t', 'old', 'new', {schema = 's', type_ = 'primary'})");
  ASSERT_EQ(sink_.ops.size(), 5u);
  const ops::DropConstraint& a = op<ops::DropConstraint>(0);
  EXPECT_EQ(a.name, "fk_a");
  EXPECT_EQ(a.table, "t");
  EXPECT_EQ(*a.schema, "s");
  EXPECT_EQ(a.type, ops::ConstraintType::kForeignKey);
  EXPECT_TRUE(a.if_exists);
  EXPECT_FALSE(a.dropped.has_value());
  const ops::DropConstraint& b = op<ops::DropConstraint>(1);
  EXPECT_EQ(b.type, ops::ConstraintType::kUnique);  // implied by `dropped`
  const auto& uq = std::get<model::UniqueConstraint>(*b.dropped);
  EXPECT_EQ(*uq.name, "uq_a");  // the dropped constraint takes the name
  EXPECT_EQ(uq.columns, (Names{"a", "b"}));
  EXPECT_EQ(op<ops::DropConstraint>(2).type, ops::ConstraintType::kCheck);
  EXPECT_EQ(op<ops::DropConstraint>(3).type, ops::ConstraintType::kUnknown);
  const ops::RenameConstraint& r = op<ops::RenameConstraint>(4);
  EXPECT_EQ(*r.schema, "s");
  EXPECT_EQ(r.table, "t");
  EXPECT_EQ(r.old_name, "old");
  EXPECT_EQ(r.new_name, "new");
  EXPECT_EQ(r.type, ops::ConstraintType::kPrimaryKey);

  EXPECT_EQ(up_error("op.drop_constraint('c', 't', {type_ = 'fk'})"),
            "x.lua:3: op.drop_constraint: type_ must be 'foreignkey', 'unique', 'check' or "
            "'primary', got 'fk'");
  EXPECT_EQ(up_error("op.drop_constraint('c', 't', {type_ = 'check',\n"
                     "  dropped = op.unique_constraint('a')})"),
            "x.lua:3: op.drop_constraint: type_ 'check' does not match the dropped constraint "
            "(unique)");
  EXPECT_EQ(up_error("op.drop_constraint('c', 't', {dropped = op.check_constraint('d', 'x')})"),
            "x.lua:3: op.drop_constraint: the dropped constraint is named 'd', not 'c'");
  EXPECT_EQ(up_error("op.drop_constraint('c', 't', {dropped = 'x'})"),
            "x.lua:3: op.drop_constraint: option 'dropped' must be a constraint value "
            "(op.foreign_key_constraint(...), ...), got string");
  EXPECT_EQ(up_error("op.rename_constraint('t', 'a', 'b', {type_ = 1})"),
            "x.lua:3: op.rename_constraint: type_ must be 'foreignkey', 'unique', 'check' or "
            "'primary', got number");
}

TEST_F(OpApiTest, IndexOptionsAndAliases) {
  up("op.create_index('ix_a', 't', {'a', op.text('lower(b)')},\n"
     "  {postgresql_where = op.text('a > 0'), postgresql_include = {'c'}})\n"
     "op.create_index('ix_b', 't', 'b', {sqlite_where = 'b IS NOT NULL'})\n"
     "op.drop_index('ix_a', 't', {schema = 's', if_exists = true})\n"
     "op.drop_index('ix_b', {table = 't', columns = {'b', op.text('lower(c)')}, unique = true,\n"
     "  where = 'b > 1', include = 'd'})\n"
     "op.rename_index('old', 'new', {table = 't', schema = 's'})\nop.rename_index('o', 'n')");
  ASSERT_EQ(sink_.ops.size(), 6u);
  const ops::CreateIndex& a = op<ops::CreateIndex>(0);
  EXPECT_EQ(*a.index.where, "a > 0");
  EXPECT_EQ(a.index.include, Names{"c"});
  EXPECT_TRUE(a.index.elements[1].is_expression);
  EXPECT_FALSE(a.concurrently);
  EXPECT_EQ(*op<ops::CreateIndex>(1).index.where, "b IS NOT NULL");
  const ops::DropIndex& d = op<ops::DropIndex>(2);
  EXPECT_EQ(*d.table, "t");
  EXPECT_EQ(*d.schema, "s");
  EXPECT_TRUE(d.if_exists);
  EXPECT_FALSE(d.dropped.has_value());
  const ops::DropIndex& d2 = op<ops::DropIndex>(3);
  ASSERT_TRUE(d2.dropped.has_value());
  EXPECT_EQ(d2.dropped->name, "ix_b");
  EXPECT_EQ(d2.dropped->table, "t");
  ASSERT_EQ(d2.dropped->elements.size(), 2u);
  EXPECT_EQ(d2.dropped->elements[1].text, "lower(c)");
  EXPECT_TRUE(d2.dropped->elements[1].is_expression);
  EXPECT_TRUE(d2.dropped->unique);
  EXPECT_EQ(*d2.dropped->where, "b > 1");
  EXPECT_EQ(d2.dropped->include, Names{"d"});
  const ops::RenameIndex& r = op<ops::RenameIndex>(4);
  EXPECT_EQ(r.old_name, "old");
  EXPECT_EQ(r.new_name, "new");
  EXPECT_EQ(*r.table, "t");
  EXPECT_EQ(*r.schema, "s");
  EXPECT_FALSE(op<ops::RenameIndex>(5).table.has_value());

  EXPECT_EQ(up_error("op.create_index('i', 't', 'a', {where = 'x', postgresql_where = 'y'})"),
            "x.lua:3: op.create_index: give only one of 'where' and 'postgresql_where'");
  EXPECT_EQ(up_error("op.drop_index('i', {columns = {'a'}})"),
            "x.lua:3: op.drop_index: columns describe the dropped index, which needs its table");
  EXPECT_EQ(up_error("op.drop_index('i', 't', {unique = true})"),
            "x.lua:3: op.drop_index: unique describes the dropped index: give columns too");
  EXPECT_EQ(up_error("op.drop_index('i', 't', {table = 't'})"),
            "x.lua:3: op.drop_index: unknown option 'table'");
}

TEST_F(OpApiTest, ConcurrentlyNeedsAnAutocommitBlock) {
  EXPECT_EQ(up_error("local a = 1\nop.create_index('i', 't', 'a', {concurrently = true})"),
            "x.lua:4: op.create_index: concurrently = true needs op.autocommit_block(function() "
            "... end): CREATE INDEX CONCURRENTLY cannot run inside a transaction");
  EXPECT_EQ(up_error("op.drop_index('i', {postgresql_concurrently = true})"),
            "x.lua:3: op.drop_index: concurrently = true needs op.autocommit_block(function() "
            "... end): DROP INDEX CONCURRENTLY cannot run inside a transaction");
  EXPECT_EQ(up_error("op.autocommit_block(function() end)\n"
                     "op.create_index('i', 't', 'a', {concurrently = true})"),
            "x.lua:4: op.create_index: concurrently = true needs op.autocommit_block(function() "
            "... end): CREATE INDEX CONCURRENTLY cannot run inside a transaction");
  EXPECT_EQ(up_error("op.autocommit_block(function()\n"
                     "  op.create_index('i', 't', 'a', {concurrently = true,\n"
                     "                                  postgresql_concurrently = true})\nend)"),
            "x.lua:4: op.create_index: give only one of 'concurrently' and "
            "'postgresql_concurrently'");
  sink_.ops.clear();
  up("op.autocommit_block(function()\n"
     "  op.create_index('i', 't', 'a', {concurrently = true})\n"
     "  op.autocommit_block(function()\n"
     "    op.drop_index('j', {postgresql_concurrently = true, concurrently = nil})\n"
     "  end)\n"
     "  op.create_index('k', 't', 'a', {concurrently = false})\n"
     "end)");
  ASSERT_EQ(sink_.ops.size(), 7u);
  EXPECT_TRUE(std::holds_alternative<ops::AutocommitBegin>(sink_.ops[0]));
  EXPECT_TRUE(op<ops::CreateIndex>(1).concurrently);
  EXPECT_TRUE(std::holds_alternative<ops::AutocommitBegin>(sink_.ops[2]));
  EXPECT_TRUE(op<ops::DropIndex>(3).concurrently);
  EXPECT_TRUE(std::holds_alternative<ops::AutocommitEnd>(sink_.ops[4]));
  EXPECT_FALSE(op<ops::CreateIndex>(5).concurrently);
  EXPECT_TRUE(std::holds_alternative<ops::AutocommitEnd>(sink_.ops[6]));
}

TEST_F(OpApiTest, Sequences) {
  up("op.create_sequence('seq', {schema = 's', start = 10, increment = -2, minvalue = -100,\n"
     "  maxvalue = 100, cache = 5, cycle = true, if_not_exists = true})\n"
     "op.create_sequence('plain', {start = 3.0})\n"
     "op.drop_sequence('seq', {schema = 's', if_exists = true, dropped = {start = 10,\n"
     "  increment = -2, cycle = true}})\nop.drop_sequence('plain')");
  ASSERT_EQ(sink_.ops.size(), 4u);
  const ops::CreateSequence& c = op<ops::CreateSequence>(0);
  EXPECT_EQ(*c.schema, "s");
  EXPECT_EQ(c.name, "seq");
  EXPECT_EQ(c.start, 10);
  EXPECT_EQ(c.increment, -2);
  EXPECT_EQ(c.minvalue, -100);
  EXPECT_EQ(c.maxvalue, 100);
  EXPECT_EQ(c.cache, 5);
  EXPECT_TRUE(c.cycle);
  EXPECT_TRUE(c.if_not_exists);
  const ops::CreateSequence& p = op<ops::CreateSequence>(1);
  EXPECT_EQ(p.start, 3);
  EXPECT_FALSE(p.increment.has_value());
  EXPECT_FALSE(p.cycle);
  const ops::DropSequence& d = op<ops::DropSequence>(2);
  EXPECT_EQ(*d.schema, "s");
  EXPECT_TRUE(d.if_exists);
  ASSERT_TRUE(d.dropped.has_value());
  EXPECT_EQ(d.dropped->name, "seq");
  EXPECT_EQ(*d.dropped->schema, "s");
  EXPECT_EQ(d.dropped->start, 10);
  EXPECT_EQ(d.dropped->increment, -2);
  EXPECT_TRUE(d.dropped->cycle);
  EXPECT_FALSE(op<ops::DropSequence>(3).dropped.has_value());

  EXPECT_EQ(up_error("op.create_sequence('s', {start = 1.5})"),
            "x.lua:3: op.create_sequence: option 'start' must be an integer, got a fraction");
  EXPECT_EQ(up_error("op.create_sequence('s', {cache = '5'})"),
            "x.lua:3: op.create_sequence: option 'cache' must be an integer, got string");
  EXPECT_EQ(up_error("op.create_sequence('s', {increment = 0})"),
            "x.lua:3: op.create_sequence: increment must not be 0");
  EXPECT_EQ(up_error("op.drop_sequence('s', {dropped = {strat = 1}})"),
            "x.lua:3: op.drop_sequence 'dropped': unknown option 'strat'");
}

TEST_F(OpApiTest, BulkInsertValues) {
  up("op.bulk_insert('t', {\n"
     "  {id = 1, name = 'a', price = 2.5, active = true},\n"
     "  {id = 2, name = op.null, note = 'x'},\n"
     "}, {schema = 's', types = {active = op.Boolean, price = 'NUMERIC(5, 2)'}})\n"
     "op.bulk_insert('u', {{b = 1, a = 2.0}}, {columns = {'b', 'a', 'c'}})\n"
     "op.bulk_insert('v', {})");
  ASSERT_EQ(sink_.ops.size(), 2u);  // no rows: no op
  const ops::BulkInsert& b = op<ops::BulkInsert>(0);
  EXPECT_EQ(*b.schema, "s");
  EXPECT_EQ(b.table, "t");
  EXPECT_EQ(b.columns, (Names{"active", "id", "name", "note", "price"}));
  ASSERT_EQ(b.rows.size(), 2u);
  const std::vector<ops::Value> row1 = {true, 1LL, std::string("a"), std::monostate{}, 2.5};
  const std::vector<ops::Value> row2 = {std::monostate{}, 2LL, std::monostate{},
                                        std::string("x"), std::monostate{}};
  EXPECT_EQ(b.rows[0], row1);
  EXPECT_EQ(b.rows[1], row2);
  ASSERT_EQ(b.types.size(), 5u);
  EXPECT_EQ(b.types[0]->kind, K::kBoolean);
  EXPECT_FALSE(b.types[1].has_value());
  EXPECT_EQ(b.types[4]->raw, "NUMERIC(5, 2)");
  EXPECT_FALSE(b.delete_rows);
  const ops::BulkInsert& u = op<ops::BulkInsert>(1);
  EXPECT_EQ(u.columns, (Names{"b", "a", "c"}));
  const std::vector<ops::Value> urow = {1LL, 2.0, std::monostate{}};
  EXPECT_EQ(u.rows.at(0), urow);
  EXPECT_TRUE(std::holds_alternative<double>(u.rows[0][1]));  // 2.0 stays a float
  EXPECT_TRUE(u.types.empty());
}

TEST_F(OpApiTest, BulkInsertErrors) {
  EXPECT_EQ(up_error("op.bulk_insert('t', {{a = 1}, {a = {}}})"),
            "x.lua:3: op.bulk_insert: row 2, column 'a': value must be a string, number, "
            "boolean or op.null, got table");
  EXPECT_EQ(up_error("op.bulk_insert('t', {{a = print}})"),
            "x.lua:3: op.bulk_insert: row 1, column 'a': value must be a string, number, "
            "boolean or op.null, got function");
  EXPECT_EQ(up_error("op.bulk_insert('t', {{a = 1/0}})"),
            "x.lua:3: op.bulk_insert: row 1, column 'a': value must be finite");
  EXPECT_EQ(up_error("op.bulk_insert('t', {{a = 1}, {b = 2}}, {columns = {'a'}})"),
            "x.lua:3: op.bulk_insert: row 2: column 'b' is not in columns");
  EXPECT_EQ(up_error("op.bulk_insert('t', {a = 1})"),
            "x.lua:3: op.bulk_insert: rows must be an array of row tables, got a table with "
            "non-array keys");
  EXPECT_EQ(up_error("op.bulk_insert('t', {1})"),
            "x.lua:3: op.bulk_insert: row 1 must be a table, got number");
  EXPECT_EQ(up_error("op.bulk_insert('t', {{[1] = 'x'}})"),
            "x.lua:3: op.bulk_insert: row 1: keys must be column names (strings)");
  EXPECT_EQ(up_error("op.bulk_insert('t', {{a = 1}}, {types = {b = op.Integer}})"),
            "x.lua:3: op.bulk_insert: option 'types': no column 'b'");
  EXPECT_EQ(up_error("op.bulk_insert('t', {{a = 1}}, {columns = {'a', 'a'}})"),
            "x.lua:3: op.bulk_insert: option 'columns' repeats a column");
  EXPECT_TRUE(sink_.ops.empty());
}

TEST_F(OpApiTest, ExecuteReverseAndF) {
  up("op.execute('insert into t values (1)', {reverse = 'delete from t where id = 1'})\n"
     "op.execute({postgresql = 'a', sql = 'b'}, {reverse = {postgresql = 'c', 'd'}})\n"
     "op.execute(op.text('x'), {reverse = op.text('y')})\n"
     "assert(op.f('ix_Name') == 'ix_Name')");
  ASSERT_EQ(sink_.ops.size(), 3u);
  EXPECT_EQ(*op<ops::Execute>(0).reverse_sql, "delete from t where id = 1");
  EXPECT_TRUE(op<ops::Execute>(0).reverse_per_dialect.empty());
  const ops::Execute& e = op<ops::Execute>(1);
  EXPECT_EQ(*e.sql, "b");
  EXPECT_EQ(e.per_dialect.at("postgresql"), "a");
  EXPECT_EQ(*e.reverse_sql, "d");
  EXPECT_EQ(e.reverse_per_dialect.at("postgresql"), "c");
  EXPECT_EQ(*op<ops::Execute>(2).reverse_sql, "y");
  EXPECT_EQ(up_error("op.execute('x', {revers = 'y'})"),
            "x.lua:3: op.execute: unknown option 'revers'");
  EXPECT_EQ(up_error("op.execute('x', {reverse = {}})"), "x.lua:3: op.execute: no reverse given");
  EXPECT_EQ(up_error("op.execute('x', {reverse = 5})"),
            "x.lua:3: op.execute: reverse must be a string, got number");
  EXPECT_EQ(up_error("op.f(1)"), "x.lua:3: op.f: name must be a string, got number");
}

}  // namespace
}  // namespace strata::lua_ops_test
