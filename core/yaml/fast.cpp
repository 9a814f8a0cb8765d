#include "core/yaml/fast.hpp"

#include <cstring>

namespace salesops::core {

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

/// True when every character of `text` is one libyaml reads without complaint and the fast
/// scanner handles: printable ASCII, '\n', and UTF-8 for U+00A0 on, except the line and
/// paragraph separators, the BOM and the non-characters libyaml refuses. libyaml decodes
/// its input ahead of the events in blocks, so a bad byte anywhere can stop it early: any
/// such byte makes the whole text go to libyaml.
bool plain_run(const unsigned char*& s, const unsigned char* stop, const unsigned char* e) {
  while (s < stop) {
    if (e - s >= 8) {
      std::uint64_t w;
      std::memcpy(&w, s, 8);
      // No byte >= 0x7F; then, exactly per byte, none below 0x20 but '\n'.
      if (!(((w + kOnes) | w) & kHighs)) {
        std::uint64_t low = ~(w + 0x60 * kOnes) & kHighs;
        std::uint64_t newline = ~((w ^ (0x0A * kOnes)) + 0x7F * kOnes) & kHighs;
        if (!(low & ~newline)) {
          s += 8;
          continue;
        }
      }
    }
    unsigned c = *s;
    if (c < 0x80) {
      if (c != '\n' && (c < 0x20 || c == 0x7F)) return false;
      ++s;
      continue;
    }
    std::uint32_t cp;
    int n;
    if (c >= 0xC2 && c <= 0xDF) cp = c & 0x1F, n = 1;
    else if (c >= 0xE0 && c <= 0xEF) cp = c & 0x0F, n = 2;
    else if (c >= 0xF0 && c <= 0xF4) cp = c & 0x07, n = 3;
    else return false;
    if (e - s <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((s[i] & 0xC0) != 0x80) return false;
      cp = cp << 6 | (s[i] & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))) return false;
    if (cp < 0xA0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
        cp == 0xFFFE || cp == 0xFFFF)
      return false;
    s += n + 1;
  }
  return true;
}

/// With `release`, the text's pages are given back behind the check as it goes.
bool plain_text(std::string_view text, FileText* release) {
  constexpr std::size_t kWindow = std::size_t{1} << 20;
  const auto begin = reinterpret_cast<const unsigned char*>(text.data());
  auto s = begin;
  auto e = s + text.size();
  for (;;) {
    if (release) release->release_before(static_cast<std::size_t>(s - begin));
    if (s >= e) return true;
    const auto stop = e - s > static_cast<std::ptrdiff_t>(kWindow) ? s + kWindow : e;
    if (!plain_run(s, stop, e)) return false;
  }
}

bool alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

FastYamlScanner::FastYamlScanner(std::string_view text, FileText* release)
    : text_(text), p_(text.data()), eol_(text.data()), end_(text.data() + text.size()) {
  queue_.push_back({YAML_STREAM_START_EVENT, 0, kText, 0, 0, 0, 0, 0, 0});
  safe_ = 1;
  if (!plain_text(text, release)) {
    queue_.clear();
    safe_ = 0;
    bail("a character the fast scanner leaves to libyaml (tab, CR, control, BOM, invalid UTF-8)");
    bail_line_ = 0;
  }
}

bool FastYamlScanner::bail(const char* reason) {
  bailed_ = true;
  bail_line_ = line_ + 1;
  bail_reason_ = reason;
  return false;
}

bool FastYamlScanner::next(FastYamlEvent& out) {
  if (head_ == safe_ && !fill()) return false;
  const Event& e = queue_[head_++];
  out.type = e.type;
  out.style = e.style;
  out.value = e.arena == kText ? text_.substr(e.off, e.len) : std::string_view(arenas_[e.arena]).substr(e.off, e.len);
  out.start_line = e.sl;
  out.start_column = e.sc;
  out.end_line = e.el;
  out.end_column = e.ec;
  ++delivered_;
  return true;
}

