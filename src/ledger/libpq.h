// libpq, loaded with dlopen on first use (like libzip, util/libzip.h). Linked, libpq.so.5 would
// load about twenty libraries (libssl, libcrypto, Kerberos, LDAP...) at every start of cutover,
// while only a PostgreSQL ledger needs it; `cutover step` with SQLite must stay fast to start.
#pragma once

#include <libpq-fe.h>

#include "util/status.h"

namespace cutover {

// The functions cutover uses, bound by name. Constant after loading.
struct LibPq {
  decltype(&::PQclear) clear = nullptr;
  decltype(&::PQcmdTuples) cmd_tuples = nullptr;
  decltype(&::PQconnectdbParams) connectdb_params = nullptr;
  decltype(&::PQconninfoFree) conninfo_free = nullptr;
  decltype(&::PQconninfoParse) conninfo_parse = nullptr;
  decltype(&::PQerrorMessage) error_message = nullptr;
  decltype(&::PQexec) exec = nullptr;
  decltype(&::PQexecParams) exec_params = nullptr;
  decltype(&::PQfinish) finish = nullptr;
  decltype(&::PQftype) ftype = nullptr;
  decltype(&::PQgetResult) get_result = nullptr;
  decltype(&::PQgetisnull) getisnull = nullptr;
  decltype(&::PQgetlength) getlength = nullptr;
  decltype(&::PQgetvalue) getvalue = nullptr;
  decltype(&::PQnfields) nfields = nullptr;
  decltype(&::PQntuples) ntuples = nullptr;
  decltype(&::PQputCopyData) put_copy_data = nullptr;
  decltype(&::PQputCopyEnd) put_copy_end = nullptr;
  decltype(&::PQreset) reset = nullptr;
  decltype(&::PQresultErrorField) result_error_field = nullptr;
  decltype(&::PQresultErrorMessage) result_error_message = nullptr;
  decltype(&::PQresultStatus) result_status = nullptr;
  decltype(&::PQsetNoticeProcessor) set_notice_processor = nullptr;
  decltype(&::PQstatus) status = nullptr;
  decltype(&::PQtransactionStatus) transaction_status = nullptr;
};

// The process-wide binding, loaded once (thread-safe) and never unloaded; an error names the
// Debian package to install.
const Result<LibPq>& LibPqApi();

}  // namespace cutover
