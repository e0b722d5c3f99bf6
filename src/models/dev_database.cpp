// The scratch dev database for SQL models (see dev_database.h).
#include "models/dev_database.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <random>

#include "inspect/inspect.h"
#include "strata/error.h"

namespace strata::models {
namespace {

std::string random_hex(int digits) {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<unsigned long long>(rd()) << 32) ^ rd());
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < digits; ++i) out += kHex[gen() & 0xf];
  return out;
}

std::string scratch_name() {
  return "strata_dev_" + std::to_string(::getpid()) + "_" + random_hex(8);
}

std::string quoted(std::string_view name, char q) {
  std::string out(1, q);
  for (char c : name) {
    out += c;
    if (c == q) out += q;
  }
  return out + q;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool privilege_error(const Error& e) {
  std::string m = lower(e.message());
  return m.find("permission denied") != std::string::npos ||
         m.find("access denied") != std::string::npos;
}

// The dev server's URL text for `dialect` (dev_url, or the target's URL
// where that is the default), checked.
config::Url dev_server(const config::Config& config, std::string_view dialect) {
  if (dialect == "sqlite") {
    config::Url memory = config::parse_url("sqlite:///:memory:");
    if (config.dev_url.empty()) return memory;
    config::Url url = config::parse_url(config.dev_url);
    if (url.dialect != "sqlite" || url.database != ":memory:") {
      throw Error(ErrorCode::kConfig,
                  "dev_url " + url.redacted() +
                      ": SQL models on SQLite always use an in-memory dev database; set dev_url "
                      "= \"sqlite:///:memory:\" or remove it");
    }
    return memory;
  }
  if (dialect == "mysql" && config.dev_url.empty()) {
    throw Error(ErrorCode::kConfig,
                "SQL model files on MySQL/MariaDB need `dev_url` in strata.toml: a server where "
                "strata may create and drop scratch databases (e.g. dev_url = "
                "\"mysql://root@127.0.0.1:3306/mysql\")");
  }
  if (dialect != "postgresql" && dialect != "mysql") {
    throw Error(ErrorCode::kConfig, "SQL model files need a live dialect (postgresql, sqlite, "
                                    "mysql), not " + std::string(dialect));
  }
  const std::string& text = config.dev_url.empty() ? config.url : config.dev_url;
  if (text.empty()) {
    throw Error(ErrorCode::kConfig,
                "SQL model files need a dev database: set `url` or `dev_url` in strata.toml");
  }
  config::Url url = config::parse_url(text);
  if (url.dialect != dialect) {
    throw Error(ErrorCode::kConfig, "dev_url " + url.redacted() + " is a " + url.dialect +
                                        " URL; the target is " + std::string(dialect));
  }
  return url;
}

}  // namespace

std::string DevDatabase::identity(const config::Config& config, std::string_view dialect) {
  return dev_server(config, dialect).redacted();
}

std::unique_ptr<DevDatabase> DevDatabase::open(const config::Config& config,
                                               std::string_view dialect,
                                               const std::set<std::string>& schemas) {
  std::unique_ptr<DevDatabase> dev(new DevDatabase());
  dev->dialect_ = std::string(dialect);
  if (dialect == "postgresql") {
    dev->open_postgres(config, schemas);
  } else if (dialect == "sqlite") {
    dev->open_sqlite(config, schemas);
  } else {
    dev->open_mysql(config, schemas);
  }
  return dev;
}

