// The comparator's schema, enum and sequence passes (see compare.h).
//  - Schemas: a schema the desired state uses (declared, or holding one of
//    its objects) that does not exist is created first; an included schema
//    that exists but the desired state neither declares nor uses is dropped
//    last (its tables are dropped before it by the table pass). The version
//    table's schema is neither: strata creates it before any revision.
//  - Enums: created / dropped by name; changed values become AlterEnum,
//    which carries the live columns typed with the enum (for the type swap).
//  - Sequences: created / dropped by name; an option the model sets that
//    differs from the live one becomes AlterSequence (options the model
//    leaves unset are not compared: they are the database's defaults).
#include <algorithm>
#include <set>

#include "autogen/catalog_ops.h"
#include "autogen/compare/context.h"

namespace strata::autogen::detail {
namespace {

template <typename T>
std::map<QualifiedName, const T*> by_name(const std::vector<T>& objects) {
  std::map<QualifiedName, const T*> out;
  for (const T& object : objects) out[{*object.schema, object.name}] = &object;
  return out;
}

std::set<std::string> used_schemas(const model::Catalog& catalog) {
  std::set<std::string> out(catalog.schemas.begin(), catalog.schemas.end());
  for (const auto& t : catalog.tables) out.insert(*t.schema);
  for (const auto& s : catalog.sequences) out.insert(*s.schema);
  for (const auto& e : catalog.enums) out.insert(*e.schema);
  for (const auto& v : catalog.views) out.insert(*v.schema);
  out.erase(catalog.default_schema);
  return out;
}

// The live columns whose type is the enum `e` (raw type "name", "schema.name"
// or quoted forms).
std::vector<ops::EnumColumn> enum_columns(const model::Catalog& live, const model::Enum& e,
                                          const Context& ctx) {
  std::vector<ops::EnumColumn> out;
  for (const model::Table& table : live.tables) {
    for (const model::Column& column : table.columns) {
      std::string type = column.reflected_type.empty() ? column.type.raw : column.reflected_type;
      type.erase(std::remove(type.begin(), type.end(), '"'), type.end());
      std::string schema = *table.schema;
      std::string name = type;
      if (auto dot = type.rfind('.'); dot != std::string::npos) {
        schema = type.substr(0, dot);
        name = type.substr(dot + 1);
      } else if (*e.schema != *table.schema) {
        // An unqualified type resolves through search_path: the default schema.
        schema = ctx.options.default_schema;
      }
      if (name == e.name && schema == *e.schema) {
        out.push_back(ops::EnumColumn{ctx.op_schema(table.schema), table.name, column.name,
                                      column.server_default});
      }
    }
  }
  return out;
}

ops::CreateSequence sequence_op(const Context& ctx, const model::Sequence& s) {
  return create_sequence_op(s, ctx.op_schema(s.schema));
}

}  // namespace

void compare_schemas(Context& ctx, const model::Catalog& live, const model::Catalog& desired) {
  std::set<std::string> existing(live.schemas.begin(), live.schemas.end());
  std::set<std::string> wanted = used_schemas(desired);
  // The version table's schema is strata's: created before any revision
  // runs (online and in --sql), never created or dropped by one.
  if (ctx.options.version_table_schema) {
    existing.erase(*ctx.options.version_table_schema);
    wanted.erase(*ctx.options.version_table_schema);
  }
  for (const std::string& schema : wanted) {
    if (!existing.count(schema)) ctx.add(ctx.buckets.create_schemas, ops::CreateSchema{schema, false});
  }
  for (const std::string& schema : existing) {
    if (wanted.count(schema) || schema == ctx.options.default_schema) continue;
    ctx.add(ctx.buckets.drop_schemas, ops::DropSchema{schema, false, false});
    ctx.warnings.push_back("drop_schema " + schema +
                           ": the models do not use this included schema");
  }
}

void compare_types(Context& ctx, const model::Catalog& live, const model::Catalog& desired) {
  if (ctx.options.enums) {
    auto live_enums = by_name(live.enums);
    auto desired_enums = by_name(desired.enums);
    for (const auto& [name, e] : desired_enums) {
      auto found = live_enums.find(name);
      if (found == live_enums.end()) {
        ctx.add(ctx.buckets.create_types,
                ops::CreateEnum{ctx.op_schema(e->schema), e->name, e->values, false});
      } else if (found->second->values != e->values) {
        ops::AlterEnum op;
        op.schema = ctx.op_schema(e->schema);
        op.name = e->name;
        op.values = e->values;
        op.existing_values = found->second->values;
        op.columns = enum_columns(live, *e, ctx);
        ctx.add(ctx.buckets.create_types, std::move(op));
      }
    }
    for (const auto& [name, e] : live_enums) {
      if (desired_enums.count(name)) continue;
      ctx.add(ctx.buckets.drop_types,
              ops::DropEnum{ctx.op_schema(e->schema), e->name, false, e->values});
    }
  }
  if (ctx.options.sequences) {
    auto live_sequences = by_name(live.sequences);
    auto desired_sequences = by_name(desired.sequences);
    for (const auto& [name, s] : desired_sequences) {
      auto found = live_sequences.find(name);
      if (found == live_sequences.end()) {
        ctx.add(ctx.buckets.create_types, sequence_op(ctx, *s));
        continue;
      }
      const model::Sequence& l = *found->second;
      ops::AlterSequence op;
      op.schema = ctx.op_schema(s->schema);
      op.name = s->name;
      bool changed = false;
      if (s->increment && s->increment != l.increment.value_or(ctx.normalizer.default_sequence_increment())) {
        op.increment = s->increment;
        changed = true;
      }
      if (s->minvalue && s->minvalue != l.minvalue) {
        op.minvalue = s->minvalue;
        changed = true;
      }
      if (s->maxvalue && s->maxvalue != l.maxvalue) {
        op.maxvalue = s->maxvalue;
        changed = true;
      }
      if (s->cache && s->cache != l.cache.value_or(ctx.normalizer.default_sequence_cache())) {
        op.cache = s->cache;
        changed = true;
      }
      if (s->cycle != l.cycle) {
        op.cycle = s->cycle;
        changed = true;
      }
      if (changed) {
        // reverse() restates what changed: the database's defaults spelled out.
        op.existing = sequence_op(ctx, l);
        if (!op.existing->increment) op.existing->increment = ctx.normalizer.default_sequence_increment();
        if (!op.existing->cache) op.existing->cache = ctx.normalizer.default_sequence_cache();
        ctx.add(ctx.buckets.create_types, std::move(op));
      }
    }
    for (const auto& [name, s] : live_sequences) {
      if (desired_sequences.count(name)) continue;
      ops::DropSequence op;
      op.schema = ctx.op_schema(s->schema);
      op.name = s->name;
      op.dropped = sequence_op(ctx, *s);
      ctx.add(ctx.buckets.drop_types, std::move(op));
    }
  }
}

}  // namespace strata::autogen::detail
