"""Staff sign-in security (issue 12.6): login throttling (django-axes) and two-factor
sign-in (django-otp TOTP) for the Wagtail admin.

Only the site (settings, urls, wagtail_hooks) imports this package; it imports no app
views. See docs/operations.md ("Đăng nhập cán bộ") for how an administrator unlocks.
"""
