#include "cli/help.h"

#include <string_view>
#include <vector>

namespace strata::cli {
namespace {

constexpr const char* kGlobalOptions =
    "\nGlobal options (before or after the verb):\n"
    "  -c, --config FILE   configuration file (default: strata.toml)\n"
    "  --url URL           database URL, overriding the configuration's url\n"
    "  -x key=value        value for scripts (op.x(key)); repeatable\n"
    "  -q, --quiet         do not print progress";

void add_global_options(CLI::App* sub) {
  const std::string own = sub->get_footer();
  sub->footer(own.empty() ? std::string(kGlobalOptions) : own + "\n" + kGlobalOptions);
  for (CLI::App* nested : sub->get_subcommands([](CLI::App*) { return true; })) {
    add_global_options(nested);
  }
}

}  // namespace

void finish_help(CLI::App& app, const std::string& footer) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    // A verb created while the shared footer was set inherited it: drop it.
    if (sub->get_footer() == footer) sub->footer("");
    add_global_options(sub);
  }
  app.footer(footer);
}

std::optional<std::string> verb_argument(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-c" || arg == "--config" || arg == "--url" || arg == "-x") {
      ++i;  // the option's value
      continue;
    }
    if (arg.empty() || arg[0] == '-') continue;
    return std::string(arg);
  }
  return std::nullopt;
}

}  // namespace strata::cli
