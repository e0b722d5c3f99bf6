// check_toml_nesting() (see toml_nesting.h): one pass, a small state machine.
#include "config/toml_nesting.h"

#include <vector>

#include "strata/error.h"

namespace strata::config {
namespace {

class NestingScan {
 public:
  NestingScan(std::string_view text, const std::string& path) : s_(text), path_(path) {}

  void run() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '#') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
        continue;
      }
      if (c == '"' || c == '\'') {
        skip_string(c);
        continue;
      }
      ++i_;
      switch (c) {
        case '\n':
          ++line_;
          if (nest_.empty()) start_key();
          break;
        case '=':
          if (key_) key_ = false;
          break;
        case '.':
          if (key_ && ++dots_ + 1 > kMaxTomlNesting) fail();
          break;
        case '[':
          if (key_ && nest_.empty()) {
            dots_ = 0;  // a [table] or [[array]] header: its key follows
          } else {
            push('[');
          }
          break;
        case ']':
          if (!nest_.empty() && nest_.back() == '[') nest_.pop_back();
          break;
        case '{':
          push('{');
          start_key();
          break;
        case '}':
          if (!nest_.empty() && nest_.back() == '{') nest_.pop_back();
          key_ = false;
          break;
        case ',':
          if (!nest_.empty() && nest_.back() == '{') start_key();
          break;
        default:
          break;
      }
    }
  }

 private:
  void start_key() {
    key_ = true;
    dots_ = 0;
  }

  void push(char open) {
    nest_.push_back(open);
    if (nest_.size() > kMaxTomlNesting) fail();
  }

  [[noreturn]] void fail() const {
    throw Error(ErrorCode::kConfig, path_ + ":" + std::to_string(line_) +
                                        ": keys nested deeper than " +
                                        std::to_string(kMaxTomlNesting) + " levels");
  }

  // Skip a basic or literal string, single- or multi-line, counting lines.
  void skip_string(char quote) {
    const bool multi = s_.compare(i_, 3, std::string(3, quote)) == 0;
    i_ += multi ? 3 : 1;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '\\' && quote == '"') {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == '\n') ++line_;
        i_ += 2;
        continue;
      }
      if (c == '\n') {
        if (!multi) return;  // unterminated: toml++ reports it
        ++line_;
      }
      if (c == quote && (!multi || s_.compare(i_, 3, std::string(3, quote)) == 0)) {
        i_ += multi ? 3 : 1;
        return;
      }
      ++i_;
    }
  }

  std::string_view s_;
  const std::string& path_;
  std::size_t i_ = 0;
  std::size_t line_ = 1;
  bool key_ = true;
  std::size_t dots_ = 0;
  std::vector<char> nest_;
};

}  // namespace

void check_toml_nesting(std::string_view text, const std::string& path) {
  NestingScan(text, path).run();
}

}  // namespace strata::config
