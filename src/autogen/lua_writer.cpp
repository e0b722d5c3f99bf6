// Lua literals and spec-ordered op API calls (contract in lua_writer.h).
#include "autogen/lua_writer.h"

#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "strata/error.h"

namespace strata::autogen::lua_text {
namespace {

[[noreturn]] void internal(const std::string& message) {
  throw Error(ErrorCode::kInternal, "render_lua: " + message);
}

bool is_keyword(std::string_view s) {
  static const char* const kKeywords[] = {"and",   "break", "do",       "else", "elseif", "end",
                                          "false", "for",   "function", "goto", "if",     "in",
                                          "local", "nil",   "not",      "or",   "repeat", "return",
                                          "then",  "true",  "until",    "while"};
  for (const char* k : kKeywords) {
    if (s == k) return true;
  }
  return false;
}

}  // namespace

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03u", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string names(const std::vector<std::string>& list) {
  std::string out = "{";
  for (size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + quote(list[i]);
  return out + "}";
}

std::string integer(long long value) {
  if (value == LLONG_MIN) return "math.mininteger";
  return std::to_string(value);
}

std::string number(double value) {
  if (!std::isfinite(value)) internal("a bulk_insert value is not finite");
  char buf[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  std::string s = buf;
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string key(std::string_view name) {
  bool ident = !name.empty() && !is_keyword(name) && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    ident = ident && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_');
  }
  return ident ? std::string(name) : "[" + quote(name) + "]";
}

// ---- Options ------------------------------------------------------------------

Options& Options::set(std::string_view key, std::string lua) {
  const auto& options = spec_->options;
  for (size_t i = 0; i < options.size(); ++i) {
    if (options[i].key != key) continue;
    if (values_.size() < options.size()) values_.resize(options.size());
    if (lua == "nil" || lua == options[i].default_value) {
      values_[i].reset();
    } else {
      values_[i] = std::move(lua);
    }
    return *this;
  }
  internal("the specification of " + std::string(spec_->name) + " has no option '" +
           std::string(key) + "'");
}

bool Options::empty() const {
  for (const auto& v : values_) {
    if (v) return false;
  }
  return true;
}

std::string Options::text() const {
  std::string out;
  for (size_t i = 0; i < values_.size(); ++i) {
    if (!values_[i]) continue;
    out += (out.empty() ? "" : ", ") + std::string(spec_->options[i].key) + " = " + *values_[i];
  }
  return "{" + out + "}";
}

// ---- Call ------------------------------------------------------------------------

Call::Call(const ops::OpSpec& spec, std::string callee)
    : spec_(&spec), callee_(std::move(callee)), args_(spec.args.size()), options_(spec) {}

Call& Call::arg(std::string_view name, std::string lua) {
  for (size_t i = 0; i < spec_->args.size(); ++i) {
    if (spec_->args[i].name == name && !spec_->args[i].variadic) {
      args_[i] = std::move(lua);
      return *this;
    }
  }
  internal("the specification of " + std::string(spec_->name) + " has no argument '" +
           std::string(name) + "'");
}

Call& Call::item(std::string lua) {
  items_.push_back(std::move(lua));
  return *this;
}

std::string Call::text(int indent) const {
  // The arguments up to the last one given; a skipped nilable one is nil.
  std::vector<std::string> parts;
  size_t last = 0;
  for (size_t i = 0; i < args_.size(); ++i) {
    if (args_[i]) last = i + 1;
  }
  bool variadic_at_end = false;
  for (size_t i = 0; i < last; ++i) {
    if (spec_->args[i].variadic) continue;
    if (!args_[i] && !spec_->args[i].nilable) {
      internal(std::string(spec_->name) + ": argument '" + std::string(spec_->args[i].name) +
               "' is missing");
    }
    parts.push_back(args_[i].value_or("nil"));
  }
  for (size_t i = last; i < args_.size(); ++i) {
    if (spec_->args[i].variadic) variadic_at_end = true;
  }
  if (!items_.empty() && !variadic_at_end) {
    internal(std::string(spec_->name) + " takes no variadic items after its arguments");
  }
  const std::string pad(indent, ' ');
  std::string out = pad + callee_ + "(";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  if (items_.empty()) {
    if (!options_.empty()) out += (parts.empty() ? "" : ", ") + options_.text();
    return out + ")";
  }
  const std::string item_pad(indent + 2, ' ');
  std::vector<std::string> lines = items_;
  if (!options_.empty()) lines.push_back(options_.text());
  for (size_t i = 0; i < lines.size(); ++i) {
    out += ",\n" + item_pad + lines[i];
  }
  return out + ")";
}

}  // namespace strata::autogen::lua_text
