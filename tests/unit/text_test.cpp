// Tests for common/text.h (quote doubling) and the dialect quoting built on it.
#include "common/text.h"

#include <gtest/gtest.h>

#include <string>

#include "dialect/dialect.h"

namespace strata::text {
namespace {

TEST(Text, DoubleCharDoublesOnlyThatChar) {
  EXPECT_EQ(double_char("it's", '\''), "it''s");
  EXPECT_EQ(double_char("''", '\''), "''''");
  EXPECT_EQ(double_char("a\"b'c", '"'), "a\"\"b'c");
  EXPECT_EQ(double_char("C:\\dir\\", '\\'), "C:\\\\dir\\\\");
  EXPECT_EQ(double_char("", '\''), "");
}

TEST(Text, QuoteWithDoublesTheClosingDelimiter) {
  EXPECT_EQ(quote_with("a`b", '`', '`'), "`a``b`");
  // T-SQL brackets: only the closing one is doubled inside.
  EXPECT_EQ(quote_with("a[b]c", '[', ']'), "[a[b]]c]");
  EXPECT_EQ(quote_with("", '"', '"'), "\"\"");
}

TEST(Text, SingleAndDoubleQuoted) {
  EXPECT_EQ(single_quoted("O'Brien"), "'O''Brien'");
  EXPECT_EQ(double_quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
  // Embedded NUL and newline are copied as they are.
  const std::string raw("a\0b\nc", 5);
  EXPECT_EQ(single_quoted(raw), "'" + raw + "'");
}

// The dialects' quote()/literal() now go through these helpers: quoted only
// when needed, with the dialect's delimiter doubled inside.
TEST(Text, DialectsQuoteThroughTheHelpers) {
  auto pg = dialect::make_dialect("postgresql");
  auto my = dialect::make_dialect("mysql");
  auto ms = dialect::make_dialect("mssql");
  auto lite = dialect::make_dialect("sqlite");
  EXPECT_EQ(pg->quote("plain"), "plain");
  EXPECT_EQ(pg->quote("Mixed\"Case"), "\"Mixed\"\"Case\"");
  EXPECT_EQ(my->quote("we`ird"), "`we``ird`");
  EXPECT_EQ(ms->quote("a]b"), "[a]]b]");
  EXPECT_EQ(lite->quote("user"), "\"user\"");  // a reserved word
  EXPECT_EQ(pg->literal("it's"), "'it''s'");
  EXPECT_EQ(lite->literal("it's"), "'it''s'");
}

}  // namespace
}  // namespace strata::text
