// Per-(step, sample) locks in PostgreSQL: session-level advisory locks, all held on one
// dedicated connection per cutover process (not the ledger's: a ledger call that waits or
// reconnects must not touch the locks).
//
// Why advisory locks and not a lock table with heartbeats: the server releases a session's
// advisory locks the moment the session ends, so a cutover killed with kill -9 (its socket
// closes) frees its locks at once, with no expiry to tune and no clock to trust. A machine that
// vanishes without closing its socket is noticed by TCP keepalives, which this connection sets
// short (about 20 s). Nothing is written, so holding a lock costs no database traffic.
//
// Losing the connection loses the locks. A heartbeat (every second while a lock is held)
// notices, reconnects and takes every lock back with pg_try_advisory_lock; a lock someone else
// took meanwhile is marked lost, and TaskLock::Check() then fails, so its holder does not
// publish. Within a process, a key held by one thread is busy for the others (advisory locks
// are re-entrant per session, so the process keeps its own set).
#pragma once

#include <memory>
#include <string>

#include "ledger/pg_db.h"
#include "ledger/task_lock.h"
#include "util/status.h"

namespace cutover {

struct PgTaskLocksOptions {
  PgDbOptions db;
  int heartbeat_ms = 1000;  // how often a connection holding locks is checked
  // After a lost connection, how long Check() keeps trying to reconnect before the locks are
  // declared lost.
  int reconnect_timeout_ms = 30000;
};

// Locks in the database at `url`, on their own connection, opened on first use (its
// application name says which process holds the locks, e.g. "cutover pid 123 on host").
std::unique_ptr<TaskLocks> MakePostgresTaskLocks(const std::string& url,
                                                 const PgTaskLocksOptions& options = {});

// The 64-bit advisory lock key of (step, sample).
int64_t PgTaskLockKey(const std::string& step, const std::string& sample);

}  // namespace cutover
