# shellcheck shell=bash disable=SC2034  # globals are read by the sourcing script
# Shared by pidgin.sh and finch.sh; source it, do not run it.
#
# Sets up, on loopback only, what a person would have: a prosody server with
# the accounts alice and bob (each in the other's roster), bob online through
# an independent XMPP client, and a fresh libpurple profile for alice in which
# bob's contact is flagged for softstart and the plugin is loaded. Everything
# started is recorded by PID and stopped on exit; the temporary folder goes
# with it.
#
# Usage from a script:
#   source "$(dirname "$0")/lib.sh"
#   shots_init DEFAULT_OUT "$@"  # [BUILD_DIR] [OUT_DIR]; builds the plugin if missing
#   shots_start_prosody          # sets SHOTS_PORT
#   shots_start_bob
#   shots_write_profile DIR UI_ID PLUGIN_PREF_ROOT
#   shots_spawn NAME LOG cmd...  # runs cmd in the background, stopped on exit
#
# Nothing here contacts any address but 127.0.0.1: prosody listens there only
# (no s2s, no HTTP), the account connects to the IP (no DNS, no SRV), and the
# profile turns off UPnP/NAT-PMP, public-IP discovery and the STUN lookup.

set -eEuo pipefail

readonly SHOTS_DOMAIN=localhost
readonly SHOTS_PASSWORD=softstart-shots
# A blame message the rules hold ("never", "you ... anymore").
readonly SHOTS_MESSAGE="You never want to cuddle anymore"

SHOTS_PIDS=()
SHOTS_NAMES=()

shots_log() { printf 'screenshots: %s\n' "$*" >&2; }

shots_die() {
  shots_log "error: $*"
  exit 1
}

# Prints the last lines of the logs in the temporary folder: called when a
# step fails, before the folder is removed.
shots_dump_logs() {
  local file
  for file in "$SHOTS_TMP"/*.log "$SHOTS_TMP"/prosody/*.log; do
    [[ -s $file ]] || continue
    printf -- '--- %s (last lines)\n' "${file#"$SHOTS_TMP"/}" >&2
    tail -n 15 "$file" >&2
  done
}

shots_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if ((status != 0)) && [[ -n ${SHOTS_TMP:-} && -d $SHOTS_TMP ]]; then
    shots_dump_logs
  fi
  # A tmux server ends the programs in its panes (SIGHUP) when it goes.
  if [[ -n ${SHOTS_TMUX_SOCKET:-} ]]; then
    tmux -S "$SHOTS_TMUX_SOCKET" kill-server 2>/dev/null || true
  fi
  local i pid
  # Newest first: clients before the server, the X server last.
  for ((i = ${#SHOTS_PIDS[@]} - 1; i >= 0; i--)); do
    pid=${SHOTS_PIDS[i]}
    kill -0 "$pid" 2>/dev/null || continue
    # A wrapper (strace) goes with the program it runs: ask the program first.
    local child
    for child in $(pgrep -P "$pid" 2>/dev/null || true); do
      kill -TERM "$child" 2>/dev/null || true
    done
    kill -TERM "$pid" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      shots_log "${SHOTS_NAMES[i]} (pid $pid) ignored TERM; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  if [[ -n ${SHOTS_TMP:-} && -d $SHOTS_TMP ]]; then
    rm -rf -- "$SHOTS_TMP"
  fi
  exit "$status"
}

# shots_spawn NAME LOG CMD...: starts CMD in the background with its output
# in LOG and records its PID for the cleanup.
shots_spawn() {
  local name=$1 log=$2
  shift 2
  "$@" >"$log" 2>&1 &
  SHOTS_PIDS+=("$!")
  SHOTS_NAMES+=("$name")
}

# shots_wait_for SECONDS DESCRIPTION CMD...: polls CMD until it succeeds.
shots_wait_for() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || shots_die "timed out after ${seconds}s waiting for $what"
    sleep 0.2
  done
}

# shots_init DEFAULT_OUT [BUILD_DIR] [OUT_DIR]: DEFAULT_OUT is relative to the
# repository.
shots_init() {
  SHOTS_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  local default_out=$1
  shift
  SHOTS_BUILD=${1:-$SHOTS_REPO/build-shots}
  SHOTS_OUT=${2:-$SHOTS_REPO/$default_out}
  SHOTS_START=$SECONDS

  "$SHOTS_REPO/scripts/screenshots/install-deps"

  SHOTS_PLUGIN=$SHOTS_BUILD/plugin/softstart.so
  if [[ ! -f $SHOTS_PLUGIN ]]; then
    shots_log "no $SHOTS_PLUGIN; building it (in $SHOTS_BUILD)"
    "$SHOTS_REPO/scripts/install-deps"
    cmake -S "$SHOTS_REPO" -B "$SHOTS_BUILD" -DSOFTSTART_BUILD_BENCH=OFF \
      -DSOFTSTART_BUILD_TESTS=OFF >/dev/null
    cmake --build "$SHOTS_BUILD" --target softstart_plugin -j2 >/dev/null
  fi
  [[ -f $SHOTS_PLUGIN ]] || shots_die "the plugin was not built: $SHOTS_PLUGIN"
  SHOTS_PLUGIN=$(cd "$(dirname "$SHOTS_PLUGIN")" && pwd)/softstart.so

  mkdir -p "$SHOTS_OUT"
  SHOTS_OUT=$(cd "$SHOTS_OUT" && pwd)
  SHOTS_TMP=$(mktemp -d "${TMPDIR:-/tmp}/softstart-shots.XXXXXX")
  trap shots_cleanup EXIT
  trap 'shots_log "failed: $BASH_COMMAND (${BASH_SOURCE[0]##*/}:$LINENO)"' ERR
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # The clients get a home of their own: nothing from the caller's ~/.purple,
  # ~/.local/share/softstart or GTK settings leaks into the pictures, and the
  # rules come from this checkout.
  export HOME=$SHOTS_TMP/home
  mkdir -p "$HOME"
  unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME
  export SOFTSTART_RULES_DIR=$SHOTS_REPO/dictionaries/en
  export LANG=C.UTF-8 LC_ALL=C.UTF-8
  # No session bus: libpurple's D-Bus glue stays off and nothing autolaunches.
  export DBUS_SESSION_BUS_ADDRESS=unix:path=$SHOTS_TMP/no-bus
  export NO_AT_BRIDGE=1
}

