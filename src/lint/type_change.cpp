#include "lint/type_change.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fmt/format.h>

namespace strata::lint {
namespace {

using Kind = model::Type::Kind;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "varchar(10)" / "numeric(9,2)" / "int8" as a neutral type where possible.
model::Type normalize(const model::Type& type) {
  if (type.kind != Kind::kRaw) return type;
  std::string raw = lower(type.raw);
  raw.erase(std::remove(raw.begin(), raw.end(), ' '), raw.end());
  std::string name = raw.substr(0, raw.find('('));
  std::vector<int> args;
  if (size_t open = raw.find('('); open != std::string::npos) {
    const char* p = raw.c_str() + open + 1;
    while (*p != '\0' && *p != ')') {
      char* end = nullptr;
      long v = std::strtol(p, &end, 10);
      if (end == p) break;
      args.push_back(static_cast<int>(v));
      p = end;
      if (*p == ',') ++p;
    }
  }
  model::Type out;
  if (name == "varchar" || name == "charactervarying") {
    out.kind = Kind::kString;
    if (!args.empty()) out.length = args[0];
  } else if (name == "text") {
    out.kind = Kind::kText;
  } else if (name == "numeric" || name == "decimal") {
    out.kind = Kind::kNumeric;
    if (!args.empty()) out.precision = args[0];
    if (args.size() > 1) out.scale = args[1];
  } else if (name == "integer" || name == "int" || name == "int4") {
    out.kind = Kind::kInteger;
  } else if (name == "bigint" || name == "int8") {
    out.kind = Kind::kBigInteger;
  } else if (name == "smallint" || name == "int2") {
    out.kind = Kind::kSmallInteger;
  } else {
    return type;
  }
  return out;
}

int integer_rank(Kind kind) {
  switch (kind) {
    case Kind::kSmallInteger: return 1;
    case Kind::kInteger: return 2;
    case Kind::kBigInteger: return 3;
    default: return 0;
  }
}

}  // namespace

std::string type_text(const model::Type& type) {
  switch (type.kind) {
    case Kind::kInteger: return "integer";
    case Kind::kBigInteger: return "bigint";
    case Kind::kSmallInteger: return "smallint";
    case Kind::kString: return type.length ? fmt::format("varchar({})", *type.length) : "varchar";
    case Kind::kText: return "text";
    case Kind::kBoolean: return "boolean";
    case Kind::kNumeric:
      if (!type.precision) return "numeric";
      return type.scale ? fmt::format("numeric({}, {})", *type.precision, *type.scale)
                        : fmt::format("numeric({})", *type.precision);
    case Kind::kFloat: return "float";
    case Kind::kDate: return "date";
    case Kind::kDateTime: return type.timezone ? "timestamptz" : "timestamp";
    case Kind::kTime: return "time";
    case Kind::kLargeBinary: return "bytea";
    case Kind::kJson: return "json";
    case Kind::kUuid: return "uuid";
    case Kind::kRaw: return type.raw;
  }
  return type.raw;
}

TypeChange classify_type_change(const std::optional<model::Type>& from_type,
                                const model::Type& to_type) {
  TypeChange c;
  if (!from_type) {
    c.known = false;
    c.why = "? -> " + type_text(to_type) + " (no existing_type)";
    return c;
  }
  const model::Type from = normalize(*from_type), to = normalize(to_type);
  c.why = type_text(*from_type) + " -> " + type_text(to_type);
  auto same = [&] { c.rewrites = false; };
  if (from == to) {
    same();
  } else if (from.kind == Kind::kString && to.kind == Kind::kString) {
    if (!to.length || (from.length && *to.length >= *from.length)) {
      same();
    } else {
      c.narrows = true;
    }
  } else if (from.kind == Kind::kString && to.kind == Kind::kText) {
    same();
  } else if (from.kind == Kind::kText && to.kind == Kind::kString) {
    if (!to.length) same(); else c.narrows = true;
  } else if (from.kind == Kind::kNumeric && to.kind == Kind::kNumeric) {
    if (!to.precision) {
      same();
    } else if (!from.precision) {
      c.narrows = true;
    } else {
      int from_scale = from.scale.value_or(0), to_scale = to.scale.value_or(0);
      int from_int = *from.precision - from_scale, to_int = *to.precision - to_scale;
      if (to_scale < from_scale || to_int < from_int) {
        c.narrows = true;
      } else if (to_scale == from_scale) {
        same();  // precision increase, same scale: no rewrite
      }
    }
  } else if (integer_rank(from.kind) > 0 && integer_rank(to.kind) > 0) {
    c.narrows = integer_rank(to.kind) < integer_rank(from.kind);
  } else if ((from.kind == Kind::kNumeric || from.kind == Kind::kFloat) &&
             integer_rank(to.kind) > 0) {
    c.narrows = true;
  } else if (from.kind == Kind::kDateTime && to.kind == Kind::kDate) {
    c.narrows = true;
  }
  return c;
}

std::string volatile_function(const model::ServerDefault& server_default) {
  if (!server_default.is_expression) return "";
  const std::string text = lower(server_default.value);
  for (const char* fn : {"random(", "gen_random_uuid(", "uuid_generate_v", "clock_timestamp(",
                         "timeofday(", "nextval("}) {
    std::string f(fn);
    if (text.find(f) != std::string::npos) {
      if (f.back() == '(') f.pop_back();
      return f + "()";
    }
  }
  return "";
}

bool is_serial(const model::Type& type) {
  if (type.kind != Kind::kRaw) return false;
  const std::string raw = lower(type.raw);
  return raw == "serial" || raw == "bigserial" || raw == "smallserial" || raw == "serial4" ||
         raw == "serial8" || raw == "serial2";
}

}  // namespace strata::lint
