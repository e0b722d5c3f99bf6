// Text helpers of the configuration: environment interpolation, Alembic's
// file_template rendering and Alembic's revision-file slug.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "config/config.h"
#include "strata/error.h"

namespace strata::config {
namespace {

bool is_name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

// ---- Python %-formatting of one mapping key ------------------------------

struct Spec {
  bool left = false, zero = false, plus = false, space = false;
  int width = -1;
  int precision = -1;
  char conversion = 's';
};

std::string pad(std::string body, const Spec& spec, bool numeric) {
  if (spec.width < 0 || static_cast<int>(body.size()) >= spec.width) return body;
  size_t fill = spec.width - body.size();
  if (spec.left) return body + std::string(fill, ' ');
  if (numeric && spec.zero) {
    size_t sign = (!body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ')) ? 1 : 0;
    return body.substr(0, sign) + std::string(fill, '0') + body.substr(sign);
  }
  return std::string(fill, ' ') + body;
}

std::string format_int(long long value, const Spec& spec) {
  std::string digits = std::to_string(value < 0 ? -static_cast<unsigned long long>(value)
                                                 : static_cast<unsigned long long>(value));
  if (spec.precision > static_cast<int>(digits.size())) {
    digits = std::string(spec.precision - digits.size(), '0') + digits;
  }
  std::string sign = value < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  return pad(sign + digits, spec, true);
}

std::string format_str(std::string value, const Spec& spec) {
  if (spec.precision >= 0 && static_cast<size_t>(spec.precision) < value.size()) {
    value.resize(spec.precision);
  }
  return pad(std::move(value), spec, false);
}

// ---- UTF-8 helpers for the slug ------------------------------------------

// Decode one code point at s[i]; advances i. Invalid bytes decode as
// themselves (treated as word characters, like Latin-1 letters would be).
char32_t decode_utf8(std::string_view s, size_t* i) {
  unsigned char c = s[*i];
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return c;
  }
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = s[*i + k];
    if ((cc >> 6) != 0x2) {
      ++*i;
      return c;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *i += len;
  return cp;
}

void encode_utf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Python's `\w` for str patterns, approximated: ASCII letters, digits and
// '_'; non-ASCII code points count as word characters except the common
// punctuation / symbol blocks.
bool is_word(char32_t cp) {
  if (cp < 0x80) return is_name_char(static_cast<char>(cp));
  if (cp < 0xC0) {
    // Latin-1 punctuation; these few are alphanumeric in Python.
    return cp == 0xAA || cp == 0xB2 || cp == 0xB3 || cp == 0xB5 || cp == 0xB9 ||
           cp == 0xBA || cp == 0xBC || cp == 0xBD || cp == 0xBE;
  }
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;   // punctuation, arrows, math, symbols
  if (cp >= 0x3000 && cp <= 0x303F) return false;   // CJK punctuation
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;   // CJK compatibility forms
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;   // fullwidth punctuation
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false; // emoji and pictographs
  return true;
}

// Lowercase one code point: ASCII, Latin-1, Latin Extended-A, Greek and
// Cyrillic (the blocks where Python's str.lower() is a 1:1 mapping).
char32_t to_lower(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x138 && cp != 0x149) {
    if (cp == 0x178) return 0xFF;
    bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    bool upper = odd_upper ? (cp % 2 == 1) : (cp % 2 == 0 && cp != 0x17F);
    return upper ? cp + 1 : cp;
  }
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

}  // namespace

std::string interpolate_env(const std::string& text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '$' && text.compare(i, 3, "$${") == 0) {  // escape: $${ → ${
      out += "${";
      i += 3;
      continue;
    }
    if (c != '$' || i + 1 >= text.size() || text[i + 1] != '{') {
      out.push_back(c);
      ++i;
      continue;
    }
    size_t close = text.find('}', i + 2);
    if (close == std::string::npos) {
      // Never quote the text: it may be a URL holding a password.
      throw Error(ErrorCode::kConfig,
                  "unterminated '${' at offset " + std::to_string(i) + " (write $${ for a literal ${)");
    }
    std::string_view body(text.data() + i + 2, close - i - 2);
    size_t n = 0;
    while (n < body.size() && is_name_char(body[n])) ++n;
    std::string name(body.substr(0, n));
    if (name.empty() || !is_name_start(name[0])) {
      throw Error(ErrorCode::kConfig,
                  "invalid environment variable reference at offset " + std::to_string(i) +
                      " (expected ${NAME} or ${NAME:-default})");
    }
    std::string_view op = body.substr(n);
    const char* value = std::getenv(name.c_str());
    if (op.empty()) {
      if (value == nullptr) {
        throw Error(ErrorCode::kConfig, "environment variable '" + name + "' is not set");
      }
      out += value;
    } else if (op.substr(0, 2) == ":-") {
      out += (value != nullptr && *value != '\0') ? std::string(value) : std::string(op.substr(2));
    } else if (op[0] == '-') {
      out += value != nullptr ? std::string(value) : std::string(op.substr(1));
    } else {
      throw Error(ErrorCode::kConfig, "invalid environment variable reference '${" + name +
                                          "...}' (expected ${NAME} or ${NAME:-default})");
    }
    i = close + 1;
  }
  return out;
}

