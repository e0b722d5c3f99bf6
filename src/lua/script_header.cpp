#include "lua/script_header.h"

#include <array>
#include <cctype>
#include <lua.hpp>

#include "lua/op_api.h"
#include "runtime/op_sink.h"
#include "strata/error.h"

namespace strata::lua {
namespace {

// ---- shared: values and validation ---------------------------------------------

struct HeaderValue {
  enum class Kind { kNil, kString, kList, kNumber, kInvalid };
  Kind kind = Kind::kNil;
  std::vector<std::string> items;  // kString, kNumber (an integer's digits): one item
};

constexpr std::array<const char*, 6> kNames = {"revision",   "down_revision", "branch_labels",
                                               "depends_on", "lock_timeout",  "lock_retries"};
constexpr size_t kLockTimeout = 4;
constexpr size_t kLockRetries = 5;
using HeaderValues = std::array<HeaderValue, 6>;

// "5s", "200ms", "1.5min", "5000" (milliseconds): what PostgreSQL's
// lock_timeout takes, without spaces.
bool is_duration(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t b = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > b;
  };
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.' && (++i, !digits())) return false;
  std::string_view unit = s.substr(i);
  return unit.empty() || unit == "us" || unit == "ms" || unit == "s" || unit == "min" ||
         unit == "h" || unit == "d";
}

// lock_timeout and lock_retries; an error message or "".
std::string build_lock_settings(const HeaderValues& v, const std::string& path,
                                script::Revision& out) {
  using K = HeaderValue::Kind;
  const HeaderValue& timeout = v[kLockTimeout];
  if (timeout.kind != K::kNil) {
    if (timeout.kind != K::kString || !is_duration(timeout.items[0])) {
      return path + ": 'lock_timeout' must be a duration string such as \"5s\" or \"200ms\"";
    }
    out.lock_timeout = timeout.items[0];
  }
  const HeaderValue& retries = v[kLockRetries];
  if (retries.kind != K::kNil) {
    const std::string& n = retries.kind == K::kNumber ? retries.items[0] : "";
    if (n.empty() || n.size() > 4) {
      return path + ": 'lock_retries' must be an integer from 0 to 9999";
    }
    out.lock_retries = std::stoi(n);
  }
  return "";
}

int header_index(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (name == kNames[i]) return static_cast<int>(i);
  }
  return -1;
}

