"""Staff sign-in security (issue 12.6): login throttling (django-axes) and two-factor
sign-in (django-otp TOTP) for the Wagtail admin, the admin's CSP and replaceable forms.

May import: directives_app.core. Imported by: the site only (settings, urls,
wagtail_hooks). See docs/operations.md ("Đăng nhập cán bộ") for how an administrator
unlocks.
"""
