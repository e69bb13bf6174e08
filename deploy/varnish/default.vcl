# Varnish in front of the app containers: anonymous public pages from memory, purged by the
# app on every publishing event (core/invalidation.py sends PURGE <path> through
# wagtail.contrib.frontend_cache's HTTP backend). A PURGE of a path bans it with every query
# string (each ?page=, filter and search); a PURGE of "/" bans everything.
#
# The backends and the addresses allowed to purge are in backends.vcl, next to this file
# (compose.yaml's; CI writes its own for loopback).
vcl 4.1;

import directors;
import std;

include "backends.vcl";

sub vcl_recv {
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
    set req.backend_hint = app.backend();
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin, and anyone signed in (a session), always reach the app.
    if (req.url ~ "^/(admin|django-admin)/" || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Public pages do not depend on an anonymous reader's cookies.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # For lurker-friendly bans: the object remembers its URL.
    set beresp.http.x-url = bereq.url;
    # The app says what may be kept (Cache-Control: public, s-maxage / private, no-store),
    # and never lets a response that sets a cookie be cached.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    unset resp.http.x-url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
