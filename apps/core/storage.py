from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files, with `import` paths in JS modules rewritten too."""

    support_js_module_import_aggregation = True
