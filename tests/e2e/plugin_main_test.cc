// softstart.so in a real client against a real server: the plugin's
// identity, and messages it must leave alone. The other plugin_*_test.cc
// files hold the hold, decision, fault, menu and privacy scenarios.
#define BOOST_TEST_MODULE e2e_plugin
#include <boost/test/unit_test.hpp>

#include "e2e_environment.h"
#include "plugin_helpers.h"
#include "scenario.h"

namespace softstart::e2e {
namespace {

struct PluginEnvironment {
  PluginEnvironment() {
    E2eEnvironment::Get().Start(SOFTSTART_E2E_PLUGIN_PATH, SOFTSTART_E2E_RULES_DIR);
  }
  ~PluginEnvironment() { E2eEnvironment::Get().Stop(); }
};
BOOST_TEST_GLOBAL_FIXTURE(PluginEnvironment);

bool EchoedAsSent(const Scenario& s, const std::string& visible) {
  for (const ConvWrite& w : s.Writes()) {
    if ((w.flags & PURPLE_MESSAGE_SEND) && w.text == visible) return true;
  }
  return false;
}

BOOST_AUTO_TEST_CASE(LoadsAsACorePlugin) {
  E2eEnvironment& env = E2eEnvironment::Get();
  BOOST_REQUIRE_MESSAGE(env.ok(), "end-to-end environment: " << env.error());
  PurplePlugin* plugin = env.plugin();
  BOOST_REQUIRE(plugin != nullptr);
  BOOST_TEST(purple_plugin_is_loaded(plugin));
  BOOST_REQUIRE(plugin->info != nullptr);
  BOOST_TEST(std::string(plugin->info->id) == "core-softstart");
  BOOST_TEST(plugin->info->ui_requirement == nullptr);
  BOOST_TEST(plugin->info->type == PURPLE_PLUGIN_STANDARD);
}

BOOST_FIXTURE_TEST_CASE(UnflaggedContactIsUntouched, UnflaggedScenario) {
  Send(kBlame);
  std::vector<std::string> got = WaitReceived(1);
  BOOST_TEST(got == std::vector<std::string>{kBlame}, boost::test_tools::per_element());
  BOOST_TEST(WaitForDialog(300) == nullptr);
  BOOST_TEST(EchoedAsSent(*this, kBlame));
  BOOST_TEST(SystemWrites().empty());
  // Not even inspected: the plugin has nothing to say about this message.
  for (size_t i = debug_mark(); i < PurpleClient::debug_lines().size(); ++i) {
    BOOST_TEST(PurpleClient::debug_lines()[i].category != "softstart",
               PurpleClient::debug_lines()[i].text);
  }
}

BOOST_FIXTURE_TEST_CASE(CleanMessageToFlaggedContactGoesOutAtOnce, Scenario) {
  Send(kClean);
  std::vector<std::string> got = WaitReceived(1);
  BOOST_TEST(got == std::vector<std::string>{kClean}, boost::test_tools::per_element());
  BOOST_TEST(WaitForDialog(300) == nullptr);
  BOOST_TEST(EchoedAsSent(*this, kClean));
  BOOST_TEST(SystemWrites().empty());
}

BOOST_FIXTURE_TEST_CASE(FlagOnTheBuddyNodeCountsToo, UnflaggedScenario) {
  // A buddy counts as flagged when the buddy node itself carries the setting.
  purple_blist_node_set_bool(reinterpret_cast<PurpleBlistNode*>(buddy()),
                             "softstart-flagged", TRUE);
  SendExpectingHold(kBlame);
  BOOST_TEST(WaitQuiet().empty());
}

}  // namespace
}  // namespace softstart::e2e
