"""The controller's CA and a server certificate (juju-api.md §1.3)."""
import ssl

import trustme

# controller/config.go DefaultDNSNames plus the loopback address we listen on.
SERVER_NAMES = ("juju-apiserver", "localhost", "juju-mongodb", "anything", "127.0.0.1")


def load_or_create_ca(state):
    """Reuse the CA kept in the state (so restarts keep clients' trust), else make one."""
    if state.ca_cert and state.ca_key:
        return trustme.CA.from_pem(state.ca_cert.encode(), state.ca_key.encode())
    ca = trustme.CA(organization_name="juju-simulator")
    state.ca_cert = ca.cert_pem.bytes().decode()
    state.ca_key = ca.private_key_pem.bytes().decode()
    return ca


def server_context(ca):
    """A TLS server context with a fresh leaf certificate signed by the CA."""
    leaf = ca.issue_cert(*SERVER_NAMES, common_name="juju-apiserver")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    leaf.configure_cert(ctx)
    # OpenSSL's defaults are kept: TLS 1.3 with session tickets sent after the handshake, as Go's
    # crypto/tls does in a real controller (clients must cope with post-handshake messages).
    return ctx
