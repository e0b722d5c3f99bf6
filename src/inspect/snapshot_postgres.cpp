// catalog_snapshot for PostgreSQL: pg_catalog queries, one per kind of fact,
// over every table of the requested schemas (see catalog_snapshot.h).
#include <nlohmann/json.hpp>

#include "inspect/snapshot_lines.h"

namespace strata::inspect::detail {
namespace {

// The tables a snapshot covers, as a condition on pg_class `c` joined with
// pg_namespace `n`.
std::string table_filter(const std::vector<std::string>& schemas) {
  return "n.nspname IN " + in_list(schemas) +
         " AND c.relkind IN ('r', 'p') AND c.relname <> 'alembic_version'";
}

// A json_agg(...) cell as strings; NULL (no elements) is empty.
std::vector<std::string> json_strings(const driver::Row& row, size_t i) {
  std::vector<std::string> out;
  if (i >= row.size() || !row[i]) return out;
  for (const auto& v : nlohmann::json::parse(*row[i])) out.push_back(v.get<std::string>());
  return out;
}

bool is_true(const driver::Row& row, size_t i) { return cell(row, i) == "t"; }

std::string fk_action(const std::string& code) {
  if (code == "a") return "no_action";
  if (code == "r") return "restrict";
  if (code == "c") return "cascade";
  if (code == "n") return "set_null";
  if (code == "d") return "set_default";
  return "'" + code + "'";
}

std::string deferrable(const driver::Row& row, size_t deferrable_col, size_t deferred_col) {
  if (!is_true(row, deferrable_col)) return "no";
  return is_true(row, deferred_col) ? "initially_deferred" : "yes";
}

std::optional<std::string> opt_cell(const driver::Row& row, size_t i) {
  return i < row.size() ? row[i] : std::nullopt;
}

void schemas_present(driver::Connection& conn, const std::vector<std::string>& schemas,
                     std::vector<std::string>& out) {
  for (const driver::Row& row :
       conn.query("SELECT nspname FROM pg_namespace WHERE nspname IN " + in_list(schemas)).rows) {
    out.push_back(ident(cell(row, 0)) + ": schema");
  }
}

void tables(driver::Connection& conn, const std::string& filter, std::vector<std::string>& out) {
  auto result = conn.query(
      "SELECT n.nspname, c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c "
      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + filter);
  for (const driver::Row& row : result.rows) {
    out.push_back(qualified(cell(row, 0), cell(row, 1)) + ": table comment=" + text(opt_cell(row, 2)));
  }
}

void columns(driver::Connection& conn, const std::string& filter, std::vector<std::string>& out) {
  auto result = conn.query(
      "SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
      "a.attnotnull, pg_get_expr(d.adbin, d.adrelid), col_description(c.oid, a.attnum), "
      "a.attidentity, a.attgenerated, "
      "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END "
      "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid "
      "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
      "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
      "WHERE " + filter + " AND a.attnum > 0 AND NOT a.attisdropped");
  for (const driver::Row& row : result.rows) {
    bool generated = !cell(row, 8).empty();
    std::string line = qualified(cell(row, 0), cell(row, 1)) + ": column " + ident(cell(row, 2)) +
                       " type=" + escape(cell(row, 3)) +
                       " null=" + yes_no(!is_true(row, 4)) +
                       " default=" + text(generated ? std::nullopt : opt_cell(row, 5)) +
                       " comment=" + text(opt_cell(row, 6));
    if (cell(row, 7) == "a") line += " identity=always";
    if (cell(row, 7) == "d") line += " identity=by_default";
    if (generated) line += " generated=" + text(opt_cell(row, 5));
    if (row.size() > 9 && row[9]) line += " collate=" + ident(*row[9]);
    out.push_back(std::move(line));
  }
}

void constraints(driver::Connection& conn, const std::string& filter,
                 std::vector<std::string>& out) {
  const std::string key_names =
      "(SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.{0}) WITH ORDINALITY "
      "k(attnum, ord) JOIN pg_attribute a ON a.attrelid = con.{1} AND a.attnum = k.attnum)";
  auto names = [&](const char* keys, const char* rel) {
    std::string s = key_names;
    s.replace(s.find("{0}"), 3, keys);
    s.replace(s.find("{1}"), 3, rel);
    return s;
  };
  auto result = conn.query(
      "SELECT n.nspname, c.relname, con.conname, con.contype, " + names("conkey", "conrelid") +
      ", rn.nspname, rc.relname, " + names("confkey", "confrelid") +
      ", con.confdeltype, con.confupdtype, con.confmatchtype, con.condeferrable, "
      "con.condeferred, pg_get_constraintdef(con.oid, true) "
      "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "LEFT JOIN pg_class rc ON rc.oid = con.confrelid "
      "LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace WHERE " + filter);
  for (const driver::Row& row : result.rows) {
    std::string owner = qualified(cell(row, 0), cell(row, 1)) + ": ";
    std::string name = ident(cell(row, 2));
    std::string type = cell(row, 3);
    std::string def = deferrable(row, 11, 12);
    if (type == "p" || type == "u") {
      out.push_back(owner + (type == "p" ? "primary_key " : "unique ") + name + " " +
                    list(json_strings(row, 4)) + " deferrable=" + def);
    } else if (type == "f") {
      out.push_back(owner + "foreign_key " + name + " " + list(json_strings(row, 4)) + " -> " +
                    qualified(cell(row, 5), cell(row, 6)) + " " + list(json_strings(row, 7)) +
                    " on_delete=" + fk_action(cell(row, 8)) +
                    " on_update=" + fk_action(cell(row, 9)) + " match=" +
                    (cell(row, 10) == "f" ? "full" : cell(row, 10) == "p" ? "partial" : "simple") +
                    " deferrable=" + def);
    } else if (type == "c") {
      out.push_back(owner + "check " + name + " " + escape(cell(row, 13)));
    } else {  // exclusion, constraint triggers: their full definition
      out.push_back(owner + "constraint " + name + " " + escape(cell(row, 13)) +
                    " deferrable=" + def);
    }
  }
}

void indexes(driver::Connection& conn, const std::string& filter, std::vector<std::string>& out) {
  // Each element: the column or expression, with DESC / NULLS FIRST when set.
  auto result = conn.query(
      "SELECT n.nspname, c.relname, ic.relname, i.indisunique, am.amname, "
      "(SELECT json_agg(pg_get_indexdef(i.indexrelid, k, true) || "
      "   CASE WHEN (i.indoption[k - 1] & 1) = 1 THEN ' DESC' ELSE '' END || "
      "   CASE WHEN (i.indoption[k - 1] & 2) = 2 THEN ' NULLS FIRST' ELSE '' END ORDER BY k) "
      " FROM generate_series(1, i.indnkeyatts) k), "
      "(SELECT json_agg(pg_get_indexdef(i.indexrelid, k, true) ORDER BY k) "
      " FROM generate_series(i.indnkeyatts + 1, i.indnatts) k), "
      "pg_get_expr(i.indpred, i.indrelid, true) "
      "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
      "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "JOIN pg_am am ON am.oid = ic.relam WHERE " + filter +
      " AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid "
      "AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))");
  for (const driver::Row& row : result.rows) {
    std::string line = qualified(cell(row, 0), cell(row, 1)) + ": index " + ident(cell(row, 2)) +
                       " unique=" + yes_no(is_true(row, 3)) + " " +
                       list(json_strings(row, 5), true);
    std::vector<std::string> include = json_strings(row, 6);
    if (!include.empty()) line += " include=" + list(include, true);
    if (cell(row, 4) != "btree") line += " method=" + escape(cell(row, 4));
    line += " where=" + text(opt_cell(row, 7));
    out.push_back(std::move(line));
  }
}

void sequences(driver::Connection& conn, const std::vector<std::string>& schemas,
               std::vector<std::string>& out) {
  auto result = conn.query(
      "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, "
      "s.seqmin, s.seqmax, s.seqcache, s.seqcycle, own.nspname, own.relname, own.attname "
      "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "LEFT JOIN LATERAL (SELECT tn.nspname, t.relname, a.attname FROM pg_depend d "
      "  JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace "
      "  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
      "  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'a' "
      "  AND d.refclassid = 'pg_class'::regclass) own ON true "
      "WHERE n.nspname IN " + in_list(schemas) +
      " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass "
      "AND d.objid = c.oid AND d.deptype = 'i')");
  for (const driver::Row& row : result.rows) {
    std::string line = ident(cell(row, 0)) + ": sequence " + ident(cell(row, 1)) +
                       " type=" + cell(row, 2) + " start=" + cell(row, 3) +
                       " increment=" + cell(row, 4) + " min=" + cell(row, 5) +
                       " max=" + cell(row, 6) + " cache=" + cell(row, 7) +
                       " cycle=" + yes_no(is_true(row, 8));
    if (row.size() > 9 && row[9]) {
      line += " owned_by=" + qualified(cell(row, 9), cell(row, 10)) + "." + ident(cell(row, 11));
    }
    out.push_back(std::move(line));
  }
}

// One line per enum type: its values in their sort order.
void enums(driver::Connection& conn, const std::vector<std::string>& schemas,
           std::vector<std::string>& out) {
  auto result = conn.query(
      "SELECT n.nspname, t.typname, json_agg(e.enumlabel ORDER BY e.enumsortorder) "
      "FILTER (WHERE e.enumlabel IS NOT NULL) FROM pg_type t "
      "JOIN pg_namespace n ON n.oid = t.typnamespace "
      "LEFT JOIN pg_enum e ON e.enumtypid = t.oid "
      "WHERE t.typtype = 'e' AND n.nspname IN " + in_list(schemas) + " GROUP BY 1, 2");
  for (const driver::Row& row : result.rows) {
    std::vector<std::string> values;
    for (const std::string& v : json_strings(row, 2)) values.push_back(text(v));
    out.push_back(ident(cell(row, 0)) + ": enum " + ident(cell(row, 1)) + " " +
                  list(values, true));
  }
}

}  // namespace

void read_postgres(driver::Connection& conn, const std::vector<std::string>& schemas,
                   std::vector<std::string>& out) {
  const std::string filter = table_filter(schemas);
  schemas_present(conn, schemas, out);
  tables(conn, filter, out);
  columns(conn, filter, out);
  constraints(conn, filter, out);
  indexes(conn, filter, out);
  sequences(conn, schemas, out);
  enums(conn, schemas, out);
}

}  // namespace strata::inspect::detail
