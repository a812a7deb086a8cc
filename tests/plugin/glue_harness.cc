#include "purple_loopback.h"
#include "glue_harness.h"

#include <glib.h>

#include <filesystem>

namespace softstart::testing {
namespace {

constexpr char kUi[] = "softstart-glue-test";
constexpr char kPrplId[] = "prpl-softstart-fake";

Recorder g_record;
PurplePlugin* g_plugin = nullptr;
PurpleAccount* g_account = nullptr;

// ---- The fake protocol: "connects" at once, records every IM it sends.
const char* ListIcon(PurpleAccount*, PurpleBuddy*) { return "fake"; }
void Login(PurpleAccount* account) {
  purple_connection_set_state(purple_account_get_connection(account), PURPLE_CONNECTED);
}
void Close(PurpleConnection*) {}
// Without status types an account has no presence and never goes online.
GList* StatusTypes(PurpleAccount*) {
  GList* types = nullptr;
  types = g_list_append(types, purple_status_type_new(PURPLE_STATUS_AVAILABLE, "available",
                                                      nullptr, TRUE));
  types = g_list_append(types, purple_status_type_new(PURPLE_STATUS_OFFLINE, "offline",
                                                      nullptr, TRUE));
  return types;
}
int SendIm(PurpleConnection*, const char*, const char* message, PurpleMessageFlags) {
  g_record.sent.push_back(message);
  return 1;
}

PurplePluginProtocolInfo MakePrplInfo() {
  PurplePluginProtocolInfo info{};
  info.options = OPT_PROTO_NO_PASSWORD;
  info.list_icon = ListIcon;
  info.status_types = StatusTypes;
  info.login = Login;
  info.close = Close;
  info.send_im = SendIm;
  info.struct_size = sizeof(PurplePluginProtocolInfo);
  return info;
}
PurplePluginProtocolInfo g_prpl_info = MakePrplInfo();

PurplePluginInfo MakePrplPluginInfo() {
  PurplePluginInfo info{};
  info.magic = PURPLE_PLUGIN_MAGIC;
  info.major_version = PURPLE_MAJOR_VERSION;
  info.minor_version = PURPLE_MINOR_VERSION;
  info.type = PURPLE_PLUGIN_PROTOCOL;
  info.priority = PURPLE_PRIORITY_DEFAULT;
  info.id = const_cast<char*>(kPrplId);
  info.name = const_cast<char*>("Fake");
  info.version = const_cast<char*>("1");
  info.extra_info = &g_prpl_info;
  return info;
}
PurplePluginInfo g_prpl_plugin_info = MakePrplPluginInfo();

// ---- Fake UI ops.
void WriteConv(PurpleConversation*, const char*, const char*, const char* message,
               PurpleMessageFlags flags, time_t) {
  if (flags & PURPLE_MESSAGE_SEND) g_record.echoes.push_back(message);
  // A system line the plugin writes must stay out of the chat log.
  if (flags & PURPLE_MESSAGE_SYSTEM) {
    g_record.notes.push_back(std::string(flags & PURPLE_MESSAGE_NO_LOG ? "" : "[logged] ") +
                             message);
  }
}

void* RequestFields(const char* title, const char* primary, const char* secondary,
                    PurpleRequestFields* fields, const char* ok_text, GCallback ok_cb,
                    const char* cancel_text, GCallback cancel_cb, PurpleAccount*, const char* who,
                    PurpleConversation*, void* user_data) {
  auto dialog = std::make_unique<Dialog>();
  dialog->title = title ? title : "";
  dialog->primary = primary ? primary : "";
  dialog->secondary = secondary ? secondary : "";
  dialog->ok_text = ok_text;
  dialog->cancel_text = cancel_text;
  dialog->who = who ? who : "";
  dialog->fields = fields;
  dialog->ok_cb = ok_cb;
  dialog->cancel_cb = cancel_cb;
  dialog->user_data = user_data;
  g_record.dialogs.push_back(std::move(dialog));
  return g_record.dialogs.back().get();
}

void* RequestInput(const char* title, const char* primary, const char* secondary,
                   const char*, gboolean multiline, gboolean, gchar*, const char* ok_text,
                   GCallback ok_cb, const char* cancel_text, GCallback cancel_cb, PurpleAccount*,
                   const char*, PurpleConversation*, void* user_data) {
  auto dialog = std::make_unique<Dialog>();
  dialog->title = title ? title : "";
  dialog->primary = primary ? primary : "";
  dialog->secondary = secondary ? secondary : "";
  dialog->ok_text = ok_text ? ok_text : "";
  dialog->cancel_text = cancel_text ? cancel_text : "";
  dialog->ok_cb = ok_cb;
  dialog->cancel_cb = cancel_cb;
  dialog->user_data = user_data;
  dialog->input = true;
  dialog->multiline = multiline;
  g_record.dialogs.push_back(std::move(dialog));
  return g_record.dialogs.back().get();
}

// As Finch does: a window destroyed without an answer runs the cancel
// callback, even when the plugin itself closed it.
void CloseRequest(PurpleRequestType, void* ui_handle) {
  auto* dialog = static_cast<Dialog*>(ui_handle);
  if (dialog->closed) return;
  if (dialog->input) {
    dialog->closed = true;
    if (!dialog->answered && dialog->cancel_cb != nullptr) {
      dialog->answered = true;
      reinterpret_cast<PurpleRequestInputCb>(dialog->cancel_cb)(dialog->user_data, "");
    }
    return;
  }
  dialog->closed = true;
  if (!dialog->answered && dialog->cancel_cb != nullptr) {
    dialog->answered = true;
    reinterpret_cast<PurpleRequestFieldsCb>(dialog->cancel_cb)(dialog->user_data, dialog->fields);
  }
  purple_request_fields_destroy(dialog->fields);
  dialog->fields = nullptr;
}

void* NotifyFormatted(const char*, const char*, const char*, const char* text) {
  g_record.notifications.push_back(text ? text : "");
  return nullptr;
}

void DebugPrint(PurpleDebugLevel, const char* category, const char* text) {
  g_record.debug_log += std::string(category ? category : "") + ": " + (text ? text : "");
}
gboolean DebugEnabled(PurpleDebugLevel, const char*) { return TRUE; }

void UiPrefsInit() { softstart::testing::UseLoopbackNetworkPrefs(); }

guint InputAdd(int, PurpleInputCondition, PurpleInputFunction, gpointer) { return 0; }

PurpleEventLoopUiOps g_loop_ops = {g_timeout_add, g_source_remove, InputAdd, g_source_remove,
                                   nullptr, g_timeout_add_seconds, nullptr, nullptr, nullptr};
PurpleCoreUiOps g_core_ops = {UiPrefsInit, nullptr, nullptr, nullptr, nullptr,
                              nullptr,     nullptr, nullptr};
PurpleConversationUiOps g_conv_ops{};
PurpleRequestUiOps g_request_ops{};
PurpleRequestUiOps g_no_fields_ops{};
PurpleNotifyUiOps g_notify_ops{};
PurpleDebugUiOps g_debug_ops = {DebugPrint, DebugEnabled, nullptr, nullptr, nullptr, nullptr};

}  // namespace

void Recorder::Clear() {
  sent.clear();
  echoes.clear();
  notes.clear();
  notifications.clear();
  debug_log.clear();
  request_ui = true;
  purple_request_set_ui_ops(&g_request_ops);
}

Recorder& Record() { return g_record; }
PurplePlugin* Plugin() { return g_plugin; }

bool RunAction(const std::string& label) {
  bool ran = false;
  GList* actions = PURPLE_PLUGIN_ACTIONS(Plugin(), nullptr);
  for (GList* l = actions; l != nullptr; l = l->next) {
    auto* action = static_cast<PurplePluginAction*>(l->data);
    if (ran || label != action->label) continue;
    action->plugin = Plugin();
    action->callback(action);
    ran = true;
  }
  g_list_free_full(actions, [](gpointer a) {
    purple_plugin_action_free(static_cast<PurplePluginAction*>(a));
  });
  return ran;
}

PurpleAccount* Account() { return g_account; }

// libpurple's settings folder for this process, removed at exit.
struct TempHome {
  ~TempHome() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove_all(path, ignored);
  }
  std::string path;
};
TempHome g_home;

