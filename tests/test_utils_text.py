from pressbot.utils.text import clean, has_class, html_to_text


def test_clean_folds_nbsp_and_spaces():
    assert clean("Премьер-министра\u202f—\xa0 министром\n  ") == "Премьер-министра — министром"


def test_clean_leaves_text_decoded_once_as_it_is():
    # the parser decoded `&amp;laquo;` to "&laquo;": the page shows "&laquo;", so do we
    assert clean("форум &laquo;Россия&raquo;") == "форум &laquo;Россия&raquo;"
    assert html_to_text("<p>форум &amp;laquo;Россия&amp;raquo; &laquo;X&raquo;</p>") == (
        "форум &laquo;Россия&raquo; «X»"
    )


def test_paragraphs_are_kept_and_noise_skipped():
    html = (
        "<p>Первый&nbsp;абзац <b>жирный</b></p><div class='credit'>© Фото</div>"
        "<p>Второй<br>третий</p><script>x()</script>"
    )
    assert html_to_text(html, has_class("credit")) == "Первый абзац жирный\n\nВторой\n\nтретий"


def test_empty_html_is_empty_text():
    assert html_to_text("") == ""
    assert html_to_text("<p> &nbsp; </p>") == ""
