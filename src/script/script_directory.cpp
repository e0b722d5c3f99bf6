#include "script/script_directory.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <string_view>
#include <utility>

#include "lua/script_header.h"
#include "script/listing_cache.h"
#include "script/revision_loader.h"
#include "strata/error.h"

namespace strata::script {
namespace fs = std::filesystem;
namespace {

bool is_dir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool valid_rev_id(const std::string& id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Alembic's version table column: version_num VARCHAR(32). A longer id
// would let a revision's DDL run and its version row fail to insert.
constexpr size_t kMaxRevisionIdLength = 32;

std::string too_long(const std::string& id) {
  return "revision id '" + id + "' is longer than " + std::to_string(kMaxRevisionIdLength) +
         " characters (the version table's version_num)";
}

std::string random_rev_id() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(12, '0');
  for (char& c : id) c = kHex[gen() & 15];
  return id;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : sep) + item;
  return out;
}

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, path + ": cannot read: " + std::strerror(errno));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw Error(ErrorCode::kIo, path + ": cannot write: " + std::strerror(errno));
}

struct TemplateVars {
  std::string message;
  std::string create_date;
  std::string upgrades, downgrades;  // Lua statements (autogenerate), may be empty
  std::vector<std::string> up_revision, down_revision, branch_labels, depends_on;
};

// Render ${name} and ${repr(name)}; `where` names the template in errors.
std::string render_script(const std::string& tmpl, const TemplateVars& v, const std::string& where) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    size_t start = tmpl.find("${", i);
    if (start == std::string::npos) {
      out.append(tmpl, i, std::string::npos);
      break;
    }
    out.append(tmpl, i, start - i);
    size_t line = 1 + std::count(tmpl.begin(), tmpl.begin() + start, '\n');
    size_t end = tmpl.find('}', start);
    if (end == std::string::npos) {
      throw Error(ErrorCode::kConfig, where + ":" + std::to_string(line) + ": unterminated '${'");
    }
    std::string expr = tmpl.substr(start + 2, end - start - 2);
    bool repr = expr.size() > 6 && expr.compare(0, 5, "repr(") == 0 && expr.back() == ')';
    std::string name = repr ? expr.substr(5, expr.size() - 6) : expr;
    const std::vector<std::string>* list = nullptr;
    if (name == "up_revision") list = &v.up_revision;
    if (name == "down_revision") list = &v.down_revision;
    if (name == "branch_labels") list = &v.branch_labels;
    if (name == "depends_on") list = &v.depends_on;
    if (list != nullptr) {
      out += repr ? lua_literal(*list) : join(*list, ", ");
    } else if (!repr && (name == "upgrades" || name == "downgrades")) {
      out += name == "upgrades" ? v.upgrades : v.downgrades;
    } else if (name == "message" || name == "create_date") {
      const std::string& s = name == "message" ? v.message : v.create_date;
      out += repr ? quote(s) : s;
    } else {
      throw Error(ErrorCode::kConfig, where + ":" + std::to_string(line) +
                                          ": unknown template variable '${" + expr + "}'");
    }
    i = end + 1;
  }
  // Strip trailing blanks from every line.
  std::string clean;
  size_t pos = 0;
  while (pos <= out.size()) {
    size_t nl = out.find('\n', pos);
    std::string line = out.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    clean += line;
    if (nl == std::string::npos) break;
    clean += '\n';
    pos = nl + 1;
  }
  return clean;
}

std::mutex tz_mutex;

// A template written before ${upgrades} / ${downgrades} existed: the tokens
// go right after its `function upgrade()` / `function downgrade()` lines.
std::string with_body_tokens(std::string tmpl) {
  for (const char* fn : {"upgrade", "downgrade"}) {
    std::string line = std::string("function ") + fn + "()\n";
    size_t at = tmpl.find(line);
    if (at != std::string::npos) tmpl.insert(at + line.size(), std::string("${") + fn + "s}");
  }
  return tmpl;
}

}  // namespace

