"""Import a công văn from text or .docx into a structured draft directive (issue 4)."""
