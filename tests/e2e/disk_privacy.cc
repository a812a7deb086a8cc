#include "disk_privacy.h"

#include <purple.h>
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario.h"
#include "scripted_request_ui.h"

namespace softstart::e2e {
namespace {

namespace fs = std::filesystem;

std::vector<std::string>* g_texts = new std::vector<std::string>;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The forms a text can take in a file, lower-cased (files are searched
// lower-cased): as typed, visible, markup/XML-escaped, and its first 20
// bytes (a preview or a truncated copy). Forms under 6 bytes say nothing.
std::vector<std::string> Forms(const std::string& text) {
  const std::string visible = VisibleText(text);
  std::vector<std::string> forms = {text, visible, EscapeMarkup(visible)};
  char* xml = g_markup_escape_text(visible.c_str(), -1);
  forms.push_back(xml ? xml : "");
  g_free(xml);
  if (visible.size() > 20) forms.push_back(visible.substr(0, 20));
  std::vector<std::string> out;
  for (const std::string& f : forms) {
    if (f.size() >= 6) out.push_back(Lower(f));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void CollectPrefs(const char* path, std::map<std::string, std::string>* out) {
  GList* children = purple_prefs_get_children_names(path);
  for (GList* l = children; l; l = l->next) {
    const char* child = static_cast<const char*>(l->data);
    std::string value;
    switch (purple_prefs_get_type(child)) {
      case PURPLE_PREF_BOOLEAN: value = purple_prefs_get_bool(child) ? "bool=1" : "bool=0"; break;
      case PURPLE_PREF_INT: value = "int=" + std::to_string(purple_prefs_get_int(child)); break;
      case PURPLE_PREF_STRING: {
        const char* s = purple_prefs_get_string(child);
        value = std::string("string=") + (s ? s : "");
        break;
      }
      case PURPLE_PREF_PATH: {
        const char* s = purple_prefs_get_path(child);
        value = std::string("path=") + (s ? s : "");
        break;
      }
      case PURPLE_PREF_NONE: value = "none"; break;
      default: value = "list"; break;
    }
    (*out)[child] = value;
    CollectPrefs(child, out);
  }
  g_list_free_full(children, g_free);
}

// prefs.xml as path -> "type=value" (lists as "list"), and every <setting>
// name in blist.xml or accounts.xml.
struct XmlFacts {
  std::vector<std::string> stack;
  std::map<std::string, std::string> prefs;
  std::set<std::string> settings;
};

const char* Attr(const char** names, const char** values, const char* want) {
  for (int i = 0; names[i]; ++i) {
    if (std::string(names[i]) == want) return values[i];
  }
  return nullptr;
}

void StartElement(GMarkupParseContext*, const char* element, const char** names,
                  const char** values, gpointer data, GError**) {
  auto* facts = static_cast<XmlFacts*>(data);
  const std::string el = element;
  if (el == "setting") {
    if (const char* n = Attr(names, values, "name")) facts->settings.insert(n);
    return;
  }
  if (el != "pref") return;
  const char* name = Attr(names, values, "name");
  std::string path;
  if (facts->stack.empty() || (name && std::string(name) == "/")) {
    path = "";
  } else {
    path = facts->stack.back() + "/" + (name ? name : "");
  }
  facts->stack.push_back(path);
  if (path.empty()) return;
  const char* type = Attr(names, values, "type");
  const char* value = Attr(names, values, "value");
  const std::string t = type ? type : "none";
  if (t == "bool" || t == "int" || t == "string" || t == "path") {
    facts->prefs[path] = t + "=" + (value ? value : "");
  } else if (t == "none") {
    facts->prefs[path] = "none";
  } else {
    facts->prefs[path] = "list";
  }
}

void EndElement(GMarkupParseContext*, const char* element, gpointer data, GError**) {
  auto* facts = static_cast<XmlFacts*>(data);
  if (std::string(element) == "pref" && !facts->stack.empty()) facts->stack.pop_back();
}

bool ParseXml(const std::string& path, XmlFacts* facts, std::string* err) {
  const std::string text = ReadWhole(path);
  GMarkupParser parser = {StartElement, EndElement, nullptr, nullptr, nullptr};
  GMarkupParseContext* ctx = g_markup_parse_context_new(&parser, G_MARKUP_DEFAULT_FLAGS,
                                                        facts, nullptr);
  GError* error = nullptr;
  bool ok = g_markup_parse_context_parse(ctx, text.data(), static_cast<gssize>(text.size()),
                                         &error) &&
            g_markup_parse_context_end_parse(ctx, &error);
  if (!ok) *err = path + ": " + (error ? error->message : "parse error");
  if (error) g_error_free(error);
  g_markup_parse_context_free(ctx);
  return ok;
}

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

DiskBaseline TakeDiskBaseline() {
  DiskBaseline base;
  CollectPrefs("/", &base.prefs);
  for (PurpleBlistNode* node = purple_blist_get_root(); node;
       node = purple_blist_node_next(node, TRUE)) {
    if (!node->settings) continue;
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, node->settings);
    while (g_hash_table_iter_next(&it, &key, nullptr)) {
      base.blist_settings.insert(static_cast<const char*>(key));
    }
  }
  base.taken = true;
  return base;
}

void RecordMessageText(const std::string& text) {
  if (!text.empty()) g_texts->push_back(text);
}

std::vector<std::string> AllMessageTexts() {
  std::vector<std::string> texts = *g_texts;
  // Whatever any softstart dialog showed: originals, suggestions, held texts.
  for (const auto& dialog : ScriptedRequestUi::dialogs()) {
    for (const FieldRecord& f : dialog->fields) {
      if (f.type != PURPLE_REQUEST_FIELD_STRING || f.value.empty()) continue;
      if (f.id == "softstart.original" || f.id == "softstart.text" ||
          f.id.rfind("softstart.held.text.", 0) == 0) {
        texts.push_back(f.value);
      }
    }
  }
  std::sort(texts.begin(), texts.end());
  texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
  return texts;
}

std::vector<std::string> ClientDiskRoots(const std::string& user_dir) {
  std::vector<std::string> roots = {user_dir};
  const char* home = getenv("HOME");
  if (home && *home) {
    // Whatever the client may keep in HOME: dot dirs (.cache, .local, …).
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(home, ec)) {
      const std::string name = entry.path().filename().string();
      if (!name.empty() && name[0] == '.') roots.push_back(entry.path().string());
    }
  }
  for (const char* var : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "TMPDIR"}) {
    const char* dir = getenv(var);
    if (dir && *dir) roots.push_back(dir);
  }
  std::sort(roots.begin(), roots.end());
  roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
  return roots;
}

std::vector<std::string> FilesUnder(const std::vector<std::string>& roots) {
  std::vector<std::string> files;
  for (const std::string& root : roots) {
    std::error_code ec;
    if (!fs::exists(root, ec)) continue;
    if (fs::is_regular_file(fs::symlink_status(root, ec))) {
      files.push_back(root);
      continue;
    }
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (fs::is_regular_file(it->symlink_status(ec))) files.push_back(it->path().string());
    }
  }
  return files;
}

std::string TextsOnDisk(const std::vector<std::string>& roots,
                        const std::vector<std::string>& texts) {
  std::vector<std::pair<std::string, std::string>> files;  // name, path to read
  for (const std::string& f : FilesUnder(roots)) files.emplace_back(f, f);
  // Open files, deleted ones included: /proc/self/fd/N still reads them.
  // Not 0-2: stdin and the test's own report, when redirected to a file.
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc/self/fd", ec)) {
    const std::string fd = entry.path().filename().string();
    if (fd == "0" || fd == "1" || fd == "2") continue;
    std::error_code ec2;
    const fs::path target = fs::read_symlink(entry.path(), ec2);
    if (ec2 || !fs::is_regular_file(fs::status(entry.path(), ec2))) continue;
    const std::string t = target.string();
    if (StartsWith(t, "/proc/") || StartsWith(t, "/usr/") || StartsWith(t, "/lib")) continue;
    files.emplace_back(t + " (open fd)", entry.path().string());
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> needles;
  for (const std::string& text : texts) needles.emplace_back(text, Forms(text));
  std::string out;
  for (const auto& [name, path] : files) {
    const std::string content = Lower(ReadWhole(path));
    for (const auto& [text, forms] : needles) {
      for (const std::string& form : forms) {
        if (content.find(form) == std::string::npos) continue;
        out += name + " holds \"" + text.substr(0, 60) + "\" (as \"" + form + "\")\n";
        break;
      }
    }
  }
  return out;
}

std::string SoftstartFootprint(const std::string& user_dir, const DiskBaseline& base) {
  std::string out;
  if (!base.taken) return "no baseline taken before the plugin loaded\n";
  // Files: libpurple's own and nothing else; no conversation logs at all.
  static const std::set<std::string> kLibpurpleTop = {
      "accounts.xml", "blist.xml", "prefs.xml", "status.xml", "pounces.xml",
      "smileys.xml",  "xmpp-caps.xml", "certificates", "icons", "smileys", "plugins"};
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(user_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!kLibpurpleTop.count(name)) out += "unexpected entry in the user dir: " + name + "\n";
  }
  for (const std::string& f : FilesUnder({user_dir})) {
    if (Lower(f.substr(user_dir.size())).find("softstart") != std::string::npos) {
      out += "file named after softstart: " + f + "\n";
    }
  }
  for (const char* must : {"prefs.xml", "blist.xml"}) {
    if (!fs::exists(user_dir + "/" + must)) out += std::string("not saved: ") + must + "\n";
  }

