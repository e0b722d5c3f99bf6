#include "driver/libpq_loader.h"

#include <dlfcn.h>

#include <mutex>
#include <string>

#include "strata/error.h"

namespace strata::driver {
namespace {

template <typename Fn>
void resolve(void* handle, const char* name, Fn& slot) {
  void* symbol = ::dlsym(handle, name);
  if (symbol == nullptr) {
    throw Error(ErrorCode::kDatabase, std::string("libpq.so.5 has no symbol ") + name);
  }
  slot = reinterpret_cast<Fn>(symbol);
}

LibPq load() {
  // RTLD_LAZY, as a program linked with -lpq: RTLD_NOW would bind every
  // function libpq's ~20 libraries import (Kerberos, LDAP, GnuTLS, ...) at
  // load time, thousands of symbol lookups through strata's own libraries
  // too — about half of `strata current`'s CPU time. The entry points strata
  // calls are resolved below, so a missing one is still an error here.
  void* handle = ::dlopen("libpq.so.5", RTLD_LAZY | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    throw Error(ErrorCode::kDatabase,
                std::string("cannot load libpq (install libpq5): ") + (why ? why : "unknown"));
  }
  LibPq pq{};
  resolve(handle, "PQconnectdbParams", pq.connectdbParams);
  resolve(handle, "PQstatus", pq.status);
  resolve(handle, "PQerrorMessage", pq.errorMessage);
  resolve(handle, "PQfinish", pq.finish);
  resolve(handle, "PQsetNoticeReceiver", pq.setNoticeReceiver);
  resolve(handle, "PQexec", pq.exec);
  resolve(handle, "PQresultStatus", pq.resultStatus);
  resolve(handle, "PQresStatus", pq.resStatus);
  resolve(handle, "PQresultErrorField", pq.resultErrorField);
  resolve(handle, "PQnfields", pq.nfields);
  resolve(handle, "PQntuples", pq.ntuples);
  resolve(handle, "PQfname", pq.fname);
  resolve(handle, "PQgetisnull", pq.getisnull);
  resolve(handle, "PQgetvalue", pq.getvalue);
  resolve(handle, "PQgetlength", pq.getlength);
  resolve(handle, "PQgetResult", pq.getResult);
  resolve(handle, "PQclear", pq.clear);
  resolve(handle, "PQtransactionStatus", pq.transactionStatus);
  resolve(handle, "PQcmdTuples", pq.cmdTuples);
  return pq;  // the handle stays open for the life of the process
}

}  // namespace

const LibPq& libpq() {
  static std::once_flag once;
  static LibPq instance;
  std::call_once(once, [] { instance = load(); });
  return instance;
}

}  // namespace strata::driver
