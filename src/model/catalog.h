// The neutral model of a whole database (or the part of it in scope): what
// model files declare and what an inspector reflects from a live catalog.
// The comparator (autogen/compare) diffs two Catalogs into ops. Nothing here
// knows SQL.
//
// Conventions:
//  - Reflected catalogs (inspect::inspect) set every object's schema to the
//    schema's real name ("public", "main", the MySQL database) and fill
//    `default_schema`. Model catalogs may leave a schema unset, meaning the
//    connection's default schema; the comparator resolves it.
//  - Indexes that implement a primary key or unique constraint are not in
//    `indexes`; they are the constraint. A unique index created with CREATE
//    UNIQUE INDEX is an Index with unique = true.
//  - Sequences owned by a serial or identity column are part of the column
//    (Column::autoincrement / Column::identity), not in `sequences`; a
//    serial column's nextval(...) default is not reported as a default.
//  - Objects owned by extensions are never in a reflected catalog.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/schema.h"

namespace strata::model {

struct Sequence {
  std::optional<std::string> schema;
  std::string name;
  std::optional<std::string> data_type;  // PostgreSQL: bigint (default), integer, smallint
  std::optional<long long> start;
  std::optional<long long> increment;
  std::optional<long long> minvalue;
  std::optional<long long> maxvalue;
  std::optional<long long> cache;
  bool cycle = false;
  std::string origin;  // model files: "file:line"
  friend bool operator==(const Sequence&, const Sequence&) = default;
};

// A PostgreSQL enum type (CREATE TYPE ... AS ENUM); values in sort order.
struct Enum {
  std::optional<std::string> schema;
  std::string name;
  std::vector<std::string> values;
  std::string origin;
  friend bool operator==(const Enum&, const Enum&) = default;
};

// A view: reflected so that it is never taken for a table. The comparator
// leaves views alone unless the models declare them.
struct View {
  std::optional<std::string> schema;
  std::string name;
  std::string definition;  // the SELECT, as the server reports it
  bool materialized = false;
  std::string origin;
  friend bool operator==(const View&, const View&) = default;
};

struct Catalog {
  std::string default_schema;        // reflected: the connection's default schema
  std::vector<std::string> schemas;  // schemas that exist / are declared (not the default one for models)
  std::vector<Table> tables;
  std::vector<Index> indexes;
  std::vector<Sequence> sequences;
  std::vector<Enum> enums;
  std::vector<View> views;
  friend bool operator==(const Catalog&, const Catalog&) = default;
};

}  // namespace strata::model
