#pragma once
// Audit rules that catch what users get wrong (issue 22): records dated after today, people
// who have left, values out of range, review items outside the weights. Registered in
// check.cpp's kRules.
#include "core/audit/check.hpp"

namespace salesops::core {

/// Interactions, surveys, coaching sessions and actions done dated after today.
void dated_after_today(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);
/// Open deals, and customers, still owned by a person who left before today.
void leaver_open_deals(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);
void leaver_customers(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);
/// Deals opened before their owner joined.
void deal_before_joined(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);
/// Qualitative items of reviews that review.weights does not weigh (a misspelt `teamwrok`).
void review_unweighted_items(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);
/// Targets of rates, csat and nps outside their range; reward plan rates above 1.
void value_ranges(const Book& b, Date today, const CheckRule& rule, Diagnostics& out);

}  // namespace salesops::core
