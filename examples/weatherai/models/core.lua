-- WeatherAI core domain: the desired state of schema `core` at head
-- (revision 20250826_0004). `strata revision --autogenerate` diffs these
-- declarations against the database; `strata check` says whether they agree.
-- Unnamed foreign keys and named checks take the naming convention in
-- strata.toml (fk_<table>_<column>_<referred table>, ck_<table>_<name>).

model.schema("core")

model.table("users",
  model.column("id", model.Integer, {primary_key = true}),
  model.column("email", model.String(255), {nullable = false}),
  model.column("display_name", model.String(120)),
  model.column("is_active", model.Boolean, {nullable = false, server_default = "1"}),
  model.column("created_at", model.DateTime{timezone = true},
               {nullable = false, server_default = model.text("CURRENT_TIMESTAMP")}),
  -- the keys revision 0001 made keep their names
  model.primary_key_constraint({"id"}, {name = "users_pkey"}),
  model.unique_constraint({"email"}, {name = "uq_users_email"}),
  {schema = "core", comment = "application users"})

model.table("locations",
  model.column("id", model.Integer, {primary_key = true}),
  model.column("user_id", model.Integer, {nullable = false}),
  model.column("name", model.String(120), {nullable = false}),
  model.column("latitude", model.Numeric(9, 6), {nullable = false}),
  model.column("longitude", model.Numeric(9, 6), {nullable = false}),
  model.column("timezone", model.String(64), {server_default = "UTC"}),
  model.primary_key_constraint({"id"}, {name = "locations_pkey"}),
  model.foreign_key_constraint({"user_id"}, "core.users", {"id"}, {ondelete = "CASCADE"}),
  model.check_constraint("latitude", "latitude BETWEEN -90 AND 90"),
  {schema = "core"})

model.index("ix_core_locations_user_id", "locations", {"user_id"}, {schema = "core"})

model.table("forecast_requests",
  model.column("id", model.BigInteger, {primary_key = true}),
  model.column("user_id", model.Integer, {nullable = false}),
  model.column("location_id", model.Integer, {nullable = false}),
  model.column("requested_at", model.DateTime{timezone = true},
               {nullable = false, server_default = model.text("CURRENT_TIMESTAMP")}),
  model.column("model_version", model.String(40), {nullable = false}),
  model.column("latency_ms", model.Integer),
  model.primary_key_constraint({"id"}, {name = "forecast_requests_pkey"}),
  model.foreign_key_constraint({"user_id"}, "core.users", {"id"}, {ondelete = "CASCADE"}),
  model.foreign_key_constraint({"location_id"}, "core.locations", {"id"}),
  {schema = "core"})

model.index("ix_core_forecast_requests_requested_at", "forecast_requests", {"requested_at"},
            {schema = "core"})

model.table("daily_usage",
  model.column("user_id", model.Integer, {nullable = false}),
  model.column("day", model.Date, {nullable = false}),
  model.column("request_count", model.Integer, {nullable = false, server_default = "0"}),
  model.primary_key_constraint({"user_id", "day"}),
  model.check_constraint("request_count", "request_count >= 0"),
  {schema = "core"})
