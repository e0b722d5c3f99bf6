// Tests for the strata.toml keys of models and autogenerate: models,
// naming_convention, include_schemas, exclude_tables, dev_url.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "config/config.h"
#include "strata/error.h"

namespace strata::config {
namespace {

namespace fs = std::filesystem;

class ConfigModelsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/strata-config-models-test.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& text) {
    std::string path = (fs::path(dir_) / "strata.toml").string();
    std::ofstream(path) << text;
    return path;
  }
  // The message of the Error(kConfig) loading `text` raises.
  std::string load_error(const std::string& text) {
    std::string path = write(text);
    try {
      load_config(path);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kConfig) << e.message();
      std::string message = e.message();
      // Messages start with the config path: shorten it to "strata.toml".
      if (message.starts_with(path)) message = "strata.toml" + message.substr(path.size());
      return message;
    }
    ADD_FAILURE() << "expected strata::Error for:\n" << text;
    return "";
  }

  std::string dir_;
};

TEST_F(ConfigModelsTest, Defaults) {
  Config c = load_config(write("url = \"sqlite:///x.db\"\n"));
  EXPECT_TRUE(c.models.empty());
  EXPECT_TRUE(c.naming_convention.empty());
  EXPECT_TRUE(c.include_schemas.empty());
  EXPECT_TRUE(c.exclude_tables.empty());
  EXPECT_EQ(c.dev_url, "");
}

TEST_F(ConfigModelsTest, EveryKey) {
  setenv("STRATA_T_DEV_PASS", "s3cret", 1);
  Config c = load_config(write(R"(
models = ["models/*.lua", "models/*.sql", "%(here)s/extra/*.lua"]
include_schemas = ["core", "rag"]
exclude_tables = ["spatial_ref_sys", "legacy.*"]
dev_url = "postgresql://dev:${STRATA_T_DEV_PASS}@localhost/${STRATA_T_DEV_DB:-scratch}"
)"));
  unsetenv("STRATA_T_DEV_PASS");
  EXPECT_EQ(c.models, (std::vector<std::string>{"models/*.lua", "models/*.sql",
                                                dir_ + "/extra/*.lua"}));
  EXPECT_EQ(c.include_schemas, (std::vector<std::string>{"core", "rag"}));
  EXPECT_EQ(c.exclude_tables, (std::vector<std::string>{"spatial_ref_sys", "legacy.*"}));
  EXPECT_EQ(c.dev_url, "postgresql://dev:s3cret@localhost/scratch");
  EXPECT_EQ(parse_url(c.dev_url).redacted(), "postgresql://dev:***@localhost/scratch");
}

// The guide's dictionary, written in TOML as a table section and inline.
TEST_F(ConfigModelsTest, GuideNamingConventionAsTable) {
  const std::map<std::string, std::string> guide = {
      {"ix", "ix_%(column_0_label)s"},
      {"uq", "uq_%(table_name)s_%(column_0_name)s"},
      {"ck", "ck_%(table_name)s_%(constraint_name)s"},
      {"fk", "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"},
      {"pk", "pk_%(table_name)s"},
  };
  Config c = load_config(write(R"(
models = ["models/*.lua"]

[naming_convention]
"ix" = "ix_%(column_0_label)s"
"uq" = "uq_%(table_name)s_%(column_0_name)s"
"ck" = "ck_%(table_name)s_%(constraint_name)s"
"fk" = "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"
"pk" = "pk_%(table_name)s"
)"));
  EXPECT_EQ(c.naming_convention, guide);
  EXPECT_EQ(c.models, std::vector<std::string>{"models/*.lua"});

  Config inline_form = load_config(write(R"(
[strata]
naming_convention = { ix = "ix_%(column_0_label)s", pk = "pk_%(table_name)s" }
)"));
  EXPECT_EQ(inline_form.naming_convention,
            (std::map<std::string, std::string>{{"ix", "ix_%(column_0_label)s"},
                                                {"pk", "pk_%(table_name)s"}}));
}

TEST_F(ConfigModelsTest, BadTypesNameTheKey) {
  EXPECT_EQ(load_error("models = \"models/*.lua\"\n"),
            "strata.toml:1: 'models' must be an array of strings, not a string");
  EXPECT_EQ(load_error("models = [\"a\", 3]\n"), "strata.toml:1: 'models' must hold strings, not an integer");
  EXPECT_EQ(load_error("models = [\"\"]\n"), "strata.toml:1: 'models' holds an empty string");
  EXPECT_EQ(load_error("include_schemas = \"core\"\n"),
            "strata.toml:1: 'include_schemas' must be an array of strings, not a string");
  EXPECT_EQ(load_error("exclude_tables = [true]\n"),
            "strata.toml:1: 'exclude_tables' must hold strings, not a boolean");
  EXPECT_EQ(load_error("dev_url = 5\n"), "strata.toml:1: 'dev_url' must be a string, not an integer");
  EXPECT_EQ(load_error("naming_convention = \"ix_%(column_0_label)s\"\n"),
            "strata.toml:1: 'naming_convention' must be a table, not a string");
  EXPECT_EQ(load_error("[naming_convention]\nix = 1\n"),
            "strata.toml:2: 'naming_convention.ix' must be a string, not an integer");
}

TEST_F(ConfigModelsTest, NamingConventionTemplatesAreChecked) {
  EXPECT_EQ(load_error("[naming_convention]\nix = \"ix_%(table_name)s\"\nuk = \"uk_%(table_name)s\"\n"),
            "strata.toml:3: 'naming_convention.uk': 'uk' is not a naming convention key "
            "(ix, uq, ck, fk, pk)");
  EXPECT_EQ(load_error("[naming_convention]\nuq = \"uq_%(colum_0_name)s\"\n"),
            "strata.toml:2: 'naming_convention.uq': unknown token %(colum_0_name)s in "
            "\"uq_%(colum_0_name)s\"");
  EXPECT_EQ(load_error("[naming_convention]\npk = \"pk_%(referred_table_name)s\"\n"),
            "strata.toml:2: 'naming_convention.pk': %(referred_table_name)s applies to foreign "
            "keys only (key 'pk')");
}

TEST_F(ConfigModelsTest, DevUrlErrorsNeverShowThePassword) {
  setenv("STRATA_T_DEV_PASS", "s3cret", 1);
  std::string message =
      load_error("dev_url = \"postgresql://dev:${STRATA_T_DEV_PASS}@${STRATA_T_UNSET_HOST}/x\"\n");
  unsetenv("STRATA_T_DEV_PASS");
  EXPECT_NE(message.find("strata.toml:1: dev_url: "), std::string::npos) << message;
  EXPECT_NE(message.find("STRATA_T_UNSET_HOST"), std::string::npos) << message;
  EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
}

TEST_F(ConfigModelsTest, GivenTwiceIsAnError) {
  EXPECT_EQ(load_error("models = [\"a/*.lua\"]\n[strata]\nmodels = [\"b/*.lua\"]\n"),
            "strata.toml:3: key 'models' given twice (also on line 1)");
}

}  // namespace
}  // namespace strata::config
