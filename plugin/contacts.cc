#include "contacts.h"

namespace softstart {
namespace {

// The contact's own setting only: a sibling buddy's flag is that buddy's.
bool ContactNodeFlagged(PurpleContact* contact) {
  return contact != nullptr &&
         purple_blist_node_get_bool(reinterpret_cast<PurpleBlistNode*>(contact), kFlagSetting);
}

// Backs up from `size` to the start of a UTF-8 character.
size_t CharBoundary(std::string_view text, size_t size) {
  while (size > 0 && size < text.size() &&
         (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) {
    --size;
  }
  return size;
}

template <typename Visit>
void ForEachContact(Visit&& visit) {
  for (PurpleBlistNode* group = purple_blist_get_root(); group != nullptr;
       group = purple_blist_node_get_sibling_next(group)) {
    for (PurpleBlistNode* node = purple_blist_node_get_first_child(group); node != nullptr;
         node = purple_blist_node_get_sibling_next(node)) {
      if (PURPLE_BLIST_NODE_IS_CONTACT(node)) visit(reinterpret_cast<PurpleContact*>(node));
    }
  }
}

}  // namespace

std::string MenuLabelFor(std::string_view name, bool flagged, bool mnemonics) {
  std::string shown(name);
  if (shown.size() > kMenuNameMaxBytes) {
    shown.resize(CharBoundary(shown, kMenuNameMaxBytes));
    shown += "\u2026";
  }
  std::string label = flagged ? "Stop checking my messages to " : "Check my messages to ";
  for (char c : shown) {
    label += c;
    if (mnemonics && c == '_') label += '_';
  }
  return label + " (softstart)";
}

std::string MenuLabel(PurpleContact* contact) {
  const char* alias = contact != nullptr ? purple_contact_get_alias(contact) : nullptr;
  const char* ui = purple_core_get_ui();
  // Pidgin ("gtk-gaim") builds menu items with mnemonics; Finch does not.
  bool mnemonics = ui != nullptr && std::string_view(ui) == "gtk-gaim";
  return MenuLabelFor(alias != nullptr ? alias : "", IsContactFlagged(contact), mnemonics);
}

std::string ContactDisplayName(PurpleContact* contact) {
  if (contact == nullptr) return "";
  const char* alias = purple_contact_get_alias(contact);
  PurpleBuddy* buddy = purple_contact_get_priority_buddy(contact);
  const char* name = buddy != nullptr ? purple_buddy_get_name(buddy) : nullptr;
  std::string shown = alias != nullptr ? alias : "";
  if (name != nullptr && shown != name) shown += shown.empty() ? name : std::string(" (") + name + ")";
  return shown;
}

PurpleContact* ContactForNode(PurpleBlistNode* node) {
  if (node == nullptr) return nullptr;
  if (PURPLE_BLIST_NODE_IS_BUDDY(node)) {
    return purple_buddy_get_contact(reinterpret_cast<PurpleBuddy*>(node));
  }
  if (PURPLE_BLIST_NODE_IS_CONTACT(node)) return reinterpret_cast<PurpleContact*>(node);
  return nullptr;
}

bool IsContactFlagged(PurpleContact* contact) {
  if (contact == nullptr) return false;
  auto* node = reinterpret_cast<PurpleBlistNode*>(contact);
  if (purple_blist_node_get_bool(node, kFlagSetting)) return true;
  for (PurpleBlistNode* child = purple_blist_node_get_first_child(node); child != nullptr;
       child = purple_blist_node_get_sibling_next(child)) {
    if (PURPLE_BLIST_NODE_IS_BUDDY(child) && purple_blist_node_get_bool(child, kFlagSetting)) {
      return true;
    }
  }
  return false;
}

bool IsReceiverFlagged(PurpleAccount* account, const char* receiver) {
  if (account == nullptr || receiver == nullptr) return false;
  bool flagged = false;
  GSList* buddies = purple_find_buddies(account, receiver);
  for (GSList* it = buddies; it != nullptr && !flagged; it = it->next) {
    auto* buddy = static_cast<PurpleBuddy*>(it->data);
    flagged = purple_blist_node_get_bool(reinterpret_cast<PurpleBlistNode*>(buddy), kFlagSetting) ||
              ContactNodeFlagged(purple_buddy_get_contact(buddy));
  }
  g_slist_free(buddies);
  return flagged;
}

void SetContactFlagged(PurpleContact* contact, bool flagged) {
  if (contact == nullptr) return;
  auto* node = reinterpret_cast<PurpleBlistNode*>(contact);
  purple_blist_node_set_bool(node, kFlagSetting, flagged ? TRUE : FALSE);
  if (flagged) return;
  for (PurpleBlistNode* child = purple_blist_node_get_first_child(node); child != nullptr;
       child = purple_blist_node_get_sibling_next(child)) {
    if (PURPLE_BLIST_NODE_IS_BUDDY(child)) purple_blist_node_remove_setting(child, kFlagSetting);
  }
}

std::vector<PurpleContact*> FlaggedContacts() {
  std::vector<PurpleContact*> flagged;
  ForEachContact([&](PurpleContact* contact) {
    if (IsContactFlagged(contact)) flagged.push_back(contact);
  });
  return flagged;
}

bool ContactInList(PurpleContact* contact) {
  bool found = false;
  ForEachContact([&](PurpleContact* each) { found = found || each == contact; });
  return found;
}

}  // namespace softstart
