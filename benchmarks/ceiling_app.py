"""The ceiling of our stack: Flask + Jinja rendering a product-grid page, no database, no session.

Served by gunicorn exactly like Orion in the same benchmark run, so the ratio Orion/ceiling
compares what Orion adds (tenant, menus, session, i18n, SQL) on the same noisy machine.
"""

from flask import Flask, render_template_string

app = Flask(__name__)

PRODUCTS = [{"name": f"Product {i}", "slug": f"product-{i}", "price": f"{10 + i}.00 €"} for i in range(24)]

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop · Ceiling</title>
<link rel="stylesheet" href="/static/app.css"></head><body>
<header class="site-header"><a class="brand" href="/">Ceiling</a><nav><ul>
{% for item in menu %}<li><a href="{{ item.url }}">{{ item.label }}</a></li>{% endfor %}</ul></nav></header>
<main class="site-main"><h1>All products</h1><div class="grid-cards">
{% for p in products %}<article class="card"><a href="/p/{{ p.slug }}"><div class="placeholder"></div>
<h3>{{ p.name }}</h3></a><p class="price">{{ p.price }}</p></article>{% endfor %}
</div><nav class="pagination"><a href="?after=24">Next</a></nav></main>
<footer class="site-footer"><p>© Ceiling</p></footer></body></html>"""


@app.get("/")
def listing():
    menu = [{"label": "Home", "url": "/"}, {"label": "Shop", "url": "/products"}]
    return render_template_string(PAGE, products=PRODUCTS, menu=menu)
