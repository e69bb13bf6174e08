# Varnish in front of the app containers: anonymous public pages from memory, purged by the
# app on every publishing event (core/caching/invalidation.py sends PURGE <path> through
# wagtail.contrib.frontend_cache's HTTP backend). A PURGE of a path bans it with every query
# string (each ?page=, filter and search); a PURGE of "/" bans everything. /media/ goes to the
# media server (nginx, deploy/nginx/).
#
# The backends and the addresses allowed to purge are in backends.vcl, next to this file
# (compose.yaml's; `make rehearsal` writes its own for loopback: deploy/rehearsal.py).
#
# When the app cannot answer (both servers down, or answering 5xx while the database is
# away), readers get the last good copy of a page for up to six hours ("grace") instead of an
# error. A purged page is never served stale: a ban removes it.
vcl 4.1;

import directors;
import std;

# An app server is in the round while /healthz answers 200 (the database answers): a killed
# or cut-off server leaves it within two probes.
probe healthz {
    .url = "/healthz";
    .interval = 2s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

include "backends.vcl";

sub vcl_recv {
    if (req.restarts == 0) {
        # Set only by vcl_synth below, for a second try; never believed from a client.
        unset req.http.X-Stale-If-Error;
    }
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "PURGE not allowed from this address"));
        }
        if (req.url == "/") {
            ban("obj.http.x-url ~ .");
        } else {
            ban("obj.http.x-url ~ ^" + regsub(req.url, "([.+*?()\[\]{}|^$\\])", "\\\1") + "(\?|$)");
        }
        return (synth(200, "Purged"));
    }
    if (req.url ~ "^/media/") {
        set req.backend_hint = media;
    } else {
        set req.backend_hint = app.backend();
    }
    # While the app answers, a page past its time is fetched again (10 s of grace hides the
    # fetch from the reader); when it does not, any copy younger than the grace will do.
    if (req.http.X-Stale-If-Error || !std.healthy(req.backend_hint)) {
        set req.grace = 6h;
    } else {
        set req.grace = 10s;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Media files are the same for everyone.
    if (req.url ~ "^/media/") {
        unset req.http.Cookie;
        unset req.http.Authorization;
        return (hash);
    }
    # The admin, Wagtail's own views (the password form of a protected page: /kk/_util/...),
    # and anyone signed in or past a page password (a session) always reach the app.
    if (req.url ~ "^/admin/" || req.url ~ "^(/[^/]+)?/_util/"
        || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Public pages do not depend on an anonymous reader's cookies.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # For lurker-friendly bans: the object remembers its URL.
    set beresp.http.x-url = bereq.url;
    set beresp.grace = 6h;
    if (beresp.status >= 500 && !bereq.uncacheable) {
        # A failed refresh in the background: the stale copy stays and is served meanwhile.
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        # The reader's own fetch failed: vcl_synth tries once more with any stale copy.
        if (!bereq.http.X-Stale-If-Error) {
            return (abandon);
        }
        # There is none: the app's own error page, kept for nobody.
        set beresp.ttl = 1s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # The app says what may be kept (Cache-Control: public, s-maxage / private, no-store),
    # and never lets a response that sets a cookie be cached.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Browsers keep media for a month (nginx says so); Varnish asks again after an hour, so a
    # deleted image stops being served here within the hour.
    if (bereq.url ~ "^/media/" && beresp.ttl > 1h) {
        set beresp.ttl = 1h;
    }
}

sub vcl_backend_error {
    # A server that has just died (before its probes say so): the other one is asked.
    if (bereq.retries == 0 && bereq.method ~ "^(GET|HEAD)$") {
        return (retry);
    }
    # As for a 5xx above: keep the stale copy, or let the reader try once more for it.
    if (!bereq.uncacheable && (bereq.is_bgfetch || !bereq.http.X-Stale-If-Error)) {
        return (abandon);
    }
}

sub vcl_synth {
    # An abandoned fetch (above) lands here as a 503: once more, taking any stale copy.
    if (resp.status == 503 && req.restarts == 0 && req.method ~ "^(GET|HEAD)$") {
        set req.http.X-Stale-If-Error = "1";
        return (restart);
    }
}

sub vcl_deliver {
    unset resp.http.x-url;
    if (obj.hits > 0 && obj.ttl < 0s) {
        set resp.http.X-Cache = "STALE";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
