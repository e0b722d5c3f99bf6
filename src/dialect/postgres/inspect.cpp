// The PostgreSQL inspector (contract: inspect/inspect.h, dialect/postgres/
// inspect.h): eight pg_catalog queries per call whatever the number of
// tables (inspect_queries.h), read into model::Catalog.
//
// What the neutral model gets from PostgreSQL, beyond inspect.h:
//  - Columns: type from format_type() (types.h from_format_type);
//    reflected_type is format_type()'s text. autoincrement is always set:
//    true for a serial column (a nextval() default of a sequence the column
//    owns — that default and the sequence are not reported), false
//    otherwise. Identity columns carry Column::identity; its options are
//    set only where they differ from the defaults for the sequence's type
//    and direction (increment 1, min 1 / type min, max type max / -1,
//    start = min / max, cache 1, no cycle). A default 'x'::text or
//    'x'::character varying is the literal "x"; any other default is an
//    expression with pg_get_expr()'s text. A generated column (always
//    listed) has no default; reflected_generated "STORED GENERATED" and
//    reflected_generated_expression pg_get_expr()'s text. A collation that
//    differs from the type's is reflected_collation.
//  - The primary key is Table::primary_key (named); column primary_key and
//    unique flags stay false: unique constraints are Table::uniques. A
//    DEFERRABLE key has deferrable = true (initially "DEFERRED" when so).
//  - Foreign keys: actions CASCADE / SET NULL / SET DEFAULT / RESTRICT (NO
//    ACTION unset); deferrable = true and initially = "DEFERRED" only when
//    so; match "FULL" / "PARTIAL" (SIMPLE unset).
//  - Checks: pg_get_constraintdef(oid, true) without "CHECK (...)" and
//    " NOT VALID" / " NO INHERIT". Exclusion constraints are
//    Table::exclusions (reflected only) with pg_get_constraintdef()'s text;
//    their indexes are not reported.
//  - Index elements: a key column without COLLATE / ordering options is a
//    column element, an expression without them an expression element, each
//    with IndexElement::opclass set to a non-default operator class; with
//    COLLATE, DESC or NULLS FIRST / LAST the element is an expression
//    element with pg_get_indexdef()'s text followed by those options (the
//    opclass among them). Index::method is the access method when not btree
//    (gin, gist, hash, ...).
//  - Sequences: data_type set unless bigint; options set only where they
//    differ from the defaults, as for identity columns.
//  - Tables, indexes, sequences, enums and views come sorted by schema and
//    name; columns in ordinal order; constraints by name.
#include "dialect/postgres/inspect.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <exception>
#include <limits>
#include <map>
#include <thread>
#include <utility>

#include "common/text.h"
#include "dialect/postgres/dialect.h"
#include "dialect/postgres/inspect_queries.h"
#include "dialect/postgres/types.h"
#include "strata/error.h"

