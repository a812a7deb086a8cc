// Quitting the client with a message held: the text is discarded, never sent,
// and nothing crashes; then what the whole run left on disk. This ends the
// client, so it must run last: its file
// is listed last in CMakeLists.txt (Boost.Test runs cases in registration
// order), and any case that still ran after it would fail with a clear reason.
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "disk_privacy.h"
#include "plugin_helpers.h"
#include "scenario.h"

namespace softstart::e2e {
namespace {

BOOST_AUTO_TEST_CASE(QuitWithAMessageHeldSendsNothing) {
  std::string user;
  {
    Scenario s;
    user = s.user();
    Dialog* d = s.SendExpectingHold("You never clean up after the party");
    s.RememberUnsent("You never clean up after the party");
    PurpleClient::Quit();  // The user quits with the dialog still open.
    BOOST_TEST(!d->open, "the request outlived the client");
  }
  XmppReceiver& receiver = E2eEnvironment::Get().receiver();
  const size_t before = receiver.Bodies(user).size();
  // The client is gone; only the independent receiver is left to ask.
  PurpleClient::PumpFor(1500);
  BOOST_TEST(receiver.Bodies(user).size() == before);
  BOOST_TEST(before == 0u);
  E2eEnvironment::Get().Fail("the client quit in QuitWithAMessageHeldSendsNothing");
}

// After the quit above, which saves every file libpurple keeps (the save
// timers' pending writes run in purple_core_quit): with conversation logging
// off, no text of the whole run (typed, held, suggested, sent or not) may be
// in any file the client can write, and softstart's only marks are its prefs
// subtree and the softstart-flagged setting.
BOOST_AUTO_TEST_CASE(NoMessageTextOnDiskAfterQuit) {
  E2eEnvironment& env = E2eEnvironment::Get();
  BOOST_REQUIRE_MESSAGE(PurpleClient::has_quit(), "must run after the client quit");
  const std::vector<std::string> roots = ClientDiskRoots(env.user_dir());
  const std::vector<std::string> texts = AllMessageTexts();
  // Every scenario of the suite contributed; a short list means the record broke.
  BOOST_TEST(texts.size() >= 30u, "only " << texts.size() << " texts recorded");
  const std::vector<std::string> files = FilesUnder(roots);
  std::string listing;
  for (const std::string& f : files) listing += "  " + f + "\n";
  BOOST_TEST_MESSAGE("scanned " << files.size() << " files for " << texts.size()
                                << " texts:\n" << listing);
  BOOST_TEST(files.size() >= 3u);

  // The scan sees what it should: a canary in TMPDIR is found.
  const std::string canary_dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  const std::string canary = canary_dir + "/canary.txt";
  std::ofstream(canary) << "x " << texts.front() << " y";
  BOOST_TEST(!TextsOnDisk(roots, {texts.front()}).empty(), "the scan missed a canary");
  std::remove(canary.c_str());

  const std::string found = TextsOnDisk(roots, texts);
  BOOST_TEST(found.empty(), "message text on disk:\n" << found);
  const std::string footprint = SoftstartFootprint(env.user_dir(), env.disk_baseline());
  BOOST_TEST(footprint.empty(), "softstart's footprint on disk:\n" << footprint);
}

}  // namespace
}  // namespace softstart::e2e
