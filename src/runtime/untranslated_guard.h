// The refusal of revisions `strata import-alembic` could not translate
// wholly (script/revision.h UntranslatedMark).
//
// Contract: refuse_untranslated(steps) throws Error(kScript)
// "<script>:<line>: not translated: <construct>" for the first step (in plan
// order) whose revision carries a mark for the step's direction (a mark
// without a direction counts for both); stamps are never refused (they run
// no script). The runner calls it on every plan before any step runs, so an
// untranslated revision anywhere in the plan leaves the database untouched.
#pragma once

#include <vector>

#include "script/migration_plan.h"

namespace strata::runtime {

void refuse_untranslated(const std::vector<script::MigrationStep>& steps);

}  // namespace strata::runtime
