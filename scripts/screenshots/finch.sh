#!/usr/bin/env bash
# Captures softstart in Finch (the terminal client), as a person meets it.
#
# Usage: scripts/screenshots/finch.sh [BUILD_DIR] [OUT_DIR]
#   BUILD_DIR  where softstart.so is built (default build-shots; built there
#              if missing)
#   OUT_DIR    where the captures go (default docs/images; the text capture
#              goes to OUT_DIR/../finch-dialog.txt, i.e. docs/finch-dialog.txt)
#
# Starts prosody on 127.0.0.1 with alice and bob, bob online through slixmpp,
# and Finch in a detached tmux session of a fixed size (100x32) with a fresh
# profile for alice in which bob is flagged and softstart loaded. Then, with
# keys as a person would press them: selects Bob in the buddy list, opens the
# conversation (Enter), types a blame message, presses Enter, waits for the
# softstart dialog and saves the screen as text (finch-dialog.txt); then
# chooses Don't send and saves the conversation with the text given back
# (finch-conversation.txt). Checks that bob received nothing.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
shots_init "$@"

readonly COLUMNS_=100 LINES_=32
TEXT_OUT=$(cd "$SHOTS_OUT/.." && pwd)

tmux_() { tmux -S "$SHOTS_TMUX_SOCKET" "$@"; }

screen_text() { tmux_ capture-pane -p -t finch; }

# screen_has TEXT: the screen shows TEXT now.
screen_has() { screen_text | grep -qF -- "$1"; }

wait_screen() {
  local text=$1 what=$2 seconds=${3:-30}
  shots_wait_for "$seconds" "$what (\"$text\" on the screen)" screen_has "$text"
}

# save_screen FILE: the screen as a person sees it, trailing blanks trimmed.
save_screen() {
  sleep 0.5  # let Finch finish drawing
  screen_text | sed -e 's/[[:space:]]*$//' >"$1"
  shots_log "saved $1"
}

start_finch() {
  local profile=$SHOTS_TMP/finch
  shots_write_profile "$profile" gnt-purple finch "
  <pref name='sound'>
   <pref name='method' type='string' value='nosound'/>
   <pref name='mute' type='bool' value='1'/>
  </pref>
  <pref name='blist'>
   <pref name='showoffline' type='bool' value='1'/>
  </pref>"
  SHOTS_TMUX_SOCKET=$SHOTS_TMP/tmux.sock
  # A fixed-size detached session; Finch's debug window stays off.
  tmux_ -f /dev/null new-session -d -s finch -x "$COLUMNS_" -y "$LINES_" \
    "TERM=screen finch --config='$profile' 2>'$SHOTS_TMP/finch.log'"
  tmux_ set-option -t finch status off >/dev/null
  local pid
  pid=$(tmux_ display-message -p -t finch '#{pane_pid}')
  SHOTS_PIDS+=("$pid")
  SHOTS_NAMES+=(finch)
}

send_blame_message() {
  wait_screen "Buddy List" "the buddy list"
  wait_screen "Bob" "Bob in the buddy list"
  # bob is online once alice's account is; give the list a moment to settle.
  sleep 2
  screen_text >&2
  tmux_ send-keys -t finch Down
  sleep 0.5
  screen_text >&2
  tmux_ send-keys -t finch Enter
  sleep 1
  screen_text >&2
  tmux_ send-keys -t finch -l "$SHOTS_MESSAGE"
  sleep 0.3
  tmux_ send-keys -t finch Enter
  sleep 2
  screen_text >&2
  wait_screen "Send suggestion" "the softstart dialog" 20
  save_screen "$TEXT_OUT/finch-dialog.txt"
}

start_finch_all() {
  shots_start_prosody
  shots_start_bob
  start_finch
}

start_finch_all
send_blame_message
shots_check_bob_got_nothing
shots_log "done in $(shots_elapsed)"
