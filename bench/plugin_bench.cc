// softstart_plugin_bench: what softstart.so costs inside a libpurple client.
//
//   softstart_plugin_bench [--quick] [--data DIR] [--plugin PATH]
//
// 1. Plugin load: purple_plugin_probe + purple_plugin_load of softstart.so
//    (dlopen, rules and the Hunspell dictionary), cold once, then reloads.
// 2. Time added to sending a clean message to a flagged contact: the
//    `sending-im-msg` emission with the plugin loaded, per message, in
//    process (flag lookup + strip markup + analyse + decide), over the SMS
//    corpus lines the rules do not flag; the same for an unflagged contact.
//
// A headless libpurple core (no UI, no network, no account connected), as in
// libpurple's nullclient. Not a test: CTest never runs it.
#include <purple.h>

#include <glib.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "purple_loopback.h"
#include "bench_stats.h"
#include "softstart/rewriter.h"

namespace {

using softstart::bench::CpuNowNs;
using softstart::bench::Fixed;
using softstart::bench::Median;
using softstart::bench::NowNs;
using softstart::bench::Percentile;
using softstart::bench::ReadLines;

constexpr char kUi[] = "softstart-plugin-bench";
constexpr char kFlagged[] = "partner@localhost";
constexpr char kUnflagged[] = "friend@localhost";
constexpr char kSms[] = "sms_spam_collection/sms_spam_collection.txt";

struct Config {
  bool quick = false;
  std::string data_dir = SOFTSTART_BENCH_DATA_DIR;
  std::string plugin = SOFTSTART_BENCH_PLUGIN_PATH;
  int runs = 5;
  int reloads = 10;
};

void UiPrefsInit() { softstart::testing::UseLoopbackNetworkPrefs(); }

guint NoInput(int, PurpleInputCondition, PurpleInputFunction, gpointer) { return 0; }
PurpleEventLoopUiOps g_loop = {g_timeout_add, g_source_remove, NoInput, g_source_remove,
                               nullptr, g_timeout_add_seconds, nullptr, nullptr, nullptr};
PurpleCoreUiOps g_core = {UiPrefsInit, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                          nullptr};

// A UI that can show fields dialogs (else the plugin fails open and holds
// nothing); the dialog is never answered.
int g_dialog;
void* RequestFields(const char*, const char*, const char*, PurpleRequestFields* fields,
                    const char*, GCallback, const char*, GCallback, PurpleAccount*, const char*,
                    PurpleConversation*, void*) {
  purple_request_fields_destroy(fields);
  return &g_dialog;
}
void CloseRequest(PurpleRequestType, void*) {}
PurpleRequestUiOps g_request = {};


// As Pidgin sends typed text: markup with & < > " escaped.
std::string Markup(const std::string& text) {
  char* escaped = purple_markup_escape_text(text.c_str(), -1);
  std::string out = escaped;
  g_free(escaped);
  return out;
}

struct Handler {
  double p50_us = 0, p99_us = 0, max_us = 0, mean_cpu_us = 0;
  size_t held = 0;
};

// One emission of `sending-im-msg`, as purple_conv_im_send does it.
double EmitUs(PurpleAccount* account, const char* receiver, const std::string& markup,
              size_t* held) {
  char* message = g_strdup(markup.c_str());
  const int64_t start = NowNs();
  purple_signal_emit(purple_conversations_get_handle(), "sending-im-msg", account, receiver,
                     &message);
  const int64_t end = NowNs();
  if (message == nullptr) ++*held;
  g_free(message);
  return static_cast<double>(end - start) / 1e3;
}

Handler Measure(PurpleAccount* account, const char* receiver,
                const std::vector<std::string>& markups, const Config& config) {
  Handler result;
  size_t ignored = 0;
  for (const auto& m : markups) EmitUs(account, receiver, m, &ignored);  // Warm up.
  std::vector<std::vector<double>> per_message(markups.size());
  std::vector<double> cpu_means;
  for (int run = 0; run < config.runs; ++run) {
    const int64_t cpu_start = CpuNowNs();
    for (size_t i = 0; i < markups.size(); ++i) {
      per_message[i].push_back(EmitUs(account, receiver, markups[i], &result.held));
    }
    cpu_means.push_back(static_cast<double>(CpuNowNs() - cpu_start) / 1e3 /
                        static_cast<double>(markups.size()));
  }
  std::vector<double> medians;
  for (const auto& times : per_message) medians.push_back(Median(times));
  result.p50_us = Percentile(medians, 50);
  result.p99_us = Percentile(medians, 99);
  result.max_us = Percentile(medians, 100);
  result.mean_cpu_us = Median(cpu_means);
  return result;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "softstart_plugin_bench: error: %s\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Config config;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) {
      config.quick = true;
      config.runs = 2;
      config.reloads = 3;
    } else if (std::strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
      config.data_dir = argv[++i];
    } else if (std::strcmp(argv[i], "--plugin") == 0 && i + 1 < argc) {
      config.plugin = argv[++i];
    } else {
      return Fail(std::string("unknown argument ") + argv[i] +
                  " (usage: softstart_plugin_bench [--quick] [--data DIR] [--plugin PATH])");
    }
  }
  std::vector<std::string> lines;
  const std::string sms = config.data_dir + "/" + kSms;
  if (!ReadLines(sms, &lines)) return Fail("cannot read " + sms);

  gchar* home = g_dir_make_tmp("softstart-plugin-bench-XXXXXX", nullptr);
  const std::string home_dir = home;
  g_free(home);
  purple_util_set_user_dir(home_dir.c_str());
  purple_core_set_ui_ops(&g_core);
  purple_eventloop_set_ui_ops(&g_loop);
  if (!purple_core_init(kUi)) return Fail("purple_core_init failed");
  g_request.request_fields = RequestFields;
  g_request.close_request = CloseRequest;
  purple_request_set_ui_ops(&g_request);
  purple_set_blist(purple_blist_new());
  PurpleAccount* account = purple_account_new("me@localhost", "prpl-jabber");
  purple_accounts_add(account);
  for (const char* who : {kFlagged, kUnflagged}) {
    purple_blist_add_buddy(purple_buddy_new(account, who, nullptr), nullptr, nullptr, nullptr);
  }
  purple_blist_node_set_bool(
      reinterpret_cast<PurpleBlistNode*>(
          purple_buddy_get_contact(purple_find_buddy(account, kFlagged))),
      "softstart-flagged", TRUE);
  // The bundled rules, as a user's preference would name them.
  purple_prefs_add_none("/plugins/core/softstart");
  purple_prefs_add_string("/plugins/core/softstart/rules_dir", SOFTSTART_BENCH_RULES_DIR);

  // 1. Load time.
  int64_t wall = NowNs();
  int64_t cpu = CpuNowNs();
  PurplePlugin* plugin = purple_plugin_probe(config.plugin.c_str());
  if (plugin == nullptr || !purple_plugin_load(plugin)) return Fail("cannot load " + config.plugin);
  const double cold_ms = static_cast<double>(NowNs() - wall) / 1e6;
  const double cold_cpu_ms = static_cast<double>(CpuNowNs() - cpu) / 1e6;
  std::vector<double> reload_ms, reload_cpu_ms;
  for (int i = 0; i < config.reloads; ++i) {
    purple_plugin_unload(plugin);
    wall = NowNs();
    cpu = CpuNowNs();
    if (!purple_plugin_load(plugin)) return Fail("reload failed");
    reload_ms.push_back(static_cast<double>(NowNs() - wall) / 1e6);
    reload_cpu_ms.push_back(static_cast<double>(CpuNowNs() - cpu) / 1e6);
  }

  // 2. The handler. Only lines the rules pass: a flagged one would be held.
  softstart::Rewriter::Options options;
  options.rules_dir = SOFTSTART_BENCH_RULES_DIR;
  softstart::Rewriter rewriter(options);
  if (!rewriter.ok()) return Fail("the bundled rules do not load");
  std::vector<std::string> clean;
  for (const auto& line : lines) {
    if (!rewriter.Analyze(line).flagged()) clean.push_back(Markup(line));
    if (config.quick && clean.size() >= 1000) break;
  }
  Handler flagged = Measure(account, kFlagged, clean, config);
  Handler unflagged = Measure(account, kUnflagged, clean, config);
  // Proof the path measured is the checking one: a flagged text is held.
  size_t held = 0;
  EmitUs(account, kFlagged, "You never listen to me", &held);
  g_main_context_iteration(nullptr, FALSE);  // The dialog opens from a timeout.
  if (held != 1) return Fail("a flagged message to the flagged contact was not held");

  std::printf("## softstart_plugin_bench (%s)\n\n", config.quick ? "quick" : "full");
  std::printf("Plugin load (probe + load: dlopen, rules, Hunspell), wall ms:\n\n");
  std::printf("| load | wall ms | CPU ms (this thread) |\n|---|---:|---:|\n");
  std::printf("| first (cold) | %s | %s |\n", Fixed(cold_ms, 1).c_str(),
              Fixed(cold_cpu_ms, 1).c_str());
  std::printf("| reload, median of %d | %s | %s |\n", config.reloads,
              Fixed(Median(reload_ms), 1).c_str(), Fixed(Median(reload_cpu_ms), 1).c_str());
  std::printf("| reload, max | %s | |\n\n", Fixed(Percentile(reload_ms, 100), 1).c_str());
  std::printf("`sending-im-msg` with softstart loaded, %zu clean SMS lines (of %zu) x %d runs, "
              "per-message median of runs:\n\n",
              clean.size(), lines.size(), config.runs);
  std::printf("| receiver | p50 us | p99 us | max us | mean CPU us | held |\n"
              "|---|---:|---:|---:|---:|---:|\n");
  std::printf("| flagged contact | %s | %s | %s | %s | %zu |\n", Fixed(flagged.p50_us, 1).c_str(),
              Fixed(flagged.p99_us, 1).c_str(), Fixed(flagged.max_us, 1).c_str(),
              Fixed(flagged.mean_cpu_us, 1).c_str(), flagged.held);
  std::printf("| unflagged contact | %s | %s | %s | %s | %zu |\n",
              Fixed(unflagged.p50_us, 1).c_str(), Fixed(unflagged.p99_us, 1).c_str(),
              Fixed(unflagged.max_us, 1).c_str(), Fixed(unflagged.mean_cpu_us, 1).c_str(),
              unflagged.held);

  purple_plugin_unload(plugin);
  purple_core_quit();
  std::error_code ignored;
  std::filesystem::remove_all(home_dir, ignored);
  return flagged.held == 0 ? 0 : 1;
}
