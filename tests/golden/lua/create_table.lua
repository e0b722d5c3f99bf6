  op.create_schema("core", {if_not_exists = true})
  -- core.users: new in models/core.lua
  op.create_table("users",
    op.column("id", op.BigInteger, {primary_key = true}),
    op.column("email", op.String(320), {nullable = false, unique = true, comment = "login"}),
    op.column("tier", "core.plan_tier", {nullable = false, server_default = "free"}),
    op.column("created_at", op.DateTime{timezone = true}, {nullable = false, server_default = op.text("now()")}),
    op.column("balance", op.Numeric(12, 2), {server_default = "0"}),
    op.column("org_id", op.Integer),
    op.unique_constraint({"email", "tier"}, {name = "uq_users_email_tier"}),
    op.foreign_key_constraint({"org_id"}, "core.orgs", {"id"}, {name = "fk_users_org", ondelete = "SET NULL"}),
    op.check_constraint("balance >= 0", {name = "ck_users_balance"}),
    {schema = "core", comment = "Registered users"})