std::string lua_literal(const std::vector<std::string>& ids) {
  if (ids.empty()) return "nil";
  if (ids.size() == 1) return quote(ids[0]);
  std::string out = "{";
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + quote(ids[i]);
  return out + "}";
}

const std::string& builtin_script_template() {
  static const std::string tmpl =
      "-- ${message}\n"
      "--\n"
      "-- Revision ID: ${up_revision}\n"
      "-- Revises: ${down_revision}\n"
      "-- Create Date: ${create_date}\n"
      "\n"
      "revision = ${repr(up_revision)}\n"
      "down_revision = ${repr(down_revision)}\n"
      "branch_labels = ${repr(branch_labels)}\n"
      "depends_on = ${repr(depends_on)}\n"
      "\n"
      "function upgrade()\n"
      "${upgrades}"
      "end\n"
      "\n"
      "function downgrade()\n"
      "${downgrades}"
      "end\n";
  return tmpl;
}

std::string format_create_date(std::chrono::system_clock::time_point now,
                               const std::string& timezone, config::TemplateValues& values) {
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  if (timezone.empty()) {
    localtime_r(&t, &tm);
  } else if (timezone == "UTC" || timezone == "utc") {
    gmtime_r(&t, &tm);
  } else {
    if (timezone.find("..") != std::string::npos || timezone[0] == '/' ||
        !fs::is_regular_file("/usr/share/zoneinfo/" + timezone)) {
      throw Error(ErrorCode::kConfig, "unknown timezone '" + timezone + "'");
    }
    std::lock_guard<std::mutex> lock(tz_mutex);
    const char* old = std::getenv("TZ");
    std::string saved = old ? old : "";
    ::setenv("TZ", timezone.c_str(), 1);
    ::tzset();
    localtime_r(&t, &tm);
    if (old) {
      ::setenv("TZ", saved.c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }
  values.epoch = static_cast<long long>(t);
  values.year = tm.tm_year + 1900;
  values.month = tm.tm_mon + 1;
  values.day = tm.tm_mday;
  values.hour = tm.tm_hour;
  values.minute = tm.tm_min;
  values.second = tm.tm_sec;
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

ScriptDirectory::ScriptDirectory(const config::Config& config) : config_(config) {}

std::string ScriptDirectory::script_location() const { return config_.resolved_script_location(); }

std::vector<std::string> ScriptDirectory::version_locations() const {
  return config_.resolved_version_locations();
}

std::vector<std::string> ScriptDirectory::module_roots() const {
  return {script_location() + "/lib"};
}

ScriptDirectory::ScriptNames ScriptDirectory::script_names_in(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    throw Error(ErrorCode::kIo, dir + ": cannot open version location: " + std::strerror(errno));
  }
  ScriptNames list;
  // Names are copied into blocks of kBlock bytes. The reservation is a hint:
  // on ext4 and tmpfs a directory's size in bytes / 16 is at least its count
  // of `*.lua` entries, and capacity that is not used is never touched.
  constexpr size_t kBlock = 64 * 1024;
  struct stat dir_stat;
  if (::fstat(::dirfd(d), &dir_stat) == 0 && dir_stat.st_size > 0) {
    list.names.reserve(std::min<size_t>(static_cast<size_t>(dir_stat.st_size) / 16, 1 << 20));
  }
  size_t used = kBlock;  // in the last block
  while (const dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name.size() > 3 && name[0] != '.' && name.substr(name.size() - 3) == ".py" &&
        name != "__init__.py" && e->d_type != DT_DIR) {
      ++list.python_files;
      continue;
    }
    if (name.empty() || name[0] == '.' || name[0] == '_' || name.size() <= 4 ||
        name.substr(name.size() - 4) != ".lua") {
      continue;
    }
    // Every `*.lua` entry is listed, whatever it is: the loader reads only
    // regular files (following symlinks) and refuses anything else naming
    // it — a directory, a FIFO or device, a dangling link or a symlink loop
    // is an error, never a revision silently skipped.
    if (used + name.size() + 1 > kBlock) {  // names are < 256 bytes
      list.blocks.emplace_back(new char[kBlock]);
      used = 0;
    }
    char* copy = list.blocks.back().get() + used;
    std::memcpy(copy, name.data(), name.size());
    copy[name.size()] = '\0';
    used += name.size() + 1;
    list.names.emplace_back(copy, name.size());
  }
  ::closedir(d);
  std::sort(list.names.begin(), list.names.end());
  return list;
}

std::vector<std::string> ScriptDirectory::script_files() const {
  std::vector<std::string> files;
  for (const std::string& dir : version_locations()) {
    const ScriptNames listed = script_names_in(dir);
    for (std::string_view name : listed.names) {
      files.push_back(dir + "/" + std::string(name));
    }
  }
  return files;
}

ScriptDirectory::ScriptNames ScriptDirectory::cached_script_names_in(const std::string& dir,
                                                                     ListingCache& listings) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return script_names_in(dir);
  const FileKey key = file_key(st);
  if (const ListingCache::Listing* known = listings.find(dir, key)) {
    ScriptNames listed;
    size_t bytes = 0;
    for (std::string_view name : known->names) bytes += name.size() + 1;
    listed.blocks.emplace_back(new char[bytes == 0 ? 1 : bytes]);
    listed.names.reserve(known->names.size());
    char* p = listed.blocks.back().get();
    for (std::string_view name : known->names) {
      std::memcpy(p, name.data(), name.size());
      p[name.size()] = '\0';
      listed.names.emplace_back(p, name.size());
      p += name.size() + 1;
    }
    listed.python_files = known->python_files;
    return listed;
  }
  const long long now = static_cast<long long>(std::time(nullptr));
  ScriptNames listed = script_names_in(dir);
  listings.remember(dir, key, listed.python_files, listed.names, now);
  return listed;
}

