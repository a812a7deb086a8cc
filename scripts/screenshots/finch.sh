#!/usr/bin/env bash
# Captures softstart in Finch (the terminal client), as a person meets it.
#
# Usage: scripts/screenshots/finch.sh [BUILD_DIR] [OUT_DIR]
#   BUILD_DIR  where softstart.so is built (default build-shots; built there
#              if missing)
#   OUT_DIR    where the text captures go (default docs)
#
# Starts prosody on 127.0.0.1 with alice and bob, bob online through slixmpp,
# and Finch in a detached tmux session of a fixed size (100x32) with a fresh
# profile for alice in which bob is flagged and softstart loaded. Then, with
# the keys a person would press: selects Bob in the buddy list and opens the
# conversation (Down, Enter), types a blame message and presses Enter.
# Saves, as the screen's text:
#   finch-held.txt          right after Enter: the message held, the softstart
#                           window listed in the task bar (Finch does not
#                           raise a window that opens outside a key press)
#   finch-dialog.txt        the softstart window, brought up with Alt+N
#   finch-conversation.txt  after the "Don't send" button: the held text given
#                           back in the conversation
# Checks that bob received nothing.
#
# Environment: SHOTS_STRACE=1 records every socket connect/send of Finch with
# strace and fails if one goes anywhere but 127.0.0.1 or a local socket.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
shots_init docs "$@"

readonly COLUMNS_=100 LINES_=32

tmux_() { tmux -S "$SHOTS_TMUX_SOCKET" "$@"; }

screen_text() { tmux_ capture-pane -p -t finch; }

# screen_has TEXT: the screen shows TEXT now.
screen_has() { screen_text | grep -qF -- "$1"; }

# top_line_has TEXT: TEXT is in the title of the window drawn at the top.
top_line_has() { screen_text | head -n 1 | grep -qF -- "$1"; }

wait_screen() {
  local text=$1 what=$2 seconds=${3:-30}
  shots_wait_for "$seconds" "$what (\"$text\" on the screen)" screen_has "$text"
}

keys() {
  tmux_ send-keys -t finch "$@"
  sleep 0.4
}

# save_screen FILE: the screen as a person sees it, trailing blanks trimmed.
save_screen() {
  sleep 0.7  # let Finch finish drawing
  screen_text | sed -e 's/[[:space:]]*$//' >"$1"
  shots_log "saved $1"
}

start_finch() {
  local profile=$SHOTS_TMP/finch
  shots_write_profile "$profile" gnt-purple finch "
  <pref name='sound'>
   <pref name='method' type='string' value='nosound'/>
   <pref name='mute' type='bool' value='1'/>
  </pref>"
  SHOTS_TMUX_SOCKET=$SHOTS_TMP/tmux.sock
  shots_traced "$SHOTS_TMP/strace.out" finch --config="$profile"
  local cmd
  cmd="$(printf '%q ' "${SHOTS_CMD[@]}") 2>$(printf '%q' "$SHOTS_TMP/finch.log")"
  # A private tmux server with no user config, one fixed-size detached window.
  tmux_ -f /dev/null new-session -d -s finch -x "$COLUMNS_" -y "$LINES_" \
    "TERM=screen-256color exec $cmd"
  tmux_ set-option -t finch status off >/dev/null
  local pid
  pid=$(tmux_ display-message -p -t finch '#{pane_pid}')
  SHOTS_PIDS+=("$pid")
  SHOTS_NAMES+=(finch)
}

send_blame_message() {
  wait_screen "Bob" "Bob in the buddy list"
  # bob is online as soon as alice's account is; let the list settle.
  shots_wait_for 30 "alice to sign in" \
    grep -q "Authenticated as alice@$SHOTS_DOMAIN" "$SHOTS_TMP/prosody/prosody.log"
  sleep 2
  # The list starts on the group "Buddies"; Bob is the row below.
  keys Down
  keys Enter
  shots_wait_for 10 "the conversation with Bob" top_line_has "Bob (alice@"
  sleep 0.5
  keys -l "$SHOTS_MESSAGE"
  keys Enter
  wait_screen "softstart" "the softstart window (in the task bar)" 20
  save_screen "$SHOTS_OUT/finch-held.txt"
}

# show_dialog [FILE]: brings the softstart window to the front (Alt+N goes
# to the next window; a few presses at most reach it) and saves it to FILE.
show_dialog() {
  local tries=0
  until top_line_has "softstart"; do
    ((tries < 6)) || shots_die "Alt+N did not bring up the softstart window"
    keys M-n
    tries=$((tries + 1))
  done
  wait_screen "Don't send" "the softstart dialog's buttons" 5
  if (($# > 0)); then save_screen "$1"; fi
}

# The focus starts on the first field; Tab walks You wrote → Suggestion →
# What to do → Send → Don't send.
dont_send() {
  keys Tab
  keys Tab
  keys Tab
  keys Tab
  keys Enter
  shots_wait_for 10 "the softstart window to close" bash -c \
    "! tmux -S '$SHOTS_TMUX_SOCKET' capture-pane -p -t finch | grep -qF 'What to do'"
  wait_screen "did not send" "the held text back in the conversation" 10
  save_screen "$SHOTS_OUT/finch-conversation.txt"
}

# Sends the message again and picks "Send suggestion" in the list on purpose:
# Finch numbers list items from 1, and this once sent the original. Bob must
# receive the suggestion, never the blame message.
send_suggestion() {
  keys -l "$SHOTS_MESSAGE"
  keys Enter
  wait_screen "softstart is holding" "the note that the message is held" 20
  show_dialog
  keys Tab
  keys Tab
  keys Down      # opens the list
  sleep 0.5
  save_screen "$SHOTS_OUT/finch-choice.txt"
  keys Enter     # its first item, "Send suggestion"
  keys Tab
  keys Enter     # Send
  shots_wait_for 15 "bob to receive the suggestion" grep -q '"event": "message"' "$SHOTS_BOB_LOG"
  if grep -qF "$SHOTS_MESSAGE" "$SHOTS_BOB_LOG"; then
    shots_die "bob received the original although Send suggestion was chosen"
  fi
  shots_log "bob received the suggestion"
}

shots_start_prosody
shots_start_bob
start_finch
send_blame_message
show_dialog "$SHOTS_OUT/finch-dialog.txt"
dont_send
shots_check_bob_got_nothing
send_suggestion
shots_check_strace
shots_log "done in $(shots_elapsed)"
