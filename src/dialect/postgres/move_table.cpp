#include "dialect/postgres/move_table.h"

#include <string_view>
#include <utility>

namespace strata::dialect::postgres {
namespace {

// `text` with each "{key}" of `values` replaced by its value, in one pass (a
// value is never searched for keys itself).
std::string fill(std::string_view text,
                 const std::vector<std::pair<std::string_view, std::string>>& values) {
  std::string out;
  for (size_t at = 0; at < text.size();) {
    bool replaced = false;
    for (const auto& [key, value] : values) {
      if (text.substr(at, key.size() + 2) == "{" + std::string(key) + "}") {
        out += value;
        at += key.size() + 2;
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[at++];
  }
  return out;
}

// The DO body moving {schema}.{name} into current_schema().
constexpr std::string_view kToDefaultSchema = R"(
BEGIN
  EXECUTE format('ALTER TABLE %I.%I SET SCHEMA %I', {schema}, {name}, current_schema());
END
)";

// The DO body renaming the owned sequences of {table} (a regclass literal)
// from PostgreSQL's name for them under table name {old} to its name under
// {new}. The inner loop is makeObjectName(table, column, 'seq').
constexpr std::string_view kRenameSequences = R"(
DECLARE
  owned record;
  tname text;
  names text[];
  n1 integer; n2 integer; c1 integer; c2 integer;
  avail integer := current_setting('max_identifier_length')::integer - length('__seq');
BEGIN
  -- the sequences owned by the table's columns (serial: 'a', identity: 'i')
  FOR owned IN
    SELECT sn.nspname::text AS seq_schema, s.relname::text AS seq_name, a.attname::text AS col
    FROM pg_depend d
    JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
    JOIN pg_namespace sn ON sn.oid = s.relnamespace
    JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
      AND d.refobjid = {table}::regclass AND d.deptype IN ('a', 'i')
  LOOP
    -- PostgreSQL's name for the sequence under the old and the new table
    -- name: <table>_<column>_seq, the longer part shortened first to fit,
    -- each cut at a character boundary
    names := '{}';
    FOREACH tname IN ARRAY ARRAY[{old}, {new}] LOOP
      n1 := octet_length(tname);
      n2 := octet_length(owned.col);
      WHILE n1 + n2 > avail LOOP
        IF n1 > n2 THEN n1 := n1 - 1; ELSE n2 := n2 - 1; END IF;
      END LOOP;
      c1 := n1;
      WHILE octet_length(left(tname, c1)) > n1 LOOP c1 := c1 - 1; END LOOP;
      c2 := n2;
      WHILE octet_length(left(owned.col, c2)) > n2 LOOP c2 := c2 - 1; END LOOP;
      names := names || (left(tname, c1) || '_' || left(owned.col, c2) || '_seq');
    END LOOP;
    -- a sequence named otherwise was named on purpose: it keeps its name
    IF owned.seq_name = names[1] AND names[2] <> names[1] THEN
      EXECUTE format('ALTER SEQUENCE %I.%I RENAME TO %I', owned.seq_schema, owned.seq_name,
                     names[2]);
    END IF;
  END LOOP;
END
)";

// The DO body renaming the constraints and indexes of {table} (a regclass
// literal) that carry PostgreSQL's default name for table name {old} to the
// default name for {new}: <table>_pkey, <table>_<columns>_key / _excl (the
// columns of the backing index), <table>_<columns>_fkey,
// <table>[_<column>]_check, and for an index that backs no constraint
// <table>_<index columns>_idx — each optionally followed by the number
// PostgreSQL appends to avoid a clash. A renamed primary key, unique or
// exclusion constraint renames its index too. A name that does not fit
// max_identifier_length, or that is taken, is left alone.
constexpr std::string_view kRenameConstraints = R"(
DECLARE
  item record;
  rest text;
  base text;
  target text;
  tschema text;
BEGIN
  SELECT n.nspname INTO tschema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.oid = {table}::regclass;
  FOR item IN
    SELECT con.conname::text AS name, con.contype::text AS kind, false AS is_index,
      CASE WHEN con.contype IN ('p', 'u', 'x') THEN
        (SELECT string_agg(ia.attname::text, '_' ORDER BY ia.attnum) FROM pg_attribute ia
         WHERE ia.attrelid = con.conindid AND ia.attnum > 0)
      ELSE
        (SELECT string_agg(a.attname::text, '_' ORDER BY k.i)
         FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i)
         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum)
      END AS cols,
      ARRAY(SELECT a.attname::text FROM unnest(con.conkey) k(attnum)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS colnames
    FROM pg_constraint con
    WHERE con.conrelid = {table}::regclass AND con.contype IN ('p', 'u', 'f', 'c', 'x')
    UNION ALL
    SELECT ic.relname::text, 'i', true,
      (SELECT string_agg(ia.attname::text, '_' ORDER BY ia.attnum) FROM pg_attribute ia
       WHERE ia.attrelid = i.indexrelid AND ia.attnum > 0),
      ARRAY[]::text[]
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
    WHERE i.indrelid = {table}::regclass
      AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
                      AND con.conrelid = i.indrelid)
  LOOP
    CONTINUE WHEN left(item.name, length({old}) + 1) <> {old} || '_';
    rest := substr(item.name, length({old}) + 2);
    base := regexp_replace(rest, '[0-9]+$', '');
    -- a name other than PostgreSQL's default was chosen on purpose: kept
    CONTINUE WHEN NOT CASE item.kind
      WHEN 'p' THEN base = 'pkey'
      WHEN 'u' THEN base = item.cols || '_key'
      WHEN 'x' THEN base = item.cols || '_excl'
      WHEN 'f' THEN base = item.cols || '_fkey'
      WHEN 'c' THEN base = 'check' OR base = ANY (SELECT c || '_check' FROM unnest(item.colnames) c)
      ELSE base = item.cols || '_idx'
    END IS TRUE;
    target := {new} || '_' || rest;
    CONTINUE WHEN octet_length(target) > current_setting('max_identifier_length')::integer;
    IF item.is_index THEN
      CONTINUE WHEN to_regclass(format('%I.%I', tschema, target)) IS NOT NULL;
      EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', tschema, item.name, target);
    ELSE
      CONTINUE WHEN item.kind IN ('p', 'u', 'x')
                    AND to_regclass(format('%I.%I', tschema, target)) IS NOT NULL;
      CONTINUE WHEN EXISTS (SELECT 1 FROM pg_constraint con
                            WHERE con.conrelid = {table}::regclass AND con.conname = target);
      EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', {table}::regclass, item.name,
                     target);
    END IF;
  END LOOP;
