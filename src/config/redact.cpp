// Password scrubbing for driver messages (config/redact.h).
#include "config/redact.h"

#include <algorithm>
#include <cctype>

namespace strata::config {
namespace {

constexpr std::string_view kMask = "***";

// Percent-encoded spelling of every byte of `s` that is not alphanumeric.
std::string percent_encode_all(const std::string& s, bool upper) {
  const char* hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

void replace_all(std::string& text, const std::string& secret) {
  for (size_t pos = text.find(secret); pos != std::string::npos;
       pos = text.find(secret, pos + kMask.size())) {
    text.replace(pos, secret.size(), kMask);
  }
}

bool is_key_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Masks the value after every `<secret key> = ` in `text`.
std::string mask_conninfo(const std::string& text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (!is_key_char(text[i]) || (i > 0 && is_key_char(text[i - 1]))) {
      out += text[i++];
      continue;
    }
    size_t end = i;
    while (end < text.size() && is_key_char(text[end])) ++end;
    out.append(text, i, end - i);
    std::string key = text.substr(i, end - i);
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    i = end;
    if (!is_secret_key(key)) continue;
    size_t eq = i;
    while (eq < text.size() && text[eq] == ' ') ++eq;
    if (eq >= text.size() || text[eq] != '=') continue;
    size_t value = eq + 1;
    while (value < text.size() && text[value] == ' ') ++value;
    size_t stop = value;
    if (stop < text.size() && text[stop] == '\'') {
      for (++stop; stop < text.size() && text[stop] != '\''; ++stop) {
        if (text[stop] == '\\') ++stop;
      }
      stop = std::min(stop + 1, text.size());
    } else {
      while (stop < text.size() && !std::isspace(static_cast<unsigned char>(text[stop])) &&
             text[stop] != '&' && text[stop] != ';' && text[stop] != '"' && text[stop] != ')') {
        ++stop;
      }
    }
    out.append(text, i, value - i);  // the '=' and its spaces
    if (stop > value) out += kMask;
    i = stop;
  }
  return out;
}

}  // namespace

bool is_secret_key(std::string_view key) {
  return key == "password" || key == "passwd" || key == "sslpassword";
}

std::vector<std::string> secrets_of(const Url& url) {
  std::vector<std::string> plain;
  if (url.password && !url.password->empty()) plain.push_back(*url.password);
  for (const auto& [key, value] : url.query) {
    if (is_secret_key(key) && !value.empty()) plain.push_back(value);
  }
  std::vector<std::string> out = plain;
  for (const std::string& secret : plain) {
    for (bool upper : {true, false}) {
      std::string encoded = percent_encode_all(secret, upper);
      if (std::find(out.begin(), out.end(), encoded) == out.end()) out.push_back(encoded);
    }
  }
  return out;
}

std::string redact_message(std::string message, const std::vector<std::string>& secrets) {
  std::vector<const std::string*> longest_first;
  for (const std::string& secret : secrets) {
    if (!secret.empty()) longest_first.push_back(&secret);
  }
  std::stable_sort(longest_first.begin(), longest_first.end(),
                   [](const std::string* a, const std::string* b) { return a->size() > b->size(); });
  for (const std::string* secret : longest_first) replace_all(message, *secret);
  return redact_passwords(mask_conninfo(message));
}

}  // namespace strata::config
