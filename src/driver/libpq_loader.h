// The libpq entry points strata uses, resolved with dlopen("libpq.so.5") the
// first time a PostgreSQL connection is opened. Commands that never touch
// PostgreSQL (SQLite runs, heads, history, --sql) then do not pay for
// loading libpq and the ~20 libraries it pulls in (Kerberos, LDAP, GnuTLS,
// OpenSSL): measured here at ~26 ms of CPU and ~430 page faults per process.
//
// Thread-safety: libpq() is safe to call from any thread (initialised once).
#pragma once

#include <libpq-fe.h>

namespace strata::driver {

struct LibPq {
  decltype(&::PQconnectdbParams) connectdbParams;
  decltype(&::PQstatus) status;
  decltype(&::PQerrorMessage) errorMessage;
  decltype(&::PQfinish) finish;
  decltype(&::PQsetNoticeReceiver) setNoticeReceiver;
  decltype(&::PQexec) exec;
  decltype(&::PQresultStatus) resultStatus;
  decltype(&::PQresStatus) resStatus;
  decltype(&::PQresultErrorField) resultErrorField;
  decltype(&::PQnfields) nfields;
  decltype(&::PQntuples) ntuples;
  decltype(&::PQfname) fname;
  decltype(&::PQgetisnull) getisnull;
  decltype(&::PQgetvalue) getvalue;
  decltype(&::PQgetlength) getlength;
  decltype(&::PQgetResult) getResult;
  decltype(&::PQclear) clear;
  decltype(&::PQtransactionStatus) transactionStatus;
  decltype(&::PQcmdTuples) cmdTuples;
};

// The loaded library. Throws strata::Error(kDatabase) when libpq.so.5 or a
// symbol cannot be loaded.
const LibPq& libpq();

}  // namespace strata::driver
