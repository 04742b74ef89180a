"""Every page needs a login, except the few that are public by design.

Walks the URL map, so a new page without a login check fails here."""

PUBLIC_ENDPOINTS = {
    "static", "bootstrap.static", "auth.login", "health.health",
    "inquiries.new", "inquiries.thanks",  # the public inquiry form
    "feeds.calendar",  # authenticated by the secret in its URL
    "api-docs.openapi_json", "api_docs.index", "api_docs.asset",  # the API's documentation
}


def all_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        url = rule.build({arg: 1 for arg in rule.arguments}, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, url


def test_the_url_map_has_pages(app):
    assert len(list(all_routes(app))) > 5


def test_every_page_redirects_anonymous_users_to_the_login(app, client):
    for endpoint, method, url in all_routes(app):
        if endpoint.startswith("api."):
            continue
        response = client.open(url, method=method)
        assert response.status_code == 302, (endpoint, method, url)
        assert response.headers["Location"].startswith("/login"), (endpoint, method, url)


def test_every_api_endpoint_answers_401_without_a_token(app, client):
    api_routes = [(endpoint, method, url) for endpoint, method, url in all_routes(app) if endpoint.startswith("api.")]
    assert api_routes
    for endpoint, method, url in api_routes:
        response = client.open(url, method=method, json={})
        assert response.status_code == 401, (endpoint, method, url)
        assert response.get_json()["error"]["code"] == "unauthorized"
