"""CMS: content pages, the media library and store themes."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import ModuleDefinition, Permission

module = ModuleDefinition(
    code="cms",
    name="Content",
    description="Content pages for the platform and each store (in several languages, draft or published), "
                "a media library for images and files, and store themes with logo, colours and layout.",
    version="1.0.0",
    is_core=True,
    permissions=(
        Permission("cms.pages.manage", _l("Manage pages"),
                   _l("Create, edit, publish and delete the store's content pages."),
                   category="cms", roles=("owner", "manager")),
        Permission("cms.media.manage", _l("Manage media"),
                   _l("Upload and delete images and files in the media library."),
                   category="cms", roles=("owner", "manager")),
        Permission("cms.themes.manage", _l("Manage theme"),
                   _l("Change the store's logo, colours and layout."),
                   category="cms", roles=("owner", "manager")),
        Permission("cms.platform_pages.manage", _l("Manage platform pages"),
                   _l("Edit the platform's marketing, pricing and legal pages."),
                   category="cms", roles=("platform_admin",)),
    ),
    config={"MEDIA_MAX_MB": 10},
)
