-- core analytics tables
--
-- Revision ID: 20250812_0003
-- Revises: 20250805_0002
-- Create Date: 2025-08-12 09:00:00

revision = "20250812_0003"
down_revision = "20250805_0002"
branch_labels = nil
depends_on = nil

function upgrade()
  op.create_table("forecast_requests",
    op.column("id", op.BigInteger, {primary_key = true}),
    op.column("user_id", op.Integer, {nullable = false}),
    op.column("location_id", op.Integer, {nullable = false}),
    op.column("requested_at", op.DateTime{timezone = true},
              {nullable = false, server_default = op.text("CURRENT_TIMESTAMP")}),
    op.column("model_version", op.String(40), {nullable = false}),
    op.column("latency_ms", op.Integer),
    op.foreign_key_constraint({"user_id"}, "core.users", {"id"},
                              {name = "fk_forecast_requests_user_id_users", ondelete = "CASCADE"}),
    -- NO ACTION here: a user's requests already go with the user, and SQL
    -- Server refuses two cascade paths (users -> locations -> requests).
    op.foreign_key_constraint({"location_id"}, "core.locations", {"id"},
                              {name = "fk_forecast_requests_location_id_locations"}),
    {schema = "core"})

  op.create_table("daily_usage",
    op.column("user_id", op.Integer, {nullable = false}),
    op.column("day", op.Date, {nullable = false}),
    op.column("request_count", op.Integer, {nullable = false, server_default = "0"}),
    op.primary_key_constraint({"user_id", "day"}, {name = "pk_daily_usage"}),
    op.check_constraint("ck_daily_usage_request_count", "request_count >= 0"),
    {schema = "core"})

  op.create_index("ix_core_forecast_requests_requested_at", "forecast_requests",
                  {"requested_at"}, {schema = "core"})
end

function downgrade()
  op.drop_index("ix_core_forecast_requests_requested_at",
                {table = "forecast_requests", schema = "core"})
  op.drop_table("daily_usage", {schema = "core"})
  op.drop_table("forecast_requests", {schema = "core"})
end
