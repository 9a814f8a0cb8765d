// salesops customer add | log | survey (✎): new customers, interactions and surveys.
#include <fmt/format.h>

#include <filesystem>

#include "cli/cmd_customer.hpp"
#include "core/base/ids.hpp"
#include "core/base/suggest.hpp"

namespace salesops::cli {

namespace {

using core::YamlValue;

struct AddOptions {
  std::string id, name, owner, tier, segment, industry, region, source, since;
  std::vector<std::string> contacts;
};

struct LogOptions {
  std::string id, type, by, summary, next, date;
};

struct SurveyOptions {
  std::string id, comment, date;
  std::optional<int> csat, nps;
};

core::Date parse_day(Context& ctx, const std::string& text, const char* option) {
  if (text.empty()) return ctx.today();
  auto d = core::parse_date(text);
  if (!d) ctx.fail(kUsage, fmt::format("{} '{}' is not a date (YYYY-MM-DD)", option, text));
  return *d;
}

void require_person(Context& ctx, const core::Book& b, const std::string& id, const char* option) {
  if (b.person(id)) return;
  std::vector<std::string> ids;
  for (const core::Person& p : b.people) ids.push_back(b.str(p.id));
  auto near = core::closest_match(id, ids);
  ctx.fail(kUsage, fmt::format("unknown person '{}' for {}{}", id, option,
                               near ? fmt::format(": did you mean '{}'?", *near) : ""));
}

bool valid_id(std::string_view id) {
  if (id.empty() || !std::isalnum(static_cast<unsigned char>(id[0]))) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

void run_add(Context& ctx, const AddOptions& o) {
  const core::Book& b = ctx.book();
  if (o.name.empty()) ctx.fail(kUsage, "--name cannot be empty");
  require_person(ctx, b, o.owner, "--owner");
  if (!o.tier.empty() && o.tier != "A" && o.tier != "B" && o.tier != "C")
    ctx.fail(kUsage, fmt::format("unknown --tier '{}': tiers are A, B, C", o.tier));
  auto& segments = b.config.segments;
  if (!o.segment.empty() && !segments.empty() &&
      std::find(segments.begin(), segments.end(), o.segment) == segments.end())
    ctx.fail(kUsage,
             fmt::format("segment '{}' is not in salesops.toml's list ({})", o.segment, fmt::join(segments, ", ")));
  core::Date since = parse_day(ctx, o.since, "--since");
  std::vector<YamlValue> contacts;
  for (const std::string& c : o.contacts) {
    std::vector<std::pair<std::string, std::string>> kv;
    std::string error;
    if (!core::parse_key_values(std::span(&c, 1), &kv, &error)) ctx.fail(kUsage, "--contact: " + error);
    std::vector<core::YamlField> fields;
    for (auto& [k, v] : kv) {
      if (k != "name" && k != "title" && k != "phone" && k != "email")
        ctx.fail(kUsage, fmt::format("--contact: unknown field '{}': use name, title, phone, email", k));
      fields.push_back({k, YamlValue::text(v)});
    }
    contacts.push_back(YamlValue::map(std::move(fields), true));
  }
  std::string id = o.id;
  if (id.empty()) {
    std::vector<std::string_view> ids;
    for (const core::Customer& c : b.customers) ids.push_back(b.text(c.id));
    id = core::next_id("C-", 4, ids);
  } else if (!valid_id(id)) {
    ctx.fail(kUsage,
             fmt::format("'{}' is not an id: letters, digits, '.', '_' and '-', starting with a letter or digit", id));
  }
  std::string file = fmt::format("customers/{}.yaml", id);
  if (b.customer(id)) ctx.fail(kWriteRefused, fmt::format("customer '{}' already exists; nothing was written", id));
  if (std::filesystem::exists(ctx.book_root() / file))
    ctx.fail(kWriteRefused, fmt::format("{} already exists; nothing was written", file));
  std::vector<core::YamlEdit> edits;
  auto set = [&](const char* key, YamlValue v) {
    edits.push_back(core::YamlEdit::set(core::YamlPath{}.key(key), std::move(v)));
  };
  set("id", YamlValue::text(id));
  set("name", YamlValue::text(o.name));
  set("owner", YamlValue::text(o.owner));
  for (auto [key, value] : {std::pair{"tier", &o.tier},
                            {"segment", &o.segment},
                            {"industry", &o.industry},
                            {"region", &o.region},
                            {"source", &o.source}})
    if (!value->empty()) set(key, YamlValue::text(*value));
  set("since", YamlValue::literal(core::format_date(since)));
  if (!contacts.empty()) set("contacts", YamlValue::list(std::move(contacts)));
  ctx.write({{file, std::move(edits)}}, fmt::format("created customer {} in {}", id, file));
}

void run_log(Context& ctx, const LogOptions& o) {
  const core::Book& b = ctx.book();
  const core::Customer& c = find_customer(ctx, b, o.id);
  static const char* kTypes[] = {"visit", "call", "email", "meeting", "demo", "care"};
  if (std::find(std::begin(kTypes), std::end(kTypes), o.type) == std::end(kTypes))
    ctx.fail(kUsage, fmt::format("unknown --type '{}': use visit, call, email, meeting, demo or care", o.type));
  std::string by = o.by.empty() ? b.str(c.owner) : o.by;
  require_person(ctx, b, by, "--by");
  core::Date date = parse_day(ctx, o.date, "--date");
  std::vector<core::YamlField> fields{{"date", YamlValue::literal(core::format_date(date))},
                                      {"type", YamlValue::text(o.type)},
                                      {"by", YamlValue::text(by)}};
  if (!o.summary.empty()) fields.push_back({"summary", YamlValue::text(o.summary)});
  if (!o.next.empty()) {
    core::Date next = parse_day(ctx, o.next, "--next");
    if (next < date)
      ctx.fail(kUsage, fmt::format("--next {} is before the interaction's date {}", o.next, core::format_date(date)));
    fields.push_back({"next", YamlValue::literal(o.next)});
  }
  const std::string& file = b.files[c.at.file];
  ctx.write({{file, {core::YamlEdit::append(core::YamlPath{}.key("interactions"), YamlValue::map(std::move(fields)))}}},
            fmt::format("logged a {} with {} on {} in {}", o.type, o.id, core::format_date(date), file));
}

void run_survey(Context& ctx, const SurveyOptions& o) {
  const core::Book& b = ctx.book();
  const core::Customer& c = find_customer(ctx, b, o.id);
  if (!o.csat && !o.nps) ctx.fail(kUsage, "a survey needs --csat (1-5), --nps (0-10) or both");
  if (o.csat && (*o.csat < 1 || *o.csat > 5))
    ctx.fail(kUsage, fmt::format("--csat {} is not a rating from 1 to 5", *o.csat));
  if (o.nps && (*o.nps < 0 || *o.nps > 10))
    ctx.fail(kUsage, fmt::format("--nps {} is not an answer from 0 to 10", *o.nps));
  core::Date date = parse_day(ctx, o.date, "--date");
  std::vector<core::YamlField> fields{{"date", YamlValue::literal(core::format_date(date))}};
  if (o.csat) fields.push_back({"csat", YamlValue::literal(std::to_string(*o.csat))});
  if (o.nps) fields.push_back({"nps", YamlValue::literal(std::to_string(*o.nps))});
  if (!o.comment.empty()) fields.push_back({"comment", YamlValue::text(o.comment)});
  const std::string& file = b.files[c.at.file];
  ctx.write({{file, {core::YamlEdit::append(core::YamlPath{}.key("surveys"), YamlValue::map(std::move(fields)))}}},
            fmt::format("recorded a survey of {} on {} in {}", o.id, core::format_date(date), file));
}

}  // namespace

Run setup_customer_add(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<AddOptions>();
  app.add_option("--id", o->id, "The id (default: the next C-NNNN)");
  app.add_option("--name", o->name, "The customer's name")->required();
  app.add_option("--owner", o->owner, "The person who owns the relationship")->required();
  app.add_option("--tier", o->tier, "A, B or C: the revisit cadence");
  app.add_option("--segment", o->segment, "The segment");
  app.add_option("--industry", o->industry, "The industry");
  app.add_option("--region", o->region, "The region");
  app.add_option("--source", o->source, "Where the customer came from");
  app.add_option("--since", o->since, "Customer since (default: today)");
  app.add_option("--contact", o->contacts, "A contact: name=...,title=...,phone=...,email=... (repeatable)");
  return [&ctx, o] { run_add(ctx, *o); };
}

Run setup_customer_log(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<LogOptions>();
  app.add_option("id", o->id, "The customer id")->required();
  app.add_option("--type", o->type, "visit, call, email, meeting, demo or care")->required();
  app.add_option("--by", o->by, "Who (default: the customer's owner)");
  app.add_option("--summary", o->summary, "What happened");
  app.add_option("--next", o->next, "A follow-up date");
  app.add_option("--date", o->date, "When (default: today)");
  return [&ctx, o] { run_log(ctx, *o); };
}

Run setup_customer_survey(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SurveyOptions>();
  app.add_option("id", o->id, "The customer id")->required();
  app.add_option("--csat", o->csat, "Satisfaction, 1-5");
  app.add_option("--nps", o->nps, "Would recommend, 0-10");
  app.add_option("--comment", o->comment, "The customer's words");
  app.add_option("--date", o->date, "When (default: today)");
  return [&ctx, o] { run_survey(ctx, *o); };
}

}  // namespace salesops::cli