void Start() {
  if (g_plugin != nullptr) return;
  gchar* home = g_dir_make_tmp("softstart-glue-XXXXXX", nullptr);
  g_home.path = home;
  purple_util_set_user_dir(home);
  g_free(home);
  g_conv_ops.write_conv = WriteConv;
  g_request_ops.request_fields = RequestFields;
  g_request_ops.request_input = RequestInput;
  g_request_ops.close_request = CloseRequest;
  g_no_fields_ops.close_request = CloseRequest;
  g_notify_ops.notify_formatted = NotifyFormatted;
  purple_debug_set_ui_ops(&g_debug_ops);
  purple_debug_set_enabled(TRUE);
  purple_debug_set_verbose(TRUE);
  purple_debug_set_unsafe(TRUE);
  purple_core_set_ui_ops(&g_core_ops);
  purple_eventloop_set_ui_ops(&g_loop_ops);
  if (!purple_core_init(kUi)) g_error("purple_core_init failed");
  purple_conversations_set_ui_ops(&g_conv_ops);
  purple_request_set_ui_ops(&g_request_ops);
  purple_notify_set_ui_ops(&g_notify_ops);
  // libpurple lists protocols when it probes; probe again after registering.
  PurplePlugin* prpl = purple_plugin_new(TRUE, nullptr);  // As a static prpl.
  prpl->info = &g_prpl_plugin_info;
  purple_plugin_register(prpl);
  purple_plugins_probe(G_MODULE_SUFFIX);
  if (purple_find_prpl(kPrplId) == nullptr) g_error("fake protocol not registered");
  purple_set_blist(purple_blist_new());
  purple_blist_load();


  g_account = purple_account_new("me@fake", kPrplId);
  purple_accounts_add(g_account);
  for (const char* who : {"sam", "alex"}) {
    purple_blist_add_buddy(purple_buddy_new(g_account, who, nullptr), nullptr, nullptr, nullptr);
  }
  PurpleBuddy* sam = purple_find_buddy(g_account, "sam");
  purple_blist_node_set_bool(reinterpret_cast<PurpleBlistNode*>(purple_buddy_get_contact(sam)),
                             "softstart-flagged", TRUE);

  g_plugin = purple_plugin_probe(SOFTSTART_PLUGIN_PATH);
  if (g_plugin == nullptr || !purple_plugin_load(g_plugin)) g_error("softstart.so did not load");
  purple_account_set_enabled(g_account, kUi, TRUE);
  Connect();
}

