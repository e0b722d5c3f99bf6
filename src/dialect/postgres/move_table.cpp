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
  }
  return out;
}

}  // namespace strata::dialect::postgres
