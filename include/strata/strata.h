// strata: the whole public API in one include. See strata/migrator.h.
#pragma once

#include "strata/connection.h"
#include "strata/error.h"
#include "strata/import_alembic.h"
#include "strata/migrator.h"
#include "strata/progress.h"
#include "strata/reports.h"
#include "strata/revision.h"
