"""Factuality is read in the clause that states the event (FACTS.md, Conventions).

Every sentence here was written for sampark; none is copied from a corpus.
Each case names the trigger the events stage would hand over (its first
occurrence in the sentence) and the label the clause gives it.
"""
import pytest

from sampark.stages.events import clauses, factuality
from sampark.text.normalize import normalize

LABELS = {"asserted", "negated", "modal", "planned", "hypothetical", "threat", "cancelled", "denied", "forecast"}


def judge_at(sentence, lang, trigger, offset=0):
    """Split ``sentence`` (standing at ``offset`` in a document) and judge the clause holding ``trigger``.

    The events stage reads the cleaned view, normalised (য় as one code
    point); the tables are typed either way, so they are normalised first.
    """
    sentence, trigger = normalize(sentence), normalize(trigger)
    found = clauses.split(sentence, offset, lang)
    start = offset + sentence.index(trigger)
    span = (start, start + len(trigger))
    clause = next(c for c in found if c.start <= span[0] and span[1] <= c.end)
    return factuality.judge(clause, span, lang, found)


# fmt: off
EN = [
    # asserted controls
    ("India and Japan signed an agreement on Tuesday.", "signed", "asserted"),
    ("The foreign ministers met in Colombo last week.", "met", "asserted"),
    ("Brazil opened an embassy in Nairobi in 1975.", "opened", "asserted"),
    ("Germany supplied two submarines to Israel.", "supplied", "asserted"),
    ("India had planned and then signed the treaty.", "signed", "asserted"),
    ("India not only signed the deal but also ratified it.", "signed", "asserted"),
    ("India did not only send aid but also opened a consulate.", "send", "asserted"),
    ("Trade had reached $5 billion by 2005.", "$5 billion", "asserted"),
    ("India signed the agreement in May.", "signed", "asserted"),
    ("The minister said that India had signed the agreement.", "signed", "asserted"),
    ("After months of talks, Nepal and China signed a transit treaty.", "signed", "asserted"),
    ("Japan, which had planned the visit for years, sent its prime minister to Hanoi.", "sent", "asserted"),
    ("India signed the deal, but Japan did not ratify it.", "signed", "asserted"),
    ("Chile withdrew its threat and restored ties with Peru.", "restored", "asserted"),
    ("India, not Pakistan, signed the accord with Nepal.", "signed", "asserted"),
    ("The dispute did not lead to a full-scale war between the two states.", "war", "asserted"),
    ("Despite the threat, Iran kept its embassy in Baku open.", "embassy", "asserted"),
    ("The will of the two countries brought a ceasefire in 1999.", "ceasefire", "asserted"),
    ("China's demand for imported rice grew to $2 billion last year.", "$2 billion", "asserted"),
    ("Pakistan said it would not attend the summit in Delhi.", "attend", "negated"),
    # negated
    ("India has not signed the agreement.", "signed", "negated"),
    ("India signed the deal, but Japan did not ratify it.", "ratify", "negated"),
    ("India didn't send troops to Sri Lanka.", "send", "negated"),
    ("China never recognised the government in Taipei.", "recognised", "negated"),
    ("No agreement was signed during the talks.", "signed", "negated"),
    ("Pakistan refused to sign the accord.", "sign", "negated"),
    ("The talks failed to produce an agreement.", "agreement", "negated"),
    ("Argentina no longer maintains an embassy in Tehran.", "embassy", "negated"),
    ("Ghana cannot import the vaccine from Cuba.", "import", "negated"),
    # modal
    ("The two sides may sign a trade pact.", "sign", "modal"),
    ("Bangladesh should strengthen relations with Nepal.", "strengthen", "modal"),
    ("The two countries are unlikely to normalise relations.", "normalise", "modal"),
    ("Sweden could send peacekeepers to Mali.", "send", "modal"),
    ("Peru might restore ties with Chile.", "restore", "modal"),
    ("India is likely to buy jets from France.", "buy", "modal"),
    ("Turkey urged Greece to reopen the consulate.", "reopen", "modal"),
    # planned
    ("Japan plans to open an embassy in Dhaka.", "open", "planned"),
    ("Modi will visit Dhaka next month.", "visit", "planned"),
    ("Egypt proposed a free trade agreement with Jordan.", "agreement", "planned"),
    ("Norway offered to build a hospital in Nepal.", "build", "planned"),
    ("Vietnam hopes to sign a defence pact with India.", "sign", "planned"),
    ("The prime minister's upcoming visit to Canberra was announced.", "visit", "planned"),
    ("Indonesia intends to buy wheat from Australia.", "buy", "planned"),
    ("The president is to visit Hanoi in March.", "visit", "planned"),
    ("Chile invited the Bolivian president to visit Santiago.", "visit", "planned"),
    # hypothetical
    ("If Pakistan attacks, India will respond.", "respond", "hypothetical"),
    ("If Pakistan attacks, India will respond.", "attacks", "hypothetical"),
    ("India will respond if Pakistan attacks.", "respond", "hypothetical"),
    ("Unless Iran releases the diplomats, Britain will expel its ambassador.", "expel", "hypothetical"),
    # threats
    ("Iran threatened to close the embassy.", "close", "threat"),
    ("China warned that it would impose sanctions on Lithuania.", "impose", "threat"),
    ("Russia threatened to cut gas supplies to Ukraine.", "cut", "threat"),
    # cancelled
    ("Modi cancelled his visit to Dhaka.", "visit", "cancelled"),
    ("Japan cancelled a planned visit to Seoul.", "visit", "cancelled"),
    ("The summit between Egypt and Sudan was postponed.", "summit", "cancelled"),
    ("Malaysia called off talks with Singapore.", "talks", "cancelled"),
    # denied
    ("Russia denied that it had supplied weapons to Syria.", "supplied", "denied"),
    ("Russia denied that it had supplied weapons and trained troops in Syria.", "trained", "denied"),
    ("Pakistan denied sending troops across the border.", "sending", "denied"),
    ("Israel rejected reports that it had sold drones to Azerbaijan.", "sold", "denied"),
    ("Sudan rejected the Egyptian offer of mediation.", "offer", "denied"),
    # forecasts are no trade figures
    ("Trade is expected to reach $10 billion by 2030.", "$10 billion", "forecast"),
    ("Trade will reach $5 billion by 2030.", "$5 billion", "forecast"),
    ("The two countries set a target of $15 billion in bilateral trade.", "$15 billion", "forecast"),
    ("Bilateral trade is projected to double by 2028.", "double", "forecast"),
]

