// `strata doctor [--json]`: the CLI side of app/doctor.h. Registered by
// main.cpp with add_doctor_verb(); run_doctor_verb prints the report and
// returns the exit code (0: no problem, 1: a problem was found).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/verbs.h"

namespace strata::cli {

struct DoctorArgs {
  bool json = false;
};

CLI::App* add_doctor_verb(CLI::App& app, DoctorArgs& args);
int run_doctor_verb(const GlobalOptions& g, const DoctorArgs& args);

}  // namespace strata::cli
