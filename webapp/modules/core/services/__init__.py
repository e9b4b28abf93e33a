"""Public API of the core module (other modules import only from here)."""

from webapp.modules.core.services.audit import AuditFilters, audit_actions, audit_entries, recent_entries, record_entry

__all__ = ["AuditFilters", "audit_actions", "audit_entries", "recent_entries", "record_entry"]
