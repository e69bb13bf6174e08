# compose.yaml's app containers, served in turn; only they may purge.
probe healthz {
    .url = "/healthz";
    .interval = 5s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}

backend web_a { .host = "web-a"; .port = "8000"; .probe = healthz; }
backend web_b { .host = "web-b"; .port = "8000"; .probe = healthz; }

acl purgers {
    "172.28.0.0"/16;
    "localhost";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(web_a);
    app.add_backend(web_b);
}
