// Database URL parsing and redaction (SQLAlchemy's URL forms).
//
// Grammar accepted (close to SQLAlchemy's regex, with one deliberate
// difference: the user-info part ends at the LAST '@' before the query, so a
// password containing an unencoded '@' never leaks into the host):
//
//   <dialect>[+<driver>]://[<user>[:<password>]@][<host>|[<ipv6>]][:<port>]
//       [/<database>][?<key>=<value>&...]
//
// Contract: no error message produced here ever contains the password (nor
// the value of a `password`-like query parameter). Every message quoting the
// URL uses the redacted form.
#include <cctype>
#include <string>
#include <string_view>

#include "config/config.h"
#include "config/redact.h"
#include "strata/error.h"

namespace strata::config {
namespace {

constexpr std::string_view kMask = "***";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decode `s`. Returns false on a malformed escape. `plus_is_space`
// follows application/x-www-form-urlencoded (used for the query string).
bool percent_decode(std::string_view s, bool plus_is_space, std::string* out) {
  out->clear();
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return false;
      int hi = hex_value(s[i + 1]);
      int lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return true;
}

// Where the pieces of a raw URL string are; computed without decoding so the
// same split serves parsing and redaction of malformed input.
struct RawParts {
  bool has_scheme = false;
  std::string_view scheme;      // before "://"
  std::string_view userinfo;    // between "://" and '@' (may be empty)
  bool has_userinfo = false;
  std::string_view hostport;    // up to '/' or '?'
  bool has_path = false;
  std::string_view path;        // after the '/' following the host
  bool has_query = false;
  std::string_view query;       // after '?'
};

RawParts split_raw(std::string_view text) {
  RawParts p;
  size_t sep = text.find("://");
  if (sep == std::string_view::npos) return p;
  p.has_scheme = true;
  p.scheme = text.substr(0, sep);
  std::string_view rest = text.substr(sep + 3);
  // User info: everything before the last '@' that precedes the query, as
  // long as the user name part holds no '/'.
  size_t q = rest.find('?');
  std::string_view before_query = rest.substr(0, q);
  size_t at = before_query.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view info = rest.substr(0, at);
    std::string_view user = info.substr(0, info.find(':'));
    if (user.find('/') == std::string_view::npos) {
      p.has_userinfo = true;
      p.userinfo = info;
      rest = rest.substr(at + 1);
    }
  }
  size_t host_end = rest.find_first_of("/?");
  p.hostport = rest.substr(0, host_end);
  if (host_end == std::string_view::npos) return p;
  rest = rest.substr(host_end);
  if (rest[0] == '/') {
    p.has_path = true;
    rest = rest.substr(1);
    size_t qpos = rest.find('?');
    p.path = rest.substr(0, qpos);
    if (qpos == std::string_view::npos) return p;
    rest = rest.substr(qpos);
  }
  p.has_query = true;
  p.query = rest.substr(1);
  return p;
}

// Redact a raw (possibly malformed) URL string: the password and secret
// query values become "***". When the text has no "://" but contains '@',
// everything before the last '@' is masked (we cannot tell user from
// password). With "://", when the parser's split finds no user info: an
// '@' anywhere after the scheme masks everything before the last '@' but
// the user name (an unencoded '?' in the password hides the '@' from the
// split), and with no '@' a port that is not all digits is masked (a
// "user:password" whose '@' was left out).
std::string redact_raw(std::string_view text) {
  RawParts p = split_raw(text);
  if (!p.has_scheme) {
    size_t at = text.rfind('@');
    if (at == std::string_view::npos) return std::string(text);
    return std::string(kMask) + std::string(text.substr(at));
  }
  std::string_view after_scheme = text.substr(p.scheme.size() + 3);
  size_t last_at = after_scheme.rfind('@');
  if (!p.has_userinfo && last_at != std::string_view::npos) {
    // An '@' the parser does not take as the end of the user info (e.g. an
    // unencoded '?' or '/' in the password comes before it): everything up
    // to the last '@' may be credentials; keep only the user name.
    std::string_view info = after_scheme.substr(0, last_at);
    std::string out(p.scheme);
    out += "://";
    out += info.substr(0, info.find_first_of(":/?#"));
    out += ':';
    out += kMask;
    out += after_scheme.substr(last_at);
    return out;
  }
  if (!p.has_userinfo) {
    // No '@' at all: in "user:password" (the '@' left out) the password
    // reads as a port. A port that is not all digits is masked.
    size_t colon = p.hostport.find(':');
    if (colon != std::string_view::npos && p.hostport.find('[') == std::string_view::npos) {
      std::string_view port = p.hostport.substr(colon + 1);
      bool digits = !port.empty() && port.find_first_not_of("0123456789") == std::string_view::npos;
      if (!digits) {
        std::string out(p.scheme);
        out += "://";
        out += p.hostport.substr(0, colon + 1);
        out += kMask;
        if (p.has_path) {
          out += '/';
          out += p.path;
        }
        if (p.has_query) {
          out += '?';
          out += p.query;  // `password=` values: redact_message masks them
        }
        return out;
      }
    }
  }
  std::string out(p.scheme);
  out += "://";
  if (p.has_userinfo) {
    size_t colon = p.userinfo.find(':');
    out += p.userinfo.substr(0, colon);
    if (colon != std::string_view::npos) {
      out += ':';
      out += kMask;
    }
    out += '@';
  }
  out += p.hostport;
  if (p.has_path) {
    out += '/';
    out += p.path;
  }
  if (p.has_query) {
    out += '?';
    std::string_view q = p.query;
    bool first = true;
    while (true) {
      size_t amp = q.find('&');
      std::string_view item = q.substr(0, amp);
      if (!first) out += '&';
      first = false;
      size_t eq = item.find('=');
      std::string key;
      percent_decode(item.substr(0, eq), true, &key);
      if (eq != std::string_view::npos && is_secret_key(key)) {
        out += item.substr(0, eq + 1);
        out += kMask;
      } else {
        out += item;
      }
      if (amp == std::string_view::npos) break;
      q = q.substr(amp + 1);
    }
  }
  return out;
}

[[noreturn]] void fail(std::string_view text, std::string_view reason) {
  // redact_message also masks `password=...` fragments (conninfo text given
  // instead of a URL, a query string the URL split did not find).
  throw Error(ErrorCode::kConfig, redact_message("invalid database URL '" + redact_raw(text) +
                                                     "': " + std::string(reason),
                                                 {}));
}

std::string canonical_dialect(std::string_view name) {
  if (name == "postgresql" || name == "postgres") return "postgresql";
  if (name == "sqlite") return "sqlite";
  if (name == "mssql") return "mssql";
  if (name == "mysql" || name == "mariadb") return "mysql";
  return "";
}

bool valid_scheme_chars(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (!std::isalnum(c) && c != '_' && c != '+') return false;
  }
  return true;
}

