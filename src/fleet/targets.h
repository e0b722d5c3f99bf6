// The targets of `strata fleet`: which databases (and tenant schemas) to
// migrate.
//
// TARGETS is either one database URL (it contains "://") or a file with one
// target a line: a URL, optionally followed by `#tenant=NAME` (one tenant
// schema of that database; a URL may appear on several lines with different
// tenants). Blank lines and lines starting with `#` are ignored; leading and
// trailing blanks are trimmed. `${VAR}` is expanded when connecting, as in
// --url. Relative SQLite paths are relative to the working directory.
//
// Targets without a tenant are expanded (expand_tenants) by `--tenants FILE`
// (one tenant name a line, `#` comments) or `--tenant-pattern PATTERN` (the
// schemas of each database whose name matches the SQL LIKE pattern,
// PostgreSQL and MySQL/MariaDB; the tenant is the schema's full name).
//
// Tenants (`#tenant=`, a list, a file or a pattern) are refused on SQLite
// URLs: SQLite has no schemas to hold them.
//
// Errors: strata::Error(kIo) for an unreadable file, kUsage for a malformed
// line, a bad tenant name, a tenant on SQLite, a duplicate target or no
// target at all.
// Thread-safety: free functions; no shared state.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace strata::fleet {

struct Target {
  std::string url;                    // as written (may hold ${VAR} and a password)
  std::optional<std::string> tenant;  // -x tenant=NAME for this target
  // The URL with its password masked, then "#tenant=NAME": the only form
  // ever printed.
  std::string label() const;
  std::string redacted_url() const;
};

// Reads TARGETS (a URL or a file; see above).
std::vector<Target> read_targets(const std::string& targets);
// Reads a --tenants file: one name a line.
std::vector<std::string> read_tenant_file(const std::string& path);

struct TenantSource {
  std::optional<std::string> tenants_file;    // --tenants FILE
  std::optional<std::string> tenant_pattern;  // --tenant-pattern PATTERN
  std::vector<std::string> tenants;           // names given in memory (strata/fleet.h)
};
// Replaces each target without a tenant by one target per tenant of
// `source` (none: targets unchanged; more than one source: Error(kUsage)).
// A database where the pattern matches no schema contributes no target.
// Throws for a bad tenant name, a duplicate target and when no target is
// left.
std::vector<Target> expand_tenants(std::vector<Target> targets, const TenantSource& source);

// The schemas of `url`'s database whose names match the LIKE `pattern`,
// sorted. PostgreSQL and MySQL/MariaDB; elsewhere Error(kUsage).
std::vector<std::string> find_tenant_schemas(const std::string& url, const std::string& pattern);

}  // namespace strata::fleet