  // prefs.xml: beyond libpurple's prefs, only /plugins/core/softstart/…;
  // libpurple's own prefs keep their values (logging stays off).
  const std::string kOwn = "/plugins/core/softstart";
  XmlFacts prefs;
  std::string err;
  if (!ParseXml(user_dir + "/prefs.xml", &prefs, &err)) return out + err + "\n";
  bool own_seen = false;
  for (const auto& [path, value] : prefs.prefs) {
    if (path == kOwn || StartsWith(path, kOwn + "/")) {
      own_seen = true;
      continue;
    }
    auto it = base.prefs.find(path);
    if (it == base.prefs.end()) {
      out += "pref not libpurple's: " + path + " (" + value + ")\n";
    } else if (it->second != value && value != "list") {
      out += "pref changed: " + path + " " + it->second + " -> " + value + "\n";
    }
  }
  if (!own_seen) out += "prefs.xml lacks /plugins/core/softstart (was it saved?)\n";
  for (const char* log : {"/purple/logging/log_ims", "/purple/logging/log_chats",
                          "/purple/logging/log_system"}) {
    auto it = prefs.prefs.find(log);
    if (it == prefs.prefs.end() || it->second != "bool=0") {
      out += std::string("conversation logging not off: ") + log + "\n";
    }
  }

  // blist.xml: node settings beyond libpurple's, only softstart-flagged.
  // libpurple adds last_seen to a buddy when it signs off (status.c), so it
  // is missing from a baseline taken before any buddy existed.
  static const std::set<std::string> kLibpurpleSettings = {"last_seen"};
  XmlFacts blist;
  if (!ParseXml(user_dir + "/blist.xml", &blist, &err)) return out + err + "\n";
  for (const std::string& name : blist.settings) {
    if (name != "softstart-flagged" && !base.blist_settings.count(name) &&
        !kLibpurpleSettings.count(name)) {
      out += "blist setting not libpurple's: " + name + "\n";
    }
  }
  if (!blist.settings.count("softstart-flagged")) {
    out += "blist.xml lacks softstart-flagged (was it saved?)\n";
  }

  // accounts.xml: softstart adds nothing to accounts.
  XmlFacts accounts;
  if (fs::exists(user_dir + "/accounts.xml") &&
      ParseXml(user_dir + "/accounts.xml", &accounts, &err)) {
    for (const std::string& name : accounts.settings) {
      if (Lower(name).find("softstart") != std::string::npos) {
        out += "account setting from softstart: " + name + "\n";
      }
    }
  }
  return out;
}

}  // namespace softstart::e2e
