"""Admin views of the ateliers, one module per concern (mounted under /admin/ateliers/ by
``ateliers/admin_urls.py``). Views stay thin: they check the user's scope, call ``ateliers.services``
and render."""
