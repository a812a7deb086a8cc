// The preferences and plugin actions in a real libpurple core with a fake
// protocol and fake UI ops: what a Pidgin or Finch user gets from
// "Configure Plugin", "Held messages…", "Try a message…" and "Flagged
// contacts…". (tests/e2e runs the same over XMPP.)
#define BOOST_TEST_MODULE plugin_actions_glue
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <ctime>
#include <set>
#include <string>
#include <vector>

#include "glue_harness.h"
#include "prefs.h"

namespace softstart::testing {
namespace {

constexpr char kBlame[] = "You never listen to me";
constexpr char kClean[] = "see you at 8";


PurpleBlistNode* SamContact() {
  return reinterpret_cast<PurpleBlistNode*>(
      purple_buddy_get_contact(purple_find_buddy(Account(), "sam")));
}

void DefaultPrefs() {
  for (const char* name : {"blame", "demand", "loaded-question", "pressure", "dismissive"}) {
    purple_prefs_set_bool((std::string(kPrefCategories) + "/" + name).c_str(), TRUE);
  }
  purple_prefs_set_int(kPrefPause, kPauseOff);
  purple_prefs_set_string(kPrefPausedUntil, "0");
  purple_prefs_set_int(kPrefSuggestionStyle, kSuggestShort);
}


// Runs an action and returns the dialog it opened, or nullptr.
Dialog* RunForDialog(const std::string& label) {
  size_t before = Record().dialogs.size();
  BOOST_TEST(RunAction(label));
  Spin();
  return Record().dialogs.size() > before ? Record().dialogs.back().get() : nullptr;
}

void SetChoice(Dialog* dialog, const char* id, int value) {
  purple_request_field_choice_set_value(purple_request_fields_get_field(dialog->fields, id),
                                        value);
}

void PressOk(Dialog* dialog) {
  dialog->answered = true;
  reinterpret_cast<PurpleRequestFieldsCb>(dialog->ok_cb)(dialog->user_data, dialog->fields);
  purple_request_close(PURPLE_REQUEST_FIELDS, dialog);
  Spin();
}

std::string NewNotifications(size_t from) {
  std::string all;
  for (size_t i = from; i < Record().notifications.size(); ++i) {
    all += Record().notifications[i] + "\n";
  }
  return all;
}

struct Case {
  Case() {
    Start();
    Connect();
    Record().Clear();
    DefaultPrefs();
  }
  ~Case() {
    for (const char* text : {kBlame, kClean}) {
      BOOST_TEST(!Contains(Record().debug_log, text), "debug log carries: " << text);
    }
    for (Dialog* dialog : OpenDialogs()) PressDontSend(dialog);
    RunAction("Forget held messages");
    DefaultPrefs();
    purple_blist_node_set_bool(SamContact(), "softstart-flagged", TRUE);
  }
};

BOOST_FIXTURE_TEST_CASE(ActionsAreListedInOrder, Case) {
  Lines labels;
  GList* actions = PURPLE_PLUGIN_ACTIONS(Plugin(), nullptr);
  for (GList* l = actions; l != nullptr; l = l->next) {
    labels.push_back(static_cast<PurplePluginAction*>(l->data)->label);
  }
  g_list_free_full(actions, [](gpointer a) {
    purple_plugin_action_free(static_cast<PurplePluginAction*>(a));
  });
  BOOST_TEST(labels == (Lines{"Held messages\u2026", "Try a message\u2026",
                              "Flagged contacts\u2026", "Forget held messages"}),
             boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(PreferenceFrameHasEveryPreference, Case) {
  BOOST_TEST_REQUIRE(PURPLE_PLUGIN_HAS_PREF_FRAME(Plugin()));
  PurplePluginPrefFrame* frame = PURPLE_PLUGIN_UI_INFO(Plugin())->get_plugin_pref_frame(Plugin());
  BOOST_TEST_REQUIRE(frame != nullptr);
  std::set<std::string> names;
  for (GList* l = purple_plugin_pref_frame_get_prefs(frame); l != nullptr; l = l->next) {
    const char* name = purple_plugin_pref_get_name(static_cast<PurplePluginPref*>(l->data));
    if (name != nullptr) names.insert(name);
  }
  purple_plugin_pref_frame_destroy(frame);
  for (const char* name :
       {"/plugins/core/softstart/categories/blame", "/plugins/core/softstart/categories/demand",
        "/plugins/core/softstart/categories/loaded-question",
        "/plugins/core/softstart/categories/pressure",
        "/plugins/core/softstart/categories/dismissive", "/plugins/core/softstart/pause",
        "/plugins/core/softstart/suggestion_style", "/plugins/core/softstart/sensitivity",
        "/plugins/core/softstart/rules_dir"}) {
    BOOST_TEST(names.count(name) == 1u, name);
    BOOST_TEST(purple_prefs_exists(name), name);
  }
}

BOOST_FIXTURE_TEST_CASE(CategoryTurnedOffIsNotHeld, Case) {
  purple_prefs_set_bool("/plugins/core/softstart/categories/blame", FALSE);
  Type("sam", kBlame);
  BOOST_TEST(Record().sent == Lines{kBlame});
  BOOST_TEST(OpenDialogs().empty());
  purple_prefs_set_bool("/plugins/core/softstart/categories/blame", TRUE);
  Type("sam", kBlame);
  BOOST_TEST(OpenDialogs().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(PauseLetsEverythingThroughUntilItEnds, Case) {
  const time_t now = time(nullptr);
  purple_prefs_set_int(kPrefPause, kPause15Minutes);
  // Stored as an absolute time, so a restart keeps it and it ends by itself.
  long long until = std::atoll(purple_prefs_get_string(kPrefPausedUntil));
  BOOST_TEST(until >= now + 15 * 60);
  BOOST_TEST(until <= time(nullptr) + 15 * 60);
  Type("sam", kBlame);
  Type("sam", kClean);
  BOOST_TEST(Record().sent == (Lines{kBlame, kClean}));
  BOOST_TEST(OpenDialogs().empty());

  // The time passes: checking resumes with no user action.
  purple_prefs_set_string(kPrefPausedUntil, std::to_string(now - 5).c_str());
  Type("sam", kBlame);
  BOOST_TEST(OpenDialogs().size() == 1u);
  BOOST_TEST(Record().sent.size() == 2u);
  BOOST_TEST(purple_prefs_get_int(kPrefPause) == kPauseOff);  // The choice shows it too.
}

BOOST_FIXTURE_TEST_CASE(HeldMessagesCopyBackThenDiscard, Case) {
  Type("sam", kBlame);
  BOOST_TEST_REQUIRE(OpenDialogs().size() == 1u);
  PressDontSend(OpenDialogs()[0]);
  Record().notes.clear();

  Dialog* list = RunForDialog("Held messages\u2026");
  BOOST_TEST_REQUIRE(list != nullptr);
  BOOST_TEST(list->ok_text == "Apply");
  PurpleRequestField* text = purple_request_fields_get_field(list->fields, "softstart.held.text.1");
  BOOST_TEST_REQUIRE(text != nullptr);
  BOOST_TEST(std::string(purple_request_field_string_get_default_value(text)) == kBlame);
  BOOST_TEST(!purple_request_field_string_is_editable(text));
  SetChoice(list, "softstart.held.which", 0);
  SetChoice(list, "softstart.held.action", 0);
  PressOk(list);
  BOOST_TEST(AnyContains(Record().notes, kBlame));
  BOOST_TEST(AnyContains(Record().notes, "copy it from here"));
  BOOST_TEST(Record().sent.empty());

  // Still listed after copying; discarding removes it.
  list = RunForDialog("Held messages\u2026");
  BOOST_TEST_REQUIRE(list != nullptr);
  SetChoice(list, "softstart.held.action", 1);
  PressOk(list);
  size_t notes = Record().notifications.size();
  BOOST_TEST(RunForDialog("Held messages\u2026") == nullptr);
  BOOST_TEST(Contains(NewNotifications(notes), "Nothing is held"));
  BOOST_TEST(Record().sent.empty());
}

BOOST_FIXTURE_TEST_CASE(CopyBackReopensAClosedConversation, Case) {
  Type("sam", kBlame);
  BOOST_TEST_REQUIRE(OpenDialogs().size() == 1u);
  purple_conversation_destroy(Im("sam"));
  PressDontSend(OpenDialogs()[0]);
  BOOST_TEST(purple_find_conversation_with_account(PURPLE_CONV_TYPE_IM, "sam", Account()) ==
             nullptr);
  Record().notes.clear();
  Dialog* list = RunForDialog("Held messages\u2026");
  BOOST_TEST_REQUIRE(list != nullptr);
  PressOk(list);  // Defaults: the first message, copy back.
  BOOST_TEST(purple_find_conversation_with_account(PURPLE_CONV_TYPE_IM, "sam", Account()) !=
             nullptr);
  BOOST_TEST(AnyContains(Record().notes, kBlame));
}

BOOST_FIXTURE_TEST_CASE(TryAMessageExplainsAndSendsNothing, Case) {
  Dialog* input = RunForDialog("Try a message\u2026");
  BOOST_TEST_REQUIRE(input != nullptr);
  BOOST_TEST(input->input);
  BOOST_TEST(input->multiline);
  size_t notes = Record().notifications.size();
  AnswerInput(input, kBlame);
  std::string shown = NewNotifications(notes);
  BOOST_TEST(Contains(shown, "What softstart found"), shown);
  BOOST_TEST(Contains(shown, "Suggestion"), shown);
  BOOST_TEST(Contains(shown, "Other ways to say it"), shown);
  BOOST_TEST(Contains(shown, "Nothing was sent"), shown);
  BOOST_TEST(Record().sent.empty());
  BOOST_TEST(OpenDialogs().empty());

  input = RunForDialog("Try a message\u2026");
  BOOST_TEST_REQUIRE(input != nullptr);
  notes = Record().notifications.size();
  AnswerInput(input, kClean);
  shown = NewNotifications(notes);
  BOOST_TEST(!Contains(shown, "Suggestion"), shown);
  BOOST_TEST(Contains(shown, "Nothing was sent"), shown);
  BOOST_TEST(Record().sent.empty());
}

BOOST_FIXTURE_TEST_CASE(FlaggedContactsListsAndUnflags, Case) {
  Dialog* list = RunForDialog("Flagged contacts\u2026");
  BOOST_TEST_REQUIRE(list != nullptr);
  PurpleRequestField* sam = purple_request_fields_get_field(list->fields, "softstart.flagged.1");
  BOOST_TEST_REQUIRE(sam != nullptr);
  BOOST_TEST(Contains(purple_request_field_get_label(sam), "sam"));
  BOOST_TEST(purple_request_fields_get_field(list->fields, "softstart.flagged.2") == nullptr);
  purple_request_field_bool_set_value(sam, FALSE);
  PressOk(list);
  BOOST_TEST(!purple_blist_node_get_bool(SamContact(), "softstart-flagged"));
  Type("sam", kBlame);
  BOOST_TEST(Record().sent == Lines{kBlame});

  size_t notes = Record().notifications.size();
  BOOST_TEST(RunForDialog("Flagged contacts\u2026") == nullptr);
  BOOST_TEST(Contains(NewNotifications(notes), "checks no one yet"));
}

}  // namespace
}  // namespace softstart::testing
