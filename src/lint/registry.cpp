// The rule registry (registry.h) and finding formatting (finding.h).
#include "lint/registry.h"

#include <algorithm>

#include "strata/error.h"

namespace strata::lint {
namespace {

constexpr RuleInfo kRules[] = {
    // PostgreSQL lock risks
    {"index-not-concurrent", Severity::kWarning, "postgresql",
     "an index on an existing table built without concurrently (blocks writes while it builds)",
     "build it concurrently: op.autocommit_block(function() op.create_index(..., "
     "{concurrently = true}) end)"},
    {"constraint-not-valid", Severity::kWarning, "postgresql",
     "a foreign key or check added to an existing table without NOT VALID (scans the table "
     "under an ACCESS EXCLUSIVE lock)",
     "add it with {not_valid = true}, then op.validate_constraint(...) in a later step"},
    {"set-not-null", Severity::kWarning, "postgresql",
     "SET NOT NULL on an existing column (scans the table under an ACCESS EXCLUSIVE lock)",
     "op.autocommit_block(function() op.alter_column(..., {nullable = false, online = true}) "
     "end): a NOT VALID check, validated, then SET NOT NULL"},
    {"volatile-default", Severity::kWarning, "postgresql",
     "a column added to an existing table with a volatile default, identity or serial "
     "(rewrites the table)",
     "add the column without the default, set the default, backfill in batches"},
    {"type-rewrite", Severity::kWarning, "postgresql",
     "a type change that rewrites an existing table under an ACCESS EXCLUSIVE lock",
     "add a new column, backfill it in batches, switch readers, drop the old one"},
    {"unique-constraint", Severity::kWarning, "postgresql",
     "a unique or primary key constraint added directly to an existing table (builds its "
     "index under an ACCESS EXCLUSIVE lock)",
     "create a unique index concurrently, then op.execute(\"ALTER TABLE t ADD CONSTRAINT c "
     "UNIQUE USING INDEX ix\")"},
    {"lock-timeout", Severity::kWarning, "postgresql",
     "a revision that locks existing tables without a lock_timeout",
     "set lock_timeout in the revision header (lock_timeout = \"5s\")"},
    // destructive
    {"drop-table", Severity::kError, "", "an existing table dropped (its rows are lost)",
     "make sure nothing reads it and it is backed up; suppress with a reason"},
    {"drop-column", Severity::kError, "", "an existing column dropped (its values are lost)",
     "stop reading the column in a deploy before, then drop it; suppress with a reason"},
    {"drop-schema", Severity::kError, "", "a schema dropped (everything in it is lost)",
     "make sure it is empty or backed up; suppress with a reason"},
    {"narrowing-type", Severity::kError, "",
     "a type change that narrows a column (values may not fit: truncated or refused)",
     "check the data fits first, or add a new column and copy what fits"},
    // data-dependent
    {"not-null-no-default", Severity::kError, "",
     "a NOT NULL column without a default added to an existing table (fails when it has rows)",
     "add it nullable (or with a server_default), backfill, then set NOT NULL"},
    {"new-unique", Severity::kWarning, "",
     "a unique constraint or index added to an existing table (fails on duplicate rows)",
     "check for duplicates first (SELECT cols, count(*) ... GROUP BY cols HAVING count(*) > 1)"},
    // compatibility
    {"rename", Severity::kWarning, "",
     "a table or column renamed or moved (code still using the old name breaks)",
     "expand/contract: add the new name, move readers and writers, drop the old name later"},
    // SQLite
    {"sqlite-rebuild", Severity::kWarning, "sqlite",
     "an op SQLite applies by rebuilding (copying) an existing table",
     "expected on SQLite; group a table's changes in one op.batch_alter_table (one rebuild)"},
    // reversibility
    {"irreversible", Severity::kError, "",
     "an op op.reverse_upgrade cannot reverse (downgrade() fails)",
     "give the op what its reverse needs (dropped, existing_*, reverse) or write downgrade()"},
    {"missing-downgrade", Severity::kWarning, "",
     "downgrade() does nothing while upgrade() has ops",
     "write downgrade(), or call op.reverse_upgrade()"},
    // the rest
    {"raw-execute", Severity::kInfo, "", "op.execute runs SQL lint cannot check",
     "prefer the op.* operation when there is one"},
    {"needs-database", Severity::kInfo, "",
     "the script calls op.query, which needs a live database: not linted past it",
     "lint checks only what runs without a database"},
    {"script-error", Severity::kError, "", "the script fails when run offline",
     "fix the script error"},
    {"several-heads", Severity::kWarning, "", "the revision graph has several heads",
     "strata merge heads -m \"merge\""},
};

}  // namespace

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view name) {
  if (name == "info") return Severity::kInfo;
  if (name == "warning") return Severity::kWarning;
  if (name == "error") return Severity::kError;
  return std::nullopt;
}

std::string format_finding(const Finding& f) {
  std::string out = f.file;
  if (f.line > 0) out += ":" + std::to_string(f.line);
  out += ": " + f.rule + " " + std::string(severity_name(f.severity)) + ": " + f.message;
  if (!f.fix.empty()) out += " (fix: " + f.fix + ")";
  return out;
}

std::span<const RuleInfo> rules() { return kRules; }

const RuleInfo* find_rule(std::string_view id) {
  for (const RuleInfo& rule : kRules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

void Reporter::add(std::string_view id, int line, std::string message, std::string fix) {
  const RuleInfo* rule = find_rule(id);
  if (rule == nullptr) throw Error(ErrorCode::kInternal, "lint: unknown rule '" + std::string(id) + "'");
  if (!rule->dialect.empty() && rule->dialect != dialect_) return;
  Finding f;
  f.file = run_.revision->path;
  f.line = line;
  f.rule = std::string(id);
  f.severity = rule->severity;
  f.message = std::move(message);
  f.fix = fix.empty() ? std::string(rule->fix) : std::move(fix);
  f.revision = run_.revision->revision;
  out_.push_back(std::move(f));
}

void check_all(const RevisionRun& run, Reporter& report) {
  check_revision(run, report);
  check_postgres_locks(run, report);
  check_changes(run, report);
}

}  // namespace strata::lint
