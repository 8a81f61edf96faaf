"""Outgoing webhooks: tenants register a URL and a secret; events are signed and retried."""
