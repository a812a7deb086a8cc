#include "contacts.h"

namespace softstart {
namespace {

// The contact's own setting only: a sibling buddy's flag is that buddy's.
bool ContactNodeFlagged(PurpleContact* contact) {
  return contact != nullptr &&
         purple_blist_node_get_bool(reinterpret_cast<PurpleBlistNode*>(contact), kFlagSetting);
}

}  // namespace

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

}  // namespace softstart
