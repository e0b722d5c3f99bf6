// render_models_lua(): a schema's objects as a model file (see
// render_lua.h). The model API takes the same arguments as the matching ops
// (model.table as op.create_table, model.index as op.create_index, ...), so
// the text is render_lua() of the create ops with each op.* name outside a
// string literal replaced by its model.* name.
#include <string_view>
#include <utility>

#include "autogen/catalog_ops.h"
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

}  // namespace

std::string render_models_lua(const model::Catalog& catalog, const std::string& schema,
                              const std::string& default_schema) {
  std::vector<ops::Op> creates;
  if (schema != default_schema) creates.push_back(ops::CreateSchema{schema, false});
  for (ops::Op& op : catalog_ops(catalog, schema, default_schema, false).creates) {
    creates.push_back(std::move(op));
  }
  std::string header = "-- strata models dump: schema " + schema +
                       "\n-- The live database's objects as model declarations "
                       "(strata.toml `models`).\n\n";
  return header + as_model_calls(render_lua(creates, 0));
}

}  // namespace strata::autogen
