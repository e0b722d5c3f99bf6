// Tests for config/redact.h: the one scrubbing function both live drivers
// pass their messages through, on the message shapes each driver produces.
#include "config/redact.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/config.h"

namespace strata::config {
namespace {

TEST(Redact, SecretsOfUrlIncludeQueryPasswordsAndEncodedSpellings) {
  Url url = parse_url("postgresql://alice:p%40ss@db.example/app?sslpassword=k3y&sslmode=require");
  std::vector<std::string> secrets = secrets_of(url);
  EXPECT_EQ(secrets, (std::vector<std::string>{"p@ss", "k3y", "p%40ss"}));
  EXPECT_TRUE(secrets_of(parse_url("postgresql://alice@db/app")).empty());
}

// libpq: the failed-authentication message names the user, never the
// password; it must come through unchanged (and the URL stays redacted).
TEST(Redact, LibpqAuthenticationFailureIsKept) {
  Url url = parse_url("postgresql://alice:s3cret@127.0.0.1:5432/app");
  const std::string message =
      "cannot connect to " + url.redacted() +
      ": connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  password "
      "authentication failed for user \"alice\"";
  EXPECT_EQ(redact_message(message, secrets_of(url)), message);
}

// A server or library echoing the password itself, raw or percent-encoded.
TEST(Redact, EchoedPasswordIsMasked) {
  Url url = parse_url("postgresql://alice:p%40ss%20word@h/app");
  std::vector<std::string> secrets = secrets_of(url);
  EXPECT_EQ(redact_message("role \"p@ss word\" does not exist", secrets),
            "role \"***\" does not exist");
  EXPECT_EQ(redact_message("bad value p%40ss%20word and p%40ss%20word", secrets),
            "bad value *** and ***");
  EXPECT_EQ(redact_message("lower hex p%40ss%20word", secrets_of(parse_url("mysql://u:p%40ss%20word@h/d"))),
            "lower hex ***");
}

// libpq conninfo strings, quoted and unquoted, even for a password not in
// the list of known secrets.
TEST(Redact, ConninfoFragmentsAreMasked) {
  EXPECT_EQ(redact_message("invalid conninfo \"host=h password=hunter2 dbname=d\"", {}),
            "invalid conninfo \"host=h password=*** dbname=d\"");
  EXPECT_EQ(redact_message("host=h password = 'it\\'s secret' user=u", {}),
            "host=h password = *** user=u");
  EXPECT_EQ(redact_message("sslpassword=abc; passwd=def", {}), "sslpassword=***; passwd=***");
  // Words that merely end in "password" and empty values are left alone;
  // as in libpq, the value may follow spaces after '='.
  EXPECT_EQ(redact_message("mypassword=x password=&password=", {}), "mypassword=x password=&password=");
  EXPECT_EQ(redact_message("password= next", {}), "password= ***");
}

// MySQL: "Access denied ... (using password: YES)" says nothing secret.
TEST(Redact, MysqlAccessDeniedIsKept) {
  Url url = parse_url("mysql://bob:Tr0ub4dor@127.0.0.1:3306/shop");
  const std::string message = "cannot connect to " + url.redacted() +
                              ": mysql error 1045: Access denied for user 'bob'@'localhost' "
                              "(using password: YES)";
  EXPECT_EQ(redact_message(message, secrets_of(url)), message);
  EXPECT_EQ(redact_message("mysql error 1045: Access denied for user 'Tr0ub4dor'@'h'",
                           secrets_of(url)),
            "mysql error 1045: Access denied for user '***'@'h'");
}

// URLs inside a message lose their password, and password-like query values.
TEST(Redact, UrlsInMessagesAreMasked) {
  EXPECT_EQ(redact_message("could not reach postgresql://u:topsecret@h:5432/db now", {}),
            "could not reach postgresql://u:***@h:5432/db now");
  EXPECT_EQ(redact_message("see mysql://u@h/db?password=zz&charset=utf8", {}),
            "see mysql://u@h/db?password=***&charset=utf8");
  EXPECT_EQ(redact_message("plain text with no secrets", {"unused"}), "plain text with no secrets");
}

// A longer secret containing a shorter one is masked whole.
TEST(Redact, LongestSecretFirst) {
  EXPECT_EQ(redact_message("value abcdef", {"abc", "abcdef"}), "value ***");
}

}  // namespace
}  // namespace strata::config