BN = [
    # asserted controls
    ("ভারত ও জাপান মঙ্গলবার একটি চুক্তি সই করেছে।", "সই", "asserted"),
    ("দুই দেশের পররাষ্ট্রমন্ত্রী কলম্বোতে বৈঠক করেন।", "বৈঠক", "asserted"),
    ("ব্রাজিল ১৯৭৫ সালে নাইরোবিতে দূতাবাস খোলে।", "দূতাবাস", "asserted"),
    ("ভারত নেপাল থেকে আমদানি বাড়িয়েছে।", "আমদানি", "asserted"),
    ("জার্মানি ইসরায়েলকে দুটি সাবমেরিন সরবরাহ করেছে।", "সরবরাহ", "asserted"),
    ("মন্ত্রী বলেন, ভারত চুক্তি সই করেছে।", "সই", "asserted"),
    ("ভারত চুক্তি সই করেছে বলে জানান মন্ত্রী।", "সই", "asserted"),
    ("ভারত শুধু বাণিজ্য চুক্তি নয়, প্রতিরক্ষা চুক্তিও সই করেছে।", "প্রতিরক্ষা", "asserted"),
    ("জাপান সফরের পরিকল্পনা করেছিল এবং পরে চুক্তি সই করেছে।", "সই", "asserted"),
    ("ভারতের একটি কোম্পানি নেপালে বিদ্যুৎ রপ্তানি করেছে।", "রপ্তানি", "asserted"),
    ("২০০৫ সালে দুই দেশের বাণিজ্য ৫০০ কোটি টাকায় পৌঁছায়।", "৫০০ কোটি", "asserted"),
    ("তিনি ২০১৫ সালে ঢাকা সফর করেন।", "সফর", "asserted"),
    ("ভারত চুক্তি সই করেছে কিন্তু জাপান তা অনুমোদন করেনি।", "সই", "asserted"),
    ("তবে দুই দেশ পরে সম্পর্ক পুনঃস্থাপন করে।", "সম্পর্ক", "asserted"),
    ("মালয়েশিয়া সমর্থন ব্যক্ত করলে দুই দেশের সম্পর্কে টানাপোড়েন দেখা দেয়।", "টানাপোড়েন", "asserted"),
    ("সেনারা সীমান্তে আক্রমণ সামাল দিতে পারেনি।", "আক্রমণ", "asserted"),
    ("দুই নেতার বৈঠক সফল হয়নি।", "বৈঠক", "asserted"),
    ("ভারত আনুষ্ঠানিকভাবে যুদ্ধে যোগ দেয়।", "যুদ্ধে", "asserted"),
    ("বাংলাদেশ নিজেকে স্বাধীন দেশ হিসেবে ঘোষণা করে।", "স্বাধীন", "asserted"),
    ("দুই দেশের বাণিজ্য এগিয়ে যাচ্ছে।", "বাণিজ্য", "asserted"),
    ("জাপান জবাবে দূতাবাস বন্ধ করে।", "দূতাবাস", "asserted"),
    ("অনেক আশা সত্ত্বেও দুই নেতার বৈঠক সফল হয়নি।", "বৈঠক", "asserted"),
    ("আলোচনা শুরু হওয়ার পর মন্ত্রী পাকিস্তানকে কঠোর হুঁশিয়ারি দেন।", "আলোচনা", "asserted"),
    # negated
    ("ভারত চুক্তিতে সই করেনি।", "সই", "negated"),
    ("ভারত চুক্তি সই করেছে কিন্তু জাপান তা অনুমোদন করেনি।", "অনুমোদন", "negated"),
    ("চীন তাইওয়ানকে কখনো স্বীকৃতি দেয়নি।", "স্বীকৃতি", "negated"),
    ("প্রধানমন্ত্রী ঢাকা সফরে যাননি।", "সফরে", "negated"),
    ("দুই দেশের মধ্যে কোনো চুক্তি হয়নি।", "চুক্তি", "negated"),
    ("ভারত সেখানে সেনা পাঠায় না।", "সেনা", "negated"),
    ("মিয়ানমারে ওই দেশের কোনো দূতাবাস নেই।", "দূতাবাস", "negated"),
    ("দুই দেশ চুক্তি সই করতে ব্যর্থ হয়।", "সই", "negated"),
    ("দুই দেশ চুক্তিতে পৌঁছাতে ব্যর্থ হয়।", "চুক্তিতে", "negated"),
    ("মন্ত্রী সম্মেলনে অংশ নেননি।", "অংশ", "negated"),
    # modal
    ("দুই দেশ চুক্তি সই করতে পারে।", "সই", "modal"),
    ("বাংলাদেশের উচিত নেপালের সঙ্গে সম্পর্ক জোরদার করা।", "জোরদার", "modal"),
    ("দুই দেশের সম্পর্ক স্বাভাবিক হওয়ার সম্ভাবনা কম।", "স্বাভাবিক", "modal"),
    ("ভারত হয়তো ফ্রান্স থেকে যুদ্ধবিমান কিনতে পারে।", "যুদ্ধবিমান", "modal"),
    ("তুরস্ক গ্রিসকে কনস্যুলেট আবার খোলার আহ্বান জানিয়েছে।", "খোলার", "modal"),
    # planned
    ("দুই দেশ চুক্তি সই করবে।", "সই", "planned"),
    ("জাপান ঢাকায় দূতাবাস খোলার পরিকল্পনা করছে।", "দূতাবাস", "planned"),
    ("মোদি আগামী মাসে ঢাকা সফরে যাবেন।", "সফরে", "planned"),
    ("মিশর জর্ডানকে মুক্ত বাণিজ্য চুক্তির প্রস্তাব দিয়েছে।", "চুক্তির", "planned"),
    ("ভিয়েতনাম ভারতের সঙ্গে প্রতিরক্ষা চুক্তি সই করতে চায়।", "সই", "planned"),
    ("প্রস্তাবিত চুক্তিটি দুই দেশের বাণিজ্য বাড়াবে।", "চুক্তিটি", "planned"),
    ("চিলি বলিভিয়ার প্রেসিডেন্টকে সান্তিয়াগো সফরের আমন্ত্রণ জানিয়েছে।", "সফরের", "planned"),
    ("প্রধানমন্ত্রী শিগগিরই বেইজিং সফরে যাচ্ছেন।", "সফরে", "planned"),
    ("পাকিস্তান বাংলাদেশে চাল রপ্তানি করতে যাচ্ছে।", "রপ্তানি", "planned"),
    # hypothetical
    ("যদি পাকিস্তান হামলা করে, ভারত জবাব দেবে।", "জবাব", "hypothetical"),
    ("যদি পাকিস্তান হামলা করে, ভারত জবাব দেবে।", "হামলা", "hypothetical"),
    ("পাকিস্তান হামলা করলে ভারত জবাব দেবে।", "জবাব", "hypothetical"),
    ("যদি ইরান কূটনীতিকদের মুক্তি না দেয়, তাহলে ব্রিটেন রাষ্ট্রদূতকে বহিষ্কার করবে।", "বহিষ্কার", "hypothetical"),
    # threats
    ("ইরান দূতাবাস বন্ধ করার হুমকি দিয়েছে।", "বন্ধ", "threat"),
    ("রাশিয়া ইউক্রেনে গ্যাস সরবরাহ বন্ধের হুঁশিয়ারি দিয়েছে।", "সরবরাহ", "threat"),
    ("চীন লিথুয়ানিয়াকে নিষেধাজ্ঞার হুমকি দেয়।", "নিষেধাজ্ঞার", "threat"),
    # cancelled
    ("মোদি ঢাকা সফর বাতিল করেছেন।", "সফর", "cancelled"),
    ("মিশর ও সুদানের শীর্ষ বৈঠক স্থগিত করা হয়েছে।", "বৈঠক", "cancelled"),
    ("জাপান প্রস্তাবিত সিউল সফর বাতিল করেছে।", "সফর", "cancelled"),
    ("দুই দেশের আলোচনা পিছিয়ে দেওয়া হয়েছে।", "আলোচনা", "cancelled"),
    # denied
    ("রাশিয়া সিরিয়ায় অস্ত্র সরবরাহের অভিযোগ অস্বীকার করেছে।", "সরবরাহের", "denied"),
    ("রাশিয়া অস্বীকার করেছে যে তারা সিরিয়াকে অস্ত্র দিয়েছে।", "অস্ত্র", "denied"),
    ("রাশিয়া অস্বীকার করেছে যে তারা সিরিয়াকে অস্ত্র দিয়েছে এবং সেনা পাঠিয়েছে।", "সেনা", "denied"),
    ("সুদান মিশরের মধ্যস্থতার প্রস্তাব প্রত্যাখ্যান করেছে।", "প্রস্তাব", "denied"),
    ("পাকিস্তান সীমান্তে সেনা পাঠানোর খবর নাকচ করেছে।", "পাঠানোর", "denied"),
    # forecasts
    ("দুই দেশের বাণিজ্য ২০৩০ সালের মধ্যে ১০ বিলিয়ন ডলারে পৌঁছাবে বলে আশা করা হচ্ছে।", "১০ বিলিয়ন", "forecast"),
    ("দুই দেশ ১৫০০ কোটি টাকার বাণিজ্যের লক্ষ্যমাত্রা নির্ধারণ করেছে।", "১৫০০ কোটি", "forecast"),
    ("২০২৮ সাল নাগাদ দুই দেশের বাণিজ্য দ্বিগুণ হবে।", "দ্বিগুণ", "forecast"),
    ("বিশ্বব্যাংকের পূর্বাভাস অনুযায়ী দুই দেশের বাণিজ্য বাড়বে।", "বাণিজ্য", "forecast"),
]
# fmt: on


