// "Held messages…": every message still waiting for a decision and every one
// not sent ("Don't send", a closed window, a sign-off, a closed conversation),
// so nothing the user wrote is lost while the client runs. With a request UI
// it is a fields dialog that lets the user copy a text back into its
// conversation or discard it; without one, a formatted notice.
//
//   std::vector<const HeldMessage*> entries = HeldEntries(queue.Waiting(), queue.kept());
//   PurpleRequestFields* fields = BuildHeldFields(entries, queue.Waiting().size());
//   ... on OK: HeldAnswer answer = ReadHeldAnswer(fields); entries[answer.index] ...
#ifndef SOFTSTART_PLUGIN_HELD_LIST_H_
#define SOFTSTART_PLUGIN_HELD_LIST_H_

#include <purple.h>

#include <string>
#include <vector>

#include "hold_queue.h"

namespace softstart {

inline constexpr char kHeldListEmpty[] = "Nothing is held right now.";
inline constexpr char kHeldTitle[] = "Held messages";
inline constexpr char kHeldPrimary[] = "Messages softstart kept back";
inline constexpr char kHeldSecondary[] =
    "They live in memory only and are gone when you quit. Pick one to copy back into its "
    "conversation, where you can copy it, or to discard.";
// Field ids of the dialog. Each message is a read-only string field
// "softstart.held.text.<n>" (n from 1), labelled "Message <n>".
inline constexpr char kFieldHeldWhich[] = "softstart.held.which";
inline constexpr char kFieldHeldAction[] = "softstart.held.action";
inline constexpr char kHeldOkText[] = "Apply";
inline constexpr char kHeldCancelText[] = "Close";

enum class HeldAction { kCopyBack = 0, kDiscard = 1 };

struct HeldAnswer {
  int index = -1;  // Into the entries the fields were built from; -1: none.
  HeldAction action = HeldAction::kCopyBack;
};

// Purple markup (for purple_notify_formatted): each message as typed, under
// the name it was meant for. `waiting` comes first, in the order typed.
std::string FormatHeldList(const std::vector<const HeldMessage*>& waiting,
                           const std::vector<HeldMessage>& kept);

// The dialog's entries, in the order FormatHeldList shows them.
std::vector<const HeldMessage*> HeldEntries(const std::vector<const HeldMessage*>& waiting,
                                            const std::vector<HeldMessage>& kept);
std::string HeldTextFieldId(size_t number);
// The text as the user saw it in the input box (plain).
std::string HeldVisibleText(const HeldMessage& message);

// New fields (caller owns them until passed to libpurple). The first
// `waiting_count` entries are still waiting for their own dialog.
// Precondition: !entries.empty().
PurpleRequestFields* BuildHeldFields(const std::vector<const HeldMessage*>& entries,
                                     size_t waiting_count);
HeldAnswer ReadHeldAnswer(PurpleRequestFields* fields);

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_HELD_LIST_H_
