// Faults while a message is held: the account goes away, the plugin is
// unloaded, or the UI cannot show the dialog at all. Nothing is ever sent by
// surprise, no text is lost, nothing crashes.
#include <boost/test/unit_test.hpp>

#include "e2e_environment.h"
#include "plugin_helpers.h"
#include "scenario.h"

namespace softstart::e2e {
namespace {

using boost::test_tools::per_element;

BOOST_FIXTURE_TEST_CASE(AccountDisabledWhileHeldSendsNothingLater, Scenario) {
  const std::string held = "You always ignore me when the dishes pile up";
  Dialog* d = SendExpectingHold(held);
  RememberUnsent(held);
  PurpleAccount* account = PurpleClient::account();
  purple_account_set_enabled(account, kUiId, FALSE);
  PurpleClient::PumpUntil([&] { return !d->open; }, 3000);
  BOOST_TEST(!d->open, "the request stayed open after the account was disabled");
  // Kept where the user can find it: written back into the conversation,
  // and listed under the plugin action "Held messages…".
  BOOST_TEST(SystemWriteContains(held), "the held text was not written back");
  BOOST_TEST(HeldListContains(E2eEnvironment::Get().plugin(), held),
             "the held text is not under Held messages…");

  purple_account_set_enabled(account, kUiId, TRUE);
  BOOST_REQUIRE_MESSAGE(PurpleClient::WaitConnected(20000), "account did not reconnect");
  // No auto-send on reconnect.
  BOOST_TEST(WaitQuiet(1500).empty());
  BOOST_TEST(ScriptedRequestUi::OpenDialogs().empty());
  Send(kClean);
  std::vector<std::string> got = WaitReceived(1);
  BOOST_TEST(got == std::vector<std::string>{kClean}, per_element());
  BOOST_TEST(WaitQuiet(500).size() == 1u);
  // Clean up what the plugin kept, so later cases start empty.
  RunPluginAction(E2eEnvironment::Get().plugin(), "Forget held messages");
}

BOOST_FIXTURE_TEST_CASE(PluginUnloadedWhileHeld, Scenario) {
  E2eEnvironment& env = E2eEnvironment::Get();
  const std::string held = "You never help me with the garden";
  Dialog* d = SendExpectingHold(held);
  RememberUnsent(held);
  Send(kClean);  // Queued behind the held one when the plugin goes.
  BOOST_TEST(purple_plugin_unload(env.plugin()));
  BOOST_TEST(!purple_plugin_is_loaded(env.plugin()));
  PurpleClient::PumpFor(200);
  BOOST_TEST(!d->open, "the request outlived the plugin");
  if (d->open) ScriptedRequestUi::Abandon(d);  // Its callbacks are gone.
  BOOST_TEST(SystemWriteContains(held), "the held text was not written back");
  for (const std::string& body : WaitQuiet(800)) BOOST_TEST(body != held);

  std::string err;
  BOOST_REQUIRE_MESSAGE(env.EnsurePluginLoaded(&err), err);
  // Back to normal after reloading: clean goes out, blame is held again.
  const size_t before = Received().size();
  Send(kCleanToo);
  BOOST_TEST(WaitReceived(before + 1).size() == before + 1);
  BOOST_TEST(Received().back() == kCleanToo);
  SendExpectingHold(kBlame);
  BOOST_TEST(WaitQuiet(400).size() == before + 1);
}

BOOST_FIXTURE_TEST_CASE(ConversationClosedWhileHeldKeepsTheText, Scenario) {
  const std::string held = "You never plan anything for the weekend";
  Dialog* d = SendExpectingHold(held);
  RememberUnsent(held);
  purple_conversation_destroy(conv());
  PurpleClient::PumpFor(200);
  BOOST_TEST(HeldListContains(E2eEnvironment::Get().plugin(), held),
             "the held text is not under Held messages…");
  BOOST_TEST(WaitQuiet(400).empty());
  // Deciding later, with the window gone, still sends nothing by surprise.
  ScriptedRequestUi::PressCancel(d);
  BOOST_TEST(WaitQuiet(400).empty());
}

BOOST_FIXTURE_TEST_CASE(FailsOpenWithoutRequestFields, Scenario) {
  ScriptedRequestUi::Install(false);
  Send(kBlame);
  std::vector<std::string> got = WaitReceived(1);
  BOOST_TEST(got == std::vector<std::string>{kBlame}, per_element());
  BOOST_TEST(ScriptedRequestUi::OpenDialogs().empty());
  PurpleClient::PumpFor(200);
  std::vector<ConvWrite> notes = SystemWrites();
  BOOST_TEST(notes.size() == 1u, "expected one system note, got " << notes.size());
  for (const ConvWrite& w : notes) {
    BOOST_TEST(w.text.find('\n') == std::string::npos, "note is not one line: " << w.markup);
  }
}

}  // namespace
}  // namespace softstart::e2e