END
)";

std::string do_block(std::string body) { return "DO " + postgres_dollar_quote(body); }

}  // namespace

std::string postgres_dollar_quote(const std::string& body) {
  std::string tag = "$$";
  for (int n = 0; body.find(tag) != std::string::npos; ++n) {
    tag = "$strata" + (n == 0 ? std::string() : std::to_string(n)) + "$";
  }
  return tag + body + tag;
}

std::vector<std::string> postgres_move_table(const Dialect& d, const ops::MoveTable& op) {
  std::vector<std::string> out;
  if (op.schema != op.new_schema) {
    if (op.new_schema) {
      out.push_back("ALTER TABLE " + d.qualify(op.schema, op.name) + " SET SCHEMA " +
                    d.quote(*op.new_schema));
    } else {
      out.push_back(do_block(fill(kToDefaultSchema,
                                  {{"schema", d.literal(*op.schema)}, {"name", d.literal(op.name)}})));
    }
  }
  if (op.new_name && *op.new_name != op.name) {
    out.push_back("ALTER TABLE " + d.qualify(op.new_schema, op.name) + " RENAME TO " +
                  d.quote(*op.new_name));
    out.push_back(do_block(fill(kRenameSequences,
                                {{"table", d.literal(d.qualify(op.new_schema, *op.new_name))},
                                 {"old", d.literal(op.name)},
                                 {"new", d.literal(*op.new_name)}})));
    out.push_back(do_block(fill(kRenameConstraints,
                                {{"table", d.literal(d.qualify(op.new_schema, *op.new_name))},
                                 {"old", d.literal(op.name)},
                                 {"new", d.literal(*op.new_name)}})));
  }
  return out;
}

}  // namespace strata::dialect::postgres
