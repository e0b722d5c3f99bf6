// A restricted PostgreSQL role for one test: a new database on the test
// server (create_pg_database) and a LOGIN role with a password and no
// database-level CREATE (REVOKE CREATE ON DATABASE ... FROM PUBLIC), which
// the test grants schema privileges to through admin(). Both are dropped on
// destruction. Header-only; REQUIRES: pg_url().
#pragma once

#include <unistd.h>

#include <atomic>
#include <string>

#include "support/test_support.h"

namespace strata::testing {

class RestrictedRole {
 public:
  explicit RestrictedRole(const std::string& prefix) {
    static std::atomic<int> counter{0};
    admin_url_ = create_pg_database(prefix);
    database_ = admin_url_.substr(admin_url_.rfind('/') + 1);
    role_ = prefix + "_role_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    psql(admin_url_, "CREATE ROLE " + role_ + " LOGIN PASSWORD 'pw-" + role_ + "'");
    psql(admin_url_, "REVOKE CREATE ON DATABASE " + database_ + " FROM PUBLIC");
    psql(admin_url_, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
  }
  ~RestrictedRole() {
    try {
      psql(admin_url_, "DROP OWNED BY " + role_ + " CASCADE");
      const std::string server = admin_url_.substr(0, admin_url_.rfind('/') + 1) + "postgres";
      psql(server, "DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
      psql(server, "DROP ROLE IF EXISTS " + role_);
    } catch (...) {
      // best effort: the server is thrown away after the run anyway
    }
  }
  RestrictedRole(const RestrictedRole&) = delete;
  RestrictedRole& operator=(const RestrictedRole&) = delete;

  const std::string& name() const { return role_; }
  const std::string& database() const { return database_; }
  // The database as the server's admin (postgres).
  const std::string& admin_url() const { return admin_url_; }
  // The database as the restricted role (with its password).
  std::string url() const {
    return "postgresql://" + role_ + ":pw-" + role_ + "@" +
           admin_url_.substr(admin_url_.find('@') + 1);
  }
  std::string admin(const std::string& sql) const { return psql(admin_url_, sql); }

 private:
  std::string admin_url_, database_, role_;
};

}  // namespace strata::testing
