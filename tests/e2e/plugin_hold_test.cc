// The hold: a hurtful message to a flagged contact stops before the server,
// the dialog explains it, and clean messages behind it wait their turn.
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <cstdio>

#include "plugin_helpers.h"
#include "scenario.h"

namespace softstart::e2e {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

BOOST_FIXTURE_TEST_CASE(BlameToFlaggedContactIsHeldWithTheDialog, Scenario) {
  Send(kBlame);
  // The request opens from an idle callback, never inside sending-im-msg.
  BOOST_TEST(ScriptedRequestUi::OpenDialogs().empty());
  Dialog* d = WaitForDialog();
  BOOST_REQUIRE_MESSAGE(d != nullptr, "no dialog for a blame message to a flagged contact");

  BOOST_TEST(d->ok_text == "Send");
  BOOST_TEST(d->cancel_text == "Don't send");
  BOOST_TEST(!d->primary.empty());
  BOOST_TEST(!d->secondary.empty());
  // The texts name the finding and explain it by the guide's principle.
  BOOST_TEST(Lower(d->primary + " " + d->secondary).find("blame") != std::string::npos);

  const FieldRecord* original = d->Field("softstart.original");
  BOOST_REQUIRE(original != nullptr);
  BOOST_TEST(original->type == PURPLE_REQUEST_FIELD_STRING);
  BOOST_TEST(original->multiline);
  BOOST_TEST(!original->editable);
  BOOST_TEST(original->value == kBlame);

  const FieldRecord* text = d->Field("softstart.text");
  BOOST_REQUIRE(text != nullptr);
  BOOST_TEST(text->type == PURPLE_REQUEST_FIELD_STRING);
  BOOST_TEST(text->multiline);
  BOOST_TEST(text->editable);
  BOOST_TEST(!text->value.empty());
  BOOST_TEST(text->value != kBlame);

  const FieldRecord* action = d->Field("softstart.action");
  BOOST_REQUIRE(action != nullptr);
  BOOST_TEST(action->type == PURPLE_REQUEST_FIELD_CHOICE);
  BOOST_TEST(action->choice_default == 0);
  BOOST_TEST(action->choice_labels ==
                 (std::vector<std::string>{"Send suggestion", "Send original", "Don't send"}),
             boost::test_tools::per_element());

  // Nothing reaches the server while the dialog is open, and no local echo.
  BOOST_TEST(WaitQuiet().empty());
  for (const ConvWrite& w : Writes()) {
    BOOST_TEST(!((w.flags & PURPLE_MESSAGE_SEND) && w.text == kBlame));
  }
  BOOST_TEST(ScriptedRequestUi::OpenDialogs().size() == 1u);
  BOOST_TEST(ScriptedRequestUi::other_request_count() == 0);
}

BOOST_FIXTURE_TEST_CASE(CleanMessagesQueueBehindAHeldOneInOrder, Scenario) {
  Dialog* d = SendExpectingHold(kBlame);
  const std::string suggestion = d->Field("softstart.text")->value;
  Send(kClean);
  Send(kCleanToo);
  BOOST_TEST(WaitQuiet().empty());
  BOOST_TEST(ScriptedRequestUi::OpenDialogs().size() == 1u);  // No dialog for clean ones.
  ScriptedRequestUi::Choose(d, 0);
  std::vector<std::string> got = WaitReceived(3);
  BOOST_TEST(got == (std::vector<std::string>{suggestion, kClean, kCleanToo}),
             boost::test_tools::per_element());
  BOOST_TEST(WaitQuiet(300).size() == 3u);
}

BOOST_FIXTURE_TEST_CASE(TwoHundredCleanMessagesArriveInOrder, Scenario) {
  std::vector<std::string> sent;
  for (int i = 1; i <= 200; ++i) {
    char text[96];
    std::snprintf(text, sizeof(text), "Dinner plan note %03d: want to get dinner tonight?", i);
    sent.push_back(text);
    Send(text);
  }
  std::vector<std::string> got = WaitReceived(200, 30000);
  BOOST_TEST(got.size() == 200u);
  BOOST_TEST(got == sent, boost::test_tools::per_element());
  BOOST_TEST(ScriptedRequestUi::OpenDialogs().empty());
}

}  // namespace
}  // namespace softstart::e2e
