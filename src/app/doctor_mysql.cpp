// `strata doctor` on MariaDB/MySQL (app/doctor.h): the databases (schemas)
// exist, and the current user's privileges on them and on the version and
// history tables, read from information_schema (USER_PRIVILEGES: global,
// SCHEMA_PRIVILEGES: per database, wildcards matched with LIKE,
// TABLE_PRIVILEGES: per table). Privileges that come only through a role
// are not seen (a false alarm names the GRANT anyway).
#include <algorithm>

#include "app/doctor_checks.h"
#include "driver/query_cell.h"
#include "strata/error.h"

namespace strata::app::doctor {
namespace {

// The privileges a revision needs on a database.
const std::vector<std::string> kSchemaPrivileges{"SELECT", "INSERT", "UPDATE", "DELETE", "CREATE",
                                                 "ALTER",  "DROP",   "INDEX",  "REFERENCES"};

}  // namespace

std::optional<std::string> check_mysql(const Input& in, DoctorReport& report) {
  const dialect::Dialect& d = in.dialect;
  driver::Connection& c = in.connection;
  driver::QueryResult who = c.query("SELECT CURRENT_USER(), DATABASE()");
  const std::string current = driver::cell(who, 0, 0);  // user@host
  const std::string database = driver::cell(who, 0, 1);
  const size_t at = current.rfind('@');
  const std::string user = current.substr(0, at);
  const std::string host = at == std::string::npos ? "%" : current.substr(at + 1);
  const std::string grantee = "'" + user + "'@'" + host + "'";
  const std::string account = d.literal(user) + "@" + d.literal(host);
  report.user = current;

  auto has = [&](const std::string& priv, const std::string& schema,
                 const std::optional<std::string>& table) {
    std::string sql =
        "SELECT (SELECT count(*) FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = " +
        d.literal(grantee) + " AND PRIVILEGE_TYPE = " + d.literal(priv) +
        ") + (SELECT count(*) FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = " +
        d.literal(grantee) + " AND PRIVILEGE_TYPE = " + d.literal(priv) + " AND " +
        d.literal(schema) + " LIKE TABLE_SCHEMA)";
    if (table) {
      sql += " + (SELECT count(*) FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = " +
             d.literal(grantee) + " AND PRIVILEGE_TYPE = " + d.literal(priv) +
             " AND TABLE_SCHEMA = " + d.literal(schema) + " AND TABLE_NAME = " +
             d.literal(*table) + ")";
    }
    return driver::cell(c.query(sql), 0, 0) != "0";
  };

  std::optional<std::string> vt_schema = in.version_table.schema;
  if (!vt_schema && !database.empty()) vt_schema = database;
  std::vector<std::string> schemas;
  if (vt_schema) schemas.push_back(*vt_schema);
  for (const std::string& s : in.schemas) {
    if (std::find(schemas.begin(), schemas.end(), s) == schemas.end()) schemas.push_back(s);
  }
  for (const std::string& schema : schemas) {
    const bool exists =
        driver::cell(c.query("SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " +
                     d.literal(schema)),
             0, 0) != "0";
    std::vector<std::string> missing;
    for (const std::string& priv : kSchemaPrivileges) {
      if (!has(priv, schema, std::nullopt)) missing.push_back(priv);
    }
    if (!exists && !has("CREATE", schema, std::nullopt)) {
      report.problems.push_back(
          {"schema-missing",
           "database " + schema + " does not exist and " + current + " may not create it",
           "CREATE DATABASE " + d.quote(schema) + "; GRANT ALL ON " + d.quote(schema) +
               ".* TO " + account + ";"});
      continue;
    }
    if (missing.empty()) {
      report.passed.push_back("database " + schema + ": the privileges a migration needs");
      continue;
    }
    std::string list;
    for (const std::string& p : missing) list += (list.empty() ? "" : ", ") + p;
    report.problems.push_back({"schema-privileges",
                               current + " has no " + join_words(missing) + " on database " +
                                   schema,
                               "GRANT " + list + " ON " + d.quote(schema) + ".* TO " + account +
                                   ";"});
  }
  if (vt_schema) {
    for (const std::string& table : {in.version_table.table, in.history_table}) {
      const bool exists =
          driver::cell(c.query("SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = " +
                       d.literal(*vt_schema) + " AND TABLE_NAME = " + d.literal(table)),
               0, 0) != "0";
      if (!exists) continue;
      std::vector<std::string> missing;
      for (const char* priv : {"SELECT", "INSERT", "UPDATE", "DELETE"}) {
        if (!has(priv, *vt_schema, table)) missing.push_back(priv);
      }
      if (missing.empty()) {
        report.passed.push_back(*vt_schema + "." + table + ": SELECT, INSERT, UPDATE, DELETE");
        continue;
      }
      std::string list;
      for (const std::string& p : missing) list += (list.empty() ? "" : ", ") + p;
      report.problems.push_back({"table-privileges",
                                 current + " has no " + join_words(missing) + " on " +
                                     *vt_schema + "." + table,
                                 "GRANT " + list + " ON " + d.qualify(*vt_schema, table) +
                                     " TO " + account + ";"});
    }
  }
  return vt_schema;
}

}  // namespace strata::app::doctor