@pytest.mark.parametrize("sentence, trigger, label", EN)
def test_factuality_english(sentence, trigger, label):
    j = judge_at(sentence, "en", trigger)
    assert (j.label, j.is_fact) == (label, label == "asserted"), j


@pytest.mark.parametrize("sentence, trigger, label", BN)
def test_factuality_bengali(sentence, trigger, label):
    j = judge_at(sentence, "bn", trigger)
    assert (j.label, j.is_fact) == (label, label == "asserted"), j


def test_factuality_tables_cover_every_label_in_both_languages():
    assert {label for *_, label in EN} == LABELS
    assert {label for *_, label in BN} == LABELS
    assert len(EN) >= 40 and len(BN) >= 40


@pytest.mark.parametrize("lang, sentence, trigger, cue", [
    ("en", "India has not signed the agreement.", "signed", "not"),
    ("en", "Russia denied that it had supplied weapons to Syria.", "supplied", "denied"),
    ("en", "If Pakistan attacks, India will respond.", "respond", "If"),
    ("bn", "ভারত চুক্তিতে সই করেনি।", "সই", "করেনি"),
    ("bn", "মোদি ঢাকা সফর বাতিল করেছেন।", "সফর", "বাতিল"),
])
def test_factuality_cue_span_is_an_exact_slice_of_the_document(lang, sentence, trigger, cue):
    sentence = normalize(sentence)
    doc = "Heading line.\n" + sentence + " Next sentence."
    offset = doc.index(sentence)
    j = judge_at(sentence, lang, trigger, offset)
    assert j.cue is not None and doc[j.cue[0]:j.cue[1]] == j.cue_text == cue


