// refuse_untranslated (contract in runtime/untranslated_guard.h).
#include "runtime/untranslated_guard.h"

#include "strata/error.h"

namespace strata::runtime {

void refuse_untranslated(const std::vector<script::MigrationStep>& steps) {
  for (const script::MigrationStep& step : steps) {
    if (step.is_stamp || step.revision == nullptr) continue;
    const char* direction = step.is_upgrade ? "upgrade" : "downgrade";
    for (const script::UntranslatedMark& mark : step.revision->untranslated) {
      if (!mark.direction.empty() && mark.direction != direction) continue;
      throw Error(ErrorCode::kScript, step.revision->path + ":" + std::to_string(mark.line) +
                                          ": not translated: " + mark.construct);
    }
  }
}

}  // namespace strata::runtime