// Validates; returns an error message ("" when valid).
std::string build_revision(const HeaderValues& v, const std::string& path, script::Revision& out) {
  using K = HeaderValue::Kind;
  if (v[0].kind == K::kNil) return path + ": missing 'revision'";
  if (v[0].kind != K::kString) return path + ": 'revision' must be a string";
  if (v[0].items[0].empty()) return path + ": 'revision' must not be empty";
  for (size_t i = 0; i < kNames.size(); ++i) {
    for (const std::string& item : v[i].items) {
      if (item.find('\0') != std::string::npos) {
        return path + ": '" + kNames[i] + "' contains a NUL byte";
      }
      // Ids are echoed in one-line errors and written to the version table.
      if (item.find_first_of("\n\r") != std::string::npos) {
        return path + ": '" + kNames[i] + "' contains a line break";
      }
    }
  }
  out.revision = v[0].items[0];
  std::vector<std::string>* lists[] = {nullptr, &out.down_revisions, &out.branch_labels,
                                       &out.depends_on};
  for (size_t i = 1; i < kLockTimeout; ++i) {
    if (v[i].kind == K::kInvalid || v[i].kind == K::kNumber) {
      return path + ": '" + kNames[i] + "' must be nil, a string or a table of strings";
    }
    for (const std::string& item : v[i].items) {
      if (item.empty()) return path + ": '" + kNames[i] + "' contains an empty string";
    }
    *lists[i] = v[i].items;
  }
  if (std::string error = build_lock_settings(v, path, out); !error.empty()) return error;
  out.path = path;
  return "";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Length of a long-bracket opener "[", "="*, "[" at s[0], or 0.
size_t long_open(std::string_view s, size_t i, size_t* level) {
  if (i >= s.size() || s[i] != '[') return 0;
  size_t j = i + 1;
  while (j < s.size() && s[j] == '=') ++j;
  if (j >= s.size() || s[j] != '[') return 0;
  *level = j - i - 1;
  return j - i + 1;
}

// doc and create date from the leading comment block, read as Alembic reads
// a module docstring: the block's text (each `--` line without the `--` and
// one following space; a long comment's lines as written), stripped at both
// ends, up to the first empty line — the first paragraph, which may span
// several lines (Script.doc: re.split("\n\n", longdoc)[0]). Lines keep
// their trailing spaces. `Create Date:` is looked for on every line.
void read_doc(std::string_view text, script::Revision& out) {
  std::string block;
  bool any = false;
  std::string closer;  // inside a long comment: its closing bracket
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view content;
    bool in_long = !closer.empty();
    if (in_long) {
      content = line;
    } else {
      if (trim(line).empty()) {
        if (!any) continue;  // blank lines before the block
        break;               // a blank line ends the comment block
      }
      // Leading blanks go; trailing ones stay (part of the message).
      std::string_view t = line.substr(line.find_first_not_of(" \t"));
      if (t.substr(0, 2) != "--") break;
      content = t.substr(2);
      size_t level = 0;
      if (size_t n = long_open(content, 0, &level)) {
        closer = "]" + std::string(level, '=') + "]";
        content = content.substr(n);
        in_long = true;
      } else if (!content.empty() && content.front() == ' ') {
        content.remove_prefix(1);
      }
    }
    if (in_long) {
      size_t end = content.find(closer);
      if (end != std::string_view::npos) {
        content = content.substr(0, end);
        closer.clear();
      }
    }
    if (any) block += '\n';
    block += content;
    any = true;
    constexpr std::string_view kDate = "Create Date:";
    std::string_view date_line = trim(content);
    if (out.create_date.empty() && date_line.substr(0, kDate.size()) == kDate) {
      out.create_date = std::string(trim(date_line.substr(kDate.size())));
    }
  }
  std::string_view doc = block;
  while (!doc.empty() && std::isspace(static_cast<unsigned char>(doc.front()))) doc.remove_prefix(1);
  while (!doc.empty() && std::isspace(static_cast<unsigned char>(doc.back()))) doc.remove_suffix(1);
  out.doc = std::string(doc.substr(0, doc.find("\n\n")));
}

// `-- strata:not-translated [upgrade|downgrade]: <construct>` lines
// (script/revision.h UntranslatedMark). memmem first: a script without a
// marker costs one scan for the word.
void read_untranslated(std::string_view text, script::Revision& out) {
  constexpr std::string_view kWord = "strata:not-translated";
  size_t at = text.find(kWord);
  if (at == std::string_view::npos) return;
  int line = 1;
  size_t counted = 0;
  while (at != std::string_view::npos) {
    size_t begin = text.rfind('\n', at);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    size_t end = text.find('\n', at);
    std::string_view whole = text.substr(begin, end == std::string_view::npos ? text.npos : end - begin);
    std::string_view t = trim(whole);
    if (t.substr(0, 2) == "--" && trim(t.substr(2)).substr(0, kWord.size()) == kWord) {
      for (; counted < begin; ++counted) {
        if (text[counted] == '\n') ++line;
      }
      std::string_view rest = trim(t.substr(2)).substr(kWord.size());
      size_t colon = rest.find(':');
      std::string_view direction = trim(rest.substr(0, colon));
      std::string_view construct = colon == std::string_view::npos ? "" : trim(rest.substr(colon + 1));
      out.untranslated.push_back(
          {line, std::string(direction), std::string(construct.empty() ? "?" : construct)});
    }
    at = text.find(kWord, at + kWord.size());
  }
}

// ---- the scanner ---------------------------------------------------------------

