#include "fleet/targets.h"

#include <fstream>
#include <set>
#include <sstream>

#include "common/text.h"
#include "config/config.h"
#include "config/redact.h"
#include "driver/connection.h"
#include "fleet/tenant.h"
#include "strata/error.h"

namespace strata::fleet {
namespace {

constexpr std::string_view kTenantSuffix = "#tenant=";

std::string trim(const std::string& s) {
  const char* blanks = " \t\r";
  size_t b = s.find_first_not_of(blanks);
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(blanks) - b + 1);
}

// The meaningful lines of a file: trimmed, without blanks and # comments,
// each with its line number.
std::vector<std::pair<int, std::string>> read_lines(const std::string& path, const char* what) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorCode::kIo, "cannot read " + std::string(what) + " file '" + path + "'");
  std::vector<std::pair<int, std::string>> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    out.emplace_back(n, line);
  }
  return out;
}

Target parse_target(const std::string& text, const std::string& where) {
  Target t;
  size_t hash = text.rfind(kTenantSuffix);
  t.url = trim(hash == std::string::npos ? text : text.substr(0, hash));
  if (hash != std::string::npos) {
    t.tenant = trim(text.substr(hash + kTenantSuffix.size()));
    try {
      check_tenant_name(*t.tenant);
    } catch (const Error& e) {
      throw Error(ErrorCode::kUsage, where + e.message());
    }
  }
  if (t.url.find("://") == std::string::npos) {
    throw Error(ErrorCode::kUsage,
                where + "not a database URL: '" + config::redact_passwords(t.url) + "'");
  }
  return t;
}

bool is_sqlite(const std::string& url) {
  const std::string scheme = url.substr(0, url.find("://"));
  return scheme.substr(0, scheme.find('+')) == "sqlite";
}

// SQLite has no schemas to hold tenants (its "schemas" are files attached
// to every connection, at most ten of them): a tenant there is refused.
void refuse_sqlite_tenant(const Target& target) {
  if (!is_sqlite(target.url)) return;
  throw Error(ErrorCode::kUsage,
              "tenants need PostgreSQL or MySQL/MariaDB schemas; SQLite has none (" +
                  target.redacted_url() + "): list one SQLite file per tenant as targets");
}

}  // namespace

std::string Target::redacted_url() const { return config::redact_passwords(url); }

std::string Target::label() const {
  return tenant ? redacted_url() + std::string(kTenantSuffix) + *tenant : redacted_url();
}

std::vector<Target> read_targets(const std::string& targets) {
  if (targets.find("://") != std::string::npos) return {parse_target(targets, "")};
  std::vector<Target> out;
  for (const auto& [n, line] : read_lines(targets, "targets")) {
    out.push_back(parse_target(line, targets + ":" + std::to_string(n) + ": "));
  }
  return out;
}

std::vector<std::string> read_tenant_file(const std::string& path) {
  std::vector<std::string> out;
  for (const auto& [n, line] : read_lines(path, "tenants")) {
    try {
      check_tenant_name(line);
    } catch (const Error& e) {
      throw Error(ErrorCode::kUsage, path + ":" + std::to_string(n) + ": " + e.message());
    }
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> find_tenant_schemas(const std::string& url_text,
                                             const std::string& pattern) {
  const config::Url url = config::parse_url(config::interpolate_env(url_text));
  std::string sql;
  const std::string like = text::single_quoted(pattern);
  if (url.dialect == "postgresql") {
    sql = "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname LIKE " + like +
          " ORDER BY nspname";
  } else if (url.dialect == "mysql" || url.dialect == "mariadb") {
    sql = "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE " + like +
          " ORDER BY schema_name";
  } else {
    throw Error(ErrorCode::kUsage, "--tenant-pattern needs PostgreSQL or MySQL/MariaDB, not " +
                                       url.dialect + " (" + url.redacted() + ")");
  }
  std::unique_ptr<driver::Connection> connection = driver::connect(url, /*create=*/false);
  std::vector<std::string> out;
  for (const driver::Row& row : connection->query(sql).rows) {
    if (!row.empty() && row[0]) out.push_back(*row[0]);
  }
  return out;
}

std::vector<Target> expand_tenants(std::vector<Target> targets, const TenantSource& source) {
  std::vector<Target> out;
  const int sources = (source.tenants_file ? 1 : 0) + (source.tenant_pattern ? 1 : 0) +
                      (source.tenants.empty() ? 0 : 1);
  if (sources > 1) {
    throw Error(ErrorCode::kUsage, "tenants: give a list, a file or a pattern, not several");
  }
  if (sources == 1) {
    std::vector<std::string> listed = source.tenants;
    if (source.tenants_file) listed = read_tenant_file(*source.tenants_file);
    for (Target& t : targets) {
      if (t.tenant) {
        out.push_back(std::move(t));
        continue;
      }
      refuse_sqlite_tenant(t);
      std::vector<std::string> tenants =
          source.tenant_pattern ? find_tenant_schemas(t.url, *source.tenant_pattern) : listed;
      for (const std::string& tenant : tenants) {
        check_tenant_name(tenant);
        out.push_back(Target{t.url, tenant});
      }
    }
  } else {
    out = std::move(targets);
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (const Target& t : out) {
    if (t.tenant) refuse_sqlite_tenant(t);
    if (!seen.emplace(t.url, t.tenant.value_or("")).second) {
      throw Error(ErrorCode::kUsage, "duplicate target: " + t.label());
    }
  }
  if (out.empty()) throw Error(ErrorCode::kUsage, "no targets (nothing to migrate)");
  return out;
}

}  // namespace strata::fleet
