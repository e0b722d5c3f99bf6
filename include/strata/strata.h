// strata: the whole public API in one include. See strata/migrator.h (and
// strata/fleet.h for many databases and tenants at once).
#pragma once

#include "strata/connection.h"
#include "strata/error.h"
#include "strata/fleet.h"
#include "strata/import_alembic.h"
#include "strata/migrator.h"
#include "strata/progress.h"
#include "strata/reports.h"
#include "strata/revision.h"
