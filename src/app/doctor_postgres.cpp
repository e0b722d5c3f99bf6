// `strata doctor` on PostgreSQL (app/doctor.h): schema existence and
// USAGE/CREATE (has_schema_privilege), table privileges on the version and
// history tables (has_table_privilege), and search_path pitfalls
// (current_setting('search_path'), current_schema()).
#include <algorithm>

#include "app/doctor_checks.h"
#include "driver/query_cell.h"
#include "strata/error.h"

namespace strata::app::doctor {
namespace {

std::string one(driver::Connection& c, const std::string& sql) { return driver::cell(c.query(sql), 0, 0); }

// search_path's entries, unquoted ("$user" kept as written).
std::vector<std::string> split_search_path(const std::string& text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',')) ++i;
    if (i >= text.size()) break;
    std::string entry;
    if (text[i] == '"') {
      for (++i; i < text.size(); ++i) {
        if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          entry += '"';
          ++i;
        } else if (text[i] == '"') {
          ++i;
          break;
        } else {
          entry += text[i];
        }
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != ' ') entry += text[i++];
    }
    out.push_back(entry);
  }
  return out;
}

void add(DoctorReport& report, std::string check, std::string message, std::string fix) {
  report.problems.push_back({std::move(check), std::move(message), std::move(fix)});
}

void check_search_path(const Input& in, const std::string& user, DoctorReport& report) {
  const dialect::Dialect& d = in.dialect;
  driver::Connection& c = in.connection;
  const std::string path = one(c, "SELECT current_setting('search_path')");
  const std::string current = one(c, "SELECT current_schema()");
  const bool has_public =
      one(c, "SELECT count(*) FROM pg_namespace WHERE nspname = 'public'") != "0";
  const std::vector<std::string> entries = split_search_path(path);
  const std::string fix_role = "ALTER ROLE " + d.quote(user) + " SET search_path = \"$user\", public;";
  if (current.empty()) {
    add(report, "search-path-order",
        "no schema of search_path (" + path + ") exists or is usable: unqualified names have "
        "no schema to go to",
        fix_role + "  (or ?options=-csearch_path%3Dpublic in the URL)");
    return;
  }
  const bool user_first = !entries.empty() && entries.front() == "$user" && current == user;
  if (user_first && current != "public") {
    add(report, "search-path-user-schema",
        "schema " + current + " is named like the user and search_path (" + path +
            ") starts with \"$user\": unqualified names (the default schema) resolve to " +
            current + ", not public",
        "ALTER ROLE " + d.quote(user) + " SET search_path = public;  (or rename schema " +
            current + ", or qualify every table with its schema)");
    return;
  }
  if (has_public && current != "public") {
    add(report, "search-path-order",
        "search_path (" + path + ") puts " + current + " first: the default schema public is "
        "not first, so unqualified names, the version table without version_table_schema, "
        "and autogenerate's default schema resolve to " + current,
        fix_role + "  (or ?options=-csearch_path%3Dpublic in the URL; name other schemas in "
        "the scripts instead)");
    return;
  }
  report.passed.push_back("search_path (" + path + ") resolves to " + current);
}

// USAGE and CREATE on `schema`; `role` says why it matters.
void check_schema(const Input& in, const std::string& user, bool may_create_schemas,
                  const std::string& schema, const std::string& role, DoctorReport& report) {
  const dialect::Dialect& d = in.dialect;
  const std::string lit = d.literal(schema);
  const std::string q = d.quote(schema);
  const std::string who = d.quote(user);
  driver::QueryResult r = in.connection.query(
      "SELECT n.oid IS NOT NULL, CASE WHEN n.oid IS NULL THEN NULL ELSE "
      "has_schema_privilege(n.oid, 'USAGE') END, CASE WHEN n.oid IS NULL THEN NULL ELSE "
      "has_schema_privilege(n.oid, 'CREATE') END FROM (SELECT 1) x LEFT JOIN pg_namespace n "
      "ON n.nspname = " + lit);
  if (driver::cell(r, 0, 0) != "t") {
    if (may_create_schemas) {
      report.passed.push_back("schema " + schema + " (" + role + ") does not exist yet; " + user +
                              " may create it");
    } else {
      add(report, "schema-missing",
          "schema " + schema + " (" + role + ") does not exist and " + user +
              " may not create schemas (no CREATE on the database)",
          "CREATE SCHEMA " + q + "; GRANT USAGE, CREATE ON SCHEMA " + q + " TO " + who +
              ";  (as the database owner)");
    }
    return;
  }
  std::vector<std::string> granted;
  if (driver::cell(r, 0, 1) == "t") {
    granted.push_back("USAGE");
  } else {
    add(report, "schema-usage",
        user + " has no USAGE on schema " + schema + " (" + role + "): it cannot see into it",
        "GRANT USAGE ON SCHEMA " + q + " TO " + who + ";");
  }
  if (driver::cell(r, 0, 2) == "t") {
    granted.push_back("CREATE");
  } else {
    add(report, "schema-create",
        user + " has no CREATE on schema " + schema + " (" + role +
            "): it cannot create tables there",
        "GRANT CREATE ON SCHEMA " + q + " TO " + who + ";");
  }
  if (granted.size() == 2) {
    report.passed.push_back("schema " + schema + " (" + role + "): USAGE, CREATE");
  }
}