namespace strata::dialect::postgres {
namespace {

using driver::Row;

std::string cell(const Row& row, size_t i) {
  return i < row.size() && row[i] ? *row[i] : std::string();
}

std::optional<std::string> opt_cell(const Row& row, size_t i) {
  return i < row.size() ? row[i] : std::nullopt;
}

bool is_true(const Row& row, size_t i) { return cell(row, i) == "t"; }

// An operator class name as SQL's quote_ident() spells it (quoted unless a
// plain lower-case identifier).
std::string quote_ident(const std::string& name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) plain = plain && (std::islower(static_cast<unsigned char>(c)) ||
                                        std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

long long to_ll(const std::string& text) { return std::stoll(text); }

nlohmann::json json_cell(const Row& row, size_t i) {
  if (i >= row.size() || !row[i]) return nlohmann::json::array();
  return nlohmann::json::parse(*row[i]);
}

std::vector<std::string> json_strings(const Row& row, size_t i) {
  std::vector<std::string> out;
  for (const auto& v : json_cell(row, i)) out.push_back(v.get<std::string>());
  return out;
}

// The condition on pg_namespace `n` for the requested schemas.
std::string scope(const std::vector<std::string>& schemas) {
  if (schemas.empty()) return "n.nspname = current_schema()";
  static const PostgresDialect dialect;
  std::string list;
  for (const std::string& s : schemas) list += (list.empty() ? "" : ", ") + dialect.literal(s);
  return "n.nspname IN (" + list + ")";
}

// The bounds the database picks itself for `type` and the sign of
// `increment`.
struct SequenceDefaults {
  long long min, max;
};

SequenceDefaults defaults_for(const std::string& type, long long increment) {
  long long type_max = std::numeric_limits<long long>::max();
  if (type == "integer") type_max = std::numeric_limits<int>::max();
  if (type == "smallint") type_max = std::numeric_limits<short>::max();
  const long long type_min = -type_max - 1;
  if (increment < 0) return {type_min, -1};
  return {1, type_max};
}

struct SequenceOptions {
  std::optional<long long> start, increment, minvalue, maxvalue, cache;
  bool cycle = false;
};

// Options from pg_sequence text cells starting at `first` (start, increment,
// min, max, cache, cycle), defaults left unset.
SequenceOptions sequence_options(const std::string& type, const Row& row, size_t first) {
  const long long start = to_ll(cell(row, first));
  const long long increment = to_ll(cell(row, first + 1));
  const long long min = to_ll(cell(row, first + 2));
  const long long max = to_ll(cell(row, first + 3));
  const long long cache = to_ll(cell(row, first + 4));
  const SequenceDefaults d = defaults_for(type, increment);
  SequenceOptions o;
  if (start != (increment < 0 ? max : min)) o.start = start;  // the default start
  if (increment != 1) o.increment = increment;
  if (min != d.min) o.minvalue = min;
  if (max != d.max) o.maxvalue = max;
  if (cache != 1) o.cache = cache;
  o.cycle = is_true(row, first + 5);
  return o;
}

// 'it''s'::text -> it's; nullopt when `expr` is anything else.
std::optional<std::string> string_literal(const std::string& expr) {
  for (const char* cast : {"::text", "::character varying"}) {
    const std::string suffix = cast;
    if (expr.size() < suffix.size() + 2 ||
        expr.compare(expr.size() - suffix.size(), suffix.size(), suffix) != 0 || expr[0] != '\'') {
      continue;
    }
    const std::string quoted = expr.substr(0, expr.size() - suffix.size());
    if (quoted.size() < 2 || quoted.back() != '\'') continue;
    std::string value;
    bool ok = true;
    for (size_t i = 1; i + 1 < quoted.size(); ++i) {
      if (quoted[i] == '\'') {
        if (i + 2 < quoted.size() && quoted[i + 1] == '\'') {
          value += '\'';
          ++i;
        } else {
          ok = false;  // 'a' || 'b'::text and the like
          break;
        }
      } else {
        value += quoted[i];
      }
    }
    if (ok) return value;
  }
  return std::nullopt;
}

std::optional<std::string> fk_action(const std::string& code) {
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "d") return "SET DEFAULT";
  if (code == "r") return "RESTRICT";
  return std::nullopt;  // 'a': NO ACTION
}

// "CHECK (a > 0) NOT VALID" -> "a > 0"
std::string check_text(std::string def) {
  for (const char* suffix : {" NOT VALID", " NO INHERIT"}) {
    const std::string s = suffix;
    while (def.size() > s.size() && def.compare(def.size() - s.size(), s.size(), s) == 0) {
      def.erase(def.size() - s.size());
    }
  }
  const std::string head = "CHECK (";
  if (def.rfind(head, 0) == 0 && !def.empty() && def.back() == ')') {
    return def.substr(head.size(), def.size() - head.size() - 1);
  }
  return def;
}

using TableKey = std::pair<std::string, std::string>;

class Reader {
 public:
  Reader(driver::Connection& conn, const std::vector<std::string>& schemas)
      : conn_(conn), scope_(scope(schemas)), requested_(schemas) {}

