#pragma once
// The supervision rules of `salesops check` beyond targets, one-on-ones and customers:
// coaching follow-ups, reviews due, deals past their expected close, customers without an
// owner, overdue plan actions and reward plans' tiers. Registered in check.cpp's kRules.
#include "core/audit/check.hpp"

namespace salesops::core {

void coaching_follow_up_overdue(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);
void review_due(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);
void deal_past_expected_close(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);
void customer_no_owner(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);
void plan_action_overdue(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);
void reward_plan_tiers(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);

}  // namespace salesops::core
