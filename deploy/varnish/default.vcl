# Varnish in front of the app servers (issue 17; docs/operations.md "Reverse proxy").
#
# - Anonymous GET/HEAD of public pages are cached; the admin, the API, every other method
#   and any visitor with a session (logged-in staff) go straight to the app.
# - Responses that set a cookie or say private/no-store are never stored (Varnish's
#   built-in rules), so CSRF forms, PDFs and prepared files stay out of the cache.
# - The app sends PURGE (Wagtail's frontend cache, HTTP backend) after every change that
#   bumps its page-cache generation (publish, unpublish, move, settings, images…). A PURGE
#   bans every cached object, as the generation bump does in the app: list pages (home,
#   news) show the change at once as well as the page itself.
# - The app servers are listed below; with several, add them to the director.
vcl 4.1;

import directors;

backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 120s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new apps = directors.round_robin();
    apps.add_backend(app1);
}

sub vcl_recv {
    set req.backend_hint = apps.backend();
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.status != 0");
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|api)(/|$)") {
        set req.http.X-Cache-Pass = "1";
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        set req.http.X-Cache-Pass = "1";
        return (pass);
    }
    # Other cookies (the CSRF token, analytics) do not change a public page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (bereq.url ~ "^/(admin|django-admin|api)(/|$)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Pages carry no lifetime of their own: a purge ends them, this only bounds them.
    if (!beresp.http.Cache-Control && beresp.status == 200) {
        set beresp.ttl = 1h;
    }
    if (beresp.status == 404) {
        set beresp.ttl = 60s;
    }
}

sub vcl_deliver {
    if (req.http.X-Cache-Pass) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
