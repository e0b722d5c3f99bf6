// model::Catalog as JSON text and back, for caches (the SQL models' dev
// database result, models/sql_model_cache.h).
//
// Contract: catalog_from_json(catalog_to_json(c)) == c for every Catalog —
// every field of every object is written (unset optionals as null, Type::Kind
// by name). catalog_from_json throws Error(kIo) "<what>: ..." for text that
// is not such a document (bad JSON, a missing or mistyped field, an unknown
// type kind); `what` names the source in the message.
#pragma once

#include <string>
#include <string_view>

#include "model/catalog.h"

namespace strata::model {

std::string catalog_to_json(const Catalog& catalog);

Catalog catalog_from_json(std::string_view text, std::string_view what);

}  // namespace strata::model
