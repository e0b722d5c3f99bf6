// Running python3 on a script strata ships in its binary (the SQLAlchemy
// exporter, the Alembic translator), with output captured.
//
// Contract of run_python_script:
//  - writes `script_source` to a private temporary file, runs
//    `python <that file> args...` (python looked up on PATH unless it
//    contains a '/') with stdin from /dev/null, stdout and stderr captured
//    in temporary files, PYTHONDONTWRITEBYTECODE=1; waits for it; removes
//    the temporary files;
//  - exit_code is the interpreter's exit status, 128 + signal when killed,
//    127 with empty output when it could not be started;
//  - throws Error(kIo) only when a temporary file cannot be made or fork
//    fails.
// Scripts report their own failures as the last stderr line
// "strata-python-error: <message>" with exit 3; python_error_line() reads it.
#pragma once

#include <string>
#include <vector>

namespace strata::common {

struct PythonRun {
  int exit_code = 0;
  std::string out, err;
};

PythonRun run_python_script(const std::string& python, const char* script_source,
                            const std::vector<std::string>& args);

// The one-line message of a failed run: the script's "strata-python-error:"
// line without its marker, else stderr's last line, else the exit status.
std::string python_error_line(const PythonRun& run, const std::string& python);

}  // namespace strata::common
