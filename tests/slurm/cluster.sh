#!/usr/bin/env bash
# A throw-away single-node Slurm cluster for the tests: munged, slurmctld and slurmd from
# Debian's munge and slurm-wlm packages, every file in one folder, free ports on localhost.
#
#   cluster.sh start DIR   writes DIR/slurm.conf and DIR/env (source it: SLURM_CONF, PATH),
#                          starts the three daemons and waits until the node is idle
#   cluster.sh stop DIR    stops them (by the pids in DIR) and removes DIR
#
# Runs as root in a container without systemd (the CI): the daemons run in the foreground of
# background subshells, no cgroups (proctrack/linuxproc, task/none), no accounting database.
set -euo pipefail
cmd=${1:?usage: cluster.sh start|stop DIR}
dir=${2:?usage: cluster.sh start|stop DIR}

stop() {
  local name pid i
  for name in slurmd slurmctld munged; do
    [ -f "$dir/$name.pid" ] || continue
    pid=$(cat "$dir/$name.pid")
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

if [ "$cmd" = stop ]; then
  [ -d "$dir" ] || exit 0
  stop
  rm -rf "$dir"
  exit 0
fi
[ "$cmd" = start ] || { echo "usage: cluster.sh start|stop DIR" >&2; exit 2; }

if [ "$(id -u)" -ne 0 ]; then
  # slurmd must start jobs as their user, and this slurm.conf names root as SlurmUser.
  echo "SKIP: the test Slurm cluster needs root (the CI runs scripts/test.sh as root)"
  exit 77
fi
PATH=$PATH:/usr/sbin:/sbin
for tool in munged mungekey slurmctld slurmd sbatch squeue scancel sinfo python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool not found (scripts/install-deps.sh installs munge and slurm-wlm)"
    exit 77
  fi
done
[ -d "$dir" ] && stop  # daemons a killed test run left behind
rm -rf "$dir"
mkdir -p "$dir"/{munge,state,spool,log}
dir=$(cd "$dir" && pwd)
chmod 700 "$dir/munge"
trap 'echo "cluster.sh: start failed; logs:" >&2; tail -n 20 "$dir"/log/* >&2 || true; stop' ERR

mungekey --create --keyfile="$dir/munge/munge.key" --bits=1024 >/dev/null 2>&1 ||
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=128 count=1 status=none
chmod 400 "$dir/munge/munge.key"
socket=$dir/munge/munge.socket
munged --force --foreground --key-file="$dir/munge/munge.key" --socket="$socket" \
  --pid-file="$dir/munge/munged.pid" --seed-file="$dir/munge/munged.seed" \
  --log-file="$dir/log/munged.log" </dev/null >>"$dir/log/munged.out" 2>&1 &
echo $! > "$dir/munged.pid"
for i in $(seq 1 100); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || { echo "cluster.sh: munged did not start" >&2; false; }

node=$(hostname -s)
hw=$(slurmd -C | head -1)  # NodeName=HOST CPUs=... RealMemory=...
cpus=$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$hw")
mem=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$hw")
ctld_port=$(free_port)
slurmd_port=$(free_port)
while [ "$slurmd_port" = "$ctld_port" ]; do slurmd_port=$(free_port); done
cat > "$dir/slurm.conf" <<CONF
ClusterName=cutover-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid.conf
SlurmdPidFile=$dir/slurmd.pid.conf
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=2
MinJobAge=300
MaxJobCount=10000
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF
export SLURM_CONF=$dir/slurm.conf
slurmctld -D -i -f "$SLURM_CONF" </dev/null >>"$dir/log/slurmctld.out" 2>&1 &
echo $! > "$dir/slurmctld.pid"
slurmd -D -f "$SLURM_CONF" -N "$node" </dev/null >>"$dir/log/slurmd.out" 2>&1 &
echo $! > "$dir/slurmd.pid"
state=""
for i in $(seq 1 300); do
  state=$(sinfo -h -n "$node" -o %T 2>/dev/null || true)
  case "$state" in idle|mixed|allocated) break ;; esac
  sleep 0.1
done
case "$state" in idle|mixed|allocated) ;; *) echo "cluster.sh: node state '$state' after 30 s" >&2; false ;; esac
printf 'export SLURM_CONF=%q\nexport PATH=%q\n' "$SLURM_CONF" "$PATH" > "$dir/env"
trap - ERR
echo "slurm cluster up in $dir (slurmctld port $ctld_port, slurmd port $slurmd_port, $cpus CPUs)"
