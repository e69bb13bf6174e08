"""The council that adopted an appeal, as its adoption line names it.

The Federation's appeals end with a line such as "Бас кеңесінің шешімімен қабылданған" /
"Принято решением Генерального Совета Федерации профсоюзов РК". The import fills the page's
"adopting body" from it (`appeals.write`) when it names one of the Federation's governing
bodies, in the reader's language and the nominative an index card needs; anything else
stays for the editor to fill.
"""

BODIES = [
    # (stems that name the body in an adoption line, in either language), its names
    (("бас кеңес", "генеральн"), {"kk": "Бас кеңес", "ru": "Генеральный совет"}),
    (("атқару комитет", "исполнительн"), {"kk": "Атқару комитеті", "ru": "Исполнительный комитет"}),
]


def adopting_body(adoption_line, language):
    """The name of the body the line says adopted the appeal, in `language`, or ""."""
    text = " ".join(adoption_line.lower().split())
    for stems, names in BODIES:
        if any(stem in text for stem in stems):
            return names.get(language, "")
    return ""
