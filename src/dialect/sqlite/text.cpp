// Edits of SQLite's stored SQL text (see sqlite_text.h).
#include "dialect/sqlite/text.h"

#include <algorithm>
#include <vector>

#include "dialect/common/render_common.h"
#include "dialect/common/sql_tokens.h"
#include "strata/error.h"

namespace strata::dialect::sqlite {
namespace {

using namespace common::sqltok;  // NOLINT: the tokenizer is this file's vocabulary

// A name token that may refer to a column: a bare or quoted identifier that
// is neither a function call nor the X of a blob literal X'..'.
bool is_reference(const std::vector<Token>& t, size_t i) {
  if (t[i].kind != Token::Kind::kWord && t[i].kind != Token::Kind::kIdentifier) return false;
  if (i + 1 < t.size() && is_punct(t[i + 1], '(')) return false;
  if (t[i].kind == Token::Kind::kWord && i + 1 < t.size() &&
      t[i + 1].kind == Token::Kind::kString && t[i + 1].begin == t[i].end) {
    return false;
  }
  return true;
}

// Replacements [begin, end) → text, applied in one pass (non-overlapping).
struct Edit {
  size_t begin = 0;
  size_t end = 0;
  std::string text;
};

std::string apply_edits(std::string_view sql, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(),
            [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
  std::string out;
  size_t pos = 0;
  for (const Edit& e : edits) {
    out.append(sql.substr(pos, e.begin - pos));
    out += e.text;
    pos = e.end;
  }
  out.append(sql.substr(pos));
  return out;
}

std::string qualified(const std::optional<std::string>& schema, const std::string& name) {
  return common::ansi_quote(schema.value_or("main")) + "." + common::ansi_quote(name);
}

// The object name after `keyword` (TABLE / TRIGGER), past IF NOT EXISTS:
// the token range [first, last] ([schema .] name).
std::pair<size_t, size_t> object_name(const std::vector<Token>& t, std::string_view keyword,
                                      std::string_view sql) {
  size_t i = 0;
  while (i < t.size() && !is_word(t[i], keyword)) ++i;
  ++i;
  if (i + 2 < t.size() && is_word(t[i], "IF") && is_word(t[i + 1], "NOT")) i += 3;
  if (i >= t.size() || !is_name(t[i])) {
    throw Error(ErrorCode::kDatabase,
                "not a CREATE " + std::string(keyword) + " statement: " + std::string(sql));
  }
  if (i + 2 < t.size() && is_punct(t[i + 1], '.') && is_name(t[i + 2])) return {i, i + 2};
  return {i, i};
}

}  // namespace

bool sqlite_sql_mentions(std::string_view sql, std::string_view identifier) {
  std::vector<Token> t = tokenize(sql);
  for (size_t i = 0; i < t.size(); ++i) {
    if (is_reference(t, i) && iequals(t[i].text, identifier)) return true;
  }
  return false;
}

std::string sqlite_rename_identifiers(std::string_view sql,
                                      const std::map<std::string, std::string>& renames) {
  std::vector<Token> t = tokenize(sql);
  std::vector<Edit> edits;
  for (size_t i = 0; i < t.size(); ++i) {
    if (!is_reference(t, i)) continue;
    for (const auto& [from, to] : renames) {
      if (iequals(t[i].text, from)) {
        edits.push_back(Edit{t[i].begin, t[i].end, common::ansi_quote(to)});
        break;
      }
    }
  }
  return apply_edits(sql, std::move(edits));
}

std::string sqlite_retarget_create_table(std::string_view sql,
                                         const std::optional<std::string>& schema,
                                         const std::string& old_name,
                                         const std::string& new_name) {
  std::vector<Token> t = tokenize(sql);
  auto [first, last] = object_name(t, "TABLE", sql);
  if (last + 1 >= t.size() || !is_punct(t[last + 1], '(')) {
    throw Error(ErrorCode::kDatabase, "CREATE TABLE without a column list: " + std::string(sql));
  }
  std::vector<Edit> edits{Edit{t[first].begin, t[last].end, qualified(schema, new_name)}};
  if (old_name != new_name) {
    for (size_t k = last + 1; k + 1 < t.size(); ++k) {
      if (is_word(t[k], "REFERENCES") && is_name(t[k + 1]) && iequals(t[k + 1].text, old_name)) {
        edits.push_back(Edit{t[k + 1].begin, t[k + 1].end, common::ansi_quote(new_name)});
      }
    }
  }
  return apply_edits(sql, std::move(edits));
}

std::string sqlite_retarget_trigger(std::string_view sql, const std::optional<std::string>& schema,
                                    const std::string& table) {
  std::vector<Token> t = tokenize(sql);
  auto [first, last] = object_name(t, "TRIGGER", sql);
  std::vector<Edit> edits{Edit{t[first].begin, t[last].end, qualified(schema, t[last].text)}};
  size_t on = last + 1;
  while (on < t.size() && !is_word(t[on], "ON")) ++on;
  if (on + 1 >= t.size() || !is_name(t[on + 1])) {
    throw Error(ErrorCode::kDatabase, "CREATE TRIGGER without ON <table>: " + std::string(sql));
  }
  size_t table_last = on + 1;
  if (on + 3 < t.size() && is_punct(t[on + 2], '.') && is_name(t[on + 3])) table_last = on + 3;
  edits.push_back(Edit{t[on + 1].begin, t[table_last].end, common::ansi_quote(table)});
  return apply_edits(sql, std::move(edits));
}

std::optional<std::string> sqlite_rename_constraint_text(
    std::string_view sql, const std::string& old_name, const std::string& new_name,
    std::optional<SqliteConstraintText::Kind> kind) {
  using CKind = SqliteConstraintText::Kind;
  std::vector<Token> t = tokenize(sql);
  for (size_t k = 0; k + 2 < t.size(); ++k) {
    if (!is_word(t[k], "CONSTRAINT") || !is_name(t[k + 1]) || !iequals(t[k + 1].text, old_name)) {
      continue;
    }
    const Token& what = t[k + 2];
    std::optional<CKind> found;
    if (is_word(what, "PRIMARY")) found = CKind::kPrimaryKey;
    if (is_word(what, "UNIQUE")) found = CKind::kUnique;
    if (is_word(what, "CHECK")) found = CKind::kCheck;
    if (is_word(what, "FOREIGN") || is_word(what, "REFERENCES")) found = CKind::kForeignKey;
    if (!found || (kind && *kind != *found)) continue;  // e.g. CONSTRAINT nn NOT NULL
    return apply_edits(sql, {Edit{t[k + 1].begin, t[k + 1].end, common::ansi_quote(new_name)}});
  }
  return std::nullopt;
}

}  // namespace strata::dialect::sqlite