// Events become certain one content line late: libyaml looks at most one token past an event
// before delivering it (a possible key needs its ':'; a scalar at the end of a line needs
// the next line's indentation), so a line's events are held until the next content line has
// been read without a doubt.
bool FastYamlScanner::fill() {
  while (head_ == safe_) {
    if (done_ || bailed_) return false;
    if (head_ >= 256) {  // drop the delivered events now and then, not every line
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(head_));
      safe_ -= head_;
      head_ = 0;
    }
    std::size_t before = queue_.size();
    arena_ = static_cast<std::uint8_t>((arena_ + 1) % 3);
    arenas_[arena_].clear();
    // The next content line (blank and comment lines are skipped), or the end.
    for (;;) {
      if (p_ == end_) {
        finish();
        break;
      }
      auto nl = static_cast<const char*>(std::memchr(p_, '\n', static_cast<std::size_t>(end_ - p_)));
      eol_ = nl ? nl : end_;
      const char* c = p_;
      while (c < eol_ && *c == ' ') ++c;
      bool content = c < eol_ && *c != '#';
      bool ok = !content || content_line(c);
      if (!ok) return false;
      p_ = eol_ == end_ ? end_ : eol_ + 1;
      if (eol_ != end_) ++line_;
      if (content) break;
    }
    safe_ = done_ ? queue_.size() : before;
  }
  return true;
}

std::uint32_t FastYamlScanner::col(const char* p) {
  if (p < cursor_ || cursor_ < p_) {
    cursor_ = p_;
    cursor_col_ = 0;
  }
  // Eight bytes at a time: each byte but a UTF-8 continuation (10xxxxxx) starts a column.
  for (; p - cursor_ >= 8; cursor_ += 8) {
    std::uint64_t w;
    std::memcpy(&w, cursor_, 8);
    cursor_col_ += 8 - static_cast<std::uint32_t>((((w & ~(w << 1) & kHighs) >> 7) * kOnes) >> 56);
  }
  for (; cursor_ < p; ++cursor_) cursor_col_ += (static_cast<unsigned char>(*cursor_) & 0xC0) != 0x80;
  return cursor_col_;
}

void FastYamlScanner::emit(yaml_event_type_t type, int style, std::uint32_t sl, std::uint32_t sc, std::uint32_t el,
                           std::uint32_t ec) {
  queue_.push_back({type, static_cast<std::uint8_t>(style), kText, sl, sc, el, ec, 0, 0});
}

void FastYamlScanner::emit_scalar(const Scalar& s) {
  std::uint32_t sc = col(s.start);
  std::uint32_t ec = col(s.end);
  queue_.push_back({YAML_SCALAR_EVENT, s.style, s.arena, line_, sc, line_, ec, s.off, s.len});
}

const char* FastYamlScanner::skip_spaces(const char* q) const {
  while (q < eol_ && *q == ' ') ++q;
  return q;
}

bool FastYamlScanner::is_entry(const char* c) const { return *c == '-' && (c + 1 == eol_ || c[1] == ' '); }

namespace {
bool is_colon(const char* a, const char* eol) { return a < eol && *a == ':' && (a + 1 == eol || a[1] == ' '); }
}  // namespace