std::string ScriptDirectory::cache_dir() const {
  if (config_.config_path.empty()) return "";
  std::filesystem::path dir = std::filesystem::path(config_.config_path).parent_path();
  if (dir.empty()) dir = ".";
  return (dir / ".strata-cache").string();
}

std::vector<Revision> ScriptDirectory::load_revisions(std::vector<std::string>* warnings) const {
  std::vector<Revision> revisions;
  RevisionLoader loader(lua::SandboxOptions{module_roots()});
  const std::string cache = cache_dir();
  ListingCache listings(cache.empty() ? "" : cache + "/listings");
  for (const std::string& dir : version_locations()) {
    const ScriptNames listed = cached_script_names_in(dir, listings);
    if (warnings != nullptr && listed.python_files > 0) {
      const size_t n = listed.python_files;
      warnings->push_back(dir + ": " + std::to_string(n) + " Alembic .py revision" +
                          (n == 1 ? " is" : "s are") +
                          " ignored (strata reads .lua; `strata import-alembic` converts them)");
    }
    const size_t first = revisions.size();
    loader.load(dir, listed.names, revisions);
    for (size_t i = first; i < revisions.size(); ++i) {
      if (revisions[i].revision.size() > kMaxRevisionIdLength) {
        throw Error(ErrorCode::kScript, revisions[i].path + ": " + too_long(revisions[i].revision));
      }
    }
  }
  listings.save();
  return revisions;
}

