// Which contacts softstart checks: the blist setting `softstart-flagged` on the
// PurpleContact node (or, as written by other tools, on a buddy node), and the
// buddy-menu toggle that sets it.
#ifndef SOFTSTART_PLUGIN_CONTACTS_H_
#define SOFTSTART_PLUGIN_CONTACTS_H_

#include <purple.h>

#include <string>
#include <string_view>
#include <vector>

namespace softstart {

inline constexpr char kFlagSetting[] = "softstart-flagged";
// Names longer than this (in bytes) are shortened in the menu label.
inline constexpr size_t kMenuNameMaxBytes = 24;

// "Check my messages to Sam (softstart)" or, when `flagged`, "Stop checking
// my messages to Sam (softstart)". `mnemonics`: the UI reads '_' as a
// mnemonic marker (Pidgin), so a name's '_' is doubled to show as itself.
std::string MenuLabelFor(std::string_view name, bool flagged, bool mnemonics);
// The label for `contact` in the running UI.
std::string MenuLabel(PurpleContact* contact);
// How a contact is named in lists: its alias, then "(name)" when different.
std::string ContactDisplayName(PurpleContact* contact);

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

// Every flagged contact in the buddy list, in list order.
std::vector<PurpleContact*> FlaggedContacts();
// True while `contact` is still a node of the buddy list (a dialog may
// outlive it).
bool ContactInList(PurpleContact* contact);

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_CONTACTS_H_
