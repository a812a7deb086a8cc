// What a Pidgin or Finch user meets beyond the hold: the preferences
// (categories, pause, which suggestion first), the plugin actions
// ("Held messages…", "Try a message…", "Flagged contacts…") run from the
// plugin's actions list through the scripted request UI, and the buddy-menu
// label. The receiver says what actually arrived.
#include <boost/test/unit_test.hpp>

#include <ctime>
#include <string>

#include "e2e_environment.h"
#include "plugin_helpers.h"
#include "scenario.h"
#include "softstart/rewriter.h"

namespace softstart::e2e {
namespace {

using boost::test_tools::per_element;
using Bodies = std::vector<std::string>;

constexpr char kPrefs[] = "/plugins/core/softstart";

std::string Pref(const std::string& name) { return std::string(kPrefs) + "/" + name; }

void DefaultPrefs() {
  for (const char* name : {"blame", "demand", "loaded-question", "pressure", "dismissive"}) {
    purple_prefs_set_bool(Pref(std::string("categories/") + name).c_str(), TRUE);
  }
  purple_prefs_set_int(Pref("pause").c_str(), 0);
  purple_prefs_set_string(Pref("paused_until").c_str(), "0");
  purple_prefs_set_int(Pref("suggestion_style").c_str(), 0);
}

PurplePlugin* Plugin() { return E2eEnvironment::Get().plugin(); }

// A scenario that leaves the preferences as it found them (the defaults).
struct PrefsScenario : Scenario {
  PrefsScenario() { DefaultPrefs(); }
  ~PrefsScenario() { DefaultPrefs(); }
};

struct UnflaggedPrefsScenario : PrefsScenario {
  UnflaggedPrefsScenario() { PurpleClient::SetFlagged(buddy(), false); }
};

BOOST_FIXTURE_TEST_CASE(CategoryTurnedOffIsNotHeld, PrefsScenario) {
  BOOST_REQUIRE(purple_prefs_exists(Pref("categories/blame").c_str()));
  purple_prefs_set_bool(Pref("categories/blame").c_str(), FALSE);
  Send(kBlame);
  BOOST_TEST(WaitReceived(1) == Bodies{kBlame}, per_element());
  BOOST_TEST(WaitForDialog(300) == nullptr);
  // Back on: the same words are held again.
  purple_prefs_set_bool(Pref("categories/blame").c_str(), TRUE);
  SendExpectingHold(kBlame);
  BOOST_TEST(WaitQuiet(400).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(PauseSendsAtOnceUntilItExpires, PrefsScenario) {
  const time_t before = time(nullptr);
  // As the preferences window does: the user picks "For 15 minutes".
  purple_prefs_set_int(Pref("pause").c_str(), 15);
  const long long until = std::stoll(purple_prefs_get_string(Pref("paused_until").c_str()));
  BOOST_TEST(until >= before + 15 * 60);
  Send(kBlame);
  Send(kClean);
  BOOST_TEST(WaitReceived(2) == (Bodies{kBlame, kClean}), per_element());
  BOOST_TEST(WaitForDialog(300) == nullptr);

  // The stored end passes (as after a restart the next day): held again,
  // with no user action, and the choice shows "Not paused".
  purple_prefs_set_string(Pref("paused_until").c_str(), std::to_string(before - 60).c_str());
  SendExpectingHold(kBlame);
  BOOST_TEST(WaitQuiet(400).size() == 2u);
  BOOST_TEST(purple_prefs_get_int(Pref("pause").c_str()) == 0);
}

// What the plugin's rewriter says, from the same rules.
std::string SuggestionFor(const std::string& text, Suggestion::Style style) {
  Rewriter::Options options;
  options.rules_dir = SOFTSTART_E2E_RULES_DIR;
  Rewriter rewriter(options);
  BOOST_REQUIRE(rewriter.ok());
  Rewriter::AnalyzeOptions analyze;
  analyze.preferred_style = style;
  return rewriter.Analyze(text, analyze).suggestion();
}

BOOST_FIXTURE_TEST_CASE(PreferredStyleFullPutsTheFullSuggestionFirst, PrefsScenario) {
  const std::string full = SuggestionFor(kBlame, Suggestion::Style::kFull);
  const std::string brief = SuggestionFor(kBlame, Suggestion::Style::kShort);
  BOOST_REQUIRE(!full.empty());
  BOOST_TEST(full != brief);
  purple_prefs_set_int(Pref("suggestion_style").c_str(), 1);
  Dialog* d = SendExpectingHold(kBlame);
  BOOST_TEST(d->Field("softstart.text")->value == full);
  ScriptedRequestUi::Choose(d, 0);
  BOOST_TEST(WaitReceived(1) == Bodies{full}, per_element());

  purple_prefs_set_int(Pref("suggestion_style").c_str(), 0);
  d = SendExpectingHold(kBlame);
  BOOST_TEST(d->Field("softstart.text")->value == brief);
}

BOOST_FIXTURE_TEST_CASE(HeldMessagesAfterDontSendCopyBackAndDiscard, PrefsScenario) {
  const std::string held = "You never water the ferns on the balcony";
  Dialog* d = SendExpectingHold(held);
  RememberUnsent(held);
  ScriptedRequestUi::Choose(d, 2);
  const size_t writes = SystemWrites().size();

  Dialog* list = RunActionForDialog(Plugin(), "Held messages\u2026");
  BOOST_REQUIRE_MESSAGE(list != nullptr, "Held messages… opened no dialog");
  const int index = HeldEntryIndex(list, held);
  BOOST_REQUIRE_MESSAGE(index >= 0, "the text is not listed");
  BOOST_TEST(!list->Field("softstart.held.text." + std::to_string(index + 1))->editable);
  ScriptedRequestUi::SetChoice(list, "softstart.held.which", index);
  ScriptedRequestUi::SetChoice(list, "softstart.held.action", 0);  // Copy back.
  ScriptedRequestUi::PressOk(list);
  BOOST_TEST(!list->open);
  BOOST_TEST(SystemWrites().size() == writes + 1);
  const ConvWrite copied = SystemWrites().back();
  BOOST_TEST(copied.text.find(held) != std::string::npos, copied.text);
  BOOST_TEST((copied.flags & PURPLE_MESSAGE_NO_LOG) != 0);

  // Discard: gone from the list; nothing was ever sent.
  list = RunActionForDialog(Plugin(), "Held messages\u2026");
  BOOST_REQUIRE(list != nullptr);
  ScriptedRequestUi::SetChoice(list, "softstart.held.which", HeldEntryIndex(list, held));
  ScriptedRequestUi::SetChoice(list, "softstart.held.action", 1);
  ScriptedRequestUi::PressOk(list);
  BOOST_TEST(!HeldListContains(Plugin(), held));
  BOOST_TEST(WaitQuiet(400).empty());
}

BOOST_FIXTURE_TEST_CASE(HeldMessagesAfterADisconnect, PrefsScenario) {
  const std::string held = "You always forget to feed the cat on Sundays";
  SendExpectingHold(held);
  RememberUnsent(held);
  PurpleAccount* account = PurpleClient::account();
  purple_account_set_enabled(account, kUiId, FALSE);
  PurpleClient::PumpFor(300);
  purple_account_set_enabled(account, kUiId, TRUE);
  BOOST_REQUIRE_MESSAGE(PurpleClient::WaitConnected(20000), "account did not reconnect");

  Dialog* list = RunActionForDialog(Plugin(), "Held messages\u2026");
  BOOST_REQUIRE(list != nullptr);
  const int index = HeldEntryIndex(list, held);
  BOOST_REQUIRE_MESSAGE(index >= 0, "the text is not listed after the disconnect");
  const size_t writes = SystemWrites().size();
  ScriptedRequestUi::SetChoice(list, "softstart.held.which", index);
  ScriptedRequestUi::PressOk(list);  // Default action: copy back.
  BOOST_TEST(SystemWrites().size() == writes + 1);
  BOOST_TEST(SystemWrites().back().text.find(held) != std::string::npos);
  BOOST_TEST(WaitQuiet(600).empty());  // Copying back never sends.

  list = RunActionForDialog(Plugin(), "Held messages\u2026");
  BOOST_REQUIRE(list != nullptr);
  ScriptedRequestUi::SetChoice(list, "softstart.held.which", HeldEntryIndex(list, held));
  ScriptedRequestUi::SetChoice(list, "softstart.held.action", 1);
  ScriptedRequestUi::PressOk(list);
  BOOST_TEST(!HeldListContains(Plugin(), held));
}

BOOST_FIXTURE_TEST_CASE(TryAMessageShowsFindingsAndSendsNothing, PrefsScenario) {
  const size_t notes = PurpleClient::notifications().size();
  Dialog* input = RunActionForDialog(Plugin(), "Try a message\u2026");
  BOOST_REQUIRE_MESSAGE(input != nullptr, "Try a message… asked for no text");
  BOOST_TEST(input->input);
  BOOST_TEST(input->multiline);
  RememberUsed(kBlame);
  ScriptedRequestUi::AnswerInput(input, kBlame);
  BOOST_REQUIRE(PurpleClient::notifications().size() == notes + 1);
  const NotifyRecord& shown = PurpleClient::notifications().back();
  const std::string text = VisibleText(shown.text);
  BOOST_TEST(!shown.primary.empty());
  BOOST_TEST(text.find("What softstart found") != std::string::npos, text);
  BOOST_TEST(text.find(SuggestionFor(kBlame, Suggestion::Style::kShort)) != std::string::npos,
             text);
  BOOST_TEST(text.find("Other ways to say it") != std::string::npos, text);
  BOOST_TEST(text.find("Nothing was sent") != std::string::npos);
  BOOST_TEST(WaitQuiet().empty());
  BOOST_TEST(ScriptedRequestUi::OpenDialogs().empty());
}

BOOST_FIXTURE_TEST_CASE(MenuLabelReflectsState, UnflaggedPrefsScenario) {
  auto* node = reinterpret_cast<PurpleBlistNode*>(buddy());
  const std::string name = purple_contact_get_alias(purple_buddy_get_contact(buddy()));
  const std::string off = "Check my messages to " + name + " (softstart)";
  const std::string on = "Stop checking my messages to " + name + " (softstart)";
  BOOST_TEST(SoftstartMenuLabel(node) == off);
  BOOST_TEST(InvokeMenuEntry(node, off, node));
  BOOST_TEST(SoftstartMenuLabel(node) == on);
  BOOST_TEST(InvokeMenuEntry(node, on, node));
  BOOST_TEST(SoftstartMenuLabel(node) == off);
}

BOOST_FIXTURE_TEST_CASE(FlaggedContactsListsAndUnflags, PrefsScenario) {
  Dialog* list = RunActionForDialog(Plugin(), "Flagged contacts\u2026");
  BOOST_REQUIRE_MESSAGE(list != nullptr, "Flagged contacts… opened no dialog");
  std::string mine;
  for (const FieldRecord& f : list->fields) {
    BOOST_TEST(f.type == PURPLE_REQUEST_FIELD_BOOLEAN);
    if (f.label.find(jid()) != std::string::npos) mine = f.id;
  }
  BOOST_REQUIRE_MESSAGE(!mine.empty(), "this contact is not listed");
  ScriptedRequestUi::SetBool(list, mine, false);
  ScriptedRequestUi::PressOk(list);
  BOOST_TEST(!PurpleClient::IsFlagged(buddy()));
  Send(kBlame);
  BOOST_TEST(WaitReceived(1) == Bodies{kBlame}, per_element());
  BOOST_TEST(WaitForDialog(300) == nullptr);
}

}  // namespace
}  // namespace softstart::e2e