shots_free_port() {
  /usr/bin/python3 -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# Writes a roster for USER holding FRIEND with a mutual subscription, in
# prosody's internal storage, so presence flows without asking anyone.
shots_write_roster() {
  local user=$1 friend=$2 alias=$3
  local dir=$SHOTS_TMP/prosody/data/$SHOTS_DOMAIN/roster
  mkdir -p "$dir"
  cat >"$dir/$user.dat" <<EOF
return {
	[false] = { ["version"] = 1; };
	["$friend@$SHOTS_DOMAIN"] = {
		["subscription"] = "both";
		["groups"] = { ["Buddies"] = true; };
		["name"] = "$alias";
	};
};
EOF
}

shots_start_prosody() {
  local dir=$SHOTS_TMP/prosody
  mkdir -p "$dir/data" "$dir/certs"
  SHOTS_PORT=$(shots_free_port)
  [[ -n $SHOTS_PORT ]] || shots_die "no free loopback port"
  local run_as_root=false
  ((EUID == 0)) && run_as_root=true
  # Loopback only: every listener but c2s has no ports, and the modules that
  # could reach out (s2s) or need certificates (tls) are off. Plain auth
  # without TLS is acceptable only because nothing leaves 127.0.0.1.
  cat >"$dir/prosody.cfg.lua" <<EOF
run_as_root = $run_as_root
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
certificates = "$dir/certs"
interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_interfaces = { "127.0.0.1" }
c2s_ports = { $SHOTS_PORT }
s2s_ports = { }
c2s_direct_tls_ports = { }
s2s_direct_tls_ports = { }
legacy_ssl_ports = { }
http_ports = { }
https_ports = { }
component_ports = { }
modules_enabled = { "roster", "saslauth", "disco", "presence", "message", "iq", "ping" }
modules_disabled = { "tls", "s2s", "offline", "c2s_csi", "http", "bosh", "websocket" }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_plain"
log = { info = "$dir/prosody.log" }
VirtualHost "$SHOTS_DOMAIN"
EOF
  local user
  for user in alice bob; do
    prosodyctl --config "$dir/prosody.cfg.lua" register "$user" "$SHOTS_DOMAIN" \
      "$SHOTS_PASSWORD" >>"$dir/prosodyctl.log" 2>&1 ||
      shots_die "prosodyctl register $user failed"
  done
  shots_write_roster alice bob Bob
  shots_write_roster bob alice Alice
  # -F keeps prosody in the foreground, so the PID we hold is prosody's.
  shots_spawn prosody "$SHOTS_TMP/prosody.log" prosody --config "$dir/prosody.cfg.lua" -F
  shots_wait_for 20 "prosody to listen on 127.0.0.1:$SHOTS_PORT" \
    grep -q "Activated service 'c2s'" "$dir/prosody.log"
}

# bob signs in through slixmpp (the receiver of the end-to-end tests), so he is
# online in alice's list, and the script can check that a held message never
# reached him.
shots_start_bob() {
  SHOTS_BOB_LOG=$SHOTS_TMP/bob.log
  shots_spawn bob "$SHOTS_BOB_LOG" /usr/bin/python3 -u "$SHOTS_REPO/tests/e2e/receiver.py" \
    "$SHOTS_PORT" "$SHOTS_PASSWORD" bob
  shots_wait_for 20 "bob to sign in" grep -q '"event": "ready"' "$SHOTS_BOB_LOG"
}

# Fails when bob received anything: a held message must not go out.
shots_check_bob_got_nothing() {
  if grep -q '"event": "message"' "$SHOTS_BOB_LOG"; then
    shots_die "bob received a message although softstart should have held it"
  fi
}

# shots_write_profile DIR UI_ID PLUGIN_PREF_ROOT [EXTRA_PREFS_XML]
# A libpurple user folder for alice: the account (enabled for UI_ID), bob's
# contact flagged, the loopback-only network prefs, and softstart loaded from
# DIR/plugins/ (listed under PLUGIN_PREF_ROOT/plugins/loaded).
shots_write_profile() {
  local dir=$1 ui=$2 root=$3 extra=${4:-}
  local account=alice@$SHOTS_DOMAIN/$ui
  mkdir -p "$dir/plugins"
  cp "$SHOTS_PLUGIN" "$dir/plugins/softstart.so"

  cat >"$dir/accounts.xml" <<EOF
<?xml version='1.0' encoding='UTF-8' ?>
<account version='1.0'>
 <account>
  <protocol>prpl-jabber</protocol>
  <name>$account</name>
  <password>$SHOTS_PASSWORD</password>
  <alias>Alice</alias>
  <settings>
   <setting name='connect_server' type='string'>127.0.0.1</setting>
   <setting name='port' type='int'>$SHOTS_PORT</setting>
   <setting name='connection_security' type='string'>opportunistic_tls</setting>
   <setting name='auth_plain_in_clear' type='bool'>1</setting>
   <setting name='ft_proxies' type='string'></setting>
   <setting name='bosh_url' type='string'></setting>
  </settings>
  <settings ui='$ui'>
   <setting name='auto-login' type='bool'>1</setting>
  </settings>
 </account>
</account>
EOF

  cat >"$dir/blist.xml" <<EOF
<?xml version='1.0' encoding='UTF-8' ?>
<purple version='1.0'>
 <blist>
  <group name='Buddies'>
   <contact>
    <buddy account='$account' proto='prpl-jabber'>
     <name>bob@$SHOTS_DOMAIN</name>
     <alias>Bob</alias>
    </buddy>
    <setting name='softstart-flagged' type='bool'>1</setting>
   </contact>
  </group>
 </blist>
 <privacy>
  <account proto='prpl-jabber' name='$account' mode='1'/>
 </privacy>
</purple>
EOF

  # prefs.xml is read in purple_prefs_init, before purple_network_init, so
  # UPnP/NAT-PMP (map_ports), public-IP discovery (auto_ip) and the STUN SRV
  # lookup (a STUN server already known) never start.
  cat >"$dir/prefs.xml" <<EOF
<?xml version='1.0' encoding='UTF-8' ?>
<pref version='1' name='/'>
 <pref name='purple'>
  <pref name='network'>
   <pref name='map_ports' type='bool' value='0'/>
   <pref name='auto_ip' type='bool' value='0'/>
   <pref name='stun_server' type='string' value='127.0.0.1'/>
   <pref name='turn_server' type='string' value=''/>
  </pref>
  <pref name='proxy'>
   <pref name='type' type='string' value='none'/>
  </pref>
  <pref name='sound'>
   <pref name='while_status' type='int' value='3'/>
  </pref>
  <pref name='logging'>
   <pref name='log_ims' type='bool' value='0'/>
   <pref name='log_chats' type='bool' value='0'/>
   <pref name='log_system' type='bool' value='0'/>
  </pref>
 </pref>
 <pref name='$root'>
  <pref name='plugins'>
   <pref name='loaded' type='pathlist'>
    <item value='$dir/plugins/softstart.so'/>
   </pref>
  </pref>
$extra
 </pref>
</pref>
EOF
}

# shots_traced LOG CMD...: sets SHOTS_CMD to CMD, run under strace when
# SHOTS_STRACE=1 so that shots_check_strace can list every socket call made.
shots_traced() {
  local log=$1
  shift
  SHOTS_CMD=("$@")
  if [[ ${SHOTS_STRACE:-0} == 1 ]]; then
    command -v strace >/dev/null || shots_die "SHOTS_STRACE=1 needs strace"
    SHOTS_STRACE_LOG=$log
    # shellcheck disable=SC2054  # the commas belong to strace's -e
    SHOTS_CMD=(strace -f -qq -e trace=connect,sendto,sendmsg -o "$log" "$@")
  fi
}

# Fails if the traced client reached anything but 127.0.0.1 or a local socket.
shots_check_strace() {
  [[ -n ${SHOTS_STRACE_LOG:-} ]] || return 0
  local foreign
  foreign=$(grep -E 'AF_INET6?' "$SHOTS_STRACE_LOG" |
    grep -vE 'inet_addr\("127\.0\.0\.1"\)|inet_pton\(AF_INET6, "::1"' || true)
  if [[ -n $foreign ]]; then
    printf '%s\n' "$foreign" >&2
    shots_die "the client reached an address other than 127.0.0.1 (above)"
  fi
  shots_log "strace: $(grep -cE 'AF_INET' "$SHOTS_STRACE_LOG" || true) inet socket calls," \
    "all to 127.0.0.1; $(grep -c 'AF_UNIX' "$SHOTS_STRACE_LOG" || true) local"
}

shots_elapsed() { echo "$((SECONDS - SHOTS_START))s"; }
