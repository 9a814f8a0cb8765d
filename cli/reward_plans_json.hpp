#pragma once
// `reward plans` in json and jsonl: one object per plan, its structure kept.
#include <ostream>

#include "cli/render.hpp"
#include "core/book/book.hpp"

namespace salesops::cli {

/// json: {"format_version","meta","plans":[...]}; jsonl (`lines`): one plan per line. A plan
/// is {plan, applies_to:{role,team,people}, people, period, metric, mode,
/// tiers:[{component,from,to,rate}], gate:{metric,min}|null, cap, spiffs:[{product,per_deal,rate}],
/// team_bonus:{amount,min_attainment}|null, prorate, valid_from, valid_to}; money is a number
/// in the book's currency, rates and attainments decimals, absent values null.
void render_reward_plans_json(std::ostream& out, const core::Book& book, core::Date today, bool lines, const Meta& meta);

}  // namespace salesops::cli
