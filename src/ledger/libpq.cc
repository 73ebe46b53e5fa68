#include "ledger/libpq.h"

#include <dlfcn.h>
#include <fmt/format.h>

#include <type_traits>

namespace cutover {
namespace {

Result<LibPq> LoadLibPq() {
  void* handle = ::dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    return Status::IoError(fmt::format(
        "cannot load libpq for a PostgreSQL ledger ({}): install the Debian package libpq5",
        ::dlerror()));
  }
  LibPq api;
  bool ok = true;
  auto bind = [&](auto& fn, const char* name) {
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(::dlsym(handle, name));
    ok = ok && fn != nullptr;
  };
  bind(api.clear, "PQclear");
  bind(api.cmd_tuples, "PQcmdTuples");
  bind(api.connectdb_params, "PQconnectdbParams");
  bind(api.conninfo_free, "PQconninfoFree");
  bind(api.conninfo_parse, "PQconninfoParse");
  bind(api.error_message, "PQerrorMessage");
  bind(api.exec, "PQexec");
  bind(api.exec_params, "PQexecParams");
  bind(api.finish, "PQfinish");
  bind(api.ftype, "PQftype");
  bind(api.get_result, "PQgetResult");
  bind(api.getisnull, "PQgetisnull");
  bind(api.getlength, "PQgetlength");
  bind(api.getvalue, "PQgetvalue");
  bind(api.nfields, "PQnfields");
  bind(api.ntuples, "PQntuples");
  bind(api.put_copy_data, "PQputCopyData");
  bind(api.put_copy_end, "PQputCopyEnd");
  bind(api.reset, "PQreset");
  bind(api.result_error_field, "PQresultErrorField");
  bind(api.result_error_message, "PQresultErrorMessage");
  bind(api.result_status, "PQresultStatus");
  bind(api.set_notice_processor, "PQsetNoticeProcessor");
  bind(api.status, "PQstatus");
  bind(api.transaction_status, "PQtransactionStatus");
  if (!ok) return Status::IoError("libpq.so.5 lacks a function cutover needs: upgrade libpq5");
  return api;
}

}  // namespace

const Result<LibPq>& LibPqApi() {
  static const Result<LibPq> api = LoadLibPq();
  return api;
}

}  // namespace cutover
