#!/usr/bin/env bash
# A real single-node SLURM cluster on localhost, for the cluster tests and for trying the
# cluster path on a laptop. Needs root (it installs Debian's slurm packages if missing and
# starts munged, slurmctld and slurmd without systemd).
#
#   scripts/slurm-local.sh start    # idempotent; prints the state directory
#   scripts/slurm-local.sh status
#   scripts/slurm-local.sh stop
#
# State, logs and the job-completion record live in $HER2SIM_SLURM_DIR (default
# /tmp/her2sim-slurm). Only one such cluster can run per machine (ports 6817/6818).
set -euo pipefail
DIR="${HER2SIM_SLURM_DIR:-/tmp/her2sim-slurm}"
CONF=/etc/slurm/slurm.conf

log() { echo "slurm-local: $*" >&2; }

alive() { # pid file -> running (a zombie counts as dead)
  local f="$1" pid state
  [ -f "$f" ] || return 1
  pid=$(cat "$f" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo Z)
  [ "$state" != "Z" ]
}

install() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null && command -v sbatch >/dev/null; then
    return
  fi
  [ "$(id -u)" -eq 0 ] || { log "needs root to install slurmctld slurmd slurm-client munge"; exit 1; }
  log "installing slurmctld slurmd slurm-client munge ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
}

start_munge() {
  mkdir -p /run/munge /var/lib/munge /var/log/munge /etc/munge
  chown munge:munge /run/munge /var/lib/munge /var/log/munge
  chmod 0755 /run/munge
  if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
  fi
  chown munge:munge /etc/munge/munge.key
  chmod 0400 /etc/munge/munge.key
  if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    runuser -u munge -- /usr/sbin/munged --force
    for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  fi
}

write_conf() {
  local host node
  host=$(hostname -s)
  node=$(slurmd -C | head -n 1 | sed -e "s/NodeName=[^ ]*/NodeName=$host/" -e 's/ *$//')
  mkdir -p /etc/slurm "$DIR/state" "$DIR/spool" "$DIR/log"
  cat > "$CONF" <<CONF
# written by scripts/slurm-local.sh: a one-node cluster on localhost
ClusterName=her2sim-local
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$DIR/log/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=batch_sched_delay=0
MailProg=/bin/true
ReturnToService=2
MinJobAge=600
# deliberately small, so that splitting a sweep into several arrays is exercised locally
MaxArraySize=${HER2SIM_SLURM_MAX_ARRAY:-5}
${node} NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP
CONF
}

start() {
  install
  if alive "$DIR/slurmctld.pid" && alive "$DIR/slurmd.pid"; then
    log "already running"; echo "$DIR"; return
  fi
  stop_daemons
  rm -rf "$DIR/state" "$DIR/spool"
  start_munge
  write_conf
  /usr/sbin/slurmctld -i
  for _ in $(seq 100); do alive "$DIR/slurmctld.pid" && break; sleep 0.05; done
  /usr/sbin/slurmd
  for _ in $(seq 200); do
    if sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
      log "node ready"; echo "$DIR"; return
    fi
    sleep 0.1
  done
  log "the node did not become idle; see $DIR/log"; sinfo >&2 || true; exit 1
}

stop_daemons() {
  for d in slurmd slurmctld; do
    local f="$DIR/$d.pid"
    if alive "$f"; then
      local pid; pid=$(cat "$f")
      if grep -q "$d" "/proc/$pid/comm" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do alive "$f" || break; sleep 0.1; done
      fi
    fi
    rm -f "$f"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop_daemons; log "stopped" ;;
  status) if alive "$DIR/slurmctld.pid" && alive "$DIR/slurmd.pid"; then sinfo; else log "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