bool FastYamlScanner::content_line(const char* c) {
  cursor_ = p_;
  cursor_col_ = 0;
  auto n = static_cast<std::uint32_t>(c - p_);
  if (n == 0 && (*c == '%' || (eol_ - c >= 3 && (std::memcmp(c, "---", 3) == 0 || std::memcmp(c, "...", 3) == 0))))
    return bail("a directive or a document marker");
  if (!started_) {
    started_ = true;
    emit_here(YAML_DOCUMENT_START_EVENT, n);
    if (is_entry(c)) {
      emit(YAML_SEQUENCE_START_EVENT, YAML_BLOCK_SEQUENCE_STYLE, line_, n, line_, n);
      stack_.push_back({n, false, false});
      return entry(c);
    }
    return value(c, true);
  }
  if (stack_.empty()) return bail("more text after the root value");
  if (pending_) {
    Block top = stack_.back();
    if (n > top.indent) return open_nested(c);
    if (n == top.indent && top.map && is_entry(c)) {
      emit(YAML_SEQUENCE_START_EVENT, YAML_BLOCK_SEQUENCE_STYLE, line_, n, line_, n + 1);
      stack_.push_back({n, false, true});
      pending_ = false;
      return entry(c);
    }
    emit(YAML_SCALAR_EVENT, YAML_PLAIN_SCALAR_STYLE, pending_line_, pending_col_, pending_line_, pending_col_);
    pending_ = false;
  }
  while (!stack_.empty()) {
    const Block& b = stack_.back();
    if (!(b.indent > n || (b.indentless && b.indent == n && !is_entry(c)))) break;
    emit_here(b.map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT, n);
    stack_.pop_back();
  }
  if (stack_.empty() || stack_.back().indent != n) return bail("an indentation that ends no block");
  if (stack_.back().map) return key_line(c);
  if (!is_entry(c)) return bail("a list holding something other than '-' entries");
  return entry(c);
}

bool FastYamlScanner::open_nested(const char* c) {
  auto n = static_cast<std::uint32_t>(c - p_);
  pending_ = false;
  if (is_entry(c)) {
    emit(YAML_SEQUENCE_START_EVENT, YAML_BLOCK_SEQUENCE_STYLE, line_, n, line_, n);
    stack_.push_back({n, false, false});
    return entry(c);
  }
  return value(c, false);
}

// A '-' or a key's ':' ending its line: the value comes on a later line, or is empty just
// after the indicator.
bool FastYamlScanner::await_value(const char* indicator) {
  pending_ = true;
  pending_line_ = line_;
  pending_col_ = col(indicator) + 1;
  return true;
}

bool FastYamlScanner::entry(const char* dash) {
  const char* q = skip_spaces(dash + 1);
  if (q == eol_ || *q == '#') return await_value(dash);
  if (is_entry(q)) return bail("a list entry starting a list on the same line");
  return value(q, true);
}

bool FastYamlScanner::key_line(const char* c) {
  Scalar s;
  if (*c == '[' || *c == '{') return bail("a flow collection as a key");
  if (!scalar(c, false, s)) return false;
  const char* a = skip_spaces(s.end);
  if (!is_colon(a, eol_)) return bail("a mapping line that is not 'key: value'");
  if (a - c > 1000) return bail("a long key");
  emit_scalar(s);
  return after_key(a);
}

bool FastYamlScanner::after_key(const char* colon) {
  const char* q = skip_spaces(colon + 1);
  if (q == eol_ || *q == '#') return await_value(colon);
  if (is_entry(q)) return bail("a list entry after a key on the same line");
  if (*q == '[' || *q == '{') {
    const char* after;
    return flow(q, after, 0) && rest_of_line(after);
  }
  Scalar s;
  if (!scalar(q, false, s)) return false;
  if (is_colon(skip_spaces(s.end), eol_)) return bail("a key after a key on the same line");
  emit_scalar(s);
  return rest_of_line(s.end);
}

// A node starting at `q`, not a '-' entry: a mapping (when a key follows), or, when
// `may_be_scalar`, a flow collection or a scalar.
bool FastYamlScanner::value(const char* q, bool may_be_scalar) {
  if (*q == '[' || *q == '{') {
    if (!may_be_scalar) return bail("a flow collection on the line after its key");
    const char* after;
    return flow(q, after, 0) && rest_of_line(after);
  }
  Scalar s;
  if (!scalar(q, false, s)) return false;
  const char* a = skip_spaces(s.end);
  if (is_colon(a, eol_)) {
    if (a - q > 1000) return bail("a long key");
    std::uint32_t k = col(q);
    emit(YAML_MAPPING_START_EVENT, YAML_BLOCK_MAPPING_STYLE, line_, k, line_, k);
    stack_.push_back({k, true, false});
    emit_scalar(s);
    return after_key(a);
  }
  if (!may_be_scalar) return bail("a scalar on the line after its key");
  emit_scalar(s);
  return rest_of_line(s.end);
}

