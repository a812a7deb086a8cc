// The buddy-menu toggle as Pidgin (buddy node) and Finch (contact node) offer
// it, and the privacy promise: message text never in the plugin's debug
// lines, and an unsent text nowhere in the debug output.
#include <boost/test/unit_test.hpp>

#include "plugin_helpers.h"
#include "scenario.h"

namespace softstart::e2e {
namespace {

PurpleBlistNode* Node(void* p) { return static_cast<PurpleBlistNode*>(p); }

BOOST_FIXTURE_TEST_CASE(MenuToggleFlipsTheContactSetting, UnflaggedScenario) {
  PurpleContact* contact = purple_buddy_get_contact(buddy());
  BOOST_REQUIRE(!PurpleClient::IsFlagged(buddy()));

  // Pidgin: the menu for a buddy node, called back with that buddy.
  const std::string on_buddy = SoftstartMenuLabel(Node(buddy()));
  BOOST_REQUIRE_MESSAGE(!on_buddy.empty(), "no single softstart entry in the buddy menu");
  BOOST_TEST(InvokeMenuEntry(Node(buddy()), on_buddy, Node(buddy())));
  BOOST_TEST(PurpleClient::IsFlagged(buddy()));
  BOOST_TEST(purple_blist_node_get_bool(Node(contact), "softstart-flagged"));

  // Finch: the menu for the contact node, called back with its priority buddy.
  const std::string on_contact = SoftstartMenuLabel(Node(contact));
  BOOST_REQUIRE_MESSAGE(!on_contact.empty(), "no single softstart entry in the contact menu");
  PurpleBuddy* priority = purple_contact_get_priority_buddy(contact);
  BOOST_TEST(InvokeMenuEntry(Node(contact), on_contact, Node(priority)));
  BOOST_TEST(!PurpleClient::IsFlagged(buddy()));

  // Called back with the contact node itself: still resolved to the contact.
  BOOST_TEST(InvokeMenuEntry(Node(contact), SoftstartMenuLabel(Node(contact)), Node(contact)));
  BOOST_TEST(PurpleClient::IsFlagged(buddy()));

  // And the flag takes effect for the next message.
  SendExpectingHold(kBlame);
  BOOST_TEST(WaitQuiet(400).empty());
}

BOOST_FIXTURE_TEST_CASE(DebugOutputNeverCarriesMessageText, Scenario) {
  BOOST_REQUIRE(purple_debug_is_enabled() && purple_debug_is_verbose() &&
                purple_debug_is_unsafe());
  // One held and sent as suggested, one clean, one held and not sent.
  Dialog* first = SendExpectingHold(kBlame);
  const std::string suggestion = first->Field("softstart.text")->value;
  ScriptedRequestUi::Choose(first, 0);
  Send(kClean);
  BOOST_TEST(WaitReceived(2).size() == 2u);

  const std::string unsent = "You always forget the anniversary of the lighthouse";
  Dialog* second = SendExpectingHold(unsent);
  RememberUnsent(unsent);
  RememberUnsent(second->Field("softstart.text")->value);
  ScriptedRequestUi::Choose(second, 2);
  PurpleClient::PumpFor(500);

  // The capture is live: libpurple logged the suggestion's stanza itself.
  const std::string debug = PurpleClient::DebugText(debug_mark());
  BOOST_TEST(debug.find(suggestion) != std::string::npos);
  // And the plugin's own lines, whatever they say, carry no text.
  std::string violations = PrivacyViolations();
  BOOST_TEST(violations.empty(), violations);
}

}  // namespace
}  // namespace softstart::e2e