std::string ScriptDirectory::generate_revision(const GenerateOptions& options) const {
  std::string rev_id = options.rev_id.empty() ? random_rev_id() : options.rev_id;
  if (!valid_rev_id(rev_id)) {
    throw Error(ErrorCode::kRevision, "invalid revision id '" + rev_id +
                                          "': use only letters, digits and '_'");
  }
  if (rev_id.size() > kMaxRevisionIdLength) throw Error(ErrorCode::kRevision, too_long(rev_id));
  std::string dir = options.version_path.empty() ? version_locations().front()
                                                 : options.version_path;
  if (!is_dir(dir)) {
    throw Error(ErrorCode::kIo, dir + ": version location does not exist (run 'strata init'?)");
  }
  for (const Revision& rev : load_revisions()) {
    if (rev.revision == rev_id) {
      throw Error(ErrorCode::kRevision,
                  "revision id '" + rev_id + "' already exists (" + rev.path + ")");
    }
  }

  config::TemplateValues values;
  TemplateVars vars;
  vars.create_date = format_create_date(options.now, config_.timezone, values);
  values.rev = rev_id;
  values.slug = config::make_slug(options.message, config_.truncate_slug_length);
  std::string path = dir + "/" + config::render_file_template(config_.file_template, values) +
                     ".lua";
  if (fs::exists(path)) throw Error(ErrorCode::kIo, path + ": already exists");

  vars.message = options.message;
  for (size_t p = vars.message.find('\n'); p != std::string::npos;
       p = vars.message.find('\n', p + 4)) {
    vars.message.replace(p, 1, "\n-- ");
  }
  vars.up_revision = {rev_id};
  vars.down_revision = options.down_revisions;
  vars.branch_labels = options.branch_labels;
  vars.depends_on = options.depends_on;
  vars.upgrades = options.upgrades;
  vars.downgrades = options.downgrades;

  std::string tmpl_path = script_location() + "/script.lua.tmpl";
  std::string tmpl = fs::exists(tmpl_path) ? read_text(tmpl_path) : builtin_script_template();
  if (tmpl.find("${upgrades}") == std::string::npos) {
    tmpl = with_body_tokens(std::move(tmpl));
  }
  std::string text = render_script(tmpl, vars, fs::exists(tmpl_path) ? tmpl_path : "built-in template");
  fs::create_directories(fs::path(path).parent_path());
  write_text(path, text);
  verify_generated(path, rev_id, options);
  return path;
}

void ScriptDirectory::verify_generated(const std::string& path, const std::string& rev_id,
                                       const GenerateOptions& options) const {
  // Like Alembic, read the new script back: a custom template that leaves out
  // a field would otherwise lose it silently.
  auto fail = [&](const std::string& field) {
    std::error_code ec;
    fs::remove(path, ec);
    throw Error(ErrorCode::kScript,
                "revision " + rev_id + " specified " + field + ", however the generated file " +
                    path + " does not have them; does script.lua.tmpl include '${repr(" + field +
                    ")}'?");
  };
  Revision written = lua::read_script_header(path, lua::SandboxOptions{module_roots()});
  if (written.revision != rev_id) fail("revision");
  if (written.down_revisions != options.down_revisions) fail("down_revision");
  if (written.branch_labels != options.branch_labels) fail("branch_labels");
  if (written.depends_on != options.depends_on) fail("depends_on");
}

namespace {

const char* const kTomlTemplate = R"(# strata.toml: configuration for strata, a schema-migration tool that speaks
# Alembic's language with revision scripts in Lua. Relative paths are resolved
# against the directory of this file. Keys may also sit under a [strata] table.

# Directory holding script.lua.tmpl (the template for new revisions),
# versions/ (the revision scripts) and lib/ (modules scripts can require()).
script_location = "migrations"

# Where revision scripts live; default <script_location>/versions. Several
# locations: version_locations = ["migrations/versions", "other/versions"]
# version_locations = ["migrations/versions"]

# File name of a new revision (".lua" is appended). Tokens: %(rev)s %(slug)s
# %(epoch)s %(year)d %(month).2d %(day).2d %(hour).2d %(minute).2d %(second).2d
# e.g. "%(year)d%(month).2d%(day).2d_%(rev)s_%(slug)s"
file_template = "%(rev)s_%(slug)s"

# Maximum length of %(slug)s: the message lowercased, words joined by '_'.
truncate_slug_length = 40

# Database URL in SQLAlchemy's form; ${VAR} and ${VAR:-default} read the
# environment. postgresql://user:pass@host:5432/db, sqlite:///app.db,
# mssql://user@host/db (offline --sql only). --url overrides it.
@URL@

# The table recording the applied revision(s), and its schema ("" for the
# connection's default schema).
version_table = "alembic_version"
version_table_schema = "@SCHEMA@"

# true: commit after every revision; false: one transaction for the whole run.
transaction_per_migration = false

# Time zone of "Create Date" and the file_template date tokens: "" for local
# time, "UTC", or an IANA name such as "Europe/Berlin".
timezone = ""
)";