  // `helper`: a second connection to the same database, or nullptr. With
  // one, the queries run on both connections at once, in transactions that
  // share one snapshot (pg_export_snapshot, as pg_dump -j does), so the
  // catalog read is consistent; the rows are then read in order.
  model::Catalog read(driver::Connection* helper) {
    Results r = helper ? fetch_parallel(*helper) : fetch();
    read_schemas(r.schemas);
    read_tables(r.tables);
    read_columns(r.columns);
    read_constraints(r.constraints);
    read_indexes(r.indexes);
    read_sequences(r.sequences);
    read_enums(r.enums);
    read_views(r.views);
    return std::move(catalog_);
  }

 private:
  struct Results {
    driver::QueryResult schemas, tables, columns, constraints, indexes, sequences, enums, views;
  };

  // The queries the helper connection runs in fetch_parallel(); the rest
  // run on the main one (about half the server time each).
  void fetch_helper_part(driver::Connection& conn, Results& r) {
    r.columns = conn.query(queries::columns(scope_));
    r.sequences = conn.query(queries::sequences(scope_));
  }
  void fetch_main_part(Results& r) {
    r.schemas = conn_.query(queries::schemas(scope_));
    r.tables = conn_.query(queries::tables(scope_));
    r.constraints = conn_.query(queries::constraints(scope_));
    r.indexes = conn_.query(queries::indexes(scope_));
    r.enums = conn_.query(queries::enums(scope_));
    r.views = conn_.query(queries::views(scope_));
  }

  Results fetch() {
    Results r;
    fetch_main_part(r);
    fetch_helper_part(conn_, r);
    return r;
  }

  Results fetch_parallel(driver::Connection& helper) {
    Results r;
    conn_.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      driver::QueryResult snapshot = conn_.query("SELECT pg_export_snapshot()");
      std::string id = snapshot.rows.empty() ? "" : cell(snapshot.rows[0], 0);
      helper.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT " +
                     text::single_quoted(id) + "; SET LOCAL jit = off");
      std::exception_ptr helper_failure;
      {
        std::jthread worker([&] {
          try {
            fetch_helper_part(helper, r);
          } catch (...) {
            helper_failure = std::current_exception();
          }
        });
        fetch_main_part(r);
      }  // joins the worker, also when the main part throws
      helper.execute("COMMIT");
      conn_.execute("COMMIT");
      if (helper_failure) std::rethrow_exception(helper_failure);
    } catch (...) {
      for (driver::Connection* c : {&helper, &conn_}) {
        try {
          c->execute("ROLLBACK");
        } catch (...) {
          // The error being reported is the first one.
        }
      }
      throw;
    }
    return r;
  }

 public:

 private:
  // The table a row's (schema, table) cells name; nullptr for one not read.
  std::optional<size_t> table_index(const Row& row) const {
    auto it = tables_.find({cell(row, 0), cell(row, 1)});
    if (it == tables_.end()) return std::nullopt;
    return it->second;
  }
  model::Table* table(const Row& row) {
    std::optional<size_t> i = table_index(row);
    return i ? &catalog_.tables[*i] : nullptr;
  }

  // "{1,3}" (attnums) -> the columns' names.
  std::vector<std::string> column_names(size_t table, const std::string& attnums) const {
    std::vector<std::string> out;
    std::string number;
    for (char ch : attnums) {
      if (std::isdigit(static_cast<unsigned char>(ch)) || ch == '-') {
        number += ch;
        continue;
      }
      if (!number.empty()) {
        auto it = attnames_[table].find(std::stoi(number));
        out.push_back(it == attnames_[table].end() ? number : it->second);
        number.clear();
      }
    }
    return out;
  }

