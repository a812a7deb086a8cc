// softstart: try the rules on a message, check a batch, or feed tools JSON.
// Exit codes: 0 nothing found, 1 findings, 2 error (shellcheck's convention).
#include <unistd.h>

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "output.h"
#include "softstart/rewriter.h"
#include "softstart/rule_paths.h"

namespace {

constexpr int kClean = 0;
constexpr int kFindings = 1;
constexpr int kError = 2;

constexpr const char* kUsage = R"(usage: softstart [options] [MESSAGE...]

Checks a message to a partner for blame, demands, loaded questions, pressure
and dismissive phrasing, explains each finding, and suggests a gentler way to
say the same thing.

  softstart "you never want to cuddle"   check one message
  softstart --json "message"             the same as one JSON object
  softstart --jsonl < messages.txt       one JSON object per input line
  softstart < messages.txt               check each line, as text
  softstart                              (on a terminal) try messages interactively

options:
  --rules DIR     rule directory (default: the user's, then the installed,
                  then the source tree's dictionaries/en)
  --json          print JSON for the message
  --jsonl         read stdin, print one JSON object per line; exit 0
  --no-hunspell   no typo correction (skip loading the dictionary)
  --help          this text
  --version       the version

exit status: 0 nothing found, 1 findings, 2 error
)";

struct Flags {
  std::string rules;
  bool json = false;
  bool jsonl = false;
  bool hunspell = true;
  std::vector<std::string> words;
};

int Fail(const std::string& message) {
  std::cerr << "softstart: error: " << message << "\n";
  return kError;
}

// Returns -1 to go on, else the exit status.
int ParseFlags(int argc, char** argv, Flags* flags) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      for (++i; i < argc; ++i) flags->words.push_back(argv[i]);
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return kClean;
    } else if (arg == "--version") {
      std::cout << "softstart " SOFTSTART_VERSION "\n";
      return kClean;
    } else if (arg == "--json") {
      flags->json = true;
    } else if (arg == "--jsonl") {
      flags->jsonl = true;
    } else if (arg == "--no-hunspell") {
      flags->hunspell = false;
    } else if (arg == "--rules" || arg.rfind("--rules=", 0) == 0) {
      if (arg == "--rules" && i + 1 == argc) return Fail("--rules needs a directory");
      flags->rules = arg == "--rules" ? argv[++i] : arg.substr(std::strlen("--rules="));
    } else if (arg.size() > 1 && arg[0] == '-') {
      return Fail("unknown option '" + arg + "' (see softstart --help)");
    } else {
      flags->words.push_back(arg);
    }
  }
  if (flags->jsonl && !flags->words.empty()) return Fail("--jsonl reads messages from stdin, not arguments");
  return -1;
}

void StripCarriageReturn(std::string* line) {
  if (!line->empty() && line->back() == '\r') line->pop_back();
}

int RunJsonLines(const softstart::Rewriter& rewriter) {
  std::ios::sync_with_stdio(false);
  std::string line, out;
  while (std::getline(std::cin, line)) {
    StripCarriageReturn(&line);
    out += softstart::cli::AnalysisJson(line, rewriter.Analyze(line));
    out += '\n';
    if (out.size() > (1 << 16)) {
      std::cout << out;
      out.clear();
    }
  }
  std::cout << out << std::flush;
  return kClean;
}

int RunLines(const softstart::Rewriter& rewriter, bool interactive, bool json) {
  int status = kClean;
  std::string line;
  const bool color = isatty(STDOUT_FILENO);
  if (interactive) std::cout << "Type a message to your partner (Ctrl-D to quit).\n";
  while (true) {
    if (interactive) std::cout << "softstart> " << std::flush;
    if (!std::getline(std::cin, line)) break;
    StripCarriageReturn(&line);
    if (!interactive && line.empty()) continue;
    const softstart::Analysis analysis = rewriter.Analyze(line);
    if (analysis.flagged()) status = kFindings;
    if (json) {
      std::cout << softstart::cli::AnalysisJson(line, analysis) << "\n";
    } else {
      softstart::cli::PrintAnalysis(std::cout, line, analysis, color);
    }
  }
  if (interactive) std::cout << "\n";
  return status;
}

int Run(int argc, char** argv) {
  Flags flags;
  if (int status = ParseFlags(argc, argv, &flags); status >= 0) return status;

  std::string error;
  softstart::Rewriter::Options options;
  options.rules_dir = softstart::FindRulesDir(flags.rules, &error);
  if (options.rules_dir.empty()) return Fail(error);
  options.use_hunspell = flags.hunspell;
  // The bundled rules are compiled and tested by CI, so they compile as
  // messages need them; a folder the user chose is checked in full.
  options.defer_pattern_compiling = flags.rules.empty() && options.rules_dir == softstart::BundledRulesDir();
  // Never destroyed: the process ends right after, and freeing every
  // compiled pattern with its DFA cache took 6% of a 45,000-line batch. The
  // static keeps it reachable, so leak checkers stay quiet. Its background
  // compiler may still be running at exit; it touches only the rules.
  static const softstart::Rewriter& rewriter = *new softstart::Rewriter(options);
  if (!rewriter.ok()) {
    for (const auto& rule_error : rewriter.errors()) std::cerr << "softstart: error: " << rule_error.ToString() << "\n";
    return kError;
  }
  for (const auto& warning : rewriter.warnings()) std::cerr << "softstart: warning: " << warning << "\n";

  if (flags.jsonl) return RunJsonLines(rewriter);
  if (flags.words.empty()) return RunLines(rewriter, isatty(STDIN_FILENO), flags.json);

  std::string message;
  for (const auto& word : flags.words) message += (message.empty() ? "" : " ") + word;
  const softstart::Analysis analysis = rewriter.Analyze(message);
  if (flags.json) {
    std::cout << softstart::cli::AnalysisJson(message, analysis) << "\n";
  } else {
    softstart::cli::PrintAnalysis(std::cout, message, analysis, isatty(STDOUT_FILENO));
  }
  return analysis.flagged() ? kFindings : kClean;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    return Fail(e.what());
  }
}
