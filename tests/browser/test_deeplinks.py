"""Deep links work as the very first request to a freshly started server (bookmarks after a restart)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_exception, start_server, stop_server, wait_idle


@pytest.mark.parametrize(
    ("path", "heading"), [("wijk?wijk=WK050203", "Middelwatering Oost"), ("briefing?presentatie=1", None)]
)
def test_first_request_deep_link_runs_inside_the_app_frame(browser, tmp_path, path, heading):
    server = start_server(tmp_path / "fresh")
    try:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(server.url(path))
        wait_idle(page)
        assert_no_exception(page)
        if heading:
            page.get_by_text(heading).first.wait_for()
            # app.py ran: its navigation (with section headers) and the shared sidebar frame are there
            page.get_by_text("Meer Samen · Capelle aan den IJssel (GM0502)").wait_for()
            # the page list is app.py's own st.page_link navigation (issue 13: the built-in list fails WCAG)
            nav = page.locator("[data-testid=stSidebar] .st-key-meer_samen_nav")
            expect(nav.get_by_role("link", name="Wijkkaart", exact=True)).to_have_count(1)
            assert nav.get_by_text("wijk", exact=True).count() == 0  # no raw file names (legacy pages/ mode)
        else:
            # presentation mode hides the sidebar entirely
            assert (
                page.locator("[data-testid=stSidebar]").count() == 0
                or not page.locator("[data-testid=stSidebar]").is_visible()
            )
        page.close()
    finally:
        stop_server(server)
