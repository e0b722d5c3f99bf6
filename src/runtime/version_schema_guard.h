// VersionSchemaGuard: keeps the version table's schema alive while a
// revision runs. strata creates that schema (when missing) before the first
// revision, so it belongs to strata as much as to the scripts; a revision
// that drops it — typically `op.reverse_upgrade()` undoing the first
// revision's `op.create_schema("core", {if_not_exists = true})` — would fail
// (PostgreSQL, SQLite: the schema is not empty) or take the version table
// and the history table with it (MySQL's DROP DATABASE, PostgreSQL CASCADE).
//
// Contract (an OpSink decorator around the run's emitter):
//  - Every op is forwarded unchanged, except `drop_schema` of the version
//    table's schema (`version_table_schema`, compared exactly; nothing is
//    guarded when it is unset): that op is skipped and `note` receives
//    "schema <s> kept: it holds the version table <s>.<table>" (the runner
//    prints it as progress online and as a comment in --sql output).
//  - Such a drop with `cascade = true` is Error(kScript) (the op API reports
//    it at the script's line): the cascade would have dropped the schema's
//    other objects too, so skipping it would silently leave them behind.
//  - So `downgrade base` ends with the schema and the (empty) version table
//    online, as Alembic keeps its version table; an offline `--sql` downgrade
//    to base drops the version table at its end and leaves the schema.
#pragma once

#include <functional>
#include <string>

#include "dialect/dialect.h"
#include "runtime/op_sink.h"

namespace strata::runtime {

class VersionSchemaGuard : public OpSink {
 public:
  // REQUIRES: inner and vt outlive the guard.
  VersionSchemaGuard(OpSink& inner, const dialect::VersionTableName& vt,
                     std::function<void(const std::string&)> note)
      : inner_(inner), vt_(vt), note_(std::move(note)) {}

  std::string_view dialect_name() const override { return inner_.dialect_name(); }
  void emit(const ops::Op& op) override;
  driver::QueryResult query(const std::string& sql) override { return inner_.query(sql); }
  std::optional<std::string> x_arg(const std::string& key) const override {
    return inner_.x_arg(key);
  }

 private:
  OpSink& inner_;
  const dialect::VersionTableName& vt_;
  std::function<void(const std::string&)> note_;
};

}  // namespace strata::runtime
