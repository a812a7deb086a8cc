// Privacy on disk: what the libpurple client left in its files. With
// conversation logging off (as the test client and these users have it) no
// message text may reach the disk at all, sent or not; and softstart's only
// marks on disk are its prefs under /plugins/core/softstart in prefs.xml and
// the `softstart-flagged` node setting in blist.xml.
//
//   DiskBaseline base = TakeDiskBaseline();        // before the plugin loads
//   ... scenarios; RecordMessageText() for every text typed or shown ...
//   std::string v = TextsOnDisk(ClientDiskRoots(), AllMessageTexts());
//   std::string w = SoftstartFootprint(user_dir, base);
#ifndef SOFTSTART_TESTS_E2E_DISK_PRIVACY_H_
#define SOFTSTART_TESTS_E2E_DISK_PRIVACY_H_

#include <map>
#include <set>
#include <string>
#include <vector>

namespace softstart::e2e {

// What libpurple itself keeps, captured from memory before softstart loads:
// every pref (path -> "type=value") and every blist node setting name.
struct DiskBaseline {
  bool taken = false;
  std::map<std::string, std::string> prefs;
  std::set<std::string> blist_settings;
};
DiskBaseline TakeDiskBaseline();

// Every message text of the run: typed into a conversation, shown in a
// softstart dialog (original and suggestion), or typed into a dialog.
void RecordMessageText(const std::string& text);
std::vector<std::string> AllMessageTexts();

// The client's directories: purple_user_dir() (passed in, so this works
// after quit), HOME's and XDG dirs the client may write, and its TMPDIR.
std::vector<std::string> ClientDiskRoots(const std::string& user_dir);

// Every regular file under the roots (recursively, symlinks not followed).
std::vector<std::string> FilesUnder(const std::vector<std::string>& roots);

// Where any form of any text (as typed, visible, escaped, lower case, its
// first 20 characters) appears in any file under roots or any regular file
// this process has open (deleted temp files too). One line per finding; ""
// when clean.
std::string TextsOnDisk(const std::vector<std::string>& roots,
                        const std::vector<std::string>& texts);

// Everything softstart left in user_dir beyond the baseline, other than its
// own prefs subtree and the softstart-flagged setting; also any conversation
// log or an unknown file. One line per finding; "" when clean.
std::string SoftstartFootprint(const std::string& user_dir, const DiskBaseline& base);

}  // namespace softstart::e2e

#endif  // SOFTSTART_TESTS_E2E_DISK_PRIVACY_H_
