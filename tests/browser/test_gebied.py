"""/wijk?gebied=schollevaar in a real browser: the area profile shows and its one-page PDF downloads."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.browser.conftest import PHONE, assert_no_exception, screenshot, wait_idle


def test_schollevaar_profile_and_pdf(app_server, browser_page):
    page = browser_page
    page.goto(app_server.url("wijk?gebied=schollevaar"))
    wait_idle(page)
    page.get_by_role("heading", name="Gebiedsprofiel Schollevaar").wait_for()
    page.get_by_text("17.380").first.wait_for()
    page.get_by_text("Een gemiddelde van twee schattingen", exact=False).wait_for()
    for kop in ("Ontwikkeling per wijk", "Wie wonen er"):
        page.get_by_role("heading", name=kop).wait_for()
    page.locator(".st-key-gebied_kaart_vlak img").first.wait_for(state="attached")
    assert_no_exception(page)
    screenshot(page, "gebied-schollevaar")

    with page.expect_download() as info:
        page.get_by_role("button", name="Gebiedsprofiel (PDF, 1 pagina)").click()
    assert info.value.suggested_filename == "gebiedsprofiel-schollevaar.pdf"
    pages = PdfReader(io.BytesIO(info.value.path().read_bytes())).pages
    assert len(pages) == 1
    tekst = " ".join(pages[0].extract_text().split())
    assert "Gebiedsprofiel Schollevaar" in tekst and "Schollevaar Zuid" in tekst and "17.380" in tekst

    page.set_viewport_size(PHONE)
    wait_idle(page)
    screenshot(page, "gebied-schollevaar-telefoon")
    assert_no_exception(page)
