"""Deployment configuration (Varnish, nginx) and the loopback rehearsal of the topology."""
