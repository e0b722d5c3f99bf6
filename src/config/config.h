// Configuration: strata.toml and database URLs.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::config {

// A database URL in SQLAlchemy's form:
//   postgresql://user:pass@host:port/db?sslmode=require
//   postgresql+psycopg2://...    (driver part accepted and ignored)
//   sqlite:///relative.db  sqlite:////absolute.db  sqlite:///:memory:
//   mssql://user:pass@host/db    (offline only)
//   mysql://... / mariadb://...
struct Url {
  std::string dialect;               // "postgresql", "sqlite", "mssql", "mysql"
  std::string driver;                // after '+', may be empty
  std::optional<std::string> user;
  std::optional<std::string> password;
  std::optional<std::string> host;
  std::optional<int> port;
  std::string database;              // db name, or the SQLite file path / ":memory:"
  std::map<std::string, std::string> query;

  // The URL with the password replaced by "***": the only form ever printed.
  std::string redacted() const;
};

// Parse a URL. Throws strata::Error(kConfig) with a message that never
// contains the password.
Url parse_url(const std::string& text);
// `s` with every byte percent-encoded but RFC 3986's unreserved characters
// and those in `safe` (a URL part that parse_url reads back as `s`).
std::string percent_encode(std::string_view s, std::string_view safe = "");

// Any free text (e.g. an argument-parser message) with the password of every
// URL in it (`scheme://user:pass@...` words) replaced by "***".
std::string redact_passwords(const std::string& text);

// Replace ${VAR} and ${VAR:-default} with environment values.
// Throws strata::Error(kConfig) naming an unset variable without a default.
std::string interpolate_env(const std::string& text);

struct Config {
  std::string config_path;             // the file it came from ("" if none)
  std::string script_location = "migrations";
  std::vector<std::string> version_locations;  // empty → <script_location>/versions
  std::string file_template = "%(rev)s_%(slug)s";
  int truncate_slug_length = 40;
  std::string url;                     // after env interpolation; may be empty
  std::string url_error;               // why `url` could not be expanded ("" if it could)
  std::string version_table = "alembic_version";
  std::optional<std::string> version_table_schema;
  bool transaction_per_migration = false;
  std::string timezone;                // "" → local time; "UTC" or an IANA name
  // Limits on a revision's upgrade()/downgrade() (0: none): Lua VM
  // instructions per call, and MiB the script's Lua state may hold.
  long script_instruction_limit = 1'000'000'000;
  long script_memory_limit_mb = 1024;
  // The migration lock and applied history (runtime/migration_lock.h,
  // runtime/version_store.h): seconds upgrade/downgrade/stamp wait for the
  // lock (--lock-timeout overrides), the history table's name (beside the
  // version table), and what upgrade does when an applied script changed:
  // "warn" (default) or "error".
  int migration_lock_timeout = 60;
  std::string history_table = "strata_history";
  std::string validate_on_migrate = "warn";
  // verify_data = true: upgrade/downgrade as with --verify-data (online runs
  // only; runtime/data_verifier.h).
  bool verify_data = false;

  // [lint] (lint/linter.h checks the rule ids): `disable = ["rule", ...]`
  // switches rules off; `[lint.severity]` (or `severity = {rule = "error"}`)
  // sets a rule's severity: "error", "warning", "info" or "off".
  std::vector<std::string> lint_disable;
  std::map<std::string, std::string> lint_severity;

  // Models and autogenerate.
  // `models`: globs naming the model files (*.lua, *.sql), relative to the
  // config file (models/model_files.h reads them).
  std::vector<std::string> models;
  // `naming_convention`: a table of SQLAlchemy templates keyed ix, uq, ck,
  // fk, pk (model/naming.h); every template is checked when loaded.
  std::map<std::string, std::string> naming_convention;
  // `include_schemas`: the schemas autogenerate reads and changes; empty →
  // the schemas the models name plus the connection's default schema.
  std::vector<std::string> include_schemas;
  // `schema_map`: a table mapping a schema name used in scripts to the real
  // schema, `${tenant}` replaced by the tenant (fleet/tenant.h); applied
  // only when a tenant is given (`strata fleet`, -x tenant=NAME).
  std::map<std::string, std::string> schema_map;
  // `exclude_tables`: globs over table names ("name" or "schema.name") that
  // autogenerate leaves alone.
  std::vector<std::string> exclude_tables;
  // `dev_url`: the scratch database for SQL model files, after env
  // interpolation like `url` (printed only through Url::redacted()).
  std::string dev_url;
  // `python`: the interpreter for "python:module:attr" model entries
  // (models/python_models.h); `python_path`: directories prepended to its
  // sys.path, relative to the config file.
  std::string python = "python3";
  std::vector<std::string> python_path;

  // Directories are resolved relative to the config file's directory.
  std::vector<std::string> resolved_version_locations() const;
  std::string resolved_script_location() const;
};

// Load strata.toml. An unknown key is an error naming it and the file.
// Throws strata::Error(kConfig) / (kIo).
Config load_config(const std::string& path);

// Render a file_template with Alembic's tokens:
//   %(rev)s %(slug)s %(epoch)s %(year)d %(month).2d %(day).2d %(hour).2d
//   %(minute).2d %(second).2d
struct TemplateValues {
  std::string rev;
  std::string slug;
  long long epoch = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};
std::string render_file_template(const std::string& tmpl, const TemplateValues& v);

// Alembic's slug: the message lowercased, non-word characters replaced by
// '_', truncated to `truncate_slug_length` at a word boundary.
std::string make_slug(const std::string& message, int truncate_slug_length);

}  // namespace strata::config
