// The public API's one boundary rule (strata/error.h): no exception crosses
// it. as_result<T>(fn) runs fn and returns its value, a thrown strata::Error
// as the Result's error, or any other exception as ErrorCode::kInternal.
// Migrator::Impl::call does the same and also fills in the run context's error
// fields (revision, statement).
#pragma once

#include <exception>
#include <utility>

#include "strata/error.h"

namespace strata::api {

template <typename T, typename Fn>
Result<T> as_result(Fn&& fn) {
  try {
    return std::forward<Fn>(fn)();
  } catch (const Error& e) {
    return e;
  } catch (const std::exception& e) {
    return Error(ErrorCode::kInternal, e.what());
  }
}

}  // namespace strata::api
