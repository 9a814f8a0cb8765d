#pragma once
// The sales process (SPEC 4, 6): open deals, their stages and what they are expected to bring.
#include <string_view>

#include "core/book.hpp"
#include "core/money.hpp"

namespace salesops::core {

/// Σ amount × probability of the current stage over the open deals of `owner` (person id,
/// team id or "company") whose expected_close falls in [from, to]: the weighted part of
/// the pipeline forecast (SPEC 4) and of `deal forecast`. Rounded to cents once, at the end.
Money expected_weighted(const Book& book, std::string_view owner, Date from, Date to);

}  // namespace salesops::core