// SELECT/INSERT/UPDATE/DELETE on schema.table when it exists.
void check_table(const Input& in, const std::string& user, const std::string& schema,
                 const std::string& table, DoctorReport& report) {
  const dialect::Dialect& d = in.dialect;
  const std::string name = d.qualify(schema, table);
  const std::string lit = d.literal(name);
  // By oid: resolving the name would need USAGE on the schema.
  const std::string oid = one(
      in.connection, "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                     "WHERE n.nspname = " + d.literal(schema) + " AND c.relname = " +
                         d.literal(table));
  if (oid.empty()) return;
  std::vector<std::string> missing;
  for (const char* priv : {"SELECT", "INSERT", "UPDATE", "DELETE"}) {
    if (one(in.connection, "SELECT has_table_privilege(" + oid + "::oid, '" + priv + "')") !=
        "t") {
      missing.push_back(priv);
    }
  }
  if (missing.empty()) {
    report.passed.push_back(schema + "." + table + ": SELECT, INSERT, UPDATE, DELETE");
  } else {
    std::string list;
    for (const std::string& p : missing) list += (list.empty() ? "" : ", ") + p;
    add(report, "table-privileges", user + " has no " + join_words(missing) + " on " + schema +
                                        "." + table,
        "GRANT " + list + " ON " + name + " TO " + d.quote(user) + ";");
  }
  // A serial id needs USAGE on its sequence (an identity column does not).
  try {
    const std::string seq = one(
        in.connection,
        "SELECT s FROM (SELECT pg_get_serial_sequence(" + lit + ", 'id') AS s) x WHERE s IS NOT "
        "NULL AND NOT has_sequence_privilege(s, 'USAGE') AND NOT EXISTS (SELECT 1 FROM "
        "pg_attribute WHERE attrelid = " + lit + "::regclass AND attname = 'id' AND "
        "attidentity <> '')");
    if (!seq.empty()) {
      add(report, "table-privileges", user + " has no USAGE on sequence " + seq + " (" + schema +
                                          "." + table + ".id)",
          "GRANT USAGE ON SEQUENCE " + seq + " TO " + d.quote(user) + ";");
    }
  } catch (const Error&) {
    // no `id` column: nothing to check
  }
}

}  // namespace

std::optional<std::string> check_postgres(const Input& in, DoctorReport& report) {
  driver::Connection& c = in.connection;
  driver::QueryResult who = c.query(
      "SELECT current_user, has_database_privilege(current_database(), 'CREATE'), "
      "current_schema()");
  const std::string user = driver::cell(who, 0, 0);
  const bool may_create_schemas = driver::cell(who, 0, 1) == "t";
  const std::string default_schema = driver::cell(who, 0, 2);
  report.user = user;
  check_search_path(in, user, report);

  // The version table's schema first, then the project's.
  std::optional<std::string> vt_schema = in.version_table.schema;
  if (!vt_schema && !default_schema.empty()) vt_schema = default_schema;
  std::vector<std::pair<std::string, std::string>> schemas;  // schema, role
  if (vt_schema) {
    schemas.push_back({*vt_schema, "version table " + in.version_table.table});
  }
  std::vector<std::string> others = in.schemas;
  if (in.with_default_schema && !default_schema.empty()) others.push_back(default_schema);
  std::sort(others.begin(), others.end());
  others.erase(std::unique(others.begin(), others.end()), others.end());
  for (const std::string& s : others) {
    if (vt_schema && s == *vt_schema) continue;
    schemas.push_back({s, s == default_schema && in.with_default_schema &&
                                  std::find(in.schemas.begin(), in.schemas.end(), s) ==
                                      in.schemas.end()
                              ? "default schema"
                              : "included schema"});
  }
  for (const auto& [schema, role] : schemas) {
    check_schema(in, user, may_create_schemas, schema, role, report);
  }
  if (vt_schema) {
    check_table(in, user, *vt_schema, in.version_table.table, report);
    check_table(in, user, *vt_schema, in.history_table, report);
  }
  return vt_schema;
}

}  // namespace strata::app::doctor