void DevDatabase::open_postgres(const config::Config& config, const std::set<std::string>&) {
  config::Url url = dev_server(config, "postgresql");
  admin_ = driver::connect(url);
  std::string where = config.dev_url.empty() ? "the target server " + url.redacted()
                                             : "dev_url " + url.redacted();
  auto refuse = [&](const std::string& why) {
    return Error(ErrorCode::kConfig,
                 "SQL model files need a scratch database, but " + why + " on " + where +
                     ": grant CREATEDB, or set `dev_url` in strata.toml to a PostgreSQL server "
                     "where strata may create and drop databases");
  };
  driver::QueryResult may = admin_->query(
      "SELECT current_user, rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user");
  if (!may.rows.empty() && may.rows[0].size() == 2 && may.rows[0][1] == std::optional<std::string>("f")) {
    throw refuse("role \"" + may.rows[0][0].value_or("") + "\" may not create databases");
  }
  std::string name = scratch_name();
  try {
    // template0: nothing a site added to template1 may enter the model.
    admin_->execute("CREATE DATABASE " + quoted(name, '"') + " TEMPLATE template0");
  } catch (const Error& e) {
    if (privilege_error(e)) throw refuse("CREATE DATABASE was refused (" + e.message() + ")");
    throw;
  }
  created_.push_back(name);
  config::Url scratch = url;
  scratch.database = name;
  conn_ = driver::connect(scratch);
  default_schema_ = inspect::default_schema(*conn_, "postgresql");
}

void DevDatabase::open_sqlite(const config::Config& config, const std::set<std::string>& schemas) {
  conn_ = driver::connect(dev_server(config, "sqlite"));
  default_schema_ = "main";
  for (const std::string& schema : schemas) {
    if (iequals(schema, "main") || iequals(schema, "temp")) continue;
    conn_->execute("ATTACH DATABASE ':memory:' AS " + quoted(schema, '"'));
    sql_schemas_.push_back(schema);
  }
}

void DevDatabase::open_mysql(const config::Config& config, const std::set<std::string>& schemas) {
  config::Url url = dev_server(config, "mysql");
  admin_ = driver::connect(url);
  std::string prefix = scratch_name();
  auto create = [&](const std::string& name) {
    try {
      admin_->execute("CREATE DATABASE " + quoted(name, '`'));
    } catch (const Error& e) {
      if (privilege_error(e)) {
        throw Error(ErrorCode::kConfig, "dev_url " + url.redacted() +
                                            ": strata may not create scratch databases there (" +
                                            e.message() + ")");
      }
      throw;
    }
    created_.push_back(name);
  };
  create(prefix);
  for (const std::string& schema : schemas) {
    std::string name = prefix + "__" + schema;
    if (name.size() > 64) {
      throw Error(ErrorCode::kConfig, "schema `" + schema +
                                          "`: too long for a scratch database name on the dev "
                                          "server (MySQL allows 64 characters)");
    }
    create(name);
    scratch_[schema] = name;
    sql_schemas_.push_back(schema);
  }
  config::Url dev = url;
  dev.database = prefix;
  conn_ = driver::connect(dev);
  default_schema_ = prefix;
}

DevDatabase::~DevDatabase() {
  conn_.reset();
  for (const std::string& name : created_) {
    try {
      if (dialect_ == "postgresql") {
        admin_->execute("DROP DATABASE IF EXISTS " + quoted(name, '"') + " WITH (FORCE)");
      } else {
        admin_->execute("DROP DATABASE IF EXISTS " + quoted(name, '`'));
      }
    } catch (const std::exception&) {
      // Nothing more to do from a destructor; the name says what it was.
    }
  }
}

std::vector<std::string> DevDatabase::reflect_schemas() {
  std::vector<std::string> out{default_schema_};
  if (dialect_ == "postgresql") {
    for (const std::string& s : inspect::list_schemas(*conn_, dialect_)) {
      if (s == default_schema_ || s == "information_schema" || s.rfind("pg_", 0) == 0) continue;
      out.push_back(s);
    }
    return out;
  }
  for (const std::string& s : sql_schemas_) {
    auto it = scratch_.find(s);
    out.push_back(it == scratch_.end() ? s : it->second);
  }
  return out;
}

std::string DevDatabase::sql_schema(const std::string& dev_schema) const {
  for (const auto& [sql, dev] : scratch_) {
    if (dev == dev_schema) return sql;
  }
  return dev_schema;
}

}  // namespace strata::models
