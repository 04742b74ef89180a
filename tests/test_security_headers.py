"""Every response carries the security headers, error pages included."""
import pytest


@pytest.mark.parametrize("path", ["/login", "/", "/no-such-page"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_load_no_script_from_another_host(client):
    page = client.get("/login").get_data(as_text=True)
    assert "<script>" not in page and "cdn" not in page.lower()
    assert '<script src="/' in page
