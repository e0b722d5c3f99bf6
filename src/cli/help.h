// Help texts and verb-name errors shared by every verb (cli/main.cpp).
//
// Contract:
//  - finish_help(): once every verb is registered, the shared footer
//    (revision grammar, examples) is shown by `strata --help` only, and each
//    verb's --help ends with the global options it accepts (-c, --url, -x,
//    -q), after the verb's own footer if it has one.
//  - verb_argument(): the first argument that is not an option (nor a
//    global option's value): the verb, if the command line is well formed.
//    main.cpp registers only that verb when it names one, and says "unknown
//    command 'X'" instead of CLI11's "A subcommand is required" when not.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace strata::cli {

void finish_help(CLI::App& app, const std::string& footer);
std::optional<std::string> verb_argument(int argc, char** argv);

}  // namespace strata::cli
