// MySQL/MariaDB catalog values and keys (see types.h).
#include "dialect/mysql/types.h"

#include <cctype>
#include <regex>

namespace strata::dialect::mysql {
namespace {

using Kind = model::Type::Kind;

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The content of one complete '...' literal (quotes doubled or
// backslash-escaped), or nullopt.
std::optional<std::string> quoted_literal(std::string_view text) {
  if (text.size() < 2 || text.front() != '\'') return std::nullopt;
  std::string out;
  for (size_t i = 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {
      char e = text[++i];
      switch (e) {
        case '0': out += '\0'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'Z': out += '\x1a'; break;
        default: out += e; break;
      }
      continue;
    }
    if (c == '\'') {
      if (i + 1 < text.size() && text[i + 1] == '\'') {
        out += '\'';
        ++i;
        continue;
      }
      return i + 1 == text.size() ? std::optional<std::string>(out) : std::nullopt;
    }
    out += c;
  }
  return std::nullopt;
}

}  // namespace

model::Type type_from_column_type(std::string_view column_type) {
  static const std::regex varchar(R"(varchar\((\d{1,9})\))");
  static const std::regex decimal(R"(decimal\((\d{1,9}),(\d{1,9})\))");
  const std::string t(column_type);
  std::smatch m;
  model::Type type;
  if (t == "int" || t == "int(11)") {
    type.kind = Kind::kInteger;
  } else if (t == "bigint" || t == "bigint(20)") {
    type.kind = Kind::kBigInteger;
  } else if (t == "smallint" || t == "smallint(6)") {
    type.kind = Kind::kSmallInteger;
  } else if (std::regex_match(t, m, varchar)) {
    type.kind = Kind::kString;
    type.length = std::stoi(m[1]);
  } else if (t == "text") {
    type.kind = Kind::kText;
  } else if (t == "tinyint(1)") {
    type.kind = Kind::kBoolean;
  } else if (std::regex_match(t, m, decimal)) {
    type.kind = Kind::kNumeric;
    type.precision = std::stoi(m[1]);
    type.scale = std::stoi(m[2]);
  } else if (t == "float") {
    type.kind = Kind::kFloat;
  } else if (t == "date") {
    type.kind = Kind::kDate;
  } else if (t == "datetime") {
    type.kind = Kind::kDateTime;
  } else if (t == "time") {
    type.kind = Kind::kTime;
  } else if (t == "blob") {
    type.kind = Kind::kLargeBinary;
  } else if (t == "json") {
    type.kind = Kind::kJson;
  } else {
    type.kind = Kind::kRaw;
    type.raw = t;
  }
  return type;
}

std::string fold_type(std::string_view type) {
  std::string t = common::sqltok::type_text(type);
  static const std::regex integer(
      R"((tinyint|smallint|mediumint|int|integer|bigint)(\((\d+)\))?( unsigned)?( zerofill)?)");
  static const std::regex numeric(R"((numeric|decimal|dec|fixed)(\((\d+)(,(\d+))?\))?)");
  static const std::regex floating(R"(float\((\d+)\))");
  static const std::regex varying(R"((character varying|varchar)(\(\d+\)))");
  static const std::regex character(R"((character|char)(\(\d+\))?)");
  std::smatch m;
  if (t == "bool" || t == "boolean") return "boolean";
  if (std::regex_match(t, m, integer)) {
    std::string base = m[1].str() == "integer" ? "int" : m[1].str();
    if (base == "tinyint" && m[3].str() == "1" && !m[4].matched && !m[5].matched) return "boolean";
    return base + m[4].str() + m[5].str();
  }
  if (std::regex_match(t, m, numeric)) {
    std::string p = m[3].matched ? m[3].str() : "10";
    std::string s = m[5].matched ? m[5].str() : "0";
    return "decimal(" + p + "," + s + ")";
  }
  if (std::regex_match(t, m, floating)) return std::stoi(m[1]) <= 24 ? "float" : "double";
  if (t == "real" || t == "double precision") return "double";
  if (std::regex_match(t, m, varying)) return "varchar" + m[2].str();
  if (std::regex_match(t, m, character)) return "char" + (m[2].matched ? m[2].str() : "(1)");
  return t;
}

std::optional<model::ServerDefault> default_from_catalog(
    const std::optional<std::string>& column_default, std::string_view extra, bool mariadb) {
  if (!column_default) return std::nullopt;
  const std::string& v = *column_default;
  if (mariadb) {
    if (upper_ascii(v) == "NULL") return std::nullopt;
    if (auto lit = quoted_literal(v)) return model::ServerDefault{*lit, false};
    return model::ServerDefault{v, true};
  }
  const std::string x = upper_ascii(extra);
  if (upper_ascii(v).rfind("CURRENT_TIMESTAMP", 0) == 0) return model::ServerDefault{v, true};
  if (x.find("DEFAULT_GENERATED") != std::string::npos) {
    return model::ServerDefault{"(" + v + ")", true};
  }
  return model::ServerDefault{v, false};
}

std::optional<std::string> on_update_from_extra(std::string_view extra) {
  const std::string key = "ON UPDATE ";
  const size_t at = upper_ascii(extra).find(key);
  if (at == std::string::npos) return std::nullopt;
  const size_t begin = at + key.size();
  size_t end = begin;
  while (end < extra.size() && !std::isspace(static_cast<unsigned char>(extra[end]))) ++end;
  if (end == begin) return std::nullopt;
  return std::string(extra.substr(begin, end - begin));
}

long long key_part_limit(std::string_view engine, std::string_view row_format,
                         long long innodb_page_size) {
  const std::string e = upper_ascii(engine), f = upper_ascii(row_format);
  if (e == "INNODB" && (f == "DYNAMIC" || f == "COMPRESSED")) {
    return innodb_page_size <= 4096 ? 768 : innodb_page_size <= 8192 ? 1536 : 3072;
  }
  if (e == "MYISAM") return 1000;
  if (e == "ARIA") return 2300;
  return 0;
}

const common::sqltok::KeyOptions& key_options() {
  static const common::sqltok::KeyOptions options{
      .aliases = {{"lcase", "lower"},
                  {"ucase", "upper"},
                  {"length", "octet_length"},
                  {"character_length", "char_length"},
                  {"substring", "substr"},
                  {"now", "current_timestamp"},
                  {"localtime", "current_timestamp"},
                  {"localtimestamp", "current_timestamp"},
                  {"curdate", "current_date"},
                  {"curtime", "current_time"}},
      .niladic = {"current_timestamp", "current_date", "current_time"},
      .mysql_strings = true,
      .operators = {{"%", "mod"}, {"||", "or"}, {"&&", "and"}, {"!", "not"}},
      .literals = {{"true", "1"}, {"false", "0"}},
      .drop_introducers = true,
      .canonical_numbers = true,
      .fold_negations = true};
  return options;
}

}  // namespace strata::dialect::mysql