struct Token {
  enum class Kind { kEof, kName, kString, kOther, kError };
  Kind kind = Kind::kEof;
  std::string_view text;  // name, string contents (when simple), punctuation
  bool simple = true;     // string without escapes or long brackets
};

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  Token next() {
    if (!skip_space_and_comments()) return {Token::Kind::kError};
    if (i_ >= s_.size()) return {Token::Kind::kEof};
    char c = s_[i_];
    if (is_name_start(c)) {
      size_t b = i_;
      while (i_ < s_.size() && is_name_char(s_[i_])) ++i_;
      return {Token::Kind::kName, s_.substr(b, i_ - b)};
    }
    if (c == '"' || c == '\'') return short_string(c);
    size_t level = 0;
    if (size_t n = long_open(s_, i_, &level)) {
      i_ += n;
      if (!skip_long(level)) return {Token::Kind::kError};
      return {Token::Kind::kString, {}, false};
    }
    if ((c >= '0' && c <= '9') || (c == '.' && i_ + 1 < s_.size() && s_[i_ + 1] >= '0' &&
                                   s_[i_ + 1] <= '9')) {
      size_t b = i_;
      while (i_ < s_.size()) {
        char d = s_[i_];
        if (is_name_char(d) || d == '.') {
          ++i_;
          if ((d == 'e' || d == 'E' || d == 'p' || d == 'P') && i_ < s_.size() &&
              (s_[i_] == '+' || s_[i_] == '-')) {
            ++i_;
          }
        } else {
          break;
        }
      }
      return {Token::Kind::kOther, s_.substr(b, i_ - b)};
    }
    size_t n = (c == '=' && i_ + 1 < s_.size() && s_[i_ + 1] == '=') ? 2 : 1;
    i_ += n;
    return {Token::Kind::kOther, s_.substr(i_ - n, n)};
  }

 private:
  static bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  static bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

  bool skip_space_and_comments() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        ++i_;
      } else if (c == '-' && i_ + 1 < s_.size() && s_[i_ + 1] == '-') {
        i_ += 2;
        size_t level = 0;
        if (size_t n = long_open(s_, i_, &level)) {
          i_ += n;
          if (!skip_long(level)) return false;
        } else {
          while (i_ < s_.size() && s_[i_] != '\n') ++i_;
        }
      } else {
        break;
      }
    }
    return true;
  }

  bool skip_long(size_t level) {
    while (i_ < s_.size()) {
      if (s_[i_] == ']') {
        size_t j = i_ + 1;
        while (j < s_.size() && s_[j] == '=') ++j;
        if (j < s_.size() && s_[j] == ']' && j - i_ - 1 == level) {
          i_ = j + 1;
          return true;
        }
      }
      ++i_;
    }
    return false;
  }

  Token short_string(char quote) {
    size_t b = ++i_;
    bool simple = true;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == quote) {
        ++i_;
        return {Token::Kind::kString, s_.substr(b, i_ - 1 - b), simple};
      }
      if (c == '\n' || c == '\r') break;
      if (c == '\\') {
        simple = false;
        ++i_;
        if (i_ < s_.size() && s_[i_] == 'z') {
          ++i_;
          while (i_ < s_.size() && std::string_view(" \t\n\r\f\v").find(s_[i_]) != s_.npos) ++i_;
          continue;
        }
        if (i_ + 1 < s_.size() && s_[i_] == '\r' && s_[i_ + 1] == '\n') ++i_;
      }
      ++i_;
    }
    return {Token::Kind::kError};
  }

  std::string_view s_;
  size_t i_ = 0;
};

bool is_name(const Token& t, std::string_view name) {
  return t.kind == Token::Kind::kName && t.text == name;
}
bool is_punct(const Token& t, std::string_view p) {
  return t.kind == Token::Kind::kOther && t.text == p;
}
bool is_keyword(std::string_view s) {
  static constexpr std::string_view kKeywords[] = {
      "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
      "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while"};
  for (std::string_view k : kKeywords) {
    if (s == k) return true;
  }
  return false;
}

bool skip_body(Lexer& lex);

