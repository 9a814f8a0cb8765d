// libFuzzer target: the in-place writer (core/yaml/edit). The input's tail picks an edit
// (append to a list, set a key, remove a key) and where it goes in the file, its head the
// new value; the rest is the file. When the file is editable and the edit is accepted, the
// new text must be editable too and hold exactly the old data with that one change
// (compared as data through yaml-cpp, an independent parser).
#include <fuzzer/FuzzedDataProvider.h>
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/yaml/edit.hpp"

using namespace salesops::core;

namespace {

// How many inputs reached each stage, printed when the fuzzer exits.
struct Stats {
  unsigned long editable = 0, tried = 0, accepted = 0;
  ~Stats() {
    std::fprintf(stderr, "writer stats: %lu editable files, %lu edits tried, %lu accepted and verified\n", editable,
                 tried, accepted);
  }
} stats;

bool same(const YAML::Node& a, const YAML::Node& b) {
  if (a.Type() != b.Type()) return false;
  switch (a.Type()) {
    case YAML::NodeType::Scalar: return a.Scalar() == b.Scalar();
    case YAML::NodeType::Sequence:
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i])) return false;
      return true;
    case YAML::NodeType::Map: {
      if (a.size() != b.size()) return false;
      auto ia = a.begin(), ib = b.begin();
      for (; ia != a.end(); ++ia, ++ib)
        if (!same(ia->first, ib->first) || !same(ia->second, ib->second)) return false;
      return true;
    }
    default: return true;
  }
}

bool plain_keys(const YAML::Node& n) {
  if (n.IsMap())
    for (auto kv : n)
      if (!kv.first.IsScalar() || !plain_keys(kv.second)) return false;
  if (n.IsSequence())
    for (auto item : n)
      if (!plain_keys(item)) return false;
  return true;
}

YAML::Node parse(const std::string& text, bool* ok) {
  try {
    *ok = true;
    return YAML::Load(text);
  } catch (const std::exception&) {
    *ok = false;
    return {};
  }
}

[[noreturn]] void fail(const char* what, const std::string& old_text, const std::string& new_text,
                       const YamlEdit& edit) {
  std::fprintf(stderr, "writer: %s\npath: %s\n--- old\n%s\n--- new\n%s\n", what, edit.path.str().c_str(),
               old_text.c_str(), new_text.c_str());
  __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const int op = in.ConsumeIntegralInRange<int>(0, 2);
  std::uint64_t choices = in.ConsumeIntegral<std::uint64_t>();
  auto choose = [&](std::size_t n) {
    std::size_t c = static_cast<std::size_t>(choices % n);
    choices /= n;
    return c;
  };
  std::string value;
  for (char c : in.ConsumeRandomLengthString(40))
    value += (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f)) ? c : static_cast<char>('a' + (c & 15));
  const std::string text = in.ConsumeRemainingBytesAsString();
  // Anchors, aliases, tags and merge keys make data that the two parsers may share differently.
  // Explicit keys (?) too: yaml-cpp and libyaml read some of them in flow collections apart.
  if (text.find_first_of("&*!?") != std::string::npos || text.find("<<") != std::string::npos) return 0;
  // So does a byte-order mark past the start: libyaml skips one at the start of a line, as
  // salesops reads it, where yaml-cpp keeps it in the text that follows.
  if (text.find("\xEF\xBB\xBF", 1) != std::string::npos) return 0;
  // And a carriage return not followed by a line feed: a line break to libyaml, text to yaml-cpp.
  for (std::size_t cr = text.find('\r'); cr != std::string::npos; cr = text.find('\r', cr + 1))
    if (cr + 1 == text.size() || text[cr + 1] != '\n') return 0;
  if (check_editable(text, "f.yaml")) return 0;
  bool ok = false;
  YAML::Node old_data = parse(text, &ok);
  if (!ok || !plain_keys(old_data)) return 0;
  ++stats.editable;

  // Walk down from the root to the node the edit addresses.
  YAML::Node expected = YAML::Clone(old_data);
  YAML::Node node;
  node.reset(expected);
  YamlPath path;
  for (int depth = 0; depth < 6; ++depth) {
    const bool stop = choose(3) == 0;
    if (node.IsSequence()) {
      if (op == 0 && (stop || node.size() == 0)) break;
      if (node.size() == 0) return 0;
      const std::size_t i = choose(node.size());
      path.item(i);
      node.reset(node[i]);
    } else if (node.IsMap()) {
      if (node.size() == 0) return 0;
      std::size_t i = choose(node.size());
      auto it = node.begin();
      std::advance(it, static_cast<long>(i));
      const std::string key = it->first.Scalar();
      if (op != 0 && (stop || !it->second.IsMap())) {
        path.key(key);
        break;
      }
      path.key(key);
      node.reset(it->second);
    } else {
      return 0;
    }
  }
  YamlEdit edit;
  if (op == 0) {
    if (!node.IsSequence()) return 0;
    edit = YamlEdit::append(path, YamlValue::text(value));
  } else {
    if (path.steps.empty() || path.steps.back().kind != PathStep::Kind::key) return 0;
    edit = op == 1 ? YamlEdit::set(path, YamlValue::text(value)) : YamlEdit::remove(path);
  }
  ++stats.tried;
  TextEdit result = apply_edit(text, edit, "f.yaml");
  if (!result.ok()) return 0;
  ++stats.accepted;

  // The same change made to the data, then compared with what the new text holds.
  YAML::Node expected_root = YAML::Clone(old_data);
  YAML::Node at;
  at.reset(expected_root);
  const std::size_t walk = op == 0 ? path.steps.size() : path.steps.size() - 1;
  for (std::size_t i = 0; i < walk; ++i) {
    const PathStep& s = path.steps[i];
    at.reset(s.kind == PathStep::Kind::key ? at[s.key] : at[s.index]);
  }
  if (op == 0) at.push_back(value);
  if (op == 1) at[path.steps.back().key] = value;
  if (op == 2) at.remove(path.steps.back().key);

  if (check_editable(result.text, "f.yaml")) fail("the new text is not editable", text, result.text, edit);
  YAML::Node new_data = parse(result.text, &ok);
  if (!ok) fail("yaml-cpp cannot read the new text", text, result.text, edit);
  // Removing a file's last key leaves no document: YAML reads that as null.
  const bool emptied = expected_root.IsMap() && expected_root.size() == 0 && new_data.IsNull();
  if (!emptied && !same(expected_root, new_data))
    fail("the new text holds other data than the edit asked for", text, result.text, edit);
  return 0;
}
