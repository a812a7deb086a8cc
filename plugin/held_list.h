// The text behind the plugin action "Held messages…": every message still
// waiting for a decision and every one released unsent (sign-off, disabled
// account, no window to write it back into), so nothing the user wrote is
// lost while the client runs.
#ifndef SOFTSTART_PLUGIN_HELD_LIST_H_
#define SOFTSTART_PLUGIN_HELD_LIST_H_

#include <string>
#include <vector>

#include "hold_queue.h"

namespace softstart {

inline constexpr char kHeldListEmpty[] = "Nothing is held right now.";

// Purple markup (for purple_notify_formatted): each message as typed, under
// the name it was meant for. `waiting` comes first, in the order typed.
std::string FormatHeldList(const std::vector<const HeldMessage*>& waiting,
                           const std::vector<HeldMessage>& kept);

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_HELD_LIST_H_
