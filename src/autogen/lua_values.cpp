// Model values as op API expressions (contract in lua_values.h). The type
// names and parameters mirror op_values.cpp's table of op.<Type> values.
#include "autogen/lua_values.h"

#include <cctype>
#include <variant>

#include "autogen/lua_writer.h"
#include "strata/error.h"

namespace strata::autogen::lua_text {
namespace {

using Kind = model::Type::Kind;

[[noreturn]] void cannot(const std::string& what) {
  throw Error(ErrorCode::kScript, "render_lua: " + what + " cannot be written with the op API");
}

struct TypeName {
  Kind kind;
  const char* name;
  bool length, precision, scale, timezone;  // the parameters op.<name> takes
};
constexpr TypeName kTypes[] = {
    {Kind::kInteger, "Integer", false, false, false, false},
    {Kind::kBigInteger, "BigInteger", false, false, false, false},
    {Kind::kSmallInteger, "SmallInteger", false, false, false, false},
    {Kind::kString, "String", true, false, false, false},
    {Kind::kText, "Text", false, false, false, false},
    {Kind::kBoolean, "Boolean", false, false, false, false},
    {Kind::kNumeric, "Numeric", false, true, true, false},
    {Kind::kFloat, "Float", false, true, false, false},
    {Kind::kDate, "Date", false, false, false, false},
    {Kind::kDateTime, "DateTime", false, false, false, true},
    {Kind::kTime, "Time", false, false, false, true},
    {Kind::kLargeBinary, "LargeBinary", false, false, false, false},
    {Kind::kJson, "JSON", false, false, false, false},
    {Kind::kUuid, "UUID", false, false, false, false},
};

// What the op API reads as a type name (or a misspelt one) rather than a
// raw SQL type: a capitalised word of letters with a lower-case letter.
bool reads_as_type_name(const std::string& s) {
  for (const TypeName& t : kTypes) {
    if (s == t.name) return true;
  }
  if (s.empty() || !std::isupper(static_cast<unsigned char>(s[0]))) return false;
  bool lower = false;
  for (char c : s) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
    lower = lower || std::islower(static_cast<unsigned char>(c));
  }
  return lower;
}

bool param_ok(const std::optional<int>& v) { return !v || (*v >= 0 && *v <= 1000000); }

}  // namespace

std::string type(const model::Type& t) {
  if (t.kind == Kind::kRaw) {
    if (t.raw.empty() || reads_as_type_name(t.raw)) {
      cannot("the raw type '" + t.raw + "' (it reads as an op type name)");
    }
    if (t.length || t.precision || t.scale || t.timezone) {
      cannot("a raw type with parameters ('" + t.raw + "')");
    }
    return quote(t.raw);
  }
  const TypeName* info = nullptr;
  for (const TypeName& n : kTypes) {
    if (n.kind == t.kind) info = &n;
  }
  if (!info) cannot("a type of unknown kind");
  std::string name = std::string("op.") + info->name;
  if ((t.length && !info->length) || (t.precision && !info->precision) ||
      (t.scale && !info->scale) || (t.timezone && !info->timezone) || !param_ok(t.length) ||
      !param_ok(t.precision) || !param_ok(t.scale) || t.raw.size()) {
    cannot("the type " + name + " with these parameters");
  }
  if (t.timezone) return name + "{timezone = true}";
  if (t.scale && !t.precision) return name + "{scale = " + std::to_string(*t.scale) + "}";
  if (t.length) return name + "(" + std::to_string(*t.length) + ")";
  if (t.precision) {
    std::string s = name + "(" + std::to_string(*t.precision);
    if (t.scale) s += ", " + std::to_string(*t.scale);
    return s + ")";
  }
  return name;
}

std::string literal(const ops::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "op.null";
  if (const bool* b = std::get_if<bool>(&v)) return boolean(*b);
  if (const long long* i = std::get_if<long long>(&v)) return integer(*i);
  if (const double* d = std::get_if<double>(&v)) return number(*d);
  return quote(std::get<std::string>(v));
}

std::string server_default(const model::ServerDefault& d) {
  return d.is_expression ? "op.text(" + quote(d.value) + ")" : quote(d.value);
}

std::string index_elements(const std::vector<model::IndexElement>& elements) {
  std::string out = "{";
  for (size_t i = 0; i < elements.size(); ++i) {
    const model::IndexElement& e = elements[i];
    out += (i ? ", " : "") + (e.is_expression ? "op.text(" + quote(e.text) + ")" : quote(e.text));
  }
  return out + "}";
}

