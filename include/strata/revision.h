// strata::RevisionInfo — one revision script as the public API reports it
// (current, heads, history, show, branches).
//
// Contract: a plain value, copied out of the revision graph; it stays valid
// after the Migrator that produced it is gone. Ids are full revision ids.
//
// Thread-safety: a value; distinct objects may be used from distinct threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace strata {

struct RevisionInfo {
  std::string id;                             // the revision id
  std::vector<std::string> down_revisions;    // empty for a base revision
  std::vector<std::string> branch_labels;     // labels naming its branch (its own and inherited)
  std::vector<std::string> depends_on;        // as written in the script
  std::vector<std::string> next_revisions;    // the revisions whose down revision it is
  std::string doc;                            // the message (first line of the docstring)
  std::string path;                           // the script file
  std::string create_date;                    // "Create Date" of the script header; "" if none
  bool is_head = false;                       // no revision has it as down revision
  bool is_effective_head = false;             // a head, but another revision depends_on it
  bool is_base = false;
  bool is_branch_point = false;               // more than one revision follows it
  bool is_merge_point = false;                // more than one down revision
  bool is_current = false;                    // in the database's version table (when read)
};

}  // namespace strata
