// render_models_lua(): a schema's objects as a model file (see
// render_lua.h). The model API takes the same arguments as the matching ops
// (model.table as op.create_table, model.index as op.create_index, ...), so
// the text is render_lua() of the create ops with each op.* name outside a
// string literal replaced by its model.* name.
#include <string_view>
#include <utility>

#include "autogen/render_lua.h"

namespace strata::autogen {
namespace {

// op.<name> outside string literals -> model.<declaration or same name>.
std::string as_model_calls(const std::string& text) {
  static const std::pair<std::string_view, std::string_view> kRenamed[] = {
      {"op.create_schema(", "model.schema("},     {"op.create_enum(", "model.enum("},
      {"op.create_sequence(", "model.sequence("}, {"op.create_table(", "model.table("},
      {"op.create_index(", "model.index("},
  };
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"') {  // a string literal, copied through with its escapes
      size_t j = i + 1;
      while (j < text.size() && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
      out.append(text, i, j + 1 - i);
      i = j + 1;
      continue;
    }
    if (c == '-' && text.compare(i, 2, "--") == 0) {  // a comment line
      size_t end = text.find('\n', i);
      end = end == std::string::npos ? text.size() : end;
      out.append(text, i, end - i);
      i = end;
      continue;
    }
    bool at_word_start = i == 0 || !(std::isalnum(static_cast<unsigned char>(text[i - 1])) ||
                                     text[i - 1] == '_' || text[i - 1] == '.');
    if (at_word_start && text.compare(i, 3, "op.") == 0) {
      bool renamed = false;
      for (const auto& [from, to] : kRenamed) {
        if (text.compare(i, from.size(), from) == 0) {
          out += to;
          i += from.size();
          renamed = true;
          break;
        }
      }
      if (!renamed) {
        out += "model.";
        i += 3;
      }
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

template <typename T>
bool in_schema(const T& object, const std::string& schema) {
  return object.schema && *object.schema == schema;
}

}  // namespace

std::string render_models_lua(const model::Catalog& catalog, const std::string& schema,
                              const std::string& default_schema) {
  auto op_schema = [&](const std::optional<std::string>& s) -> std::optional<std::string> {
    if (!s || *s == default_schema) return std::nullopt;
    return s;
  };
  std::vector<ops::Op> creates;
  if (schema != default_schema) creates.push_back(ops::CreateSchema{schema, false});
  for (const model::Enum& e : catalog.enums) {
    if (in_schema(e, schema)) creates.push_back(ops::CreateEnum{op_schema(e.schema), e.name, e.values, false});
  }
  for (const model::Sequence& s : catalog.sequences) {
    if (!in_schema(s, schema)) continue;
    ops::CreateSequence op;
    op.schema = op_schema(s.schema);
    op.name = s.name;
    op.start = s.start;
    op.increment = s.increment;
    op.minvalue = s.minvalue;
    op.maxvalue = s.maxvalue;
    op.cache = s.cache;
    op.cycle = s.cycle;
    creates.push_back(op);
  }
  for (model::Table table : catalog.tables) {
    if (!in_schema(table, schema)) continue;
    table.schema = op_schema(table.schema);
    for (model::ForeignKey& fk : table.foreign_keys) fk.ref_schema = op_schema(fk.ref_schema);
    for (model::Column& column : table.columns) column.reflected_type.clear();
    creates.push_back(ops::CreateTable{table, false});
  }
  for (model::Index index : catalog.indexes) {
    if (!in_schema(index, schema)) continue;
    index.schema = op_schema(index.schema);
    creates.push_back(ops::CreateIndex{index, false, false});
  }
  std::string header = "-- strata models dump: schema " + schema +
                       "\n-- The live database's objects as model declarations "
                       "(strata.toml `models`).\n\n";
  return header + as_model_calls(render_lua(creates, 0));
}

}  // namespace strata::autogen
