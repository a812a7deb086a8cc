// The end-to-end harness without the plugin: proves prosody, the slixmpp
// receiver and the libpurple client carry messages as the plugin scenarios
// assume (order, markup, echo), so a plugin failure is never a harness one.
#define BOOST_TEST_MODULE e2e_harness
#include <boost/test/unit_test.hpp>

#include "e2e_environment.h"
#include "scenario.h"

namespace softstart::e2e {
namespace {

struct PluginlessEnvironment {
  PluginlessEnvironment() { E2eEnvironment::Get().Start("", ""); }
  ~PluginlessEnvironment() { E2eEnvironment::Get().Stop(); }
};
BOOST_TEST_GLOBAL_FIXTURE(PluginlessEnvironment);

BOOST_FIXTURE_TEST_CASE(MessagesReachTheReceiverInOrder, Scenario) {
  Send("first");
  Send("second");
  Send("third");
  std::vector<std::string> got = WaitReceived(3);
  BOOST_TEST(got == (std::vector<std::string>{"first", "second", "third"}),
             boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(MarkupArrivesAsVisibleText, Scenario) {
  // What Pidgin produces for "You never listen to me & it hurts <3".
  Send("You never listen to me &amp; it hurts &lt;3");
  Send("line one<br>line two");
  std::vector<std::string> got = WaitReceived(2);
  BOOST_REQUIRE_EQUAL(got.size(), 2u);
  BOOST_TEST(got[0] == "You never listen to me & it hurts <3");
  BOOST_TEST(got[1] == "line one\nline two");
}

BOOST_FIXTURE_TEST_CASE(EscapeHelperMatchesWhatArrives, Scenario) {
  const std::string text = "I miss you <3 & \"us\"\nsee you";
  Send(EscapeMarkup(text));
  std::vector<std::string> got = WaitReceived(1);
  BOOST_REQUIRE_EQUAL(got.size(), 1u);
  BOOST_TEST(got[0] == text);
}

BOOST_FIXTURE_TEST_CASE(SendingEchoesIntoTheConversation, Scenario) {
  Send("echo me");
  WaitReceived(1);
  bool echoed = false;
  for (const ConvWrite& w : Writes()) {
    if ((w.flags & PURPLE_MESSAGE_SEND) && w.text == "echo me") echoed = true;
  }
  BOOST_TEST(echoed);
  BOOST_TEST(SystemWrites().empty());
}

BOOST_FIXTURE_TEST_CASE(NoDialogWithoutThePlugin, Scenario) {
  Send("You never want to have sex with me");
  BOOST_TEST(WaitReceived(1).size() == 1u);
  BOOST_TEST(ScriptedRequestUi::OpenDialogs().empty());
}

BOOST_FIXTURE_TEST_CASE(DebugCaptureSeesOutgoingStanzas, Scenario) {
  // The privacy checks rely on the capture being complete: libpurple's XMPP
  // code logs each outgoing stanza, body included.
  Send("captured-marker-4711");
  WaitReceived(1);
  BOOST_TEST(PurpleClient::DebugText(debug_mark()).find("captured-marker-4711") !=
             std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(UnflaggedContactReceivesToo, UnflaggedScenario) {
  Send("hello there");
  std::vector<std::string> got = WaitReceived(1);
  BOOST_REQUIRE_EQUAL(got.size(), 1u);
  BOOST_TEST(got[0] == "hello there");
}

}  // namespace
}  // namespace softstart::e2e
