"""English amounts of money: ISO 4217 keys, values in units and spans (sentences written for these tests)."""
from __future__ import annotations

import pytest

from sampark.stages.money import find_money, find_numbers

# fmt: off
CASES = [
    ("Trade stood at US$1,903 million in 2007.", "US$1,903 million", "USD", 1_903_000_000),
    ("The deal is worth $2.5 billion.", "$2.5 billion", "USD", 2_500_000_000),
    ("The deal is worth $2.5bn.", "$2.5bn", "USD", 2_500_000_000),
    ("The fund holds USD 3 bn.", "USD 3 bn", "USD", 3_000_000_000),
    ("The fund holds 3 bn USD.", "3 bn USD", "USD", 3_000_000_000),
    ("India pledged Rs 500 crore.", "Rs 500 crore", "INR", 5_000_000_000),
    ("India pledged Rs. 500 crore.", "Rs. 500 crore", "INR", 5_000_000_000),
    ("India pledged ₹500 crore.", "₹500 crore", "INR", 5_000_000_000),
    ("India pledged 500 crore rupees.", "500 crore rupees", "INR", 5_000_000_000),
    ("India pledged Rs 12,34,567.", "Rs 12,34,567", "INR", 1_234_567),
    ("Pakistan will pay Rs 300 crore.", "Rs 300 crore", "PKR", 3_000_000_000),
    ("The grant was €20 million.", "€20 million", "EUR", 20_000_000),
    ("The grant was £5m.", "£5m", "GBP", 5_000_000),
    ("Japan lent ¥10 billion.", "¥10 billion", "JPY", 10_000_000_000),
    ("China lent ¥10 billion.", "¥10 billion", "CNY", 10_000_000_000),
    ("China lent 5 billion yuan.", "5 billion yuan", "CNY", 5_000_000_000),
    ("China lent 5 billion renminbi.", "5 billion renminbi", "CNY", 5_000_000_000),
    ("Trade reached 2 billion US dollars.", "2 billion US dollars", "USD", 2_000_000_000),
    ("Trade reached a billion dollars.", "a billion dollars", "USD", 1_000_000_000),
    ("Russia paid 20 billion roubles.", "20 billion roubles", "RUB", 20_000_000_000),
    ("Bangladesh spent Tk 500 crore.", "Tk 500 crore", "BDT", 5_000_000_000),
    ("The bank lent 10 million pounds.", "10 million pounds", "GBP", 10_000_000),
    ("Aid rose to 10 lakh rupees.", "10 lakh rupees", "INR", 1_000_000),
]
# fmt: on


@pytest.mark.parametrize("text,phrase,key,value", CASES)
def test_money_en_amounts(text, phrase, key, value):
    found = find_money(text, "en")
    assert len(found) == 1, [(text[m.start : m.end], m.key) for m in found]
    m = found[0]
    assert text[m.start : m.end] == phrase
    assert (m.key, m.attrs["value"]) == (key, value)


# fmt: off
APPROX = [
    ("The grant was about €20 million.", "€20 million", "EUR", 20_000_000),
    ("Investors pledged several billion dollars.", "several billion dollars", "USD", 1_000_000_000),
    ("It needs 2-3 billion dollars.", "2-3 billion dollars", "USD", 2_000_000_000),
    ("Billions of dollars were spent.", "Billions of dollars", "USD", 1_000_000_000),
]
# fmt: on


@pytest.mark.parametrize("text,phrase,key,value", APPROX)
def test_money_en_approximate(text, phrase, key, value):
    (m,) = find_money(text, "en")
    assert text[m.start : m.end] == phrase
    assert (m.key, m.attrs["value"], m.attrs["approx"]) == (key, value, True)


# fmt: off
NOT_MONEY = [
    "India bought 18 Su-30 jets.",
    "They shipped 5 pounds of rice.",
    "Some 2000 troops were sent.",
    "The dollar fell in 2007.",
    "It was worth a million smiles.",
    "It cost a few dollars.",
]
# fmt: on


@pytest.mark.parametrize("text", NOT_MONEY)
def test_money_en_not_money(text):
    assert find_money(text, "en") == []


def test_money_en_find_numbers():
    assert [v for _, _, v in find_numbers("India bought 18 Su-30 jets and 2.5 million tonnes", "en")] == [
        18,
        30,
        2_500_000,
    ]


def test_money_en_long_runs_stay_cheap():
    assert find_money("1" * 100_000, "en") == []
    assert find_money("$" * 100_000, "en") == []
