// Privacy on disk while messages are held: libpurple's save timers rewrite
// prefs.xml and blist.xml (and accounts.xml) every few seconds; whatever the
// plugin keeps about a held message must stay in memory. The whole run is
// checked again after the client quits (plugin_quit_test.cc).
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include "disk_privacy.h"
#include "plugin_helpers.h"
#include "scenario.h"

namespace softstart::e2e {
namespace {

constexpr char kStylePref[] = "/plugins/core/softstart/suggestion_style";

// Modification time in ns, or 0 when missing.
long long MtimeNs(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return 0;
  return static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

// prefs.xml and blist.xml have no public sync in libpurple 2.x: schedule
// both saves (a pref flipped and back, purple_blist_schedule_save) and wait
// for the 5 s timers to write them.
bool WaitForSave(const std::string& user_dir) {
  const std::string prefs = user_dir + "/prefs.xml", blist = user_dir + "/blist.xml";
  const long long prefs_before = MtimeNs(prefs), blist_before = MtimeNs(blist);
  const int style = purple_prefs_get_int(kStylePref);
  purple_prefs_set_int(kStylePref, style + 1);
  purple_prefs_set_int(kStylePref, style);
  purple_blist_schedule_save();
  return PurpleClient::PumpUntil(
      [&] { return MtimeNs(prefs) > prefs_before && MtimeNs(blist) > blist_before; },
      9000);
}

BOOST_FIXTURE_TEST_CASE(HeldTextsStayOffDiskWhileHeld, Scenario) {
  E2eEnvironment& env = E2eEnvironment::Get();
  // Held with its dialog open.
  const std::string open_held = "You never call me back when you say you will";
  Dialog* open_dialog = SendExpectingHold(open_held);
  std::vector<std::string> held = {open_held, open_dialog->Field("softstart.text")->value};
  // Held, then its conversation closed: kept under "Held messages…".
  Scenario closed;
  const std::string closed_held = "You always leave your wet towels on the bed";
  Dialog* closed_dialog = closed.SendExpectingHold(closed_held);
  held.push_back(closed_held);
  held.push_back(closed_dialog->Field("softstart.text")->value);
  purple_conversation_destroy(closed.conv());
  PurpleClient::PumpFor(100);
  BOOST_REQUIRE(HeldListContains(env.plugin(), closed_held));

  BOOST_REQUIRE_MESSAGE(WaitForSave(env.user_dir()),
                        "libpurple did not rewrite prefs.xml and blist.xml within 9 s");
  const std::string found = TextsOnDisk(ClientDiskRoots(env.user_dir()), held);
  BOOST_TEST(found.empty(), "held text on disk:\n" << found);
  const std::string footprint = SoftstartFootprint(env.user_dir(), env.disk_baseline());
  BOOST_TEST(footprint.empty(), "softstart's footprint on disk:\n" << footprint);

  // Not sent, and nothing kept for the next cases.
  for (const std::string& text : held) RememberUnsent(text);
  ScriptedRequestUi::PressCancel(open_dialog);
  ScriptedRequestUi::PressCancel(closed_dialog);
  RunPluginAction(env.plugin(), "Forget held messages");
  BOOST_TEST(WaitQuiet(300).empty());
  BOOST_TEST(closed.WaitQuiet(100).empty());
}

}  // namespace
}  // namespace softstart::e2e
