// The logic behind the plugin actions, without a libpurple core: the
// "Held messages…" dialog built from a hold queue (with a fake outbox), the
// "Try a message…" report, and the buddy-menu label.
#define BOOST_TEST_MODULE plugin_actions
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "contacts.h"
#include "held_list.h"
#include "hold_queue.h"
#include "try_message.h"

namespace softstart {
namespace {

int kAccount;

// Keeps no conversation: every "Don't send" lands in the kept list.
struct FakeOutbox : Outbox {
  std::vector<uint32_t> reviews;
  void Send(const HeldMessage&, const std::string&) override {}
  bool WriteBack(const HeldMessage&) override { return true; }
  void RequestReview(const HeldMessage& message) override { reviews.push_back(message.id); }
  void CloseReview(uint32_t) override {}
};

HeldMessage Message(const std::string& who, const std::string& markup, bool flagged) {
  HeldMessage message;
  message.key = {&kAccount, who};
  message.receiver = who;
  message.markup = markup;
  if (flagged) {
    message.visible = markup;
    Finding finding;
    finding.category = Category::kBlame;
    finding.end = markup.size();
    message.analysis.findings.push_back(finding);
    message.analysis.suggestions.push_back({Suggestion::Style::kShort, "gentler"});
  }
  return message;
}

struct Fields {
  explicit Fields(PurpleRequestFields* f) : fields(f) {}
  ~Fields() { purple_request_fields_destroy(fields); }
  PurpleRequestField* Get(const std::string& id) {
    return purple_request_fields_get_field(fields, id.c_str());
  }
  std::vector<std::string> Choices(const char* id) {
    std::vector<std::string> labels;
    for (GList* l = purple_request_field_choice_get_labels(Get(id)); l; l = l->next) {
      labels.push_back(static_cast<const char*>(l->data));
    }
    return labels;
  }
  PurpleRequestFields* fields;
};

BOOST_AUTO_TEST_CASE(HeldDialogListsWaitingThenNotSent) {
  FakeOutbox outbox;
  HoldQueue queue(&outbox);
  queue.Submit(Message("sam", "you never listen", true));
  queue.Decide(outbox.reviews.at(0), {Decision::Action::kDontSend, ""});
  queue.Submit(Message("alex_b", "you always <b>do</b> this", true));
  queue.Submit(Message("alex_b", "anyway &amp; so", false));

  std::vector<const HeldMessage*> waiting = queue.Waiting();
  std::vector<const HeldMessage*> entries = HeldEntries(waiting, queue.kept());
  BOOST_TEST_REQUIRE(entries.size() == 3u);
  Fields f(BuildHeldFields(entries, waiting.size()));
  BOOST_TEST(std::string(purple_request_field_string_get_default_value(
                 f.Get(HeldTextFieldId(1)))) == "you always <b>do</b> this");
  // A queued message has only markup: shown as the user saw it.
  BOOST_TEST(std::string(purple_request_field_string_get_default_value(
                 f.Get(HeldTextFieldId(2)))) == "anyway & so");
  BOOST_TEST(std::string(purple_request_field_string_get_default_value(
                 f.Get(HeldTextFieldId(3)))) == "you never listen");
  BOOST_TEST(!purple_request_field_string_is_editable(f.Get(HeldTextFieldId(3))));
  // Fixed labels: Pidgin would read a name's '_' as a mnemonic.
  BOOST_TEST(std::string(purple_request_field_get_label(f.Get(HeldTextFieldId(1)))) ==
             "Message 1");
  BOOST_TEST(f.Choices(kFieldHeldWhich) ==
                 (std::vector<std::string>{
                     "Message 1, to alex_b (waiting for your choice)",
                     "Message 2, to alex_b (waiting behind an earlier message)",
                     "Message 3, to sam (not sent)"}),
             boost::test_tools::per_element());
  BOOST_TEST(f.Choices(kFieldHeldAction) ==
                 (std::vector<std::string>{"Copy it back into its conversation", "Discard it"}),
             boost::test_tools::per_element());

  HeldAnswer answer = ReadHeldAnswer(f.fields);
  BOOST_TEST(answer.index == 0);
  BOOST_TEST((answer.action == HeldAction::kCopyBack));
  purple_request_field_choice_set_value(f.Get(kFieldHeldWhich), 2);
  purple_request_field_choice_set_value(f.Get(kFieldHeldAction), 1);
  answer = ReadHeldAnswer(f.fields);
  BOOST_TEST(answer.index == 2);
  BOOST_TEST((answer.action == HeldAction::kDiscard));
  // The index maps back to the kept message, which discarding removes.
  BOOST_TEST(queue.Discard(entries[answer.index]->id));
  BOOST_TEST(queue.kept().empty());
}

BOOST_AUTO_TEST_CASE(HeldAnswerFromForeignFieldsIsNone) {
  Fields f(purple_request_fields_new());
  BOOST_TEST(ReadHeldAnswer(f.fields).index == -1);
  BOOST_TEST(ReadHeldAnswer(nullptr).index == -1);
}

Analysis Flagged() {
  Analysis analysis;
  Finding finding;
  finding.category = Category::kBlame;
  finding.start = 0;
  finding.end = 9;
  finding.principle = "Start with vulnerability, not blame";
  finding.explanation = "It may sound like <an accusation> & close the talk.";
  analysis.findings.push_back(finding);
  analysis.suggestions = {{Suggestion::Style::kShort, "I miss you & want us close"},
                          {Suggestion::Style::kFull, "Full one"},
                          {Suggestion::Style::kQuestion, "Can we talk?"}};
  return analysis;
}

BOOST_AUTO_TEST_CASE(TryReportShowsFindingsSuggestionAndAlternatives) {
  CheckSettings settings;
  TryReport report = BuildTryReport("You never <listen>", Flagged(), settings);
  BOOST_TEST(!report.primary.empty());
  const std::string& html = report.html;
  BOOST_TEST(html.find("\u201cYou never\u201d") != std::string::npos, html);
  BOOST_TEST(html.find("Start with vulnerability, not blame") != std::string::npos);
  // Every word from the user or the rules is escaped.
  BOOST_TEST(html.find("&lt;an accusation&gt; &amp; close") != std::string::npos, html);
  BOOST_TEST(html.find("You never &lt;listen&gt;") != std::string::npos, html);
  BOOST_TEST(html.find("I miss you &amp; want us close") < html.find("Other ways to say it"));
  BOOST_TEST(html.find("Full one") != std::string::npos);
  BOOST_TEST(html.find("Can we talk?") != std::string::npos);
  BOOST_TEST(html.find("Nothing was sent") != std::string::npos);
  BOOST_TEST(html.find("paused") == std::string::npos);
  BOOST_TEST(html.find("Not checked") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(TryReportForACleanMessageAndItsCaveats) {
  CheckSettings settings;
  settings.paused = true;
  settings.options.enabled.Remove(Category::kDemand);
  settings.options.enabled.Remove(Category::kPressure);
  TryReport report = BuildTryReport("see you at 8", Analysis{}, settings);
  BOOST_TEST(report.primary == kTryNothingFound);
  BOOST_TEST(report.html.find("Suggestion") == std::string::npos);
  BOOST_TEST(report.html.find("paused") != std::string::npos);
  BOOST_TEST(report.html.find("Not checked (turned off in the preferences): Demands, Pressure.") !=
             std::string::npos, report.html);
  BOOST_TEST(report.html.find("Nothing was sent") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(MenuLabelSaysWhatTheClickWillDo) {
  BOOST_TEST(MenuLabelFor("Sam", false, false) == "Check my messages to Sam (softstart)");
  BOOST_TEST(MenuLabelFor("Sam", true, false) == "Stop checking my messages to Sam (softstart)");
  // Pidgin reads '_' as a mnemonic marker; Finch shows it as is.
  BOOST_TEST(MenuLabelFor("sam_b", false, true) == "Check my messages to sam__b (softstart)");
  BOOST_TEST(MenuLabelFor("sam_b", false, false) == "Check my messages to sam_b (softstart)");
  // Long names are shortened at a character boundary.
  std::string label = MenuLabelFor("Alexandra-Konstantinopoulou\u00e9\u00e9@example.org", true,
                                   false);
  BOOST_TEST(label == "Stop checking my messages to Alexandra-Konstantinopou\u2026 (softstart)");
  BOOST_TEST(MenuLabelFor("abcdefghijklmnopqrstuvw\u00e9", false, false) ==
             "Check my messages to abcdefghijklmnopqrstuvw\u2026 (softstart)");
}

}  // namespace
}  // namespace softstart
