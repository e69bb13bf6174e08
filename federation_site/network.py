"""The reader's address, trusting `X-Forwarded-For` only from the proxies the operator named.

gunicorn trusts `X-Forwarded-Proto` only from `FORWARDED_ALLOW_IPS`; the same variable says
whose `X-Forwarded-For` the login throttling (django-axes) believes. Without it every request
seems to come from the load balancer (one lockout for everyone), and with a blanket trust
anyone could pick their own address to dodge the lockout.
"""

import ipaddress
import os
from functools import lru_cache


@lru_cache(maxsize=1)
def trusted_proxies(value=None):
    value = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1") if value is None else value
    networks = []
    for item in value.split(","):
        item = item.strip()
        if item == "*":
            return None  # every peer is trusted
        if item:
            networks.append(ipaddress.ip_network(item, strict=False))
    return tuple(networks)


def _is_trusted(address, networks):
    if networks is None:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request):
    """The first address, from the right, that is not one of our trusted proxies."""
    networks = trusted_proxies()
    address = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted(address, networks):
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            return hop
        address = hop
    return address