std::string render_file_template(const std::string& tmpl, const TemplateValues& v) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    char c = tmpl[i];
    if (c != '%') {
      out.push_back(c);
      ++i;
      continue;
    }
    size_t start = i;
    if (i + 1 < tmpl.size() && tmpl[i + 1] == '%') {
      out.push_back('%');
      i += 2;
      continue;
    }
    if (i + 1 >= tmpl.size() || tmpl[i + 1] != '(') {
      throw Error(ErrorCode::kConfig, "file_template '" + tmpl + "': '%' at offset " +
                                          std::to_string(i) +
                                          " must start a token like %(rev)s (write %% for a '%')");
    }
    size_t close = tmpl.find(')', i + 2);
    if (close == std::string::npos) {
      throw Error(ErrorCode::kConfig, "file_template '" + tmpl + "': unterminated '%('");
    }
    std::string name = tmpl.substr(i + 2, close - i - 2);
    i = close + 1;
    Spec spec;
    for (; i < tmpl.size(); ++i) {
      char f = tmpl[i];
      if (f == '-') spec.left = true;
      else if (f == '0') spec.zero = true;
      else if (f == '+') spec.plus = true;
      else if (f == ' ') spec.space = true;
      else if (f == '#') continue;
      else break;
    }
    auto read_number = [&](int* target) {
      if (i < tmpl.size() && tmpl[i] >= '0' && tmpl[i] <= '9') {
        *target = 0;
        while (i < tmpl.size() && tmpl[i] >= '0' && tmpl[i] <= '9') {
          *target = std::min(*target * 10 + (tmpl[i] - '0'), 1000);
          ++i;
        }
      }
    };
    read_number(&spec.width);
    if (i < tmpl.size() && tmpl[i] == '.') {
      ++i;
      spec.precision = 0;
      read_number(&spec.precision);
    }
    if (i >= tmpl.size()) {
      throw Error(ErrorCode::kConfig,
                  "file_template '" + tmpl + "': token '" + tmpl.substr(start) + "' has no conversion (s or d)");
    }
    spec.conversion = tmpl[i++];
    std::string token = tmpl.substr(start, i - start);

    bool is_text = name == "rev" || name == "slug";
    long long number = 0;
    if (name == "epoch") number = v.epoch;
    else if (name == "year") number = v.year;
    else if (name == "month") number = v.month;
    else if (name == "day") number = v.day;
    else if (name == "hour") number = v.hour;
    else if (name == "minute") number = v.minute;
    else if (name == "second") number = v.second;
    else if (!is_text) {
      throw Error(ErrorCode::kConfig,
                  "file_template '" + tmpl + "': unknown token '" + token +
                      "' (known: rev, slug, epoch, year, month, day, hour, minute, second)");
    }
    switch (spec.conversion) {
      case 's':
      case 'r':
        out += format_str(is_text ? (name == "rev" ? v.rev : v.slug) : std::to_string(number), spec);
        break;
      case 'd':
      case 'i':
      case 'u':
        if (is_text) {
          throw Error(ErrorCode::kConfig, "file_template '" + tmpl + "': token '" + token +
                                              "' needs a number but '" + name + "' is text");
        }
        out += format_int(number, spec);
        break;
      default:
        throw Error(ErrorCode::kConfig, "file_template '" + tmpl + "': unsupported conversion in token '" +
                                            token + "' (use s or d)");
    }
  }
  return out;
}

std::string make_slug(const std::string& message, int truncate_slug_length) {
  // "_".join(re.findall(r"\w+", message)).lower(), on code points.
  std::u32string slug;
  bool in_word = false;
  size_t i = 0;
  while (i < message.size()) {
    char32_t cp = decode_utf8(message, &i);
    if (is_word(cp)) {
      if (!in_word && !slug.empty()) slug.push_back(U'_');
      slug.push_back(to_lower(cp));
      in_word = true;
    } else {
      in_word = false;
    }
  }
  if (truncate_slug_length <= 0) truncate_slug_length = 40;  // Alembic: `or 40`
  if (slug.size() > static_cast<size_t>(truncate_slug_length)) {
    // slug[:n].rsplit("_", 1)[0] + "_"
    slug.resize(truncate_slug_length);
    size_t cut = slug.rfind(U'_');
    if (cut != std::u32string::npos) slug.resize(cut);
    slug.push_back(U'_');
  }
  std::string out;
  for (char32_t cp : slug) encode_utf8(cp, &out);
  return out;
}

}  // namespace strata::config