// An IPv6 address as parse_url takes it from "[...]": hex digits, ':' and
// '.', then an optional %zone of [A-Za-z0-9._-]; at least one ':'.
bool is_ipv6_literal(std::string_view host) {
  size_t zone = host.find('%');
  std::string_view addr = host.substr(0, zone);
  if (addr.find(':') == std::string_view::npos) return false;
  for (unsigned char c : addr) {
    if (!std::isxdigit(c) && c != ':' && c != '.') return false;
  }
  if (zone == std::string_view::npos) return true;
  std::string_view id = host.substr(zone + 1);
  if (id.empty()) return false;
  for (unsigned char c : id) {
    if (!std::isalnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

}  // namespace

std::string percent_encode(std::string_view s, std::string_view safe) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
        safe.find(static_cast<char>(c)) != std::string_view::npos) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}


std::string Url::redacted() const {
  std::string out = dialect;
  if (!driver.empty()) out += "+" + driver;
  out += "://";
  if (user || password) {
    if (user) out += percent_encode(*user, "");
    if (password) {
      out += ':';
      out += kMask;
    }
    out += '@';
  }
  if (host) {
    if (is_ipv6_literal(*host)) {
      out += "[" + *host + "]";  // parse_url keeps a [...] host verbatim
    } else {
      out += percent_encode(*host, "");  // parsed decoded: '@', '/' stay encoded
    }
  }
  if (port) out += ":" + std::to_string(*port);
  if (dialect == "sqlite") {
    // sqlite:///relative.db, sqlite:////abs.db, sqlite:///:memory:
    out += "/" + database;
  } else if (!database.empty()) {
    out += "/" + percent_encode(database, "");
  }
  if (!query.empty()) {
    char sep = '?';
    for (const auto& [key, value] : query) {
      out += sep;
      sep = '&';
      out += percent_encode(key, "") + "=" +
             (is_secret_key(key) ? std::string(kMask) : percent_encode(value, "/:"));
    }
  }
  return out;
}

