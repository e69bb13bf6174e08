"""What the term base starts with (`editorial.models.Term`; data migration 0005): the union
and election vocabulary of the Federation's appeal for the 2023 Mazhilis and maslikhat
elections (the bilingual seed appeal), and the terms of docs/kk-glossary.md that name a
thing. Moderators edit the list afterwards in the admin; nothing here runs again.

The glossary fixes the admin's words; of its rows, the verbs (publish, save...) and the
words whose everyday sense in a page's text is another one are left out (бет is also a
face, тіл a language and not a locale, атау any name, күй a state of mind or a tune, жоба a
project, кіру any entering, бас тарту any refusal, пікір an opinion, тапсырма an
assignment), so that a news item does not warn for want of a word of the admin.
"""

import re
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parent.parent / "docs" / "kk-glossary.md"
GLOSSARY_NOTE = "docs/kk-glossary.md"
APPEAL_NOTE = "Үндеу / Обращение 2023"

# (Kazakh, Russian): the vocabulary of the seed appeal, as its two versions say it.
APPEAL_TERMS = [
    ("Кәсіподақтар федерациясы", "Федерация профсоюзов"),
    ("кәсіподақ", "профсоюз"),
    ("кәсіптік одақ", "профессиональный союз"),
    ("кәсіподақ ұйымы", "профсоюзная организация"),
    ("кәсіподақ мүшесі", "член профсоюза"),
    ("Бас кеңес", "Генеральный совет"),
    ("сайлау", "выборы"),
    ("сайлау науқаны", "избирательная кампания"),
    ("сайлау циклі", "избирательный цикл"),
    ("сайлаушы", "избиратель"),
    ("сайлауалды бағдарлама", "предвыборная программа"),
    ("депутат", "депутат"),
    ("кандидат", "кандидат"),
    ("мандат", "мандат"),
    ("мәслихат", "маслихат"),
    ("Мәжіліс", "Мажилис"),
    ("Парламент", "Парламент"),
    ("Сенат", "Сенат"),
    ("референдум", "референдум"),
    ("Конституция", "Конституция"),
    ("саяси партия", "политическая партия"),
    ("өкілді орган", "представительный орган"),
    ("Әділетті Қазақстан", "Справедливый Казахстан"),
    ("әлеуметтік әділеттілік", "социальная справедливость"),
    ("лайықты еңбек", "достойный труд"),
    ("еңбек нарығы", "рынок труда"),
    ("жалдамалы жұмыскер", "наёмный работник"),
    ("еңбек ұжымы", "трудовой коллектив"),
    ("еңбек адамы", "Человек труда"),
    ("азаматтық қоғам", "гражданское общество"),
    ("қоғамдық пікір", "общественное мнение"),
    ("заңнамалық бастама", "законодательная инициатива"),
    ("Қазақстан Республикасы", "Республика Казахстан"),
]

# Glossary rows (by their English column) whose words mean something else in a page's text.
GLOSSARY_SKIPPED = {
    "page",
    "subpage",
    "child page",
    "parent page",
    "live",
    "draft",
    "in progress",
    "locale",
    "source",
    "alias",
    "cancel",
    "log in",
    "title",
    "status",
    "comment",
    "task",
}
RUSSIAN_VERB = re.compile(r"(ть|ться|ти|тись|ите)$")


def glossary_terms(path=GLOSSARY):
    """(Kazakh, Russian) of each glossary row that names a thing, in the glossary's order."""
    pairs = []
    if not path.is_file():
        return pairs
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("| ") or len(cells) < 4 or set(cells[0]) <= {"-"}:
            continue
        english, kazakh, _stem, russian = cells[:4]
        if english == "English" or english in GLOSSARY_SKIPPED:
            continue
        if any(RUSSIAN_VERB.search(word) for word in russian.split()):
            continue
        if (kazakh, russian) not in pairs:
            pairs.append((kazakh, russian))
    return pairs


def seed_pairs():
    """Every pair to start with and its note: the appeal's first, then the glossary's."""
    seen = set()
    for pairs, note in ((APPEAL_TERMS, APPEAL_NOTE), (glossary_terms(), GLOSSARY_NOTE)):
        for kazakh, russian in pairs:
            if (kazakh, russian) not in seen:
                seen.add((kazakh, russian))
                yield kazakh, russian, note


def seed(term_model):
    """Adds the missing pairs (idempotent); returns how many were added."""
    existing = set(term_model.objects.values_list("kk", "ru"))
    new = [
        term_model(kk=kazakh, ru=russian, note=note)
        for kazakh, russian, note in seed_pairs()
        if (kazakh, russian) not in existing
    ]
    term_model.objects.bulk_create(new)
    return len(new)
