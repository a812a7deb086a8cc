// The user's decision on a held message, as the partner experiences it:
// exactly the chosen text arrives (or nothing), correctly escaped, and a text
// not sent comes back into the conversation so it is not lost.
#include <boost/test/unit_test.hpp>

#include "plugin_helpers.h"
#include "scenario.h"

namespace softstart::e2e {
namespace {

using boost::test_tools::per_element;

bool EchoedAsSent(const Scenario& s, const std::string& visible) {
  for (const ConvWrite& w : s.Writes()) {
    if ((w.flags & PURPLE_MESSAGE_SEND) && w.text == visible) return true;
  }
  return false;
}

BOOST_FIXTURE_TEST_CASE(SendSuggestion, Scenario) {
  Dialog* d = SendExpectingHold(kBlame);
  const std::string suggestion = d->Field("softstart.text")->value;
  ScriptedRequestUi::Choose(d, 0);
  BOOST_TEST(!d->open);
  std::vector<std::string> got = WaitReceived(1);
  BOOST_TEST(got == std::vector<std::string>{suggestion}, per_element());
  BOOST_TEST(WaitQuiet(400).size() == 1u);
  // The window shows what was actually sent.
  BOOST_TEST(EchoedAsSent(*this, suggestion));
  BOOST_TEST(!EchoedAsSent(*this, kBlame));
}

BOOST_FIXTURE_TEST_CASE(SendEditedTextEscapedAsMarkup, Scenario) {
  Dialog* d = SendExpectingHold(kBlame);
  // Typed as plain text: "<b>" and "&amp;" must arrive literally, so the
  // plugin has to escape them (libpurple would forgive a bare "<3" or "&").
  const std::string edited =
      "I miss you <3 & want us close, <b>really</b> &amp; truly\nCan we talk tonight?";
  RememberUsed(edited);
  ScriptedRequestUi::Choose(d, 0, edited);
  std::vector<std::string> got = WaitReceived(1);
  BOOST_TEST(got == std::vector<std::string>{edited}, per_element());
  BOOST_TEST(WaitQuiet(400).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(EditedTextIsSentEvenIfItWouldBeHeld, Scenario) {
  // The user has decided: their edit goes out without a second dialog.
  Dialog* d = SendExpectingHold(kBlame);
  const std::string edited = "You never listen to me, and I need you to";
  RememberUsed(edited);
  ScriptedRequestUi::Choose(d, 0, edited);
  std::vector<std::string> got = WaitReceived(1);
  BOOST_TEST(got == std::vector<std::string>{edited}, per_element());
  BOOST_TEST(ScriptedRequestUi::OpenDialogs().empty());
}

BOOST_FIXTURE_TEST_CASE(SendOriginalKeepsEntities, Scenario) {
  Dialog* d = SendExpectingHold(kBlameMarkup);
  // The dialog shows the visible text, not the markup.
  BOOST_TEST(d->Field("softstart.original")->value == kBlameMarkupVisible);
  ScriptedRequestUi::Choose(d, 1);
  std::vector<std::string> got = WaitReceived(1);
  BOOST_TEST(got == std::vector<std::string>{kBlameMarkupVisible}, per_element());
  BOOST_TEST(WaitQuiet(400).size() == 1u);
  BOOST_TEST(EchoedAsSent(*this, kBlameMarkupVisible));
}

BOOST_FIXTURE_TEST_CASE(SendOriginalSendsTheMarkupAsTyped, Scenario) {
  Dialog* d = SendExpectingHold("<b>You never</b> want to have sex with me");
  BOOST_TEST(d->Field("softstart.original")->value == kBlame);
  ScriptedRequestUi::Choose(d, 1);
  WaitReceived(1);
  const auto& all = E2eEnvironment::Get().receiver().messages();
  BOOST_REQUIRE(!all.empty());
  BOOST_TEST(all.back().user == user());
  BOOST_TEST(all.back().body == kBlame);
  // The bold survives: libpurple sends it as XHTML-IM.
  BOOST_TEST(all.back().html.find("bold") != std::string::npos, "html: " << all.back().html);
}

// Don't send, Cancel and closing the window: nothing of the held text
// arrives, it is written back as an unlogged system message, and a clean
// message queued behind it still goes out.
void ExpectNotSent(Scenario& s, const char* held, void (*decide)(Dialog*)) {
  Dialog* d = s.SendExpectingHold(held);
  const std::string visible = VisibleText(held);
  s.RememberUnsent(held);
  s.RememberUnsent(d->Field("softstart.text")->value);
  s.Send(kClean);
  BOOST_TEST(s.WaitQuiet(400).empty());
  decide(d);
  BOOST_TEST(!d->open);
  std::vector<std::string> got = s.WaitReceived(1);
  BOOST_TEST(got == std::vector<std::string>{kClean}, per_element());
  BOOST_TEST(s.WaitQuiet(600).size() == 1u);
  BOOST_TEST(s.SystemWriteContains(visible), "the held text was not written back");
  for (const ConvWrite& w : s.SystemWrites()) {
    if (w.text.find(visible) != std::string::npos) {
      BOOST_TEST((w.flags & PURPLE_MESSAGE_NO_LOG) != 0, "write-back is logged");
    }
  }
  BOOST_TEST(!EchoedAsSent(s, visible));
}

BOOST_FIXTURE_TEST_CASE(DontSendChoice, Scenario) {
  ExpectNotSent(*this, "You always ignore me about the marmalade",
                [](Dialog* d) { ScriptedRequestUi::Choose(d, 2); });
}

BOOST_FIXTURE_TEST_CASE(DontSendButton, Scenario) {
  ExpectNotSent(*this, "You never call me back about the bicycle",
                [](Dialog* d) { ScriptedRequestUi::PressCancel(d); });
}

BOOST_FIXTURE_TEST_CASE(WindowClosed, Scenario) {
  ExpectNotSent(*this, "You never listen to me &amp; the tulips &lt;3",
                [](Dialog* d) { ScriptedRequestUi::CloseWindow(d); });
}

}  // namespace
}  // namespace softstart::e2e
