// The MySQL/MariaDB inspector (contract: inspect/inspect.h,
// dialect/mysql/inspect.h). Tested against MariaDB 10.11.
//
// Queries, whatever the number of tables: VERSION(), DATABASE() and
// @@innodb_page_size; then, for the asked-for databases, information_schema
// SCHEMATA, TABLES, COLUMNS, KEY_COLUMN_USAGE joined with
// REFERENTIAL_CONSTRAINTS, CHECK_CONSTRAINTS, STATISTICS and VIEWS; and when
// sequences exist, one more: a UNION ALL reading every sequence's row
// (MariaDB 10.11 has no information_schema.SEQUENCES). Columns are read by
// name (inspect_rows.h). inspect_tables() runs the same queries with
// "AND TABLE_NAME IN (...)" added to each.
//
// What the Catalog holds (decisions the comparator relies on):
//  - schemas: the asked-for databases that exist (the connection's database
//    when none were asked for), in the order asked; default_schema is
//    DATABASE().
//  - Tables (TABLE_TYPE 'BASE TABLE'), views and sequences in the order of
//    the schemas asked for, then by name; indexes by schema, table and name
//    (names compared byte-wise). Table and column comments ('' = none).
//    Generated columns are left out (inspect_tables, and inspect() with
//    generated_columns, list them, with Column::reflected_generated and
//    reflected_generated_expression = GENERATION_EXPRESSION).
//  - Column::type: mysql::type_from_column_type(COLUMN_TYPE); reflected_type
//    = COLUMN_TYPE. MariaDB's JSON (longtext with a column-level check
//    json_valid(`c`)) is Kind::kJson (reflected_type stays "longtext"), and
//    that check is not listed. Defaults: mysql::default_from_catalog.
//    autoincrement: true with EXTRA auto_increment; false on an integer
//    sole primary key column without it (so that re-rendering does not add
//    AUTO_INCREMENT); else unset. The reflected-only facts (schema.h):
//    reflected_collation (COLLATION_NAME unlike TABLE_COLLATION),
//    reflected_on_update and reflected_invisible (EXTRA), reflected_check
//    (MariaDB's CHECK_CONSTRAINTS.LEVEL 'Column', JSON's json_valid too).
//  - Primary key: columns in key order, UNNAMED — MySQL names every primary
//    key PRIMARY and ignores a given name, so there is no name to compare.
//  - A unique index (NON_UNIQUE = 0, not PRIMARY) on plain ascending columns
//    is a UniqueConstraint (MySQL does not tell a UNIQUE constraint from a
//    unique index); one with a prefix length or DESC part is an Index with
//    unique = true. Column::unique stays false.
//  - Foreign keys by name; ref_schema always set; actions upper-case, with
//    NO ACTION and RESTRICT unset (InnoDB treats them alike and reports an
//    unspecified action as RESTRICT); MATCH unset.
//  - Checks by name, CHECK_CLAUSE as the server rewrote it (MariaDB names
//    a column-level check after its column and an unnamed table check
//    CONSTRAINT_n).
//  - An index part on a whole column that the server shortened itself is the
//    plain column: MariaDB silently turns an index on a column longer than
//    the engine's key-part limit into a prefix index (SUB_PART = the limit
//    in characters). The limit in bytes: InnoDB with ROW_FORMAT DYNAMIC or
//    COMPRESSED 3072 (768 / 1536 with a 4k / 8k @@innodb_page_size; COMPACT
//    and REDUNDANT refuse such an index instead), MyISAM 1000, Aria 2300
//    (MariaDB 10.11); other engines: none recognised. Bytes per character =
//    CHARACTER_OCTET_LENGTH / CHARACTER_MAXIMUM_LENGTH of the (var)char /
//    (var)binary column (4 for utf8mb4). A SUB_PART equal to
//    limit / bytes-per-char on a longer column reads as the plain column
//    (the model's index on the whole column makes the same index again); any
//    other prefix stays `c`(n). So source_url VARCHAR(2048) utf8mb4 with
//    SUB_PART 768 is "source_url", and a user-asked title(10) stays.
//  - Indexes (not PRIMARY, not unique constraints). Left out as implied:
//    the index InnoDB creates for a foreign key (non-unique, on exactly the
//    key's columns, named after the key — or after its first column when the
//    key was created unnamed; it cannot be dropped while the key needs it), and MysqlDialect's KEY idx_autoinc_<col> (<col>) for an
//    AUTO_INCREMENT column that is not first in the primary key. Elements:
//    a plain ascending column is a column element; a DESC part, a prefix
//    part (`c`(10)) or a MySQL 8 functional part is an expression element
//    (name quoted as MysqlDialect quotes it, e.g. "id DESC"). Index::method:
//    INDEX_TYPE lower-case when not BTREE ("fulltext", "spatial", "hash").
//  - Sequences (MariaDB, TABLE_TYPE 'SEQUENCE') with options that differ
//    from CREATE SEQUENCE's defaults (increment 1, minvalue 1 / maxvalue
//    9223372036854775806 ascending, -9223372036854775807 / -1 descending,
//    start = minvalue ascending / maxvalue descending, cache 1000) set,
//    the others unset.
//  - Views: VIEW_DEFINITION as the server stores it. No enums.
#include "dialect/mysql/inspect.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "dialect/common/render_common.h"
#include "dialect/mysql/dialect.h"
#include "dialect/mysql/inspect_rows.h"
#include "dialect/mysql/types.h"
#include "strata/error.h"

