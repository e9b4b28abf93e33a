"""What the catalog prepares for its templates: dashboard rows and choices (`store`), storefront
listings, slugs and sitemap URLs (`storefront`)."""