bool FastYamlScanner::rest_of_line(const char* from) {
  const char* a = skip_spaces(from);
  if (a == eol_ || (*a == '#' && a > from)) return true;
  return bail("text after a value");
}

bool FastYamlScanner::flow(const char* q, const char*& after, int depth) {
  if (depth > 8) return bail("flow collections nested deeply");
  bool map = *q == '{';
  char closer = map ? '}' : ']';
  std::uint32_t c0 = col(q);
  emit(map ? YAML_MAPPING_START_EVENT : YAML_SEQUENCE_START_EVENT, YAML_FLOW_MAPPING_STYLE, line_, c0, line_, c0 + 1);
  const char* r = skip_spaces(q + 1);
  auto close = [&](const char* at) {
    std::uint32_t c = col(at);
    emit(map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT, 0, line_, c, line_, c + 1);
    after = at + 1;
    return true;
  };
  // A scalar or a nested collection; `a` is left on what follows it.
  auto item = [&](const char* at, const char*& a) {
    if (at >= eol_) return bail("a flow collection over lines");
    if (*at == '[' || *at == '{') {
      const char* past;
      if (!flow(at, past, depth + 1)) return false;
      a = skip_spaces(past);
      return true;
    }
    Scalar v;
    if (!scalar(at, true, v)) return false;
    emit_scalar(v);
    a = skip_spaces(v.end);
    return true;
  };
  if (r < eol_ && *r == closer) return close(r);
  for (;;) {
    const char* a;
    if (map) {
      if (r >= eol_ || *r == '[' || *r == '{') return bail("a flow mapping key that is not a scalar");
      Scalar k;
      if (!scalar(r, true, k)) return false;
      a = skip_spaces(k.end);
      if (!(a + 1 < eol_ && *a == ':' && a[1] == ' ')) return bail("a flow mapping entry that is not 'key: value'");
      if (a - r > 1000) return bail("a long key");
      emit_scalar(k);
      if (!item(skip_spaces(a + 1), a)) return false;
    } else if (!item(r, a)) {
      return false;
    }
    if (a < eol_ && *a == ',') {
      r = skip_spaces(a + 1);
      if (r < eol_ && (*r == closer || *r == ',')) return bail("an empty flow entry");
      continue;
    }
    if (a < eol_ && *a == closer) return close(a);
    return bail("unexpected text in a flow collection");
  }
}

bool FastYamlScanner::scalar(const char* q, bool in_flow, Scalar& s) {
  if (*q == '"' || *q == '\'') return quoted(q, s);
  return plain(q, in_flow, s);
}

bool FastYamlScanner::plain(const char* q, bool in_flow, Scalar& s) {
  char c0 = *q;
  bool start = static_cast<unsigned char>(c0) >= 0x80 || alnum(c0) ||
               (c0 == '-' && q + 1 < eol_ && alnum(q[1])) || std::strchr("./+()_~=$^<;\\", c0) != nullptr;
  if (!start || c0 == '\0') return bail("a value starting with an indicator");
  const char* r = q;
  const char* end = q;
  for (;;) {
    for (; r < eol_ && *r != ' '; ++r) {
      char ch = *r;
      if (ch == ':') {
        if (r + 1 == eol_ || r[1] == ' ') goto done;
        if (in_flow) return bail("':' inside a plain scalar in a flow collection");
      } else if (in_flow) {
        if (ch == ',' || ch == ']' || ch == '}') goto done;
        if (ch == '[' || ch == '{' || ch == '?') return bail("a flow indicator inside a plain scalar");
      }
      end = r + 1;
    }
    r = skip_spaces(r);
    if (r == eol_ || *r == '#') break;
  }
done:
  s = {q, end, YAML_PLAIN_SCALAR_STYLE, kText, static_cast<std::size_t>(q - text_.data()),
       static_cast<std::size_t>(end - q)};
  return true;
}

