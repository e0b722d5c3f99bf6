// The op specification (ops/op_spec.h) against the parser and the docs:
//  - every function install_op_api puts in `op`, and every batch method, has
//    a specification entry, and every entry names an installed function;
//  - every op name and option key (with its aliases, and the keys of nested
//    option tables) appears in that function's entry of the reference
//    comment in src/lua/op_api.h and in its row of README.md's "The op API"
//    table;
//  - a batch method's options are its op.* function's options (minus the
//    table and schema the batch supplies);
//  - the parser reads its options through the specification: the options
//    reader (lua/op_support.h Options) refuses reading a key the entry lacks
//    with Error(kInternal), no probe of any key and no call of the golden
//    op cases (and of their reverses, which carry the dropped/existing
//    facts) meets that error, and a required option is refused when missing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <lua.hpp>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "autogen/render_lua.h"
#include "lua/op_api.h"
#include "lua/op_support.h"
#include "lua/sandbox.h"
#include "ops/op_spec.h"
#include "ops/reverse.h"
#include "unit/dialect_op_cases.h"
#include "unit/lua_ops_fixture.h"

namespace strata {
namespace {

using ops::SpecKind;

std::string read_source(const std::string& relative) {
  std::ifstream in(std::filesystem::path(STRATA_SOURCE_DIR) / relative, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream s(text);
  for (std::string line; std::getline(s, line);) lines.push_back(line);
  return lines;
}

bool has_word(const std::string& text, std::string_view word) {
  return std::regex_search(text, std::regex("\\b" + std::string(word) + "\\b"));
}

bool is_function_entry(const ops::OpSpec& s) {
  return s.kind == SpecKind::kOp || s.kind == SpecKind::kValue || s.kind == SpecKind::kBlock ||
         s.kind == SpecKind::kHelper;
}

// The keys an entry's documentation must name: its options (and aliases) and
// those of its nested option tables ("<name>.<key>" entries).
std::vector<std::string_view> documented_keys(const ops::OpSpec& spec) {
  std::vector<std::string_view> keys;
  auto add = [&](const ops::OpSpec& s) {
    for (const ops::OptionSpec& o : s.options) {
      keys.push_back(o.key);
      for (std::string_view a : o.aliases) keys.push_back(a);
    }
  };
  add(spec);
  for (const ops::OpSpec& s : ops::op_specs()) {
    if (s.kind == SpecKind::kTable && s.name.substr(0, s.name.find('.')) == spec.name) add(s);
  }
  return keys;
}

// The names of the functions in the table on top of the stack.
std::set<std::string> function_keys(lua_State* L) {
  std::set<std::string> names;
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION) {
      names.insert(lua_tostring(L, -2));
    }
    lua_pop(L, 1);
  }
  return names;
}

class OpSpecReference : public ::testing::Test {
 protected:
  void SetUp() override {
    lua::install_op_api(sandbox_.state(), sink_);
    lua_State* L = sandbox_.state();
    // `op` is a read-only userdata; its functions sit in its metatable's
    // __index table (visible to the C API).
    lua_getglobal(L, "op");
    EXPECT_EQ(lua_type(L, -1), LUA_TUSERDATA);
    EXPECT_TRUE(lua_getmetatable(L, -1));
    lua_getfield(L, -1, "__index");
    EXPECT_EQ(lua_type(L, -1), LUA_TTABLE);
    op_functions_ = function_keys(L);
    lua_pop(L, 3);
    // A batch object's methods sit in its metatable's __index (hidden from
    // scripts by __metatable, visible to the C API).
    sandbox_.load_text("op.batch_alter_table('t', function(b) captured = b end)", "batch.lua");
    sandbox_.call(0, 0);
    lua_getglobal(L, "captured");
    EXPECT_TRUE(lua_getmetatable(L, -1));
    lua_getfield(L, -1, "__index");
    batch_methods_ = function_keys(L);
    lua_pop(L, 3);
  }