namespace strata::dialect::mysql {
namespace {

using Kind = model::Type::Kind;

const MysqlDialect& dialect() {
  static const MysqlDialect d;
  return d;
}

std::string in_list(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const std::string& n : names) quoted.push_back(dialect().literal(n));
  return "(" + common::join(quoted, ", ") + ")";
}

using TableKey = std::pair<std::string, std::string>;  // schema, table

std::optional<long long> to_ll(const std::optional<std::string>& v) {
  if (!v || v->empty()) return std::nullopt;
  return std::stoll(*v);
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

struct IndexPart {
  std::string column;
  bool desc = false;
  std::optional<std::string> sub_part;
  std::optional<std::string> expression;  // MySQL 8 functional part
  bool plain() const { return !desc && !sub_part && !expression; }
  model::IndexElement element() const {
    if (plain()) return {column, false};
    std::string text = expression ? "(" + *expression + ")" : dialect().quote(column);
    if (sub_part) text += "(" + *sub_part + ")";
    if (desc) text += " DESC";
    return {text, true};
  }
};

struct IndexRows {
  TableKey table;
  std::string name;
  bool unique = false;
  std::vector<IndexPart> parts;
  std::string type;  // INDEX_TYPE: BTREE, HASH, FULLTEXT, SPATIAL
};

class Inspector {
 public:
  Inspector(driver::Connection& conn, bool generated) : conn_(conn), generated_(generated) {}

  // `only`: inspect_tables' tables (nullptr: every table of the schemas).
  model::Catalog run(std::vector<std::string> asked, const std::vector<TableName>* only = nullptr) {
    Rows server(conn_.query(
        "SELECT VERSION() AS version, DATABASE() AS db, @@innodb_page_size AS page_size"));
    if (!server.rows().empty()) {
      mariadb_ = upper(server.text(server.rows()[0], "version")).find("MARIADB") != std::string::npos;
      out_.default_schema = server.text(server.rows()[0], "db");
      page_size_ = to_ll(server.get(server.rows()[0], "page_size")).value_or(16384);
    }
    if (only) {
      if (only->empty()) return out_;
      std::vector<std::string> names;
      for (const TableName& t : *only) {
        const std::string schema = t.schema.value_or(out_.default_schema);
        if (std::find(asked.begin(), asked.end(), schema) == asked.end()) asked.push_back(schema);
        names.push_back(t.name);
      }
      names_ = in_list(names);
    }
    std::vector<std::string> wanted = asked;
    if (wanted.empty() && !out_.default_schema.empty()) wanted.push_back(out_.default_schema);
    if (wanted.empty()) return out_;
    in_ = in_list(wanted);

    Rows schemata(conn_.query(
        "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN " + in_));
    std::set<std::string> existing;
    for (const auto& row : schemata.rows()) existing.insert(schemata.text(row, "SCHEMA_NAME"));
    for (const std::string& s : wanted) {
      if (existing.count(s) > 0 &&
          std::find(out_.schemas.begin(), out_.schemas.end(), s) == out_.schemas.end()) {
        out_.schemas.push_back(s);
      }
    }
    if (out_.schemas.empty()) return out_;

    read_tables();
    read_columns();
    read_foreign_keys();
    read_checks();
    read_statistics();
    read_views();
    read_sequences();
    for (auto& [key, table] : tables_) out_.tables.push_back(std::move(table));
    sort_by_schema();
    return out_;
  }

 private:
  // Objects in the order of the schemas asked for, then by name (tables,
  // views, sequences) or by table and name (indexes), byte-wise.
  void sort_by_schema() {
    auto pos = [this](const std::optional<std::string>& schema) {
      return std::find(out_.schemas.begin(), out_.schemas.end(), schema.value_or("")) -
             out_.schemas.begin();
    };
    auto by_name = [&](const auto& a, const auto& b) {
      return std::make_tuple(pos(a.schema), a.name) < std::make_tuple(pos(b.schema), b.name);
    };
    std::stable_sort(out_.tables.begin(), out_.tables.end(), by_name);
    std::stable_sort(out_.views.begin(), out_.views.end(), by_name);
    std::stable_sort(out_.sequences.begin(), out_.sequences.end(), by_name);
    std::stable_sort(out_.indexes.begin(), out_.indexes.end(), [&](const auto& a, const auto& b) {
      return std::make_tuple(pos(a.schema), a.table, a.name) <
             std::make_tuple(pos(b.schema), b.table, b.name);
    });
  }

  void read_tables() {
    Rows r(conn_.query(
        "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, TABLE_COMMENT, ENGINE, ROW_FORMAT, "
        "TABLE_COLLATION "
        "FROM information_schema.TABLES "
        "WHERE TABLE_SCHEMA IN " + in_ + only("TABLE_NAME") + " ORDER BY TABLE_SCHEMA, TABLE_NAME"));
    for (const auto& row : r.rows()) {
      TableKey key{r.text(row, "TABLE_SCHEMA"), r.text(row, "TABLE_NAME")};
      const std::string type = r.text(row, "TABLE_TYPE");
      if (type == "BASE TABLE") {
        model::Table t{.schema = key.first, .name = key.second};
        std::string comment = r.text(row, "TABLE_COMMENT");
        if (!comment.empty()) t.comment = comment;
        tables_.emplace(key, std::move(t));
        key_limits_[key] =
            key_part_limit(r.text(row, "ENGINE"), r.text(row, "ROW_FORMAT"), page_size_);
        collations_[key] = r.text(row, "TABLE_COLLATION");
      } else if (type == "SEQUENCE") {
        sequence_names_.push_back(key);
      }
    }
  }

  model::Table* table(const TableKey& key) {
    auto it = tables_.find(key);
    return it == tables_.end() ? nullptr : &it->second;
  }

  model::Column* column(const TableKey& key, const std::string& name) {
    model::Table* t = table(key);
    if (!t) return nullptr;
    for (model::Column& c : t->columns) {
      if (c.name == name) return &c;
    }
    return nullptr;
  }

  void read_columns() {
    Rows r(conn_.query(
        "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, "
        "IS_NULLABLE, COLUMN_TYPE, EXTRA, COLUMN_COMMENT, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, "
        "CHARACTER_OCTET_LENGTH, COLLATION_NAME, GENERATION_EXPRESSION FROM information_schema.COLUMNS "
        "WHERE TABLE_SCHEMA IN " + in_ + only("TABLE_NAME") +
        " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION"));
    for (const auto& row : r.rows()) {
      const TableKey key{r.text(row, "TABLE_SCHEMA"), r.text(row, "TABLE_NAME")};
      model::Table* t = table(key);
      if (!t) continue;  // a view or a sequence
      const std::string extra = upper(r.text(row, "EXTRA"));
      model::Column c;
      for (const char* generated : {"VIRTUAL GENERATED", "STORED GENERATED", "PERSISTENT GENERATED"}) {
        if (extra.find(generated) != std::string::npos) c.reflected_generated = generated;
      }
      if (c.reflected_generated && !generated_) continue;
      if (c.reflected_generated) c.reflected_generated_expression = r.text(row, "GENERATION_EXPRESSION");
      c.name = r.text(row, "COLUMN_NAME");
      c.reflected_type = r.text(row, "COLUMN_TYPE");
      c.type = type_from_column_type(c.reflected_type);
      c.nullable = r.text(row, "IS_NULLABLE") == "YES";
      c.server_default = default_from_catalog(r.get(row, "COLUMN_DEFAULT"), extra, mariadb_);
      if (extra.find("AUTO_INCREMENT") != std::string::npos) c.autoincrement = true;
      c.reflected_on_update = on_update_from_extra(r.text(row, "EXTRA"));
      c.reflected_invisible = (" " + extra + " ").find(" INVISIBLE ") != std::string::npos;
      const std::string collation = r.text(row, "COLLATION_NAME");
      if (!collation.empty() && !collations_[key].empty() && collation != collations_[key]) {
        c.reflected_collation = collation;
      }
      std::string comment = r.text(row, "COLUMN_COMMENT");
      if (!comment.empty()) c.comment = comment;
      const std::string data_type = r.text(row, "DATA_TYPE");
      const auto chars = to_ll(r.get(row, "CHARACTER_MAXIMUM_LENGTH"));
      const auto octets = to_ll(r.get(row, "CHARACTER_OCTET_LENGTH"));
      if ((data_type == "varchar" || data_type == "char" || data_type == "varbinary" ||
           data_type == "binary") && chars && octets && *chars > 0) {
        lengths_[{r.text(row, "TABLE_SCHEMA"), r.text(row, "TABLE_NAME"), c.name}] =
            Length{*chars, *octets / *chars};
      }
      t->columns.push_back(std::move(c));
    }
  }

  void read_foreign_keys() {
    Rows r(conn_.query(
        "SELECT k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, "
        "k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, "
        "rc.UPDATE_RULE, rc.DELETE_RULE FROM information_schema.KEY_COLUMN_USAGE k "
        "JOIN information_schema.REFERENTIAL_CONSTRAINTS rc ON rc.CONSTRAINT_SCHEMA = "
        "k.CONSTRAINT_SCHEMA AND rc.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND rc.TABLE_NAME = "
        "k.TABLE_NAME WHERE k.TABLE_SCHEMA IN " + in_ + only("k.TABLE_NAME") +
        " AND k.REFERENCED_TABLE_NAME IS NOT NULL "
        "ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION"));
    auto action = [](const std::string& rule) -> std::optional<std::string> {
      if (rule.empty() || rule == "NO ACTION" || rule == "RESTRICT") return std::nullopt;
      return rule;
    };
    for (const auto& row : r.rows()) {
      TableKey key{r.text(row, "TABLE_SCHEMA"), r.text(row, "TABLE_NAME")};
      model::Table* t = table(key);
      if (!t) continue;
      const std::string name = r.text(row, "CONSTRAINT_NAME");
      if (t->foreign_keys.empty() || t->foreign_keys.back().name != name) {
        model::ForeignKey fk;
        fk.name = name;
        fk.ref_schema = r.text(row, "REFERENCED_TABLE_SCHEMA");
        fk.ref_table = r.text(row, "REFERENCED_TABLE_NAME");
        fk.onupdate = action(r.text(row, "UPDATE_RULE"));
        fk.ondelete = action(r.text(row, "DELETE_RULE"));
        t->foreign_keys.push_back(std::move(fk));
      }
      t->foreign_keys.back().columns.push_back(r.text(row, "COLUMN_NAME"));
      t->foreign_keys.back().ref_columns.push_back(r.text(row, "REFERENCED_COLUMN_NAME"));
    }
  }

  void read_checks() {
    // MariaDB lists the table; MySQL 8 only through TABLE_CONSTRAINTS.
    std::string sql =
        mariadb_
            ? "SELECT * FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN " +
                  in_ + only("TABLE_NAME")
            : "SELECT c.CONSTRAINT_SCHEMA, t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE FROM "
              "information_schema.CHECK_CONSTRAINTS c JOIN information_schema.TABLE_CONSTRAINTS t "
              "ON t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND t.CONSTRAINT_NAME = "
              "c.CONSTRAINT_NAME AND t.CONSTRAINT_TYPE = 'CHECK' WHERE c.CONSTRAINT_SCHEMA IN " +
                  in_ + only("t.TABLE_NAME");
    Rows r(conn_.query(sql + (mariadb_ ? " ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME"
                                       : " ORDER BY 1, 2, 3")));
    for (const auto& row : r.rows()) {
      TableKey key{r.text(row, "CONSTRAINT_SCHEMA"), r.text(row, "TABLE_NAME")};
      model::Table* t = table(key);
      if (!t) continue;
      const std::string name = r.text(row, "CONSTRAINT_NAME");
      const std::string clause = r.text(row, "CHECK_CLAUSE");
      // MariaDB: a check written in a column's definition is named after the
      // column; its JSON is longtext CHECK (json_valid(`c`)).
      model::Column* c = column(key, name);
      if (c && r.has("LEVEL") && r.text(row, "LEVEL") == "Column") c->reflected_check = clause;
      if (c && c->reflected_type == "longtext" &&
          clause == "json_valid(" + std::string("`") + escape_backquotes(name) + "`)") {
        c->type = model::Type{.kind = Kind::kJson};
        continue;
      }
      t->checks.push_back(model::CheckConstraint{name, clause});
    }
  }

  static std::string escape_backquotes(const std::string& name) {
    std::string out;
    for (char ch : name) {
      out += ch;
      if (ch == '`') out += '`';
    }
    return out;
  }

  void read_statistics() {
    Rows r(conn_.query("SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN " + in_ +
                       only("TABLE_NAME") +
                       " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"));
    std::vector<IndexRows> indexes;
    for (const auto& row : r.rows()) {
      TableKey key{r.text(row, "TABLE_SCHEMA"), r.text(row, "TABLE_NAME")};
      if (!table(key)) continue;
      const std::string name = r.text(row, "INDEX_NAME");
      if (indexes.empty() || indexes.back().table != key || indexes.back().name != name) {
        indexes.push_back(
            IndexRows{key, name, r.text(row, "NON_UNIQUE") == "0", {}, r.text(row, "INDEX_TYPE")});
      }
      IndexPart part;
      part.column = r.text(row, "COLUMN_NAME");
      part.desc = r.text(row, "COLLATION") == "D";
      part.sub_part = r.get(row, "SUB_PART");
      if (part.sub_part && automatic_prefix(key, part.column, to_ll(part.sub_part).value_or(0))) {
        part.sub_part.reset();
      }
      if (r.has("EXPRESSION")) part.expression = r.get(row, "EXPRESSION");
      indexes.back().parts.push_back(std::move(part));
    }
    for (IndexRows& ix : indexes) add_index(ix);
  }

  void add_index(const IndexRows& ix) {
    model::Table& t = *table(ix.table);
    const bool plain = std::all_of(ix.parts.begin(), ix.parts.end(),
                                   [](const IndexPart& p) { return p.plain(); });
    std::vector<std::string> columns;
    for (const IndexPart& p : ix.parts) columns.push_back(p.column);
    if (ix.name == "PRIMARY") {
      t.primary_key = model::PrimaryKey{std::nullopt, columns};
      if (columns.size() == 1) {
        for (model::Column& c : t.columns) {
          if (c.name == columns[0] && !c.autoincrement && common::is_integer(c.type)) {
            c.autoincrement = false;
          }
        }
      }
      return;
    }
    if (ix.unique && plain) {
      t.uniques.push_back(model::UniqueConstraint{ix.name, columns});
      return;
    }
    if (!ix.unique && plain) {
      for (const model::ForeignKey& fk : t.foreign_keys) {  // InnoDB's FK index
        if (fk.columns == columns && (fk.name == ix.name || fk.columns[0] == ix.name)) return;
      }
      if (columns.size() == 1 && ix.name == "idx_autoinc_" + columns[0]) {
        const model::Column* c = column(ix.table, columns[0]);
        if (c && c->autoincrement.value_or(false)) return;  // MysqlDialect's key
      }
    }
    model::Index index{.name = ix.name, .schema = ix.table.first, .table = ix.table.second};
    index.unique = ix.unique;
    for (const IndexPart& p : ix.parts) index.elements.push_back(p.element());
    if (!ix.type.empty() && upper(ix.type) != "BTREE") {
      std::string method = ix.type;
      for (char& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      index.method = method;
    }
    out_.indexes.push_back(std::move(index));
  }

  void read_views() {
    Rows r(conn_.query(
        "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS "
        "WHERE TABLE_SCHEMA IN " + in_ + only("TABLE_NAME") + " ORDER BY TABLE_SCHEMA, TABLE_NAME"));
    for (const auto& row : r.rows()) {
      out_.views.push_back(model::View{.schema = r.text(row, "TABLE_SCHEMA"),
                                       .name = r.text(row, "TABLE_NAME"),
                                       .definition = r.text(row, "VIEW_DEFINITION")});
    }
  }

  void read_sequences() {
    if (sequence_names_.empty()) return;
    std::vector<std::string> parts;
    for (const auto& [schema, name] : sequence_names_) {
      parts.push_back("SELECT " + dialect().literal(schema) + " AS seq_schema, " +
                      dialect().literal(name) +
                      " AS seq_name, start_value, minimum_value, maximum_value, `increment`, "
                      "cache_size, cycle_option FROM " + dialect().qualify(schema, name));
    }
    Rows r(conn_.query(common::join(parts, " UNION ALL ")));
    for (const auto& row : r.rows()) {
      model::Sequence s{.schema = r.text(row, "seq_schema"), .name = r.text(row, "seq_name")};
      const long long increment = to_ll(r.get(row, "increment")).value_or(1);
      const long long min = to_ll(r.get(row, "minimum_value")).value_or(1);
      const long long max = to_ll(r.get(row, "maximum_value")).value_or(0);
      const long long start = to_ll(r.get(row, "start_value")).value_or(min);
      const bool up = increment > 0;
      if (increment != 1) s.increment = increment;
      if (min != (up ? 1 : -9223372036854775807LL)) s.minvalue = min;
      if (max != (up ? 9223372036854775806LL : -1)) s.maxvalue = max;
      if (start != (up ? min : max)) s.start = start;
      const long long cache = to_ll(r.get(row, "cache_size")).value_or(1000);
      if (cache != 1000) s.cache = cache;
      s.cycle = r.text(row, "cycle_option") == "1";
      out_.sequences.push_back(std::move(s));
    }
  }

  // Whether SUB_PART `prefix` (characters) on the column is the prefix the
  // server chose itself for an index on the whole column (see the header).
  bool automatic_prefix(const TableKey& table, const std::string& column, long long prefix) const {
    auto limit = key_limits_.find(table);
    auto length = lengths_.find({table.first, table.second, column});
    if (limit == key_limits_.end() || limit->second == 0 || length == lengths_.end()) return false;
    const Length& l = length->second;
    return l.bytes_per_char > 0 && l.chars > prefix && prefix == limit->second / l.bytes_per_char;
  }

  struct Length {
    long long chars = 0;           // CHARACTER_MAXIMUM_LENGTH
    long long bytes_per_char = 1;  // CHARACTER_OCTET_LENGTH / CHARACTER_MAXIMUM_LENGTH
  };

  // " AND <column> IN (<names>)" for inspect_tables, else "".
  std::string only(const std::string& column) const {
    return names_.empty() ? "" : " AND " + column + " IN " + names_;
  }

  driver::Connection& conn_;
  bool mariadb_ = true;
  bool generated_ = false;  // list generated columns (inspect_tables, Options)
  std::string names_;       // inspect_tables: the table names, as an IN list
  std::map<TableKey, std::string> collations_;
  long long page_size_ = 16384;
  std::map<TableKey, long long> key_limits_;
  std::map<std::tuple<std::string, std::string, std::string>, Length> lengths_;
  std::string in_;
  model::Catalog out_;
  std::map<TableKey, model::Table> tables_;
  std::vector<TableKey> sequence_names_;
};

}  // namespace

std::string default_schema(driver::Connection& conn) {
  driver::QueryResult r = conn.query("SELECT DATABASE()");
  if (r.rows.empty() || r.rows[0].empty() || !r.rows[0][0]) return "";
  return *r.rows[0][0];
}

model::Catalog inspect(driver::Connection& conn, const std::vector<std::string>& schemas,
                       bool generated_columns) {
  return Inspector(conn, generated_columns).run(schemas);
}

model::Catalog inspect_tables(driver::Connection& conn, const std::vector<TableName>& tables) {
  return Inspector(conn, true).run({}, &tables);
}

}  // namespace strata::dialect::mysql