void Connect() {
  if (!purple_account_is_connected(g_account)) purple_account_connect(g_account);
  Spin();
}

void Disconnect() {
  purple_account_disconnect(g_account);
  Spin();
}

PurpleConversation* Im(const char* who) {
  PurpleConversation* conv =
      purple_find_conversation_with_account(PURPLE_CONV_TYPE_IM, who, g_account);
  return conv ? conv : purple_conversation_new(PURPLE_CONV_TYPE_IM, g_account, who);
}

void Type(const char* who, const char* markup) {
  purple_request_set_ui_ops(g_record.request_ui ? &g_request_ops : &g_no_fields_ops);
  purple_conv_im_send(PURPLE_CONV_IM(Im(who)), markup);
  Spin();
}

void Spin() {
  for (int i = 0; i < 100 && g_main_context_iteration(nullptr, FALSE); ++i) {
  }
}

void PressSend(Dialog* dialog, int action, const char* edited) {
  purple_request_field_choice_set_value(
      purple_request_fields_get_field(dialog->fields, "softstart.action"), action);
  if (edited != nullptr) {
    purple_request_field_string_set_value(
        purple_request_fields_get_field(dialog->fields, "softstart.text"), edited);
  }
  dialog->answered = true;
  reinterpret_cast<PurpleRequestFieldsCb>(dialog->ok_cb)(dialog->user_data, dialog->fields);
  purple_request_close(PURPLE_REQUEST_FIELDS, dialog);
  Spin();
}

void AnswerInput(Dialog* dialog, const char* text) {
  dialog->answered = true;
  reinterpret_cast<PurpleRequestInputCb>(dialog->ok_cb)(dialog->user_data, text);
  purple_request_close(PURPLE_REQUEST_INPUT, dialog);
  Spin();
}

void PressDontSend(Dialog* dialog) {
  // Closing without an answer runs the cancel callback, as a window close does.
  purple_request_close(PURPLE_REQUEST_FIELDS, dialog);
  Spin();
}

std::vector<Dialog*> OpenDialogs() {
  std::vector<Dialog*> open;
  for (auto& dialog : g_record.dialogs) {
    if (!dialog->closed) open.push_back(dialog.get());
  }
  return open;
}

}  // namespace softstart::testing
