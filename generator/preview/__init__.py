"""The preview (``explainer serve``): its server, its watcher, its long-lived builder and check,
and the "Copy citation" control on source pages."""
