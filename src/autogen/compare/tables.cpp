// The comparator's table pass (see compare.h): matching, moves and renames,
// creates in foreign-key order, drops in reverse foreign-key order.
//
// Matching, in this order, each live table used at most once:
//  1. the same schema and name;
//  2. a desired table's `renamed_from` hint ("old" in its own schema, or
//     "schema.old") naming a live table nothing else matched;
//  3. a desired table and a live table, both unmatched, with the same columns
//     (names and type keys), when neither has another such partner.
// Matches 2 and 3 emit move_table (schema changes, maybe the name too) or
// rename_table, and the live catalog is updated as the database will be
// (the table, its indexes, and other tables' foreign keys follow it), so the
// per-table pass compares like with like. Column `renamed_from` hints become
// rename_column the same way.
#include <algorithm>
#include <set>

#include "autogen/compare/context.h"

namespace strata::autogen::detail {
namespace {

QualifiedName name_of(const model::Table& table) { return {*table.schema, table.name}; }

QualifiedName parse_hint(const std::string& hint, const std::string& default_schema) {
  auto dot = hint.find('.');
  if (dot == std::string::npos) return {default_schema, hint};
  return {hint.substr(0, dot), hint.substr(dot + 1)};
}

// The live catalog after `from` became `to`: the table, its indexes and
// every foreign key that references it.
void relocate(model::Catalog& live, model::Table& table, const QualifiedName& to) {
  QualifiedName from = name_of(table);
  table.schema = to.schema;
  table.name = to.name;
  for (model::Index& index : live.indexes) {
    if (*index.schema == from.schema && index.table == from.name) {
      index.schema = to.schema;
      index.table = to.name;
    }
  }
  for (model::Table& other : live.tables) {
    for (model::ForeignKey& fk : other.foreign_keys) {
      if (fk.ref_schema.value_or(*other.schema) == from.schema && fk.ref_table == from.name) {
        fk.ref_schema = to.schema;
        fk.ref_table = to.name;
      }
    }
  }
}

void rename_in(std::vector<std::string>& columns, const std::string& from, const std::string& to) {
  for (std::string& column : columns) {
    if (column == from) column = to;
  }
}

// The live catalog after column `from` of `table` became `to`.
void rename_live_column(model::Catalog& live, model::Table& table, const std::string& from,
                        const std::string& to) {
  for (model::Column& column : table.columns) {
    if (column.name == from) column.name = to;
  }
  if (table.primary_key) rename_in(table.primary_key->columns, from, to);
  for (auto& unique : table.uniques) rename_in(unique.columns, from, to);
  for (auto& fk : table.foreign_keys) rename_in(fk.columns, from, to);
  for (model::Index& index : live.indexes) {
    if (*index.schema != *table.schema || index.table != table.name) continue;
    for (auto& element : index.elements) {
      if (!element.is_expression && element.text == from) element.text = to;
    }
    rename_in(index.include, from, to);
  }
  for (model::Table& other : live.tables) {
    for (model::ForeignKey& fk : other.foreign_keys) {
      if (fk.ref_schema.value_or(*other.schema) == *table.schema && fk.ref_table == table.name) {
        rename_in(fk.ref_columns, from, to);
      }
    }
  }
}

void emit_move(Context& ctx, const model::Table& live, const model::Table& desired,
               const std::string& why) {
  std::vector<std::string> notes = {why};
  if (*live.schema == *desired.schema) {
    ctx.add(ctx.buckets.moves,
            ops::RenameTable{ctx.op_schema(live.schema), live.name, desired.name}, notes);
    return;
  }
  ops::MoveTable op;
  op.schema = ctx.op_schema(live.schema);
  op.name = live.name;
  op.new_schema = ctx.op_schema(desired.schema);
  if (live.name != desired.name) op.new_name = desired.name;
  ctx.add(ctx.buckets.moves, std::move(op), notes);
}

std::string table_text(const QualifiedName& name) { return name.schema + "." + name.name; }

void apply_column_hints(Context& ctx, model::Catalog& live, model::Table& live_table,
                        const model::Table& desired) {
  for (const model::Column& column : desired.columns) {
    if (!column.renamed_from) continue;
    auto has = [&](const std::string& name) {
      return std::any_of(live_table.columns.begin(), live_table.columns.end(),
                         [&](const model::Column& c) { return c.name == name; });
    };
    if (has(column.name) || !has(*column.renamed_from)) continue;
    ctx.add(ctx.buckets.moves,
            ops::RenameColumn{ctx.op_schema(desired.schema), desired.name, *column.renamed_from,
                              column.name});
    rename_live_column(live, live_table, *column.renamed_from, column.name);
  }
}

// Creates for the desired tables nothing matched, in foreign-key order;
// foreign keys to tables not yet created (cycles) are split out.
void create_tables(Context& ctx, const std::vector<const model::Table*>& tables,
                   const std::set<QualifiedName>& existing) {
  std::set<QualifiedName> pending;
  for (const model::Table* t : tables) pending.insert(name_of(*t));
  std::set<QualifiedName> created = existing;
  std::vector<const model::Table*> remaining = tables;
  auto ready = [&](const model::Table& t) {
    for (const model::ForeignKey& fk : t.foreign_keys) {
      QualifiedName target{fk.ref_schema.value_or(*t.schema), fk.ref_table};
      if (target != name_of(t) && pending.count(target) && !created.count(target)) return false;
    }
    return true;
  };
  // The tables `from` waits for (pending, not created, not itself).
  auto waits_for = [&](const model::Table& from) {
    std::vector<QualifiedName> out;
    for (const model::ForeignKey& fk : from.foreign_keys) {
      QualifiedName target{fk.ref_schema.value_or(*from.schema), fk.ref_table};
      if (target != name_of(from) && pending.count(target) && !created.count(target)) out.push_back(target);
    }
    return out;
  };
  std::map<QualifiedName, const model::Table*> by_name;
  for (const model::Table* t : tables) by_name[name_of(*t)] = t;
  // Whether `target` waits, directly or not, for `start`.
  auto reaches = [&](const QualifiedName& target, const QualifiedName& start) {
    std::set<QualifiedName> seen;
    std::vector<QualifiedName> stack = {target};
    while (!stack.empty()) {
      QualifiedName at = stack.back();
      stack.pop_back();
      if (at == start) return true;
      if (!seen.insert(at).second) continue;
      for (const QualifiedName& next : waits_for(*by_name.at(at))) stack.push_back(next);
    }
    return false;
  };
  while (!remaining.empty()) {
    auto it = std::find_if(remaining.begin(), remaining.end(),
                           [&](const model::Table* t) { return ready(*t); });
    bool cycle = it == remaining.end();
    if (cycle) {
      // Stuck: some table is in a cycle with everything it waits for (the
      // tables of a cycle nothing outside it blocks); split only its keys.
      it = std::find_if(remaining.begin(), remaining.end(), [&](const model::Table* t) {
        for (const QualifiedName& target : waits_for(*t)) {
          if (!reaches(target, name_of(*t))) return false;
        }
        return true;
      });
      if (it == remaining.end()) it = remaining.begin();
    }
    model::Table table = **it;
    remaining.erase(it);
    if (cycle) {
      std::vector<model::ForeignKey> kept;
      for (model::ForeignKey& fk : table.foreign_keys) {
        QualifiedName target{fk.ref_schema.value_or(*table.schema), fk.ref_table};
        if (target != name_of(table) && pending.count(target) && !created.count(target)) {
          ctx.add(ctx.buckets.create_foreign_keys,
                  ops::AddConstraint{ctx.op_schema(table.schema), table.name,
                                     ctx.op_foreign_key(fk)},
                  {"foreign-key cycle: created after both tables"});
        } else {
          kept.push_back(std::move(fk));
        }
      }
      table.foreign_keys = std::move(kept);
    }
    created.insert(name_of(table));
    ctx.add(ctx.buckets.create_tables, ops::CreateTable{ctx.op_table(table), false});
  }
}

// Drops for the live tables nothing matched: a table after every dropped
// table that references it; foreign keys in a cycle are dropped first.
void drop_tables(Context& ctx, std::vector<model::Table> tables) {
  std::set<QualifiedName> pending;
  for (const model::Table& t : tables) pending.insert(name_of(t));
  auto referenced_by_pending = [&](const model::Table& t) {
    for (const model::Table& other : tables) {
      if (name_of(other) == name_of(t)) continue;
      for (const model::ForeignKey& fk : other.foreign_keys) {
        if (QualifiedName{fk.ref_schema.value_or(*other.schema), fk.ref_table} == name_of(t)) return true;
      }
    }
    return false;
  };
  while (!tables.empty()) {
    auto it = std::find_if(tables.begin(), tables.end(),
                           [&](const model::Table& t) { return !referenced_by_pending(t); });
    if (it == tables.end()) {
      // A cycle: drop the first table's foreign keys to other pending tables.
      model::Table& table = tables.front();
      std::vector<model::ForeignKey> kept;
      for (model::ForeignKey& fk : table.foreign_keys) {
        QualifiedName target{fk.ref_schema.value_or(*table.schema), fk.ref_table};
        if (target != name_of(table) && pending.count(target) && fk.name) {
          ctx.add(ctx.buckets.drop_dependents, ctx.drop_foreign_key(table, fk));
        } else {
          kept.push_back(std::move(fk));
        }
      }
      table.foreign_keys = std::move(kept);
      // Every table referenced only through unnamed keys still blocks: drop it anyway.
      it = std::find_if(tables.begin(), tables.end(),
                        [&](const model::Table& t) { return !referenced_by_pending(t); });
      if (it == tables.end()) it = tables.begin();
    }
    model::Table table = std::move(*it);
    tables.erase(it);
    pending.erase(name_of(table));
    ops::DropTable op;
    op.schema = ctx.op_schema(table.schema);
    op.name = table.name;
    op.dropped = ctx.op_table(table);
    ctx.warnings.push_back("drop_table " + table_text(name_of(table)) +
                           ": the models do not have this table; its rows will be dropped");
    ctx.add(ctx.buckets.drop_tables, std::move(op),
            {"the models do not have " + table_text(name_of(table)) + ": dropped with its rows"});
  }
}

// Foreign keys that cannot follow a table into another schema (see
// CompareOptions::foreign_keys_follow_moves): every key from or to a table
// that changes schema, except a table's key to itself, is dropped before the
// moves and removed from `live`; the per-table pass then creates the
// desired keys again after them.
void drop_keys_of_moves(Context& ctx, model::Catalog& live, const model::Catalog& desired,
                        const std::vector<std::optional<size_t>>& match,
                        const std::vector<std::pair<size_t, std::string>>& moved) {
  std::set<QualifiedName> crossing;
  for (const auto& [d, why] : moved) {
    const model::Table& from = live.tables[*match[d]];
    if (*from.schema != *desired.tables[d].schema) crossing.insert(name_of(from));
  }
  if (crossing.empty()) return;
  for (model::Table& table : live.tables) {
    std::vector<model::ForeignKey> kept;
    for (model::ForeignKey& fk : table.foreign_keys) {
      QualifiedName target{fk.ref_schema.value_or(*table.schema), fk.ref_table};
      bool self = target == name_of(table);
      if (self || !fk.name || (!crossing.count(name_of(table)) && !crossing.count(target))) {
        kept.push_back(std::move(fk));
        continue;
      }
      ctx.add(ctx.buckets.pre_move_drops, ctx.drop_foreign_key(table, fk),
              {"the key cannot follow its table to another schema here: dropped, created again after"});
    }
    table.foreign_keys = std::move(kept);
  }
}

}  // namespace

void compare_tables(Context& ctx, model::Catalog& live, const model::Catalog& desired) {
  std::map<QualifiedName, size_t> live_index;
  for (size_t i = 0; i < live.tables.size(); ++i) live_index[name_of(live.tables[i])] = i;
  std::vector<std::optional<size_t>> match(desired.tables.size());  // desired -> live
  std::set<size_t> used;
  std::vector<std::pair<size_t, std::string>> moved;  // desired index, why

  for (size_t d = 0; d < desired.tables.size(); ++d) {
    auto found = live_index.find(name_of(desired.tables[d]));
    if (found != live_index.end()) {
      match[d] = found->second;
      used.insert(found->second);
    }
  }
  for (size_t d = 0; d < desired.tables.size(); ++d) {
    const model::Table& t = desired.tables[d];
    if (match[d] || !t.renamed_from) continue;
    auto found = live_index.find(parse_hint(*t.renamed_from, *t.schema));
    if (found == live_index.end() || used.count(found->second)) continue;
    match[d] = found->second;
    used.insert(found->second);
    moved.emplace_back(d, "renamed_from = \"" + *t.renamed_from + "\"");
  }
  // Same-columns moves, unambiguous in both directions.
  std::map<std::string, std::vector<size_t>> live_by_signature, desired_by_signature;
  for (size_t l = 0; l < live.tables.size(); ++l) {
    if (!used.count(l)) live_by_signature[columns_signature(ctx, live.tables[l])].push_back(l);
  }
  for (size_t d = 0; d < desired.tables.size(); ++d) {
    if (!match[d]) desired_by_signature[columns_signature(ctx, desired.tables[d])].push_back(d);
  }
  for (const auto& [signature, ds] : desired_by_signature) {
    auto found = live_by_signature.find(signature);
    if (found == live_by_signature.end()) continue;
    if (ds.size() != 1 || found->second.size() != 1) {
      ctx.warnings.push_back("tables with the same columns appear and disappear (" +
                             std::to_string(found->second.size()) + " -> " +
                             std::to_string(ds.size()) +
                             "); not matched: add renamed_from to the models");
      continue;
    }
    size_t d = ds.front(), l = found->second.front();
    match[d] = l;
    used.insert(l);
    moved.emplace_back(d, "same columns as " + table_text(name_of(live.tables[l])) +
                              ": moved, rows kept");
  }
  if (!ctx.options.foreign_keys_follow_moves) drop_keys_of_moves(ctx, live, desired, match, moved);
  for (const auto& [d, why] : moved) {
    model::Table& from = live.tables[*match[d]];
    emit_move(ctx, from, desired.tables[d], why);
    const std::string old_name = from.name;
    const bool is_move = *from.schema != *desired.tables[d].schema;
    relocate(live, from, name_of(desired.tables[d]));
    if (is_move && old_name != from.name && ctx.normalizer.move_renames_default_names()) {
      rename_default_names_after_move(live, from, old_name);
    }
  }

  std::set<QualifiedName> existing;
  std::vector<const model::Table*> to_create;
  for (size_t d = 0; d < desired.tables.size(); ++d) {
    if (match[d]) {
      apply_column_hints(ctx, live, live.tables[*match[d]], desired.tables[d]);
      existing.insert(name_of(desired.tables[d]));
    } else {
      to_create.push_back(&desired.tables[d]);
    }
  }
  ctx.live_indexes = &live.indexes;
  ctx.desired_indexes = &desired.indexes;
  for (size_t d = 0; d < desired.tables.size(); ++d) {
    if (match[d]) compare_table(ctx, live.tables[*match[d]], desired.tables[d]);
  }
  create_tables(ctx, to_create, existing);

  std::vector<model::Table> to_drop;
  for (size_t l = 0; l < live.tables.size(); ++l) {
    if (!used.count(l)) to_drop.push_back(live.tables[l]);
  }
  compare_indexes(ctx, live, desired);
  drop_tables(ctx, std::move(to_drop));
}

}  // namespace strata::autogen::detail
