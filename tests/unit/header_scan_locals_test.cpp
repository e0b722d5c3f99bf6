// The header scanner (lua/script_header.h) reads `local NAME = <literal>`
// statements itself — they set no global — so such scripts need no Lua
// fallback (a Lua state) and their headers go into the header cache; it
// agrees with the Lua path, and leaves anything else to it.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "lua/script_header.h"

namespace strata {
namespace {

constexpr const char* kHeader =
    "revision = \"b1\"\ndown_revision = \"a1\"\nbranch_labels = nil\ndepends_on = nil\n";

TEST(HeaderScanLocals, LiteralLocalsAreScannedAndAgreeWithLua) {
  for (const std::string local :
       {"local LEGACY_FK = \"rag_document_chunks_document_id_fkey\"\n", "local n = 10\n",
        "local names = {'a', \"b\"}\n", "local nothing = nil\n", "local s = 'x';\n"}) {
    const std::string text = std::string(kHeader) + local +
                             "function upgrade()\n  op.execute('select 1')\nend\n";
    const std::optional<script::Revision> scanned = lua::scan_script_header(text, "b.lua");
    ASSERT_TRUE(scanned.has_value()) << local;
    const script::Revision evaluated = lua::eval_script_header(text, "b.lua");
    EXPECT_EQ(scanned->revision, evaluated.revision);
    EXPECT_EQ(scanned->down_revisions, evaluated.down_revisions);
    EXPECT_EQ(scanned->down_revisions, std::vector<std::string>{"a1"});
  }
}

TEST(HeaderScanLocals, OtherLocalsAreLeftToTheLuaPath) {
  for (const std::string local :
       {"local revision = 'shadow'\n", "local down_revision = 'z'\n", "local a, b = 1, 2\n",
        "local x <const> = 'a'\n", "local x = 'a' .. 'b'\n", "local x = f()\n",
        "local x = 1.5\n", "local x\n", "local end = 1\n", "local x = {y = 'a'}\n"}) {
    const std::string text = std::string(kHeader) + local;
    EXPECT_FALSE(lua::scan_script_header(text, "b.lua").has_value()) << local;
  }
}

}  // namespace
}  // namespace strata
