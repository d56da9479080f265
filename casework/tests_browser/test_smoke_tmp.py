def test_smoke(site, page_for, personas):
    page = page_for("sam.worker")
    assert "Amy Jones" in page.content()
    p2 = site.new_page(javascript=False)
    site.visit(p2, "/sign-in/")
