"""The import's messages point at the problem in the editor's terms, in the Kazakh and the
Russian admin: the Word paragraph (or text line) and its first words on both sides; a missing
list item named as missing, its row marked in the preview and the pairs after it paired right;
counts with Russian plurals; an appeal in review said once, in the preview, with who submitted
it, who reviews it and what to do; and import buttons that show their labels and, disabled,
say why. Everything through the real admin views."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from wagtail.users.models import UserProfile

from appeals.models import AppealPage
from tests.editorial_helpers import login
from tests.importing.test_import_admin import (
    UPLOAD,
    confirm_button,
    preview_of,
    row_counts,
    two_word_files,
    upload,
)
from tests.word_files import seed_halves, word_file

pytestmark = pytest.mark.django_db


def speak(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def words(element):
    return " ".join(element.get_text().split())


MISSING_RUSSIAN_PARAGRAPH = {
    "kk": "Қазақ бөліміндегі 6-абзацтың (Word файлының 8-абзацы: «Сондықтан біз барлық саяси "
    "партияларды сайлауалды…») орыс бөлімінде сәйкесі жоқ; оның орысша мәтіні Word файлының "
    "6-абзацынан кейін («Одна из особенностей наступившего избирательного цикла…») тұруы "
    "керек.",
    "ru": "У абзаца 6 казахской части (абзац 8 в файле Word: «Сондықтан біз барлық саяси "
    "партияларды сайлауалды…») нет пары в русской части; его русский текст должен стоять "
    "после абзаца 6 в файле Word («Одна из особенностей наступившего избирательного цикла…»).",
}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_misaligned_word_file_names_the_word_paragraph_and_quotes_both_sides(
    client, users, language
):
    """Word files typed with empty paragraphs between the parts, as a text file has blank
    lines: the numbers count the paragraphs a reader sees (the Kazakh file has 23), not the
    empty ones (it has 27 in all)."""
    speak(users["editor"], language)
    login(client, users["editor"])
    kazakh, russian = seed_halves()
    russian.body.pop(5)
    files = [
        ("undeu-kk.docx", word_file(kazakh, spaced=True)),
        ("obrashchenie-ru.docx", word_file(russian, spaced=True)),
    ]
    _url, soup = preview_of(client, upload(client, *files))
    message = words(soup.select_one("#misalignment p"))
    assert MISSING_RUSSIAN_PARAGRAPH[language] in message


MISSING_KAZAKH_ITEM = {
    "kk": {
        "message": "Орыс бөліміндегі 2-тізім тармағының (Word файлының 16-абзацы: «избрание "
        "профсоюзных активистов и лидеров депутатами…») қазақ бөлімінде сәйкесі жоқ; оның "
        "қазақша мәтіні Word файлының 16-абзацынан кейін («өкілді органдарда кәсіподақ "
        "мүдделерін, олардың заңнамалық…») тұруы керек.",
        "summary": "Бөлімдер сәйкес келмейді: қазақ бөлімінде 14 абзац және 3 тізім тармағы, "
        "орыс бөлімінде 14 абзац және 4 тізім тармағы бар.",
        "detected": [
            "Қазақша мәтін: 14 абзац және 3 тізім тармағы.",
            "Орысша мәтін: 14 абзац және 4 тізім тармағы.",
        ],
        "label": "2-тізім тармағы",
        "none": "Сәйкесі жоқ",
        "why": "Бөлімдер сәйкес келгенде импорттауға болады: файлдарды жоғарыдағы хабарламада "
        "айтылғандай өзгертіп, қайта жүктеп салыңыз.",
    },
    "ru": {
        "message": "У пункта списка 2 русской части (абзац 16 в файле Word: «избрание "
        "профсоюзных активистов и лидеров депутатами…») нет пары в казахской части; его "
        "казахский текст должен стоять после абзаца 16 в файле Word («өкілді органдарда "
        "кәсіподақ мүдделерін, олардың заңнамалық…»).",
        "summary": "Части не совпадают: в казахской части 14 абзацев и 3 пункта списка, в "
        "русской — 14 абзацев и 4 пункта списка.",
        "detected": [
            "Текст на казахском: 14 абзацев и 3 пункта списка.",
            "Текст на русском: 14 абзацев и 4 пункта списка.",
        ],
        "label": "Пункт списка 2",
        "none": "Нет пары",
        "why": "Импорт станет возможен, когда части совпадут: исправьте файлы, как сказано в "
        "сообщении выше, и загрузите их снова.",
    },
}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_missing_list_item_is_named_as_missing_and_its_row_is_marked(client, users, language):
    expected = MISSING_KAZAKH_ITEM[language]
    speak(users["editor"], language)
    login(client, users["editor"])
    kazakh, russian = seed_halves()
    del kazakh.body[14]  # the Kazakh half's second list item
    before = row_counts()
    url, soup = preview_of(
        client,
        upload(client, ("undeu-kk.docx", word_file(kazakh)), ("obr-ru.docx", word_file(russian))),
    )
    assert [words(li) for li in soup.select(".appeal-import__halves li")] == expected["detected"]
    alert = soup.select_one("#misalignment")
    assert alert["role"] == "alert"
    message = words(alert.p)
    assert message == f"{expected['summary']} {expected['message']}"

    # One row is marked: the Russian item 2 facing nothing, described by the message.
    rows = soup.select(".appeal-import__pairs tbody tr")
    marked = soup.select("tr.appeal-import__differs")
    assert marked == [rows[2 + 14]] == soup.select("#first-difference")
    row = marked[0]
    assert row["aria-describedby"] == "misalignment" and row["tabindex"] == "-1"
    assert words(row.th).startswith(expected["label"])
    assert words(row.select_one("td[lang=kk]")) == expected["none"]
    assert russian.body[14].text in words(row.select_one("td[lang=ru]"))
    # Before and after it, each Kazakh element faces its own translation.
    for index, (left, right) in enumerate(
        [(kazakh.body[13], russian.body[13]), (kazakh.body[14], russian.body[15])]
    ):
        cells = rows[2 + 13 + 2 * index].find_all("td")
        assert left.text in words(cells[0]) and right.text in words(cells[1])

    # The mark shows: the preview loads the stylesheet that colours the row.
    assert soup.find("link", href=re.compile(r"/static/appeals/import\.css$"))
    css = Path(finders.find("appeals/import.css")).read_text(encoding="utf-8")
    cell_rule = re.search(r"\.appeal-import__differs > td\s*\{([^}]*)\}", css)
    assert "background-color: var(--w-color-critical-50)" in cell_rule.group(1)

    # The confirm button is disabled and says why, beside it and to assistive technology.
    button = confirm_button(soup)
    assert button.has_attr("disabled")
    assert button["aria-describedby"].split() == ["confirm-blocked", "misalignment"]
    assert words(soup.select_one("#confirm-blocked")) == expected["why"]
    client.post(url, {"source": "kk", "confirm": "1"})
    assert row_counts() == before


def text_file(kazakh_paragraphs, kazakh_items, russian_paragraphs, russian_items):
    def half(heading, paragraph, item, adoption, paragraphs, items):
        body = [f"{paragraph} {n}." for n in range(1, paragraphs + 1)]
        body += [f"− {item} {n};" for n in range(1, items + 1)]
        return f"{heading}\n\n677\n\n" + "\n".join(body) + f"\n\n{adoption}\n"

    return (
        half(
            "ҮНДЕУ",
            "Қазақша азат жол",
            "қазақша тармақ",
            "Қабылданды",
            kazakh_paragraphs,
            kazakh_items,
        )
        + "\n"
        + half(
            "ОБРАЩЕНИЕ",
            "Русский абзац",
            "русский пункт",
            "Принято",
            russian_paragraphs,
            russian_items,
        )
    ).encode()


@pytest.mark.parametrize(
    "count,paragraphs,items,more",
    [
        (1, "1 абзац", "1 пункт списка", "Дальше не совпадает ещё 1 пара."),
        (2, "2 абзаца", "2 пункта списка", "Дальше не совпадают ещё 2 пары."),
        (5, "5 абзацев", "5 пунктов списка", "Дальше не совпадают ещё 5 пар."),
        (21, "21 абзац", "21 пункт списка", "Дальше не совпадает ещё 21 пара."),
    ],
)
def test_counts_read_right_in_russian(client, users, count, paragraphs, items, more):
    """1, 2, 5 and 21 take the three Russian plural forms (21 like 1)."""
    speak(users["editor"], "ru")
    login(client, users["editor"])
    # The Kazakh half has count + 1 list items more: that many rows without a partner.
    raw = text_file(count, 2 * count + 1, count, count)
    _url, soup = preview_of(client, upload(client, ("undeu.txt", raw)))
    detected = [words(li) for li in soup.select(".appeal-import__halves li")]
    assert detected[1] == f"Текст на русском: {paragraphs} и {items}."
    message = words(soup.select_one("#misalignment p"))
    assert message.endswith(more), message
    assert len(soup.select("tr.appeal-import__differs")) == count + 1


IN_REVIEW = {
    "kk": (
        "Үндеудің екі нұсқасы да («{kk}» және «{ru}») тексеруде. Оларды тексеруге Болат "
        "Ерланов жіберген ({date}). Тексерушілер («Модерация» тапсырмасы): Айгүл Сейітова. "
        "Тексеру аяқталмайынша үндеуді жаңартуға болмайды: тексерушілердің шешімін (мақұлдау "
        "немесе өзгерістер сұрау) күтіңіз не модератордан жұмыс процесін тоқтатуды сұраңыз, "
        "содан кейін файлдарды қайта жүктеп салыңыз.",
        "тексеруде",
        "Бұл файлдар бар «{kk}» үндеуінің жаңа нұсқасы.",
        "Қазір импорттау мүмкін емес: себебі мен не істеу керегі жоғарыдағы хабарламада жазылған.",
    ),
    "ru": (
        "Обе версии обращения («{kk}» и «{ru}») на проверке. На проверку их отправил "
        "пользователь Болат Ерланов ({date}). Проверяющие (задача «Модерация»): Айгүл "
        "Сейітова. Пока проверка не закончена, обращение нельзя обновить: дождитесь решения "
        "проверяющих (одобрить или запросить изменения) или попросите модератора отменить "
        "рабочий процесс, затем загрузите файлы снова.",
        "на проверке",
        "Эти файлы — новая версия существующего обращения «{kk}».",
        "Сейчас импорт невозможен: почему и что делать, сказано в сообщении выше.",
    ),
}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_an_appeal_in_review_is_said_once_in_the_preview_with_who_and_what_to_do(
    client, users, language
):
    busy, in_review, target, why = IN_REVIEW[language]
    editor, moderator = users["editor"], users["moderator"]
    editor.first_name, editor.last_name = "Болат", "Ерланов"
    editor.save()
    moderator.first_name, moderator.last_name = "Айгүл", "Сейітова"
    moderator.save()
    speak(editor, language)
    login(client, editor)
    url, _soup = preview_of(client, upload(client, *two_word_files()))
    client.post(url, {"source": "kk", "confirm": "1"})  # both versions now in review
    kk = AppealPage.objects.get(locale__language_code="kk", number="677")
    ru = AppealPage.objects.get(locale__language_code="ru", number="677")
    with translation.override(language):
        date = date_format(localtime(kk.current_workflow_state.created_at), "DATETIME_FORMAT")
    before = row_counts()

    url, soup = preview_of(client, upload(client, *two_word_files()))
    main = words(soup.select_one("main"))
    assert main.count(in_review) == 1, main
    assert words(soup.select_one("#busy")) == busy.format(kk=kk.title, ru=ru.title, date=date)
    assert words(soup.select_one(".appeal-import__target")).startswith(target.format(kk=kk.title))
    button = confirm_button(soup)
    assert button.has_attr("disabled")
    assert button["aria-describedby"].split() == ["confirm-blocked", "busy"]
    assert words(soup.select_one("#confirm-blocked")) == why

    # Confirming anyway (a page opened before the review began) writes nothing and says it
    # once, in the preview, not again in a message on top.
    response = client.post(url, {"source": "kk", "confirm": "1"})
    assert response.status_code == 200
    assert row_counts() == before
    page = BeautifulSoup(response.content, "html.parser")
    assert words(page.select_one("main")).count(in_review) == 1
    assert page.select(".messages li") == []


def test_the_import_buttons_show_their_labels(client, users):
    """Wagtail sizes no icon inside a plain `.button` outside its action bars: an icon there
    fills the button (an unsized SVG is 300 px wide). The buttons carry their label in the
    `<em>` that Wagtail's progress controller swaps, and only the spinner it shows while
    the request runs."""
    login(client, users["editor"])
    soup = BeautifulSoup(client.get(UPLOAD).content, "html.parser")
    preview_button = soup.select_one("main form button[type=submit]")
    url, preview = preview_of(client, upload(client, *two_word_files()))
    for button, label in [
        (preview_button, "Алдын ала қарау"),
        (confirm_button(preview), "Импорттау және модерацияға жіберу"),
    ]:
        assert "button-longrunning" in button["class"]
        assert words(button.select_one("em[data-w-progress-target=label]")) == label
        (icon,) = button.select("svg")
        assert "icon-spinner" in icon["class"]
        assert button["data-controller"] == "w-progress"


def test_a_missing_element_is_found_where_it_is_missing():
    """Every body element of the seed appeal dropped in turn from either half: the pairing
    leaves exactly one element alone, at its place, or beside it where two neighbours of the
    same kind read alike (the message quotes both texts, so the editor sees which)."""
    from appeals.align import pair_up

    kazakh, russian = seed_halves()
    exact = 0
    for side in ("kk", "ru"):
        for drop in range(len(kazakh.body)):
            left, right = list(kazakh.body), list(russian.body)
            (left if side == "kk" else right).pop(drop)
            alone = [index for index, pair in enumerate(pair_up(left, right)) if pair.differs]
            assert len(alone) == 1 and abs(alone[0] - drop) <= 1, (side, drop, alone)
            exact += alone == [drop]
    assert exact >= 0.9 * 2 * len(kazakh.body)
