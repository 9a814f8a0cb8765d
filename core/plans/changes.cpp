#include "core/plans/changes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "core/base/i18n.hpp"
#include "core/base/ids.hpp"
#include "core/yaml/edit.hpp"

namespace salesops::core {

WriteChange plan_new_change(const Book& book, const PlanDraftRequest& req, std::string_view template_text,
                       const std::filesystem::path& book_root) {
  std::string rel = fmt::format("plans/{}.yaml", req.period.label);
  if (book.plan(req.id))
    return WriteChange::refuse(fmt::format(N_("a plan '{}' exists already: plan new never replaces a plan"), req.id));
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::symlink_status(book_root / rel, ec)))
    return WriteChange::refuse(fmt::format(N_("{} exists: plan new never replaces a plan"), rel));
  std::string text = plan_draft(book, req, template_text);
  if (auto refused = check_editable(text, rel))
    return WriteChange::refuse(fmt::format(N_("{}: the new plan does not parse: {}"), rel, refused->message));
  WriteChange change;
  change.id = req.id;
  change.file = rel;
  change.created.push_back({rel, std::move(text)});
  return change;
}

WriteChange action_add_change(const Book& book, const Plan& plan, const NewAction& o) {
  auto due = parse_date(o.due);
  if (!due) return WriteChange::bad_value(fmt::format(N_("--due: '{}' is not a date (YYYY-MM-DD)"), o.due));
  if (!o.strategy.empty() && std::none_of(plan.strategies.begin(), plan.strategies.end(),
                                          [&](auto& s) { return book.text(s.id) == o.strategy; }))
    return WriteChange::bad_value(
        fmt::format(N_("--strategy: plan '{}' has no strategy '{}'"), book.text(plan.id), o.strategy));
  if (!o.target.empty() && !book.target(o.target))
    return WriteChange::bad_value(fmt::format(N_("--target: no target '{}'"), o.target));
  std::vector<std::string_view> ids;
  for (auto& a : plan.actions) ids.push_back(book.text(a.id));
  WriteChange change;
  change.id = o.id.empty() ? next_id("A", 1, ids) : o.id;
  if (!is_record_id(change.id))
    return WriteChange::bad_value(fmt::format(
        N_("--id: '{}' is not an id: letters, digits, '.', '_' and '-', starting with a letter or digit"), change.id));
  if (std::find(ids.begin(), ids.end(), change.id) != ids.end())
    return WriteChange::refuse(fmt::format(N_("plan '{}' has an action '{}' already"), book.text(plan.id), change.id));
  std::vector<YamlField> fields = {{"id", YamlValue::text(change.id)},
                                   {"title", YamlValue::text(o.title)},
                                   {"owner", YamlValue::text(o.owner)},
                                   {"due", YamlValue::literal(format_date(*due))},
                                   {"status", YamlValue::text("open")}};
  if (!o.strategy.empty()) fields.push_back({"strategy", YamlValue::text(o.strategy)});
  if (!o.target.empty()) fields.push_back({"target", YamlValue::text(o.target)});
  change.file = book.files[plan.at.file];
  change.edits.push_back({change.file, {YamlEdit::append(YamlPath{}.key("actions"), YamlValue::map(fields))}});
  return change;
}

WriteChange action_done_change(const Book& book, const ActionRef& ref, Date on, Date today) {
  if (auto future = refuse_after_today(on, today, N_("the done date"), "done_on")) return *future;
  YamlPath action;
  action.key("actions").item_with_id(book.str(ref.action->id));
  YamlPath status = action, done_on = action;
  status.key("status");
  done_on.key("done_on");
  WriteChange change;
  change.id = fmt::format("{}/{}", book.text(ref.plan->id), book.text(ref.action->id));
  change.file = book.files[ref.plan->at.file];
  change.edits.push_back({change.file,
                          {YamlEdit::set(status, YamlValue::text("done"), "due"),
                           YamlEdit::set(done_on, YamlValue::literal(format_date(on)), "status")}});
  return change;
}

}  // namespace salesops::core
