// The plugin's glue in a real libpurple core with a fake protocol and fake UI
// ops: signals, the hold, dialogs, faults and the menu, without any network.
// (tests/e2e runs the same contract over XMPP.)
#define BOOST_TEST_MODULE plugin_glue
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "glue_harness.h"

namespace softstart::testing {
namespace {

constexpr char kBlame[] = "You never listen to me";
constexpr char kBlameToo[] = "You always ignore me when your friends are here";
constexpr char kClean[] = "see you at 8";


bool g_quit = false;  // After purple_core_quit there is no plugin to clean up.

// Every case starts connected, with nothing held, and ends checking that no
// message text reached the debug log.
struct Case {
  Case() {
    Start();
    Connect();
    Record().Clear();
  }
  ~Case() {
    for (const char* text : {kBlame, kBlameToo, kClean, "I miss you"}) {
      BOOST_TEST(!Contains(Record().debug_log, text), "debug log carries: " << text);
    }
    if (g_quit) return;
    for (Dialog* dialog : OpenDialogs()) PressDontSend(dialog);
    RunAction("Forget held messages");
  }
  // "Held messages…" as the user reads it: the dialog's labels, texts and
  // choices (then closed), or the notice when there is nothing to act on.
  static std::string HeldList() {
    size_t notes = Record().notifications.size();
    size_t dialogs = Record().dialogs.size();
    BOOST_TEST(RunAction("Held messages\u2026"));
    if (Record().dialogs.size() > dialogs) {
      Dialog* dialog = Record().dialogs.back().get();
      std::string text = Describe(dialog->fields);
      PressDontSend(dialog);
      return text;
    }
    return Record().notifications.size() > notes ? Record().notifications.back() : "";
  }
  static std::string Describe(PurpleRequestFields* fields) {
    std::string text;
    for (GList* g = purple_request_fields_get_groups(fields); g != nullptr; g = g->next) {
      auto* group = static_cast<PurpleRequestFieldGroup*>(g->data);
      for (GList* f = purple_request_field_group_get_fields(group); f != nullptr; f = f->next) {
        auto* field = static_cast<PurpleRequestField*>(f->data);
        text += std::string(purple_request_field_get_label(field)) + ": ";
        if (purple_request_field_get_type(field) == PURPLE_REQUEST_FIELD_STRING) {
          text += purple_request_field_string_get_default_value(field);
        }
        if (purple_request_field_get_type(field) == PURPLE_REQUEST_FIELD_CHOICE) {
          for (GList* l = purple_request_field_choice_get_labels(field); l; l = l->next) {
            text += std::string(static_cast<const char*>(l->data)) + "; ";
          }
        }
        text += "\n";
      }
    }
    return text;
  }
};

BOOST_FIXTURE_TEST_CASE(UnflaggedContactIsUntouched, Case) {
  Type("alex", kBlame);
  BOOST_TEST(Record().sent == Lines{kBlame});
  BOOST_TEST(OpenDialogs().empty());
  BOOST_TEST(Record().notes.empty());
}

BOOST_FIXTURE_TEST_CASE(HeldUntilTheUserSendsTheEditedSuggestion, Case) {
  Type("sam", kBlame);
  BOOST_TEST(Record().sent.empty());
  BOOST_TEST(Record().echoes.empty());  // No local echo of a held message.
  BOOST_TEST_REQUIRE(OpenDialogs().size() == 1u);
  Dialog* dialog = OpenDialogs()[0];
  BOOST_TEST(dialog->title == "softstart");
  BOOST_TEST(dialog->ok_text == "Send");
  BOOST_TEST(dialog->cancel_text == "Don't send");
  BOOST_TEST(dialog->who == "sam");
  BOOST_TEST(Contains(dialog->secondary, "You never listen"));

  PressSend(dialog, 0, "I miss you & us\nCan we talk?");
  const std::string sent = "I miss you &amp; us<br>Can we talk?";
  BOOST_TEST(Record().sent == Lines{sent});
  BOOST_TEST(Record().echoes == Lines{sent});
  BOOST_TEST(OpenDialogs().empty());  // Our own send is not checked again.
}

BOOST_FIXTURE_TEST_CASE(QueueGoesOutInOrderAfterEachDecision, Case) {
  Type("sam", kBlame);
  Type("sam", kClean);
  Type("sam", kBlameToo);
  BOOST_TEST(Record().sent.empty());
  BOOST_TEST_REQUIRE(OpenDialogs().size() == 1u);

  PressSend(OpenDialogs()[0], 1);
  BOOST_TEST(Record().sent == (Lines{kBlame, kClean}));
  BOOST_TEST_REQUIRE(OpenDialogs().size() == 1u);  // The queued one's turn.
  BOOST_TEST(Contains(OpenDialogs()[0]->secondary, "always ignore me"));

  PressDontSend(OpenDialogs()[0]);
  BOOST_TEST(Record().sent == (Lines{kBlame, kClean}));
  BOOST_TEST_REQUIRE(Record().notes.size() == 1u);
  BOOST_TEST(Contains(Record().notes[0], kBlameToo));
  BOOST_TEST(!Contains(Record().notes[0], "[logged]"));
}

BOOST_FIXTURE_TEST_CASE(WithoutRequestFieldsSendsUnchangedWithANote, Case) {
  Record().request_ui = false;
  Type("sam", kBlame);
  BOOST_TEST(Record().sent == Lines{kBlame});
  BOOST_TEST(Record().notes.size() == 1u);
  BOOST_TEST(OpenDialogs().empty());
}

BOOST_FIXTURE_TEST_CASE(SignOffWhileHeldNeverSendsLater, Case) {
  Type("sam", kBlame);
  Type("sam", kClean);
  BOOST_TEST_REQUIRE(OpenDialogs().size() == 1u);
  Disconnect();
  // Closed by the plugin; the Finch-style cancel on close must not count.
  BOOST_TEST(OpenDialogs().empty());
  BOOST_TEST(AnyContains(Record().notes, kBlame));
  BOOST_TEST(AnyContains(Record().notes, kClean));
  Connect();
  BOOST_TEST(Record().sent.empty());
  std::string list = HeldList();
  BOOST_TEST(Contains(list, kBlame));
  BOOST_TEST(Contains(list, "not sent"));
  BOOST_TEST(RunAction("Forget held messages"));
  BOOST_TEST(!Contains(HeldList(), kBlame));
  Type("sam", kClean);
  BOOST_TEST(Record().sent == Lines{kClean});
}

BOOST_FIXTURE_TEST_CASE(ConversationClosedWhileHeldKeepsTheText, Case) {
  Type("sam", kBlame);
  BOOST_TEST_REQUIRE(OpenDialogs().size() == 1u);
  purple_conversation_destroy(Im("sam"));
  BOOST_TEST(Contains(HeldList(), kBlame));
  BOOST_TEST(Contains(HeldList(), "waiting for your choice"));
  // "Don't send" with no window to write into: kept under Held messages.
  PressDontSend(OpenDialogs()[0]);
  BOOST_TEST(Record().sent.empty());
  BOOST_TEST(Contains(HeldList(), "not sent"));

  // Choosing to send after the window closed reopens the conversation.
  Type("sam", kBlameToo);
  purple_conversation_destroy(Im("sam"));
  PressSend(OpenDialogs().at(0), 1);
  BOOST_TEST(Record().sent == Lines{kBlameToo});
}

BOOST_FIXTURE_TEST_CASE(UnloadWhileHeldWritesBackAndReloads, Case) {
  Type("sam", kBlame);
  BOOST_TEST_REQUIRE(OpenDialogs().size() == 1u);
  BOOST_TEST(purple_plugin_unload(Plugin()));
  BOOST_TEST(OpenDialogs().empty());
  BOOST_TEST(AnyContains(Record().notes, kBlame));
  BOOST_TEST(Record().sent.empty());
  BOOST_TEST_REQUIRE(purple_plugin_load(Plugin()));
  Type("sam", kClean);
  BOOST_TEST(Record().sent == Lines{kClean});
}

std::vector<PurpleMenuAction*> Menu(PurpleBlistNode* node, GList** menu) {
  purple_signal_emit(purple_blist_get_handle(), "blist-node-extended-menu", node, menu);
  std::vector<PurpleMenuAction*> actions;
  for (GList* l = *menu; l != nullptr; l = l->next) {
    actions.push_back(static_cast<PurpleMenuAction*>(l->data));
  }
  return actions;
}

void FreeMenu(GList* menu) {
  g_list_free_full(menu, [](gpointer a) { purple_menu_action_free(static_cast<PurpleMenuAction*>(a)); });
}

BOOST_FIXTURE_TEST_CASE(MenuToggleFlagsTheContact, Case) {
  auto* buddy = reinterpret_cast<PurpleBlistNode*>(purple_find_buddy(Account(), "alex"));
  auto* contact = reinterpret_cast<PurpleBlistNode*>(
      purple_buddy_get_contact(reinterpret_cast<PurpleBuddy*>(buddy)));
  using Callback = void (*)(PurpleBlistNode*, gpointer);

  GList* menu = nullptr;
  std::vector<PurpleMenuAction*> actions = Menu(buddy, &menu);  // As Pidgin.
  BOOST_TEST_REQUIRE(actions.size() == 1u);
  BOOST_TEST(std::string(actions[0]->label) == "Check my messages to alex (softstart)");
  reinterpret_cast<Callback>(actions[0]->callback)(buddy, actions[0]->data);
  FreeMenu(menu);
  BOOST_TEST(purple_blist_node_get_bool(contact, "softstart-flagged"));
  Type("alex", kBlame);
  BOOST_TEST(Record().sent.empty());
  BOOST_TEST(OpenDialogs().size() == 1u);

  menu = nullptr;
  actions = Menu(contact, &menu);  // As Finch.
  BOOST_TEST_REQUIRE(actions.size() == 1u);
  BOOST_TEST(std::string(actions[0]->label) == "Stop checking my messages to alex (softstart)");
  reinterpret_cast<Callback>(actions[0]->callback)(contact, actions[0]->data);
  FreeMenu(menu);
  BOOST_TEST(!purple_blist_node_get_bool(contact, "softstart-flagged"));
}

// Last: quitting tears libpurple down for the rest of the process.
BOOST_FIXTURE_TEST_CASE(QuittingDiscardsHeldTexts, Case) {
  Type("sam", kBlame);
  BOOST_TEST_REQUIRE(OpenDialogs().size() == 1u);
  size_t notes = Record().notes.size();
  g_quit = true;
  purple_core_quit();
  BOOST_TEST(Record().sent.empty());
  BOOST_TEST(OpenDialogs().empty());
  BOOST_TEST(Record().notes.size() == notes);  // Discarded, not written back.
}

}  // namespace
}  // namespace softstart::testing
