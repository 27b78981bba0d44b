# Unprivileged host users for kwok's exec (sourced by start.sh).
# kwok runs every exec'd command as a local process on this machine. The Exec rule's
# securityContext{runAsUser,runAsGroup} must name a uid/gid present in /etc/passwd and /etc/group
# (kwok, built with CGO_ENABLED=0, looks them up there), and must never be root: Airflow stops the
# XCom sidecar with `kill -2 $(pgrep -u $(id -u) -f 'sh')`, which as root would hit CI's own shells.
# shellcheck shell=bash
EXEC_USERS=${KUBETASKS_K8S_EXEC_USERS:-2}   # user 0: XCom reads; user 1: the sidecar-kill test

ensure_exec_users() {  # sets EXEC_IDS="uid:gid uid:gid ..."
  local i name ids=() gopt
  [[ $EXEC_USERS =~ ^[1-9][0-9]*$ ]] || die "KUBETASKS_K8S_EXEC_USERS must be a positive number"
  : >"$STATE/exec-users"
  for ((i = 0; i < EXEC_USERS; i++)); do
    name=$EXEC_USER_PREFIX-$i
    if ! getent passwd "$name" >/dev/null; then
      gopt=(-U); getent group "$name" >/dev/null && gopt=(-g "$name")
      useradd -r "${gopt[@]}" -M -d /nonexistent -s /usr/sbin/nologin "$name" \
        || die "useradd $name failed"
    fi
    [[ $(id -u "$name") != 0 && $(id -g "$name") != 0 ]] || die "exec user $name must not be root"
    ids+=("$(id -u "$name"):$(id -g "$name")")
    printf '%s\n' "$name" >>"$STATE/exec-users"   # stop.sh ends leftovers of exactly these users
  done
  EXEC_IDS=${ids[*]}
}

# /airflow/xcom -> /proc/self/cwd: each exec'd process resolves the absolute XCom path inside its
# own working directory, which is its pod's Exec workDir. So pod A's sidecar reads A's file.
ensure_xcom_link() {
  if [[ -L /airflow/xcom ]]; then
    [[ $(readlink /airflow/xcom) == /proc/self/cwd ]] && return 0
    die "/airflow/xcom is a symlink to $(readlink /airflow/xcom), expected /proc/self/cwd"
  elif [[ -e /airflow/xcom ]]; then
    die "/airflow/xcom exists and is not a symlink; move it away (exec XCom needs /airflow/xcom -> /proc/self/cwd)"
  fi
  mkdir -p /airflow && chmod 755 /airflow && ln -sfn /proc/self/cwd /airflow/xcom
}

check_exec_access() {  # every exec user must be able to enter the per-pod workDirs
  local id uid gid
  for id in $EXEC_IDS; do
    uid=${id%%:*} gid=${id##*:}
    setpriv --reuid="$uid" --regid="$gid" --clear-groups test -x "$STATE/exec" \
      || die "uid $uid cannot enter $STATE/exec: every parent directory must be world-searchable (set KUBETASKS_K8S_STATE)"
  done
}

stop_exec_users() {  # kwok never closes an exec'd command's stdin: end what still runs as our users
  local user pid
  [[ -f $STATE/exec-users ]] || return 0
  while read -r user; do
    if [[ $user == "$EXEC_USER_PREFIX"-* ]] && getent passwd "$user" >/dev/null; then
      # only this cluster's: another cluster on the machine (npm start beside npm test) shares the users, and its
      # exec'd commands run in its own pods' workDirs
      for pid in $(pgrep -u "$user" 2>/dev/null); do
        [[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$STATE/exec/"* ]] && kill -KILL "$pid" 2>/dev/null
      done
    fi
  done <"$STATE/exec-users"
  return 0
}
