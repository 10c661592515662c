"""The database: its schema, the one writer, the readers an incremental run needs, and the lock."""