@pytest.mark.parametrize("lang, sentence, trigger", [
    ("en", "Iran threatened to close the embassy.", "close"),
    ("en", "Sudan rejected the Egyptian offer of mediation.", "offer"),
    ("bn", "ইরান দূতাবাস বন্ধ করার হুমকি দিয়েছে।", "বন্ধ"),
])
def test_factuality_threats_and_rejections_may_be_negative_statements(lang, sentence, trigger):
    assert judge_at(sentence, lang, trigger).statement == "negative"


def test_factuality_denial_and_negation_give_no_statement_flag_to_plain_facts():
    assert judge_at("India has not signed the agreement.", "en", "signed").statement is None
    assert judge_at("India signed the agreement.", "en", "signed").statement is None


def test_factuality_without_trigger_judges_the_whole_clause():
    (clause,) = clauses.split("The two sides may sign a trade pact.", 0, "en")
    assert factuality.judge(clause, None, "en").label == "modal"


def test_factuality_a_cue_outside_its_scope_does_not_govern():
    # "not" governs what follows it in English: a trigger before it is not negated
    (clause,) = clauses.split("The agreement India signed was not ratified.", 0, "en")
    text = clause.text
    signed = (text.index("signed"), text.index("signed") + 6)
    ratified = (text.index("ratified"), text.index("ratified") + 8)
    assert factuality.judge(clause, signed, "en").label == "asserted"
    assert factuality.judge(clause, ratified, "en").label == "negated"