const char* const kReadme = R"(Revision scripts for strata (@TEMPLATE@ template).

versions/         one Lua file per revision (strata revision -m "message")
lib/              project modules; a script's require("util.names") loads
                  lib/util/names.lua
script.lua.tmpl   the template for new revisions (${message}, ${up_revision},
                  ${down_revision}, ${branch_labels}, ${depends_on},
                  ${create_date}; ${repr(x)} gives the Lua literal)

A revision declares revision/down_revision/branch_labels/depends_on at the top
level and defines upgrade() and downgrade(), which call the `op` API:

  function upgrade()
    op.create_table("users",
      op.column("id", op.Integer, {primary_key = true}),
      op.column("email", op.String(255), {nullable = false, unique = true}),
      {schema = @EXAMPLE_SCHEMA@})
  end

  function downgrade()
    op.drop_table("users", {schema = @EXAMPLE_SCHEMA@})
  end
@EXTRA@)";

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
  return s;
}

}  // namespace

void init_project(const std::string& directory, const std::string& template_name) {
  if (template_name != "generic" && template_name != "multischema") {
    throw Error(ErrorCode::kUsage, "no such template '" + template_name +
                                       "' (available: generic, multischema)");
  }
  std::error_code ec;
  if (fs::exists(directory, ec) && (!fs::is_directory(directory, ec) ||
                                    !fs::is_empty(directory, ec))) {
    throw Error(ErrorCode::kIo, "Directory " + directory + " already exists and is not empty");
  }
  bool multi = template_name == "multischema";
  std::string migrations = directory + "/migrations";
  fs::create_directories(migrations + "/versions", ec);
  if (!ec) fs::create_directories(migrations + "/lib", ec);
  if (ec) throw Error(ErrorCode::kIo, migrations + ": cannot create: " + ec.message());

  // The multischema template has no SQLite fallback: its revisions are
  // written for a server with schemas, so a command that needs the database
  // fails with "no database URL" until DATABASE_URL (or --url) is set.
  std::string toml = replace_all(kTomlTemplate, "@SCHEMA@", multi ? "core" : "");
  toml = replace_all(toml, "@URL@",
                     multi ? "# No default: set DATABASE_URL (or pass --url); commands that need "
                             "the\n# database fail with \"no database URL\" until then.\n"
                             "url = \"${DATABASE_URL:-}\""
                           : "url = \"${DATABASE_URL:-sqlite:///app.db}\"");
  write_text(directory + "/strata.toml", toml);
  write_text(migrations + "/script.lua.tmpl", builtin_script_template());
  std::string readme = replace_all(kReadme, "@TEMPLATE@", template_name);
  readme = replace_all(readme, "@EXAMPLE_SCHEMA@", multi ? "\"core\"" : "nil");
  readme = replace_all(
      readme, "@EXTRA@",
      multi ? "\nThis project keeps its tables in named schemas: the version table lives in\n"
              "schema \"core\" (version_table_schema in strata.toml). strata creates that\n"
              "schema (when missing) before the first revision runs, and keeps it: in a\n"
              "downgrade, op.drop_schema(\"core\") is skipped while the version table is in\n"
              "it. Create schemas in the first revision with\n"
              "op.create_schema(\"core\", {if_not_exists = true}); op.reverse_upgrade() in\n"
              "downgrade() then works down to base. A schema is created only when it is\n"
              "missing, so a role with USAGE and CREATE on pre-created schemas (and no\n"
              "CREATE on the database) can run every revision. `strata doctor` checks the\n"
              "privileges. The database URL comes from DATABASE_URL (no default).\n"
            : "");
  write_text(migrations + "/README", readme);
  // Both caches are named .strata-cache (migrations/.strata-cache: revision
  // headers; .strata-cache/: SQL model results); the pattern matches each.
  write_text(directory + "/.gitignore",
             "# strata's caches (rebuilt on demand; safe to delete)\n.strata-cache\n");
}

}  // namespace strata::script