// After `function`: NAME '(' params ')' body `end`. False if not understood.
bool skip_function(Lexer& lex) {
  Token name = lex.next();
  if (name.kind != Token::Kind::kName || is_keyword(name.text) || header_index(name.text) >= 0) {
    return false;
  }
  if (!is_punct(lex.next(), "(")) return false;
  // Parameters: [name {',' name} [',' '...'] | '...'] ')'
  for (Token t = lex.next(); !is_punct(t, ")");) {
    if (is_punct(t, ".")) {  // '...' lexes as three '.'
      if (!is_punct(lex.next(), ".") || !is_punct(lex.next(), ".")) return false;
      return is_punct(lex.next(), ")") && skip_body(lex);
    }
    if (t.kind != Token::Kind::kName || is_keyword(t.text)) return false;
    t = lex.next();
    if (is_punct(t, ",")) {
      t = lex.next();
      if (is_punct(t, ")")) return false;
    } else if (!is_punct(t, ")")) {
      return false;
    }
  }
  return skip_body(lex);
}

// A function body up to its matching `end`.
bool skip_body(Lexer& lex) {
  int depth = 1;
  while (depth > 0) {
    Token t = lex.next();
    if (t.kind == Token::Kind::kEof || t.kind == Token::Kind::kError) return false;
    if (t.kind != Token::Kind::kName) continue;
    if (t.text == "function" || t.text == "if" || t.text == "do" || t.text == "repeat") ++depth;
    if (t.text == "end" || t.text == "until") --depth;
  }
  return true;
}

// A literal value: nil, "string", {"a", "b"}. False if not understood.
bool scan_value(Lexer& lex, HeaderValue& out) {
  Token t = lex.next();
  if (is_name(t, "nil")) {
    out = {};
    return true;
  }
  if (t.kind == Token::Kind::kString) {
    if (!t.simple) return false;
    out = {HeaderValue::Kind::kString, {std::string(t.text)}};
    return true;
  }
  if (t.kind == Token::Kind::kOther && !t.text.empty() && t.text[0] >= '0' && t.text[0] <= '9') {
    // A decimal integer (lock_retries); anything else goes to the Lua path.
    for (char c : t.text) {
      if (c < '0' || c > '9') return false;
    }
    out = {HeaderValue::Kind::kNumber, {std::string(t.text)}};
    return true;
  }
  if (!is_punct(t, "{")) return false;
  out = {HeaderValue::Kind::kList, {}};
  for (;;) {
    t = lex.next();
    if (is_punct(t, "}")) return true;
    if (t.kind != Token::Kind::kString || !t.simple) return false;
    out.items.emplace_back(t.text);
    t = lex.next();
    if (is_punct(t, "}")) return true;
    if (!is_punct(t, ",") && !is_punct(t, ";")) return false;
  }
}

bool scan_values(std::string_view text, HeaderValues& values) {
  Lexer lex(text);
  for (;;) {
    Token t = lex.next();
    if (t.kind == Token::Kind::kEof) return true;
    if (is_punct(t, ";")) continue;
    if (t.kind != Token::Kind::kName) return false;
    if (t.text == "function") {
      if (!skip_function(lex)) return false;
    } else if (t.text == "local") {
      Token what = lex.next();
      if (is_name(what, "function")) {
        if (!skip_function(lex)) return false;
      } else {
        // `local NAME = <literal>`: sets no global. A local named like a
        // header variable would hide the global: left to the Lua path.
        HeaderValue ignored;
        if (what.kind != Token::Kind::kName || is_keyword(what.text) ||
            header_index(what.text) >= 0 || !is_punct(lex.next(), "=") ||
            !scan_value(lex, ignored)) {
          return false;
        }
      }
    } else if (int i = header_index(t.text); i >= 0) {
      if (!is_punct(lex.next(), "=") || !scan_value(lex, values[i])) return false;
    } else {
      return false;
    }
  }
}

// ---- the Lua path ----------------------------------------------------------------

// Operations are refused while a header is evaluated.
class HeaderSink : public runtime::OpSink {
 public:
  explicit HeaderSink(std::string path) : path_(std::move(path)) {}
  std::string_view dialect_name() const override { return ""; }
  void emit(const ops::Op& op) override { refuse(); }
  driver::QueryResult query(const std::string& sql) override { refuse(); }
  std::optional<std::string> x_arg(const std::string& key) const override { return std::nullopt; }

 private:
  [[noreturn]] void refuse() const {
    throw Error(ErrorCode::kScript,
                "operations can only run inside upgrade() or downgrade()");
  }
  std::string path_;
};

