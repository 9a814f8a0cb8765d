#pragma once
// When two customers' names are the same company: `customer add` and `customer edit` refuse
// a name another customer has (unless --force), and `check` warns of such pairs
// (customer-duplicate-name).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/book/book.hpp"

namespace salesops::core {

/// A company name reduced to what tells companies apart: compatibility forms folded (full-width
/// letters and digits to ASCII, NFKC), case folded, punctuation, symbols and whitespace
/// dropped, and legal-form suffixes at its end dropped (Co., Ltd., Limited, Inc., Corp., LLC,
/// GmbH, PLC, 有限公司, 股份有限公司, 有限责任公司, 公司, 集团). "上海星海科技有限公司" and
/// "上海星海科技", "Evergreen Tech Inc." and "EVERGREEN TECH" are the same; an empty result
/// (a name of nothing but punctuation) matches nothing.
std::string normalised_name(std::string_view name);

/// Each customer whose name normalises as an earlier one's (in book order), with that one.
std::vector<std::pair<const Customer*, const Customer*>> same_name_customers(const Book& book);

/// Another customer than `except` whose name normalises as `name` does, or nullptr.
const Customer* customer_named(const Book& book, std::string_view name, std::string_view except = {});

}  // namespace salesops::core
