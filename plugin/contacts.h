// Which contacts softstart checks: the blist setting `softstart-flagged` on the
// PurpleContact node (or, as written by other tools, on a buddy node), and the
// buddy-menu toggle that sets it.
#ifndef SOFTSTART_PLUGIN_CONTACTS_H_
#define SOFTSTART_PLUGIN_CONTACTS_H_

#include <purple.h>

namespace softstart {

inline constexpr char kFlagSetting[] = "softstart-flagged";
inline constexpr char kMenuLabelOff[] = "Check my messages (softstart)";
inline constexpr char kMenuLabelOn[] = "Stop checking my messages (softstart)";

// The contact behind a menu node: Pidgin passes a buddy, Finch the contact.
// Null for groups, chats and anything else.
PurpleContact* ContactForNode(PurpleBlistNode* node);

// For the menu label: the contact or any of its buddies carries the flag.
bool IsContactFlagged(PurpleContact* contact);
// True when any buddy on `account` named `receiver` is flagged, itself or
// through its contact. Strangers (no buddy) are never flagged.
bool IsReceiverFlagged(PurpleAccount* account, const char* receiver);

// Turning off also clears the setting on the contact's buddies, or a buddy
// flag would keep the contact checked against the user's wish.
void SetContactFlagged(PurpleContact* contact, bool flagged);

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_CONTACTS_H_
