// The PostgreSQL inspector's catalog queries (dialect/postgres/inspect.cpp),
// one per kind of object, each over every requested schema at once.
// `scope` is a condition on pg_namespace `n` (the requested schemas). Each
// query's columns are listed above it; inspect.cpp reads them by position.
// Rows of columns and constraints come grouped by table (ordered by oid,
// cheaper than by name); inspect.cpp files them under their table.
#pragma once

#include <string>

namespace strata::dialect::postgres::queries {

// Not owned by an extension: pg_depend deptype 'e' on the object.
inline std::string not_extension_member(const std::string& catalog, const std::string& oid) {
  return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog +
         "'::regclass AND e.objid = " + oid + " AND e.deptype = 'e')";
}

// Tables (plain and partitioned parents, not partitions) of pg_class `c`
// joined with pg_namespace `n`.
inline std::string table_filter(const std::string& scope) {
  return scope + " AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND " +
         not_extension_member("pg_class", "c.oid");
}

// current_schema(), json array of the existing requested schemas.
// The inspector's first query also switches JIT compilation off for the
// session (PostgreSQL would JIT-compile the big catalog queries: ~160 ms of
// the columns query on 5,000 tables); views() — the last query — resets it.
// One round trip each, so the query count stays fixed.
inline std::string schemas(const std::string& scope) {
  return "SET jit = off; SELECT current_schema(), (SELECT json_agg(n.nspname) FROM pg_namespace n WHERE " +
         scope + ")";
}

// schema, table, comment
inline std::string tables(const std::string& scope) {
  return "SELECT n.nspname, c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c "
         "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " +
         table_filter(scope) + " ORDER BY 1, 2";
}

// Whether the default `d` (pg_attrdef) of column `relid`.`attnum` is a
// serial's: it uses a sequence the column owns (pg_depend 'a').
inline std::string serial_default(const std::string& d, const std::string& relid,
                                  const std::string& attnum) {
  return "EXISTS (SELECT 1 FROM pg_depend own JOIN pg_depend u "
         "ON u.classid = 'pg_attrdef'::regclass AND u.objid = " + d + ".oid "
         "AND u.refclassid = 'pg_class'::regclass AND u.refobjid = own.objid "
         "WHERE own.refclassid = 'pg_class'::regclass AND own.refobjid = " + relid +
         " AND own.refobjsubid = " + attnum + " AND own.classid = 'pg_class'::regclass "
         "AND own.deptype = 'a')";
}

// schema, table, column, format_type, attnotnull, default (not for
// generated columns), comment, attidentity, serial (the default uses a
// sequence owned by the column), identity sequence: type, start,
// increment, min, max, cache, cycle; attnum, attgenerated, generation
// expression, collation (when not the type's)
inline std::string columns(const std::string& scope) {
  return "WITH ids AS (SELECT dep.refobjid AS relid, dep.refobjsubid AS attnum, s.* "
         "  FROM pg_depend dep JOIN pg_sequence s ON s.seqrelid = dep.objid "
         "  WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass "
         "  AND dep.deptype = 'i') "
         "SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
         "a.attnotnull, CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END, "
         "ds.description, a.attidentity, "
         "CASE WHEN d.oid IS NOT NULL AND a.attidentity = '' THEN " +
         serial_default("d", "c.oid", "a.attnum") + " ELSE false END, "
         "CASE WHEN a.attidentity <> '' THEN format_type(ids.seqtypid, NULL) END, "
         "ids.seqstart, ids.seqincrement, ids.seqmin, ids.seqmax, ids.seqcache, ids.seqcycle, "
         "a.attnum, a.attgenerated, "
         "CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END, "
         "CASE WHEN a.attcollation <> ty.typcollation THEN co.collname END "
         "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
         "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type ty ON ty.oid = a.atttypid "
         "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
         "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
         // col_description() per row, as a join (a hash join over pg_description).
         "LEFT JOIN pg_description ds ON ds.objoid = c.oid "
         "AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum "
         "LEFT JOIN ids ON a.attidentity <> '' AND ids.relid = c.oid AND ids.attnum = a.attnum "
         "WHERE " + table_filter(scope) + " AND a.attnum > 0 AND NOT a.attisdropped "
         "ORDER BY a.attrelid, a.attnum";
}

// schema, table, name, contype, conkey (attnums, "{1,2}"), ref schema,
// ref table, json ref column names (foreign keys), confdeltype,
// confupdtype, confmatchtype, condeferrable, condeferred,
// pg_get_constraintdef (checks, exclusion constraints)
inline std::string constraints(const std::string& scope) {
  return "SELECT n.nspname, c.relname, con.conname, con.contype, con.conkey::text, "
         "rn.nspname, rc.relname, CASE WHEN con.contype = 'f' THEN "
         "(SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY "
         "k(attnum, ord) JOIN pg_attribute a ON a.attrelid = con.confrelid "
         "AND a.attnum = k.attnum) END, "
         "con.confdeltype, con.confupdtype, con.confmatchtype, con.condeferrable, "
         "con.condeferred, CASE WHEN con.contype IN ('c', 'x') THEN pg_get_constraintdef(con.oid, true) "
         "END "
         "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
         "JOIN pg_namespace n ON n.oid = c.relnamespace "
         "LEFT JOIN pg_class rc ON rc.oid = con.confrelid "
         "LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace WHERE " +
         table_filter(scope) + " AND con.contype IN ('p', 'u', 'f', 'c', 'x') "
         "ORDER BY con.conrelid, con.conname";
}

// schema, table, index, indisunique, json key elements [column name or
// null, pg_get_indexdef text, COLLATE option, non-default opclass name or
// null, ordering options (DESC, NULLS)],
// json INCLUDE column names, predicate, access method (pg_am.amname).
// Indexes backing a primary key,
// unique or exclusion constraint are left out.
inline std::string indexes(const std::string& scope) {
  return "SELECT n.nspname, c.relname, ic.relname, i.indisunique, "
         "(SELECT json_agg(json_build_array(ta.attname, pg_get_indexdef(i.indexrelid, k, true), "
         "   CASE WHEN i.indcollation[k - 1] <> 0 AND i.indcollation[k - 1] <> "
         "     COALESCE(ta.attcollation, it.typcollation) "
         "   THEN ' COLLATE ' || quote_ident(coll.collname) ELSE '' END, "
         "   CASE WHEN opc.opcdefault THEN NULL ELSE opc.opcname END, "
         "   CASE WHEN (i.indoption[k - 1] & 1) = 1 THEN ' DESC' ELSE '' END || "
         "   CASE WHEN (i.indoption[k - 1] & 3) = 1 THEN ' NULLS LAST' "
         "     WHEN (i.indoption[k - 1] & 3) = 2 THEN ' NULLS FIRST' ELSE '' END) ORDER BY k) "
         " FROM generate_series(1, i.indnkeyatts) k "
         " LEFT JOIN pg_attribute ta ON ta.attrelid = i.indrelid AND ta.attnum = i.indkey[k - 1] "
         "   AND i.indkey[k - 1] <> 0 "
         " JOIN pg_attribute ia ON ia.attrelid = i.indexrelid AND ia.attnum = k "
         " JOIN pg_type it ON it.oid = ia.atttypid "
         " LEFT JOIN pg_collation coll ON coll.oid = i.indcollation[k - 1] "
         " JOIN pg_opclass opc ON opc.oid = i.indclass[k - 1]), "
         "(SELECT json_agg(ta.attname ORDER BY k) FROM generate_series(i.indnkeyatts + 1, "
         " i.indnatts) k JOIN pg_attribute ta ON ta.attrelid = i.indrelid "
         " AND ta.attnum = i.indkey[k - 1]), "
         "pg_get_expr(i.indpred, i.indrelid, true), am.amname "
         "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
         "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
         "JOIN pg_am am ON am.oid = ic.relam "
         "WHERE " + table_filter(scope) +
         " AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid "
         "AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')) ORDER BY 1, 2, 3";
}

// schema, name, format_type, start, increment, min, max, cache, cycle.
// Left out: identity sequences, sequences owned by a column whose default
// uses them (serial), extension members.
inline std::string sequences(const std::string& scope) {
  return "WITH hidden AS ("
         "  SELECT d.objid AS oid FROM pg_depend d WHERE d.classid = 'pg_class'::regclass "
         "  AND d.deptype IN ('i', 'e') "
         "  UNION SELECT own.objid FROM pg_depend own "
         "  JOIN pg_attrdef ad ON ad.adrelid = own.refobjid AND ad.adnum = own.refobjsubid "
         "  WHERE own.classid = 'pg_class'::regclass AND own.refclassid = 'pg_class'::regclass "
         "  AND own.deptype = 'a' AND EXISTS (SELECT 1 FROM pg_depend u "
         "    WHERE u.classid = 'pg_attrdef'::regclass AND u.objid = ad.oid "
         "    AND u.refclassid = 'pg_class'::regclass AND u.refobjid = own.objid)) "
         "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, "
         "s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle "
         "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
         "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + scope +
         " AND c.oid NOT IN (SELECT oid FROM hidden) ORDER BY 1, 2";
}

// schema, name, json labels in sort order
inline std::string enums(const std::string& scope) {
  return "SELECT n.nspname, t.typname, COALESCE((SELECT json_agg(e.enumlabel ORDER BY "
         "e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '[]') "
         "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + scope +
         " AND t.typtype = 'e' AND " + not_extension_member("pg_type", "t.oid") +
         " ORDER BY 1, 2";
}

// schema, name, relkind ('v' / 'm'), pg_get_viewdef
inline std::string views(const std::string& scope) {
  return "RESET jit; SELECT n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid, true) FROM pg_class c "
         "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + scope +
         " AND c.relkind IN ('v', 'm') AND " + not_extension_member("pg_class", "c.oid") +
         " ORDER BY 1, 2";
}

}  // namespace strata::dialect::postgres::queries
