"""Bengali amounts of money: ISO 4217 keys, values in units and spans (sentences written for these tests)."""
from __future__ import annotations

import pytest

from sampark.model import Document
from sampark.stages.money import find_money, find_numbers, run

# fmt: off
CASES = [
    ("মোট বাণিজ্য ১,৯০৩ মিলিয়ন মার্কিন ডলার ছিল।", "১,৯০৩ মিলিয়ন মার্কিন ডলার", "USD", 1_903_000_000),
    ("আগের বছর ছিল ১,১৩৩ মিলিয়ন মার্কিন ডলার।", "১,১৩৩ মিলিয়ন মার্কিন ডলার", "USD", 1_133_000_000),
    ("প্রকল্পে ৫০০ কোটি টাকা ব্যয় হবে।", "৫০০ কোটি টাকা", "BDT", 5_000_000_000),
    ("দেশটি ১০ লাখ ডলার সহায়তা দেয়।", "১০ লাখ ডলার", "USD", 1_000_000),
    ("দুই দেশ ২.৫ বিলিয়ন ডলারের চুক্তি করে।", "২.৫ বিলিয়ন ডলারের", "USD", 2_500_000_000),
    ("ঋণের পরিমাণ ১২,৩৪,৫৬৭ টাকা।", "১২,৩৪,৫৬৭ টাকা", "BDT", 1_234_567),
    ("বাজেট ৳৫০০ কোটি।", "৳৫০০ কোটি", "BDT", 5_000_000_000),
    ("বাণিজ্য ৩ হাজার কোটি টাকা ছাড়ায়।", "৩ হাজার কোটি টাকা", "BDT", 30_000_000_000),
    ("রাশিয়া ২০ বিলিয়ন রুবল দেয়।", "২০ বিলিয়ন রুবল", "RUB", 20_000_000_000),
    ("রাশিয়া ২০ বিলিয়ন রুবেল দেয়।", "২০ বিলিয়ন রুবেল", "RUB", 20_000_000_000),
    ("চীন ৩ বিলিয়ন ইউয়ান ঋণ দেয়।", "৩ বিলিয়ন ইউয়ান", "CNY", 3_000_000_000),
    ("জাপান ৫০০ কোটি ইয়েন দেয়।", "৫০০ কোটি ইয়েন", "JPY", 5_000_000_000),
    ("ইউরোপ ১০ মিলিয়ন ইউরো দেয়।", "১০ মিলিয়ন ইউরো", "EUR", 10_000_000),
    ("মূল্য ১০০ ভারতীয় রুপি।", "১০০ ভারতীয় রুপি", "INR", 100),
    ("মূল্য ৩০০ পাকিস্তানি রুপি।", "৩০০ পাকিস্তানি রুপি", "PKR", 300),
    ("ভারত সরকার ৫০ কোটি রুপি দেবে।", "৫০ কোটি রুপি", "INR", 500_000_000),
    ("পাকিস্তান সরকার ৫০ কোটি রুপি দেবে।", "৫০ কোটি রুপি", "PKR", 500_000_000),
    ("দুই দেশ দুই বিলিয়ন ডলারের বাণিজ্য করে।", "দুই বিলিয়ন ডলারের", "USD", 2_000_000_000),
    ("ব্যাংক ৫ মিলিয়ন পাউন্ড দেয়।", "৫ মিলিয়ন পাউন্ড", "GBP", 5_000_000),
    ("বাণিজ্য 250 মিলিয়ন ডলার।", "250 মিলিয়ন ডলার", "USD", 250_000_000),
    ("টমেটো ৫৬০ পাকিস্তানি রুপিতে বিক্রি হয়।", "৫৬০ পাকিস্তানি রুপিতে", "PKR", 560),
]
# fmt: on


@pytest.mark.parametrize("text,phrase,key,value", CASES)
def test_money_bn_amounts(text, phrase, key, value):
    found = find_money(text, "bn")
    assert len(found) == 1, [(text[m.start : m.end], m.key) for m in found]
    m = found[0]
    assert text[m.start : m.end] == phrase
    assert (m.key, m.attrs["value"]) == (key, value)


# fmt: off
APPROX = [
    ("প্রায় ২০০ কোটি টাকা ব্যয় হয়।", "২০০ কোটি টাকা", "BDT", 2_000_000_000),
    ("যুক্তরাষ্ট্রে কয়েক শ কোটি ডলারের বিনিয়োগ হবে।", "কয়েক শ কোটি ডলারের", "USD", 1_000_000_000),
    ("২-৩ বিলিয়ন ডলার লাগবে।", "২-৩ বিলিয়ন ডলার", "USD", 2_000_000_000),
    ("তারা কোটি কোটি টাকা আয় করে।", "কোটি কোটি টাকা", "BDT", 10_000_000),
]
# fmt: on


@pytest.mark.parametrize("text,phrase,key,value", APPROX)
def test_money_bn_approximate(text, phrase, key, value):
    (m,) = find_money(text, "bn")
    assert text[m.start : m.end] == phrase
    assert (m.key, m.attrs["value"], m.attrs["approx"]) == (key, value, True)


def test_money_bn_exact_is_not_approximate():
    (m,) = find_money("বাজেট ৫০০ কোটি টাকা।", "bn")
    assert m.attrs["approx"] is False


def test_money_bn_range_has_upper_value():
    (m,) = find_money("২-৩ বিলিয়ন ডলার লাগবে।", "bn")
    assert m.attrs["value_max"] == 3_000_000_000


# fmt: off
NOT_MONEY = [
    "এক লাখ টন চাল কেনা হবে।",
    "১৯০৩ জন সৈন্য ছিল।",
    "১০০ পাউন্ড ওজনের বস্তা।",
    "ডলারের দাম বেড়েছে।",
    "২০০৭ সালে চুক্তি হয়।",
]
# fmt: on


@pytest.mark.parametrize("text", NOT_MONEY)
def test_money_bn_not_money(text):
    assert find_money(text, "bn") == []


def test_money_bn_two_amounts_in_one_sentence():
    text = "২০০৭ সালে বাণিজ্য ছিল ১,৯০৩ মিলিয়ন মার্কিন ডলার, যেখানে ২০০৬ সালে ছিল ১,১৩৩ মিলিয়ন মার্কিন ডলার।"
    assert [m.attrs["value"] for m in find_money(text, "bn")] == [1_903_000_000, 1_133_000_000]


def test_money_bn_find_numbers_reads_scales():
    assert [v for _, _, v in find_numbers("১০ লাখ মানুষ আর ১৮টি বিমান", "bn")] == [1_000_000, 18]


def test_money_bn_run_adds_mentions():
    text = "দেশটি ১০ লাখ ডলার সহায়তা দেয়।"
    doc = run(Document(id="d", raw=text, text=text, lang="bn"))
    assert [(m.kind, m.key) for m in doc.mentions] == [("money", "USD")]


def test_money_bn_long_digit_run_is_no_money():
    assert find_money("১" * 100_000 + " টাকা", "bn") == []
    assert find_money("১," * 50_000, "bn") == []
