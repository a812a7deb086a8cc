#!/usr/bin/env bash
# Takes real screenshots of softstart in Pidgin, as a person meets it.
#
# Usage: scripts/screenshots/pidgin.sh [BUILD_DIR] [OUT_DIR]
#   BUILD_DIR  where softstart.so is built (default build-shots; built there
#              if missing)
#   OUT_DIR    where the PNGs go (default docs/images)
#
# Starts prosody on 127.0.0.1 with alice and bob, bob online through slixmpp,
# Xvfb with a small window manager, and Pidgin with a fresh profile for alice
# in which bob is flagged and softstart loaded. Then, through xdotool, like a
# person at the keyboard: opens a conversation with bob (Buddies → New Instant
# Message), types a blame message, presses Enter, and saves the softstart
# dialog as pidgin-dialog.png; presses Esc (Don't send) and saves the
# conversation with the held text given back as pidgin-conversation.png;
# opens Tools → Plugins, selects softstart, opens Plugin Details and saves
# pidgin-plugins.png; presses Configure Plugin and saves the plugin's
# preferences as pidgin-preferences.png (skipped, with a note, while the
# plugin has no preferences). Checks that bob received nothing.
#
# Environment: SHOTS_STRACE=1 also records every socket connect/send of
# Pidgin with strace and fails if one goes anywhere but 127.0.0.1 or a local
# socket. SHOTS_PLUGIN_NAME selects another plugin's row in the Plugins dialog
# (to try the Configure Plugin steps on a plugin that has preferences).
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
shots_init docs/images "$@"

readonly SCREEN_SIZE=1280x800
readonly PLUGIN_NAME=${SHOTS_PLUGIN_NAME:-softstart}

# Xvfb picks a free display itself and writes its number to fd 3.
start_x() {
  local display_file=$SHOTS_TMP/display
  shots_spawn Xvfb "$SHOTS_TMP/xvfb.log" \
    Xvfb -displayfd 3 -screen 0 "${SCREEN_SIZE}x24" -nolisten tcp -noreset \
    3>"$display_file"
  shots_wait_for 20 "Xvfb to start" test -s "$display_file"
  DISPLAY=:$(head -n 1 "$display_file")
  export DISPLAY
  shots_wait_for 10 "the X display $DISPLAY" xdpyinfo
  # A window manager draws the title bars (the dialog's title is part of the
  # picture) and gives new windows the focus, as a desktop would.
  shots_spawn openbox "$SHOTS_TMP/openbox.log" openbox --sm-disable
  shots_wait_for 10 "the window manager" xprop -root _NET_SUPPORTING_WM_CHECK
  sleep 0.5
  xsetroot -solid '#5a6a7a' 2>/dev/null || true
}

# find_window NAME_REGEX: prints the id of the first visible window whose
# title matches, or fails.
find_window() {
  xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n 1 | grep .
}

wait_window() {
  local regex=$1 what=$2 seconds=${3:-30}
  shots_wait_for "$seconds" "$what" find_window "$regex"
  find_window "$regex"
}

# The outer frame (with the title bar the window manager draws) of a client
# window, as WIDTHxHEIGHT+X+Y for ImageMagick's -crop.
frame_geometry() {
  local id=$1 frame
  frame=$(xwininfo -id "$id" -children | sed -n 's/^ *Parent window id: \(0x[0-9a-f]*\).*/\1/p')
  if [[ -n $frame ]] && xwininfo -id "$frame" | grep -q 'Map State: IsViewable'; then
    if ! xwininfo -id "$frame" -children | grep -q 'Parent window id: .* (the root window)'; then
      frame=$id
    fi
  else
    frame=$id
  fi
  xwininfo -id "$frame" | awk '
    /Absolute upper-left X/ {x = $4}
    /Absolute upper-left Y/ {y = $4}
    /^ *Width:/ {w = $2}
    /^ *Height:/ {h = $2}
    END {printf "%dx%d+%d+%d\n", w, h, x, y}'
}

# capture WINDOW_ID OUT.png: the window with its frame, cut from a capture
# of the whole screen (what a person sees), on a plain border so windows
# behind it do not distract.
capture() {
  local id=$1 out=$2 geometry full=$SHOTS_TMP/full.png
  sleep 1  # let GTK finish drawing (fonts, icons) after the window maps
  import -window root "$full"
  geometry=$(frame_geometry "$id")
  convert "$full" -crop "$geometry" +repage -bordercolor '#5a6a7a' -border 10 \
    -strip "$out"
  shots_log "saved $out ($(identify -format '%wx%h' "$out"))"
}

start_pidgin() {
  local profile=$SHOTS_TMP/pidgin
  # No sounds, no tray icon, no buddy-list tips, plain windows in fixed places.
  shots_write_profile "$profile" gtk-gaim pidgin "
  <pref name='sound'>
   <pref name='method' type='string' value='none'/>
   <pref name='mute' type='bool' value='1'/>
  </pref>
  <pref name='docklet'>
   <pref name='show' type='string' value='never'/>
  </pref>
  <pref name='blist'>
   <pref name='show_offline_buddies' type='bool' value='1'/>
   <pref name='show_buddy_icons' type='bool' value='1'/>
   <pref name='list_visible' type='bool' value='1'/>
   <pref name='x' type='int' value='24'/>
   <pref name='y' type='int' value='24'/>
   <pref name='width' type='int' value='260'/>
   <pref name='height' type='int' value='420'/>
  </pref>
  <pref name='conversations'>
   <pref name='spellcheck' type='bool' value='0'/>
   <pref name='show_formatting_toolbar' type='bool' value='0'/>
   <pref name='im'>
    <pref name='width' type='int' value='480'/>
    <pref name='height' type='int' value='300'/>
   </pref>
  </pref>"
  SHOTS_PIDGIN_LOG=$SHOTS_TMP/pidgin.log
  shots_traced "$SHOTS_TMP/strace.out" pidgin --config="$profile" --debug
  shots_spawn pidgin "$SHOTS_PIDGIN_LOG" "${SHOTS_CMD[@]}"
}

