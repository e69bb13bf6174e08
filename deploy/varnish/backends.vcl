# compose.yaml's containers, at the fixed addresses it gives them on its backend network
# (tests/test_topology.py checks that the two files agree).
backend web_a { .host = "172.28.0.11"; .port = "8000"; .probe = healthz; }
backend web_b { .host = "172.28.0.12"; .port = "8000"; .probe = healthz; }
backend media { .host = "172.28.0.14"; .port = "80"; }

# Only the app containers purge: web-a, web-b and the scheduler (it publishes). Not the rest
# of the network, and not its gateway (every connection from the host comes from there).
acl purgers {
    "172.28.0.11";
    "172.28.0.12";
    "172.28.0.13";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(web_a);
    app.add_backend(web_b);
}