def test_factuality_read_alone_a_reported_clause_loses_its_frame():
    # without the sentence's clauses a reported clause is read as it stands: the
    # denial lives in its frame, which is why the events stage passes them all
    found = clauses.split("Russia denied that it had supplied weapons to Syria.", 0, "en")
    content = found[-1]
    assert content.kind == "reported"
    assert factuality.judge(content, None, "en").label == "asserted"
    assert factuality.judge(content, None, "en", found).label == "denied"


def test_factuality_month_may_is_no_modal():
    assert judge_at("India signed the agreement in May.", "en", "signed").label == "asserted"
    assert judge_at("India may sign the agreement.", "en", "sign").label == "modal"


@pytest.mark.parametrize("lang, sentence, trigger, label", [
    ("en", "India signed the deal, but Japan did not ratify it.", "signed", "asserted"),
    ("en", "India signed the deal, but Japan did not ratify it.", "ratify", "negated"),
    ("bn", "যদি পাকিস্তান হামলা করে, ভারত জবাব দেবে।", "জবাব", "hypothetical"),
])
def test_factuality_judge_span_finds_the_clause_itself(lang, sentence, trigger, label):
    sentence = normalize(sentence)
    doc = "Before. " + sentence
    found = clauses.split(sentence, 8, lang)
    start = doc.index(normalize(trigger))
    assert factuality.judge_span(found, (start, start + len(trigger)), lang).label == label