  void read_schemas(const driver::QueryResult& result) {
    if (result.rows.empty()) return;
    const Row& row = result.rows[0];
    catalog_.default_schema = cell(row, 0);
    std::vector<std::string> present = json_strings(row, 1);
    std::vector<std::string> order = requested_;
    if (order.empty() && !catalog_.default_schema.empty()) order.push_back(catalog_.default_schema);
    for (const std::string& name : order) {
      bool exists = std::find(present.begin(), present.end(), name) != present.end();
      bool listed = std::find(catalog_.schemas.begin(), catalog_.schemas.end(), name) !=
                    catalog_.schemas.end();
      if (exists && !listed) catalog_.schemas.push_back(name);
    }
  }

  void read_tables(const driver::QueryResult& result) {
    for (const Row& row : result.rows) {
      model::Table t;
      t.schema = cell(row, 0);
      t.name = cell(row, 1);
      t.comment = opt_cell(row, 2);
      tables_[{*t.schema, t.name}] = catalog_.tables.size();
      catalog_.tables.push_back(std::move(t));
      attnames_.emplace_back();
    }
  }

  void read_columns(const driver::QueryResult& result) {
    for (const Row& row : result.rows) {
      std::optional<size_t> index = table_index(row);
      if (!index) continue;
      model::Table* t = &catalog_.tables[*index];
      model::Column c;
      c.name = cell(row, 2);
      attnames_[*index][std::stoi(cell(row, 16))] = c.name;
      c.reflected_type = cell(row, 3);
      c.type = from_format_type(c.reflected_type);
      c.nullable = !is_true(row, 4);
      c.comment = opt_cell(row, 6);
      const std::string identity = cell(row, 7);
      const std::optional<std::string> def = opt_cell(row, 5);
      const bool serial = is_true(row, 8) && def && def->rfind("nextval(", 0) == 0;
      c.autoincrement = serial;
      if (!identity.empty() && row.size() > 9 && row[9]) {
        SequenceOptions o = sequence_options(cell(row, 9), row, 10);
        model::Identity id;
        id.always = identity == "a";
        id.start = o.start;
        id.increment = o.increment;
        id.minvalue = o.minvalue;
        id.maxvalue = o.maxvalue;
        id.cache = o.cache;
        id.cycle = o.cycle;
        c.identity = id;
      } else if (!cell(row, 17).empty()) {  // attgenerated
        c.reflected_generated = "STORED GENERATED";
        c.reflected_generated_expression = opt_cell(row, 18);
      } else if (def && !serial) {
        if (std::optional<std::string> literal = string_literal(*def)) {
          c.server_default = model::ServerDefault{*literal, false};
        } else {
          c.server_default = model::ServerDefault{*def, true};
        }
      }
      c.reflected_collation = opt_cell(row, 19);
      t->columns.push_back(std::move(c));
    }
  }

  void read_constraints(const driver::QueryResult& result) {
    for (const Row& row : result.rows) {
      std::optional<size_t> index = table_index(row);
      if (!index) continue;
      model::Table* t = &catalog_.tables[*index];
      const std::vector<std::string> columns = column_names(*index, cell(row, 4));
      const std::string name = cell(row, 2);
      const std::string type = cell(row, 3);
      std::optional<bool> deferrable;
      std::optional<std::string> initially;
      if (is_true(row, 11)) deferrable = true;
      if (is_true(row, 12)) initially = "DEFERRED";
      if (type == "p") {
        t->primary_key = model::PrimaryKey{name, columns, deferrable, initially};
      } else if (type == "u") {
        t->uniques.push_back(model::UniqueConstraint{name, columns, deferrable, initially});
      } else if (type == "x") {
        t->exclusions.push_back(
            model::ExclusionConstraint{name, cell(row, 13), deferrable, initially});
      } else if (type == "f") {
        model::ForeignKey fk;
        fk.name = name;
        fk.columns = columns;
        fk.ref_schema = cell(row, 5);
        fk.ref_table = cell(row, 6);
        fk.ref_columns = json_strings(row, 7);
        fk.ondelete = fk_action(cell(row, 8));
        fk.onupdate = fk_action(cell(row, 9));
        if (cell(row, 10) == "f") fk.match = "FULL";
        if (cell(row, 10) == "p") fk.match = "PARTIAL";
        if (is_true(row, 11)) fk.deferrable = true;
        if (is_true(row, 12)) fk.initially = "DEFERRED";
        t->foreign_keys.push_back(std::move(fk));
      } else if (type == "c") {
        t->checks.push_back(model::CheckConstraint{name, check_text(cell(row, 13))});
      }
    }
  }

