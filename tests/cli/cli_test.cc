// The `softstart` command as scripts and people use it: exit codes, the JSON
// contract, batch input with CRLF and broken bytes, and rule errors.
#define BOOST_TEST_MODULE cli_test
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

struct Result {
  int status = -1;
  std::string out, err;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Runs the CLI with the given arguments and stdin (files, not pipes, so a
// large output cannot deadlock).
Result Run(const std::vector<std::string>& args, const std::string& input = "") {
  const fs::path dir = fs::temp_directory_path() / ("softstart-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "in", std::ios::binary) << input;
  const pid_t pid = fork();
  if (pid == 0) {
    const int in = open((dir / "in").c_str(), O_RDONLY);
    const int out = open((dir / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open((dir / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv = {const_cast<char*>(SOFTSTART_CLI)};
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    setenv("SOFTSTART_RULES_DIR", SOFTSTART_TEST_RULES_DIR, 1);
    execv(SOFTSTART_CLI, argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Result result{WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(dir / "out"), ReadFile(dir / "err")};
  fs::remove_all(dir);
  return result;
}

std::vector<nlohmann::ordered_json> JsonLines(const std::string& out) {
  std::vector<nlohmann::ordered_json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::ordered_json::parse(line));  // Throws on invalid JSON.
  return lines;
}

void CheckShape(const nlohmann::ordered_json& object) {
  BOOST_REQUIRE(object.is_object());
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  const std::vector<std::string> expected = {"text", "flagged", "findings", "suggestion", "alternatives"};
  BOOST_TEST(keys == expected, boost::test_tools::per_element());
  BOOST_TEST(object["text"].is_string());
  BOOST_TEST(object["flagged"].is_boolean());
  BOOST_TEST(object["findings"].is_array());
  BOOST_TEST(object["alternatives"].is_array());
  if (object["flagged"].get<bool>()) {
    BOOST_TEST(object["suggestion"].is_string());
    BOOST_TEST(object["alternatives"].size() >= 2u);
    for (const auto& finding : object["findings"]) {
      for (const char* key : {"category", "rule", "start", "end", "explanation"}) BOOST_TEST(finding.contains(key), key);
      BOOST_TEST(finding["start"].get<size_t>() < finding["end"].get<size_t>());
    }
  } else {
    BOOST_TEST(object["suggestion"].is_null());
    BOOST_TEST(object["findings"].empty());
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(exit_codes) {
  BOOST_TEST(Run({"I love you"}).status == 0);
  BOOST_TEST(Run({"You never want to have sex with me"}).status == 1);
  const Result bad = Run({"--bogus"});
  BOOST_TEST(bad.status == 2);
  BOOST_TEST(bad.err.rfind("softstart: error: ", 0) == 0u, bad.err);
  BOOST_TEST(Run({"--help"}).status == 0);
  BOOST_TEST(Run({"--version"}).out.rfind("softstart ", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(text_output_marks_words_and_suggests) {
  const Result result = Run({"hey. u never listen to me"});
  BOOST_TEST(result.status == 1);
  BOOST_TEST(result.out.find("[u never listen to me]") != std::string::npos, result.out);
  BOOST_TEST(result.out.find("Start with vulnerability, not blame") != std::string::npos);
  BOOST_TEST(result.out.find("Suggestion:\n  hey. ") != std::string::npos, result.out);
  BOOST_TEST(result.out.find("Alternatives:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(json_for_one_message) {
  const Result result = Run({"--json", "We need to have sex more"});
  BOOST_TEST(result.status == 1);
  const auto lines = JsonLines(result.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 1u);
  CheckShape(lines[0]);
  BOOST_TEST(lines[0]["findings"][0]["category"] == "demand");
  BOOST_TEST(lines[0]["findings"][0]["start"] == 0);
  BOOST_TEST(lines[0]["findings"][0]["end"] == 24);
}

BOOST_AUTO_TEST_CASE(jsonl_one_object_per_line_in_order) {
  static const char kInput[] =
      "hello\r\nYou never want to have sex with me\r\n\r\nbad \xFF\xFE bytes you never call\n"
      "nul\0byte\nwe need milk";
  const Result result = Run({"--jsonl"}, std::string(kInput, sizeof kInput - 1));
  BOOST_TEST(result.status == 0);
  const auto lines = JsonLines(result.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 6u);
  for (const auto& line : lines) CheckShape(line);
  BOOST_TEST(lines[0]["text"] == "hello");  // CR stripped.
  BOOST_TEST(lines[1]["flagged"] == true);
  BOOST_TEST(lines[2]["text"] == "");
  BOOST_TEST(lines[3]["text"] == "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes you never call");  // Valid UTF-8 out.
  BOOST_TEST(lines[3]["flagged"] == true);
  BOOST_TEST(lines[3]["findings"][0]["start"] == 13);  // Offsets count input bytes.
  BOOST_TEST(lines[5]["flagged"] == false);
}

BOOST_AUTO_TEST_CASE(jsonl_handles_a_nul_byte) {
  const std::string input("you never\0 call\n", 16);
  const auto lines = JsonLines(Run({"--jsonl"}, input).out);
  BOOST_REQUIRE_EQUAL(lines.size(), 1u);
  CheckShape(lines[0]);
}

BOOST_AUTO_TEST_CASE(batch_text_mode_exit_status) {
  BOOST_TEST(Run({}, "hi\nsee you soon\n").status == 0);
  BOOST_TEST(Run({}, "hi\nyou never call\n").status == 1);
}

BOOST_AUTO_TEST_CASE(rule_errors_name_file_and_line) {
  const fs::path dir = fs::temp_directory_path() / ("softstart-cli-rules-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(SOFTSTART_TEST_RULES_DIR, dir, fs::copy_options::recursive);
  std::ofstream(dir / "rules" / "zz-broken.yaml") << "rules:\n  - id: blame.broken\n    category: blame\n"
                                                     "    pattern: '(unclosed'\n";
  const Result result = Run({"--rules", dir.string(), "hello"});
  fs::remove_all(dir);
  BOOST_TEST(result.status == 2);
  BOOST_TEST(result.err.find("zz-broken.yaml:4: bad regular expression") != std::string::npos, result.err);
  BOOST_TEST(Run({"--rules", "/nonexistent", "hi"}).status == 2);
}

BOOST_AUTO_TEST_CASE(jsonl_keeps_up_with_a_hundred_thousand_lines) {
  std::string input;
  for (int i = 0; i < 100000; ++i) {
    input += i % 1000 == 0 ? "you never listen to me\r\n" : "see you at " + std::to_string(i % 24) + "\n";
  }
  const Result result = Run({"--jsonl"}, input);
  BOOST_TEST(result.status == 0);
  size_t lines = 0, flagged = 0;
  for (size_t pos = 0; (pos = result.out.find('\n', pos)) != std::string::npos; ++pos) ++lines;
  for (size_t pos = 0; (pos = result.out.find("\"flagged\":true", pos)) != std::string::npos; ++pos) ++flagged;
  BOOST_TEST(lines == 100000u);
  BOOST_TEST(flagged == 100u);
}

// --jsonl spreads lines over threads; the output must not depend on how.
BOOST_AUTO_TEST_CASE(jsonl_threads_keep_input_order) {
  const char* kMessages[] = {"you never want to have sex with me", "see you at 6", "We need to have sex more",
                             "whatever. calm down", "I love you", "why can't you just hug me for once?"};
  std::string input;
  for (int i = 0; i < 1000; ++i) input += std::string(kMessages[i % 6]) + (i % 7 == 0 ? " lol\n" : "\n");
  const Result one = Run({"--jsonl", "--threads", "1"}, input);
  const Result many = Run({"--jsonl", "--threads=5"}, input);
  BOOST_TEST(one.status == 0);
  BOOST_TEST(many.status == 0);
  BOOST_TEST(one.out == many.out);
  const auto lines = JsonLines(many.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 1000u);
  for (size_t i = 0; i < lines.size(); ++i) {
    BOOST_TEST_CONTEXT("line " << i) {
      BOOST_TEST(lines[i]["text"].get<std::string>().rfind(kMessages[i % 6], 0) == 0u);
    }
  }
  BOOST_TEST(Run({"--jsonl", "--threads", "0"}).status == 2);
  BOOST_TEST(Run({"--jsonl", "--threads=x"}).err.find("--threads needs a number") != std::string::npos);
}

// --sentences prints what the rules and the tone model read: each line's
// normalised sentences as a JSON array (the trainer's input).
BOOST_AUTO_TEST_CASE(sentences_one_array_per_line) {
  const Result result = Run({"--sentences"}, "hey. u dont call!! ok\n\nbad \xFF bytes\n");
  BOOST_TEST(result.status == 0);
  const auto lines = JsonLines(result.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);
  BOOST_TEST(lines[0] == nlohmann::json::parse(R"(["hey.", "you don't call!!", "ok"])"));
  BOOST_TEST(lines[1] == nlohmann::json::array());
  BOOST_TEST(lines[2] == nlohmann::json::parse("[\"bad \xEF\xBF\xBD bytes\"]"));  // Valid UTF-8 out.
  BOOST_TEST(Run({"--sentences", "hello"}).status == 2);  // Lines come on stdin.
}

// --no-tone-model: findings from the patterns alone.
BOOST_AUTO_TEST_CASE(tone_model_can_be_turned_off) {
  BOOST_TEST(Run({"--no-tone-model", "You never want to have sex with me"}).status == 1);
  BOOST_TEST(Run({"--no-tone-model", "see you at 6"}).status == 0);
  const auto lines = JsonLines(Run({"--jsonl", "--no-tone-model"}, "you never call\n").out);
  BOOST_REQUIRE_EQUAL(lines.size(), 1u);
  for (const auto& finding : lines[0]["findings"]) {
    BOOST_TEST(finding["rule"].get<std::string>().find(".sounds-like-") == std::string::npos);
  }
}

// --catch-more uses the tone model's lower threshold: never fewer findings.
BOOST_AUTO_TEST_CASE(catch_more_never_finds_less) {
  const char* kMessages[] = {"you never want to have sex with me", "see you at 6", "u act so warm with ur friends and so cold with me",
                             "I love you", "whatever"};
  std::string input;
  for (const char* message : kMessages) input += std::string(message) + "\n";
  const auto standard = JsonLines(Run({"--jsonl"}, input).out);
  const auto more = JsonLines(Run({"--jsonl", "--catch-more"}, input).out);
  BOOST_REQUIRE_EQUAL(standard.size(), more.size());
  for (size_t i = 0; i < standard.size(); ++i) {
    BOOST_TEST_CONTEXT(kMessages[i]) { BOOST_TEST(more[i]["findings"].size() >= standard[i]["findings"].size()); }
  }
  BOOST_TEST(Run({"--catch-more", "see you at 6"}).status == 0);
}
