// Revision: one revision script's identity and graph edges, as read from its
// header variables (never by running upgrade/downgrade).
#pragma once

#include <set>
#include <string>
#include <vector>

namespace strata::script {

struct Revision {
  std::string revision;                     // id
  std::vector<std::string> down_revisions;  // empty: a base; >1: a merge
  std::vector<std::string> branch_labels;   // as declared in the script
  std::vector<std::string> depends_on;      // revision ids or branch labels, as declared
  std::string doc;                          // first docstring line ("message")
  std::string path;                         // script file
  std::string create_date;                  // from the header comment, may be empty
};

}  // namespace strata::script
