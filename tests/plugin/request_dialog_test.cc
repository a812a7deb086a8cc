#define BOOST_TEST_MODULE plugin_request_dialog
#include <boost/test/unit_test.hpp>

#include <string>

#include "request_dialog.h"

namespace softstart {
namespace {

HeldMessage Held() {
  HeldMessage message;
  message.receiver = "sam@example.org";
  message.markup = "you <b>never</b> listen";
  message.visible = "you never listen";
  Finding finding;
  finding.category = Category::kBlame;
  finding.end = message.visible.size();
  message.analysis.findings.push_back(finding);
  message.analysis.suggestions.push_back(
      {Suggestion::Style::kShort, "I've been missing you lately."});
  return message;
}

// Owns the fields as the UI would, and frees them after each test.
struct Fields {
  Fields() : fields(BuildReviewFields(Held())) {}
  ~Fields() { purple_request_fields_destroy(fields); }
  PurpleRequestField* Get(const char* id) { return purple_request_fields_get_field(fields, id); }
  PurpleRequestFields* fields;
};

BOOST_FIXTURE_TEST_CASE(FieldsMatchTheContract, Fields) {
  PurpleRequestField* original = Get(kFieldOriginal);
  BOOST_TEST_REQUIRE(original != nullptr);
  BOOST_TEST(purple_request_field_get_type(original) == PURPLE_REQUEST_FIELD_STRING);
  BOOST_TEST(purple_request_field_string_is_multiline(original));
  BOOST_TEST(!purple_request_field_string_is_editable(original));
  BOOST_TEST(std::string(purple_request_field_string_get_value(original)) == "you never listen");

  PurpleRequestField* text = Get(kFieldText);
  BOOST_TEST_REQUIRE(text != nullptr);
  BOOST_TEST(purple_request_field_get_type(text) == PURPLE_REQUEST_FIELD_STRING);
  BOOST_TEST(purple_request_field_string_is_multiline(text));
  BOOST_TEST(purple_request_field_string_is_editable(text));
  BOOST_TEST(std::string(purple_request_field_string_get_value(text)) ==
             "I've been missing you lately.");

  PurpleRequestField* action = Get(kFieldAction);
  BOOST_TEST_REQUIRE(action != nullptr);
  BOOST_TEST(purple_request_field_get_type(action) == PURPLE_REQUEST_FIELD_CHOICE);
  BOOST_TEST(purple_request_field_choice_get_default_value(action) == 0);
  GList* labels = purple_request_field_choice_get_labels(action);
  BOOST_TEST_REQUIRE(g_list_length(labels) == 3u);
  BOOST_TEST(std::string(static_cast<const char*>(g_list_nth_data(labels, 0))) == "Send suggestion");
  BOOST_TEST(std::string(static_cast<const char*>(g_list_nth_data(labels, 1))) == "Send original");
  BOOST_TEST(std::string(static_cast<const char*>(g_list_nth_data(labels, 2))) == "Don't send");
}

BOOST_FIXTURE_TEST_CASE(UntouchedDialogSendsTheSuggestion, Fields) {
  Decision decision = ReadDecision(fields);
  BOOST_TEST((decision.action == Decision::Action::kSendSuggestion));
  BOOST_TEST(decision.text == "I've been missing you lately.");
}

// Finch 2.x numbers its choice items from 1 and reports 0 for a list left
// untouched; read as Pidgin's numbering, picking "Send suggestion" would send
// the original (seen in real Finch by scripts/screenshots/finch.sh).
BOOST_FIXTURE_TEST_CASE(FinchChoicesAreReadFromOne, Fields) {
  const auto finch = ChoiceNumbering::kFinchFromOne;
  BOOST_TEST((ReadDecision(fields, finch).action == Decision::Action::kSendSuggestion));  // Untouched.
  purple_request_field_choice_set_value(Get(kFieldAction), 1);
  BOOST_TEST((ReadDecision(fields, finch).action == Decision::Action::kSendSuggestion));
  purple_request_field_choice_set_value(Get(kFieldAction), 2);
  BOOST_TEST((ReadDecision(fields, finch).action == Decision::Action::kSendOriginal));
  purple_request_field_choice_set_value(Get(kFieldAction), 3);
  BOOST_TEST((ReadDecision(fields, finch).action == Decision::Action::kDontSend));
  purple_request_field_choice_set_value(Get(kFieldAction), 9);
  BOOST_TEST((ReadDecision(fields, finch).action == Decision::Action::kDontSend));
  // Any other UI keeps libpurple's own numbering.
  purple_request_field_choice_set_value(Get(kFieldAction), 1);
  BOOST_TEST((ReadDecision(fields, ChoiceNumbering::kFromZero).action == Decision::Action::kSendOriginal));
}

BOOST_FIXTURE_TEST_CASE(EditsAndChoicesAreRead, Fields) {
  purple_request_field_string_set_value(Get(kFieldText), "I miss you.\nCan we talk tonight?");
  Decision decision = ReadDecision(fields);
  BOOST_TEST(decision.text == "I miss you.\nCan we talk tonight?");

  purple_request_field_choice_set_value(Get(kFieldAction), 1);
  BOOST_TEST((ReadDecision(fields).action == Decision::Action::kSendOriginal));
  purple_request_field_choice_set_value(Get(kFieldAction), 2);
  BOOST_TEST((ReadDecision(fields).action == Decision::Action::kDontSend));
  // A UI reporting nonsense sends nothing.
  purple_request_field_choice_set_value(Get(kFieldAction), 7);
  BOOST_TEST((ReadDecision(fields).action == Decision::Action::kDontSend));
  purple_request_field_choice_set_value(Get(kFieldAction), -1);
  BOOST_TEST((ReadDecision(fields).action == Decision::Action::kDontSend));
}

BOOST_AUTO_TEST_CASE(ButtonsAreSendAndDontSend) {
  BOOST_TEST(std::string(kOkText) == "Send");
  BOOST_TEST(std::string(kCancelText) == "Don't send");
}

// A request UI that records the dialog and answers like a user would.
struct FakeUi {
  static void* RequestFields(const char* title, const char* primary, const char* secondary,
                             PurpleRequestFields* fields, const char* ok_text, GCallback ok_cb,
                             const char* cancel_text, GCallback, PurpleAccount*, const char* who,
                             PurpleConversation* conv, void* user_data) {
    seen = std::string(title) + "|" + primary + "|" + ok_text + "|" + cancel_text + "|" + who;
    secondary_seen = secondary;
    had_conv = conv != nullptr;
    // Answer at once, inside the call: the plugin must cope with that.
    reinterpret_cast<PurpleRequestFieldsCb>(ok_cb)(user_data, fields);
    purple_request_fields_destroy(fields);
    return &seen;
  }
  static void Answer(void* user_data, PurpleRequestFields* fields) {
    answered_with = GPOINTER_TO_UINT(user_data);
    decision = ReadDecision(fields);
  }
  static inline std::string seen;
  static inline std::string secondary_seen;
  static inline bool had_conv = true;
  static inline unsigned answered_with = 0;
  static inline Decision decision;
};

BOOST_AUTO_TEST_CASE(OpenReviewRequestUsesTheUiOps) {
  PurpleRequestUiOps ops{};
  BOOST_TEST(!RequestUiAvailable());
  purple_request_set_ui_ops(&ops);
  BOOST_TEST(!RequestUiAvailable());  // Other kinds only: no fields dialog.
  ops.request_fields = &FakeUi::RequestFields;
  BOOST_TEST(RequestUiAvailable());

  static int handle;
  void* ui_handle = OpenReviewRequest(&handle, Held(), nullptr, G_CALLBACK(&FakeUi::Answer),
                                      nullptr, GUINT_TO_POINTER(42));
  purple_request_close_with_handle(&handle);
  purple_request_set_ui_ops(nullptr);
  BOOST_TEST(ui_handle != nullptr);
  BOOST_TEST(FakeUi::seen == std::string("softstart|") +
                                 std::string(CategoryHeadline(Category::kBlame)) +
                                 "|Send|Don't send|sam@example.org");
  BOOST_TEST(FakeUi::secondary_seen.ends_with("edit the suggestion below until it sounds like you."));
  BOOST_TEST(!FakeUi::had_conv);
  BOOST_TEST(FakeUi::answered_with == 42u);
  BOOST_TEST((FakeUi::decision.action == Decision::Action::kSendSuggestion));
}

}  // namespace
}  // namespace softstart
