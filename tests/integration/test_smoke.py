"""The demo tenants answer on both URL schemes."""


def test_storefront_on_dev_path(client, demo):
    response = client.get("/platforms/main/storefront/acme/")
    assert response.status_code == 200
    assert "Acme" in response.get_data(as_text=True)


def test_storefront_on_subdomain(client, demo):
    response = client.get("/", headers={"Host": "acme.orion.localhost:5000"})
    assert response.status_code == 200
    assert "<title>Welcome · Acme</title>" in response.get_data(as_text=True)