def test_factuality_judge_span_of_no_clauses_is_asserted():
    assert factuality.judge_span([], (0, 3), "en").label == "asserted"


SIGNED, TALKS = "agreement_signed", "agreement_negotiated"


@pytest.mark.parametrize("lang, sentence, trigger, fact_type, becomes", [
    ("en", "India and Japan signed an agreement on Tuesday.", "signed", SIGNED, SIGNED),
    ("en", "The two sides may sign a trade pact.", "sign", SIGNED, TALKS),
    ("en", "Egypt proposed a free trade agreement with Jordan.", "agreement", SIGNED, TALKS),
    ("en", "Egypt proposed a free trade agreement with Jordan.", "agreement", TALKS, TALKS),
    ("en", "India has not signed the agreement.", "signed", SIGNED, None),
    ("en", "Modi will visit Dhaka next month.", "visit", "visit", None),
    ("en", "Iran threatened to close the embassy.", "threatened", "statement", "statement"),
    ("en", "Iran threatened to close the embassy.", "close", "mission_closed", None),
    ("bn", "দুই দেশ চুক্তি সই করবে।", "সই", SIGNED, TALKS),
    ("bn", "মোদি ঢাকা সফর বাতিল করেছেন।", "সফর", "visit", None),
    ("bn", "সুদান মিশরের মধ্যস্থতার প্রস্তাব প্রত্যাখ্যান করেছে।", "প্রত্যাখ্যান", "statement", "statement"),
])
def test_factuality_outcome_keeps_drops_or_retypes(lang, sentence, trigger, fact_type, becomes):
    j = judge_at(sentence, lang, trigger)
    assert factuality.outcome(j, fact_type, lang) == becomes


def test_factuality_a_language_without_data_reads_every_sentence_as_one_asserted_clause():
    # a new language (before its clauses.json and factuality.json are written) extracts as before
    rules = clauses.compile_rules("xx", {})
    found = clauses.split("Alpha beta gamma, delta epsilon.", 0, rules)
    assert [(c.kind, c.text) for c in found] == [("main", "Alpha beta gamma, delta epsilon")]
    judged = factuality.judge_span(found, (0, 5), factuality.compile_rules("xx", {}, {}))
    assert judged.label == "asserted" and judged.is_fact