  lua_ops_test::RecordingSink sink_;
  lua::Sandbox sandbox_;
  std::set<std::string> op_functions_;
  std::set<std::string> batch_methods_;
};

TEST_F(OpSpecReference, EveryInstalledFunctionHasAnEntryAndBack) {
  ASSERT_GT(op_functions_.size(), 30u);
  ASSERT_GE(batch_methods_.size(), 10u);
  for (const std::string& name : op_functions_) {
    const ops::OpSpec* spec = nullptr;
    for (SpecKind k : {SpecKind::kOp, SpecKind::kValue, SpecKind::kBlock, SpecKind::kHelper}) {
      if (!spec) spec = ops::find_op_spec(k, name);
    }
    EXPECT_NE(spec, nullptr) << "op." << name << " has no specification entry";
  }
  for (const std::string& name : batch_methods_) {
    EXPECT_NE(ops::find_op_spec(SpecKind::kBatchMethod, name), nullptr)
        << "batch:" << name << " has no specification entry";
  }
  for (const ops::OpSpec& s : ops::op_specs()) {
    if (is_function_entry(s)) {
      EXPECT_TRUE(op_functions_.count(std::string(s.name)))
          << "the specification's op." << s.name << " is not installed";
    } else if (s.kind == SpecKind::kBatchMethod) {
      EXPECT_TRUE(batch_methods_.count(std::string(s.name)))
          << "the specification's batch:" << s.name << " is not a batch method";
    }
  }
}

// The entry of op.<name> in op_api.h's reference comment: the line where it
// is the first word, and the lines after it indented deeper.
std::string reference_entry(const std::vector<std::string>& lines, std::string_view name) {
  const std::regex start("^//( +)op\\." + std::string(name) + "\\b");
  for (size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (!std::regex_search(lines[i], m, start)) continue;
    size_t depth = m[1].length();
    std::string entry = lines[i];
    for (size_t j = i + 1; j < lines.size(); ++j) {
      const std::string& l = lines[j];
      size_t spaces = l.rfind("//", 0) == 0 ? l.find_first_not_of(' ', 2) : 0;
      if (spaces == std::string::npos || spaces - 2 <= depth) break;
      entry += "\n" + l;
    }
    return entry;
  }
  return "";
}

TEST_F(OpSpecReference, OpApiHeaderDocumentsEveryNameAndKey) {
  std::vector<std::string> lines = lines_of(read_source("src/lua/op_api.h"));
  ASSERT_GT(lines.size(), 100u);
  for (const ops::OpSpec& s : ops::op_specs()) {
    if (!is_function_entry(s)) continue;
    std::string entry = reference_entry(lines, s.name);
    EXPECT_FALSE(entry.empty()) << "op_api.h has no entry for op." << s.name;
    for (std::string_view key : documented_keys(s)) {
      EXPECT_TRUE(has_word(entry, key))
          << "op_api.h's entry for op." << s.name << " lacks option '" << key << "':\n"
          << entry;
    }
  }
  std::string batch_entry = reference_entry(lines, "batch_alter_table");
  for (const ops::OpSpec& s : ops::op_specs()) {
    if (s.kind != SpecKind::kBatchMethod) continue;
    EXPECT_TRUE(has_word(batch_entry, s.name)) << "op_api.h lacks batch method " << s.name;
  }
}

TEST_F(OpSpecReference, ReadmeTableDocumentsEveryNameAndKey) {
  std::string readme = read_source("README.md");
  size_t begin = readme.find("### The `op` API");
  ASSERT_NE(begin, std::string::npos);
  size_t end = readme.find("\n## ", begin);
  std::vector<std::string> rows;
  for (const std::string& line : lines_of(readme.substr(begin, end - begin))) {
    if (line.rfind("|", 0) == 0) rows.push_back(line);
  }
  ASSERT_GT(rows.size(), 20u);
  auto row_of = [&](std::string_view name) -> std::string {
    const std::regex call("`op\\." + std::string(name) + "\\b");
    for (const std::string& row : rows) {
      if (std::regex_search(row, call)) return row;
    }
    return "";
  };
  for (const ops::OpSpec& s : ops::op_specs()) {
    if (!is_function_entry(s)) continue;
    std::string row = row_of(s.name);
    EXPECT_FALSE(row.empty()) << "README's op API table has no row for op." << s.name;
    for (std::string_view key : documented_keys(s)) {
      EXPECT_TRUE(has_word(row, key))
          << "README's row for op." << s.name << " lacks option '" << key << "':\n"
          << row;
    }
  }
  std::string batch_row = row_of("batch_alter_table");
  for (const ops::OpSpec& s : ops::op_specs()) {
    if (s.kind != SpecKind::kBatchMethod) continue;
    EXPECT_TRUE(has_word(batch_row, s.name)) << "README's batch row lacks " << s.name;
  }
}

// ---- the parser accepts every key of the specification -----------------------------

// A valid value for a positional argument of this name (enough for the
// parser to get as far as reading the options table).
std::string sample_arg(std::string_view name) {
  static const std::map<std::string_view, std::string> samples = {
      {"name", "\"n\""},
      {"values", "{\"a\"}"},
      {"table", "\"t\""},
      {"rows", "{{a = 1}}"},
      {"sql", "\"a > 0\""},
      {"stmt", "\"SELECT 1\""},
      {"items", "op.column(\"c\", op.Integer)"},
      {"old", "\"a\""},
      {"new", "\"b\""},
      {"column", "op.column(\"c\", op.Integer)"},
      {"column_name", "\"c\""},
      {"cols", "{\"a\"}"},
      {"source_table", "\"t\""},
      {"referent_table", "\"u\""},
      {"local_cols", "{\"a\"}"},
      {"remote_cols", "{\"a\"}"},
      {"local", "{\"a\"}"},
      {"remote", "{\"a\"}"},
      {"ref_cols", "{\"a\"}"},
      {"type", "op.Integer"},
      {"comment", "\"c\""},
      {"fn", "function(batch) end"}};
  auto it = samples.find(name);
  return it == samples.end() ? "nil" : it->second;
}

// `spec`'s call with `options` (Lua text) as its options table.
std::string sample_call(const ops::OpSpec& spec, const std::string& options) {
  size_t last = spec.args.size();
  while (last > 0 && spec.args[last - 1].nilable) --last;  // a trailing nil-able one: left out
  std::string args;
  for (size_t i = 0; i < last; ++i) {
    if (spec.args[i].name == "fn") continue;  // the block's callback goes after the options
    args += (args.empty() ? "" : ", ") + sample_arg(spec.args[i].name);
  }
  args += (args.empty() ? "" : ", ") + options;
  if (spec.kind == SpecKind::kBlock) args += ", function(batch) end";
  if (spec.kind == SpecKind::kBatchMethod) {
    return "op.batch_alter_table(\"t\", function(batch) batch:" + std::string(spec.name) + "(" +
           args + ") end)";
  }
  return "op." + std::string(spec.name) + "(" + args + ")";
}

TEST_F(OpSpecReference, ParserAcceptsEveryKey) {
  // The message of running `code`, "" when it runs; an internal error (the
  // parser reading a key its specification lacks) fails the test.
  auto message_of = [&](const std::string& code) -> std::string {
    try {
      sandbox_.load_text(code, "probe.lua");
      sandbox_.call(0, 0);
    } catch (const Error& e) {
      EXPECT_NE(e.code(), ErrorCode::kInternal) << code << " -> " << e.message();
      return e.message();
    }
    return "";
  };
  auto refused = [](const std::string& message, std::string_view key) {
    return message.find("unknown option '" + std::string(key) + "'") != std::string::npos ||
           message.find("unknown dialect '" + std::string(key) + "'") != std::string::npos;
  };
  for (const ops::OpSpec& s : ops::op_specs()) {
    if (s.options.empty()) continue;
    // How a key of this entry is passed: op options, or nested in the owner's.
    std::function<std::string(const std::string&)> wrap;
    const ops::OpSpec* call_spec = &s;
    if (s.kind == SpecKind::kTable) {
      std::string owner(s.name.substr(0, s.name.find('.')));
      std::string nested(s.name.substr(s.name.find('.') + 1));
      call_spec = &ops::op_spec(owner);
      if (s.name == "execute.stmt") {
        wrap = [](const std::string& kv) { return "op.execute({" + kv + "})"; };
      } else {
        std::string open = nested == "foreign_key" ? "{\"t.c\", "
                           : nested == "columns"   ? "{{"
                                                   : "{";
        std::string close = nested == "columns" ? "}}" : "}";
        // Options the owner needs before it reads the nested table.
        std::string needed = owner == "alter_sequence" ? "increment = 1, "
                             : owner == "alter_enum"   ? "existing_values = {\"a\"}, "
                                                       : "";
        wrap = [=](const std::string& kv) {
          std::string opts = "{" + needed + nested + " = " + open + kv + close + "}";
          if (owner == "column") return "op.column(\"c\", op.Integer, " + opts + ")";
          return sample_call(*call_spec, opts);
        };
      }
    } else {
      wrap = [&s](const std::string& kv) { return sample_call(s, "{" + kv + "}"); };
    }
    // The probe reaches the options: an unknown key is refused as such.
    std::string control_code = wrap("no_such_key = \"x\"");
    std::string control = message_of(control_code);
    EXPECT_TRUE(refused(control, "no_such_key"))
        << s.name << ": " << control_code << " -> " << control;
    for (const ops::OptionSpec& o : s.options) {
      std::vector<std::string_view> keys = o.aliases;
      keys.push_back(o.key);
      for (std::string_view key : keys) {
        std::string code = wrap(std::string(key) + " = \"x\"");
        std::string message = message_of(code);
        EXPECT_FALSE(refused(message, key))
            << s.name << ": the parser refuses '" << key << "': " << code << " -> " << message;
      }
    }
  }
}

TEST_F(OpSpecReference, BatchMethodOptionsAreTheirOpsOptions) {
  for (const ops::OpSpec& m : ops::op_specs()) {
    if (m.kind != SpecKind::kBatchMethod) continue;
    const ops::OpSpec& full = ops::op_spec(m.name);
    for (const ops::OptionSpec& o : m.options) {
      const ops::OptionSpec* same = full.option(o.key);
      ASSERT_NE(same, nullptr) << "batch:" << m.name << " option " << o.key;
      EXPECT_EQ(same->default_value, o.default_value) << m.name << " " << o.key;
      EXPECT_EQ(same->aliases, o.aliases) << m.name << " " << o.key;
    }
    for (const ops::OptionSpec& o : full.options) {
      if (o.key == "schema" || o.key == "source_schema" || o.key == "table") continue;
      EXPECT_NE(m.option(o.key), nullptr) << "batch:" << m.name << " lacks " << o.key;
    }
  }
}

// ---- the options reader is bound to the specification ------------------------------

namespace opapi_probe = lua::opapi;

// Runs op API calls (recording, no database).
void run_ops_text(const std::string& text) {
  lua_ops_test::RecordingSink sink;
  lua::Sandbox sandbox;
  lua::install_op_api(sandbox.state(), sink);
  sandbox.load_text(text, "golden.lua");
  sandbox.call(0, 0);
}

TEST_F(OpSpecReference, OptionsReaderRefusesKeysTheSpecLacks) {
  lua_State* L = sandbox_.state();
  const int top = lua_gettop(L);
  sandbox_.load_text("return {type = 'INT', schema = 's'}", "options.lua");
  sandbox_.call(0, 1);
  const int idx = lua_gettop(L);
  opapi_probe::Options o(L, idx, "op.alter_column", ops::op_spec("alter_column"));
  EXPECT_EQ(o.str("schema"), "s");
  std::string_view which;
  EXPECT_EQ(o.push("type_", &which), LUA_TSTRING);  // read by its key, given as its alias
  lua_pop(L, 1);
  EXPECT_EQ(which, "type");
  EXPECT_FALSE(o.has("comment"));
  auto internal = [](const std::function<void()>& read) {
    try {
      read();
    } catch (const Error& e) {
      return e.code() == ErrorCode::kInternal &&
             e.message().find("op spec 'alter_column'") != std::string::npos;
    }
    return false;
  };
  EXPECT_TRUE(internal([&] { (void)o.str("if_exists"); }));  // not an alter_column key
  EXPECT_TRUE(internal([&] { (void)o.has("type"); }));       // an alias, not the key
  EXPECT_TRUE(internal([&] { o.push(1); }));                 // no array slots
  // The same without an options table: the read itself is the error.
  lua_pushnil(L);
  opapi_probe::Options none(L, lua_gettop(L), "op.alter_column", ops::op_spec("alter_column"));
  EXPECT_FALSE(none.has("nullable"));
  EXPECT_TRUE(internal([&] { (void)none.flag("cascade"); }));
  // A nested table's array slots are its specification's args.
  sandbox_.load_text("return {'t.c', ondelete = 'CASCADE'}", "fk.lua");
  sandbox_.call(0, 1);
  opapi_probe::Options fk(L, lua_gettop(L), "op.column",
                          ops::table_spec("column.foreign_key"));
  EXPECT_EQ(fk.push(1), LUA_TSTRING);
  EXPECT_EQ(fk.str("ondelete"), "CASCADE");
  lua_settop(L, top);
}

TEST_F(OpSpecReference, RequiredOptionsAreRequired) {
  auto message_of = [&](const std::string& code) -> std::string {
    try {
      sandbox_.load_text(code, "required.lua");
      sandbox_.call(0, 0);
    } catch (const Error& e) {
      return e.message();
    }
    return "";
  };
  // Each required option: the call with every other required key of its
  // entry (Lua text), and the entry's call around an options table.
  const std::map<std::string, std::map<std::string, std::string>> others = {
      {"alter_enum", {{"existing_values", ""}}},
      {"alter_enum.columns", {{"table", "column = 'c'"}, {"column", "table = 't'"}}}};
  int checked = 0;
  for (const ops::OpSpec& s : ops::op_specs()) {
    for (const ops::OptionSpec& o : s.options) {
      if (!o.required) {
        EXPECT_NE(o.default_value, "") << s.name << " " << o.key << " has no default";
        continue;
      }
      EXPECT_EQ(o.default_value, "") << s.name << " " << o.key;
      auto entry = others.find(std::string(s.name));
      ASSERT_NE(entry, others.end()) << "no probe for required " << s.name << " " << o.key;
      const std::string& rest = entry->second.at(std::string(o.key));
      std::string code = s.name == "alter_enum.columns"
                             ? "op.alter_enum('e', {'a'}, {existing_values = {'a'}, columns = {{" +
                                   rest + "}}})"
                             : sample_call(s, "{" + rest + "}");
      std::string message = message_of(code);
      EXPECT_TRUE(has_word(message, o.key) && message.find("unknown") == std::string::npos)
          << s.name << ": leaving out required '" << o.key << "': " << code << " -> " << message;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 3);
}

TEST_F(OpSpecReference, GoldenOpCasesReadOnlySpecifiedKeys) {
  using namespace dialect::golden;  // NOLINT: the cases
  int ran = 0;
  for (const Case& c : op_cases()) {
    std::vector<ops::Op> forward;
    for (const Step& step : c.steps) {
      if (!step.op) continue;
      auto* b = std::get_if<ops::BulkInsert>(&*step.op);
      if (b && b->delete_rows) continue;  // no op API call (render_lua refuses it)
      forward.push_back(*step.op);
    }
    // The reverses (in reverse order) carry the dropped / existing facts,
    // which the parser reads only when they are given.
    std::vector<ops::Op> backward;
    for (auto it = forward.rbegin(); it != forward.rend(); ++it) {
      const ops::Op& op = *it;
      try {
        ops::Op r = ops::reverse(op);
        auto* b = std::get_if<ops::BulkInsert>(&r);
        if (!(b && b->delete_rows)) backward.push_back(r);
      } catch (const Error&) {
        // not reversible: nothing to read back
      }
    }
    for (const std::vector<ops::Op>* list : {&forward, &backward}) {
      if (list->empty()) continue;
      std::string text;
      try {
        text = autogen::render_lua(*list);
      } catch (const Error& e) {
        ADD_FAILURE() << c.name << ": render_lua: " << e.message();
        continue;
      }
      try {
        run_ops_text(text);
        ++ran;
      } catch (const Error& e) {
        EXPECT_NE(e.code(), ErrorCode::kInternal) << c.name << ": " << e.message() << "\n"
                                                  << text;
        if (list == &forward) ADD_FAILURE() << c.name << ": " << e.message() << "\n" << text;
      }
    }
  }
  EXPECT_GE(ran, 20);
}

}  // namespace
}  // namespace strata
