#pragma once
// The audit rules of reward plans beyond their tiers: registered in check.cpp's kRules.
#include "core/audit/check.hpp"

namespace salesops::core {

/// Caps, spiffs and team bonuses are not negative; a spiff pays per deal or at a rate.
void reward_plan_amounts(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);
void reward_plan_overlap(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);
void reward_no_target(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);

}  // namespace salesops::core