send_blame_message() {
  local blist conv dialog
  blist=$(wait_window '^Buddy List$' "the buddy list")
  shots_wait_for 30 "alice to sign in and see bob online" \
    grep -q "bob@$SHOTS_DOMAIN.*available\|Sending (alice@$SHOTS_DOMAIN/gtk-gaim): <presence" \
    "$SHOTS_PIDGIN_LOG"
  sleep 1
  # Buddies → New Instant Message… (Ctrl+M): the person types bob's address.
  xdotool windowactivate --sync "$blist" key --clearmodifiers ctrl+m
  local ask
  ask=$(wait_window '^New Instant Message$' "the New Instant Message dialog")
  xdotool windowactivate --sync "$ask"
  xdotool type --delay 30 "bob@$SHOTS_DOMAIN"
  xdotool key Return
  conv=$(wait_window '^Bob$' "the conversation with Bob")
  xdotool windowactivate --sync "$conv"
  sleep 0.5
  xdotool type --delay 40 "$SHOTS_MESSAGE"
  xdotool key Return
  dialog=$(wait_window '^softstart$' "the softstart dialog" 20)
  xdotool windowactivate --sync "$dialog" 2>/dev/null || true
  capture "$dialog" "$SHOTS_OUT/pidgin-dialog.png"
  SHOTS_DIALOG=$dialog
}

# Don't send: the held text comes back into the conversation, nothing goes out.
dismiss_dialog() {
  xdotool windowactivate --sync "$SHOTS_DIALOG" key Escape
  shots_wait_for 10 "the dialog to close" bash -c "! xdotool search --onlyvisible --name '^softstart$'"
}

# The conversation after "Don't send": the held text written back as a
# system message, nothing sent.
capture_conversation() {
  local conv
  conv=$(find_window '^Bob$')
  xdotool windowactivate --sync "$conv"
  capture "$conv" "$SHOTS_OUT/pidgin-conversation.png"
}

visible_windows() { xdotool search --onlyvisible --name '.' 2>/dev/null | sort; }

capture_plugin_windows() {
  local blist plugins
  blist=$(find_window '^Buddy List$')
  # Tools → Plugins (Ctrl+U).
  xdotool windowactivate --sync "$blist" key --clearmodifiers ctrl+u
  plugins=$(wait_window '^Plugins$' "the Plugins dialog")
  # Wide enough for the plugin's one-line summary.
  xdotool windowsize --sync "$plugins" 640 700
  xdotool windowmove --sync "$plugins" 320 20
  xdotool windowactivate --sync "$plugins"
  sleep 0.5
  # The list has the focus; typing starts GTK's search, which selects the
  # row. Then open "Plugin Details" (the next widget, sensitive once a row is
  # selected) for the description, go back to the list, and Up, Down to
  # scroll the selected row back into view.
  xdotool type --delay 40 "$PLUGIN_NAME"
  sleep 0.5
  xdotool key Escape  # closes the search box, keeps the selection
  sleep 0.3
  xdotool key Tab space
  sleep 0.5
  xdotool key shift+Tab
  sleep 0.3
  xdotool key Up
  sleep 0.2
  xdotool key Down
  sleep 0.3
  capture "$plugins" "$SHOTS_OUT/pidgin-plugins.png"

  # Configure Plugin (mnemonic Alt+U, "Configure Pl_ugin") opens the plugin's
  # preferences in a new window; the button is insensitive while the plugin
  # has none. The window's title is not the plugin's, so look for any new one.
  local before prefs="" deadline=$((SECONDS + 5))
  before=$(visible_windows)
  xdotool key --clearmodifiers alt+u
  while [[ -z $prefs ]] && ((SECONDS < deadline)); do
    sleep 0.3
    prefs=$(comm -13 <(printf '%s\n' "$before") <(visible_windows) | head -n 1)
  done
  if [[ -n $prefs ]]; then
    # Pidgin opens the frame at its smallest; widen it so every row shows.
    xdotool windowsize --sync "$prefs" 600 560 2>/dev/null || xdotool windowsize "$prefs" 600 560
    sleep 0.5
    capture "$prefs" "$SHOTS_OUT/pidgin-preferences.png"
  else
    shots_log "note: $PLUGIN_NAME shows no preferences window (Configure Plugin is" \
      "insensitive without them); pidgin-preferences.png not written"
    rm -f "$SHOTS_OUT/pidgin-preferences.png"  # an older picture would mislead
  fi
}

start_x
shots_start_prosody
shots_start_bob
start_pidgin
send_blame_message
dismiss_dialog
capture_conversation
capture_plugin_windows
shots_check_bob_got_nothing
shots_check_strace
shots_log "done in $(shots_elapsed)"
