#include "purple_loopback.h"
#include "purple_client.h"

#include <chrono>

#include "prosody_server.h"

namespace softstart::e2e {
namespace {

std::vector<ConvWrite>* g_conv_writes = new std::vector<ConvWrite>;
std::vector<DebugLine>* g_debug_lines = new std::vector<DebugLine>;
std::vector<NotifyRecord>* g_notifications = new std::vector<NotifyRecord>;
PurpleAccount* g_account = nullptr;
bool g_initialized = false;
bool g_quit = false;

// --- Event loop on GLib (libpurple asks the UI to watch its fds). ---

struct IoClosure {
  PurpleInputFunction function;
  gpointer data;
};

gboolean IoInvoke(GIOChannel* source, GIOCondition condition, gpointer data) {
  auto* closure = static_cast<IoClosure*>(data);
  int cond = 0;
  if (condition & (G_IO_IN | G_IO_HUP | G_IO_ERR)) cond |= PURPLE_INPUT_READ;
  if (condition & (G_IO_OUT | G_IO_HUP | G_IO_ERR | G_IO_NVAL)) {
    cond |= PURPLE_INPUT_WRITE;
  }
  closure->function(closure->data, g_io_channel_unix_get_fd(source),
                    static_cast<PurpleInputCondition>(cond));
  return TRUE;
}

void IoDestroy(gpointer data) { delete static_cast<IoClosure*>(data); }

guint InputAdd(gint fd, PurpleInputCondition condition,
               PurpleInputFunction function, gpointer data) {
  int cond = 0;
  if (condition & PURPLE_INPUT_READ) cond |= G_IO_IN | G_IO_HUP | G_IO_ERR;
  if (condition & PURPLE_INPUT_WRITE) cond |= G_IO_OUT | G_IO_HUP | G_IO_ERR | G_IO_NVAL;
  GIOChannel* channel = g_io_channel_unix_new(fd);
  guint id = g_io_add_watch_full(channel, G_PRIORITY_DEFAULT,
                                 static_cast<GIOCondition>(cond), IoInvoke,
                                 new IoClosure{function, data}, IoDestroy);
  g_io_channel_unref(channel);
  return id;
}

PurpleEventLoopUiOps g_eventloop_ops = {
    g_timeout_add, g_source_remove, InputAdd, g_source_remove, nullptr,
    g_timeout_add_seconds, nullptr, nullptr, nullptr};

// --- Conversations: record every write, as a window would show it. ---

void WriteConv(PurpleConversation* conv, const char* who, const char* /*alias*/,
               const char* message, PurpleMessageFlags flags, time_t /*mtime*/) {
  char* text = purple_markup_strip_html(message ? message : "");
  g_conv_writes->push_back({purple_conversation_get_name(conv), who ? who : "",
                            message ? message : "", text ? text : "", flags});
  g_free(text);
}

PurpleConversationUiOps g_conv_ops = {};

// --- Buddy list: present, so node settings reach blist.xml. ---

void BlistNoop(PurpleBuddyList*) {}
void BlistNodeNoop(PurpleBuddyList*, PurpleBlistNode*) {}
void NewNodeNoop(PurpleBlistNode*) {}
PurpleBlistUiOps g_blist_ops = {};

// --- Notifications: recorded, closed at once (nobody reads them). ---

std::string OrEmpty(const char* s) { return s ? s : ""; }

void* NotifyMessage(PurpleNotifyMsgType, const char* title, const char* primary,
                    const char* secondary) {
  g_notifications->push_back({OrEmpty(title), OrEmpty(primary), OrEmpty(secondary), ""});
  return g_notifications;
}

void* NotifyFormatted(const char* title, const char* primary, const char* secondary,
                      const char* text) {
  g_notifications->push_back(
      {OrEmpty(title), OrEmpty(primary), OrEmpty(secondary), OrEmpty(text)});
  return g_notifications;
}

void CloseNotify(PurpleNotifyType, void*) {}

PurpleNotifyUiOps g_notify_ops = {};

// --- Debug: capture everything, at every level, unsafe included. ---

void DebugPrint(PurpleDebugLevel level, const char* category, const char* text) {
  g_debug_lines->push_back({level, category ? category : "", text ? text : ""});
}
gboolean DebugEnabled(PurpleDebugLevel, const char*) { return TRUE; }
PurpleDebugUiOps g_debug_ops = {DebugPrint, DebugEnabled, nullptr, nullptr,
                                nullptr, nullptr};

// With debug enabled libpurple also g_print()s every line; the capture above
// already has them, so keep the test log readable.
void DropPrint(const gchar*) {}

void UiPrefsInit() { softstart::testing::UseLoopbackNetworkPrefs(); }

void UiInit() {
  g_conv_ops.write_conv = WriteConv;
  purple_conversations_set_ui_ops(&g_conv_ops);
  g_blist_ops.new_list = BlistNoop;
  g_blist_ops.new_node = NewNodeNoop;
  g_blist_ops.show = BlistNoop;
  g_blist_ops.update = BlistNodeNoop;
  g_blist_ops.remove = BlistNodeNoop;
  g_blist_ops.destroy = BlistNoop;
  purple_blist_set_ui_ops(&g_blist_ops);
  g_notify_ops.notify_message = NotifyMessage;
  g_notify_ops.notify_formatted = NotifyFormatted;
  g_notify_ops.close_notify = CloseNotify;
  purple_notify_set_ui_ops(&g_notify_ops);
}

PurpleCoreUiOps g_core_ops = {UiPrefsInit, nullptr, UiInit, nullptr,
                              nullptr,     nullptr, nullptr, nullptr};

gboolean WakeUp(gpointer) { return G_SOURCE_CONTINUE; }

}  // namespace

bool PurpleClient::Init(const std::string& user_dir, std::string* err) {
  g_set_print_handler(DropPrint);
  purple_util_set_user_dir(user_dir.c_str());
  purple_debug_set_ui_ops(&g_debug_ops);
  purple_debug_set_enabled(TRUE);
  purple_debug_set_verbose(TRUE);
  purple_debug_set_unsafe(TRUE);
  purple_core_set_ui_ops(&g_core_ops);
  purple_eventloop_set_ui_ops(&g_eventloop_ops);
  if (!purple_core_init(kUiId)) {
    *err = "purple_core_init failed";
    return false;
  }
  g_initialized = true;
  purple_set_blist(purple_blist_new());
  purple_blist_load();
  purple_prefs_load();
  // prefs.xml is fresh, but set again in case a load restored other values.
  UiPrefsInit();
  purple_prefs_set_string("/purple/proxy/type", "none");
  // No conversation logs, as these users have it: then no message text may
  // reach the disk at all (plugin_quit_test.cc checks).
  purple_prefs_set_bool("/purple/logging/log_ims", FALSE);
  purple_prefs_set_bool("/purple/logging/log_chats", FALSE);
  purple_prefs_set_bool("/purple/logging/log_system", FALSE);
  return true;
}

bool PurpleClient::Connect(const std::string& user, const std::string& password,
                           int port, std::string* err) {
  const std::string name = user + "@" + kXmppDomain + "/e2e";
  g_account = purple_account_new(name.c_str(), "prpl-jabber");
  purple_account_set_password(g_account, password.c_str());
  purple_account_set_remember_password(g_account, TRUE);
  purple_account_set_string(g_account, "connect_server", "127.0.0.1");
  purple_account_set_int(g_account, "port", port);
  purple_account_set_string(g_account, "connection_security", "opportunistic_tls");
  purple_account_set_bool(g_account, "auth_plain_in_clear", TRUE);
  purple_account_set_string(g_account, "ft_proxies", "");
  purple_accounts_add(g_account);
  purple_account_set_enabled(g_account, kUiId, TRUE);
  purple_savedstatus_activate(purple_savedstatus_new(nullptr, PURPLE_STATUS_AVAILABLE));
  if (!WaitConnected(20000)) {
    *err = "the libpurple account did not connect within 20 s";
    return false;
  }
  return true;
}

void PurpleClient::Shutdown() {
  if (!g_initialized || g_quit) return;
  if (g_account) purple_account_set_enabled(g_account, kUiId, FALSE);
  PumpFor(100);
  Quit();
}

void PurpleClient::Quit() {
  if (!g_initialized || g_quit) return;
  purple_core_quit();
  g_account = nullptr;
  g_quit = true;
}

bool PurpleClient::has_quit() { return g_quit; }

PurpleAccount* PurpleClient::account() { return g_account; }

bool PurpleClient::WaitConnected(int timeout_ms) {
  if (g_quit) return false;
  return PumpUntil([] { return g_account && purple_account_is_connected(g_account); },
                   timeout_ms);
}

bool PurpleClient::PumpUntil(const std::function<bool()>& done, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(timeout_ms);
  // A periodic wake-up so a blocking iteration never overshoots the deadline.
  guint wake = g_timeout_add(10, WakeUp, nullptr);
  bool ok = done();
  while (!ok && std::chrono::steady_clock::now() < deadline) {
    g_main_context_iteration(nullptr, TRUE);
    ok = done();
  }
  g_source_remove(wake);
  return ok;
}

void PurpleClient::PumpFor(int ms) {
  PumpUntil([] { return false; }, ms);
}

PurpleBuddy* PurpleClient::AddBuddy(const std::string& name) {
  PurpleBuddy* buddy = purple_find_buddy(g_account, name.c_str());
  if (buddy) return buddy;
  PurpleGroup* group = purple_find_group("e2e");
  if (!group) {
    group = purple_group_new("e2e");
    purple_blist_add_group(group, nullptr);
  }
  buddy = purple_buddy_new(g_account, name.c_str(), nullptr);
  purple_blist_add_buddy(buddy, nullptr, group, nullptr);
  purple_account_add_buddy(g_account, buddy);
  return buddy;
}

void PurpleClient::SetFlagged(PurpleBuddy* buddy, bool flagged) {
  purple_blist_node_set_bool(
      reinterpret_cast<PurpleBlistNode*>(purple_buddy_get_contact(buddy)),
      "softstart-flagged", flagged);
}

bool PurpleClient::IsFlagged(PurpleBuddy* buddy) {
  return purple_blist_node_get_bool(
      reinterpret_cast<PurpleBlistNode*>(purple_buddy_get_contact(buddy)),
      "softstart-flagged");
}

PurpleConversation* PurpleClient::OpenIm(const std::string& name) {
  PurpleConversation* conv = purple_find_conversation_with_account(
      PURPLE_CONV_TYPE_IM, name.c_str(), g_account);
  if (conv) return conv;
  return purple_conversation_new(PURPLE_CONV_TYPE_IM, g_account, name.c_str());
}

void PurpleClient::Send(PurpleConversation* conv, const std::string& markup) {
  purple_conv_im_send(PURPLE_CONV_IM(conv), markup.c_str());
}

PurplePlugin* PurpleClient::LoadPlugin(const std::string& path, std::string* err) {
  PurplePlugin* plugin = purple_plugin_probe(path.c_str());
  if (!plugin) {
    *err = "purple_plugin_probe failed for " + path;
    return nullptr;
  }
  if (!purple_plugin_is_loaded(plugin) && !purple_plugin_load(plugin)) {
    *err = "purple_plugin_load failed for " + path;
    if (plugin->error) *err += std::string(": ") + plugin->error;
    return nullptr;
  }
  return plugin;
}

const std::vector<ConvWrite>& PurpleClient::conv_writes() { return *g_conv_writes; }
const std::vector<NotifyRecord>& PurpleClient::notifications() {
  return *g_notifications;
}
const std::vector<DebugLine>& PurpleClient::debug_lines() { return *g_debug_lines; }

std::string PurpleClient::DebugText(size_t from_line) {
  std::string all;
  for (size_t i = from_line; i < g_debug_lines->size(); ++i) {
    all += (*g_debug_lines)[i].category + ": " + (*g_debug_lines)[i].text;
    if (all.empty() || all.back() != '\n') all += '\n';
  }
  return all;
}

}  // namespace softstart::e2e
