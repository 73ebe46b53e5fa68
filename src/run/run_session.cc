#include "run/run_session.h"

#include <unistd.h>

#include "run/recovery.h"

namespace cutover {

Result<std::unique_ptr<RunSession>> RunSession::Begin(const RunContext& ctx,
                                                      const std::string& command) {
  CUTOVER_RETURN_IF_ERROR(RecoverDeadRuns(ctx).status());
  CUTOVER_ASSIGN_OR_RETURN(FileLock lock, AcquireRunLock(ctx));
  std::unique_ptr<RunSession> session(new RunSession(ctx, std::move(lock)));
  RunRecord run;
  run.command = command;
  run.user = ctx.user;
  run.host = ctx.host;
  run.pid = ::getpid();
  run.started_ms = ctx.clock->NowMs();
  CUTOVER_ASSIGN_OR_RETURN(session->run_id_, ctx.ledger->BeginRun(run));
  auto executor = TaskExecutor::Create(ctx, session->run_id_);
  if (!executor.ok()) {
    session->finished_ = true;
    (void)ctx.ledger->FinishRun(session->run_id_, RunStatus::kFailed, ctx.clock->NowMs());
    return executor.status();
  }
  session->executor_ = std::move(executor).value();
  return session;
}

RunSession::~RunSession() {
  if (!finished_) (void)Finish(RunStatus::kFailed);
}

Status RunSession::Finish(RunStatus status, RunStatus* ended) {
  finished_ = true;
  executor_->WaitForShadows();
  if (ctx_.cancel->cancelled()) status = RunStatus::kInterrupted;
  Status intact = ctx_.ledger->CheckIntact();
  if (!intact.ok()) status = RunStatus::kFailed;
  if (ended) *ended = status;
  Status recorded = ctx_.ledger->FinishRun(run_id_, status, ctx_.clock->NowMs());
  return intact.ok() ? recorded : intact;
}

}  // namespace cutover
