"""What the main-text reader leaves out, and what it never does."""

import pytest
from lxml import html

from pressbot.pages.maintext import is_control, main_text, prune

TEXT = "".join(f"<p>Абзац {n}: министерство сообщает о ходе работ в регионе.</p>" for n in range(5))


def pruned(body: str) -> str:
    root = html.fromstring(f"<html><body>{body}</body></html>")
    prune(root)
    return root.text_content()


def test_the_articles_own_container_is_kept_whatever_its_class_words():
    # «sidebar» and «media» name boilerplate, but this element holds the whole text
    assert "Абзац 4" in pruned(f'<div class="main with-sidebar post-media">{TEXT}</div>')


def test_boilerplate_goes_by_class_id_and_tag():
    body = (
        f"{TEXT}<div class='ya-share2'>Поделиться</div><div id='bvi-panel'>Версия для "
        "слабовидящих</div><figure><img><figcaption>Подпись</figcaption></figure>"
        "<div class='photolenta__item-text'>Кадр</div><nav>Меню</nav>"
    )
    left = pruned(body)
    assert "Абзац 4" in left
    for gone in ("Поделиться", "слабовидящих", "Подпись", "Кадр", "Меню"):
        assert gone not in left


def test_link_blocks_go_links_in_sentences_stay():
    body = (
        '<div class="insert"><a href="/n/1">Узбекистан и Татарстан подписали соглашения</a>'
        '</div><p>Как <a href="/d/1">сообщает</a> министерство, работы идут по плану.</p>'
    )
    left = pruned(body)
    assert "подписали соглашения" not in left and "работы идут по плану" in left


def test_a_layout_table_reads_as_text():
    root = html.fromstring(
        f"<html><body><table><tr><td>{TEXT}</td><td>x</td></tr></table></body></html>"
    )
    assert main_text(root)[0] == "Абзац 0: министерство сообщает о ходе работ в регионе."


@pytest.mark.parametrize(
    "line, control",
    [
        ("Поделиться", True),
        ("Share", True),
        ("Фото: пресс-служба Минпромторга РТ", True),
        ("Источник: https://mintrans.example/press/news/4412/", True),
        ("Share prices of the plant rose by a tenth after the ministry's decision.", False),
        ("Печатные издания республики получат субсидии на бумагу и доставку.", False),
    ],
)
def test_control_and_credit_lines(line, control):
    assert is_control(line) is control