bool FastYamlScanner::quoted(const char* q, Scalar& s) {
  char quote = *q;
  const char* r = q + 1;
  const char* seg = r;  // the literal run not yet copied, when unescaping
  std::string* buf = nullptr;
  std::size_t buf_start = 0;
  auto copy = [&](const char* to, char also) {
    if (!buf) {
      buf = &arenas_[arena_];
      buf_start = buf->size();
    }
    buf->append(seg, static_cast<std::size_t>(to - seg));
    buf->push_back(also);
  };
  for (;;) {
    if (r >= eol_) return bail("a quoted scalar running over lines");
    char ch = *r;
    if (ch == quote) {
      if (quote == '\'' && r + 1 < eol_ && r[1] == '\'') {
        copy(r, '\'');
        r += 2;
        seg = r;
        continue;
      }
      break;
    }
    if (quote == '"' && ch == '\\') {
      if (r + 1 >= eol_) return bail("an escaped line break");
      char out;
      switch (r[1]) {
        case '0': out = '\0'; break;
        case 'a': out = '\a'; break;
        case 'b': out = '\b'; break;
        case 't': out = '\t'; break;
        case 'n': out = '\n'; break;
        case 'v': out = '\v'; break;
        case 'f': out = '\f'; break;
        case 'r': out = '\r'; break;
        case 'e': out = '\x1B'; break;
        case ' ': out = ' '; break;
        case '"': out = '"'; break;
        case '/': out = '/'; break;
        case '\\': out = '\\'; break;
        default: return bail("an escape the fast scanner leaves to libyaml");
      }
      copy(r, out);
      r += 2;
      seg = r;
      continue;
    }
    ++r;
  }
  auto style = static_cast<std::uint8_t>(quote == '"' ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_SINGLE_QUOTED_SCALAR_STYLE);
  if (buf) {
    buf->append(seg, static_cast<std::size_t>(r - seg));
    s = {q, r + 1, style, arena_, buf_start, buf->size() - buf_start};
  } else {
    s = {q, r + 1, style, kText, static_cast<std::size_t>(q + 1 - text_.data()), static_cast<std::size_t>(r - q - 1)};
  }
  return true;
}

// libyaml ends the blocks indented deeper than where the text stops (after a last line
// of spaces or a comment without a line break) there, and the others at the start of the
// line after the text, where the stream ends.
bool FastYamlScanner::finish() {
  done_ = true;
  std::uint32_t stop = 0;  // the column where the text stops, when it ends without a line break
  if (!text_.empty() && text_.back() != '\n') {
    auto nl = text_.rfind('\n');
    for (std::size_t i = nl == std::string_view::npos ? 0 : nl + 1; i < text_.size(); ++i)
      stop += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
  }
  std::uint32_t last = line_ + (stop > 0 ? 1 : 0);
  if (started_) {
    if (pending_)
      emit(YAML_SCALAR_EVENT, YAML_PLAIN_SCALAR_STYLE, pending_line_, pending_col_, pending_line_, pending_col_);
    pending_ = false;
    for (; !stack_.empty(); stack_.pop_back()) {
      const Block& b = stack_.back();
      auto type = b.map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
      if (b.indent > stop && stop > 0) emit(type, 0, line_, stop, line_, stop);
      else emit(type, 0, last, 0, last, 0);
    }
    emit(YAML_DOCUMENT_END_EVENT, 0, last, 0, last, 0);
  }
  emit(YAML_STREAM_END_EVENT, 0, last, 0, last, 0);
  return true;
}

FastYamlRun fast_yaml_events(std::string_view text) {
  FastYamlRun run;
  FastYamlScanner scanner(text);
  FastYamlEvent e;
  while (scanner.next(e)) run.events.push_back({e, std::string(e.value)});
  run.bailed = scanner.bailed();
  run.bail_line = scanner.bail_line();
  run.bail_reason = scanner.bail_reason();
  return run;
}

}  // namespace salesops::core