std::string index_opclasses(const std::vector<model::IndexElement>& elements) {
  std::string out;
  for (const model::IndexElement& e : elements) {
    if (e.opclass.empty()) continue;
    out += (out.empty() ? "{" : ", ") + key(e.text) + " = " + quote(e.opclass);
  }
  return out.empty() ? "nil" : out + "}";
}

std::string identity(const model::Identity& id) {
  Options o(ops::table_spec("column.identity"));
  auto num = [](const std::optional<long long>& v) { return v ? integer(*v) : "nil"; };
  o.set("start", num(id.start)).set("increment", num(id.increment));
  o.set("minvalue", num(id.minvalue)).set("maxvalue", num(id.maxvalue));
  o.set("cache", num(id.cache)).set("cycle", boolean(id.cycle));
  if (o.empty()) return quote(id.always ? "always" : "by_default");
  o.set("always", boolean(id.always));
  return o.text();
}

std::string column(const model::Column& c) {
  Call call(ops::op_spec("column"), "op.column");
  call.arg("name", quote(c.name)).arg("type", type(c.type));
  call.opt("primary_key", boolean(c.primary_key));
  // An identity column is NOT NULL: the op API refuses nullable = true on it.
  bool default_nullable = !c.primary_key && !c.identity;
  call.opt("nullable", c.nullable == default_nullable || c.identity ? "nil" : boolean(c.nullable));
  call.opt("unique", boolean(c.unique));
  call.opt("server_default", c.server_default ? server_default(*c.server_default) : "nil");
  call.opt("autoincrement", c.autoincrement ? boolean(*c.autoincrement) : "nil");
  call.opt("comment", c.comment ? quote(*c.comment) : "nil");
  call.opt("identity", c.identity ? identity(*c.identity) : "nil");
  return call.text(0);
}

namespace {

struct ConstraintWriter {
  bool with_name;

  std::string name(const std::optional<std::string>& n) const {
    return with_name && n ? quote(*n) : "nil";
  }
  std::string operator()(const model::PrimaryKey& pk) const {
    return Call(ops::op_spec("primary_key_constraint"), "op.primary_key_constraint")
        .arg("cols", names(pk.columns))
        .opt("name", name(pk.name))
        .text(0);
  }
  std::string operator()(const model::UniqueConstraint& uq) const {
    return Call(ops::op_spec("unique_constraint"), "op.unique_constraint")
        .arg("cols", names(uq.columns))
        .opt("name", name(uq.name))
        .text(0);
  }
  std::string operator()(const model::CheckConstraint& ck) const {
    return Call(ops::op_spec("check_constraint"), "op.check_constraint")
        .arg("sql", quote(ck.sqltext))
        .opt("name", name(ck.name))
        .text(0);
  }
  std::string operator()(const model::ForeignKey& fk) const {
    Call call(ops::op_spec("foreign_key_constraint"), "op.foreign_key_constraint");
    bool dotted = fk.ref_table.find('.') != std::string::npos;
    if (!fk.ref_schema && dotted) {
      cannot("a foreign key to the table '" + fk.ref_table + "' without a schema");
    }
    // "schema.table" when that reads back unambiguously, else referent_schema.
    bool joined = fk.ref_schema && !dotted && fk.ref_schema->find('.') == std::string::npos;
    call.arg("cols", names(fk.columns))
        .arg("table", quote(joined ? *fk.ref_schema + "." + fk.ref_table : fk.ref_table))
        .arg("ref_cols", names(fk.ref_columns));
    call.opt("name", name(fk.name));
    call.opt("ondelete", fk.ondelete ? quote(*fk.ondelete) : "nil");
    call.opt("onupdate", fk.onupdate ? quote(*fk.onupdate) : "nil");
    call.opt("deferrable", fk.deferrable ? boolean(*fk.deferrable) : "nil");
    call.opt("initially", fk.initially ? quote(*fk.initially) : "nil");
    call.opt("match", fk.match ? quote(*fk.match) : "nil");
    call.opt("referent_schema", fk.ref_schema && !joined ? quote(*fk.ref_schema) : "nil");
    return call.text(0);
  }
};

}  // namespace

std::string constraint(const ops::Constraint& c, bool with_name) {
  return std::visit(ConstraintWriter{with_name}, c);
}

std::string sequence_options(const ops::CreateSequence& s, const char* table_spec_name) {
  Options o(ops::table_spec(table_spec_name));
  auto num = [](const std::optional<long long>& v) { return v ? integer(*v) : "nil"; };
  o.set("start", num(s.start)).set("increment", num(s.increment));
  o.set("minvalue", num(s.minvalue)).set("maxvalue", num(s.maxvalue));
  o.set("cache", num(s.cache)).set("cycle", boolean(s.cycle));
  return o.text();
}

}  // namespace strata::autogen::lua_text