Url parse_url(const std::string& text) {
  if (text.empty()) {
    throw Error(ErrorCode::kConfig, "no database URL given (set 'url' in strata.toml or pass --url)");
  }
  RawParts p = split_raw(text);
  if (!p.has_scheme) fail(text, "expected '<dialect>://...'");
  if (!valid_scheme_chars(p.scheme)) fail(text, "malformed scheme");

  Url url;
  std::string_view scheme = p.scheme;
  size_t plus = scheme.find('+');
  std::string name(scheme.substr(0, plus));
  if (plus != std::string_view::npos) {
    url.driver = std::string(scheme.substr(plus + 1));
    if (url.driver.empty() || url.driver.find('+') != std::string::npos) {
      fail(text, "malformed driver name");
    }
  }
  url.dialect = canonical_dialect(name);
  if (url.dialect.empty()) {
    throw Error(ErrorCode::kConfig, "unsupported database URL scheme '" + name + "'");
  }

  if (p.has_userinfo) {
    size_t colon = p.userinfo.find(':');
    std::string decoded;
    if (!percent_decode(p.userinfo.substr(0, colon), false, &decoded)) {
      fail(text, "malformed percent-encoding in the user name");
    }
    if (!decoded.empty()) url.user = decoded;
    if (colon != std::string_view::npos) {
      if (!percent_decode(p.userinfo.substr(colon + 1), false, &decoded)) {
        fail(text, "malformed percent-encoding in the password");
      }
      url.password = decoded;
    }
  }

  // Host and port.
  std::string_view hp = p.hostport;
  std::string_view port_text;
  bool has_port = false;
  if (!hp.empty() && hp[0] == '[') {
    size_t close = hp.find(']');
    if (close == std::string_view::npos) fail(text, "unterminated '[' in IPv6 host");
    std::string_view h = hp.substr(1, close - 1);
    if (h.empty()) fail(text, "empty IPv6 host");
    url.host = std::string(h);
    std::string_view after = hp.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') fail(text, "unexpected text after IPv6 host");
      has_port = true;
      port_text = after.substr(1);
    }
  } else {
    size_t colon = hp.find(':');
    std::string_view h = hp.substr(0, colon);
    if (h.find('@') != std::string_view::npos) fail(text, "unexpected '@' in host");
    if (!h.empty()) {
      std::string decoded;
      if (!percent_decode(h, false, &decoded)) fail(text, "malformed percent-encoding in the host");
      url.host = decoded;
    }
    if (colon != std::string_view::npos) {
      has_port = true;
      port_text = hp.substr(colon + 1);
    }
  }
  if (has_port && !port_text.empty()) {
    int port = 0;
    for (char c : port_text) {
      if (c < '0' || c > '9' || port > 65535) fail(text, "port must be a number from 1 to 65535");
      port = port * 10 + (c - '0');
    }
    if (port < 1 || port > 65535) fail(text, "port must be a number from 1 to 65535");
    url.port = port;
  }

  if (p.has_path) {
    if (!percent_decode(p.path, false, &url.database)) {
      fail(text, "malformed percent-encoding in the database name");
    }
  }

  if (p.has_query && !p.query.empty()) {
    std::string_view q = p.query;
    while (true) {
      size_t amp = q.find('&');
      std::string_view item = q.substr(0, amp);
      if (!item.empty()) {
        size_t eq = item.find('=');
        std::string key, value;
        if (!percent_decode(item.substr(0, eq), true, &key) ||
            (eq != std::string_view::npos &&
             !percent_decode(item.substr(eq + 1), true, &value))) {
          fail(text, "malformed percent-encoding in the query string");
        }
        if (key.empty()) fail(text, "empty query parameter name");
        url.query[key] = value;
      }
      if (amp == std::string_view::npos) break;
      q = q.substr(amp + 1);
    }
  }

  if (url.dialect == "sqlite") {
    if (url.user || url.password || url.host || url.port) {
      fail(text, "a sqlite URL has no user, password, host or port "
                 "(use sqlite:///relative.db or sqlite:////absolute.db)");
    }
    if (url.database.empty()) url.database = ":memory:";
  } else if (url.dialect == "postgresql" && url.database.find('/') != std::string::npos) {
    fail(text, "database name must not contain '/'");
  }
  return url;
}

std::string redact_passwords(const std::string& text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = text.find_first_not_of(" \t\n", pos);
    out.append(text, pos, (start == std::string::npos ? text.size() : start) - pos);
    if (start == std::string::npos) break;
    size_t end = text.find_first_of(" \t\n", start);
    if (end == std::string::npos) end = text.size();
    std::string_view word(text.data() + start, end - start);
    out += word.find("://") != std::string_view::npos ? redact_raw(word) : std::string(word);
    pos = end;
  }
  return out;
}

}  // namespace strata::config
