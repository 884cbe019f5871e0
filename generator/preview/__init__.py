"""What only the preview serves: the "Copy citation" control on source pages."""