  void read_indexes(const driver::QueryResult& result) {
    for (const Row& row : result.rows) {
      if (table(row) == nullptr) continue;
      model::Index index;
      index.schema = cell(row, 0);
      index.table = cell(row, 1);
      index.name = cell(row, 2);
      index.unique = is_true(row, 3);
      for (const auto& element : json_cell(row, 4)) {
        const std::string collate = element[2].get<std::string>();
        const std::string opclass = element[3].is_null() ? "" : element[3].get<std::string>();
        const std::string ordering = element[4].get<std::string>();
        const bool is_column = !element[0].is_null();
        if (collate.empty() && ordering.empty()) {
          index.elements.push_back({element[is_column ? 0 : 1].get<std::string>(), !is_column,
                                    opclass});
        } else {
          // The opclass sits between COLLATE and the ordering: one text.
          index.elements.push_back({element[1].get<std::string>() + collate +
                                        (opclass.empty() ? "" : " " + quote_ident(opclass)) +
                                        ordering,
                                    true});
        }
      }
      index.include = json_strings(row, 5);
      index.where = opt_cell(row, 6);
      if (cell(row, 7) != "btree") index.method = cell(row, 7);
      catalog_.indexes.push_back(std::move(index));
    }
  }

  void read_sequences(const driver::QueryResult& result) {
    for (const Row& row : result.rows) {
      model::Sequence s;
      s.schema = cell(row, 0);
      s.name = cell(row, 1);
      const std::string type = cell(row, 2);
      if (type != "bigint") s.data_type = type;
      SequenceOptions o = sequence_options(type, row, 3);
      s.start = o.start;
      s.increment = o.increment;
      s.minvalue = o.minvalue;
      s.maxvalue = o.maxvalue;
      s.cache = o.cache;
      s.cycle = o.cycle;
      catalog_.sequences.push_back(std::move(s));
    }
  }

  void read_enums(const driver::QueryResult& result) {
    for (const Row& row : result.rows) {
      model::Enum e;
      e.schema = cell(row, 0);
      e.name = cell(row, 1);
      e.values = json_strings(row, 2);
      catalog_.enums.push_back(std::move(e));
    }
  }

  void read_views(const driver::QueryResult& result) {
    for (const Row& row : result.rows) {
      model::View v;
      v.schema = cell(row, 0);
      v.name = cell(row, 1);
      v.materialized = cell(row, 2) == "m";
      v.definition = cell(row, 3);
      catalog_.views.push_back(std::move(v));
    }
  }

  driver::Connection& conn_;
  std::string scope_;
  std::vector<std::string> requested_;
  model::Catalog catalog_;
  std::map<TableKey, size_t> tables_;
  std::vector<std::map<int, std::string>> attnames_;  // per table: attnum -> name
};

}  // namespace

model::Catalog inspect(driver::Connection& conn, const std::vector<std::string>& schemas,
                       driver::Connection* helper) {
  return Reader(conn, schemas).read(helper);
}

std::string default_schema(driver::Connection& conn) {
  driver::QueryResult result = conn.query("SELECT current_schema()");
  if (result.rows.empty() || result.rows[0].empty() || !result.rows[0][0]) {
    throw Error(ErrorCode::kDatabase,
                "PostgreSQL has no current schema: no schema of the search_path exists");
  }
  return *result.rows[0][0];
}

}  // namespace strata::dialect::postgres