// The whole Lua string, embedded NUL bytes included (build_revision refuses
// them, as it does for the scanner).
std::string to_string(lua_State* L, int idx) {
  size_t len = 0;
  const char* s = lua_tolstring(L, idx, &len);
  return std::string(s, len);
}

HeaderValue lua_value(lua_State* L, int idx) {
  HeaderValue v;
  switch (lua_type(L, idx)) {
    case LUA_TNIL:
      return v;
    case LUA_TSTRING:
      v.kind = HeaderValue::Kind::kString;
      v.items.emplace_back(to_string(L, idx));
      return v;
    case LUA_TNUMBER:
      if (lua_isinteger(L, idx) && lua_tointeger(L, idx) >= 0) {
        v.kind = HeaderValue::Kind::kNumber;
        v.items.emplace_back(std::to_string(lua_tointeger(L, idx)));
      } else {
        v.kind = HeaderValue::Kind::kInvalid;
      }
      return v;
    case LUA_TTABLE: {
      v.kind = HeaderValue::Kind::kList;
      lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, idx));
      lua_Integer count = 0;
      lua_pushnil(L);
      while (lua_next(L, idx) != 0) {
        ++count;
        lua_pop(L, 1);
      }
      for (lua_Integer i = 1; i <= n; ++i) {
        if (lua_rawgeti(L, idx, i) == LUA_TSTRING) v.items.emplace_back(to_string(L, -1));
        lua_pop(L, 1);
      }
      if (count != n || static_cast<lua_Integer>(v.items.size()) != n) {
        v.kind = HeaderValue::Kind::kInvalid;
      }
      return v;
    }
    default:
      v.kind = HeaderValue::Kind::kInvalid;
      return v;
  }
}

}  // namespace

std::optional<script::Revision> scan_script_header(std::string_view text,
                                                   const std::string& path) {
  text = chunk_text(text);
  HeaderValues values;
  if (!scan_values(text, values)) return std::nullopt;
  script::Revision rev;
  if (!build_revision(values, path, rev).empty()) return std::nullopt;
  read_doc(text, rev);
  read_untranslated(text, rev);
  return rev;
}

script::Revision eval_script_header(std::string_view text, const std::string& path,
                                    const SandboxOptions& options) {
  SandboxOptions opts = options;
  if (opts.instruction_limit == 0) opts.instruction_limit = 10'000'000;
  Sandbox sandbox(std::move(opts));
  HeaderSink sink(path);
  lua_State* L = sandbox.state();
  install_op_api(L, sink);
  sandbox.load_text(text, path);
  sandbox.call(0, 0);
  HeaderValues values;
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  for (size_t i = 0; i < kNames.size(); ++i) {
    lua_pushstring(L, kNames[i]);
    lua_rawget(L, -2);
    values[i] = lua_value(L, lua_gettop(L));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  script::Revision rev;
  if (std::string error = build_revision(values, path, rev); !error.empty()) {
    throw Error(ErrorCode::kScript, error);
  }
  read_doc(chunk_text(text), rev);
  read_untranslated(chunk_text(text), rev);
  return rev;
}

script::Revision parse_script_header(std::string_view text, const std::string& path,
                                     const SandboxOptions& options) {
  if (std::optional<script::Revision> rev = scan_script_header(text, path)) {
    return std::move(*rev);
  }
  return eval_script_header(text, path, options);
}

HeaderReader::HeaderReader(SandboxOptions options) : options_(std::move(options)) {}

script::Revision HeaderReader::read(const std::string& path) {
  std::string error;
  std::string_view text;
  if (!files_.read(path, text, error)) {
    throw Error(ErrorCode::kIo, path + ": cannot read: " + error);
  }
  if (std::optional<script::Revision> rev = scan_script_header(text, path)) {
    return std::move(*rev);
  }
  ++fallbacks_;
  return eval_script_header(read_file(path), path, options_);
}

script::Revision read_script_header(const std::string& path, const SandboxOptions& options) {
  HeaderReader reader(options);
  return reader.read(path);
}

}  // namespace strata::lua
