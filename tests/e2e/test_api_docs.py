"""The API documentation page works in a real browser under the app's Content-Security-Policy."""


def test_the_api_documentation_renders_without_breaking_the_csp(page):
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)

    page.goto("/api/v1/docs/")
    page.wait_for_selector(".opblock-tag", timeout=15000)

    tags = page.locator(".opblock-tag").all_inner_texts()
    assert any("companies" in tag for tag in tags)
    assert refused == []
