-- core schema: users and locations
--
-- Revision ID: 20250801_0001
-- Revises:
-- Create Date: 2025-08-01 09:00:00

revision = "20250801_0001"
down_revision = nil
branch_labels = nil
depends_on = nil

function upgrade()
  op.create_schema("core", {if_not_exists = true})

  op.create_table("users",
    op.column("id", op.Integer, {primary_key = true}),
    op.column("email", op.String(255), {nullable = false}),
    op.column("display_name", op.String(120)),
    -- "1" is a true boolean literal on PostgreSQL, SQLite and SQL Server alike
    op.column("is_active", op.Boolean, {nullable = false, server_default = "1"}),
    op.column("created_at", op.DateTime{timezone = true},
              {nullable = false, server_default = op.text("CURRENT_TIMESTAMP")}),
    op.unique_constraint({"email"}, {name = "uq_users_email"}),
    {schema = "core", comment = "application users"})

  op.create_table("locations",
    op.column("id", op.Integer, {primary_key = true}),
    op.column("user_id", op.Integer, {nullable = false}),
    op.column("name", op.String(120), {nullable = false}),
    op.column("latitude", op.Numeric(9, 6), {nullable = false}),
    op.column("longitude", op.Numeric(9, 6), {nullable = false}),
    op.column("timezone", op.String(64), {server_default = "UTC"}),
    op.foreign_key_constraint({"user_id"}, "core.users", {"id"},
                              {name = "fk_locations_user_id_users", ondelete = "CASCADE"}),
    op.check_constraint("ck_locations_latitude", "latitude BETWEEN -90 AND 90"),
    {schema = "core"})

  op.create_index("ix_core_locations_user_id", "locations", {"user_id"}, {schema = "core"})
end

function downgrade()
  -- ix_core_locations_user_id goes with its table (MySQL/MariaDB refuse to
  -- drop an index a foreign key still uses)
  op.drop_table("locations", {schema = "core"})
  op.drop_table("users", {schema = "core"})
  -- the schema stays: it also holds the version table
end
